// The process around the site: `witan serve` refuses databases it cannot
// use, `witan init` never overwrites, the access log has one line per
// request, and SIGTERM lets a download in flight finish before exiting 0.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { freePort, witanPath } from '../lib/server.mjs';
import { parseHead, rawRequest, sleep, sql } from './helpers.mjs';
import net from 'node:net';

const WITAN = witanPath();
let dir;
let demoDb; // a demo database made once, copied by tests that need one

/** Runs witan to completion: {code, signal, stdout, stderr}. */
function witan(args, { timeoutMs = 30000 } = {}) {
  return new Promise((resolve) => {
    execFile(WITAN, args, { encoding: 'utf8', timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code ?? null : 0, signal: err?.signal ?? null, stdout, stderr });
    });
  });
}

/**
 * Starts `witan serve` and waits for /healthz; returns {child, base, port,
 * stderr(), exited}. Node gives a child's stderr as a UNIX socket; with
 * stderrFile it is a regular file instead (as with `2>>witan.log`).
 */
async function serve(db, extra = [], { stderrFile = null } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const errFd = stderrFile ? openSync(stderrFile, 'a') : 'pipe';
  const child = spawn(WITAN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...extra], { stdio: ['ignore', 'pipe', errFd] });
  if (stderrFile) closeSync(errFd);
  let buffered = '';
  child.stderr?.on('data', (d) => (buffered += d.toString('utf8')));
  child.stdout.on('data', () => {});
  const stderr = () => (stderrFile ? readFileSync(stderrFile, 'utf8') : buffered);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`witan serve exited ${child.exitCode}: ${stderr()}`);
    try {
      // One request per connection (Connection: close), so that no idle
      // keep-alive connection is left behind by the tests unless they mean to.
      const r = await once(port, 'GET', '/healthz', { timeoutMs: 1000 });
      if (r.status === 200) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`witan serve did not become healthy: ${stderr()}`);
    }
    await sleep(100);
  }
  return { child, base, port, stderr, exited };
}

/** One request on its own connection, closed after the response. */
function once(port, method, target, { timeoutMs = 10000, headers = {} } = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawRequest(port, lines.join('\r\n') + '\r\n\r\n', { timeoutMs, noBody: method === 'HEAD' });
}

/** Resolves {code, signal} when the child exits, or null after ms. */
function exitWithin(srv, ms) {
  return Promise.race([srv.exited, sleep(ms).then(() => null)]);
}

const sha = (buf) => createHash('sha256').update(buf).digest('hex');

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-lifecycle-'));
  demoDb = path.join(dir, 'demo.db');
  const r = await witan(['init', '--db', demoDb, '--demo']);
  assert.equal(r.code, 0, r.stderr);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('witan serve refuses what it cannot use', () => {
  test('a missing database file: non-zero exit, a clear message, nothing created', async () => {
    const db = path.join(dir, 'missing.db');
    const r = await witan(['serve', '--db', db, '--listen', `127.0.0.1:${await freePort()}`], { timeoutMs: 10000 });
    assert.notEqual(r.code, 0);
    assert.equal(r.signal, null, 'exits by itself, not by the timeout');
    assert.ok(r.stderr.includes(db), `names the file: ${r.stderr}`);
    assert.match(r.stderr, /does not exist/);
    assert.match(r.stderr, /witan init/, 'says how to create one');
    assert.ok(!existsSync(db), 'no database was created');
    assert.ok(!existsSync(`${db}.files`), 'no document store was created');
  });

  test('a file that is not a database: non-zero exit, a clear message, file untouched', async () => {
    const db = path.join(dir, 'notadb.db');
    const junk = Buffer.concat([Buffer.from('This is not an SQLite database.\n'), randomBytes(8192)]);
    writeFileSync(db, junk);
    const r = await witan(['serve', '--db', db, '--listen', `127.0.0.1:${await freePort()}`], { timeoutMs: 10000 });
    assert.notEqual(r.code, 0);
    assert.equal(r.signal, null);
    assert.ok(r.stderr.includes(db), `names the file: ${r.stderr}`);
    assert.match(r.stderr, /not a database/);
    assert.equal(sha(readFileSync(db)), sha(junk), 'the file is untouched');
  });

  test('a database with a newer schema version: refused with "newer", file untouched', async () => {
    const db = path.join(dir, 'newer.db');
    copyFileSync(demoDb, db);
    await sql(db, 'SELECT 1'); // readable
    await new Promise((resolve, reject) =>
      execFile('sqlite3', [db, 'PRAGMA user_version=999'], (err) => (err ? reject(err) : resolve())),
    );
    const before = sha(readFileSync(db));
    const r = await witan(['serve', '--db', db, '--listen', `127.0.0.1:${await freePort()}`], { timeoutMs: 10000 });
    assert.notEqual(r.code, 0);
    assert.equal(r.signal, null);
    assert.match(r.stderr, /newer/);
    assert.match(r.stderr, /999/, 'gives the version found');
    const [row] = await sql(db, 'PRAGMA user_version');
    assert.equal(row.user_version, 999, 'not migrated');
    assert.equal(sha(readFileSync(db)), before, 'the file is untouched');
  });

  test('a port already in use: non-zero exit with a message', async () => {
    const blocker = net.createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address();
    try {
      const r = await witan(['serve', '--db', demoDb, '--listen', `127.0.0.1:${port}`], { timeoutMs: 10000 });
      assert.notEqual(r.code, 0);
      assert.equal(r.signal, null);
      assert.match(r.stderr, /cannot listen/);
    } finally {
      blocker.close();
    }
  });
});

