import { h, clear } from './dom.js';
import { store } from './store.js';
import { TYPE_LABELS, MODE_LABELS, relativeTime, absoluteTime, mib, humanize } from './format.js';
import { openEditor } from './editor.js';
import { openDetails, agentBadge } from './details.js';
import { setEnabled, deleteHypervisor, addSshKey } from './actions.js';
import { tunnelLine } from './tunnel.js';

// The Hypervisors page: one row per hypervisor, replaced in place when the event stream says it changed.
export function renderHypervisors(main) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const filter = h('input', { type: 'search', class: 'search', placeholder: 'Filter by ID, host or status', 'aria-label': 'Filter hypervisors' });
  const tbody = h('tbody');
  const table = h('table', { class: 'table', 'aria-label': 'Hypervisors' },
    h('thead', {}, h('tr', {},
      ['Enabled', 'Status', 'Hypervisor', 'Type', 'Flavour', 'VPN', 'CPU', 'Memory', 'Desktops', 'Since', ''].map((c, i) =>
        h('th', { scope: 'col', class: i >= 6 && i <= 8 ? 'num-col' : '' }, c)))),
    tbody);
  const body = h('div', { class: 'table-wrap' }, table);
  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Hypervisors'), summary),
      h('div', { class: 'page-actions' }, filter,
        h('button', { type: 'button', class: 'btn', onclick: () => addSshKey(null) }, 'Add SSH key'),
        h('button', { type: 'button', class: 'btn btn-primary', onclick: () => openEditor() }, '+ Add hypervisor'))),
    body);

  const rows = new Map();
  const matches = (hv) => {
    const q = filter.value.trim().toLowerCase();
    return !q || [hv.id, hv.hostname, hv.status, hv.description, hv.status_reason ?? '', hv.vpn?.tunnel_reason ?? '', hv.registered_by === 'agent' ? `agent ${hv.agent?.state ?? ''}` : '']
      .some((s) => s.toLowerCase().includes(q));
  };

  function renderAll() {
    const all = store.all();
    rows.clear();
    if (store.loaded && all.length === 0) {
      clear(body, emptyState());
    } else {
      if (!body.contains(table)) clear(body, table);
      clear(tbody, all.filter(matches).map((hv) => { const tr = row(hv); rows.set(hv.id, tr); return tr; }));
    }
    updateSummary(all);
  }

  function updateSummary(all) {
    const counts = {};
    for (const hv of all) counts[hv.status] = (counts[hv.status] ?? 0) + 1;
    summary.textContent = !store.loaded ? 'Loading…' : all.length === 0 ? 'No hypervisors yet.'
      : `${all.length} hypervisor${all.length === 1 ? '' : 's'} · ` +
        ['Online', 'Error', 'Offline', 'Deleting'].filter((s) => counts[s]).map((s) => `${counts[s]} ${s.toLowerCase()}`).join(' · ');
  }

  const unsubscribe = store.subscribe((change) => {
    if (change.type !== 'changed' || !rows.has(change.id) || !matches(change.hypervisor)) { renderAll(); return; }
    const fresh = row(change.hypervisor);
    const old = rows.get(change.id);
    // Keep keyboard focus where it was when a live update replaces the row under it.
    const focused = old.contains(document.activeElement) ? document.activeElement.dataset.focus : null;
    old.replaceWith(fresh);
    rows.set(change.id, fresh);
    if (focused) fresh.querySelector(`[data-focus="${focused}"]`)?.focus();
    updateSummary(store.all());
  });
  filter.addEventListener('input', renderAll);
  const ticker = setInterval(() => {
    for (const el of tbody.querySelectorAll('[data-since]')) el.textContent = relativeTime(el.dataset.since);
  }, 15000);
  renderAll();
  if (!store.loaded) store.reload().catch(() => {});
  return () => { unsubscribe(); clearInterval(ticker); };
}

