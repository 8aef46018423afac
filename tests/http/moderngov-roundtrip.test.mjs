// Issue 19, the round trip: the demo served by Witan is imported through
// its own ModernGov web service (/mgWebService.asmx) into a new database,
// and the public pages of the seed meeting (the Police and Crime Panel of
// 4 February 2019, whose item is ../shared/examples/seed-agenda-item.txt)
// read the same on the copy.
//
// What ModernGov's web service does not carry cannot come back, and is
// checked to be the only difference (docs/DECISIONS.md, "Importing from
// ModernGov"): when the agenda was published (it gives a day, not a time)
// and that the minutes were approved; the meeting's own documents (its
// per-item lists have no place for the front sheet and printed minutes);
// whom a substitute stood in for; the declarations of interest.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { dbQuery, serveDb, startServer, witanPath } from '../lib/server.mjs';
import { SEED_COMMITTEE, SEED_TITLE } from './helpers.mjs';

let demo;
let copy;
let dir;
let run;
let seed; // {meeting, item} ids

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
  copy = await serve(db);
  copy.db = db;
  // Documents' text and the packs are made in the background: wait for them.
  for (let k = 0; k < 200; k++) {
    const [r] = await dbQuery(db, "SELECT count(*) AS n FROM file WHERE text_status = 'pending'");
    if (r.n === 0) break;
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
});

test('the seed agenda item reads the same', async () => {
  const a = await main(demo.base, `/meetings/${seed.meeting}/items/${seed.item}`);
  const b = await main(copy.base, `/meetings/${seed.meeting}/items/${seed.item}`);
  assert.ok(a.includes(SEED_TITLE.replace(/&/g, '&amp;')), 'the demo shows the seed item');
  assert.equal(b, a);
});

test("the seed meeting's agenda reads the same: items, their text, their documents", async () => {
  const a = section(await main(demo.base, `/meetings/${seed.meeting}`), 'agenda');
  const b = section(await main(copy.base, `/meetings/${seed.meeting}`), 'agenda');
  assert.ok(a && a.includes('/documents/'), 'the demo meeting has an agenda with documents');
  assert.equal(b, a);
});

test("the seed meeting's attendance reads the same, but whom a substitute stood in for", async () => {
  const rows = async (base) => section(await main(base, `/meetings/${seed.meeting}`), 'attendance')
    .match(/<tr>[\s\S]*?<\/tr>/g)
    .map((r) => r.replace(/Substitute for <a href="[^"]*">[^<]*<\/a>/, ''));
  const a = await rows(demo.base);
  assert.ok(a.length > 5, 'the demo meeting has its attendance');
  assert.deepEqual(await rows(copy.base), a);
});

test('the seed meeting reads the same but for what the web service does not carry', async () => {
  const a = await main(demo.base, `/meetings/${seed.meeting}`);
  const b = await main(copy.base, `/meetings/${seed.meeting}`);
  const known = (html) => html
    .replace(/<dt>Agenda<\/dt><dd>[^<]*<\/dd>/, '')
    .replace(/<dt>Minutes<\/dt><dd>[\s\S]*?<\/dd>/, '')
    .replace(/<section aria-labelledby="docs">[\s\S]*?<\/section>\n?/, '')
    .replace(/<section aria-labelledby="declarations">[\s\S]*?<\/section>/, '')
    .replace(/Substitute for <a href="[^"]*">[^<]*<\/a>/g, '')
    .replace(/<p class="printed">.*<\/p>/, '')
    .replace(/<p class="pack">.*<\/p>/, '');
  assert.equal(known(b), known(a));
  // The differences are those: the agenda is published (no time given).
  assert.match(b, /<dt>Agenda<\/dt><dd>Published<\/dd>/);
});
