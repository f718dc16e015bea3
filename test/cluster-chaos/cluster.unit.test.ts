import { describe, expect, it } from 'vitest';
import { javaStringHash, transactionStatePartition } from './cluster.ts';

describe("a transactional id's __transaction_state partition", () => {
  it("hashes like Java's String.hashCode", () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('hello')).toBe(99162322);
    // Overflows to a negative number.
    expect(javaStringHash('commercebridge.relay.0')).toBe(-2011229623);
    // The one string whose hash is Integer.MIN_VALUE, where Math.abs would stay negative.
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });

  it("takes Kafka's Utils.abs (MIN_VALUE gives 0) modulo the partition count", () => {
    expect(transactionStatePartition('polygenelubricants', 10)).toBe(0);
    expect(transactionStatePartition('hello', 10)).toBe(2);
    expect(transactionStatePartition('commercebridge.relay.0', 50)).toBe(2011229623 % 50);
  });
});
