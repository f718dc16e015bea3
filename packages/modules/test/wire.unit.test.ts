import { encodeEvent, encodeFrame } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../src/index.ts';
import { moduleCodec } from '../src/wire.ts';

describe('moduleCodec', () => {
  const catalog = moduleCatalog();
  const codec = moduleCodec(catalog);
  const payload = { level: 4, message: 'slow', service: 'billing' };

  it('decodes headers framing and registry framing (magic byte, schema id, message indexes) per message', async () => {
    const encoded = encodeEvent(catalog, 'log.written', payload as never);
    const wire = await codec.toWire('log.written', encoded.bytes);
    expect(wire.value[0]).not.toBe(0);
    const framed = encodeFrame(7, [0], encoded.bytes);
    const nested = encodeFrame(123_456, [1, 2], encoded.bytes);
    for (const value of [wire.value, framed, nested]) {
      const decoded = await codec.fromWire(value, wire.headers);
      expect(decoded.type).toBe('log.written');
      expect(decoded.payload).toMatchObject(payload);
    }
  });

  it('rejects a registry frame without identifying headers, naming the header', async () => {
    const encoded = encodeEvent(catalog, 'log.written', payload as never);
    await expect(codec.fromWire(encodeFrame(7, [0], encoded.bytes), {})).rejects.toMatchObject({
      code: 'SCHEMA_UNDECODABLE',
      message: expect.stringContaining('event-type'),
    });
  });
});
