// Fencing: a relay frozen with SIGSTOP whose slots were taken over by another relay cannot commit anything after
// SIGCONT. First a relay frozen inside a Kafka transaction, after its last lease check (only Kafka's producer
// fencing can stop that commit); then relays frozen at random moments by an outside SIGSTOP.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/helpers.ts';
import type { ChildHandle, LogLine } from '../support/processes.ts';
import {
  between,
  chaosProfile,
  createScenario,
  ownedSlots,
  readStateRecords,
  relayReady,
  type Scenario,
  type StateRecord,
  sharedServices,
  sleep,
  startRelay,
  startWriter,
  verify,
  waitAllPublished,
  writerDone,
  zombieCommits,
} from './harness.ts';

const profile = chaosProfile();

function processState(pid: number): string {
  // Field 3 of /proc/<pid>/stat: R running, S sleeping, T stopped, ...
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
}

async function waitStopped(relay: ChildHandle): Promise<void> {
  await waitFor(() => processState(relay.pid) === 'T', {
    timeout: 10_000,
    what: `${relay.name} stopped (state T)`,
  });
}

/** Waits until `relay` reports owning every slot on /readyz. */
async function waitOwnsAll(scenario: Scenario, port: number, what: string): Promise<void> {
  await waitFor(async () => (await ownedSlots(port))?.length === scenario.slotCount, {
    timeout: 30_000,
    what,
  });
}

/** One freeze of a relay: which slots it held, when it was stopped and resumed, where its log was then. */
interface Freeze {
  relay: ChildHandle;
  slots: number[];
  frozenAt: number;
  resumedAt: number;
  resumeMark: number;
  /** Per slot, the state offset the new owner read back once it had fenced the frozen relay. */
  fencedAtOffset: Map<number, number>;
}

/** The state offset in a `slot.recovered` line: the last committed record the new owner read after fencing. */
function recoveredOffset(line: LogLine): number {
  const offset = line['stateOffset'];
  return offset === null || offset === undefined ? -1 : Number(offset);
}

/** Waits for `owner` to recover each of `slots` (its initTransactions fenced the old owner) from line `fromLine`. */
async function waitFenced(
  owner: ChildHandle,
  slots: number[],
  fromLine: number,
): Promise<Map<number, number>> {
  const fenced = new Map<number, number>();
  for (const slot of slots) {
    const line = await owner.waitForLog((l) => l['msg'] === 'slot.recovered' && l['slot'] === slot, {
      fromLine,
      what: `${owner.name} recovering slot ${slot}`,
    });
    fenced.set(slot, recoveredOffset(line));
  }
  return fenced;
}

function zombieCommitsOf(freeze: Freeze, records: StateRecord[]): string[] {
  return zombieCommits(
    {
      relayId: freeze.relay.name,
      slots: freeze.slots,
      frozenAt: freeze.frozenAt,
      resumedAt: freeze.resumedAt,
      linesAfterResume: freeze.relay.lines().slice(freeze.resumeMark),
      fencedAtOffset: freeze.fencedAtOffset,
    },
    records,
  );
}

