// Helpers for the HTTP test tier (tests/http/*.test.mjs). Not a test file
// itself: node --test only runs files named *.test.mjs.
//
// Everything here finds its way around the site the way a reader does, by
// following links: no test hard-codes a database id.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { REPO_ROOT, dbQuery } from '../lib/server.mjs';

// ---------------------------------------------------------------------------
// HTML scraping (regexes are enough for the server's own, regular markup)

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes HTML character references. */
export function decode(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, name) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** The text of an HTML fragment: tags removed, references decoded, spaces collapsed. */
export function textOf(html) {
  return decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** Every <a href> in html as {href (decoded), text, html}. */
export function anchors(html) {
  const out = [];
  for (const m of html.matchAll(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    out.push({ href: decode(m[1]), text: textOf(m[2]), html: m[2] });
  }
  return out;
}

/** The one anchor whose text satisfies pred (a string is an exact match); throws otherwise. */
export function findAnchor(html, pred, what) {
  const test = typeof pred === 'string' ? (t) => t === pred : pred instanceof RegExp ? (t) => pred.test(t) : pred;
  const found = anchors(html).filter((a) => test(a.text));
  if (found.length === 0) throw new Error(`no link found for ${what ?? pred}`);
  return found[0];
}

/** The contents of <title>, decoded. */
export function titleOf(html) {
  const m = html.match(/<title>([\s\S]*?)<\/title>/i);
  return m ? decode(m[1]).trim() : null;
}

/** The <h1> elements of a page (their inner HTML). */
export function h1s(html) {
  return [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/gi)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------
// Fetching

/** GET (or other method) returning {res, status, headers, text}. Redirects are not followed. */
export async function get(base, urlPath, init = {}) {
  const res = await fetch(new URL(urlPath, base), { redirect: 'manual', ...init });
  const text = await res.text();
  return { res, status: res.status, headers: res.headers, text };
}

/** GET returning the body as a Buffer. */
export async function getBytes(base, urlPath, init = {}) {
  const res = await fetch(new URL(urlPath, base), { redirect: 'manual', ...init });
  const body = Buffer.from(await res.arrayBuffer());
  return { res, status: res.status, headers: res.headers, body };
}

/**
 * Sends raw bytes on a fresh TCP connection and parses one HTTP/1.x
 * response: {status, reason, headers (lower-case name -> value, repeated
 * names joined by ', '), rawHeaders (array of [name, value]), body: Buffer
 * (de-chunked), received: bytes after the head as sent}. Reading stops at
 * the end of the body (Content-Length or the last chunk), or when the
 * server closes the connection. For HEAD requests set noBody.
 */
export function rawRequest(port, data, { timeoutMs = 10000, noBody = false, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, host);
    const chunks = [];
    let total = 0;
    let parsed = null;
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no complete response within ${timeoutMs} ms`)), timeoutMs);

    function finish(err) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) return reject(err);
      const all = Buffer.concat(chunks, total);
      if (!parsed) parsed = parseHead(all);
      if (!parsed) return reject(new Error(`no HTTP response head in ${JSON.stringify(all.toString('latin1').slice(0, 200))}`));
      const rest = all.subarray(parsed.headLen);
      const len = parsed.headers['content-length'];
      let body;
      if (noBody) body = Buffer.alloc(0);
      else if (isChunked(parsed)) body = dechunk(rest).body;
      else if (len !== undefined) body = rest.subarray(0, Number(len));
      else body = rest;
      resolve({ ...parsed, body, received: rest.length });
    }

    function check() {
      const all = Buffer.concat(chunks, total);
      if (!parsed) parsed = parseHead(all);
      if (!parsed) return;
      if (noBody || parsed.status === 304 || parsed.status === 204) return finish();
      const len = parsed.headers['content-length'];
      if (isChunked(parsed)) {
        if (dechunk(all.subarray(parsed.headLen)).complete) finish();
      } else if (len !== undefined && all.length - parsed.headLen >= Number(len)) {
        finish();
      }
    }

    sock.on('data', (d) => {
      chunks.push(d);
      total += d.length;
      check();
    });
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    sock.on('error', (err) => {
      // A reset after a complete response (the server closing on a request
      // it refused) still counts as the response.
      if (total > 0) finish();
      else finish(err);
    });
    sock.on('connect', () => sock.write(data));
  });
}

const isChunked = (head) => /\bchunked\b/i.test(head.headers['transfer-encoding'] ?? '');

/** Decodes a chunked body: {body, complete} (complete once the last chunk is in). */
export function dechunk(buf) {
  const parts = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return { body: Buffer.concat(parts), complete: false };
    const size = parseInt(buf.subarray(at, eol).toString('latin1').split(';')[0].trim(), 16);
    if (!Number.isFinite(size)) throw new Error(`bad chunk size at byte ${at}`);
    if (size === 0) return { body: Buffer.concat(parts), complete: buf.indexOf('\r\n', eol + 2) >= 0 };
    if (buf.length < eol + 2 + size + 2) return { body: Buffer.concat(parts), complete: false };
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** Parses a response head from a buffer, or null if incomplete. */
export function parseHead(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = lines[0].match(/^HTTP\/1\.[01] (\d{3})(?: (.*))?$/);
  if (!m) throw new Error(`bad status line ${JSON.stringify(lines[0])}`);
  const headers = {};
  const rawHeaders = [];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    rawHeaders.push([name, value]);
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(m[1]), reason: m[2] ?? '', headers, rawHeaders, headLen: end + 4 };
}

// ---------------------------------------------------------------------------
// Finding the seed record by following links

export const SEED_TITLE = 'Police & Crime Plan Activity and Performance Monitoring Report (October - December 2018)';
export const SEED_COMMITTEE = 'West Mercia Police and Crime Panel';

/**
 * Follows links from the February 2019 calendar to the seed meeting (the
 * Panel's meeting of 4 February 2019) and its seed agenda item.
 * Returns {meetingUrl, meetingHtml, itemUrl, itemHtml, committeeUrl}.
 */
export async function findSeed(base) {
  const cal = await get(base, '/meetings?month=2019-02');
  if (cal.status !== 200) throw new Error(`/meetings?month=2019-02 answered ${cal.status}`);
  // Each meeting of the month is a list item: link, then its <time>.
  let meetingUrl = null;
  for (const li of cal.text.matchAll(/<li>([\s\S]*?)<\/li>/g)) {
    const a = anchors(li[1])[0];
    if (!a || !/^\/meetings\/\d+$/.test(a.href)) continue;
    if (a.text.includes(SEED_COMMITTEE) && /datetime="2019-02-04/.test(li[1])) {
      meetingUrl = a.href;
      break;
    }
  }
  if (!meetingUrl) throw new Error('no link to the Panel meeting of 4 February 2019 on /meetings?month=2019-02');
  const meeting = await get(base, meetingUrl);
  if (meeting.status !== 200) throw new Error(`${meetingUrl} answered ${meeting.status}`);
  const item = findAnchor(meeting.text, SEED_TITLE, 'the seed agenda item');
  const itemPage = await get(base, item.href);
  if (itemPage.status !== 200) throw new Error(`${item.href} answered ${itemPage.status}`);
  const committee = anchors(meeting.text).find((a) => /^\/committees\/\d+$/.test(a.href) && a.text === SEED_COMMITTEE);
  return {
    meetingUrl,
    meetingHtml: meeting.text,
    itemUrl: item.href,
    itemHtml: itemPage.text,
    committeeUrl: committee?.href ?? null,
  };
}

/** Links to /documents/{id}/{name} in an HTML page, as {href, id, name, text}. */
export function documentLinks(html) {
  const out = [];
  for (const a of anchors(html)) {
    const m = a.href.match(/^\/documents\/(\d+)\/([^/?#]+)$/);
    if (m) out.push({ href: a.href, id: Number(m[1]), name: decodeURIComponent(m[2]), text: a.text });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Confidentiality markers and PDF text

/** The marker words of confidential/unpublished demo content, read from src/demo/demo.h. */
export function demoMarkers() {
  const header = readFileSync(path.join(REPO_ROOT, 'src', 'demo', 'demo.h'), 'utf8');
  const markers = {};
  for (const m of header.matchAll(/#define (DEMO_\w+_MARKER) "(\w+)"/g)) markers[m[1]] = m[2];
  return markers;
}

/** The text of a PDF (pdftotext from poppler-utils, run on the bytes). */
export function pdfText(bytes) {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-q', '-', '-'], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 30000 }, (err, stdout) => {
      if (err) reject(new Error(`pdftotext failed: ${err.message}`));
      else resolve(stdout);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
  });
}

/** Resolves after ms. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a read-only query on a database with the sqlite3 CLI and returns the
 * rows as objects. Tests use it only to learn the record's ground truth
 * from the base tables (never the pub_* views under test).
 */
export function sql(dbPath, query) {
  return dbQuery(dbPath, query);
}
