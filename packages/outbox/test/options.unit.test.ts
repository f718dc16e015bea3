import { catalog } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import { claimBatch, cleanup, createOutbox, type Executor, OutboxError } from '../src/index.ts';

// Validation happens before any statement: an executor that fails on use proves nothing was sent.
const unusable: Executor = {
  query: () => Promise.reject(new Error('no statement may run for invalid options')),
  inTransaction: () => true,
};

async function failure(call: () => unknown): Promise<OutboxError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(OutboxError);
    return error as OutboxError;
  }
  throw new Error('expected a failure');
}

describe('options', () => {
  it.each([[''], ['x'.repeat(57)], ['order-service'], ['1abc']])(
    'checks the schema name %j with the one rule of every component (ConfigError)',
    (schema) => {
      expect(() => createOutbox({ catalog, schema })).toThrow(
        expect.objectContaining({
          name: 'ConfigError',
          code: 'CONFIG_INVALID',
          variable: '/outbox/schema',
          message: expect.stringContaining('/outbox/schema must be a Postgres identifier'),
        }),
      );
    },
  );

  it('name the option path and the fix', async () => {
    const cases: Array<[() => unknown, string]> = [
      [
        () => createOutbox({ catalog, notify: 'yes' as unknown as boolean }),
        '/outbox/notify must be true or false',
      ],
      [
        () => createOutbox({ catalog, maxPayloadBytes: 0 }),
        '/outbox/maxPayloadBytes must be an integer between',
      ],
      [() => createOutbox({ catalog: {} as typeof catalog }), '/outbox/catalog must be an event catalog'],
      [
        () => claimBatch(unusable, { slot: 4, slotCount: 4, limit: 10 }),
        '/claimBatch/slot must be an integer between 0 and 3',
      ],
      [() => claimBatch(unusable, { slot: 0, slotCount: 4, limit: 0 }), '/claimBatch/limit'],
      [() => cleanup(unusable, { olderThan: -1 }), '/cleanup/olderThan must be a number of milliseconds'],
      [
        () =>
          createOutbox({ catalog }).publish(
            unusable,
            'order.placed',
            { orderId: 'o', customerId: 'c' },
            {
              delay: 10,
              runAt: new Date(),
            },
          ),
        '/publish/delay cannot be combined with runAt',
      ],
      [
        () => createOutbox({ catalog }).appendToStream(unusable, 's', [], { expectedVersion: 'no_stream' }),
        '/appendToStream/events must be a non-empty array',
      ],
      [
        () =>
          createOutbox({ catalog }).appendToStream(
            unusable,
            's',
            [{ type: 'order.confirmed', payload: { orderId: 'o' } }],
            {
              expectedVersion: -1,
            },
          ),
        '/appendToStream/expectedVersion',
      ],
    ];
    for (const [call, message] of cases) {
      const error = await failure(call);
      expect(error.code).toBe('OUTBOX_INVALID_OPTION');
      expect(error.message).toContain(message);
      expect(error.retriable).toBe(false);
    }
  });
});
