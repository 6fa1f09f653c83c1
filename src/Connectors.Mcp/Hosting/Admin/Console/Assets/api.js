// The admin API over fetch: same-origin cookie session, CSRF token on every state-changing request, JSON errors.

let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Called whenever the server answers 401: the session ended (expired, signed out elsewhere, token revoked). */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

export function forgetSession() {
  csrfToken = null;
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Is connectors-mcp still running?');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = json?.error;
    const failure = new ApiError(response.status, error?.code ?? 'http_' + response.status, error?.message ?? `The server answered ${response.status}.`);
    if (response.status === 401 && path !== '/admin/login') {
      forgetSession();
      onSignedOut(failure);
    }
    throw failure;
  }
  return json;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  put: (path, body) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
};

/** Exchanges the admin token for a session cookie. The token goes in the JSON body only, never in a URL. */
export async function signIn(token) {
  await request('POST', '/admin/login', { token });
  return loadSession();
}

/** The current cookie session (CSRF token, token name), or throws ApiError 401. */
export async function loadSession() {
  const session = await request('GET', '/admin/api/session');
  csrfToken = session.csrf_token;
  return session;
}

export async function signOut() {
  try {
    await request('POST', '/admin/logout', {});
  } finally {
    forgetSession();
  }
}

/** Query string from an object, skipping empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export const enc = encodeURIComponent;
