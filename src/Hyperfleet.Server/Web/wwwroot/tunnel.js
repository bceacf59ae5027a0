import { get, enc } from './api.js';
import { h, clear, copyButton } from './dom.js';
import { MODE_LABELS, relativeTime, absoluteTime } from './format.js';
import { eventsTable } from './events.js';

// The hypervisor's overlay tunnel: what the row says (measured by the VPN node), and on demand both ends of it.

// "tunnel disconnected · bfd_down" under the mode in the list; the detail in words is the tooltip.
export function tunnelLine(hv) {
  const down = hv.tunnel_status !== 'connected';
  const reason = down ? hv.vpn?.tunnel_reason : null;
  return h('div', { class: `tunnel tunnel-${hv.tunnel_status}`, title: down ? hv.vpn?.tunnel_detail ?? '' : '', dataset: { tunnel: hv.tunnel_status } },
    `tunnel ${hv.tunnel_status}`, reason ? h('span', { class: 'tunnel-reason' }, ` · ${reason}`) : null);
}

// The details' "Tunnel" card. `diagnosis` is made once per details dialog (diagnosisPanel) and moved into each
// re-render, so a live update of the row does not wipe an answer the admin asked for.
export function tunnelCard(hv, diagnosis) {
  const vpn = hv.vpn ?? {};
  const down = hv.tunnel_status !== 'connected';
  const wireguard = hv.vpn_tunneling_mode === 'wireguard+geneve';
  const key = vpn.wg_public_key ? h('code', { class: 'wg-key' }, vpn.wg_public_key) : null;
  return h('section', { class: 'card tunnel-card', 'aria-label': 'Tunnel' }, h('h3', {}, 'Tunnel'),
    h('div', { class: 'tunnel-state' },
      h('span', { class: `tunnel-tag tunnel-tag-${hv.tunnel_status}` }, hv.tunnel_status),
      vpn.tunnel_since ? h('span', { class: 'muted', title: absoluteTime(vpn.tunnel_since) }, `since ${relativeTime(vpn.tunnel_since)}`) : null),
    down && (vpn.tunnel_reason || vpn.tunnel_detail)
      ? h('div', { class: 'problem tunnel-problem', role: 'status' },
        h('strong', { class: 'mono tunnel-reason-code' }, vpn.tunnel_reason ?? 'detail'),
        vpn.tunnel_detail ? h('p', { class: 'tunnel-detail' }, vpn.tunnel_detail) : null)
      : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Overlay address'), h('dd', { class: 'mono tunnel-address' }, vpn.address ?? 'none yet: given when its agent registers'),
      h('dt', {}, 'WireGuard public key'),
      h('dd', {}, key ? h('div', { class: 'secret-row' }, key, copyButton('WireGuard public key', key))
        : h('span', { class: 'muted' }, wireguard ? 'none yet: sent by its agent' : 'not used in Geneve-only mode'))),
    diagnosis);
}

// The Diagnose button and its answer: GET /hypervisors/{id}/diagnose, the seed's `wg show` and `ovs-vsctl show` in one place.
export function diagnosisPanel(id) {
  const result = h('div', { class: 'diagnosis', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'btn btn-small', onclick: run }, 'Diagnose');
  async function run() {
    button.disabled = true;
    button.textContent = 'Diagnosing…';
    try {
      clear(result, diagnosisView(await get(`/hypervisors/${enc(id)}/diagnose`)));
    } catch (e) {
      clear(result, h('p', { class: 'form-error' }, e.message));
    } finally {
      button.disabled = false;
      button.textContent = 'Diagnose again';
    }
  }
  return h('div', { class: 'diagnosis-panel' },
    h('div', { class: 'toolbar' }, button, h('span', { class: 'muted small' }, 'Asks both ends of the tunnel: the VPN node and the host\'s agent.')),
    result);
}

