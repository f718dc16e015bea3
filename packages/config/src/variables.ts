// The variable table: every environment variable of commercebridge, once, with its rule, default and meaning.
// Parsing (readConfig), the option checks of the factories and the docs table (pnpm config:docs) all read it.
import {
  boolean,
  brokerList,
  file,
  integer,
  oneOf,
  type Rule,
  schemaName,
  text,
  topicName,
  url,
} from './rules.ts';

/** A component that reads variables (the docs table lists them per variable); the console takes options. */
export type Component = 'relay' | 'consumers' | 'modules' | 'cli';

export type Group =
  | 'Logging'
  | 'Kafka connection'
  | 'Kafka clients'
  | 'Postgres'
  | 'Schema registry'
  | 'Bridge'
  | 'Relay'
  | 'CLI';

export interface Variable<T = unknown, D extends T | undefined = T | undefined> {
  readonly group: Group;
  readonly description: string;
  readonly rule: Rule<T>;
  /** The value when the variable is unset or empty. */
  readonly default?: D;
  /** The default in words, when it is computed (`<schema>.relay-state`). */
  readonly defaultText?: string;
  /** A valid value, quoted by error messages as the fix. */
  readonly example: string;
  /** Never echoed in errors or logs. */
  readonly secret?: boolean;
  readonly readBy: readonly Component[];
}

const variable = <T, const D extends T | undefined = undefined>(spec: Variable<T, D>) =>
  spec as Variable<T, D> & { readonly default: D };

const KAFKA: readonly Component[] = ['relay', 'consumers', 'modules', 'cli'];
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export const COMPRESSIONS = ['none', 'gzip', 'snappy'] as const;

