// Confluent's Protobuf wire format: magic byte 0, the schema id as a 4-byte big-endian integer, the
// message-index path as zig-zag varints (count first; the common path [0] is the single byte 0), then the
// Protobuf bytes.
import { SchemaError } from './errors.ts';

const MAGIC_BYTE = 0;

export interface Frame {
  schemaId: number;
  indexes: number[];
  payload: Uint8Array;
}

export function encodeFrame(schemaId: number, indexes: readonly number[], payload: Uint8Array): Buffer {
  const head: number[] = [
    MAGIC_BYTE,
    (schemaId >>> 24) & 0xff,
    (schemaId >>> 16) & 0xff,
    (schemaId >>> 8) & 0xff,
    schemaId & 0xff,
  ];
  if (indexes.length === 1 && indexes[0] === 0) {
    head.push(0);
  } else {
    writeZigZag(head, indexes.length);
    for (const index of indexes) writeZigZag(head, index);
  }
  return Buffer.concat([Buffer.from(head), payload]);
}

export function decodeFrame(value: Uint8Array): Frame {
  if (value.length < 6 || value[0] !== MAGIC_BYTE) {
    throw undecodable(
      value.length === 0
        ? 'the value is empty'
        : `the value does not start with magic byte 0 (first byte ${value[0]})`,
    );
  }
  const schemaId = ((value[1]! << 24) | (value[2]! << 16) | (value[3]! << 8) | value[4]!) >>> 0;
  const cursor = { offset: 5 };
  const count = readZigZag(value, cursor);
  let indexes: number[];
  if (count === 0) {
    indexes = [0];
  } else {
    if (count < 0 || count > 100) throw undecodable(`the message-index count ${count} is not plausible`);
    indexes = [];
    for (let i = 0; i < count; i++) indexes.push(readZigZag(value, cursor));
  }
  return { schemaId, indexes, payload: value.subarray(cursor.offset) };
}

function writeZigZag(out: number[], value: number): void {
  let n = ((value << 1) ^ (value >> 31)) >>> 0;
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

function readZigZag(bytes: Uint8Array, cursor: { offset: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (cursor.offset >= bytes.length) throw undecodable('the message-index array is truncated');
    const byte = bytes[cursor.offset++]!;
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw undecodable('a message-index varint is longer than 5 bytes');
  }
  result >>>= 0;
  return (result >>> 1) ^ -(result & 1);
}

function undecodable(reason: string): SchemaError {
  return new SchemaError('SCHEMA_UNDECODABLE', `not in the registry wire format: ${reason}`, {
    field: 'value',
  });
}
