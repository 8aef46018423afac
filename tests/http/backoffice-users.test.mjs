// The back office's accounts and site settings (src/admin/users.c), for
// admins only: an admin creates a clerk who can then sign in; duplicate
// addresses and bad passwords are refused without the password ever being
// written back; disabling an account or changing its password ends its
// sessions; an admin cannot demote or disable themselves; the settings
// reach the public site at once (escaped), and bad colours and unsafe SVG
// logos are refused with nothing changed. A clerk is refused (403) on
// every one of these pages and POSTs; no audit row holds a password hash.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, auditSince, csrfOf, fetchAs, fileField, maxAuditId, post, selectOptions, signIn, sql } from './backoffice-helpers.mjs';
import { anchors, decode, textOf, titleOf } from './helpers.mjs';

const ADMIN = { email: 'admin.users@example.org', name: 'Ada Usersadmin', role: 'admin', password: 'users-admin-password-0123' };
const CLERK = { email: 'clerk.users@example.org', name: 'Quentin Usersclerk', role: 'clerk', password: 'users-clerk-password-4567' };

const tag = randomBytes(3).toString('hex');

/** s HTML-escaped the way the server writes text. */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

let srv;
let base;
let db;
let adminId;
let clerkId;
let admin; // { cookie, csrf }
let clerk;

/** POSTs a form as the admin (csrf added). */
const submit = (urlPath, fields, who = admin) => post(base, urlPath, { csrf: who.csrf, ...fields }, { cookie: who.cookie });
/** GET as the admin. */
const page = (urlPath, who = admin) => fetchAs(base, urlPath, { cookie: who.cookie });

/** The id in a 303's Location, checked against re. */
function redirectId(r, re) {
  assert.equal(r.status, 303, `answered ${r.status}: ${textOf(r.text).slice(0, 300)}`);
  const m = r.headers.get('location').match(re);
  assert.ok(m, `Location ${r.headers.get('location')} matches ${re}`);
  return Number(m[1]);
}

/** The value attribute of <input name=...> in html (decoded), or null. */
function inputValue(html, name) {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
  return m ? decode(m[1]) : null;
}

/** The error summary's messages, or [] when there is none. */
function errorSummary(html) {
  const m = html.match(/<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/);
  return m ? [...m[1].matchAll(/<li><a href="#([^"]+)">([\s\S]*?)<\/a><\/li>/g)].map((x) => ({ field: x[1], msg: textOf(x[2]) })) : [];
}

/** Everything the tests watch: accounts (hashes included), sessions, the body, the audit log. */
async function state() {
  const [r] = await sql(db, "SELECT (SELECT group_concat(id || ':' || email || ':' || COALESCE(name, '') || ':' || role || ':' || disabled || ':' || password_hash, '|') FROM user) AS users,"
    + ' (SELECT count(*) FROM session) AS sessions,'
    + " (SELECT json_object('name', name, 'short_name', short_name, 'colour_primary', colour_primary, 'colour_accent', colour_accent, 'logo', logo_svg,"
    + " 'email', email, 'phone', phone, 'address', address, 'website', website, 'region', region, 'days', notice_clear_days, 'modified', modified) FROM body ORDER BY id LIMIT 1) AS body,"
    + ' (SELECT count(*) FROM audit_log) AS audit');
  return r;
}

/** Checks a refused submission: 400, "Error:" title, a summary naming the fields, nothing changed. */
async function assertRefused(r, before, fields) {
  assert.equal(r.status, 400, textOf(r.text).slice(0, 300));
  assert.match(titleOf(r.text), /^Error: /, 'the title says there is an error');
  const summary = errorSummary(r.text);
  assert.deepEqual(summary.map((e) => e.field).sort(), fields.map((f) => `f-${f}`).sort(), JSON.stringify(summary));
  for (const f of fields) {
    assert.match(r.text, new RegExp(`id="f-${f}-error"`), `an inline error next to ${f}`);
    assert.match(r.text, new RegExp(`id="f-${f}"[^>]*aria-invalid="true"`), `${f} is marked invalid`);
  }
  assert.deepEqual(await state(), before, 'a refused submission changes nothing');
  return summary;
}

