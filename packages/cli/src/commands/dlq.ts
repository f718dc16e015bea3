// `dlq list|show|redrive|purge`: dead-lettered events, read from `<topic>.dlq` topics.
import type { DlqEntry, DlqFilter, DlqState } from '@commercebridge/consumers';
import { type Command, Option } from 'commander';
import {
  cliLogger,
  codecFor,
  confirm,
  type Env,
  type GlobalOptions,
  json,
  kafkaSettings,
  loadCatalog,
  loadEnv,
  parseTime,
  schemaOf,
  stdio,
  table,
  usageError,
  withAdmin,
  withPool,
} from '../context.ts';

interface FilterFlags {
  group?: string;
  originalTopic?: string;
  code?: string;
  type?: string;
  since?: string;
  until?: string;
  id?: string[];
  state?: DlqState;
}

function filterOptions(command: Command): Command {
  return command
    .option('--group <id>', 'only entries dead-lettered by this consumer group')
    .option('--original-topic <topic>', 'only entries that came from this topic')
    .option('--code <code>', 'only entries with this error code (e.g. CONSUMER_HANDLER_FAILED)')
    .option('--type <event-type>', 'only entries of this event type')
    .option('--since <time>', 'last failure at or after: ISO 8601, or a duration ago (1h, 7d)')
    .option('--until <time>', 'last failure before: ISO 8601, or a duration ago')
    .option('--id <entry-id...>', 'only these entries (<dlq topic>:<partition>:<offset>, from `dlq list`)')
    .addOption(
      new Option('--state <state>', 'only entries in this state').choices(['pending', 'redriven', 'purged']),
    );
}

