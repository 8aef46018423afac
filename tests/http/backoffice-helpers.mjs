// Helpers for the back-office HTTP tests (backoffice*.test.mjs). Not a test
// file itself: node --test only runs files named *.test.mjs.
//
// Accounts are made with the CLI against the running server's database,
// sessions by signing in through POST /login, and the database is observed
// only through the sqlite3 CLI in read-only mode.

import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { dbQuery, isPg, pgQuery, storeOf, witanPath } from '../lib/server.mjs';
import { anchors, decode } from './helpers.mjs';

export const COOKIE = 'witan_session';

// ---------------------------------------------------------------------------
// The routing table, as `witan routes --json` prints it

/**
 * The routes of the route table (`witan routes --json`, src/routes/routes.def)
 * as [{pattern, methods (["GET", "HEAD", "POST"]), handler, get, post}], in
 * table order. A route added there is seen here with no change to the tests.
 */
export function readRoutes() {
  const out = JSON.parse(execFileSync(witanPath(), ['routes', '--json'], { encoding: 'utf8', timeout: 30000 }))
    .routes.map((r) => ({
      pattern: r.pattern,
      methods: r.methods,
      handler: r.handler,
      get: r.methods.includes('GET'),
      post: r.methods.includes('POST'),
    }));
  if (out.length === 0) throw new Error('no routes in `witan routes --json`');
  return out;
}

/** pattern with its placeholders ({id}, {name}, ...) replaced in order by values. */
export function fillPattern(pattern, values) {
  let i = 0;
  const out = pattern.replace(/\{[a-z_]+\}/g, () => {
    if (i >= values.length) throw new Error(`no value for placeholder ${i + 1} of ${pattern}`);
    return encodeURIComponent(String(values[i++]));
  });
  if (i !== values.length) throw new Error(`${values.length} values for ${i} placeholders in ${pattern}`);
  return out;
}

/** A RegExp matching the paths of a route pattern ({id}: a positive integer, {name}: one segment). */
export function patternRegExp(pattern) {
  const esc = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc.replace(/\{id\}/g, '[1-9][0-9]*').replace(/\{[a-z_]+\}/g, '[^/]+')}$`);
}

/** The number of placeholders in a route pattern. */
export const placeholders = (pattern) => (pattern.match(/\{[a-z_]+\}/g) || []).length;

// ---------------------------------------------------------------------------
// Accounts and sessions

/** Creates an account with `witan user add` on the database; returns its user id. */
export function addUser(dbPath, { email, role, password, name }) {
  const args = ['user', 'add', '--db', dbPath, '--email', email, '--role', role, '--password-stdin'];
  if (name) args.push('--name', name);
  const out = execFileSync(witanPath(), args, { input: `${password}\n`, encoding: 'utf8', timeout: 30000 });
  const m = out.match(/\(user (\d+)\)/);
  if (!m) throw new Error(`witan user add said ${JSON.stringify(out)}`);
  return Number(m[1]);
}

/** The value of the witan_session cookie set by a response, or null ('' when cleared). */
export function sessionCookieOf(res) {
  for (const c of res.headers.getSetCookie()) {
    const m = c.match(new RegExp(`^${COOKIE}=([^;]*)`));
    if (m) return m[1];
  }
  return null;
}

/** The raw Set-Cookie header of the session cookie, or null. */
export function sessionSetCookie(res) {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`)) ?? null;
}

/** A file field of a form: its bytes, the name and type the browser would send. */
export const fileField = (data, filename, type = 'application/octet-stream') => ({ data, filename, type });

/**
 * A form POST without following redirects: application/x-www-form-urlencoded,
 * or multipart/form-data when a field is a fileField().
 */
export async function post(base, urlPath, fields = {}, { cookie = null, headers = {} } = {}) {
  const h = { ...headers };
  if (cookie !== null) h.cookie = `${COOKIE}=${cookie}`;
  let body;
  if (Object.values(fields).some((v) => v && typeof v === 'object' && 'filename' in v)) {
    body = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (v && typeof v === 'object' && 'filename' in v) body.append(k, new Blob([v.data], { type: v.type }), v.filename);
      else body.append(k, String(v));
    }
  } else {
    // An array value is a repeated field (person=1&person=2).
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, String(x));
  }
  const res = await fetch(new URL(urlPath, base), { method: 'POST', redirect: 'manual', headers: h, body });
  const text = await res.text();
  return { res, status: res.status, headers: res.headers, text };
}

/** A GET (or HEAD) with an optional session cookie, without following redirects. */
export async function fetchAs(base, urlPath, { cookie = null, method = 'GET' } = {}) {
  const headers = {};
  if (cookie !== null) headers.cookie = `${COOKIE}=${cookie}`;
  const res = await fetch(new URL(urlPath, base), { method, redirect: 'manual', headers });
  const text = await res.text();
  return { res, status: res.status, headers: res.headers, text };
}

