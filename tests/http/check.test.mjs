// `witan check --db FILE` (issue 13): lists the agendas that missed their
// statutory notice and the key decisions whose forward plan notice was
// short; exits 1 when it finds any, 0 when none, 2 when it cannot tell.
// Each case makes its own database with `witan init` and inserts rows with
// the sqlite3 CLI; no server is started.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import { dbQuery, startServer, witanPath } from '../lib/server.mjs';
import { addUser, fetchAs, signIn } from './backoffice-helpers.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'witan-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (file, args) => new Promise((resolve) => {
  execFile(file, args, { encoding: 'utf8', timeout: 60000 }, (err, stdout, stderr) =>
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
});
const witan = (args) => run(witanPath(), args);

async function sqlite(db, script) {
  await dbQuery(db, script, { write: true });
}

let n = 0;
/** A new empty database with a body (region, clear days) and a committee. */
async function fresh({ region = 'england', days = 5 } = {}) {
  const db = path.join(dir, `c${++n}.db`);
  const r = await witan(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  await sqlite(db, `INSERT INTO body(id, name, region, notice_clear_days) VALUES (1, 'Test Council', '${region}', ${days});
    INSERT INTO organization(id, body_id, name, kind) VALUES (1, 1, 'Planning Committee', 'committee');
    INSERT INTO organization(id, body_id, name, kind) VALUES (2, 1, 'Cabinet', 'cabinet');`);
  return db;
}

/** A meeting of the Planning Committee; agenda published at `at` (UTC) or not. */
function meeting(id, start, at, extra = {}) {
  const cols = { id, organization_id: 1, start_at: start, agenda_status: at ? 'published' : 'draft', agenda_published_at: at, ...extra };
  const v = (x) => (x === null || x === undefined ? 'NULL' : typeof x === 'number' ? String(x) : `'${String(x).replace(/'/g, "''")}'`);
  return `INSERT INTO meeting(${Object.keys(cols).join(', ')}) VALUES (${Object.values(cols).map(v).join(', ')});`;
}

function planEntry(id, title, first, due, urgency = 'none') {
  const reason = urgency === 'none' ? 'NULL' : "'The contract ends before the next plan'";
  return `INSERT INTO plan_entry(id, body_id, title, first_published, decision_due, urgency, urgency_reason, decision_maker_id)
    VALUES (${id}, 1, '${title}', '${first}', '${due}', '${urgency}', ${reason}, 2);`;
}

test('an empty database, freshly initialised, has nothing to report: exit 0', async () => {
  const db = path.join(dir, 'empty.db');
  assert.equal((await witan(['init', '--db', db])).code, 0);
  const r = await witan(['check', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^witan check: 0 late agendas, 0 key decisions with short notice\n$/);
});

test('agendas in time, unlisted, deleted, cancelled or not yet due are not flagged: exit 0', async () => {
  const db = await fresh();
  await sqlite(db, [
    // Wed 4 March for Thu 12 March: exactly five clear days.
    meeting(1, '2026-03-12 19:00', '2026-03-04T10:00:00Z'),
    // Late, but not in the public calendar, deleted, or cancelled.
    meeting(2, '2026-03-12 19:00', '2026-03-10T10:00:00Z', { published: 0 }),
    meeting(3, '2026-03-12 19:00', '2026-03-10T10:00:00Z', { deleted: 1 }),
    meeting(4, '2026-03-12 19:00', null, { state: 'cancelled', state_reason: 'No business' }),
    // Not published, but there is time yet.
    meeting(5, '2099-03-12 19:00', null),
  ].join('\n'));
  const r = await witan(['check', '--db', db]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 late agendas, 0 key decisions/);
});

test('a late agenda is named with the days given and required: exit 1', async () => {
  const db = await fresh();
  await sqlite(db, [
    // Mon 9 March for Thu 12 March: Tue 10 and Wed 11, two clear days.
    meeting(1, '2026-03-12 19:00', '2026-03-09T10:00:00Z'),
    // Held, its agenda never published.
    meeting(2, '2020-01-15 10:00', null, { state: 'held', name: 'Extraordinary meeting' }),
  ].join('\n'));
  const r = await witan(['check', '--db', db]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3, r.stdout);
  assert.equal(lines[0], 'late agenda: meeting 2, 2020-01-15 10:00, Planning Committee - Extraordinary meeting: '
    + 'not published, 5 clear days required; the last day in time was 2020-01-07');
  assert.equal(lines[1], 'late agenda: meeting 1, 2026-03-12 19:00, Planning Committee: '
    + 'published 2026-03-09, 2 clear days given, 5 required; the last day in time was 2026-03-04');
  assert.equal(lines[2], 'witan check: 2 late agendas, 0 key decisions with short notice');
});

test('a body for Wales with three clear days: four clear days are in time', async () => {
  const db = await fresh({ region: 'wales', days: 3 });
  // Thu 5 March for Thu 12 March: four clear days (late in England).
  await sqlite(db, meeting(1, '2026-03-12 19:00', '2026-03-05T10:00:00Z'));
  const r = await witan(['check', '--db', db]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  // The same in an English body is late.
  const en = await fresh();
  await sqlite(en, meeting(1, '2026-03-12 19:00', '2026-03-05T10:00:00Z'));
  const e = await witan(['check', '--db', en]);
  assert.equal(e.code, 1, e.stdout + e.stderr);
  assert.match(e.stdout, /published 2026-03-05, 4 clear days given, 5 required/);
});

test('a key decision with short notice is named; 28 clear days and general exception are not: exit 1', async () => {
  const db = await fresh();
  await sqlite(db, [
    // 1 March for 20 March: 18 clear days.
    planEntry(1, 'Sale of the depot at Castle Foregate', '2026-03-01', '2026-03-20'),
    // 1 April for 30 April: 2 to 29 April, exactly 28 clear days.
    planEntry(2, 'Leisure centre contract', '2026-04-01', '2026-04-30'),
    // Short, but taken under general exception (regulation 10).
    planEntry(3, 'Emergency roof repairs', '2026-03-10', '2026-03-20', 'general_exception'),
    // 2 April for 30 April: 27 clear days; but deleted.
    `${planEntry(4, 'Deleted entry', '2026-04-02', '2026-04-30')} UPDATE plan_entry SET deleted = 1 WHERE id = 4;`,
    // Not published.
    `${planEntry(5, 'Draft entry', '2026-04-02', '2026-04-30')} UPDATE plan_entry SET published = 0 WHERE id = 5;`,
    // 27 clear days.
    planEntry(6, 'Library opening hours', '2026-04-02', '2026-04-30'),
  ].join('\n'));
  const r = await witan(['check', '--db', db]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines, [
    'short notice: key decision 1, "Sale of the depot at Castle Foregate": notice 2026-03-01, due 2026-03-20, '
      + '18 clear days given, 28 required; the last day in time was 2026-02-19',
    'short notice: key decision 6, "Library opening hours": notice 2026-04-02, due 2026-04-30, '
      + '27 clear days given, 28 required; the last day in time was 2026-04-01',
    'witan check: 0 late agendas, 2 key decisions with short notice',
  ]);
});

test('a missing or bad database, or bad options: exit 2 with a message', async () => {
  let r = await witan(['check', '--db', path.join(dir, 'missing.db')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /missing\.db does not exist/);
  const junk = path.join(dir, 'junk.db');
  writeFileSync(junk, 'this is not a database\n'.repeat(100));
  r = await witan(['check', '--db', junk]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot open .*junk\.db: file is not a database/);
  r = await witan(['check']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--db FILE is required/);
  r = await witan(['check', '--db', junk, '--late']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--late'/);
  assert.equal(r.stdout, '');
});

test("the clerks' dashboard lists recent and upcoming findings with links, not old ones", async () => {
  const srv = await startServer({ demo: false });
  try {
    await sqlite(srv.dbPath, `INSERT INTO body(id, name) VALUES (1, 'Test Council');
      INSERT INTO organization(id, body_id, name, kind) VALUES (1, 1, 'Planning Committee', 'committee');
      INSERT INTO organization(id, body_id, name, kind) VALUES (2, 1, 'Cabinet', 'cabinet');
      -- Ten days ago, its agenda published the day before: recent and late.
      INSERT INTO meeting(id, organization_id, start_at, state, agenda_status, agenda_published_at)
        VALUES (7, 1, strftime('%Y-%m-%d 19:00', 'now', '-10 days'), 'held', 'published',
                strftime('%Y-%m-%dT10:00:00Z', 'now', '-11 days'));
      -- Over a year ago, just as late: not on the dashboard.
      INSERT INTO meeting(id, organization_id, start_at, state, agenda_status, agenda_published_at)
        VALUES (8, 1, strftime('%Y-%m-%d 19:00', 'now', '-400 days'), 'held', 'published',
                strftime('%Y-%m-%dT10:00:00Z', 'now', '-401 days'));
      INSERT INTO plan_entry(id, body_id, title, first_published, decision_due, decision_maker_id)
        VALUES (3, 1, 'Parking charges review', date('now', '-5 days'), date('now', '+10 days'), 2);
      INSERT INTO plan_entry(id, body_id, title, first_published, decision_due, decision_maker_id)
        VALUES (4, 1, 'Old short entry', date('now', '-205 days'), date('now', '-200 days'), 2);`);
    addUser(srv.dbPath, { email: 'clerk@example.org', role: 'clerk', password: 'correct horse battery staple' });
    const { cookie } = await signIn(srv.base, 'clerk@example.org', 'correct horse battery staple');
    const page = await fetchAs(srv.base, '/admin', { cookie });
    assert.equal(page.status, 200);
    const panel = page.text.match(/<section aria-labelledby="notice">[\s\S]*?<\/section>/)?.[0];
    assert.ok(panel, 'the dashboard has a Notice panel');
    assert.match(panel, /1 agenda and 1 key decision of the last month or to come/);
    assert.match(panel, /<a href="\/admin\/meetings\/7">Planning Committee, /);
    assert.match(panel, /giving 0 clear days' notice; 5 are required/);
    assert.match(panel, /<a href="\/admin\/forward-plan\/3">Parking charges review<\/a>/);
    assert.match(panel, /giving 14 clear days' notice; 28 are required/);
    assert.doesNotMatch(panel, /meetings\/8"|forward-plan\/4"|Old short entry/);
    // witan check lists all four.
    const r = await witan(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /witan check: 2 late agendas, 2 key decisions with short notice/);
  } finally {
    await srv.stop();
  }
});

// PENDING THE DEMO HELPER'S MERGE: the demo is to gain a deliberately late
// agenda and a short-notice key decision (issue 13's acceptance).  Until
// that work is merged into main this test FAILS on this branch (the demo
// has neither); the lead verifies it after the merge.
test('the demo: its deliberately late agenda and short-notice key decision are flagged', async () => {
  const db = path.join(dir, 'demo.db');
  const init = await witan(['init', '--db', db, '--demo']);
  assert.equal(init.code, 0, init.stderr);
  const r = await witan(['check', '--db', db]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^late agenda: meeting \d+, /m);
  assert.match(r.stdout, /^short notice: key decision \d+, /m);
  assert.match(r.stdout, /^witan check: [1-9]\d* late agendas?, [1-9]\d* key decisions? with short notice$/m);
});
