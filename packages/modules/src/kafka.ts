// The contract headers of messages the modules produce directly (logs without a transaction, dead jobs).
import { randomUUID } from 'node:crypto';
import {
  type BuiltinCatalog,
  catalog as builtinCatalog,
  createWireCodec,
  HEADERS,
} from '@commercebridge/schemas';

// The codec is only used to build the value and the identifying headers; all module event types are in the
// built-in catalog, so a catalog copy with other topic names encodes the same way.
const headersCodec = createWireCodec(builtinCatalog, { mode: 'headers' });

/**
 * Value and contract headers of a message produced without the relay (same shape as the relay writes in
 * headers mode), so the same consumers decode both.
 */
export async function directMessage(
  type: keyof BuiltinCatalog['events'] & string,
  bytes: Uint8Array,
  eventId: string = randomUUID(),
): Promise<{ value: Buffer; headers: Record<string, string>; eventId: string }> {
  const wire = await headersCodec.toWire(type as never, bytes);
  return {
    eventId,
    value: Buffer.from(wire.value),
    headers: { ...wire.headers, [HEADERS.eventId]: eventId, [HEADERS.occurredAt]: new Date().toISOString() },
  };
}
