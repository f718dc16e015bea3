import { messageOf } from './errors.ts';
import type { LogLevel } from './types.ts';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, unknown>;

/** Structured JSON logs: one object per line with time, level, event and relayId. */
export interface Logger {
  debug(event: string, fields?: Fields): void;
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
  enabled(level: LogLevel): boolean;
}

export function createLogger(relayId: string, level: LogLevel, sink: (line: string) => void): Logger {
  const threshold = ORDER[level];
  const write = (lvl: LogLevel, event: string, fields?: Fields) => {
    if (ORDER[lvl] < threshold) return;
    const record: Fields = { time: new Date().toISOString(), level: lvl, event, relayId };
    if (fields) {
      for (const [key, value] of Object.entries(fields)) {
        record[key] = value instanceof Error ? messageOf(value) : value;
      }
    }
    sink(JSON.stringify(record));
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    enabled: (lvl) => ORDER[lvl] >= threshold,
  };
}
