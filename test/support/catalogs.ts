import { commercebridge, defineCatalog, protoSources } from '../../packages/schemas/src/index.ts';

/**
 * An application's own catalog: `order.placed` on `topic` (a test's own topic), so the relay, redrive and
 * the tools route it there and never to the built-in catalog's `orders.events.v1`.
 */
export function ordersCatalog(topic: string) {
  return defineCatalog(
    {
      'order.placed': {
        topic,
        message: commercebridge.orders.v1.OrderPlaced,
        key: (p) => p.orderId,
        required: ['orderId', 'customerId'],
      },
    },
    { sources: protoSources },
  );
}
