import { get, post, del, enc } from './api.js';
import { h, clear, toast, copyButton } from './dom.js';
import { openDialog, confirmDialog } from './modal.js';
import { submitHandler } from './actions.js';
import { store } from './store.js';
import { relativeTime, absoluteTime, humanize } from './format.js';

const BADGE = { active: 'online', expired: 'offline', used_up: 'offline', revoked: 'error' };
const TTLS = [[900, '15 minutes'], [3600, '1 hour'], [86400, '1 day'], [604800, '7 days']];

// The Enrollment tokens page (admins): join tokens with which hosts register themselves as hypervisors (`hyperfleet
// agent`). The secret is shown once, when created; the list shows each token's state and uses, and Revoke.
// Tokens are not on the event stream, but a registration spends a use and changes a hypervisor, which is.
export function renderTokens(main) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' }, 'Loading…');
  const tbody = h('tbody');
  const body = h('div', { class: 'table-wrap' }, h('table', { class: 'table', 'aria-label': 'Enrollment tokens' },
    h('thead', {}, h('tr', {}, ['Token', 'State', 'Uses', 'Hypervisor', 'Expires', 'Last used', 'Created by', 'Description', '']
      .map((c) => h('th', { scope: 'col' }, c)))),
    tbody));
  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Enrollment tokens'), summary),
      h('div', { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', onclick: () => openCreate(load) }, '+ New token'))),
    h('p', { class: 'muted small' }, 'A host with a token joins by itself: run the join command on it and it registers as a hypervisor. '
      + 'Revoking a token stops further registrations; hosts it registered stay.'),
    body);

  function row(t) {
    const since = (iso) => h('td', { class: 'since', title: absoluteTime(iso), dataset: iso ? { since: iso } : {} }, relativeTime(iso));
    return h('tr', { dataset: { id: t.id, state: t.state } },
      h('td', {}, h('strong', { class: 'mono' }, t.id), h('div', { class: 'muted small', title: absoluteTime(t.created_at) }, `created ${relativeTime(t.created_at)}`)),
      h('td', {}, h('span', { class: `badge badge-${BADGE[t.state] ?? 'offline'}` }, humanize(t.state)),
        t.revoked_at ? h('div', { class: 'muted small', title: absoluteTime(t.revoked_at) }, relativeTime(t.revoked_at)) : null),
      h('td', { class: 'nowrap' }, `${t.uses}/${t.uses_allowed ?? 'any'}`),
      h('td', { class: t.hypervisor ? 'mono' : 'muted' }, t.hypervisor ?? 'any'),
      since(t.expires_at),
      since(t.last_used_at),
      h('td', {}, t.created_by),
      h('td', {}, t.description ? h('div', { class: 'clip', title: t.description }, t.description) : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'row-actions' }, t.state === 'active'
        ? h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Revoke ${t.id}`, onclick: () => revoke(t) }, 'Revoke') : null));
  }

  async function load() {
    try {
      const tokens = await get('/enrollment-tokens');
      clear(tbody, tokens.length ? tokens.map(row)
        : [h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'No enrollment tokens yet. Create one to let hosts join by themselves.'))]);
      const active = tokens.filter((t) => t.state === 'active').length;
      summary.textContent = `${active} active · ${tokens.length} token${tokens.length === 1 ? '' : 's'} (newest first)`;
    } catch (e) {
      clear(body, h('section', { class: 'empty' }, h('h2', {}, 'Cannot load enrollment tokens'), h('p', {}, e.message)));
    }
  }

  async function revoke(t) {
    const ok = await confirmDialog({
      title: `Revoke token ${t.id}?`, message: 'No host can register with it any more.',
      details: ['Hosts it registered already stay, with their own credentials.', 'This cannot be undone: create a new token if needed.'],
      confirmLabel: 'Revoke', danger: true,
    });
    if (!ok) return;
    try {
      await del(`/enrollment-tokens/${enc(t.id)}`);
      toast(`Token ${t.id}: revoked.`);
    } catch (e) {
      toast(`Token ${t.id}: ${e.message}`, 'error');
    }
    load();
  }

  // A host registering through the agent spends a use: reload (coalesced) when an agent-registered hypervisor changes.
  let pending = null;
  const soon = () => { if (!pending) pending = setTimeout(() => { pending = null; load(); }, 500); };
  const unsubscribe = store.subscribe((change) => {
    if (change.type === 'reload' || change.hypervisor?.registered_by === 'agent') soon();
  });
  const ticker = setInterval(() => {
    for (const el of tbody.querySelectorAll('[data-since]')) el.textContent = relativeTime(el.dataset.since);
  }, 15000);
  load();
  return () => { unsubscribe(); clearTimeout(pending); clearInterval(ticker); };
}

function openCreate(reload) {
  const field = (id, label, input, hint) => h('div', { class: 'field', dataset: { field: id } },
    h('label', { for: `tk-${id}` }, label), input, hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'field-error', id: `tk-${id}-error` }));
  const ttl = h('select', { id: 'tk-ttl_seconds' }, TTLS.map(([seconds, label]) => h('option', { value: seconds, selected: seconds === 3600 }, label)));
  const uses = h('input', { id: 'tk-uses', type: 'number', min: 1, inputmode: 'numeric', placeholder: 'any' });
  const hypervisor = h('input', { id: 'tk-hypervisor', autocomplete: 'off', spellcheck: 'false', placeholder: 'any' });
  const description = h('input', { id: 'tk-description', autocomplete: 'off', placeholder: 'e.g. room 101, rack 2' });
  const banner = h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', form: 'token-form' }, 'Create token');
  const form = h('form', { id: 'token-form', class: 'form', novalidate: true, onsubmit: submitHandler(banner, submit, async () => {
    const body = { ttl_seconds: Number(ttl.value) };
    if (uses.value !== '') body.uses = Number(uses.value);
    if (hypervisor.value.trim()) body.hypervisor = hypervisor.value.trim();
    if (description.value.trim()) body.description = description.value.trim();
    const created = await post('/enrollment-tokens', body);
    dialog.close();
    reload();
    showCreated(created);
  }) },
  banner,
  h('div', { class: 'grid-2' },
    field('ttl_seconds', 'Valid for', ttl),
    field('uses', 'Uses', uses, 'How many hosts may register with it; empty for any number while it is valid.')),
  field('hypervisor', 'Hypervisor ID', hypervisor, 'Only this hypervisor may register with it (it may also replace that host\'s key); empty for any.'),
  field('description', 'Description', description));
  for (const input of [ttl, uses, hypervisor, description]) input.setAttribute('aria-describedby', `${input.id}-error`);
  const dialog = openDialog({
    title: 'New enrollment token', body: form,
    footer: [h('button', { type: 'button', class: 'btn', onclick: () => dialog.close() }, 'Cancel'), submit],
  });
  uses.focus();
}

// The token exists in clear only in this answer: the server keeps a hash.
function showCreated(t) {
  const secret = (label, value, cls) => {
    const text = h(cls === 'code' ? 'pre' : 'code', { class: `secret ${cls}`, dataset: { secret: label.toLowerCase().replaceAll(' ', '-') } }, value);
    return [h('dt', {}, label), h('dd', {}, h('div', { class: 'secret-row' }, text, copyButton(label, text)))];
  };
  const done = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => dialog.close() }, 'Done');
  const dialog = openDialog({
    title: `Token ${t.id} created`, wide: true,
    body: [
      h('p', { class: 'notice notice-warn', role: 'note' }, h('strong', {}, 'Shown once: only a hash is kept. '),
        'Copy the token or the join command now; if it is lost, revoke the token and create another.'),
      h('dl', { class: 'facts secrets' },
        secret('Token', t.token, 'mono'),
        secret('CA pin', t.ca_pin, 'mono'),
        secret('Join command', t.join_command, 'code')),
      h('p', { class: 'muted small' }, `Run the join command as root on the host. It expires ${relativeTime(t.expires_at)} (${absoluteTime(t.expires_at)})`,
        t.uses_allowed ? ` and registers at most ${t.uses_allowed} host${t.uses_allowed === 1 ? '' : 's'}.` : '.'),
    ],
    footer: [done],
  });
  done.focus();
}
