// The order aggregate, event-sourced: its stream (id = order id) holds order.placed, then order.confirmed
// and/or order.cancelled. Every change reads the stream and appends with the version it read as
// expectedVersion, so two writers racing on one order (a cancel and a payment) cannot both win: the loser
// gets a ConcurrencyError and decides again on the new state. Appended events reach Kafka through the relay.
import { createOutbox, type StoredEvent, type Transaction } from '@commercebridge/outbox';
import { type BuiltinCatalog, catalog, commercebridge } from '@commercebridge/schemas';
import { tableNames } from './tables.ts';

const Reason = commercebridge.orders.v1.CancellationReason;

export type OrderStatus = 'placed' | 'confirmed' | 'cancelled';
export type CancelReason = 'customer_request' | 'payment_failed';

export interface LineInput {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface HistoryEntry {
  version: number;
  event: string;
  status: OrderStatus;
  at: string;
  reason?: CancelReason;
}

export interface OrderState {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  totalCents: number;
  /** The stream version this state was folded to: the expectedVersion of the next append. */
  version: number;
  history: HistoryEntry[];
}

const cents = (amount: string | null | undefined) => Math.round(Number(amount ?? '0') * 100);
const money = (value: number) => ({ currencyCode: 'EUR', amount: (value / 100).toFixed(2) });
const reasonName = (reason: number | undefined): CancelReason =>
  reason === Reason.CANCELLATION_REASON_PAYMENT_FAILED ? 'payment_failed' : 'customer_request';

type OrderEvent = StoredEvent<BuiltinCatalog>;

export function evolve(state: OrderState | null, event: OrderEvent): OrderState | null {
  const at = event.occurredAt.toISOString();
  const base = { version: event.streamVersion, event: event.type, at };
  switch (event.type) {
    case 'order.placed':
      return {
        orderId: event.payload.orderId,
        customerId: event.payload.customerId,
        status: 'placed',
        totalCents: cents(event.payload.total?.amount),
        version: event.streamVersion,
        history: [{ ...base, status: 'placed' }],
      };
    case 'order.confirmed':
      if (!state) return state;
      return {
        ...state,
        status: 'confirmed',
        version: event.streamVersion,
        history: [...state.history, { ...base, status: 'confirmed' }],
      };
    case 'order.cancelled': {
      if (!state) return state;
      const reason = reasonName(event.payload.reason);
      return {
        ...state,
        status: 'cancelled',
        version: event.streamVersion,
        history: [...state.history, { ...base, status: 'cancelled', reason }],
      };
    }
    default:
      return state;
  }
}

export function createOrders(options: { schema: string; appSchema: string }) {
  const { orders } = tableNames(options.appSchema);
  const outbox = createOutbox({
    catalog,
    schema: options.schema,
    // The read model commits with the events (or neither does): GET /orders lists and the checks read it.
    projections: [
      async (tx, events) => {
        for (const event of events) {
          if (event.type === 'order.placed') {
            await tx.query(
              `insert into ${orders} (order_id, customer_id, status, total_cents, version)
               values ($1, $2, 'placed', $3, $4)`,
              [
                event.payload.orderId,
                event.payload.customerId,
                cents(event.payload.total?.amount),
                event.streamVersion,
              ],
            );
          } else if (event.type === 'order.confirmed' || event.type === 'order.cancelled') {
            const status = event.type === 'order.confirmed' ? 'confirmed' : 'cancelled';
            const reason =
              event.type === 'order.cancelled' ? reasonName(event.payload.reason as number) : null;
            await tx.query(
              `update ${orders} set status = $2, version = $3, reason = $4, updated_at = now()
                where order_id = $1`,
              [event.streamId, status, event.streamVersion, reason],
            );
          }
        }
      },
    ],
  });

  async function load(tx: Transaction, orderId: string): Promise<OrderState | null> {
    const events = await outbox.readStream(tx, orderId);
    return events.reduce<OrderState | null>(evolve, null);
  }

  return {
    outbox,
    load,

    /** A new stream: expectedVersion 'no_stream', so an order id cannot be placed twice. */
    async place(
      tx: Transaction,
      input: { orderId: string; customerId: string; lines: LineInput[] },
      meta: { correlationId?: string } = {},
    ) {
      const totalCents = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
      const result = await outbox.appendToStream(
        tx,
        input.orderId,
        [
          {
            type: 'order.placed',
            payload: {
              orderId: input.orderId,
              customerId: input.customerId,
              items: input.lines.map((line, i) => ({
                lineItemId: `${input.orderId}-${i + 1}`,
                sku: line.sku,
                name: line.name,
                quantity: line.quantity,
                unitPrice: money(line.unitPriceCents),
              })),
              total: money(totalCents),
              placedAt: new Date().toISOString(),
              channel: 'web',
            },
            ...meta,
          },
        ],
        { expectedVersion: 'no_stream' },
      );
      return { version: result.nextExpectedVersion, totalCents };
    },

    async confirm(
      tx: Transaction,
      order: OrderState,
      meta: { paymentReference: string; causationId?: string; correlationId?: string },
    ) {
      const { paymentReference, ...eventMeta } = meta;
      return outbox.appendToStream(
        tx,
        order.orderId,
        [
          {
            type: 'order.confirmed',
            payload: {
              orderId: order.orderId,
              customerId: order.customerId,
              confirmedAt: new Date().toISOString(),
              paymentReference,
            },
            ...eventMeta,
          },
        ],
        { expectedVersion: order.version },
      );
    },

    async cancel(
      tx: Transaction,
      order: OrderState,
      meta: { reason: CancelReason; note?: string; causationId?: string; correlationId?: string },
    ) {
      const { reason, note, ...eventMeta } = meta;
      return outbox.appendToStream(
        tx,
        order.orderId,
        [
          {
            type: 'order.cancelled',
            payload: {
              orderId: order.orderId,
              customerId: order.customerId,
              cancelledAt: new Date().toISOString(),
              reason:
                reason === 'payment_failed'
                  ? Reason.CANCELLATION_REASON_PAYMENT_FAILED
                  : Reason.CANCELLATION_REASON_CUSTOMER_REQUEST,
              note: note ?? '',
              // A confirmed order was paid: cancelling it refunds the total.
              ...(order.status === 'confirmed' ? { refund: money(order.totalCents) } : {}),
            },
            ...eventMeta,
          },
        ],
        { expectedVersion: order.version },
      );
    },
  };
}

export type Orders = ReturnType<typeof createOrders>;
