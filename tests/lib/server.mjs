// Shared helpers for node tests: start a throwaway Witan server on a fresh
// database, and crawl it.
//
//   import { startServer, crawl } from '../lib/server.mjs';
//   const srv = await startServer();          // init --demo + serve
//   const pages = await crawl(srv.base);
//   await srv.stop();
//
// The binary is $WITAN (absolute, or relative to the current directory), or
// build/witan under the repository root when WITAN is unset.

import { execFile, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the witan binary the tests should use. */
export function witanPath() {
  const env = process.env.WITAN;
  if (env && env.length > 0) return path.resolve(env);
  return path.join(REPO_ROOT, 'build', 'witan');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The status of GET url: with fetch over HTTP; over HTTPS with node:https,
 * accepting any certificate (the tests' are self-signed, which fetch
 * refuses with no way around it short of a global switch).
 */
async function probe(url, timeoutMs) {
  if (!url.startsWith('https:')) {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  }
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Keeps the last `limit` lines written to it. */
class TailBuffer {
  constructor(limit = 200) {
    this.limit = limit;
    this.lines = [];
    this.partial = '';
  }
  push(chunk) {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop();
    for (const line of parts) this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }
  text() {
    return [...this.lines, this.partial].filter((l) => l.length > 0).join('\n') || '(no output)';
  }
}

/** Runs a command to completion; resolves {code, signal, output}. */
function run(cmd, args, { timeoutMs = 60000, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const out = new TailBuffer(400);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: out.text() });
    });
  });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    function onExit() {
      clearTimeout(timer);
      resolve(true);
    }
    child.once('exit', onExit);
  });
}

