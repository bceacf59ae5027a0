import { get, post, del, enc } from './api.js';
import { h, clear, toast } from './dom.js';
import { openDialog, confirmDialog } from './modal.js';
import { store } from './store.js';
import { onResource } from './resources.js';
import { submitHandler } from './actions.js';
import { relativeTime, absoluteTime, mib } from './format.js';

// The Desktops page: desktops with status and host, kept live by the event stream; start, stop, resize, delete,
// and a form to create one from a Ready template. Bases and templates are listed below with their status, then the
// newest disk tasks, also live.
export function renderDesktops(main) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const filter = h('input', { type: 'search', class: 'search', placeholder: 'Filter by ID, host or status', 'aria-label': 'Filter desktops' });
  const tbody = h('tbody');
  const table = h('table', { class: 'table', 'aria-label': 'Desktops' },
    h('thead', {}, h('tr', {}, ['Status', 'Desktop', 'Hypervisor', 'Template', 'Memory', 'vCPUs', 'Viewer ports', 'Since', ''].map((c) =>
      h('th', { scope: 'col' }, c)))),
    tbody);
  const body = h('div', { class: 'table-wrap' }, table);
  const templatesBody = h('tbody');
  const templates = h('div', { class: 'table-wrap' }, h('table', { class: 'table table-compact', 'aria-label': 'Templates' },
    h('thead', {}, h('tr', {}, ['Status', 'Template', 'Kind', 'Parent', 'Pool', 'Memory', 'vCPUs', 'Disk'].map((c) => h('th', { scope: 'col' }, c)))),
    templatesBody));
  const tasksBody = h('tbody');
  const tasks = h('div', { class: 'table-wrap' }, h('table', { class: 'table table-compact', 'aria-label': 'Disk tasks' },
    h('thead', {}, h('tr', {}, ['#', 'Status', 'Operation', 'For', 'Host', 'Tries', 'Outcome', 'Queued'].map((c) => h('th', { scope: 'col' }, c)))),
    tasksBody));
  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Desktops'), summary),
      h('div', { class: 'page-actions' }, filter,
        h('button', { type: 'button', class: 'btn btn-primary', onclick: () => openCreate() }, '+ New desktop'))),
    body,
    h('h2', { class: 'section-title' }, 'Bases and templates'),
    templates,
    h('h2', { class: 'section-title' }, 'Disk tasks'),
    h('p', { class: 'muted small' }, `The newest ${TASKS_SHOWN} disk operations, run with qemu-img on the disk-operations hosts of each pool.`),
    tasks);

  const desktops = new Map();
  let taskList = [];
  let templateList = [];
  let loaded = false;
  const matches = (d) => {
    const q = filter.value.trim().toLowerCase();
    return !q || [d.id, d.name, d.status, d.hypervisor ?? '', d.template].some((s) => s.toLowerCase().includes(q));
  };

  function render() {
    const all = [...desktops.values()].sort((a, b) => a.id.localeCompare(b.id));
    if (loaded && all.length === 0) {
      clear(body, h('section', { class: 'empty' },
        h('h2', {}, 'No desktops yet'),
        h('p', {}, 'A desktop is an overlay disk of a template, started on a hypervisor the placement chooses.'),
        h('p', { class: 'muted small' }, 'From a shell: hyperfleet template create … then hyperfleet desktop create d1 --template T')));
    } else {
      if (!body.contains(table)) clear(body, table);
      clear(tbody, all.filter(matches).map(row));
    }
    const counts = {};
    for (const d of all) counts[d.status] = (counts[d.status] ?? 0) + 1;
    summary.textContent = !loaded ? 'Loading…' : all.length === 0 ? 'No desktops yet.'
      : `${all.length} desktop${all.length === 1 ? '' : 's'} · ` + Object.entries(counts).map(([s, n]) => `${n} ${s.toLowerCase()}`).join(' · ');
    clear(templatesBody, templateList.length === 0
      ? h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No bases or templates yet: hyperfleet template create BASE --pool default --size-gib 10'))
      : templateList.map((t) => h('tr', { dataset: { id: t.id } },
        h('td', {}, badge(t.status), t.status_detail ? h('div', { class: 'muted small clip', title: t.status_detail }, t.status_detail) : null),
        h('td', {}, h('strong', {}, t.id), t.name && t.name !== t.id ? h('div', { class: 'muted small' }, t.name) : null),
        h('td', {}, t.kind), h('td', {}, t.parent ?? '—'), h('td', {}, t.pool),
        h('td', {}, mib(t.memory_mib)), h('td', {}, String(t.vcpus)), h('td', { class: 'mono small clip', title: t.disk_path }, t.disk_path))));
    clear(tasksBody, taskList.length === 0
      ? h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No disk tasks yet.'))
      : taskList.map(taskRow));
  }

  function row(d) {
    const act = (label, fn, cls = '') => h('button', { type: 'button', class: `btn btn-small ${cls}`, onclick: fn }, label);
    const canStart = d.status === 'Stopped' || d.status === 'Failed';
    const running = ['Started', 'Starting', 'Stopping', 'Unknown'].includes(d.status);
    return h('tr', { dataset: { id: d.id, status: d.status } },
      h('td', { class: 'status-cell' }, badge(d.status),
        d.status_detail ? h('div', { class: 'muted small clip', title: d.status_detail }, d.status_detail) : null),
      h('td', {}, h('strong', {}, d.id), d.name && d.name !== d.id ? h('div', { class: 'muted small' }, d.name) : null,
        h('div', { class: 'muted small' }, `owner ${d.owner}`),
        d.forced_hypervisor ? h('div', { class: 'muted small' }, `forced to ${d.forced_hypervisor}`) : null),
      h('td', {}, d.hypervisor ?? h('span', { class: 'muted' }, '—')),
      h('td', {}, d.template),
      h('td', {}, mib(d.memory_mib)),
      h('td', {}, String(d.vcpus)),
      h('td', { class: 'mono small' }, d.vnc_port ? `VNC ${d.vnc_port} · SPICE ${d.spice_port}` : '—'),
      h('td', { class: 'since', title: absoluteTime(d.status_since) }, relativeTime(d.status_since)),
      h('td', { class: 'row-actions' },
        canStart ? act('Start', () => desktopAction(d, 'start')) : null,
        d.status === 'Started' ? h('a', { class: 'btn btn-small', href: `viewer.html?desktop=${enc(d.id)}`, target: '_blank', rel: 'noopener' }, 'Open viewer') : null,
        d.status === 'Started' ? act('Download .vv', () => downloadVv(d)) : null,
        d.status === 'Started' ? act('Stop', () => desktopAction(d, 'stop')) : null,
        running ? act('Force stop', () => forceStop(d), 'btn-danger') : null,
        d.status === 'Stopped' ? act('Resize disk', () => openResize(d)) : null,
        canStart ? act('Delete', () => deleteDesktop(d), 'btn-danger') : null));
  }

  async function load() {
    try {
      const [list, tpl, recent] = await Promise.all([get('/desktops'), get('/templates'), get(`/tasks?limit=${TASKS_SHOWN}`)]);
      desktops.clear();
      for (const d of list) desktops.set(d.id, d);
      templateList = tpl;
      taskList = recent;
      loaded = true;
      render();
    } catch (e) {
      clear(body, h('section', { class: 'empty' }, h('h2', {}, 'Cannot load desktops'), h('p', {}, e.message)));
    }
  }

  const offDesktops = onResource('desktop', (c) => {
    if (c.type === 'reload') { load(); return; }
    if (c.type === 'removed' || !c.resource) desktops.delete(c.id); else desktops.set(c.id, c.resource);
    render();
  });
  const offTemplates = onResource('template', (c) => {
    if (c.type === 'reload') return;
    templateList = templateList.filter((t) => t.id !== c.id);
    if (c.type !== 'removed' && c.resource) templateList = [...templateList, c.resource].sort((a, b) => a.id.localeCompare(b.id));
    render();
  });
  const offTasks = onResource('task', (c) => {
    if (c.type === 'reload' || !c.resource) return;
    taskList = [c.resource, ...taskList.filter((t) => t.id !== c.resource.id)].sort((a, b) => b.id - a.id).slice(0, TASKS_SHOWN);
    render();
  });
  filter.addEventListener('input', render);
  load();
  return () => { offDesktops(); offTemplates(); offTasks(); };
}

