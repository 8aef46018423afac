// Decision records and the forward plan on the public site (issue 13):
// /decisions (filters, pages, bad filters), /decisions/{id} (and 404 for
// an unpublished one), /forward-plan with its iCalendar and Atom feed,
// and /issues/{id} following its paper across meetings.  The tests seed
// their own rows (tests/http/decisions-seed.sql, titles marked SEEDDEC)
// into their server's database, and find their way by following links.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { dbQuery, REPO_ROOT, startServer } from '../lib/server.mjs';
import { icalEvents, parseWith, unfold } from './feeds-helpers.mjs';
import { anchors, findAnchor, get, getBytes, sql, textOf } from './helpers.mjs';

let srv;

before(async () => {
  srv = await startServer();
  // The seed on stdin (it starts with a comment, which sqlite3 would read
  // as an option); the server sees the write by its data version.
  await dbQuery(srv.dbPath, readFileSync(path.join(REPO_ROOT, 'tests', 'http', 'decisions-seed.sql'), 'utf8'), { write: true });
});

after(async () => {
  await srv?.stop();
});

/** The rows of the decisions table: [{href, title, cells: [text...]}]. */
function decisionRows(html) {
  const rows = [];
  for (const m of html.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)) {
    const a = anchors(m[1])[0];
    const cells = [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1]));
    rows.push({ href: a.href, title: a.text, cells });
  }
  return rows;
}

async function page(p) {
  const r = await get(srv.base, p);
  assert.equal(r.status, 200, `${p}: ${r.status}`);
  return r.text;
}

