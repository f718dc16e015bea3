import { ConfigError } from '@commercebridge/config';
import { describe, expect, it } from 'vitest';
import { createBridge, moduleCatalog, modulesConfigFromEnv, typeMatches } from '../src/index.ts';

const base = { KAFKA_BROKERS: 'localhost:9092' };

describe('modules configuration', () => {
  it('reads the seeds variables into one typed config, with defaults', () => {
    const config = modulesConfigFromEnv({
      KAFKA_BROKERS: 'a:9092, b:9093',
      KAFKA_CLIENT_ID: 'commercebridge-prod',
      KAFKA_GROUP_ID: 'worker-group-1',
      KAFKA_ENABLE_SSL: 'false',
      KAFKA_QUEUE_TOPIC: 'worker-queue',
      KAFKA_LOGS_TOPIC: 'system-logs',
      KAFKA_NOTIFICATIONS_TOPIC: 'notifications',
      KAFKA_MAX_BATCH_SIZE: '100',
      KAFKA_BATCH_TIMEOUT_MS: '5000',
      KAFKA_COMPRESSION_TYPE: 'snappy',
      KAFKA_MAX_IN_FLIGHT: '5',
    });
    expect(config).toEqual({
      kafka: { brokers: ['a:9092', 'b:9093'], clientId: 'commercebridge-prod' },
      groupId: 'worker-group-1',
      topics: { queue: 'worker-queue', logs: 'system-logs', notifications: 'notifications' },
      maxBatchSize: 100,
      batchTimeoutMs: 5000,
      compression: 'snappy',
      maxInFlight: 5,
    });
    expect(modulesConfigFromEnv(base).topics).toEqual({
      queue: 'queue.jobs.v1',
      logs: 'logs.entries.v1',
      notifications: 'notifications.events.v1',
    });
  });

  it.each([
    [{}, /^KAFKA_BROKERS must be set/],
    [
      { KAFKA_BROKERS: 'nohost' },
      /^KAFKA_BROKERS must be a comma-separated list of host:port without empty entries \(got "nohost"\)/,
    ],
    [
      { ...base, KAFKA_MAX_BATCH_SIZE: 'abc' },
      /^KAFKA_MAX_BATCH_SIZE must be an integer between 1 and 10000, in decimal digits only \(got "abc"\)/,
    ],
    [{ ...base, KAFKA_MAX_IN_FLIGHT: '6' }, /^KAFKA_MAX_IN_FLIGHT must be an integer between 1 and 5/],
    [{ ...base, KAFKA_BATCH_TIMEOUT_MS: '0' }, /^KAFKA_BATCH_TIMEOUT_MS must be/],
    [{ ...base, KAFKA_ENABLE_SSL: 'maybe' }, /^KAFKA_ENABLE_SSL must be true or false/],
    [{ ...base, KAFKA_COMPRESSION_TYPE: 'lz4' }, /^KAFKA_COMPRESSION_TYPE must be one of none, gzip, snappy/],
    [{ ...base, KAFKA_QUEUE_TOPIC: 'bad topic' }, /^KAFKA_QUEUE_TOPIC must be a Kafka topic name/],
  ])('fails at start naming the variable: %j', (env, message) => {
    let error: unknown;
    try {
      modulesConfigFromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toMatch(message);
  });

  it('createBridge validates before connecting anywhere', () => {
    expect(() =>
      createBridge({ env: { ...base, KAFKA_MAX_BATCH_SIZE: '0' }, databaseUrl: 'postgres://x' }),
    ).toThrow(/KAFKA_MAX_BATCH_SIZE/);
    expect(() => createBridge({ env: base })).toThrow(/DATABASE_URL must be set/);
    expect(() => createBridge({ env: { ...base, DATABASE_URL: 'garbage' } })).toThrow(
      expect.objectContaining({
        variable: 'DATABASE_URL',
        message: expect.stringMatching(/^DATABASE_URL must be a URL/),
      }),
    );
    expect(() =>
      createBridge({ env: { ...base, OUTBOX_SCHEMA: 'order-service' }, databaseUrl: 'postgres://x' }),
    ).toThrow(expect.objectContaining({ variable: 'OUTBOX_SCHEMA' }));
  });

  it("createBridge checks the start's variables and the embedded relay's at once", () => {
    const url = 'postgres://x';
    for (const [name, value] of [
      ['KAFKA_TOPIC_PARTITIONS', '0'],
      ['BRIDGE_CREATE_TOPICS', 'maybe'],
      ['BRIDGE_EMBEDDED_RELAY', 'maybe'],
      ['BRIDGE_LOGS_PROJECTION', 'sometimes'],
      ['RELAY_SLOT_COUNT', '0'],
    ] as const) {
      expect(() => createBridge({ env: { ...base, [name]: value }, databaseUrl: url })).toThrow(
        expect.objectContaining({
          variable: name,
          message: expect.stringMatching(new RegExp(`^${name} must be`)),
        }),
      );
    }
    expect(() => createBridge({ env: base, databaseUrl: url, createTopics: { partitions: 0 } })).toThrow(
      /\/bridge\/createTopics\/partitions must be an integer between 1 and 10000/,
    );
    const bridge = createBridge({ env: { ...base, BRIDGE_EMBEDDED_RELAY: 'off' }, databaseUrl: url });
    expect(bridge.relay).toBeNull();
    expect(bridge.integrations.kafka.module_logs.projectionMode).toBe('on');
    const external = createBridge({ env: { ...base, BRIDGE_LOGS_PROJECTION: 'external' }, databaseUrl: url });
    expect(external.integrations.kafka.module_logs.projectionMode).toBe('external');
  });

  it('binds the module events to overridden topics in a catalog copy', () => {
    const catalog = moduleCatalog({
      queue: 'worker-queue',
      logs: 'system-logs',
      notifications: 'notifications',
    });
    expect(catalog.events['job.enqueued'].topic).toBe('worker-queue');
    expect(catalog.events['log.written'].topic).toBe('system-logs');
    expect(catalog.events['notification.published'].topic).toBe('notifications');
    expect(catalog.events['job.enqueued'].messageName).toBe('commercebridge.queue.v1.JobCard');
  });

  it('matches notification types exactly or by prefix', () => {
    expect(typeMatches(undefined, 'order.confirmed')).toBe(true);
    expect(typeMatches(['order.*'], 'order.confirmed')).toBe(true);
    expect(typeMatches(['order.confirmed'], 'order.shipped')).toBe(false);
    expect(typeMatches(['order.*'], 'orders.x')).toBe(false);
  });
});
