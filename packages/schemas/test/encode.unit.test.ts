import { describe, expect, it } from 'vitest';
import {
  catalog,
  commercebridge,
  DEFAULT_MAX_BYTES,
  decodeEvent,
  defineCatalog,
  encodeEvent,
  protoSources,
  SchemaError,
  type SchemaErrorCode,
} from '../src/index.ts';

/** Runs `fn`, expects a SchemaError with `code`, and checks that the message names `field`. */
function expectSchemaError(fn: () => unknown, code: SchemaErrorCode, field: string): SchemaError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SchemaError);
  const error = caught as SchemaError;
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  expect(error.message).toContain(field);
  expect(error.retriable).toBe(false);
  return error;
}

// Runtime checks are for callers that bypass the types (JSON input, `any`): cast through `never`.
const encodeLoose = (type: string, payload: unknown, maxBytes?: number) =>
  encodeEvent(catalog, type as never, payload as never, maxBytes === undefined ? {} : { maxBytes });

const placed = {
  orderId: 'o-1',
  customerId: 'c-1',
  items: [
    { lineItemId: 'l-1', sku: 'SKU-1', quantity: 2, unitPrice: { currencyCode: 'EUR', amount: '9.99' } },
  ],
  total: { currencyCode: 'EUR', amount: '19.98' },
};

describe('encodeEvent', () => {
  it('encodes a valid payload and returns the routing facts', () => {
    const encoded = encodeEvent(catalog, 'order.placed', placed);
    expect(encoded).toMatchObject({
      type: 'order.placed',
      topic: 'orders.events.v1',
      key: 'o-1',
      messageName: 'commercebridge.orders.v1.OrderPlaced',
      schemaVersion: 1,
    });
    const decoded = decodeEvent(catalog, 'order.placed', encoded.bytes);
    expect(decoded).toBeInstanceOf(commercebridge.orders.v1.OrderPlaced);
    expect(decoded.items[0]?.unitPrice?.amount).toBe('9.99');
    expect(decoded.customerId).toBe('c-1');
  });

  it('rejects an unknown event type', () => {
    const error = expectSchemaError(
      () => encodeLoose('order.plced', placed),
      'SCHEMA_UNKNOWN_EVENT_TYPE',
      'type',
    );
    expect(error.message).toContain('order.plced');
  });

  it('rejects a field the message does not have', () => {
    const error = expectSchemaError(
      () => encodeLoose('order.placed', { ...placed, customer_id: 'c-1' }),
      'SCHEMA_INVALID_FIELD',
      'customer_id',
    );
    expect(error.message).toContain('did you mean "customerId"');
  });

  it('rejects a wrong scalar type', () => {
    expectSchemaError(
      () => encodeLoose('order.placed', { ...placed, customerId: 7 }),
      'SCHEMA_INVALID_FIELD',
      'customerId',
    );
  });

  it('rejects an integer out of range', () => {
    const items = [{ ...placed.items[0], quantity: -1 }];
    expectSchemaError(
      () => encodeLoose('order.placed', { ...placed, items }),
      'SCHEMA_INVALID_FIELD',
      'items[0].quantity',
    );
  });

  it('rejects a non-integer where an integer is expected', () => {
    expectSchemaError(
      () => encodeLoose('job.enqueued', { jobId: 'j', queue: 'q', type: 't', priority: 1.5 }),
      'SCHEMA_INVALID_FIELD',
      'priority',
    );
  });

  it('rejects a wrong type in a nested message', () => {
    expectSchemaError(
      () => encodeLoose('order.placed', { ...placed, total: { currencyCode: 'EUR', amount: 19.98 } }),
      'SCHEMA_INVALID_FIELD',
      'total.amount',
    );
  });

  it('rejects a scalar where a message is expected', () => {
    expectSchemaError(
      () => encodeLoose('order.placed', { ...placed, total: '19.98' }),
      'SCHEMA_INVALID_FIELD',
      'total',
    );
  });

  it('rejects a non-array for a repeated field', () => {
    expectSchemaError(
      () => encodeLoose('order.placed', { ...placed, items: placed.items[0] }),
      'SCHEMA_INVALID_FIELD',
      'items',
    );
  });

  it('rejects a wrong map value', () => {
    expectSchemaError(
      () => encodeLoose('log.written', { message: 'm', service: 's', metadata: { engagementId: 12 } }),
      'SCHEMA_INVALID_FIELD',
      'metadata["engagementId"]',
    );
  });

  it('rejects an enum value that is not defined', () => {
    const error = expectSchemaError(
      () => encodeLoose('log.written', { message: 'm', service: 's', level: 'info' }),
      'SCHEMA_INVALID_FIELD',
      'level',
    );
    expect(error.message).toContain('LOG_LEVEL_INFO');
    expectSchemaError(
      () => encodeLoose('log.written', { message: 'm', service: 's', level: 99 }),
      'SCHEMA_INVALID_FIELD',
      'level',
    );
  });

  it('rejects a string where bytes are expected', () => {
    expectSchemaError(
      () => encodeLoose('job.enqueued', { jobId: 'j', queue: 'q', type: 't', payload: '{"a":1}' }),
      'SCHEMA_INVALID_FIELD',
      'payload',
    );
  });

  it('rejects a payload that is not an object', () => {
    expectSchemaError(() => encodeLoose('order.placed', 'o-1'), 'SCHEMA_INVALID_FIELD', '(payload)');
  });

  it('rejects a missing required field', () => {
    const { customerId: _omitted, ...withoutCustomer } = placed;
    expectSchemaError(
      () => encodeLoose('order.placed', withoutCustomer),
      'SCHEMA_MISSING_FIELD',
      'customerId',
    );
  });

  it('rejects an empty required field (proto3 cannot tell it from a missing one)', () => {
    expectSchemaError(
      () => encodeLoose('order.placed', { ...placed, customerId: '' }),
      'SCHEMA_MISSING_FIELD',
      'customerId',
    );
  });

  it('rejects an empty partition key', () => {
    const shipless = defineCatalog(
      {
        'parcel.shipped': {
          topic: 'parcels.events.v1',
          message: commercebridge.orders.v1.OrderShipped,
          key: (p) => p.trackingNumber,
        },
      },
      { sources: protoSources },
    );
    const call = () => encodeEvent(shipless, 'parcel.shipped', { orderId: 'o-1' });
    expectSchemaError(call, 'SCHEMA_MISSING_FIELD', 'key');
  });

  it('rejects a payload above the default limit of 1 MiB', () => {
    const payload = new Uint8Array(DEFAULT_MAX_BYTES);
    const error = expectSchemaError(
      () => encodeEvent(catalog, 'job.enqueued', { jobId: 'j', queue: 'q', type: 't', payload }),
      'SCHEMA_PAYLOAD_TOO_LARGE',
      '(payload)',
    );
    expect(error.message).toContain(String(DEFAULT_MAX_BYTES));
    expect(() =>
      encodeEvent(catalog, 'job.enqueued', {
        jobId: 'j',
        queue: 'q',
        type: 't',
        payload: payload.subarray(0, 1000),
      }),
    ).not.toThrow();
  });

  it('rejects a payload above a configured limit', () => {
    expectSchemaError(() => encodeLoose('order.placed', placed, 16), 'SCHEMA_PAYLOAD_TOO_LARGE', '(payload)');
  });

  it('rejects a bad maxBytes option, naming it', () => {
    const error = expectSchemaError(
      () => encodeLoose('order.placed', placed, 0),
      'SCHEMA_INVALID_OPTION',
      '/encode/maxBytes',
    );
    expect(error.message).toContain('positive integer');
  });

  it('accepts null and undefined as absent', () => {
    const encoded = encodeLoose('order.placed', {
      ...placed,
      note: undefined,
      total: null,
      channel: undefined,
    });
    expect(decodeEvent(catalog, 'order.placed', encoded.bytes).total).toBeNull();
  });
});

