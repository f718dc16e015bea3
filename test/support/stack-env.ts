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
  const fromFile: Record<string, string> = {};
  if (existsSync(stackEnvFile)) {
    for (const line of readFileSync(stackEnvFile, 'utf8').split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (match) fromFile[match[1]!] = match[2]!;
    }
  }
  const env: Partial<StackEnv> = {};
  for (const key of keys) {
    const value = process.env[key] ?? fromFile[key];
    if (value) env[key] = value;
  }
  return env;
}

/** The addresses inside a test (global setup has checked that every service answers). */
export function stackEnv(): StackEnv {
  const env = loadStackEnv();
  for (const key of keys) {
    if (!env[key]) throw new Error(`${key} is not set: start the local stack with \`./dev stack up\``);
  }
  return env as StackEnv;
}
