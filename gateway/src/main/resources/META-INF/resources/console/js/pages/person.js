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
  const names = {};
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
      fill(provisionResult, h('h2', {}, 'Provision now: result'), (result.results || []).map(r => h('div', { class: 'steps', 'data-target-id': r.targetId },
        h('h3', {}, `${names[r.targetId] || r.targetId} `, badge(r.status, PROVISION_STATUS[r.status] || 'idle')),
        r.message ? h('p', {}, r.message) : null,
        (r.steps || []).length === 0 && r.message ? null : table(`Steps run for ${names[r.targetId] || r.targetId}`, ['Step', 'Request', { label: 'Status', class: 'num' }, 'Outcome', 'Message'],
          (r.steps || []).map(s => [s.step, s.method ? `${s.method} ${s.path}` : '–', { value: s.status || '–', class: 'num' },
            badge(String(s.outcome), String(s.outcome).toUpperCase()), { value: s.message || '', class: 'wrap' }]),
          r.status === 'done' ? 'Nothing to send: the app already has this state.' : 'No call was made.'))));
      await load();
    } catch (err) {
      fill(provisionResult);
      ctx.status(`Provision now failed: ${ctx.describe(err)}`, true);
    } finally {
      button.disabled = false;
    }
  }

  /** A dead letter is retried here too, without a detour through the target's page. */
  function deadLetterCell(t) {
    const words = h('span', {}, badge('yes', 'bad'), t.lastError ? ` ${t.lastError}` : '');
    if (!ctx.admin || t.taskId === null || t.taskId === undefined) return words;
    return h('span', { class: 'toolbar' }, words, h('button', { type: 'button', class: 'retry', 'aria-label': `Retry delivery to ${t.name || t.targetId}`,
      onclick: async () => {
        try {
          await post(path('/api/v1/delivery/dead-letters/{}/retry', t.taskId));
          ctx.status(`Delivery to ${t.name || t.targetId} queued again.`);
          await load();
        } catch (err) {
          ctx.status(`Retry failed: ${ctx.describe(err)}`, true);
        }
      } }, 'Retry'));
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
    perTarget.forEach(t => { names[t.targetId] = t.name || t.targetId; });
    fill(targets, table('Where this person is provisioned', ['App', 'In scope', 'Remote id', 'Account there', 'Pending', 'Dead letter'],
      perTarget.map(t => ({
        attrs: { 'data-target-id': t.targetId },
        cells: [h('a', { href: `#/targets/${encodeURIComponent(t.targetId)}` }, t.name || t.targetId),
          t.inScope ? 'yes' : 'no', t.remoteId || '–',
          badge(accountLabel(t.state), String(t.state || 'NOT_PROVISIONED').toUpperCase()),
          t.pending ? (t.lastError ? `yes, last try failed: ${t.lastError}` : 'yes') : 'no',
          t.deadLetter ? deadLetterCell(t) : 'no'],
      })), 'No apps are configured.'));
    const lastAttempts = perTarget.flatMap(t => (t.lastAttempts || []).map(a => ({ ...a, targetId: t.name || t.targetId })));
    fill(attempts, attemptsTable(lastAttempts, 'Newest first, per app', true));
    fill(events, table('Events received for this person', ['Received', 'Type', { label: 'Seq', class: 'num' }, 'Channel', 'jti'],
      (person.events || []).map(ev => [time(ev.receivedAt), shortType(ev.type), { value: ev.seq, class: 'num' }, ev.channel || '–',
        { value: ev.jti, class: 'wrap' }]), 'No events stored.'));
  }

  await load();
}

/** done: delivered or nothing to change; failed: dead letter or retry scheduled; paused; pending: still running. */
const PROVISION_STATUS = { done: 'ok', failed: 'bad', paused: 'idle', pending: 'warn' };

function accountLabel(state) {
  return { ACTIVE: 'active', DEACTIVATED: 'deactivated', DELETED: 'deleted' }[state] || 'not provisioned';
}

/** urn:ietf:params:scim:event:prov:create:full reads as "prov:create:full". */
export function shortType(type) {
  return String(type || '').replace(/^urn:ietf:params:scim:event:/, '');
}
