// TLS and SASL reach every Kafka client the project creates. The local broker speaks neither, so a client
// that carries the setting fails the way only that setting fails: "SASL state" for SASL (the broker refuses
// the handshake), "TLS" for TLS (the broker closes the socket during the TLS handshake). A client that lost
// the setting would connect instead.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KafkaSettings } from '@commercebridge/config';
import { silentLogger } from '@commercebridge/config';
import { readStatus } from '@commercebridge/console';
import { createConsumer, listDlq } from '@commercebridge/consumers';
import { createBridge, ensureModuleTopics } from '@commercebridge/modules';
import { migrate } from '@commercebridge/outbox';
import { createRelay } from '@commercebridge/relay';
import { catalog, createWireCodec } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import { createTestSchema, randomName, testPool } from '../../../test/support/helpers.ts';
import { repoRoot, stackEnv } from '../../../test/support/stack-env.ts';

const run = promisify(execFile);

const SETTINGS: Array<[string, Partial<KafkaSettings>, Record<string, string>, RegExp]> = [
  [
    'SASL',
    { sasl: { mechanism: 'scram-sha-512', username: 'app', password: 'app-password' } },
    {
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'app',
      KAFKA_SASL_PASSWORD: 'app-password',
    },
    /SASL state/,
  ],
  ['TLS', { ssl: true }, { KAFKA_ENABLE_SSL: 'on' }, /TLS/],
];

const messageOf = (error: unknown): string => {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    parts.push(String(e.message));
  }
  return parts.join(' <- ');
};

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return messageOf(error);
  }
  throw new Error('expected the Kafka connection to fail');
}

describe.each(SETTINGS)('%s reaches every Kafka client', (_name, extra, env, refused) => {
  const kafka = (): KafkaSettings => ({ brokers: stackEnv().KAFKA_BROKERS.split(','), ...extra });

  it('the relay', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'tls_sasl');
    await migrate({ pool, schema });
    const relay = createRelay({
      database: pool,
      schema,
      kafka: kafka(),
      slotCount: 1,
      notify: false,
      logger: silentLogger,
    });
    try {
      expect(await failure(relay.start())).toMatch(refused);
    } finally {
      await relay.stop();
    }
  });

  it('the consumers and their DLQ tools', async () => {
    const pool = testPool();
    const consumer = createConsumer({
      kafka: kafka(),
      catalog,
      codec: createWireCodec(catalog, { mode: 'headers' }),
      pool,
      groupId: randomName('group'),
      createDlqTopics: false,
      logger: silentLogger,
      handlers: { 'order.placed': async () => {} },
    });
    try {
      expect(await failure(consumer.start())).toMatch(refused);
    } finally {
      await consumer.stop();
    }
    expect(await failure(listDlq({ kafka: kafka(), topic: 'orders.events.v1.dlq' }))).toMatch(refused);
  });

  it('the modules, configured from the environment', async () => {
    const pool = testPool();
    const bridge = createBridge({
      env: { KAFKA_BROKERS: stackEnv().KAFKA_BROKERS, ...env },
      pool,
      migrate: false,
      createTopics: true,
    });
    try {
      expect(bridge.config.kafka).toMatchObject(extra);
      expect(await failure(bridge.start())).toMatch(refused);
    } finally {
      await bridge.stop();
    }
    expect(await failure(ensureModuleTopics(kafka()))).toMatch(refused);
  });

  it('the console', async () => {
    const pool = testPool();
    const status = await readStatus({ pool, kafka: kafka(), dlqPending: false });
    expect(status.consumers).toMatchObject({
      status: 'error',
      error: { message: expect.stringMatching(refused) },
    });
  });

  it('the CLI', async () => {
    const cli = run(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'packages/cli/src/bin.ts'), 'topics', 'describe'],
      {
        cwd: repoRoot,
        env: { ...process.env, KAFKA_BROKERS: stackEnv().KAFKA_BROKERS, ...env },
      },
    );
    const error = (await cli.then(
      () => {
        throw new Error('expected commercebridge topics describe to fail');
      },
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(refused);
    expect(error.stderr).not.toContain('app-password');
  });
});
