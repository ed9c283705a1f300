/**
 * Backlog and throughput over time for one target, drawn as SVG: a line for the backlog (left
 * axis) over bars of succeeded and failed attempts per minute (right axis). Small on purpose: the
 * console loads nothing from outside the gateway.
 */
const NS = 'http://www.w3.org/2000/svg';
const W = 880, H = 220, PAD = { left: 48, right: 48, top: 26, bottom: 28 };

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The axis top: four gridline steps of 1, 2, (2.5,) or 5 times a power of ten, so every label is a whole count. */
function niceMax(value) {
  const quarter = Math.max(value, 4) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(quarter));
  const steps = magnitude >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const step = steps.find(s => s * magnitude >= quarter);
  return 4 * step * magnitude;
}

/** @param points [{at, backlog, succeeded, failed}] one per minute, oldest first */
export function seriesChart(points, title) {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
  const total = points.reduce((acc, p) => ({ ok: acc.ok + p.succeeded, failed: acc.failed + p.failed }), { ok: 0, failed: 0 });
  const last = points.length ? points[points.length - 1].backlog : 0;
  root.append(svg('title', { id: 'chart-title' }, title));
  root.append(svg('desc', { id: 'chart-desc' },
    `${points.length} minutes: ${total.ok} succeeded, ${total.failed} failed; backlog now ${last}.`));

  const plotW = W - PAD.left - PAD.right, plotH = H - PAD.top - PAD.bottom;
  const backlogMax = niceMax(Math.max(0, ...points.map(p => p.backlog)));
  const rateMax = niceMax(Math.max(0, ...points.map(p => p.succeeded + p.failed)));
  const n = Math.max(points.length, 1);
  const slot = plotW / n;
  const x = i => PAD.left + i * slot;
  const yLeft = v => PAD.top + plotH - (v / backlogMax) * plotH;
  const yRight = v => PAD.top + plotH - (v / rateMax) * plotH;

  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + (plotH * i) / 4;
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }));
    root.append(svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end' }, Math.round(backlogMax * (1 - i / 4))));
    root.append(svg('text', { x: W - PAD.right + 6, y: y + 4 }, Math.round(rateMax * (1 - i / 4))));
  }
  root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: PAD.top + plotH, y2: PAD.top + plotH, class: 'axis' }));

  points.forEach((p, i) => {
    const barW = Math.max(1, slot * 0.7);
    const okTop = yRight(p.succeeded);
    if (p.succeeded > 0) root.append(svg('rect', { x: x(i) + (slot - barW) / 2, y: okTop, width: barW, height: PAD.top + plotH - okTop, class: 'ok' }));
    if (p.failed > 0) {
      const failTop = yRight(p.succeeded + p.failed);
      root.append(svg('rect', { x: x(i) + (slot - barW) / 2, y: failTop, width: barW, height: okTop - failTop, class: 'fail' }));
    }
  });
  if (points.length) {
    const line = points.map((p, i) => `${i ? 'L' : 'M'}${(x(i) + slot / 2).toFixed(1)},${yLeft(p.backlog).toFixed(1)}`).join(' ');
    root.append(svg('path', { d: line, class: 'backlog' }));
    const labelEvery = Math.max(1, Math.ceil(points.length / 8));
    points.forEach((p, i) => {
      if (i % labelEvery === 0) {
        const t = new Date(p.at);
        root.append(svg('text', { x: x(i) + slot / 2, y: H - 8, 'text-anchor': 'middle' },
          t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })));
      }
    });
  }
  root.append(svg('text', { x: 4, y: 12 }, 'backlog'));
  root.append(svg('text', { x: W - 4, y: 12, 'text-anchor': 'end' }, 'attempts/min'));
  return root;
}
