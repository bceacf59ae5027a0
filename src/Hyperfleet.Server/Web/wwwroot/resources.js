// Live non-hypervisor resources (desktops, templates, tasks, pools): pages subscribe by kind prefix and get
// every "<kind>.changed" / "<kind>.removed" notification of the event stream, plus "reload" after a reconnect.
const listeners = new Set();

export function onResource(kind, fn) {
  const entry = { kind, fn };
  listeners.add(entry);
  return () => listeners.delete(entry);
}

export function publishResource(name, notification) {
  const [kind, what] = name.split('.');
  for (const entry of listeners) {
    if (entry.kind === kind || kind === '*') entry.fn({ type: what, id: notification?.resource_id, resource: notification?.resource ?? null });
  }
}
