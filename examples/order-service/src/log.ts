// The one place the example builds its logger: JSON lines on stdout, and (once attached) the logs module, so a
// process's logs are queryable and streamed like any other service's. It is a `Logger` of
// @commercebridge/config (pino's argument order: `log.info(fields, msg)`), so the packages log through it too.
import type { LogFields, Logger } from '@commercebridge/config';
import type { LogLevelName, LogsModule } from '@commercebridge/modules';

export type { Logger };

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ServiceLogger extends Logger {
  /** Also write every entry (info and above) to the logs module from now on. */
  attach(logs: LogsModule): void;
}

/** (Default: 'info') Entries below `minLevel` are dropped. */
export function createLogger(service: string, minLevel: Level = 'info'): ServiceLogger {
  let module: LogsModule | undefined;
  const write = (level: Level, msg: string, fields: LogFields) => {
    if (RANK[level] < RANK[minLevel]) return;
    const entry = { time: new Date().toISOString(), level, service, msg, ...fields };
    process.stdout.write(`${JSON.stringify(entry, errorsAsText)}\n`);
    // The packages' own debug lines stay on stdout; the logs module gets info and above.
    if (level === 'debug') return;
    module
      ?.writeLog({ level: level as LogLevelName, message: msg, service, metadata: fields })
      .catch((error: unknown) => {
        // The logs module is down (Kafka unreachable): the line above is still on stdout.
        process.stdout.write(
          `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', service, msg: 'logs module write failed', reason: String(error) })}\n`,
        );
      });
  };
  const make = (base: LogFields): Logger => {
    const at =
      (level: Level) =>
      (first: string | LogFields, message?: string): void => {
        if (typeof first === 'string') write(level, first, base);
        else write(level, message ?? '', { ...base, ...first });
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (bindings) => make({ ...base, ...bindings }),
      isLevelEnabled: (level) => RANK[level] >= RANK[minLevel],
    };
  };
  return {
    ...make({}),
    attach(logs) {
      module = logs;
    },
  };
}

function errorsAsText(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