// Servers still running when the test process exits are killed, so a failed
// or interrupted test never leaves a witan behind.
const live = new Set();
process.once('exit', () => {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/**
 * The demo database made once per binary: `init --demo` beside the binary
 * (in <binary>.demo-<size>-<mtime>/), which every later startServer copies
 * instead of making its own (the sanitizer build takes seconds for each).
 * Test processes race to make it; the first rename wins, the others use it.
 */
async function demoTemplate(witan) {
  const st = statSync(witan);
  const final = `${witan}.demo-${st.size}-${Math.trunc(st.mtimeMs)}`;
  if (existsSync(path.join(final, 't.db'))) return final;
  const tmp = mkdtempSync(`${witan}.demo-tmp-`);
  try {
    const init = await run(witan, ['init', '--db', path.join(tmp, 't.db'), '--demo']);
    if (init.code !== 0) {
      throw new Error(`\`${witan} init --db ${tmp}/t.db --demo\` failed (exit ${init.code ?? init.signal}):\n${init.output}`);
    }
    try {
      renameSync(tmp, final);
    } catch (err) {
      if (!existsSync(path.join(final, 't.db'))) throw err;
    }
    // Templates of earlier builds of this binary are no longer wanted.
    const dir = path.dirname(witan);
    const stem = `${path.basename(witan)}.demo-`;
    for (const name of readdirSync(dir)) {
      if (name.startsWith(stem) && !name.startsWith(`${stem}tmp-`) && path.join(dir, name) !== final) {
        rmSync(path.join(dir, name), { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}

/**
 * `witan serve` on an existing database (a copy an import made): resolves
 * {base, stop} once /healthz answers.
 */
export async function serveDb(dbPath, { witan = witanPath() } = {}) {
  const port = await freePort();
  const child = spawn(witan, ['serve', '--db', dbPath, '--listen', `127.0.0.1:${port}`, '--quiet'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const s = { base, stop: async () => { if (child.exitCode === null && child.signalCode === null) { child.kill('SIGTERM'); await new Promise((r) => child.on('exit', r)); } } };
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) return s; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  await s.stop();
  throw new Error(`witan serve ${dbPath} did not come up`);
}

// ---------------------------------------------------------------------------
// PostgreSQL (issue 18): with WITAN_TEST_PG set to the URL of a database of
// a throwaway cluster (tests/pg/http.sh starts one), every server runs on a
// database of its own in that cluster, made from a demo template database
// made once per binary, and its documents in a folder of its own (recorded
// in the database, so that a witan command a test runs on srv.db finds it;
// storeOf(db) names it).

export const PG = process.env.WITAN_TEST_PG || '';

/** The URL of database name in PG's cluster. */
export function pgUrl(name) {
  return PG.replace(/\/[^/?]*\?/, `/${name}?`);
}

/** Runs SQL in PG's own database (psql); its output, or throws. */
export function pgAdmin(sql) {
  const r = spawnSync('psql', [PG, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${sql}: ${r.stderr || r.error}`);
  return r.stdout;
}

/**
 * SQL on a test's database, to learn the record's ground truth or to write
 * a fixture the back office cannot make: with the sqlite3 shell on a file
 * (read-only unless write), with `witan sql` (the same SQLite dialect,
 * translated; a write committed as witan commits) on a PostgreSQL URL.
 * A write runs in one transaction on both (the script has no BEGIN or
 * COMMIT of its own).
 * Resolves the rows as objects (none: []).
 */
export function dbQuery(db, query, { write = false, timeout = 20000 } = {}) {
  const pg = isPg(db);
  // (the SQL on stdin: any length, and a script that starts with a comment)
  const [cmd, args] = pg
    ? [witanPath(), ['sql', '--db', db, ...(write ? ['--write'] : []), '-']]
    : ['sqlite3', [...(write ? [] : ['-readonly']), '-bail', '-json', '-cmd', '.timeout 10000', db]];
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 512 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${pg ? 'witan sql' : 'sqlite3'} failed on ${JSON.stringify(query.slice(0, 200))}: ${stderr || err.message}`));
      // (sqlite3 prints one array a statement that has rows)
      const out = stdout.trim().replace(/\]\n*\[/g, ',');
      resolve(out === '' ? [] : JSON.parse(out));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(write && !pg ? `BEGIN;\n${query}\n;\nCOMMIT;\n` : query);
  });
}

/** Whether db names a PostgreSQL database (a URL), not a file. */
export const isPg = (db) => /^postgres(ql)?:\/\//.test(db);

// The documents' folder of each PostgreSQL database a server of this
// process runs on (a file's is beside it).
const stores = new Map();

/** The documents' folder of a test's database. */
export function storeOf(db) {
  return isPg(db) ? stores.get(db) : `${db}.files`;
}

/** A folder witan keeps beside a test's database ('.export'): beside the
 * file, or beside a PostgreSQL database's documents' folder. */
export function besideOf(db, suffix) {
  return isPg(db) ? `${stores.get(db)}${suffix}` : `${db}${suffix}`;
}

/** The environment a witan command run on db needs (WITAN_STORE), over process.env. */
export function envOf(db) {
  return isPg(db) ? { ...process.env, WITAN_STORE: stores.get(db) } : process.env;
}

/** SQL in PostgreSQL's own dialect on a test database (psql): rows of
 * the columns' text, tab-separated, as arrays. */
export function pgQuery(db, sql) {
  const r = spawnSync('psql', [db, '-qAtX', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`psql: ${sql.slice(0, 200)}: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

let pgSerial = 0;

/** A new database of PG's cluster for one server: a copy of template (a
 * database name), or empty.  Its name. */
async function pgDatabase(template) {
  const name = `t${process.pid}_${++pgSerial}`;
  for (let tries = 0; ; tries++) {
    try {
      pgAdmin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      return name;
    } catch (err) {
      // (two copies of one template at once: one waits for the other)
      if (tries > 100 || !/being accessed by other users/.test(err.message)) throw err;
      await sleep(100 + Math.random() * 200);
    }
  }
}

/** The demo template database of this binary and its documents' folder:
 * made by the first test process to take the lock (a folder), waited for
 * by the others. */
async function pgDemoTemplate(witan) {
  const st = statSync(witan);
  const tag = `${st.size}_${Math.trunc(st.mtimeMs)}`;
  const name = `demo_${tag}`;
  const files = `${witan}.pgdemo-${tag}`;
  const lock = `${files}.lock`;
  if (existsSync(path.join(files, 'ready'))) return { name, files };
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    /* another process makes it */
  }
  if (!mine) {
    for (let i = 0; i < 1200 && !existsSync(path.join(files, 'ready')); i++) await sleep(100);
    if (!existsSync(path.join(files, 'ready'))) throw new Error(`no PostgreSQL demo template after 2 minutes (${lock} is held)`);
    return { name, files };
  }
  try {
    rmSync(files, { recursive: true, force: true });
    pgAdmin(`DROP DATABASE IF EXISTS ${name}`);
    pgAdmin(`CREATE DATABASE ${name}`);
    mkdirSync(files);
    const init = await run(witan, ['init', '--db', pgUrl(name), '--demo'], { env: { WITAN_STORE: path.join(files, 'files') } });
    if (init.code !== 0) throw new Error(`\`witan init --db ${pgUrl(name)} --demo\` failed (exit ${init.code ?? init.signal}):\n${init.output}`);
    writeFileSync(path.join(files, 'ready'), '');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return { name, files };
}

/**
 * Creates a temporary database (with the demo data unless demo is false),
 * starts `witan serve` on a free loopback port and waits for /healthz.
 * Options: demo (default true), witan (binary path; default witanPath()),
 * timeoutMs (default 15000) for the health check, seed (an async function
 * given the database's path, run after init and before serve: rows a test
 * writes with the sqlite3 shell), args (more arguments for `witan serve`,
 * e.g. ['--https', '--base-url', URL]; serveArgs is the same).  With
 * --tls-cert among them, base is https:// and /healthz is asked over TLS.
 */
export async function startServer({ demo = true, witan = witanPath(), timeoutMs = 15000, seed = null, args = [], serveArgs: extra = [] } = {}) {
  if (!existsSync(witan) || !statSync(witan).isFile()) {
    throw new Error(
      `witan binary not found at ${witan}: build it with \`make\` in ${REPO_ROOT}, ` +
        'or set WITAN to the absolute path of the binary',
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'witan-test-'));
  let dbPath = path.join(dir, 't.db');
  const env = {};
  let pgName = null;
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgName) pgAdmin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  };

  try {
    if (PG) {
      env.WITAN_STORE = path.join(dir, 'files');
      const template = demo ? await pgDemoTemplate(witan) : null;
      pgName = await pgDatabase(template && template.name);
      dbPath = pgUrl(pgName);
      stores.set(dbPath, env.WITAN_STORE);
      if (demo) {
        cpSync(path.join(template.files, 'files'), env.WITAN_STORE, { recursive: true });
        // (the copy names the template's folder as its documents' folder)
        pgQuery(dbPath, `UPDATE witan_schema SET store = '${env.WITAN_STORE.replace(/'/g, "''")}'`);
      } else {
        const init = await run(witan, ['init', '--db', dbPath], { env });
        if (init.code !== 0) throw new Error(`\`${witan} init --db ${dbPath}\` failed (exit ${init.code ?? init.signal}):\n${init.output}`);
      }
    } else if (demo) {
      const template = await demoTemplate(witan);
      cpSync(path.join(template, 't.db'), dbPath);
      if (existsSync(path.join(template, 't.db.files'))) {
        cpSync(path.join(template, 't.db.files'), `${dbPath}.files`, { recursive: true });
      }
    } else {
      const init = await run(witan, ['init', '--db', dbPath]);
      if (init.code !== 0) {
        throw new Error(`\`${witan} init --db ${dbPath}\` failed (exit ${init.code ?? init.signal}):\n${init.output}`);
      }
    }
    if (seed) await seed(dbPath);
  } catch (err) {
    cleanup();
    throw err;
  }

  const port = await freePort();
  const serveArgs = ['serve', '--db', dbPath, '--listen', `127.0.0.1:${port}`, ...args, ...extra];
  const scheme = serveArgs.includes('--tls-cert') ? 'https' : 'http';
  const base = `${scheme}://127.0.0.1:${port}`;
  const log = new TailBuffer(200);
  const child = spawn(witan, serveArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  live.add(child);
  child.stdout.on('data', (d) => log.push(d));
  child.stderr.on('data', (d) => log.push(d));
  let spawnError = null;
  child.on('error', (err) => {
    spawnError = err;
  });
  child.on('exit', () => live.delete(child));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5000);
      }
    }
    live.delete(child);
    // (WITAN_TEST_LOGS=DIR keeps each server's last output lines there)
    if (process.env.WITAN_TEST_LOGS) writeFileSync(path.join(process.env.WITAN_TEST_LOGS, `${port}.log`), `${serveArgs.join(' ')}\n${log.text()}\n`);
    cleanup();
  };

  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`could not start ${witan}: ${spawnError.message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `exit ${child.exitCode}` : `signal ${child.signalCode}`;
      const output = log.text();
      await stop();
      throw new Error(`\`witan ${serveArgs.join(' ')}\` ended (${how}) before /healthz answered:\n${output}`);
    }
    try {
      const status = await probe(`${base}/healthz`, 2000);
      if (status === 200) break;
      lastProblem = `/healthz answered ${status}`;
    } catch (err) {
      lastProblem = err.cause?.code || err.code || err.message;
    }
    if (Date.now() > deadline) {
      const output = log.text();
      await stop();
      throw new Error(
        `witan did not answer 200 on ${base}/healthz within ${timeoutMs} ms (${lastProblem}); its output:\n${output}`,
      );
    }
    await sleep(100);
  }

  return {
    base,
    /** The database: a file's path, or (WITAN_TEST_PG) a PostgreSQL URL. */
    dbPath,
    db: dbPath,
    /** What a witan command run on db needs in its environment (WITAN_STORE). */
    env,
    dir,
    port,
    stop,
    /** The server's captured stdout and stderr so far (last lines). */
    output: () => log.text(),
  };
}

