import type { SectionError } from './types.ts';

/**
 * Removes passwords from text that may quote a connection string: `scheme://user:password@host` and
 * `password=...` (libpq key/value). Every error message the console shows or logs goes through it.
 */
export function redact(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi, '$1:***@')
    .replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1***');
}

/** An error as a section reports it: the message (redacted) and a code when the error has one. */
export function sectionError(error: unknown): SectionError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = redact(raw || (error instanceof Error ? error.name : 'unknown error'));
  const candidate = error as { code?: unknown; type?: unknown } | null;
  const code =
    typeof candidate?.code === 'string'
      ? candidate.code
      : typeof candidate?.type === 'string'
        ? candidate.type
        : undefined;
  return code === undefined ? { message } : { message, code };
}
