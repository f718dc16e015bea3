// The write path: the order row and its event commit together, or neither does.
import { createOutbox } from '@commercebridge/outbox';
import { catalog } from '@commercebridge/schemas';
import { eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { orders } from './tables.ts';

export const outbox = createOutbox({ catalog });

export interface LineInput {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

const money = (cents: number) => ({ currencyCode: 'EUR', amount: (cents / 100).toFixed(2) });

export async function placeOrder(
  db: NodePgDatabase,
  input: { orderId: string; customerId: string; lines: LineInput[] },
): Promise<void> {
  const totalCents = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  await db.transaction(async (tx) => {
    await tx
      .insert(orders)
      .values({ orderId: input.orderId, customerId: input.customerId, status: 'placed', totalCents });
    // Typed by the catalog: a misspelled field or a wrong type here is a compile error.
    await outbox.publish(tx, 'order.placed', {
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
    });
  });
}

/**
 * Confirms a placed order. `tx` is bound to a connection already inside a transaction: here the payment
 * handler's inbox transaction, so the update, the event and the inbox row commit together.
 */
export async function confirmOrder(
  tx: NodePgDatabase,
  order: { orderId: string; customerId: string; causationId: string },
): Promise<void> {
  await tx
    .update(orders)
    .set({ status: 'confirmed', confirmedAt: new Date() })
    .where(eq(orders.orderId, order.orderId));
  await outbox.publish(
    tx,
    'order.confirmed',
    {
      orderId: order.orderId,
      customerId: order.customerId,
      confirmedAt: new Date().toISOString(),
      paymentReference: `pay-${order.orderId}`,
    },
    { causationId: order.causationId },
  );
}