export const VARIABLES = {
  COMMERCEBRIDGE_LOG_LEVEL: variable({
    group: 'Logging',
    description:
      'Lowest level of the JSON log lines of every component the CLI starts (relay, consumers, modules, console) and of the CLI itself; kafkajs lines included.',
    rule: oneOf(['debug', 'info', 'warn', 'error']),
    default: 'info',
    example: 'debug',
    readBy: KAFKA,
  }),
  KAFKA_BROKERS: variable({
    group: 'Kafka connection',
    description: 'Bootstrap brokers. Required by every command and component that talks to Kafka.',
    rule: brokerList(),
    example: '127.0.0.1:9092',
    readBy: KAFKA,
  }),
  KAFKA_CLIENT_ID: variable({
    group: 'Kafka connection',
    description: 'Client id of every Kafka client (broker logs, quotas).',
    rule: text(255),
    default: 'commercebridge',
    example: 'billing-service',
    readBy: KAFKA,
  }),
  KAFKA_ENABLE_SSL: variable({
    group: 'Kafka connection',
    description:
      'TLS to the brokers. Turned on by any KAFKA_SSL_* variable; `off` together with one is an error.',
    rule: boolean(),
    default: false,
    example: 'on',
    readBy: KAFKA,
  }),
  KAFKA_SSL_CA_FILE: variable({
    group: 'Kafka connection',
    description:
      "PEM file of the CA certificates the brokers' certificates are checked against. (Default: Node's CA store)",
    rule: file(),
    example: '/etc/kafka/ca.pem',
    readBy: KAFKA,
  }),
  KAFKA_SSL_CERT_FILE: variable({
    group: 'Kafka connection',
    description: 'PEM client certificate (mutual TLS); needs KAFKA_SSL_KEY_FILE.',
    rule: file(),
    example: '/etc/kafka/client.pem',
    readBy: KAFKA,
  }),
  KAFKA_SSL_KEY_FILE: variable({
    group: 'Kafka connection',
    description: 'PEM private key of the client certificate; needs KAFKA_SSL_CERT_FILE.',
    rule: file(),
    example: '/etc/kafka/client.key',
    readBy: KAFKA,
  }),
  KAFKA_SSL_KEY_PASSPHRASE: variable({
    group: 'Kafka connection',
    description: 'Passphrase of an encrypted KAFKA_SSL_KEY_FILE.',
    rule: text(1024),
    example: '<passphrase>',
    secret: true,
    readBy: KAFKA,
  }),
  KAFKA_SSL_REJECT_UNAUTHORIZED: variable({
    group: 'Kafka connection',
    description: 'Refuse brokers whose certificate does not verify. `off` only for tests.',
    rule: boolean(),
    default: true,
    example: 'on',
    readBy: KAFKA,
  }),
  KAFKA_SASL_MECHANISM: variable({
    group: 'Kafka connection',
    description: 'SASL authentication; needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. (Default: none)',
    rule: oneOf(SASL_MECHANISMS),
    example: 'scram-sha-512',
    readBy: KAFKA,
  }),
  KAFKA_SASL_USERNAME: variable({
    group: 'Kafka connection',
    description: 'SASL user; needs KAFKA_SASL_MECHANISM.',
    rule: text(1024),
    example: 'relay',
    readBy: KAFKA,
  }),
  KAFKA_SASL_PASSWORD: variable({
    group: 'Kafka connection',
    description: 'SASL password; needs KAFKA_SASL_MECHANISM.',
    rule: text(1024),
    example: '<password>',
    secret: true,
    readBy: KAFKA,
  }),
  KAFKA_GROUP_ID: variable({
    group: 'Kafka clients',
    description:
      "Base consumer group: the queue's ingester; the logs projection uses `<group>.logs`, subscriptions `<group>.notifications.<instance>`. The default group of `consumerOptionsFromEnv`.",
    rule: text(255),
    default: 'commercebridge-workers',
    example: 'billing-workers',
    readBy: ['consumers', 'modules'],
  }),
  KAFKA_QUEUE_TOPIC: variable({
    group: 'Kafka clients',
    description: 'Topic of the queue module.',
    rule: topicName(),
    default: 'queue.jobs.v1',
    example: 'queue.jobs.v1',
    readBy: ['modules', 'cli'],
  }),
  KAFKA_LOGS_TOPIC: variable({
    group: 'Kafka clients',
    description: 'Topic of the logs module.',
    rule: topicName(),
    default: 'logs.entries.v1',
    example: 'logs.entries.v1',
    readBy: ['modules', 'cli'],
  }),
  KAFKA_NOTIFICATIONS_TOPIC: variable({
    group: 'Kafka clients',
    description: 'Topic of the notifications module.',
    rule: topicName(),
    default: 'notifications.events.v1',
    example: 'notifications.events.v1',
    readBy: ['modules', 'cli'],
  }),
  KAFKA_MAX_BATCH_SIZE: variable({
    group: 'Kafka clients',
    description:
      "Messages per relay produce request (a relay Kafka transaction may span several, see `RELAY_TX_MAX_EVENTS`); messages per consumer transaction; the queue's `fetchBatch` size and logs per produce request.",
    rule: integer(1, 10_000),
    default: 100,
    example: '500',
    readBy: ['relay', 'consumers', 'modules'],
  }),
  KAFKA_BATCH_TIMEOUT_MS: variable({
    group: 'Kafka clients',
    description:
      'Bound on each Kafka call of a relay transaction (one produce request, the commit); the longest wait of `fetchBatch` for a first job and of a log in the write buffer.',
    rule: integer(100, 600_000),
    default: 5000,
    example: '2000',
    readBy: ['relay', 'modules'],
  }),
  KAFKA_COMPRESSION_TYPE: variable({
    group: 'Kafka clients',
    description: 'Compression of the relay and logs producers.',
    rule: oneOf(COMPRESSIONS),
    default: 'none',
    example: 'gzip',
    readBy: ['relay', 'modules'],
  }),
  KAFKA_MAX_IN_FLIGHT: variable({
    group: 'Kafka clients',
    description:
      'Produce requests in flight per connection (the idempotent producer keeps order with at most 5).',
    rule: integer(1, 5),
    default: 5,
    example: '1',
    readBy: ['relay', 'modules'],
  }),
  DATABASE_URL: variable({
    group: 'Postgres',
    description: 'Postgres connection string. Required by every command that reads or writes the database.',
    rule: url(['postgres:', 'postgresql:']),
    example: 'postgres://app@127.0.0.1:5432/app',
    readBy: ['relay', 'modules', 'cli'],
  }),
  OUTBOX_SCHEMA: variable({
    group: 'Postgres',
    description: 'Postgres schema of the outbox, inbox and module tables (`--schema` on the CLI wins).',
    rule: schemaName(),
    default: 'commercebridge',
    example: 'commercebridge',
    readBy: ['relay', 'consumers', 'modules', 'cli'],
  }),
  SCHEMA_REGISTRY_URL: variable({
    group: 'Schema registry',
    description:
      'Confluent-compatible registry; when set the relay and the CLI use registry framing. Credentials in the URL become a header.',
    rule: url(['http:', 'https:']),
    example: 'http://127.0.0.1:8081',
    readBy: ['relay', 'cli'],
  }),
  SCHEMA_REGISTRY_USERNAME: variable({
    group: 'Schema registry',
    description: 'Basic auth user of the registry (with SCHEMA_REGISTRY_PASSWORD).',
    rule: text(1024),
    example: 'registry-user',
    readBy: ['relay', 'cli'],
  }),
  SCHEMA_REGISTRY_PASSWORD: variable({
    group: 'Schema registry',
    description: 'Basic auth password of the registry; needs SCHEMA_REGISTRY_USERNAME.',
    rule: text(1024),
    example: '<password>',
    secret: true,
    readBy: ['relay', 'cli'],
  }),
  SCHEMA_REGISTRY_TOKEN: variable({
    group: 'Schema registry',
    description: 'Bearer token of the registry, instead of a user and password.',
    rule: text(8192),
    example: '<token>',
    secret: true,
    readBy: ['relay', 'cli'],
  }),
  KAFKA_TOPIC_PARTITIONS: variable({
    group: 'Bridge',
    description:
      'Partitions of the module topics the bridge creates at start (an existing topic keeps its count).',
    rule: integer(1, 10_000),
    default: 3,
    example: '6',
    readBy: ['modules'],
  }),
  BRIDGE_CREATE_TOPICS: variable({
    group: 'Bridge',
    description:
      "`bridge.start()` creates the missing module topics (queue 24 h, logs 7 d, notifications 3 d, the queue's DLQ 7 d) and resets their retention. `off` when an operator manages topics.",
    rule: boolean(),
    default: true,
    example: 'off',
    readBy: ['modules'],
  }),
  BRIDGE_EMBEDDED_RELAY: variable({
    group: 'Bridge',
    description:
      'The bridge runs a relay in its process (the RELAY_* variables apply), taking part in the slot leases with every other relay of the schema. `off` when a separate `commercebridge relay` delivers the outbox.',
    rule: boolean(),
    default: true,
    example: 'off',
    readBy: ['modules'],
  }),
  BRIDGE_LOGS_PROJECTION: variable({
    group: 'Bridge',
    description:
      "Who keeps `<schema>.module_logs` (read by `queryRecent`/`aggregate`): `on` this bridge's projection; `external` another process's, the queries read the table; `off` none, the queries throw MODULE_NO_PROJECTION.",
    rule: oneOf(['on', 'off', 'external']),
    default: 'on',
    example: 'external',
    readBy: ['modules'],
  }),
  RELAY_SCHEMA_MODE: variable({
    group: 'Relay',
    description: 'Wire format: registry framing, or schema identified by headers.',
    rule: oneOf(['registry', 'headers']),
    defaultText: 'registry when SCHEMA_REGISTRY_URL is set, else headers',
    example: 'headers',
    readBy: ['relay'],
  }),
  RELAY_SLOT_COUNT: variable({
    group: 'Relay',
    description: 'Number of slots; fixed for the life of an outbox schema.',
    rule: integer(1, 1024),
    default: 4,
    example: '8',
    readBy: ['relay'],
  }),
  RELAY_ID: variable({
    group: 'Relay',
    description: 'Name of this relay instance (leases, logs).',
    rule: text(200),
    defaultText: '<hostname>-<pid>',
    example: 'relay-1',
    readBy: ['relay'],
  }),
  RELAY_TRANSACTIONAL_ID_PREFIX: variable({
    group: 'Relay',
    description: 'Prefix of the Kafka transactional id of each slot.',
    rule: text(200),
    defaultText: '<schema>.relay.',
    example: 'shop.relay.',
    readBy: ['relay'],
  }),
  RELAY_STATE_TOPIC: variable({
    group: 'Relay',
    description: 'Compacted topic of the relay state (which outbox rows each Kafka transaction carried).',
    rule: topicName(),
    defaultText: '<schema>.relay-state',
    example: 'shop.relay-state',
    readBy: ['relay'],
  }),
  RELAY_LEASE_TTL_MS: variable({
    group: 'Relay',
    description: "Slot lease; a dead relay's slots move after it.",
    rule: integer(1000, 600_000),
    default: 5000,
    example: '3000',
    readBy: ['relay'],
  }),
  RELAY_TX_MAX_EVENTS: variable({
    group: 'Relay',
    description:
      'Most events per relay Kafka transaction (raised to `KAFKA_MAX_BATCH_SIZE` when lower). A slot claims up to this many unpublished rows at once and sends them in produce requests of `KAFKA_MAX_BATCH_SIZE` inside one transaction, with one state record and one mark for all of them.',
    rule: integer(1, 20_000),
    default: 5000,
    example: '1000',
    readBy: ['relay'],
  }),
  RELAY_TX_MAX_MS: variable({
    group: 'Relay',
    description:
      'Time after which a relay transaction sends no further produce request and commits what it sent (the rest of the claimed rows go into the next one): bounds how long an open transaction holds back read_committed readers of its partitions.',
    rule: integer(1, 600_000),
    default: 100,
    example: '50',
    readBy: ['relay'],
  }),
  RELAY_POLL_INTERVAL_MS: variable({
    group: 'Relay',
    description: 'Fallback poll of each slot when no NOTIFY arrives.',
    rule: integer(10, 600_000),
    default: 1000,
    example: '250',
    readBy: ['relay'],
  }),
  RELAY_NOTIFY: variable({
    group: 'Relay',
    description: "LISTEN for the outbox's NOTIFY wake-ups.",
    rule: boolean(),
    default: true,
    example: 'off',
    readBy: ['relay'],
  }),
  RELAY_METRICS_PORT: variable({
    group: 'Relay',
    description: 'Port of /metrics, /healthz, /readyz of `commercebridge relay`; 0 picks a free port.',
    rule: integer(0, 65_535),
    default: 9464,
    example: '9464',
    readBy: ['relay'],
  }),
  RELAY_AUTO_CREATE_TOPICS: variable({
    group: 'Relay',
    description: 'Create a missing event topic instead of failing with RELAY_TOPIC_MISSING.',
    rule: boolean(),
    default: false,
    example: 'on',
    readBy: ['relay'],
  }),
  RELAY_AUTO_CREATE_PARTITIONS: variable({
    group: 'Relay',
    description: 'Partitions of auto-created event topics.',
    rule: integer(1, 10_000),
    default: 3,
    example: '6',
    readBy: ['relay'],
  }),
  RELAY_DELIVERY: variable({
    group: 'Relay',
    description: 'Kafka transactions with the relay state (exactly-once), or plain idempotent sends.',
    rule: oneOf(['exactly-once', 'at-least-once']),
    default: 'exactly-once',
    example: 'at-least-once',
    readBy: ['relay'],
  }),
  RELAY_SHUTDOWN_TIMEOUT_MS: variable({
    group: 'Relay',
    description: 'Longest graceful stop before open transactions are cut short.',
    rule: integer(100, 600_000),
    default: 10_000,
    example: '30000',
    readBy: ['relay'],
  }),
  RELAY_PROMOTE_INTERVAL_MS: variable({
    group: 'Relay',
    description: 'How often due scheduled events are moved into the log; 0 disables it.',
    rule: integer(0, 3_600_000),
    default: 1000,
    example: '500',
    readBy: ['relay'],
  }),
  RELAY_STALL_TIMEOUT_MS: variable({
    group: 'Relay',
    description:
      'A slot that has failed to publish for this long is stalled (`/readyz` 503, `commercebridge_relay_slot_stalled` 1); under `RELAY_UNPUBLISHABLE=park` also how long an event waits for a retriable cause to go away before it is parked.',
    rule: integer(100, 86_400_000),
    default: 30_000,
    example: '60000',
    readBy: ['relay'],
  }),
  RELAY_UNPUBLISHABLE: variable({
    group: 'Relay',
    description:
      'An event the relay cannot publish: `block` keeps its slot waiting for it; `park` moves it (and later events of its key) into `<schema>.events_parked` so the rest of the slot flows. Infrastructure errors never park anything.',
    rule: oneOf(['block', 'park']),
    default: 'block',
    example: 'park',
    readBy: ['relay'],
  }),
  RELAY_TEST_EXIT_AFTER_COMMITS: variable({
    group: 'Relay',
    description:
      'Crash tests only: exit with 137 right after the n-th Kafka commit, before the rows are marked.',
    rule: integer(1, Number.MAX_SAFE_INTEGER),
    example: '3',
    readBy: ['relay'],
  }),
  COMMERCEBRIDGE_CATALOG: variable({
    group: 'CLI',
    description: 'Module exporting your event catalog (`--catalog` wins). (Default: the built-in catalog)',
    rule: text(4096),
    example: './dist/catalog.js',
    readBy: ['cli'],
  }),
} as const;

export type VariableName = keyof typeof VARIABLES;

/** The parsed type of a variable: its rule's type, `| undefined` when it has no default. */
export type ValueOf<V> = V extends { rule: Rule<infer T> }
  ? V extends { default: infer D }
    ? [D] extends [undefined]
      ? T | undefined
      : T
    : T | undefined
  : never;

/** Every variable, parsed: types inferred from the table. */
export type EnvValues = { -readonly [K in VariableName]: ValueOf<(typeof VARIABLES)[K]> };
