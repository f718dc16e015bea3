import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, SchemaError } from '../src/index.ts';

describe('Confluent Protobuf framing', () => {
  const payload = Buffer.from([0x0a, 0x01, 0x61]);

  it('writes the message-index path [0] as a single 0 byte', () => {
    expect(encodeFrame(258, [0], payload)).toEqual(Buffer.from([0, 0, 0, 1, 2, 0, 0x0a, 0x01, 0x61]));
  });

  it('writes other paths as zig-zag varints, count first', () => {
    expect(encodeFrame(7, [1], payload).subarray(5, 7)).toEqual(Buffer.from([2, 2]));
    expect(encodeFrame(7, [3], payload).subarray(5, 7)).toEqual(Buffer.from([2, 6]));
    expect(encodeFrame(7, [1, 0], payload).subarray(5, 8)).toEqual(Buffer.from([4, 2, 0]));
    // 64 zig-zags to 128, which needs two varint bytes.
    expect(encodeFrame(7, [64], payload).subarray(5, 8)).toEqual(Buffer.from([2, 0x80, 0x01]));
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        fc.uint8Array({ maxLength: 64 }),
        (schemaId, indexes, bytes) => {
          const frame = decodeFrame(encodeFrame(schemaId, indexes, bytes));
          expect(frame.schemaId).toBe(schemaId);
          expect(frame.indexes).toEqual(indexes);
          expect(Buffer.from(frame.payload)).toEqual(Buffer.from(bytes));
        },
      ),
    );
  });

  it('rejects a value without the magic byte, naming the value', () => {
    for (const bad of [
      Buffer.alloc(0),
      Buffer.from([1, 0, 0, 0, 1, 0]),
      Buffer.from([0, 0, 0, 0, 1, 0x80]),
    ]) {
      const error = (() => {
        try {
          decodeFrame(bad);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(SchemaError);
      expect((error as SchemaError).code).toBe('SCHEMA_UNDECODABLE');
      expect((error as SchemaError).field).toBe('value');
    }
  });
});
