import { ConfigError } from '@commercebridge/config';
import { describe, expect, it } from 'vitest';
import { fairShare, optionsFromEnv, resolveOptions } from '../src/index.ts';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

function envError(env: Record<string, string>): ConfigError {
  try {
    optionsFromEnv({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('relay configuration from the environment', () => {
  it('applies the documented defaults', () => {
    const { options, cli } = optionsFromEnv(base);
    expect(options).toMatchObject({
      schema: 'commercebridge',
      slotCount: 4,
      batchSize: 100,
      batchTimeoutMs: 5000,
      compression: 'none',
      maxInFlight: 5,
      leaseTtlMs: 5000,
      pollIntervalMs: 1000,
      notify: true,
      metricsPort: 9464,
      autoCreateTopics: false,
      delivery: 'exactly-once',
      stallTimeoutMs: 30_000,
      unpublishable: 'block',
      wire: { mode: 'headers' },
      stateTopic: 'commercebridge.relay-state',
      transactionalIdPrefix: 'commercebridge.relay.',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'commercebridge' },
    });
    expect(options.kafka).not.toHaveProperty('ssl');
    expect(options.kafka).not.toHaveProperty('sasl');
    expect(options.relayId).toMatch(/-\d+$/);
    expect(cli.exitAfterCommits).toBeNull();
  });

  it('reads every variable', () => {
    const { options } = optionsFromEnv({
      ...base,
      KAFKA_BROKERS: 'a:1, b:2',
      KAFKA_CLIENT_ID: 'me',
      KAFKA_ENABLE_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'user',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_MAX_BATCH_SIZE: '500',
      KAFKA_BATCH_TIMEOUT_MS: '2000',
      KAFKA_COMPRESSION_TYPE: 'snappy',
      KAFKA_MAX_IN_FLIGHT: '1',
      OUTBOX_SCHEMA: 'shop',
      RELAY_SLOT_COUNT: '8',
      RELAY_ID: 'relay-1',
      RELAY_TRANSACTIONAL_ID_PREFIX: 'tx-',
      RELAY_STATE_TOPIC: 'state.topic',
      RELAY_SCHEMA_MODE: 'registry',
      SCHEMA_REGISTRY_URL: 'http://registry:8081',
      RELAY_LEASE_TTL_MS: '3000',
      RELAY_POLL_INTERVAL_MS: '50',
      RELAY_NOTIFY: 'off',
      RELAY_METRICS_PORT: '0',
      RELAY_AUTO_CREATE_TOPICS: 'on',
      RELAY_DELIVERY: 'at-least-once',
      RELAY_STALL_TIMEOUT_MS: '2000',
      RELAY_UNPUBLISHABLE: 'park',
    });
    expect(options).toMatchObject({
      schema: 'shop',
      slotCount: 8,
      relayId: 'relay-1',
      transactionalIdPrefix: 'tx-',
      stateTopic: 'state.topic',
      batchSize: 500,
      batchTimeoutMs: 2000,
      compression: 'snappy',
      maxInFlight: 1,
      wire: { mode: 'registry', url: 'http://registry:8081' },
      leaseTtlMs: 3000,
      pollIntervalMs: 50,
      notify: false,
      metricsPort: 0,
      autoCreateTopics: true,
      delivery: 'at-least-once',
      stallTimeoutMs: 2000,
      unpublishable: 'park',
      kafka: {
        brokers: ['a:1', 'b:2'],
        clientId: 'me',
        ssl: true,
        sasl: { mechanism: 'scram-sha-512', username: 'user', password: 'secret' },
      },
    });
  });

  it('uses registry mode by default when a registry URL is set, header mode otherwise', () => {
    expect(optionsFromEnv({ ...base, SCHEMA_REGISTRY_URL: 'http://r:1' }).options.wire.mode).toBe('registry');
    expect(
      optionsFromEnv({ ...base, SCHEMA_REGISTRY_URL: 'http://r:1', RELAY_SCHEMA_MODE: 'headers' }).options
        .wire,
    ).toEqual({ mode: 'headers' });
  });

  it.each([
    [{ KAFKA_BROKERS: '' }, 'KAFKA_BROKERS'],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ KAFKA_COMPRESSION_TYPE: 'lz4' }, 'KAFKA_COMPRESSION_TYPE must be one of none, gzip, snappy'],
    [{ KAFKA_COMPRESSION_TYPE: 'zstd' }, 'KAFKA_COMPRESSION_TYPE'],
    [
      { KAFKA_MAX_BATCH_SIZE: 'abc' },
      'KAFKA_MAX_BATCH_SIZE must be an integer between 1 and 10000, in decimal digits only (got "abc")',
    ],
    [{ KAFKA_MAX_BATCH_SIZE: '0' }, 'KAFKA_MAX_BATCH_SIZE'],
    [{ KAFKA_BATCH_TIMEOUT_MS: '1.5' }, 'KAFKA_BATCH_TIMEOUT_MS'],
    [{ KAFKA_MAX_IN_FLIGHT: '6' }, 'KAFKA_MAX_IN_FLIGHT must be an integer between 1 and 5'],
    [
      { KAFKA_ENABLE_SSL: 'maybe' },
      'KAFKA_ENABLE_SSL must be true or false (also 1/0, on/off, yes/no; any case)',
    ],
    [
      { KAFKA_SASL_MECHANISM: 'gssapi' },
      'KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512',
    ],
    [{ KAFKA_SASL_MECHANISM: 'plain' }, 'KAFKA_SASL_USERNAME'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_PASSWORD'],
    [{ KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_MECHANISM'],
    [{ OUTBOX_SCHEMA: 'bad-name' }, 'OUTBOX_SCHEMA'],
    [{ RELAY_SLOT_COUNT: '0' }, 'RELAY_SLOT_COUNT must be an integer between 1 and 1024'],
    [{ RELAY_STATE_TOPIC: 'a topic' }, 'RELAY_STATE_TOPIC'],
    [{ RELAY_SCHEMA_MODE: 'avro' }, 'RELAY_SCHEMA_MODE must be one of registry, headers'],
    [{ RELAY_SCHEMA_MODE: 'registry' }, 'SCHEMA_REGISTRY_URL'],
    [{ RELAY_LEASE_TTL_MS: '500' }, 'RELAY_LEASE_TTL_MS must be an integer between 1000'],
    [{ RELAY_POLL_INTERVAL_MS: 'often' }, 'RELAY_POLL_INTERVAL_MS'],
    [{ RELAY_NOTIFY: 'sometimes' }, 'RELAY_NOTIFY must be true or false'],
    [{ RELAY_METRICS_PORT: '70000' }, 'RELAY_METRICS_PORT'],
    [{ RELAY_AUTO_CREATE_TOPICS: 'x' }, 'RELAY_AUTO_CREATE_TOPICS'],
    [{ RELAY_DELIVERY: 'at-most-once' }, 'RELAY_DELIVERY must be one of exactly-once, at-least-once'],
    [{ RELAY_STALL_TIMEOUT_MS: '50' }, 'RELAY_STALL_TIMEOUT_MS must be an integer between 100 and 86400000'],
    [
      { RELAY_UNPUBLISHABLE: 'skip' },
      'RELAY_UNPUBLISHABLE must be one of block, park (any case) (got "skip")',
    ],
  ])('rejects %j naming the variable', (env, message) => {
    const error = envError(env);
    expect(error.message).toContain(message);
    expect(message.startsWith(error.variable)).toBe(true);
  });

  it('names the option path for programmatic options', () => {
    expect(() =>
      resolveOptions({ database: 'postgres://x/y', kafka: { brokers: ['a:1'] }, batchSize: 0 }),
    ).toThrow('/relay/batchSize must be an integer between 1 and 10000 (got 0)');
    expect(() =>
      resolveOptions({
        database: 'postgres://x/y',
        kafka: { brokers: ['a:1'] },
        compression: 'lz4' as never,
      }),
    ).toThrow('/relay/compression must be one of none, gzip, snappy');
  });
});

describe('fair share of slots', () => {
  it('adds up to the slot count and differs by at most one', () => {
    for (let slots = 1; slots <= 16; slots++) {
      for (let members = 1; members <= 6; members++) {
        const ids = Array.from({ length: members }, (_, i) => `relay-${i}`);
        const shares = ids.map((id) => fairShare(ids, id, slots));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(slots);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('counts this relay even before its member row is visible', () => {
    expect(fairShare(['relay-a'], 'relay-b', 4)).toBe(2);
    expect(fairShare([], 'relay-b', 4)).toBe(4);
  });
});
