// Public API of @commercebridge/console: see README.md.
export { CONSOLE_ERROR_CODES, ConsoleError, type ConsoleErrorCode } from './errors.ts';
export { HISTORY_INTERVAL_MS, HISTORY_WINDOW_MS } from './history.ts';
export { METRIC_NAMES } from './metrics.ts';
export { DEFAULT_HOST, DEFAULT_PORT } from './options.ts';
export { createConsole } from './server.ts';
export { readStatus } from './status.ts';
export { TAIL_GROUP_PREFIX, TAIL_MAX_PAYLOAD_CHARS, TAIL_SIZE } from './tail.ts';
export type {
  Console,
  ConsoleOptions,
  ConsumersStatus,
  DlqStatus,
  DlqTopicStatus,
  GroupStatus,
  History,
  HistorySample,
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
  TailEvent,
  TailView,
} from './types.ts';
