// The Kafka connection options every factory accepts (`kafka: KafkaSettings`), their check, and the one place
// that builds kafkajs clients, so that TLS and SASL reach every client the project creates.
import { createRequire } from 'node:module';
import type { CompressionTypes, Kafka, KafkaConfig, LogEntry, logCreator } from 'kafkajs';
import * as z from 'zod';
import { toKafkaAccessError } from './access.ts';
import type { Logger, LogLevel } from './log.ts';
import { checkOption } from './options.ts';
import { brokerList, text } from './rules.ts';
import { type COMPRESSIONS, SASL_MECHANISMS } from './variables.ts';

export type SaslMechanism = (typeof SASL_MECHANISMS)[number];
export type Compression = (typeof COMPRESSIONS)[number];

type Pem = string | Buffer | Array<string | Buffer>;

/** TLS options (node:tls): the ones commercebridge documents; others are passed on to node:tls unchanged. */
export interface KafkaTlsSettings {
  /** CA certificates (PEM) the brokers' certificates are checked against. (Default: Node's CA store) */
  ca?: Pem;
  /** Client certificate (PEM), for mutual TLS. */
  cert?: Pem;
  /** Private key (PEM) of the client certificate. */
  key?: Pem;
  passphrase?: string;
  /** (Default: true) */
  rejectUnauthorized?: boolean;
  servername?: string;
}

/** Kafka connection options, the same in every factory (relay, consumers, DLQ tools, modules, console, CLI). */
export interface KafkaSettings {
  brokers: string[];
  /** (Default: 'commercebridge') */
  clientId?: string;
  /** TLS: `true`, or TLS options (CA, client certificate). (Default: false) */
  ssl?: boolean | KafkaTlsSettings;
  /** SASL PLAIN / SCRAM-SHA-256 / SCRAM-SHA-512. (Default: none) */
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
}

/** (Default client id of every Kafka client) */
export const DEFAULT_CLIENT_ID = 'commercebridge';

const pem = z.union([z.string(), z.instanceof(Buffer), z.array(z.union([z.string(), z.instanceof(Buffer)]))]);
const tls = z.looseObject({
  ca: pem.optional(),
  cert: pem.optional(),
  key: pem.optional(),
  passphrase: z.string().optional(),
  rejectUnauthorized: z.boolean().optional(),
  servername: z.string().optional(),
});
const TLS_TEXT = 'true, false or TLS options { ca?, cert?, key?, passphrase?, rejectUnauthorized? }';
const sasl = z.object({
  mechanism: z.enum(SASL_MECHANISMS),
  username: z.string().min(1),
  password: z.string(),
});
const SASL_TEXT = `{ mechanism: ${SASL_MECHANISMS.join(' | ')}, username: non-empty string, password: string }`;

/**
 * Checks Kafka connection options; errors name the option path (`/relay/kafka/brokers`) and never echo TLS keys
 * or the SASL password. Returns them with the client id defaulted.
 */
export function parseKafkaSettings(value: unknown, path = '/kafka'): KafkaSettings & { clientId: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    checkOption(
      { text: "an object { brokers: ['host:port'], clientId?, ssl?, sasl? }", value: z.never() },
      value,
      path,
    );
  }
  const settings = value as KafkaSettings;
  const brokers = checkOption(brokerList(), settings.brokers, `${path}/brokers`);
  const clientId =
    settings.clientId === undefined
      ? DEFAULT_CLIENT_ID
      : checkOption(text(255), settings.clientId, `${path}/clientId`);
  const result: KafkaSettings & { clientId: string } = { brokers, clientId };
  if (settings.ssl !== undefined) {
    result.ssl =
      typeof settings.ssl === 'boolean'
        ? settings.ssl
        : (checkOption({ text: TLS_TEXT, value: tls }, settings.ssl, `${path}/ssl`, { secret: true }) as
            | KafkaTlsSettings
            | boolean);
  }
  if (settings.sasl !== undefined) {
    result.sasl = checkOption({ text: SASL_TEXT, value: sasl }, settings.sasl, `${path}/sasl`, {
      secret: true,
    });
  }
  return result;
}

