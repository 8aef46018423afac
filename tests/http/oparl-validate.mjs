// An OParl 1.1 checker for the HTTP tests (oparl.test.mjs): a validator
// for the schema files in tests/data/oparl-schema (the spec's own, with
// their licence and origin), in plain JS, and a crawler
// that walks an API from its System object the way an outside client does.
// Not a test file itself: node --test only runs files named *.test.mjs.
//
// The schema files are not strict JSON Schema (see their README.md). The
// validator supports every keyword they use: type (a name or a list of
// names), properties, required, items, format (url, date, date-time),
// pattern, enum and minimum, and the two custom ones:
//   schema      the embedded object must validate against that file;
//   references  the URL (or each URL of an array) must resolve to an object
//               of that type, or, for "externalList", to a list whose
//               items validate against items.schema.
// On top of the files it applies the README's extra MUSTs: created and
// modified on every object, embedded ones too; the Body's six 1.1 list
// links; type URLs of 1.1. A property the schema does not define is an
// error unless it is prefixed (a vendor extension such as "witan:party").

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../lib/server.mjs';

export const SCHEMA_DIR = path.resolve(REPO_ROOT, 'tests', 'data', 'oparl-schema');
export const NS = 'https://schema.oparl.org/1.1/';
export const typeUrl = (name) => `${NS}${name}`;
export const ERROR_TYPE = typeUrl('Error');

// Witan's own object types (docs/API.md, "Vendor object types"): not in
// the schema files, so checked here by a small description of each: the
// properties they must have, the dates, and what each reference is.
export const VENDOR_NS = 'https://witan.example/oparl/1.1/';
export const vendorTypeUrl = (name) => `${VENDOR_NS}${name}`;
export const VENDOR_TYPES = {
  Decision: {
    required: ['id', 'type', 'name', 'web', 'created', 'modified'],
    dates: ['date', 'callInDeadline', 'effectiveFrom'],
    refs: { decisionMaker: 'Organization', decisionMakerPerson: 'Person', meeting: 'Meeting', agendaItem: 'AgendaItem', paper: 'Paper', forwardPlanEntry: 'vendor:ForwardPlanEntry' },
  },
  ForwardPlanEntry: {
    required: ['id', 'type', 'body', 'name', 'firstPublished', 'decisionDue', 'web', 'created', 'modified'],
    dates: ['firstPublished', 'decisionDue'],
    refs: { body: 'Body', paper: 'Paper', decisionMaker: 'Organization', leadMember: 'Person', decisions: 'vendor:Decision' },
  },
};
/** The vendor type's name of a type URL, or undefined. */
export const vendorType = (t) => (typeof t === 'string' && t.startsWith(VENDOR_NS) && VENDOR_TYPES[t.slice(VENDOR_NS.length)] ? t.slice(VENDOR_NS.length) : undefined);

/** The schema files as a Map name (file name without .json) -> schema. */
export function loadSchemas(dir = SCHEMA_DIR) {
  const schemas = new Map();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    schemas.set(f.slice(0, -5), JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  }
  return schemas;
}

/** Every keyword used anywhere in the schema files (names under "properties" excluded). */
export function keywordsUsed(schemas) {
  const used = new Set();
  const walk = (node, underProperties) => {
    if (Array.isArray(node)) return node.forEach((x) => walk(x, false));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (underProperties) walk(v, false);
      else {
        used.add(k);
        walk(v, k === 'properties');
      }
    }
  };
  for (const s of schemas.values()) walk(s, false);
  return used;
}

/** The keywords this validator implements (and the annotations it may ignore). */
export const KEYWORDS = {
  checked: ['type', 'properties', 'required', 'items', 'format', 'pattern', 'enum', 'minimum', 'schema', 'references'],
  annotations: ['title', 'description', 'cardinality', 'backreference'],
};

// ---------------------------------------------------------------------------
// Formats

const DT_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysIn = (y, m) => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const validYmd = (y, m, d) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);

/** An RFC 3339 date-time: full date, full time, offset Z or ±hh:mm (section 5.6). */
export function isDateTime(s) {
  const m = typeof s === 'string' && s.match(DT_RE);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || sec > 60) return false;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}

