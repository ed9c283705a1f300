/**
 * The console shell: a hash router over the pages, the signed-in user, one status line, and the
 * timers of the page on screen (stopped on every navigation so a page never refreshes behind
 * another one).
 */
import { ApiError, isAdmin, me } from './api.js';
import * as overview from './pages/overview.js';
import * as target from './pages/target.js';
import * as people from './pages/people.js';
import * as person from './pages/person.js';
import * as events from './pages/events.js';
import * as audit from './pages/audit.js';

const routes = [
  { pattern: /^\/?(overview)?$/, page: overview, section: 'overview' },
  { pattern: /^\/targets\/([^/]+)$/, page: target, section: 'overview' },
  { pattern: /^\/people$/, page: people, section: 'people' },
  { pattern: /^\/people\/([^/]+)\/([^/]+)$/, page: person, section: 'people' },
  { pattern: /^\/events$/, page: events, section: 'events' },
  { pattern: /^\/audit$/, page: audit, section: 'audit' },
];

const main = document.getElementById('main');
const statusLine = document.getElementById('status');
let timers = [];
let navigation = 0;
let firstRender = true;

export function status(message, error = false) {
  statusLine.textContent = message || '';
  statusLine.classList.toggle('error', Boolean(error && message));
}

/** Words for a failed call, including what a refused admin action means for the person at the screen. */
export function describe(error) {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Refused (403): ${error.message}. This needs the switchboard-admin role.`;
    return `${error.message} (HTTP ${error.status})`;
  }
  return String(error?.message || error);
}

async function route() {
  const current = ++navigation;
  timers.forEach(clearInterval);
  timers = [];
  const [pathPart, queryPart] = (location.hash.replace(/^#/, '') || '/overview').split('?');
  const match = routes.map(r => ({ r, m: pathPart.match(r.pattern) })).find(x => x.m);
  document.querySelectorAll('nav a[data-section]').forEach(a => {
    if (match && a.dataset.section === match.r.section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  status('');
  if (!match) {
    main.replaceChildren(document.createTextNode('No such page.'));
    return;
  }
  const who = await me();
  const ctx = {
    main,
    who,
    admin: isAdmin(who),
    params: match.m.slice(1).map(p => p && decodeURIComponent(p)),
    query: new URLSearchParams(queryPart || ''),
    status,
    describe,
    /** Runs fn every ms milliseconds while this page is on screen. */
    every(ms, fn) {
      timers.push(setInterval(() => { if (current === navigation) fn(); }, ms));
    },
    isCurrent: () => current === navigation,
  };
  try {
    await match.r.page.render(ctx);
    if (!firstRender) {
      const heading = main.querySelector('h1');
      if (heading) { heading.tabIndex = -1; heading.focus(); }
    }
    document.title = `${main.querySelector('h1')?.textContent || 'Console'} · Switchboard`;
  } catch (e) {
    status(describe(e), true);
  }
  firstRender = false;
}

async function start() {
  try {
    const who = await me();
    const roles = isAdmin(who) ? 'admin' : 'viewer';
    document.getElementById('who').textContent = `Signed in as ${who.user} (${roles})`;
  } catch (e) {
    status(`Cannot load the session: ${describe(e)}`, true);
    return;
  }
  window.addEventListener('hashchange', route);
  await route();
}

start();
