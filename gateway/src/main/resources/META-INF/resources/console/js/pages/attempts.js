/** The attempt log as a table, shared by the target and person pages. */
import { badge, h, table } from '../dom.js';
import { time } from '../format.js';

export function attemptsTable(attempts, caption, withTarget = false) {
  return table(caption,
    ['When', ...(withTarget ? ['Target'] : []), 'Subject', 'Request', { label: 'Status', class: 'num' },
      { label: 'Latency', class: 'num' }, 'Outcome', 'Excerpts'],
    attempts.map(a => ({
      attrs: { 'data-attempt-id': a.id, 'data-outcome': a.outcome },
      cells: [
        time(a.attemptedAt),
        ...(withTarget ? [a.targetId] : []),
        a.subjectId,
        `${a.method} ${a.path}`,
        { value: a.status > 0 ? a.status : 'none', class: 'num' },
        { value: `${a.latencyMillis} ms`, class: 'num' },
        badge(String(a.outcome), String(a.outcome).toUpperCase()),
        excerpts(a),
      ],
    })),
    'No attempts recorded.');
}

function excerpts(a) {
  if (!a.requestExcerpt && !a.responseExcerpt) return '–';
  return h('details', {},
    h('summary', {}, 'Show'),
    a.requestExcerpt ? [h('div', { class: 'subtle' }, 'Request'), h('pre', { class: 'excerpt' }, a.requestExcerpt)] : null,
    a.responseExcerpt ? [h('div', { class: 'subtle' }, 'Response'), h('pre', { class: 'excerpt' }, a.responseExcerpt)] : null);
}
