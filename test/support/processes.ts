// Child processes for e2e and crash tests: spawn any node script with an environment, capture its output
// (JSON log lines) to a file, wait for a log line, send signals, and make sure nothing outlives the test.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { repoRoot } from './stack-env.ts';

/** One line of a child's output: its JSON object, or `{ msg }` for a line that is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: unknown };

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  /** Names the process in log file names and error messages (e.g. `relay-a`). */
  name: string;
  /** Script to run with `node --import tsx` (absolute, or relative to the repository root). */
  script: string;
  args?: string[];
  /** Added to (and overriding) the parent's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Directory for the log file. (Default: a fresh directory under the OS temp dir) */
  logDir?: string;
  /**
   * `test` (default): killed when the current test finishes, pass or fail. `manual`: the caller stops it
   * (e.g. a process shared by a whole file); it is still killed when the test process exits.
   */
  scope?: 'test' | 'manual';
}

export interface WaitForLogOptions {
  timeout?: number;
  /** What never appeared, for the timeout error. */
  what: string;
  /** Only look at lines after this index (e.g. `handle.lines().length` taken before a restart). */
  fromLine?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the test process itself ends (crash, timeout, Ctrl-C): no orphaned relays.
  process.on('exit', () => {
    for (const child of live) {
      try {
        // SIGKILL also ends a process frozen with SIGSTOP.
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

let defaultLogDir: string | undefined;
function logDirectory(): string {
  defaultLogDir ??= mkdtempSync(join(tmpdir(), 'commercebridge-procs-'));
  return defaultLogDir;
}

export class ChildHandle {
  readonly name: string;
  readonly logFile: string;
  readonly pid: number;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  private status: ExitStatus | undefined;
  private readonly child: ChildProcess;

  constructor(name: string, logFile: string, child: ChildProcess) {
    this.name = name;
    this.logFile = logFile;
    this.child = child;
    if (child.pid === undefined) throw new Error(`${name}: spawn failed (no pid)`);
    this.pid = child.pid;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.status = { code, signal };
        live.delete(child);
        resolve(this.status);
      });
    });
  }

  get exitStatus(): ExitStatus | undefined {
    return this.status;
  }

  get running(): boolean {
    return this.status === undefined;
  }

  /** The raw text the process has written so far (stdout and stderr interleaved). */
  output(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  /** Every complete output line, JSON lines parsed. */
  lines(): LogLine[] {
    const text = this.output();
    const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    return complete
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          const parsed: unknown = JSON.parse(line);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as LogLine;
        } catch {
          // not JSON: keep it as text
        }
        return { msg: line };
      });
  }

  /** Waits for an output line matching `predicate`; fails early when the process exits first. */
  async waitForLog(predicate: (line: LogLine) => boolean, options: WaitForLogOptions): Promise<LogLine> {
    const { timeout = 30_000, what, fromLine = 0 } = options;
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.lines().slice(fromLine).find(predicate);
      if (found) return found;
      if (!this.running) {
        throw new Error(`${this.name} exited (${describeExit(this.status)}) before: ${what}\n${this.tail()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeout} ms waiting for ${this.name}: ${what}\n${this.tail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends a signal without waiting (SIGSTOP, SIGCONT, ...). */
  signal(signal: NodeJS.Signals): void {
    if (!this.running) return;
    this.child.kill(signal);
  }

  /** Freezes the process (SIGSTOP): it keeps its sockets and leases but runs no code. */
  pause(): void {
    this.signal('SIGSTOP');
  }

  /** Resumes a paused process (SIGCONT). */
  resume(): void {
    this.signal('SIGCONT');
  }

  /** `kill -9` and wait until the process is gone. */
  async kill(): Promise<ExitStatus> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /**
   * SIGTERM, then waits for the exit; throws when the process does not exit in time (it is then killed)
   * or exits with another code than `expectCode`.
   */
  async terminate(options: { timeout?: number; expectCode?: number } = {}): Promise<ExitStatus> {
    const { timeout = 30_000, expectCode = 0 } = options;
    if (!this.running) throw new Error(`${this.name} had already exited (${describeExit(this.status)})`);
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeout);
    });
    const result = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      await this.kill();
      throw new Error(`${this.name} did not exit within ${timeout} ms of SIGTERM\n${this.tail()}`);
    }
    if (result.code !== expectCode) {
      throw new Error(
        `${this.name} exited (${describeExit(result)}) after SIGTERM, expected code ${expectCode}\n${this.tail()}`,
      );
    }
    return result;
  }

  /** The last lines of output, for error messages. */
  tail(count = 30): string {
    const lines = this.output().trimEnd().split('\n');
    return `--- last ${Math.min(count, lines.length)} lines of ${this.logFile}\n${lines.slice(-count).join('\n')}`;
  }
}

function describeExit(status: ExitStatus | undefined): string {
  if (!status) return 'running';
  return status.signal ? `signal ${status.signal}` : `code ${status.code}`;
}

/**
 * Starts `node --import tsx <script>` with its output appended to a log file. With the default scope the
 * process is killed when the current test finishes (pass or fail); on failure its log path is printed.
 */
export function spawnNode(options: SpawnOptions): ChildHandle {
  const { name, script, args = [], env = {}, scope = 'test' } = options;
  const logDir = options.logDir ?? logDirectory();
  const logFile = join(logDir, `${name}-${Date.now()}.log`);
  // The child writes to the file itself: its output survives the parent and needs no pipe draining.
  const fd = openSync(logFile, 'a');
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const scriptPath = script.startsWith('/') ? script : join(repoRoot, script);
  const child = spawn(process.execPath, ['--import', 'tsx', scriptPath, ...args], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  installExitHook();
  live.add(child);
  const handle = new ChildHandle(name, logFile, child);
  if (scope === 'test') {
    onTestFinished(async (context) => {
      if (handle.running) {
        handle.signal('SIGKILL');
        await handle.exited;
      }
      if (context.task.result?.state === 'fail') console.warn(`log of ${name}: ${logFile}`);
    });
  }
  return handle;
}

/** Kills every child still running (for `afterAll` of processes started with `scope: 'manual'`). */
export async function killAllChildren(): Promise<void> {
  const pending: Array<Promise<unknown>> = [];
  for (const child of live) {
    pending.push(new Promise((resolve) => child.once('exit', resolve)));
    child.kill('SIGKILL');
  }
  await Promise.all(pending);
}
