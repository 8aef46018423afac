// Disk full (issue 16): on a small filesystem (a tmpfs this test mounts,
// so it needs root: CI runs as root) an upload, an import, the export and
// the reports pack builder each fail with a clear error and leave no
// partial state: no document row, no partial or temporary file in the
// store, no half-written export or pack, and a database that passes
// PRAGMA integrity_check.  The free space is set by a filler file.

import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { freePort, witanPath } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { startOparlFixture } from './oparl-fixture.mjs';
import { textPdf } from './sweep-helpers.mjs';

const root = process.getuid?.() === 0;
const skip = process.env.WITAN_TEST_PG ? 'SQLite\'s file on a full disk (the run on PostgreSQL: its disk is the database server\'s)'
  : root ? false : 'needs root to mount a small tmpfs (CI runs as root): disk-full tests not run';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let base, mnt, db, filler, mounted = false;

const witan = (args) => new Promise((resolve) => {
  execFile(witanPath(), args, { encoding: 'utf8', timeout: 120000 }, (err, stdout, stderr) =>
    resolve({ code: err ? (err.code ?? err.signal) : 0, stdout, stderr }));
});

/** Leaves about `bytes` free on the small filesystem (the filler takes the rest). */
function leaveFree(bytes) {
  rmSync(filler, { force: true });
  const s = statfsSync(mnt);
  const free = s.bavail * s.bsize;
  const size = Math.max(0, Math.floor((free - bytes) / 4096) * 4096);
  writeFileSync(filler, Buffer.alloc(size));
  const t = statfsSync(mnt);
  return t.bavail * t.bsize;
}

/** Every file under dir (relative paths), sorted; [] when dir is missing. */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

async function integrityOk() {
  const [r] = await sql(db, 'PRAGMA integrity_check');
  assert.equal(Object.values(r)[0], 'ok', 'PRAGMA integrity_check');
}

before(async () => {
  if (skip) return;
  base = mkdtempSync(path.join(os.tmpdir(), 'witan-diskfull-'));
  mnt = path.join(base, 'small');
  mkdirSync(mnt);
  // The demo (about 8 MB with its documents) with room to spare, until the filler.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0755', 'tmpfs', mnt]);
  mounted = true;
  const demo = path.join(base, 'demo.db');
  let r = await witan(['init', '--db', demo, '--demo']);
  assert.equal(r.code, 0, r.stderr);
  db = path.join(mnt, 'c.db');
  r = await witan(['backup', '--db', demo, db]);
  assert.equal(r.code, 0, r.stderr);
  addUser(db, { email: 'full@example.org', role: 'clerk', password: 'a long enough password' });
  filler = path.join(mnt, 'filler');
});

after(() => {
  if (mounted) {
    try { execFileSync('umount', [mnt]); } catch { execFileSync('umount', ['-l', mnt]); }
  }
  if (base) rmSync(base, { recursive: true, force: true });
});

test('an upload larger than the free space is refused with 507 and a message; no row, no file', { skip }, async () => {
  const port = await freePort();
  const child = spawn(witanPath(), ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const srv = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 400; i++) {
      try { if ((await fetch(`${srv}/healthz`)).ok) break; } catch { /* not up yet */ }
      await sleep(25);
    }
    const clerk = await signIn(srv, 'full@example.org', 'a long enough password');
    const [m] = await sql(db, 'SELECT min(id) AS id FROM meeting WHERE deleted = 0');
    const storeBefore = filesUnder(`${db}.files`);
    const [{ n: rowsBefore }] = await sql(db, 'SELECT count(*) AS n FROM file');
    const free = leaveFree(256 << 10);
    const big = Buffer.concat([textPdf(['Too big for the disk']), Buffer.from(`%${'x'.repeat(free + (2 << 20))}\n`)]);
    const r = await post(srv, `/admin/meetings/${m.id}/documents`, { csrf: clerk.csrf, title: 'Too big', role: 'report', item_id: '',
      file: { data: big, filename: 'too-big.pdf', type: 'application/pdf' } }, { cookie: clerk.cookie });
    assert.equal(r.status, 507, `${r.status}: ${r.text.slice(0, 300)}\n${log}`);
    assert.match(r.text, /disk is full: the file was not stored and nothing was changed/);
    assert.match(log, /storing an upload of \d+ bytes: No space left on device/);
    assert.deepEqual(filesUnder(`${db}.files`), storeBefore, 'no partial or temporary file in the store');
    const [{ n }] = await sql(db, 'SELECT count(*) AS n FROM file');
    assert.equal(n, rowsBefore, 'no document row');
    // With room again, the same upload goes in.
    rmSync(filler, { force: true });
    const ok = await post(srv, `/admin/meetings/${m.id}/documents`, { csrf: clerk.csrf, title: 'Fits now', role: 'report', item_id: '',
      file: { data: textPdf(['Fits now']), filename: 'fits.pdf', type: 'application/pdf' } }, { cookie: clerk.cookie });
    assert.equal(ok.status, 303, ok.text.slice(0, 300));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null || child.signalCode ? r() : child.once('exit', r)));
  }
  await integrityOk();
  // (the server's own export thread, which may have met the full disk
  // too, left no temporary generation)
  assert.deepEqual(readdirSync(`${db}.export`).filter((f) => f.startsWith('.tmp-')), [], 'no partial export generation');
});

