// The consumers CLI (`pnpm consumers ...`): DLQ list / redrive / purge and replay.
// Environment: KAFKA_BROKERS, DATABASE_URL (redrive, replay --reprocess), SCHEMA_REGISTRY_URL (registry mode).
import { parseArgs } from 'node:util';
import { createOutbox } from '@commercebridge/outbox';
import { catalog, createWireCodec } from '@commercebridge/schemas';
import pg from 'pg';
import { listDlq, purgeDlq, redriveDlq, replay } from './admin.ts';
import { ConsumerError } from './errors.ts';
import { DEFAULT_SCHEMA } from './options.ts';

const USAGE = `usage:
  pnpm consumers dlq list <topic.dlq> [--json]
  pnpm consumers dlq redrive <topic.dlq> [--schema commercebridge] [--wire headers|registry]
  pnpm consumers dlq purge <topic.dlq>
  pnpm consumers replay --group <id> --topic <topic> [--topic ...] --from <ISO 8601> [--reprocess] [--schema commercebridge]

environment: KAFKA_BROKERS (required), DATABASE_URL (redrive, replay --reprocess),
             SCHEMA_REGISTRY_URL (registry mode, the default when it is set)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function databaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) fail('DATABASE_URL is required: set it to the Postgres of the outbox and inbox tables');
  return url;
}

function codecFor(wire: string | undefined) {
  const registryUrl = process.env['SCHEMA_REGISTRY_URL'];
  const mode = wire ?? (registryUrl ? 'registry' : 'headers');
  if (mode === 'headers') return createWireCodec(catalog, { mode: 'headers' });
  if (mode !== 'registry') fail(`--wire must be headers or registry (got "${mode}")`);
  if (!registryUrl) fail('--wire registry needs SCHEMA_REGISTRY_URL');
  return createWireCodec(catalog, { mode: 'registry', url: registryUrl });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      schema: { type: 'string', default: DEFAULT_SCHEMA },
      wire: { type: 'string' },
      group: { type: 'string' },
      topic: { type: 'string', multiple: true },
      from: { type: 'string' },
      reprocess: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, sub, topic] = positionals;
  if (command === 'dlq') {
    if (!topic) fail('the DLQ topic is missing');
    if (sub === 'list') {
      const entries = await listDlq({ topic });
      if (values.json) {
        for (const e of entries) {
          process.stdout.write(`${JSON.stringify({ ...e, value: e.value?.toString('base64') ?? null })}\n`);
        }
      } else {
        console.table(
          entries.map((e) => ({
            partition: e.partition,
            offset: e.offset,
            'event-type': e.eventType,
            'event-id': e.eventId,
            code: e.error.code,
            attempts: e.attempts,
            original: `${e.original.topic}/${e.original.partition}@${e.original.offset}`,
            group: e.consumerGroup,
            'last failure': e.lastFailureAt,
            message: e.error.message.slice(0, 60),
          })),
        );
        process.stdout.write(`${entries.length} entries\n`);
      }
      return;
    }
    if (sub === 'redrive') {
      const pool = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
      try {
        const result = await redriveDlq({
          topic,
          pool,
          codec: codecFor(values.wire),
          outbox: createOutbox({ catalog, schema: values.schema }),
        });
        process.stdout.write(
          `${JSON.stringify({
            redriven: result.redriven.length,
            alreadyRedriven: result.alreadyRedriven.length,
            notRedrivable: result.notRedrivable.map((n) => ({
              partition: n.entry.partition,
              offset: n.entry.offset,
              reason: n.reason,
            })),
          })}\n`,
        );
      } finally {
        await pool.end();
      }
      return;
    }
    if (sub === 'purge') {
      const purged = await purgeDlq({ topic });
      process.stdout.write(`${JSON.stringify({ purged })}\n`);
      return;
    }
    fail(`unknown dlq command "${sub ?? ''}"`);
  }
  if (command === 'replay') {
    if (!values.group) fail('--group is required');
    if (!values.topic?.length) fail('--topic is required');
    if (!values.from) fail('--from is required (an ISO 8601 time)');
    const from = new Date(values.from);
    if (Number.isNaN(from.getTime())) fail(`--from must be an ISO 8601 time (got "${values.from}")`);
    const pool = values.reprocess ? new pg.Pool({ connectionString: databaseUrl(), max: 2 }) : undefined;
    try {
      const result = await replay({
        groupId: values.group,
        topics: values.topic,
        from,
        reprocess: values.reprocess,
        schema: values.schema,
        ...(pool ? { pool } : {}),
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await pool?.end();
    }
    return;
  }
  fail(`unknown command "${command}"`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const code = error instanceof ConsumerError ? error.code : 'ERROR';
  process.stderr.write(`${code}: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
