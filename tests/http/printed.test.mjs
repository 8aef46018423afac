// Printed records (issue 14): /meetings/{id}/minutes.pdf and
// /decisions/{id}.pdf, found by following the links of the meeting and
// decision pages, read back with poppler's pdftotext, pdfinfo and pdffonts.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { dbQuery, startServer } from '../lib/server.mjs';
import { sql } from './backoffice-helpers.mjs';
import { anchors, findAnchor, findSeed, get, getBytes, textOf } from './helpers.mjs';
import { loadSchemas, Validator } from './oparl-validate.mjs';

// The first words of the seed minutes' bullets (examples/seed-agenda-item.txt).
const SEED_BULLETS = [
  'The West Mercia’s new Victim Advice Line (VAL)',
  'Strategic Alliance a dedicated programme team',
  'Services to Policing - In 2017',
  'Criminal Justice Performance',
  'A Member referred to page 99 of the Agenda',
  'The Panel were pleased to note',
  'Deaths on Shropshire highways',
];
const SEED_FIGURES = ['£26.9m', '90.54%', '54%', '£0.5m', '£1m'];

const TABLE_MD = [
  'The Panel considered the *revised* figures and **agreed** them.',
  '',
  '| Service | 2018/19 | 2019/20 |',
  '|---|---|---|',
  '| Neighbourhood policing | £12.1m | £12.9m |',
  '| Victim services | £1.4m | £1.7m |',
  '',
  '1. First numbered point',
  '2. Second numbered point',
  '   - a nested bullet',
].join('\n');

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8', maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout));
  });
}

let srv;
let seed;
let tmp;
let n = 0;

/** A PDF fetched from url: {res, body, file, text, info, fonts}. */
async function pdf(url) {
  const r = await getBytes(srv.base, url);
  assert.equal(r.status, 200, `${url} answered ${r.status}`);
  const file = path.join(tmp, `f${n++}.pdf`);
  writeFileSync(file, r.body);
  const [text, info, fonts] = await Promise.all([
    run('pdftotext', ['-enc', 'UTF-8', file, '-']),
    run('pdfinfo', [file]),
    run('pdffonts', [file]),
  ]);
  return { res: r.res, body: r.body, file, text: text.replace(/\s+/g, ' '), info, fonts };
}

/** Positions of each needle in text, asserting each is there and in order. */
function inOrder(text, needles, what) {
  let at = -1;
  for (const s of needles) {
    const i = text.indexOf(s, at + 1);
    assert.ok(i > at, `${what}: "${s}" missing or out of order`);
    at = i;
  }
}

function pagesOf(info) {
  return Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
}

function checkPdfBasics(p, title) {
  assert.equal(p.res.headers.get('content-type'), 'application/pdf');
  assert.match(p.res.headers.get('content-disposition') ?? '', /^inline; filename="[a-z0-9.-]+\.pdf"$/);
  assert.match(p.info, /^Page size:.*\(A4\)/m);
  assert.match(p.info, new RegExp(`^Title:\\s+${title}$`, 'm'));
  const rows = p.fonts.trim().split('\n').slice(2);
  assert.ok(rows.length > 0, 'the PDF has fonts');
  for (const row of rows) assert.match(row, /\s+yes\s+yes\s+yes\s+\d+\s+\d+$/, `font not embedded: ${row}`);
}

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'witan-printed-'));
  srv = await startServer({
    seed: async (db) => {
      // A table, emphasis and a numbered list in the first item of the seed
      // meeting; and no uploaded minutes for the Panel's June 2019 meeting,
      // so that OParl's resultsProtocol is the printed minutes.
      const q = `UPDATE agenda_item SET minutes_md = '${TABLE_MD.replace(/'/g, "''")}'
          WHERE id = (SELECT i.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                      WHERE m.start_at LIKE '2019-02-04%' ORDER BY i.position LIMIT 1);
        DELETE FROM file_link WHERE role = 'minutes'
          AND meeting_id = (SELECT id FROM meeting WHERE start_at LIKE '2019-06-10%');`;
      await dbQuery(db, q, { write: true });
    },
  });
  seed = await findSeed(srv.base);
});

