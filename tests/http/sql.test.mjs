// `witan sql`: SQL in SQLite's dialect on the server's database (a file,
// or with WITAN_TEST_PG a PostgreSQL database, translated), rows printed
// as JSON; a script in one transaction, read-only unless --write, a write
// committed as witan's are (the search index follows it); bad SQL and
// transaction statements refused with a message and nothing written.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';

import { startServer, witanPath } from '../lib/server.mjs';

let srv;

const witan = (args, input) => new Promise((resolve) => {
  const child = execFile(witanPath(), args, { encoding: 'utf8', timeout: 30000 }, (err, stdout, stderr) =>
    resolve({ code: err ? err.code : 0, stdout, stderr }));
  child.stdin.end(input ?? '');
});
const sql = (q, ...more) => witan(['sql', '--db', srv.dbPath, ...more, q]);
const rows = async (q) => {
  const r = await sql(q);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
};

before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

test('rows as JSON, by column name, with their types; several statements, one array', async () => {
  const r = await rows("SELECT 42 AS n, 1.5 AS x, NULL AS z, 'a \"quoted\" line' AS s; SELECT count(*) AS meetings FROM meeting");
  assert.equal(r.length, 2);
  assert.deepEqual(r[0], { n: 42, x: 1.5, z: null, s: 'a "quoted" line' });
  assert.ok(r[1].meetings > 10, JSON.stringify(r[1]));
  assert.deepEqual(await rows('SELECT id FROM meeting WHERE id < 0'), [], 'no rows: no output');
});

test('the SQL on stdin with -, a comment first', async () => {
  const r = await witan(['sql', '--db', srv.dbPath, '-'], '-- the committees\nSELECT count(*) AS n FROM organization');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout)[0].n > 2);
});

test('a write needs --write, is committed as witan commits, and search follows it', async () => {
  const [org] = await rows('SELECT id, name FROM organization WHERE deleted = 0 ORDER BY id LIMIT 1');
  const refused = await sql(`UPDATE organization SET name = 'Zyzzogeton Board' WHERE id = ${org.id}`);
  assert.notEqual(refused.code, 0, 'a write without --write');
  assert.deepEqual(await rows(`SELECT name FROM organization WHERE id = ${org.id}`), [{ name: org.name }]);

  const ok = await sql(`UPDATE organization SET name = 'Zyzzogeton Board' WHERE id = ${org.id}`, '--write');
  assert.equal(ok.code, 0, ok.stderr);
  const page = await fetch(`${srv.base}/committees/${org.id}`).then((x) => x.text());
  assert.match(page, /Zyzzogeton Board/, 'the server shows it');
  const found = await fetch(`${srv.base}/search.json?q=Zyzzogeton`).then((x) => x.json());
  assert.ok(found.results.some((h) => h.url === `/committees/${org.id}`), JSON.stringify(found.results.map((h) => h.url)));
});

test('a script is one transaction: a statement that fails leaves nothing written', async () => {
  const r = await sql("UPDATE organization SET name = 'Half Written' WHERE id = (SELECT min(id) FROM organization);"
    + ' INSERT INTO no_such_table VALUES (1)', '--write');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /no_such_table/);
  assert.deepEqual(await rows("SELECT id FROM organization WHERE name = 'Half Written'"), []);
});

test('BEGIN, COMMIT and the like are refused: the script runs in a transaction of its own', async () => {
  for (const q of ['BEGIN; SELECT 1', 'SELECT 1; COMMIT', 'ROLLBACK']) {
    const r = await sql(q, '--write');
    assert.equal(r.code, 1, q);
    assert.match(r.stderr, /one transaction of their own/, q);
  }
  const empty = await sql(';');
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /no SQL statement/);
});
