// The reports pack (/meetings/{id}/pack.pdf, issue 14): for every demo
// meeting with a published agenda, the pack is the front sheet followed
// by every public paper of its items (pages add up, every paper's text is
// in it, the exempt paper's is not), with one top-level bookmark per item;
// a broken PDF among the papers is listed and the rest is produced; a
// changed title makes a new pack (new ETag), and a withdrawn paper is
// never served in an old one. Meetings are found by following links.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { dbQuery, startServer } from '../lib/server.mjs';
import { writeCorruptPdf } from '../lib/hostile-pdfs.mjs';
import { addUser, fileField, post, signIn } from './backoffice-helpers.mjs';
import { anchors, demoMarkers, documentLinks, get, getBytes, pdfText, sleep } from './helpers.mjs';

let srv, dir;
const meetings = []; // {href, html, items: [{number, title, exempt}], docs: [{href, id}]}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

let nfile = 0;
function tmpFile(bytes) {
  const p = path.join(dir, `f${++nfile}.pdf`);
  writeFileSync(p, bytes);
  return p;
}

async function pdfPages(bytes) {
  const out = await run('pdfinfo', [tmpFile(bytes)]);
  return Number(out.match(/^Pages:\s+(\d+)/m)[1]);
}

/** The outline (qpdf --json): [{title, kids}] at the top level. */
async function outlines(bytes) {
  const j = JSON.parse(await run('qpdf', ['--json', '--json-key=outlines', tmpFile(bytes)]));
  return j.outlines;
}

