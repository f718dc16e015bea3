import { describe, expect, it } from 'vitest';
import { catalog, createWireCodec, encodeEvent, HEADERS, SchemaError } from '../src/index.ts';

const codec = createWireCodec(catalog, { mode: 'headers' });

async function rejection(promise: Promise<unknown>): Promise<SchemaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SchemaError);
  return error as SchemaError;
}

describe('wire codec, headers mode', () => {
  it('identifies the schema by headers and round-trips a payload', async () => {
    const { bytes } = encodeEvent(catalog, 'notification.published', {
      notificationId: 'n-1',
      type: 'order.confirmed',
      userId: '123',
      data: Buffer.from('{"orderId":"o-1"}'),
    });
    const wire = await codec.toWire('notification.published', bytes);
    expect(wire.headers).toEqual({
      [HEADERS.eventType]: 'notification.published',
      [HEADERS.messageName]: 'commercebridge.notifications.v1.Notification',
      [HEADERS.schemaVersion]: '1',
    });
    expect(Buffer.compare(wire.value, Buffer.from(bytes))).toBe(0);
    // Headers as kafkajs hands them over: Buffers.
    const kafkaHeaders = Object.fromEntries(
      Object.entries(wire.headers).map(([k, v]) => [k, Buffer.from(v)]),
    );
    const decoded = await codec.fromWire(wire.value, kafkaHeaders);
    expect(decoded.type).toBe('notification.published');
    if (decoded.type !== 'notification.published') throw new Error('narrowing');
    expect(decoded.payload.userId).toBe('123');
    expect(Buffer.from(decoded.payload.data).toString()).toBe('{"orderId":"o-1"}');
  });

  it('falls back to the message-name header', async () => {
    const { bytes } = encodeEvent(catalog, 'order.confirmed', { orderId: 'o-1' });
    const decoded = await codec.fromWire(Buffer.from(bytes), {
      [HEADERS.messageName]: 'commercebridge.orders.v1.OrderConfirmed',
    });
    expect(decoded.type).toBe('order.confirmed');
  });

  it('rejects another major version as incompatible', async () => {
    const { bytes } = encodeEvent(catalog, 'order.confirmed', { orderId: 'o-1' });
    const error = await rejection(
      codec.fromWire(Buffer.from(bytes), {
        [HEADERS.eventType]: 'order.confirmed',
        [HEADERS.messageName]: 'commercebridge.orders.v2.OrderConfirmed',
      }),
    );
    expect(error.code).toBe('SCHEMA_INCOMPATIBLE');
    expect(error.message).toContain('commercebridge.orders.v2.OrderConfirmed');
    const byVersion = await rejection(
      codec.fromWire(Buffer.from(bytes), {
        [HEADERS.eventType]: 'order.confirmed',
        [HEADERS.schemaVersion]: '2',
      }),
    );
    expect(byVersion.code).toBe('SCHEMA_INCOMPATIBLE');
    expect(byVersion.field).toBe(HEADERS.schemaVersion);
  });

  it('rejects a message without identifying headers, an unknown type and garbage bytes', async () => {
    expect((await rejection(codec.fromWire(Buffer.from([1]), {}))).code).toBe('SCHEMA_UNDECODABLE');
    const unknown = await rejection(codec.fromWire(Buffer.from([]), { [HEADERS.eventType]: 'order.lost' }));
    expect(unknown.code).toBe('SCHEMA_UNKNOWN_EVENT_TYPE');
    const garbage = await rejection(
      codec.fromWire(Buffer.from([0x0a, 0xff]), { [HEADERS.eventType]: 'order.placed' }),
    );
    expect(garbage.code).toBe('SCHEMA_UNDECODABLE');
    expect(garbage.retriable).toBe(false);
  });

  it('names the option when the codec options are wrong', () => {
    expect(() => createWireCodec(catalog, { mode: 'registry', url: 'nope' })).toThrow(/\/codec\/url/);
    expect(() => createWireCodec(catalog, { mode: 'kafka' } as never)).toThrow(/\/codec\/mode/);
    expect(() =>
      createWireCodec(catalog, { mode: 'registry', url: 'http://x', compatibility: 'LAX' as never }),
    ).toThrow(/\/codec\/compatibility must be one of BACKWARD/);
  });
});
