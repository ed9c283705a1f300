/** People: find a person by username or email prefix, or by the identity provider they came from. */
import { get } from '../api.js';
import { badge, field, h, table, fill } from '../dom.js';
import { plural } from '../format.js';

const PAGE = 50;

export async function render(ctx) {
  const q = ctx.query.get('q') || '';
  const idp = ctx.query.get('idp') || '';
  const qInput = h('input', { type: 'search', name: 'q', id: 'people-q', value: q, autocomplete: 'off', placeholder: 'alice or alice@example.org' });
  const idpInput = h('input', { type: 'text', name: 'idp', id: 'people-idp', value: idp, placeholder: 'corp-saml' });
  const results = h('div', { id: 'people-results' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find people' },
    field('Username or email starts with', qInput),
    field('Identity provider', idpInput),
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (qInput.value.trim()) params.set('q', qInput.value.trim());
    if (idpInput.value.trim()) params.set('idp', idpInput.value.trim());
    location.hash = `#/people?${params}`;
  });
  fill(ctx.main, h('h1', {}, 'People'), form, results);
  if (!q && !idp) {
    fill(results, h('p', { class: 'subtle' }, 'Search by the start of a username or email address, or by identity provider.'));
    qInput.focus();
    return;
  }
  const people = [];
  const more = h('button', { type: 'button', id: 'people-more' }, 'Load more');
  const load = async cursor => {
    const page = await get('/api/v1/people', { q, idp, limit: PAGE, cursor });
    people.push(...page.people);
    fill(results, 
      table(`${plural(people.length, 'person', 'people')}${page.nextCursor ? ' so far' : ''}`, ['Username', 'Name', 'Email', 'Identity providers', 'Source', 'Account'],
        people.map(p => ({
          attrs: { 'data-subject-id': p.subjectId },
          cells: [
            h('a', { href: `#/people/${encodeURIComponent(p.sourceId)}/${encodeURIComponent(p.subjectId)}` }, p.userName || p.subjectId),
            p.displayName || '–', p.email || '–', (p.idps || []).join(', ') || '–', p.sourceId,
            p.active === false ? badge('disabled', 'idle') : badge('active', 'ok'),
          ],
        })), 'Nobody matches.'),
      page.nextCursor ? more : null);
    more.onclick = () => load(page.nextCursor).catch(e => ctx.status(ctx.describe(e), true));
  };
  await load(undefined);
}
