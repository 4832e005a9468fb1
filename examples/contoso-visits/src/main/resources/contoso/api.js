// Calls to this app's own back-end. The session cookie rides along; the X-Requested-With header
// is the app's CSRF guard (a cross-site form cannot send it). Foyer's credentials never reach the
// browser: the back-end holds them.
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-Requested-With'] = 'fetch';
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const err = new Error((data && data.error && data.error.message) || 'HTTP ' + res.status);
    err.status = res.status;
    err.code = data && data.error && data.error.code;
    throw err;
  }
  return data;
}

export const $ = (id) => document.getElementById(id);

/** Shows one of the page's screens (sections with data-screen) and records it on <body>. */
export function showScreen(name) {
  document.querySelectorAll('main > section[data-screen]').forEach((s) => { s.hidden = s.dataset.screen !== name; });
  document.body.dataset.screen = name;
}

/** Signs in with the form's fields; resolves with the profile. */
export async function signIn(form) {
  return api('POST', '/api/login', { username: form.username.value, password: form.password.value });
}
