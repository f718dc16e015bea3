// Public API of @commercebridge/consumers: see README.md.
export {
  type DlqEntry,
  type DlqFilter,
  type DlqState,
  type KafkaTarget,
  type ListDlqOptions,
  listDlq,
  matchesDlqFilter,
  type PurgeDlqOptions,
  purgeDlq,
  type RedriveOptions,
  type RedriveOutbox,
  type RedriveResult,
  type ReplayOptions,
  type ReplayResult,
  redriveDlq,
  replay,
} from './admin.ts';
export { backoffDelay } from './backoff.ts';
export { createConsumer } from './consumer.ts';
export { DLQ_HEADERS, dlqTopicOf, headerStrings, INBOX_KEY_HEADER } from './dlq-headers.ts';
export { CONSUMER_ERROR_CODES, ConsumerError, type ConsumerErrorCode, classifyFailure } from './errors.ts';
export {
  type CommittedOffsets,
  type ConsumerLagOptions,
  computeLag,
  consumerLag,
  type GroupLag,
  type PartitionLag,
  type TopicDepth,
  type TopicEnds,
  topicDepth,
} from './lag.ts';
export {
  type ConsumerEnvOptions,
  consumerOptionsFromConfig,
  consumerOptionsFromEnv,
} from './options.ts';
export type { Health, Readiness } from './probes.ts';
export type {
  Consumer,
  ConsumerOptions,
  Handler,
  HandlerContext,
  Handlers,
  Logger,
  RetryOptions,
  TraceInfo,
  TransactionExecutor,
  WireDecoder,
} from './types.ts';
