// Every back-office page type, signed in as an admin, as a browser sees it:
// no axe-core violation (WCAG 2.1 A/AA), no sideways scroll at 375 px, and
// valid HTML (vnu) — also for a form shown again with its errors; and no
// Content-Security-Policy violation.  Pages are
// found by following the back office's own links, one of each type.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser } from './backoffice-helpers.mjs';
import {
  checkHorizontalScroll, desktopContext, formatViolations, formatVnuErrors, launchBrowser, mobileContext,
  runAxe, runVnuOnPages, strictContext, watchCsp,
} from './checks.mjs';

let srv, browser, desktop, mobile;
const pages = new Map(); // page type -> {url, body}

/** The TOTP code of a base32 secret now (RFC 6238: HMAC-SHA1, 30 s, 6 digits). */
function totpCode(secretB32) {
  const bits = [...secretB32].map((ch) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(ch).toString(2).padStart(5, '0')).join('');
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const h = createHmac('sha1', Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)))).update(msg).digest();
  return String((h.readUInt32BE(h[19] & 15) & 0x7fffffff) % 1000000).padStart(6, '0');
}

const typeOf = (p) => p.replace(/\/\d+/g, '/{id}').replace(/\?.*$/, '');

before(async () => {
  srv = await startServer();
  await addUser(process.env.WITAN, srv.dbPath, { email: 'a11y@example.org', role: 'admin', password: 'a long enough password' });
  browser = await launchBrowser();
  desktop = await desktopContext(browser);
  mobile = await mobileContext(browser);
  const page = await desktop.newPage();
  await page.goto(`${srv.base}/login`);
  await page.getByLabel('E-mail address').fill('a11y@example.org');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${srv.base}/admin`);
  await mobile.addCookies(await desktop.cookies());
  // Follow links from /admin, one page of each type; start with the seed
  // meeting too (found on the public calendar), whose agenda has items.
  const cal = await (await fetch(`${srv.base}/meetings?month=2019-02`)).text();
  const seedMeeting = cal.match(/href="\/meetings\/(\d+)"/)[1];
  const queue = ['/admin', `/admin/meetings/${seedMeeting}`];
  const seen = new Set(queue);
  while (queue.length > 0 && pages.size < 40) {
    const p = queue.shift();
    const res = await page.goto(`${srv.base}${p}`);
    assert.equal(res.status(), 200, p);
    pages.set(typeOf(p), { url: p, body: await res.text() });
    // Documents are not pages (a clerk's PDF view is tested over HTTP).
    const hrefs = (await page.$$eval('a[href^="/admin"]', (as) => as.map((a) => a.getAttribute('href'))))
      .filter((h) => !h.startsWith('/admin/documents/'));
    for (const h of hrefs) {
      const clean = h.replace(/#.*$/, '');
      if (seen.has(clean) || [...seen].some((s) => typeOf(s) === typeOf(clean))) continue;
      seen.add(clean);
      queue.push(clean);
    }
  }
  // A form shown again with its errors.
  await page.goto(`${srv.base}/admin/meetings/new`);
  await page.getByLabel('Start time').fill('25:00'.slice(0, 0)); // left empty: required
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Create the meeting' }).click(),
  ]);
  assert.equal(resp.status(), 400);
  pages.set('(new meeting with errors)', { url: '/admin/meetings/new (POST)', body: await resp.text() });
  // Two-step sign-in being set up (the key, and a long otpauth:// address
  // that must wrap at 375 px), then turned on, and the code form of the
  // next sign-in.
  await page.goto(`${srv.base}/admin/account`);
  await Promise.all([
    page.waitForURL(/\/admin\/account#two-factor$/),
    page.getByRole('button', { name: 'Set up two-step sign-in' }).click(),
  ]);
  const setup = await (await page.goto(`${srv.base}/admin/account`)).text();
  pages.set('(two-step sign-in being set up)', { url: '/admin/account (POST)', body: setup });
  const setupAxe = await runAxe(page);
  assert.equal(setupAxe.length, 0, `/admin/account, being set up\n${formatViolations(setupAxe)}`);
  const setupMobile = await mobile.newPage();
  await setupMobile.goto(`${srv.base}/admin/account`);
  const setupScroll = await checkHorizontalScroll(setupMobile);
  assert.ok(setupScroll.ok, `/admin/account, being set up, scrolls sideways at 375 px: ${JSON.stringify(setupScroll.culprits)}`);
  await setupMobile.close();
  const secret = setup.match(/secret=([A-Z2-7]{32})/)[1];
  const confirm = await page.request.post(`${srv.base}/admin/account/totp/confirm`, {
    form: { csrf: setup.match(/name="csrf" value="([^"]+)"/)[1], code: totpCode(secret) }, maxRedirects: 0,
  });
  assert.equal(confirm.status(), 303, 'two-step sign-in turned on');
  const again = await page.request.post(`${srv.base}/login`, {
    form: { email: 'a11y@example.org', password: 'a long enough password', next: '/admin' }, maxRedirects: 0,
  });
  assert.equal(again.status(), 200);
  pages.set('(sign-in: the code)', { url: '/login/code (POST)', body: await again.text() });
  for (const [ctx, narrow] of [[await desktopContext(browser), false], [await mobileContext(browser), true]]) {
    const p = await ctx.newPage();
    await p.goto(`${srv.base}/login`);
    await p.getByLabel('E-mail address').fill('a11y@example.org');
    await p.getByLabel('Password').fill('a long enough password');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    const v = await runAxe(p);
    assert.equal(v.length, 0, `the code form\n${formatViolations(v)}`);
    if (narrow) {
      const sc = await checkHorizontalScroll(p);
      assert.ok(sc.ok, `the code form scrolls sideways at 375 px: ${JSON.stringify(sc.culprits)}`);
    }
    await ctx.close();
  }
  await page.close();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the back office has the page types we expect', () => {
  const types = [...pages.keys()];
  for (const t of ['/admin', '/admin/meetings/new', '/admin/meetings/{id}', '/admin/meetings/{id}/items/{id}',
    '/admin/committees', '/admin/committees/{id}', '/admin/people', '/admin/people/{id}', '/admin/locations',
    '/admin/users', '/admin/settings', '/admin/audit', '/admin/alerts', '/admin/account']) {
    assert.ok(types.includes(t), `${t} reached from /admin (found: ${types.join(', ')})`);
  }
});

test('no axe violation and no sideways scroll on any back-office page', async (t) => {
  for (const [type, { url }] of pages) {
    if (url.includes('(POST)')) continue;
    await t.test(type, async () => {
      const p = await desktop.newPage();
      await p.goto(`${srv.base}${url}`);
      const v = await runAxe(p);
      assert.equal(v.length, 0, `${url}\n${formatViolations(v)}`);
      await p.close();
      const m = await mobile.newPage();
      await m.goto(`${srv.base}${url}`);
      const s = await checkHorizontalScroll(m);
      assert.ok(s.ok, `${url} scrolls sideways at 375 px: ${JSON.stringify(s.culprits)}`);
      await m.close();
    });
  }
});

test('no back-office page violates its Content-Security-Policy', async () => {
  const ctx = await strictContext(browser);
  await ctx.addCookies(await desktop.cookies());
  const p = await ctx.newPage();
  const found = await watchCsp(p);
  const problems = [];
  for (const [, { url }] of pages) {
    if (url.includes('(POST)')) continue;
    found.length = 0;
    const res = await p.goto(`${srv.base}${url}`, { waitUntil: 'load' });
    assert.equal(res.status(), 200, url);
    await p.evaluate(() => new Promise((ok) => setTimeout(ok, 50)));
    if (found.length > 0) problems.push(`${url}:\n  ${found.join('\n  ')}`);
  }
  await ctx.close();
  assert.deepEqual(problems, [], 'CSP violations');
});

test('every back-office page is valid HTML', async () => {
  const byUrl = await runVnuOnPages([...pages.values()]);
  const errors = [...byUrl.values()].flat();
  assert.equal(errors.length, 0, formatVnuErrors(errors));
});
