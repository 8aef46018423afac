// Accounts (issue 16): the client behind a trusted reverse proxy
// (serve --trusted-proxy), as sign-in throttling, sessions and the access
// log see it; My account (/admin/account): one's own password and e-mail
// address, changed only with the current password, and one's sessions,
// listed and ended; the second factor (TOTP) of admins, with the codes
// computed here as an authenticator app does (HMAC-SHA1).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { dbQuery, startServer, witanPath } from '../lib/server.mjs';
import { addUser, auditSince, fetchAs, maxAuditId, post, sessionCookieOf, signIn, sql, totpCode, totpStep } from './backoffice-helpers.mjs';
import { textOf } from './helpers.mjs';

const USER = { email: 'proxy.clerk@example.org', name: 'Pat Proxyclerk', role: 'clerk', password: 'proxy-clerk-password-0123' };
const MAX_FAILS_ADDR = 20; // src/auth/auth.h AUTH_MAX_FAILS_ADDR

/** A sign-in as if forwarded for xff (an X-Forwarded-For value, or null). */
const signInFrom = (base, xff, email, password) =>
  post(base, '/login', { email, password, next: '/admin' }, { headers: xff ? { 'x-forwarded-for': xff } : {} });

/** Waits (up to 5 s) for a line of the server's output matching re: the access log is written after the answer. */
async function logLine(srv, re) {
  const deadline = Date.now() + 5000;
  while (!re.test(srv.output()) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
  assert.match(srv.output(), re);
}

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
    await logLine(srv, /^203\.0\.113\.44 - - \[[^\]]+\] "POST \/login HTTP\/1\.1" 401 /m);
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
    await logLine(srv, /^127\.0\.0\.1 - - \[[^\]]+\] "POST \/login HTTP\/1\.1" 429 /m);
  });
});

describe('serve --trusted-proxy refuses what is not an address', () => {
  test('a host name is refused at start', async () => {
    await assert.rejects(startServer({ demo: false, serveArgs: ['--trusted-proxy', 'localhost'], timeoutMs: 5000 }),
      /--trusted-proxy wants an IPv4 or IPv6 address/);
  });
});