type ClientOptions = Omit<KafkaConfig, 'brokers' | 'clientId' | 'ssl' | 'sasl' | 'logCreator'> & {
  /** Where kafkajs's own log goes, at honest levels (kafkaLogCreator). (Default: kafkajs logs nothing) */
  logger?: Logger;
};

// kafkajs is loaded when a client is built: packages that only need the variable rules (the outbox) never load it.
const require = createRequire(import.meta.url);
const kafkajs = () => require('kafkajs') as typeof import('kafkajs');

// Answers a broker gives while a group or a coordinator settles (every start, every rebalance). kafkajs logs
// them as errors and retries; they are expected, so they go to debug.
const SETTLING =
  /coordinator is (loading|not available)|not (the )?coordinator|group is rebalancing|rebalance in progress|re-?join|The group member needs to have a valid member id|no leader for this topic-partition|does not host this topic-partition|leadership election|metadata is not available|another concurrent operation on the same transaction|Limiting retries for the idempotent producer/i;

/** The logger level of one kafkajs entry; undefined drops it. */
export function kafkaLogLevel(
  entry: Pick<LogEntry, 'level'> & { log: { message: string; [key: string]: unknown } },
): LogLevel {
  const { logLevel } = kafkajs();
  const { message } = entry.log;
  const error = typeof entry.log['error'] === 'string' ? entry.log['error'] : '';
  if (SETTLING.test(message) || SETTLING.test(error)) {
    // A consumer crash kafkajs restarts from (retriable) is worth a warning: the group paused for it.
    return message.startsWith('Crash') ? 'warn' : 'debug';
  }
  // The answer to a CreateTopics request goes back to the caller, which takes "already exists" as success and
  // raises any other refusal with what to fix (createTopicsAndWait): kafkajs's own error line adds nothing.
  if (message.startsWith('Response CreateTopics')) return 'debug';
  if (entry.level <= logLevel.ERROR) {
    // kafkajs logs each retried request as an error before retrying it; the retry's outcome is what counts.
    const retried = entry.log['retryCount'] !== undefined || entry.log['retryTime'] !== undefined;
    return retried ? 'warn' : 'error';
  }
  if (entry.level === logLevel.WARN) return 'warn';
  // kafkajs's info lines are about its internals (joined, fetching): the components log their own lifecycle.
  return 'debug';
}

/** kafkajs's log through a commercebridge Logger: `{ kafkajs: namespace, ...fields }, message` at kafkaLogLevel. */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () => (entry) => {
    const {
      message,
      timestamp: _t,
      logger: _l,
      stack,
      ...fields
    } = entry.log as LogEntry['log'] & {
      stack?: unknown;
    };
    const level = kafkaLogLevel(entry);
    if (logger.isLevelEnabled && !logger.isLevelEnabled(level)) return;
    // The stack of an error line is kept; a downgraded one is an expected answer and needs none.
    const line = { kafkajs: entry.namespace, ...fields, ...(level === 'error' && stack ? { stack } : {}) };
    logger[level](line, message);
  };
}

type Connectable = { connect(): Promise<void> };

/**
 * Connects once, without retries, and throws KafkaAccessError when the brokers refuse the client: a wrong
 * password, a CA that does not vouch for their certificate, or (`write: true`) a principal that may not write
 * (an idempotent producer's id is refused). Any other failure (a broker that is down) is not an answer about
 * access: it resolves, and the caller's own client retries as usual. A plaintext connection without SASL
 * resolves at once unless `write` is asked for.
 */
