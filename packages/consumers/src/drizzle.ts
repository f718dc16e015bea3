// `ctx.db` is the only part of the consumers that needs drizzle-orm, an optional peer dependency: it is loaded
// from the application's own install when a consumer starts, and an application without Drizzle never loads it.
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { ConsumerError } from './errors.ts';

type DrizzleFactory = typeof import('drizzle-orm/node-postgres').drizzle;
let loaded: { factory: DrizzleFactory } | { error: unknown } | undefined;

/** Loads drizzle-orm's node-postgres driver once per process; remembers why when it is not installed. */
export async function loadDrizzle(): Promise<void> {
  if (loaded) return;
  try {
    loaded = { factory: (await import('drizzle-orm/node-postgres')).drizzle };
  } catch (error) {
    loaded = { error };
  }
}

/** A Drizzle handle on a client (and its open transaction). */
export function drizzleOn(client: pg.PoolClient): NodePgDatabase<Record<string, never>> {
  if (loaded && 'factory' in loaded) return loaded.factory(client);
  throw new ConsumerError(
    'CONSUMER_INVALID_OPTION',
    'ctx.db needs drizzle-orm (npm install drizzle-orm); without it, use ctx.client or ctx.executor',
    { cause: loaded?.error },
  );
}
