// The environment, parsed once into a typed configuration. Libraries never read process.env themselves: the
// CLI (after loading .env) or the application passes the environment it means.
import { ConfigError } from './errors.ts';
import { DEFAULT_CLIENT_ID, type KafkaSettings, type KafkaTlsSettings } from './kafka.ts';
import { shown } from './options.ts';
import { type EnvValues, VARIABLES, type VariableName } from './variables.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** Registry URL (credentials taken out of it) and the request headers of its authentication. */
export interface RegistrySettings {
  url: string;
  headers: Record<string, string>;
}

export interface Config {
  /** Every variable of the table, parsed; an unset (or empty) variable has its default, else `undefined`. */
  readonly env: EnvValues;
  /** The connection of KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_SSL_*, KAFKA_SASL_*; undefined without KAFKA_BROKERS. */
  readonly kafka: (KafkaSettings & { clientId: string }) | undefined;
  /** SCHEMA_REGISTRY_URL with its authentication; undefined without SCHEMA_REGISTRY_URL. */
  readonly registry: RegistrySettings | undefined;
}

const fix = (name: VariableName): string => {
  const { example, default: fallback } = VARIABLES[name] as { example: string; default?: unknown };
  const unset = fallback === undefined ? '' : `, or unset it for the default ${String(fallback)}`;
  return `; for example ${name}=${example}${unset}`;
};

function invalid(name: VariableName, raw: string, detail?: string): ConfigError {
  const variable = VARIABLES[name] as { rule: { envText: string }; secret?: boolean };
  const got = variable.secret ? '' : ` (got ${shown(raw)}${detail ? `: ${detail}` : ''})`;
  return new ConfigError(name, `${name} must be ${variable.rule.envText}${got}${fix(name)}`);
}

/** ConfigError for a variable that must be set (with the rule and an example as the fix). */
export function missing(name: VariableName, when = ''): ConfigError {
  const { rule, example } = VARIABLES[name] as { rule: { envText: string }; example: string };
  return new ConfigError(
    name,
    `${name} must be set${when ? ` ${when}` : ''}: ${rule.envText}; for example ${name}=${example}`,
  );
}

/** Parses every variable of the table; throws ConfigError naming the first bad one (in table order). */
export function readEnv(env: Env): EnvValues {
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(VARIABLES) as [
    VariableName,
    (typeof VARIABLES)[VariableName],
  ][]) {
    const given = env[name];
    // A secret is taken as written (a password may start with a space); other values are trimmed.
    const raw = 'secret' in variable && variable.secret ? given : given?.trim();
    if (raw === undefined || raw === '') {
      values[name] = 'default' in variable ? variable.default : undefined;
      continue;
    }
    const result = variable.rule.env.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const detail =
        issue?.code === 'custom' ? (issue.params as { detail?: string } | undefined)?.detail : undefined;
      throw invalid(name, raw, detail);
    }
    values[name] = result.data;
  }
  return values as EnvValues;
}

const isSet = (env: Env, name: VariableName) => (env[name]?.trim() ?? '') !== '';