/** Asserts that no password input of a page carries a value, and that none of the secrets is in it. */
function assertNoPassword(html, secrets) {
  for (const m of html.matchAll(/<input[^>]*type="password"[^>]*>/g)) assert.doesNotMatch(m[0], /\svalue=/, `a password field with a value: ${m[0]}`);
  for (const s of secrets) assert.ok(!html.includes(s) && !html.includes(esc(s)), 'the typed password is not written back');
}

/** The fields of the new-account form. */
const newAccount = (over = {}) => ({ email: '', name: '', role: 'clerk', password: '', password_confirm: '', ...over });

/** The fields of an account's edit form. */
const editAccount = (over = {}) => ({ name: '', role: 'clerk', password: '', password_confirm: '', ...over });

/** The settings form as it is on the page now (all fields), with changes. */
async function settingsForm(over = {}) {
  const r = await page('/admin/settings');
  assert.equal(r.status, 200);
  const f = {};
  for (const n of ['name', 'short_name', 'colour_primary', 'colour_accent', 'email', 'phone', 'address', 'website', 'clear_days']) f[n] = inputValue(r.text, n) ?? '';
  const sel = r.text.match(/<select[^>]*name="region"[^>]*>[\s\S]*?<option value="([^"]*)" selected>/);
  f.region = sel ? decode(sel[1]) : 'england';
  return { ...f, ...over };
}

/** An account made through the route by the admin; returns its id. */
async function createAccount(email, password, role = 'clerk', name = '') {
  return redirectId(await submit('/admin/users/new', newAccount({ email, name, role, password, password_confirm: password })), /^\/admin\/users\/(\d+)$/);
}

before(async () => {
  srv = await startServer();
  base = srv.base;
  db = srv.dbPath;
  adminId = addUser(db, ADMIN);
  clerkId = addUser(db, CLERK);
  admin = await signIn(base, ADMIN.email, ADMIN.password);
  clerk = await signIn(base, CLERK.email, CLERK.password);
});

after(async () => {
  await srv?.stop();
});

