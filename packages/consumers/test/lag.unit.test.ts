import { expect, test } from 'vitest';
import { computeLag } from '../src/lag.ts';

test('lag per partition: committed vs end, every partition listed, nothing committed counts the whole log', () => {
  const lag = computeLag(
    [
      {
        topic: 'orders',
        partitions: [
          { partition: 0, offset: '7' },
          { partition: 2, offset: '-1' },
        ],
      },
    ],
    [
      {
        topic: 'orders',
        partitions: [
          { partition: 2, low: '0', high: '4' },
          { partition: 0, low: '0', high: '10' },
          { partition: 1, low: '3', high: '3' },
        ],
      },
    ],
  );
  expect(lag).toEqual([
    { topic: 'orders', partition: 0, committed: '7', start: '0', end: '10', lag: 3 },
    { topic: 'orders', partition: 1, committed: null, start: '3', end: '3', lag: 0 },
    { topic: 'orders', partition: 2, committed: null, start: '0', end: '4', lag: 4 },
  ]);
});

test('a position behind the retained log counts from its start; one at the end lags by nothing', () => {
  const lag = computeLag(
    [
      {
        topic: 't',
        partitions: [
          { partition: 0, offset: '2' },
          { partition: 1, offset: '9' },
        ],
      },
    ],
    [
      {
        topic: 't',
        partitions: [
          { partition: 0, low: '5', high: '8' },
          { partition: 1, low: '0', high: '9' },
        ],
      },
    ],
  );
  expect(lag.map((p) => p.lag)).toEqual([3, 0]);
});
