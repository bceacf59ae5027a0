import { get, post, del, enc } from './api.js';
import { h, clear, toast } from './dom.js';
import { openDialog, confirmDialog } from './modal.js';
import { submitHandler } from './actions.js';
import { relativeTime, absoluteTime } from './format.js';

// The Users page (admins): who may log in, with which role, and how many desktops each owns; add and delete.
// Users change rarely and are not on the event stream, so the page reloads after its own writes.
export function renderUsers(main, session) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' }, 'Loading…');
  const tbody = h('tbody');
  const body = h('div', { class: 'table-wrap' }, h('table', { class: 'table', 'aria-label': 'Users' },
    h('thead', {}, h('tr', {}, ['User', 'Role', 'Desktops', 'Created', ''].map((c) => h('th', { scope: 'col' }, c)))),
    tbody));
  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Users'), summary),
      h('div', { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', onclick: () => openAdd(load) }, '+ New user'))),
    h('p', { class: 'muted small' }, 'Admins manage the fleet. Users log in to see, start and stop only the desktops they own.'),
    body);

  function row(u) {
    const self = u.username === session.username;
    return h('tr', { dataset: { id: u.username } },
      h('td', {}, h('strong', {}, u.username), self ? h('span', { class: 'muted small' }, ' (you)') : null),
      h('td', {}, h('span', { class: `badge badge-${u.role === 'admin' ? 'online' : 'offline'}` }, u.role)),
      h('td', {}, String(u.desktops)),
      h('td', { class: 'since', title: absoluteTime(u.created_at) }, relativeTime(u.created_at)),
      h('td', { class: 'row-actions' }, self ? null
        : h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => remove(u) }, 'Delete')));
  }

  async function load() {
    try {
      const users = await get('/users');
      clear(tbody, users.map(row));
      const admins = users.filter((u) => u.role === 'admin').length;
      summary.textContent = `${users.length} user${users.length === 1 ? '' : 's'} · ${admins} admin${admins === 1 ? '' : 's'}`;
    } catch (e) {
      clear(body, h('section', { class: 'empty' }, h('h2', {}, 'Cannot load users'), h('p', {}, e.message)));
    }
  }

  async function remove(u) {
    const ok = await confirmDialog({
      title: `Delete ${u.username}?`, message: 'They can no longer log in; their open sessions end now.',
      details: u.desktops ? [`They own ${u.desktops} desktop(s): delete those first.`] : ['This cannot be undone.'],
      confirmLabel: 'Delete', danger: true,
    });
    if (!ok) return;
    try {
      await del(`/users/${enc(u.username)}`);
      toast(`${u.username}: deleted.`);
    } catch (e) {
      toast(`${u.username}: ${e.message}`, 'error');
    }
    load();
  }

  load();
  return null;
}

function openAdd(reload) {
  const field = (id, label, input, hint) => h('div', { class: 'field', dataset: { field: id } },
    h('label', { for: `us-${id}` }, label), input, hint ? h('p', { class: 'hint' }, hint) : null, h('p', { class: 'field-error' }));
  const username = h('input', { id: 'us-username', required: true, autocomplete: 'off', placeholder: 'e.g. ana.lopez' });
  const password = h('input', { id: 'us-password', type: 'password', required: true, autocomplete: 'new-password', minlength: 8 });
  const role = h('select', { id: 'us-role' }, h('option', { value: 'user' }, 'user: owns and uses desktops'),
    h('option', { value: 'admin' }, 'admin: manages the fleet'));
  const banner = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', form: 'user-form' }, 'Create user');
  const form = h('form', { id: 'user-form', class: 'form', novalidate: true, onsubmit: submitHandler(banner, submit, async () => {
    const body = { username: username.value.trim(), password: password.value, role: role.value };
    await post('/users', body);
    dialog.close();
    toast(`${body.username}: added as ${body.role}.`);
    reload();
  }) },
  banner,
  field('username', 'User name', username, 'Lower-case letters, digits, dots, dashes and underscores.'),
  field('password', 'Password', password, 'At least 8 characters.'),
  field('role', 'Role', role));
  const dialog = openDialog({ title: 'New user', body: form, footer: [submit] });
  username.focus();
}
