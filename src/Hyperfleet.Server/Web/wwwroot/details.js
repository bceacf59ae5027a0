import { get, enc } from './api.js';
import { h, clear } from './dom.js';
import { openDialog } from './modal.js';
import { store } from './store.js';
import { TYPE_LABELS, MODE_LABELS, relativeTime, absoluteTime, mib, humanize } from './format.js';
import { openEditor } from './editor.js';
import { stopDesktops, setEnabled, deleteHypervisor, addSshKey, repinHostKey } from './actions.js';
import { eventsTable } from './events.js';
import { tunnelCard, diagnosisPanel } from './tunnel.js';

// The seed's "+": everything about one hypervisor, kept live while open.
export function openDetails(id) {
  const head = h('div', { class: 'details-head' });
  const panels = {
    overview: h('div', { class: 'tab-panel', role: 'tabpanel', id: 'tab-overview', 'aria-labelledby': 'tab-btn-overview' }),
    history: h('div', { class: 'tab-panel', role: 'tabpanel', id: 'tab-history', 'aria-labelledby': 'tab-btn-history', hidden: true }),
    ports: h('div', { class: 'tab-panel', role: 'tabpanel', id: 'tab-ports', 'aria-labelledby': 'tab-btn-ports', hidden: true }),
  };
  const labels = { overview: 'Overview', history: 'Status history', ports: 'Ports & firewall' };
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, Object.keys(panels).map((name) =>
    h('button', { type: 'button', role: 'tab', id: `tab-btn-${name}`, 'aria-controls': `tab-${name}`, 'aria-selected': name === 'overview' ? 'true' : 'false', onclick: () => show(name) }, labels[name])));
  const loadedTabs = new Set();
  const diagnosis = diagnosisPanel(id);

  function show(name) {
    for (const [n, panel] of Object.entries(panels)) panel.hidden = n !== name;
    for (const b of tabs.children) b.setAttribute('aria-selected', b.id === `tab-btn-${name}` ? 'true' : 'false');
    if (!loadedTabs.has(name)) { loadedTabs.add(name); load(name); }
  }

  function load(name) {
    if (name === 'history') loadHistory();
    if (name === 'ports') loadPorts(panels.ports, id);
  }

  async function loadHistory() {
    clear(panels.history, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const events = await get(`/hypervisors/${enc(id)}/events?limit=200`);
      clear(panels.history, events.length ? eventsTable(events, { showHypervisor: false }) : h('p', { class: 'muted' }, 'No events yet.'));
    } catch (e) {
      clear(panels.history, h('p', { class: 'form-error' }, e.message));
    }
  }

  function render() {
    const hv = store.byId(id);
    if (!hv) {
      clear(head, h('p', { class: 'notice' }, `${id} was removed.`));
      clear(panels.overview);
      return;
    }
    clear(head, headerFor(hv));
    // The diagnosis panel survives the re-render (see tunnelCard); so does the focus on its button.
    const focused = diagnosis.contains(document.activeElement) ? document.activeElement : null;
    clear(panels.overview, overview(hv, diagnosis));
    focused?.focus();
  }

  const unsubscribe = store.subscribe((change) => {
    if (change.id !== id && change.type !== 'reload') return;
    render();
    if (change.event && loadedTabs.has('history')) loadHistory();
  });
  openDialog({ title: `Hypervisor ${id}`, body: [head, tabs, ...Object.values(panels)], wide: true, onClose: unsubscribe });
  render();
}

function headerFor(hv) {
  const online = hv.status === 'Online';
  return [
    h('div', { class: 'details-status' },
      h('span', { class: `badge badge-${hv.status.toLowerCase()}` }, hv.status),
      h('span', {}, hv.enabled ? 'enabled' : 'disabled'),
      agentBadge(hv),
      h('span', { class: 'muted', title: absoluteTime(hv.status_since) }, `since ${relativeTime(hv.status_since)}`)),
    hv.status_reason || hv.status_detail
      ? h('div', { class: `problem problem-${hv.status.toLowerCase()}`, role: 'status' },
        h('strong', {}, humanize(hv.status_reason) || 'detail'), hv.status_detail ? h('p', { class: 'status-detail' }, hv.status_detail) : null)
      : null,
    h('div', { class: 'toolbar' },
      hv.status !== 'Deleting'
        ? h('button', { type: 'button', class: 'btn', onclick: () => setEnabled(hv, !hv.enabled) }, hv.enabled ? 'Disable' : 'Enable')
        : null,
      h('button', { type: 'button', class: 'btn', onclick: () => openEditor(hv), title: online ? 'Disable it first: only Offline or Error hypervisors can be edited' : '' }, 'Edit'),
      h('button', { type: 'button', class: 'btn', onclick: () => addSshKey(hv) }, 'Add SSH key'),
      h('button', { type: 'button', class: 'btn', onclick: () => repinHostKey(hv) }, 'Re-pin host key'),
      hv.type !== 'pure_disk_operations'
        ? h('button', { type: 'button', class: 'btn', onclick: () => stopDesktops(hv) }, 'Stop all desktops')
        : null,
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn btn-danger', disabled: hv.enabled && hv.status !== 'Deleting', title: hv.enabled ? 'Disable it first' : '', onclick: () => deleteHypervisor(hv) },
        hv.status === 'Deleting' ? 'Force delete' : 'Delete')),
    hv.enabled ? h('p', { class: 'muted small' }, 'Disabling stops new placements; desktops already running there keep running.') : null,
  ];
}

