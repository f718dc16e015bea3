import { createHash } from 'node:crypto';

const names = new Map<string, string>();

/**
 * A stable prepared-statement name for a statement text (the text includes the schema, so two schemas get
 * two names). Memoized: the package only has a handful of texts per schema.
 */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `commercebridge_outbox_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}