/** Signs in through POST /login; returns {cookie, csrf, res}. Throws unless it worked. */
export async function signIn(base, email, password) {
  const r = await post(base, '/login', { email, password, next: '/admin' });
  const cookie = sessionCookieOf(r.res);
  if (r.status !== 303 || !cookie) throw new Error(`signing in as ${email} answered ${r.status}: ${r.text.slice(0, 300)}`);
  const page = await fetchAs(base, '/admin', { cookie });
  if (page.status !== 200) throw new Error(`GET /admin after signing in as ${email} answered ${page.status}`);
  return { cookie, csrf: csrfOf(page.text), res: r.res };
}

/** The CSRF token in a back-office page (all hidden csrf fields must agree). */
export function csrfOf(html) {
  const all = [...html.matchAll(/<input type="hidden" name="csrf" value="([^"]*)">/g)].map((m) => decode(m[1]));
  if (all.length === 0) throw new Error('no csrf field in the page');
  if (new Set(all).size !== 1) throw new Error(`the page has ${new Set(all).size} different csrf tokens`);
  return all[0];
}

/** Every <option value> of the <select name=...> in a form, in order. */
export function selectOptions(html, name) {
  const m = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  if (!m) throw new Error(`no <select name="${name}">`);
  return [...m[1].matchAll(/<option value="([^"]*)"/g)].map((o) => decode(o[1]));
}

/** The admin meeting links (/admin/meetings/{id}) of /admin, in page order. */
export const adminMeetingIds = (html) =>
  anchors(html)
    .map((a) => a.href.match(/^\/admin\/meetings\/(\d+)$/))
    .filter(Boolean)
    .map((m) => Number(m[1]));

/** The item ids linked from an admin meeting page, in agenda order. */
export const adminItemIds = (html, meetingId) =>
  anchors(html)
    .map((a) => a.href.match(new RegExp(`^/admin/meetings/${meetingId}/items/(\\d+)$`)))
    .filter(Boolean)
    .map((m) => Number(m[1]));

// ---------------------------------------------------------------------------
// Observing the database

function sqlite(dbPath, query) {
  return dbQuery(dbPath, query);
}
export { sqlite as sql };

/**
 * Waits until the server's document-text thread has read every uploaded
 * document (none is 'pending'), so that its writes cannot land between two
 * snapshots. Throws after timeoutMs.
 */
