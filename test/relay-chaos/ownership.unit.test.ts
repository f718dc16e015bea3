// The takeover test's "no slot committed by two relays at once" signal must be able to fail.
import { describe, expect, it } from 'vitest';
import { ownershipRuns, type StateRecord } from './harness.ts';

const record = (slot: number, relayId: string, offset: number): StateRecord => ({
  slot,
  relayId,
  positions: [offset],
  timestamp: offset,
  partition: slot,
  offset,
});

describe('ownershipRuns', () => {
  it('counts one run per uninterrupted owner, in offset order whatever the input order', () => {
    const runs = ownershipRuns([
      record(0, 'b', 3),
      record(0, 'a', 0),
      record(0, 'a', 1),
      record(0, 'b', 2),
      record(1, 'a', 0),
    ]);
    expect(runs.get(0)).toEqual(['a', 'b']);
    expect(runs.get(1)).toEqual(['a']);
  });

  it('shows interleaved commits of two relays as more runs than handovers', () => {
    const runs = ownershipRuns([record(0, 'a', 0), record(0, 'b', 1), record(0, 'a', 2), record(0, 'b', 3)]);
    expect(runs.get(0)).toEqual(['a', 'b', 'a', 'b']);
  });
});
