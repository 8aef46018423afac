// E-mail alerts (issue 15), from outside: a reader follows a committee, a
// search, confirms by the link in the message, and gets one message per
// publication, with the headers a mail client needs (List-Unsubscribe and
// one-click unsubscribe, List-Help, Precedence, Auto-Submitted), a text and
// an HTML part and nothing remote; the unsubscribe link's GET changes
// nothing and its POST stops the alerts at once; what is queued survives a
// kill -9; a saved search tells of a new matching document and never of an
// exempt item; bad requests, unknown links, too many requests and a
// bouncing address are refused.
//
// Messages go to a local SMTP sink (tests/http/smtp-sink.py, Debian's
// python3-aiosmtpd), which writes each one it accepts to a file; the
// database is read (sqlite3, read-only) only to pick meetings and to wait
// for what the sender did with a refused message.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO_ROOT, freePort, witanPath } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { get, sleep } from './helpers.mjs';
import { BackOffice, textPdf } from './sweep-helpers.mjs';

const WITAN = witanPath();
const MAIL_FROM = 'alerts@example.org';
const PASSWORD = 'alerts test password';
const TAG = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const MAIL_WAIT_MS = 15000; // how long a message may take to arrive
const QUIET_MS = 6000; // how long to wait before saying that nothing arrived

let work; // a temporary directory: the template database, the servers' copies, the sink's files
let template; // a demo database made once (init --demo is slow), copied for each server
let sink; // {port, dir, stop}
let A; // the main server (with --smtp)
let bo; // an administrator on A
const procs = new Set(); // every process started here, killed at the end whatever happens

// ---------------------------------------------------------------------------
// Processes

function track(child) {
  procs.add(child);
  child.on('exit', () => procs.delete(child));
  return child;
}

process.once('exit', () => {
  for (const c of procs) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
});

function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

function runToEnd(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}\n${out}`))));
  });
}

/** Starts the SMTP sink writing into dir; resolves {port, dir, stop}. */
function startSink(dir) {
  return new Promise((resolve, reject) => {
    const child = track(spawn('/usr/bin/python3', [path.join(REPO_ROOT, 'tests/http/smtp-sink.py'), dir], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the SMTP sink said nothing in 10 s: ${out} ${err}`)), 10000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/READY (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          port: Number(m[1]),
          dir,
          stop: async () => {
            child.kill('SIGTERM');
            if (!(await exited(child, 3000))) child.kill('SIGKILL');
          },
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the SMTP sink ended (${code}): ${err}`));
    });
  });
}

/** A copy of the template database in a directory of its own; returns its path. */
function copyDb(name) {
  const d = path.join(work, name);
  cpSync(path.dirname(template), d, { recursive: true });
  return path.join(d, 't.db');
}

/**
 * `witan serve` on dbPath (on port, or a free one), sending through the
 * sink when smtp is true; waits for /healthz. Returns {base, port, dbPath,
 * child, output(), stop(), kill9()}.
 */
async function serve(dbPath, { port = null, smtp = true } = {}) {
  port ??= await freePort();
  const args = ['serve', '--db', dbPath, '--listen', `127.0.0.1:${port}`];
  if (smtp) args.push('--smtp', `smtp://127.0.0.1:${sink.port}`, '--mail-from', MAIL_FROM);
  const child = track(spawn(WITAN, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-20000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-20000)));
  const base = `http://127.0.0.1:${port}`;
  const srv = {
    base,
    port,
    dbPath,
    child,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await exited(child, 5000))) child.kill('SIGKILL');
        await exited(child, 5000);
      }
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited(child, 5000);
    },
  };
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`witan ${args.join(' ')} ended before /healthz answered:\n${log}`);
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000), headers: { connection: 'close' } });
      await r.arrayBuffer();
      if (r.status === 200) return srv;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      await srv.stop();
      throw new Error(`witan ${args.join(' ')} did not answer /healthz in 15 s:\n${log}`);
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------
// Messages as the sink wrote them

/** Quoted-printable to a Buffer. */
function qpDecode(s) {
  const t = s.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(t.slice(i + 1, i + 3))) {
      bytes.push(parseInt(t.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(t.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (B and Q) in a header value. */
function decodeWords(v) {
  return v
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (m, cs, enc, data) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : qpDecode(data.replace(/_/g, ' ')).toString('utf8'));
}

/** Splits head and body and reads the head: {headers: Map lower-name -> [values], body}. */
function splitEntity(raw) {
  let i = raw.indexOf('\r\n\r\n');
  let sepLen = 4;
  if (i < 0) {
    i = raw.indexOf('\n\n');
    sepLen = 2;
  }
  if (i < 0) throw new Error(`no end of headers in ${JSON.stringify(raw.slice(0, 300))}`);
  const headers = new Map();
  for (const line of raw.slice(0, i).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c <= 0) throw new Error(`a header line without a name: ${JSON.stringify(line)}`);
    const name = line.slice(0, c).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, []);
    headers.get(name).push(line.slice(c + 1).trim());
  }
  return { headers, body: raw.slice(i + sepLen) };
}

function decodeBody(body, headers) {
  const cte = (headers.get('content-transfer-encoding')?.[0] ?? '7bit').toLowerCase();
  const bytes =
    cte === 'quoted-printable' ? qpDecode(body) : cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'latin1');
  return bytes.toString('utf8');
}

