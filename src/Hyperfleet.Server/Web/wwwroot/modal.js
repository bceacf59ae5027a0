import { h, nextId } from './dom.js';

// A native <dialog>: focus trapping, Escape and the backdrop come from the browser.
export function openDialog({ title, body, footer = [], wide = false, onClose }) {
  const titleId = nextId('dlg-title');
  const dialog = h('dialog', { class: `dialog${wide ? ' dialog-wide' : ''}`, 'aria-labelledby': titleId },
    h('header', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close', onclick: () => dialog.close() }, '×')),
    h('div', { class: 'dialog-body' }, body),
    footer.length ? h('footer', { class: 'dialog-foot' }, footer) : null);
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

export function confirmDialog({ title, message, confirmLabel, danger = false, details = [] }) {
  return new Promise((resolve) => {
    let answer = false;
    const ok = h('button', { type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, onclick: () => { answer = true; dialog.close(); } }, confirmLabel);
    const dialog = openDialog({
      title,
      body: [h('p', {}, message), details.length ? h('ul', { class: 'bullets' }, details.map((d) => h('li', {}, d))) : null],
      footer: [h('button', { type: 'button', class: 'btn', onclick: () => dialog.close() }, 'Cancel'), ok],
      onClose: () => resolve(answer),
    });
    ok.focus();
  });
}