const TASKS_SHOWN = 15;

function taskRow(t) {
  const tone = { done: 'online', failed: 'error', running: 'deleting', queued: 'offline' }[t.status] ?? 'offline';
  const args = t.arguments ?? {};
  const gib = args.size_bytes ? Math.round(args.size_bytes / 2 ** 30) : null;
  const what = t.kind === 'resize' && gib ? `resize to ${gib} GiB` : t.kind.replaceAll('_', ' ') + (gib ? ` (${gib} GiB)` : '');
  const outcome = t.error ?? (t.status === 'done' ? 'done' : t.status === 'running' ? 'running…' : 'waiting for a disk host');
  return h('tr', { dataset: { id: String(t.id), status: t.status } },
    h('td', { class: 'mono small' }, String(t.id)),
    h('td', {}, h('span', { class: `badge badge-${tone}` }, t.status)),
    h('td', { title: args.path ?? '' }, what),
    h('td', {}, t.owner_id ? `${t.owner_kind} ${t.owner_id}` : '—'),
    h('td', {}, t.hypervisor_id ?? h('span', { class: 'muted' }, '—')),
    h('td', {}, String(t.attempts)),
    h('td', { class: 'small clip', title: outcome }, outcome),
    h('td', { class: 'since', title: absoluteTime(t.created_at) }, relativeTime(t.created_at)));
}

