// The bulk export of the public record (issue 5): `witan export` on a demo
// database, checked with the sqlite3 CLI against the record (the same rows
// as the pub_* views, nothing confidential, draft or back-office in any
// byte of any file, JSON Lines equal to the SQLite tables), its refusals,
// and /export on the server: the list, the downloads and their types, and
// an export that follows a change made in the back office.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { besideOf, isPg, startServer, witanPath } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { anchors, demoMarkers, get, getBytes, sleep } from './helpers.mjs';

const MARKERS = demoMarkers();
const MARKER_RE = new RegExp(`\\b(${Object.values(MARKERS).join('|')})\\b`, 'i');

// The tables of src/db/export.c, in order, and the public view each copies.
const TABLES = {
  body: ['pub_body', 'id'],
  legislative_term: ['pub_legislative_term', 'id'],
  organization: ['pub_organization', 'id'],
  person: ['pub_person', 'id'],
  membership: ['pub_membership', 'id'],
  location: ['pub_location', 'id'],
  meeting: ['pub_meeting', 'id'],
  agenda_item: ['pub_agenda_item', 'id'],
  paper: ['pub_paper', 'id'],
  consultation: ['pub_consultation', 'id'],
  file: ['pub_file', 'id'],
  file_page: ['pub_file_page', 'file_id, page'],
  file_link: ['pub_file_link', 'id'],
  attendance: ['pub_attendance', 'id'],
  declaration: ['pub_declaration', 'id'],
  vote: ['pub_vote', 'id'],
  vote_record: ['pub_vote_record', 'vote_id, person_id'],
  decision: ['pub_decision', 'id'],
  plan_entry: ['pub_plan_entry', 'id'],
  interest: ['pub_interest', 'id'],
  // the publication log (docs/LOG.md): the export can be checked offline
  log_entry: ['pub_log_entry', 'id'],
  log_node: ['pub_log_node', 'id'],
};
const FILES = ['README.md', 'record.sqlite', 'export_info.jsonl', ...Object.keys(TABLES).map((t) => `${t}.jsonl`)].sort();

const CLERK = { email: 'clerk.export@example.org', name: 'Exporta Clerkson', role: 'clerk', password: 'export-password-0123' };

let srv;
let out; // the export written by the CLI
let clerk; // { cookie, csrf }
let secrets; // back-office values that must never be exported

const witan = (args) => new Promise((resolve) => {
  execFile(witanPath(), args, { encoding: 'utf8', timeout: 60000 }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
});

/** Every file under dir (recursively), as paths relative to dir. */
function walk(dir, prefix = '') {
  const found = [];
  for (const e of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) found.push(...walk(dir, rel));
    else found.push(rel);
  }
  return found.sort();
}

/** The lines of a JSON Lines text, parsed (each must be one JSON object). */
function parseJsonl(text, what) {
  assert.ok(text === '' || text.endsWith('\n'), `${what} ends with a newline`);
  return text.split('\n').slice(0, -1).map((line, i) => {
    let v;
    assert.doesNotThrow(() => { v = JSON.parse(line); }, `${what} line ${i + 1} is JSON`);
    assert.ok(v && typeof v === 'object' && !Array.isArray(v), `${what} line ${i + 1} is an object`);
    return v;
  });
}

