// Search (a first part of issue 4): public text is found, with escaped
// snippets; confidential and unpublished text never is; any query answers
// without error; the index follows a clerk's change in the same transaction.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { demoMarkers, documentLinks, findSeed, get } from './helpers.mjs';

let srv, seed;
const json = async (q) => {
  const r = await get(srv.base, `/search.json?${q}`);
  assert.equal(r.status, 200, `/search.json?${q}: ${r.text.slice(0, 200)}`);
  assert.match(r.headers?.get?.('content-type') ?? 'application/json', /application\/json/);
  return JSON.parse(r.text);
};
before(async () => { srv = await startServer(); seed = await findSeed(srv.base); });
after(async () => { await srv?.stop(); });

const results = (html) => [...html.matchAll(/<li><a href="([^"]*)">([^<]*)<\/a> <span class="meta">/g)].map((m) => m[1]);

test('the seed item is found by words from its minutes, with marked, escaped snippets', async () => {
  const r = await get(srv.base, '/search?q=Victim+Advice+Line&kind=minutes');
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
    assert.equal(r.text.split(word).length - 1, 3, `${word} appears only in the search box, the title and the JSON link`);
    const j = await get(srv.base, `/search.json?q=${encodeURIComponent(word)}`);
    assert.equal(j.status, 200);
    assert.equal(JSON.parse(j.text).total, 0, word);
    for (const kind of ['item', 'minutes', 'document']) {
      const k = await get(srv.base, `/search.json?q=${encodeURIComponent(word)}&kind=${kind}`);
      assert.equal(JSON.parse(k.text).total, 0, `${word} as ${kind}`);
    }
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

test('a phrase found only inside a PDF finds that PDF, linked to its page', async () => {
  // "simplified its values" is on page 2 of the seed item's report, and
  // nowhere else in the record: the text comes from the PDF itself.
  const d = await json('q=%22simplified+its+values%22');
  assert.equal(d.total, 1, JSON.stringify(d.results));
  const [hit] = d.results;
  assert.equal(hit.kind, 'document');
  assert.equal(hit.page, 2);
  assert.match(hit.url, /^\/documents\/\d+\/report-police-and-crime-plan[^#]*\.pdf#page=2$/);
  const linked = documentLinks(seed.itemHtml).map((l) => l.href);
  assert.ok(linked.includes(hit.url.replace(/#.*/, '')), 'the hit is a document of the seed item');
  const pdf = await fetch(srv.base + hit.url.replace(/#.*/, ''));
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-type'), /application\/pdf/);
  await pdf.arrayBuffer();
  // The HTML page links there too, with the page in the fragment.
  const html = await get(srv.base, '/search?q=%22simplified+its+values%22');
  assert.ok(results(html.text).some((u) => u === hit.url.replace(/&/g, '&amp;')), results(html.text).join('\n'));
});

test('filters: kind, committee and date range narrow the results; sort by date orders them', async () => {
  const all = await json('q=police');
  assert.ok(all.total > 20, `police: ${all.total}`);
  for (const kind of ['item', 'minutes', 'document', 'meeting', 'committee', 'person']) {
    const d = await json(`q=police&kind=${kind}`);
    assert.ok(d.results.every((h) => h.kind === kind), `kind=${kind}: ${d.results.map((h) => h.kind)}`);
    assert.ok(d.total <= all.total);
  }
  assert.ok((await json('q=police&kind=document')).total > 0);
  // Committee: every hit belongs to it, and another committee gives others.
  const committeeId = Number(seed.committeeUrl.match(/\d+/)[0]);
  const panel = await json(`q=police&committee=${committeeId}`);
  assert.ok(panel.total > 0 && panel.total < all.total, `${panel.total} of ${all.total}`);
  assert.ok(panel.results.every((h) => h.committee === 'West Mercia Police and Crime Panel'), JSON.stringify(panel.results.map((h) => h.committee)));
  // Date range: only hits with a date inside it.
  const range = await json('q=police&from=2019-01-01&to=2019-02-28&sort=date');
  assert.ok(range.total > 0);
  assert.ok(range.results.every((h) => h.date && h.date >= '2019-01-01' && h.date <= '2019-02-28 23:59'), JSON.stringify(range.results.map((h) => h.date)));
  // Sort by date: newest first.
  const byDate = await json('q=police&sort=date&kind=minutes');
  const dates = byDate.results.map((h) => h.date);
  assert.ok(dates.length > 1);
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.equal(byDate.sort, 'date');
  // The HTML form keeps the filters, and its pager carries them.
  const page = await get(srv.base, `/search?q=police&committee=${committeeId}&sort=date`);
  assert.match(page.text, new RegExp(`<option value="${committeeId}" selected>`));
  assert.match(page.text, /<option value="date" selected>/);
  if (panel.total > 20) assert.match(page.text, new RegExp(`href="/search\\?q=police&amp;committee=${committeeId}&amp;sort=date&amp;page=2"`));
});

test('JSON pages: next links to the following page, no overlap', async () => {
  const p1 = await json('q=police');
  assert.equal(p1.page, 1);
  assert.equal(p1.per_page, 20);
  assert.equal(p1.results.length, 20);
  assert.ok(p1.next, 'a next link');
  const r = await get(srv.base, p1.next);
  assert.equal(r.status, 200);
  const p2 = JSON.parse(r.text);
  assert.equal(p2.page, 2);
  const first = new Set(p1.results.map((h) => h.url));
  assert.ok(p2.results.every((h) => !first.has(h.url)), 'page 2 repeats nothing of page 1');
  for (const h of [...p1.results, ...p2.results]) {
    assert.ok(h.title && h.url && typeof h.snippet === 'string', JSON.stringify(h));
    assert.doesNotMatch(h.snippet_html, /<(?!\/?mark>)/, 'snippet_html is escaped apart from <mark>');
  }
});

test('bad filters get a clear 400; a word with a hyphen is not an exclusion', async () => {
  for (const [q, msg] of [['q=police&kind=secret', /Unknown kind/], ['q=police&sort=random', /Unknown sort/],
    ['q=police&from=2019-13-01', /invalid value/], ['q=police&from=2020-01-01&to=2019-01-01', /after its end/],
    ['q=police&committee=abc', /invalid value/], ['q=police&page=0', /out of range/], ['q=', /words to search/]]) {
    const r = await get(srv.base, `/search.json?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(r.text, msg, q);
  }
  const hyphen = await json('q=victim-advice');
  const words = await json('q=victim+advice');
  assert.ok(words.total > 0);
  assert.equal(hyphen.total, words.total, 'victim-advice reads as two words');
  const possessive = await json("q=children's");
  assert.equal(possessive.total, (await json('q=children')).total, "a possessive 's is not a word of its own");
  assert.equal((await json('q=children%E2%80%99s')).total, possessive.total, 'nor with a typographic apostrophe');
  const excluded = await json('q=victim+-advice');
  assert.ok(excluded.total < words.total + excluded.total && excluded.results.every((h) => !/advice/i.test(h.snippet)));
});

test('witan reindex rebuilds the index while the site serves', async () => {
  const before = await json('q=police');
  const witan = process.env.WITAN || 'build/witan';
  const run = promisify(execFile)(witan, ['reindex', '--db', srv.dbPath], { timeout: 120000 });
  // Searches keep answering, and keep finding, while it runs.
  let during = 0;
  let done = false;
  run.finally(() => { done = true; });
  while (!done) {
    const d = await json('q=police');
    assert.ok(d.total > 0);
    during++;
  }
  const { stderr } = await run;
  assert.match(stderr, /re-indexed/);
  assert.ok(during > 0);
  const afterReindex = await json('q=police');
  assert.equal(afterReindex.total, before.total);
  const [{ n }] = await sql(srv.dbPath, 'SELECT count(*) AS n FROM search_queue');
  assert.equal(n, 0);
});

// Last: it makes the seed item exempt.
test('a change made in the back office is reflected at once', async () => {
  addUser(srv.dbPath, { email: 'search@example.org', role: 'clerk', password: 'a long enough password' });
  const clerk = await signIn(srv.base, 'search@example.org', 'a long enough password');
  const [meetingId, itemId] = seed.itemUrl.match(/\d+/g).map(Number);
  const before = await get(srv.base, '/search?q=%22Victim+Advice+Line%22&kind=minutes');
  assert.ok(results(before.text).includes(`${seed.itemUrl}#minutes`));
  // Make the seed item exempt (its minutes become confidential) with an amendment reason.
  const [row] = await sql(srv.dbPath, `SELECT number, title, description_md, minutes_md, decision_md FROM agenda_item WHERE id = ${itemId}`);
  const r = await post(srv.base, `/admin/meetings/${meetingId}/items/${itemId}`, {
    csrf: clerk.csrf, number: row.number, title: row.title, paragraph: '3', reason: 'Test of the index',
    description: row.description_md ?? '', minutes: row.minutes_md ?? '', decision: row.decision_md ?? '',
    amendment: 'test', action: 'save' }, { cookie: clerk.cookie });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const after = await get(srv.base, '/search?q=%22Victim+Advice+Line%22&kind=minutes');
  assert.ok(!results(after.text).includes(`${seed.itemUrl}#minutes`), 'the exempt item\'s minutes are no longer found');
  const [{ n }] = await sql(srv.dbPath, 'SELECT count(*) AS n FROM search_queue');
  assert.equal(n, 0, 'nothing left queued');
});