/**
 * Parses a message minimally: {headers (Map of arrays), header(name) (the
 * one value, or throws when repeated), subject (decoded), parts:
 * [{type, text}] (one for a single part)}.
 */
function parseMessage(raw, file) {
  const { headers, body } = splitEntity(raw);
  const header = (name) => {
    const v = headers.get(name.toLowerCase());
    if (!v) return null;
    if (v.length !== 1) throw new Error(`${file}: ${v.length} ${name} headers`);
    return v[0];
  };
  const ctype = header('content-type') ?? 'text/plain';
  const parts = [];
  const bm = ctype.match(/boundary="?([^";]+)"?/i);
  if (/^multipart\//i.test(ctype)) {
    if (!bm) throw new Error(`${file}: a multipart message without a boundary`);
    const delim = `--${bm[1]}`;
    const pieces = body.split(delim);
    assert.ok(pieces.length >= 3, `${file}: the body has its parts`);
    assert.match(pieces[pieces.length - 1], /^--/, `${file}: the closing delimiter is there`);
    for (const piece of pieces.slice(1, -1)) {
      const p = splitEntity(piece.replace(/^\r?\n/, ''));
      const type = (p.headers.get('content-type')?.[0] ?? 'text/plain').split(';')[0].trim().toLowerCase();
      parts.push({ type, contentType: p.headers.get('content-type')?.[0] ?? '', text: decodeBody(p.body.replace(/\r?\n$/, ''), p.headers) });
    }
  } else {
    parts.push({ type: ctype.split(';')[0].trim().toLowerCase(), contentType: ctype, text: decodeBody(body, headers) });
  }
  const subject = decodeWords(header('subject') ?? '');
  const part = (type) => parts.find((p) => p.type === type)?.text ?? null;
  return { file, raw, headers, header, subject, parts, text: part('text/plain'), html: part('text/html') };
}

const parsed = new Map(); // file name -> message

/** Every message the sink accepted so far, in order, with its envelope. */
function allMail() {
  if (!existsSync(sink.dir)) return [];
  const names = readdirSync(sink.dir).filter((f) => f.endsWith('.eml')).sort();
  for (const n of names) {
    if (parsed.has(n)) continue;
    const raw = readFileSync(path.join(sink.dir, n)).toString('latin1');
    const env = JSON.parse(readFileSync(path.join(sink.dir, n.replace(/\.eml$/, '.env')), 'utf8'));
    parsed.set(n, { ...parseMessage(raw, n), env });
  }
  return names.map((n) => parsed.get(n));
}

/** The messages sent to addr (by the envelope), in order. */
const mailTo = (addr) => allMail().filter((m) => m.env.rcpt_tos.some((r) => r.toLowerCase() === addr.toLowerCase()));

/** Waits until `count` messages to addr satisfy pred; returns them. */
async function waitMail(addr, pred = () => true, { count = 1, timeoutMs = MAIL_WAIT_MS, what = 'a message' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailTo(addr).filter(pred);
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      const got = mailTo(addr).map((m) => m.subject);
      throw new Error(`${what} to ${addr} did not arrive within ${timeoutMs} ms (it got ${JSON.stringify(got)})`);
    }
    await sleep(200);
  }
}

/** 'confirm', or what an alert is about ("Agenda published"), from its subject. */
const kindOf = (m) => (/^Confirm your e-mail alerts from /.test(m.subject) ? 'confirm' : m.subject.split(':')[0]);

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TOKEN = '[A-Za-z0-9_-]{20,60}';

/** The confirmation link in a confirmation message (its text part). */
function confirmLink(msg, base) {
  assert.ok(msg.text, 'the confirmation has a text part');
  const m = msg.text.match(new RegExp(`${esc(base)}/alerts/confirm/(${TOKEN})(?=\\s|$)`));
  assert.ok(m, `the confirmation's text has a link ${base}/alerts/confirm/TOKEN:\n${msg.text}`);
  return new URL(m[0]).pathname;
}

/** Subscribes addr (fields: follow, id, q, ...); the answer must be 200 "Check your e-mail". */
async function subscribe(base, fields, addr, frequency = 'immediate') {
  const r = await post(base, '/alerts', { ...fields, email: addr, frequency });
  assert.equal(r.status, 200, `POST /alerts for ${addr} ${JSON.stringify(fields)}: ${r.text.slice(0, 400)}`);
  assert.match(r.text, /Check your e-mail/);
  return r;
}