describe(`relay fencing (CHAOS_PROFILE=${profile.name})`, () => {
  it('a relay frozen in its commit window and taken over is fenced after SIGCONT; random freezes too', async () => {
    const started = Date.now();
    const scenario = await createScenario(sharedServices(), { slotCount: 4 });
    const writer = startWriter(scenario, {
      id: 'writer',
      events: profile.fencingEvents,
      rate: Math.ceil(profile.fencingEvents / (20 + profile.randomFreezes * 12)),
    });

    // 1. Frozen by itself inside the transaction of its 3rd commit, after the lease check.
    const zombie = startRelay(scenario, {
      id: 'relay-a',
      script: 'test/relay-chaos/freeze-runner.ts',
      env: { RELAY_TEST_FREEZE_AT_COMMIT: '3' },
    });
    const freezing = await zombie.waitForLog((l) => l['msg'] === 'test.freezing', {
      timeout: 60_000,
      what: 'the relay freezing itself before a commit',
    });
    await waitStopped(zombie);
    const frozenSlot = freezing['slot'] as number;
    const frozenFirst = freezing['firstPosition'] as number;

    const survivor = startRelay(scenario, { id: 'relay-b' });
    const survivorPort = await relayReady(survivor);
    await waitOwnsAll(scenario, survivorPort, 'relay-b owning every slot while relay-a is frozen');
    // The new owner's initTransactions has bumped the epoch once it recovered the slot.
    const windowFenced = await waitFenced(survivor, [frozenSlot], 0);

    const mark = zombie.lines().length;
    const windowFreeze: Freeze = {
      relay: zombie,
      slots: [frozenSlot],
      frozenAt: Date.parse(String(freezing['time'])),
      resumedAt: Date.now(),
      resumeMark: mark,
      fencedAtOffset: windowFenced,
    };
    zombie.resume();
    // Its heartbeat may report the lease gone first (`slot.lost` lease_lost); the open transaction's commit, which
    // comes right after the hook returns, must then be refused by Kafka (`slot.lost` fenced).
    await zombie.waitForLog(
      (l) => l['msg'] === 'slot.lost' && l['slot'] === frozenSlot && l['reason'] === 'fenced',
      {
        fromLine: mark,
        timeout: 60_000,
        what: `relay-a reporting slot ${frozenSlot} fenced after SIGCONT`,
      },
    );
    const lostReasons = zombie
      .lines()
      .slice(mark)
      .filter((l) => l['msg'] === 'slot.lost' && l['slot'] === frozenSlot)
      .map((l) => l['reason']);

    // 2. Random moments: freeze the relay that owns the most slots, let the other take over, resume it.
    const relays: Array<{ handle: ChildHandle; port: number }> = [
      { handle: zombie, port: await relayReady(zombie) },
      { handle: survivor, port: survivorPort },
    ];
    const randomFreezes: Freeze[] = [];
    for (let round = 0; round < profile.randomFreezes; round++) {
      // Both relays share the slots again (fair share), then one of them is frozen at a random moment.
      await waitFor(
        async () => {
          const owned = await Promise.all(relays.map((r) => ownedSlots(r.port)));
          return owned.every((slots) => slots !== null && slots.length > 0);
        },
        { timeout: 30_000, what: 'both relays owning slots again' },
      );
      await sleep(between(300, 2500));
      const slotsOf = await Promise.all(relays.map((r) => ownedSlots(r.port)));
      const [countA, countB] = [slotsOf[0]?.length ?? 0, slotsOf[1]?.length ?? 0];
      const victimIndex = countA === countB ? between(0, 1) : countA > countB ? 0 : 1;
      const victim = relays[victimIndex]!;
      const other = relays[1 - victimIndex]!;
      const slots = slotsOf[victimIndex] ?? [];
      const frozenAt = Date.now();
      const otherMark = other.handle.lines().length;
      victim.handle.pause();
      await waitStopped(victim.handle);
      await waitOwnsAll(
        scenario,
        other.port,
        `${other.handle.name} owning every slot while ${victim.handle.name} is frozen`,
      );
      // The zombie wakes up only after the new owner fenced every taken slot and published in them for a while.
      const fencedAtOffset = await waitFenced(other.handle, slots, otherMark);
      await sleep(1000);
      const freeze: Freeze = {
        relay: victim.handle,
        slots,
        frozenAt,
        resumedAt: Date.now(),
        resumeMark: victim.handle.lines().length,
        fencedAtOffset,
      };
      victim.handle.resume();
      for (const slot of slots) {
        await victim.handle.waitForLog((l) => l['msg'] === 'slot.lost' && l['slot'] === slot, {
          fromLine: freeze.resumeMark,
          timeout: 60_000,
          what: `${victim.handle.name} reporting slot ${slot} lost after SIGCONT`,
        });
      }
      randomFreezes.push(freeze);
    }

    const writerSummary = await writerDone(writer);
    await waitAllPublished(scenario);
    await Promise.all(relays.map((r) => r.handle.terminate({ expectCode: 0 })));
    const verdict = await verify(scenario);
    const records = await readStateRecords(scenario);
    // The frozen batch never reached Kafka under the zombie (another owner may have sent those rows since).
    const frozenBatchCommitted = records.some(
      (r) => r.relayId === zombie.name && r.slot === frozenSlot && r.positions.includes(frozenFirst),
    );
    const windowZombieCommits = zombieCommitsOf(windowFreeze, records);
    const rounds = randomFreezes.map((freeze) => ({
      frozen: freeze.relay.name,
      slots: freeze.slots,
      frozenMs: freeze.resumedAt - freeze.frozenAt,
      lost: freeze.slots.map((slot) => {
        const line = freeze.relay
          .lines()
          .slice(freeze.resumeMark)
          .find((l) => l['msg'] === 'slot.lost' && l['slot'] === slot);
        return `${slot}:${String(line?.['reason'])}`;
      }),
      zombieCommits: zombieCommitsOf(freeze, records),
    }));
    console.log(
      `CHAOS-RESULT ${JSON.stringify({
        test: 'fencing',
        profile: profile.name,
        commitWindow: {
          slot: frozenSlot,
          lostReasons,
          frozenBatchCommitted,
          zombieCommits: windowZombieCommits,
        },
        randomRounds: rounds,
        stateRecords: records.length,
        committedEvents: verdict.committed,
        messagesRead: verdict.diff.deliveredCount,
        writer: { committedTx: writerSummary['committedTx'], rolledBackTx: writerSummary['rolledBackTx'] },
        seconds: Math.round((Date.now() - started) / 1000),
      })}`,
    );

    expect(verdict.diff.ok, verdict.summary).toBe(true);
    expect(frozenBatchCommitted).toBe(false);
    // Frozen after its lease check, only the Kafka epoch can have stopped its commit.
    expect(lostReasons).toContain('fenced');
    expect(windowZombieCommits).toEqual([]);
    expect(rounds).toHaveLength(profile.randomFreezes);
    for (const round of rounds) {
      expect(round.zombieCommits, round.frozen).toEqual([]);
      for (const lost of round.lost) expect(lost).toMatch(/^\d+:(fenced|lease_lost)$/);
    }
  });
});