/** The pack, waiting while it is prepared (503 with Retry-After). */
async function fetchPack(href, { timeoutMs = 60000, accept = (r) => r.headers.get('witan-pack-status') === null } = {}) {
  const t0 = Date.now();
  for (;;) {
    const r = await getBytes(srv.base, href);
    if (r.status === 200 && accept(r)) return r;
    if (r.status !== 200) {
      assert.equal(r.status, 503, `${href}: ${r.status}`);
      assert.equal(r.headers.get('retry-after'), '5');
      assert.match(r.body.toString(), /The reports pack is being prepared; try again in a few seconds/);
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`${href} not ready after ${timeoutMs} ms`);
    await sleep(150);
  }
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** The agenda section of a meeting page: its items and their documents. */
function agendaOf(html) {
  const at = html.indexOf('id="agenda"');
  const section = html.slice(at, html.indexOf('</section>', at));
  const items = [...section.matchAll(/<span class="item-number">([^<]*)<\/span>/g)].map((m) => m[1]);
  const seen = new Set();
  const docs = documentLinks(section).filter((d) => !seen.has(d.id) && seen.add(d.id));
  return { items, docs };
}

before(async () => {
  srv = await startServer();
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-pack-'));
  // Every meeting, from every committee's page.
  const hrefs = new Set();
  for (const c of anchors((await get(srv.base, '/committees')).text).filter((a) => /^\/committees\/\d+$/.test(a.href))) {
    for (const a of anchors((await get(srv.base, c.href)).text)) if (/^\/meetings\/\d+$/.test(a.href)) hrefs.add(a.href);
  }
  for (const href of [...hrefs].sort()) {
    const { text } = await get(srv.base, href);
    const link = anchors(text).find((a) => a.href === `${href}/pack.pdf`);
    if (link) meetings.push({ href, html: text, ...agendaOf(text) });
  }
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reports packs of the demo meetings', () => {
  test('the demo has meetings with packs, each with a link on its page', () => {
    assert.ok(meetings.length >= 10, `${meetings.length} meetings with a pack link`);
  });

  test('pages, text and bookmarks of every pack', { timeout: 300000 }, async () => {
    const { DEMO_EXEMPT_MARKER } = demoMarkers();
    let sawExemptItem = false;
    for (const m of meetings) {
      const r = await fetchPack(`${m.href}/pack.pdf`);
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      assert.match(r.headers.get('content-disposition'), /^inline; filename="[a-z0-9-]+-\d{4}-\d\d-\d\d-reports-pack\.pdf"$/);
      assert.match(r.headers.get('etag'), /^"[0-9a-f]{32}"$/);
      const pages = await pdfPages(r.body);
      const text = norm(await pdfText(r.body));
      let docPages = 0;
      for (const d of m.docs) {
        const doc = await getBytes(srv.base, d.href);
        assert.equal(doc.status, 200, d.href);
        docPages += await pdfPages(doc.body);
        // Every line of the document's text is in the pack's.
        for (const line of (await pdfText(doc.body)).split('\n').map(norm).filter((l) => l.length > 3 && !/^Page \d+ of \d+$/.test(l))) {
          assert.ok(text.includes(line), `${m.href}: the pack has "${line}" of ${d.href}`);
        }
      }
      const front = pages - docPages;
      assert.ok(front >= 1 && front <= 4, `${m.href}: ${pages} pages = front sheet + ${docPages} (front sheet ${front})`);
      assert.ok(!text.includes(DEMO_EXEMPT_MARKER), `${m.href}: no exempt text`);
      if (/exempt: paragraph \d+ of Schedule 12A/.test(text)) sawExemptItem = true;
      // The front sheet's pages are labelled i, ii…; the stamp counts all pages.
      assert.match(text, new RegExp(`Page 1 of ${pages}`));
      // One top-level bookmark per item (after the front sheet's), in order.
      const outline = await outlines(r.body);
      assert.equal(outline[0].title, 'Front sheet and agenda');
      assert.equal(outline.length - 1, m.items.length, `${m.href}: one bookmark per item`);
      outline.slice(1).forEach((o, i) => assert.ok(o.title.startsWith(`${m.items[i]}. `), `${m.href}: bookmark ${o.title}`));
      assert.equal(outline.slice(1).reduce((n, o) => n + o.kids.length, 0), m.docs.length, `${m.href}: one bookmark per document`);
      // Cached: the same bytes again, and a 304 on revalidation.
      const again = await getBytes(srv.base, `${m.href}/pack.pdf`, { headers: { 'if-none-match': r.headers.get('etag') } });
      assert.equal(again.status, 304);
    }
    assert.ok(sawExemptItem, 'some pack lists an exempt item with its paragraph');
  });

  test('the meeting page gives the pack\'s pages and size once built', async () => {
    const m = meetings[0];
    const { text } = await get(srv.base, m.href);
    assert.match(text, /Reports pack<\/a> \(PDF, \d+ pages?, [\d.]+ [KM]B\)/);
  });

  test('the calendar attaches the pack', async () => {
    const m = meetings[0];
    const { text } = await get(srv.base, `${m.href}.ics`);
    assert.match(text.replace(/\r\n /g, ''), new RegExp(`ATTACH;FMTTYPE=application/pdf:${srv.base}${m.href}/pack\\.pdf`));
  });

  test('OParl: the meeting\'s invitation is the pack, a File of its own', async () => {
    const m = meetings[0];
    const id = m.href.split('/').pop();
    const meeting = JSON.parse((await get(srv.base, `/oparl/v1.1/meeting/${id}`)).text);
    const inv = meeting.invitation;
    assert.equal(inv.id, `${srv.base}/oparl/v1.1/meeting/${id}/invitation`);
    assert.equal(inv.type, 'https://schema.oparl.org/1.1/File');
    assert.equal(inv.accessUrl, `${srv.base}${m.href}/pack.pdf`);
    assert.equal(inv.downloadUrl, inv.accessUrl);
    assert.equal(inv.mimeType, 'application/pdf');
    assert.deepEqual(JSON.parse((await get(srv.base, `/oparl/v1.1/meeting/${id}/invitation`)).text), inv);
  });

  test('no pack for a meeting without a published agenda', async () => {
    const r = await get(srv.base, '/meetings/999999/pack.pdf');
    assert.equal(r.status, 404);
  });
});

describe('a broken PDF among the papers, a changed title, a withdrawn paper', () => {
  let m, clerk, brokenTitle;

  test('a broken PDF gives a complete pack that lists it', { timeout: 120000 }, async () => {
    m = meetings.find((x) => x.docs.length >= 2);
    const itemHref = anchors(m.html).find((a) => new RegExp(`^${m.href}/items/\\d+$`).test(a.href)
      && agendaOf(m.html).docs.length > 0).href;
    const itemId = itemHref.split('/').pop();
    addUser(srv.dbPath, { email: 'packs@example.org', role: 'clerk', password: 'a long enough password' });
    clerk = await signIn(srv.base, 'packs@example.org', 'a long enough password');
    const corrupt = await writeCorruptPdf(path.join(dir, 'corrupt.pdf'));
    brokenTitle = 'A broken appendix';
    const meetingId = m.href.split('/').pop();
    const up = await post(srv.base, `/admin/meetings/${meetingId}/documents`,
      { csrf: clerk.csrf, title: brokenTitle, role: 'appendix', item_id: itemId,
        file: fileField(readFileSync(corrupt.path), 'broken-appendix.pdf', 'application/pdf') }, { cookie: clerk.cookie });
    assert.equal(up.status, 303, up.text.slice(0, 300));
    const page = (await get(srv.base, m.href)).text;
    const broken = agendaOf(page).docs.find((d) => d.text.includes(brokenTitle));
    assert.ok(broken, 'the broken appendix is on the meeting page');
    const r = await fetchPack(`${m.href}/pack.pdf`);
    const text = norm(await pdfText(r.body));
    assert.match(text, new RegExp(`${brokenTitle}: could not be included`));
    assert.ok(text.includes(`${srv.base}${broken.href}`), 'with its link');
    let docPages = 0;
    for (const d of m.docs) docPages += await pdfPages((await getBytes(srv.base, d.href)).body);
    const pages = await pdfPages(r.body);
    assert.ok(pages - docPages >= 1 && pages - docPages <= 4, 'every other paper is in it');
  });

  test('a changed title makes a new pack; a withdrawn paper is never served', { timeout: 120000 }, async () => {
    const href = `${m.href}/pack.pdf`;
    const first = await fetchPack(href);
    const etag = first.headers.get('etag');
    const doc = m.docs[0];
    await dbQuery(srv.dbPath, `UPDATE file SET title = 'A renamed report' WHERE id = ${doc.id}`, { write: true });
    const renamed = await fetchPack(href, { accept: (r) => r.headers.get('etag') !== etag && r.headers.get('witan-pack-status') === null });
    assert.notEqual(renamed.headers.get('etag'), etag);
    assert.match(norm(await pdfText(renamed.body)), /A renamed report/);
    // Withdraw a paper: from now on no answer carries its text.
    const gone = m.docs[m.docs.length - 1];
    const goneText = norm(await pdfText((await getBytes(srv.base, gone.href)).body)).slice(0, 60);
    await dbQuery(srv.dbPath, `UPDATE file_link SET deleted = 1 WHERE file_id = ${gone.id}`, { write: true });
    const t0 = Date.now();
    let served = 0;
    while (Date.now() - t0 < 3000 || served === 0) {
      const r = await getBytes(srv.base, href);
      if (r.status === 200) {
        served++;
        assert.ok(!norm(await pdfText(r.body)).includes(goneText), 'the withdrawn paper is not in the pack served');
      } else {
        assert.equal(r.status, 503);
      }
      if (Date.now() - t0 > 60000) throw new Error('no new pack');
      await sleep(100);
    }
  });
});