/** Subscribes, waits for the confirmation, follows its link; returns the confirmation message. */
async function subscribeAndConfirm(base, fields, addr) {
  await subscribe(base, fields, addr);
  const [conf] = await waitMail(addr, (m) => /^Confirm your e-mail alerts from /.test(m.subject), { what: 'the confirmation' });
  const link = confirmLink(conf, base);
  const r = await get(base, link);
  assert.equal(r.status, 200, `GET ${link}`);
  assert.match(r.text, /Your alerts are confirmed/);
  return conf;
}

/**
 * Checks an alert message: the headers a list message needs, a
 * multipart/alternative of text/plain and text/html, an HTML part that
 * loads nothing. Returns {unsubscribe, manage} (the URLs of the headers).
 */
function checkAlert(msg, base, addr) {
  const h = (n) => msg.header(n);
  assert.match(h('content-type'), /^multipart\/alternative;\s*boundary=/i, `${msg.file}: Content-Type`);
  assert.deepEqual(msg.parts.map((p) => p.type).sort(), ['text/html', 'text/plain'], `${msg.file}: a text and an HTML part`);
  for (const p of msg.parts) assert.match(p.contentType, /charset="?utf-8"?/i, `${msg.file}: ${p.type} says its charset`);
  const unsub = h('list-unsubscribe')?.match(new RegExp(`^<(${esc(base)}/alerts/unsubscribe/${TOKEN})>$`));
  assert.ok(unsub, `${msg.file}: List-Unsubscribe is <${base}/alerts/unsubscribe/TOKEN>: ${h('list-unsubscribe')}`);
  assert.equal(h('list-unsubscribe-post'), 'List-Unsubscribe=One-Click', `${msg.file}: List-Unsubscribe-Post`);
  assert.equal(h('precedence'), 'bulk', `${msg.file}: Precedence`);
  assert.equal(h('auto-submitted'), 'auto-generated', `${msg.file}: Auto-Submitted`);
  assert.match(h('message-id') ?? '', /^<[^<>\s@]+@[^<>\s@]+>$/, `${msg.file}: Message-ID`);
  const date = Date.parse(h('date') ?? '');
  assert.ok(Number.isFinite(date) && Math.abs(date - Date.now()) < 10 * 60e3, `${msg.file}: Date is now: ${h('date')}`);
  const help = h('list-help')?.match(new RegExp(`^<(${esc(base)}/alerts/manage/${TOKEN})>$`));
  assert.ok(help, `${msg.file}: List-Help is <${base}/alerts/manage/TOKEN>: ${h('list-help')}`);
  assert.match(h('from') ?? '', new RegExp(`<${esc(MAIL_FROM)}>$`), `${msg.file}: From`);
  assert.match(h('to') ?? '', new RegExp(`<?${esc(addr)}>?$`, 'i'), `${msg.file}: To`);
  assert.equal(msg.env.mail_from, MAIL_FROM, `${msg.file}: the envelope sender`);
  // The HTML loads nothing: no images, no other remote (or any) resources.
  const html = msg.html;
  for (const [re, what] of [
    [/<img\b/i, '<img'],
    [/\ssrc\s*=/i, 'a src attribute'],
    [/\sbackground\s*=/i, 'a background attribute'],
    [/<link\b/i, '<link'],
    [/<(script|iframe|object|embed|video|audio|source|frame|svg)\b/i, 'an embedded object or script'],
    [/url\s*\(/i, 'a CSS url()'],
    [/@import/i, 'a CSS @import'],
  ]) assert.doesNotMatch(html, re, `${msg.file}: the HTML part has ${what}`);
  // Both parts carry the way out.
  for (const p of [msg.text, html]) {
    assert.ok(p.includes(unsub[1]), `${msg.file}: a part lacks the unsubscribe link`);
    assert.ok(p.includes(help[1]), `${msg.file}: a part lacks the manage link`);
  }
  return { unsubscribe: unsub[1], manage: help[1] };
}

/** The text of a page's error summary (the form's errors), or '' when it has none. */
function errorsOf(html) {
  const m = html.match(/<div class="error-summary"[\s\S]*?<\/div>/);
  return m ? m[0].replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ') : '';
}

/** The id of the committee named name. */
async function committeeId(dbPath, name) {
  const [row] = await sql(dbPath, `SELECT id FROM organization WHERE name = '${name.replace(/'/g, "''")}' AND deleted = 0`);
  assert.ok(row, `the demo has the committee ${name}`);
  return row.id;
}

/** Publishes a new meeting's agenda for committee (one item); returns the meeting id. */
async function newAgenda(office, committee, date, title) {
  const id = await office.createMeeting({ organization: committee, date, start: '11:00' });
  assert.ok(id > 0, 'the meeting was created');
  await office.addItem(id, title);
  await office.publishAgenda(id);
  return id;
}

// ---------------------------------------------------------------------------

before(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'witan-alerts-'));
  template = path.join(work, 'template', 't.db');
  mkdirSync(path.dirname(template));
  await runToEnd(WITAN, ['init', '--db', template, '--demo']);
  sink = await startSink(path.join(work, 'mail'));
  A = await serve(copyDb('a'));
  addUser(A.dbPath, { email: 'alerts-admin@example.org', role: 'admin', password: PASSWORD });
  bo = new BackOffice(A.base, (await signIn(A.base, 'alerts-admin@example.org', PASSWORD)).cookie);
});

