// The one place the example builds its logger: JSON lines on stdout, and (once attached) the logs module, so a
// process's logs are queryable and streamed like any other service's. The packages take a `Logger`
// (@commercebridge/consumers); this file adapts it and is the only one to change when that interface changes.
import type { Logger } from '@commercebridge/consumers';
import type { LogLevelName, LogsModule } from '@commercebridge/modules';

export type { Logger };

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ServiceLogger extends Logger {
  /** Also write every entry (info and above) to the logs module from now on. */
  attach(logs: LogsModule): void;
  /** A logger that adds these fields to every entry. */
  child(fields: Record<string, unknown>): Logger;
}

/** (Default: 'info') Entries below `minLevel` are dropped. */
export function createLogger(service: string, minLevel: Level = 'info'): ServiceLogger {
  let module: LogsModule | undefined;
  const write = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
    if (RANK[level] < RANK[minLevel]) return;
    const entry = { time: new Date().toISOString(), level, service, msg, ...fields };
    process.stdout.write(`${JSON.stringify(entry, errorsAsText)}\n`);
    module
      ?.writeLog({ level: level as LogLevelName, message: msg, service, metadata: fields })
      .catch((error: unknown) => {
        // The logs module is down (Kafka unreachable): the line above is still on stdout.
        process.stdout.write(
          `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', service, msg: 'logs module write failed', reason: String(error) })}\n`,
        );
      });
  };
  const make = (base: Record<string, unknown>): Logger => ({
    debug: (msg, fields) => write('debug', msg, { ...base, ...fields }),
    info: (msg, fields) => write('info', msg, { ...base, ...fields }),
    warn: (msg, fields) => write('warn', msg, { ...base, ...fields }),
    error: (msg, fields) => write('error', msg, { ...base, ...fields }),
  });
  return {
    ...make({}),
    attach(logs) {
      module = logs;
    },
    child: (fields) => make(fields),
  };
}

function errorsAsText(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
