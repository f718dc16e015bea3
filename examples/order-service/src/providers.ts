// Stand-ins for the service's outside world, so the example can show each failure path without a network:
// a card provider that declines large amounts, and an engagement-scoring service with two kinds of trouble.
// The rules are in customer ids and amounts so that a scenario over HTTP can choose the path it shows.

/** Orders above this total are declined (a card limit). */
export const CARD_LIMIT_CENTS = 50_000;

export type ChargeResult = { ok: true; reference: string } | { ok: false; reason: string };

export function chargeCard(order: { orderId: string; totalCents: number }): ChargeResult {
  if (order.totalCents > CARD_LIMIT_CENTS) {
    return { ok: false, reason: `card limit of ${(CARD_LIMIT_CENTS / 100).toFixed(2)} EUR exceeded` };
  }
  return { ok: true, reference: `pay-${order.orderId}` };
}

/** A failure of the scoring service; `retriable` is what the queue reads to choose retry or dead letter. */
export class ScoringUnavailable extends Error {
  readonly retriable = true;
  override readonly name = 'ScoringUnavailable';
}

/**
 * Customers named `flaky-*` meet a scoring service that times out on the first two attempts; `poison-*`
 * customers have a record it can never score (every attempt fails, the job ends in the dead-letter queue).
 */
export function checkScoringService(customerId: string, attemptsBefore: number): void {
  if (customerId.startsWith('flaky-') && attemptsBefore < 2) {
    throw new ScoringUnavailable(`scoring service timed out (attempt ${attemptsBefore + 1})`);
  }
  if (customerId.startsWith('poison-')) {
    throw new ScoringUnavailable(`scoring service cannot read the record of ${customerId}`);
  }
}
