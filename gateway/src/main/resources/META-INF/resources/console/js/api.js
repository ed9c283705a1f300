/**
 * The admin API as the console uses it. The console holds no credentials of its own: calls ride on
 * the session cookie set by the OIDC sign-in, and every state-changing call carries the CSRF token
 * that GET /api/v1/me bound to that session.
 */

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let session = null;
const RELOADED_AT = 'switchboard.console.reloadedAt';

/** Who is signed in, with roles and CSRF token; fetched once per page load. */
export async function me() {
  if (!session) session = await call('GET', '/api/v1/me');
  return session;
}

export function isAdmin(who) {
  return (who?.roles || []).includes('switchboard-admin');
}

export function get(path, params) {
  return call('GET', path, params);
}

export function post(path, params, body) {
  return call('POST', path, params, body);
}

export function del(path, params) {
  return call('DELETE', path, params);
}

/** Path segments from the API (ids chosen by remote systems) are escaped, never trusted. */
export function path(template, ...values) {
  return template.replace(/\{\}/g, () => encodeURIComponent(values.shift()));
}

async function call(method, url, params, body) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') query.append(key, value);
  }
  // Marks the call as the console's script: with a session that ran out, the gateway answers 499
  // instead of redirecting a fetch to a login page it cannot follow.
  const headers = { Accept: 'application/json', 'X-Requested-With': 'JavaScript' };
  if (method !== 'GET') {
    const token = session?.csrfToken;
    if (token) headers['X-Switchboard-CSRF'] = token;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(query.toString() ? `${url}?${query}` : url, {
    method, headers, credentials: 'same-origin', redirect: 'manual',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 499) {
    // The sign-in session ended: a page load starts the OIDC code flow again. Only once a
    // minute, so a server that keeps refusing shows an error instead of reloading forever.
    const last = Number(sessionStorage.getItem(RELOADED_AT) || 0);
    if (Date.now() - last > 60000) {
      sessionStorage.setItem(RELOADED_AT, String(Date.now()));
      window.location.reload();
      throw new ApiError(401, { detail: 'Signed out; signing in again…' });
    }
    throw new ApiError(401, { detail: 'Not signed in (the gateway refused the session)' });
  }
  const text = await response.text();
  const data = text ? parseJson(text, response) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Errors are problem+json; anything else (an HTML error page of a proxy) is named, not shown. */
function parseJson(text, response) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return { detail: `${response.statusText || 'unexpected answer'} from ${new URL(response.url).pathname}` };
  }
}