after(async () => {
  await A?.stop();
  await sink?.stop();
  for (const c of procs) c.kill('SIGKILL');
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('following a committee', () => {
  test('confirm, one message for the agenda and one for the minutes, one-click unsubscribe, then nothing', async () => {
    const addr = `committee-${TAG}@example.org`;
    const control = `control-${TAG}@example.org`; // still following at the end: proof that the last publication was told
    // The committee with a draft agenda and draft minutes: the demo drafts the minutes of its latest
    // meeting held, so which committee that is depends on the day (the Panel when it can).
    const [pick] = await sql(A.dbPath, `SELECT o.id, o.name FROM organization o WHERE o.deleted = 0
      AND EXISTS (SELECT 1 FROM meeting m WHERE m.organization_id = o.id AND m.published = 1 AND m.deleted = 0
        AND m.agenda_status = 'published' AND m.minutes_status = 'draft')
      AND EXISTS (SELECT 1 FROM meeting m WHERE m.organization_id = o.id AND m.published = 1 AND m.deleted = 0
        AND m.agenda_status = 'draft')
      ORDER BY o.name = 'West Mercia Police and Crime Panel' DESC, o.id LIMIT 1`);
    assert.ok(pick, 'the demo has a committee with a draft agenda and draft minutes');
    const committee = pick.id;
    const named = new RegExp(esc(pick.name.replace(/&/g, '&amp;')));
    const [agenda] = await sql(A.dbPath, `SELECT id, start_at FROM meeting WHERE organization_id = ${committee} AND published = 1`
      + " AND deleted = 0 AND agenda_status = 'draft' ORDER BY start_at LIMIT 1");
    const [minutes] = await sql(A.dbPath, `SELECT id, start_at FROM meeting WHERE organization_id = ${committee} AND published = 1`
      + " AND deleted = 0 AND agenda_status = 'published' AND minutes_status = 'draft' ORDER BY start_at LIMIT 1");
    assert.ok(agenda && minutes);

    // The form, as the committee's "Get e-mail alerts" link opens it.
    const form = await get(A.base, `/alerts?follow=committee&id=${committee}`);
    assert.equal(form.status, 200);
    assert.match(form.text, /<form method="post" action="\/alerts"/);
    assert.match(form.text, /<input type="hidden" name="follow" value="committee">/);
    assert.match(form.text, new RegExp(`<input type="hidden" name="id" value="${committee}">`));
    assert.match(form.text, /name="email"/);
    assert.match(form.text, /<select[^>]*name="frequency"/);
    assert.match(form.text, named);

    const conf = await subscribeAndConfirm(A.base, { follow: 'committee', id: committee }, addr);
    assert.match(conf.text, named, 'the confirmation says what is followed');
    assert.equal(conf.env.mail_from, MAIL_FROM);
    await subscribeAndConfirm(A.base, { follow: 'committee', id: committee }, control);

    // The agenda.
    await bo.publishAgenda(agenda.id);
    const [a] = await waitMail(addr, (m) => m.subject.startsWith('Agenda published: '), { what: 'the agenda alert' });
    const aLinks = checkAlert(a, A.base, addr);
    const day = new Date(`${agenda.start_at.slice(0, 10)}T12:00:00Z`);
    const longDate = `${day.getUTCDate()} ${day.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${day.getUTCFullYear()}`;
    assert.match(a.subject, new RegExp(`^Agenda published: .+, \\w+day ${longDate}`), 'the subject names the meeting and its date');
    assert.ok(a.text.includes(`${A.base}/meetings/${agenda.id}`), 'the text links the meeting');
    assert.ok(a.html.includes(`href="${A.base}/meetings/${agenda.id}"`), 'the HTML links the meeting');

    // The minutes.
    await bo.minutes(minutes.id, 'published');
    const [mi] = await waitMail(addr, (m) => m.subject.startsWith('Minutes published: '), { what: 'the minutes alert' });
    const mLinks = checkAlert(mi, A.base, addr);
    assert.ok(mi.text.includes(`${A.base}/meetings/${minutes.id}`), 'the text links the meeting');
    assert.notEqual(mi.header('message-id'), a.header('message-id'), 'each message has its own Message-ID');
    assert.equal(mLinks.manage, aLinks.manage, 'the same manage link in every message');

    // Exactly one message for each, and nothing else (the confirmation aside).
    await sleep(2500);
    assert.deepEqual(mailTo(addr).map(kindOf), ['confirm', 'Agenda published', 'Minutes published']);

    // The unsubscribe link: a GET shows a button and changes nothing.
    const unsubPath = new URL(mLinks.unsubscribe).pathname;
    for (let i = 0; i < 2; i++) {
      const g = await get(A.base, unsubPath);
      assert.equal(g.status, 200, `GET ${unsubPath} (${i + 1})`);
      assert.match(g.text, new RegExp(`<form method="post" action="${esc(unsubPath)}">`));
      assert.match(g.text, /<button\b/);
      assert.match(g.text, named, 'it says what it stops');
    }
    const subs = () => sql(A.dbPath, `SELECT s.confirmed FROM alert_subscription s JOIN alert_subscriber a ON a.id = s.subscriber_id WHERE a.email = '${addr}'`);
    assert.equal((await subs()).filter((s) => s.confirmed).length, 1, 'a GET leaves the subscription as it was');

    // One click: a POST with no cookie, whatever the body.
    const res = await fetch(mLinks.unsubscribe, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    const body = await res.text();
    assert.equal(res.status, 200, body.slice(0, 300));
    assert.match(body, /You are unsubscribed/);
    assert.deepEqual(await subs(), [], 'the subscription is gone');

    // Another agenda of the committee: the control hears of it, addr does not.
    const before = mailTo(addr).length;
    const t0 = Date.now();
    const later = new Date(Date.now() + 110 * 86400e3).toISOString().slice(0, 10);
    const third = await newAgenda(bo, committee, later, `Alerts test item ${TAG}`);
    await waitMail(control, (m) => m.subject.startsWith('Agenda published: ') && m.text.includes(`/meetings/${third}`), { what: "the control's alert of the new agenda" });
    await sleep(Math.max(0, QUIET_MS - (Date.now() - t0)));
    assert.equal(mailTo(addr).length, before, `nothing more to ${addr} after unsubscribing: ${JSON.stringify(mailTo(addr).slice(before).map((m) => m.subject))}`);
    // And the control had each publication once.
    assert.deepEqual(mailTo(control).map(kindOf), ['confirm', 'Agenda published', 'Minutes published', 'Agenda published']);
  });
});

describe('a saved search', () => {
  // Two subscriptions, confirmed together: the first change after
  // confirming (a matching document for `one`) is news; `two` then sees an
  // exempt item that matches (never told) and two matching documents.
  const one = `search-${TAG}@example.org`;
  const two = `search2-${TAG}@example.org`;
  const word1 = `zq${TAG}quorvex`;
  const word2 = `zq${TAG}pellimar`;
  let X; // {meeting, item}: a public item of a published agenda
  let Y; // another one
  const itemPath = (t) => `/meetings/${t.meeting}/items/${t.item}`;
  const newMatch = (m) => /^New match: /.test(m.subject) || /New match/.test(m.text ?? '');

  before(async () => {
    const items = await sql(A.dbPath, 'SELECT m.id AS meeting, i.id AS item FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id'
      + " WHERE m.published = 1 AND m.deleted = 0 AND m.agenda_status = 'published' AND i.exempt = 0 AND i.deleted = 0"
      + " AND i.kind = 'item' ORDER BY m.start_at DESC, i.id LIMIT 2");
    assert.equal(items.length, 2, 'the demo has public items on published agendas');
    [X, Y] = items;
    // The form for a search (as /search's "Get e-mail alerts for this search" opens it).
    const form = await get(A.base, `/alerts?follow=search&q=${word1}`);
    assert.equal(form.status, 200);
    assert.match(form.text, /<input type="hidden" name="follow" value="search">/);
    assert.match(form.text, new RegExp(`<input type="hidden" name="q" value="${word1}">`));
    await subscribeAndConfirm(A.base, { follow: 'search', q: word1 }, one);
    await subscribeAndConfirm(A.base, { follow: 'search', q: word2 }, two);
    await sleep(2500); // a round of the sender (every ~2 s) after the confirmations
  });

  test('the first matching document after confirming is told as a new match', async () => {
    const doc = `Alerts report one ${TAG}`;
    await bo.upload(X.meeting, { title: doc, item: X.item, filename: `alerts-one-${TAG}.pdf`, bytes: textPdf([`This report is about ${word1} and nothing else.`]) });
    const [m] = await waitMail(one, newMatch, { what: 'the new match of a document (the first change after confirming)' });
    checkAlert(m, A.base, one);
    assert.match(m.subject, /^New match: /);
    // Told as the document, or as the agenda item it is in (new to this search).
    assert.ok(m.text.includes(doc) || m.text.includes(`${A.base}${itemPath(X)}`), `the message names the document or its item:\n${m.text}`);
  });

  test('an exempt item that matches is never told; new matching documents are, each once', async () => {
    // An exempt item whose (never public) description matches: nothing.
    const exemptTitle = `Alerts exempt item ${TAG}`;
    const exempt = await bo.addItem(X.meeting, exemptTitle);
    assert.ok(exempt > 0);
    await bo.saveItem(X.meeting, exempt, {
      paragraph: '3', reason: 'The public interest in withholding outweighs disclosure',
      description: `Commercial terms for ${word2}, in confidence.`,
    });
    const [row] = await sql(A.dbPath, `SELECT exempt, instr(description_md, '${word2}') > 0 AS d FROM agenda_item WHERE id = ${exempt}`);
    assert.deepEqual(row, { exempt: 1, d: 1 }, 'the record holds the exempt item with the word');
    await sleep(QUIET_MS);
    assert.deepEqual(mailTo(two).map(kindOf), ['confirm'], 'nothing about the exempt item');

    // A matching document in an item new to the search: told.
    const doc2 = `Alerts report two ${TAG}`;
    await bo.upload(Y.meeting, { title: doc2, item: Y.item, filename: `alerts-two-${TAG}.pdf`, bytes: textPdf([`More on ${word2}.`]) });
    const [m2] = await waitMail(two, newMatch, { what: 'the new match of a document in an item new to the search' });
    checkAlert(m2, A.base, two);
    assert.ok(m2.text.includes(doc2) || m2.text.includes(`${A.base}${itemPath(Y)}`), `the message names the document or its item:\n${m2.text}`);

    // Another matching document in the same item, which the search has
    // found already: a new document is news too.
    const doc3 = `Alerts report three ${TAG}`;
    await bo.upload(Y.meeting, { title: doc3, item: Y.item, filename: `alerts-three-${TAG}.pdf`, bytes: textPdf([`Yet more on ${word2}.`]) });
    const [, m3] = await waitMail(two, newMatch, { count: 2, what: 'the new match of a second document in an item the search has found already' });
    assert.ok(m3.text.includes(doc3) || m3.text.includes(`alerts-three-${TAG}.pdf`), `the message names the new document:\n${m3.text}`);

    await sleep(2500);
    const all = mailTo(two);
    for (const m of all) {
      for (const p of [m.subject, m.text, m.html ?? '']) {
        assert.ok(!p.includes(exemptTitle) && !p.includes(`/items/${exempt}`), `${m.file} ("${m.subject}") tells of the exempt item`);
        assert.ok(!/Commercial terms/.test(p), `${m.file} shows the exempt description`);
      }
    }
    assert.deepEqual(all.map(kindOf), ['confirm', 'New match', 'New match'], 'the confirmation and one message for each document');
  });
});

describe('confirmation and managing', () => {
  test('one confirmation an hour; its link confirms every waiting subscription; the manage page changes and forgets', async () => {
    const addr = `multi-${TAG}@example.org`;
    const audit = await committeeId(A.dbPath, 'Audit and Governance Committee');
    await subscribe(A.base, { follow: 'committee', id: audit }, addr);
    const [conf] = await waitMail(addr, (m) => /^Confirm your e-mail alerts from /.test(m.subject), { what: 'the confirmation' });
    // The same page again, and a second subscription: no second confirmation.
    await subscribe(A.base, { follow: 'committee', id: audit }, addr);
    await subscribe(A.base, { follow: 'plan' }, addr, 'weekly');
    await sleep(3500);
    assert.equal(mailTo(addr).length, 1, `one confirmation: ${JSON.stringify(mailTo(addr).map((m) => m.subject))}`);

    const r = await get(A.base, confirmLink(conf, A.base));
    assert.equal(r.status, 200);
    assert.match(r.text, /Your alerts are confirmed/);
    assert.match(r.text, /Audit and Governance Committee/);
    assert.match(r.text, /forward plan/i);
    assert.doesNotMatch(r.text, /Waiting for confirmation/);
    const manage = r.text.match(new RegExp(`href="(/alerts/manage/${TOKEN})"`))?.[1];
    assert.ok(manage, 'the confirmed page links the manage page');

    let page = await get(A.base, manage);
    assert.equal(page.status, 200);
    const ids = [...page.text.matchAll(/<input type="hidden" name="sub" value="(\d+)">/g)].map((m) => m[1]);
    assert.equal(ids.length, 2, 'both subscriptions are listed, each with its form');
    assert.doesNotMatch(page.text, /Waiting for confirmation/);

    let p = await post(A.base, manage, { action: 'frequency', sub: ids[0], frequency: 'daily' });
    assert.equal(p.status, 200, p.text.slice(0, 300));
    assert.match(p.text, new RegExp(`id="freq-${ids[0]}"[^>]*>[\\s\\S]*?<option value="daily" selected>`), 'the new frequency is shown');
    p = await post(A.base, manage, { action: 'frequency', sub: ids[0], frequency: 'hourly' });
    assert.equal(p.status, 400, 'an unknown frequency is refused');
    p = await post(A.base, manage, { action: 'remove', sub: ids[1] });
    assert.equal(p.status, 200, p.text.slice(0, 300));
    page = await get(A.base, manage);
    assert.deepEqual([...page.text.matchAll(/<input type="hidden" name="sub" value="(\d+)">/g)].map((m) => m[1]), [ids[0]], 'one left');

    p = await post(A.base, manage, { action: 'forget' });
    assert.equal(p.status, 200, p.text.slice(0, 300));
    assert.match(p.text, /You are unsubscribed/);
    assert.equal((await get(A.base, manage)).status, 404, 'the address is forgotten: its link is unknown');
    assert.deepEqual(await sql(A.dbPath, `SELECT id FROM alert_subscriber WHERE email = '${addr}'`), [], 'the address is deleted');
  });
});

describe('refusals', () => {
  test('bad inputs: 400 with the form and its errors; unknown follow 400; unknown committee, person, issue 404', async () => {
    const committee = await committeeId(A.dbPath, 'Cabinet');
    const before = allMail().length;

    let r = await get(A.base, '/alerts');
    assert.equal(r.status, 200);
    assert.match(r.text, /E-mail alerts/);
    assert.match(r.text, /href="\/alerts\?follow=decisions"/);

    for (const email of ['not-an-address', 'two@@example.org', '']) {
      r = await post(A.base, '/alerts', { follow: 'committee', id: committee, email, frequency: 'immediate' });
      assert.equal(r.status, 400, `email ${JSON.stringify(email)}`);
      assert.match(r.text, /<form method="post" action="\/alerts"/, 'the form again');
      assert.match(errorsOf(r.text), /e-mail address/i, 'with the error about the address');
      assert.match(r.text, /<p class="error-message" id="[^"]*email-error">/, 'and the error at the field');
    }
    r = await post(A.base, '/alerts', { follow: 'committee', id: committee, email: `freq-${TAG}@example.org`, frequency: 'hourly' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<form method="post" action="\/alerts"/);
    assert.match(errorsOf(r.text), /how often|frequency/i, 'with the error about the frequency');
    assert.match(r.text, /<p class="error-message" id="[^"]*frequency-error">/, 'and the error at the field');
    assert.match(r.text, new RegExp(`value="freq-${TAG}@example.org"`), 'what was typed is kept');

    for (const follow of ['nonsense', 'committees', '']) {
      assert.equal((await post(A.base, '/alerts', { follow, id: committee, email: `x-${TAG}@example.org`, frequency: 'immediate' })).status, 400, `POST follow=${follow}`);
    }
    assert.equal((await get(A.base, '/alerts?follow=nonsense')).status, 400);
    assert.equal((await post(A.base, '/alerts', { follow: 'search', q: '', email: `x-${TAG}@example.org`, frequency: 'immediate' })).status, 400, 'a search without words');
    for (const follow of ['committee', 'person', 'issue']) {
      r = await post(A.base, '/alerts', { follow, id: '999999', email: `x-${TAG}@example.org`, frequency: 'immediate' });
      assert.equal(r.status, 404, `POST follow=${follow}&id=999999`);
      assert.equal((await get(A.base, `/alerts?follow=${follow}&id=999999`)).status, 404, `GET follow=${follow}&id=999999`);
    }
    await sleep(2500);
    assert.equal(allMail().length, before, 'no refused request sent anything');
  });

  test('unknown tokens are 404 (confirm, manage, unsubscribe GET and POST)', async () => {
    for (const token of ['AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_', 'short', 'x'.repeat(80)]) {
      assert.equal((await get(A.base, `/alerts/confirm/${token}`)).status, 404, `confirm ${token}`);
      assert.equal((await get(A.base, `/alerts/manage/${token}`)).status, 404, `manage ${token}`);
      assert.equal((await post(A.base, `/alerts/manage/${token}`, { action: 'forget' })).status, 404, `manage POST ${token}`);
      assert.equal((await get(A.base, `/alerts/unsubscribe/${token}`)).status, 404, `unsubscribe GET ${token}`);
      const res = await fetch(`${A.base}/alerts/unsubscribe/${token}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
      });
      await res.arrayBuffer();
      assert.equal(res.status, 404, `unsubscribe POST ${token}`);
    }
  });

  test('a bouncing address: its confirmation is refused (550), the address is suppressed, a new request is 403', async () => {
    const addr = `bounce-${TAG}@example.org`;
    const committee = await committeeId(A.dbPath, 'Cabinet');
    await subscribe(A.base, { follow: 'committee', id: committee }, addr);
    // What the sender made of it (the sink keeps nothing it refused).
    const deadline = Date.now() + MAIL_WAIT_MS;
    let rows;
    for (;;) {
      rows = await sql(A.dbPath, "SELECT m.state, m.last_error, a.suppressed FROM alert_message m JOIN alert_subscriber a ON a.id = m.subscriber_id"
        + ` WHERE a.email = '${addr}' AND m.kind = 'confirm'`);
      if (rows.length === 1 && rows[0].state === 'failed' && rows[0].suppressed) break;
      assert.ok(Date.now() < deadline, `the confirmation to ${addr} was not given up with the address suppressed in time: ${JSON.stringify(rows)}\n${A.output().slice(-2000)}`);
      await sleep(200);
    }
    assert.match(rows[0].last_error ?? '', /550/, 'the error kept is the server\'s 550');
    assert.deepEqual(mailTo(addr), [], 'the sink accepted nothing for it');
    const r = await post(A.base, '/alerts', { follow: 'plan', email: addr, frequency: 'immediate' });
    assert.equal(r.status, 403, r.text.slice(0, 300));
    assert.match(r.text, /cannot send to this address/i);
    const again = await post(A.base, '/alerts', { follow: 'committee', id: committee, email: addr.toUpperCase(), frequency: 'immediate' });
    assert.equal(again.status, 403, 'the address in other letters too');
  });

  test('too many requests: 429 with Retry-After, per address (10 an hour) and per client (20 an hour)', async () => {
    const C = await serve(copyDb('c'), { smtp: false });
    try {
      const committee = await committeeId(C.dbPath, 'Cabinet');
      const one = `busy-${TAG}@example.org`;
      let accepted = 0;
      for (let i = 1; i <= 10; i++) {
        const r = await post(C.base, '/alerts', { follow: 'committee', id: committee, email: one, frequency: 'immediate' });
        assert.equal(r.status, 200, `request ${i} for one address`);
        accepted++;
      }
      let r = await post(C.base, '/alerts', { follow: 'committee', id: committee, email: one, frequency: 'immediate' });
      assert.equal(r.status, 429, 'the 11th request for one address in an hour');
      assert.match(r.headers.get('retry-after') ?? '', /^[1-9]\d*$/, 'with Retry-After in seconds');
      // Other addresses from the same client, until the client's limit.
      let refusedAt = null;
      for (let i = 1; i <= 15 && refusedAt === null; i++) {
        r = await post(C.base, '/alerts', { follow: 'committee', id: committee, email: `busy${i}-${TAG}@example.org`, frequency: 'immediate' });
        if (r.status === 429) refusedAt = i;
        else {
          assert.equal(r.status, 200, `request for address ${i}`);
          accepted++;
        }
      }
      assert.ok(refusedAt !== null, 'the client is refused in the end');
      assert.ok(accepted >= 19 && accepted <= 20, `the client was refused after ${accepted} accepted requests (and one refused): the limit is 20 an hour`);
      assert.match(r.headers.get('retry-after') ?? '', /^[1-9]\d*$/, 'with Retry-After in seconds');
    } finally {
      await C.stop();
    }
  });
});

describe('crash safety', () => {
  test('queued in the publishing transaction: after kill -9 and a restart with --smtp, each message arrives once', async () => {
    const dbPath = copyDb('b');
    const addr = `crash-${TAG}@example.org`;
    let B = await serve(dbPath, { smtp: false });
    try {
      const committee = await committeeId(dbPath, 'Cabinet');
      const [agenda] = await sql(dbPath, `SELECT id FROM meeting WHERE organization_id = ${committee} AND published = 1`
        + " AND deleted = 0 AND agenda_status = 'draft' ORDER BY start_at LIMIT 1");
      assert.ok(agenda, 'the demo has a draft Cabinet agenda');
      addUser(dbPath, { email: 'crash-admin@example.org', role: 'admin', password: PASSWORD });
      const office = new BackOffice(B.base, (await signIn(B.base, 'crash-admin@example.org', PASSWORD)).cookie);

      await subscribe(B.base, { follow: 'committee', id: committee }, addr);
      // Without --smtp the confirmation waits in the outbox: its link is the subscription's token.
      const [sub] = await sql(dbPath, "SELECT s.confirm_token FROM alert_subscription s JOIN alert_subscriber a ON a.id = s.subscriber_id"
        + ` WHERE a.email = '${addr}'`);
      const c = await get(B.base, `/alerts/confirm/${sub.confirm_token}`);
      assert.equal(c.status, 200);
      assert.match(c.text, /Your alerts are confirmed/);

      await office.publishAgenda(agenda.id);
      await B.kill9();
      assert.deepEqual(mailTo(addr), [], 'nothing was sent without --smtp');
      const [{ n }] = await sql(dbPath, "SELECT count(*) AS n FROM alert_message WHERE state = 'sent'");
      assert.equal(n, 0, 'nothing is marked sent');

      B = await serve(dbPath, { port: B.port, smtp: true });
      const t0 = Date.now();
      const [alert] = await waitMail(addr, (m) => m.subject.startsWith('Agenda published: '), { what: 'the agenda alert after the restart' });
      checkAlert(alert, B.base, addr);
      assert.ok(alert.text.includes(`/meetings/${agenda.id}`));
      await waitMail(addr, (m) => /^Confirm your e-mail alerts from /.test(m.subject), { what: 'the confirmation after the restart' });
      await sleep(Math.max(0, QUIET_MS - (Date.now() - t0)));
      assert.deepEqual(mailTo(addr).map(kindOf).sort(), ['Agenda published', 'confirm'], 'each message once');
    } finally {
      await B.stop();
    }
  });
});
