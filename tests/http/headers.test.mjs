// Security headers: every HTML page forbids scripts, framing and foreign
// form targets; nothing is sniffed; documents are not given a page's CSP.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { findSeed, get } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

test('HTML pages carry a strict Content-Security-Policy', async () => {
  const seed = await findSeed(srv.base);
  for (const p of ['/', '/committees', seed.meetingUrl, seed.itemUrl, '/no-such-page', '/login']) {
    const r = await get(srv.base, p);
    const csp = r.headers.get('content-security-policy') || '';
    assert.match(csp, /script-src 'none'/, p);
    assert.match(csp, /frame-ancestors 'none'/, p);
    assert.match(csp, /form-action 'self'/, p);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
    assert.equal(r.headers.get('referrer-policy'), 'same-origin', p);
    // No script runs: the only <script> allowed is a JSON-LD data block
    // (meeting pages, api/jsonld.c), which browsers never execute.
    assert.doesNotMatch(r.text.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, ''), /<script/i, `${p} has no script`);
  }
});

test('static files and documents are not pages', async () => {
  const css = await get(srv.base, '/static/site.css');
  assert.equal(css.headers.get('content-security-policy'), null);
  assert.equal(css.headers.get('x-content-type-options'), 'nosniff');
});

test('no header can be injected through the sign-in form\'s next', async () => {
  const { addUser, post, sessionCookieOf } = await import('./backoffice-helpers.mjs');
  addUser(srv.dbPath, { email: 'headers@example.org', role: 'clerk', password: 'a long enough password' });
  for (const next of ['/admin/\r\nSet-Cookie: evil=1', '/admin/%0d%0aSet-Cookie:%20evil=1', '/admin/\u00e9', '/admin/ x']) {
    const r = await post(srv.base, '/login', { email: 'headers@example.org', password: 'a long enough password', next });
    assert.equal(r.status, 303, JSON.stringify(next));
    assert.ok(sessionCookieOf(r.res), 'signed in');
    assert.equal(r.headers.get('location'), next.includes('%') ? next : '/admin', JSON.stringify(next));
    assert.ok(!r.res.headers.getSetCookie().some((c) => c.startsWith('evil')), 'no injected cookie');
  }
});