function diagnosisView(d) {
  const node = d.vpn_node;
  const agent = d.agent;
  const age = (s) => (s === null || s === undefined ? 'none yet' : s < 120 ? `${Math.round(s)} s ago` : relativeTime(Date.now() - s * 1000));
  const bfd = (state, diagnostic) => (state
    ? [h('span', { class: state === 'up' ? 'ok' : 'bad' }, state), diagnostic ? h('div', { class: 'muted small' }, diagnostic) : null]
    : null);
  // [label, the node's end, the hypervisor's end]; undefined means "not something this end knows".
  const rows = [
    ['Status', node && statusText(d.tunnel_status, d.tunnel_reason), agent && statusText(agent.status, agent.reason)],
    ['Mode', node && (MODE_LABELS[d.mode] ?? d.mode), agent && (MODE_LABELS[agent.mode] ?? agent.mode)],
    ['WireGuard peer', node && (node.peer ? 'yes' : 'no'), undefined],
    ['Last handshake', node && age(node.handshake_age_seconds), agent && age(agent.handshake_age_seconds)],
    ['Received', node && bytes(node.rx_bytes), agent && bytes(agent.rx_bytes)],
    ['Sent', node && bytes(node.tx_bytes), agent && bytes(agent.tx_bytes)],
    ['BFD', node && bfd(node.bfd_state, node.bfd_diagnostic), agent && bfd(agent.bfd_state, agent.bfd_diagnostic)],
    ['Endpoint', node && mono(node.endpoint), agent && mono(agent.endpoint)],
    ['Geneve port', node && mono(node.geneve_port), undefined],
    ['Geneve remote', node && mono(node.geneve_remote), undefined],
    ['Repairs', undefined, agent && String(agent.repairs)],
    ['Reported', node && 'now (live)', agent && (d.agent_reported_at
      ? h('span', { title: absoluteTime(d.agent_reported_at) }, relativeTime(d.agent_reported_at)) : null)],
  ];
  const missing = (text) => h('td', { rowspan: rows.length, class: 'muted end-missing' }, text);
  const cell = (v) => h('td', {}, v === undefined ? h('span', { class: 'muted' }, 'n/a') : v ?? '—');
  const ports = d.node_ports ?? [];
  return [
    h('p', { class: 'muted small' }, `Diagnosed ${absoluteTime(new Date().toISOString())}.`,
      d.address ? [' Overlay address ', h('span', { class: 'mono' }, d.address), '.'] : null),
    h('div', { class: 'scroll-x' }, h('table', { class: 'table table-compact tunnel-ends', 'aria-label': 'Tunnel ends' },
      h('thead', {}, h('tr', {}, h('td', { class: 'end-label' }), h('th', { scope: 'col' }, 'VPN node\'s end'), h('th', { scope: 'col' }, 'Hypervisor\'s end'))),
      h('tbody', {}, rows.map(([label, n, a], i) => h('tr', {},
        h('th', { scope: 'row' }, label),
        node ? cell(n) : i === 0 ? missing('No VPN node runs in this server process (role vpn): its end cannot be read here.') : null,
        agent ? cell(a) : i === 0 ? missing('No report: the host has no agent, or its agent has not reported the tunnel yet.') : null))))),
    h('h4', {}, 'VPN node\'s ports'),
    ports.length === 0 ? h('p', { class: 'muted' }, node ? 'No bridge ports.' : 'None known here.')
      : h('ul', { class: 'node-ports mono small', 'aria-label': 'VPN node ports' }, ports.map((p) =>
        h('li', { class: p === node?.geneve_port ? 'this-port' : '' }, p, p === node?.geneve_port ? h('span', { class: 'muted' }, ' ← this hypervisor') : null))),
    h('h4', {}, 'Last tunnel events'),
    (d.events ?? []).length ? eventsTable(d.events, { showHypervisor: false }) : h('p', { class: 'muted' }, 'No tunnel events yet.'),
  ];
}

function statusText(status, reason) {
  return status ? h('span', { class: status === 'connected' ? 'ok' : 'bad' }, reason ? `${status} · ${reason}` : status) : null;
}

function mono(value) {
  return value ? h('span', { class: 'mono' }, value) : null;
}

function bytes(n) {
  if (n === null || n === undefined) return null;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}
