// Issue 20, the record as evidence: the publication log of a database
// (docs/LOG.md).  The demo's log holds its history in time order; a
// publication appends its entry in its own transaction; `witan log verify`
// recomputes the tree, finds a change made behind witan's back, and finds a
// log rewritten since a checkpoint was kept.  The tree is recomputed here
// in JavaScript (RFC 6962) and the checkpoint signed here with node's
// Ed25519, independently of the C code.

import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { dbQuery } from '../lib/server.mjs';
import { leaf, mth, witan } from './log-helpers.mjs';

let dir;
let db;

async function entries(file) {
  return (await dbQuery(file, 'SELECT id, body FROM log_entry ORDER BY id')).map((r) => r.body);
}

/** A checkpoint of the first n entries, signed with the log's own key as C2SP signed-note says. */
function checkpoint(file, texts) {
  // PRIVATE+KEY+<name>+<id>+<base64>: the base64 may hold '+' too
  const m = readFileSync(path.join(`${file}.files`, 'log.key'), 'utf8').trim().match(/^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+(.+)$/);
  assert.ok(m, 'the key file holds a signer key');
  const [, name, hexId, b64] = m;
  const seed = Buffer.from(b64, 'base64').subarray(1);
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const body = `${name}\n${texts.length}\n${mth(texts.map(leaf)).toString('base64')}\n`;
  const sig = sign(null, Buffer.from(body), key);
  return `${body}\n\u2014 ${name} ${Buffer.concat([Buffer.from(hexId, 'hex'), sig]).toString('base64')}\n`;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-log-'));
  db = path.join(dir, 'demo.db');
  const r = await witan(['init', '--demo', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the demo database (and its store) to spoil. */
function copy(name) {
  const file = path.join(dir, `${name}.db`);
  cpSync(db, file);
  cpSync(`${db}.files`, `${file}.files`, { recursive: true });
  return file;
}

test('the demo\'s log: one entry per publication event of its history, in time order', async () => {
  const texts = await entries(db);
  assert.ok(texts.length > 100, `${texts.length} entries`);
  const parsed = texts.map((t) => Object.fromEntries(t.trim().split('\n').slice(1).map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)])));
  for (const t of texts) assert.match(t, /^witan-log\/1\nevent [a-z-]+\nobject \/[a-z0-9/]+\n(sha256 [0-9a-f]{64}\n|paragraph [1-7]\n)time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
  const times = parsed.map((e) => e.time);
  assert.deepEqual(times, [...times].sort(), 'in time order');
  const [counts] = await dbQuery(db, `SELECT
    (SELECT count(*) FROM pub_meeting WHERE agenda_status = 'published') AS agendas,
    (SELECT count(*) FROM pub_meeting WHERE minutes_status IN ('published', 'approved')) AS minutes,
    (SELECT count(*) FROM pub_meeting WHERE minutes_status = 'approved') AS approved,
    (SELECT count(*) FROM pub_file) AS documents, (SELECT count(*) FROM pub_decision) AS decisions`);
  const n = (ev) => parsed.filter((e) => e.event === ev).length;
  assert.equal(n('agenda-published'), counts.agendas);
  assert.equal(n('minutes-published'), counts.minutes);
  assert.equal(n('minutes-approved'), counts.approved);
  assert.equal(n('document-published'), counts.documents);
  assert.equal(n('decision-made'), counts.decisions);
  // A document's entry is the SHA-256 of its bytes.
  const [f] = await dbQuery(db, 'SELECT id, sha256 FROM pub_file ORDER BY id LIMIT 1');
  assert.equal(parsed.find((e) => e.object === `/documents/${f.id}`).sha256, f.sha256);
  // An exempt item's entry says that, and its paragraph, nothing else.
  const exempt = texts.filter((t) => t.includes('event item-exempt'));
  assert.ok(exempt.length >= 1);
  for (const t of exempt) assert.equal(t.split('\n').length, 6, t);
});

test('the stored tree is RFC 6962\'s, and verify says the log holds', async () => {
  const texts = await entries(db);
  const nodes = await dbQuery(db, 'SELECT level, idx, hash FROM log_node ORDER BY level, idx');
  const leaves = texts.map(leaf);
  for (const { level, idx, hash } of nodes) {
    const span = 2 ** level;
    assert.equal(hash, mth(leaves.slice(idx * span, (idx + 1) * span)).toString('hex'), `node (${level}, ${idx})`);
  }
  assert.equal(nodes.filter((x) => x.level === 0).length, texts.length);
  const r = await witan(['log', 'verify', '--db', db]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stderr, new RegExp(`${texts.length} entries`));
});

test('a publication appends its entry in its own transaction', async () => {
  const file = copy('publish');
  const [m] = await dbQuery(file, `SELECT m.id FROM meeting m WHERE m.agenda_status = 'draft' AND m.published = 1
    AND m.deleted = 0 AND EXISTS (SELECT 1 FROM agenda_item i WHERE i.meeting_id = m.id AND i.deleted = 0) ORDER BY m.id LIMIT 1`);
  assert.ok(m, 'the demo has a draft agenda');
  const before = (await entries(file)).length;
  const r = await witan(['sql', '--db', file, '--write',
    `UPDATE meeting SET agenda_status = 'published', agenda_published_at = '2026-12-04T10:00:00Z' WHERE id = ${m.id}`]);
  assert.equal(r.status, 0, r.stderr);
  const texts = await entries(file);
  const added = texts.slice(before);
  assert.ok(added.some((t) => t.includes('event agenda-published') && t.includes(`object /meetings/${m.id}/agenda`)), added.join('\n'));
  const v = await witan(['log', 'verify', '--db', file]);
  assert.equal(v.status, 0, v.stderr + v.stdout);
  // Nothing changed, nothing logged.
  await witan(['sql', '--db', file, '--write', `UPDATE meeting SET name = name WHERE id = ${m.id}`]);
  assert.equal((await entries(file)).length, texts.length);
});

test('a change made behind witan\'s back is reported', async () => {
  const file = copy('tampered');
  const [it] = await dbQuery(file, `SELECT i.id, i.meeting_id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
    WHERE m.minutes_status = 'approved' AND i.minutes_html IS NOT NULL AND i.exempt = 0 ORDER BY i.id LIMIT 1`);
  await dbQuery(file, `UPDATE agenda_item SET minutes_md = minutes_md || ' (changed)',
    minutes_html = minutes_html || '<p>(changed)</p>' WHERE id = ${it.id}`, { write: true });
  const r = await witan(['log', 'verify', '--db', file]);
  assert.equal(r.status, 1, r.stderr + r.stdout);
  assert.match(r.stdout, new RegExp(`^/meetings/${it.meeting_id}/minutes: is approved [0-9a-f]{64}, but the log last said approved [0-9a-f]{64}$`, 'm'));
});

test('a log rewritten since a checkpoint was kept fails consistency with it', async () => {
  const file = copy('rewritten');
  const texts = await entries(file);
  const saved = path.join(dir, 'checkpoint');
  writeFileSync(saved, checkpoint(file, texts));
  const ok = await witan(['log', 'verify', '--db', file, '--checkpoint', saved]);
  assert.equal(ok.status, 0, ok.stderr + ok.stdout);
  // Rewrite entry 3 and every hash above it, consistently: the tree holds
  // by itself, but it is not the tree the checkpoint signed.
  const changed = texts.map((t, i) => (i === 3 ? t.replace(/sha256 [0-9a-f]{64}/, `sha256 ${'0'.repeat(64)}`) : t));
  const leaves = changed.map(leaf);
  const rows = [];
  for (let level = 0; 2 ** level <= leaves.length; level++) {
    for (let idx = 0; (idx + 1) * 2 ** level <= leaves.length; idx++) {
      rows.push(`(${level}, ${idx}, '${mth(leaves.slice(idx * 2 ** level, (idx + 1) * 2 ** level)).toString('hex')}')`);
    }
  }
  await dbQuery(file, `UPDATE log_entry SET body = '${changed[3]}' WHERE id = 3; DELETE FROM log_node;
    INSERT INTO log_node(level, idx, hash) VALUES ${rows.join(', ')};`, { write: true });
  const alone = await witan(['log', 'verify', '--db', file]);
  assert.equal(alone.status, 1, 'the object whose entry was rewritten no longer matches');
  const r = await witan(['log', 'verify', '--db', file, '--checkpoint', saved]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /not the tree that checkpoint signed: the log was rewritten/);
  // A checkpoint of another key is refused.
  writeFileSync(saved, checkpoint(file, texts).replace(/ [A-Za-z0-9+/=]+\n$/, ` ${Buffer.alloc(68).toString('base64')}\n`));
  const forged = await witan(['log', 'verify', '--db', copy('clean'), '--checkpoint', saved]);
  assert.equal(forged.status, 1);
  assert.match(forged.stdout, /not a checkpoint of this log signed by its key/);
});
