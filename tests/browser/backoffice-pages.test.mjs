// Every back-office page type, signed in as an admin, as a browser sees it:
// no axe-core violation (WCAG 2.1 A/AA), no sideways scroll at 375 px, and
// valid HTML (vnu) — also for a form shown again with its errors.  Pages are
// found by following the back office's own links, one of each type.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser } from './backoffice-helpers.mjs';
import {
  checkHorizontalScroll, desktopContext, formatViolations, formatVnuErrors, launchBrowser, mobileContext,
  runAxe, runVnuOnPages,
} from './checks.mjs';

let srv, browser, desktop, mobile;
const pages = new Map(); // page type -> {url, body}

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

test('every back-office page is valid HTML', async () => {
  const byUrl = await runVnuOnPages([...pages.values()]);
  const errors = [...byUrl.values()].flat();
  assert.equal(errors.length, 0, formatVnuErrors(errors));
});
