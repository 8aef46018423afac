// `witan import oparl` harvests a whole OParl system: the project's own API
// into a fresh database gives the same record (counts equal, every object
// equal apart from its URLs), a re-run fetches only what changed (deleted
// objects included), an interrupted run resumes, bad objects are counted
// and skipped, and bad arguments get a message and a non-zero exit.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { dbQuery, freePort, startServer, witanPath } from '../lib/server.mjs';

let src;
const extra = [];

const witan = (args, { timeout = 120000 } = {}) => new Promise((resolve) => {
  execFile(witanPath(), args, { encoding: 'utf8', timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
    resolve({ code: err ? (err.code ?? err.signal) : 0, stdout, stderr }));
});

const sqlite = (db, query, { write = false } = {}) => dbQuery(db, query, { write, timeout: 60000 });

/** Serves an existing database; resolves {base, stop}. */
async function serve(dbPath) {
  const port = await freePort();
  const child = spawn(witanPath(), ['serve', '--db', dbPath, '--listen', `127.0.0.1:${port}`, '--quiet'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const s = { base, stop: async () => { if (child.exitCode === null) { child.kill('SIGTERM'); await new Promise((r) => child.on('exit', r)); } } };
  extra.push(s);
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) return s; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`witan serve ${dbPath} did not come up`);
}

const getJson = async (url) => {
  const r = await fetch(url);
  assert.equal(r.status, 200, `GET ${url}`);
  return r.json();
};

const VIEWS = ['pub_body', 'pub_legislative_term', 'pub_organization', 'pub_person', 'pub_membership', 'pub_location',
  'pub_meeting', 'pub_agenda_item', 'pub_paper', 'pub_consultation', 'pub_file', 'pub_file_link', 'pub_attendance',
  'pub_declaration', 'pub_vote', 'pub_vote_record', 'pub_decision', 'pub_plan_entry', 'pub_interest'];

async function counts(db) {
  const q = VIEWS.map((v) => `(SELECT count(*) FROM ${v}) AS ${v}`).join(', ');
  return (await sqlite(db, `SELECT ${q}`))[0];
}

const PATHS = { body: 'body', legislative_term: 'legislativeterm', organization: 'organization', person: 'person',
  membership: 'membership', location: 'location', meeting: 'meeting', agenda_item: 'agendaitem', paper: 'paper',
  consultation: 'consultation', file: 'file', decision: 'decision', plan_entry: 'plan_entry' };

/**
 * Every object the harvest mapped, fetched from both APIs: the source's
 * object with each source URL replaced by its copy's must equal the copy's
 * (arrays of URLs compared as sets: they are ordered by id, and ids differ).
 */
async function compareAll(srcBase, copyBase, copyDb) {
  const map = new Map();
  const fileIds = new Map();
  // (pages of the objects whose ids differ in the copy: the source has
  // unpublished decisions, which take ids there and are not harvested)
  const pages = new Map();
  const PAGES = { decision: (id) => `/decisions/${id}`, plan_entry: (id) => `/forward-plan#entry-${id}` };
  for (const { url, entity, local_id: id } of await sqlite(copyDb, 'SELECT url, entity, local_id FROM import_map')) {
    if (!PATHS[entity]) continue;
    map.set(url, `${copyBase}/oparl/v1.1/${PATHS[entity]}/${id}`);
    if (entity === 'file') fileIds.set(url.split('/').pop(), id);
    if (PAGES[entity]) pages.set(srcBase + PAGES[entity](url.split('/').pop()), copyBase + PAGES[entity](id));
  }
  const api = `${srcBase}/oparl/v1.1/`;
  const rewrite = (x) => {
    if (Array.isArray(x)) return x.map(rewrite);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rewrite(v)]));
    if (typeof x !== 'string' || !x.startsWith(srcBase)) return x;
    if (map.has(x)) return map.get(x);
    if (pages.has(x)) return pages.get(x);
    let m = x.match(/\/oparl\/v1\.1\/file\/(\d+)\/download$/);
    if (m) return `${map.get(`${api}file/${m[1]}`)}/download`;
    m = x.match(/\/documents\/(\d+)\/(.*)$/);
    if (m) return `${copyBase}/documents/${fileIds.get(m[1])}/${m[2]}`;
    m = x.match(/\/oparl\/v1\.1\/organization\/(\d+)\/meeting$/);
    if (m) return `${map.get(`${api}organization/${m[1]}`)}/meeting`;
    return copyBase + x.slice(srcBase.length);
  };
  const sets = (x) => {
    if (Array.isArray(x)) {
      const y = x.map(sets);
      return y.every((v) => typeof v === 'string') ? [...y].sort() : y;
    }
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, sets(v)]));
    return x;
  };
  const differ = [];
  let n = 0;
  for (const [url, copyUrl] of map) {
    const a = sets(rewrite(await getJson(url)));
    const b = sets(await getJson(copyUrl));
    n++;
    try { assert.deepEqual(b, a); } catch (e) { differ.push(`${url} vs ${copyUrl}: ${e.message.slice(0, 600)}`); }
  }
  return { n, differ };
}

