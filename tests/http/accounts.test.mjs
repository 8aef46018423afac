// Accounts (issue 16): the client behind a trusted reverse proxy
// (serve --trusted-proxy), as sign-in throttling, sessions and the access
// log see it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, post, sessionCookieOf, sql } from './backoffice-helpers.mjs';

const USER = { email: 'proxy.clerk@example.org', name: 'Pat Proxyclerk', role: 'clerk', password: 'proxy-clerk-password-0123' };
const MAX_FAILS_ADDR = 20; // src/auth/auth.h AUTH_MAX_FAILS_ADDR

/** A sign-in as if forwarded for xff (an X-Forwarded-For value, or null). */
const signInFrom = (base, xff, email, password) =>
  post(base, '/login', { email, password, next: '/admin' }, { headers: xff ? { 'x-forwarded-for': xff } : {} });

/** Fails MAX_FAILS_ADDR sign-ins, each for a different unknown account (never the per-account limit). */
async function failAll(base, xff, tag) {
  for (let i = 0; i < MAX_FAILS_ADDR; i++) {
    const r = await signInFrom(base, xff, `nobody.${tag}.${i}@example.org`, 'not-the-password-1');
    assert.equal(r.status, 401, `failure ${i + 1}`);
  }
}

describe('serve --trusted-proxy 127.0.0.1: the client is the one X-Forwarded-For names', () => {
  let srv;
  before(async () => {
    srv = await startServer({ demo: false, serveArgs: ['--trusted-proxy', '127.0.0.1', '--trusted-proxy', '::1'] });
    addUser(srv.dbPath, USER);
  });
  after(async () => {
    await srv?.stop();
  });

  test('20 failures from one forwarded client throttle that client only', async () => {
    await failAll(srv.base, '198.51.100.99, 203.0.113.7', 'a');
    const rows = await sql(srv.dbPath, "SELECT key, failures FROM login_throttle WHERE key LIKE 'addr:%' ORDER BY key");
    assert.deepEqual(rows, [{ key: 'addr:203.0.113.7', failures: MAX_FAILS_ADDR }], 'counted under the right-most address');
    const throttled = await signInFrom(srv.base, '203.0.113.7', USER.email, USER.password);
    assert.equal(throttled.status, 429, 'the same client, even with the right password');
    assert.equal(sessionCookieOf(throttled.res), null);
    // a different left-most (spoofable) element changes nothing
    assert.equal((await signInFrom(srv.base, '192.0.2.1, 203.0.113.7', USER.email, USER.password)).status, 429);
    const other = await signInFrom(srv.base, '203.0.113.8', USER.email, USER.password);
    assert.equal(other.status, 303, 'another client behind the same proxy signs in');
    const [s] = await sql(srv.dbPath, 'SELECT client FROM session ORDER BY id DESC LIMIT 1');
    assert.equal(s.client, '203.0.113.8', 'the session notes the forwarded client');
  });

  test('a malformed or missing header counts against the proxy itself', async () => {
    const r = await signInFrom(srv.base, 'unknown', 'nobody.m@example.org', 'not-the-password-1');
    assert.equal(r.status, 401);
    await signInFrom(srv.base, null, 'nobody.n@example.org', 'not-the-password-1');
    const [row] = await sql(srv.dbPath, "SELECT failures FROM login_throttle WHERE key = 'addr:127.0.0.1'");
    assert.equal(row?.failures, 2);
  });

  test('the access log names the forwarded client', async () => {
    await signInFrom(srv.base, '203.0.113.44', 'nobody.log@example.org', 'not-the-password-1');
    await new Promise((res) => setTimeout(res, 200));
    assert.match(srv.output(), /^203\.0\.113\.44 - - \[[^\]]+\] "POST \/login HTTP\/1\.1" 401 /m);
  });
});

describe('serve without --trusted-proxy: X-Forwarded-For is ignored', () => {
  let srv;
  before(async () => {
    srv = await startServer({ demo: false });
    addUser(srv.dbPath, USER);
  });
  after(async () => {
    await srv?.stop();
  });

  test('failures count against the peer whatever the header says', async () => {
    await failAll(srv.base, '203.0.113.7', 'b');
    const rows = await sql(srv.dbPath, "SELECT key, failures FROM login_throttle WHERE key LIKE 'addr:%'");
    assert.deepEqual(rows, [{ key: 'addr:127.0.0.1', failures: MAX_FAILS_ADDR }]);
    const r = await signInFrom(srv.base, '203.0.113.8', USER.email, USER.password);
    assert.equal(r.status, 429, 'a different header is no way round the limit');
    assert.match(srv.output(), /^127\.0\.0\.1 - - \[[^\]]+\] "POST \/login HTTP\/1\.1" 429 /m);
  });
});

describe('serve --trusted-proxy refuses what is not an address', () => {
  test('a host name is refused at start', async () => {
    await assert.rejects(startServer({ demo: false, serveArgs: ['--trusted-proxy', 'localhost'], timeoutMs: 5000 }),
      /--trusted-proxy wants an IPv4 or IPv6 address/);
  });
});
