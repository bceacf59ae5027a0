import { get, post, enc } from './api.js';
import { h, clear, toast } from './dom.js';
import { relativeTime, absoluteTime, mib } from './format.js';
import { downloadVv } from './desktops.js';

// What a plain user sees: the desktops they own (the API lists only those), with start and stop. The event stream
// is the admin's, so this page polls.
const POLL_MS = 5000;

export function renderMyDesktops(main) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' }, 'Loading…');
  const tbody = h('tbody');
  const table = h('table', { class: 'table', 'aria-label': 'My desktops' },
    h('thead', {}, h('tr', {}, ['Status', 'Desktop', 'Memory', 'vCPUs', 'Since', ''].map((c) => h('th', { scope: 'col' }, c)))),
    tbody);
  const body = h('div', { class: 'table-wrap' }, table);
  main.append(h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'My desktops'), summary)), body);

  function row(d) {
    const act = (label, verb) => h('button', { type: 'button', class: 'btn btn-small', onclick: () => action(d, verb) }, label);
    return h('tr', { dataset: { id: d.id, status: d.status } },
      h('td', { class: 'status-cell' }, h('span', { class: `badge badge-${tone(d.status)}` }, d.status),
        d.status_detail ? h('div', { class: 'muted small clip', title: d.status_detail }, d.status_detail) : null),
      h('td', {}, h('strong', {}, d.name || d.id), d.name && d.name !== d.id ? h('div', { class: 'muted small' }, d.id) : null),
      h('td', {}, mib(d.memory_mib)),
      h('td', {}, String(d.vcpus)),
      h('td', { class: 'since', title: absoluteTime(d.status_since) }, relativeTime(d.status_since)),
      h('td', { class: 'row-actions' },
        d.status === 'Stopped' || d.status === 'Failed' ? act('Start', 'start') : null,
        d.status === 'Started' ? h('a', { class: 'btn btn-small', href: `viewer.html?desktop=${enc(d.id)}`, target: '_blank', rel: 'noopener' }, 'Open viewer') : null,
        d.status === 'Started' ? h('button', { type: 'button', class: 'btn btn-small', onclick: () => downloadVv(d) }, 'Download .vv') : null,
        d.status === 'Started' ? act('Stop', 'stop') : null));
  }

  async function load() {
    try {
      const list = await get('/desktops');
      if (list.length === 0) {
        clear(body, h('section', { class: 'empty' }, h('h2', {}, 'No desktops yet'),
          h('p', {}, 'An administrator creates desktops for you; they appear here.')));
      } else {
        if (!body.contains(table)) clear(body, table);
        clear(tbody, list.map(row));
      }
      summary.textContent = `${list.length} desktop${list.length === 1 ? '' : 's'}`;
    } catch (e) {
      if (e.status !== 401) summary.textContent = `Cannot load desktops: ${e.message}`;
    }
  }

  async function action(d, verb) {
    try {
      await post(`/desktops/${enc(d.id)}/${verb}`);
      toast(verb === 'start' ? `${d.id}: starting.` : `${d.id}: shutting down.`);
    } catch (e) {
      toast(`${d.id}: ${e.message}`, 'error');
    }
    load();
  }

  load();
  const timer = setInterval(load, POLL_MS);
  return () => clearInterval(timer);
}

function tone(status) {
  return { Started: 'online', Failed: 'error', Unknown: 'error', Stopped: 'offline' }[status] ?? 'deleting';
}
