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
  // The new owner read back offset 5 of slot 0 and offset 6 of slot 1 once it had fenced relay a.
  const freeze = (
    lines: Array<Record<string, unknown>>,
    fenced = new Map([
      [0, 5],
      [1, 6],
    ]),
  ) => ({
    relayId: 'a',
    slots: [0, 1],
    frozenAt: resumedAt - 4000,
    resumedAt,
    linesAfterResume: lines,
    fencedAtOffset: fenced,
  });
  const at = (ms: number) => new Date(resumedAt + ms).toISOString();

  it('accepts a commit the broker completed before the freeze, though marked and logged after SIGCONT', () => {
    const lines = [
      { time: at(5), msg: 'batch.committed', slot: 0, ms: 4100 },
      { time: at(20), msg: 'slot.lost', slot: 0, reason: 'fenced' },
      { time: at(20), msg: 'slot.lost', slot: 1, reason: 'lease_lost' },
    ];
    expect(zombieCommits(freeze(lines), [{ ...record(0, 'a', 5), timestamp: resumedAt - 4100 }])).toEqual([]);
  });

  it('reports a commit visible past the fence and a state record sent after SIGCONT', () => {
    const lines = [{ time: at(30), msg: 'slot.lost', slot: 0, reason: 'fenced' }];
    const found = zombieCommits(freeze(lines), [
      { ...record(0, 'a', 7), timestamp: resumedAt - 4100 },
      { ...record(1, 'a', 6), timestamp: resumedAt + 15 },
      { ...record(1, 'b', 8), timestamp: resumedAt + 16 },
    ]);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('offset 7, after the fence at 5');
    expect(found[1]).toContain('state record of slot 1 sent at');
  });

  it('accepts commits after the relay acquired the slot anew', () => {
    const lines = [
      { time: at(10), msg: 'slot.lost', slot: 1, reason: 'lease_lost' },
      { time: at(3000), msg: 'slot.acquired', slot: 1 },
      { time: at(3500), msg: 'batch.committed', slot: 1, ms: 4500 },
    ];
    expect(zombieCommits(freeze(lines), [{ ...record(1, 'a', 9), timestamp: resumedAt + 3400 }])).toEqual([]);
  });

  it('cannot pass a slot whose new owner was never seen fencing it', () => {
    expect(zombieCommits(freeze([], new Map([[0, 5]])), [])).toEqual([
      'slot 1: no recovery by the new owner was recorded, so its fence cannot be checked',
    ]);
  });
});
