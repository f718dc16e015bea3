import { redact } from '@commercebridge/config';
import type { SectionError } from './types.ts';

export { redact };

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
