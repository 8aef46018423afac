// Search (a first part of issue 4): public text is found, with escaped
// snippets; confidential and unpublished text never is; any query answers
// without error; the index follows a clerk's change in the same transaction.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { demoMarkers, findSeed, get } from './helpers.mjs';

let srv, seed;
before(async () => { srv = await startServer(); seed = await findSeed(srv.base); });
after(async () => { await srv?.stop(); });

const results = (html) => [...html.matchAll(/<li><a href="([^"]*)">([^<]*)<\/a> <span class="meta">/g)].map((m) => m[1]);

test('the seed item is found by words from its minutes, with marked, escaped snippets', async () => {
  const r = await get(srv.base, '/search?q=Victim+Advice+Line');
  assert.equal(r.status, 200);
  assert.ok(results(r.text).includes(`${seed.itemUrl}#minutes`), results(r.text).join('\n'));
  assert.match(r.text, /<mark>Victim<\/mark> <mark>Advice<\/mark> <mark>Line<\/mark>/);
  const amp = await get(srv.base, '/search?q=%22Police+%26+Crime+Plan%22');
  assert.match(amp.text, /Police &amp; Crime Plan Activity/);
  assert.doesNotMatch(amp.text, /Police & Crime/);
});

test('confidential and unpublished words are never found', async () => {
  const words = Object.values(demoMarkers());
  assert.ok(words.length >= 3);
  for (const word of words) {
    const r = await get(srv.base, `/search?q=${encodeURIComponent(word)}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /0 results/, word);
    assert.equal(r.text.split(word).length - 1, 2, `${word} appears only in the search box and the title`);
  }
});

test('any query answers: malformed ones are read as plain words', async () => {
  for (const q of ['"unclosed phrase', 'a OR', 'OR OR', '-only', '***', 'NEAR(a b', 'title:x', '")(', '^start',
    'AND', '-', '"', '\u00e9t\u00e9', 'x'.repeat(500)]) {
    const r = await get(srv.base, `/search?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, JSON.stringify(q));
  }
  const long = await get(srv.base, `/search?q=${'x'.repeat(501)}`);
  assert.equal(long.status, 400, 'over 500 bytes is refused with a message');
});

test('a change made in the back office is reflected at once', async () => {
  addUser(srv.dbPath, { email: 'search@example.org', role: 'clerk', password: 'a long enough password' });
  const clerk = await signIn(srv.base, 'search@example.org', 'a long enough password');
  const [meetingId, itemId] = seed.itemUrl.match(/\d+/g).map(Number);
  const before = await get(srv.base, '/search?q=%22Victim+Advice+Line%22');
  assert.ok(results(before.text).includes(`${seed.itemUrl}#minutes`));
  // Make the seed item exempt (its minutes become confidential) with an amendment reason.
  const [row] = await sql(srv.dbPath, `SELECT number, title, description_md, minutes_md, decision_md FROM agenda_item WHERE id = ${itemId}`);
  const r = await post(srv.base, `/admin/meetings/${meetingId}/items/${itemId}`, {
    csrf: clerk.csrf, number: row.number, title: row.title, paragraph: '3', reason: 'Test of the index',
    description: row.description_md ?? '', minutes: row.minutes_md ?? '', decision: row.decision_md ?? '',
    amendment: 'test', action: 'save' }, { cookie: clerk.cookie });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const after = await get(srv.base, '/search?q=%22Victim+Advice+Line%22');
  assert.ok(!results(after.text).includes(`${seed.itemUrl}#minutes`), 'the exempt item\'s minutes are no longer found');
  const [{ n }] = await sql(srv.dbPath, 'SELECT count(*) AS n FROM search_queue');
  assert.equal(n, 0, 'nothing left queued');
});
