// Type-level tests: `pnpm typecheck` compiles this file, so every @ts-expect-error below must stay an error.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Catalog,
  catalog,
  commercebridge,
  type DecodedEvent,
  defineCatalog,
  type EventPayload,
  type EventType,
  encodeEvent,
  protoSources,
} from '../src/index.ts';

type Builtin = typeof catalog;

describe('catalog types', () => {
  it('lists the event types of the built-in catalog', () => {
    expectTypeOf<EventType<Builtin>>().toEqualTypeOf<
      | 'order.placed'
      | 'order.confirmed'
      | 'order.cancelled'
      | 'order.shipped'
      | 'engagement.recalculate'
      | 'job.enqueued'
      | 'job.completed'
      | 'log.written'
      | 'notification.published'
    >();
  });

  it('types a payload by its generated message', () => {
    expectTypeOf<
      EventPayload<Builtin, 'order.placed'>
    >().toEqualTypeOf<commercebridge.orders.v1.IOrderPlaced>();
    expectTypeOf<EventPayload<Builtin, 'log.written'>['metadata']>().toEqualTypeOf<
      { [k: string]: string } | null | undefined
    >();
  });

  it('rejects a misspelled or mistyped field, or an unknown event type, at compile time', () => {
    const compileOnly = (run: () => void) => expectTypeOf(run).toBeFunction();
    compileOnly(() => {
      // @ts-expect-error misspelled field
      encodeEvent(catalog, 'order.placed', { orderId: 'o1', customerId: 'c1', custmerId: 'c1' });
      // @ts-expect-error mistyped field
      encodeEvent(catalog, 'order.placed', { orderId: 42, customerId: 'c1' });
      // @ts-expect-error mistyped nested field
      encodeEvent(catalog, 'order.placed', { orderId: 'o1', items: [{ quantity: '2' }] });
      // @ts-expect-error unknown event type
      encodeEvent(catalog, 'order.plced', { orderId: 'o1' });
      // @ts-expect-error a field of another event
      encodeEvent(catalog, 'order.confirmed', { orderId: 'o1', carrier: 'dhl' });
    });
  });

  it('narrows a decoded event by its type', () => {
    const handle = (event: DecodedEvent<Builtin>) => {
      if (event.type === 'order.shipped') {
        expectTypeOf(event.payload).toEqualTypeOf<commercebridge.orders.v1.OrderShipped>();
        expectTypeOf(event.payload.trackingNumber).toEqualTypeOf<string>();
      }
    };
    expectTypeOf(handle).toBeFunction();
  });

  it('types user catalogs: key and required see their own message', () => {
    const mine = defineCatalog(
      {
        'parcel.shipped': {
          topic: 'parcels.events.v1',
          message: commercebridge.orders.v1.OrderShipped,
          key: (payload) => {
            expectTypeOf(payload).toEqualTypeOf<commercebridge.orders.v1.IOrderShipped>();
            return payload.trackingNumber;
          },
          required: ['trackingNumber'],
        },
      },
      { sources: protoSources },
    );
    expectTypeOf(mine).toMatchTypeOf<Catalog>();
    expectTypeOf<EventType<typeof mine>>().toEqualTypeOf<'parcel.shipped'>();
    const compileOnly = (run: () => void) => expectTypeOf(run).toBeFunction();
    compileOnly(() => {
      defineCatalog(
        {
          'parcel.shipped': {
            topic: 'parcels.events.v1',
            message: commercebridge.orders.v1.OrderShipped,
            // @ts-expect-error not a field of OrderShipped
            key: (payload) => payload.service,
            // @ts-expect-error not a field of OrderShipped
            required: ['trackingNumbr'],
          },
        },
        { sources: protoSources },
      );
    });
  });
});
