// Security headers: every HTML page forbids scripts, inline style, framing
// and foreign form targets; nothing is sniffed or framed; a handler's own
// header wins over the default; HSTS only with --https; documents are not
// given a page's CSP.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { findSeed, get, rawRequest } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const CSP = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
  + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

test('HTML pages carry a strict Content-Security-Policy and have nothing inline it would refuse', async () => {
  const seed = await findSeed(srv.base);
  for (const p of ['/', '/committees', seed.meetingUrl, seed.itemUrl, '/no-such-page', '/login', '/alerts', '/search?q=budget']) {
    const r = await get(srv.base, p);
    assert.equal(r.headers.get('content-security-policy'), CSP, p);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
    assert.equal(r.headers.get('strict-transport-security'), null, `${p}: no HSTS without --https`);
    // No script runs: the only <script> allowed is a JSON-LD data block
    // (meeting pages, web/jsonld.c), which browsers never execute.
    assert.doesNotMatch(r.text.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, ''), /<script/i, `${p} has no script`);
    // style-src 'self': no <style> element, no style attribute, no event handler.
    assert.doesNotMatch(r.text, /<style|\sstyle=|\son[a-z]+=/i, `${p} has no inline style or handler`);
  }
});

test('Referrer-Policy: same-origin by default; the alert pages\' own no-referrer, once', async () => {
  for (const p of ['/', '/committees', '/static/site.css', '/healthz']) {
    const r = await rawRequest(srv.port, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const rp = r.rawHeaders.filter(([n]) => n.toLowerCase() === 'referrer-policy');
    assert.deepEqual(rp.map(([, v]) => v), ['same-origin'], p);
  }
  const r = await rawRequest(srv.port, 'GET /alerts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(r.status, 200);
  const rp = r.rawHeaders.filter(([n]) => n.toLowerCase() === 'referrer-policy');
  assert.deepEqual(rp.map(([, v]) => v), ['no-referrer'], 'one Referrer-Policy, the page\'s own (a second would win in browsers)');
});

test('each security header once; h2o\'s own errors (a body over the limit) have them too', async () => {
  const NAMES = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];
  const seed = await findSeed(srv.base);
  for (const p of ['/', seed.meetingUrl, '/no-such-page', '/alerts', '/static/site.css', '/oparl/v1.1/system']) {
    const r = await rawRequest(srv.port, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    for (const n of NAMES) {
      const count = r.rawHeaders.filter(([k]) => k.toLowerCase() === n).length;
      assert.ok(count === 1 || (count === 0 && n === 'content-security-policy' && !/html/.test(r.headers['content-type'])), `${p}: ${count} ${n}`);
    }
  }
  const big = await rawRequest(srv.port, 'POST /alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n'
    + 'Content-Length: 99999999999\r\nConnection: close\r\n\r\n');
  assert.equal(big.status, 413);
  assert.match(big.headers['content-type'], /^text\/html/, 'the site\'s error page');
  assert.equal(big.headers['content-security-policy'], CSP);
  assert.equal(big.headers['x-frame-options'], 'DENY');
  assert.equal(big.headers['x-content-type-options'], 'nosniff');
  assert.equal(big.headers['referrer-policy'], 'same-origin');
});

test('the body\'s colours and logo are files of their own, named by what they hold', async () => {
  const home = await get(srv.base, '/');
  const theme = home.text.match(/<link rel="stylesheet" href="(\/theme\.css\?v=([0-9a-f]+)-([0-9a-f]+))">/i);
  assert.ok(theme, 'the page links /theme.css');
  const css = await get(srv.base, theme[1]);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.equal(css.text.trim(), `:root{--primary:#${theme[2]};--accent:#${theme[3]}}`);
  assert.match(css.headers.get('cache-control'), /immutable/);
  const stale = await get(srv.base, '/theme.css?v=000000-ffffff');
  assert.equal(stale.text, css.text, 'another ?v= gets today\'s colours');
  assert.doesNotMatch(stale.headers.get('cache-control'), /immutable/, 'briefly cached');

  const logo = home.text.match(/<img class="logo" src="(\/logo\.svg\?v=[0-9a-f]{16})" alt="">/);
  assert.ok(logo, 'the demo body\'s logo is an <img>');
  const svg = await get(srv.base, logo[1]);
  assert.equal(svg.status, 200);
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  assert.match(svg.text, /^<svg|^<\?xml/);
  assert.equal(svg.headers.get('content-security-policy'), "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'opened on its own, the logo runs nothing');
});

test('HSTS with --https, on every answer', async () => {
  const tls = await startServer({ args: ['--https', '--base-url', 'https://democracy.example.gov.uk'] });
  try {
    for (const p of ['/', '/static/site.css', '/oparl/v1.1', '/no-such-page']) {
      const r = await get(tls.base, p);
      assert.equal(r.headers.get('strict-transport-security'), 'max-age=31536000', p);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
    }
  } finally {
    await tls.stop();
  }
});

test('static files and documents are not pages', async () => {
  const css = await get(srv.base, '/static/site.css');
  assert.equal(css.headers.get('content-security-policy'), null);
  assert.equal(css.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(css.headers.get('x-frame-options'), 'DENY');
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
