// Issue 11: a record copied from another OParl system reads here as it
// does at its source. `witan import oparl` harvests a fixture shaped like
// the German council information systems most OParl servers are
// (oparl-fixture.mjs: German meeting states, papers whose documents reach
// the agenda items through consultations, references that point forward
// or by URL only, files with OParl's `text`, a non-public item, two
// references that answer 404); the copy is then read the way the public
// reads it: item pages, meeting pages, search.
//
// Every expectation is its own test, so a failure says what is missing.
// The database is read (read-only, sqlite3 CLI) only to find the ids the
// harvest gave to the source's URLs (import_map), to learn the meetings'
// states, whether an item is exempt and a document's stored name and
// SHA-256, and to count rows; the rest is what the site shows.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { dbQuery, freePort, serveDb, witanPath } from '../lib/server.mjs';
import { decode, documentLinks, textOf } from './helpers.mjs';
import { buildFixture, startOparlFixture } from './oparl-fixture.mjs';
import { loadSchemas, Validator } from './oparl-validate.mjs';

// The fixture's record without a server (names and references are the same
// on any port): for the tests' names.
const N = buildFixture('http://127.0.0.1:1').meta;

let fx; // the fixture
let dir;
let db;
let run1; // the first harvest: {code, stdout, stderr, ms}
let site; // witan serve on the copy: {base, stop}
let settled; // null, or why the text / search index did not settle

