import { type Admin, Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import type { KafkaOptions } from './types.ts';

/** (Default client id of the console's Kafka clients) */
export const DEFAULT_CLIENT_ID = 'commercebridge-console';

/**
 * The console's Kafka client. Short bounds: an unreachable cluster should turn into a section error within
 * seconds, not a status read parked for a minute.
 */
export function kafkaClient(options: KafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    brokers: options.brokers,
    ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
    ...(options.sasl !== undefined ? { sasl: options.sasl as KafkaConfig['sasl'] } : {}),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: 2 },
  });
}

/** Options for the consumers package's DLQ functions (listDlq, redriveDlq, purgeDlq): the same connection. */
export function dlqTarget(options: KafkaOptions) {
  return {
    brokers: options.brokers,
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
    ...(options.sasl !== undefined ? { sasl: options.sasl } : {}),
  };
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
