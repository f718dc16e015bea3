#!/usr/bin/env node
// The outbox command line: `outbox migrate [--schema <name>]`, with DATABASE_URL.
import pg from 'pg';
import { migrate } from './migrate.ts';

const usage = 'usage: outbox migrate [--schema <name>]   (DATABASE_URL=postgres://... required)';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'migrate') {
    console.error(usage);
    return 2;
  }
  let schema: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--schema' && rest[i + 1]) schema = rest[++i];
    else {
      console.error(`unknown argument ${rest[i]}\n${usage}`);
      return 2;
    }
  }
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error(`DATABASE_URL is not set: export DATABASE_URL=postgres://user@host:port/db\n${usage}`);
    return 2;
  }
  const pool = new pg.Pool({ connectionString, max: 1 });
  try {
    const result = await migrate({ pool, schema });
    const names = result.applied.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`);
    console.log(
      names.length > 0
        ? `schema "${result.schema}": applied ${names.join(', ')}`
        : `schema "${result.schema}": up to date`,
    );
    return 0;
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