describe('witan init', () => {
  test('refuses to overwrite an existing file', async () => {
    const db = path.join(dir, 'existing.txt');
    const content = Buffer.from('precious data, not a database\n');
    writeFileSync(db, content);
    const r = await witan(['init', '--db', db, '--demo']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /already exists/);
    assert.ok(readFileSync(db).equals(content), 'the file is untouched');
    assert.ok(!existsSync(`${db}.files`), 'no document store was created beside it');
  });

  test('refuses to overwrite an existing database', async () => {
    const db = path.join(dir, 'again.db');
    copyFileSync(demoDb, db);
    const before = sha(readFileSync(db));
    const r = await witan(['init', '--db', db]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /already exists/);
    assert.equal(sha(readFileSync(db)), before, 'the database is untouched');
  });
});

describe('a running server', () => {
  let srv;
  let db;

  before(async () => {
    db = path.join(dir, 'serve.db');
    copyFileSync(demoDb, db);
    // The document store travels with the database.
    rmSync(`${db}.files`, { recursive: true, force: true });
    await new Promise((resolve, reject) =>
      execFile('cp', ['-r', `${demoDb}.files`, `${db}.files`], (err) => (err ? reject(err) : resolve())),
    );
    srv = await serve(db, [], { stderrFile: path.join(dir, 'serve.log') });
  });

  after(() => {
    if (srv && srv.child.exitCode === null && srv.child.signalCode === null) srv.child.kill('SIGKILL');
  });

  test('announces where it serves on stderr', () => {
    assert.match(srv.stderr(), new RegExp(`serving .* on http://127\\.0\\.0\\.1:${srv.port}/`));
  });

  test('the access log has exactly one line per request', async () => {
    const tag = randomBytes(6).toString('hex');
    const plan = [
      ['GET', `/log-${tag}-a`, 404, 1],
      ['GET', `/log-${tag}-b`, 404, 3],
      ['HEAD', `/log-${tag}-c`, 404, 2],
      ['GET', `/meetings?month=2019-02&log=${tag}`, 200, 2],
      ['GET', `/meetings?month=2019-13&log=${tag}`, 400, 1],
      ['POST', `/log-${tag}-d`, 404, 1],
    ];
    for (const [method, p, status, times] of plan) {
      for (let i = 0; i < times; i++) {
        const r = await once(srv.port, method, p);
        assert.equal(r.status, status, `${method} ${p}`);
      }
    }
    // Log lines are written as requests complete; give them a moment.
    const count = (method, p) =>
      srv.stderr().split('\n').filter((l) => l.includes(`"${method} ${p} HTTP/1.1"`)).length;
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && plan.some(([m, p, , n]) => count(m, p) < n)) await sleep(50);
    await sleep(200); // and a moment more, to catch duplicates
    for (const [method, p, status, times] of plan) {
      const lines = srv.stderr().split('\n').filter((l) => l.includes(`"${method} ${p} HTTP/1.1"`));
      assert.equal(lines.length, times, `${method} ${p}: ${lines.length} log lines for ${times} requests`);
      for (const line of lines) {
        assert.match(line, /^127\.0\.0\.1 /, 'starts with the client address');
        assert.match(line, new RegExp(`" ${status} `), `logs the status: ${line}`);
      }
    }
  });

  test('SIGTERM lets a download in flight finish, then exits 0', async () => {
    // The largest public document, made 48 MiB in this copy's store so that
    // the download is still in flight (far beyond the socket buffers) when
    // the signal arrives.
    const files = await sql(db, 'SELECT id, filename, sha256 FROM file WHERE deleted = 0 ORDER BY size DESC');
    let doc = null;
    for (const f of files) {
      const r = await once(srv.port, 'HEAD', `/documents/${f.id}/${f.filename}`);
      if (r.status === 200) {
        doc = f;
        break;
      }
    }
    assert.ok(doc, 'a public document');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(48 * 1024 * 1024)]);
    writeFileSync(path.join(`${db}.files`, doc.sha256.slice(0, 2), doc.sha256.slice(2)), big);

    const target = `/documents/${doc.id}/${doc.filename}`;
    const chunks = [];
    let received = 0;
    let head = null;
    const sock = net.connect(srv.port, '127.0.0.1');
    const ended = new Promise((resolve, reject) => {
      sock.on('end', resolve);
      sock.on('close', resolve);
      sock.on('error', reject);
    });
    const gotHead = new Promise((resolve) => {
      sock.on('data', (d) => {
        chunks.push(d);
        received += d.length;
        if (!head) {
          head = parseHead(Buffer.concat(chunks));
          if (head) {
            sock.pause(); // a slow reader: the server's writes now block
            resolve();
          }
        }
      });
    });
    sock.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    await gotHead;
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), big.length);
    await sleep(300);

    srv.child.kill('SIGTERM');
    // Still serving the download a second later: not killed, not cut off.
    const early = await exitWithin(srv, 1000);
    assert.equal(early, null, 'the server waits for the download in flight');
    const inFlight = received;
    assert.ok(inFlight < big.length, `the download was in flight (${inFlight} of ${big.length} bytes)`);

    sock.resume();
    await ended;
    const all = Buffer.concat(chunks);
    const body = all.subarray(head.headLen);
    assert.equal(body.length, big.length, 'the whole body arrived');
    assert.ok(body.equals(big), 'the bytes are right');

    const exit = await exitWithin(srv, 5000);
    assert.ok(exit, 'the server exits within 5 s of the download ending');
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.match(srv.stderr(), /witan: stopped/);
    // The download was logged, once, as complete.
    const lines = srv.stderr().split('\n').filter((l) => l.includes(`"GET ${target} HTTP/1.1"`));
    assert.equal(lines.length, 1);
    assert.match(lines[0], new RegExp(`" 200 ${big.length} `));
  });
});

