// Issue 20, the log over HTTP (docs/LOG.md): a client that knows only the
// site fetches /log/key, /log/checkpoint, the tiles and the entry bundles
// (C2SP tlog-tiles), recomputes the root (RFC 6962, here in JavaScript),
// checks the signature (C2SP signed-note, Ed25519 with node's crypto) and
// a document's and minutes' .tlog-proof offline; a publication in the back
// office appears in the next checkpoint, which is consistent with the one
// before.

import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { dbQuery, envOf, isPg, pgQuery, startServer } from '../lib/server.mjs';
import { addUser, post, signIn } from './backoffice-helpers.mjs';
import { leaf, mth, node, sha, witan } from './log-helpers.mjs';

let srv;

/** RFC 9162 2.1.3.2. */
function verifyInclusion(index, size, leafHash, proof, root) {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** A tile's path (C2SP tlog-tiles): N in groups of three digits, all but the last with x. */
function tilePath(level, n, width) {
  const s = String(n).padStart(3 * Math.max(1, Math.ceil(String(n).length / 3)), '0');
  const groups = s.match(/.{3}/g).map((g, i, a) => (i < a.length - 1 ? `x${g}` : g));
  return `tile/${level < 0 ? 'entries' : level}/${groups.join('/')}${width < 256 ? `.p/${width}` : ''}`;
}

async function get(p) {
  const r = await fetch(new URL(p, srv.base));
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

/** The verifier key: {name, id, key}. */
async function verifier() {
  const r = await get('/log/key');
  assert.equal(r.status, 200);
  const m = r.bytes.toString().trim().match(/^([^+]+)\+([0-9a-f]{8})\+(.+)$/);
  assert.ok(m, r.bytes.toString());
  const raw = Buffer.from(m[3], 'base64');
  assert.equal(raw.length, 33);
  assert.equal(raw[0], 1, 'an Ed25519 key');
  const pk = raw.subarray(1);
  assert.equal(sha(Buffer.from(`${m[1]}\n`), Buffer.from([1]), pk).subarray(0, 4).toString('hex'), m[2], 'its id');
  return { name: m[1], id: m[2], key: createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pk]), format: 'der', type: 'spki' }) };
}

/** A signed checkpoint's text checked against the verifier: {origin, size, root}. */
function openCheckpoint(text, v) {
  const at = text.indexOf('\n\n');
  assert.ok(at > 0, 'a signed note');
  const body = text.slice(0, at + 1);
  const sigs = text.slice(at + 2).split('\n').filter(Boolean);
  const mine = sigs.map((l) => l.match(/^\u2014 (\S+) (\S+)$/)).find((m) => m && m[1] === v.name);
  assert.ok(mine, 'signed by the log\'s key');
  const sig = Buffer.from(mine[2], 'base64');
  assert.equal(sig.subarray(0, 4).toString('hex'), v.id);
  assert.ok(verify(null, Buffer.from(body), v.key, sig.subarray(4)), 'the signature verifies');
  const [origin, size, root] = body.trim().split('\n');
  assert.match(size, /^(0|[1-9]\d*)$/);
  return { origin, size: Number(size), root: Buffer.from(root, 'base64') };
}