test('an import that fills the disk stops with a clear message; the database stays whole', { skip }, async () => {
  const fx = await startOparlFixture();
  try {
    const storeBefore = filesUnder(`${db}.files`);
    leaveFree(24 << 10);
    const r = await witan(['import', 'oparl', '--db', db, fx.systemUrl]);
    assert.equal(r.code, 1, `exit ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, /database or disk is full|No space left on device/);
    console.log(`# import on a full disk: ${r.stderr.split('\n').filter((l) => /full|space/.test(l)).join(' | ')}`);
    assert.match(r.stderr, /the import stopped \(\d+ objects so far\); run the same command again to resume it/);
    assert.deepEqual(filesUnder(`${db}.files`).filter((f) => /\.tmp\./.test(f)), [], 'no temporary file left');
    // (documents it downloaded before its commit failed are not named by
    // any row: the server's sweep removes them after the grace period)
    const named = new Set((await sql(db, 'SELECT sha256 FROM file')).map((x) => x.sha256));
    const unnamed = filesUnder(`${db}.files`).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{62}$/.test(f) && !named.has(f.replace('/', '')));
    assert.ok(unnamed.every((f) => !storeBefore.includes(f)), 'nothing that was named before lost its row');
    rmSync(filler, { force: true });
    await integrityOk();
    // With room again, it resumes and completes (3: the fixture's two unresolvable references).
    const again = await witan(['import', 'oparl', '--db', db, fx.systemUrl]);
    assert.equal(again.code, 3, again.stderr);
    await integrityOk();
  } finally {
    await fx.stop();
  }
});

test('an export into a full filesystem fails with a clear message and leaves no partial export', { skip }, async () => {
  const out = path.join(mnt, 'export');
  leaveFree(32 << 10);
  const r = await witan(['export', '--db', db, out]);
  rmSync(filler, { force: true });
  assert.equal(r.code, 1, `exit ${r.code}: ${r.stderr}`);
  assert.match(r.stderr, /witan: export failed: .*No space left on device/);
  assert.ok(!existsSync(out), 'the directory it made is gone, and with it every partial file');
  assert.deepEqual(readdirSync(mnt).filter((f) => /^export|\.tmp/.test(f)), [], 'nothing else left beside it');
  await integrityOk();
});

test('the reports pack builder on a full disk fails with a clear message and leaves no partial pack', { skip }, async () => {
  const [m] = await sql(db, 'SELECT i.meeting_id AS id, count(*) AS n FROM pub_file_link l JOIN pub_agenda_item i ON i.id = l.agenda_item_id' +
    ' GROUP BY i.meeting_id ORDER BY n DESC LIMIT 1');
  const packs = path.join(`${db}.files`, 'packs');
  const before = filesUnder(packs);
  leaveFree(16 << 10);
  const r = await witan(['pack', '--db', db, String(m.id)]);
  rmSync(filler, { force: true });
  assert.equal(r.code, 1, `exit ${r.code}: ${r.stdout} ${r.stderr}`);
  assert.match(r.stderr, /witan: pack: cannot write .*: No space left on device/);
  assert.deepEqual(filesUnder(packs), before, 'no pack, manifest or temporary file left');
  // With room again, the same pack is built.
  const ok = await witan(['pack', '--db', db, String(m.id)]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(filesUnder(packs).some((f) => /^[0-9a-f]{64}\.pdf$/.test(f)), 'the pack is there');
});
