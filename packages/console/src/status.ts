// The status read model: outbox backlog and slot leases, consumer lag, DLQ depth, job counts, read from
// Postgres and Kafka alone (no relay or consumer needs to run). Each section is read on its own: a failing
// source turns into that section's error, and the other sections are still there.
import { consumerLag, listDlq, topicDepth } from '@commercebridge/consumers';
import { createJobsAdmin } from '@commercebridge/modules';
import { outboxBacklog } from '@commercebridge/outbox';
import { DEFAULTS as RELAY_DEFAULTS } from '@commercebridge/relay';
import type { Admin } from 'kafkajs';
import { dlqTarget, kafkaClient } from './kafka.ts';
import { type ResolvedStatusOptions, resolveStatusOptions } from './options.ts';
import { sectionError } from './redact.ts';
import { agreedSlotCount } from './sql/agreedSlotCount.ts';
import { relayMembers } from './sql/relayMembers.ts';
import { slotLeases } from './sql/slotLeases.ts';
import { tablesPresent } from './sql/tablesPresent.ts';
import type {
  ConsumersStatus,
  DlqStatus,
  DlqTopicStatus,
  GroupStatus,
  JobsStatus,
  OutboxStatus,
  ReadStatusOptions,
  RelayStatus,
  Section,
  SlotStatus,
  Status,
} from './types.ts';

const TABLES = ['events', 'settings', 'relay_slots', 'relay_members', 'inbox', 'module_jobs'] as const;
/** Groups (or DLQ topics) read at once: bounded so a cluster with hundreds does not open hundreds of requests. */
const CONCURRENCY = 4;

async function section<T>(read: () => Promise<Section<T>>): Promise<Section<T>> {
  try {
    return await read();
  } catch (error) {
    return { status: 'error', error: sectionError(error) };
  }
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());
const ms = (value: number | null): number | null => (value === null ? null : Math.round(value));

async function readOutbox(o: ResolvedStatusOptions, present: Set<string>): Promise<Section<OutboxStatus>> {
  if (!present.has('events')) {
    return {
      status: 'not-installed',
      reason: `schema "${o.schema}" has no outbox tables: run the outbox migrations (commercebridge migrate)`,
    };
  }
  const agreed = present.has('settings') ? await agreedSlotCount(o.pool, o.schema) : undefined;
  const slotCount = agreed ?? RELAY_DEFAULTS.slotCount;
  const [backlog, leases, members] = await Promise.all([
    outboxBacklog(o.pool, { schema: o.schema, slotCount }),
    present.has('relay_slots') ? slotLeases(o.pool, o.schema) : Promise.resolve([]),
    present.has('relay_members') ? relayMembers(o.pool, o.schema) : Promise.resolve(undefined),
  ]);
  const leaseOf = new Map(leases.map((row) => [row.slot, row]));
  const slots: SlotStatus[] = backlog.map((b) => {
    const lease = leaseOf.get(b.slot);
    return {
      slot: b.slot,
      backlog: b.unpublished,
      oldestAgeMs: b.oldestAgeMs,
      owner: lease?.owner ?? null,
      leaseLive: lease?.lease_live ?? false,
      leaseExpiresAt: iso(lease?.lease_expires_at ?? null),
      leaseExpiresInMs: ms(lease?.lease_expires_in_ms ?? null),
      leaseAgeMs: ms(lease?.lease_age_ms ?? null),
    };
  });
  const relays = new Map<string, RelayStatus>();
  for (const member of members ?? []) {
    relays.set(member.relay_id, {
      relayId: member.relay_id,
      alive: member.alive,
      startedAt: member.started_at.toISOString(),
      slots: [],
    });
  }
  for (const lease of leases) {
    if (lease.owner === null || !lease.lease_live) continue;
    const relay = relays.get(lease.owner) ?? {
      relayId: lease.owner,
      alive: members === undefined ? null : false,
      startedAt: null,
      slots: [],
    };
    relay.slots.push(lease.slot);
    relays.set(lease.owner, relay);
  }
  const oldest = slots.reduce<number | null>(
    (max, s) => (s.oldestAgeMs === null ? max : max === null ? s.oldestAgeMs : Math.max(max, s.oldestAgeMs)),
    null,
  );
  return {
    status: 'ok',
    slotCount,
    slotCountSource: agreed === undefined ? 'default' : 'relay',
    backlog: slots.reduce((sum, s) => sum + s.backlog, 0),
    oldestAgeMs: oldest,
    slots,
    relays: [...relays.values()].sort((a, b) => (a.relayId < b.relayId ? -1 : a.relayId > b.relayId ? 1 : 0)),
  };
}