describe('stopping', () => {
  /** Sends sig to a fresh server, optionally holding an idle keep-alive connection. */
  async function stopWith(sig, { keepAlive }) {
    const srv = await serve(demoDb, ['--threads', '2']);
    let idle = null;
    if (keepAlive) {
      // A browser keeps its connection open after a page: idle, not in flight.
      idle = net.connect(srv.port, '127.0.0.1');
      idle.on('error', () => {});
      await new Promise((resolve) => idle.on('connect', resolve));
      const answered = new Promise((resolve) => idle.once('data', resolve));
      idle.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await answered;
    }
    srv.child.kill(sig);
    const exit = await exitWithin(srv, 5000);
    idle?.destroy();
    if (!exit) srv.child.kill('SIGKILL');
    assert.ok(exit, `${sig}: exited within 5 s`);
    assert.deepEqual(exit, { code: 0, signal: null }, `${sig}: exit status; stderr:\n${srv.stderr()}`);
    assert.match(srv.stderr(), /witan: stopped/, sig);
    // Nothing listens on the port afterwards.
    const refused = await rawRequest(srv.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', { timeoutMs: 2000 }).then(
      () => false,
      () => true,
    );
    assert.ok(refused, `${sig}: the port is closed`);
  }

  for (const sig of ['SIGTERM', 'SIGINT']) {
    test(`${sig} stops an idle server with exit 0 and "stopped"`, () => stopWith(sig, { keepAlive: false }));
    test(`${sig} with an idle keep-alive connection open still exits 0`, () => stopWith(sig, { keepAlive: true }));
  }
});

describe('the access log on a socket', () => {
  test('is written when stderr is a socket (as under systemd-journald)', async () => {
    // Node hands the child a UNIX socket as stderr, as journald does.
    const srv = await serve(demoDb);
    try {
      const tag = randomBytes(6).toString('hex');
      const r = await once(srv.port, 'GET', `/log-${tag}`);
      assert.equal(r.status, 404);
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline && !srv.stderr().includes(`/log-${tag} `)) await sleep(50);
      assert.doesNotMatch(srv.stderr(), /failed to open log file/);
      const lines = srv.stderr().split('\n').filter((l) => l.includes(`"GET /log-${tag} HTTP/1.1"`));
      assert.equal(lines.length, 1, `one access log line; stderr was:\n${srv.stderr()}`);
    } finally {
      srv.child.kill('SIGTERM');
      if (!(await exitWithin(srv, 5000))) srv.child.kill('SIGKILL');
    }
  });
});
