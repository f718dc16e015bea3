// The console page: polls /api/status, /api/history and /api/tail, renders them, and calls the action routes.
// Data is only ever inserted as text (textContent / text nodes), never as HTML. The charts are inline SVG
// drawn here: a few polylines, no chart library.
const REFRESH_MS = 3000;
const TAIL_REFRESH_MS = 1000;
/** Events the page keeps (the server's ring holds as many). */
const TAIL_KEEP = 200;
/** Lines per chart: beyond it, the series with the highest values in the window. */
const MAX_SERIES = 8;
const JOB_STATUSES = ['scheduled', 'pending', 'processing', 'completed', 'failed', 'dead', 'cancelled'];
const RETRYABLE = new Set(['scheduled', 'failed', 'dead', 'cancelled']);
const CANCELLABLE = new Set(['scheduled', 'pending', 'processing', 'failed']);

const state = {
  openTopic: null,
  jobsInstalled: false,
  timer: null,
  tail: { after: 0, events: [], types: new Set(), timer: null },
};

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
  // Its class says which kind of note it is (error or not installed): found by either.
  const error = root.querySelector('.section-error, .not-installed');
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

const SVG_NS = 'http://www.w3.org/2000/svg';
const CHART = { width: 560, height: 150, left: 56, right: 10, top: 10, bottom: 22 };

/** An SVG element with attributes and children; strings become text nodes. */
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  for (const child of children)
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const formatCount = (n) => String(Math.round(n));
const formatClock = (ms) => new Date(ms).toLocaleTimeString();

/**
 * A line chart of `series` ([{ name, points: [[timeMs, value], ...] }]) into the element `id`: one polyline
 * per series over a shared time axis, y from 0 to the largest value, and a legend with each last value.
 */
function drawChart(id, series, formatValue) {
  const root = $(id);
  const drawn = series
    .filter((s) => s.points.length > 0)
    .map((s) => ({ ...s, peak: Math.max(...s.points.map((p) => p[1])) }))
    .sort((a, b) => b.peak - a.peak)
    .slice(0, MAX_SERIES)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (drawn.length === 0) {
    root.replaceChildren(el('p', { class: 'muted' }, 'no samples yet'));
    return;
  }
  const times = drawn.flatMap((s) => s.points.map((p) => p[0]));
  const t0 = Math.min(...times);
  const t1 = Math.max(t0 + 1, ...times);
  const top = Math.max(1, ...drawn.map((s) => s.peak));
  const { width, height, left, right, top: padTop, bottom } = CHART;
  const x = (t) => (left + ((t - t0) / (t1 - t0)) * (width - left - right)).toFixed(1);
  const y = (v) => (padTop + (1 - v / top) * (height - padTop - bottom)).toFixed(1);
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', role: 'img' },
    svg('title', {}, `${drawn.map((s) => s.name).join(', ')} from ${formatClock(t0)} to ${formatClock(t1)}`),
    svg('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), class: 'axis' }),
    svg('line', { x1: left, y1: y(top), x2: width - right, y2: y(top), class: 'grid' }),
    svg('text', { x: left - 6, y: y(0), class: 'label-y' }, formatValue(0)),
    svg('text', { x: left - 6, y: y(top), class: 'label-y' }, formatValue(top)),
    svg('text', { x: left, y: height - 4, class: 'label-x' }, formatClock(t0)),
    svg('text', { x: width - right, y: height - 4, class: 'label-x end' }, formatClock(t1)),
    ...drawn.flatMap((s, i) => {
      const last = s.points[s.points.length - 1];
      return [
        svg('polyline', {
          class: `series series-${i}`,
          'data-series': s.name,
          points: s.points.map(([t, v]) => `${x(t)},${y(v)}`).join(' '),
        }),
        svg('circle', { class: `dot series-${i}`, cx: x(last[0]), cy: y(last[1]), r: 2.5 }),
      ];
    }),
  );
  const legend = el(
    'ul',
    { class: 'legend' },
    ...drawn.map((s, i) =>
      el(
        'li',
        { 'data-series': s.name },
        el('span', { class: `swatch series-${i}` }),
        `${s.name}: ${formatValue(s.points[s.points.length - 1][1])}`,
      ),
    ),
  );
  const hidden = series.filter((s) => s.points.length > 0).length - drawn.length;
  root.replaceChildren(
    chart,
    legend,
    ...(hidden > 0 ? [el('p', { class: 'muted' }, `${hidden} more with lower values: see the table`)] : []),
  );
}

