/**
 * Element building without innerHTML: every value reaches the page as text, so nothing the API
 * returns (usernames, error messages, response excerpts from remote apps) can inject markup.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A table with a caption and column headers; {@code rows} are arrays of cells (a cell may be a node or {value, class}). */
export function table(caption, headers, rows, emptyText = 'Nothing to show.') {
  if (rows.length === 0) return h('p', { class: 'empty' }, emptyText);
  return h('div', { class: 'table-scroll' },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map(head => typeof head === 'string'
        ? h('th', { scope: 'col' }, head)
        : h('th', { scope: 'col', class: head.class }, head.label)))),
      h('tbody', {}, rows.map(row => h('tr', row.attrs || {}, (row.cells || row).map(cell =>
        cell && typeof cell === 'object' && !(cell instanceof Node) && 'value' in cell
          ? h('td', { class: cell.class }, cell.value)
          : h('td', {}, cell)))))));
}

export function badge(text, kind = text) {
  return h('span', { class: 'badge ' + kind }, text);
}

export function card(label, value) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

/** A labelled input for the filter forms. */
export function field(label, input) {
  return h('label', {}, label, input);
}

/** Replaces an element's children; like h(), it skips null, false and undefined (replaceChildren would print "null"). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