/** A calendar date YYYY-MM-DD. */
export function isDate(s) {
  const m = typeof s === 'string' && s.match(DATE_RE);
  return !!m && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An absolute http(s) URL with a host and no white space. */
export function isUrl(s) {
  if (typeof s !== 'string' || !/^https?:\/\/[^\s/?#]+/i.test(s) || /\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const FORMATS = { url: isUrl, date: isDate, 'date-time': isDateTime };

/** A vendor-extension property name ("witan:party"). */
export const isPrefixed = (k) => /^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z_]/.test(k);

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const TYPE_TEST = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  array: Array.isArray,
  object: isObj,
  null: (v) => v === null,
};

export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

const show = (v) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

// ---------------------------------------------------------------------------
// The validator

/** The Body's list links that 1.1 marks as mandatory in their descriptions. */
export const BODY_LIST_LINKS = ['agendaItem', 'consultation', 'file', 'membership', 'locationList', 'legislativeTermList'];
/** What a deleted object keeps (OParl 1.1, "deleted"). */
export const STUB_KEYS = ['id', 'type', 'created', 'modified', 'deleted'];

/**
 * Validates OParl objects. hooks (all optional):
 *   ref(url, {type} | {list: itemType}, where)  a references keyword met a URL
 *   embedded(obj, type, where, parent)           an object embedded by `schema`
 *   url(url, property, where)                    any other format:url value
 *   vendor(value, key, where)                    a prefixed property's value
 * Errors go to the array `errors` as "where: message".
 */
export class Validator {
  constructor(schemas, hooks = {}, errors = []) {
    this.schemas = schemas;
    this.hooks = hooks;
    this.errors = errors;
  }

  err(where, msg) {
    this.errors.push(`${where}: ${msg}`);
  }

  /** Validates obj as an object of type `type` (a schema name); embedded: inside another object. */
  object(obj, type, where, { embedded = false, parent = null } = {}) {
    const schema = this.schemas.get(type);
    if (!schema) return this.err(where, `no schema for type ${type}`);
    if (!isObj(obj)) return this.err(where, `${kindOf(obj)} where a ${type} object is expected`);
    if (obj.type !== typeUrl(type)) this.err(where, `type is ${show(obj.type)}, expected ${typeUrl(type)}`);
    const deleted = obj.deleted === true;
    // The README's extra MUSTs.
    for (const k of ['created', 'modified']) {
      if (!Object.hasOwn(obj, k)) this.err(where, `${k} is missing (required on every object${embedded ? ', embedded ones too' : ''})`);
    }
    if (type === 'Body' && !deleted) {
      for (const k of BODY_LIST_LINKS) if (!Object.hasOwn(obj, k)) this.err(where, `Body.${k} (a mandatory 1.1 list link) is missing`);
    }
    if (deleted) {
      for (const k of STUB_KEYS) if (!Object.hasOwn(obj, k)) this.err(where, `deleted object without ${k}`);
    }
    this.check(obj, schema, where, { required: deleted ? ['id', 'type'] : schema.required, type, embedded, parent });
  }

  /** Checks value against a (sub)schema. */
  check(v, s, where, ctx = {}) {
    if (s.type !== undefined) {
      const types = [].concat(s.type);
      if (!types.some((t) => TYPE_TEST[t]?.(v))) {
        return this.err(where, `${kindOf(v)} ${show(v)} where the schema wants ${types.join(' or ')}`);
      }
    }
    if (s.enum && !s.enum.some((e) => deepEqual(e, v))) this.err(where, `${show(v)} is not one of ${show(s.enum)}`);
    if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) this.err(where, `${v} is below the minimum ${s.minimum}`);
    if (typeof v === 'string') {
      if (s.format) {
        const f = FORMATS[s.format];
        if (!f) this.err(where, `unknown format ${s.format} in the schema`);
        else if (!f(v)) this.err(where, `${show(v)} is not a valid ${s.format}${s.format === 'date-time' ? ' (RFC 3339 with Z or an offset)' : s.format === 'url' ? ' (absolute http(s) URL)' : ' (YYYY-MM-DD)'}`);
      }
      if (s.pattern && !new RegExp(s.pattern).test(v)) this.err(where, `${show(v)} does not match ${s.pattern}`);
    }
    if (Array.isArray(v) && s.items) v.forEach((x, i) => this.check(x, s.items, `${where}[${i}]`, { parentObj: ctx.parentObj }));
    // references: this value (a URL, or an array of URLs) points to objects.
    if (s.references !== undefined) {
      const target = s.references === 'externalList' ? { list: s.items?.schema?.replace(/\.json$/, '') } : { type: s.references };
      if (typeof v === 'string') {
        if (isUrl(v)) this.hooks.ref?.(v, target, where);
      } else if (Array.isArray(v) && !s.items?.references) {
        v.forEach((x, i) => typeof x === 'string' && isUrl(x) && this.hooks.ref?.(x, target, `${where}[${i}]`));
      }
    } else if (typeof v === 'string' && s.format === 'url' && isUrl(v)) {
      this.hooks.url?.(v, where.replace(/.*\./, '').replace(/\[\d+\]$/, ''), where);
    }
    if (isObj(v)) {
      if (s.schema !== undefined) {
        const type = s.schema.replace(/\.json$/, '');
        this.object(v, type, where, { embedded: true, parent: ctx.parentObj });
        this.hooks.embedded?.(v, type, where, ctx.parentObj);
        return;
      }
      const required = ctx.required ?? s.required ?? [];
      for (const k of required) if (!Object.hasOwn(v, k)) this.err(where, `required property ${k} is missing`);
      if (s.properties) {
        for (const [k, x] of Object.entries(v)) {
          const ps = s.properties[k];
          if (ps) this.check(x, ps, `${where}.${k}`, { parentObj: v });
          else if (isPrefixed(k)) this.hooks.vendor?.(x, k, `${where}.${k}`);
          else this.err(`${where}.${k}`, `property "${k}" is not defined by ${ctx.type ?? 'the schema'} and has no vendor prefix`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The crawler

/** The numeric id at the end of an object URL (NaN if none). */
export const numericId = (url) => Number(new URL(url).pathname.match(/\/(\d+)$/)?.[1] ?? NaN);

/** A URL with its query parameters sorted, for comparing links. */
export function normalUrl(url) {
  const u = new URL(url);
  const params = [...u.searchParams].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  u.search = new URLSearchParams(params).toString();
  return u.href;
}

const LIST_KEYS = ['data', 'pagination', 'links'];
const PAGINATION = { totalElements: 'integer', elementsPerPage: 'integer', currentPage: 'integer', totalPages: 'integer' };
const LINKS = ['first', 'prev', 'self', 'next', 'last'];

/**
 * Crawls an OParl API from `${base}/oparl/v1.1/system`: every URL-valued
 * property is followed (object references, lists and each of their pages,
 * the ids of listed and embedded objects), each URL once. Returns
 *   { errors: {schema, refs, lists, protocol, canonical, embedded, backrefs}
 *       (arrays of messages),
 *     objects: Map url -> the object fetched there,
 *     occurrences: [{obj, type, where, kind: 'embedded'|'list', parentId, parentType, prop}],
 *     lists: Map listUrl -> {type, pages: [{url, ids, json}]},
 *     bodies: Map url -> response text,
 *     webUrls, downloadUrls: Map url -> where first seen (same-origin, non-API),
 *     counts: {type: number of distinct objects}, requests, ms, diffs }
 */
export async function crawlOparl(base, { schemas = loadSchemas(), concurrency = 8, timeoutMs = 15000 } = {}) {
  const t0 = Date.now();
  const origin = new URL(base).origin;
  const apiRoot = `${origin}/oparl/`;
  const start = `${origin}/oparl/v1.1/system`;
  const errors = { schema: [], refs: [], lists: [], protocol: [], canonical: [], embedded: [], backrefs: [] };
  const expect = new Map(); // url -> [{kind: 'object'|'list'|'any', type, where}]
  const responses = new Map(); // url -> {status, contentType, cors, text, json}
  const bodies = new Map();
  const objects = new Map();
  const occurrences = [];
  const lists = new Map(); // list url (first page) -> {type, pages: Map url -> {index, ids, json}}
  const pageOf = new Map(); // page url -> {list, index}
  const webUrls = new Map();
  const downloadUrls = new Map();
  const queue = [];
  let active = 0;
  let requests = 0;

  const isApi = (u) => u.startsWith(apiRoot);

  function enqueue(url, e) {
    let u;
    try {
      u = new URL(url);
    } catch {
      return errors.refs.push(`${e.where}: ${show(url)} is not a URL`);
    }
    if (u.origin !== origin || !isApi(u.href)) {
      return errors.refs.push(`${e.where}: ${url} is not an address of this API (${apiRoot})`);
    }
    if (!expect.has(url)) {
      expect.set(url, []);
      queue.push(url); // the pump takes it after the visit in progress
    }
    expect.get(url).push(e);
  }

  function listPage(url, type, list, index, where) {
    if (!lists.has(list)) lists.set(list, { type, pages: new Map() });
    if (!pageOf.has(url)) pageOf.set(url, { list, index });
    enqueue(url, { kind: 'list', type, where });
  }

  function validatorFor(where0, sink) {
    return new Validator(
      schemas,
      {
        ref(url, target, where) {
          if (target.list) listPage(url, target.list, url, 0, where);
          else enqueue(url, { kind: 'object', type: target.type, where });
        },
        embedded(obj, type, where, parent) {
          occurrences.push({ obj, type, where, kind: 'embedded', parentId: parent?.id, parentType: parent?.type?.replace(NS, ''), prop: where.replace(/\[\d+\]$/, '').replace(/.*\./, '') });
          if (typeof obj.id === 'string' && isUrl(obj.id)) enqueue(obj.id, { kind: 'object', type, where: `${where}.id` });
        },
        url(url, prop, where) {
          if (new URL(url).origin !== origin) return; // an outside site (website, ...): format checked only
          if (prop === 'id') return; // the id of a list item or embedded object: followed by their hooks
          if (prop === 'downloadUrl') {
            if (!downloadUrls.has(url)) downloadUrls.set(url, where);
          } else if (isApi(url)) enqueue(url, { kind: 'any', where });
          else if (!webUrls.has(url)) webUrls.set(url, where);
        },
        vendor(value, key, where) {
          // URLs of this API inside vendor extensions are followed too.
          const walk = (v, w) => {
            if (typeof v === 'string' && v.startsWith(apiRoot)) enqueue(v, { kind: 'any', where: w });
            else if (typeof v === 'string' && v.startsWith(`${origin}/`) && !webUrls.has(v)) webUrls.set(v, w);
            else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${w}[${i}]`));
            else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, `${w}.${k}`);
          };
          walk(value, where);
        },
      },
      sink,
    );
  }

  /** A Witan vendor object (listed, or fetched at url). */
  function vendorObject(obj, name, where, sink) {
    const d = VENDOR_TYPES[name];
    const err = (m) => sink.push(`${where}: ${m}`);
    if (!isObj(obj)) return err(`${kindOf(obj)} where a ${name} object is expected`);
    if (obj.type !== vendorTypeUrl(name)) err(`type is ${show(obj.type)}, expected ${vendorTypeUrl(name)}`);
    if (obj.deleted === true) {
      for (const k of STUB_KEYS) if (!Object.hasOwn(obj, k)) err(`a deleted stub without ${k}`);
      return;
    }
    for (const k of d.required) if (!Object.hasOwn(obj, k)) err(`no ${k}`);
    if (!isUrl(obj.id)) err(`id ${show(obj.id)} is not a URL`);
    for (const k of ['created', 'modified']) if (Object.hasOwn(obj, k) && !isDateTime(obj[k])) err(`${k} ${show(obj[k])} is not a date-time`);
    for (const k of d.dates) if (Object.hasOwn(obj, k) && !isDate(obj[k])) err(`${k} ${show(obj[k])} is not a date`);
    if (Object.hasOwn(obj, 'license') && !isUrl(obj.license)) err(`license ${show(obj.license)} is not a URL`);
    for (const [k, v] of Object.entries(obj)) {
      if (v === null) err(`${k} is null (left out when there is none)`);
      if (k === 'id' || k === 'type') continue;
      const target = d.refs[k];
      for (const [i, x] of (Array.isArray(v) ? v : [v]).entries()) {
        const w = Array.isArray(v) ? `${where}.${k}[${i}]` : `${where}.${k}`;
        if (typeof x !== 'string') continue;
        if (target) {
          if (!isUrl(x) || !isApi(x)) err(`${k} ${show(x)} is not a URL of this API`);
          else enqueue(x, target.startsWith('vendor:') ? { kind: 'vendor', type: target.slice(7), where: w } : { kind: 'object', type: target, where: w });
        } else if (isApi(x)) enqueue(x, { kind: 'any', where: w });
        else if (x.startsWith(`${origin}/`) && !webUrls.has(x)) webUrls.set(x, w);
      }
    }
  }

  async function visit(url) {
    requests++;
    let res, text;
    try {
      res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (err) {
      responses.set(url, { status: 0, error: err.cause?.code || err.message });
      return;
    }
    const r = { status: res.status, contentType: res.headers.get('content-type'), cors: res.headers.get('access-control-allow-origin'), text, json: undefined };
    responses.set(url, r);
    bodies.set(url, text);
    if (r.cors !== '*') errors.protocol.push(`${url}: Access-Control-Allow-Origin is ${show(r.cors)}, not "*"`);
    if (!/^application\/json\b/i.test(r.contentType || '')) errors.protocol.push(`${url}: content-type ${show(r.contentType)}, not application/json`);
    try {
      r.json = JSON.parse(text);
    } catch {
      errors.protocol.push(`${url}: the body is not JSON (${show(text.slice(0, 60))})`);
      return;
    }
    if (r.status === 200 && r.json?.type === ERROR_TYPE) errors.protocol.push(`${url}: a 200 response of type Error`);
    if (r.status !== 200) return; // reported with the expectations
    const first = expect.get(url)[0];
    if (isObj(r.json) && Array.isArray(r.json.data)) checkListPage(url, r.json, first.type ?? vendorType(r.json.data[0]?.type) ?? r.json.data[0]?.type?.replace(NS, ''));
    else if (isObj(r.json) && vendorType(r.json.type)) {
      objects.set(url, r.json);
      vendorObject(r.json, vendorType(r.json.type), url, errors.schema);
      if (r.json.id !== url) errors.canonical.push(`${url}: fetched here, but its id is ${show(r.json.id)}`);
      if (r.json.deleted === true) errors.refs.push(`${url}: referenced (from ${first.where}) but deleted`);
    } else if (isObj(r.json)) {
      objects.set(url, r.json);
      const type = typeof r.json.type === 'string' && r.json.type.startsWith(NS) ? r.json.type.slice(NS.length) : first.type;
      if (!schemas.has(type)) {
        errors.schema.push(`${url}: type ${show(r.json.type)} is not an OParl 1.1 object type`);
        return;
      }
      validatorFor(url, errors.schema).object(r.json, type, url);
      if (r.json.id !== url) errors.canonical.push(`${url}: fetched here, but its id is ${show(r.json.id)}`);
      if (r.json.deleted === true) errors.refs.push(`${url}: referenced (from ${first.where}) but deleted`);
    } else errors.protocol.push(`${url}: ${kindOf(r.json)} where an object or a list page is expected`);
  }

  function checkListPage(url, page, type) {
    const meta = pageOf.get(url) ?? { list: url, index: 0 };
    if (!lists.has(meta.list)) lists.set(meta.list, { type, pages: new Map() });
    const ids = [];
    const e = (m) => errors.lists.push(`${url}: ${m}`);
    for (const k of Object.keys(page)) if (!LIST_KEYS.includes(k) && !isPrefixed(k)) e(`unknown list property "${k}"`);
    if (!isObj(page.pagination)) e('no pagination object');
    else {
      for (const [k, v] of Object.entries(page.pagination)) {
        if (!PAGINATION[k]) e(`unknown pagination property "${k}"`);
        else if (!Number.isInteger(v) || v < 0) e(`pagination.${k} is ${show(v)}, not a count`);
      }
    }
    if (!isObj(page.links)) e('no links object');
    else {
      for (const [k, v] of Object.entries(page.links)) {
        if (!LINKS.includes(k)) e(`unknown links property "${k}"`);
        else if (!isUrl(v)) e(`links.${k} ${show(v)} is not an absolute URL`);
      }
      if (page.links.self && isUrl(page.links.self) && normalUrl(page.links.self) !== normalUrl(url)) e(`links.self is ${page.links.self}`);
      if (page.links.first && isUrl(page.links.first) && normalUrl(page.links.first) !== normalUrl(meta.list)) e(`links.first is ${page.links.first}, not the list's first page ${meta.list}`);
      if (page.links.next && isUrl(page.links.next)) {
        if (pageOf.has(page.links.next) && pageOf.get(page.links.next).list !== meta.list) e(`links.next ${page.links.next} belongs to another list`);
        else if (page.links.next === url) e('links.next is the page itself');
        else listPage(page.links.next, type, meta.list, meta.index + 1, `${url} links.next`);
      }
    }
    const v = validatorFor(url, errors.schema);
    page.data.forEach((obj, i) => {
      const where = `${url} data[${i}]`;
      if (VENDOR_TYPES[type]) vendorObject(obj, type, where, errors.schema);
      else v.object(obj, type, where);
      if (obj?.deleted === true && !new URL(url).searchParams.has('modified_since')) errors.lists.push(`${where}: a deleted object in a list without modified_since`);
      if (typeof obj?.id === 'string' && isUrl(obj.id)) {
        ids.push(numericId(obj.id));
        occurrences.push({ obj, type, where, kind: 'list', parentId: meta.list, parentType: 'list', prop: 'data' });
        enqueue(obj.id, { kind: VENDOR_TYPES[type] ? 'vendor' : 'object', type, where: `${where}.id` });
      }
    });
    for (let i = 1; i < ids.length; i++) if (!(ids[i] > ids[i - 1])) e(`ids not increasing: ${ids[i - 1]} then ${ids[i]} at data[${i}]`);
    lists.get(meta.list).pages.set(url, { index: meta.index, ids, json: page });
  }

  enqueue(start, { kind: 'object', type: 'System', where: 'the start' });
  await new Promise((resolve) => {
    const pump = () => {
      while (active < concurrency && queue.length > 0) {
        const url = queue.shift();
        active++;
        visit(url)
          .catch((err) => errors.protocol.push(`${url}: crawler error ${err.stack}`))
          .finally(() => {
            active--;
            pump();
          });
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });

  // Every expectation against what was found.
  for (const [url, exps] of expect) {
    const r = responses.get(url);
    for (const x of exps) {
      if (!r || r.status !== 200) {
        errors.refs.push(`${x.where}: ${url} answered ${r ? r.status || r.error : 'nothing'}, not 200`);
        break;
      }
      const isList = isObj(r.json) && Array.isArray(r.json.data);
      if (x.kind === 'list' && !isList) errors.refs.push(`${x.where}: ${url} is not a list page`);
      if (x.kind === 'object') {
        if (isList) errors.refs.push(`${x.where}: ${url} is a list, not a ${x.type}`);
        else if (r.json?.type !== typeUrl(x.type)) errors.refs.push(`${x.where}: ${url} is a ${show(r.json?.type)}, not a ${x.type}`);
      }
      if (x.kind === 'list' && isList) {
        const want = VENDOR_TYPES[x.type] ? vendorTypeUrl(x.type) : typeUrl(x.type);
        const bad = r.json.data.filter((o) => o?.type !== want);
        if (bad.length) errors.refs.push(`${x.where}: ${url} lists ${bad.length} objects that are not ${x.type}`);
      }
      if (x.kind === 'vendor' && (isList || r.json?.type !== vendorTypeUrl(x.type))) errors.refs.push(`${x.where}: ${url} is a ${show(r.json?.type)}, not a ${x.type}`);
      if (x.kind === 'any' && !isList && !vendorType(r.json?.type) && !(typeof r.json?.type === 'string' && schemas.has(r.json.type.replace(NS, '')))) {
        errors.refs.push(`${x.where}: ${url} is not an OParl object`);
      }
    }
  }

  // Each list as a whole: pages in order, next on every page but the last.
  for (const [listUrl, l] of lists) {
    const pages = [...l.pages.entries()].sort((a, b) => a[1].index - b[1].index);
    if (pages.length === 0) continue; // its first page failed: reported above
    const e = (m) => errors.lists.push(`${listUrl}: ${m}`);
    const all = [];
    let total = null;
    pages.forEach(([url, p], i) => {
      if (p.index !== i) e(`page ${i} missing`);
      const hasNext = !!p.json.links?.next;
      const last = i === pages.length - 1;
      if (last && hasNext) e(`the last page fetched (${url}) has a next link`);
      if (!last && p.ids.length === 0) e(`${url} is empty but has a next link`);
      if (hasNext && pages[i + 1] && p.ids.length > 0 && pages[i + 1][1].ids.length === 0) e(`${url} links to an empty next page: next is on the last page`);
      const per = p.json.pagination?.elementsPerPage;
      if (Number.isInteger(per) && p.ids.length > per) e(`${url} has ${p.ids.length} objects, elementsPerPage is ${per}`);
      if (hasNext && Number.isInteger(per) && p.ids.length < per) e(`${url} has ${p.ids.length} of ${per} objects and yet a next page`);
      // (optional in OParl: Witan counts on the first page only)
      const t = p.json.pagination?.totalElements;
      if (i === 0 && t === undefined) e(`the first page ${url} has no totalElements`);
      if (t !== undefined && total === null) total = t;
      else if (t !== undefined && t !== total) e(`totalElements changes from ${total} to ${t} at ${url}`);
      if (all.length && p.ids.length && !(p.ids[0] > all[all.length - 1])) e(`${url} starts with id ${p.ids[0]}, not after ${all[all.length - 1]} of the page before`);
      all.push(...p.ids);
    });
    if (new Set(all).size !== all.length) e('an object is listed twice');
    if (Number.isInteger(total) && total !== all.length) e(`totalElements is ${total}, the pages hold ${all.length}`);
    l.ids = all;
  }

  // Embedded and listed objects against the same object fetched on its own.
  const diffs = new Map(); // "Type: key" -> count of occurrences where only the standalone object has key
  for (const o of occurrences) {
    const own = objects.get(o.obj?.id);
    if (!own) continue; // its fetch failed: reported above
    const keys = new Set([...Object.keys(o.obj), ...Object.keys(own)]);
    for (const k of keys) {
      if (!Object.hasOwn(own, k)) errors.embedded.push(`${o.where}: ${o.kind === 'list' ? 'listed' : 'embedded'} ${o.type} has ${k} = ${show(o.obj[k])}, the object at ${o.obj.id} has no ${k}`);
      else if (!Object.hasOwn(o.obj, k)) {
        const key = `${o.type}.${k} (${o.kind === 'list' ? 'listed' : 'embedded'} copies leave it out)`;
        diffs.set(key, (diffs.get(key) ?? 0) + 1);
      } else if (!deepEqual(o.obj[k], own[k])) errors.embedded.push(`${o.where}: ${o.type}.${k} is ${show(o.obj[k])} here, ${show(own[k])} at ${o.obj.id}`);
    }
  }

  // Back-references: what an object is embedded in, it points back to.
  const backref = (o, prop, many) => {
    const own = objects.get(o.obj.id);
    if (!own) return;
    const v = own[prop];
    const ok = many ? Array.isArray(v) && v.includes(o.parentId) : v === o.parentId;
    if (!ok) errors.backrefs.push(`${o.obj.id}: embedded in ${o.parentId} (${o.where}) but its ${prop} is ${show(v)}`);
  };
  for (const o of occurrences) {
    if (o.kind !== 'embedded' || !o.parentId) continue;
    if (o.type === 'AgendaItem' && o.parentType === 'Meeting') backref(o, 'meeting', false);
    if (o.type === 'Membership' && o.parentType === 'Person') backref(o, 'person', false);
    if (o.type === 'Consultation' && o.parentType === 'Paper') backref(o, 'paper', false);
    if (o.type === 'File' && o.parentType === 'Meeting') backref(o, 'meeting', true);
    if (o.type === 'File' && o.parentType === 'AgendaItem') backref(o, 'agendaItem', true);
    if (o.type === 'File' && o.parentType === 'Paper') backref(o, 'paper', true);
    if (o.type === 'Location' && o.parentType === 'Meeting') backref(o, 'meetings', true);
  }
  for (const [url, obj] of objects) {
    const need = { AgendaItem: ['meeting'], Membership: ['person', 'organization'], Consultation: ['paper'] }[obj.type?.replace(NS, '')] ?? [];
    for (const k of need) if (!obj[k]) errors.backrefs.push(`${url}: fetched on its own, it has no ${k}`);
    if (obj.type === typeUrl('File') && !obj.meeting && !obj.agendaItem && !obj.paper) errors.backrefs.push(`${url}: a File with no meeting, agendaItem or paper`);
  }

  const counts = {};
  for (const obj of objects.values()) {
    const t = vendorType(obj.type) ? `witan:${vendorType(obj.type)}` : obj.type?.replace(NS, '') ?? '?';
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return { errors, objects, occurrences, lists, bodies, responses, webUrls, downloadUrls, counts, requests, ms: Date.now() - t0, diffs, apiRoot, start };
}
