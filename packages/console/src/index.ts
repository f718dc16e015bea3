// Public API of @commercebridge/console: see README.md.
export { CONSOLE_ERROR_CODES, ConsoleError, type ConsoleErrorCode } from './errors.ts';
export { METRIC_NAMES } from './metrics.ts';
export { DEFAULT_HOST, DEFAULT_PORT } from './options.ts';
export { createConsole } from './server.ts';
export { readStatus } from './status.ts';
export type {
  Console,
  ConsoleOptions,
  ConsumersStatus,
  DlqStatus,
  DlqTopicStatus,
  GroupStatus,
  JobsStatus,
  KafkaOptions,
  OutboxStatus,
  PartitionLag,
  ReadStatusOptions,
  RelayStatus,
  Section,
  SectionError,
  SlotStatus,
  Status,
} from './types.ts';
