// Guarantee 3: killing the relay at any point (kill -9) and restarting it, a read_committed consumer sees every
// committed event exactly once, per key in commit order, and no rolled-back event. Writers commit and roll back
// all along; kills land during start-up, recovery and publishing, and (through the relay's test hook) right
// between a Kafka commit and the Postgres mark.
import { describe, expect, it } from 'vitest';
import type { ChildHandle } from '../support/processes.ts';
import {
  between,
  chaosProfile,
  createScenario,
  events,
  relayReady,
  sharedServices,
  sleep,
  startRelay,
  startWriter,
  verify,
  waitAllPublished,
  writerDone,
} from './harness.ts';
import { unpublishedCount } from './truth.ts';

type KillMode = 'startup' | 'running' | 'after-kafka-commit';

interface KillRecord {
  mode: KillMode;
  ready: boolean;
  commitsInRun: number;
  unpublishedAtKill: number;
  writersRunning: boolean;
  exit: string;
}

const profile = chaosProfile();

describe(`relay kill -9 (CHAOS_PROFILE=${profile.name})`, () => {
  it(`${profile.kills} kills while writers commit and roll back ${profile.killEvents} events: exactly once, in order`, async () => {
    const started = Date.now();
    const scenario = await createScenario(sharedServices(), { slotCount: 4 });
    // Spread the writing over the kill schedule (about 6 s per relay life on 2 busy cores: start-up with tsx,
    // recovery, then the random wait), so kills land while writing.
    const seconds = Math.max(15, profile.kills * 6);
    const writers = [1, 2].map((n) =>
      startWriter(scenario, {
        id: `writer-${n}`,
        events: profile.killEvents / 2,
        rate: Math.ceil(profile.killEvents / 2 / seconds),
      }),
    );

    const kills: KillRecord[] = [];
    let relayCount = 0;
    // Every mode in every profile (the 5 of the CI profile are one of each cycle), in random order.
    const cycle: KillMode[] = ['startup', 'running', 'running', 'after-kafka-commit', 'running'];
    const schedule = Array.from({ length: profile.kills }, (_, i) => cycle[i % cycle.length]!);
    for (let i = schedule.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [schedule[i], schedule[j]] = [schedule[j]!, schedule[i]!];
    }
    for (const mode of schedule) {
      relayCount += 1;
      let relay: ChildHandle;
      if (mode === 'after-kafka-commit') {
        // The relay exits itself (137) right after its n-th Kafka commit, before marking the rows published.
        relay = startRelay(scenario, {
          id: `relay-${relayCount}`,
          env: { RELAY_TEST_EXIT_AFTER_COMMITS: String(between(1, 6)) },
        });
        await Promise.race([relay.exited, sleep(15_000)]);
        if (relay.running) await relay.kill();
      } else if (mode === 'startup') {
        relay = startRelay(scenario, { id: `relay-${relayCount}` });
        await sleep(between(100, 2500));
        await relay.kill();
      } else {
        relay = startRelay(scenario, { id: `relay-${relayCount}` });
        await relayReady(relay);
        await sleep(between(200, 3000));
        await relay.kill();
      }
      const status = relay.exitStatus!;
      kills.push({
        mode,
        ready: events(relay, 'relay.ready').length > 0,
        commitsInRun: events(relay, 'batch.committed').length,
        unpublishedAtKill: await unpublishedCount(scenario.pool, scenario.schema),
        writersRunning: writers.some((w) => w.running),
        exit: status.signal ?? `code ${status.code}`,
      });
      if (mode === 'after-kafka-commit' && status.code !== 137 && status.signal !== 'SIGKILL') {
        throw new Error(`relay-${relayCount} exited ${JSON.stringify(status)}\n${relay.tail()}`);
      }
    }

    // The last restart: it must finish the job alone.
    const final = startRelay(scenario, { id: `relay-${relayCount + 1}` });
    await relayReady(final);
    const writerSummaries = await Promise.all(writers.map((w) => writerDone(w)));
    await waitAllPublished(scenario);
    await final.terminate({ expectCode: 0 });

    const verdict = await verify(scenario);
    const result = {
      test: 'kill9',
      profile: profile.name,
      kills: kills.length,
      killsByMode: Object.fromEntries(
        (['startup', 'running', 'after-kafka-commit'] as const).map((m) => [
          m,
          kills.filter((k) => k.mode === m).length,
        ]),
      ),
      killsWhileWriting: kills.filter((k) => k.writersRunning).length,
      killsAfterCommits: kills.filter((k) => k.commitsInRun > 0).length,
      killsWithBacklog: kills.filter((k) => k.unpublishedAtKill > 0).length,
      committedEvents: verdict.committed,
      rolledBackOrFailedEvents: verdict.rolledBack,
      messagesRead: verdict.diff.deliveredCount,
      writers: writerSummaries.map((s) => ({
        committedTx: s['committedTx'],
        rolledBackTx: s['rolledBackTx'],
        failedTx: s['failedTx'],
      })),
      seconds: Math.round((Date.now() - started) / 1000),
    };
    console.log(`CHAOS-RESULT ${JSON.stringify(result)}`);
    console.log(`kills: ${JSON.stringify(kills)}`);

    expect(verdict.diff.ok, verdict.summary).toBe(true);
    expect(kills).toHaveLength(profile.kills);
    expect(verdict.committed).toBeGreaterThanOrEqual(profile.killEvents);
    expect(verdict.rolledBack).toBeGreaterThan(0);
    // The kills hit a relay that had work: at least one died with rows still unpublished after it had committed.
    expect(kills.some((k) => k.commitsInRun > 0 && k.unpublishedAtKill > 0)).toBe(true);
  });
});
