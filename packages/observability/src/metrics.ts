// The metrics that describe the deployment's state (outbox backlog, consumer lag, DLQ depth, job counts), read
// from Postgres and Kafka when scraped. The relay, the consumers, the queue module and the console all show
// some of them: one definition each, so that one name means one thing wherever it is scraped.

/** A gauge's name, help text and label names. */
export interface MetricDefinition<L extends string = string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
}

function define<const L extends string>(name: string, help: string, labelNames: readonly L[]) {
  return { name, help, labelNames } satisfies MetricDefinition<L>;
}

export const METRICS = {
  /** Relay, console. */
  outboxBacklog: define(
    'commercebridge_outbox_backlog',
    'Unpublished outbox events per relay slot, read from Postgres at scrape',
    ['slot'],
  ),
  /** Relay, console. */
  outboxOldestAge: define(
    'commercebridge_outbox_oldest_age_seconds',
    'Age of the oldest unpublished outbox event per relay slot (0 when none), database clock',
    ['slot'],
  ),
  /** Console. */
  slotLeased: define(
    'commercebridge_relay_slot_leased',
    'Whether a relay slot has a live lease (1) or none (0), with its owner',
    ['slot', 'owner'],
  ),
  /** Consumers (their own group), console (every group). */
  consumerLag: define(
    'commercebridge_consumer_lag',
    "Offsets between a consumer group's committed position and the read_committed end, per partition",
    ['group', 'topic', 'partition'],
  ),
  /** Consumers (their DLQ topics), console (every `*.dlq` topic). */
  dlqDepth: define(
    'commercebridge_dlq_depth',
    'Records in a DLQ topic (end - start offsets over its partitions)',
    ['topic'],
  ),
  /** Console. */
  dlqPending: define(
    'commercebridge_dlq_pending',
    'DLQ entries neither redriven nor purged (when the inbox table holds the markers)',
    ['topic'],
  ),
  /** Queue module, console. */
  queueJobs: define(
    'commercebridge_queue_jobs',
    'Jobs per queue and status (scheduled, pending, processing, completed, failed, dead, cancelled), from the jobs table',
    ['queue', 'status'],
  ),
  /** Console: whether each section of its status read succeeded. */
  statusSectionUp: define(
    'commercebridge_status_section_up',
    'Whether a status section was read (1), failed (0) or is not installed (-1): outbox, consumers, dlq, jobs',
    ['section'],
  ),
} as const;

export type MetricKey = keyof typeof METRICS;
