import { createRequire } from 'node:module';
import kafkajs, { CompressionTypes, Kafka, type logCreator, logLevel, type SASLOptions } from 'kafkajs';
import type { ResolvedOptions } from '../config.ts';
import type { Logger } from '../log.ts';

const require = createRequire(import.meta.url);

let snappyRegistered = false;

/** kafkajs has no built-in snappy: register the kafkajs-snappy codec once per process. */
export function registerSnappy(): void {
  if (snappyRegistered) return;
  const SnappyCodec = require('kafkajs-snappy') as () => unknown;
  // CompressionCodecs is not among the names Node detects in kafkajs' CommonJS exports: use the default export.
  (kafkajs.CompressionCodecs as Record<number, unknown>)[CompressionTypes.Snappy] = SnappyCodec;
  snappyRegistered = true;
}

export function compressionType(compression: ResolvedOptions['compression']): CompressionTypes {
  if (compression === 'gzip') return CompressionTypes.GZIP;
  if (compression === 'snappy') {
    registerSnappy();
    return CompressionTypes.Snappy;
  }
  return CompressionTypes.None;
}

// The relay bounds its own retries (batch timeout, re-initialization), so this warning is expected noise.
const QUIET = ['Limiting retries for the idempotent producer'];

/**
 * kafkajs log entries go to the relay's JSON log at debug level: kafkajs logs every retried request as an
 * error (a missing topic, a broker restart), and the relay reports the outcome itself (batch.failed).
 */
function kafkaLogCreator(log: Logger): logCreator {
  return () => (entry) => {
    const message = entry.log.message;
    if (QUIET.some((q) => message.startsWith(q))) return;
    const fields = { namespace: entry.namespace, message, error: entry.log.error };
    log.debug(entry.level <= logLevel.ERROR ? 'kafka.error' : 'kafka.log', fields);
  };
}

export function createKafka(options: ResolvedOptions, log: Logger): Kafka {
  const { kafka } = options;
  return new Kafka({
    clientId: kafka.clientId,
    brokers: kafka.brokers,
    ssl: kafka.ssl,
    sasl: kafka.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(log),
    // Short connection/request bounds: a dead broker should surface as a batch failure the relay retries,
    // not as a request parked for a minute.
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
  });
}
