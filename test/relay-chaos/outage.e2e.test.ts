// Guarantee 6: the broker stopped and restarted during publishing, then Postgres likewise: the relay recovers by
// itself (same process, no restart) and nothing is lost or duplicated. Runs on a private stack: stopping the
// shared servers would break everyone else's tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateStack, startPrivateStack } from '../support/private-stack.ts';
import type { ChildHandle } from '../support/processes.ts';
import {
  chaosProfile,
  createScenario,
  events,
  relayReady,
  type Scenario,
  sleep,
  startRelay,
  startWriter,
  verify,
  waitAllPublished,
  writerDone,
} from './harness.ts';
import { committedCount } from './truth.ts';

const profile = chaosProfile();
// The CI profile crashes the broker (kill -9: quick) and stops Postgres cleanly (fast); the full profile adds a
// clean broker stop (controlled shutdown) and a Postgres crash (immediate: recovery at start).
const plan: Array<['kafka', 'kill' | 'stop'] | ['postgres', 'fast' | 'immediate']> =
  profile.name === 'full'
    ? [
        ['kafka', 'stop'],
        ['postgres', 'fast'],
        ['kafka', 'kill'],
        ['postgres', 'immediate'],
      ]
    : [
        ['kafka', 'kill'],
        ['postgres', 'fast'],
      ];

let stack: PrivateStack;
beforeAll(async () => {
  stack = await startPrivateStack();
}, 180_000);
afterAll(async () => {
  await stack?.down();
}, 120_000);

interface Outage {
  service: 'kafka' | 'postgres';
  mode: string;
  downMs: number;
  /** restart done (service answering) to the relay's next committed batch */
  recoveredMs: number;
  committedDuring: number;
  relayErrors: number;
}

/** Waits for the relay's first `batch.committed` after line `from`; returns when it was logged. */
async function nextCommit(relay: ChildHandle, from: number, what: string): Promise<number> {
  const line = await relay.waitForLog((l) => l['msg'] === 'batch.committed', {
    fromLine: from,
    timeout: 120_000,
    what,
  });
  return Date.parse(String(line['time']));
}

async function outage(
  scenario: Scenario,
  relay: ChildHandle,
  service: 'kafka' | 'postgres',
  mode: 'kill' | 'stop' | 'fast' | 'immediate',
): Promise<Outage> {
  // Publishing is under way: the relay has just committed a batch and the writer keeps writing.
  await nextCommit(relay, relay.lines().length, `a commit before stopping ${service}`);
  const before = await committedCount(scenario.pool, scenario.schema).catch(() => 0);
  const mark = relay.lines().length;
  const stoppedAt = Date.now();
  if (mode === 'kill') await stack.killKafka();
  else if (mode === 'stop') await stack.stopKafka();
  else await stack.stopPostgres(mode);
  await sleep(profile.outageMs);
  if (service === 'kafka') await stack.startKafka();
  else await stack.startPostgres();
  const restartedAt = Date.now();
  const committedAt = await nextCommit(relay, relay.lines().length, `a commit after restarting ${service}`);
  if (!relay.running) throw new Error(`the relay died during the ${service} outage\n${relay.tail()}`);
  const after = await committedCount(scenario.pool, scenario.schema);
  return {
    service,
    mode,
    downMs: restartedAt - stoppedAt,
    recoveredMs: Math.max(0, committedAt - restartedAt),
    committedDuring: after - before,
    relayErrors: relay
      .lines()
      .slice(mark)
      .filter((l) => l['msg'] === 'batch.failed' || l['msg'] === 'relay.error').length,
  };
}

describe(`relay through broker and Postgres restarts (CHAOS_PROFILE=${profile.name})`, () => {
  it('recovers by itself from a Kafka restart and a Postgres restart: nothing lost or duplicated', async () => {
    const started = Date.now();
    const scenario = await createScenario(
      { brokers: stack.brokers, databaseUrl: stack.databaseUrl },
      { slotCount: 4, cleanup: false },
    );
    // Writing lasts through all the outages (about 12 s each plus start-up).
    const seconds = 10 + (plan.length * (profile.outageMs + 8000)) / 1000;
    const writer = startWriter(scenario, {
      id: 'writer',
      events: profile.outageEvents,
      rate: Math.ceil(profile.outageEvents / seconds),
    });
    const relay = startRelay(scenario, { id: 'relay-1' });
    await relayReady(relay);

    const outages: Outage[] = [];
    for (const [service, mode] of plan) outages.push(await outage(scenario, relay, service, mode));

    const writerSummary = await writerDone(writer);
    await waitAllPublished(scenario);
    expect(relay.running, 'the relay process survived every outage').toBe(true);
    await relay.terminate({ expectCode: 0 });
    const verdict = await verify(scenario);
    console.log(
      `CHAOS-RESULT ${JSON.stringify({
        test: 'outage',
        profile: profile.name,
        outages,
        committedEvents: verdict.committed,
        messagesRead: verdict.diff.deliveredCount,
        writer: {
          committedTx: writerSummary['committedTx'],
          rolledBackTx: writerSummary['rolledBackTx'],
          failedTx: writerSummary['failedTx'],
          unknownTx: writerSummary['unknownTx'],
        },
        relayLostSlots: events(relay, 'slot.lost').length,
        seconds: Math.round((Date.now() - started) / 1000),
      })}`,
    );

    expect(verdict.diff.ok, verdict.summary).toBe(true);
    expect(outages).toHaveLength(plan.length);
    expect(verdict.committed).toBeGreaterThanOrEqual(profile.outageEvents);
  });
});
