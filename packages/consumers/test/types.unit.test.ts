// Type-level tests: handlers get the decoded event of their catalog entry, with no cast; typecheck (`pnpm
// typecheck`) fails when a line marked @ts-expect-error compiles. The runtime part checks option validation.
import {
  type BuiltinCatalog,
  catalog,
  commercebridge,
  createWireCodec,
  defineCatalog,
  protoSources,
} from '@commercebridge/schemas';
import type pg from 'pg';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { backoffDelay } from '../src/backoff.ts';
import { coordinatesEventId } from '../src/dlq-headers.ts';
import { classifyFailure } from '../src/errors.ts';
import {
  ConsumerError,
  createConsumer,
  type Handler,
  type HandlerContext,
  type Handlers,
} from '../src/index.ts';
import { formatTraceparent, parseTraceparent } from '../src/tracing.ts';

const codec = createWireCodec(catalog, { mode: 'headers' });
const pool = { connect: async () => ({}), options: { max: 10 } } as unknown as pg.Pool;

describe('handler types', () => {
  test('event is the decoded message of its event type', () => {
    const handlers: Handlers<BuiltinCatalog> = {
      'order.placed': async (event, ctx) => {
        expectTypeOf(event).toEqualTypeOf<commercebridge.orders.v1.OrderPlaced>();
        expectTypeOf(event.orderId).toEqualTypeOf<string>();
        expectTypeOf(ctx).toEqualTypeOf<HandlerContext<'order.placed'>>();
        expectTypeOf(ctx.type).toEqualTypeOf<'order.placed'>();
        // @ts-expect-error OrderPlaced has no jobId
        void event.jobId;
      },
      'job.enqueued': async (event) => {
        expectTypeOf(event).toEqualTypeOf<commercebridge.queue.v1.JobCard>();
        expectTypeOf(event.jobId).toEqualTypeOf<string>();
      },
    };
    expect(Object.keys(handlers)).toEqual(['order.placed', 'job.enqueued']);
  });

  test('unknown event types and wrong handler signatures do not compile', () => {
    const make = () =>
      createConsumer({
        catalog,
        codec,
        pool,
        groupId: 'g',
        brokers: ['127.0.0.1:1'],
        handlers: {
          // @ts-expect-error not an event type of the catalog
          'order.teleported': async () => {},
        },
      });
    expect(make).toThrow(/handlers\/order.teleported is not an event type/);
    const wrong: Handler<BuiltinCatalog, 'order.placed'> = async (event) => {
      // @ts-expect-error a payload of another event type
      const confirmed: commercebridge.orders.v1.OrderConfirmed = event;
      void confirmed;
    };
    void wrong;
  });

  test('a catalog of the application types its handlers the same way', () => {
    const appCatalog = defineCatalog(
      {
        'shipment.sent': {
          topic: 'shipments.v1',
          message: commercebridge.orders.v1.OrderShipped,
          key: (p) => p.orderId,
          required: ['orderId'],
        },
      },
      { sources: protoSources },
    );
    const handlers: Handlers<typeof appCatalog> = {
      'shipment.sent': async (event) => {
        expectTypeOf(event).toEqualTypeOf<commercebridge.orders.v1.OrderShipped>();
      },
      // @ts-expect-error the built-in catalog's types are not in this one
      'order.placed': async () => {},
    };
    void handlers;
  });
});

describe('options', () => {
  const base = {
    catalog,
    codec,
    pool,
    groupId: 'g',
    brokers: ['127.0.0.1:1'],
    handlers: { 'order.placed': async () => {} },
  };
  test('invalid options name the option and the fix', () => {
    expect(() => createConsumer({ ...base, maxBatchSize: 0 })).toThrow(
      '/consumer/maxBatchSize must be an integer between 1 and 10000 (got 0)',
    );
    expect(() => createConsumer({ ...base, groupId: '' })).toThrow(
      /\/consumer\/groupId must be a non-empty string/,
    );
    expect(() => createConsumer({ ...base, partitionsConsumedConcurrently: 20 })).toThrow(
      /raise the pool's max to 20/,
    );
    expect(() => createConsumer({ ...base, retry: { initialDelayMs: 500, maxDelayMs: 100 } })).toThrow(
      /retry\/maxDelayMs must be at least retry\/initialDelayMs/,
    );
    try {
      createConsumer({ ...base, transaction: 'sometimes' as 'batch' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConsumerError);
      expect((error as ConsumerError).code).toBe('CONSUMER_INVALID_OPTION');
    }
  });
  test('topics default to the catalog topics of the handled event types', () => {
    expect(() => createConsumer(base)).not.toThrow();
  });
});

describe('failure classification and backoff', () => {
  test('explicit retriable flag, then SQLSTATE class, then the unknown-error default', () => {
    expect(
      classifyFailure(new ConsumerError('CONSUMER_HANDLER_FAILED', 'x', { retriable: true }), false)
        .retriable,
    ).toBe(true);
    expect(classifyFailure(Object.assign(new Error('dup'), { code: '23505' }), true)).toMatchObject({
      code: 'PG_23505',
      retriable: false,
    });
    expect(classifyFailure(Object.assign(new Error('deadlock'), { code: '40P01' }), false).retriable).toBe(
      true,
    );
    expect(classifyFailure(new Error('bug'), true)).toMatchObject({
      code: 'CONSUMER_HANDLER_FAILED',
      retriable: true,
    });
    expect(classifyFailure(new Error('bug'), false).retriable).toBe(false);
  });
  test('backoff doubles, is capped and jittered between half and all of the step', () => {
    expect(backoffDelay(1, 100, 5000, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, 5000, () => 1)).toBe(100);
    expect(backoffDelay(4, 100, 5000, () => 1)).toBe(800);
    expect(backoffDelay(20, 100, 5000, () => 1)).toBe(5000);
  });
  test('coordinates ids are stable uuids; traceparent round trips', () => {
    const id = coordinatesEventId('t', 1, '42');
    expect(id).toBe(coordinatesEventId('t', 1, '42'));
    expect(id).not.toBe(coordinatesEventId('t', 1, '43'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const tp = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(formatTraceparent(parseTraceparent(tp)!)).toBe(tp);
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
  });
});
