// The console page: polls /api/status, renders it, and calls the action routes. Data is only ever inserted
// as text (textContent / text nodes), never as HTML.
const REFRESH_MS = 3000;
const JOB_STATUSES = ['scheduled', 'pending', 'processing', 'completed', 'failed', 'dead', 'cancelled'];
const RETRYABLE = new Set(['scheduled', 'failed', 'dead', 'cancelled']);
const CANCELLABLE = new Set(['scheduled', 'pending', 'processing', 'failed']);

const state = { openTopic: null, jobsInstalled: false, timer: null };

const $ = (id) => document.getElementById(id);

/** A DOM element with properties and children; strings become text nodes. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'onclick') node.addEventListener('click', value);
    else if (key.startsWith('data-')) node.setAttribute(key, String(value));
    else node[key] = value;
  }
  for (const child of children) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function formatAge(ms) {
  if (ms === null || ms === undefined) return '—';
  const abs = Math.abs(ms);
  let text;
  if (abs < 1000) text = `${Math.round(abs)} ms`;
  else if (abs < 120_000) text = `${(abs / 1000).toFixed(1)} s`;
  else if (abs < 7_200_000) text = `${Math.round(abs / 60_000)} min`;
  else text = `${(abs / 3_600_000).toFixed(1)} h`;
  return ms < 0 ? `${text} ago` : text;
}

const formatTime = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

function replaceRows(tbody, rows, emptyText, columns) {
  tbody.replaceChildren(
    ...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colSpan: columns, class: 'muted' }, emptyText))]),
  );
}

/** Shows a section's error or "not installed" note instead of its body; returns whether it has data. */
function showSection(id, section) {
  const root = $(id);
  const error = root.querySelector('.section-error');
  const body = root.querySelector('.section-body');
  if (section.status === 'ok') {
    error.hidden = true;
    body.hidden = false;
    return true;
  }
  error.hidden = false;
  body.hidden = true;
  error.className = section.status === 'error' ? 'section-error' : 'not-installed';
  error.textContent =
    section.status === 'error'
      ? `Could not read: ${section.error.message}${section.error.code ? ` (${section.error.code})` : ''}`
      : `Not installed: ${section.reason}`;
  return false;
}

function renderOutbox(outbox) {
  if (!showSection('outbox', outbox)) return;
  $('backlog-total').textContent = String(outbox.backlog);
  $('backlog-oldest').textContent = formatAge(outbox.oldestAgeMs);
  $('slot-count').textContent =
    `${outbox.slotCount}${outbox.slotCountSource === 'default' ? ' (default: no relay ran yet)' : ''}`;
  replaceRows(
    $('slots'),
    outbox.slots.map((s) =>
      el(
        'tr',
        { 'data-slot': s.slot },
        el('td', { class: 'num' }, s.slot),
        el('td', { class: 'num', 'data-field': 'backlog' }, s.backlog),
        el('td', { class: 'num' }, formatAge(s.oldestAgeMs)),
        el('td', {}, s.owner ?? '—'),
        el(
          'td',
          { class: s.owner && !s.leaseLive ? 'warn' : '' },
          s.owner === null
            ? 'free'
            : s.leaseLive
              ? `expires in ${formatAge(s.leaseExpiresInMs)}`
              : `expired ${formatAge(s.leaseExpiresInMs)}`,
        ),
        el('td', {}, s.leaseAgeMs === null ? '—' : `${formatAge(s.leaseAgeMs)} ago`),
      ),
    ),
    'no slots',
    6,
  );
  replaceRows(
    $('relays'),
    outbox.relays.map((r) =>
      el(
        'tr',
        { 'data-relay': r.relayId },
        el('td', {}, r.relayId),
        el('td', { class: r.alive === false ? 'warn' : '' }, r.alive === null ? '—' : r.alive ? 'yes' : 'no'),
        el('td', {}, r.slots.length > 0 ? r.slots.join(', ') : '—'),
        el('td', {}, formatTime(r.startedAt)),
      ),
    ),
    'no relay holds a slot',
    4,
  );
}