export async function probeKafkaAccess(
  settings: KafkaSettings,
  options: { write?: boolean; connectionTimeout?: number } = {},
): Promise<void> {
  const checked = parseKafkaSettings(settings);
  if (checked.ssl === undefined && checked.sasl === undefined && !options.write) return;
  const { Kafka, logLevel } = kafkajs();
  const kafka = new Kafka({
    clientId: checked.clientId,
    brokers: checked.brokers,
    ...(checked.ssl !== undefined ? { ssl: checked.ssl as KafkaConfig['ssl'] } : {}),
    ...(checked.sasl !== undefined ? { sasl: checked.sasl as KafkaConfig['sasl'] } : {}),
    logLevel: logLevel.NOTHING,
    connectionTimeout: options.connectionTimeout ?? 5000,
    retry: { retries: 0 },
  });
  const attempt = async (
    client: { connect(): Promise<void>; disconnect(): Promise<void> },
    doing: string,
  ) => {
    try {
      await client.connect();
      return true;
    } catch (error) {
      const access = toKafkaAccessError(error, checked, doing);
      if (access) throw access;
      return false;
    } finally {
      await client.disconnect().catch(() => {});
    }
  };
  // The login and the handshake first, without retries; then (an idempotent producer needs a retry) the id.
  if (!(await attempt(kafka.admin(), 'connecting')) || !options.write) return;
  await attempt(
    kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 1 } }),
    'checking that it may write (an idempotent producer id)',
  );
}

/**
 * The one kafkajs client factory. `options` are the kafkajs client options other than the connection (log,
 * timeouts, retry). kafkajs logs nothing unless `options.logger` is given. Throws ConfigError naming `path`
 * for bad settings.
 *
 * Every `connect()` of its admin, producers and consumers fails fast with a KafkaAccessError when the brokers
 * refuse the client (wrong password, untrusted CA, missing ACL): the first one probes the brokers once without
 * retries, because kafkajs retries a failed TLS handshake like a broker that is down.
 */
export function createKafkaClient(
  settings: KafkaSettings,
  options: ClientOptions = {},
  path = '/kafka',
): Kafka {
  const checked = parseKafkaSettings(settings, path);
  const { Kafka, logLevel } = kafkajs();
  const { logger, ...rest } = options;
  const connection = {
    clientId: checked.clientId,
    brokers: checked.brokers,
    ...(checked.ssl !== undefined ? { ssl: checked.ssl as KafkaConfig['ssl'] } : {}),
    ...(checked.sasl !== undefined ? { sasl: checked.sasl as KafkaConfig['sasl'] } : {}),
  };
  const kafka = new Kafka({
    logLevel: logger ? (logger.isLevelEnabled?.('debug') ? logLevel.INFO : logLevel.WARN) : logLevel.NOTHING,
    ...(logger ? { logCreator: kafkaLogCreator(logger) } : {}),
    ...rest,
    ...connection,
  });
  let probe: Promise<void> | undefined;
  const probeOnce = () => {
    // Once per client while it works; a refusal is probed again on the next connect (the ACL may be fixed).
    probe ??= probeKafkaAccess(checked, { connectionTimeout: rest.connectionTimeout ?? 5000 }).catch(
      (error) => {
        probe = undefined;
        throw error;
      },
    );
    return probe;
  };
  const guard = <T extends Connectable>(client: T, doing: string): T => {
    const connect = client.connect.bind(client);
    client.connect = async () => {
      await probeOnce();
      try {
        await connect();
      } catch (error) {
        throw toKafkaAccessError(error, checked, doing) ?? error;
      }
    };
    return client;
  };
  const admin = kafka.admin.bind(kafka);
  const producer = kafka.producer.bind(kafka);
  const consumer = kafka.consumer.bind(kafka);
  kafka.admin = (config) => guard(admin(config), 'connecting the admin client');
  kafka.producer = (config) =>
    guard(
      producer(config),
      config?.transactionalId
        ? `initializing the transactional producer "${config.transactionalId}"`
        : 'connecting a producer',
    );
  kafka.consumer = (config) =>
    guard(consumer(config), `connecting the consumer of group "${config.groupId}"`);
  return kafka;
}

let snappyRegistered = false;

/** The kafkajs compression type; kafkajs has no built-in snappy, so the kafkajs-snappy codec is registered once. */
export function compressionType(compression: Compression): CompressionTypes {
  const { CompressionTypes, CompressionCodecs } = kafkajs();
  if (compression === 'gzip') return CompressionTypes.GZIP;
  if (compression === 'snappy') {
    if (!snappyRegistered) {
      (CompressionCodecs as Record<number, unknown>)[CompressionTypes.Snappy] = require('kafkajs-snappy');
      snappyRegistered = true;
    }
    return CompressionTypes.Snappy;
  }
  return CompressionTypes.None;
}
