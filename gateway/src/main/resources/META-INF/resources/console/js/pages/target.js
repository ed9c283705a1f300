/**
 * One target: its state, backlog and throughput over the last hour, dead letters with retry and
 * discard, recent attempts with their redacted excerpts, and the admin levers.
 */
import { ApiError, del, get, path, post } from '../api.js';
import { seriesChart } from '../chart.js';
import { badge, card, h, table, fill } from '../dom.js';
import { age, ago, number, plural, stateLabel, stateName } from '../format.js';
import { fromDeliveryStatus, replaceKeepingFocus, REFRESH_MS } from './overview.js';
import { attemptsTable } from './attempts.js';

export async function render(ctx) {
  const [targetId] = ctx.params;
  const heading = h('h1', {}, targetId);
  const summary = h('div', { id: 'target-summary' });
  const actions = h('div', { class: 'toolbar', id: 'target-actions' });
  const connection = h('div', { id: 'connection-result', 'aria-live': 'polite' });
  const chart = h('div', { id: 'target-chart' });
  const dead = h('div', { id: 'dead-letters' });
  const attempts = h('div', { id: 'attempts' });
  const selected = new Set();

  fill(ctx.main, 
    h('p', { class: 'subtle' }, h('a', { href: '#/overview' }, '← Overview')),
    heading, summary, actions, connection,
    h('h2', {}, 'Backlog and throughput, last 60 minutes'), chart,
    h('h2', { id: 'dead-letters-heading' }, 'Dead letters'), dead,
    h('h2', {}, 'Recent attempts'), attempts);

  const act = async (label, call) => {
    try {
      const result = await call();
      ctx.status(label);
      await refresh();
      return result;
    } catch (e) {
      ctx.status(`${label.replace(/\.$/, '')} failed: ${ctx.describe(e)}`, true);
      return undefined;
    }
  };

  let shownPaused;
  const renderActions = status => {
    const paused = stateName(status.state) === 'PAUSED';
    if (paused === shownPaused) return; // rebuilt only on change, so a refresh never takes the keyboard focus away
    shownPaused = paused;
    if (!ctx.admin) {
      fill(actions, h('span', { class: 'subtle' }, 'Read-only: actions need the switchboard-admin role.'));
      return;
    }
    fill(actions, 
      paused
        ? h('button', { type: 'button', id: 'resume', onclick: () => act('Delivery resumed.', () => post(path('/api/v1/delivery/targets/{}/resume', targetId))) }, 'Resume delivery')
        : h('button', { type: 'button', id: 'pause', onclick: () => act('Delivery paused.', () => post(path('/api/v1/delivery/targets/{}/pause', targetId))) }, 'Pause delivery'),
      h('button', { type: 'button', id: 'test-connection', onclick: testConnection }, 'Test connection'));
  };

  async function testConnection() {
    fill(connection, h('p', { class: 'subtle' }, 'Testing the connection…'));
    try {
      const result = await post(path('/api/v1/targets/{}/test-connection', targetId));
      fill(connection, 
        h('h2', {}, 'Connection test: ', badge(result.ok ? 'passed' : 'failed', result.ok ? 'ok' : 'bad')),
        table('Checks (nothing is written to the app)', ['Check', 'Result', { label: 'Latency', class: 'num' }, 'Detail'],
          (result.checks || []).map(c => [c.name, badge(c.ok ? 'ok' : 'failed', c.ok ? 'ok' : 'bad'),
            { value: c.latencyMs === undefined || c.latencyMs === null ? '–' : `${c.latencyMs} ms`, class: 'num' },
            { value: c.detail || '', class: 'wrap' }])),
        capabilities(result.capabilities));
    } catch (e) {
      fill(connection);
      ctx.status(`Connection test failed to run: ${ctx.describe(e)}`, true);
    }
  }

  const renderDead = letters => {
    for (const id of [...selected]) if (!letters.some(l => String(l.id) === id)) selected.delete(id);
    const bulk = ctx.admin && letters.length ? h('div', { class: 'toolbar' },
      h('button', { type: 'button', id: 'retry-selected', onclick: () => bulkEach('retried', id => post(path('/api/v1/delivery/dead-letters/{}/retry', id))) }, 'Retry selected'),
      h('button', { type: 'button', class: 'danger', id: 'discard-selected', onclick: () => confirmDiscard(selected.size) && bulkEach('discarded', id => del(path('/api/v1/delivery/dead-letters/{}', id))) }, 'Discard selected'),
      h('button', { type: 'button', id: 'retry-all', onclick: () => act('Every dead letter of this target queued again.', () => post('/api/v1/delivery/dead-letters/retry', { target: targetId })) }, `Retry all ${letters.length}`)) : null;
    const selectAll = h('input', { type: 'checkbox', id: 'select-all', 'data-key': 'select-all', 'aria-label': 'Select every dead letter shown',
      checked: letters.length > 0 && selected.size === letters.length,
      onchange: e => {
        letters.forEach(l => e.target.checked ? selected.add(String(l.id)) : selected.delete(String(l.id)));
        dead.querySelectorAll('tbody input[type=checkbox]').forEach(box => { box.checked = e.target.checked; });
      } });
    const headers = [...(ctx.admin ? [{ label: selectAll, class: 'select' }] : []), 'Subject', { label: 'Attempts', class: 'num' }, 'Waiting since', 'Last error', ...(ctx.admin ? ['Actions'] : [])];
    const rows = letters.map(l => ({
      attrs: { 'data-task-id': l.id, 'data-subject-id': l.subjectId },
      cells: [
        ...(ctx.admin ? [{ class: 'select', value: h('input', { type: 'checkbox', 'data-key': `select-${l.id}`, 'aria-label': `Select ${l.subjectType} ${l.subjectId}`, checked: selected.has(String(l.id)),
          onchange: e => e.target.checked ? selected.add(String(l.id)) : selected.delete(String(l.id)) }) }] : []),
        `${String(l.subjectType).toLowerCase()} ${l.subjectId}`,
        { value: number(l.attempts), class: 'num' },
        ago(l.firstEnqueuedAt),
        { value: l.lastError || '–', class: 'wrap' },
        ...(ctx.admin ? [h('span', { class: 'toolbar' },
          h('button', { type: 'button', class: 'retry', 'data-key': `retry-${l.id}`, 'aria-label': `Retry ${l.subjectId}`,
            onclick: () => act(`Dead letter for ${l.subjectId} queued again.`, () => post(path('/api/v1/delivery/dead-letters/{}/retry', l.id))) }, 'Retry'),
          h('button', { type: 'button', class: 'danger discard', 'data-key': `discard-${l.id}`, 'aria-label': `Discard ${l.subjectId}`,
            onclick: () => confirmDiscard(1) && act(`Dead letter for ${l.subjectId} discarded.`, () => del(path('/api/v1/delivery/dead-letters/{}', l.id))) }, 'Discard'))] : []),
      ],
    }));
    replaceKeepingFocus(dead, h('div', {}, bulk, table(plural(letters.length, 'dead letter', 'dead letters'), headers, rows, 'No dead letters.')));
  };

  async function bulkEach(verb, call) {
    const ids = [...selected];
    if (!ids.length) {
      ctx.status('Select dead letters first.', true);
      return;
    }
    const results = await Promise.allSettled(ids.map(call));
    const failed = results.filter(r => r.status === 'rejected');
    selected.clear();
    ctx.status(failed.length ? `${ids.length - failed.length} ${verb}, ${failed.length} refused: ${ctx.describe(failed[0].reason)}`
      : `${ids.length} dead letters ${verb}.`, failed.length > 0);
    await refresh();
  }

  async function refresh() {
    const [status, letters, recent, series] = await Promise.all([
      get(path('/api/v1/delivery/targets/{}', targetId)),
      get('/api/v1/delivery/dead-letters', { target: targetId, limit: 200 }),
      get(path('/api/v1/delivery/targets/{}/attempts', targetId), { limit: 50 }),
      get(path('/api/v1/targets/{}/series', targetId), { minutes: 60 }).catch(e => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    ]);
    if (!ctx.isCurrent()) return;
    const t = fromDeliveryStatus(status);
    heading.textContent = t.name || targetId;
    fill(summary, h('div', { class: 'cards' },
      card('State', badge(stateLabel(t.state), stateName(t.state))),
      card('Backlog', number(t.backlog)),
      card('Dead letters', number(t.deadLetters)),
      card('Oldest pending', age(t.oldestPendingAgeSeconds)),
      card('OK / failed (1 h)', `${number(t.succeededLastHour)} / ${number(t.failedLastHour)}`),
      card('Last success', ago(t.lastSuccessAt))),
      t.lastError ? h('p', {}, h('strong', {}, 'Last error: '), t.lastError.message, ' · ', ago(t.lastError.at)) : null);
    renderActions(t);
    fill(chart, series
      ? h('div', {}, seriesChart(series.points || [], `Backlog and attempts per minute for ${t.name || targetId}`),
        h('p', { class: 'legend' },
          h('span', {}, h('span', { class: 'swatch', style: 'background:#0a4fb8' }), 'backlog (left axis)'),
          h('span', {}, h('span', { class: 'swatch', style: 'background:#2e8b57' }), 'succeeded per minute'),
          h('span', {}, h('span', { class: 'swatch', style: 'background:#c0392b' }), 'failed per minute')))
      : h('p', { class: 'empty' }, 'This gateway does not offer the time series yet.'));
    renderDead(letters);
    replaceKeepingFocus(attempts, attemptsTable(recent, 'Newest first; excerpts are redacted by the gateway'));
  }

  await refresh();
  ctx.every(REFRESH_MS, () => refresh().catch(e => ctx.status(`Not refreshed: ${ctx.describe(e)}`, true)));
}

function confirmDiscard(count) {
  return window.confirm(`Discard ${count} dead letter(s)? The change will not be delivered unless the person changes again.`);
}

function capability(value) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function capabilities(caps) {
  if (!caps || Object.keys(caps).length === 0) return null;
  return h('p', {}, h('strong', {}, 'The app offers: '),
    Object.entries(caps).map(([name, on]) => `${name} ${capability(on)}`).join(' · '));
}

