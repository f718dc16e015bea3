// The takeover and fencing tests' signals of a double owner or a zombie commit must be able to fail.
import { describe, expect, it } from 'vitest';
import { ownershipRuns, type StateRecord, zombieCommits } from './harness.ts';

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

describe('zombieCommits', () => {
  const resumedAt = Date.parse('2026-01-01T00:00:10.000Z');
  const freeze = (lines: Array<Record<string, unknown>>) => ({
    relayId: 'a',
    slots: [0, 1],
    frozenAt: resumedAt - 4000,
    resumedAt,
    linesAfterResume: lines,
  });
  const at = (ms: number) => new Date(resumedAt + ms).toISOString();

  it('accepts a batch committed before the freeze and logged after it, then the slot lost', () => {
    const lines = [
      { time: at(5), event: 'batch.committed', slot: 0, ms: 70 },
      { time: at(20), event: 'slot.lost', slot: 0, reason: 'fenced' },
      { time: at(20), event: 'slot.lost', slot: 1, reason: 'lease_lost' },
    ];
    expect(zombieCommits(freeze(lines), [{ ...record(0, 'a', 1), timestamp: resumedAt - 4100 }])).toEqual([]);
  });

  it('reports a transaction that spanned the freeze and a state record sent after SIGCONT', () => {
    const lines = [
      { time: at(5), event: 'batch.committed', slot: 0, ms: 4100 },
      { time: at(30), event: 'slot.lost', slot: 0, reason: 'fenced' },
    ];
    const found = zombieCommits(freeze(lines), [
      { ...record(1, 'a', 7), timestamp: resumedAt + 15 },
      { ...record(1, 'b', 8), timestamp: resumedAt + 16 },
    ]);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('spanning the freeze');
    expect(found[1]).toContain('state record of slot 1');
  });

  it('accepts commits after the relay acquired the slot anew', () => {
    const lines = [
      { time: at(10), event: 'slot.lost', slot: 1, reason: 'lease_lost' },
      { time: at(3000), event: 'slot.acquired', slot: 1 },
      { time: at(3500), event: 'batch.committed', slot: 1, ms: 4500 },
    ];
    expect(zombieCommits(freeze(lines), [{ ...record(1, 'a', 9), timestamp: resumedAt + 3400 }])).toEqual([]);
  });
});
