import { get, enc } from './api.js';
import { h, clear } from './dom.js';
import { store } from './store.js';
import { relativeTime, eventTime, humanize } from './format.js';

// The audit log and status history of the whole fleet: GET /api/v1/events/recent, then live from the stream.
export function renderEvents(main) {
  const hypervisor = h('select', { id: 'ev-hypervisor', 'aria-label': 'Hypervisor' }, h('option', { value: '' }, 'All hypervisors'));
  const text = h('input', { type: 'search', class: 'search', id: 'ev-text', placeholder: 'Filter text (reason, detail, actor…)', 'aria-label': 'Filter events' });
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted pad' }, 'Loading…'));
  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Events'), h('p', { class: 'summary' }, 'Status changes and admin actions, newest first.')),
      h('div', { class: 'page-actions' }, hypervisor, text)),
    body);
  let events = [];

  const ids = () => new Set([...store.all().map((x) => x.id), ...events.map((e) => e.hypervisor_id)]);
  function fillHypervisors() {
    const current = hypervisor.value;
    clear(hypervisor, h('option', { value: '' }, 'All hypervisors'),
      [...ids()].sort().map((id) => h('option', { value: id, selected: id === current }, id)));
  }

  function render() {
    const q = text.value.trim().toLowerCase();
    const shown = events.filter((e) => !q || [e.hypervisor_id, e.actor, e.kind, e.reason, e.detail, e.from_status, e.to_status]
      .some((s) => s && s.toLowerCase().includes(q)));
    clear(body, shown.length ? eventsTable(shown, { showHypervisor: true })
      : h('section', { class: 'empty' }, h('h2', {}, events.length ? 'No event matches the filter' : 'No events yet'),
        h('p', {}, events.length ? 'Clear the filter to see all events.' : 'Adding, enabling or disabling a hypervisor writes the first one.')));
  }

  async function load() {
    try {
      events = await get(`/events/recent?limit=500${hypervisor.value ? `&hypervisor=${enc(hypervisor.value)}` : ''}`);
      fillHypervisors();
      render();
    } catch (e) {
      clear(body, h('p', { class: 'form-error pad' }, e.message));
    }
  }

  const unsubscribe = store.subscribe((change) => {
    if (!change.event || (hypervisor.value && change.event.hypervisor_id !== hypervisor.value)) return;
    if (events.some((e) => e.id === change.event.id)) return;
    events.unshift(change.event);
    fillHypervisors();
    render();
  });
  hypervisor.addEventListener('change', load);
  text.addEventListener('input', render);
  load();
  return unsubscribe;
}

export function eventsTable(events, { showHypervisor }) {
  const cols = ['When', ...(showHypervisor ? ['Hypervisor'] : []), 'What', 'Status', 'Reason', 'Detail', 'By'];
  return h('div', { class: 'scroll-x' }, h('table', { class: 'table table-compact events', 'aria-label': 'Events' },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, events.map((e) => h('tr', {},
      h('td', { class: 'nowrap mono small', title: relativeTime(e.time) }, eventTime(e.time)),
      showHypervisor ? h('td', { class: 'mono' }, e.hypervisor_id) : null,
      h('td', { class: 'nowrap' }, humanize(e.kind)),
      h('td', { class: 'nowrap' }, e.to_status
        ? [e.from_status ? h('span', { class: `badge badge-sm badge-${e.from_status.toLowerCase()}` }, e.from_status) : null,
          e.from_status ? ' → ' : null, h('span', { class: `badge badge-sm badge-${e.to_status.toLowerCase()}` }, e.to_status)]
        : '—'),
      h('td', { class: 'mono small' }, e.reason ?? ''),
      h('td', { class: 'detail-cell' }, e.detail ?? ''),
      h('td', { class: 'small' }, e.actor))))));
}