function renderConsumers(consumers) {
  if (!showSection('consumers', consumers)) return;
  const rows = [];
  for (const group of consumers.groups) {
    if (group.partitions.length === 0) {
      rows.push(
        el(
          'tr',
          { 'data-group': group.groupId },
          el('td', {}, group.groupId),
          el('td', {}, group.state ?? '—'),
          el('td', { colSpan: 5, class: 'muted' }, 'no committed offsets'),
        ),
      );
    }
    for (const p of group.partitions) {
      rows.push(
        el(
          'tr',
          { 'data-group': group.groupId, 'data-topic': p.topic, 'data-partition': p.partition },
          el('td', {}, group.groupId),
          el('td', {}, group.state ?? '—'),
          el('td', {}, p.topic),
          el('td', { class: 'num' }, p.partition),
          el('td', { class: 'num' }, p.committed ?? '—'),
          el('td', { class: 'num' }, p.end),
          el('td', { class: 'num', 'data-field': 'lag' }, p.lag),
        ),
      );
    }
  }
  replaceRows($('lag'), rows, 'no consumer group has committed offsets', 7);
}

function renderDlq(dlq) {
  if (!showSection('dlq', dlq)) return;
  replaceRows(
    $('dlq-topics'),
    dlq.topics.map((t) =>
      el(
        'tr',
        { 'data-dlq-topic': t.topic },
        el('td', {}, t.topic),
        el('td', { class: 'num', 'data-field': 'depth' }, t.depth),
        el(
          'td',
          { class: 'num', 'data-field': 'pending', title: t.pendingError?.message },
          t.pending === null ? '—' : t.pending,
        ),
        el('td', {}, el('button', { type: 'button', onclick: () => openTopic(t.topic) }, 'entries')),
      ),
    ),
    'no DLQ topics',
    4,
  );
}

const TOKEN_KEY = 'commercebridge-console-token';

async function api(path, body, retried = false) {
  const headers = { 'content-type': 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(
    path,
    body === undefined
      ? { headers: { accept: 'application/json' } }
      : { method: 'POST', headers, body: JSON.stringify(body) },
  );
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && body !== undefined && !retried) {
    // Actions need the console's token: asked once per tab, kept in this tab only.
    const entered = window.prompt('Console token (actions need it)');
    if (entered) {
      sessionStorage.setItem(TOKEN_KEY, entered);
      return api(path, body, true);
    }
  }
  if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
  if (!response.ok) throw new Error(data.error ?? `${response.status} ${response.statusText}`);
  return data;
}

async function openTopic(topic) {
  state.openTopic = topic;
  $('dlq-entries').hidden = false;
  $('dlq-entries-topic').textContent = topic;
  $('dlq-message').textContent = 'loading entries…';
  await loadEntries();
}

async function loadEntries() {
  const topic = state.openTopic;
  if (!topic) return;
  try {
    const { entries } = await api(`/api/dlq?topic=${encodeURIComponent(topic)}`);
    if (topic !== state.openTopic) return;
    renderEntries(topic, entries);
    $('dlq-message').textContent = `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`;
  } catch (error) {
    $('dlq-message').textContent = `Could not list entries: ${error.message}`;
  }
}

async function entryAction(action, topic, id) {
  $('dlq-message').textContent = `${action} ${id}…`;
  try {
    const result = await api(`/api/dlq/${action}`, { topic, ids: [id] });
    const refused = result.notRedrivable?.find((n) => n.id === id);
    $('dlq-message').textContent = refused
      ? `${id} was not redriven: ${refused.reason}`
      : action === 'redrive'
        ? `${id}: ${result.redriven.includes(id) ? 'redriven' : 'already redriven'}`
        : `${id}: ${result.purged > 0 ? 'purged' : 'nothing purged'}`;
  } catch (error) {
    $('dlq-message').textContent = `${action} of ${id} failed: ${error.message}`;
  }
  await loadEntries();
  scheduleRefresh(0);
}

function renderEntries(topic, entries) {
  replaceRows(
    $('dlq-entry-rows'),
    entries.map((e) => {
      const pending = e.state === 'pending';
      return el(
        'tr',
        { 'data-entry-id': e.id },
        el('td', {}, `${e.partition}:${e.offset}`),
        el('td', {}, e.eventType ?? '—'),
        el('td', { title: e.error.message }, `${e.error.code}: ${e.error.message}`),
        el('td', { class: 'num' }, e.attempts),
        el('td', {}, `${e.original.topic}/${e.original.partition}@${e.original.offset}`),
        el('td', {}, e.consumerGroup ?? '—'),
        el('td', {}, formatTime(e.lastFailureAt)),
        el('td', { class: `state-${e.state}`, 'data-field': 'state' }, e.state ?? '—'),
        el(
          'td',
          { class: 'actions' },
          el(
            'button',
            { type: 'button', disabled: !pending, onclick: () => entryAction('redrive', topic, e.id) },
            'redrive',
          ),
          el(
            'button',
            { type: 'button', disabled: !pending, onclick: () => entryAction('purge', topic, e.id) },
            'purge',
          ),
        ),
      );
    }),
    'the topic is empty',
    9,
  );
}

