import { post, del, get, enc } from './api.js';
import { h, toast, clear } from './dom.js';
import { openDialog, confirmDialog } from './modal.js';
import { store } from './store.js';

// Every action goes through the public API; the list updates from the event stream, but the
// response is applied at once too so the admin sees the result even before the event arrives.

export async function setEnabled(hv, enabled) {
  if (!enabled) {
    const ok = await confirmDialog({
      title: `Disable ${hv.id}?`,
      message: 'The engine disconnects from it and no new desktops are placed there.',
      details: ['Desktops already running there keep running.', 'Enable it again at any time; the engine reconnects.'],
      confirmLabel: 'Disable',
    });
    if (!ok) return false;
  }
  try {
    store.put(await post(`/hypervisors/${enc(hv.id)}/${enabled ? 'enable' : 'disable'}`));
    toast(enabled ? `${hv.id} enabled: the engine is connecting.` : `${hv.id} disabled. Running desktops keep running.`);
    return true;
  } catch (e) {
    toast(`${hv.id}: ${e.message}`, 'error');
    return false;
  }
}

export async function deleteHypervisor(hv) {
  const force = hv.status === 'Deleting';
  const ok = await confirmDialog(force
    ? {
      title: `Force delete ${hv.id}?`,
      message: 'It is removed now, without waiting for its desktops to stop.',
      details: ['Desktops still running there are no longer managed by Hyperfleet.', 'Its history stays in the events log.'],
      confirmLabel: 'Force delete', danger: true,
    }
    : {
      title: `Delete ${hv.id}?`,
      message: 'It turns Deleting and is removed once no desktop runs there.',
      details: ['If desktops keep it in Deleting, use Force delete.'],
      confirmLabel: 'Delete', danger: true,
    });
  if (!ok) return;
  try {
    const result = await del(`/hypervisors/${enc(hv.id)}${force ? '?force=true' : ''}`);
    if (result) store.put(result); else store.remove(hv.id);
    toast(result ? `${hv.id} is Deleting.` : `${hv.id} removed.`);
  } catch (e) {
    toast(`${hv.id}: ${e.message}`, 'error');
  }
}

export async function repinHostKey(hv) {
  const ok = await confirmDialog({
    title: `Re-pin the host key of ${hv.id}?`,
    message: 'Hyperfleet fetches the host key the server presents now and trusts it from then on.',
    details: [
      `Pinned now: ${hv.ssh_host_key_fingerprint ?? 'none'}.`,
      'Do this only if you know the host was reinstalled or its key rotated: a changed key can also mean someone is intercepting the connection.',
    ],
    confirmLabel: 'Re-pin host key', danger: true,
  });
  if (!ok) return;
  try {
    const result = await post(`/hypervisors/${enc(hv.id)}/repin-host-key`);
    if (result?.id) store.put(result);
    toast(`${hv.id}: host key pinned${result?.ssh_host_key_fingerprint ? ` (${result.ssh_host_key_fingerprint})` : ''}.`);
  } catch (e) {
    toast(`${hv.id}: ${e.message}`, 'error');
  }
}

// "Add SSH key": installs the control plane's public key on the host with a one-time password, pins its host key.
export function addSshKey(hv) {
  const field = (id, label, input, hint) => h('div', { class: 'field', dataset: { field: id } },
    h('label', { for: `ssh-${id}` }, label), input, hint ? h('p', { class: 'hint' }, hint) : null, h('p', { class: 'field-error', id: `ssh-${id}-error` }));
  const host = h('input', { id: 'ssh-host', value: hv?.hostname ?? '', required: true, autocomplete: 'off' });
  const port = h('input', { id: 'ssh-port', type: 'number', min: 1, max: 65535, value: hv?.ssh_port ?? 2022 });
  const user = h('input', { id: 'ssh-user', value: hv?.ssh_user ?? 'root', autocomplete: 'off' });
  const password = h('input', { id: 'ssh-password', type: 'password', autocomplete: 'off', required: true });
  const result = h('div', { class: 'ssh-result', 'aria-live': 'polite' });
  const banner = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const publicKey = h('pre', { class: 'code small' }, 'Loading the control plane\'s public key…');
  get('/ssh-key').then((k) => { publicKey.textContent = `${k.public_key}\n${k.fingerprint}`; },
    (e) => { publicKey.textContent = `Public key unavailable: ${e.message}`; });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', form: 'ssh-form' }, 'Install key');
  const form = h('form', { id: 'ssh-form', class: 'form', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    banner.hidden = true;
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    clear(result, h('p', { class: 'muted' }, 'Connecting…'));
    try {
      const r = await post('/ssh-keys/install', { host: host.value.trim(), port: Number(port.value), user: user.value.trim(), password: password.value });
      password.value = '';
      clear(result, renderInstallResult(r));
    } catch (err) {
      clear(result);
      showErrors(form, banner, err);
    } finally {
      submit.disabled = false;
    }
  } },
  h('p', {}, 'Installs the control plane\'s SSH public key on the host, so the engine can log in without a password. The password is used once and never stored.'),
  banner,
  h('div', { class: 'grid-2' }, field('host', 'Host', host), field('port', 'SSH port', port)),
  h('div', { class: 'grid-2' }, field('user', 'User', user), field('password', 'Password', password, 'Used once, not stored.')),
  h('details', {}, h('summary', {}, 'Install it by hand instead'), h('p', { class: 'hint' }, 'Append this line to ~/.ssh/authorized_keys of the SSH user:'), publicKey),
  result);
  openDialog({ title: hv ? `Add SSH key to ${hv.id}` : 'Add SSH key to a host', body: form, footer: [submit] });
  (host.value ? password : host).focus();
}

