// Public API of @commercebridge/relay: see README.md.
export {
  DEFAULTS,
  databaseUrlFromEnv,
  kafkaFromEnv,
  optionsFromConfig,
  optionsFromEnv,
  relayOptionsFromConfig,
  resolveOptions,
} from './config.ts';
export { RELAY_ERROR_CODES, RelayError, type RelayErrorCode } from './errors.ts';
export { type RelayProcessOptions, runRelayProcess } from './process.ts';
export { createRelay, fairShare } from './relay.ts';
export { NON_RETRIABLE_RECHECK_MS } from './slot.ts';
export { SLOT_COUNT_SETTING } from './sql/agreeSlotCount.ts';
export type {
  Compression,
  Delivery,
  KafkaOptions,
  LogLevel,
  Relay,
  RelayHooks,
  RelayOptions,
  RelaySnapshot,
  SlotStall,
  Unpublishable,
  WireOptions,
} from './types.ts';