describe('admins only', () => {
  const GETS = () => ['/admin/users', '/admin/users/new', `/admin/users/${clerkId}`, `/admin/users/${adminId}`, '/admin/settings'];

  test('the admin gets every page, no-store, with the CSRF field on the forms; the back office links to them', async () => {
    for (const url of GETS()) {
      const r = await page(url);
      assert.equal(r.status, 200, url);
      assert.match(r.headers.get('cache-control') ?? '', /no-store/, url);
      if (url !== '/admin/users') assert.equal(csrfOf(r.text), admin.csrf, url);
    }
    const list = await page('/admin/users');
    const hrefs = anchors(list.text).map((a) => a.href);
    for (const h of ['/admin/users/new', `/admin/users/${clerkId}`, `/admin/users/${adminId}`]) assert.ok(hrefs.includes(h), `the list links to ${h}`);
  });

  test('the list shows e-mail, name, role, status and creation date of every account', async () => {
    const r = await page('/admin/users');
    const rows = [...r.text.matchAll(/<tr><td>([\s\S]*?)<\/tr>/g)].map((m) => [...`<td>${m[1]}`.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((td) => textOf(td[1])));
    const users = await sql(db, 'SELECT email, name, role FROM user ORDER BY email COLLATE NOCASE, id');
    assert.deepEqual(rows.map((x) => x.slice(0, 3)), users.map((u) => [u.email, u.name ?? '', u.role === 'admin' ? 'Admin' : 'Clerk']));
    for (const x of rows) assert.match(x[4], /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, 'a creation date');
  });

  test('a clerk is refused with 403 on every page, and anonymous is sent to sign in', async () => {
    for (const url of GETS()) {
      const r = await page(url, clerk);
      assert.equal(r.status, 403, `GET ${url} as the clerk`);
      assert.doesNotMatch(r.text, /<form method="post" action="\/admin\/(users|settings)/, `${url}: no form for the clerk`);
      const a = await fetchAs(base, url);
      assert.equal(a.status, 303, `GET ${url} anonymous`);
      assert.equal(a.headers.get('location'), `/login?next=${url}`);
    }
  });

  test('a clerk with a valid token is refused with 403 on every POST, nothing changed', async () => {
    const before = await state();
    const posts = {
      '/admin/users/new': newAccount({ email: `clerk-made-${tag}@example.org`, password: 'a-long-enough-password', password_confirm: 'a-long-enough-password', role: 'admin' }),
      [`/admin/users/${clerkId}`]: editAccount({ role: 'admin' }), // promoting themselves
      [`/admin/users/${adminId}`]: editAccount({ role: 'clerk', disabled: '1' }),
      '/admin/settings': await settingsForm({ name: `Clerk-renamed ${tag}` }),
    };
    for (const [url, fields] of Object.entries(posts)) {
      const r = await submit(url, fields, clerk);
      assert.equal(r.status, 403, `POST ${url} as the clerk`);
      assert.equal(r.headers.get('location'), null);
    }
    assert.deepEqual(await state(), before);
  });

  test('the back office home links admins, and only admins, to accounts and settings', async (t) => {
    const home = await page('/admin');
    const hrefs = anchors(home.text).map((a) => a.href);
    if (!hrefs.includes('/admin/users')) {
      t.skip('page_admin() does not call admin_users_links() yet');
      return;
    }
    assert.ok(hrefs.includes('/admin/settings'));
    const forClerk = anchors((await page('/admin', clerk)).text).map((a) => a.href);
    assert.ok(!forClerk.includes('/admin/users') && !forClerk.includes('/admin/settings'), 'the clerk is not shown the links');
  });
});

describe('accounts', () => {
  const NEW = { email: `New.Clerk.${tag}@example.org`, name: `Nora <b>& Newclerk`, password: `nora's password ${tag}` };
  let newId;

  test('the new-account form: e-mail, name, role (clerk by default), password twice, none of them filled', async () => {
    const r = await page('/admin/users/new');
    assert.deepEqual(selectOptions(r.text, 'role'), ['clerk', 'admin']);
    assert.match(r.text, /<option value="clerk" selected>/);
    assert.equal(inputValue(r.text, 'email'), '');
    assert.match(r.text, /<input type="password" id="f-password" name="password"[^>]*autocomplete="new-password"/);
    assert.match(r.text, /<input type="password" id="f-password_confirm" name="password_confirm"[^>]*autocomplete="new-password"/);
    assert.match(r.text, /<input type="email" id="f-email" name="email"[^>]*autocomplete="off"/, "the browser does not fill in the admin's own address");
    assertNoPassword(r.text, []);
  });

  test('an admin creates a clerk: 303, audited without the hash, listed, and the clerk can sign in', async () => {
    const auditBefore = await maxAuditId(db);
    const r = await submit('/admin/users/new', newAccount({ email: `  ${NEW.email} `, name: NEW.name, password: NEW.password, password_confirm: NEW.password }));
    newId = redirectId(r, /^\/admin\/users\/(\d+)$/);
    const [row] = await sql(db, `SELECT email, name, role, disabled, password_hash LIKE '$argon2id$%' AS argon FROM user WHERE id = ${newId}`);
    assert.deepEqual(row, { email: NEW.email, name: NEW.name, role: 'clerk', disabled: 0, argon: 1 });
    const audit = await sql(db, `SELECT user_id, action, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ${auditBefore} ORDER BY id`);
    assert.equal(audit.length, 1);
    assert.deepEqual({ ...audit[0], after_json: JSON.parse(audit[0].after_json) }, {
      user_id: adminId, action: 'create', entity: 'user', entity_id: newId, before_json: null,
      after_json: { id: newId, email: NEW.email, name: NEW.name, role: 'clerk', disabled: 0 },
    });
    const list = await page('/admin/users');
    assert.ok(list.text.includes(esc(NEW.name)), 'the list shows the name, escaped');
    assert.ok(!list.text.includes(NEW.name));
    const s = await signIn(base, NEW.email.toLowerCase(), NEW.password);
    assert.equal((await fetchAs(base, '/admin', { cookie: s.cookie })).status, 200, 'the new clerk is in');
    assert.equal((await fetchAs(base, '/admin/users', { cookie: s.cookie })).status, 403, 'but not in the admin pages');
  });

  test('the edit form shows what is stored, and never a password', async () => {
    const r = await page(`/admin/users/${newId}`);
    assert.equal(r.status, 200);
    assert.ok(textOf(r.text).includes(NEW.email));
    assert.equal(inputValue(r.text, 'name'), NEW.name);
    assert.match(r.text, /<option value="clerk" selected>/);
    assert.match(r.text, /<input type="checkbox" id="f-disabled" name="disabled" value="1"[^>]*>/);
    assert.doesNotMatch(r.text, /id="f-disabled"[^>]* checked/);
    assertNoPassword(r.text, []);
  });

  test('a duplicate e-mail address (in any case) → 400 with a message, what was typed kept but the password', async () => {
    const before = await state();
    for (const email of [CLERK.email, NEW.email.toUpperCase()]) {
      const pw = `duplicate-password-${tag}`;
      const r = await submit('/admin/users/new', newAccount({ email, name: 'Someone Else', role: 'admin', password: pw, password_confirm: pw }));
      const summary = await assertRefused(r, before, ['email']);
      assert.match(summary[0].msg, /already an account with this e-mail address/);
      assert.equal(inputValue(r.text, 'email'), email);
      assert.equal(inputValue(r.text, 'name'), 'Someone Else');
      assert.match(r.text, /<option value="admin" selected>/);
      assertNoPassword(r.text, [pw]);
    }
  });

  test('a short password, or two that differ → 400, neither written back', async () => {
    const before = await state();
    const short = 'short1';
    let r = await submit('/admin/users/new', newAccount({ email: `short.${tag}@example.org`, password: short, password_confirm: short }));
    let summary = await assertRefused(r, before, ['password']);
    assert.match(summary[0].msg, /at least 10 characters/);
    assert.equal(inputValue(r.text, 'email'), `short.${tag}@example.org`);
    assertNoPassword(r.text, [short]);
    // Ten characters of which some are not ASCII: counted as characters.
    const tenChars = 'pässwörd€1';
    assert.ok(Buffer.byteLength(tenChars) > 10 && [...tenChars].length === 10);
    const a = `first-password-${tag}`;
    const b = `second-password-${tag}`;
    r = await submit('/admin/users/new', newAccount({ email: `mismatch.${tag}@example.org`, password: a, password_confirm: b }));
    summary = await assertRefused(r, before, ['password_confirm']);
    assert.match(summary[0].msg, /not the same/);
    assertNoPassword(r.text, [a, b]);
    r = await submit('/admin/users/new', newAccount({ email: 'not an address', role: 'superuser', password: '', password_confirm: '' }));
    await assertRefused(r, before, ['email', 'role', 'password']);
    r = await submit('/admin/users/new', newAccount({ email: `long.${tag}@example.org`, password: 'x'.repeat(1025), password_confirm: 'x'.repeat(1025) }));
    summary = await assertRefused(r, before, ['password']);
    assert.match(summary[0].msg, /at most 1024 characters/);
    assertNoPassword(r.text, ['x'.repeat(1025)]);
    const id = await createAccount(`ten.${tag}@example.org`, tenChars);
    await signIn(base, `ten.${tag}@example.org`, tenChars);
    assert.ok(id > 0);
  });

  test('disabling a clerk ends their sessions at once, and they cannot sign in; enabling lets them back', async () => {
    const email = `disable.${tag}@example.org`;
    const pw = `disable-password-${tag}`;
    const id = await createAccount(email, pw, 'clerk', 'Dis Abled');
    const s1 = await signIn(base, email, pw);
    const s2 = await signIn(base, email, pw);
    const auditBefore = await maxAuditId(db);
    const r = await submit(`/admin/users/${id}`, editAccount({ name: 'Dis Abled', disabled: '1' }));
    assert.equal(redirectId(r, /^\/admin\/users\/(\d+)$/), id);
    const [row] = await sql(db, `SELECT disabled, (SELECT count(*) FROM session WHERE user_id = ${id}) AS sessions FROM user WHERE id = ${id}`);
    assert.deepEqual(row, { disabled: 1, sessions: 0 }, 'the session rows are gone');
    for (const s of [s1, s2]) {
      const g = await fetchAs(base, '/admin', { cookie: s.cookie });
      assert.equal(g.status, 303, 'the cookie no longer opens the back office');
      assert.equal(g.headers.get('location'), '/login?next=/admin');
      const p = await post(base, '/logout', { csrf: s.csrf }, { cookie: s.cookie });
      assert.equal(p.status, 401, 'nor can it POST');
    }
    const l = await post(base, '/login', { email, password: pw, next: '/admin' });
    assert.equal(l.status, 401, 'a disabled account cannot sign in');
    const [a] = await sql(db, `SELECT action, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ${auditBefore} AND entity = 'user' ORDER BY id`);
    assert.deepEqual({ ...a, before_json: JSON.parse(a.before_json), after_json: JSON.parse(a.after_json) }, {
      action: 'update', entity: 'user', entity_id: id,
      before_json: { id, email, name: 'Dis Abled', role: 'clerk', disabled: 0 },
      after_json: { id, email, name: 'Dis Abled', role: 'clerk', disabled: 1, sessions_ended: 2 },
    });
    const list = await page('/admin/users');
    assert.match(list.text, new RegExp(`<a href="/admin/users/${id}">[^<]*</a></td><td>Dis Abled</td><td>Clerk</td><td><strong class="tag">Disabled</strong>`));
    // Enabled again (the box left empty): they can sign in.
    assert.equal((await submit(`/admin/users/${id}`, editAccount({ name: 'Dis Abled' }))).status, 303);
    await signIn(base, email, pw);
  });

  test("a new password ends the account's sessions; the old one stops working, the new one works; no hash is audited", async () => {
    const email = `repass.${tag}@example.org`;
    const oldPw = `old-password-${tag}`;
    const newPw = `new-password-${tag}`;
    const id = await createAccount(email, oldPw);
    const s = await signIn(base, email, oldPw);
    const [h] = await sql(db, `SELECT password_hash FROM user WHERE id = ${id}`);
    const auditBefore = await maxAuditId(db);
    const r = await submit(`/admin/users/${id}`, editAccount({ name: 'Re Pass', password: newPw, password_confirm: newPw }));
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal((await fetchAs(base, '/admin', { cookie: s.cookie })).status, 303, 'the old session is over');
    assert.equal((await post(base, '/login', { email, password: oldPw, next: '/admin' })).status, 401, 'the old password fails');
    await signIn(base, email, newPw);
    const [row] = await sql(db, `SELECT name, password_hash <> '${h.password_hash}' AS changed FROM user WHERE id = ${id}`);
    assert.deepEqual(row, { name: 'Re Pass', changed: 1 });
    const [a] = await sql(db, `SELECT after_json FROM audit_log WHERE id > ${auditBefore} AND entity = 'user' ORDER BY id`);
    assert.deepEqual(JSON.parse(a.after_json), { id, email, name: 'Re Pass', role: 'clerk', disabled: 0, password_changed: true, sessions_ended: 1 });
    const leaks = await sql(db, "SELECT id FROM audit_log WHERE before_json LIKE '%argon2%' OR after_json LIKE '%argon2%' OR before_json LIKE '%password_hash%' OR after_json LIKE '%password_hash%' OR before_json LIKE '%csrf%' OR after_json LIKE '%csrf%' OR after_json LIKE '%token%'");
    assert.deepEqual(leaks, [], 'no audit row holds a hash or a token');
  });

  test('a bad new password on the edit form → 400, nothing changed, not written back', async () => {
    const before = await state();
    const r = await submit(`/admin/users/${clerkId}`, editAccount({ name: 'Typed Name', role: 'admin', password: 'tiny', password_confirm: 'tiny', disabled: '1' }));
    await assertRefused(r, before, ['password']);
    assert.equal(inputValue(r.text, 'name'), 'Typed Name', 'the typed name is kept');
    assert.match(r.text, /<option value="admin" selected>/, 'the typed role is kept');
    assert.match(r.text, /id="f-disabled"[^>]* checked/, 'the ticked box stays ticked');
    assertNoPassword(r.text, ['tiny']);
  });

  test('an admin cannot demote or disable themselves; their own new password keeps their own session', async () => {
    const before = await state();
    let r = await submit(`/admin/users/${adminId}`, editAccount({ name: ADMIN.name, role: 'clerk' }));
    let summary = await assertRefused(r, before, ['role']);
    assert.match(summary[0].msg, /cannot remove your own admin role/);
    r = await submit(`/admin/users/${adminId}`, editAccount({ name: ADMIN.name, role: 'admin', disabled: '1' }));
    summary = await assertRefused(r, before, ['disabled']);
    assert.match(summary[0].msg, /cannot disable your own account/);
    assert.equal((await page('/admin/users')).status, 200, 'still an admin, still signed in');

    const other = await signIn(base, ADMIN.email, ADMIN.password);
    const pw = `admin-new-password-${tag}`;
    r = await submit(`/admin/users/${adminId}`, editAccount({ name: ADMIN.name, role: 'admin', password: pw, password_confirm: pw }));
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal((await page('/admin/users')).status, 200, 'the session that changed it goes on');
    assert.equal((await fetchAs(base, '/admin', { cookie: other.cookie })).status, 303, "the admin's other session is over");
    ADMIN.password = pw;
  });

  test('an admin can demote another admin, who then gets 403', async () => {
    const email = `second.admin.${tag}@example.org`;
    const pw = `second-admin-password-${tag}`;
    const id = await createAccount(email, pw, 'admin', 'Second Admin');
    const s = await signIn(base, email, pw);
    assert.equal((await fetchAs(base, '/admin/settings', { cookie: s.cookie })).status, 200);
    assert.equal((await submit(`/admin/users/${id}`, editAccount({ name: 'Second Admin', role: 'clerk' }))).status, 303);
    assert.equal((await fetchAs(base, '/admin/settings', { cookie: s.cookie })).status, 403, 'the role is read on each request');
  });

  test('unknown accounts → 404', async () => {
    assert.equal((await page('/admin/users/999999')).status, 404);
    assert.equal((await submit('/admin/users/999999', editAccount())).status, 404);
  });
});

describe('site settings', () => {
  const NAME = `Borsetshire <b>& "Felpersham" ${tag}`;
  const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>logo${tag}</title><rect width="10" height="10" fill="#fff"/></svg>`;

  test('the form shows what is stored', async () => {
    const f = await settingsForm();
    const [b] = await sql(db, 'SELECT name, colour_primary, colour_accent, region, notice_clear_days FROM body ORDER BY id LIMIT 1');
    assert.deepEqual({ name: f.name, p: f.colour_primary, a: f.colour_accent, region: f.region, days: f.clear_days },
      { name: b.name, p: b.colour_primary, a: b.colour_accent, region: b.region, days: String(b.notice_clear_days) });
    assert.deepEqual(selectOptions((await page('/admin/settings')).text, 'region'), ['england', 'wales', 'scotland', 'northern_ireland', 'other']);
    assert.match((await page('/admin/settings')).text, /<form method="post" action="\/admin\/settings" enctype="multipart\/form-data"/);
  });

  test('a change shows on the public home page at once, escaped, with the new colours and logo; audited', async () => {
    const home = await fetchAs(base, '/');
    assert.equal(home.status, 200);
    assert.equal((await fetchAs(base, '/')).status, 200, 'the home page is in the page cache');
    const auditBefore = await maxAuditId(db);
    const fields = await settingsForm({
      name: `  ${NAME} `, short_name: 'Borsetshire', colour_primary: '#123456', colour_accent: '#ABC',
      email: `democracy.${tag}@example.gov.uk`, phone: '01234 567890', address: 'Borchester Town Hall, Borchester BC1 1AA',
      website: 'https://www.example.gov.uk/borsetshire', region: 'wales', clear_days: '3',
      logo: fileField(Buffer.from(LOGO), 'logo.svg', 'image/svg+xml'),
    });
    const r = await submit('/admin/settings', fields);
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), '/admin/settings');
    const [b] = await sql(db, 'SELECT id, name, short_name, colour_primary, colour_accent, logo_svg, email, phone, address, website, region, notice_clear_days FROM body ORDER BY id LIMIT 1');
    assert.deepEqual(b, {
      id: b.id, name: NAME, short_name: 'Borsetshire', colour_primary: '#123456', colour_accent: '#ABC', logo_svg: LOGO,
      email: `democracy.${tag}@example.gov.uk`, phone: '01234 567890', address: 'Borchester Town Hall, Borchester BC1 1AA',
      website: 'https://www.example.gov.uk/borsetshire', region: 'wales', notice_clear_days: 3,
    });
    const audit = await auditSince(db, auditBefore);
    assert.deepEqual(audit.map(({ user_id, action, entity, entity_id }) => ({ user_id, action, entity, entity_id })), [{ user_id: adminId, action: 'update', entity: 'body', entity_id: b.id }]);
    const [a] = await sql(db, `SELECT after_json FROM audit_log WHERE id = ${audit[0].id}`);
    const after = JSON.parse(a.after_json);
    assert.equal(after.name, NAME);
    assert.equal(after.logo_svg_bytes, Buffer.byteLength(LOGO));
    assert.match(after.logo_svg_sha256, /^[0-9a-f]{64}$/);

    const now = await fetchAs(base, '/');
    assert.equal(now.status, 200);
    assert.ok(now.text.includes(`<span class="brand-name">${esc(NAME)}</span>`), 'the header shows the new name, escaped');
    assert.ok(!now.text.includes(NAME), 'never unescaped');
    assert.ok(titleOf(now.text).endsWith(NAME), 'the title ends with the name');
    assert.ok(now.text.includes('<link rel="stylesheet" href="/theme.css?v=123456-ABC">'), 'the new colours');
    assert.equal((await fetchAs(base, '/theme.css?v=123456-ABC')).text, ':root{--primary:#123456;--accent:#ABC}\n');
    const logo = now.text.match(/<img class="logo" src="(\/logo\.svg\?v=[0-9a-f]+)" alt="">/);
    assert.ok(logo, 'the logo');
    assert.equal((await fetchAs(base, logo[1])).text, LOGO);
    assert.ok(now.text.includes(`democracy.${tag}@example.gov.uk`), 'the contact address in the footer');
    assert.notEqual(now.text, home.text);
    // The form now shows the stored values again.
    const f = await settingsForm();
    assert.deepEqual([f.name, f.region, f.clear_days], [NAME, 'wales', '3']);
  });

  test('the logo stays when the form is saved without a file, and goes with "remove the logo"', async () => {
    let r = await submit('/admin/settings', await settingsForm({ phone: '' }));
    assert.equal(r.status, 303);
    let [b] = await sql(db, 'SELECT logo_svg, phone FROM body ORDER BY id LIMIT 1');
    assert.deepEqual(b, { logo_svg: LOGO, phone: null }, 'an empty optional field is cleared, the logo kept');
    r = await submit('/admin/settings', await settingsForm({ logo_remove: '1' }));
    assert.equal(r.status, 303);
    [b] = await sql(db, 'SELECT logo_svg FROM body ORDER BY id LIMIT 1');
    assert.equal(b.logo_svg, null);
    const home = await fetchAs(base, '/');
    assert.ok(!home.text.includes('class="logo"'), 'no logo on the public site');
  });

  test('a bad colour, an unsafe SVG and out-of-range clear days → 400, typed values kept, nothing changed', async () => {
    const before = await state();
    const bad = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`;
    const fields = await settingsForm({
      name: `Typed name ${tag}`, colour_primary: 'red; } body { display:none', colour_accent: '#12345',
      clear_days: '31', region: 'atlantis', website: 'javascript:alert(1)', email: 'nobody',
      logo: fileField(Buffer.from(bad), 'evil.svg', 'image/svg+xml'),
    });
    const r = await submit('/admin/settings', fields);
    const summary = await assertRefused(r, before, ['colour_primary', 'colour_accent', 'logo', 'email', 'website', 'region', 'clear_days']);
    assert.match(summary.find((e) => e.field === 'f-logo').msg, /scripts/);
    assert.equal(inputValue(r.text, 'name'), `Typed name ${tag}`);
    assert.equal(inputValue(r.text, 'colour_primary'), 'red; } body { display:none');
    assert.equal(inputValue(r.text, 'clear_days'), '31');
    assert.ok(!r.text.includes('<script>alert(1)'), 'the SVG is not written into the page');
    assert.match(r.text, /\/theme\.css\?v=[0-9a-fA-F]{3,6}-[0-9a-fA-F]{3,6}"/, 'the page keeps the stored colours');
    assert.match(r.text, /Choose evil\.svg again/);
    const home = await fetchAs(base, '/');
    assert.ok(!home.text.includes(`Typed name ${tag}`));
  });

  test('other unsafe logos, a non-SVG file and an empty file are refused; so is a new logo with "remove"', async () => {
    const before = await state();
    const cases = {
      'an event handler': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
      'a javascript: link': '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
      'foreignObject': '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
      'not an SVG': '<html><body>hello</body></html>',
      'too large': `<svg xmlns="http://www.w3.org/2000/svg">${'<rect/>'.repeat(10000)}</svg>`,
    };
    for (const [what, svg] of Object.entries(cases)) {
      const r = await submit('/admin/settings', await settingsForm({ logo: fileField(Buffer.from(svg), 'logo.svg', 'image/svg+xml') }));
      await assertRefused(r, before, ['logo']);
      assert.ok(!r.text.includes(svg), `${what}: not written back`);
    }
    let r = await submit('/admin/settings', await settingsForm({ logo: fileField(Buffer.alloc(0), 'empty.svg', 'image/svg+xml') }));
    await assertRefused(r, before, ['logo']);
    r = await submit('/admin/settings', await settingsForm({ logo_remove: '1', logo: fileField(Buffer.from(LOGO), 'logo.svg', 'image/svg+xml') }));
    await assertRefused(r, before, ['logo_remove']);
    r = await submit('/admin/settings', await settingsForm({ name: '', clear_days: 'five' }));
    await assertRefused(r, before, ['name', 'clear_days']);
  });

  test('clear days 0 and 30 are taken', async () => {
    for (const d of ['0', '30']) {
      assert.equal((await submit('/admin/settings', await settingsForm({ clear_days: d }))).status, 303);
      const [b] = await sql(db, 'SELECT notice_clear_days FROM body ORDER BY id LIMIT 1');
      assert.equal(b.notice_clear_days, Number(d));
    }
  });
});
