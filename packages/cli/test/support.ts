// Helpers of the CLI's tests: `commercebridge` run as a user runs it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { onTestFinished } from 'vitest';
import { repoRoot, stackEnv } from '../../../test/support/stack-env.ts';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export const TSX = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const BIN = join(repoRoot, 'packages/cli/src/bin.ts');

/** The stack's addresses as the CLI reads them. */
export const stack = () => ({
  DATABASE_URL: stackEnv().DATABASE_URL,
  KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
});

/** Runs `commercebridge <args>` with exactly `env` (plus PATH), no terminal on stdin. */
export function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      // From a directory outside the repo, as a user's shell would be: tsx is located by path.
      ['--import', TSX, BIN, ...args],
      { cwd: tmpdir(), env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  /** The JSON log lines printed so far. */
  lines: () => Record<string, unknown>[];
}

/** Starts `commercebridge <args>` as a long-running process, killed when the test ends. */
export function start(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, ['--import', TSX, BIN, ...args], {
    cwd: tmpdir(),
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, output: () => output, lines };
}
