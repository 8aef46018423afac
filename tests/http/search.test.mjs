// Search (a first part of issue 4): public text is found, with escaped
// snippets; confidential and unpublished text never is; any query answers
// without error; the index follows a clerk's change in the same transaction.
// Results are grouped (issue 11): one per agenda item (its passages and the
// documents attached to it alone), one per document attached in several
// places, listing them; counts and pages are of results.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { isPg, startServer } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { demoMarkers, documentLinks, findSeed, get } from './helpers.mjs';
import { startServer as startBare, witanPath } from '../lib/server.mjs';

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
/** Each result of a search page as {href (its heading's link), html (the whole entry)}. */
const resultItems = (html) => [...html.matchAll(/<li><a href="([^"]*)">[^<]*<\/a> <span class="meta">[\s\S]*?<\/li>\n/g)]
  .map((m) => ({ href: m[1].replace(/&amp;/g, '&'), html: m[0] }));

/** The condition "the row's title or body matches" in the index of db:
 * FTS5's query fts, or PostgreSQL's tsquery ts (the same, by default). */
const matches = (db, fts, ts = fts) => (isPg(db) ? `tsv @@ to_tsquery('witan_search', '${ts.replace(/'/g, "''")}')`
  : `search_fts MATCH '{title body} : ${fts.replace(/'/g, "''")}'`);

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
    assert.equal(r.text.split(word).length - 1, 4, `${word} appears only in the search box, the title, the e-mail alerts link and the JSON link`);
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

