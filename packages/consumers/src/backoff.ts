/**
 * Delay before retry number `retry` (1-based): exponential, capped, with "equal jitter" (half fixed, half
 * random) so retries of many consumers spread out but never collapse to zero.
 */
export function backoffDelay(retry: number, initialMs: number, maxMs: number, random = Math.random): number {
  const exponential = Math.min(maxMs, initialMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
