import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTopic, kafka, randomName, readAllCommitted, testPool } from './support/helpers.ts';
import { stackEnv } from './support/stack-env.ts';

const run = promisify(execFile);

/** Reads a topic to its end with kafkajs in the given isolation mode. */
async function readWithKafkajs(topic: string, expected: number, readUncommitted: boolean): Promise<string[]> {
  const consumer = kafka().consumer({ groupId: randomName('stack-check'), readUncommitted });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, 8000); // settles if fewer than `expected` ever arrive
    consumer
      .run({
        eachMessage: async ({ message }) => {
          seen.push(message.value!.toString());
          if (seen.length >= expected) {
            clearTimeout(timer);
            setTimeout(resolve, 1500); // extra time: anything beyond `expected` would show up too
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return seen.sort();
}

describe('local stack', () => {
  it('runs Kafka transactions: committed messages are visible to read_committed readers, aborted ones are not', async () => {
    const topic = await createTopic(randomName('stack_tx'), 1);
    const producer = kafka().producer({
      transactionalId: randomName('stack-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({
      topic,
      acks: -1,
      messages: [
        { key: 'k', value: 'committed-1' },
        { key: 'k', value: 'committed-2' },
      ],
    });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic, acks: -1, messages: [{ key: 'k', value: 'aborted-1' }] });
    await aborted.abort();
    const last = await producer.transaction();
    await last.send({ topic, acks: -1, messages: [{ key: 'k', value: 'committed-3' }] });
    await last.commit();
    await producer.disconnect();

    const expected = ['committed-1', 'committed-2', 'committed-3'];
    expect(await readWithKafkajs(topic, 3, false)).toEqual(expected);
    // The same log read uncommitted shows the aborted message: the check really tells the two apart.
    expect(await readWithKafkajs(topic, 4, true)).toEqual(['aborted-1', ...expected]);

    // Independent clients: kcat and librdkafka (Python) in read_committed mode.
    const { stdout } = await run('kcat', [
      '-C',
      '-b',
      stackEnv().KAFKA_BROKERS,
      '-t',
      topic,
      '-X',
      'isolation.level=read_committed',
      '-e',
      '-q',
      '-f',
      '%s\\n',
    ]);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(expected);
    const viaPython = await readAllCommitted(topic);
    expect(viaPython.map((m) => m.value!.toString()).sort()).toEqual(expected);
  });

  it('has Postgres with logical decoding enabled', async () => {
    const pool = testPool();
    const { rows } = await pool.query<{ wal_level: string }>('show wal_level');
    expect(rows[0]!.wal_level).toBe('logical');
  });

  it('has a schema registry answering the Confluent-compatible API', async () => {
    const url = stackEnv().SCHEMA_REGISTRY_URL;
    const subject = `${randomName('stack-check')}-value`;
    const schema = 'syntax = "proto3";\npackage stackcheck.v1;\nmessage Ping { string id = 1; }\n';
    const response = await fetch(`${url}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schemaType: 'PROTOBUF', schema }),
    });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: number };
    expect(id).toBeGreaterThan(0);
    const fetched = (await (await fetch(`${url}/schemas/ids/${id}`)).json()) as {
      schema: string;
      schemaType: string;
    };
    expect(fetched.schemaType).toBe('PROTOBUF');
    expect(fetched.schema).toContain('message Ping');
  });
});
