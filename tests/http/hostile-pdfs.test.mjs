// Hostile PDFs (acceptance: "A corrupt PDF, a PDF bomb (huge page count or
// deep nesting) and a 200 MB PDF are each handled: extraction stops at its
// limits, the document is still listed, the server is unaffected").
//
// The three small files are uploaded through the back office; the 200 MB one
// is over the upload cap (50 MB), so it is put in as an importer would: its
// bytes in the store and a pending file row, found by the server's text
// thread on its next poll (every 10 s).  While their text is extracted the
// server must go on answering /healthz and searches, and at the end each
// document must still be listed on the public meeting page and downloadable.
//
// The fixtures (tests/lib/hostile-pdfs.mjs) are first checked with pdfinfo
// to be what they claim, and the notes the server stores must name the right
// reason ("could not read" for the corrupt file only; a limit for the bombs),
// so that the limits cannot pass for the wrong reason: a bomb that pdftotext
// merely rejected, or read quickly, would fail here.
//
// No timing assertions: only timeouts, so that nothing can hang.  The
// timeouts follow the server's limits (src/docs/pdftext.h): each file's
// pdftotext is killed after 30 s of wall-clock time at most.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync, copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync,
  renameSync, rmSync, statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BIG_PDF_MARKERS, writeBigPdf, writeCorruptPdf, writeNestingBomb, writePageBomb } from '../lib/hostile-pdfs.mjs';
import { dbQuery, startServer, storeOf } from '../lib/server.mjs';
import { addUser, fileField, post, signIn, sql } from './backoffice-helpers.mjs';
import { documentLinks, findSeed, get, getBytes, sleep } from './helpers.mjs';

const WALL_S = 30; // pdftotext's wall-clock limit (src/docs/pdftext.h)
const MAX_PAGES = 5000; // pages kept at most
const POLL_S = 10; // the text thread's poll when not woken

let srv, dir, clerk, meetingId, meetingUrl, serverPid;
const probes = { count: 0, whilePending: 0 };
const seen = {}; // kind -> {status, note, pages, ms}: reported at the end
const putAt = new Map(); // file id -> when it was uploaded or put in (Date.now())
const endedAt = new Map(); // file id -> when it was first seen no longer pending

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-hostile-'));
  srv = await startServer();
  addUser(srv.dbPath, { email: 'hostile@example.org', role: 'clerk', password: 'a long enough password' });
  clerk = await signIn(srv.base, 'hostile@example.org', 'a long enough password');
  meetingUrl = (await findSeed(srv.base)).meetingUrl;
  meetingId = Number(meetingUrl.match(/^\/meetings\/(\d+)$/)[1]);
  const [m] = await sql(srv.dbPath, `SELECT agenda_status FROM meeting WHERE id = ${meetingId}`);
  assert.equal(m.agenda_status, 'published', 'documents of the seed meeting are public');
  const pids = servePids(srv.dbPath);
  assert.equal(pids.length, 1, `one witan serve on ${srv.dbPath}: ${pids.join(', ')}`);
  serverPid = pids[0];
});

after(async () => {
  const storeDir = srv ? storeOf(srv.dbPath) : null;
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (storeDir && existsSync(storeDir)) throw new Error(`srv.stop() left the store ${storeDir} behind`);
  for (const [kind, s] of Object.entries(seen)) {
    console.log(`${kind}: text_status ${s.status}, ${s.pages} page(s) kept, page_count ${s.pageCount}, ` +
      `no longer pending ${s.ms} ms after it was put in; note: ${s.note ?? '(none)'}`);
  }
  console.log(`health/search probes: ${probes.count} (${probes.whilePending} while text was pending)`);
});

// ---------------------------------------------------------------------------
// Helpers

/** Runs a program under a kill timer; resolves {code, signal, stdout, stderr}. */
function run(cmd, args, { timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b) => { if (stdout.length < 65536) stdout += b; });
    child.stderr.on('data', (b) => { if (stderr.length < 4096) stderr += b; });
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

/** The page count pdfinfo reports. */
async function pdfinfoPages(file) {
  const info = await run('pdfinfo', [file]);
  assert.equal(info.code, 0, `pdfinfo reads ${path.basename(file)}: ${info.stderr}`);
  const m = /^Pages:\s+(\d+)$/m.exec(info.stdout);
  assert.ok(m, `pdfinfo reports a page count:\n${info.stdout}`);
  return Number(m[1]);
}

