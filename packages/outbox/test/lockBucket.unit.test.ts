import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCK_BUCKETS, lockBucket } from '../src/index.ts';

describe('lockBucket', () => {
  it('is FNV-1a (32-bit) of the UTF-8 bytes modulo 1024: these values must never change', () => {
    // Published FNV-1a values: "" -> 0x811c9dc5, "a" -> 0xe40c292c.
    expect(lockBucket('')).toBe(0x811c9dc5 % 1024);
    expect(lockBucket('a')).toBe(0xe40c292c % 1024);
    expect(lockBucket('order-1')).toBe(365);
    expect(lockBucket('customer:42')).toBe(895);
    expect(lockBucket('ünïcødé')).toBe(928);
    expect(lockBucket('🙂')).toBe(587);
  });

  // Generous timeout: unit tests share two cores with the integration tiers in CI.
  it('always lands in 0..1023', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (key) => {
        const bucket = lockBucket(key);
        return Number.isInteger(bucket) && bucket >= 0 && bucket < LOCK_BUCKETS;
      }),
      { numRuns: 500 },
    );
  });

  it('spreads keys over the buckets', { timeout: 60_000 }, () => {
    const counts = new Array(LOCK_BUCKETS).fill(0);
    for (let i = 0; i < 102_400; i++) counts[lockBucket(`order-${i}`)]++;
    // 100 keys per bucket on average; a broken hash piles them up.
    expect(Math.max(...counts)).toBeLessThan(200);
    expect(Math.min(...counts)).toBeGreaterThan(30);
  });
});