const witan = (args, { timeout = 60000 } = {}) => new Promise((resolve) => {
  const t0 = Date.now();
  execFile(witanPath(), args, { encoding: 'utf8', timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
    resolve({ code: err ? (err.code ?? err.signal) : 0, stdout, stderr, ms: Date.now() - t0 }));
});

const sqlite = (query) => dbQuery(db, query);
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

const serve = (dbPath) => serveDb(dbPath);

/** Waits until every document's text is read and the search index has caught up; null, or what is still waiting. */
async function settle(timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [r] = await sqlite("SELECT (SELECT count(*) FROM file WHERE text_status = 'pending') AS text, (SELECT count(*) FROM search_queue) AS search");
    if (r.text === 0 && r.search === 0) return null;
    if (Date.now() > deadline) return `after ${timeoutMs} ms, ${r.text} documents still wait for their text and ${r.search} records for the search index`;
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The local id the harvest gave a source URL, or null. */
async function localId(url, entity) {
  const rows = await sqlite(`SELECT entity, local_id FROM import_map WHERE url = ${lit(url)}`);
  if (rows.length === 0) return null;
  if (entity && rows[0].entity !== entity) throw new Error(`${url} became a ${rows[0].entity}, not a ${entity}`);
  return rows[0].local_id;
}

async function mustId(url, entity, what) {
  const id = await localId(url, entity);
  assert.ok(id !== null, `${what} (${url}) is not in the copy at all: import_map has no row for it`);
  return id;
}

const get = async (p) => {
  const r = await fetch(new URL(p, site.base), { redirect: 'manual' });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};

/** An item's public page: {url, status, html}; fails when the item or its meeting is not in the copy. */
async function itemPage(key) {
  const it = fx.meta.items[key];
  const m = fx.meta.meetings[it.meeting];
  const mid = await mustId(m.url, 'meeting', `the meeting "${m.name}"`);
  const iid = await mustId(it.url, 'agenda_item', `item ${it.number} "${it.name}" of "${m.name}"`);
  const url = `/meetings/${mid}/items/${iid}`;
  const r = await get(url);
  assert.equal(r.status, 200, `${url} (item ${it.number} "${it.name}" of "${m.name}") answered ${r.status}`);
  return { url, html: r.text, label: `item ${it.number} "${it.name}" of "${m.name}" (${url})` };
}

/** The "Supporting documents" section of an item page. */
function documentsSection(html) {
  const m = html.match(/<section aria-labelledby="documents">([\s\S]*?)<\/section>/);
  assert.ok(m, 'the item page has no "Supporting documents" section');
  return m[1];
}

/** /search.json for q; resolves the parsed answer. */
async function search(q, params = {}) {
  const u = new URL('/search.json', site.base);
  u.searchParams.set('q', q);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const r = await fetch(u);
  assert.equal(r.status, 200, `${u.pathname}${u.search} answered ${r.status}`);
  return r.json();
}

const sha256 = (b) => createHash('sha256').update(b).digest('hex');

// The pub_* views (what the public sees), as harvest.test.mjs counts them.
const VIEWS = ['pub_body', 'pub_legislative_term', 'pub_organization', 'pub_person', 'pub_membership', 'pub_location',
  'pub_meeting', 'pub_agenda_item', 'pub_paper', 'pub_consultation', 'pub_file', 'pub_file_link', 'pub_attendance'];

async function counts() {
  const q = VIEWS.map((v) => `(SELECT count(*) FROM ${v}) AS ${v}`).join(', ');
  const [c] = await sqlite(`SELECT ${q}, (SELECT count(*) FROM import_map) AS import_map,` +
    ' (SELECT count(*) FROM file WHERE deleted = 0) AS file, (SELECT count(*) FROM file_link WHERE deleted = 0) AS file_link,' +
    ' (SELECT count(*) FROM agenda_item WHERE deleted = 0) AS agenda_item, (SELECT count(*) FROM consultation WHERE deleted = 0) AS consultation');
  return c;
}
const importMap = async () => (await sqlite('SELECT url, entity, local_id FROM import_map ORDER BY url'))
  .map((r) => `${r.url} -> ${r.entity} ${r.local_id}`);

before(async () => {
  fx = await startOparlFixture();
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-foreign-'));
  db = path.join(dir, 'lindenau.db');
  run1 = await witan(['import', 'oparl', '--db', db, fx.systemUrl]);
  site = await serve(db);
  settled = await settle();
});

after(async () => {
  await site?.stop();
  await fx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// The fixture itself

test('the fixture speaks OParl 1.1, apart from the URL-for-object references real servers send', () => {
  const errors = [];
  const v = new Validator(loadSchemas(), {}, errors);
  for (const o of fx.objects.values()) v.object(o, o.type.split('/').pop(), o.id);
  // What the fixture does on purpose (a harvester has to take it): URLs
  // where the schema wants an embedded object.
  const deliberate = /\.(mainFile|resultsProtocol|auxiliaryFile\[\d+\]|consultation\[\d+\]): string "http[^"]*" where the schema wants object$/;
  const rest = errors.filter((e) => !deliberate.test(e));
  assert.deepEqual(rest, [], 'the fixture is not the OParl it claims to be');
  assert.ok(errors.length >= 6, `the deliberate URL references are there: ${errors.length}`);
});

test('the harvest ran to its end and read every list page of the fixture', async () => {
  assert.ok(run1.code === 0 || run1.code === 3, `witan import oparl stopped (exit ${run1.code}):\n${run1.stderr}`);
  const asked = new Set(fx.requests);
  const unread = fx.meta.listPages.filter((p) => ![...asked].some((r) => r === p || r.startsWith(`${p}${p.includes('?') ? '&' : '?'}`)));
  assert.deepEqual(unread, [], 'list pages never requested');
  // The objects landed.
  for (const m of Object.values(fx.meta.meetings)) await mustId(m.url, 'meeting', `the meeting "${m.name}"`);
  for (const p of Object.values(fx.meta.papers)) await mustId(p.url, 'paper', `the paper ${p.reference}`);
  const c = await counts();
  assert.equal(c.pub_meeting, 7, `7 public meetings: ${JSON.stringify(c)}`);
  console.log(`first harvest: exit ${run1.code} in ${run1.ms} ms; ${fx.requests.length} requests; ${JSON.stringify(c)}\n` +
    `its stderr:\n${run1.stderr.replace(/\r[^\n]*(?=\r)/g, '').trim()}`);
});

// ---------------------------------------------------------------------------
// 1. References that cannot be resolved

test('exit status 3: the harvest finished, but some references could not be resolved', () => {
  assert.equal(run1.code, 3, `exit status (0: all went in, 3: some could not, 1: stopped):\n${run1.stderr}`);
});

test('stderr names every reference that could not be resolved', () => {
  const missing = fx.meta.unresolvable.filter((u) => !run1.stderr.includes(u.to)).map((u) => `${u.what}: ${u.to}`);
  assert.deepEqual(missing, [], `not named on stderr:\n${run1.stderr}`);
  const asked = fx.meta.unresolvable.filter((u) => fx.requests.includes(new URL(u.to).pathname));
  assert.equal(asked.length, fx.meta.unresolvable.length, 'the harvest tried each of them (the fixture was asked for it)');
});

test('the summary says how many references could not be resolved', () => {
  const at = run1.stderr.indexOf('witan: imported');
  assert.ok(at >= 0, `no summary ("witan: imported ...") on stderr:\n${run1.stderr}`);
  const summary = run1.stderr.slice(at);
  const m = summary.match(/(\d+)\s+(?:references?\s+)?(?:unresolved|(?:that\s+)?could\s+not\s+be\s+resolved)/i) ||
    summary.match(/(?:unresolved|could\s+not\s+be\s+resolved)[^\d\n]*(\d+)/i);
  assert.ok(m, `the summary does not say how many references could not be resolved ("unresolved" / "could not be resolved"):\n${summary}`);
  assert.equal(Number(m[1]), fx.meta.unresolvable.length, `the number of unresolved references in:\n${summary}`);
});

// ---------------------------------------------------------------------------
// 2. A paper's documents on the page of every item that consults it

for (const [pkey, pn] of Object.entries(N.papers)) {
  for (const ikey of pn.consultedBy) {
    const itn = N.items[ikey];
    test(`paper ${pn.reference}: its documents (main file first, then the auxiliary ones in order) are on the page of ` +
      `item ${itn.number} "${itn.name}" of "${N.meetings[itn.meeting].name}", which consults it`, async () => {
      const pp = fx.meta.papers[pkey];
      const page = await itemPage(ikey);
      const listed = documentLinks(documentsSection(page.html));
      const want = [];
      const notImported = [];
      for (const fkey of pp.files) {
        const fm = fx.meta.files[fkey];
        const id = await localId(fm.url, 'file');
        if (id === null) notImported.push(`"${fm.name}" (${fm.url}${fx.meta.byUrlOnly.includes(fkey) ? ', referenced by URL only' : ''})`);
        want.push({ id, name: fm.name, fkey });
      }
      assert.deepEqual(notImported, [], `documents of paper ${pp.reference} that are not in the copy at all`);
      const missing = want.filter((w) => !listed.some((l) => l.id === w.id))
        .map((w) => `"${w.name}"${fx.meta.byUrlOnly.includes(w.fkey) ? ' (referenced by URL only)' : ''}`);
      assert.deepEqual(missing, [], `documents of paper ${pp.reference} missing from ${page.label}; it lists: ${JSON.stringify(listed.map((l) => l.text))}`);
      const order = listed.filter((l) => want.some((w) => w.id === l.id)).map((l) => l.id);
      assert.deepEqual(order, want.map((w) => w.id), `paper ${pp.reference}'s documents on ${page.label} in the order main, auxiliary 1, 2...: ` +
        `${JSON.stringify(listed.map((l) => l.text))}`);
    });
  }
}

test("the meeting page's agenda lists a paper's documents under each item that consults it", async () => {
  const problems = [];
  for (const pp of Object.values(fx.meta.papers)) {
    for (const ikey of pp.consultedBy) {
      const it = fx.meta.items[ikey];
      const m = fx.meta.meetings[it.meeting];
      const mid = await mustId(m.url, 'meeting', `the meeting "${m.name}"`);
      const iid = await mustId(it.url, 'agenda_item', `item ${it.number} "${it.name}"`);
      const r = await get(`/meetings/${mid}`);
      assert.equal(r.status, 200, `/meetings/${mid} answered ${r.status}`);
      const li = r.text.split('<li class="agenda-item">').find((x) => x.includes(`href="/meetings/${mid}/items/${iid}"`));
      if (!li) { problems.push(`/meetings/${mid} does not list item ${it.number} "${it.name}"`); continue; }
      const ids = documentLinks(li).map((l) => l.id);
      for (const fkey of pp.files) {
        const id = await localId(fx.meta.files[fkey].url, 'file');
        if (!ids.includes(id)) problems.push(`/meetings/${mid}: "${fx.meta.files[fkey].name}" (paper ${pp.reference}) is not under item ${it.number} "${it.name}"`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test("an agenda item's own auxiliary file is on its page too", async () => {
  const page = await itemPage('lindenhofRat');
  const own = fx.meta.files.lageplan;
  const id = await mustId(own.url, 'file', `the item's own file "${own.name}"`);
  const listed = documentLinks(documentsSection(page.html));
  const at = listed.findIndex((l) => l.id === id);
  assert.ok(at >= 0, `"${own.name}" is not on ${page.label}: ${JSON.stringify(listed.map((l) => l.text))}`);
});

test('files a paper refers to by URL only are downloaded and served with the bytes of the source', async () => {
  const problems = [];
  for (const fkey of fx.meta.byUrlOnly) {
    const fm = fx.meta.files[fkey];
    if (!fx.requests.some((r) => r === new URL(fm.accessUrl).pathname + new URL(fm.accessUrl).search)) {
      problems.push(`"${fm.name}": its accessUrl was never requested`);
    }
    const id = await localId(fm.url, 'file');
    if (id === null) { problems.push(`"${fm.name}" (${fm.url}) is not in the copy`); continue; }
    const [row] = await sqlite(`SELECT filename, sha256 FROM file WHERE id = ${id}`);
    if (row.sha256 !== sha256(fm.bytes)) problems.push(`"${fm.name}": stored bytes differ from the source's`);
    const r = await fetch(new URL(`/documents/${id}/${encodeURIComponent(row.filename)}`, site.base));
    const bytes = Buffer.from(await r.arrayBuffer());
    if (r.status !== 200) problems.push(`"${fm.name}": /documents/${id}/${row.filename} answered ${r.status}`);
    else if (sha256(bytes) !== sha256(fm.bytes)) problems.push(`"${fm.name}": served bytes differ from the source's`);
  }
  assert.deepEqual(problems, []);
});

// ---------------------------------------------------------------------------
// 3, 4. Search reads the papers' documents

for (const [fkey, phraseName] of Object.entries(N.phrases)) {
  test(`search finds "${phraseName}", inside the PDF of "${N.files[fkey].name}", and links to its document page`, async () => {
    assert.equal(settled, null, settled ?? '');
    const fm = fx.meta.files[fkey];
    const phrase = fx.meta.phrases[fkey];
    const id = await mustId(fm.url, 'file', `the document "${fm.name}"`);
    const ans = await search(`"${phrase}"`, { kind: 'document' });
    const hit = ans.results.find((r) => r.kind === 'document' && r.url.startsWith(`/documents/${id}/`));
    assert.ok(hit, `search for "${phrase}" (in the PDF of "${fm.name}", document ${id}) found ${ans.total} documents: ` +
      JSON.stringify(ans.results.map((r) => [r.title, r.url])));
    const r = await fetch(new URL(hit.url.replace(/#.*/, ''), site.base));
    assert.equal(r.status, 200, `${hit.url} answered ${r.status}`);
    assert.match(r.headers.get('content-type') || '', /^application\/pdf/);
    await r.arrayBuffer();
  });
}

test("a File's OParl `text` is what search reads, even where its PDF says something else", async () => {
  assert.equal(settled, null, settled ?? '');
  const { file: fkey, phrase, pdfPhrase } = fx.meta.textProperty;
  const fm = fx.meta.files[fkey];
  assert.ok(fm.text.includes(phrase) && !fm.text.includes(pdfPhrase));
  const id = await mustId(fm.url, 'file', `the document "${fm.name}"`);
  const ans = await search(`"${phrase}"`, { kind: 'document' });
  const hit = ans.results.find((r) => r.url.startsWith(`/documents/${id}/`));
  assert.ok(hit, `search for "${phrase}" (in the \`text\` property of "${fm.name}", document ${id}) found ${ans.total} documents: ` +
    JSON.stringify(ans.results.map((r) => [r.title, r.url])));
});

test('a paper considered at two meetings: each of its documents is one search result listing both items', async () => {
  assert.equal(settled, null, settled ?? '');
  const paper = fx.meta.papers.p1;
  assert.equal(paper.consultedBy.length, 2);
  const items = [];
  for (const ikey of paper.consultedBy) {
    const it = fx.meta.items[ikey];
    const m = fx.meta.meetings[it.meeting];
    const mid = await mustId(m.url, 'meeting', `the meeting "${m.name}"`);
    const iid = await mustId(it.url, 'agenda_item', `item ${it.number} "${it.name}" of "${m.name}"`);
    items.push(`/meetings/${mid}/items/${iid}`);
  }
  for (const fkey of paper.files.filter((k) => fx.meta.phrases[k])) {
    const fm = fx.meta.files[fkey];
    const id = await mustId(fm.url, 'file', `the document "${fm.name}"`);
    const ans = await search(`"${fx.meta.phrases[fkey]}"`);
    const hits = ans.results.filter((r) => r.url.startsWith(`/documents/${id}/`));
    assert.equal(hits.length, 1, `"${fm.name}" is one result: ${JSON.stringify(ans.results.map((r) => [r.group, r.url]))}`);
    const [hit] = hits;
    assert.equal(hit.group, 'document');
    assert.deepEqual(hit.places.map((p) => p.url).sort(), [...items].sort(), `"${fm.name}" lists where it was considered`);
    assert.equal(hit.places_more, 0);
  }
});

// ---------------------------------------------------------------------------
// 5. Results on the item pages

for (const ikey of ['lindenhofRat', 'kita', 'lindenhofBpa']) {
  const itn = N.items[ikey];
  test(`the result and resolutionText of item ${itn.number} "${itn.name}" of "${N.meetings[itn.meeting].name}" ` +
    `(${N.meetings[itn.meeting].why}) are on its page`, async () => {
    const it = fx.meta.items[ikey];
    const m = fx.meta.meetings[it.meeting];
    const page = await itemPage(ikey);
    const text = textOf(page.html);
    const missing = [];
    if (!text.includes(it.resolutionText)) missing.push(`the resolutionText "${it.resolutionText}"`);
    if (!text.includes(it.result)) missing.push(`the result "${it.result}"`);
    assert.deepEqual(missing, [], `missing from ${page.label} (meeting: ${m.why})`);
  });
}

// ---------------------------------------------------------------------------
// 6. Meeting states

const LABEL = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled', postponed: 'Postponed' };
for (const [mkey, mn] of Object.entries(N.meetings)) {
  test(`meeting "${mn.name}": ${mn.why} is ${mn.expect}`, async () => {
    const m = fx.meta.meetings[mkey];
    const id = await mustId(m.url, 'meeting', `the meeting "${m.name}"`);
    const [row] = await sqlite(`SELECT state FROM meeting WHERE id = ${id}`);
    const when = `${m.start < Date.now() ? 'past' : 'future'}: ${new Date(m.start).toISOString()}`;
    assert.equal(row.state, m.expect, `"${m.name}" (${when}): ${m.why} should be ${m.expect}`);
    const r = await get(`/meetings/${id}`);
    assert.equal(r.status, 200, `/meetings/${id} answered ${r.status}`);
    const status = r.text.match(/<dt>Status<\/dt><dd>([\s\S]*?)<\/dd>/);
    assert.ok(status, `/meetings/${id} has no Status line`);
    assert.match(textOf(status[1]), new RegExp(`^${LABEL[m.expect]}\\b`), `the Status line of /meetings/${id}`);
  });
}

// ---------------------------------------------------------------------------
// 7. The non-public item

test('a non-public item shows its title only: no resolution text, no result, no documents', async () => {
  const { item, resolutionWord } = fx.meta.secret;
  const it = fx.meta.items[item];
  assert.equal(it.public, false);
  const iid = await mustId(it.url, 'agenda_item', `the non-public item "${it.name}"`);
  const [row] = await sqlite(`SELECT exempt FROM agenda_item WHERE id = ${iid}`);
  assert.equal(row.exempt, 1, `the non-public item "${it.name}" is exempt in the copy`);
  const page = await itemPage(item);
  const text = textOf(page.html);
  assert.ok(text.includes(it.name), `its title "${it.name}" is on ${page.label}`);
  assert.ok(!text.includes(resolutionWord), `${page.label} shows its resolution text or result ("${resolutionWord}")`);
  assert.ok(!text.includes(it.result), `${page.label} shows its result "${it.result}"`);
  assert.deepEqual(documentLinks(page.html), [], `${page.label} links documents`);
  const mid = await mustId(fx.meta.meetings[it.meeting].url, 'meeting', 'its meeting');
  const meeting = await get(`/meetings/${mid}`);
  assert.ok(textOf(meeting.text).includes(it.name), 'the meeting page lists the non-public item by its title');
  assert.ok(!decode(meeting.text).includes(resolutionWord), `/meetings/${mid} shows the non-public item's resolution`);
});

test("a non-public item's document is neither served nor found by search", async () => {
  assert.equal(settled, null, settled ?? '');
  const { file: fkey, pdfWord, resolutionWord } = fx.meta.secret;
  const fm = fx.meta.files[fkey];
  // (a control: search works, so finding nothing below means something)
  const control = await search(`"${fx.meta.phrases.vorlage815}"`);
  assert.ok(control.total > 0, `control: search finds a public paper's document ("${fx.meta.phrases.vorlage815}")`);
  for (const w of [pdfWord, resolutionWord]) {
    const ans = await search(w);
    assert.equal(ans.total, 0, `search for "${w}" (only in the non-public item) found: ${JSON.stringify(ans.results.map((r) => [r.kind, r.title, r.url]))}`);
  }
  const id = await localId(fm.url, 'file');
  if (id !== null) {
    const [row] = await sqlite(`SELECT filename FROM file WHERE id = ${id}`);
    const r = await get(`/documents/${id}/${encodeURIComponent(row.filename)}`);
    assert.equal(r.status, 404, `the non-public item's document /documents/${id}/${row.filename} answered ${r.status}`);
  }
});

// ---------------------------------------------------------------------------
// 8. Harvesting again

test('harvesting the same system again (as it is, then --full) duplicates nothing and loses nothing', async () => {
  const before1 = await counts();
  const map1 = await importMap();
  assert.ok(before1.pub_meeting > 0 && before1.pub_agenda_item > 0 && before1.pub_paper > 0 && before1.pub_file > 0,
    `the first harvest brought a record to compare: ${JSON.stringify(before1)}`);
  for (const args of [[], ['--full']]) {
    const r = await witan(['import', 'oparl', '--db', db, ...args, fx.systemUrl]);
    const label = `the ${args.length ? '--full ' : ''}re-run`;
    assert.ok(r.code === 0 || r.code === 3, `${label} stopped (exit ${r.code}):\n${r.stderr}`);
    const err = await settle();
    assert.equal(err, null, err ?? '');
    assert.deepEqual(await counts(), before1, `${label}: the number of rows (public views, import_map, files, links) changed\n${r.stderr}`);
    const map2 = await importMap();
    assert.deepEqual(map2, map1, `${label}: the source URLs map onto other rows`);
  }
});

test('when the source re-saves every object (newer modified, same content), harvesting again rewrites them and still duplicates nothing', async () => {
  const before1 = await counts();
  const map1 = await importMap();
  const from = fx.requests.length;
  fx.touch();
  const r = await witan(['import', 'oparl', '--db', db, fx.systemUrl]);
  assert.ok(r.code === 0 || r.code === 3, `the re-run stopped (exit ${r.code}):\n${r.stderr}`);
  const err = await settle();
  assert.equal(err, null, err ?? '');
  // (it did read the changed objects again)
  const asked = fx.requests.slice(from);
  assert.ok(asked.some((u) => u.startsWith('/oparl/body/1/meetings')) && asked.some((u) => u.startsWith('/oparl/body/1/papers')),
    `the re-run read the meeting and paper lists again: ${JSON.stringify(asked)}`);
  const written = r.stderr.match(/(\d+) objects written/);
  if (written) assert.ok(Number(written[1]) >= before1.pub_meeting + before1.pub_paper, `every changed object is written again:\n${r.stderr}`);
  assert.deepEqual(await counts(), before1, `the number of rows (public views, import_map, files, links) changed\n${r.stderr}`);
  assert.deepEqual(await importMap(), map1, 'the source URLs map onto other rows');
  // And the record still reads the same: a paper's documents on an item that consults it.
  const page = await itemPage('lindenhofRat');
  const ids = documentLinks(documentsSection(page.html)).map((l) => l.id);
  for (const fkey of fx.meta.papers.p1.files) {
    const id = await mustId(fx.meta.files[fkey].url, 'file', fx.meta.files[fkey].name);
    assert.equal(ids.filter((x) => x === id).length, 1, `"${fx.meta.files[fkey].name}" is listed once on ${page.label}: ${JSON.stringify(ids)}`);
  }
});

// ---------------------------------------------------------------------------
// The paper's own page, /issues/{id}: reference, type, its documents, and
// every item that considered it with its result, linked both ways.

test('a paper has its page at /issues/{id}: reference, type, documents, and every consultation with its item and result', async () => {
  const pp = fx.meta.papers.p1;
  const pid = await mustId(pp.url, 'paper', `paper ${pp.reference}`);
  const r = await get(`/issues/${pid}`);
  assert.equal(r.status, 200, `/issues/${pid} answered ${r.status}`);
  assert.match(r.text, new RegExp(`<dd>${pp.reference.replace(/\//g, '\\/')}</dd>`), 'the reference');
  assert.match(r.text, /<dt>Type<\/dt><dd>Report/, 'a Beschlussvorlage is a report');
  assert.match(r.text, /<dt>Date<\/dt><dd>\w+day \d{1,2} \w+ \d{4}<\/dd>/, "the paper's date");
  const [row] = await sqlite(`SELECT date FROM paper WHERE id = ${pid}`);
  assert.match(row.date ?? '', /^\d{4}-\d{2}-\d{2}$/, 'Paper.date is kept');
  const docs = documentLinks(documentsSection(r.text)).map((l) => l.id);
  for (const fkey of pp.files) {
    const id = await localId(fx.meta.files[fkey].url, 'file');
    if (id !== null) assert.ok(docs.includes(id), `"${fx.meta.files[fkey].name}" on /issues/${pid}`);
  }
  for (const ikey of pp.consultedBy) {
    const it = fx.meta.items[ikey];
    const iid = await mustId(it.url, 'agenda_item', `item ${it.number}`);
    const mid = await mustId(fx.meta.meetings[it.meeting].url, 'meeting', 'its meeting');
    assert.ok(r.text.includes(`href="/meetings/${mid}/items/${iid}"`), `/issues/${pid} links item ${it.number} "${it.name}"`);
    // and the item links back to the issue
    const item = await get(`/meetings/${mid}/items/${iid}`);
    assert.ok(item.text.includes(`href="/issues/${pid}"`), `item ${it.number} links /issues/${pid}`);
  }
  assert.match(r.text, /ungeändert beschlossen/, 'the result of the deciding meeting');
  assert.match(r.text, /Bebauungsplan Lindenhof in der Fassung/, 'its resolution text');
  // In date order.
  const at = pp.consultedBy.map((k) => r.text.indexOf(fx.meta.items[k].name));
  assert.ok(at.every((x) => x > 0), 'every consulting item is named');
});
