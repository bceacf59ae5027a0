import { get, post, enc } from './api.js';
import { h, clear, toast } from './dom.js';
import { confirmDialog } from './modal.js';
import { onResource } from './resources.js';
import { relativeTime, absoluteTime } from './format.js';

const BADGE = { open: 'online', issued: 'deleting', ended: 'offline', expired: 'offline' };

// The Sessions page (admins): who viewed which desktop, through which proxy, from where, how much, how long; live from
// the event stream (proxies report every second), with Cut for a session that is open or not yet opened.
export function renderSessions(main) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' }, 'Loading…');
  const status = h('select', { id: 'sessions-status', 'aria-label': 'Status' },
    ['', 'open', 'issued', 'ended', 'expired'].map((s) => h('option', { value: s }, s || 'any status')));
  const tbody = h('tbody');
  const body = h('div', { class: 'table-wrap' }, h('table', { class: 'table', 'aria-label': 'Viewer sessions' },
    h('thead', {}, h('tr', {}, ['User', 'Desktop', 'Hypervisor', 'Viewer', 'Proxy', 'From', 'Status', 'Started', 'Duration', 'Sent / received', '']
      .map((c) => h('th', { scope: 'col' }, c)))),
    tbody));
  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Sessions'), summary),
      h('div', { class: 'page-actions' }, status)),
    h('p', { class: 'muted small' }, 'Every viewer ticket is a session. Cutting one closes its connection within a second; the user can ask for a new viewer.'),
    body);

  function row(s) {
    const live = s.status === 'open' || s.status === 'issued';
    const end = s.ended_at ? new Date(s.ended_at) : new Date();
    const duration = s.started_at ? seconds((end - new Date(s.started_at)) / 1000) : '—';
    return h('tr', { dataset: { id: s.id, status: s.status } },
      h('td', {}, h('strong', {}, s.user)),
      h('td', {}, s.desktop),
      h('td', {}, s.hypervisor),
      h('td', {}, s.protocol === 'spice' ? 'SPICE' : 'browser'),
      h('td', {}, s.proxy === 'central' ? 'central' : `${s.proxy}'s own`),
      h('td', {}, s.client_address ?? '—'),
      h('td', {}, h('span', { class: `badge badge-${BADGE[s.status] ?? 'offline'}`, title: s.end_reason ?? '' }, s.status),
        s.end_reason ? h('div', { class: 'muted small' }, s.end_reason.replaceAll('_', ' ')) : null),
      h('td', { class: 'since', title: absoluteTime(s.started_at ?? s.issued_at) }, relativeTime(s.started_at ?? s.issued_at)),
      h('td', {}, duration),
      h('td', {}, `${bytes(s.bytes_to_client)} / ${bytes(s.bytes_from_client)}`),
      h('td', { class: 'row-actions' }, live
        ? h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => cut(s) }, 'Cut') : null));
  }

  async function load() {
    try {
      const query = status.value ? `&status=${enc(status.value)}` : '';
      const sessions = await get(`/viewer-sessions?limit=200${query}`);
      clear(tbody, sessions.length ? sessions.map(row)
        : [h('tr', {}, h('td', { colspan: 11, class: 'muted' }, 'No viewer sessions yet.'))]);
      const open = sessions.filter((s) => s.status === 'open').length;
      summary.textContent = `${open} open · ${sessions.length} shown (newest first)`;
    } catch (e) {
      clear(body, h('section', { class: 'empty' }, h('h2', {}, 'Cannot load sessions'), h('p', {}, e.message)));
    }
  }

  async function cut(s) {
    const ok = await confirmDialog({
      title: `Cut ${s.user}'s session?`, message: `The viewer of ${s.desktop} is disconnected at once.`,
      confirmLabel: 'Cut', danger: true,
    });
    if (!ok) return;
    try {
      await post(`/viewer-sessions/${enc(s.id)}/cut`);
      toast(`${s.user}'s session of ${s.desktop}: cut.`);
    } catch (e) {
      toast(`${s.desktop}: ${e.message}`, 'error');
    }
    load();
  }

  // Reports arrive every second while sessions are open: coalesce the reloads they cause (and the one after a reconnect).
  let pending = null;
  const soon = () => { if (!pending) pending = setTimeout(() => { pending = null; load(); }, 500); };
  const off = onResource('viewer_session', soon);
  status.addEventListener('change', load);
  load();
  return () => { off(); clearTimeout(pending); };
}

function seconds(total) {
  const s = Math.max(0, Math.round(total));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function bytes(n) {
  if (!n) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  const i = Math.min(units.length - 1, Math.floor(Math.log(n) / Math.log(1024)));
  return `${(n / 1024 ** i).toFixed(i ? 1 : 0)} ${units[i]}`;
}
