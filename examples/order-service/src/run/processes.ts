// Starting the three processes (and the console) the way they are deployed, each with its own log file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const exampleRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI as a user runs it (`npx commercebridge ...`): the bin of the installed @commercebridge/cli. */
export const cliBin = join(exampleRoot, 'node_modules', '.bin', 'commercebridge');

/**
 * In this repository the packages resolve to their TypeScript sources, which need tsx (the published packages
 * are built JavaScript and need nothing): every child then runs with `--import tsx`.
 */
export function nodeOptions(base: string | undefined): string | undefined {
  const fromSources = createRequire(import.meta.url)
    .resolve('@commercebridge/cli')
    .endsWith('.ts');
  if (!fromSources || base?.includes('--import tsx')) return base;
  return ['--import tsx', base].filter(Boolean).join(' ');
}

export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly logFile: string;
  /** Every stdout line so far, parsed when it is JSON. */
  readonly lines: Array<LogLine | string>;
  /** Resolves with the first line (seen before or after the call) that passes `match`. */
  waitForLine(
    match: (line: LogLine | string) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<LogLine | string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env: Record<string, string | undefined>; logDir: string },
): ServiceProcess {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = join(options.logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd: exampleRoot,
    env: { ...options.env, NODE_OPTIONS: nodeOptions(options.env['NODE_OPTIONS']) } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<LogLine | string> = [];
  const waiters = new Set<(line: LogLine | string) => void>();
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    buffered += chunk.toString('utf8');
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      let line: LogLine | string = text;
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object') line = parsed as LogLine;
      } catch {}
      lines.push(line);
      for (const waiter of waiters) waiter(line);
      nl = buffered.indexOf('\n');
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    }),
  );
  return {
    name,
    child,
    pid: child.pid ?? -1,
    logFile,
    lines,
    exited,
    waitForLine(match, what, timeoutMs = 60_000) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name}: ${what} did not happen within ${timeoutMs} ms; see ${logFile}`));
        }, timeoutMs);
        const check = (line: LogLine | string) => {
          if (!match(line)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(line);
        };
        waiters.add(check);
        void exited.then(({ code, signal }) => {
          if (!waiters.has(check)) return;
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`${name} exited (code ${code}, signal ${signal}) before ${what}; see ${logFile}`));
        });
      });
    },
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

export const isMsg = (msg: string) => (line: LogLine | string) =>
  typeof line === 'object' && line.msg === msg;

/** Runs a CLI command to its end; rejects with its output when it fails. */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  logDir: string,
): Promise<void> {
  const proc = startProcess(`cli-${args[0]}`, cliBin, args, { env, logDir });
  const { code } = await proc.exited;
  if (code !== 0)
    throw new Error(`commercebridge ${args.join(' ')} exited with ${code}; see ${proc.logFile}`);
}