before(async () => { src = await startServer(); });
after(async () => { for (const s of extra) await s.stop(); await src?.stop(); });

test('harvesting our own API gives the same record: counts equal, every object equal apart from its URLs', async () => {
  const db = path.join(src.dir, 'harvested.db');
  // (a sensitive interest's text made unique: the demo's also stands in
  // other members' open entries)
  await sqlite(src.dbPath, "UPDATE interest SET description = description || ' [sensitive ' || id || ']' WHERE sensitive = 1", { write: true });
  const t0 = Date.now();
  const r = await witan(['import', 'oparl', '--db', db, `${src.base}/oparl/v1.1/system`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /imported .*: \d+ objects written, \d+ unchanged, 0 deleted, 0 skipped as bad; \d+ files/);
  const took = Date.now() - t0;
  const a = await counts(src.dbPath);
  const b = await counts(db);
  assert.deepEqual(b, a, 'every public view has as many rows in the copy');
  assert.ok(a.pub_meeting > 30 && a.pub_agenda_item > 200 && a.pub_file > 100, JSON.stringify(a));
  // The statutory records came too: decisions, the forward plan, the register.
  assert.ok(a.pub_decision > 10 && a.pub_plan_entry > 5 && a.pub_interest > 100, JSON.stringify(a));
  // Documents: the same bytes, and their text read.
  const docs = await sqlite(db, "SELECT count(*) AS n FROM file WHERE text_status = 'done'");
  assert.equal(docs[0].n, a.pub_file);
  const copy = await serve(db);
  const { n, differ } = await compareAll(src.base, copy.base, db);
  assert.ok(n > 500, `${n} objects compared`);
  assert.deepEqual(differ, [], `${differ.length} of ${n} objects differ`);
  // The seed item's page reads the same in the copy.
  const [seed] = await sqlite(db, "SELECT i.id, i.meeting_id FROM agenda_item i WHERE i.title LIKE 'Police & Crime Plan Activity%(October - December 2018)'");
  const page = await (await fetch(`${copy.base}/meetings/${seed.meeting_id}/items/${seed.id}`)).text();
  assert.match(page, /Victim Advice Line/);
  // A sensitive interest is registered in the copy, but its details were
  // never served, so they are nowhere in the harvested database.
  const secrets = await sqlite(src.dbPath, 'SELECT description FROM interest WHERE sensitive = 1 AND deleted = 0');
  assert.ok(secrets.length > 0, 'the demo has a sensitive interest');
  const [withheld] = await sqlite(db, "SELECT count(*) AS n, group_concat(DISTINCT description) AS d FROM interest WHERE sensitive = 1 AND deleted = 0");
  assert.deepEqual(withheld, { n: secrets.length, d: 'Withheld (sensitive interest)' });
  for (const f of fs.readdirSync(src.dir).filter((f) => f.startsWith('harvested.db') && fs.statSync(path.join(src.dir, f)).isFile())) {
    const bytes = fs.readFileSync(path.join(src.dir, f));
    for (const { description } of secrets) assert.ok(!bytes.includes(description), `${f} holds a sensitive interest's text`);
  }
  console.log(`harvest of the demo: ${JSON.stringify(a)}; ${took} ms`);
});

test('a re-run fetches only what changed since, deletions included', async () => {
  const db = path.join(src.dir, 'incremental.db');
  const url = `${src.base}/oparl/v1.1/system`;
  assert.equal((await witan(['import', 'oparl', '--db', db, url])).code, 0);
  // Nothing changed: nothing written.
  await new Promise((r) => setTimeout(r, 1100)); // (modified has whole seconds)
  let r = await witan(['import', 'oparl', '--db', db, url]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /what changed since the last run\): 0 objects written/);
  // A change and a deletion at the source.
  const [item] = await sqlite(src.dbPath, 'SELECT i.id FROM pub_agenda_item i WHERE i.exempt = 0 ORDER BY i.id LIMIT 1');
  const [person] = await sqlite(src.dbPath, 'SELECT id FROM pub_person ORDER BY id DESC LIMIT 1');
  await sqlite(src.dbPath, `UPDATE agenda_item SET title = 'Renamed by the source' WHERE id = ${item.id};` +
    `UPDATE person SET deleted = 1 WHERE id = ${person.id}`, { write: true });
  // A write made outside witan is published by the server within seconds.
  for (let i = 0; i < 100; i++) {
    const [q] = await sqlite(src.dbPath, 'SELECT count(*) AS n FROM publication_queue');
    if (q.n === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  r = await witan(['import', 'oparl', '--db', db, url]);
  assert.equal(r.code, 0, r.stderr);
  const m = r.stderr.match(/: (\d+) objects written, (\d+) unchanged, (\d+) deleted/);
  assert.ok(m, r.stderr);
  assert.ok(Number(m[1]) >= 1 && Number(m[1]) <= 3, `only the item and its meeting are written again: ${r.stderr}`);
  assert.ok(Number(m[3]) >= 1, 'the deleted person');
  const [copied] = await sqlite(db, `SELECT i.title FROM agenda_item i JOIN import_map m ON m.local_id = i.id AND m.entity = 'agenda_item' WHERE m.url = '${src.base}/oparl/v1.1/agendaitem/${item.id}'`);
  assert.equal(copied.title, 'Renamed by the source');
  const [gone] = await sqlite(db, `SELECT p.deleted FROM person p JOIN import_map m ON m.local_id = p.id AND m.entity = 'person' WHERE m.url = '${src.base}/oparl/v1.1/person/${person.id}'`);
  assert.equal(gone.deleted, 1);
  assert.deepEqual(await counts(db), await counts(src.dbPath));
});

test('an interrupted harvest resumes where it stopped and ends with the whole record', async () => {
  const big = await startServer({ demo: false });
  extra.push(big);
  const gen = await witan(['gen', '--db', big.dbPath, '--meetings', '150', '--seed', '7'], { timeout: 300000 });
  assert.equal(gen.code, 0, gen.stderr);
  const db = path.join(big.dir, 'resumed.db');
  const url = `${big.base}/oparl/v1.1/system`;
  const child = spawn(witanPath(), ['import', 'oparl', '--db', db, url], { stdio: 'ignore' });
  // Kill it hard once it is well into the meetings' pages.
  let stoppedAt = null;
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      const [run] = await sqlite(db, 'SELECT step, next_url FROM import_run');
      if (run && run.step === 3 && run.next_url) { stoppedAt = run; child.kill('SIGKILL'); break; }
    } catch { /* not created yet, or busy */ }
  }
  await new Promise((r) => (child.exitCode !== null || child.signalCode ? r() : child.on('exit', r)));
  assert.ok(stoppedAt, 'the import was stopped in the middle of the meetings');
  const before = await counts(db);
  const r = await witan(['import', 'oparl', '--db', db, url], { timeout: 300000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /\(resumed\)/);
  assert.ok(before.pub_meeting < (await counts(big.dbPath)).pub_meeting, 'part of the meetings were missing');
  assert.deepEqual(await counts(db), await counts(big.dbPath));
});

test('bad objects are counted and skipped; the good ones are imported', async () => {
  const port = await freePort();
  const B = `http://127.0.0.1:${port}`;
  const T = (t) => `https://schema.oparl.org/1.1/${t}`;
  const when = { created: '2024-01-01T10:00:00+00:00', modified: '2024-01-02T10:00:00+00:00' };
  const list = (data) => ({ data, pagination: {}, links: {} });
  const routes = {
    '/system': { id: `${B}/system`, type: T('System'), oparlVersion: 'https://schema.oparl.org/1.1/', body: `${B}/bodies`, ...when },
    '/bodies': list([{ id: `${B}/body/1`, type: T('Body'), name: 'Elsewhere Parish Council', organization: `${B}/orgs`,
      person: `${B}/people`, meeting: `${B}/meetings`, paper: `${B}/papers`, legislativeTerm: [], ...when }]),
    '/orgs': list([{ id: `${B}/org/1`, type: T('Organization'), name: 'Full Council', ...when },
      { id: `${B}/org/2`, type: T('Organization'), ...when }]),                 // no name
    '/people': list([{ id: `${B}/person/1`, type: T('Person'), name: 'Jo Bloggs <script>alert(1)</script>', ...when },
      { type: T('Person'), name: 'No Id', ...when }]),                            // no id
    '/meetings': { data: [
      { id: `${B}/meeting/1`, type: T('Meeting'), name: 'Annual meeting', start: '2024-05-13T19:00:00+01:00',
        organization: [`${B}/org/1`], agendaItem: [{ id: `${B}/item/1`, type: T('AgendaItem'), order: 1, name: 'Apologies',
          'witan:minutes': '<p onclick="x()">Noted.<script>alert(2)</script></p>', ...when }],
        auxiliaryFile: [{ id: `${B}/file/9`, type: T('File'), name: 'Lost', accessUrl: `${B}/nowhere.pdf`, ...when }], ...when },
      { id: `${B}/meeting/2`, type: T('Meeting'), start: '2024-06-10T19:00:00+01:00', organization: [`${B}/org/404`], ...when },
      { id: `${B}/meeting/3`, type: T('Paper'), ...when },
      'not an object',
    ], pagination: {}, links: { next: `${B}/meetings2` } },
    // (an OParl 1.0 object: its type's namespace is 1.0)
    '/meetings2': list([{ id: `${B}/meeting/4`, type: 'https://schema.oparl.org/1.0/Meeting', name: 'Extraordinary meeting', start: '2024-07-01T19:00:00+01:00',
      organization: [`${B}/org/1`], ...when }]),
    '/papers': list([]),
  };
  const fake = http.createServer((req, res) => {
    const body = routes[req.url];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { type: T('Error'), message: 'not found' }));
  });
  await new Promise((r) => fake.listen(port, '127.0.0.1', r));
  extra.push({ stop: () => new Promise((r) => fake.close(r)) });
  const db = path.join(src.dir, 'foreign.db');
  const r = await witan(['import', 'oparl', '--db', db, `${B}/system`]);
  assert.equal(r.code, 3, `completed with skipped objects: exit 3\n${r.stderr}`);
  const m = r.stderr.match(/(\d+) skipped as bad/);
  assert.ok(m, r.stderr);
  // org/2 (no name), the person without id, meeting/2 (org 404), meeting/3
  // (a Paper in the meeting list), 'not an object', file/9 (404).
  assert.equal(Number(m[1]), 6, r.stderr);
  assert.match(r.stderr, /skipped .*org\/2: an Organization without a name/);
  assert.match(r.stderr, /skipped .*meeting\/2: a Meeting whose organization could not be found/);
  const rows = await sqlite(db, "SELECT (SELECT count(*) FROM pub_meeting) AS meetings, (SELECT count(*) FROM pub_organization) AS orgs," +
    " (SELECT name FROM body) AS body, (SELECT minutes_html FROM agenda_item) AS minutes," +
    " (SELECT start_at FROM meeting WHERE name = 'Annual meeting') AS start");
  assert.deepEqual({ ...rows[0], minutes: undefined }, { meetings: 2, orgs: 1, body: 'Elsewhere Parish Council', minutes: undefined, start: '2024-05-13 19:00' });
  // Foreign HTML is made safe: no script, no event handler attributes.
  assert.equal(rows[0].minutes, '<p>Noted.</p>');
});

