import { createKafkaClient, type Logger } from '@commercebridge/config';
import type { Admin, Kafka } from 'kafkajs';
import type { KafkaOptions } from './types.ts';

/**
 * The console's Kafka client. Short bounds: an unreachable cluster should turn into a section error within
 * seconds, not a status read parked for a minute.
 */
export function kafkaClient(options: KafkaOptions, logger?: Logger): Kafka {
  return createKafkaClient(options, {
    ...(logger ? { logger } : {}),
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: 2 },
  });
}

/** Options for the consumers package's DLQ functions (listDlq, redriveDlq, purgeDlq): the same connection. */
export function dlqTarget(options: KafkaOptions, logger?: Logger) {
  return { kafka: options, ...(logger ? { logger } : {}) };
}

export async function withAdmin<T>(kafka: Kafka, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
