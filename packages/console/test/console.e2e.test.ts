// The console in a real headless Chromium (Debian's package, driven by playwright-core): what an operator sees
// and clicks, checked against Postgres.
import { INBOX_KEY_HEADER } from '@commercebridge/consumers';
import { expect, onTestFinished, test } from 'vitest';
import { createTopic, randomName, testPool, waitFor } from '../../../test/support/helpers.ts';
import { produce, wireMessages } from '../../consumers/test/support.ts';
import { createConsole, METRIC_NAMES } from '../src/index.ts';
import { launchBrowser, openPage, seeText } from './browser.ts';
import { brokers, consoleSchema, consumeOnce, ordersCatalog, publishOrders, seedJobs } from './support.ts';

/** An order id that would run script if the page ever inserted data as HTML. */
const HOSTILE = 'bad-<img src=x onerror="window.__injected=1">';

test('the console shows backlog and DLQ depth, redrives a DLQ entry and retries a failed job', async () => {
  const pool = testPool();
  const schema = await consoleSchema(pool, { modules: true });
  const topic = await createTopic(randomName('orders'), 1);
  const dlqTopic = await createTopic(`${topic}.dlq`, 1);
  const catalog = ordersCatalog(topic);
  const groupId = randomName('group');

  // A DLQ entry: a consumer refuses one of two orders.
  const messages = await wireMessages([
    { type: 'order.placed', payload: { orderId: 'fine-1', customerId: 'c1' } },
    { type: 'order.placed', payload: { orderId: HOSTILE, customerId: 'c2' } },
  ]);
  await produce(topic, messages);
  await consumeOnce({ pool, schema, catalog, topic, groupId, failing: [HOSTILE] });
  const refusedEventId = messages[1]!.eventId;
  // Three unpublished events (no relay runs), and jobs, one of them failed and one dead.
  await publishOrders(pool, schema, catalog, ['o-1', 'o-2', 'o-3']);
  const jobs = await seedJobs(pool, schema);

  const operatorConsole = createConsole({ pool, schema, kafka: { brokers: brokers() }, catalog });
  const { url } = await operatorConsole.start();
  onTestFinished(() => operatorConsole.stop());
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  const browser = await launchBrowser();
  const { page, pageErrors } = await openPage(browser, url);

  // Every unpublished event counts: the three orders and the jobs' cards (a job is enqueued through the outbox).
  const unpublished = async () =>
    (
      await pool.query<{ n: number }>(
        `select count(*)::int as n from "${schema}".events where published_at is null`,
      )
    ).rows[0]!.n;
  const backlog = await unpublished();
  expect(backlog).toBeGreaterThanOrEqual(3);
  await seeText(page.locator('#backlog-total'), String(backlog), 'the outbox backlog');
  const dlqRow = page.locator(`tr[data-dlq-topic="${dlqTopic}"]`);
  await seeText(dlqRow.locator('[data-field=depth]'), '1', 'the DLQ depth');
  await seeText(dlqRow.locator('[data-field=pending]'), '1', 'the pending DLQ entries');

  // The entry list, then redrive: the event is back in the outbox, and the page says the entry is redriven.
  await dlqRow.getByRole('button', { name: 'entries' }).click();
  const entryRow = page.locator(`tr[data-entry-id="${dlqTopic}:0:0"]`);
  await seeText(entryRow.locator('[data-field=state]'), 'pending', 'the DLQ entry as pending');
  expect(await entryRow.textContent()).toContain(`order ${HOSTILE} refused`);
  await entryRow.getByRole('button', { name: 'redrive' }).click();
  await seeText(entryRow.locator('[data-field=state]'), 'redriven', 'the DLQ entry as redriven');
  const redriven = await pool.query<{ event_type: string; partition_key: string; published: boolean }>(
    `select event_type, partition_key, published_at is not null as published from "${schema}".events
      where headers->>'causation-id' = $1 and headers->>$2 = $1`,
    [refusedEventId, INBOX_KEY_HEADER],
  );
  expect(redriven.rows).toEqual([{ event_type: 'order.placed', partition_key: HOSTILE, published: false }]);
  expect(await unpublished()).toBe(backlog + 1);
  await seeText(page.locator('#backlog-total'), String(backlog + 1), 'the backlog with the redriven event');
  await seeText(dlqRow.locator('[data-field=pending]'), '0', 'no pending DLQ entry left');
  expect(await entryRow.getByRole('button', { name: 'redrive' }).isDisabled()).toBe(true);

  // Retry of the failed job: pending again in Postgres, and on the page.
  const failedRow = page.locator(`tr[data-job-id="${jobs.emails.failed}"]`);
  await seeText(failedRow.locator('[data-field=status]'), 'failed', 'the failed job');
  await seeText(
    page.locator('tr[data-queue="emails"] [data-status=failed]'),
    '1',
    'one failed job in the counts',
  );
  await failedRow.getByRole('button', { name: 'retry' }).click();
  await waitFor(
    async () => {
      const { rows } = await pool.query<{ status: string; run_at: Date | null }>(
        `select status, run_at from "${schema}".module_jobs where job_id = $1`,
        [jobs.emails.failed],
      );
      return rows[0]?.status === 'pending' && rows[0].run_at === null;
    },
    { what: 'the retried job pending (due now) in Postgres' },
  );
  await seeText(failedRow.locator('[data-field=status]'), 'pending', 'the retried job as pending');
  await seeText(
    page.locator('tr[data-queue="emails"] [data-status=pending]'),
    '3',
    'three pending email jobs',
  );

  // Data is text, never markup: the hostile order id ran nothing and made no element.
  expect(await page.evaluate('window.__injected')).toBeUndefined();
  expect(await page.locator('img').count()).toBe(0);
  expect(pageErrors).toEqual([]);

  const metrics = await (await fetch(`${url}metrics`)).text();
  expect(metrics).toMatch(new RegExp(`^${METRIC_NAMES.outboxBacklog}\\{slot="\\d+"\\} \\d+$`, 'm'));
  const backlogTotal = [
    ...metrics.matchAll(new RegExp(`^${METRIC_NAMES.outboxBacklog}\\{slot="\\d+"\\} (\\d+)$`, 'gm')),
  ]
    .map((m) => Number(m[1]))
    .reduce((a, b) => a + b, 0);
  expect(backlogTotal).toBe(backlog + 1);
  expect(metrics).toMatch(new RegExp(`^${METRIC_NAMES.outboxOldestAge}\\{slot="\\d+"\\} [\\d.e+-]+$`, 'm'));
  expect(metrics).toContain(
    `${METRIC_NAMES.consumerLag}{group="${groupId}",topic="${topic}",partition="0"} 0`,
  );
  expect(metrics).toContain(`${METRIC_NAMES.dlqDepth}{topic="${dlqTopic}"} 1`);
  expect(metrics).toContain(`${METRIC_NAMES.dlqPending}{topic="${dlqTopic}"} 0`);
  expect(metrics).toContain(`${METRIC_NAMES.jobs}{queue="emails",status="pending"} 3`);
  expect(metrics).toContain(`${METRIC_NAMES.jobs}{queue="reports",status="cancelled"} 1`);
});

