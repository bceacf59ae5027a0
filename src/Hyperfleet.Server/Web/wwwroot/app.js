import { get, post, onUnauthenticated } from './api.js';
import { h, clear, toast } from './dom.js';
import { startLive, stopLive, onLiveState } from './live.js';
import { renderLogin } from './login.js';
import { renderHypervisors } from './hypervisors.js';
import { renderEvents } from './events.js';
import { renderDesktops } from './desktops.js';
import { renderUsers } from './users.js';
import { renderSessions } from './sessions.js';
import { renderTokens } from './tokens.js';
import { renderMyDesktops } from './my-desktops.js';

const root = document.getElementById('app');
let session = null;
let disposePage = null;

// What each role sees: admins the whole fleet; a plain user only the desktops they own (the API enforces the same).
const adminPages = {
  hypervisors: { title: 'Hypervisors', render: renderHypervisors },
  desktops: { title: 'Desktops', render: renderDesktops },
  sessions: { title: 'Sessions', render: renderSessions },
  users: { title: 'Users', render: renderUsers },
  tokens: { title: 'Enrollment tokens', render: renderTokens },
  events: { title: 'Events', render: renderEvents },
};
const userPages = {
  desktops: { title: 'Desktops', render: renderMyDesktops },
};
const isAdmin = () => session?.role === 'admin';
const pagesFor = () => (isAdmin() ? adminPages : userPages);

function currentPage() {
  const pages = pagesFor();
  const name = location.hash.replace(/^#\/?/, '').split('?')[0];
  return pages[name] ? name : Object.keys(pages)[0];
}

function shell() {
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const live = h('span', { class: 'live', 'aria-live': 'polite' });
  onLiveState((s) => {
    live.className = `live live-${s}`;
    live.textContent = s === 'live' ? 'Live' : s === 'reconnecting' ? 'Reconnecting…' : 'Connecting…';
    live.title = s === 'live' ? 'Changes appear as they happen' : 'Waiting for the event stream';
  });
  const nav = h('nav', { class: 'nav', 'aria-label': 'Main' },
    Object.entries(pagesFor()).map(([name, page]) =>
      h('a', { href: `#/${name}`, dataset: { page: name } }, page.title)));
  const header = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: `#/${Object.keys(pagesFor())[0]}` }, h('img', { src: 'favicon.svg', alt: '', width: 24, height: 24 }), 'Hyperfleet'),
    nav,
    h('div', { class: 'topbar-right' },
      isAdmin() ? live : null,
      h('span', { class: 'user', title: `Signed in as ${session.username} (${session.role})` }, session.username),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: logout }, 'Log out')));
  clear(root, header, main);
  return main;
}

function route() {
  if (!session) return;
  const name = currentPage();
  let main = document.getElementById('main');
  if (!main) main = shell();
  for (const link of root.querySelectorAll('.nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  disposePage?.();
  clear(main);
  const page = pagesFor()[name];
  document.title = `${page.title} · Hyperfleet`;
  disposePage = page.render(main, session) ?? null;
}

async function logout() {
  try { await post('/auth/logout'); } catch { /* the cookie is cleared either way */ }
  showLogin('You are logged out.');
}

function showLogin(notice) {
  session = null;
  disposePage?.();
  disposePage = null;
  stopLive();
  document.title = 'Log in · Hyperfleet';
  renderLogin(root, notice, (me) => start(me));
}

function start(me) {
  session = me;
  if (me.role !== 'admin' && me.role !== 'user') {
    showLogin(`${me.username} has no role this UI knows (${me.role}).`);
    return;
  }
  clear(root);
  // The event stream is the admin's; a user's page polls their own desktops instead.
  if (isAdmin()) startLive(checkSession);
  route();
}

async function checkSession() {
  try {
    const me = await get('/auth/me');
    if (!session) start(me); else if (isAdmin()) startLive(checkSession);
  } catch (e) {
    if (e.status !== 401) setTimeout(checkSession, 5000);
  }
}

onUnauthenticated(() => {
  if (session) showLogin('Your session ended. Log in again.');
});
window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (e) => toast(e.reason?.message ?? String(e.reason), 'error'));

get('/auth/me').then(start, (e) => {
  if (e.status === 401) showLogin();
  else clear(root, h('section', { class: 'empty' }, h('h2', {}, 'Cannot reach the control plane'), h('p', {}, e.message)));
});