function emptyState() {
  return h('section', { class: 'empty' },
    h('h2', {}, 'No hypervisors yet'),
    h('p', {}, 'Add the first KVM host this control plane should run desktops on:'),
    h('ol', { class: 'steps' },
      h('li', {}, 'On the host, run libvirtd and an SSH server (port 2022 by default).'),
      h('li', {}, h('strong', {}, 'Add SSH key'), ' with the host\'s root password, so the engine can log in with its key.'),
      h('li', {}, h('strong', {}, 'Add hypervisor'), ' with the same hostname, then ', h('strong', {}, 'enable'), ' it: it turns Online when the engine connects.')),
    h('div', { class: 'empty-actions' },
      h('button', { type: 'button', class: 'btn', onclick: () => addSshKey(null) }, 'Add SSH key'),
      h('button', { type: 'button', class: 'btn btn-primary', onclick: () => openEditor() }, '+ Add hypervisor')),
    h('p', { class: 'muted small' }, 'From a shell: hyperfleet hypervisor add hv1 --hostname hv1.example.org'));
}

export function statusBadge(hv) {
  return h('span', { class: `badge badge-${hv.status.toLowerCase()}` }, hv.status);
}

function row(hv) {
  const toggle = h('input', {
    type: 'checkbox', role: 'switch', class: 'switch', checked: hv.enabled, disabled: hv.status === 'Deleting',
    'aria-label': `Enabled ${hv.id}`, dataset: { focus: 'toggle' },
    onchange: async () => {
      const wanted = toggle.checked;
      toggle.checked = !wanted; // the server's answer (or the event) sets the real state
      toggle.disabled = true;
      await setEnabled(hv, wanted);
      toggle.disabled = false;
    },
  });
  const reason = hv.status_reason
    ? h('button', { type: 'button', class: 'link reason', title: hv.status_detail ?? '', dataset: { focus: 'reason' }, onclick: () => openDetails(hv.id) },
      humanize(hv.status_reason))
    : null;
  const s = hv.stats ?? {};
  const memUsed = s.memory_total_mib ? s.memory_total_mib - (s.memory_free_mib ?? 0) : null;
  const online = hv.status === 'Online';
  return h('tr', { dataset: { id: hv.id, status: hv.status } },
    h('td', {}, toggle),
    h('td', { class: 'status-cell' }, statusBadge(hv), reason),
    h('td', {},
      h('button', { type: 'button', class: 'link strong', dataset: { focus: 'id' }, onclick: () => openDetails(hv.id) }, hv.id),
      agentBadge(hv),
      h('div', { class: 'muted small mono' }, `${hv.ssh_user}@${hv.hostname}:${hv.ssh_port}`),
      hv.description ? h('div', { class: 'muted small clip', title: hv.description }, hv.description) : null),
    h('td', {}, TYPE_LABELS[hv.type] ?? hv.type),
    h('td', { class: 'small nowrap' }, hv.flavour),
    h('td', { class: 'small nowrap' }, MODE_LABELS[hv.vpn_tunneling_mode] ?? hv.vpn_tunneling_mode, tunnelLine(hv)),
    h('td', { class: 'num-col' }, online ? bar(s.cpu_percent, `${Math.round(s.cpu_percent ?? 0)}%`, `CPU of ${hv.id}`) : dash()),
    h('td', { class: 'num-col' }, online && s.memory_total_mib
      ? bar((memUsed / s.memory_total_mib) * 100, `${mib(memUsed)} / ${mib(s.memory_total_mib)}`, `Memory of ${hv.id}`) : dash()),
    h('td', { class: 'num-col' }, online ? String(s.desktops_running ?? 0) : dash()),
    h('td', { class: 'since', title: absoluteTime(hv.status_since), dataset: { since: hv.status_since } }, relativeTime(hv.status_since)),
    h('td', { class: 'row-actions' },
      h('button', { type: 'button', class: 'btn btn-small', dataset: { focus: 'details' }, 'aria-label': `Details of ${hv.id}`, onclick: () => openDetails(hv.id) }, 'Details'),
      hv.status === 'Deleting'
        ? h('button', { type: 'button', class: 'btn btn-small btn-danger', dataset: { focus: 'delete' }, onclick: () => deleteHypervisor(hv) }, 'Force delete')
        : null));
}

function dash() {
  return h('span', { class: 'muted' }, '—');
}

function bar(percent, label, name) {
  const p = Math.max(0, Math.min(100, percent ?? 0));
  const fill = h('span', { class: `bar-fill${p >= 90 ? ' hot' : p >= 70 ? ' warm' : ''}` });
  fill.style.width = `${p}%`;
  return h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(p), 'aria-label': name },
    h('span', { class: 'bar' }, fill), h('span', { class: 'bar-label' }, label));
}
