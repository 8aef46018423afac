// A generated record (`witan gen`, the benchmarks' corpus): a committee of
// many meetings, whose page lists them newest first, 50 a page, the
// pager's links reaching every one exactly once, pages outside the list
// refused with a message (issue 17: the committee page of a generated
// record was 129 KB); and the papers (issues), decisions and minutes'
// publication that the benchmark's issue, decision and feed pages need.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { startServer, witanPath } from '../lib/server.mjs';
import { addUser, fetchAs, signIn, sql } from './backoffice-helpers.mjs';
import { get } from './helpers.mjs';

let s;
before(async () => {
  s = await startServer({ demo: false });
  const run = await promisify(execFile)(witanPath(), ['gen', '--db', s.dbPath, '--meetings', '1200', '--seed', '3'], { timeout: 300000 });
  assert.match(run.stderr, /added 1200 meetings/);
});
after(() => s?.stop());

const meetingIds = (html) => [...html.matchAll(/<li><a href="\/meetings\/(\d+)">/g)].map((m) => Number(m[1]));

test('the pages of a committee of 60 meetings list each public meeting once, newest first, 50 a page', async () => {
  const [{ org, n }] = await sql(s.dbPath,
    'SELECT organization_id AS org, count(*) AS n FROM pub_meeting GROUP BY organization_id ORDER BY n DESC, org LIMIT 1');
  assert.ok(n > 50, `the generated committee has more than one page of meetings (${n})`);
  const want = (await sql(s.dbPath,
    `SELECT id FROM pub_meeting WHERE organization_id = ${Number(org)} ORDER BY start_at DESC, id DESC`)).map((r) => Number(r.id));

  const seen = [];
  let url = `/committees/${org}`;
  let pages = 0;
  while (url) {
    const r = await get(s.base, url);
    assert.equal(r.status, 200, url);
    pages++;
    const ids = meetingIds(r.text);
    assert.ok(ids.length > 0 && ids.length <= 50, `${url}: ${ids.length} meetings`);
    seen.push(...ids);
    if (pages > 1) assert.match(r.text, new RegExp(`<title>[^<]*meetings page ${pages}`), 'later pages say which page they are');
    assert.match(r.text, new RegExp(`${n} meetings, page ${pages} of ${Math.ceil(n / 50)}`));
    const next = r.text.match(/<a href="([^"]+)" rel="next">/);
    url = next ? next[1].replace(/&amp;/g, '&') : null;
    assert.ok(pages < 10, 'the pager ends');
  }
  assert.equal(pages, Math.ceil(n / 50));
  assert.deepEqual(seen, want, 'every meeting once, in order');

  const last = await get(s.base, `/committees/${org}?page=${pages}`);
  assert.match(last.text, new RegExp(`<a href="/committees/${org}\\?page=${pages - 1}" rel="prev">|<a href="/committees/${org}" rel="prev">`));
});

test('a page past the end is 404, a bad page number 400, each with a message', async () => {
  const [{ org, n }] = await sql(s.dbPath,
    'SELECT organization_id AS org, count(*) AS n FROM pub_meeting GROUP BY organization_id ORDER BY n DESC, org LIMIT 1');
  const past = await get(s.base, `/committees/${org}?page=${Math.ceil(n / 50) + 1}`);
  assert.equal(past.status, 404);
  assert.match(past.text, /no such page of this committee/);
  for (const bad of ['0', 'x', '-1', '99999999']) {
    const r = await get(s.base, `/committees/${org}?page=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.match(r.text, /page number is out of range|invalid value/, bad);
  }
});

test('each generated meeting considers a paper; each held one decides it and publishes its minutes', async () => {
  const [m] = await sql(s.dbPath,
    "SELECT count(*) AS n, sum(state = 'held') AS held, sum(minutes_published_at IS NOT NULL) AS published FROM pub_meeting");
  const [{ papers }] = await sql(s.dbPath, 'SELECT count(*) AS papers FROM pub_paper');
  const [{ decisions }] = await sql(s.dbPath, 'SELECT count(*) AS decisions FROM pub_decision');
  assert.equal(Number(papers), Number(m.n));
  assert.equal(Number(decisions), Number(m.held));
  assert.equal(Number(m.published), Number(m.held));
  const [d] = await sql(s.dbPath, 'SELECT id, paper_id, agenda_item_id, title FROM pub_decision ORDER BY id DESC LIMIT 1');
  const page = await get(s.base, `/decisions/${d.id}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`href="/issues/${d.paper_id}"`), 'the decision links its issue');
  const issue = await get(s.base, `/issues/${d.paper_id}`);
  assert.equal(issue.status, 200);
  assert.ok(issue.text.includes(`/decisions/${d.id}`), 'the issue links its decision');
  const minutes = await get(s.base, '/feeds/meetings.atom?kind=minutes');
  assert.equal(minutes.status, 200);
  assert.match(minutes.text, /<entry>/, 'the minutes feed has entries');
});

test("the back office's lists are paged: 100 rows a page, every decision once, bad pages refused", async () => {
  addUser(s.dbPath, { email: 'pager@example.org', role: 'clerk', password: 'pager-password-123' });
  const { cookie } = await signIn(s.base, 'pager@example.org', 'pager-password-123');
  const [{ n }] = await sql(s.dbPath, 'SELECT count(*) AS n FROM decision WHERE deleted = 0');
  assert.ok(Number(n) > 200, `more than two pages of decisions (${n})`);
  const seen = [];
  let url = '/admin/decisions';
  let pages = 0;
  while (url) {
    const r = await fetchAs(s.base, url, { cookie });
    assert.equal(r.status, 200, url);
    pages++;
    const ids = [...r.text.matchAll(/<a href="\/admin\/decisions\/(\d+)">/g)].map((m) => Number(m[1]));
    assert.ok(ids.length > 0 && ids.length <= 100, `${url}: ${ids.length} rows`);
    assert.ok(r.text.length < 200000, `${url}: ${r.text.length} bytes`);
    seen.push(...ids);
    assert.match(r.text, new RegExp(`${n} in all, page ${pages} of ${Math.ceil(n / 100)}`));
    const next = r.text.match(/<a href="([^"]+)" rel="next">/);
    url = next ? next[1].replace(/&amp;/g, '&') : null;
    assert.ok(pages < 50, 'the pager ends');
  }
  assert.equal(pages, Math.ceil(n / 100));
  assert.equal(seen.length, Number(n), 'as many rows as decisions');
  assert.equal(new Set(seen).size, seen.length, 'none twice');
  const past = await fetchAs(s.base, `/admin/decisions?page=${pages + 1}`, { cookie });
  assert.equal(past.status, 404);
  assert.match(past.text, /no such page/);
  const bad = await fetchAs(s.base, '/admin/people?page=0', { cookie });
  assert.equal(bad.status, 400);
  const anon = await fetchAs(s.base, '/admin/decisions?page=2');
  assert.notEqual(anon.status, 200, 'signed out: no list');
});
