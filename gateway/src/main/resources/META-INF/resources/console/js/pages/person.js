/**
 * One person across every target: where they are provisioned, under which remote id, what is
 * pending, their last events and attempts, and "provision now" with each step's result.
 */
import { get, path, post } from '../api.js';
import { badge, card, h, table, fill } from '../dom.js';
import { time } from '../format.js';
import { attemptsTable } from './attempts.js';

export async function render(ctx) {
  const [sourceId, subjectId] = ctx.params;
  const heading = h('h1', {}, subjectId);
  const facts = h('div', { id: 'person-facts' });
  const actions = h('div', { class: 'toolbar' });
  const provisionResult = h('div', { id: 'provision-result', 'aria-live': 'polite' });
  const targets = h('div', { id: 'person-targets' });
  const events = h('div', { id: 'person-events' });
  const attempts = h('div', { id: 'person-attempts' });
  fill(ctx.main, 
    h('p', { class: 'subtle' }, h('a', { href: '#/people' }, '← People')),
    heading, facts, actions, provisionResult,
    h('h2', {}, 'Apps'), targets,
    h('h2', {}, 'Last attempts per app'), attempts,
    h('h2', {}, 'Last events'), events);

  if (ctx.admin) {
    actions.append(h('button', { type: 'button', class: 'primary', id: 'provision-now', onclick: provision }, 'Provision now'));
  }

  async function provision(e) {
    const button = e.currentTarget;
    button.disabled = true;
    fill(provisionResult, h('p', { class: 'subtle' }, 'Provisioning…'));
    try {
      const result = await post(path('/api/v1/people/{}/{}/provision', sourceId, subjectId));
      fill(provisionResult, h('h2', {}, 'Provision now: result'), ...(result.results || []).map(r => h('div', { class: 'steps' },
        h('h3', {}, r.targetId),
        table(`Steps run for ${r.targetId}`, ['Step', 'Request', { label: 'Status', class: 'num' }, 'Outcome', 'Message'],
          (r.steps || []).map(s => [s.step, s.method ? `${s.method} ${s.path}` : '–', { value: s.status ?? '–', class: 'num' },
            badge(String(s.outcome), String(s.outcome).toUpperCase()), { value: s.message || '', class: 'wrap' }]),
          'Nothing to do: the app already has this state.'))));
      await load();
    } catch (err) {
      fill(provisionResult);
      ctx.status(`Provision now failed: ${ctx.describe(err)}`, true);
    } finally {
      button.disabled = false;
    }
  }

  async function load() {
    const person = await get(path('/api/v1/people/{}/{}', sourceId, subjectId));
    heading.textContent = person.displayName ? `${person.displayName} (${person.userName})` : person.userName || subjectId;
    fill(facts, h('div', { class: 'cards' },
      card('Username', person.userName || '–'),
      card('Email', person.email || '–'),
      card('Identity providers', (person.idps || []).join(', ') || 'none'),
      card('Source', person.sourceId),
      card('Account', person.active === false ? 'disabled' : 'active')));
    const perTarget = person.targets || [];
    fill(targets, table('Where this person is provisioned', ['App', 'In scope', 'Remote id', 'State', 'Pending', 'Dead letter'],
      perTarget.map(t => ({
        attrs: { 'data-target-id': t.targetId },
        cells: [h('a', { href: `#/targets/${encodeURIComponent(t.targetId)}` }, t.targetId),
          t.inScope ? 'yes' : 'no', t.remoteId || '–',
          t.state ? badge(String(t.state), String(t.state).toUpperCase()) : 'not provisioned',
          yesNo(t.pending), t.deadLetter ? badge('yes', 'bad') : 'no'],
      })), 'No apps are configured.'));
    const lastAttempts = perTarget.flatMap(t => (t.lastAttempts || []).map(a => ({ targetId: t.targetId, ...a })));
    fill(attempts, attemptsTable(lastAttempts, 'Newest first, per app', true));
    fill(events, table('Events received for this person', ['Received', 'Type', { label: 'Seq', class: 'num' }, 'Channel', 'jti'],
      (person.events || []).map(ev => [time(ev.receivedAt), shortType(ev.type), { value: ev.seq, class: 'num' }, ev.channel || '–',
        { value: ev.jti, class: 'wrap' }]), 'No events stored.'));
  }

  await load();
}

function yesNo(value) {
  if (!value) return 'no';
  return typeof value === 'object' ? `yes (${String(value.status || '').toLowerCase() || 'queued'})` : 'yes';
}

/** urn:ietf:params:scim:event:prov:create:full reads as "prov:create:full". */
export function shortType(type) {
  return String(type || '').replace(/^urn:ietf:params:scim:event:/, '');
}
