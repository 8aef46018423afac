// `witan backup` copies a database while it is being served, with its
// documents; the copy serves the same site; it never overwrites a file.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { PG, freePort, startServer, witanPath } from '../lib/server.mjs';
import { findSeed, get } from './helpers.mjs';

let srv, copy;

const witan = (args) => new Promise((resolve) => {
  execFile(witanPath(), args, { encoding: 'utf8' }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
});

before(async () => { srv = await startServer(); });

// On PostgreSQL the database's own tools back it up (pg_dump,
// pg_basebackup: docs/OPERATIONS.md); witan says so and copies nothing.
test('a PostgreSQL database is backed up with its own tools', { skip: !PG && 'SQLite: the test below' }, async () => {
  const out = path.join(srv.dir, 'backup.db');
  const r = await witan(['backup', '--db', srv.dbPath, out]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /pg_dump/);
  assert.equal(existsSync(out), false, 'nothing written');
});
after(async () => { await copy?.stop(); await srv?.stop(); });

test('a backup taken while serving serves the same pages and documents', { skip: PG && 'PostgreSQL: the test above' }, async () => {
  const out = path.join(srv.dir, 'backup.db');
  const seed = await findSeed(srv.base);
  const r = await witan(['backup', '--db', srv.dbPath, out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /backed up .* \(\d+ documents copied/);
  // The documents are the store's objects (ab/cdef…); packs/ holds reports packs, a cache that is
  // rebuilt on demand and not backed up.
  const count = (d) => readdirSync(d).filter((sub) => /^[0-9a-f]{2}$/.test(sub))
    .reduce((n, sub) => n + readdirSync(path.join(d, sub)).length, 0);
  assert.equal(count(`${out}.files`), count(`${srv.dbPath}.files`), 'every document is copied');
  // Serve the copy: same seed item page, same document bytes.
  const port = await freePort();
  const child = spawn(witanPath(), ['serve', '--db', out, '--listen', `127.0.0.1:${port}`, '--quiet'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  copy = { base, stop: async () => { child.kill('SIGTERM'); await new Promise((res) => child.on('exit', res)); } };
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    await new Promise((res) => setTimeout(res, 50));
  }
  const a = await get(srv.base, seed.itemUrl);
  const b = await get(copy.base, seed.itemUrl);
  assert.equal(b.status, 200);
  assert.equal(b.text, a.text);
  const doc = a.text.match(/href="(\/documents\/\d+\/[^"]+)"/)[1];
  const da = Buffer.from(await (await fetch(new URL(doc, srv.base))).arrayBuffer());
  const db = Buffer.from(await (await fetch(new URL(doc, copy.base))).arrayBuffer());
  assert.ok(da.length > 0 && da.equals(db), 'the document is the same');
});

test('backup never overwrites, and says how to use it', async () => {
  const out = path.join(srv.dir, 'exists.db');
  writeFileSync(out, 'precious');
  const r = await witan(['backup', '--db', srv.dbPath, out]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /already exists/);
  const u = await witan(['backup', '--db', srv.dbPath]);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /usage: witan backup --db FILE OUT/);
  assert.ok(existsSync(out));
});
