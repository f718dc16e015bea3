/**
 * Removes secrets from text that may quote a connection string or a credential: the password of
 * `scheme://user:password@host`, `password=...` (libpq key/value) and the token of an `Authorization` value
 * (`Bearer ...`, `Basic ...`). Every error message and log line that may hold one goes through it.
 */
export function redact(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi, '$1:***@')
    .replace(/(password\s*[=:]\s*)('[^']*'|"[^"]*"|[^\s,;}]+)/gi, '$1***')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***');
}
