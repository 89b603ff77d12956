// Building the page from data without ever parsing data as HTML: every text goes in through
// textContent or an attribute, so a build's branch or a log line cannot become markup.

/** An element: h('td', {class: 'x', dataset: {field: 'name'}}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Puts these children in place of what the element held. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function badge(status) {
  return h('span', {class: 'badge s-' + String(status), dataset: {status}}, status);
}

/** "3m 20s", "2h 5m": how long, from seconds. */
export function span(seconds) {
  if (seconds === null || seconds === undefined || seconds < 0) return '—';
  const s = Math.floor(seconds);
  if (s < 60) return s + 's';
  if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
  if (s < 86400) return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
  return Math.floor(s / 86400) + 'd ' + Math.floor((s % 86400) / 3600) + 'h';
}

/** "12s ago", from Unix seconds. */
export function ago(unixSeconds) {
  if (!unixSeconds) return '—';
  return span(Date.now() / 1000 - unixSeconds) + ' ago';
}

export function time(unixSeconds) {
  return unixSeconds ? new Date(unixSeconds * 1000).toLocaleString() : '—';
}

export function bytes(n) {
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = -1;
  do { v /= 1024; i++; } while (v >= 1024 && i < units.length - 1);
  return v.toFixed(v < 10 ? 1 : 0) + ' ' + units[i];
}

/** A table whose rows collapse into labelled lines on a phone. */
export function table(columns, rows, empty) {
  const body = h('tbody');
  if (rows.length === 0) {
    body.append(h('tr', {}, h('td', {colspan: columns.length, class: 'muted'}, empty)));
  }
  for (const row of rows) {
    const tr = h('tr', row.attrs || {});
    row.cells.forEach((cell, i) => tr.append(h('td', {'data-label': columns[i]}, cell)));
    body.append(tr);
  }
  return h('div', {class: 'table-wrap'},
    h('table', {class: 'stack'}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))), body));
}

export function link(href, text, attrs) {
  return h('a', Object.assign({href}, attrs || {}), text);
}

/** Route hash for a path and query: route('builds', {project: 'p'}) is "#/builds?project=p". */
export function route(path, query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v) q.set(k, v);
  const s = q.toString();
  return '#/' + path + (s ? '?' + s : '');
}
