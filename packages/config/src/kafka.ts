// The Kafka connection options every factory accepts (`kafka: KafkaSettings`), their check, and the one place
// that builds kafkajs clients, so that TLS and SASL reach every client the project creates.
import { createRequire } from 'node:module';
import type { CompressionTypes, Kafka, KafkaConfig } from 'kafkajs';
import * as z from 'zod';
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

type ClientOptions = Omit<KafkaConfig, 'brokers' | 'clientId' | 'ssl' | 'sasl'>;

// kafkajs is loaded when a client is built: packages that only need the variable rules (the outbox) never load it.
const require = createRequire(import.meta.url);
const kafkajs = () => require('kafkajs') as typeof import('kafkajs');

/**
 * The one kafkajs client factory. `options` are the kafkajs client options other than the connection (log,
 * timeouts, retry); kafkajs logging is off unless `options` set it. Throws ConfigError naming `path` for bad
 * settings.
 */
export function createKafkaClient(
  settings: KafkaSettings,
  options: ClientOptions = {},
  path = '/kafka',
): Kafka {
  const checked = parseKafkaSettings(settings, path);
  const { Kafka, logLevel } = kafkajs();
  return new Kafka({
    logLevel: logLevel.NOTHING,
    ...options,
    clientId: checked.clientId,
    brokers: checked.brokers,
    ...(checked.ssl !== undefined ? { ssl: checked.ssl as KafkaConfig['ssl'] } : {}),
    ...(checked.sasl !== undefined ? { sasl: checked.sasl as KafkaConfig['sasl'] } : {}),
  });
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