after(async () => {
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('printed minutes', () => {
  test('the seed meeting: every item in order, the seed bullets and figures, table, emphasis, signature', async () => {
    const link = findAnchor(seed.meetingHtml, 'Printed minutes', 'the printed minutes link');
    assert.match(link.href, /^\/meetings\/\d+\/minutes\.pdf$/);
    const meta = seed.meetingHtml.match(/Printed minutes<\/a>\s*<span class="file-meta">\(PDF, (\d+) pages?, ([\d.]+ [KM]B)\)/);
    assert.ok(meta, 'the link says pages and size');
    const p = await pdf(link.href);
    checkPdfBasics(p, 'Minutes');
    assert.equal(pagesOf(p.info), Number(meta[1]), 'the page count on the link is the PDF\'s');
    assert.equal(`${Math.ceil(p.body.length / 1024)} KB`, meta[2]);
    assert.match(p.info, /^Subject:\s+Minutes of the meeting of West Mercia Police and Crime Panel/m);

    // Every item's title, in agenda order, each followed by its minutes.
    const titles = [...seed.meetingHtml.matchAll(/<h3 class="item-title"><a [^>]*>([\s\S]*?)<\/a><\/h3>/g)].map((m) => textOf(m[1]));
    assert.ok(titles.length >= 5);
    inOrder(p.text, titles, 'item titles');
    const minutes = textOf(seed.itemHtml.match(/<h2 id="minutes">Minutes:<\/h2>([\s\S]*?)<\/section>/)[1]);
    assert.ok(p.text.includes(minutes.slice(0, 80)), 'the seed item\'s minutes');
    inOrder(p.text, SEED_BULLETS, 'seed bullets');
    for (const f of SEED_FIGURES) assert.ok(p.text.includes(f), `figure ${f}`);
    const seedAt = p.text.indexOf(SEED_BULLETS[0]);
    const title = titles.find((t) => t.startsWith('Police & Crime Plan Activity'));
    assert.ok(p.text.indexOf(title) < seedAt, 'the seed item\'s minutes follow its heading');

    // The table, emphasis and lists of the seeded Markdown.
    inOrder(p.text, ['revised figures and agreed them', 'Service', '2018/19', '2019/20',
      'Neighbourhood policing', '£12.1m', '£12.9m', 'Victim services', '£1.7m',
      '1. First numbered point', '2. Second numbered point', 'a nested bullet'], 'the seeded Markdown');
    assert.ok(!/\*revised\*|\*\*agreed\*\*|\|---/.test(p.text), 'no Markdown syntax printed');
    assert.match(p.fonts, /Oblique/, 'italic kept');
    assert.match(p.fonts, /Bold/, 'bold kept');

    // Approved: the chair's signature block, and no draft stamp.
    const rows = await sql(srv.dbPath, `SELECT p.name FROM membership ms JOIN person p ON p.id = ms.person_id
      JOIN meeting m ON m.organization_id = ms.organization_id
      WHERE m.start_at LIKE '2019-02-04%' AND ms.role = 'chair'
      AND (ms.start_date IS NULL OR ms.start_date <= '2019-02-04')
      AND (ms.end_date IS NULL OR ms.end_date >= '2019-02-04') LIMIT 1`);
    assert.equal(rows.length, 1, 'the demo has a chair');
    inOrder(p.text, ['Signed as a correct record', 'Signed', 'Chair', `${rows[0].name}, Chair`, 'Approved on'], 'signature');
    assert.ok(!p.text.includes('Draft: not yet approved'));

    // The same record gives the same bytes, and an ETag.
    const again = await getBytes(srv.base, link.href);
    assert.ok(again.body.equals(p.body), 'deterministic bytes');
    const etag = again.headers.get('etag');
    assert.ok(etag);
    const revalidated = await getBytes(srv.base, link.href, { headers: { 'if-none-match': etag } });
    assert.equal(revalidated.status, 304);
  });

  test('draft minutes are stamped on every page, without a signature', async () => {
    const cal = await get(srv.base, '/meetings?month=2019-06');
    const m = anchors(cal.text).find((a) => /^\/meetings\/\d+$/.test(a.href) && /Police and Crime Panel/.test(a.text));
    assert.ok(m, 'the Panel meeting of June 2019');
    const page = await get(srv.base, m.href);
    assert.match(page.text, /Draft minutes published/);
    const p = await pdf(findAnchor(page.text, 'Printed minutes').href);
    checkPdfBasics(p, 'Minutes');
    const stamps = p.text.split('Draft: not yet approved').length - 1;
    assert.equal(stamps, pagesOf(p.info), 'a stamp on every page');
    assert.ok(!p.text.includes('Signed as a correct record'));

    // OParl: without an uploaded minutes document, resultsProtocol is the printed minutes.
    const id = m.href.split('/').pop();
    const o = await get(srv.base, `/oparl/v1.1/meeting/${id}`);
    const rp = JSON.parse(o.text).resultsProtocol;
    assert.ok(rp, 'resultsProtocol');
    assert.equal(rp.accessUrl, `${srv.base}${m.href}/minutes.pdf`);
    assert.equal(rp.mimeType, 'application/pdf');
    const errors = [];
    new Validator(loadSchemas(), {}, errors).object(rp, 'File', 'resultsProtocol', { embedded: true });
    assert.deepEqual(errors, []);
  });

  test('minutes not public: no link and 404', async () => {
    const rows = await sql(srv.dbPath, `SELECT id FROM meeting WHERE minutes_status NOT IN ('published', 'approved')
      AND deleted = 0 AND agenda_status = 'published' ORDER BY start_at LIMIT 1`);
    assert.equal(rows.length, 1);
    const page = await get(srv.base, `/meetings/${rows[0].id}`);
    assert.equal(page.status, 200);
    assert.ok(!anchors(page.text).some((a) => a.href.endsWith('/minutes.pdf')), 'no link');
    const r = await get(srv.base, `/meetings/${rows[0].id}/minutes.pdf`);
    assert.equal(r.status, 404);
    assert.equal((await get(srv.base, '/meetings/999999/minutes.pdf')).status, 404);
  });
});

describe('decision notices', () => {
  test('a decision notice holds the facts, the decision and the reasons', async () => {
    const list = await get(srv.base, '/decisions');
    const d = anchors(list.text).find((a) => /^\/decisions\/\d+$/.test(a.href));
    assert.ok(d, 'a decision');
    const page = await get(srv.base, d.href);
    const link = findAnchor(page.text, 'Decision notice (PDF)');
    assert.equal(link.href, `${d.href}.pdf`);
    const p = await pdf(link.href);
    checkPdfBasics(p, 'Decision notice');
    const reasons = textOf(page.text.match(/<h2 id="reasons">[\s\S]*?<\/h2>([\s\S]*?)<\/section>/)[1]);
    inOrder(p.text, ['Decision maker:', 'Date of decision:', 'Kind of decision:', 'Key decision:',
      'Wards affected:', 'Call-in deadline:', 'Takes effect:', 'The decision', 'Reasons for the decision',
      reasons.slice(0, 60), 'Alternative options considered and rejected', 'Conflicts of interest',
      'Dispensations granted:'], 'the notice');
    assert.equal(pagesOf(p.info) >= 1, true);
    assert.equal((await get(srv.base, '/decisions/999999.pdf')).status, 404);
  });
});
