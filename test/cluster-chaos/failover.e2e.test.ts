// Guarantee 8: on a replicated cluster (3 KRaft brokers, RF 3, min.insync.replicas=2, the transaction state log
// RF 3 / min ISR 2), `kill -9` of the broker that leads hot partitions of the event topic, and of the broker that
// is the transaction coordinator of a relay slot's transactional id, while one relay process publishes and two
// consumer processes consume; each killed broker is restarted. Then two brokers are down at once: the relay
// cannot commit (NOT_ENOUGH_REPLICAS / no coordinator), waits, and resumes when they return.
// Verdict: an independent read_committed reader (librdkafka) finds every committed event exactly once, per key
// in commit order, no rolled-back event; the consumers' side effects happened once per committed event; the
// relay process survived it all and stops with exit code 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  between,
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
} from '../relay-chaos/harness.ts';
import { committedCount } from '../relay-chaos/truth.ts';
import { waitFor } from '../support/helpers.ts';
import { type PrivateStack, startPrivateStack } from '../support/private-stack.ts';
import { type ChildHandle, spawnNode } from '../support/processes.ts';
import {
  findTransactionCoordinator,
  fullyReplicated,
  placements,
  TRANSACTION_STATE_TOPIC,
  topicConfig,
  transactionCoordinator,
  transactionStatePartition,
} from './cluster.ts';

const full = process.env['CHAOS_PROFILE'] === 'full';
if (process.env['CHAOS_PROFILE'] && !['ci', 'full'].includes(process.env['CHAOS_PROFILE'])) {
  throw new Error(`CHAOS_PROFILE must be ci or full (got "${process.env['CHAOS_PROFILE']}")`);
}
/** kills: broker kills (half partition leaders, half transaction coordinators); downMs: how long one stays down. */
const PROFILE = full
  ? { name: 'full', kills: 12, events: 20_000, downMs: 4000, quorumLossMs: 15_000 }
  : { name: 'ci', kills: 4, events: 3000, downMs: 3000, quorumLossMs: 8000 };
const SLOTS = 4;
const PARTITIONS = 6;

let stack: PrivateStack;
beforeAll(async () => {
  stack = await startPrivateStack({ brokers: 3 });
}, 240_000);
afterAll(async () => {
  await stack?.down();
}, 120_000);

type KillMode = 'leader' | 'coordinator';

interface KillRecord {
  mode: KillMode;
  node: number;
  /** what made it the target: `partition 3` of the event topic, or `slot 1` (its __transaction_state partition) */
  target: string;
  /** the same node was also the other kind of target (a leader that coordinates slots, or the reverse) */
  alsoLeads: number[];
  alsoCoordinates: number[];
  /** kill to the relay's next committed batch */
  relayRecoveredMs: number;
  /** commits of the relay while the broker was down */
  commitsWhileDown: number;
  /** start-kafka to the broker answering as a live broker */
  restartMs: number;
  /** restart done to every partition of the event, state and transaction topics back to 3 in-sync replicas */
  resyncMs: number;
}

function startConsumer(scenario: Scenario, name: string, groupId: string): ChildHandle {
  return spawnNode({
    name,
    script: 'packages/consumers/test/worker.ts',
    logDir: scenario.logDir,
    env: {
      DATABASE_URL: scenario.databaseUrl,
      KAFKA_BROKERS: scenario.brokers,
      WORKER_SCHEMA: scenario.schema,
      WORKER_TOPIC: scenario.topic,
      WORKER_GROUP: groupId,
      WORKER_NAME: name,
    },
  });
}

async function nextCommitAfter(relay: ChildHandle, fromLine: number, what: string): Promise<number> {
  const line = await relay.waitForLog((l) => l['event'] === 'batch.committed', {
    fromLine,
    timeout: 180_000,
    what,
  });
  return Date.parse(String(line['time']));
}

