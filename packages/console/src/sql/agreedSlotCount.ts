import { quoteIdent } from '@commercebridge/outbox';
import { SLOT_COUNT_SETTING } from '@commercebridge/relay';
import type { Queryable } from './queryable.ts';

/** The slot count the relays of `schema` agreed on (stored by the first relay), undefined before any ran. */
export async function agreedSlotCount(db: Queryable, schema: string): Promise<number | undefined> {
  const { rows } = await db.query<{ value: string }>(
    `select value from ${quoteIdent(schema)}.settings where name = $1`,
    [SLOT_COUNT_SETTING],
  );
  const value = Number(rows[0]?.value);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