/** A write to the database with the sqlite3 CLI (as an importer would), waiting out the server's locks. */
function sqlWrite(dbPath, query) {
  return dbQuery(dbPath, query, { write: true, timeout: 30000 });
}

/** The first n bytes of a file. */
function firstBytes(file, n) {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** The pids of `witan serve` processes on this database (read from /proc). */
function servePids(dbPath) {
  const pids = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    let argv;
    try {
      argv = readFileSync(`/proc/${e}/cmdline`, 'latin1').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (argv[1] === 'serve' && argv.includes(dbPath)) pids.push(Number(e));
  }
  return pids;
}

/** The state letter of a process (R, S, D, Z, ...), or null when it is gone. */
function procState(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'latin1').replace(/^.*\) /s, '')[0];
  } catch {
    return null;
  }
}

const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** Streaming hex SHA-256 of a file. */
function sha256File(file) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file).on('error', reject).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex')));
  });
}

/** The server is unaffected: /healthz and a search answer 200 (each under a 10 s timeout). */
async function probe(what) {
  const opts = { signal: AbortSignal.timeout(10000) };
  const health = await get(srv.base, '/healthz', opts).catch((err) => ({ status: `no answer (${err.message})` }));
  assert.equal(health.status, 200, `/healthz ${what}; server output:\n${srv.output()}`);
  const search = await get(srv.base, '/search.json?q=police', opts).catch((err) => ({ status: `no answer (${err.message})` }));
  assert.equal(search.status, 200, `/search.json?q=police ${what}; server output:\n${srv.output()}`);
  assert.ok(JSON.parse(search.text).total > 0, `the search still finds the demo's police records ${what}`);
  probes.count++;
}

/** The file rows of ids, by id. */
async function fileRows(ids) {
  const rows = await sql(srv.dbPath,
    `SELECT f.id, f.title, f.filename, f.size, f.text_status AS status, f.text_note AS note, f.page_count AS page_count_,
            (SELECT count(*) FROM file_page p WHERE p.file_id = f.id) AS pages,
            (SELECT COALESCE(min(page), 0) FROM file_page p WHERE p.file_id = f.id) AS first_page,
            (SELECT COALESCE(max(page), 0) FROM file_page p WHERE p.file_id = f.id) AS last_page
     FROM file f WHERE f.id IN (${ids.join(',')})`);
  // (aliases in lower case: PostgreSQL folds them)
  return Object.fromEntries(rows.map((r) => [r.id, { ...r, pageCount: r.page_count_, firstPage: r.first_page, lastPage: r.last_page }]));
}

/**
 * Polls (every 200 ms) until none of the files is pending, probing the
 * server on every round; returns their rows and how long it took.
 */
async function waitForText(ids, timeoutMs) {
  const started = Date.now();
  for (;;) {
    const rows = await fileRows(ids);
    const pending = ids.filter((id) => rows[id]?.status === 'pending');
    for (const id of ids) if (!pending.includes(id) && !endedAt.has(id)) endedAt.set(id, Date.now());
    await probe(pending.length ? 'while document text is being extracted' : 'after extraction');
    if (pending.length === 0) return { rows, ms: Date.now() - started };
    probes.whilePending++;
    if (Date.now() - started > timeoutMs) {
      assert.fail(`files ${pending.join(', ')} still pending after ${timeoutMs} ms; server output:\n${srv.output()}`);
    }
    await sleep(200);
  }
}

/**
 * The document is listed on the public meeting page and its bytes download:
 * all of them (a Buffer), or for a big file its first KiB and its length.
 */