before(async () => {
  srv = await startServer();
  // A clerk signs in, so that the database holds an account, a password
  // hash, a session and audit rows before the export is taken.
  addUser(srv.dbPath, CLERK);
  clerk = await signIn(srv.base, CLERK.email, CLERK.password);
  const [user] = await sql(srv.dbPath, `SELECT password_hash FROM user WHERE email = '${CLERK.email}'`);
  const sessions = await sql(srv.dbPath, 'SELECT token_hash, csrf_token FROM session');
  assert.ok(sessions.length >= 1, 'a session exists');
  secrets = [CLERK.email, CLERK.name, user.password_hash, ...sessions.flatMap((s) => [s.token_hash, s.csrf_token])];
  out = path.join(srv.dir, 'export');
  const r = await witan(['export', '--db', srv.dbPath, out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /exported the public record of .* \d+ meetings/);
});

after(async () => {
  await srv?.stop();
});

describe('witan export', () => {
  test('writes record.sqlite, README.md and one JSON Lines file per table', () => {
    assert.deepEqual(walk(out), FILES);
    assert.equal(readFileSync(path.join(out, 'record.sqlite')).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
  });

  test('record.sqlite holds the entity tables and export_info, nothing else', async () => {
    const rows = await sql(path.join(out, 'record.sqlite'), "SELECT name FROM sqlite_schema WHERE type IN ('table','view','trigger') ORDER BY name");
    assert.deepEqual(rows.map((r) => r.name), [...Object.keys(TABLES), 'export_info'].sort());
    const info = Object.fromEntries((await sql(path.join(out, 'record.sqlite'), 'SELECT key, value FROM export_info')).map((r) => [r.key, r.value]));
    assert.equal(info.format_version, '1');
    assert.match(info.generated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(info.witan_version, /^\d+\.\d+\.\d+/);
    const [{ user_version: v }] = await sql(srv.dbPath, isPg(srv.dbPath) ? 'SELECT version AS user_version FROM witan_schema' : 'PRAGMA user_version');
    assert.equal(info.schema_version, String(v));
    const [body] = await sql(srv.dbPath, 'SELECT name FROM body WHERE deleted = 0 ORDER BY id LIMIT 1');
    assert.equal(info.body_name, body.name);
  });

  test('each table has exactly the rows of its public view, ids kept', async () => {
    const x = path.join(out, 'record.sqlite');
    for (const [t, [view, key]] of Object.entries(TABLES)) {
      const [a] = await sql(srv.dbPath, `SELECT count(*) AS n FROM ${view}`);
      const [b] = await sql(x, `SELECT count(*) AS n FROM ${t}`);
      assert.equal(b.n, a.n, `${t}: ${b.n} rows, ${view} has ${a.n}`);
      const ka = await sql(srv.dbPath, `SELECT ${key} FROM ${view} ORDER BY ${key}`);
      const kb = await sql(x, `SELECT ${key} FROM ${t} ORDER BY ${key}`);
      assert.deepEqual(kb, ka, `${t}: the same keys`);
    }
    // The demo is a real record: the tables that matter are not empty.
    for (const t of ['meeting', 'agenda_item', 'person', 'file', 'file_page', 'attendance', 'vote', 'decision']) {
      const [r] = await sql(x, `SELECT count(*) AS n FROM ${t}`);
      assert.ok(r.n > 0, `${t} has rows`);
    }
  });

  test('against the base tables: no unpublished meeting, no draft agenda, nothing of an exempt item', async () => {
    const x = path.join(out, 'record.sqlite');
    const hidden = await sql(srv.dbPath, 'SELECT id FROM meeting WHERE published = 0 OR deleted = 1');
    for (const { id } of hidden) assert.deepEqual(await sql(x, `SELECT id FROM meeting WHERE id = ${id}`), [], `unpublished meeting ${id}`);
    const drafts = await sql(srv.dbPath, "SELECT i.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE m.agenda_status = 'draft'");
    assert.ok(drafts.length >= 1, 'the demo has draft agenda items');
    for (const { id } of drafts) assert.deepEqual(await sql(x, `SELECT id FROM agenda_item WHERE id = ${id}`), [], `draft agenda item ${id}`);
    const exempt = await sql(srv.dbPath, 'SELECT id FROM agenda_item WHERE exempt = 1 AND deleted = 0');
    assert.ok(exempt.length >= 1, 'the demo has an exempt item');
    for (const { id } of exempt) {
      const rows = await sql(x, `SELECT title, exempt, exempt_paragraph, description_html, minutes_html, decision_html, paper_id FROM agenda_item WHERE id = ${id}`);
      if (rows.length === 0) continue; // on a draft agenda
      const [r] = rows;
      assert.equal(r.exempt, 1);
      assert.ok(r.title.length > 3 && r.exempt_paragraph >= 1, 'its title and paragraph stay');
      assert.deepEqual([r.description_html, r.minutes_html, r.decision_html, r.paper_id], [null, null, null, null], `exempt item ${id}: nothing but the title`);
      assert.deepEqual(await sql(x, `SELECT id FROM vote WHERE agenda_item_id = ${id}`), [], 'no votes');
      assert.deepEqual(await sql(x, `SELECT id FROM decision WHERE agenda_item_id = ${id}`), [], 'no decision record');
      assert.deepEqual(await sql(x, `SELECT id FROM file_link WHERE agenda_item_id = ${id}`), [], 'no documents');
    }
    const cols = (await sql(x, 'PRAGMA table_info(person)')).map((c) => c.name);
    assert.ok(!cols.includes('email') && !cols.includes('phone'), 'no personal contact details');
  });

  test('no confidential, draft or back-office text in any byte of any file', () => {
    const leaks = [];
    for (const f of walk(out)) {
      const bytes = readFileSync(path.join(out, f));
      for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
        const m = text.match(MARKER_RE);
        if (m) leaks.push(`${f}: "${m[1]}" in …${text.slice(Math.max(0, m.index - 60), m.index + 40).replace(/\s+/g, ' ')}…`);
        for (const s of secrets) if (text.includes(s)) leaks.push(`${f}: ${s.slice(0, 20)}…`);
      }
      if (/\$argon2id\$/.test(bytes.toString('latin1'))) leaks.push(`${f}: a password hash`);
    }
    assert.deepEqual(leaks, []);
  });

  test('the markers and secrets really are in the source database, so the sweep means something', async () => {
    for (const [name, w] of Object.entries(MARKERS)) {
      const [row] = await sql(srv.dbPath, `SELECT count(*) AS n FROM agenda_item WHERE description_md LIKE '%${w}%' OR minutes_md LIKE '%${w}%' OR decision_md LIKE '%${w}%'`);
      assert.ok(row.n >= 1, `${name} (${w}) is in the record`);
    }
    const [u] = await sql(srv.dbPath, 'SELECT count(*) AS n FROM user');
    assert.ok(u.n >= 1);
  });

  test('each JSON Lines file parses, and equals its SQLite table row for row', async () => {
    const x = path.join(out, 'record.sqlite');
    for (const [t, [, key]] of Object.entries(TABLES)) {
      const lines = parseJsonl(readFileSync(path.join(out, `${t}.jsonl`), 'utf8'), `${t}.jsonl`);
      const rows = await sql(x, `SELECT * FROM ${t} ORDER BY ${key}`);
      assert.equal(lines.length, rows.length, `${t}.jsonl has a line a row`);
      assert.deepEqual(lines, rows, `${t}.jsonl equals the table`);
      const cols = (await sql(x, `PRAGMA table_info(${t})`)).map((c) => c.name);
      if (lines.length) assert.deepEqual(Object.keys(lines[0]), cols, `${t}.jsonl keys are the columns, in order`);
    }
    const info = parseJsonl(readFileSync(path.join(out, 'export_info.jsonl'), 'utf8'), 'export_info.jsonl');
    assert.deepEqual(info, await sql(x, 'SELECT * FROM export_info ORDER BY key'));
  });

  test('the README describes every table and column, what is left out, the licence', async () => {
    const readme = readFileSync(path.join(out, 'README.md'), 'utf8');
    const x = path.join(out, 'record.sqlite');
    for (const t of Object.keys(TABLES)) {
      assert.ok(readme.includes(`### \`${t}\``), `README has a section for ${t}`);
      for (const c of await sql(x, `PRAGMA table_info(${t})`)) assert.ok(readme.includes(`| \`${c.name}\` |`), `README describes ${t}.${c.name}`);
    }
    assert.match(readme, /What is left out, and why/);
    assert.match(readme, /exempt item/);
    assert.match(readme, /## Licence/);
    assert.match(readme, /witan export --db FILE DIR/);
  });

  test('--documents copies every public document, byte for byte', async () => {
    const dir = path.join(srv.dir, 'with-documents');
    const r = await witan(['export', '--db', srv.dbPath, '--documents', dir]);
    assert.equal(r.code, 0, r.stderr);
    const files = await sql(path.join(dir, 'record.sqlite'), 'SELECT id, filename, sha256, size FROM file ORDER BY id');
    assert.ok(files.length > 3);
    assert.deepEqual(readdirSync(path.join(dir, 'files')).map(Number).sort((a, b) => a - b), files.map((f) => f.id));
    for (const f of files) {
      const bytes = readFileSync(path.join(dir, 'files', String(f.id), f.filename));
      assert.equal(bytes.length, f.size);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256);
    }
    // The exempt item's report carries the exempt marker in its text: it is
    // not among the documents (the PDFs are compressed, so ask the record).
    const exemptShas = await sql(srv.dbPath, 'SELECT f.sha256 FROM file f JOIN file_link l ON l.file_id = f.id JOIN agenda_item i ON i.id = l.agenda_item_id WHERE i.exempt = 1');
    assert.ok(exemptShas.length >= 1);
    for (const { sha256 } of exemptShas) assert.ok(!files.some((f) => f.sha256 === sha256), 'no exempt document');
  });

  test('an empty directory is used; a non-empty one or a file is refused and left as it was', async () => {
    const empty = path.join(srv.dir, 'empty');
    mkdirSync(empty);
    const ok = await witan(['export', '--db', srv.dbPath, empty]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(walk(empty), FILES);

    const full = path.join(srv.dir, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'precious.txt'), 'precious');
    const r = await witan(['export', '--db', srv.dbPath, full]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is not empty.*never overwrites/);
    assert.deepEqual(readdirSync(full), ['precious.txt']);
    assert.equal(readFileSync(path.join(full, 'precious.txt'), 'utf8'), 'precious');

    const again = await witan(['export', '--db', srv.dbPath, out]);
    assert.equal(again.code, 1, 'an existing export is not overwritten');
    assert.match(again.stderr, /is not empty/);

    const file = path.join(srv.dir, 'a-file');
    writeFileSync(file, 'x');
    const f = await witan(['export', '--db', srv.dbPath, file]);
    assert.equal(f.code, 1);
    assert.match(f.stderr, /not a directory/);
    assert.equal(readFileSync(file, 'utf8'), 'x');
  });

  test('bad arguments: a non-zero exit and a message, nothing created', async () => {
    const u = await witan(['export', '--db', srv.dbPath]);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /usage: witan export --db FILE \[--documents\] DIR/);
    const opt = await witan(['export', '--db', srv.dbPath, '--bogus', path.join(srv.dir, 'bogus')]);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /unknown option '--bogus'/);
    assert.ok(!existsSync(path.join(srv.dir, 'bogus')));
    const nodb = await witan(['export', '--db', path.join(srv.dir, 'missing.db'), path.join(srv.dir, 'never')]);
    assert.equal(nodb.code, 1);
    assert.match(nodb.stderr, /missing\.db does not exist/);
    assert.ok(!existsSync(path.join(srv.dir, 'never')));
    const noparent = await witan(['export', '--db', srv.dbPath, path.join(srv.dir, 'no', 'such', 'parent')]);
    assert.equal(noparent.code, 1);
    assert.match(noparent.stderr, /cannot create the directory/);
    const notdb = path.join(srv.dir, 'not-a-db.db');
    writeFileSync(notdb, 'this is not a database, just some text that is long enough to be read as a header');
    const bad = await witan(['export', '--db', notdb, path.join(srv.dir, 'from-bad')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /witan: /);
    assert.ok(!existsSync(path.join(srv.dir, 'from-bad')), 'a failed export leaves no directory behind');
  });
});

describe('/export on the server', () => {
  /** GET /export until it lists the downloads (the first one is generated in the background). */
  async function exportPage() {
    for (let i = 0; i < 100; i++) {
      const r = await get(srv.base, '/export');
      assert.equal(r.status, 200);
      if (/<table class="downloads">/.test(r.text)) return r;
      await sleep(100);
    }
    throw new Error('/export never listed the downloads');
  }

  test('/export is linked from every page, /export/ redirects to it', async () => {
    const home = await get(srv.base, '/');
    assert.ok(anchors(home.text).some((a) => a.href === '/export'), 'the footer links to /export');
    const r = await get(srv.base, '/export/');
    assert.equal(r.status, 301);
    assert.equal(r.headers.get('location'), '/export');
  });

  test('lists every file with its size and the time it was generated', async () => {
    const r = await exportPage();
    const links = anchors(r.text).filter((a) => a.href.startsWith('/export/')).map((a) => a.href.slice('/export/'.length));
    assert.deepEqual([...links].sort(), FILES);
    assert.match(r.text, /Generated on <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">/);
    assert.match(r.text, /<td class="num">\d+(\.\d)? [KM]B<\/td>/);
    assert.match(r.headers.get('content-type'), /^text\/html/);
  });

  test('downloads have their types, lengths, ETags; HEAD and unknown names', async () => {
    await exportPage();
    const types = { 'record.sqlite': 'application/vnd.sqlite3', 'README.md': 'text/markdown; charset=utf-8', 'meeting.jsonl': 'application/x-ndjson', 'export_info.jsonl': 'application/x-ndjson' };
    for (const [name, type] of Object.entries(types)) {
      const r = await getBytes(srv.base, `/export/${name}`);
      assert.equal(r.status, 200, name);
      assert.equal(r.headers.get('content-type'), type, name);
      assert.equal(Number(r.headers.get('content-length')), r.body.length, name);
      assert.match(r.headers.get('content-disposition'), new RegExp(`filename="${name.replace('.', '\\.')}"`));
      const etag = r.headers.get('etag');
      assert.match(etag, /^"[^"]+"$/);
      const again = await getBytes(srv.base, `/export/${name}`, { headers: { 'if-none-match': etag } });
      assert.ok(again.status === 304 || again.status === 200, 'revalidates (200 if a new export replaced it meanwhile)');
      const head = await getBytes(srv.base, `/export/${name}`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
    }
    const sqliteBytes = (await getBytes(srv.base, '/export/record.sqlite')).body;
    assert.equal(sqliteBytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    for (const bad of ['user.jsonl', 'session.jsonl', 'audit_log.jsonl', 'record.db', 'x', '..%2Ft.db', '.tmp']) {
      const r = await getBytes(srv.base, `/export/${bad}`);
      assert.equal(r.status, 404, bad);
    }
  });

  test('every file served is free of confidential, draft and back-office text', async () => {
    await exportPage();
    const leaks = [];
    for (const name of FILES) {
      const r = await getBytes(srv.base, `/export/${name}`);
      assert.equal(r.status, 200, name);
      for (const text of [r.body.toString('utf8'), r.body.toString('latin1')]) {
        const m = text.match(MARKER_RE);
        if (m) leaks.push(`/export/${name}: "${m[1]}"`);
        for (const s of secrets) if (text.includes(s)) leaks.push(`/export/${name}: ${s.slice(0, 20)}…`);
      }
      if (name.endsWith('.jsonl')) parseJsonl(r.body.toString('utf8'), name);
    }
    assert.deepEqual(leaks, []);
  });

  test('a change made in the back office reaches the export', async () => {
    await exportPage();
    const venue = `Export Hall ${randomBytes(4).toString('hex')}`;
    const r = await post(srv.base, '/admin/locations/new', { csrf: clerk.csrf, name: venue, room: '', street_address: '1 Open Data Street', locality: 'Worcester', postcode: 'WR1 1AA', description: '' }, { cookie: clerk.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    let found = null;
    for (let i = 0; i < 100 && !found; i++) {
      await get(srv.base, '/export'); // asking for the export brings it up to date
      const jl = await getBytes(srv.base, '/export/location.jsonl');
      if (jl.status === 200) found = parseJsonl(jl.body.toString('utf8'), 'location.jsonl').find((l) => l.name === venue);
      if (!found) await sleep(100);
    }
    assert.ok(found, 'the new venue is in location.jsonl');
    assert.equal(found.street_address, '1 Open Data Street');
    // The SQLite file of the same export has it too.
    const file = path.join(srv.dir, 'served.sqlite');
    writeFileSync(file, (await getBytes(srv.base, '/export/record.sqlite')).body);
    const rows = await sql(file, `SELECT id FROM location WHERE name = '${venue}'`);
    assert.deepEqual(rows, [{ id: found.id }]);
    // Generations are replaced, not accumulated (the old one is pruned just
    // after the link moves).
    let kept;
    for (let i = 0; i < 50; i++) {
      kept = readdirSync(besideOf(srv.dbPath, '.export')).filter((n) => !n.startsWith('.'));
      if (kept.length === 2) break;
      await sleep(100);
    }
    assert.equal(kept.length, 2, `one generation and the link "current": ${kept}`);
    assert.ok(statSync(besideOf(srv.dbPath, '.export/current')).isDirectory());
  });
});
