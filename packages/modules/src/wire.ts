import { type Catalog, createWireCodec, decodeFrame, type WireCodec } from '@commercebridge/schemas';

/**
 * The codec the modules read their own topics with. The relay frames a message for headers mode (the value
 * is the Protobuf payload) or for the schema registry (magic byte 0, schema id, message indexes, then the
 * payload), and writes the identifying headers (`event-type`, `message-name`, `schema-version`) in both
 * modes. A Protobuf payload never starts with byte 0 (field number 0 does not exist), so the first byte tells
 * the framing per message; the payload of a registry frame is then decoded by its headers, against this
 * catalog, like a headers-mode message: no registry access is needed to read. Writing stays headers mode.
 */
export function moduleCodec<K extends Catalog>(catalog: K): WireCodec<K> {
  const headers = createWireCodec(catalog, { mode: 'headers' });
  return {
    mode: headers.mode,
    toWire: (type, bytes) => headers.toWire(type, bytes),
    registerAll: () => headers.registerAll(),
    fromWire: (value, incoming) =>
      headers.fromWire(value.length > 0 && value[0] === 0 ? decodeFrame(value).payload : value, incoming),
  };
}
