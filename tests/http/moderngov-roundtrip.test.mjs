// Issue 19, the round trip: the demo served by Witan is imported through
// its own ModernGov web service (/mgWebService.asmx) into a new database,
// and the public pages of the seed meeting (the Police and Crime Panel of
// 4 February 2019, whose item is ../shared/examples/seed-agenda-item.txt)
// read the same on the copy.
//
// ModernGov's own elements cannot say everything the record holds (when
// the agenda was published, that the minutes were approved and by which
// meeting, the meeting's own documents, declarations, votes, whom a
// substitute stood in for, the committee's members); Witan's web service
// adds them in its own XML namespace, which ModernGov's clients do not read
// and Witan's importer does (docs/API.md).  What the service has no element
// for at all is the body's name and address: the operator sets them with
// `witan body`, as docs/OPERATIONS.md says, and so does this test.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { dbQuery, serveDb, startServer, witanPath } from '../lib/server.mjs';
import { pdfText, SEED_COMMITTEE, SEED_TITLE } from './helpers.mjs';

let demo;
let copy;
let dir;
let run;
let seed; // {meeting, item} ids
let named; // witan body on the copy

const witan = (args, env = {}) => new Promise((resolve) => {
  const child = spawn(witanPath(), args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('close', (code) => resolve({ code, stderr }));
});

const serve = (dbPath) => serveDb(dbPath);

/** The <main> of a page. */
async function main(base, p) {
  const r = await fetch(new URL(p, base));
  assert.equal(r.status, 200, `${base}${p}`);
  const html = await r.text();
  const m = html.match(/<main[\s\S]*<\/main>/);
  assert.ok(m, `${p} has a <main>`);
  return m[0];
}

const section = (html, id) => {
  const m = html.match(new RegExp(`<section aria-labelledby="${id}">[\\s\\S]*?</section>`));
  return m ? m[0] : null;
};

before(async () => {
  demo = await startServer();
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-mg-rt-'));
  const [m] = await dbQuery(demo.db, "SELECT m.id FROM meeting m JOIN organization o ON o.id = m.organization_id" +
    ` WHERE o.name = '${SEED_COMMITTEE}' AND m.start_at LIKE '2019-02-04%'`);
  const [i] = await dbQuery(demo.db, `SELECT id FROM agenda_item WHERE meeting_id = ${m.id} AND title = '${SEED_TITLE.replace(/'/g, "''")}'`);
  seed = { meeting: m.id, item: i.id };
  const db = path.join(dir, 'copy.db');
  run = await witan(['import', 'moderngov', '--db', db, '--from', '2015-01-01', demo.base]);
  const [body] = await dbQuery(demo.db, 'SELECT name, address FROM body ORDER BY id LIMIT 1');
  named = await witan(['body', '--db', db, '--name', body.name, '--address', body.address]);
  copy = await serve(db);
  copy.db = db;
  // Documents' text and the packs are made in the background: wait for them.
  for (let k = 0; k < 600; k++) {
    const [r] = await dbQuery(db, "SELECT count(*) AS n FROM file WHERE text_status = 'pending'");
    const pages = await Promise.all([demo, copy].map(async (s) => (await fetch(new URL(`/meetings/${seed.meeting}`, s.base))).text()));
    if (r.n === 0 && !pages.some((p) => p.includes('being prepared'))) break;
    await new Promise((res) => setTimeout(res, 100));
  }
});

after(async () => {
  await copy?.stop();
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the demo imports through its own web service with nothing skipped', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /0 skipped as bad/);
  assert.equal(named.code, 0, named.stderr);
});

test('the seed agenda item reads the same', async () => {
  const a = await main(demo.base, `/meetings/${seed.meeting}/items/${seed.item}`);
  const b = await main(copy.base, `/meetings/${seed.meeting}/items/${seed.item}`);
  assert.ok(a.includes(SEED_TITLE.replace(/&/g, '&amp;')), 'the demo shows the seed item');
  assert.equal(b, a);
});

test('every agenda item page of the seed meeting reads the same: texts, minutes, decisions, votes', async () => {
  const items = await dbQuery(demo.db, `SELECT id FROM agenda_item WHERE meeting_id = ${seed.meeting} AND deleted = 0`);
  assert.ok(items.length > 3);
  let votes = 0;
  for (const { id } of items) {
    const a = await main(demo.base, `/meetings/${seed.meeting}/items/${id}`);
    assert.equal(await main(copy.base, `/meetings/${seed.meeting}/items/${id}`), a, `item ${id}`);
    if (a.includes('aria-labelledby="votes"')) votes++;
  }
  assert.ok(votes > 0, 'the seed meeting has a vote');
});

test('the seed meeting reads the same: status, agenda, documents, attendance, declarations, packs', async () => {
  const a = await main(demo.base, `/meetings/${seed.meeting}`);
  const b = await main(copy.base, `/meetings/${seed.meeting}`);
  // (what the copy could lose, to show that the comparison would see it)
  for (const part of ['<dt>Agenda</dt><dd>Published ', 'Approved at the <a href="/meetings/', 'aria-labelledby="docs"',
    'aria-labelledby="declarations"', 'Substitute for <a href=', '<p class="pack">', '<p class="printed">']) {
    assert.ok(a.includes(part), `the demo's seed meeting has ${part}`);
  }
  assert.equal(b, a);
});

test('its printed minutes and reports pack read the same', async () => {
  for (const p of ['minutes.pdf', 'pack.pdf']) {
    const [x, y] = await Promise.all([demo, copy].map(async (s) => {
      const r = await fetch(new URL(`/meetings/${seed.meeting}/${p}`, s.base));
      assert.equal(r.status, 200, `${s.base} ${p}`);
      return pdfText(Buffer.from(await r.arrayBuffer()));
    }));
    assert.ok(x.length > 500, `${p} has text`);
    // (the web address printed in them is each server's own)
    assert.equal(y.replaceAll(copy.base.replace(/\/$/, ''), 'BASE'), x.replaceAll(demo.base.replace(/\/$/, ''), 'BASE'), p);
  }
});

test('the seed committee\'s members come across', async () => {
  const [m] = await dbQuery(demo.db, `SELECT organization_id AS id FROM meeting WHERE id = ${seed.meeting}`);
  const section = (html) => html.match(/<section aria-labelledby="members">[\s\S]*?<\/section>/)?.[0];
  const a = section(await main(demo.base, `/committees/${m.id}`));
  assert.ok(a && a.includes('/people/'), 'the demo lists the committee\'s members');
  assert.equal(section(await main(copy.base, `/committees/${m.id}`)), a);
});
