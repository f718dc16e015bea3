import { describe, expect, it } from 'vitest';
import { waitFor, withTransaction } from '../../../test/support/helpers.ts';
import type { Notification } from '../src/index.ts';
import { setupModules } from './support.ts';

describe('notifications module', () => {
  it('filters by type and user, reaches every subscriber instance, and replays from a time', async () => {
    const { pool, module_notifications: notifications } = await setupModules();
    const instanceA: Notification[] = [];
    const instanceB: Notification[] = [];
    const user123Orders: Notification[] = [];
    const start = new Date();
    // Two instances of one service: each its own consumer group, so each gets every notification.
    const a = await notifications.subscribe({ types: ['system.*'] }, (n) => {
      instanceA.push(n);
    });
    const b = await notifications.subscribe({ types: ['system.*'] }, (n) => {
      instanceB.push(n);
    });
    const user = await notifications.subscribe({ types: ['order.confirmed'], userId: '123' }, (n) => {
      user123Orders.push(n);
    });
    expect(new Set([a.groupId, b.groupId, user.groupId]).size).toBe(3);

    await notifications.publish({ type: 'order.confirmed', userId: '123', data: { orderId: 'o-1' } });
    await notifications.publish({ type: 'order.confirmed', userId: '456', data: { orderId: 'o-2' } });
    await notifications.publish({ type: 'order.shipped', userId: '123', data: { orderId: 'o-1' } });
    await withTransaction(pool, (client) =>
      notifications.broadcast({ type: 'system.maintenance', data: { at: '02:00' } }, { tx: client }),
    );
    await expect(
      withTransaction(pool, async (client) => {
        await notifications.broadcast({ type: 'system.rolled-back', data: {} }, { tx: client });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    // The last one: once every instance has it, everything before it in its partition is there too.
    await notifications.publish({ type: 'order.confirmed', userId: '123', data: { orderId: 'o-3' } });
    await notifications.broadcast({ type: 'system.done', data: null });

    await waitFor(() => instanceA.length >= 2 && instanceB.length >= 2 && user123Orders.length >= 2, {
      what: 'both instances got the two broadcasts and user 123 its two order confirmations',
    });
    for (const received of [instanceA, instanceB]) {
      expect(received.map((n) => n.type).sort()).toEqual(['system.done', 'system.maintenance']);
      expect(received.every((n) => n.broadcast && n.userId === '')).toBe(true);
    }
    expect(instanceA.find((n) => n.type === 'system.maintenance')?.data).toEqual({ at: '02:00' });
    expect(user123Orders.map((n) => (n.data as { orderId: string }).orderId).sort()).toEqual(['o-1', 'o-3']);

    // Replay: a new subscriber from a past time gets what was published since (the topic keeps 3 days).
    const replayed: Notification[] = [];
    const replay = await notifications.subscribe({ from: start, userId: '456' }, (n) => {
      replayed.push(n);
    });
    await waitFor(() => replayed.length >= 3, {
      what: 'user 456 replaying its notification and the broadcasts',
    });
    expect(replayed.map((n) => n.type).sort()).toEqual([
      'order.confirmed',
      'system.done',
      'system.maintenance',
    ]);
    await Promise.all([a.stop(), b.stop(), user.stop(), replay.stop()]);
  });
});
