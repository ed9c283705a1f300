/** Audit: every admin action, who did it, to what, and how it ended. Newest first. */
import { get } from '../api.js';
import { badge, h, table, fill } from '../dom.js';
import { plural, time } from '../format.js';

export async function render(ctx) {
  const list = h('div', { id: 'audit-list' });
  fill(ctx.main, h('h1', {}, 'Audit'), h('p', { class: 'subtle' }, 'Every admin action, through the console or the API.'), list);
  const shown = [];
  const more = h('button', { type: 'button', id: 'audit-more' }, 'Load older');
  const load = async before => {
    const page = await get('/api/v1/audit', { limit: 100, before });
    shown.push(...page.entries);
    fill(list, 
      table(plural(shown.length, 'entry', 'entries'), ['When', 'Who', 'Action', 'Object', 'Outcome', 'Details'],
        shown.map(e => [time(e.at), e.actor, e.action, e.object,
          badge(String(e.outcome), { succeeded: 'ok', rejected: 'warn' }[e.outcome] || 'bad'),
          { value: typeof e.details === 'string' ? e.details : JSON.stringify(e.details ?? ''), class: 'wrap' }]),
        'No admin actions recorded yet.'),
      page.entries.length === 100 ? more : null);
    more.onclick = () => load(shown[shown.length - 1].at).catch(err => ctx.status(ctx.describe(err), true));
  };
  await load(undefined);
}
