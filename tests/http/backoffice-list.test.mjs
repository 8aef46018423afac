// The back office's list of meetings (issue 17): 50 a page, newest first,
// with filters by committee, dates, status and words, on a record grown
// by 120 meetings of one committee; counts and pages agree with the
// database; bad filters are 400 and a page past the end 404.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, fetchAs, signIn } from './backoffice-helpers.mjs';
import { sqlWrite } from './feeds-helpers.mjs';
import { anchors, decode, sql } from './helpers.mjs';

const CLERK = { email: 'lists.clerk@example.org', role: 'clerk', password: 'a long enough password 1', name: 'List Clerk' };

/** The meeting ids linked from a list page's table, in order. */
function listed(html) {
  const table = html.match(/<table class="admin-meetings"[\s\S]*?<\/table>/);
  if (!table) return [];
  return anchors(table[0]).map((a) => a.href.match(/^\/admin\/meetings\/(\d+)$/)).filter(Boolean).map((m) => Number(m[1]));
}

function summary(html) {
  const m = decode(html).match(/Meetings (\d+) to (\d+) of (\d+)\./);
  return m ? m.slice(1).map(Number) : null;
}

describe('the list of meetings in the back office', () => {
  let srv;
  let cookie;
  let org;
  let all;

  before(async () => {
    srv = await startServer();
    [{ id: org }] = await sql(srv.dbPath, 'SELECT id FROM organization WHERE deleted = 0 ORDER BY id LIMIT 1');
    const values = [];
    for (let i = 0; i < 120; i++) {
      const day = new Date(Date.UTC(2030, 0, 1) + i * 86400e3).toISOString().slice(0, 10);
      values.push(`(${org}, '${day} 10:00', 'Bulk meeting ${i}')`);
    }
    await sqlWrite(srv.dbPath, `INSERT INTO meeting (organization_id, start_at, name) VALUES ${values.join(', ')}`);
    addUser(srv.dbPath, CLERK);
    ({ cookie } = await signIn(srv.base, CLERK.email, CLERK.password));
    all = (await sql(srv.dbPath, 'SELECT id FROM meeting WHERE deleted = 0 ORDER BY start_at DESC, id DESC')).map((r) => r.id);
  });

  after(async () => {
    await srv?.stop();
  });

  test('50 a page, newest first; the pages together list every meeting once', async () => {
    const seen = [];
    let url = '/admin';
    for (let page = 1; url; page++) {
      const r = await fetchAs(srv.base, url, { cookie });
      assert.equal(r.status, 200, url);
      const ids = listed(r.text);
      assert.ok(ids.length <= 50, `${url}: ${ids.length} rows`);
      const [from, to, total] = summary(r.text);
      assert.deepEqual([from, to, total], [seen.length + 1, seen.length + ids.length, all.length], url);
      seen.push(...ids);
      const next = anchors(r.text).find((a) => a.text.startsWith('Next'));
      url = next ? next.href : null;
      assert.ok(page < 20, 'the pages end');
    }
    assert.deepEqual(seen, all);
  });

  test('filters: committee, dates, status and words, with the pages keeping them', async () => {
    const q = `/admin?committee=${org}&from=2030-02-01&to=2030-03-31&status=agenda_draft&q=bulk`;
    const want = (await sql(srv.dbPath, `SELECT id FROM meeting WHERE deleted = 0 AND organization_id = ${org}
      AND start_at >= '2030-02-01' AND substr(start_at, 1, 10) <= '2030-03-31' AND agenda_status <> 'published'
      AND lower(name) LIKE '%bulk%' ORDER BY start_at DESC, id DESC`)).map((r) => r.id);
    assert.equal(want.length, 59);
    const r = await fetchAs(srv.base, q, { cookie });
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.text), [1, 50, 59]);
    const next = anchors(r.text).find((a) => a.text.startsWith('Next'));
    assert.ok(next, 'a next page');
    const { href } = next;
    for (const p of [`committee=${org}`, 'from=2030-02-01', 'to=2030-03-31', 'status=agenda_draft', 'q=bulk', 'page=2']) {
      assert.ok(href.includes(p), `${href} keeps ${p}`);
    }
    const r2 = await fetchAs(srv.base, href, { cookie });
    assert.deepEqual([...listed(r.text), ...listed(r2.text)], want);
    const none = await fetchAs(srv.base, '/admin?q=no+such+meeting+at+all', { cookie });
    assert.equal(none.status, 200);
    assert.match(none.text, /No meeting matches these filters/);
    const empty = await fetchAs(srv.base, '/admin?committee=&from=&to=&status=&q=', { cookie });
    assert.equal(empty.status, 200, 'the form sent with nothing chosen');
    assert.deepEqual(summary(empty.text), [1, 50, all.length]);
  });

  test('bad filters are 400; a page past the end is 404', async () => {
    for (const p of ['/admin?status=bogus', '/admin?page=0', '/admin?from=2030-13-01', '/admin?committee=abc']) {
      assert.equal((await fetchAs(srv.base, p, { cookie })).status, 400, p);
    }
    assert.equal((await fetchAs(srv.base, '/admin?page=99', { cookie })).status, 404);
  });
});
