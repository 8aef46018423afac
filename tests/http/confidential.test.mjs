// Non-negotiable #1: nothing confidential or unpublished ever reaches a
// public surface. The whole site is crawled once; every response (pages,
// documents and their extracted text) is swept for the marker words that
// the demo puts only in confidential and unpublished content
// (src/demo/demo.h), and every document id is probed directly.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { crawl, startServer, storeOf } from '../lib/server.mjs';
import { anchors, demoMarkers, documentLinks, get, getBytes, h1s, pdfText, sql, textOf } from './helpers.mjs';

const MARKERS = demoMarkers();
const MARKER_RE = new RegExp(`\\b(${Object.values(MARKERS).join('|')})\\b`, 'i');

let srv;
let pages; // crawl results
const bodies = new Map(); // url -> text swept for markers (HTML, other text, PDF text)
const pdfTexts = new Map(); // url -> text of a PDF served
const linkedDocIds = new Set(); // document ids linked from any page
let maxFileId = 0; // the record's largest file id (base table)

before(async () => {
  srv = await startServer();
  pages = await crawl(srv.base, { concurrency: 4 });
  for (const p of pages) {
    if (p.body !== null) {
      bodies.set(p.url, p.body);
      for (const d of documentLinks(p.body)) linkedDocIds.add(d.id);
    }
  }
  // Everything that is not HTML (documents, CSS, text) is fetched again for
  // its bytes, and PDFs are turned into text.
  for (const p of pages) {
    if (p.status !== 200 || p.body !== null) continue;
    const r = await getBytes(p.url, '');
    const headerText = [...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    let text = headerText + '\n' + r.body.toString('latin1');
    if ((r.headers.get('content-type') || '').startsWith('application/pdf')) {
      const t = await pdfText(r.body);
      pdfTexts.set(p.url, t);
      text += '\n' + t;
    } else {
      text += '\n' + r.body.toString('utf8');
    }
    bodies.set(p.url, text);
  }
  const [row] = await sql(srv.dbPath, 'SELECT COALESCE(max(id), 0) AS n FROM file');
  maxFileId = row.n;
});

after(async () => {
  await srv?.stop();
});

describe('the crawl', () => {
  test('the demo header defines the four marker words', () => {
    assert.deepEqual(Object.keys(MARKERS).sort(), ['DEMO_DRAFT_AGENDA_MARKER', 'DEMO_DRAFT_MINUTES_MARKER', 'DEMO_EXEMPT_MARKER', 'DEMO_INTERNAL_MARKER']);
    for (const w of Object.values(MARKERS)) assert.match(w, /^\w{4,}$/);
  });

  test('reaches every kind of public page', () => {
    assert.ok(!pages.truncated, 'the crawl finished');
    const types = new Set(pages.map((p) => new URL(p.url).pathname.replace(/\/\d+/g, '/{id}').replace(/\/documents\/\{id\}\/.*/, '/documents/{id}/{name}')));
    for (const t of ['/', '/committees', '/committees/{id}', '/meetings', '/meetings/{id}', '/meetings/{id}/items/{id}', '/people', '/people/{id}', '/documents/{id}/{name}']) {
      assert.ok(types.has(t), `crawled a ${t} page`);
    }
    assert.ok(pages.length > 30, `crawled ${pages.length} URLs`);
  });

  test('no request failed and nothing answered 5xx', () => {
    const bad = pages.filter((p) => p.status === 0 || p.status >= 500);
    assert.deepEqual(bad.map((p) => `${p.url} → ${p.status || p.error} (linked from ${p.referrer})`), []);
  });

  test('no internal link is broken', () => {
    const broken = pages.filter((p) => p.status >= 400);
    assert.deepEqual(broken.map((p) => `${p.url} → ${p.status} (linked from ${p.referrer})`), []);
  });

  test('internal links are canonical (no redirects)', () => {
    const redirects = pages.filter((p) => p.status >= 300 && p.status < 400);
    assert.deepEqual(redirects.map((p) => `${p.url} → ${p.status} ${p.location} (linked from ${p.referrer})`), []);
  });
});

describe('confidential and unpublished content', () => {
  test('no marker word appears in any page or document', () => {
    assert.ok(bodies.size === pages.filter((p) => p.status === 200).length, 'every response was swept');
    const leaks = [];
    for (const [url, text] of bodies) {
      const m = text.match(MARKER_RE);
      if (m) {
        const at = m.index;
        leaks.push(`${url}: "${m[1]}" in …${text.slice(Math.max(0, at - 60), at + 40).replace(/\s+/g, ' ')}…`);
      }
    }
    assert.deepEqual(leaks, []);
  });

  test('every document was swept as text', () => {
    const docs = pages.filter((p) => p.status === 200 && new URL(p.url).pathname.startsWith('/documents/'));
    assert.ok(docs.length >= 3, `${docs.length} documents`);
    // (the reports packs, /meetings/{id}/pack.pdf, are PDFs swept too)
    const docTexts = [...pdfTexts.keys()].filter((u) => new URL(u).pathname.startsWith('/documents/'));
    assert.equal(docTexts.length, docs.length, 'every document is a PDF whose text was extracted');
    assert.ok(pdfTexts.size > docTexts.length, 'the reports packs were swept');
    for (const [url, text] of pdfTexts) assert.ok(text.trim().length > 20, `${url}: pdftotext found text`);
  });

  test('the record really holds each marker word, so the sweep can catch a leak', async () => {
    for (const [name, word] of Object.entries(MARKERS)) {
      const [row] = await sql(
        srv.dbPath,
        `SELECT count(*) AS n FROM agenda_item WHERE description_md LIKE '%${word}%' OR minutes_md LIKE '%${word}%' OR decision_md LIKE '%${word}%' OR title LIKE '%${word}%'`,
      );
      assert.ok(row.n >= 1, `${name} (${word}) is in some agenda item`);
    }
    // The exempt item's report carries the exempt marker in its text: had it
    // been served, the PDF sweep would have seen it.
    const files = await sql(
      srv.dbPath,
      'SELECT f.sha256 FROM file f JOIN file_link l ON l.file_id = f.id JOIN agenda_item i ON i.id = l.agenda_item_id WHERE i.exempt = 1',
    );
    assert.ok(files.length >= 1, 'the exempt item has a document');
    const texts = await Promise.all(
      files.map(({ sha256 }) => pdfText(readFileSync(path.join(storeOf(srv.dbPath), sha256.slice(0, 2), sha256.slice(2))))),
    );
    assert.ok(texts.some((t) => t.includes(MARKERS.DEMO_EXEMPT_MARKER)), 'the exempt report contains the marker');
  });

  test('the exempt item shows its title and exemption, and nothing else', async () => {
    const items = pages.filter((p) => p.body && /\/meetings\/\d+\/items\/\d+$/.test(p.url) && p.body.includes('<strong>Exempt item.</strong>'));
    assert.ok(items.length >= 1, 'an exempt item page exists');
    for (const p of items) {
      const html = p.body;
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
      const title = textOf(h1s(html)[0]);
      assert.ok(title.length > 3, `${p.url}: the public title is shown`);
      assert.match(textOf(main), /under paragraph [1-7] of Part 1 of Schedule 12A to the Local Government Act 1972/, `${p.url}: the Schedule 12A paragraph`);
      assert.ok(!/id="description"/.test(main), `${p.url}: no description`);
      assert.ok(!/id="minutes"/.test(main), `${p.url}: no minutes`);
      assert.ok(!/id="decision"/.test(main), `${p.url}: no decision`);
      assert.ok(!/id="votes"/.test(main), `${p.url}: no votes`);
      assert.ok(!/class="prose"/.test(main), `${p.url}: no rendered prose at all`);
      assert.deepEqual(documentLinks(main), [], `${p.url}: no documents`);
      assert.match(main, /There are no public documents for this item\./);
      // On its meeting's agenda, the same: the title and the exemption only.
      const meetingUrl = p.url.replace(/\/items\/\d+$/, '');
      const meeting = bodies.get(meetingUrl) ?? (await get(meetingUrl, '')).text;
      const path = new URL(p.url).pathname;
      const entry = meeting.match(new RegExp(`<li class="agenda-item">(?:(?!</li>)[\\s\\S])*?href="${path}"[\\s\\S]*?</div></li>`));
      assert.ok(entry, `${meetingUrl}: lists the exempt item`);
      assert.match(entry[0], /Exempt item\./);
      assert.ok(!/class="prose"/.test(entry[0]), `${meetingUrl}: no description for the exempt item`);
      assert.deepEqual(documentLinks(entry[0]), [], `${meetingUrl}: no documents for the exempt item`);
      assert.ok(!/#minutes/.test(entry[0]), `${meetingUrl}: no minutes link for the exempt item`);
    }
  });

  test('the draft-agenda meeting says so and lists no items', async () => {
    const meetings = pages.filter((p) => p.body && /\/meetings\/\d+$/.test(p.url));
    const drafts = meetings.filter((p) => p.body.includes('The agenda for this meeting has not been published yet.'));
    assert.ok(drafts.length >= 1, 'a meeting with an unpublished agenda');
    for (const p of drafts) {
      assert.match(textOf(p.body), /Agenda Not yet published/, `${p.url}: the facts say the agenda is not published`);
      assert.ok(!/<ol class="agenda">/.test(p.body), `${p.url}: no agenda list`);
      assert.ok(!anchors(p.body).some((a) => /\/items\/\d+/.test(a.href)), `${p.url}: no item links`);
      assert.deepEqual(documentLinks(p.body), [], `${p.url}: no documents`);
    }
    // The record's own tables name the draft-agenda meetings: each is
    // among those pages, and none of its items is reachable by address.
    const rows = await sql(
      srv.dbPath,
      "SELECT m.id AS meeting, i.id AS item FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id WHERE m.agenda_status = 'draft' AND m.published = 1 AND m.deleted = 0",
    );
    assert.ok(rows.length >= 1, 'the demo has a draft agenda with items');
    for (const { meeting, item } of rows) {
      assert.ok(drafts.some((p) => new URL(p.url).pathname === `/meetings/${meeting}`), `/meetings/${meeting} is crawled as a draft`);
      const r = await get(srv.base, `/meetings/${meeting}/items/${item}`);
      assert.equal(r.status, 404, `/meetings/${meeting}/items/${item} of a draft agenda`);
      assert.ok(!MARKER_RE.test(r.text));
    }
  });

  test('the draft-minutes meeting shows no minutes', async () => {
    const rows = await sql(
      srv.dbPath,
      "SELECT m.id AS meeting, i.id AS item FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id WHERE m.minutes_status = 'draft' AND m.agenda_status = 'published' AND m.published = 1 AND m.deleted = 0 AND i.exempt = 0 AND i.deleted = 0",
    );
    assert.ok(rows.length >= 1, 'the demo has a meeting with draft minutes');
    for (const { meeting, item } of rows) {
      const m = await get(srv.base, `/meetings/${meeting}`);
      assert.equal(m.status, 200);
      assert.match(textOf(m.text), /Minutes Not yet published/, `/meetings/${meeting}`);
      assert.ok(!/#minutes"/.test(m.text), `/meetings/${meeting}: no links to item minutes`);
      const r = await get(srv.base, `/meetings/${meeting}/items/${item}`);
      assert.equal(r.status, 200);
      assert.ok(!/id="minutes"/.test(r.text), `/meetings/${meeting}/items/${item}: no minutes section`);
      assert.ok(!/id="decision"/.test(r.text), `/meetings/${meeting}/items/${item}: no decision section`);
      assert.ok(!/id="votes"/.test(r.text), `/meetings/${meeting}/items/${item}: no votes`);
      assert.match(r.text, /The minutes of this item have not been published yet\./);
      assert.ok(!MARKER_RE.test(r.text));
    }
  });

  test('no document id that is not linked from a public page can be fetched', async () => {
    const maxSeen = Math.max(0, ...linkedDocIds);
    const top = Math.max(maxSeen, maxFileId) + 20;
    const leaks = [];
    let hidden = 0;
    for (let id = 1; id <= top; id++) {
      const r = await getBytes(srv.base, `/documents/${id}/x`);
      if (linkedDocIds.has(id)) {
        // Public: the id decides, a wrong name redirects to the canonical one.
        assert.equal(r.status, 301, `/documents/${id}/x is public`);
        continue;
      }
      hidden++;
      // Not linked anywhere: must not be served, and must not reveal its
      // name through a redirect either.
      if (r.status !== 404) leaks.push(`/documents/${id}/x → ${r.status} ${r.headers.get('location') ?? ''}`);
      const body = r.body.toString('utf8');
      if (MARKER_RE.test(body)) leaks.push(`/documents/${id}/x: marker in body`);
    }
    assert.deepEqual(leaks, []);
    assert.ok(hidden > 20, 'the probe covered ids beyond the public ones');
  });

  test('the exempt item\'s documents exist in the record and are refused', async () => {
    const rows = await sql(
      srv.dbPath,
      'SELECT f.id, f.filename FROM file f JOIN file_link l ON l.file_id = f.id JOIN agenda_item i ON i.id = l.agenda_item_id WHERE i.exempt = 1 AND l.deleted = 0 AND f.deleted = 0',
    );
    assert.ok(rows.length >= 1, 'the exempt item has a document in the record');
    for (const { id, filename } of rows) {
      assert.ok(!linkedDocIds.has(id), `document ${id} is not linked from any page`);
      for (const name of [filename, 'x']) {
        const r = await getBytes(srv.base, `/documents/${id}/${encodeURIComponent(name)}`);
        assert.equal(r.status, 404, `/documents/${id}/${name}`);
        assert.ok(!r.body.includes('%PDF-'), 'no PDF bytes');
        const h = await getBytes(srv.base, `/documents/${id}/${encodeURIComponent(name)}`, { method: 'HEAD' });
        assert.equal(h.status, 404, `HEAD /documents/${id}/${name}`);
        const ranged = await getBytes(srv.base, `/documents/${id}/${encodeURIComponent(name)}`, { headers: { range: 'bytes=0-99' } });
        assert.equal(ranged.status, 404, `ranged /documents/${id}/${name}`);
      }
    }
  });
});