async function readJobs(o: ResolvedStatusOptions, present: Set<string>): Promise<Section<JobsStatus>> {
  if (!present.has('module_jobs')) {
    return {
      status: 'not-installed',
      reason: `schema "${o.schema}" has no jobs table: the queue module is not installed (migrateModules)`,
    };
  }
  return { status: 'ok', queues: await createJobsAdmin({ pool: o.pool, schema: o.schema }).counts() };
}

async function readConsumers(o: ResolvedStatusOptions, admin: Admin): Promise<Section<ConsumersStatus>> {
  const explicit = o.groups !== undefined;
  const ids = explicit ? [...o.groups!] : (await admin.listGroups()).groups.map((g) => g.groupId);
  const described = ids.length > 0 ? (await admin.describeGroups(ids)).groups : [];
  const stateOf = new Map(described.map((g) => [g.groupId, g.state]));
  const groups = await mapLimited(ids.sort(), CONCURRENCY, async (groupId): Promise<GroupStatus> => {
    const lag = await consumerLag(admin, groupId);
    const state = stateOf.get(groupId);
    return {
      groupId,
      state: state === undefined || state === 'Dead' ? null : state,
      lag: lag.lag,
      partitions: lag.partitions,
      missingTopics: lag.missingTopics,
    };
  });
  // A discovered group without offsets (a reader that commits nothing) has no lag to show.
  return {
    status: 'ok',
    groups: explicit ? groups : groups.filter((g) => g.partitions.length > 0 || g.missingTopics.length > 0),
  };
}

async function readDlq(
  o: ResolvedStatusOptions,
  admin: Admin,
  present: Promise<Set<string>>,
): Promise<Section<DlqStatus>> {
  const names = (await admin.listTopics()).filter((topic) => topic.endsWith('.dlq')).sort();
  const topics = await mapLimited(names, CONCURRENCY, async (topic): Promise<DlqTopicStatus> => {
    const { depth, partitions } = await topicDepth(admin, topic);
    const entry: DlqTopicStatus = { topic, depth, partitions, pending: null };
    if (!o.dlqPending) return entry;
    try {
      // The markers (redriven, purged) live in the inbox table; without it nothing says what is pending.
      if (!(await present).has('inbox')) return entry;
      if (depth === 0) return { ...entry, pending: 0 };
      const entries = await listDlq({
        ...dlqTarget(o.kafka, o.logger),
        topic,
        pool: o.pool,
        schema: o.schema,
      });
      return { ...entry, pending: entries.filter((e) => e.state === 'pending').length };
    } catch (error) {
      return { ...entry, pendingError: sectionError(error) };
    }
  });
  return { status: 'ok', topics };
}

async function readKafkaSections(
  o: ResolvedStatusOptions,
  present: Promise<Set<string>>,
): Promise<{ consumers: Section<ConsumersStatus>; dlq: Section<DlqStatus> }> {
  const admin = kafkaClient(o.kafka, o.logger).admin();
  try {
    await admin.connect();
  } catch (error) {
    const failed = { status: 'error' as const, error: sectionError(error) };
    return { consumers: failed, dlq: failed };
  }
  try {
    const [consumers, dlq] = await Promise.all([
      section(() => readConsumers(o, admin)),
      section(() => readDlq(o, admin, present)),
    ]);
    return { consumers, dlq };
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Reads the status; never throws for an unreachable source (the section reports it), only for bad options. */
export async function readStatus(options: ReadStatusOptions): Promise<Status> {
  const o = resolveStatusOptions(options);
  return readResolvedStatus(o);
}

export async function readResolvedStatus(o: ResolvedStatusOptions): Promise<Status> {
  const readAt = new Date().toISOString();
  const present = tablesPresent(o.pool, o.schema, TABLES);
  // Postgres down: the outbox and jobs sections say so (below); the DLQ's pending counts say so per topic.
  present.catch(() => {});
  const [outbox, jobs, kafka] = await Promise.all([
    section(async () => readOutbox(o, await present)),
    section(async () => readJobs(o, await present)),
    readKafkaSections(o, present),
  ]);
  return { readAt, schema: o.schema, outbox, consumers: kafka.consumers, dlq: kafka.dlq, jobs };
}