// ---------------------------------------------------------------------------
// Crawler

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeAttr(value) {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, name) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/**
 * The "page type" of a URL: its path with numeric segments (and segments
 * starting with digits, such as dates or "12-some-slug") replaced by {id},
 * and its query string reduced to the sorted names of its parameters:
 *   /meetings/12/items/3      -> /meetings/{id}/items/{id}
 *   /meetings?month=2024-05   -> /meetings?month
 */
export function pageType(url) {
  const u = new URL(url, 'http://x');
  const pathPart = u.pathname
    .split('/')
    .map((seg) => (/^[0-9]/.test(seg) ? '{id}' : seg))
    .join('/');
  const names = [...new Set([...u.searchParams.keys()])].sort();
  return names.length > 0 ? `${pathPart}?${names.join('&')}` : pathPart;
}

const LINK_RE = /\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** Same-origin links (fragment stripped) found in an HTML document. */
export function extractLinks(html, pageUrl, origin) {
  const links = [];
  for (const m of html.matchAll(LINK_RE)) {
    const raw = decodeAttr((m[1] ?? m[2]).trim());
    if (raw === '' || raw.startsWith('#')) continue;
    if (/^(mailto|tel|javascript|data|blob|about):/i.test(raw)) continue;
    let u;
    try {
      u = new URL(raw, pageUrl);
    } catch {
      continue;
    }
    if (u.origin !== origin) continue;
    u.hash = '';
    links.push(u.href);
  }
  return links;
}

