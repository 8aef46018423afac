// The pages of e-mail alerts that no link leads to (the crawl of
// a11y.test.mjs reaches /alerts, its forms and /privacy): the answer to a
// subscription, the form shown again with its error, the confirmation,
// managing and unsubscribe pages; and an alert message's HTML as a mail
// reader shows it. Each: no axe-core violation, no sideways scroll at
// 375 px, valid HTML (vnu); the message also loads nothing from anywhere.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import {
  checkHorizontalScroll, desktopContext, formatViolations, formatVnuErrors, launchBrowser, mobileContext,
  runAxe, runVnuOnPages,
} from './checks.mjs';

let srv, browser, desktop, mobile;
const pages = new Map(); // name -> {url, body}
let messageHtml = null;

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

async function postForm(url, fields) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: r.status, body: await r.text() };
}

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  desktop = await desktopContext(browser);
  mobile = await mobileContext(browser);

  const bad = await postForm(`${srv.base}/alerts`, { follow: 'committee', id: '1', email: 'not an address', frequency: 'immediate' });
  assert.equal(bad.status, 400);
  pages.set('subscribe form with an error', { url: '/alerts (POST, error)', body: bad.body });
  const ok = await postForm(`${srv.base}/alerts`, { follow: 'committee', id: '1', email: 'reader@example.org', frequency: 'immediate' });
  assert.equal(ok.status, 200);
  pages.set('check your e-mail', { url: '/alerts (POST)', body: ok.body });

  const confirm = sql(srv.dbPath, "SELECT confirm_token FROM alert_subscription");
  const manage = sql(srv.dbPath, "SELECT token FROM alert_subscriber");
  for (const [name, url] of [['confirmed', `/alerts/confirm/${confirm}`], ['manage', `/alerts/manage/${manage}`]]) {
    const r = await fetch(srv.base + url);
    assert.equal(r.status, 200, url);
    pages.set(name, { url, body: await r.text() });
  }

  // An agenda published (a write outside witan, which the server publishes
  // within seconds): the subscriber's message is composed into the outbox
  // (no --smtp: it waits there with its HTML).
  const meeting = sql(srv.dbPath, "SELECT id FROM meeting WHERE organization_id = 1 AND published = 1 AND deleted = 0 AND agenda_status = 'draft' ORDER BY start_at DESC LIMIT 1");
  assert.ok(meeting, 'a meeting of committee 1 with a draft agenda');
  sql(srv.dbPath, `UPDATE meeting SET agenda_status = 'published', agenda_published_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ${meeting}`);
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    messageHtml = sql(srv.dbPath, "SELECT body_html FROM alert_message WHERE kind = 'alert' LIMIT 1") || null;
    if (messageHtml) break;
    await new Promise((res) => setTimeout(res, 250));
  }
  assert.ok(messageHtml, 'an alert message was composed within 20 s');
  const unsub = sql(srv.dbPath, "SELECT unsub_token FROM alert_message WHERE kind = 'alert' LIMIT 1");
  const r = await fetch(`${srv.base}/alerts/unsubscribe/${unsub}`);
  assert.equal(r.status, 200);
  pages.set('unsubscribe', { url: `/alerts/unsubscribe/${unsub}`, body: await r.text() });
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('no axe violation and no sideways scroll on the alert pages', async (t) => {
  for (const [name, { url, body }] of pages) {
    await t.test(name, async () => {
      for (const ctx of [desktop, mobile]) {
        const p = await ctx.newPage();
        if (url.includes('(POST')) {
          await p.goto(`${srv.base}/alerts`);
          await p.setContent(body);
        } else {
          await p.goto(`${srv.base}${url}`);
        }
        if (ctx === desktop) {
          const v = await runAxe(p);
          assert.equal(v.length, 0, `${url}\n${formatViolations(v)}`);
        } else {
          const s = await checkHorizontalScroll(p);
          assert.ok(s.ok, `${url} scrolls sideways at 375 px: ${JSON.stringify(s.culprits)}`);
        }
        await p.close();
      }
    });
  }
});

test('every alert page, and the message, is valid HTML', async () => {
  const byUrl = await runVnuOnPages([...pages.values(), { url: '(alert message)', body: messageHtml }]);
  const errors = [...byUrl.values()].flat();
  assert.equal(errors.length, 0, formatVnuErrors(errors));
});

test("an alert message's HTML: no axe violation, and it loads nothing", async () => {
  assert.doesNotMatch(messageHtml, /<img|<link|<script|<iframe|url\(/i, 'no images, stylesheets, scripts or frames');
  const p = await desktop.newPage();
  const requests = [];
  await p.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await p.setContent(messageHtml);
  assert.deepEqual(requests, [], 'rendering the message fetches nothing');
  await p.unroute('**/*');
  const v = await runAxe(p);
  assert.equal(v.length, 0, formatViolations(v));
  await p.close();
});
