import { post, patch, enc } from './api.js';
import { h, toast } from './dom.js';
import { openDialog } from './modal.js';
import { store } from './store.js';
import { showErrors } from './actions.js';
import { guestMtu } from './format.js';

// The seed's "Add hypervisor" form. Field names are the API's (data-field), so its validation errors land
// next to the right input; the client checks only what it must (at least one capability).
export function openEditor(existing = null) {
  const editing = existing !== null;
  const v = existing ?? {
    id: '', description: '', hostname: '', ssh_user: 'root', ssh_port: 2022,
    capabilities: { hypervisor: true, disk_operations: true }, flavour: 'hypervisor', vpn_tunneling_mode: 'wireguard+geneve',
    viewer: { static_host: '', proxy_video_host: '', proxy_hyper_host: '', spice_port: 80, html5_port: 443 },
    only_forced: false, min_free_mem_mib: 0, infrastructure_mtu: 1500,
  };
  const inputs = {};
  const field = (name, label, input, hint) => {
    input.id ||= `hv-${name.replace('.', '-')}`;
    inputs[name] = input;
    const errorId = `${input.id}-error`;
    input.setAttribute('aria-describedby', errorId);
    return h('div', { class: 'field', dataset: { field: name } },
      h('label', { for: input.id }, label), input,
      hint ? h('p', { class: 'hint' }, hint) : null,
      h('p', { class: 'field-error', id: errorId }));
  };
  const text = (value, extra = {}) => h('input', { value: value ?? '', autocomplete: 'off', spellcheck: 'false', ...extra });
  const number = (value, min, max) => h('input', { type: 'number', value: value ?? '', min, max, inputmode: 'numeric' });
  const select = (value, options) => h('select', {}, options.map(([val, label]) => h('option', { value: val, selected: val === value }, label)));
  const check = (id, checked, label) => h('label', { class: 'check' }, h('input', { type: 'checkbox', id, checked }), label);

  const capHyper = check('hv-cap-hypervisor', v.capabilities.hypervisor, 'Hypervisor — runs desktops');
  const capDisk = check('hv-cap-disk', v.capabilities.disk_operations, 'Disk operations — creates, converts and moves disks');
  const onlyForced = check('hv-only-forced', v.only_forced, 'Only forced — takes only desktops forced onto it');
  const mtuHint = h('p', { class: 'hint' });
  const updateMtu = () => {
    const infra = Number(inputs.infrastructure_mtu.value) || 1500;
    mtuHint.textContent = `Desktops' overlay MTU will be ${guestMtu(infra, inputs.vpn_tunneling_mode.value)} (Geneve −54${inputs.vpn_tunneling_mode.value === 'wireguard+geneve' ? ', WireGuard −60' : ''}).`;
  };

  const banner = h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
  const onlineNote = editing && (existing.status === 'Online' || existing.status === 'Deleting')
    ? h('p', { class: 'notice notice-warn' }, `${existing.id} is ${existing.status}. Only Offline or Error hypervisors can be edited: disable it first.`)
    : null;
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', form: 'hv-form' }, editing ? 'Save changes' : 'Add hypervisor');

  const form = h('form', { id: 'hv-form', class: 'form', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
    onlineNote,
    banner,
    h('fieldset', {}, h('legend', {}, 'Identity'),
      h('div', { class: 'grid-2' },
        field('id', 'ID', text(v.id, { disabled: editing, required: true, placeholder: 'hv1' }), editing ? 'The ID cannot change.' : 'Lower-case letters, digits and dashes.'),
        field('description', 'Description', text(v.description, { placeholder: 'Rack 2, 64 cores' })))),
    h('fieldset', {}, h('legend', {}, 'Connection'),
      field('hostname', 'Hostname', text(v.hostname, { required: true, placeholder: 'hv1.example.org or 10.0.0.11' }),
        'IP or DNS name this control plane reaches it at (an internal network is fine; not loopback).'),
      h('div', { class: 'grid-2' },
        field('ssh_user', 'SSH user', text(v.ssh_user)),
        field('ssh_port', 'SSH port', number(v.ssh_port, 1, 65535), '2022: port 22 stays for the host\'s own SSH.'))),
    h('fieldset', { class: 'field', dataset: { field: 'capabilities' }, 'aria-describedby': 'hv-capabilities-error' },
      h('legend', {}, 'Capabilities (at least one)'), capHyper, capDisk,
      h('p', { class: 'hint' }, 'Both = mixed. Only disk operations suits a NAS that should do the disk work itself.'),
      h('p', { class: 'field-error', id: 'hv-capabilities-error' })),
    h('fieldset', {}, h('legend', {}, 'Network'),
      h('div', { class: 'grid-2' },
        field('flavour', 'Flavour', select(v.flavour, [['hypervisor', 'hypervisor — its own video proxy'], ['hypervisor-standalone', 'hypervisor-standalone — central video proxy']])),
        field('vpn_tunneling_mode', 'Tunneling mode', select(v.vpn_tunneling_mode, [['wireguard+geneve', 'WireGuard + Geneve (encrypted, default)'], ['geneve', 'Geneve only (trusted network)']]))),
      h('div', { class: 'grid-2' },
        h('div', {}, field('infrastructure_mtu', 'Infrastructure MTU', number(v.infrastructure_mtu, 576, 9216)), mtuHint),
        field('min_free_mem_mib', 'Minimum free memory (MiB)', number(v.min_free_mem_mib, 0), 'No desktop is placed there below this reserve.'))),
    h('fieldset', {}, h('legend', {}, 'Viewers'),
      h('div', { class: 'grid-3' },
        field('viewer.static_host', 'Viewer static host', text(v.viewer.static_host, { placeholder: 'this web server' })),
        field('viewer.proxy_video_host', 'Proxy video host', text(v.viewer.proxy_video_host, { placeholder: 'public name of the video proxy' })),
        field('viewer.proxy_hyper_host', 'Proxy hyper host', text(v.viewer.proxy_hyper_host, { placeholder: 'isard-hypervisor' }))),
      h('div', { class: 'grid-3' },
        field('viewer.spice_port', 'SPICE port', number(v.viewer.spice_port, 1, 65535)),
        field('viewer.html5_port', 'HTML5 port', number(v.viewer.html5_port, 1, 65535)),
        h('div', { class: 'field field-check' }, onlyForced))));

  inputs.infrastructure_mtu.addEventListener('input', updateMtu);
  inputs.vpn_tunneling_mode.addEventListener('change', updateMtu);
  updateMtu();

  const dialog = openDialog({
    title: editing ? `Edit ${existing.id}` : 'Add hypervisor', body: form, wide: true,
    footer: [h('button', { type: 'button', class: 'btn', onclick: () => dialog.close() }, 'Cancel'), submit],
  });
  (editing ? inputs.description : inputs.id).focus();

  function body() {
    const str = (name) => inputs[name].value.trim();
    const opt = (name) => str(name) || undefined;
    const num = (name) => (inputs[name].value === '' ? undefined : Number(inputs[name].value));
    return {
      ...(editing ? {} : { id: str('id') }),
      description: inputs.description.value,
      hostname: str('hostname'),
      ssh_user: opt('ssh_user'),
      ssh_port: num('ssh_port'),
      capabilities: { hypervisor: capHyper.firstChild.checked, disk_operations: capDisk.firstChild.checked },
      flavour: inputs.flavour.value,
      vpn_tunneling_mode: inputs.vpn_tunneling_mode.value,
      viewer: {
        static_host: opt('viewer.static_host'), proxy_video_host: opt('viewer.proxy_video_host'), proxy_hyper_host: opt('viewer.proxy_hyper_host'),
        spice_port: num('viewer.spice_port'), html5_port: num('viewer.html5_port'),
      },
      only_forced: onlyForced.firstChild.checked,
      min_free_mem_mib: num('min_free_mem_mib'),
      infrastructure_mtu: num('infrastructure_mtu'),
    };
  }

  async function save() {
    banner.hidden = true;
    for (const box of form.querySelectorAll('.invalid')) box.classList.remove('invalid');
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const data = body();
    if (!data.capabilities.hypervisor && !data.capabilities.disk_operations) {
      showErrors(form, banner, { errors: [{ field: 'capabilities', message: 'Choose at least one: hypervisor, disk operations or both.' }] });
      return;
    }
    submit.disabled = true;
    try {
      const saved = editing ? await patch(`/hypervisors/${enc(existing.id)}`, data) : await post('/hypervisors', data);
      store.put(saved);
      toast(editing ? `${saved.id} saved.` : `${saved.id} added. Enable it when its SSH key is installed.`);
      dialog.close();
    } catch (err) {
      showErrors(form, banner, err);
    } finally {
      submit.disabled = false;
    }
  }
}
