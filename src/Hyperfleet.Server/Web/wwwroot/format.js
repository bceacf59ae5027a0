export const TYPE_LABELS = {
  pure_hypervisor: 'Pure hypervisor',
  pure_disk_operations: 'Pure disk operations',
  mixed: 'Mixed',
};

export const MODE_LABELS = { 'wireguard+geneve': 'WireGuard + Geneve', geneve: 'Geneve only' };

export const FLAVOUR_LABELS = { hypervisor: 'hypervisor', 'hypervisor-standalone': 'hypervisor-standalone' };

const units = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600],
  ['day', 24 * 3600], ['hour', 3600], ['minute', 60], ['second', 1],
];
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function relativeTime(iso, now = Date.now()) {
  if (!iso) return '—';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
  }
  return '';
}

export function absoluteTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

export function mib(value) {
  if (value === null || value === undefined) return '—';
  return value >= 1024 ? `${(value / 1024).toFixed(value >= 10240 ? 0 : 1)} GiB` : `${value} MiB`;
}

export function guestMtu(infraMtu, mode) {
  const raw = infraMtu - 54 - (mode === 'wireguard+geneve' ? 60 : 0);
  return Math.min(9000, Math.max(1280, raw));
}

export function humanize(code) {
  return code ? code.replaceAll('_', ' ') : '';
}

// Clock time for today's events, date and time for older ones.
export function eventTime(iso) {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString('en-GB') : d.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}
