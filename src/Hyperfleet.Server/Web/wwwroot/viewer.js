// The browser viewer: asks the API for a single-use ticket and a fresh VNC password for one desktop, then lets
// noVNC (served by this control plane, from npm) open the WebSocket through the video proxy the ticket names.
import RFB from './novnc/core/rfb.js';
import { post, enc, ApiError } from './api.js';

const params = new URLSearchParams(location.search);
const desktopId = params.get('desktop') ?? '';
const status = document.getElementById('viewer-status');
const screen = document.getElementById('viewer-screen');
const reconnect = document.getElementById('viewer-reconnect');
const cad = document.getElementById('viewer-cad');
document.getElementById('viewer-title').textContent = desktopId || 'Desktop';
document.title = `${desktopId} · Hyperfleet viewer`;

const say = (text, tone = '') => {
  status.textContent = text;
  status.dataset.tone = tone;
};

async function connect() {
  reconnect.hidden = true;
  say('Asking for a ticket…');
  let ticket;
  try {
    ticket = await post(`/desktops/${enc(desktopId)}/viewer`, { protocol: 'browser' });
  } catch (e) {
    const message = e instanceof ApiError && e.status === 401 ? 'Log in first (open Hyperfleet in another tab), then reconnect.' : e.message;
    say(message, 'error');
    reconnect.hidden = false;
    return;
  }
  screen.replaceChildren();
  say('Connecting…');
  let connected = false;
  const rfb = new RFB(screen, ticket.url, { credentials: { password: ticket.password }, wsProtocols: ['binary'] });
  rfb.scaleViewport = true;
  rfb.background = '#111';
  window.hyperfleetViewer = rfb; // read by the browser tests (rfb's canvas)
  rfb.addEventListener('connect', () => {
    connected = true;
    say('Connected', 'online');
    cad.disabled = false;
    document.body.dataset.connected = 'true';
  });
  rfb.addEventListener('disconnect', (event) => {
    cad.disabled = true;
    document.body.dataset.connected = 'false';
    if (connected) {
      say(event.detail.clean ? 'Disconnected' : 'Connection lost', 'error');
    } else {
      unreachable(ticket.url);
    }
    reconnect.hidden = false;
  });
  rfb.addEventListener('securityfailure', (event) => say(`Refused: ${event.detail.reason ?? 'authentication failed'}`, 'error'));
  rfb.addEventListener('desktopname', (event) => { document.getElementById('viewer-title').textContent = `${desktopId} — ${event.detail.name}`; });
  cad.onclick = () => rfb.sendCtrlAltDel();
}

// The WebSocket never opened: most often a browser that does not trust the proxy's certificate yet (it says nothing
// to the page about why), else a proxy that is not running. The proxy's own page tells the two apart for the user.
function unreachable(url) {
  const proxy = new URL(url.replace(/^ws/, 'http'));
  const page = `${proxy.protocol}//${proxy.host}/`;
  const link = document.createElement('a');
  link.href = page;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = page;
  status.replaceChildren(`Could not reach the video proxy at ${proxy.host}. If your browser does not trust its certificate yet, open `,
    link, ' once (or install the Hyperfleet CA), then Reconnect.');
  status.dataset.tone = 'error';
}

reconnect.addEventListener('click', connect);
if (desktopId) {
  connect();
} else {
  say('No desktop named: open the viewer from the Desktops page.', 'error');
}