describe('/decisions', () => {
  test('the nav links decisions and the forward plan', async () => {
    const home = await page('/');
    findAnchor(home, 'Decisions');
    findAnchor(home, 'Forward plan');
  });

  test('lists published decisions newest first, never an unpublished one', async () => {
    const html = await page(findAnchor(await page('/'), 'Decisions').href);
    assert.match(html, /<caption[^>]*>Decisions<\/caption>/);
    assert.ok(!html.includes('HIDDENDECISION'));
    const dates = [...html.matchAll(/<td><time datetime="(\d{4}-\d\d-\d\d)">/g)].map((m) => m[1]);
    assert.ok(dates.length > 10);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  test('the filters narrow the list', async () => {
    const all = decisionRows(await page('/decisions'));
    const key = decisionRows(await page('/decisions?key=1'));
    assert.ok(key.length > 0 && key.length < all.length);
    for (const r of key) assert.match(r.cells[3], /Key decision/);
    const calledIn = decisionRows(await page('/decisions?status=called_in'));
    assert.ok(calledIn.length >= 1);
    for (const r of calledIn) assert.equal(r.cells[4], 'Called in');
    const officer = decisionRows(await page('/decisions?kind=officer'));
    for (const r of officer) assert.match(r.cells[2], /Officer/);
    // The decision makers of the form's list each narrow it to themselves.
    const form = await page('/decisions');
    const makers = [...form.matchAll(/<option value="((?:committee|post)-[^"]*)">([^<]*)<\/option>/g)];
    const post = makers.find((m) => m[1].startsWith('post-'));
    const committee = makers.find((m) => m[1].startsWith('committee-'));
    assert.ok(post && committee, 'the form offers committees and posts');
    for (const [, value, name] of [post, committee]) {
      const rows = decisionRows(await page(`/decisions?maker=${encodeURIComponent(value)}`));
      assert.ok(rows.length >= 1, value);
      for (const r of rows) assert.ok(r.cells[1].includes(name), `${r.title}: ${r.cells[1]} is not ${name}`);
    }
    // A date range.
    const dated = decisionRows(await page('/decisions?from=2000-01-01&to=2000-12-31'));
    assert.equal(dated.length, 0);
  });

  test('pages of 50 keep the filters', async () => {
    const first = await page('/decisions?kind=officer');
    assert.equal(decisionRows(first).length, 50);
    const next = findAnchor(first, /Next/);
    assert.match(next.href, /kind=officer/);
    assert.match(next.href, /page=2/);
    const second = await page(next.href);
    const rows2 = decisionRows(second);
    assert.ok(rows2.length >= 1);
    const firstIds = new Set(decisionRows(first).map((r) => r.href));
    for (const r of rows2) assert.ok(!firstIds.has(r.href));
    const prev = findAnchor(second, /Previous/);
    assert.match(prev.href, /kind=officer/);
    assert.equal((await get(srv.base, '/decisions?page=999')).status, 404);
  });

  test('bad filter values are a 400 page', async () => {
    for (const q of ['status=nonsense', 'kind=mayor', 'key=7', 'from=2024-13-40', 'page=0', 'page=x',
      'maker=committee-abc', 'maker=nobody', 'from=2025-02-01&to=2025-01-01']) {
      const r = await get(srv.base, `/decisions?${q}`);
      assert.equal(r.status, 400, q);
      assert.match(r.headers.get('content-type'), /text\/html/);
    }
  });
});

describe('/decisions/{id}', () => {
  test('a record shows its maker, call-in, links and reasons', async () => {
    const list = await page('/decisions?key=1&kind=executive');
    const row = decisionRows(list).find((r) => /libraries/.test(r.title));
    assert.ok(row, 'the seeded executive decision is listed');
    const html = await page(row.href);
    const text = textOf(html);
    for (const label of ['Decision maker', 'Date of decision', 'Key decision', 'Wards affected', 'Subject to call-in',
      'Call-in deadline', 'Takes effect', 'Reasons for the decision', 'Alternative options considered and rejected',
      'Dispensations granted']) {
      assert.ok(text.includes(label), label);
    }
    const links = anchors(html).map((a) => a.href);
    assert.ok(links.some((h) => /^\/meetings\/\d+\/items\/\d+$/.test(h)), 'links its item');
    assert.ok(links.some((h) => /^\/issues\/\d+$/.test(h)), 'links its issue');
    assert.ok(links.some((h) => /^\/forward-plan/.test(h)), 'links its forward plan entry');
    // The item links back.
    const item = await page(links.find((h) => /^\/meetings\/\d+\/items\/\d+$/.test(h)));
    assert.ok(anchors(item).some((a) => a.href === row.href));
  });

  test('an officer decision names the post and links the person', async () => {
    const rows = decisionRows(await page('/decisions?kind=officer&status=implemented'));
    const html = await page(rows[0].href);
    assert.ok(anchors(html).some((a) => /^\/people\/\d+$/.test(a.href)));
  });

  test('an unpublished or unknown decision is a 404', async () => {
    const [hidden] = await sql(srv.dbPath, "SELECT id FROM decision WHERE title LIKE '%HIDDENDECISION%'");
    assert.equal((await get(srv.base, `/decisions/${hidden.id}`)).status, 404);
    assert.equal((await get(srv.base, '/decisions/987654321')).status, 404);
  });
});

describe('/forward-plan', () => {
  test('entries by month from today, exempt restriction and urgency shown', async () => {
    const html = await page(findAnchor(await page('/'), 'Forward plan').href);
    assert.match(html, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/forward-plan.atom"/);
    assert.match(html, /<link rel="alternate" type="text\/calendar"[^>]*href="\/forward-plan.ics"/);
    findAnchor(html, /Atom/);
    findAnchor(html, /iCalendar/);
    assert.ok(!html.includes('HIDDENPLAN'));
    const text = textOf(html);
    assert.match(text, /paragraph 3 of Part 1 of Schedule 12A/);
    assert.match(text, /General exception/);
    const due = [...html.matchAll(/<dt>Decision due<\/dt><dd><time datetime="([\d-]+)"/g)].map((m) => m[1]);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(due.length >= 6);
    assert.deepEqual(due, [...due].sort());
    for (const d of due) assert.ok(d >= today.slice(0, 8) + '00', d);
    assert.ok([...html.matchAll(/<h2 id="month-/g)].length >= 2, 'a heading per month');
    const all = await page(findAnchor(html, /past entries/).href);
    const dueAll = [...all.matchAll(/<dt>Decision due<\/dt><dd><time datetime="([\d-]+)"/g)].map((m) => m[1]);
    assert.ok(dueAll.length > due.length);
    assert.equal((await get(srv.base, '/forward-plan?past=5')).status, 400);
  });

  test('the iCalendar has one all-day event per entry', async () => {
    const { status, headers, body } = await getBytes(srv.base, '/forward-plan.ics');
    assert.equal(status, 200);
    assert.match(headers.get('content-type'), /^text\/calendar/);
    await parseWith('ical', body);
    const events = icalEvents(unfold(body));
    const all = await page('/forward-plan?past=1');
    const entries = [...all.matchAll(/<article class="plan-entry"/g)].length;
    assert.equal(events.length, entries);
    const uids = new Set(events.map((e) => e.UID));
    assert.equal(uids.size, events.length);
    for (const e of events) assert.match(e.DTSTART, /^\d{8}$/);
  });

  test('the Atom feed is well-formed, newest notice first', async () => {
    const { status, headers, body } = await getBytes(srv.base, '/forward-plan.atom');
    assert.equal(status, 200);
    assert.match(headers.get('content-type'), /^application\/atom\+xml/);
    await parseWith('atom', body);
    const published = [...body.toString('utf8').matchAll(/<published>([^<]+)<\/published>/g)].map((m) => m[1]);
    assert.ok(published.length >= 8);
    assert.deepEqual(published, [...published].sort().reverse());
    assert.ok(!body.toString('utf8').includes('HIDDENPLAN'));
  });
});

describe('/issues/{id}', () => {
  test('follows the paper across its meetings in date order, with decisions and plan entries', async () => {
    const dec = await page(decisionRows(await page('/decisions?key=1&kind=executive')).find((r) => /libraries/.test(r.title)).href);
    const issue = await page(anchors(dec).find((a) => /^\/issues\/\d+$/.test(a.href)).href);
    const section = issue.slice(issue.indexOf('id="considered"'), issue.indexOf('id="decisions"'));
    const dates = [...section.matchAll(/<h3><a href="\/meetings\/\d+">[^<]*<time datetime="([\d-]+)"/g)].map((m) => m[1]);
    assert.ok(dates.length >= 3, 'three meetings');
    assert.deepEqual(dates, [...dates].sort());
    assert.ok(anchors(section).some((a) => /^\/decisions\/\d+$/.test(a.href)), 'the item links its decision record');
    assert.ok(anchors(issue).filter((a) => /^\/decisions\/\d+$/.test(a.href)).length >= 3, 'every decision on it');
    assert.match(issue, /id="forward-plan"/);
  });
});
