import { get } from './api.js';

// The fleet as the UI knows it: loaded once, then kept true by the server-sent event stream.
const hypervisors = new Map();
const listeners = new Set();
let loaded = false;

export const store = {
  get loaded() { return loaded; },
  all: () => [...hypervisors.values()].sort((a, b) => a.id.localeCompare(b.id)),
  byId: (id) => hypervisors.get(id),
  subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); },

  async reload() {
    const list = await get('/hypervisors');
    hypervisors.clear();
    for (const hv of list) hypervisors.set(hv.id, hv);
    loaded = true;
    emit({ type: 'reload' });
  },

  put(hv, event = null) {
    hypervisors.set(hv.id, hv);
    emit({ type: 'changed', id: hv.id, hypervisor: hv, event });
  },

  remove(id, event = null) {
    hypervisors.delete(id);
    emit({ type: 'removed', id, event });
  },
};

function emit(change) {
  for (const fn of listeners) fn(change);
}