function overview(hv, diagnosis) {
  const f = hv.facts ?? {};
  const s = hv.stats ?? {};
  const dl = (title, pairs) => h('section', { class: 'card' }, h('h3', {}, title),
    h('dl', { class: 'facts' }, pairs.flatMap(([k, v, cls]) => [h('dt', {}, k), h('dd', { class: cls ?? '' }, v ?? '—')])));
  const yesNo = (b) => (b === null || b === undefined ? '—' : b ? 'yes' : 'no');
  return h('div', { class: 'cards' },
    dl('Configuration', [
      ['Description', hv.description || '—'],
      ['Hostname', hv.hostname, 'mono'],
      ['SSH', `${hv.ssh_user}@${hv.hostname}:${hv.ssh_port}`, 'mono'],
      ['Type', TYPE_LABELS[hv.type] ?? hv.type],
      ['Flavour', hv.flavour],
      ['Only forced', yesNo(hv.only_forced)],
      ['Min free memory', mib(hv.min_free_mem_mib)],
      ['Registered by', hv.registered_by],
    ]),
    dl('Network & viewers', [
      ['Tunneling mode', MODE_LABELS[hv.vpn_tunneling_mode] ?? hv.vpn_tunneling_mode],
      ['MTU', `infrastructure ${hv.infrastructure_mtu}, desktops ${hv.guest_mtu}`],
      ['Viewer static host', hv.viewer?.static_host],
      ['Proxy video host', hv.viewer?.proxy_video_host],
      ['Proxy hyper host', hv.viewer?.proxy_hyper_host],
      ['SPICE / HTML5 ports', `${hv.viewer?.spice_port} / ${hv.viewer?.html5_port}`],
      ['VLANs', hv.vlans
        ? `${hv.vlans.interfaces.length ? hv.vlans.interfaces.join(', ') : 'none'} on ${hv.vlans.trunk} (${hv.vlans.detected ? 'heard on the trunk' : 'static list'})`
        : 'no trunk'],
    ]),
    tunnelCard(hv, diagnosis),
    dl('Facts (read by the engine)', [
      ['libvirt', f.libvirt_version],
      ['QEMU', f.qemu_version],
      ['CPU', f.cpu_model ? `${f.cpu_model}${f.cpu_threads ? ` · ${f.cpu_threads} threads` : ''}` : null],
      ['Memory', f.memory_total_mib ? mib(f.memory_total_mib) : null],
      ['KVM', yesNo(f.kvm_available), f.kvm_available === false ? 'bad' : ''],
      ['Host key', hv.ssh_host_key_fingerprint ?? 'none pinned — add the SSH key', 'mono'],
    ]),
    dl('Now', [
      ['CPU', s.cpu_percent === null || s.cpu_percent === undefined ? null : `${s.cpu_percent.toFixed(1)}%`],
      ['Memory free', s.memory_total_mib ? `${mib(s.memory_free_mib)} of ${mib(s.memory_total_mib)}` : null],
      ['Desktops running', s.desktops_running],
      ['Sampled', s.sampled_at ? relativeTime(s.sampled_at) : null],
    ]),
    hv.agent ? agentCard(hv.agent) : null,
    hv.type !== 'pure_disk_operations' ? desktopsHere(hv) : null);
}

// Hosts that registered themselves carry their agent's state; "silent" (missed heartbeats) needs a look. Not a
// ".badge": that class is the hypervisor's status, one per row.
export function agentBadge(hv) {
  if (hv.registered_by !== 'agent') return null;
  const state = hv.agent?.state ?? 'unknown';
  return h('span', {
    class: `agent-tag agent-${state}`, dataset: { agent: state },
    title: `Registered by its agent${hv.agent?.version ? ` ${hv.agent.version}` : ''}; last heartbeat ${relativeTime(hv.agent?.last_heartbeat)}`,
  }, `agent ${state}`);
}