function toFilter(flags: FilterFlags): DlqFilter | undefined {
  const filter: DlqFilter = {};
  if (flags.group !== undefined) filter.group = flags.group;
  if (flags.originalTopic !== undefined) filter.originalTopic = flags.originalTopic;
  if (flags.code !== undefined) filter.errorCode = flags.code;
  if (flags.type !== undefined) filter.eventType = flags.type;
  if (flags.since !== undefined) filter.since = parseTime('--since', flags.since);
  if (flags.until !== undefined) filter.until = parseTime('--until', flags.until);
  if (flags.id !== undefined) filter.ids = flags.id;
  if (flags.state !== undefined) filter.state = flags.state;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

function checkTopic(topic: string): string {
  if (!topic.endsWith('.dlq')) {
    throw usageError(
      `<topic> must be a DLQ topic ending in ".dlq", e.g. orders.events.v1.dlq (got ${JSON.stringify(topic)})`,
    );
  }
  return topic;
}

const hasDatabase = (env: Env) => env['DATABASE_URL'] !== undefined && env['DATABASE_URL'] !== '';

function summary(e: DlqEntry) {
  return {
    id: e.id,
    state: e.state,
    type: e.eventType,
    code: e.error.code,
    attempts: e.attempts,
    group: e.consumerGroup,
    original: `${e.original.topic}/${e.original.partition}@${e.original.offset}`,
    'last failure': e.lastFailureAt,
    message: e.error.message.length > 60 ? `${e.error.message.slice(0, 57)}...` : e.error.message,
  };
}

const entryJson = (e: DlqEntry) => ({ ...e, value: e.value?.toString('base64') ?? null });

/** Lists entries, with their states when DATABASE_URL is set. */
async function entries(env: Env, globals: GlobalOptions, topic: string, filter: DlqFilter | undefined) {
  const { listDlq } = await import('@commercebridge/consumers');
  const kafka = kafkaSettings(env);
  const base = { ...kafka, topic, logger: cliLogger(env, 'dlq'), ...(filter ? { filter } : {}) };
  if (!hasDatabase(env)) {
    if (filter?.state)
      throw usageError('--state needs DATABASE_URL: the states are recorded in the inbox table');
    return listDlq(base);
  }
  return withPool(env, (pool) => listDlq({ ...base, pool, schema: schemaOf(globals, env) }));
}

export function register(program: Command): void {
  const dlq = program.command('dlq').description('inspect, redrive and purge dead-lettered events');

  filterOptions(
    dlq
      .command('list')
      .description('the entries of a DLQ topic; without a topic, every DLQ topic and its depth')
      .argument('[topic]', 'a DLQ topic (<topic>.dlq)')
      .option('--json', 'print JSON (one object per entry)'),
  ).action(async (topic: string | undefined, flags: FilterFlags & { json?: boolean }, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const env = loadEnv(globals);
    if (topic === undefined) {
      const depths = await withAdmin(kafkaSettings(env), async (admin) => {
        const topics = (await admin.listTopics()).filter((t) => t.endsWith('.dlq')).sort();
        const rows: Array<{ topic: string; depth: number }> = [];
        for (const t of topics) {
          const offsets = await admin.fetchTopicOffsets(t);
          rows.push({
            topic: t,
            depth: offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0),
          });
        }
        return rows;
      });
      stdio.out(flags.json ? json(depths) : table(depths));
      return;
    }
    const list = await entries(env, globals, checkTopic(topic), toFilter(flags));
    if (flags.json) stdio.out(json(list.map(entryJson)));
    else stdio.out(`${table(list.map(summary))}\n${list.length} entries`);
  });

  dlq
    .command('show')
    .description('one entry in full: headers, error, and the payload decoded with the catalog')
    .argument('<id>', 'the entry id (<dlq topic>:<partition>:<offset>, from `dlq list`)')
    .option('--catalog <module>', 'module exporting your catalog, to decode the payload')
    .option('--wire <mode>', 'headers or registry (Default: registry when SCHEMA_REGISTRY_URL is set)')
    .action(async (id: string, flags: { catalog?: string; wire?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      const match = /^(.+\.dlq):(\d+):(\d+)$/.exec(id);
      if (!match)
        throw usageError(
          `<id> must be <dlq topic>:<partition>:<offset>, as \`dlq list\` prints (got ${JSON.stringify(id)})`,
        );
      const [entry] = await entries(env, globals, match[1]!, { ids: [id] });
      if (!entry)
        throw usageError(`no entry ${id}: it is past the topic's retention, purged, or the id is wrong`);
      let payload: unknown;
      if (entry.value !== null) {
        try {
          const codec = codecFor(await loadCatalog(flags.catalog, env), flags.wire, env);
          payload = (await codec.fromWire(entry.value, entry.headers)).payload;
        } catch (error) {
          payload = { undecodable: (error as Error).message };
        }
      }
      stdio.out(json({ ...entryJson(entry), payload }));
    });

  filterOptions(
    dlq
      .command('redrive')
      .description('publish entries again through the outbox, to the topic each came from (exactly once)')
      .argument('<topic>', 'a DLQ topic (<topic>.dlq)')
      .option('--catalog <module>', 'module exporting your catalog (the types and topics of your events)')
      .option('--wire <mode>', 'headers or registry (Default: registry when SCHEMA_REGISTRY_URL is set)')
      .option('--dry-run', 'list what would be redriven and change nothing')
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(
    async (
      topic: string,
      flags: FilterFlags & { catalog?: string; wire?: string; dryRun?: boolean; yes?: boolean },
      command: Command,
    ) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      checkTopic(topic);
      const filter = toFilter(flags);
      const catalog = await loadCatalog(flags.catalog, env);
      const codec = codecFor(catalog, flags.wire, env);
      const kafka = kafkaSettings(env);
      const schema = schemaOf(globals, env);
      const { listDlq, redriveDlq } = await import('@commercebridge/consumers');
      const { createOutbox } = await import('@commercebridge/outbox');
      await withPool(env, async (pool) => {
        const selected = (
          await listDlq({ ...kafka, topic, pool, schema, ...(filter ? { filter } : {}) })
        ).filter((e) => e.state === 'pending');
        stdio.out(`${table(selected.map(summary))}\n${selected.length} pending entries selected`);
        if (flags.dryRun || selected.length === 0) return;
        await confirm(`redrive ${selected.length} entries of ${topic}`, flags.yes);
        const ids = new Set(selected.map((e) => e.id));
        const result = await redriveDlq({
          ...kafka,
          topic,
          pool,
          codec,
          outbox: createOutbox({ catalog, schema }),
          filter: (e) => ids.has(e.id),
        });
        stdio.out(
          json({
            redriven: result.redriven.map((e) => e.id),
            alreadyRedriven: result.alreadyRedriven.map((e) => e.id),
            notRedrivable: result.notRedrivable.map((n) => ({ id: n.entry.id, reason: n.reason })),
          }),
        );
        if (result.notRedrivable.length > 0) process.exitCode = 2;
      });
    },
  );

  filterOptions(
    dlq
      .command('purge')
      .description(
        'drop entries: with filters each selected entry is marked purged; without, the topic is emptied',
      )
      .argument('<topic>', 'a DLQ topic (<topic>.dlq)')
      .option('--dry-run', 'say what would be purged and change nothing')
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(
    async (topic: string, flags: FilterFlags & { dryRun?: boolean; yes?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      checkTopic(topic);
      const filter = toFilter(flags);
      const { purgeDlq } = await import('@commercebridge/consumers');
      const kafka = kafkaSettings(env);
      if (filter === undefined) {
        const all = await entries(env, globals, topic, undefined);
        stdio.out(`${all.length} entries in ${topic}: every record will be deleted`);
        if (flags.dryRun || all.length === 0) return;
        await confirm(`delete every record of ${topic}`, flags.yes);
        stdio.out(json({ purged: await purgeDlq({ ...kafka, topic }) }));
        return;
      }
      const schema = schemaOf(globals, env);
      await withPool(env, async (pool) => {
        const { listDlq } = await import('@commercebridge/consumers');
        const selected = (await listDlq({ ...kafka, topic, pool, schema, filter })).filter(
          (e) => e.state === 'pending',
        );
        stdio.out(`${table(selected.map(summary))}\n${selected.length} pending entries selected`);
        if (flags.dryRun || selected.length === 0) return;
        await confirm(`purge ${selected.length} entries of ${topic}`, flags.yes);
        const ids = new Set(selected.map((e) => e.id));
        stdio.out(
          json({ purged: await purgeDlq({ ...kafka, topic, pool, schema, filter: (e) => ids.has(e.id) }) }),
        );
      });
    },
  );
}