async function assertListedAndDownloadable(row, bytes, { big = false } = {}) {
  const page = await get(srv.base, meetingUrl);
  assert.equal(page.status, 200);
  const link = documentLinks(page.text).find((l) => l.id === row.id);
  assert.ok(link, `${row.title} (file ${row.id}) is listed on ${meetingUrl}`);
  assert.equal(link.name, row.filename);
  if (!big) {
    const doc = await getBytes(srv.base, link.href);
    assert.equal(doc.status, 200, `${link.href} downloads`);
    assert.ok(doc.body.equals(bytes), `${link.href} is the uploaded bytes`);
  } else {
    // A big file: its first KiB and its length are enough.
    const head = await getBytes(srv.base, link.href, { headers: { range: 'bytes=0-1023' } });
    assert.equal(head.status, 206, `${link.href} downloads (a range of it)`);
    assert.ok(head.body.equals(bytes.subarray(0, 1024)));
    const full = await fetch(new URL(link.href, srv.base), { method: 'HEAD' });
    assert.equal(full.status, 200);
    assert.equal(Number(full.headers.get('content-length')), row.size);
  }
}

// ---------------------------------------------------------------------------
// The small hostile files, uploaded through the back office

describe('a corrupt PDF, a page bomb and a nesting bomb uploaded by a clerk', () => {
  const files = {}; // kind -> {path, bytes, data, id, row}

  test('the fixtures are what they claim (pdfinfo)', async () => {
    const corrupt = await writeCorruptPdf(path.join(dir, 'corrupt.pdf'));
    const pageBomb = await writePageBomb(path.join(dir, 'page-bomb.pdf'));
    const nesting = await writeNestingBomb(path.join(dir, 'nesting-bomb.pdf'));
    for (const f of [corrupt, pageBomb, nesting]) {
      assert.equal(f.bytes, statSync(f.path).size, `${f.kind}: the size it reports is the size on disk`);
      assert.ok(f.bytes < 100 * 1024, `${f.kind} is small: ${f.bytes} bytes`);
      assert.ok(readFileSync(f.path).subarray(0, 9).toString('latin1').startsWith('%PDF-1.'), `${f.kind} has a PDF header`);
      files[f.kind] = { ...f, data: readFileSync(f.path) };
    }
    const corruptInfo = await run('pdfinfo', [corrupt.path]);
    assert.notEqual(corruptInfo.code, 0, 'pdfinfo cannot open the corrupt PDF');
    assert.ok(pageBomb.pages > MAX_PAGES * 100, `the page bomb claims ${pageBomb.pages} pages`);
    assert.equal(await pdfinfoPages(pageBomb.path), pageBomb.pages, 'pdfinfo agrees on the page bomb\'s page count');
    assert.ok(nesting.inflatedBytes >= 1 << 30, `the nesting bomb inflates to ${nesting.inflatedBytes} bytes`);
    assert.equal(await pdfinfoPages(nesting.path), 1, 'the nesting bomb is a well-formed one-page PDF');
  });

  // Uploaded one after the other, as a clerk attaching several papers would:
  // the text thread, woken by the first, works while the next ones arrive.
  // An upload answered otherwise is tried again once the thread is idle, so
  // that the tests after this one still have their files.
  test('each upload, in quick succession, is accepted (303)', { timeout: (3 * WALL_S + 30) * 1000 }, async () => {
    assert.equal(Object.keys(files).length, 3, 'the fixtures were written');
    const upload = async (kind, f) => {
      const title = `Hostile PDF: ${kind}`;
      const r = await post(srv.base, `/admin/meetings/${meetingId}/documents`,
        { csrf: clerk.csrf, title, role: 'report', item_id: '', file: fileField(f.data, `${kind}.pdf`, 'application/pdf') },
        { cookie: clerk.cookie });
      if (r.status === 303) {
        const rows = await sql(srv.dbPath,
          `SELECT f.id FROM file f JOIN file_link l ON l.file_id = f.id WHERE l.meeting_id = ${meetingId} AND f.title = ${lit(title)}`);
        assert.equal(rows.length, 1, `one file row for the ${kind} PDF`);
        f.id = rows[0].id;
        putAt.set(f.id, Date.now());
      }
      return r;
    };
    const refused = [];
    for (const [kind, f] of Object.entries(files)) {
      const r = await upload(kind, f);
      if (r.status !== 303) refused.push(`the ${kind} PDF: ${r.status} ${r.status === 500 ? '' : r.text.slice(0, 300)}`);
      await probe(`after uploading the ${kind} PDF`);
    }
    if (refused.length > 0) {
      const log = srv.output().split('\n').filter((l) => /^witan: /.test(l)).join('\n');
      for (const [kind, f] of Object.entries(files)) {
        if (f.id) continue;
        await waitForText(Object.values(files).map((x) => x.id).filter(Boolean), (3 * WALL_S + 15) * 1000);
        const again = await upload(kind, f);
        assert.equal(again.status, 303, `uploading the ${kind} PDF again, the text thread idle: ${again.text.slice(0, 300)}`);
      }
      assert.fail(`uploads refused while the text thread was working:\n${refused.join('\n')}\nserver said:\n${log}`);
    }
  });

  test('extraction of each ends, at its limits, while the server keeps answering', { timeout: (3 * WALL_S + 30) * 1000 }, async () => {
    const ids = Object.values(files).map((f) => f.id);
    assert.equal(ids.filter(Boolean).length, 3, 'the three files were uploaded');
    const { rows } = await waitForText(ids, (3 * WALL_S + 15) * 1000);
    for (const f of Object.values(files)) {
      f.row = rows[f.id];
      seen[f.kind] = { ...f.row, ms: endedAt.get(f.id) - putAt.get(f.id) };
    }

    const corrupt = files.corrupt.row;
    assert.equal(corrupt.status, 'failed', JSON.stringify(corrupt));
    assert.match(corrupt.note ?? '', /^No text could be read: pdftotext could not read the document \(exit \d+\)\.$/);
    assert.equal(corrupt.pages, 0);

    // The page bomb is valid: its first pages are kept, the rest cut off at
    // a limit (the page cap, unless the text or time limit came first).
    const bomb = files['page-bomb'].row;
    assert.equal(bomb.status, 'done', JSON.stringify(bomb));
    assert.ok(bomb.pages > 0 && bomb.pages <= MAX_PAGES, `${bomb.pages} pages kept`);
    assert.equal(bomb.firstPage, 1);
    assert.equal(bomb.lastPage, bomb.pages, 'pages 1..n, none missing');
    assert.match(bomb.note ?? '',
      new RegExp(`^Only the text of the first ${bomb.pages} pages? is searchable: extraction ` +
        `(more than ${MAX_PAGES} pages|more than \\d+ bytes of text|stopped after ${WALL_S} s|pdftotext stopped by signal \\d+ \\(a CPU or memory limit\\))\\.$`));
    assert.equal(bomb.pageCount, null, 'no page count is claimed for a document read in part');

    // The nesting bomb exhausts pdftotext's memory (or time) before its one
    // page is done: no page, a limit named, never "could not read".
    const nest = files['nesting-bomb'].row;
    assert.equal(nest.pages, 0, JSON.stringify(nest));
    assert.equal(nest.status, 'failed', JSON.stringify(nest));
    assert.match(nest.note ?? '',
      new RegExp(`^No text could be read: extraction (pdftotext stopped by signal \\d+ \\(a CPU or memory limit\\)|stopped after ${WALL_S} s|more than \\d+ bytes of text)\\.$`));
  });

  test('the text the page bomb gave is searchable, page by page', async () => {
    const bomb = files['page-bomb'].row;
    assert.ok(bomb, 'extraction ended');
    const r = await get(srv.base, '/search.json?q=%22one+of+millions%22&kind=document');
    assert.equal(r.status, 200);
    const hits = JSON.parse(r.text).results.filter((h) => h.url.startsWith(`/documents/${bomb.id}/${bomb.filename}#page=`));
    assert.ok(hits.length > 0, `a hit in the page bomb: ${r.text.slice(0, 400)}`);
    for (const h of hits) {
      const n = Number(h.url.split('#page=')[1]);
      assert.ok(n >= 1 && n <= bomb.pages, h.url);
    }
  });

  test('each is still listed on the public meeting page and downloads', async () => {
    for (const f of Object.values(files)) {
      assert.ok(f.row, `extraction of the ${f.kind} PDF ended`);
      await assertListedAndDownloadable(f.row, f.data);
    }
  });
});

