import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const stackEnvFile = join(repoRoot, '.stack', 'env');

export interface StackEnv {
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  SCHEMA_REGISTRY_URL: string;
}

const keys = ['KAFKA_BROKERS', 'DATABASE_URL', 'SCHEMA_REGISTRY_URL'] as const;

/** Service addresses: the process environment wins, then the file written by `./dev stack up`. */
export function loadStackEnv(): Partial<StackEnv> {
  const fromFile = readStackEnvFile();
  const env: Partial<StackEnv> = {};
  for (const key of keys) {
    const value = process.env[key] ?? fromFile[key];
    if (value) env[key] = value;
  }
  return env;
}

export interface SecureKafkaUser {
  username: string;
  password: string;
}

/**
 * The broker's secured listener (SASL_SSL) written by `./dev stack up` to .stack/env: TLS with the stack's own
 * CA, SCRAM-SHA-256 and SCRAM-SHA-512 users, ACLs on topics, groups and transactional ids under `topicPrefix`.
 */
export interface SecureKafkaEnv {
  /** KAFKA_SECURE_BROKERS */
  brokers: string;
  /** KAFKA_SECURE_CA_FILE: PEM CA certificate that signed the broker's certificate */
  caFile: string;
  /** KAFKA_SECURE_CLIENT_CERT_FILE, KAFKA_SECURE_CLIENT_KEY_FILE: a client certificate of that CA (mutual TLS) */
  clientCertFile: string;
  clientKeyFile: string;
  /** KAFKA_SECURE_SASL_MECHANISMS: SCRAM-SHA-256,SCRAM-SHA-512 */
  saslMechanisms: string[];
  /** KAFKA_SECURE_TOPIC_PREFIX: the prefix of the resources the ACLs grant */
  topicPrefix: string;
  /** KAFKA_SECURE_APP_USERNAME/PASSWORD: all operations on prefixed topics, groups, transactional ids; idempotent write */
  app: SecureKafkaUser;
  /** KAFKA_SECURE_READER_USERNAME/PASSWORD: read and describe on prefixed topics and groups, no write */
  reader: SecureKafkaUser;
}

const secureKeys = [
  'KAFKA_SECURE_BROKERS',
  'KAFKA_SECURE_CA_FILE',
  'KAFKA_SECURE_CLIENT_CERT_FILE',
  'KAFKA_SECURE_CLIENT_KEY_FILE',
  'KAFKA_SECURE_SASL_MECHANISMS',
  'KAFKA_SECURE_TOPIC_PREFIX',
  'KAFKA_SECURE_APP_USERNAME',
  'KAFKA_SECURE_APP_PASSWORD',
  'KAFKA_SECURE_READER_USERNAME',
  'KAFKA_SECURE_READER_PASSWORD',
] as const;

function readStackEnvFile(): Record<string, string> {
  const fromFile: Record<string, string> = {};
  if (existsSync(stackEnvFile)) {
    for (const line of readFileSync(stackEnvFile, 'utf8').split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (match) fromFile[match[1]!] = match[2]!;
    }
  }
  return fromFile;
}

/** The secured listener's address and credentials: the process environment wins, then .stack/env. */
export function secureKafkaEnv(): SecureKafkaEnv {
  const fromFile = readStackEnvFile();
  const value = (key: (typeof secureKeys)[number]): string => {
    const found = process.env[key] ?? fromFile[key];
    if (!found) {
      throw new Error(
        `${key} is not set: the secured Kafka listener comes with \`./dev stack up\` (restart an older stack: down, up)`,
      );
    }
    return found;
  };
  return {
    brokers: value('KAFKA_SECURE_BROKERS'),
    caFile: value('KAFKA_SECURE_CA_FILE'),
    clientCertFile: value('KAFKA_SECURE_CLIENT_CERT_FILE'),
    clientKeyFile: value('KAFKA_SECURE_CLIENT_KEY_FILE'),
    saslMechanisms: value('KAFKA_SECURE_SASL_MECHANISMS').split(','),
    topicPrefix: value('KAFKA_SECURE_TOPIC_PREFIX'),
    app: { username: value('KAFKA_SECURE_APP_USERNAME'), password: value('KAFKA_SECURE_APP_PASSWORD') },
    reader: {
      username: value('KAFKA_SECURE_READER_USERNAME'),
      password: value('KAFKA_SECURE_READER_PASSWORD'),
    },
  };
}

/** The addresses inside a test (global setup has checked that every service answers). */
export function stackEnv(): StackEnv {
  const env = loadStackEnv();
  for (const key of keys) {
    if (!env[key]) throw new Error(`${key} is not set: start the local stack with \`./dev stack up\``);
  }
  return env as StackEnv;
}