describe(`three-broker cluster failover (CHAOS_PROFILE=${PROFILE.name})`, () => {
  it(`${PROFILE.kills} broker kills (partition leaders, transaction coordinators) and a quorum loss over ${PROFILE.events} events: exactly once, in order`, async () => {
    const started = Date.now();
    const scenario = await createScenario(
      { brokers: stack.brokers, databaseUrl: stack.databaseUrl },
      { slotCount: SLOTS, partitions: PARTITIONS, cleanup: false },
    );
    const watched = [scenario.topic, TRANSACTION_STATE_TOPIC];

    // The cluster is what the test claims: RF 3 and min.insync.replicas=2 for the event topic, the transaction
    // state log replicated 3 with min ISR 2.
    const initial = await placements(stack.brokers, [scenario.topic]);
    expect(initial.get(scenario.topic)!.map((p) => p.replicas)).toEqual(
      Array.from({ length: PARTITIONS }, () => [1, 2, 3]),
    );
    expect(await topicConfig(stack.brokers, scenario.topic, 'min.insync.replicas')).toBe('2');

    await scenario.pool.query(
      `create table "${scenario.schema}".side_effects (event_id uuid not null, order_id text not null,
         worker text not null, kafka_partition int not null, kafka_offset bigint not null)`,
    );
    const relay = startRelay(scenario, { id: 'relay-1' });
    await relayReady(relay, 120_000);
    watched.push(scenario.stateTopic);
    // The transaction state log exists once the relay's producers initialized.
    const state = (await placements(stack.brokers, [TRANSACTION_STATE_TOPIC])).get(TRANSACTION_STATE_TOPIC)!;
    expect(state.every((p) => p.replicas.length === 3)).toBe(true);
    expect(await topicConfig(stack.brokers, TRANSACTION_STATE_TOPIC, 'min.insync.replicas')).toBe('2');
    // Where a slot's transaction coordinator is, two ways: the broker's FindCoordinator answer, and the leader of
    // the id's __transaction_state partition (what the kills below aim at).
    for (let slot = 0; slot < SLOTS; slot++) {
      const id = `${scenario.schema}.relay.${slot}`;
      expect(await findTransactionCoordinator(stack.brokers, id)).toBe(
        await transactionCoordinator(stack.brokers, id),
      );
    }
    const groupId = `${scenario.schema}.consumers`;
    const consumers = [
      startConsumer(scenario, 'consumer-a', groupId),
      startConsumer(scenario, 'consumer-b', groupId),
    ];
    await Promise.all(
      consumers.map((c) =>
        c.waitForLog((l) => l['event'] === 'started', { timeout: 120_000, what: `${c.name} started` }),
      ),
    );
    // Writing spread over the kill schedule (about 25 s per kill on 2 shared cores: down, restart, resync).
    const seconds = Math.max(30, PROFILE.kills * 25);
    const writers = [1, 2].map((n) =>
      startWriter(scenario, {
        id: `writer-${n}`,
        events: PROFILE.events / 2,
        rate: Math.ceil(PROFILE.events / 2 / seconds),
      }),
    );

    const kills: KillRecord[] = [];
    for (let k = 0; k < PROFILE.kills; k++) {
      const mode: KillMode = k % 2 === 0 ? 'leader' : 'coordinator';
      // Only a fully replicated cluster loses nothing to one more kill: wait for every replica to be back.
      await waitFor(() => fullyReplicated(stack.brokers, watched, 3), {
        timeout: 180_000,
        interval: 500,
        what: `every partition of ${watched.join(', ')} with 3 in-sync replicas before kill ${k + 1}`,
      });
      // The relay is publishing: a commit since the last kill (or since it started).
      await nextCommitAfter(relay, relay.lines().length, `a relay commit before kill ${k + 1}`);
      const now = await placements(stack.brokers, [scenario.topic]);
      const leaders = now.get(scenario.topic)!;
      const coordinators = await Promise.all(
        Array.from({ length: SLOTS }, (_, slot) =>
          transactionCoordinator(stack.brokers, `${scenario.schema}.relay.${slot}`),
        ),
      );
      let node: number;
      let target: string;
      if (mode === 'leader') {
        const partition = Math.floor(k / 2) % PARTITIONS;
        node = leaders[partition]!.leader;
        target = `partition ${partition}`;
      } else {
        const slot = Math.floor(k / 2) % SLOTS;
        node = coordinators[slot]!;
        target = `slot ${slot} (${TRANSACTION_STATE_TOPIC} partition ${transactionStatePartition(`${scenario.schema}.relay.${slot}`)})`;
      }
      const mark = relay.lines().length;
      const killedAt = Date.now();
      await stack.killKafka(node);
      const recovered = nextCommitAfter(relay, mark, `the relay to commit after broker ${node} was killed`);
      await sleep(PROFILE.downMs + between(0, 1000));
      const commitsWhileDown = events(relay, 'batch.committed', mark).length;
      const restartAt = Date.now();
      await stack.startKafka(node);
      const restartMs = Date.now() - restartAt;
      const relayRecoveredAt = await recovered;
      const resyncAt = Date.now();
      await waitFor(() => fullyReplicated(stack.brokers, watched, 3), {
        timeout: 180_000,
        interval: 250,
        what: `broker ${node} back in sync after kill ${k + 1}`,
      });
      kills.push({
        mode,
        node,
        target,
        alsoLeads: leaders.filter((p) => p.leader === node).map((p) => p.partition),
        alsoCoordinates: coordinators.flatMap((c, slot) => (c === node ? [slot] : [])),
        relayRecoveredMs: relayRecoveredAt - killedAt,
        commitsWhileDown,
        restartMs,
        resyncMs: Date.now() - resyncAt,
      });
      if (!relay.running) throw new Error(`the relay exited after kill ${k + 1}\n${relay.tail()}`);
    }

    // Two brokers down at once: partitions with one replica left are below min.insync.replicas=2 (acks=all
    // fails with NOT_ENOUGH_REPLICAS) and the controller quorum is lost. The relay must wait, commit nothing,
    // and resume by itself once the brokers are back.
    await waitFor(() => fullyReplicated(stack.brokers, watched, 3), {
      timeout: 180_000,
      interval: 500,
      what: 'every partition with 3 in-sync replicas before the quorum loss',
    });
    await nextCommitAfter(relay, relay.lines().length, 'a relay commit before the quorum loss');
    const survivor = 1 + Math.floor(Math.random() * 3);
    const down = [1, 2, 3].filter((n) => n !== survivor);
    const committedBefore = await committedCount(scenario.pool, scenario.schema);
    const lossMark = relay.lines().length;
    const lossAt = Date.now();
    for (const n of down) await stack.killKafka(n);
    // Give a batch in flight at the kill time to settle, then count what the relay commits with one broker.
    await sleep(3000);
    const settledMark = relay.lines().length;
    await sleep(PROFILE.quorumLossMs);
    const commitsWithOneBroker = events(relay, 'batch.committed', settledMark).length;
    const errorsWithOneBroker = relay
      .lines()
      .slice(lossMark)
      .filter((l) => ['batch.failed', 'relay.error', 'slot.lost'].includes(String(l['event']))).length;
    const backlogDuringLoss = (await committedCount(scenario.pool, scenario.schema)) - committedBefore;
    const lossRestartAt = Date.now();
    const resumed = nextCommitAfter(relay, relay.lines().length, 'the relay to commit after the quorum loss');
    await stack.startKafka();
    const lossRestartMs = Date.now() - lossRestartAt;
    const resumedAt = await resumed;
    const quorumLoss = {
      survivor,
      down,
      downMs: lossRestartAt - lossAt,
      commitsWithOneBroker,
      errorsWithOneBroker,
      eventsCommittedToPostgresMeanwhile: backlogDuringLoss,
      restartMs: lossRestartMs,
      // From the restart command on (the relay may commit before stack.sh has seen both brokers ready).
      relayCommittedAfterRestartMs: resumedAt - lossRestartAt,
    };

    const writerSummaries = await Promise.all(writers.map((w) => writerDone(w, 600_000)));
    await waitAllPublished(scenario, 300_000);
    // The topic first: a lost event is then reported as such, not as consumers that never finish.
    const verdict = await verify(scenario);
    const extraCopies = verdict.diff.duplicated.reduce((sum, d) => sum + d.count - 1, 0);
    const delivered = verdict.diff.deliveredCount - extraCopies;
    const handled = async () =>
      (
        await scenario.pool.query<{ n: number }>(
          `select count(distinct event_id)::int as n from "${scenario.schema}".side_effects`,
        )
      ).rows[0]!.n;
    await waitFor(async () => (await handled()) >= delivered, {
      timeout: 300_000,
      interval: 500,
      what: `the consumers to handle the ${delivered} distinct events on the topic`,
    });
    await Promise.all(consumers.map((c) => c.terminate({ timeout: 60_000, expectCode: 0 })));
    await relay.terminate({ timeout: 60_000, expectCode: 0 });

    const effects = await scenario.pool.query<{ event_id: string; n: number; in_truth: boolean }>(
      `select s.event_id, count(*)::int as n, bool_or(t.event_id is not null) as in_truth
         from "${scenario.schema}".side_effects s left join "${scenario.schema}".chaos_truth t using (event_id)
        group by s.event_id`,
    );
    const sideEffects = {
      events: effects.rows.length,
      twice: effects.rows.filter((r) => r.n !== 1).length,
      notCommitted: effects.rows.filter((r) => !r.in_truth).length,
    };
    const result = {
      test: 'cluster-failover',
      profile: PROFILE.name,
      kafkaVersion: process.env['STACK_KAFKA_VERSION'] ?? '3.9.1',
      kills: kills.length,
      killsByMode: {
        leader: kills.filter((k) => k.mode === 'leader').length,
        coordinator: kills.filter((k) => k.mode === 'coordinator').length,
      },
      relayRecoveredMs: kills.map((k) => k.relayRecoveredMs),
      restartMs: kills.map((k) => k.restartMs),
      resyncMs: kills.map((k) => k.resyncMs),
      quorumLoss,
      committedEvents: verdict.committed,
      rolledBackOrFailedEvents: verdict.rolledBack,
      messagesRead: verdict.diff.deliveredCount,
      sideEffects,
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
    expect(verdict.committed).toBeGreaterThanOrEqual(PROFILE.events);
    expect(verdict.rolledBack).toBeGreaterThan(0);
    expect(sideEffects).toEqual({ events: verdict.committed, twice: 0, notCommitted: 0 });
    expect(kills.map((k) => k.mode).filter((m) => m === 'coordinator')).toHaveLength(PROFILE.kills / 2);
    // With one broker of three, nothing can be committed: a commit then would have bypassed min.insync.replicas.
    expect(quorumLoss.commitsWithOneBroker).toBe(0);
    expect(quorumLoss.eventsCommittedToPostgresMeanwhile).toBeGreaterThan(0);
  });
});
