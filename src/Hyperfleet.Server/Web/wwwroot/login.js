import { post } from './api.js';
import { h, clear } from './dom.js';

export function renderLogin(root, notice, onLoggedIn) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, value: 'admin' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Log in');
  const form = h('form', { class: 'login-card', 'aria-labelledby': 'login-title', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      onLoggedIn(await post('/auth/login', { username: username.value, password: password.value }));
    } catch (err) {
      error.textContent = err.code === 'invalid_credentials' ? 'User name or password is wrong.' : err.message;
      error.hidden = false;
      password.select();
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'login-brand' }, h('img', { src: 'favicon.svg', alt: '', width: 36, height: 36 }),
    h('div', {}, h('h1', { id: 'login-title' }, 'Hyperfleet'), h('p', { class: 'muted' }, 'Hypervisor fleet administration'))),
  notice ? h('p', { class: 'notice' }, notice) : null,
  h('div', { class: 'field' }, h('label', { for: 'login-username' }, 'User name'), username),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
  error,
  submit,
  h('p', { class: 'muted small' }, 'The first start of hyperfleet serve prints the admin password (or takes HYPERFLEET_ADMIN_PASSWORD).'));
  clear(root, h('div', { class: 'login-page' }, form));
  (username.value ? password : username).focus();
}