/**
 * Fetches `${base}/` and every same-origin href/src reachable from HTML
 * responses (redirects are followed as links too, and recorded with their
 * 3xx status). Returns, in discovery order,
 *   [{url, status, contentType, body, referrer, location?, error?}]
 * where body is the text of text/html responses (else null), referrer is the
 * page the URL was first found on (null for the start page), and status is 0
 * when the request itself failed. The array has `truncated: true` when `max`
 * URLs were fetched and more remained. With maxPerType, at most that many
 * URLs of one pageType() are fetched (for endless spaces such as calendar
 * "next month" links); the array's `skipped` then counts the URLs left out.
 */
export async function crawl(base, { max = 2000, maxPerType = Infinity, concurrency = 4, timeoutMs = 10000 } = {}) {
  const origin = new URL(base).origin;
  const start = new URL('/', base).href;
  const seen = new Map([[start, null]]); // url -> referrer
  const results = [];
  const perType = new Map([[pageType(start), 1]]);
  let skipped = 0;
  let truncated = false;

  // Breadth-first, one level at a time: a level's pages are fetched
  // concurrently, then their links are queued in page order, so the result
  // order (and any sampling done on it) is the same on every run.
  async function visit(url) {
    const entry = { url, status: 0, contentType: null, body: null, referrer: seen.get(url), links: [] };
    try {
      let res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      // A 503 with Retry-After (a reports pack being built) is asked again,
      // as a polite crawler would, for up to a minute.
      for (let tries = 0; res.status === 503 && res.headers.get('retry-after') && tries < 300; tries++) {
        await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, 200));
        res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      }
      entry.status = res.status;
      entry.contentType = res.headers.get('content-type');
      const isHtml = /^\s*text\/html\b/i.test(entry.contentType || '');
      if (isHtml) entry.body = await res.text();
      else await res.arrayBuffer();
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        entry.location = location;
        try {
          const target = new URL(location, url);
          if (target.origin === origin) {
            target.hash = '';
            entry.links.push(target.href);
          }
        } catch {
          /* unparsable Location: reported by the status only */
        }
      }
      if (isHtml && entry.body) entry.links.push(...extractLinks(entry.body, url, origin));
    } catch (err) {
      entry.error = err.cause?.code || err.message;
    }
    return entry;
  }

  let level = [start];
  while (level.length > 0) {
    if (results.length + level.length > max) {
      level = level.slice(0, max - results.length);
      truncated = true;
    }
    const entries = new Array(level.length);
    let next = 0;
    const worker = async () => {
      while (next < level.length) {
        const i = next++;
        entries[i] = await visit(level[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, level.length) }, worker));
    const nextLevel = [];
    for (const entry of entries) {
      for (const link of entry.links) {
        if (seen.has(link)) continue;
        seen.set(link, entry.url);
        const type = pageType(link);
        const n = perType.get(type) ?? 0;
        if (n >= maxPerType) {
          skipped++;
          continue;
        }
        perType.set(type, n + 1);
        nextLevel.push(link);
      }
      delete entry.links;
      results.push(entry);
    }
    if (truncated) break;
    level = nextLevel;
  }

  if (truncated) results.truncated = true;
  if (skipped > 0) results.skipped = skipped;
  return results;
}
