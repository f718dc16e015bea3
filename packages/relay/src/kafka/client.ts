import { createKafkaClient } from '@commercebridge/config';
import { type Kafka, type logCreator, logLevel } from 'kafkajs';
import type { ResolvedOptions } from '../config.ts';
import type { Logger } from '../log.ts';

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
  return createKafkaClient(options.kafka, {
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(log),
    // Short connection/request bounds: a dead broker should surface as a batch failure the relay retries,
    // not as a request parked for a minute.
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
  });
}
