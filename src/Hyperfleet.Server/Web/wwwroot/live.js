import { store } from './store.js';
import { publishResource } from './resources.js';

// One EventSource for the whole UI. After every (re)connection the list is reloaded once the server
// says "ready", so nothing that happened while disconnected is missed.
let source = null;
let retryTimer = null;
const stateListeners = new Set();
export const onLiveState = (fn) => { stateListeners.add(fn); fn(state); return () => stateListeners.delete(fn); };
let state = 'connecting';

function setState(next) {
  state = next;
  stateListeners.forEach((fn) => fn(next));
}

export function startLive(onLost) {
  stopLive();
  source = new EventSource('/api/v1/events');
  source.addEventListener('ready', async () => {
    setState('live');
    try { await store.reload(); } catch { /* the next event or reconnect retries */ }
    publishResource('*.reload', null);
  });
  for (const name of ['desktop.changed', 'desktop.removed', 'template.changed', 'template.removed', 'task.changed', 'viewer_session.changed']) {
    source.addEventListener(name, (e) => publishResource(name, JSON.parse(e.data)));
  }
  source.addEventListener('hypervisor.changed', (e) => {
    const n = JSON.parse(e.data);
    if (n.hypervisor) store.put(n.hypervisor, n.event);
  });
  source.addEventListener('hypervisor.removed', (e) => {
    const n = JSON.parse(e.data);
    store.remove(n.hypervisor_id, n.event);
  });
  source.onerror = () => {
    setState('reconnecting');
    // The browser retries by itself unless the server refused (e.g. 401): then ask whether we are still logged in.
    if (source.readyState === EventSource.CLOSED) {
      retryTimer = setTimeout(() => onLost(), 3000);
    }
  };
}

export function stopLive() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setState('connecting');
}
