/** Overview: one row per target, refreshed every few seconds without reloading the page. */
import { ApiError, get } from '../api.js';
import { badge, h, table, fill } from '../dom.js';
import { age, ago, number, plural, stateLabel, stateName } from '../format.js';

export const REFRESH_MS = 5000;
/** Performance mark set when the first overview data is on screen (read by the first-paint benchmark). */
export const DATA_SHOWN = 'switchboard:overview-data-shown';

export async function render(ctx) {
  const body = h('div', { id: 'overview-table' });
  const updated = h('span', { class: 'subtle', id: 'overview-updated' });
  fill(ctx.main, 
    h('h1', {}, 'Overview'),
    h('div', { class: 'toolbar' }, h('span', { class: 'subtle' }, `Refreshes every ${REFRESH_MS / 1000} s.`), updated),
    body);
  const refresh = async () => {
    try {
      const data = await loadOverview();
      if (!ctx.isCurrent()) return;
      replaceKeepingFocus(body, h('div', {}, summary(data.targets), rows(data.targets)));
      if (!performance.getEntriesByName(DATA_SHOWN).length) performance.mark(DATA_SHOWN);
      updated.textContent = `Updated ${new Date(data.generatedAt || Date.now()).toLocaleTimeString()}`;
      ctx.status('');
    } catch (e) {
      ctx.status(`Overview not refreshed: ${ctx.describe(e)}`, true);
    }
  };
  await refresh();
  ctx.every(REFRESH_MS, refresh);
}

/** GET /api/v1/overview; a gateway without it answers from the older per-target status list. */
async function loadOverview() {
  try {
    return await get('/api/v1/overview');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const targets = await get('/api/v1/delivery/targets');
    return { generatedAt: new Date().toISOString(), targets: targets.map(fromDeliveryStatus) };
  }
}

export function fromDeliveryStatus(t) {
  const error = t.lastError;
  return {
    targetId: t.targetId, name: t.displayName, state: t.state, backlog: t.backlog, deadLetters: t.deadLetters,
    oldestPendingAgeSeconds: t.oldestPendingAgeSeconds, succeededLastHour: t.succeededLastHour,
    failedLastHour: t.failedLastHour, lastSuccessAt: t.lastSuccess?.attemptedAt || null,
    lastError: error ? { at: error.attemptedAt, message: attemptInWords(error) } : null,
  };
}

export function attemptInWords(a) {
  const answer = a.status > 0 ? `answered ${a.status}` : 'did not answer';
  return `${a.method} ${a.path} ${answer} (${String(a.outcome).toLowerCase()})`;
}

function rows(targets) {
  const sorted = [...targets].sort((a, b) => severity(b.state) - severity(a.state) || String(a.name).localeCompare(b.name));
  return table(`${plural(targets.length, 'target', 'targets')}, worst first`,
    ['Target', 'State', { label: 'Backlog', class: 'num' }, { label: 'Dead letters', class: 'num' },
      { label: 'Oldest pending', class: 'num' }, { label: 'OK / failed (1 h)', class: 'num' }, 'Last success', 'Last error'],
    sorted.map(t => ({
      attrs: { 'data-target-id': t.targetId, 'data-state': stateName(t.state) },
      cells: [
        h('a', { href: `#/targets/${encodeURIComponent(t.targetId)}`, 'data-key': `target-${t.targetId}` }, t.name || t.targetId),
        badge(stateLabel(t.state), stateName(t.state)),
        { value: number(t.backlog), class: 'num' },
        { value: number(t.deadLetters), class: 'num' },
        { value: age(t.oldestPendingAgeSeconds), class: 'num' },
        { value: `${number(t.succeededLastHour)} / ${number(t.failedLastHour)}`, class: 'num' },
        ago(t.lastSuccessAt),
        { value: t.lastError ? `${t.lastError.message} · ${ago(t.lastError.at)}` : 'none', class: 'wrap' },
      ],
    })),
    'No targets are configured yet.');
}

/** One line that answers "is everything in sync?" before any row is read. */
function summary(targets) {
  const byState = {};
  targets.forEach(t => { byState[stateName(t.state)] = (byState[stateName(t.state)] || 0) + 1; });
  const sum = field => targets.reduce((acc, t) => acc + (t[field] || 0), 0);
  return h('p', { id: 'overview-summary' },
    ['HEALTHY', 'DEGRADED', 'CIRCUIT_OPEN', 'PAUSED'].map(state =>
      h('span', { class: 'summary-item' }, badge(stateLabel(state), state), ` ${number(byState[state] || 0)}`)),
    h('span', { class: 'summary-item' }, `Backlog ${number(sum('backlog'))}`),
    h('span', { class: 'summary-item' }, `Dead letters ${number(sum('deadLetters'))}`));
}

function severity(state) {
  return { CIRCUIT_OPEN: 3, DEGRADED: 2, PAUSED: 1 }[stateName(state)] || 0;
}

/** A live refresh must not throw the keyboard user's focus back to the top of the page. */
export function replaceKeepingFocus(container, content) {
  const key = document.activeElement?.dataset?.key;
  fill(container, content);
  if (key) container.querySelector(`[data-key="${CSS.escape(key)}"]`)?.focus();
}
