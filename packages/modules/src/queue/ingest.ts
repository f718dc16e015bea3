// The ingester: a read_committed consumer of the queue topic. It creates the rows of job cards that other
// producers wrote to the topic (publishJob writes its rows itself), sends undecodable messages to the DLQ, and
// wakes waiting fetchBatch calls when jobs arrive. It never waits on jobs: each batch is one insert, then its
// offsets are committed, so a held or slow job cannot stall fetching (the rows, not the offsets, hold the state).
import { DLQ_HEADERS, headerStrings } from '@commercebridge/consumers';
import type { Consumer as KafkaConsumer } from 'kafkajs';
import { databaseError } from '../errors.ts';
import { ingestJobs } from '../sql/insertJob.ts';
import { inTransaction } from '../tx.ts';
import { cardOf, newJobOfCard } from './card.ts';
import type { QueueContext } from './context.ts';

export interface Ingester {
  /** Resolves on the first group join; rejects when the consumer crashes before it. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createIngester(ctx: QueueContext): Ingester {
  let consumer: KafkaConsumer | undefined;
  return {
    async start() {
      const c = ctx.kafka.consumer({
        groupId: ctx.groupId,
        readUncommitted: false,
        maxWaitTimeInMs: 200,
        sessionTimeout: 10_000,
      });
      consumer = c;
      await c.connect();
      await c.subscribe({ topic: ctx.topic, fromBeginning: true });
      const joined = new Promise<void>((resolve, reject) => {
        c.on(c.events.GROUP_JOIN, () => resolve());
        c.on(c.events.CRASH, (event) => reject(event.payload.error));
      });
      await c.run({
        autoCommit: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          const jobs: Parameters<typeof ingestJobs>[2] = [];
          const undecodable: Array<{ message: (typeof batch.messages)[number]; reason: string }> = [];
          let sawJob = false;
          for (const message of batch.messages) {
            const headers = headerStrings(message.headers);
            try {
              if (!message.value) throw new Error('a tombstone is not a job');
              const decoded = await ctx.codec.fromWire(message.value, headers);
              if (decoded.type !== 'job.enqueued') continue; // lifecycle events (job.completed) share the topic
              sawJob = true;
              const card = cardOf(decoded.payload);
              if (card.hasRow) continue;
              if (!card.jobId || !card.type) throw new Error('a job card needs job_id and type');
              jobs.push({
                ...newJobOfCard(card, { queue: ctx.queue, maxAttempts: ctx.retry.maxAttempts }),
                attempts: card.attempts,
                partition: batch.partition,
                offset: message.offset,
              });
            } catch (error) {
              undecodable.push({ message, reason: (error as Error).message });
            }
          }
          if (undecodable.length > 0) {
            const producer = await ctx.dlqProducer();
            const now = new Date().toISOString();
            await producer.send({
              topic: ctx.dlqTopic,
              acks: -1,
              messages: undecodable.map(({ message, reason }) => ({
                key: message.key,
                value: message.value,
                headers: {
                  ...headerStrings(message.headers),
                  [DLQ_HEADERS.errorCode]: 'CONSUMER_UNDECODABLE',
                  [DLQ_HEADERS.errorMessage]: reason.slice(0, 4000),
                  [DLQ_HEADERS.errorRetriable]: 'false',
                  [DLQ_HEADERS.attempts]: '0',
                  [DLQ_HEADERS.originalTopic]: batch.topic,
                  [DLQ_HEADERS.originalPartition]: String(batch.partition),
                  [DLQ_HEADERS.originalOffset]: message.offset,
                  [DLQ_HEADERS.originalTimestamp]: message.timestamp,
                  [DLQ_HEADERS.consumerGroup]: ctx.groupId,
                  [DLQ_HEADERS.firstFailureAt]: now,
                  [DLQ_HEADERS.lastFailureAt]: now,
                },
              })),
            });
          }
          if (jobs.length > 0) {
            await inTransaction(ctx.pool, undefined, 'ingest job cards', (executor) =>
              ingestJobs(executor, ctx.s, jobs),
            ).catch((error: unknown) => {
              throw databaseError('ingest job cards', error);
            });
          }
          const last = batch.messages.at(-1);
          if (last) {
            resolveOffset(last.offset);
            await c.commitOffsets([
              {
                topic: batch.topic,
                partition: batch.partition,
                offset: (BigInt(last.offset) + 1n).toString(),
              },
            ]);
          }
          await heartbeat();
          if (sawJob) ctx.wake();
        },
      });
      try {
        await joined;
      } catch (error) {
        await c.disconnect().catch(() => {});
        consumer = undefined;
        throw error;
      }
    },
    async stop() {
      await consumer?.disconnect();
      consumer = undefined;
    },
  };
}
