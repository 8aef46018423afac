// bodies.test.mjs: several bodies (councils) in one PostgreSQL database
// (issue 18), each a schema of its own (--body NAME: body_NAME), served by
// a witan of its own: the same OParl record harvested into three bodies,
// each then given a committee name of its own, shows on each body's
// pages, search and API only its own; and no view of a body reads a table
// of another (the catalog says so).
//
//   WITAN=/abs/build/witan node --test tests/pg/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cluster, serve as serveWitan, sh as run, stopAll, witan } from './lib.mjs';

const BODIES = ['north', 'south', 'west'];
const MARKER = (b) => `Quillon${b} Board`;
let dir;
let pgdir;
let url;

const sh = (cmd, args, env = {}) => run(cmd, args, { env });
const serve = async (args, env = {}) => (await serveWitan(args, env)).base;

const bases = {};

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-bodies-'));
  chmodSync(dir, 0o755);
  pgdir = path.join(dir, 'pg');
  url = sh('sh', [cluster, 'start', pgdir]);
  // The source: the demo on SQLite, its OParl API.
  const file = path.join(dir, 'demo.db');
  sh(witan, ['init', '--db', file, '--demo']);
  const source = `${await serve(['--db', file])}/oparl/v1.1/system`;
  for (const b of BODIES) {
    // (each body's documents in a folder of its own, recorded in its schema)
    sh(witan, ['import', 'oparl', '--db', url, '--body', b, source], { WITAN_STORE: path.join(dir, `files-${b}`) });
    sh(witan, ['sql', '--db', url, '--body', b, '--write',
      `UPDATE organization SET name = '${MARKER(b)}' WHERE id = (SELECT min(id) FROM organization)`]);
    bases[b] = await serve(['--db', url, '--body', b]);
  }
});

after(() => {
  stopAll();
  if (pgdir) spawnSync('sh', [cluster, 'stop', pgdir]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('each body shows only its own record: pages, search and the OParl API', async () => {
  const counts = {};
  for (const b of BODIES) {
    const base = bases[b];
    const list = await fetch(`${base}/committees`).then((r) => r.text());
    const api = await fetch(`${base}/oparl/v1.1/body/1/organization`).then((r) => r.text());
    for (const other of BODIES) {
      const mine = other === b;
      assert.equal(list.includes(MARKER(other)), mine, `${b}'s /committees ${mine ? 'shows' : 'does not show'} ${MARKER(other)}`);
      assert.equal(api.includes(MARKER(other)), mine, `${b}'s OParl organizations ${mine ? 'hold' : 'do not hold'} ${MARKER(other)}`);
      const found = await fetch(`${base}/search.json?q=Quillon${other}`).then((r) => r.json());
      assert.equal(found.total > 0, mine, `${b}'s search ${mine ? 'finds' : 'does not find'} Quillon${other}`);
    }
    // The rest is the same harvest in each.
    const meetings = await fetch(`${base}/oparl/v1.1/body/1/meeting`).then((r) => r.json());
    counts[b] = meetings.pagination?.totalElements ?? meetings.data.length;
  }
  assert.ok(counts[BODIES[0]] > 10, JSON.stringify(counts));
  assert.deepEqual(new Set(Object.values(counts)).size, 1, `each body holds the whole harvest: ${JSON.stringify(counts)}`);
});

test('every body has every table and view in its own schema, and no view reads another schema\'s table', () => {
  const q = (sql) => sh('psql', [url, '-qAtX', '-c', sql]);
  const per = BODIES.map((b) => q(`SELECT count(*) FILTER (WHERE table_type = 'BASE TABLE') || ' tables, '
    || count(*) FILTER (WHERE table_type = 'VIEW') || ' views' FROM information_schema.tables WHERE table_schema = 'body_${b}'`));
  assert.match(per[0], /^[1-9][0-9]* tables, [1-9][0-9]* views$/);
  assert.deepEqual(per, BODIES.map(() => per[0]), 'the same tables and views in each body');
  const crossing = q(`SELECT string_agg(view_schema || '.' || view_name || ' reads ' || table_schema || '.' || table_name, '; ')
    FROM information_schema.view_table_usage WHERE view_schema LIKE 'body\\_%' AND table_schema <> view_schema`);
  assert.equal(crossing, '', 'no view of a body reads a table outside its schema');
  assert.equal(q("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'meeting'"), '0',
    'nothing in public: every body is its own schema');
});

test('--body is refused for a SQLite file, and a bad name is refused, with messages', () => {
  let r = spawnSync(witan, ['sql', '--db', path.join(dir, 'demo.db'), '--body', 'north', 'SELECT 1'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /a SQLite file holds one body/);
  r = spawnSync(witan, ['sql', '--db', url, '--body', 'North-1', 'SELECT 1'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /lower-case letters/);
  r = spawnSync(witan, ['sql', '--db', url, '--body', 'east', 'SELECT 1'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /holds no Witan record for this --body/);
});
