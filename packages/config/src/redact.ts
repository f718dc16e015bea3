/**
 * Removes secrets from text that may quote a connection string: the password of `scheme://user:password@host`
 * and `password=...` (libpq key/value). Every error message and log line that may hold a URL goes through it.
 */
export function redact(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi, '$1:***@')
    .replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1***');
}
