// `topics ensure|describe`: the Kafka topics of the catalog (and of the modules).
import { createTopicsAndWait } from '@commercebridge/config';
import type { Command } from 'commander';
import {
  type GlobalOptions,
  json,
  kafkaSettings,
  loadCatalog,
  loadEnv,
  parseInteger,
  stdio,
  table,
  withAdmin,
} from '../context.ts';

interface EnsureFlags {
  catalog?: string;
  partitions: string;
  replicationFactor: string;
  dlq: boolean;
  modules?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  const topics = program.command('topics').description('create and inspect the Kafka topics of your events');

  topics
    .command('ensure')
    .description(
      "create the catalog's topics (and their .dlq topics) that are missing; existing ones are left as they are",
    )
    .option('--catalog <module>', 'module exporting your catalog (Default: the built-in catalog)')
    .option('--partitions <n>', 'partitions of a created topic', '3')
    .option('--replication-factor <n>', 'replicas of a created topic', '1')
    .option('--no-dlq', 'do not create the <topic>.dlq topics')
    .option(
      '--modules',
      'also the queue, logs and notifications topics (KAFKA_*_TOPIC), with their retention',
    )
    .option('--json', 'print JSON')
    .action(async (flags: EnsureFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      const partitions = parseInteger('--partitions', flags.partitions, 1, 10_000);
      const replicationFactor = parseInteger('--replication-factor', flags.replicationFactor, 1, 100);
      const catalog = await loadCatalog(flags.catalog, env);
      const kafka = kafkaSettings(env);
      const names = [...new Set(Object.values(catalog.events).map((e) => e.topic))].sort();
      const wanted = flags.dlq ? names.flatMap((t) => [t, `${t}.dlq`]) : names;
      const rows = await withAdmin(kafka, async (admin) => {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((t) => !existing.has(t));
        await createTopicsAndWait(
          admin,
          missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
        );
        const metadata = await admin.fetchTopicMetadata({ topics: wanted });
        const count = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
        const result = wanted.map((topic) => ({
          topic,
          created: missing.includes(topic),
          partitions: count.get(topic) ?? 0,
        }));
        if (flags.modules) {
          const { ensureModuleTopics, modulesConfigFromEnv } = await import('@commercebridge/modules');
          const config = modulesConfigFromEnv(env);
          for (const t of await ensureModuleTopics(admin, {
            partitions,
            replicationFactor,
            topics: config.topics,
          })) {
            result.push({ topic: t.topic, created: t.created, partitions: t.partitions });
          }
        }
        return result;
      });
      stdio.out(flags.json ? json(rows) : table(rows));
    });

  topics
    .command('describe')
    .description('partitions, leaders, in-sync replicas, offsets and retention of topics')
    .argument('[topics...]', "the topics (Default: the catalog's topics)")
    .option('--catalog <module>', 'module exporting your catalog (Default: the built-in catalog)')
    .option('--json', 'print JSON')
    .action(async (given: string[], flags: { catalog?: string; json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      const names =
        given.length > 0
          ? given
          : [
              ...new Set(Object.values((await loadCatalog(flags.catalog, env)).events).map((e) => e.topic)),
            ].sort();
      const { ConfigResourceTypes } = await import('kafkajs');
      const described = await withAdmin(kafkaSettings(env), async (admin) => {
        const existing = new Set(await admin.listTopics());
        const present = names.filter((t) => existing.has(t));
        const metadata =
          present.length > 0 ? await admin.fetchTopicMetadata({ topics: present }) : { topics: [] };
        const configs =
          present.length > 0
            ? await admin.describeConfigs({
                includeSynonyms: false,
                resources: present.map((name) => ({
                  type: ConfigResourceTypes.TOPIC,
                  name,
                  configNames: ['retention.ms', 'min.insync.replicas', 'cleanup.policy'],
                })),
              })
            : { resources: [] };
        const out = [];
        for (const name of names) {
          const topic = metadata.topics.find((t) => t.name === name);
          if (!topic) {
            out.push({ topic: name, exists: false, partitions: [], config: {} });
            continue;
          }
          const offsets = await admin.fetchTopicOffsets(name);
          const config = Object.fromEntries(
            (configs.resources.find((r) => r.resourceName === name)?.configEntries ?? []).map((c) => [
              c.configName,
              c.configValue,
            ]),
          );
          out.push({
            topic: name,
            exists: true,
            config,
            partitions: topic.partitions
              .map((p) => {
                const o = offsets.find((x) => x.partition === p.partitionId);
                return {
                  partition: p.partitionId,
                  leader: p.leader,
                  replicas: p.replicas,
                  isr: p.isr,
                  low: o?.low,
                  high: o?.high,
                };
              })
              .sort((a, b) => a.partition - b.partition),
          });
        }
        return out;
      });
      if (flags.json) {
        stdio.out(json(described));
        return;
      }
      for (const t of described) {
        if (!t.exists) {
          stdio.out(`${t.topic}: does not exist (create it: commercebridge topics ensure)`);
          continue;
        }
        const config = Object.entries(t.config)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        stdio.out(`${t.topic}  ${config}`);
        stdio.out(table(t.partitions));
      }
    });
}
