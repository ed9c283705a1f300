/** How times, ages and states read on screen. Times come from the API as ISO-8601 UTC. */

export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  return seconds < 0 ? 'just now' : age(seconds) + ' ago';
}

export function age(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}

/** Local wall-clock time with the UTC value in the tooltip. */
export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  const el = document.createElement('time');
  el.dateTime = iso;
  el.title = iso;
  el.textContent = d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
  return el;
}

export function number(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString();
}

/** The API has said both "circuit-open" and "CIRCUIT_OPEN"; the console shows one vocabulary. */
export function stateName(state) {
  return String(state || 'UNKNOWN').toUpperCase().replace(/-/g, '_');
}

export function stateLabel(state) {
  return {
    HEALTHY: 'Healthy', DEGRADED: 'Degraded', CIRCUIT_OPEN: 'Circuit open', PAUSED: 'Paused',
  }[stateName(state)] || stateName(state);
}

/** An HTML datetime-local value (local time) as ISO-8601 UTC, or undefined when empty. */
export function localInputToIso(value) {
  return value ? new Date(value).toISOString() : undefined;
}

/** "1 entry", "3 entries". */
export function plural(n, one, many) {
  return `${number(n)} ${n === 1 ? one : many}`;
}
