// The UI speaks the same public REST API as the CLI. The session cookie authenticates it; the
// X-Hyperfleet-Request header is the CSRF guard the server requires on cookie-authenticated writes.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? `http_${status}`;
    this.title = problem?.title ?? '';
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

const listeners = new Set();
export const onUnauthenticated = (fn) => listeners.add(fn);

export async function api(method, path, body) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Hyperfleet-Request': '1' },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiError(0, { code: 'server_unreachable', title: 'Server unreachable', detail: 'The control plane did not answer. Is hyperfleet serve running?' });
  }
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 200) }; }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && !path.startsWith('/auth/login')) listeners.forEach((fn) => fn(error));
    throw error;
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
export const enc = encodeURIComponent;