/** Every leaf hash of the tree of size n, from the level-0 tiles, checked against the entry bundles. */
async function leaves(n) {
  const out = [];
  for (let t = 0; t * 256 < n; t++) {
    const w = Math.min(256, n - t * 256);
    const tile = await get(`/log/${tilePath(0, t, w)}`);
    assert.equal(tile.status, 200, tilePath(0, t, w));
    assert.equal(tile.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(tile.bytes.length, 32 * w);
    const bundle = await get(`/log/${tilePath(-1, t, w)}`);
    assert.equal(bundle.status, 200, tilePath(-1, t, w));
    let at = 0;
    for (let k = 0; k < w; k++) {
      const len = bundle.bytes.readUInt16BE(at);
      const entry = bundle.bytes.subarray(at + 2, at + 2 + len);
      at += 2 + len;
      const h = tile.bytes.subarray(32 * k, 32 * k + 32);
      assert.ok(leaf(entry).equals(h), `entry ${t * 256 + k}: its leaf hash is in the tile`);
      out.push(h);
    }
    assert.equal(at, bundle.bytes.length, 'the bundle holds exactly its entries');
  }
  return out;
}

/** A .tlog-proof checked offline: {entry (text), index}. */
function openProof(text, v) {
  const lines = text.split('\n');
  assert.equal(lines[0], 'c2sp.org/tlog-proof@v1');
  assert.match(lines[1], /^extra /);
  const entry = Buffer.from(lines[1].slice(6), 'base64');
  assert.match(lines[2], /^index \d+$/);
  const index = Number(lines[2].slice(6));
  const blank = lines.indexOf('', 3);
  const proof = lines.slice(3, blank).map((l) => Buffer.from(l, 'base64'));
  const cp = openCheckpoint(lines.slice(blank + 1).join('\n'), v);
  assert.ok(verifyInclusion(index, cp.size, leaf(entry), proof, cp.root), 'the inclusion proof verifies');
  assert.ok(!verifyInclusion(index, cp.size, leaf(Buffer.concat([entry, Buffer.from('x')])), proof, cp.root), 'and would not for another entry');
  return { entry: entry.toString(), index };
}

before(async () => {
  srv = await startServer();
});

after(async () => {
  await srv?.stop();
});

test('the checkpoint is signed by the published key, and the tiles and entries make its root', async () => {
  const v = await verifier();
  const r = await get('/log/checkpoint');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.match(r.headers.get('cache-control'), /max-age=\d$/, 'cached for seconds');
  const cp = openCheckpoint(r.bytes.toString(), v);
  assert.equal(cp.origin, v.name, 'the key is named after the origin');
  assert.ok(cp.size > 100, `${cp.size} entries`);
  const hashes = await leaves(cp.size);
  assert.ok(mth(hashes).equals(cp.root), 'the recomputed root is the signed one');
  // A tile not there yet, and paths that are not a tile's one spelling.
  for (const p of [tilePath(0, Math.ceil(cp.size / 256) + 1, 256), 'tile/0/1', 'tile/0/x000/001', 'tile/0/000.p/256',
    'tile/0/000.p/0', 'tile/64/000', 'tile/entries/000.p/', 'tile/']) {
    assert.equal((await get(`/log/${p}`)).status, 404, p);
  }
});

test('a document\'s .tlog-proof proves the SHA-256 of its bytes is in the log', async () => {
  const v = await verifier();
  const [f] = await dbQuery(srv.db, 'SELECT id, filename, sha256 FROM pub_file ORDER BY id LIMIT 1');
  const r = await get(`/documents/${f.id}.tlog-proof`);
  assert.equal(r.status, 200, r.bytes.toString());
  const { entry } = openProof(r.bytes.toString(), v);
  assert.match(entry, new RegExp(`^witan-log/1\nevent document-published\nobject /documents/${f.id}\n`));
  const doc = await get(`/documents/${f.id}/${f.filename}`);
  assert.equal(doc.status, 200);
  assert.ok(entry.includes(`sha256 ${sha(doc.bytes).toString('hex')}\n`), 'the entry names the bytes served');
  assert.equal((await get('/documents/999999.tlog-proof')).status, 404);
});

test('a meeting\'s minutes.tlog-proof proves its latest minutes entry; none before minutes are public', async () => {
  const v = await verifier();
  const [m] = await dbQuery(srv.db, "SELECT id FROM pub_meeting WHERE minutes_status = 'approved' ORDER BY id LIMIT 1");
  const r = await get(`/meetings/${m.id}/minutes.tlog-proof`);
  assert.equal(r.status, 200);
  const { entry } = openProof(r.bytes.toString(), v);
  assert.match(entry, new RegExp(`event minutes-approved\nobject /meetings/${m.id}/minutes\nsha256 [0-9a-f]{64}\n`));
  // The hash is of the minutes as anyone can write them again from the OParl meeting, with
  // JSON.stringify (docs/LOG.md, "Objects and their content").
  const meeting = JSON.parse((await get(`/oparl/v1.1/meeting/${m.id}`)).bytes.toString());
  const id = (u) => u.slice(u.lastIndexOf('/') + 1);
  const minutes = meeting.agendaItem.filter((i) => i.public !== false)
    .map((i) => [id(i.id), i.number ?? null, i.name, i['witan:minutes'] ?? null, i['witan:decision'] ?? null]);
  assert.ok(entry.includes(`sha256 ${sha(Buffer.from(JSON.stringify(minutes))).toString('hex')}\n`), 'the minutes\' hash, written again');
  const agenda = meeting.agendaItem.map((i) => [id(i.id), i.number ?? null, i.name, i.public === false ? 'exempt' : 'open',
    i.public === false ? null : i['witan:description'] ?? null]);
  const [ag] = await dbQuery(srv.db, `SELECT body FROM log_entry WHERE object = '/meetings/${m.id}/agenda' ORDER BY id DESC LIMIT 1`);
  assert.ok(ag.body.includes(`sha256 ${sha(Buffer.from(JSON.stringify(agenda))).toString('hex')}\n`), 'the agenda\'s hash, written again');
  const [none] = await dbQuery(srv.db, "SELECT id FROM pub_meeting WHERE minutes_status = 'none' ORDER BY id LIMIT 1");
  assert.equal((await get(`/meetings/${none.id}/minutes.tlog-proof`)).status, 404);
  // The meeting page offers it beside the printed minutes; a meeting without public minutes does not.
  assert.match((await get(`/meetings/${m.id}`)).bytes.toString(), new RegExp(`<a href="/meetings/${m.id}/minutes.tlog-proof" title="[^"]*entry \\d+">Proof of publication</a>`));
  assert.ok(!(await get(`/meetings/${none.id}`)).bytes.toString().includes('tlog-proof'));
});

test('publishing an agenda in the back office appends its entry; the new checkpoint extends the old', async () => {
  const v = await verifier();
  const old = openCheckpoint((await get('/log/checkpoint')).bytes.toString(), v);
  const [m] = await dbQuery(srv.db, `SELECT m.id FROM meeting m WHERE m.agenda_status = 'draft' AND m.published = 1
    AND m.deleted = 0 AND EXISTS (SELECT 1 FROM agenda_item i WHERE i.meeting_id = m.id AND i.deleted = 0) ORDER BY m.id LIMIT 1`);
  assert.ok(m, 'the demo has a draft agenda with items');
  await addUser(srv.db, { email: 'log-clerk@example.org', role: 'clerk', password: 'a long enough password 1' });
  const clerk = await signIn(srv.base, 'log-clerk@example.org', 'a long enough password 1');
  assert.equal((await post(srv.base, `/admin/meetings/${m.id}/publish`, { csrf: clerk.csrf }, { cookie: clerk.cookie })).status, 303);
  const now = openCheckpoint((await get('/log/checkpoint')).bytes.toString(), v);
  assert.ok(now.size > old.size, `${old.size} -> ${now.size}`);
  const hashes = await leaves(now.size);
  assert.ok(mth(hashes).equals(now.root));
  assert.ok(mth(hashes.slice(0, old.size)).equals(old.root), 'the old tree is a prefix of the new: consistent');
  const bundle = (await get(`/log/${tilePath(-1, Math.floor((now.size - 1) / 256), ((now.size - 1) % 256) + 1)}`)).bytes.toString();
  assert.ok(bundle.includes(`event agenda-published\nobject /meetings/${m.id}/agenda\n`), 'the publication is logged');
});

test('past 256 entries: a full tile, and the level-1 tile holding the hash of its 256 leaves', async () => {
  const v = await verifier();
  // More of the record (witan gen), each publication logged as it is written.
  const r = await witan(['gen', '--db', srv.db, '--meetings', '40', '--seed', '7'], envOf(srv.db));
  assert.equal(r.status, 0, r.stderr);
  const cp = openCheckpoint((await get('/log/checkpoint')).bytes.toString(), v);
  assert.ok(cp.size > 256, `${cp.size} entries`);
  const hashes = await leaves(cp.size);
  assert.ok(mth(hashes).equals(cp.root));
  const l1 = await get(`/log/${tilePath(1, 0, Math.floor(cp.size / 256))}`);
  assert.equal(l1.status, 200);
  assert.ok(l1.bytes.subarray(0, 32).equals(mth(hashes.slice(0, 256))), 'node (8, 0) is the root of the first 256 leaves');
  const v1 = await witan(['log', 'verify', '--db', srv.db], envOf(srv.db));
  assert.equal(v1.status, 0, v1.stderr + v1.stdout);
});

test('witan log verify URL: the site checked from outside, against a kept checkpoint, its documents hashed', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'witan-logv-'));
  try {
    const kept = path.join(dir, 'checkpoint');
    const key = (await get('/log/key')).bytes.toString().trim();
    const run = (...args) => witan(['log', 'verify', ...args]);
    const first = await run('--key', key, '--save', kept, srv.base);
    assert.equal(first.status, 0, first.stderr + first.stdout);
    assert.match(first.stderr, /entries: the tree rebuilt from them and its signed root checked; (\d+) objects it names checked as served/);
    assert.ok(Number(first.stderr.match(/; (\d+) objects/)[1]) > 100, 'documents, agendas, minutes and decisions checked');
    assert.equal(openCheckpoint(readFileSync(kept, 'utf8'), await verifier()).origin, key.split('+')[0], 'the checkpoint kept');
    const again = await run('--key', key, '--checkpoint', kept, srv.base);
    assert.equal(again.status, 0, again.stderr + again.stdout);
    assert.match(again.stderr, /and against the kept checkpoint/);
    // Another key is not trusted.
    const other = await run('--key', 'someone.example/log+00000000+AdE44IZoNrxA0Ai8s7OBompyJcHw78JP5YrNsGn9qH9r', srv.base);
    assert.notEqual(other.status, 0);
    // A document whose bytes changed behind witan's back (in its store).
    const [f] = await dbQuery(srv.db, 'SELECT id, sha256 FROM pub_file ORDER BY id LIMIT 1');
    const store = envOf(srv.db).WITAN_STORE ?? `${srv.db}.files`;
    appendFileSync(path.join(store, f.sha256.slice(0, 2), f.sha256.slice(2)), 'tampered');
    const spoilt = await run('--key', key, srv.base);
    assert.equal(spoilt.status, 1, spoilt.stderr + spoilt.stdout);
    assert.match(spoilt.stdout, new RegExp(`^/documents/${f.id}: is [0-9a-f]{64}, but entry \\d+ says ${f.sha256}$`, 'm'));
    // Minutes changed behind witan's back (not through witan, which would log the change as an amendment):
    // seen from outside, through the site's OParl API.
    const [it] = await dbQuery(srv.db, `SELECT i.id, i.meeting_id FROM pub_agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id
      WHERE m.minutes_status = 'approved' AND i.minutes_html IS NOT NULL AND i.exempt = 0 ORDER BY i.id LIMIT 1`);
    const tamper = `UPDATE agenda_item SET minutes_html = minutes_html || '<p>(changed)</p>' WHERE id = ${it.id}`;
    // (psql: with the search path witan's connections have, for the triggers' functions; and the
    // change counter moved, as a restart would, so that the server's page cache serves the change)
    if (isPg(srv.db)) pgQuery(srv.db, `SET search_path = public, witan_compat, pg_catalog; ${tamper}; UPDATE witan_change SET n = n + 1`);
    else await dbQuery(srv.db, tamper, { write: true });
    const minutes = await run('--key', key, srv.base);
    assert.equal(minutes.status, 1);
    assert.match(minutes.stdout, new RegExp(`^/meetings/${it.meeting_id}/minutes: is [0-9a-f]{64}, but entry \\d+ says [0-9a-f]{64}$`, 'm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