// ---------------------------------------------------------------------------
// The 200 MB PDF, put in as an importer would

describe('a 200 MB PDF put in the store by an importer', () => {
  let big, id, row, head;

  test('it is written to the store with a pending file row', { timeout: 120000 }, async () => {
    const tmp = path.join(dir, 'big.pdf');
    try {
      big = await writeBigPdf(tmp);
      const want = 200 * 1024 * 1024;
      assert.equal(big.bytes, statSync(tmp).size, 'the size it reports is the size on disk');
      assert.ok(Math.abs(big.bytes - want) <= want * 0.05, `${big.bytes} bytes, within 5% of ${want}`);
      assert.ok(big.bytes > 50 * 1000 * 1000, 'over the upload cap');
      assert.deepEqual(big.markers, BIG_PDF_MARKERS);
      assert.equal(await pdfinfoPages(tmp), big.pages, 'a valid PDF: pdfinfo agrees on its page count');
      head = firstBytes(tmp, 1024);
      const sha = await sha256File(tmp);
      const storeDir = path.join(storeOf(srv.dbPath), sha.slice(0, 2));
      mkdirSync(storeDir, { recursive: true });
      const stored = path.join(storeDir, sha.slice(2));
      try {
        renameSync(tmp, stored);
      } catch (err) {
        if (err.code !== 'EXDEV') throw err;
        copyFileSync(tmp, stored);
      }
      assert.equal(statSync(stored).size, big.bytes);
      const [r] = await sqlWrite(srv.dbPath,
        ` INSERT INTO file(title, filename, mime_type, size, sha256, text_status) VALUES ('A very large report', 'very-large-report.pdf', 'application/pdf', ${big.bytes}, ${lit(sha)}, 'pending');` +
        ` INSERT INTO file_link(file_id, meeting_id, role) SELECT max(id), ${meetingId}, 'report' FROM file;` +
        ' SELECT max(file_id) AS id FROM file_link;');
      id = r.id;
      assert.ok(id > 0, 'a file row');
      putAt.set(id, Date.now());
    } finally {
      rmSync(tmp, { force: true });
    }
  });

  test('the server\'s thread extracts all its text while the server keeps answering', { timeout: (POLL_S + WALL_S + 40) * 1000 }, async () => {
    assert.ok(id, 'the file was put in');
    const { rows } = await waitForText([id], (POLL_S + WALL_S + 20) * 1000);
    row = rows[id];
    seen.big = { ...row, ms: endedAt.get(id) - putAt.get(id) };
    assert.equal(row.status, 'done', JSON.stringify(row));
    assert.equal(row.note, null, 'nothing is missing');
    assert.equal(row.pageCount, big.pages, 'the page count is stored');
    assert.equal(row.pages, big.pages, 'a row of text for every page');
    assert.equal(row.firstPage, 1);
    assert.equal(row.lastPage, big.pages);
  });

  test('its marker phrases are found on their pages', async () => {
    assert.ok(row, 'extraction ended');
    for (const [page, phrase] of Object.entries(BIG_PDF_MARKERS)) {
      const r = await get(srv.base, `/search.json?q=${encodeURIComponent(`"${phrase}"`)}`);
      assert.equal(r.status, 200);
      const j = JSON.parse(r.text);
      const hit = j.results.find((h) => h.kind === 'document' && h.url.startsWith(`/documents/${id}/`));
      assert.ok(hit, `"${phrase}" is found in the big document: ${r.text.slice(0, 400)}`);
      assert.equal(hit.url, `/documents/${id}/${row.filename}#page=${page}`);
    }
  });

  test('it is listed on the public meeting page and downloads', async () => {
    assert.ok(row, 'extraction ended');
    await assertListedAndDownloadable(row, head, { big: true });
  });
});

test('the server process is still running and answers', async () => {
  await probe('at the end');
  const page = await get(srv.base, meetingUrl);
  assert.equal(page.status, 200, `the meeting page at the end; server output:\n${srv.output()}`);
  // The same process as at the start: it neither crashed nor was restarted.
  const state = procState(serverPid);
  assert.ok(state !== null && state !== 'Z', `witan serve (pid ${serverPid}) is alive (state ${state}); its output:\n${srv.output()}`);
  assert.deepEqual(servePids(srv.dbPath), [serverPid], 'the server that started is the one answering');
  assert.match(srv.output(), /document text: .*read/, `the text thread reported its work:\n${srv.output()}`);
  assert.ok(probes.count >= 5, `probed ${probes.count} times`);
});