export async function textSettled(dbPath, { timeoutMs = 60000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await sqlite(dbPath, "SELECT count(*) AS n FROM file WHERE text_status = 'pending'");
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} documents still waiting for their text after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const q = (name) => `"${name.replace(/"/g, '""')}"`;
const lit = (s) => `'${s.replace(/'/g, "''")}'`;

/**
 * Builds snapshot(): every table's row count and a SHA3 of its whole
 * content, and the max(id) / max(modified) of meeting and agenda_item and
 * max(id) / max(at) of audit_log. Columns in `exclude` ({table: [column]})
 * are left out (session.last_seen: reading a back-office page touches it).
 */
export async function makeSnapshot(dbPath, { exclude = { session: ['last_seen'] }, storeDir = storeOf(dbPath) } = {}) {
  if (isPg(dbPath)) return pgSnapshot(dbPath, exclude, storeDir);
  await textSettled(dbPath);
  const tables = (await sqlite(dbPath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")).map((r) => r.name);
  const parts = [];
  for (const t of tables) {
    const cols = (await sqlite(dbPath, `PRAGMA table_info(${q(t)})`)).map((c) => c.name).filter((c) => !(exclude[t] || []).includes(c));
    const inner = `SELECT ${cols.map(q).join(', ')} FROM ${q(t)}`;
    parts.push(`SELECT ${lit(`${t} rows`)} AS k, count(*) AS v FROM ${q(t)}`);
    parts.push(`SELECT ${lit(`${t} content`)}, hex(sha3_query(${lit(inner)}))`);
  }
  for (const [t, col] of [['meeting', 'modified'], ['agenda_item', 'modified'], ['audit_log', 'at']]) {
    parts.push(`SELECT ${lit(`${t} max(id)`)}, max(id) FROM ${q(t)}`);
    parts.push(`SELECT ${lit(`${t} max(${col})`)}, max(${q(col)}) FROM ${q(t)}`);
  }
  const query = parts.join('\nUNION ALL\n');
  return async function snapshot() {
    await textSettled(dbPath);
    const rows = await sqlite(dbPath, query);
    const snap = Object.fromEntries(rows.map((r) => [r.k, r.v]));
    if (storeDir) Object.assign(snap, storeListing(storeDir));
    return snap;
  };
}

/** The document store's files (count, and a hash of their names and sizes). */
/** makeSnapshot() of a PostgreSQL database, in its own SQL (psql): each
 * table's rows and an MD5 of its rows' text in order, and the same maxima. */
async function pgSnapshot(db, exclude, storeDir) {
  await textSettled(db);
  const tables = pgQuery(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'" +
    " AND table_type = 'BASE TABLE' ORDER BY table_name").map((r) => r[0])
    // (witan_change counts writes, as SQLite's data_version, which no snapshot reads: a permitted write moves it)
    .filter((t) => t !== 'witan_change');
  const parts = [];
  for (const t of tables) {
    const cols = pgQuery(db, `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'
      AND table_name = ${lit(t)} ORDER BY ordinal_position`).map((r) => r[0]).filter((c) => !(exclude[t] || []).includes(c));
    parts.push(`SELECT ${lit(`${t} rows`)}, count(*)::text FROM ${q(t)}`);
    parts.push(`SELECT ${lit(`${t} content`)}, md5(COALESCE(string_agg(x::text, E'\\n' ORDER BY x::text), ''))` +
      ` FROM (SELECT ${cols.map(q).join(', ')} FROM ${q(t)}) x`);
  }
  for (const [t, col] of [['meeting', 'modified'], ['agenda_item', 'modified'], ['audit_log', 'at']]) {
    parts.push(`SELECT ${lit(`${t} max(id)`)}, max(id)::text FROM ${q(t)}`);
    parts.push(`SELECT ${lit(`${t} max(${col})`)}, max(${q(col)})::text FROM ${q(t)}`);
  }
  const query = parts.join('\nUNION ALL\n');
  return async function snapshot() {
    await textSettled(db);
    const snap = Object.fromEntries(pgQuery(db, query).map(([k, v]) => [k, v]));
    if (storeDir) Object.assign(snap, storeListing(storeDir));
    return snap;
  };
}

export function storeListing(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(`${path.relative(dir, p)} ${statSync(p).size}`);
    }
  };
  if (existsSync(dir)) walk(dir);
  files.sort();
  return { 'store files': files.length, 'store content': createHash('sha256').update(files.join('\n')).digest('hex') };
}

/** The audit_log rows after id `after`, oldest first. */
export const auditSince = (dbPath, after) =>
  sqlite(dbPath, `SELECT id, user_id, action, entity, entity_id FROM audit_log WHERE id > ${Number(after)} ORDER BY id`);

/** The largest audit_log id (0 when empty). */
export async function maxAuditId(dbPath) {
  const [r] = await sqlite(dbPath, 'SELECT COALESCE(max(id), 0) AS n FROM audit_log');
  return r.n;
}

// ---------------------------------------------------------------------------
// Finding the back office's pages by following its links

/**
 * Follows <a href> links as a session, from `starts`, through the pages
 * whose paths match one of `patterns` (route patterns), and returns a Map
 * pattern -> the first URL found for it. Only links matching a pattern are
 * followed (every one of them a GET route), at most maxPages of them.
 */
export async function discoverPages(base, cookie, patterns, starts, { maxPages = 60 } = {}) {
  const found = new Map();
  const res = patterns.map((p) => [p, patternRegExp(p)]);
  const which = (url) => res.find(([, re]) => re.test(new URL(url, base).pathname))?.[0];
  const seen = new Set(starts);
  const queue = [...starts];
  const queuedTypes = new Set(starts.map(which).filter(Boolean));
  for (let n = 0; queue.length > 0 && n < maxPages && found.size < patterns.length; n++) {
    const url = queue.shift();
    const p = which(url);
    if (p && !found.has(p)) found.set(p, url);
    const r = await fetchAs(base, url, { cookie });
    if (r.status !== 200 || !/^text\/html/.test(r.headers.get('content-type') || '')) continue;
    for (const a of anchors(r.text)) {
      let u;
      try {
        u = new URL(a.href, new URL(url, base));
      } catch {
        continue;
      }
      if (u.origin !== new URL(base).origin) continue;
      const next = u.pathname + u.search;
      const np = which(next);
      // One URL of each page type is enough: skip links to types already
      // queued, so that 45 meetings do not crowd out the other pages.
      if (seen.has(next) || !np || queuedTypes.has(np)) continue;
      seen.add(next);
      queuedTypes.add(np);
      queue.push(next);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------
// Second factor (TOTP, RFC 6238: HMAC-SHA1, 30 s steps, 6 digits)

/** The TOTP step of now (or of t, in ms). */
export const totpStep = (t = Date.now()) => Math.floor(t / 1000 / 30);

/** The 6-digit code of a base32 secret for a step, as authenticator apps make it. */
export function totpCode(secretB32, step = totpStep()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretB32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(msg).digest();
  const off = h[19] & 15;
  return String((h.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}
