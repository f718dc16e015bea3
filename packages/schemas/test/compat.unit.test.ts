import { describe, expect, it } from 'vitest';
import { findBreakingChanges } from '../src/compat.ts';
import { protoSources } from '../src/index.ts';

const ORDERS = 'commercebridge/orders/v1/orders.proto';
const LOGS = 'commercebridge/logs/v1/logs.proto';

function changed(file: string, from: string, to: string) {
  const text = protoSources[file]!;
  expect(text).toContain(from);
  return findBreakingChanges(protoSources, { ...protoSources, [file]: text.replace(from, to) });
}

describe('findBreakingChanges (baseline rules)', () => {
  it('accepts additions: a new field, a new message, a new enum value', () => {
    expect(changed(ORDERS, 'string channel = 10;', 'string channel = 10;\n  string coupon = 11;')).toEqual(
      [],
    );
    expect(
      changed(ORDERS, 'message LineItem {', 'message Refund { string id = 1; }\n\nmessage LineItem {'),
    ).toEqual([]);
    expect(changed(LOGS, 'LOG_LEVEL_FATAL = 6;', 'LOG_LEVEL_FATAL = 6;\n  LOG_LEVEL_AUDIT = 7;')).toEqual([]);
  });

  it('rejects a removed field, unless its number is reserved', () => {
    expect(changed(ORDERS, '  string channel = 10;\n', '')).toEqual([
      expect.objectContaining({
        kind: 'FIELD_REMOVED',
        element: 'commercebridge.orders.v1.OrderPlaced.channel',
      }),
    ]);
    expect(changed(ORDERS, '  string channel = 10;\n', '  reserved 10;\n  reserved "channel";\n')).toEqual(
      [],
    );
  });

  it('rejects a renumbered field', () => {
    expect(changed(ORDERS, 'string channel = 10;', 'string channel = 12;')).toEqual([
      expect.objectContaining({
        kind: 'FIELD_RENUMBERED',
        message: expect.stringContaining('from 10 to 12'),
      }),
    ]);
  });

  it('rejects a changed type, scalar or message', () => {
    expect(
      changed(ORDERS, 'string customer_id = 2;\n  repeated', 'int64 customer_id = 2;\n  repeated'),
    ).toEqual([
      expect.objectContaining({
        kind: 'FIELD_TYPE_CHANGED',
        message: expect.stringContaining('from string to int64'),
      }),
    ]);
    expect(
      changed(ORDERS, 'commercebridge.common.v1.Money tax = 6;', 'commercebridge.common.v1.Address tax = 6;'),
    ).toEqual([
      expect.objectContaining({
        kind: 'FIELD_TYPE_CHANGED',
        element: 'commercebridge.orders.v1.OrderPlaced.tax',
      }),
    ]);
  });

  it('rejects a changed cardinality', () => {
    expect(changed(ORDERS, 'string carrier = 4;', 'repeated string carrier = 4;')).toEqual([
      expect.objectContaining({ kind: 'FIELD_CARDINALITY_CHANGED' }),
    ]);
  });

  it('rejects a removed message and a removed enum value', () => {
    const withoutShipped = protoSources[ORDERS]!.replace(/message OrderShipped \{[^}]*\}\n\n/, '');
    expect(findBreakingChanges(protoSources, { ...protoSources, [ORDERS]: withoutShipped })).toEqual([
      expect.objectContaining({ kind: 'MESSAGE_REMOVED', element: 'commercebridge.orders.v1.OrderShipped' }),
    ]);
    expect(changed(LOGS, '  LOG_LEVEL_FATAL = 6;\n', '')).toEqual([
      expect.objectContaining({
        kind: 'ENUM_VALUE_REMOVED',
        element: 'commercebridge.logs.v1.LogLevel.LOG_LEVEL_FATAL',
      }),
    ]);
  });
});
