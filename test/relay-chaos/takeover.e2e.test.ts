// Guarantee 5: two relay processes share the slots and publish no event twice; killing one (kill -9) moves its
// slots to the other within 10 s (measured from the kill to the survivor owning every slot, on its /readyz and
// in the lease table), and nothing is lost.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/helpers.ts';
import type { ChildHandle } from '../support/processes.ts';
import {
  between,
  chaosProfile,
  createScenario,
  events,
  leaseOwners,
  ownedSlots,
  ownershipRuns,
  readStateRecords,
  relayReady,
  sharedServices,
  sleep,
  startRelay,
  startWriter,
  verify,
  waitAllPublished,
  writerDone,
} from './harness.ts';

const profile = chaosProfile();
/** The acceptance bound for a takeover. */
const TAKEOVER_LIMIT_MS = 10_000;

interface Takeover {
  killed: string;
  survivor: string;
  killedSlots: number[];
  /** kill -9 to the survivor listing every slot on /readyz */
  ownedMs: number;
  /** kill -9 to the lease table naming the survivor for every slot */
  leasesMs: number;
  /** kill -9 to the survivor's last `slot.recovered` of the taken slots (by its log clock) */
  recoveredMs: number;
}

describe(`relay takeover (CHAOS_PROFILE=${profile.name})`, () => {
  it(`two relays, ${profile.takeovers} kill -9 of one: slots move to the other within 10 s, each event once`, async () => {
    const started = Date.now();
    const scenario = await createScenario(sharedServices(), { slotCount: 6 });
    const writer = startWriter(scenario, {
      id: 'writer',
      events: profile.takeoverEvents,
      rate: Math.ceil(profile.takeoverEvents / (15 + profile.takeovers * 15)),
    });

    let generation = 0;
    const everyRelay: ChildHandle[] = [];
    const launch = async (name: string): Promise<{ handle: ChildHandle; port: number }> => {
      generation += 1;
      const handle = startRelay(scenario, { id: `${name}-${generation}` });
      everyRelay.push(handle);
      return { handle, port: await relayReady(handle) };
    };
    const relays = [await launch('relay-a'), await launch('relay-b')];

    const bothOwnSlots = async (): Promise<boolean> => {
      const owned = await Promise.all(relays.map((r) => ownedSlots(r.port)));
      if (owned.some((slots) => slots === null || slots.length === 0)) return false;
      const all = owned.flatMap((slots) => slots!);
      // Disjoint and complete: every slot owned by exactly one of them.
      return all.length === scenario.slotCount && new Set(all).size === scenario.slotCount;
    };

    const takeovers: Takeover[] = [];
    for (let round = 0; round < profile.takeovers; round++) {
      await waitFor(bothOwnSlots, {
        timeout: 30_000,
        what: 'the two relays splitting the slots between them',
      });
      // Both publish before one dies.
      await waitFor(() => relays.every((r) => events(r.handle, 'batch.committed').length > 0), {
        timeout: 30_000,
        what: 'both relays committing batches',
      });
      await sleep(between(500, 2500));
      const victimIndex = round % 2;
      const victim = relays[victimIndex]!;
      const survivor = relays[1 - victimIndex]!;
      const killedSlots = (await ownedSlots(victim.port)) ?? [];
      const recoveredBefore = survivor.handle.lines().length;
      const killedAt = Date.now();
      await victim.handle.kill();

      let ownedMs = -1;
      let leasesMs = -1;
      await waitFor(
        async () => {
          if (ownedMs < 0 && (await ownedSlots(survivor.port))?.length === scenario.slotCount) {
            ownedMs = Date.now() - killedAt;
          }
          if (leasesMs < 0) {
            const owners = await leaseOwners(scenario);
            if (
              owners.size === scenario.slotCount &&
              [...owners.values()].every((o) => o === survivor.handle.name)
            ) {
              leasesMs = Date.now() - killedAt;
            }
          }
          return ownedMs >= 0 && leasesMs >= 0;
        },
        { timeout: 60_000, interval: 50, what: `${survivor.handle.name} owning every slot after the kill` },
      );
      const recovered = await waitFor(
        () => {
          const lines = events(survivor.handle, 'slot.recovered', recoveredBefore).filter((l) =>
            killedSlots.includes(l['slot'] as number),
          );
          return new Set(lines.map((l) => l['slot'])).size === killedSlots.length ? lines : null;
        },
        { timeout: 60_000, what: `${survivor.handle.name} recovering slots ${killedSlots.join(',')}` },
      );
      const lastRecovered = Math.max(...recovered.map((l) => Date.parse(String(l['time']))));
      takeovers.push({
        killed: victim.handle.name,
        survivor: survivor.handle.name,
        killedSlots,
        ownedMs,
        leasesMs,
        recoveredMs: lastRecovered - killedAt,
      });
      // A new instance replaces the dead one for the next round.
      relays[victimIndex] = await launch(victimIndex === 0 ? 'relay-a' : 'relay-b');
    }

    const writerSummary = await writerDone(writer);
    await waitFor(bothOwnSlots, { timeout: 30_000, what: 'the two relays splitting the slots at the end' });
    await waitAllPublished(scenario);
    await Promise.all(relays.map((r) => r.handle.terminate({ expectCode: 0 })));
    const verdict = await verify(scenario);
    // No slot committed by two relays at once: per slot, the relays' runs in the committed state records are
    // no more than the acquisitions of that slot (a run starts only after its relay acquired the slot).
    const runs = ownershipRuns(await readStateRecords(scenario));
    const overlaps: string[] = [];
    for (let slot = 0; slot < scenario.slotCount; slot++) {
      const acquisitions = everyRelay.flatMap((r) =>
        events(r, 'slot.acquired').filter((l) => l['slot'] === slot),
      ).length;
      const slotRuns = runs.get(slot) ?? [];
      if (slotRuns.length > acquisitions)
        overlaps.push(`slot ${slot}: runs ${slotRuns.join(' ')} > ${acquisitions} acquisitions`);
    }
    console.log(
      `CHAOS-RESULT ${JSON.stringify({
        test: 'takeover',
        profile: profile.name,
        takeovers,
        ownershipRuns: Object.fromEntries([...runs].map(([slot, list]) => [slot, list.length])),
        committedEvents: verdict.committed,
        messagesRead: verdict.diff.deliveredCount,
        writer: { committedTx: writerSummary['committedTx'], rolledBackTx: writerSummary['rolledBackTx'] },
        seconds: Math.round((Date.now() - started) / 1000),
      })}`,
    );

    expect(verdict.diff.ok, verdict.summary).toBe(true);
    expect(overlaps).toEqual([]);
    // Both relays published in every round, so at least the first takeover changed hands in its slots.
    expect([...runs.values()].some((list) => list.length > 1)).toBe(true);
    expect(takeovers).toHaveLength(profile.takeovers);
    for (const takeover of takeovers) {
      expect(takeover.killedSlots.length, 'the killed relay owned slots').toBeGreaterThan(0);
      expect(takeover.ownedMs, JSON.stringify(takeover)).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
      expect(takeover.leasesMs, JSON.stringify(takeover)).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    }
  });
});
