import { createKafkaClient, type Logger } from '@commercebridge/config';
import type { Kafka } from 'kafkajs';
import type { ResolvedOptions } from '../config.ts';

/** kafkajs's log goes through the relay's logger at honest levels (kafkaLogLevel of @commercebridge/config). */
export function createKafka(options: ResolvedOptions, log: Logger): Kafka {
  return createKafkaClient(options.kafka, {
    logger: log,
    // Short connection/request bounds: a dead broker should surface as a batch failure the relay retries,
    // not as a request parked for a minute.
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
  });
}