// What the host's own agent last said (hosts that registered themselves): its state, heartbeat and self-checks.
function agentCard(a) {
  const checks = a.checks ?? [];
  return h('section', { class: 'card agent-card' }, h('h3', {}, 'Agent'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Version'), h('dd', { class: 'mono' }, a.version ?? '—'),
      h('dt', {}, 'State'), h('dd', {}, h('span', { class: `agent-tag agent-${a.state}` }, a.state),
        a.state === 'silent' ? h('span', { class: 'muted small' }, ' missed its heartbeats: the agent is down or cut off') : null),
      h('dt', {}, 'Last heartbeat'), h('dd', { title: absoluteTime(a.last_heartbeat) }, relativeTime(a.last_heartbeat))),
    a.disabled_by_admin
      ? h('p', { class: 'notice notice-warn agent-hold' }, h('strong', {}, 'Held disabled by an admin. '), 'Its agent does not enable it again until an admin does.')
      : null,
    h('h4', {}, 'Self-checks'),
    checks.length === 0 ? h('p', { class: 'muted' }, 'No checks reported yet.')
      : h('ul', { class: 'checks', 'aria-label': 'Agent self-checks' }, checks.map((c) =>
        h('li', { dataset: { check: c.name, ok: String(c.ok) } },
          h('span', { class: c.ok ? 'ok' : 'bad' }, c.ok ? '✓ ok' : '✗ failed'), ' ',
          h('strong', {}, humanize(c.name)),
          c.detail ? h('div', { class: 'muted small check-detail' }, c.detail) : null))));
}

// The desktops recorded on this hypervisor (running, starting, or unknown while it is unreachable).
function desktopsHere(hv) {
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  get(`/desktops?hypervisor=${enc(hv.id)}`).then((desktops) => {
    const here = desktops.filter((d) => d.status !== 'Stopped');
    clear(list, here.length === 0 ? h('p', { class: 'muted' }, 'No desktop runs here.')
      : h('ul', { class: 'bullets' }, here.map((d) => h('li', {}, h('strong', {}, d.id), ` — ${d.status}`,
        d.vnc_port ? h('span', { class: 'muted small mono' }, ` (VNC ${d.vnc_port}, SPICE ${d.spice_port})`) : null))));
  }, (e) => clear(list, h('p', { class: 'muted' }, `Desktops unavailable: ${e.message}`)));
  return h('section', { class: 'card' }, h('h3', {}, 'Desktops here'), list);
}

async function loadPorts(panel, id) {
  clear(panel, h('p', { class: 'muted' }, 'Loading…'));
  let ports;
  try {
    ports = await get(`/hypervisors/${enc(id)}/ports`);
  } catch (e) {
    clear(panel, h('p', { class: 'form-error' }, e.message));
    return;
  }
  const dialect = h('select', { id: 'fw-dialect' }, h('option', { value: 'iptables' }, 'iptables'), h('option', { value: 'firewalld' }, 'firewalld'));
  const deployment = h('select', { id: 'fw-deployment' }, h('option', { value: 'native' }, 'native (Hyperfleet on the host)'), h('option', { value: 'container' }, 'container (DOCKER_NET)'));
  const commands = h('div', { class: 'commands' });
  const renderCommands = () => clear(commands, ports.firewall_commands
    .filter((c) => c.dialect === dialect.value && c.deployment === deployment.value)
    .map((c) => h('section', {},
      h('h4', {}, c.host === 'control_plane' ? 'On the control plane' : `On ${ports.hostname}`),
      h('pre', { class: 'code' }, c.commands.length ? c.commands.join('\n') : '# nothing to open'),
      c.notes.length ? h('ul', { class: 'notes' }, c.notes.map((n) => h('li', {}, n))) : null)));
  dialect.addEventListener('change', renderCommands);
  deployment.addEventListener('change', renderCommands);
  renderCommands();
  const where = { control_plane: 'control plane', hypervisor: 'hypervisor', clients: 'clients' };
  clear(panel,
    h('table', { class: 'table table-compact', 'aria-label': 'Ports' },
      h('thead', {}, h('tr', {}, ['Traffic', 'Port', 'Direction', 'Open on', 'Needed', 'Why'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ports.requirements.map((r) => h('tr', { class: r.applies ? '' : 'inapplicable' },
        h('td', {}, r.traffic_type),
        h('td', { class: 'mono' }, `${r.ports}/${r.protocol}`),
        h('td', {}, `${where[r.from] ?? r.from} → ${where[r.to] ?? r.to}`),
        h('td', {}, r.open_on ? where[r.open_on] ?? r.open_on : '—'),
        h('td', {}, r.applies ? 'yes' : 'no'),
        h('td', { class: 'small' }, r.description, r.origin_note ? h('div', { class: 'muted' }, r.origin_note) : null))))),
    h('div', { class: 'toolbar' },
      h('label', { for: 'fw-dialect' }, 'Firewall'), dialect,
      h('label', { for: 'fw-deployment' }, 'Deployment'), deployment),
    commands);
}