function renderInstallResult(r) {
  const checks = [['Key installed', r.key_installed], ['Login with the key', r.key_login_ok], ['libvirt reachable', r.libvirt_ok]];
  return h('div', {},
    h('dl', { class: 'facts' },
      h('dt', {}, 'Pinned host key'), h('dd', { class: 'mono' }, r.fingerprint ?? '—'),
      checks.flatMap(([label, ok]) => [h('dt', {}, label), h('dd', { class: ok ? 'ok' : 'bad' }, ok ? 'yes' : 'no')])),
    Array.isArray(r.steps) && r.steps.length
      ? h('ol', { class: 'steps' }, r.steps.map((s) => h('li', {}, typeof s === 'string' ? s : stepText(s))))
      : null);
}

function stepText(step) {
  const ok = step.ok ?? step.success;
  const name = step.name ?? step.step ?? step.title ?? '';
  const detail = step.detail ?? step.message ?? '';
  return `${ok === undefined ? '' : ok ? '✓ ' : '✗ '}${name}${detail ? ` — ${detail}` : ''}`;
}

// A form's submit handler: disables the button, clears earlier errors, runs the action, and shows the API's
// refusal next to the fields it names (the rest in the banner).
export function submitHandler(banner, submit, action) {
  return async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    submit.disabled = true;
    banner.hidden = true;
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('.invalid')) el.classList.remove('invalid');
    try {
      await action();
    } catch (err) {
      showErrors(form, banner, err);
    } finally {
      submit.disabled = false;
    }
  };
}

// Puts each API validation error next to its field (data-field = the API's field name); the rest goes to the banner.
export function showErrors(form, banner, err) {
  const unplaced = [];
  for (const fe of err.errors) {
    const box = form.querySelector(`[data-field="${CSS.escape(fe.field)}"]`);
    const slot = box?.querySelector('.field-error');
    if (slot) {
      slot.textContent = fe.message;
      box.classList.add('invalid');
      box.querySelector('input, select')?.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(`${fe.field}: ${fe.message}`);
    }
  }
  const text = err.errors.length ? unplaced.join(' ') : err.message;
  if (text || !err.errors.length) {
    banner.textContent = err.errors.length ? text : `${err.title && err.title !== err.message ? `${err.title}: ` : ''}${err.message}`;
    banner.hidden = false;
  }
  const first = form.querySelector('.invalid input, .invalid select');
  (first ?? banner).focus?.();
}

export async function stopDesktops(hv) {
  const ok = await confirmDialog({
    title: `Stop all desktops on ${hv.id}?`,
    message: 'Every desktop running there gets an ACPI shutdown, and is destroyed if it has not powered off after the timeout.',
    details: ['Users lose unsaved work.', 'The hypervisor itself stays as it is (enabled or not).'],
    confirmLabel: 'Stop all desktops', danger: true,
  });
  if (!ok) return;
  try {
    const r = await post(`/hypervisors/${enc(hv.id)}/stop-desktops`);
    const n = r?.stopping?.length ?? 0;
    toast(n ? `${hv.id}: stopping ${n} desktop${n === 1 ? '' : 's'}.` : `${hv.id}: no desktop to stop.`);
  } catch (e) {
    toast(`${hv.id}: ${e.message}`, 'error');
  }
}