function kafkaOf(v: EnvValues, env: Env): Config['kafka'] {
  const tlsGiven = (
    [
      'KAFKA_SSL_CA_FILE',
      'KAFKA_SSL_CERT_FILE',
      'KAFKA_SSL_KEY_FILE',
      'KAFKA_SSL_KEY_PASSPHRASE',
      'KAFKA_SSL_REJECT_UNAUTHORIZED',
    ] as const
  ).filter((name) => isSet(env, name));
  if (tlsGiven.length > 0 && v.KAFKA_ENABLE_SSL === false && isSet(env, 'KAFKA_ENABLE_SSL')) {
    throw new ConfigError(
      'KAFKA_ENABLE_SSL',
      `KAFKA_ENABLE_SSL is off but ${tlsGiven.join(', ')} ${tlsGiven.length > 1 ? 'are' : 'is'} set: set KAFKA_ENABLE_SSL=on, or unset ${tlsGiven.join(', ')}`,
    );
  }
  if (v.KAFKA_SSL_CERT_FILE !== undefined && v.KAFKA_SSL_KEY_FILE === undefined) {
    throw missing('KAFKA_SSL_KEY_FILE', 'with KAFKA_SSL_CERT_FILE (the key of the client certificate)');
  }
  if (v.KAFKA_SSL_KEY_FILE !== undefined && v.KAFKA_SSL_CERT_FILE === undefined) {
    throw missing('KAFKA_SSL_CERT_FILE', 'with KAFKA_SSL_KEY_FILE (the client certificate of the key)');
  }
  if (v.KAFKA_SSL_KEY_PASSPHRASE !== undefined && v.KAFKA_SSL_KEY_FILE === undefined) {
    throw missing('KAFKA_SSL_KEY_FILE', 'with KAFKA_SSL_KEY_PASSPHRASE');
  }
  let sasl: KafkaSettings['sasl'];
  if (v.KAFKA_SASL_MECHANISM !== undefined) {
    if (v.KAFKA_SASL_USERNAME === undefined)
      throw missing('KAFKA_SASL_USERNAME', 'with KAFKA_SASL_MECHANISM');
    if (v.KAFKA_SASL_PASSWORD === undefined)
      throw missing('KAFKA_SASL_PASSWORD', 'with KAFKA_SASL_MECHANISM');
    sasl = {
      mechanism: v.KAFKA_SASL_MECHANISM,
      username: v.KAFKA_SASL_USERNAME,
      password: v.KAFKA_SASL_PASSWORD,
    };
  } else if (v.KAFKA_SASL_USERNAME !== undefined || v.KAFKA_SASL_PASSWORD !== undefined) {
    throw missing('KAFKA_SASL_MECHANISM', 'with KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD');
  }
  if (v.KAFKA_BROKERS === undefined) return undefined;
  const kafka: KafkaSettings & { clientId: string } = {
    brokers: v.KAFKA_BROKERS,
    clientId: v.KAFKA_CLIENT_ID ?? DEFAULT_CLIENT_ID,
  };
  if (tlsGiven.length > 0) {
    const tls: KafkaTlsSettings = { rejectUnauthorized: v.KAFKA_SSL_REJECT_UNAUTHORIZED };
    if (v.KAFKA_SSL_CA_FILE !== undefined) tls.ca = v.KAFKA_SSL_CA_FILE;
    if (v.KAFKA_SSL_CERT_FILE !== undefined) tls.cert = v.KAFKA_SSL_CERT_FILE;
    if (v.KAFKA_SSL_KEY_FILE !== undefined) tls.key = v.KAFKA_SSL_KEY_FILE;
    if (v.KAFKA_SSL_KEY_PASSPHRASE !== undefined) tls.passphrase = v.KAFKA_SSL_KEY_PASSPHRASE;
    kafka.ssl = tls;
  } else if (v.KAFKA_ENABLE_SSL) {
    kafka.ssl = true;
  }
  if (sasl) kafka.sasl = sasl;
  return kafka;
}

function registryOf(v: EnvValues): RegistrySettings | undefined {
  if (v.SCHEMA_REGISTRY_TOKEN !== undefined && v.SCHEMA_REGISTRY_USERNAME !== undefined) {
    throw new ConfigError(
      'SCHEMA_REGISTRY_TOKEN',
      'SCHEMA_REGISTRY_TOKEN and SCHEMA_REGISTRY_USERNAME are both set: set the token or the user and password, not both',
    );
  }
  if (v.SCHEMA_REGISTRY_PASSWORD !== undefined && v.SCHEMA_REGISTRY_USERNAME === undefined) {
    throw missing('SCHEMA_REGISTRY_USERNAME', 'with SCHEMA_REGISTRY_PASSWORD');
  }
  if (v.SCHEMA_REGISTRY_URL === undefined) return undefined;
  const url = new URL(v.SCHEMA_REGISTRY_URL);
  let username = v.SCHEMA_REGISTRY_USERNAME;
  let password = v.SCHEMA_REGISTRY_PASSWORD;
  if (url.username !== '') {
    // Credentials in the URL become a header, so they are never part of a URL that might be printed.
    username ??= decodeURIComponent(url.username);
    password ??= decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
  }
  const headers: Record<string, string> = {};
  if (v.SCHEMA_REGISTRY_TOKEN !== undefined) headers['authorization'] = `Bearer ${v.SCHEMA_REGISTRY_TOKEN}`;
  else if (username !== undefined) {
    headers['authorization'] = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  }
  return { url: url.href.replace(/\/$/, ''), headers };
}

/**
 * Reads the configuration from an environment (`process.env`, a `.env` file's variables, a test's object).
 * Every variable is checked, and the rules that join variables (SASL needs a user and a password, a client
 * certificate needs its key, ...); the first violation throws ConfigError naming the variable.
 */
export function readConfig(env: Env): Config {
  const values = readEnv(env);
  return { env: values, kafka: kafkaOf(values, env), registry: registryOf(values) };
}

/** The Kafka connection, or ConfigError `KAFKA_BROKERS must be set`. */
export function requireKafka(config: Config): KafkaSettings & { clientId: string } {
  if (config.kafka === undefined) throw missing('KAFKA_BROKERS');
  return config.kafka;
}

/** DATABASE_URL, or ConfigError `DATABASE_URL must be set`. */
export function requireDatabaseUrl(config: Config): string {
  if (config.env.DATABASE_URL === undefined) throw missing('DATABASE_URL');
  return config.env.DATABASE_URL;
}