function renderJobCounts(jobs) {
  state.jobsInstalled = showSection('jobs', jobs);
  if (!state.jobsInstalled) return;
  $('job-counts-head').replaceChildren(
    el('tr', {}, el('th', {}, 'queue'), ...JOB_STATUSES.map((s) => el('th', {}, s))),
  );
  const queues = Object.keys(jobs.queues).sort();
  replaceRows(
    $('job-counts'),
    queues.map((queue) =>
      el(
        'tr',
        { 'data-queue': queue },
        el('td', {}, queue),
        ...JOB_STATUSES.map((s) => el('td', { class: 'num', 'data-status': s }, jobs.queues[queue][s] ?? 0)),
      ),
    ),
    'no jobs',
    JOB_STATUSES.length + 1,
  );
  const select = $('job-queue');
  const chosen = select.value;
  select.replaceChildren(
    el('option', { value: '' }, 'all'),
    ...queues.map((q) => el('option', { value: q }, q)),
  );
  select.value = queues.includes(chosen) ? chosen : '';
}

async function loadJobs() {
  if (!state.jobsInstalled) return;
  const params = new URLSearchParams();
  if ($('job-queue').value) params.set('queue', $('job-queue').value);
  if ($('job-status').value) params.set('status', $('job-status').value);
  try {
    const { jobs } = await api(`/api/jobs?${params}`);
    replaceRows(
      $('job-rows'),
      jobs.map((j) =>
        el(
          'tr',
          { 'data-job-id': j.jobId },
          el('td', {}, j.jobId),
          el('td', {}, j.queue),
          el('td', {}, j.type),
          el('td', { 'data-field': 'status' }, j.status),
          el('td', { class: 'num' }, `${j.attempts}/${j.maxAttempts}`),
          el('td', {}, formatTime(j.updatedAt)),
          el(
            'td',
            { title: j.lastError ?? '' },
            j.lastError ? `${j.lastErrorCode ?? ''} ${j.lastError}`.trim() : '—',
          ),
          el(
            'td',
            { class: 'actions' },
            el(
              'button',
              {
                type: 'button',
                disabled: !RETRYABLE.has(j.status),
                onclick: () => jobAction('retry', j.jobId),
              },
              'retry',
            ),
            el(
              'button',
              {
                type: 'button',
                disabled: !CANCELLABLE.has(j.status),
                onclick: () => jobAction('cancel', j.jobId),
              },
              'cancel',
            ),
          ),
        ),
      ),
      'no jobs match',
      8,
    );
  } catch (error) {
    $('jobs-message').textContent = `Could not list jobs: ${error.message}`;
  }
}

async function jobAction(action, jobId) {
  $('jobs-message').textContent = `${action} ${jobId}…`;
  try {
    const { changed } = await api(`/api/jobs/${action}`, { ids: [jobId] });
    $('jobs-message').textContent = changed.includes(jobId)
      ? `${jobId}: ${action === 'retry' ? 'retried' : 'cancelled'}`
      : `${jobId}: unchanged (its status does not allow ${action})`;
  } catch (error) {
    $('jobs-message').textContent = `${action} of ${jobId} failed: ${error.message}`;
  }
  scheduleRefresh(0);
}

async function refresh() {
  try {
    const status = await api('/api/status');
    $('schema').textContent = status.schema;
    $('read-at').textContent = formatTime(status.readAt);
    renderOutbox(status.outbox);
    renderConsumers(status.consumers);
    renderDlq(status.dlq);
    renderJobCounts(status.jobs);
    await loadJobs();
    $('refresh-state').textContent = `refreshing every ${REFRESH_MS / 1000} s`;
  } catch (error) {
    $('refresh-state').textContent = `refresh failed: ${error.message}`;
  }
  scheduleRefresh(REFRESH_MS);
}

/** The next refresh starts after the previous one ended: a slow read never piles requests up. */
function scheduleRefresh(ms) {
  clearTimeout(state.timer);
  state.timer = setTimeout(refresh, ms);
}

$('job-status').append(...JOB_STATUSES.map((s) => el('option', { value: s }, s)));
$('job-queue').addEventListener('change', loadJobs);
$('job-status').addEventListener('change', loadJobs);
api('/api/config')
  .then((config) => {
    $('mode').textContent = config.readOnly
      ? 'read-only: actions are off'
      : config.tokenRequired
        ? 'actions need the console token'
        : 'actions open to anyone who reaches this address';
  })
  .catch(() => {});
refresh();