describe('decodeEvent', () => {
  it('rejects bytes that are not the message', () => {
    expectSchemaError(
      () => decodeEvent(catalog, 'order.placed', Uint8Array.from([0x0a, 0xff, 0xff])),
      'SCHEMA_UNDECODABLE',
      'value',
    );
  });

  it('skips fields it does not know (a newer writer)', () => {
    // Field 99 (varint) is unknown to OrderConfirmed.
    const known = encodeEvent(catalog, 'order.confirmed', { orderId: 'o-1' }).bytes;
    const withUnknown = Buffer.concat([Buffer.from(known), Buffer.from([0x98, 0x06, 0x01])]);
    expect(decodeEvent(catalog, 'order.confirmed', withUnknown).orderId).toBe('o-1');
  });
});

describe('defineCatalog', () => {
  const definition = {
    topic: 'parcels.events.v1',
    message: commercebridge.orders.v1.OrderShipped,
    key: (p: commercebridge.orders.v1.IOrderShipped) => p.orderId,
  };

  it('names the option and the fix for a bad topic', () => {
    const error = expectSchemaError(
      () =>
        defineCatalog(
          { 'parcel.shipped': { ...definition, topic: 'bad topic!' } },
          { sources: protoSources },
        ),
      'SCHEMA_INVALID_OPTION',
      '/catalog/parcel.shipped/topic',
    );
    expect(error.message).toContain('orders.events.v1');
  });

  it('rejects a required name that is not a field', () => {
    expectSchemaError(
      () =>
        defineCatalog(
          { 'parcel.shipped': { ...definition, required: ['nope' as 'orderId'] } },
          { sources: protoSources },
        ),
      'SCHEMA_INVALID_OPTION',
      '/catalog/parcel.shipped/required',
    );
  });

  it('rejects two files on one topic (one subject per topic)', () => {
    expectSchemaError(
      () =>
        defineCatalog(
          {
            'parcel.shipped': definition,
            'log.written': {
              topic: 'parcels.events.v1',
              message: commercebridge.logs.v1.LogEntry,
              key: (p: commercebridge.logs.v1.ILogEntry) => p.service,
            },
          },
          { sources: protoSources },
        ),
      'SCHEMA_INVALID_OPTION',
      '/catalog/log.written/message',
    );
  });

  it('rejects a message whose .proto is not among the sources', () => {
    expectSchemaError(
      () => defineCatalog({ 'parcel.shipped': definition }, { sources: {} }),
      'SCHEMA_INVALID_OPTION',
      'commercebridge.orders.v1.OrderShipped',
    );
  });
});
