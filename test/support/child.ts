// Helpers of the processes that tests start (workers, relays): required environment variables and one JSON
// log line per event on stdout, which ChildHandle.lines() reads back.

/** The value of a required environment variable; a missing one ends the process with its name. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** A logger writing `{ time, event, worker, ...fields }` lines. */
export function jsonLog(worker: string): (event: string, fields?: Record<string, unknown>) => void {
  return (event, fields = {}) =>
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, worker, ...fields })}\n`);
}
