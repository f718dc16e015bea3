// Validation of the API's input, at the boundary: the first problem found, named by its JSON pointer.
import type { LineInput } from './order.ts';

export type Invalid = { field: string; message: string };
export type Checked<T> = { ok: true; value: T } | ({ ok: false } & Invalid);

const bad = (field: string, message: string): { ok: false } & Invalid => ({ ok: false, field, message });
const isText = (v: unknown, max = 200): v is string =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max;
const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export interface PlaceOrderInput {
  customerId: string;
  lines: LineInput[];
}

export function checkPlaceOrder(body: unknown): Checked<PlaceOrderInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return bad('/', 'the body must be a JSON object: {"customerId": "...", "lines": [...]}');
  const { customerId, lines } = body as Record<string, unknown>;
  if (!isText(customerId, 100))
    return bad('/customerId', 'customerId must be a non-empty string of at most 100 characters');
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > 100)
    return bad('/lines', 'lines must be an array of 1 to 100 order lines');
  const checked: LineInput[] = [];
  for (const [i, line] of lines.entries()) {
    const l = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>;
    if (!isText(l.sku, 64)) return bad(`/lines/${i}/sku`, 'sku must be a non-empty string');
    if (!isText(l.name)) return bad(`/lines/${i}/name`, 'name must be a non-empty string');
    if (!isInt(l.quantity, 1, 10_000))
      return bad(
        `/lines/${i}/quantity`,
        `quantity must be an integer from 1 to 10000 (got ${JSON.stringify(l.quantity)})`,
      );
    if (!isInt(l.unitPriceCents, 0, 100_000_000))
      return bad(
        `/lines/${i}/unitPriceCents`,
        'unitPriceCents must be an integer number of cents, 0 or more',
      );
    checked.push({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents });
  }
  return { ok: true, value: { customerId: customerId.trim(), lines: checked } };
}

export function checkCancel(body: unknown): Checked<{ expectedVersion?: number; note?: string }> {
  if (body === undefined) return { ok: true, value: {} };
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return bad('/', 'the body must be empty or a JSON object: {"expectedVersion": 2, "note": "..."}');
  const { expectedVersion, note } = body as Record<string, unknown>;
  if (expectedVersion !== undefined && !isInt(expectedVersion, 1, Number.MAX_SAFE_INTEGER))
    return bad(
      '/expectedVersion',
      'expectedVersion must be the order version you read (an integer, 1 or more)',
    );
  if (note !== undefined && !(typeof note === 'string' && note.length <= 500))
    return bad('/note', 'note must be a string of at most 500 characters');
  return {
    ok: true,
    value: {
      ...(expectedVersion !== undefined ? { expectedVersion: expectedVersion as number } : {}),
      ...(note !== undefined ? { note: note as string } : {}),
    },
  };
}