test('the API refuses what the page never sends: a purge without ids, a foreign Host, a non-JSON body', async () => {
  const pool = testPool();
  const schema = await consoleSchema(pool);
  const operatorConsole = createConsole({ pool, schema, kafka: { brokers: brokers() } });
  const { url } = await operatorConsole.start();
  onTestFinished(() => operatorConsole.stop());
  const post = (path: string, body: unknown, type = 'application/json') =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

  expect((await post('api/dlq/purge', { topic: 'orders.dlq' })).status).toBe(400);
  expect((await post('api/dlq/redrive', { topic: 'orders', ids: ['orders:0:0'] })).status).toBe(400);
  expect((await post('api/jobs/retry', { ids: ['x'] }, 'text/plain')).status).toBe(415);
  // The jobs table is not installed in this schema: the routes say so.
  expect(await (await post('api/jobs/retry', { ids: ['x'] })).json()).toEqual({
    error: `schema "${schema}" has no jobs table: the queue module is not installed`,
  });
  // A page on another site that rebinds its name to 127.0.0.1 sends its own Host: refused.
  const { request } = await import('node:http');
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = request(`${url}api/status`, { headers: { host: 'attacker.example' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(421);
  const page = await (await fetch(url)).text();
  expect(page).toContain('<script type="module" src="/app.js"></script>');
  expect((await fetch(url)).headers.get('content-security-policy')).toContain("script-src 'self'");
});

test('with a token, a wrong one cannot act and the right one can; read-only refuses every action', async () => {
  const pool = testPool();
  const schema = await consoleSchema(pool, { modules: true });
  const jobs = await seedJobs(pool, schema);
  const token = 'console-token-0123456789abcdef';
  const operatorConsole = createConsole({ pool, schema, kafka: { brokers: brokers() }, token });
  const { url } = await operatorConsole.start();
  onTestFinished(() => operatorConsole.stop());
  const jobStatus = async (jobId: string) =>
    (
      await pool.query<{ status: string }>(`select status from "${schema}".module_jobs where job_id = $1`, [
        jobId,
      ])
    ).rows[0]?.status;
  const failed = jobs.emails.failed;
  expect(await jobStatus(failed)).toBe('failed');

  // In the browser: the page asks for the token; a wrong one is refused and changes nothing.
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const answers = ['wrong-token-wrong-token', token];
  page.on('dialog', (dialog) => void dialog.accept(answers.shift() ?? ''));
  await page.goto(url);
  await seeText(page.locator('#mode'), 'actions need the console token', 'the mode');
  const failedRow = page.locator(`tr[data-job-id="${failed}"]`);
  await seeText(failedRow.locator('[data-field=status]'), 'failed', 'the failed job');
  await failedRow.getByRole('button', { name: 'retry' }).click();
  await waitFor(
    async () => (await page.locator('#jobs-message').textContent())?.includes('valid console token'),
    {
      what: 'the page to say the token was refused',
    },
  );
  expect(await jobStatus(failed)).toBe('failed');
  await failedRow.getByRole('button', { name: 'retry' }).click();
  await waitFor(async () => (await jobStatus(failed)) === 'pending', {
    what: 'the retry with the right token',
  });

  // Without a token header, over the API: 401, nothing changed.
  const cancel = await fetch(`${url}api/jobs/cancel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ids: [failed] }),
  });
  expect(cancel.status).toBe(401);
  expect(await jobStatus(failed)).toBe('pending');

  const readOnly = createConsole({ pool, schema, kafka: { brokers: brokers() }, readOnly: true });
  const ro = await readOnly.start();
  onTestFinished(() => readOnly.stop());
  const refused = await fetch(`${ro.url}api/jobs/cancel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ids: [failed] }),
  });
  expect(refused.status).toBe(403);
  expect(await jobStatus(failed)).toBe('pending');
  expect(((await (await fetch(`${ro.url}api/config`)).json()) as { readOnly: boolean }).readOnly).toBe(true);
});
