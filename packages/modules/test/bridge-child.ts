// An app process of the bridge e2e tests: createBridge({ env: process.env }) and nothing else set up. It
// subscribes to notifications (its own subscriber group), then on SIGUSR2 publishes CHILD_JOBS jobs and as many
// notifications, and fetches and completes jobs until SIGTERM. One JSON line per event:
// `subscribed`, `job` (handed out to this process), `completed`, `notified`, `published`, `stopped`.
// Env: the bridge's variables (DATABASE_URL, KAFKA_*, OUTBOX_SCHEMA, BRIDGE_*, RELAY_*), CHILD_NAME, CHILD_JOBS.
import { createLogger } from '@commercebridge/config';
import { jsonLog, requiredEnv } from '../../../test/support/child.ts';
import { createBridge } from '../src/index.ts';

const name = requiredEnv('CHILD_NAME');
const count = Number(requiredEnv('CHILD_JOBS'));
const log = jsonLog(name);

const bridge = createBridge({
  env: process.env,
  // The bridge's lines (the embedded relay's `slot.acquired` among them) as this process's events.
  logger: createLogger({
    level: 'info',
    destination: (line) => {
      const { msg, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
      log(String(msg), fields);
    },
  }),
});
const { module_queue, module_notifications } = bridge.integrations.kafka;

let stopping = false;
const subscription = await module_notifications.subscribe({ types: ['e2e.*'] }, (notification) => {
  log('notified', { notificationId: notification.notificationId, from: notification.data });
});
log('subscribed', { relay: bridge.relay !== null });

process.on('SIGUSR2', () => {
  void (async () => {
    for (let i = 0; i < count; i++) {
      await module_queue.publishJob({ type: 'e2e.job', payload: { from: name, i } });
      await module_notifications.publish({ type: 'e2e.notice', data: { from: name, i } });
    }
    log('published', { count });
  })().catch((error: unknown) => log('publish.failed', { error: (error as Error).message }));
});

const fetching = (async () => {
  while (!stopping) {
    const jobs = await module_queue.fetchBatch(50, { waitMs: 500 });
    for (const job of jobs) {
      log('job', { jobId: job.jobId, attempts: job.attempts });
      if (await module_queue.complete(job)) log('completed', { jobId: job.jobId });
    }
  }
})();

process.on('SIGTERM', () => {
  stopping = true;
  void (async () => {
    await fetching;
    await subscription.stop();
    await bridge.stop();
    log('stopped');
    process.exit(0);
  })().catch((error: unknown) => {
    log('stop.failed', { error: (error as Error).message });
    process.exit(2);
  });
});
