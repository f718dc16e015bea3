// The example's configuration: the framework's variables (DATABASE_URL, KAFKA_*, OUTBOX_SCHEMA, see
// docs/configuration.md) read once through @commercebridge/config, and the example's own command-line flags.
import { parseArgs } from 'node:util';
import {
  checkSchemaName,
  type KafkaSettings,
  readConfig,
  requireDatabaseUrl,
  requireKafka,
} from '@commercebridge/config';

export interface Settings {
  databaseUrl: string;
  kafka: KafkaSettings & { clientId: string };
  /** Postgres schema of the outbox, inbox and module tables (OUTBOX_SCHEMA). */
  schema: string;
  /** Postgres schema of the order service's own tables (--app-schema). (Default: 'order_service') */
  appSchema: string;
  /** Prefix of the example's consumer groups (KAFKA_GROUP_ID). */
  groupId: string;
  env: Record<string, string | undefined>;
}

export const DEFAULT_APP_SCHEMA = 'order_service';

export function readSettings(
  argv: string[] = process.argv.slice(2),
  env: Record<string, string | undefined> = process.env,
): Settings & { flags: Record<string, string | boolean | undefined> } {
  const config = readConfig(env);
  const { values } = parseArgs({
    args: argv,
    options: { 'app-schema': { type: 'string' }, port: { type: 'string' } },
    strict: false,
  });
  const appSchema = checkSchemaName(
    typeof values['app-schema'] === 'string' ? values['app-schema'] : DEFAULT_APP_SCHEMA,
    '--app-schema',
  );
  return {
    databaseUrl: requireDatabaseUrl(config),
    kafka: requireKafka(config),
    schema: config.env.OUTBOX_SCHEMA,
    appSchema,
    groupId: config.env.KAFKA_GROUP_ID,
    env,
    flags: values,
  };
}
