// Issue 19: `witan import moderngov` copies a council's record from the
// public web service of its ModernGov site. The source is a fixture shaped
// as ModernGov answers (moderngov-fixture.mjs: invented content, Word HTML,
// one restricted item, one document whose download fails, ETag and
// Last-Modified on every answer). The copy is then read the way the public
// reads it; the database is read only to count rows and to find what was
// stored of the restricted item.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { dbQuery, freePort, serveDb, witanPath } from '../lib/server.mjs';
import { buildModernGovFixture, startModernGovFixture } from './moderngov-fixture.mjs';

// One day for the fixture and its copy of the record (the fixture's
// calendar is planned relative to it).
const NOW = Date.now();

let fx;
let dir;
let db;
let run1;
let site;

/** witan with args, asynchronously (the fixture answers in this process): {code, stderr}. */
const witan = (args, { kill } = {}) => new Promise((resolve) => {
  const child = spawn(witanPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  if (kill) kill(child);
  child.on('close', (code, signal) => resolve({ code: code ?? signal, stderr }));
});

const sql = (q, d = db) => dbQuery(d, q);

const serve = (dbPath) => serveDb(dbPath);

const get = async (p) => {
  const r = await fetch(new URL(p, site.base), { redirect: 'manual' });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
};

/** Waits for the documents' text and the search index. */
async function settle(d = db) {
  for (let i = 0; i < 200; i++) {
    const [r] = await sql("SELECT (SELECT count(*) FROM file WHERE text_status = 'pending') AS t, (SELECT count(*) FROM search_queue) AS s", d);
    if (r.t === 0 && r.s === 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Attendance records the fixture's meetings make: all but "Expected" (no record of what happened yet). */
function recordedAttendance(data) {
  let n = 0;
  for (const m of data.meetings) for (const a of m.attendees ?? []) if (a.attendance !== 'Expected') n++;
  return n;
}

before(async () => {
  fx = await startModernGovFixture({ now: NOW });
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-mg-'));
  db = path.join(dir, 'eastmere.db');
  run1 = await witan(['import', 'moderngov', '--db', db, fx.baseUrl]);
  site = await serve(db);
  await settle();
});

after(async () => {
  await site?.stop();
  await fx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the import runs to its end; the document that could not be downloaded is named, and the exit is 3', () => {
  assert.equal(run1.code, 3, `exit ${run1.code}:\n${run1.stderr}`);
  assert.match(run1.stderr, new RegExp(`mgConvert2PDF\\.aspx\\?ID=${fx.meta.failingAttachmentId}`), run1.stderr);
  assert.match(run1.stderr, /imported .*: 7 committees/);
});

test('committees, meetings, items, documents and attendance: as many as the fixture has', async () => {
  const data = buildModernGovFixture(fx.baseUrl, { now: NOW });
  const c = fx.meta.counts;
  const [r] = await sql('SELECT (SELECT count(*) FROM organization) AS committees, (SELECT count(*) FROM meeting) AS meetings,' +
    ' (SELECT count(*) FROM agenda_item) AS items, (SELECT count(*) FROM file) AS files,' +
    ' (SELECT count(*) FROM file_link WHERE deleted = 0) AS links, (SELECT count(*) FROM attendance) AS attendance,' +
    ' (SELECT count(*) FROM person) AS people');
  assert.equal(r.committees, c.committees, 'committees');
  assert.equal(r.meetings, c.meetings, 'meetings');
  assert.equal(r.items, c.items, 'agenda items (the restricted one with its title only)');
  assert.equal(r.files, c.downloadable, 'documents (all but the restricted one and the one that fails)');
  assert.equal(r.links, c.downloadable, 'each document tied to its item');
  assert.equal(r.attendance, recordedAttendance(data), 'attendance records');
  assert.ok(r.people >= c.councillors, `people: ${r.people} < ${c.councillors} councillors`);
});

test('ModernGov ids are kept: as Witan ids, and in the import map under the old page addresses', async () => {
  const s = fx.meta.seed;
  const rows = await sql(`SELECT url, entity, local_id FROM import_map WHERE url = '${fx.baseUrl}/ieListDocuments.aspx?MId=${s.meetingId}'`);
  assert.deepEqual(rows.map((x) => [x.entity, x.local_id]), [['meeting', s.meetingId]]);
  const page = await get(`/meetings/${s.meetingId}`);
  assert.equal(page.status, 200);
  for (const it of s.items) {
    const title = it.title.replace('&#39;', '’').replace(/'/g, '’');
    assert.ok(page.text.includes(`/meetings/${s.meetingId}/items/${it.id}`), `item ${it.id} linked from its meeting`);
    assert.ok(page.text.includes(it.title.replace('&#39;', "'").replace(/'/g, '&#39;')) || page.text.includes(title) ||
      page.text.includes(it.title.replace('&#39;', "'")), `item title ${it.title} on the meeting page`);
  }
  for (const d of s.documents) assert.ok(page.text.includes(`/documents/${d.attachmentId}/`), `document ${d.attachmentId} on the meeting page`);
  const [c] = await sql(`SELECT name FROM organization WHERE id = ${s.committeeId}`);
  assert.ok(c, `committee ${s.committeeId} kept its id`);
  assert.ok(page.text.includes(c.name), 'the meeting page names its committee');
});

test("a title escaped twice by ModernGov reads as its words (Chair's, not Chair&#39;s)", async () => {
  const it = fx.meta.seed.items.find((x) => x.title.includes('&#39;'));
  assert.ok(it, 'the fixture has a doubly escaped title');
  const [r] = await sql(`SELECT title FROM agenda_item WHERE id = ${it.id}`);
  assert.equal(r.title, it.title.replace('&#39;', "'"));
});

test('the restricted item keeps its title only: no text, no document, never downloaded, on no public surface', async () => {
  const x = fx.meta.restricted;
  const [it] = await sql(`SELECT exempt, title, description_html, description_md, minutes_html, minutes_md, decision_html FROM agenda_item WHERE id = ${x.itemId}`);
  assert.equal(it.exempt, 1);
  assert.equal(it.title, x.title);
  for (const k of ['description_html', 'description_md', 'minutes_html', 'minutes_md', 'decision_html']) assert.equal(it[k], null, k);
  const [links] = await sql(`SELECT count(*) AS n FROM file_link WHERE agenda_item_id = ${x.itemId}`);
  assert.equal(links.n, 0, 'no document tied to it');
  assert.ok(!fx.requests.some((q) => q.path.includes(`ID=${x.attachmentId}`)), 'its document was never asked for');
  for (const secret of x.secrets) {
    const [n] = await sql(`SELECT (SELECT count(*) FROM agenda_item WHERE coalesce(description_html,'') || coalesce(minutes_html,'') LIKE '%${secret}%')` +
      ` + (SELECT count(*) FROM file_page WHERE text LIKE '%${secret}%') AS n`);
    assert.equal(n.n, 0, `${secret} stored`);
    const s = await get(`/search.json?q=${encodeURIComponent(secret)}`);
    assert.ok(!s.text.includes(secret.toLowerCase()) || !/"results":\s*\[\s*\{/.test(s.text), `search finds ${secret}`);
  }
  for (const p of [`/meetings/${x.meetingId}`, `/meetings/${x.meetingId}/items/${x.itemId}`, `/oparl/v1.1/meeting/${x.meetingId}`, '/feeds/meetings.atom']) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    for (const secret of x.secrets) assert.ok(!r.text.includes(secret), `${p} shows ${secret}`);
  }
  // Its title is public, as it was at the source.
  assert.ok((await get(`/meetings/${x.meetingId}`)).text.includes(x.title), 'the meeting page lists the restricted item by its title');
});

test("Word's HTML: headings, tables, lists, emphasis and links stay; styles, classes, Office tags and scripts go", async () => {
  const w = fx.meta.wordHtml;
  const page = await get(`/meetings/${w.meetingId}`);
  assert.equal(page.status, 200);
  const [r] = await sql(`SELECT description_html || coalesce(minutes_html, '') AS h FROM agenda_item WHERE id = ${w.itemId}`);
  const html = r.h;
  for (const [what, text] of Object.entries(w.survives)) {
    const esc = text.replace(/&/g, '&amp;');
    assert.ok(html.includes(esc) || html.includes(text), `${what} ("${text}") is gone:\n${html}`);
  }
  assert.match(html, /<table>[\s\S]*<td>[\s\S]*<\/table>/, 'a table');
  assert.match(html, /<ul>[\s\S]*<li>/, 'a list');
  assert.match(html, /<h2>Summary of audit opinions<\/h2>/, 'a heading');
  for (const bad of [...w.dropped, 'class=', 'style=', 'MsoNormal', '<span', '<div']) assert.ok(!html.includes(bad), `${bad} kept:\n${html}`);
  assert.ok(page.text.includes('<table>'), 'the meeting page shows the table');
});

test('one request at a time at most two: the importer is polite', () => {
  assert.ok(fx.maxInFlight <= 2, `${fx.maxInFlight} requests at once`);
});

test('a re-run with nothing changed asks only conditionally and changes nothing (the failed document is tried again)', async () => {
  const failingMeeting = (await sql(`SELECT 1`)) && fx.requests.find((q) => q.path.includes(`ID=${fx.meta.failingAttachmentId}`));
  assert.ok(failingMeeting, 'the failing document was asked for');
  const before = await sql('SELECT id, modified FROM meeting UNION ALL SELECT id, modified FROM agenda_item UNION ALL SELECT id, modified FROM file ORDER BY 1');
  const pages = {};
  for (const p of ['/committees', `/meetings/${fx.meta.seed.meetingId}`, '/people']) pages[p] = (await get(p)).text;
  fx.reset();
  const run = await witan(['import', 'moderngov', '--db', db, fx.baseUrl]);
  assert.equal(run.code, 3, run.stderr);
  // Every request conditional but the meeting that holds the document
  // that could not be had, which is read in full to try that document again.
  const failedDoc = `ID=${fx.meta.failingAttachmentId}`;
  const unconditional = fx.requests.filter((q) => !q.conditional && !q.path.includes(failedDoc));
  assert.equal(unconditional.length, 1, `unconditional requests: ${unconditional.map((q) => q.path).join(', ')}`);
  assert.match(unconditional[0].path, /GetMeeting\?lMeetingId=\d+/);
  assert.ok(fx.requests.filter((q) => q.conditional).every((q) => q.status === 304), 'every conditional request answered 304');
  assert.ok(fx.requests.filter((q) => /mgConvert2PDF/.test(q.path)).every((q) => q.path.includes(failedDoc)), 'no document downloaded again');
  const after = await sql('SELECT id, modified FROM meeting UNION ALL SELECT id, modified FROM agenda_item UNION ALL SELECT id, modified FROM file ORDER BY 1');
  assert.deepEqual(after, before, 'modified times moved');
  for (const [p, text] of Object.entries(pages)) assert.equal((await get(p)).text, text, `${p} changed`);
});

test('a meeting changed at the source is read again and updated, and only it', async () => {
  const ch = fx.change();
  fx.reset();
  const run = await witan(['import', 'moderngov', '--db', db, fx.baseUrl]);
  assert.ok(run.code === 0 || run.code === 3, run.stderr);
  const full = fx.requests.filter((q) => q.status === 200 && /GetMeeting\?/.test(q.path)).map((q) => q.path);
  assert.ok(full.some((p) => p.endsWith(`lMeetingId=${ch.meetingId}`)), `the changed meeting was not read: ${full}`);
  assert.ok(full.length <= 2, `meetings read in full: ${full}`);
  const [r] = await sql(`SELECT title FROM agenda_item WHERE id = ${ch.itemId}`);
  assert.equal(r.title, ch.newTitle);
  await settle();
  const page = await get(`/meetings/${ch.meetingId}/items/${ch.itemId}`);
  assert.ok(page.text.includes(ch.newTitle.replace(/&/g, '&amp;')), 'the item page shows the new title');
});

test('an interrupted run goes on where it stopped', async () => {
  const f2 = await startModernGovFixture({ now: NOW, meetings: 60 });
  const d2 = path.join(dir, 'interrupted.db');
  try {
    const first = await witan(['import', 'moderngov', '--db', d2, f2.baseUrl], {
      kill: (child) => {
        const t = setInterval(() => {
          if (f2.requests.filter((q) => /GetMeeting\?/.test(q.path)).length >= 25) { clearInterval(t); child.kill('SIGKILL'); }
        }, 5);
        child.on('close', () => clearInterval(t));
      },
    });
    assert.equal(first.code, 'SIGKILL', 'the first run was stopped');
    const [mid] = await sql('SELECT count(*) AS n FROM meeting', d2);
    assert.ok(mid.n > 0 && mid.n < f2.meta.counts.meetings, `${mid.n} meetings after the interruption`);
    f2.reset();
    const second = await witan(['import', 'moderngov', '--db', d2, f2.baseUrl]);
    assert.ok(second.code === 0 || second.code === 3, second.stderr);
    const [r] = await sql('SELECT (SELECT count(*) FROM meeting) AS m, (SELECT count(*) FROM agenda_item) AS i', d2);
    assert.equal(r.m, f2.meta.counts.meetings);
    assert.equal(r.i, f2.meta.counts.items);
    const unchanged = f2.requests.filter((q) => /GetMeeting\?/.test(q.path) && q.status === 304).length;
    assert.ok(unchanged >= mid.n - 1, `${unchanged} meetings answered 304 on the second run; ${mid.n} were done`);
  } finally {
    await f2.stop();
  }
});

test('a bad answer is skipped, counted and named; the rest is imported; the exit is 3', async () => {
  const f3 = await startModernGovFixture({ now: NOW, broken: true });
  const d3 = path.join(dir, 'broken.db');
  try {
    const run = await witan(['import', 'moderngov', '--db', d3, f3.baseUrl]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, new RegExp(`GetMeeting\\?lMeetingId=${f3.meta.broken.meetingId}: not XML`));
    const [r] = await sql('SELECT count(*) AS n FROM meeting', d3);
    assert.equal(r.n, f3.meta.counts.meetings - 1);
  } finally {
    await f3.stop();
  }
});

test('bad input: a clear message, a non-zero exit, and nothing written', async () => {
  const d4 = path.join(dir, 'bad.db');
  let r = await witan(['import', 'moderngov', '--db', d4, '--from', '31/12/2020', fx.baseUrl]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--from and --to must be dates YYYY-MM-DD/);
  r = await witan(['import', 'moderngov', '--db', d4, 'ftp://example.org/']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /must be http\(s\)/);
  const port = await freePort();
  r = await witan(['import', 'moderngov', '--db', d4, `http://127.0.0.1:${port}`]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /gave no list of committees/);
  const [n] = await sql('SELECT count(*) AS n FROM meeting', d4);
  assert.equal(n.n, 0);
});