test('a phrase found only inside a PDF finds that PDF, linked to its page, as a match of its item', async () => {
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
  // The report is attached to the seed item alone: the result is the item's.
  assert.equal(hit.group, 'item');
  assert.equal(hit.item.url, seed.itemUrl);
  assert.equal(hit.more, 0);
  const pdf = await fetch(srv.base + hit.url.replace(/#.*/, ''));
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-type'), /application\/pdf/);
  await pdf.arrayBuffer();
  // The HTML page: the item as the heading, the document's page below it.
  const html = await get(srv.base, '/search?q=%22simplified+its+values%22');
  const [r] = resultItems(html.text);
  assert.equal(r.href, seed.itemUrl);
  assert.ok(r.html.includes(`In <a href="${hit.url.replace(/&/g, '&amp;')}">`), r.html);
  assert.match(r.html, /, page 2<\/span>/);
});

test('two matching passages of one item\'s minutes are one result, with "1 more match"', async () => {
  // "performance" is in two passages of the seed item's minutes (the index
  // says so), which would be two results if they were not grouped.
  const itemId = Number(seed.itemUrl.match(/\d+$/)[0]);
  const [{ n }] = await sql(srv.dbPath, `SELECT count(*) AS n FROM search_fts WHERE ${matches(srv.dbPath, 'performance')}` +
    ` AND rowid IN (SELECT rowid FROM search_doc WHERE kind = 'minutes' AND ref_id = ${itemId})`);
  assert.equal(n, 2, 'the seed minutes have two passages with "performance"');
  const d = await json('q=performance&kind=minutes');
  const mine = d.results.filter((h) => h.url.startsWith(`${seed.itemUrl}#`) || h.item?.url === seed.itemUrl);
  assert.equal(mine.length, 1, JSON.stringify(d.results.map((h) => h.url)));
  assert.equal(mine[0].group, 'item');
  assert.equal(mine[0].kind, 'minutes');
  assert.equal(mine[0].more, 1);
  const html = await get(srv.base, '/search?q=performance&kind=minutes');
  const entries = resultItems(html.text).filter((r) => r.href.startsWith(seed.itemUrl));
  assert.equal(entries.length, 1);
  assert.match(entries[0].html, /<span class="more">1 more match in this item<\/span>/);
  // Without the filter the item's other matches (its description, its
  // report's pages) are in the same result.
  const all = await json('q=performance');
  const grouped = all.results.filter((h) => h.item?.url === seed.itemUrl);
  assert.equal(grouped.length, 1);
  assert.ok(grouped[0].more >= 1);
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
  // Nor any item or document: each is one result.
  const key = (h) => (h.group === 'item' ? h.item.url : h.url.replace(/#.*/, ''));
  const keys = [...p1.results, ...p2.results].map(key);
  assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
  assert.equal(p1.approximate, false);
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

// A generated record: each committee's work programme is one document
// attached to the "Work Programme" item of several of its meetings.
test('a document attached at several meetings is one result listing them; totals and pages count results', async (t) => {
  const gen = await startBare({ demo: false });
  t.after(() => gen.stop());
  const run = await promisify(execFile)(witanPath(), ['gen', '--db', gen.dbPath, '--meetings', '150', '--seed', '5'], { timeout: 300000 });
  assert.match(run.stderr, /added 150 meetings/);
  const search = async (q) => {
    const r = await get(gen.base, `/search.json?${q}`);
    assert.equal(r.status, 200, r.text.slice(0, 200));
    return JSON.parse(r.text);
  };
  // Every result of a query, following `next`.
  const every = async (q) => {
    const out = [];
    let d = await search(q);
    const total = d.total;
    for (;;) {
      out.push(...d.results);
      if (!d.next) break;
      const r = await get(gen.base, d.next);
      d = JSON.parse(r.text);
    }
    return { total, approximate: d.approximate, results: out };
  };
  const wp = await every('q=%22work+programme%22&kind=document');
  assert.equal(wp.approximate, false);
  assert.equal(wp.results.length, wp.total);
  // The programmes attached in several places (as the index has them).
  const multi = await sql(gen.dbPath, "SELECT f.id, count(*) AS places FROM file f JOIN file_link l ON l.file_id = f.id" +
    " WHERE f.title LIKE 'Work Programme %' GROUP BY f.id HAVING count(*) > 1");
  assert.ok(multi.length > 0, 'the generated record has work programmes on several agendas');
  for (const { id, places } of multi) {
    const hits = wp.results.filter((h) => h.url.startsWith(`/documents/${id}/`));
    assert.equal(hits.length, 1, `document ${id} is one result, not ${hits.length}`);
    const [h] = hits;
    assert.equal(h.group, 'document');
    assert.equal(h.places.length + h.places_more, places);
    assert.equal(new Set(h.places.map((p) => p.url)).size, h.places.length);
    const dates = h.places.map((p) => p.date.slice(0, 10)); // (rowids are days: the order within a day is not the time's)
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    for (const p of h.places) {
      assert.match(p.url, /^\/meetings\/\d+\/items\/\d+$/);
      const page = await get(gen.base, p.url);
      assert.equal(page.status, 200, p.url);
      assert.ok(documentLinks(page.text).some((l) => l.href === h.url.replace(/#.*/, '')), `${p.url} lists the document`);
    }
  }
  // A programme on one agenda only is part of that item's result.
  for (const h of wp.results.filter((x) => x.group === 'item')) assert.ok(h.item.url && h.places === undefined);
  // The page: one entry, its places linked, "Considered at".
  const { id } = multi[0];
  const html = await get(gen.base, '/search?q=%22work+programme%22&kind=document');
  const entry = resultItems(html.text).find((r) => r.href.startsWith(`/documents/${id}/`));
  const j = wp.results.find((h) => h.url.startsWith(`/documents/${id}/`));
  if (entry) { // (on page 1)
    assert.match(entry.html, /<span class="places">Considered at /);
    for (const p of j.places) assert.ok(entry.html.includes(`<a href="${p.url}">`), p.url);
  }
  // Totals and pages count results: fewer than the matching rows, every
  // result once over all the pages, the page's count the same.
  const [{ rows }] = await sql(gen.dbPath, `SELECT count(*) AS rows FROM search_fts WHERE ${matches(gen.dbPath, '"work programme"', "'work programme'")}`);
  const all = await every('q=%22work+programme%22');
  assert.equal(all.approximate, false);
  assert.ok(all.total > 20 && all.total < rows, `${all.total} results of ${rows} matching rows`);
  assert.equal(all.results.length, all.total);
  const key = (h) => (h.group === 'item' ? h.item.url : h.url.replace(/#.*/, ''));
  assert.equal(new Set(all.results.map(key)).size, all.total, 'no result twice');
  const byDate = await every('q=%22work+programme%22&sort=date');
  assert.equal(byDate.total, all.total);
  assert.deepEqual(new Set(byDate.results.map(key)), new Set(all.results.map(key)));
  const dates = byDate.results.map((h) => (h.date ?? '9999').slice(0, 10));
  assert.deepEqual(dates, [...dates].sort().reverse());
  const page = await get(gen.base, '/search?q=%22work+programme%22');
  assert.match(page.text, new RegExp(`<p class="result-count" role="status">${all.total} results, page 1</p>`));
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