test('statutory records from another Witan: checked like the rest, a sensitive interest withheld, changes and deletions followed', async () => {
  const port = await freePort();
  const B = `http://127.0.0.1:${port}`;
  const T = (t) => `https://schema.oparl.org/1.1/${t}`;
  const W = (t) => `https://witan.example/oparl/1.1/${t}`;
  const when = { created: '2024-01-01T10:00:00Z', modified: '2024-01-02T10:00:00Z' };
  const later = { created: '2024-01-01T10:00:00Z', modified: '2024-02-02T10:00:00Z' };
  const list = (data) => ({ data, pagination: {}, links: {} });
  const SECRET = 'The house at 1 Hidden Lane';
  const interest = (category, description, extra = {}) => ({ category, holder: 'member', description, sensitive: false,
    registered: '2023-05-01', ...when, ...extra });
  const person = (interests, times) => ({ id: `${B}/person/1`, type: T('Person'), name: 'Cllr Jo Bloggs',
    'witan:interests': interests, ...times });
  const decision = (n, extra) => ({ id: `${B}/decision/${n}`, type: W('Decision'), name: `Decision ${n}`, kind: 'executive',
    status: 'made', date: '2024-01-10', decision: '<p>RESOLVED that it be done.</p>', ...when, ...extra });
  const routes = {
    '/system': { id: `${B}/system`, type: T('System'), oparlVersion: 'https://schema.oparl.org/1.1/', body: `${B}/bodies`, ...when },
    '/bodies': list([{ id: `${B}/body/1`, type: T('Body'), name: 'Elsewhere District Council', organization: `${B}/orgs`,
      person: `${B}/people`, meeting: `${B}/meetings`, 'witan:decisionList': `${B}/decisions`,
      'witan:forwardPlanList': `${B}/plan`, ...when }]),
    '/orgs': list([{ id: `${B}/org/1`, type: T('Organization'), name: 'Cabinet', 'witan:kind': 'cabinet', ...when }]),
    '/people': list([person([
      interest('employment', 'Teacher'),
      // (a sensitive interest never has its details served; this source sends them anyway)
      interest('land', SECRET, { sensitive: true }),
      interest('hobbies', 'Golf'),                                     // not a category: bad
    ], when)]),
    '/meetings': list([]),
    '/plan': list([
      { id: `${B}/plan/1`, type: W('ForwardPlanEntry'), name: 'Sale of land', reference: 'FP/1', decisionMaker: `${B}/org/1`,
        leadMember: `${B}/person/1`, firstPublished: '2023-12-01', decisionDue: '2024-01-10', restriction: 'part_exempt',
        exemptParagraph: 3, urgency: 'none', status: 'decided', ...when },
      { id: `${B}/plan/2`, type: W('ForwardPlanEntry'), name: 'Secret', firstPublished: '2023-12-01',
        decisionDue: '2024-01-10', restriction: 'exempt', ...when },           // exempt without its paragraph: bad
    ]),
    '/decisions': list([
      decision(1, { kind: 'whimsical', decisionMaker: `${B}/org/1`, decisionMakerPerson: `${B}/person/1`,
        decisionMakerPost: 'Leader', forwardPlanEntry: `${B}/plan/1`, keyDecision: true, callIn: false, wards: 'All wards' }),
      decision(2, { status: 'pondered' }),                                 // not a status: bad
      decision(3, { decision: undefined }),                                // no decision: bad
    ]),
  };
  const fake = http.createServer((req, res) => {
    const body = routes[req.url.split('?')[0]];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { type: T('Error'), message: 'not found' }));
  });
  await new Promise((r) => fake.listen(port, '127.0.0.1', r));
  extra.push({ stop: () => new Promise((r) => fake.close(r)) });
  const db = path.join(src.dir, 'statutory.db');
  let r = await witan(['import', 'oparl', '--db', db, `${B}/system`]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /(\d+) skipped as bad/);
  assert.equal(Number(r.stderr.match(/(\d+) skipped as bad/)[1]), 4, r.stderr);
  assert.match(r.stderr, /skipped .*person\/1#interest:2: .*interest\.category/);
  assert.match(r.stderr, /skipped .*plan\/2: a ForwardPlanEntry taken in private without its paragraph/);
  assert.match(r.stderr, /skipped .*decision\/2: .*decision\.status/);
  assert.match(r.stderr, /skipped .*decision\/3: .*decision\.decision_md/);
  assert.match(r.stderr, /decision\.kind: .*left out/);
  const rows = async () => (await sqlite(db, 'SELECT' +
    ' (SELECT json_group_array(json_array(category, description, sensitive)) FROM (SELECT * FROM interest WHERE deleted = 0 ORDER BY id)) AS interests,' +
    " (SELECT json_object('title', title, 'paragraph', exempt_paragraph, 'maker', decision_maker_id IS NOT NULL," +
    "  'lead', lead_member_id IS NOT NULL, 'status', status, 'published', published) FROM plan_entry WHERE deleted = 0) AS plan," +
    " (SELECT json_group_array(json_object('title', title, 'kind', kind, 'key', key_decision, 'callIn', call_in, 'maker', decision_maker_id IS NOT NULL," +
    "  'person', decision_maker_person_id IS NOT NULL, 'plan', plan_entry_id IS NOT NULL, 'published', published, 'deleted', deleted)) FROM decision) AS decisions," +
    ' (SELECT count(*) FROM pub_decision) AS public_decisions'))[0];
  let got = await rows();
  assert.deepEqual(JSON.parse(got.interests), [['employment', 'Teacher', 0], ['land', 'Withheld (sensitive interest)', 1]]);
  assert.deepEqual(JSON.parse(got.plan), { title: 'Sale of land', paragraph: 3, maker: 1, lead: 1, status: 'decided', published: 1 });
  assert.deepEqual(JSON.parse(got.decisions), [{ title: 'Decision 1', kind: null, key: 1, callIn: 0, maker: 1, person: 1, plan: 1, published: 1, deleted: 0 }]);
  assert.equal(got.public_decisions, 1);
  const bytes = fs.readdirSync(src.dir).filter((f) => f.startsWith('statutory.db') && fs.statSync(path.join(src.dir, f)).isFile())
    .map((f) => fs.readFileSync(path.join(src.dir, f)));
  assert.ok(bytes.length && bytes.every((b) => !b.includes(SECRET)), 'the sensitive interest is not in the database');
  // Nothing changed: nothing written, nothing moved.
  r = await witan(['import', 'oparl', '--db', db, `${B}/system`]);
  assert.match(r.stderr, /: 0 objects written/, r.stderr);
  assert.deepEqual(await rows(), got);
  // The source ends one interest, drops another, and withdraws the decision.
  routes['/people'] = list([person([interest('employment', 'Teacher', { ended: '2024-01-31', ...later })], later)]);
  routes['/decisions'] = list([{ id: `${B}/decision/1`, type: W('Decision'), deleted: true, ...later }]);
  r = await witan(['import', 'oparl', '--db', db, `${B}/system`]);
  assert.match(r.stderr, /1 deleted/, r.stderr);
  got = await rows();
  assert.deepEqual(JSON.parse(got.interests), [['employment', 'Teacher', 0]]);
  assert.deepEqual((await sqlite(db, 'SELECT ended_on FROM interest WHERE deleted = 0'))[0], { ended_on: '2024-01-31' });
  assert.equal(JSON.parse(got.decisions)[0].deleted, 1);
  assert.equal(got.public_decisions, 0);
});

test('bad arguments get a message and a non-zero exit', async () => {
  const db = path.join(src.dir, 'nothing.db');
  let r = await witan(['import', 'oparl', '--db', db]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /usage: witan import oparl/);
  r = await witan(['import', 'oparl', '--db', db, 'ftp://example.org/system']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /must be http\(s\)/);
  const port = await freePort(); // nothing listens there
  r = await witan(['import', 'oparl', '--db', db, `http://127.0.0.1:${port}/oparl/v1.1/system`], { timeout: 60000 });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /127\.0\.0\.1.*(refused|connect)/i);
  r = await witan(['import', 'oparl', '--db', db, `${src.base}/`]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /not JSON|not an OParl System/);
});
