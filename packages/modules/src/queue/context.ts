// What the queue's parts share: the compiled options of one queue module.

import type { Logger } from '@commercebridge/consumers';
import type { Outbox } from '@commercebridge/outbox';
import type { WireCodec } from '@commercebridge/schemas';
import type { Kafka, Producer } from 'kafkajs';
import type pg from 'pg';
import type { ModuleCatalog } from '../topics.ts';

export interface QueueContext {
  pool: pg.Pool;
  /** The escaped schema. */
  s: string;
  catalog: ModuleCatalog;
  outbox: Outbox<ModuleCatalog>;
  codec: WireCodec<ModuleCatalog>;
  kafka: Kafka;
  topic: string;
  dlqTopic: string;
  groupId: string;
  queue: string;
  workerId: string;
  leaseMs: number;
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  logger: Logger;
  /** The DLQ producer, connected on first use. */
  dlqProducer(): Promise<Producer>;
  /** Wakes fetchBatch calls waiting for jobs. */
  wake(): void;
}