describe('My account', () => {
  const ME = { email: 'me.account@example.org', name: 'Mo Accountholder', role: 'clerk', password: 'my-own-password-0123' };
  const OTHER = { email: 'other.account@example.org', name: 'Oz Otherholder', role: 'admin', password: 'other-password-4567' };
  let srv;
  let meId;
  let otherId;
  before(async () => {
    srv = await startServer({ demo: false });
    meId = addUser(srv.dbPath, ME);
    otherId = addUser(srv.dbPath, OTHER);
  });
  after(async () => {
    await srv?.stop();
  });
  const submit = (who, urlPath, fields) => post(srv.base, urlPath, { csrf: who.csrf, ...fields }, { cookie: who.cookie });
  const sessionsOf = async (id) => (await sql(srv.dbPath, `SELECT id FROM session WHERE user_id = ${id} ORDER BY id`)).map((r) => r.id);

  test('lists my sessions only, with their addresses, the current one marked; linked from every back-office page', async () => {
    const a = await signIn(srv.base, ME.email, ME.password);
    await signIn(srv.base, OTHER.email, OTHER.password);
    const home = await fetchAs(srv.base, '/admin', { cookie: a.cookie });
    assert.match(home.text, /<a href="\/admin\/account">My account<\/a>/);
    const r = await fetchAs(srv.base, '/admin/account', { cookie: a.cookie });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('cache-control') ?? '', /no-store/);
    const mine = await sessionsOf(meId);
    const forms = [...r.text.matchAll(/action="\/admin\/account\/sessions\/(\d+)\/revoke"/g)].map((m) => Number(m[1]));
    assert.deepEqual(forms.sort(), mine.sort(), 'a form for each of my sessions and none of anyone else');
    assert.match(textOf(r.text), /127\.0\.0\.1/);
    assert.match(textOf(r.text), /This session/);
  });

  test('a wrong current password changes nothing; five of them throttle the account', async () => {
    const who = { email: 'guessed.account@example.org', role: 'clerk', password: 'guessed-password-0123' };
    const id = addUser(srv.dbPath, who);
    const a = await signIn(srv.base, who.email, who.password);
    const before = await sql(srv.dbPath, `SELECT password_hash, email FROM user WHERE id = ${id}`);
    const auditBefore = await maxAuditId(srv.dbPath);
    const r = await submit(a, '/admin/account/password', { current_password: 'not-my-password-1', password: 'a-new-password-77', password_confirm: 'a-new-password-77' });
    assert.equal(r.status, 400);
    assert.match(textOf(r.text), /The current password is not right/);
    assert.ok(!r.text.includes('a-new-password-77') && !r.text.includes('not-my-password-1'), 'no typed password is written back');
    const e = await submit(a, '/admin/account/email', { email: 'taken.over@example.org', current_password: '' });
    assert.equal(e.status, 400);
    assert.match(textOf(e.text), /Enter your current password/);
    assert.match(e.text, /value="taken\.over@example\.org"/, 'the address typed is shown again');
    for (let i = 0; i < 4; i++) {
      assert.equal((await submit(a, '/admin/account/email', { email: 'x@example.org', current_password: `wrong-${i}-password` })).status, 400);
    }
    const t = await submit(a, '/admin/account/password', { current_password: who.password, password: 'a-new-password-77', password_confirm: 'a-new-password-77' });
    assert.equal(t.status, 429, 'throttled even with the right password');
    assert.ok(t.headers.get('retry-after'));
    assert.equal((await post(srv.base, '/login', { email: who.email, password: who.password, next: '/admin' })).status, 429, 'and so is signing in');
    assert.deepEqual(await sql(srv.dbPath, `SELECT password_hash, email FROM user WHERE id = ${id}`), before);
    assert.deepEqual(await auditSince(srv.dbPath, auditBefore), [], 'nothing audited');
  });

  test("a new password follows `witan user add`'s rules, ends my other sessions and keeps this one", async () => {
    const a = await signIn(srv.base, ME.email, ME.password);
    const b = await signIn(srv.base, ME.email, ME.password);
    const short = await submit(a, '/admin/account/password', { current_password: ME.password, password: 'short', password_confirm: 'short' });
    assert.equal(short.status, 400);
    assert.match(textOf(short.text), /at least 10 characters/);
    const differ = await submit(a, '/admin/account/password', { current_password: ME.password, password: 'a-new-password-77', password_confirm: 'a-new-password-78' });
    assert.equal(differ.status, 400);
    const auditBefore = await maxAuditId(srv.dbPath);
    const r = await submit(a, '/admin/account/password', { current_password: ME.password, password: 'a-new-password-77', password_confirm: 'a-new-password-77' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/admin/account');
    const [row] = await sql(srv.dbPath, `SELECT user_id, action, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ${auditBefore}`);
    assert.deepEqual([row.user_id, row.action, row.entity, row.entity_id], [meId, 'change password', 'user', meId]);
    assert.ok(!JSON.stringify(row).includes('argon2'), 'no hash in the audit log');
    assert.ok(JSON.parse(row.after_json).sessions_ended >= 1, 'the other sessions counted');
    assert.equal((await fetchAs(srv.base, '/admin', { cookie: a.cookie })).status, 200, 'this session goes on');
    assert.equal((await fetchAs(srv.base, '/admin', { cookie: b.cookie })).status, 303, 'the other one ended');
    assert.equal((await post(srv.base, '/login', { email: ME.email, password: ME.password, next: '/admin' })).status, 401, 'the old password no longer works');
    await signIn(srv.base, ME.email, 'a-new-password-77');
    ME.password = 'a-new-password-77';
  });

  test('a new e-mail address must be free; then I sign in with it', async () => {
    const a = await signIn(srv.base, ME.email, ME.password);
    const bad = await submit(a, '/admin/account/email', { email: 'not an address', current_password: ME.password });
    assert.equal(bad.status, 400);
    const taken = await submit(a, '/admin/account/email', { email: OTHER.email.toUpperCase(), current_password: ME.password });
    assert.equal(taken.status, 400);
    assert.match(textOf(taken.text), /There is already an account with this e-mail address/);
    const r = await submit(a, '/admin/account/email', { email: ' me.renamed@example.org ', current_password: ME.password });
    assert.equal(r.status, 303);
    const [row] = await sql(srv.dbPath, `SELECT email FROM user WHERE id = ${meId}`);
    assert.equal(row.email, 'me.renamed@example.org');
    await signIn(srv.base, 'me.renamed@example.org', ME.password);
    ME.email = 'me.renamed@example.org';
  });

  test("ending a session: another's is not mine to end (404); ending this one signs me out", async () => {
    const a = await signIn(srv.base, ME.email, ME.password);
    const b = await signIn(srv.base, ME.email, ME.password);
    const [theirs] = await sessionsOf(otherId);
    const no = await submit(a, `/admin/account/sessions/${theirs}/revoke`, {});
    assert.equal(no.status, 404);
    assert.ok((await sessionsOf(otherId)).includes(theirs), "the other account's session is still there");
    const mine = await sessionsOf(meId);
    const bId = mine[mine.length - 1];
    assert.equal((await submit(a, `/admin/account/sessions/${bId}/revoke`, {})).status, 303);
    assert.equal((await fetchAs(srv.base, '/admin', { cookie: b.cookie })).status, 303, 'b is signed out');
    const aId = (await sessionsOf(meId)).at(-1);
    const self = await submit(a, `/admin/account/sessions/${aId}/revoke`, {});
    assert.equal(self.status, 303);
    assert.equal(self.headers.get('location'), '/login');
    assert.equal(sessionCookieOf(self.res), '', 'the cookie is cleared');
    assert.equal((await fetchAs(srv.base, '/admin', { cookie: a.cookie })).status, 303);
  });
});

describe('two-step sign-in (TOTP) for admins', () => {
  const ADMIN = { email: 'totp.admin@example.org', name: 'Tess Totpadmin', role: 'admin', password: 'totp-admin-password-0123' };
  const CLERK = { email: 'totp.clerk@example.org', name: 'Cy Totpclerk', role: 'clerk', password: 'totp-clerk-password-4567' };
  let srv;
  let adminId;
  let secret;
  let codeSession; // the session signed in with a code
  before(async () => {
    srv = await startServer({ demo: false });
    adminId = addUser(srv.dbPath, ADMIN);
    addUser(srv.dbPath, CLERK);
  });
  after(async () => {
    await srv?.stop();
  });
  const submit = (who, urlPath, fields) => post(srv.base, urlPath, { csrf: who.csrf, ...fields }, { cookie: who.cookie });
  /** The hidden challenge token of the code form. */
  const challengeOf = (html) => html.match(/name="challenge" value="([^"]+)"/)?.[1];

  test('a clerk cannot set it up', async () => {
    const k = await signIn(srv.base, CLERK.email, CLERK.password);
    assert.equal((await submit(k, '/admin/account/totp/start', {})).status, 403);
    assert.doesNotMatch((await fetchAs(srv.base, '/admin/account', { cookie: k.cookie })).text, /Two-step sign-in/);
  });

  test('an admin enrols: a secret shown as base32 and otpauth://, confirmed by a first code', async () => {
    const a = await signIn(srv.base, ADMIN.email, ADMIN.password);
    assert.match((await fetchAs(srv.base, '/admin/account', { cookie: a.cookie })).text, /Set up two-step sign-in/);
    const r = await submit(a, '/admin/account/totp/start', {});
    assert.equal(r.status, 303);
    const page = (await fetchAs(srv.base, '/admin/account', { cookie: a.cookie })).text;
    const m = page.match(/otpauth:\/\/totp\/Witan:totp\.admin%40example\.org\?secret=([A-Z2-7]{32})&amp;issuer=Witan&amp;algorithm=SHA1&amp;digits=6&amp;period=30/);
    assert.ok(m, 'the otpauth:// address');
    secret = m[1];
    assert.ok(page.includes(secret.match(/.{4}/g).join(' ')), 'the key in groups of four, to type');
    assert.equal((await sql(srv.dbPath, `SELECT totp_secret FROM user WHERE id = ${adminId}`))[0].totp_secret, null, 'not on before a code');
    const wrong = await submit(a, '/admin/account/totp/confirm', { code: String((Number(totpCode(secret)) + 1) % 1000000).padStart(6, '0') });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /The code is not right/);
    const ok = await submit(a, '/admin/account/totp/confirm', { code: totpCode(secret) });
    assert.equal(ok.status, 303);
    const [row] = await sql(srv.dbPath, `SELECT totp_secret, totp_pending FROM user WHERE id = ${adminId}`);
    assert.deepEqual(row, { totp_secret: secret, totp_pending: null });
    const rows = await sql(srv.dbPath, `SELECT before_json, after_json FROM audit_log WHERE user_id = ${adminId} AND action LIKE 'two-factor%'`);
    assert.ok(rows.length === 2 && !JSON.stringify(rows).includes(secret), 'audited, never with the secret');
  });

  test('signing in then asks for the code: no session before it, a right code once only', async () => {
    const auditBefore = await maxAuditId(srv.dbPath);
    const r = await post(srv.base, '/login', { email: ADMIN.email, password: ADMIN.password, next: '/admin/account' });
    assert.equal(r.status, 200);
    assert.equal(sessionCookieOf(r.res), null, 'no session after the password alone');
    assert.match(r.text, /Enter the code from your authenticator app/);
    const ch = challengeOf(r.text);
    assert.match(ch ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await auditSince(srv.dbPath, auditBefore), [], 'no login yet');

    const wrong = await post(srv.base, '/login/code', { challenge: ch, code: '000000' === totpCode(secret) ? '111111' : '000000', next: '/admin/account' });
    assert.equal(wrong.status, 401);
    assert.equal(sessionCookieOf(wrong.res), null);
    const [t] = await sql(srv.dbPath, `SELECT failures FROM login_throttle WHERE key = 'user:${ADMIN.email}'`);
    assert.equal(t.failures, 1, 'a wrong code counts as a failed sign-in');

    // The step after now: the one before was used to confirm, so a code of
    // now may already be spent.
    const code = totpCode(secret, totpStep() + 1);
    const ok = await post(srv.base, '/login/code', { challenge: ch, code, next: '/admin/account' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/admin/account');
    const cookie = sessionCookieOf(ok.res);
    assert.ok(cookie);
    codeSession = cookie;
    assert.equal((await fetchAs(srv.base, '/admin', { cookie })).status, 200);
    assert.deepEqual((await auditSince(srv.dbPath, auditBefore)).map((x) => x.action), ['login']);
    assert.deepEqual(await sql(srv.dbPath, `SELECT failures FROM login_throttle WHERE key = 'user:${ADMIN.email}'`), [], 'cleared');

    assert.equal((await post(srv.base, '/login/code', { challenge: ch, code, next: '/admin' })).status, 401, 'the challenge is spent');
    const again = await post(srv.base, '/login', { email: ADMIN.email, password: ADMIN.password, next: '/admin' });
    const replay = await post(srv.base, '/login/code', { challenge: challengeOf(again.text), code, next: '/admin' });
    assert.equal(replay.status, 401, 'a code used before is refused');
    assert.match(replay.text, /used already/);
    assert.equal(sessionCookieOf(replay.res), null);
  });

  test('a made-up challenge, or a wrong password, never reaches the code', async () => {
    const bogus = await post(srv.base, '/login/code', { challenge: 'A'.repeat(43), code: totpCode(secret), next: '/admin' });
    assert.equal(bogus.status, 401);
    assert.match(bogus.text, /expired/);
    const bad = await post(srv.base, '/login', { email: ADMIN.email, password: 'not-the-password-9', next: '/admin' });
    assert.equal(bad.status, 401);
    assert.equal(challengeOf(bad.text), undefined);
  });

  test('wrong codes throttle the account like wrong passwords: then even the right code is refused', async () => {
    const clear = () => dbQuery(srv.dbPath, 'DELETE FROM login_throttle', { write: true });
    await clear();
    const r = await post(srv.base, '/login', { email: ADMIN.email, password: ADMIN.password, next: '/admin' });
    const ch = challengeOf(r.text);
    assert.ok(ch, 'the code form');
    const valid = new Set([-1, 0, 1].map((d) => totpCode(secret, totpStep() + d)));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c));
    for (let i = 0; i < 5; i++) {
      const w = await post(srv.base, '/login/code', { challenge: ch, code: wrong, next: '/admin' });
      assert.equal(w.status, 401, `wrong code ${i + 1}`);
    }
    const t = await post(srv.base, '/login/code', { challenge: ch, code: totpCode(secret), next: '/admin' });
    assert.equal(t.status, 429, 'after five wrong codes the account is throttled');
    assert.equal(sessionCookieOf(t.res), null);
    await clear();
  });

  test('turned off only with the password and a code', async () => {
    const cookie = codeSession;
    // A code is good once, for one of three steps: as if a minute had
    // passed since the last one used, rather than wait for it.
    await dbQuery(srv.dbPath, `UPDATE user SET totp_last_step = totp_last_step - 2 WHERE id = ${adminId}`, { write: true });
    const page = await fetchAs(srv.base, '/admin/account', { cookie });
    const csrf = page.text.match(/name="csrf" value="([^"]+)"/)[1];
    const a = { cookie, csrf };
    const noPw = await submit(a, '/admin/account/totp/disable', { current_password: 'wrong-password-123', code: totpCode(secret) });
    assert.equal(noPw.status, 400);
    const noCode = await submit(a, '/admin/account/totp/disable', { current_password: ADMIN.password, code: '' });
    assert.equal(noCode.status, 400);
    assert.ok((await sql(srv.dbPath, `SELECT totp_secret FROM user WHERE id = ${adminId}`))[0].totp_secret, 'still on');
    const off = await submit(a, '/admin/account/totp/disable', { current_password: ADMIN.password, code: totpCode(secret) });
    assert.equal(off.status, 303);
    assert.equal((await sql(srv.dbPath, `SELECT totp_secret FROM user WHERE id = ${adminId}`))[0].totp_secret, null);
    await signIn(srv.base, ADMIN.email, ADMIN.password); // no code asked
  });

  test('`witan user two-factor-off` lets an admin who lost the app in again', async () => {
    const a = await signIn(srv.base, ADMIN.email, ADMIN.password);
    assert.equal((await submit(a, '/admin/account/totp/start', {})).status, 303);
    const [{ totp_pending: again }] = await sql(srv.dbPath, `SELECT totp_pending FROM user WHERE id = ${adminId}`);
    assert.notEqual(again, secret, 'a new secret each time');
    assert.equal((await submit(a, '/admin/account/totp/confirm', { code: totpCode(again) })).status, 303);
    assert.equal((await post(srv.base, '/login', { email: ADMIN.email, password: ADMIN.password, next: '/admin' })).status, 200, 'the code is asked');
    const out = execFileSync(witanPath(), ['user', 'two-factor-off', '--db', srv.dbPath, '--email', ADMIN.email], { encoding: 'utf8' });
    assert.match(out, /two-step sign-in turned off for totp\.admin@example\.org/);
    await signIn(srv.base, ADMIN.email, ADMIN.password); // no code asked
    const [row] = await sql(srv.dbPath, `SELECT user_id, action, entity_id FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET 1`);
    assert.deepEqual(row, { user_id: null, action: 'two-factor reset', entity_id: adminId }, 'audited, by nobody signed in');
  });
});
