import { expect, test } from 'vitest';
import { createStatusHistory } from '../src/history.ts';
import type { Status } from '../src/types.ts';

const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

function status(readAt: string, backlog: number | null): Status {
  return {
    readAt,
    schema: 'commercebridge',
    outbox:
      backlog === null
        ? { status: 'error', error: { message: 'connection refused' } }
        : {
            status: 'ok',
            slotCount: 1,
            slotCountSource: 'relay',
            backlog,
            oldestAgeMs: backlog > 0 ? 1500 : null,
            slots: [
              {
                slot: 0,
                backlog,
                oldestAgeMs: backlog > 0 ? 1500 : null,
                owner: null,
                leaseLive: false,
                leaseExpiresAt: null,
                leaseExpiresInMs: null,
                leaseAgeMs: null,
              },
            ],
            relays: [],
          },
    consumers: {
      status: 'ok',
      groups: [{ groupId: 'billing', state: 'Stable', lag: 7, partitions: [], missingTopics: [] }],
    },
    dlq: { status: 'ok', topics: [] },
    jobs: { status: 'not-installed', reason: 'no jobs table' },
  };
}

test('one sample per interval, dropped past the window; a failed section leaves its values out', () => {
  const history = createStatusHistory({ intervalMs: 2000, windowMs: 60_000 });
  history.record(status(at(70_000), 9)); // older than the window
  history.record(status(at(10_000), 1));
  history.record(status(at(9_000), 2)); // within the interval of the previous sample
  history.record(status(at(8_000), 3));
  history.record(status(at(5_000), null));
  const { intervalMs, windowMs, samples } = history.view();
  expect({ intervalMs, windowMs }).toEqual({ intervalMs: 2000, windowMs: 60_000 });
  expect(samples.map((s) => s.backlog)).toEqual([1, 3, null]);
  expect(samples[1]).toMatchObject({
    oldestAgeMs: 1500,
    slots: [{ slot: 0, backlog: 3, oldestAgeMs: 1500 }],
    groups: [{ groupId: 'billing', lag: 7 }],
  });
  expect(samples[2]).toMatchObject({ backlog: null, oldestAgeMs: null, slots: [] });
});