/** Series by name from the samples: `pick(sample)` gives [[name, value], ...] for one sample. */
function seriesOf(samples, pick) {
  const byName = new Map();
  for (const sample of samples) {
    const t = Date.parse(sample.at);
    for (const [name, value] of pick(sample)) {
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push([t, value]);
    }
  }
  return [...byName.entries()].map(([name, points]) => ({ name, points }));
}

function renderHistory(history) {
  const { samples } = history;
  drawChart(
    'chart-backlog',
    seriesOf(samples, (s) => s.slots.map((slot) => [`slot ${slot.slot}`, slot.backlog])),
    formatCount,
  );
  drawChart(
    'chart-oldest',
    seriesOf(samples, (s) => (s.backlog === null ? [] : [['oldest unpublished', s.oldestAgeMs ?? 0]])),
    (ms) => (ms === 0 ? '0' : formatAge(ms)),
  );
  drawChart(
    'chart-lag',
    seriesOf(samples, (s) => s.groups.map((g) => [g.groupId, g.lag])),
    formatCount,
  );
}

function tailStateText(view) {
  if (view.state === 'off') return 'the tail is turned off on this console';
  if (view.state === 'failed') return `could not tail: ${view.error?.message ?? 'unknown error'}`;
  if (view.state === 'starting') return 'starting the tail…';
  const missing = view.missingTopics.length > 0 ? ` · not found: ${view.missingTopics.join(', ')}` : '';
  if (view.topics.length === 0) return `none of the catalog's topics exists${missing}`;
  return (
    `tailing ${view.topics.join(', ')} since ${formatTime(view.since)} ` +
    `(read_committed, the last ${TAIL_KEEP} events)${missing}`
  );
}

function renderTail() {
  const chosen = $('tail-type').value;
  const types = [...state.tail.types].sort();
  $('tail-type').replaceChildren(
    el('option', { value: '' }, 'all'),
    ...types.map((t) => el('option', { value: t }, t)),
  );
  $('tail-type').value = types.includes(chosen) ? chosen : '';
  const shown = state.tail.events.filter((e) => !chosen || e.type === chosen).reverse();
  replaceRows(
    $('tail-rows'),
    shown.map((e) => {
      const headers = Object.entries(e.headers);
      return el(
        'tr',
        { 'data-tail-seq': e.seq, 'data-type': e.type ?? '', 'data-key': e.key ?? '', 'data-topic': e.topic },
        el('td', {}, formatTime(e.timestamp)),
        el('td', {}, e.type ?? '—'),
        el('td', {}, e.topic),
        el('td', { class: 'num' }, `${e.partition}@${e.offset}`),
        el('td', {}, e.key ?? '—'),
        el(
          'td',
          {},
          el(
            'details',
            {},
            el('summary', {}, `${headers.length} headers`),
            el('pre', {}, headers.map(([name, value]) => `${name}: ${value}`).join('\n')),
          ),
        ),
        e.error
          ? el(
              'td',
              { class: 'warn', 'data-field': 'error' },
              `${e.error.code ? `${e.error.code}: ` : ''}${e.error.message}`,
            )
          : el('td', {}, el('pre', { 'data-field': 'payload' }, JSON.stringify(e.payload, null, 2))),
      );
    }),
    chosen ? `no ${chosen} event yet` : 'no event published since the tail started',
    7,
  );
}

async function refreshTail() {
  let wait = TAIL_REFRESH_MS;
  try {
    const view = await api(`/api/tail?after=${state.tail.after}`);
    $('tail-state').textContent = tailStateText(view);
    $('tail-state').dataset.state = view.state;
    if (view.events.length > 0) {
      state.tail.events.push(...view.events);
      state.tail.events.splice(0, Math.max(0, state.tail.events.length - TAIL_KEEP));
      for (const e of view.events) if (e.type) state.tail.types.add(e.type);
      state.tail.after = view.last;
      renderTail();
    }
    if (view.state === 'off') return;
    if (view.state === 'failed') wait = REFRESH_MS;
  } catch (error) {
    $('tail-state').textContent = `tail refresh failed: ${error.message}`;
    $('tail-state').dataset.state = 'failed';
    wait = REFRESH_MS;
  }
  state.tail.timer = setTimeout(refreshTail, wait);
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
    renderHistory(await api('/api/history'));
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
$('tail-type').addEventListener('change', renderTail);
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
renderTail();
refreshTail();
