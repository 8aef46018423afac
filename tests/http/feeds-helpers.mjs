// Helpers for ical.test.mjs and feeds.test.mjs. Not a test file itself:
// node --test only runs files named *.test.mjs.
//
// What the server writes is read back by the libraries other software
// uses: python3-icalendar and python3-feedparser (Debian packages, see
// scripts/deps.sh), through tests/http/feedcheck.py.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, dbQuery } from '../lib/server.mjs';

// Debian's python3 has the Debian packages; a python3 earlier on PATH
// (pyenv, a virtualenv) may not.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const FEEDCHECK = path.join(REPO_ROOT, 'tests', 'http', 'feedcheck.py');

/** Parses bytes with feedcheck.py (kind: 'ical', 'atom' or 'xml'); rejects with the parser's complaint. */
export function parseWith(kind, bytes) {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [FEEDCHECK, kind], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${kind} did not parse: ${stderr || err.message}`));
      resolve(JSON.parse(stdout));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
  });
}

/** The physical lines of an iCalendar body (Buffer), split at CRLF; throws on a bare LF or CR. */
export function icalLines(bytes) {
  const s = bytes.toString('latin1');
  if (!s.endsWith('\r\n')) throw new Error('the calendar does not end with CRLF');
  const lines = [];
  let at = 0;
  for (;;) {
    const i = s.indexOf('\r\n', at);
    if (i < 0) break;
    lines.push(bytes.subarray(at, i));
    at = i + 2;
  }
  for (const l of lines) {
    if (l.includes(0x0a) || l.includes(0x0d)) throw new Error(`a bare line break in ${JSON.stringify(l.toString('utf8'))}`);
  }
  return lines;
}

/** The logical content lines (unfolded, as UTF-8 strings). */
export function unfold(bytes) {
  const out = [];
  for (const l of icalLines(bytes)) {
    if (l[0] === 0x20 || l[0] === 0x09) out[out.length - 1] = Buffer.concat([out[out.length - 1], l.subarray(1)]);
    else out.push(Buffer.from(l));
  }
  return out.map((b) => b.toString('utf8'));
}

/** iCalendar TEXT unescaped (RFC 5545 3.3.11). */
export function unescapeText(v) {
  return v.replace(/\\([\\;,nN])/g, (m, c) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The VEVENT blocks of unfolded lines, each as {NAME: raw value} (NAME with parameters stripped). */
export function icalEvents(lines) {
  const events = [];
  let cur = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') {
      events.push(cur);
      cur = null;
    } else if (cur) {
      const colon = l.indexOf(':');
      cur[l.slice(0, colon).split(';')[0]] = l.slice(colon + 1);
    }
  }
  return events;
}

/** A read-write SQL statement on the server's database (a fixture the back office cannot make). */
export function sqlWrite(dbPath, statement) {
  return dbQuery(dbPath, statement, { write: true });
}