function badge(status) {
  const tone = { Started: 'online', Ready: 'online', Failed: 'error', Unknown: 'error', Stopped: 'offline', Deleting: 'deleting', Updating: 'deleting' }[status] ?? 'deleting';
  return h('span', { class: `badge badge-${tone}` }, status);
}

async function desktopAction(d, verb) {
  try {
    await post(`/desktops/${enc(d.id)}/${verb}`);
    toast(verb === 'start' ? `${d.id}: starting.` : `${d.id}: shutting down (ACPI, then destroyed after the timeout).`);
  } catch (e) {
    toast(`${d.id}: ${e.message}`, 'error');
  }
}

// A .vv file for remote-viewer: its ticket is single-use and valid for seconds, so it is fetched on the click.
export async function downloadVv(d) {
  try {
    const ticket = await post(`/desktops/${enc(d.id)}/viewer`, { protocol: 'spice' });
    const link = h('a', { href: URL.createObjectURL(new Blob([ticket.vv], { type: 'application/x-virt-viewer' })), download: `${d.id}.vv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    toast(`${d.id}: open the .vv with remote-viewer within ${Math.max(1, Math.round((Date.parse(ticket.expires_at) - Date.now()) / 1000))} s.`);
  } catch (e) {
    toast(`${d.id}: ${e.message}`, 'error');
  }
}

async function forceStop(d) {
  const ok = await confirmDialog({
    title: `Force stop ${d.id}?`, message: 'The virtual machine is destroyed now, like pulling its power cord.',
    details: ['Unsaved work in the desktop is lost.'], confirmLabel: 'Force stop', danger: true,
  });
  if (!ok) return;
  try {
    await post(`/desktops/${enc(d.id)}/stop?force=true`);
    toast(`${d.id}: destroyed.`);
  } catch (e) {
    toast(`${d.id}: ${e.message}`, 'error');
  }
}

async function deleteDesktop(d) {
  const ok = await confirmDialog({
    title: `Delete ${d.id}?`, message: 'Its disk is removed by a disk task on a disk-operations host.',
    details: ['This cannot be undone.'], confirmLabel: 'Delete', danger: true,
  });
  if (!ok) return;
  try {
    await del(`/desktops/${enc(d.id)}`);
    toast(`${d.id}: deleting its disk.`);
  } catch (e) {
    toast(`${d.id}: ${e.message}`, 'error');
  }
}

function openResize(d) {
  const size = h('input', { id: 'rs-size_gib', type: 'number', min: 1, max: 65536, required: true, placeholder: 'e.g. 40' });
  const banner = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', form: 'resize-form' }, 'Resize disk');
  const form = h('form', { id: 'resize-form', class: 'form', novalidate: true, onsubmit: submitHandler(banner, submit, async () => {
    await post(`/desktops/${enc(d.id)}/resize`, { size_gib: Number(size.value) });
    dialog.close();
    toast(`${d.id}: growing its disk to ${size.value} GiB.`);
  }) },
  banner,
  h('div', { class: 'field', dataset: { field: 'size_gib' } }, h('label', { for: 'rs-size_gib' }, 'New size (GiB)'), size,
    h('p', { class: 'hint' }, 'A disk only grows; the guest extends its partition itself.'), h('p', { class: 'field-error' })));
  const dialog = openDialog({ title: `Resize the disk of ${d.id}`, body: form, footer: [submit] });
  size.focus();
}

async function openCreate() {
  let templates = [];
  let users = [];
  try {
    // Fresh: a template may have turned Ready, or a user been added, since the page loaded.
    [templates, users] = await Promise.all([get('/templates'), get('/users')]);
  } catch (e) {
    toast(`Templates unavailable: ${e.message}`, 'error');
    return;
  }
  const field = (id, label, input, hint) => h('div', { class: 'field', dataset: { field: id } },
    h('label', { for: `dt-${id}` }, label), input, hint ? h('p', { class: 'hint' }, hint) : null, h('p', { class: 'field-error' }));
  const ready = templates.filter((t) => t.status === 'Ready');
  const hypervisors = store.all().filter((hv) => hv.type !== 'pure_disk_operations');
  const hvSelect = (id) => h('select', { id: `dt-${id}` }, h('option', { value: '' }, '(placement decides)'),
    hypervisors.map((hv) => h('option', { value: hv.id }, `${hv.id} (${hv.status})`)));
  const id = h('input', { id: 'dt-id', required: true, autocomplete: 'off', placeholder: 'e.g. class-a-01' });
  const name = h('input', { id: 'dt-name', autocomplete: 'off' });
  const template = h('select', { id: 'dt-template', required: true },
    ready.length ? ready.map((t) => h('option', { value: t.id }, `${t.id} (${t.kind}, ${mib(t.memory_mib)}, ${t.vcpus} vCPU)`))
      : h('option', { value: '' }, 'No Ready template yet'));
  const memory = h('input', { id: 'dt-memory_mib', type: 'number', min: 64, placeholder: 'from the template' });
  const vcpus = h('input', { id: 'dt-vcpus', type: 'number', min: 1, placeholder: 'from the template' });
  const owner = h('select', { id: 'dt-owner' }, h('option', { value: '' }, '(you)'),
    users.map((u) => h('option', { value: u.username }, `${u.username} (${u.role})`)));
  const forced = hvSelect('forced_hypervisor');
  const favourite = hvSelect('favourite_hypervisor');
  const banner = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', form: 'desktop-form' }, 'Create desktop');
  const form = h('form', { id: 'desktop-form', class: 'form', onsubmit: submitHandler(banner, submit, async () => {
    const body = { id: id.value.trim(), template: template.value };
    if (name.value.trim()) body.name = name.value.trim();
    if (memory.value) body.memory_mib = Number(memory.value);
    if (vcpus.value) body.vcpus = Number(vcpus.value);
    if (forced.value) body.forced_hypervisor = forced.value;
    if (favourite.value) body.favourite_hypervisor = favourite.value;
    if (owner.value) body.owner = owner.value;
    await post('/desktops', body);
    dialog.close();
    toast(`${body.id}: creating its disk (an overlay of ${body.template}).`);
  }) },
  banner,
  h('div', { class: 'grid-2' }, field('id', 'ID', id, 'Lower-case letters, digits and dashes.'), field('name', 'Name', name)),
  h('div', { class: 'grid-2' }, field('template', 'Template', template), field('owner', 'Owner', owner, 'Who sees, starts and stops it.')),
  h('div', { class: 'grid-2' }, field('memory_mib', 'Memory (MiB)', memory), field('vcpus', 'vCPUs', vcpus)),
  h('div', { class: 'grid-2' },
    field('forced_hypervisor', 'Forced hypervisor', forced, 'Only this host; needed for only-forced hosts.'),
    field('favourite_hypervisor', 'Favourite hypervisor', favourite, 'Preferred when it fits.')));
  const dialog = openDialog({ title: 'New desktop', body: form, footer: [submit], wide: true });
  id.focus();
}
