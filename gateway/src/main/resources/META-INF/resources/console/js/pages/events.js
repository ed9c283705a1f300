/** Events: the incoming event stream, newest first, filtered by realm, type, subject and time. */
import { get } from '../api.js';
import { badge, field, h, table, fill } from '../dom.js';
import { localInputToIso, plural, time } from '../format.js';
import { REFRESH_MS, replaceKeepingFocus } from './overview.js';
import { shortType } from './person.js';

const FILTERS = ['realm', 'type', 'subject', 'since', 'until'];

export async function render(ctx) {
  const inputs = {
    realm: h('input', { type: 'text', name: 'realm', id: 'events-realm', placeholder: 'hub' }),
    type: h('select', { name: 'type', id: 'events-type' },
      h('option', { value: '' }, 'any'),
      ['create', 'put', 'delete'].map(t => h('option', { value: t }, t))),
    subject: h('input', { type: 'text', name: 'subject', id: 'events-subject', placeholder: 'subject id' }),
    since: h('input', { type: 'datetime-local', name: 'since', id: 'events-since', step: 1 }),
    until: h('input', { type: 'datetime-local', name: 'until', id: 'events-until', step: 1 }),
  };
  for (const name of FILTERS) inputs[name].value = ctx.query.get(name) || '';
  const form = h('form', { class: 'filters', 'aria-label': 'Filter events' },
    field('Realm', inputs.realm), field('Type', inputs.type), field('Subject', inputs.subject),
    field('Received from (local time)', inputs.since), field('Received until (local time)', inputs.until),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const name of FILTERS) if (inputs[name].value.trim()) params.set(name, inputs[name].value.trim());
    location.hash = `#/events?${params}`;
  });
  const list = h('div', { id: 'events-list' });
  const follow = h('input', { type: 'checkbox', id: 'events-follow', checked: true });
  fill(ctx.main, h('h1', {}, 'Events'), form,
    h('p', {}, h('label', {}, follow, ` Show new events as they arrive (every ${REFRESH_MS / 1000} s)`)), list);

  const filters = {
    realm: ctx.query.get('realm'), type: ctx.query.get('type'), subject: ctx.query.get('subject'),
    since: localInputToIso(ctx.query.get('since')), until: localInputToIso(ctx.query.get('until')),
  };
  const shown = [];
  const more = h('button', { type: 'button', id: 'events-more', 'data-key': 'events-more' }, 'Load older');
  const load = async cursor => {
    const page = await get('/api/v1/events', { ...filters, limit: 100, cursor });
    if (!cursor) shown.length = 0;
    shown.push(...page.events);
    replaceKeepingFocus(list, h('div', {},
      table(`${plural(shown.length, 'event', 'events')}, newest first`, ['Received', 'Realm', 'Type', 'Subject', { label: 'Seq', class: 'num' }, 'Effect', 'Channel'],
        shown.map(ev => [time(ev.receivedAt), ev.sourceId, ev.typeName || shortType(ev.type),
          ev.subjectType && String(ev.subjectType).toUpperCase() === 'USER'
            ? h('a', { href: `#/people/${encodeURIComponent(ev.sourceId)}/${encodeURIComponent(ev.subjectId)}`, 'data-key': `event-${ev.jti}` }, ev.subjectId)
            : `${String(ev.subjectType || '').toLowerCase()} ${ev.subjectId}`,
          { value: ev.seq, class: 'num' }, effect(ev.outcome), ev.channel || '–']),
        'No events match.'),
      page.nextCursor ? more : null));
    more.onclick = () => load(page.nextCursor).catch(e => ctx.status(ctx.describe(e), true));
  };
  await load(undefined);
  // Following re-reads the newest page only while no older page is loaded below it.
  ctx.every(REFRESH_MS, () => {
    if (!follow.checked || shown.length > 100) return;
    load(undefined).catch(e => ctx.status(`Events not refreshed: ${ctx.describe(e)}`, true));
  });
}

/** APPLIED moved the person forward; SUPERSEDED arrived after a newer state and changed nothing. */
export function effect(outcome) {
  if (!outcome) return '–';
  return outcome === 'APPLIED' ? badge('applied', 'ok') : badge(String(outcome).toLowerCase(), 'idle');
}
