// Helpers for the attacker's sweep (sweep.test.mjs). Not a test file itself:
// node --test only runs files named *.test.mjs.
//
//   - BackOffice: a signed-in clerk using the back-office forms over HTTP
//     the way a browser does (GET the page, read the form, POST it);
//   - MarkerBook: unique made-up words, each tied to the field it was typed
//     into, found again as case-insensitive whole words;
//   - textPdf(): a small one-page PDF with the given text;
//   - sweptText(): what a response is swept as (headers, body, the text of a
//     PDF, the dump of an SQLite file, unfolded iCalendar lines);
//   - walkOparl(): every OParl list page by page and every object URL.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { isPg, pgQuery } from '../lib/server.mjs';
import { fetchAs, fileField, post } from './backoffice-helpers.mjs';
import { anchors, decode, pdfText } from './helpers.mjs';

// ---------------------------------------------------------------------------
// Concurrency

/** Runs fn over items, n at a time; resolves to the results in item order. */
export async function pool(items, n, fn) {
  const out = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k], k);
      }
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------
// Forms, read as a browser reads them

function attrs(s) {
  const out = {};
  for (const m of s.matchAll(/([a-zA-Z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/**
 * Every <form> of a page: [{action, method, enctype, html, entries}], where
 * entries are the [name, value] pairs a browser would submit without a
 * click on a named button: text-like inputs, hidden inputs, checked
 * checkboxes and radios, the selected (or first) option of each select,
 * textareas (a leading newline dropped, as HTML parsing does). File inputs
 * are left out, and so are buttons.
 */
export function formsOf(html) {
  const forms = [];
  for (const f of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const a = attrs(f[1]);
    const inner = f[2];
    const entries = [];
    const controls = /<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/gi;
    for (const c of inner.matchAll(controls)) {
      if (c[1] !== undefined) {
        const at = attrs(c[1]);
        const type = (at.type || 'text').toLowerCase();
        if (!at.name || ['file', 'submit', 'button', 'image', 'reset'].includes(type)) continue;
        if ((type === 'checkbox' || type === 'radio') && !('checked' in at)) continue;
        entries.push([at.name, at.value ?? (type === 'checkbox' ? 'on' : '')]);
      } else if (c[2] !== undefined) {
        const at = attrs(c[2]);
        if (at.name) entries.push([at.name, decode(c[3]).replace(/^\r?\n/, '')]);
      } else {
        const at = attrs(c[4]);
        if (!at.name) continue;
        const opts = [...c[5].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((o) => {
          const oa = attrs(o[1]);
          return { value: 'value' in oa ? oa.value : decode(o[2]).trim(), selected: 'selected' in oa };
        });
        const chosen = opts.find((o) => o.selected) ?? opts[0];
        if (chosen) entries.push([at.name, chosen.value]);
      }
    }
    forms.push({ action: a.action ?? '', method: (a.method || 'get').toLowerCase(), enctype: a.enctype ?? '', html: inner, entries });
  }
  return forms;
}

/** The [name, value] entries as an object; a repeated name becomes an array. */
export function entriesObject(entries) {
  const o = {};
  for (const [k, v] of entries) {
    if (!(k in o)) o[k] = v;
    else if (Array.isArray(o[k])) o[k].push(v);
    else o[k] = [o[k], v];
  }
  return o;
}

/** Every option value of <select name=...> in an HTML fragment. */
export function optionsOf(html, name) {
  const m = html.match(new RegExp(`<select\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`));
  if (!m) return [];
  return [...m[1].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((o) => ({ value: attrs(o[1]).value ?? '', label: decode(o[2]).trim() }));
}

/** The id at the end of a 303's Location (…/meetings/12, …/items/34). */
export const locationId = (r) => Number((r.headers.get('location') || '').match(/(\d+)(?:#.*)?$/)?.[1] ?? NaN);

/**
 * A signed-in back-office user. Every action GETs the page that holds the
 * form, takes the form's own fields (CSRF token included) and POSTs them
 * with what the clerk typed over them; anything but the expected status
 * throws, with the page's error summary.
 */
export class BackOffice {
  constructor(base, cookie) {
    this.base = base;
    this.cookie = cookie;
    this.log = []; // every submission: {action, status}
  }

  async page(urlPath) {
    const r = await fetchAs(this.base, urlPath, { cookie: this.cookie });
    if (r.status !== 200) throw new Error(`GET ${urlPath} answered ${r.status}`);
    return r.text;
  }

  /** The form of `pagePath` whose action is `action` (and that satisfies pick), as a BackOffice form. */
  async form(pagePath, action, pick = () => true) {
    const html = await this.page(pagePath);
    const f = formsOf(html).find((x) => x.action === action && pick(x));
    if (!f) throw new Error(`${pagePath} has no form posting to ${action}`);
    return { ...f, page: html, has: (name) => f.entries.some(([k]) => k === name) || new RegExp(`\\bname="${name}"`).test(f.html) };
  }

  /** Submits the form (from form()) with fields typed over it. */
  async submit(form, typed = {}, { expect = 303, drop = [] } = {}) {
    const fields = entriesObject(form.entries.filter(([k]) => !(k in typed) && !drop.includes(k)));
    Object.assign(fields, typed);
    const r = await post(this.base, form.action, fields, { cookie: this.cookie });
    this.log.push({ action: form.action, status: r.status });
    if (r.status !== expect) {
      const summary = r.text.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? r.text.slice(0, 400);
      throw new Error(`POST ${form.action} answered ${r.status} (expected ${expect}): ${summary.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')}`);
    }
    return r;
  }

  /** GET pagePath, fill the form posting to action, POST it. */
  async fill(pagePath, action, typed, opts = {}) {
    return this.submit(await this.form(pagePath, action, opts.pick), typed, opts);
  }

  // --- meetings -----------------------------------------------------------

  /** Creates a meeting; listed: whether to tick "List in the public calendar" (when the form has it). */
  async createMeeting({ organization, date, start = '10:00', end = '', name = '', listed = true }) {
    const f = await this.form('/admin/meetings/new', '/admin/meetings/new');
    const typed = { organization_id: String(organization), date, start, end, name, location_id: '' };
    if (listed && f.has('listed')) typed.listed = '1';
    const drop = listed ? [] : ['listed'];
    return locationId(await this.submit(f, typed, { drop }));
  }

  /** Whether the meeting form offers the "listed" checkbox. */
  async meetingFormHasListed() {
    const f = await this.form('/admin/meetings/new', '/admin/meetings/new');
    return /<input\b[^>]*\bname="listed"[^>]*>/.test(f.html) ? f.html.match(/<input\b[^>]*\bname="listed"[^>]*>/)[0] : null;
  }

  async addItem(meeting, title) {
    return locationId(await this.fill(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/items`, { title }));
  }

  async saveItem(meeting, item, typed) {
    return this.fill(`/admin/meetings/${meeting}/items/${item}`, `/admin/meetings/${meeting}/items/${item}`, { action: 'save', ...typed });
  }

  async publishAgenda(meeting) {
    return this.fill(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/publish`, {});
  }

  async unpublishAgenda(meeting, reason) {
    return this.fill(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/unpublish`, { reason });
  }

  async setState(meeting, state, reason = '') {
    return this.fill(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/state`, { state, reason });
  }

  /** Minutes: 'published', 'approved' (at the first later meeting offered) or 'draft' (with a reason). */
  async minutes(meeting, status, typed = {}) {
    const pick = (f) => f.entries.some(([k, v]) => k === 'status' && v === status);
    const f = await this.form(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/minutes`, pick);
    if (status === 'approved' && !f.entries.some(([k, v]) => k === 'approved_by' && v)) {
      throw new Error(`meeting ${meeting}: no later meeting is offered to approve the minutes at`);
    }
    return this.submit(f, typed);
  }

  /** Records someone's attendance through the "Someone else" part of the attendance form. */
  async attend(meeting, { person, status = 'present', note = '' }) {
    return this.fill(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/attendance`, {
      add_person: String(person), add_status: status, add_note: note,
    });
  }

  async declare(meeting, { description, item = '', kind = 'other_registrable' }) {
    return this.fill(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/declarations`, { description, item: String(item), kind });
  }

  async vote(meeting, item, motion) {
    return this.fill(`/admin/meetings/${meeting}/items/${item}`, `/admin/meetings/${meeting}/items/${item}/votes`, {
      motion, result: 'carried', for: '7', against: '2', abstentions: '1',
    });
  }

  /** Uploads a document; resolves to its id (found on the meeting's back-office page by its title). */
  async upload(meeting, { title, role = 'report', item = '', filename, bytes }) {
    await this.fill(`/admin/meetings/${meeting}`, `/admin/meetings/${meeting}/documents`, {
      title, role, item_id: String(item), file: fileField(bytes, filename, 'application/pdf'),
    });
    const docs = await this.documents(meeting);
    const d = docs.find((x) => x.title === title);
    if (!d) throw new Error(`the document "${title}" is not listed on /admin/meetings/${meeting}`);
    return d.id;
  }

  /** The documents listed on a meeting's back-office page: [{id, title, href}]. */
  async documents(meeting) {
    const html = await this.page(`/admin/meetings/${meeting}`);
    return anchors(html)
      .map((a) => ({ m: a.href.match(/^\/admin\/documents\/(\d+)\//), a }))
      .filter((x) => x.m)
      .map(({ m, a }) => ({ id: Number(m[1]), title: a.text, href: a.href }));
  }

  /** Person ids offered by the attendance form's "Someone else". */
  async peopleChoices(meeting) {
    const html = await this.page(`/admin/meetings/${meeting}`);
    return optionsOf(html, 'add_person').map((o) => o.value).filter(Boolean).map(Number);
  }

  /** Committee ids offered by the meeting form. */
  async committeeChoices() {
    const html = await this.page('/admin/meetings/new');
    return optionsOf(html, 'organization_id').map((o) => ({ id: Number(o.value), name: o.label })).filter((o) => o.id > 0);
  }

  /** Every meeting id listed on /admin. */
  async meetingIds() {
    const html = await this.page('/admin');
    return [...new Set(anchors(html).map((a) => a.href.match(/^\/admin\/meetings\/(\d+)$/)?.[1]).filter(Boolean).map(Number))];
  }

  /** Every id linked as /admin/{what}/{id} from /admin/{what}. */
  async listIds(what) {
    const html = await this.page(`/admin/${what}`);
    const re = new RegExp(`^/admin/${what}/(\\d+)$`);
    return [...new Set(anchors(html).map((a) => a.href.match(re)?.[1]).filter(Boolean).map(Number))];
  }
}

// ---------------------------------------------------------------------------
// A small PDF with text

/** A valid one-page PDF (Helvetica, uncompressed) showing the lines given. */
export function textPdf(lines) {
  const esc = (s) => s.replace(/[\\()]/g, '\\$&');
  const content = `BT /F1 12 Tf 14 TL 72 770 Td\n${lines.map((l) => `(${esc(l)}) Tj T*`).join('\n')}\nET\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------
// Marker words

/**
 * Unique made-up words, each tied to the field it was typed into. `internal`
 * words must never reach a public surface; `visible` ones are in fields that
 * are public by decision and must be found (proof that the sweep sees text).
 */
export class MarkerBook {
  constructor() {
    this.words = new Map(); // lower-case word -> {word, field, visible}
  }

  add(word, field, { visible = false } = {}) {
    if (!/^\w{4,}$/.test(word)) throw new Error(`marker ${JSON.stringify(word)}: one word of letters and digits`);
    const k = word.toLowerCase();
    if (this.words.has(k)) throw new Error(`marker ${word} used twice`);
    this.words.set(k, { word, field, visible });
    this._re = null;
    return word;
  }

  /** A marker in an internal field (must never be public). */
  internal(word, field) {
    return this.add(word, field);
  }

  /** A marker in a field that is public by decision (must be found). */
  visible(word, field) {
    return this.add(word, field, { visible: true });
  }

  has(word) {
    return this.words.has(word.toLowerCase());
  }

  list({ visible = false } = {}) {
    return [...this.words.values()].filter((m) => m.visible === visible);
  }

  fieldOf(word) {
    return this.words.get(word.toLowerCase())?.field ?? '?';
  }

  get regex() {
    if (!this._re) {
      const alts = [...this.words.values()].map((m) => m.word).sort((a, b) => b.length - a.length);
      this._re = new RegExp(`\\b(${alts.join('|')})\\b`, 'gi');
    }
    return this._re;
  }

  /** The markers found in text: Map lower-case word -> {word, field, visible, count, context}. */
  scan(text) {
    const found = new Map();
    for (const m of text.matchAll(this.regex)) {
      const k = m[1].toLowerCase();
      const e = found.get(k);
      if (e) e.count++;
      else {
        const at = m.index;
        const context = text.slice(Math.max(0, at - 50), at + m[1].length + 30).replace(/\s+/g, ' ');
        found.set(k, { ...this.words.get(k), count: 1, context });
      }
    }
    return found;
  }
}

// ---------------------------------------------------------------------------
// What a response is swept as

/** iCalendar content lines unfolded (RFC 5545 3.1), so a folded word is whole again. */
export const unfoldIcs = (s) => s.replace(/\r?\n[ \t]/g, '');

/** `sqlite3 FILE .dump` (read-only); of a PostgreSQL database, the same
 * shape: a line "INSERT INTO "table" {the row as JSON}" a row. */
export function sqliteDump(file) {
  if (isPg(file)) {
    const tables = pgQuery(file, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
      + " AND table_type = 'BASE TABLE' ORDER BY table_name").map((r) => r[0]);
    return Promise.resolve(tables.map((t) => pgQuery(file, `SELECT row_to_json(x)::text FROM "${t}" x`)
      .map((r) => `INSERT INTO "${t}" ${r[0]}\n`).join('')).join(''));
  }
  return new Promise((resolve, reject) => {
    execFile('sqlite3', ['-readonly', file, '.dump'], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 60000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`sqlite3 .dump ${file}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

const pdfCache = new Map();

/** The text of a PDF; an unreadable one is reported in the text itself (never a silent ''). */
export async function pdfTextOf(bytes) {
  const key = bytes.toString('base64', 0, Math.min(bytes.length, 64)) + bytes.length + bytes.toString('base64', Math.max(0, bytes.length - 256));
  if (!pdfCache.has(key)) pdfCache.set(key, pdfText(bytes).catch((e) => `[pdftotext failed: ${e.message}]`));
  return pdfCache.get(key);
}

const isPdf = (b) => b.subarray(0, 5).toString('latin1') === '%PDF-';
const isSqlite = (b) => b.subarray(0, 16).toString('latin1') === 'SQLite format 3\0';

/**
 * The text a response is swept as: its headers, its body as text (UTF-8,
 * and Latin-1 for binary bodies), a PDF's extracted text, an SQLite file's
 * dump, iCalendar unfolded. kind says which of these applied.
 */
export async function sweptText(headers, bytes) {
  const head = headers ? [...headers].map(([k, v]) => `${k}: ${v}`).join('\n') : '';
  const ct = headers?.get('content-type') || '';
  let body;
  let kind = 'text';
  if (isPdf(bytes)) {
    kind = 'pdf';
    body = `${bytes.toString('latin1')}\n${await pdfTextOf(bytes)}`;
  } else if (isSqlite(bytes)) {
    kind = 'sqlite';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'witan-sweep-'));
    try {
      const f = path.join(dir, 'x.sqlite');
      writeFileSync(f, bytes);
      body = await sqliteDump(f);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    body = bytes.toString('utf8');
    if (/text\/calendar/i.test(ct) || /^BEGIN:VCALENDAR/.test(body)) {
      kind = 'ics';
      body = `${body}\n${unfoldIcs(body)}`;
    }
  }
  return { text: `${head}\n\n${body}`, kind };
}

/** GET a URL (no redirects followed): {url, status, headers, bytes, text, kind}. */
export async function fetchSwept(url, init = {}) {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30000), ...init });
  const bytes = Buffer.from(await res.arrayBuffer());
  const { text, kind } = await sweptText(res.headers, bytes);
  return { url, status: res.status, headers: res.headers, bytes, text, kind };
}

// ---------------------------------------------------------------------------
// OParl

export const OPARL_NS = 'https://schema.oparl.org/1.1/';

/** Every object in a JSON value (objects with a string id and type), embedded ones included. */
export function oparlObjects(value, out = []) {
  if (Array.isArray(value)) for (const v of value) oparlObjects(v, out);
  else if (value && typeof value === 'object') {
    if (typeof value.id === 'string' && typeof value.type === 'string' && value.type.startsWith(OPARL_NS)) out.push(value);
    for (const v of Object.values(value)) oparlObjects(v, out);
  }
  return out;
}

/** Every string in a JSON value that is a URL under api (into out), or elsewhere on the site (into web). */
export function oparlUrls(value, api, out = new Set(), web = new Set()) {
  if (Array.isArray(value)) for (const v of value) oparlUrls(v, api, out, web);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) oparlUrls(v, api, out, web);
  else if (typeof value === 'string') {
    if (value.startsWith(`${api}/`)) out.add(value);
    else if (value.startsWith(`${new URL(api).origin}/`)) web.add(value.replace(/#.*/, ''));
  }
  return out;
}

function withParam(url, k, v) {
  const u = new URL(url);
  u.searchParams.set(k, v);
  return u.href;
}

/**
 * Walks an OParl API the way a harvester does: the System, its body list,
 * each Body, every list the Body names and every Organization's meeting
 * list, page by page through links.next, once as given and once with
 * modified_since (which adds the stubs of deleted objects); then GETs every
 * object URL and file download found. Returns
 *   {responses: [{url, status, text, kind}], objects: Map id -> object (as listed),
 *    listed: Map list url -> {plain: Set ids, since: Set ids}, types: Map type -> count,
 *    webUrls: Set of the site's (non-API) URLs named by objects, errors: [string]}.
 */
export async function walkOparl(base, { concurrency = 8, since = '1970-01-01T00:00:00Z' } = {}) {
  const api = `${base}/oparl/v1.1`;
  const responses = [];
  const errors = [];
  const objects = new Map();
  const types = new Map();
  const fetched = new Set();
  const refs = new Set();
  const listed = new Map();
  const webUrls = new Set();

  const getJson = async (url) => {
    fetched.add(url);
    const r = await fetchSwept(url);
    responses.push({ url, status: r.status, text: r.text, kind: 'oparl' });
    let json;
    try {
      json = JSON.parse(r.bytes.toString('utf8'));
    } catch {
      errors.push(`${url}: answered ${r.status} with no JSON`);
    }
    return { status: r.status, json };
  };
  const note = (json) => {
    for (const o of oparlObjects(json)) {
      if (!objects.has(o.id)) objects.set(o.id, o);
      const t = o.type.slice(OPARL_NS.length);
      types.set(t, (types.get(t) ?? 0) + 1);
    }
    oparlUrls(json, api, refs, webUrls);
  };
  const walk = async (url, set) => {
    const seen = new Set();
    for (let u = url; u; ) {
      if (seen.has(u) || seen.size > 500) {
        errors.push(`${url}: the next links loop at ${u}`);
        return;
      }
      seen.add(u);
      const { status, json } = await getJson(u);
      if (status !== 200 || !Array.isArray(json?.data)) {
        errors.push(`${u}: answered ${status}, not a list page`);
        return;
      }
      for (const o of json.data) if (typeof o?.id === 'string') set.add(o.id);
      note(json);
      u = json.links?.next;
    }
  };

  const system = await getJson(`${api}/system`);
  if (system.status !== 200 || typeof system.json?.body !== 'string') throw new Error(`${api}/system answered ${system.status}`);
  note(system.json);
  const bodyList = { plain: new Set(), since: new Set() };
  listed.set(system.json.body, bodyList);
  await walk(system.json.body, bodyList.plain);
  await walk(withParam(system.json.body, 'modified_since', since), bodyList.since);
  const lists = new Set();
  for (const id of bodyList.plain) {
    const b = objects.get(id);
    for (const k of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership']) {
      if (typeof b?.[k] === 'string') lists.add(b[k]);
      else errors.push(`${id}: the Body has no ${k} list`);
    }
  }
  const walkAll = (urls) =>
    pool([...urls], concurrency, async (u) => {
      const entry = { plain: new Set(), since: new Set() };
      listed.set(u, entry);
      await walk(u, entry.plain);
      await walk(withParam(u, 'modified_since', since), entry.since);
    });
  await walkAll(lists);
  // Each Organization's own meeting list.
  const orgLists = new Set();
  for (const o of objects.values()) {
    if (o.type === `${OPARL_NS}Organization` && typeof o.meeting === 'string' && !lists.has(o.meeting)) orgLists.add(o.meeting);
  }
  await walkAll(orgLists);

  // Every object URL and download found, fetched on its own.
  for (let round = 0; round < 5; round++) {
    const todo = [...refs].filter((u) => !fetched.has(u) && !listed.has(u) && !/[?]/.test(u));
    if (todo.length === 0) break;
    await pool(todo, concurrency, async (u) => {
      if (fetched.has(u)) return;
      fetched.add(u);
      const r = await fetchSwept(u);
      responses.push({ url: u, status: r.status, text: r.text, kind: r.kind === 'text' ? 'oparl' : r.kind });
      if (r.status !== 200) errors.push(`${u}: answered ${r.status}`);
      if (r.kind === 'text') {
        try {
          note(JSON.parse(r.bytes.toString('utf8')));
        } catch {
          errors.push(`${u}: not JSON`);
        }
      }
    });
  }
  return { api, responses, objects, listed, types, errors, webUrls, lists: [...lists], orgLists: [...orgLists] };
}
