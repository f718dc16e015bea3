// Helpers of the modules' tests: a fresh schema with the outbox and module tables, module topics with random
// names, a relay in this process delivering the outbox, and the modules built like createBridge does.
import { createLogger } from '@commercebridge/config';
import { migrate } from '@commercebridge/outbox';
import { createRelay, type WireOptions } from '@commercebridge/relay';
import { onTestFinished } from 'vitest';
import { createTestSchema, kafka, randomName, testPool } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { createBridge } from '../src/index.ts';
import { migrateModules } from '../src/sql.ts';
import { ensureModuleTopics, moduleCatalog } from '../src/topics.ts';

export async function setupModules(
  options: {
    partitions?: number;
    retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
    leaseMs?: number;
    httpPort?: number | null;
    /** The relay's framing. (Default: headers) */
    wire?: WireOptions;
  } = {},
) {
  const pool = testPool();
  const schema = await createTestSchema(pool, 'modules');
  await migrate({ pool, schema });
  await migrateModules(pool, schema);
  const suffix = randomName('m');
  const topics = {
    queue: `${suffix}.queue`,
    logs: `${suffix}.logs`,
    notifications: `${suffix}.notifications`,
  };
  const brokers = stackEnv().KAFKA_BROKERS.split(',');
  await ensureModuleTopics({ brokers }, { topics, partitions: options.partitions ?? 2 });
  onTestFinished(async () => {
    const admin = kafka().admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [topics.queue, topics.logs, topics.notifications, `${topics.queue}.dlq`] })
      .catch(() => {});
    await admin.disconnect();
  });
  const bridge = createBridge({
    pool,
    schema,
    env: {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_GROUP_ID: randomName('group'),
      KAFKA_BATCH_TIMEOUT_MS: '2000',
    },
    config: { topics },
    migrate: false,
    createTopics: false,
    embeddedRelay: false,
    queue: { retry: options.retry, ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) },
    // The tests start the projection where they need it.
    logs: { lingerMs: 20, projection: 'external' },
    httpPort: options.httpPort ?? null,
  });
  onTestFinished(() => bridge.stop());
  const relay = createRelay({
    database: pool,
    schema,
    kafka: { brokers, clientId: randomName('relay') },
    slotCount: 1,
    metricsPort: null,
    logger: createLogger({ level: 'error' }),
    promoteIntervalMs: 200,
    pollIntervalMs: 200,
    // Registry mode registers the schemas under the topics of the catalog: the module catalog of these topics.
    ...(options.wire ? { wire: options.wire, catalog: moduleCatalog(topics) } : {}),
  });
  await relay.start();
  onTestFinished(async () => {
    await relay.stop();
  });
  return { pool, schema, topics, brokers, bridge, relay, ...bridge.integrations.kafka };
}
