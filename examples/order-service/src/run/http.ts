// The scenario's HTTP client side: JSON requests and a server-sent events reader.

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

export interface StreamedNotification {
  notificationId: string;
  type: string;
  userId: string;
  title: string;
  data: Record<string, unknown>;
  /** When this reader received it (Date.now()). */
  receivedAt: number;
}

export interface EventStream {
  readonly received: StreamedNotification[];
  /** Resolves once the server said `ready` (its subscription is in place). */
  readonly ready: Promise<void>;
  onNotification?: (n: StreamedNotification) => void;
  close(): void;
}

/** GET /notifications/stream?userId=...: collects the notifications it receives. */
export function openEventStream(base: string, userId: string): EventStream {
  const controller = new AbortController();
  const received: StreamedNotification[] = [];
  let markReady: () => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const stream: EventStream = { received, ready, close: () => controller.abort() };
  void (async () => {
    const res = await fetch(`${base}/notifications/stream?userId=${encodeURIComponent(userId)}`, {
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`event stream of ${userId}: HTTP ${res.status}`);
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      let end = buffered.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event === 'ready') markReady();
        if (event === 'notification' && data) {
          const n = {
            ...(JSON.parse(data) as Omit<StreamedNotification, 'receivedAt'>),
            receivedAt: Date.now(),
          };
          received.push(n);
          stream.onNotification?.(n);
        }
        end = buffered.indexOf('\n\n');
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) fail(error);
  });
  return stream;
}

/** Polls `check` until it returns a value; the error names what never happened. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
