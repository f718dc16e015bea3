// Shared by the benchmarks: the ~500 B order.placed payload they publish, and the statistics they print.

/** An order.placed payload of about 500 bytes encoded, as an order service would write it. */
export function orderPayload(orderId: string) {
  const money = (units: number) => ({ currencyCode: 'EUR', amount: `${units}.50` });
  return {
    orderId,
    customerId: 'customer-000042',
    channel: 'web',
    placedAt: '2025-01-01T12:00:00.000Z',
    items: [1, 2, 3].map((n) => ({
      lineItemId: `line-${n}-${orderId}`,
      sku: `SKU-${n}-ABCDEFGH`,
      name: `Product number ${n} with a reasonably long descriptive name`,
      quantity: n,
      unitPrice: money(10 * n),
    })),
    subtotal: money(60),
    shipping: money(5),
    tax: money(12),
    total: money(77),
    shippingAddress: {
      name: 'Jane Example',
      lines: ['12 Example Street', 'Building C, 3rd floor'],
      city: 'Springfield',
      postalCode: '12345',
      countryCode: 'DE',
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile of an ascending array (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
