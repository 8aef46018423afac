// The OParl 1.1 API, tested as an outside client uses it (issue 5): the
// whole API is crawled from /oparl/v1.1/system, every object (embedded ones
// too) is validated against tests/data/oparl-schema plus the extra MUSTs of
// its README, and every referenced URL is resolved (oparl-validate.mjs).
// Then the protocol (errors, CORS, files, limit, the four time filters,
// omit_internal, canonical URLs), confidentiality (the exempt item, draft
// agendas and minutes), and, on a second server, what clients see of
// changes: deleted objects and `modified` propagating to the objects that
// embed what changed.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, fetchAs, post, signIn, sql } from './backoffice-helpers.mjs';
import { decode, demoMarkers, sleep } from './helpers.mjs';
import {
  crawlOparl,
  deepEqual,
  ERROR_TYPE,
  isDate,
  isDateTime,
  isUrl,
  KEYWORDS,
  keywordsUsed,
  loadSchemas,
  NS,
  numericId,
  STUB_KEYS,
  typeUrl,
  Validator,
} from './oparl-validate.mjs';

const schemas = loadSchemas();
// A deleted stub's keys: OParl's, and the body's licence (which Witan
// gives every object: OParl 1.0 clients want one).
const STUB_SHOWN = [...STUB_KEYS, 'license'].sort();
const MARKERS = demoMarkers();
const MARKER_RE = new RegExp(`\\b(${Object.values(MARKERS).join('|')})\\b`, 'i');

// The body's ten lists: path segment -> object type.
const BODY_LISTS = {
  organization: 'Organization',
  person: 'Person',
  meeting: 'Meeting',
  paper: 'Paper',
  agendaitem: 'AgendaItem',
  consultation: 'Consultation',
  file: 'File',
  location: 'Location',
  legislativeterm: 'LegislativeTerm',
  membership: 'Membership',
};

let srv; // the server crawled and probed read-only
let crawl; // crawlOparl's result
let api; // the API root, http://127.0.0.1:port/oparl/v1.1
const bodies = new Map(); // url -> every response body this file received, swept for markers

/** GET without following redirects: {status, headers, text, json (undefined if not JSON)}. */
async function getJson(url, init = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  bodies.set(url, text);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Every item of a list, following links.next: {items, pages, error}. */
async function walkList(url) {
  const items = [];
  const pages = [];
  const seen = new Set();
  for (let u = url; u; ) {
    if (seen.has(u) || pages.length > 200) return { items, pages, error: `${url}: the next links loop (${u})` };
    seen.add(u);
    const r = await getJson(u);
    if (r.status !== 200 || !Array.isArray(r.json?.data)) {
      return { items, pages, error: `${u} answered ${r.status}: ${r.text.slice(0, 160)}` };
    }
    pages.push({ url: u, json: r.json });
    items.push(...r.json.data);
    u = r.json.links?.next;
  }
  return { items, pages, error: null };
}

/** url with query parameters added (values are encoded, "+" too). */
function withQuery(url, params) {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}

const ms = (s) => Date.parse(s);
const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');
/** The same instant written with a +01:00 offset. */
const isoPlus1 = (t) => new Date(t + 3600e3).toISOString().replace(/(\.000)?Z$/, '+01:00');
const typeName = (o) => (typeof o?.type === 'string' ? o.type.replace(NS, '') : '?');

/** Waits for the next whole second and returns it (ms): everything done before has modified < it. */
async function nextSecond() {
  const t = Math.floor(Date.now() / 1000) * 1000 + 1000;
  await sleep(t - Date.now() + 20);
  return t;
}

/** Runs fn over items with a few requests at a time. */
async function pool(items, n, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        await fn(items[k], k);
      }
    }),
  );
}

before(async () => {
  srv = await startServer();
  api = `${srv.base}/oparl/v1.1`;
  crawl = await crawlOparl(srv.base, { schemas });
  for (const [url, text] of crawl.bodies) bodies.set(url, text);
});

after(async () => {
  await srv?.stop();
});

// ---------------------------------------------------------------------------

/** A meeting's invitation: its reports pack (meeting/{id}/invitation, served at /meetings/{id}/pack.pdf). */
const isPack = (o) => /\/meeting\/\d+\/invitation$/.test(o.id) && o.accessUrl?.endsWith('/pack.pdf');

describe('the validator', () => {
  test('implements every keyword the schema files use', () => {
    const used = keywordsUsed(schemas);
    const known = new Set([...KEYWORDS.checked, ...KEYWORDS.annotations]);
    assert.deepEqual([...used].filter((k) => !known.has(k)), [], 'keywords the validator does not know');
    for (const k of ['type', 'properties', 'required', 'items', 'format', 'pattern', 'references', 'schema']) {
      assert.ok(used.has(k), `the schema files use ${k}`);
    }
    assert.equal(schemas.size, 12, 'twelve object types');
  });

  test('formats: RFC 3339 date-time with an offset, YYYY-MM-DD dates, absolute http(s) URLs', () => {
    for (const s of ['2024-01-31T18:00:00Z', '2024-01-31T18:00:00+01:00', '2024-01-31T18:00:00.123-05:30', '2024-02-29T00:00:00Z', '2016-12-31T23:59:60Z']) {
      assert.ok(isDateTime(s), `${s} is a date-time`);
    }
    for (const s of ['2024-01-31T18:00:00', '2024-01-31', '2023-02-29T00:00:00Z', '2024-01-31T24:00:00Z', '2024-01-31T18:00Z', '2024-01-31T18:00:00+0100', '2024-01-31 18:00:00Z', ' 2024-01-31T18:00:00Z', '2024-13-01T00:00:00Z']) {
      assert.ok(!isDateTime(s), `${s} is not a date-time`);
    }
    for (const s of ['2024-01-31', '2024-02-29']) assert.ok(isDate(s), `${s} is a date`);
    for (const s of ['2024-1-31', '2023-02-29', '2024-01-31T00:00:00Z', '31.01.2024']) assert.ok(!isDate(s), `${s} is not a date`);
    for (const s of ['https://example.org/', 'http://127.0.0.1:8080/oparl/v1.1/meeting/1']) assert.ok(isUrl(s), `${s} is a URL`);
    for (const s of ['/oparl/v1.1/meeting/1', 'ftp://example.org/x', 'example.org', 'http://exa mple.org/', 'http:///x']) assert.ok(!isUrl(s), `${s} is not a URL`);
  });

  test('finds each kind of error in an object the server served', () => {
    const meeting = [...crawl.objects.values()].find((o) => o.type === typeUrl('Meeting') && o.location && o.agendaItem?.some((i) => i.auxiliaryFile));
    const body = [...crawl.objects.values()].find((o) => o.type === typeUrl('Body'));
    assert.ok(meeting && body, 'a meeting with a location and files, and the body');
    const run = (obj, type) => {
      const errors = [];
      const refs = [];
      new Validator(schemas, { ref: (url, target) => refs.push([url, target]) }, errors).object(obj, type, 'x');
      return { errors, refs };
    };
    const clean = run(meeting, 'Meeting');
    assert.deepEqual(clean.errors, [], 'the served meeting is valid');
    assert.ok(clean.refs.some(([, t]) => t.type === 'Organization'), 'references are reported for resolving');
    const cases = [
      ['created missing', (m) => delete m.created, 'created is missing'],
      ['date-time without offset', (m) => (m.modified = '2024-01-31T18:00:00'), 'not a valid date-time'],
      ['impossible date', (m) => (m.start = '2024-02-30T10:00:00Z'), 'not a valid date-time'],
      ['relative id', (m) => (m.id = '/oparl/v1.1/meeting/1'), 'not a valid url'],
      ['ftp web', (m) => (m.web = 'ftp://example.org/x'), 'not a valid url'],
      ['unprefixed extra property', (m) => (m.foo = 1), 'property "foo" is not defined'],
      ['1.0 type', (m) => (m.type = 'https://schema.oparl.org/1.0/Meeting'), 'does not match'],
      ['wrong type of value', (m) => (m.cancelled = 'no'), 'where the schema wants boolean'],
      ['embedded location without modified', (m) => delete m.location.modified, 'x.location: modified is missing'],
      ['embedded item with a string order', (m) => (m.agendaItem[0].order = '1'), 'x.agendaItem[0].order'],
      ['item without order', (m) => delete m.agendaItem[0].order, 'required property order is missing'],
      ['file with a bad date', (m) => (m.agendaItem.find((i) => i.auxiliaryFile).auxiliaryFile[0].date = '2024-1-5'), 'not a valid date'],
      ['organization not an array', (m) => (m.organization = m.organization[0]), 'where the schema wants array'],
    ];
    for (const [what, mutate, expected] of cases) {
      const m = structuredClone(meeting);
      mutate(m);
      const { errors } = run(m, 'Meeting');
      assert.ok(errors.some((e) => e.includes(expected)), `${what}: expected an error with "${expected}", got ${JSON.stringify(errors)}`);
    }
    const vendor = structuredClone(meeting);
    vendor['acme:anything'] = { x: 1 };
    assert.deepEqual(run(vendor, 'Meeting').errors, [], 'a prefixed property is allowed');
    for (const k of ['agendaItem', 'consultation', 'file', 'membership', 'locationList', 'legislativeTermList']) {
      const b = structuredClone(body);
      delete b[k];
      assert.ok(run(b, 'Body').errors.some((e) => e.includes(`Body.${k}`)), `a Body without ${k} is an error`);
    }
    const b = structuredClone(body);
    delete b.legislativeTerm[0].created;
    assert.ok(run(b, 'Body').errors.some((e) => e.includes('legislativeTerm[0]: created is missing')), 'embedded terms need created');
  });
  test('the crawler finds broken lists, references, ids, embedded copies and headers', async () => {
    // A small, deliberately wrong OParl server.
    let base;
    const T = (n) => typeUrl(n);
    const stamp = { created: '2024-01-01T00:00:00Z', modified: '2024-01-02T00:00:00+01:00' };
    const list = (data, links = {}) => ({ data, pagination: { totalElements: data.length, elementsPerPage: 2 }, links });
    const item = { id: '', type: T('AgendaItem'), meeting: '', order: 1, name: 'Item', ...stamp };
    const routes = {
      '/oparl/v1.1/system': () => ({ id: `${base}/oparl/v1.1/system`, type: T('System'), oparlVersion: 'https://schema.oparl.org/1.1/', body: `${base}/oparl/v1.1/body`, ...stamp }),
      '/oparl/v1.1/body': () => list([{ id: `${base}/oparl/v1.1/body/1`, type: T('Body'), system: `${base}/oparl/v1.1/system`, name: 'B', legislativeTerm: [],
        ...Object.fromEntries(['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'membership', 'locationList', 'legislativeTermList'].map((k) => [k, `${base}/oparl/v1.1/body/1/${k}`])), ...stamp }]),
      '/oparl/v1.1/body/1': () => routes['/oparl/v1.1/body']().data[0],
      // Unordered ids, and a next link on the last page.
      '/oparl/v1.1/body/1/organization': () => list([org(2), org(1)], { next: `${base}/oparl/v1.1/body/1/organization?after=1` }),
      '/oparl/v1.1/body/1/organization?after=1': () => list([org(3)], { next: `${base}/oparl/v1.1/body/1/organization?after=3` }),
      '/oparl/v1.1/body/1/organization?after=3': () => list([]),
      '/oparl/v1.1/organization/1': () => org(1),
      '/oparl/v1.1/organization/2': () => org(2),
      '/oparl/v1.1/organization/3': () => org(3),
      // An id that is not the URL it is served at.
      '/oparl/v1.1/body/1/person': () => list([{ id: `${base}/oparl/v1.1/person/1`, type: T('Person'), name: 'P', ...stamp }]),
      '/oparl/v1.1/person/1': () => ({ id: `${base}/oparl/v1.1/person/01`, type: T('Person'), name: 'P', ...stamp }),
      '/oparl/v1.1/person/01': () => ({ id: `${base}/oparl/v1.1/person/01`, type: T('Person'), name: 'P', ...stamp }),
      // A reference to nowhere, an embedded location without modified, an
      // embedded item that differs from the item at its id.
      '/oparl/v1.1/body/1/meeting': () => list([meeting()]),
      '/oparl/v1.1/meeting/1': () => meeting(),
      '/oparl/v1.1/agendaitem/1': () => ({ ...item, id: `${base}/oparl/v1.1/agendaitem/1`, meeting: `${base}/oparl/v1.1/meeting/1`, name: 'Another name' }),
      '/oparl/v1.1/location/1': () => ({ id: `${base}/oparl/v1.1/location/1`, type: T('Location'), ...stamp }),
    };
    const org = (n) => ({ id: `${base}/oparl/v1.1/organization/${n}`, type: T('Organization'), name: `O${n}`, ...stamp });
    const meeting = () => ({ id: `${base}/oparl/v1.1/meeting/1`, type: T('Meeting'), organization: [`${base}/oparl/v1.1/organization/99`],
      location: { id: `${base}/oparl/v1.1/location/1`, type: T('Location'), created: stamp.created },
      agendaItem: [{ ...item, id: `${base}/oparl/v1.1/agendaitem/1`, meeting: `${base}/oparl/v1.1/meeting/1` }], ...stamp });
    const server = http.createServer((req, res) => {
      const path = req.url;
      const route = routes[path] ?? (/\/body\/1\/\w+$/.test(path) ? () => list([]) : null);
      const headers = { 'content-type': 'application/json' };
      if (path !== '/oparl/v1.1/location/1') headers['access-control-allow-origin'] = '*'; // one without CORS
      res.writeHead(route ? 200 : 404, headers);
      res.end(JSON.stringify(route ? route() : { type: ERROR_TYPE, message: 'none' }));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${server.address().port}`;
    try {
      const c = await crawlOparl(base, { schemas });
      const has = (cat, re) => assert.ok(c.errors[cat].some((e) => re.test(e)), `${cat}: expected ${re} in ${JSON.stringify(c.errors[cat], null, 1)}`);
      has('lists', /ids not increasing: 2 then 1/);
      has('lists', /next/);
      has('canonical', /person\/1: fetched here, but its id is .*person\/01/);
      has('refs', /organization\/99 answered 404/);
      has('schema', /location: modified is missing/);
      has('embedded', /AgendaItem\.name is "Item" here, "Another name" at/);
      has('protocol', /location\/1: Access-Control-Allow-Origin/);
    } finally {
      server.close();
    }
  });
});

// ---------------------------------------------------------------------------

describe('the crawl from /oparl/v1.1/system', () => {
  test('statistics (objects per type, requests, time)', (t) => {
    const counts = Object.entries(crawl.counts).sort((a, b) => a[0].localeCompare(b[0]));
    const total = counts.reduce((n, [, c]) => n + c, 0);
    const embedded = crawl.occurrences.filter((o) => o.kind === 'embedded').length;
    const line = `OParl crawl: ${total} objects (${counts.map(([k, c]) => `${k} ${c}`).join(', ')}); ` +
      `${embedded} embedded copies and ${crawl.occurrences.length - embedded} listed copies validated; ` +
      `${crawl.lists.size} lists; ${crawl.requests} API requests in ${crawl.ms} ms`;
    console.log(line);
    t.diagnostic(line);
    for (const [k, n] of crawl.diffs) t.diagnostic(`embedded-only difference: ${k} (${n})`);
    for (const type of schemas.keys()) assert.ok((crawl.counts[type] ?? 0) >= 1, `the crawl reached a ${type}`);
  });

  test('every object, top-level and embedded, validates against its schema and the extra MUSTs', () => {
    assert.ok(crawl.objects.size > 100, `${crawl.objects.size} objects`);
    assert.deepEqual(crawl.errors.schema, [], `${crawl.errors.schema.length} schema errors`);
  });

  test('every object, the System, top-level and embedded ones, names its licence: the body\'s, OGL v3.0 by default', () => {
    const OGL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
    const missing = [];
    for (const [url, o] of crawl.objects) if (o.license !== OGL) missing.push(`${url}: license ${JSON.stringify(o.license)}`);
    for (const o of crawl.occurrences) if (o.obj.license !== OGL) missing.push(`${o.where}: license ${JSON.stringify(o.obj.license)}`);
    assert.ok([...crawl.objects.values()].some((o) => o.type === typeUrl('System')), 'the System was crawled');
    assert.deepEqual(missing.slice(0, 20), [], `${missing.length} objects without the body's licence`);
  });

  test('every referenced URL resolves with 200 to a live object of the referenced type, or to a list', () => {
    assert.deepEqual(crawl.errors.refs, [], `${crawl.errors.refs.length} reference errors`);
  });

  test('every list and page: data, pagination, links; next on every page but the last; ids increasing', () => {
    assert.deepEqual(crawl.errors.lists, [], `${crawl.errors.lists.length} list errors`);
    const lists = [...crawl.lists.entries()];
    const body = [...crawl.objects.values()].find((o) => o.type === typeUrl('Body'));
    for (const seg of Object.keys(BODY_LISTS)) assert.ok(crawl.lists.has(`${body.id}/${seg}`), `the body's ${seg} list was crawled`);
    assert.ok(lists.some(([, l]) => l.pages.size >= 2), 'some list has several pages (next links were followed)');
    assert.ok(lists.some(([u]) => /\/organization\/\d+\/meeting$/.test(u)), "an organization's meeting list was crawled");
  });

  test('each list holds exactly the objects of its type that the crawl found', () => {
    const problems = [];
    const body = [...crawl.objects.values()].find((o) => o.type === typeUrl('Body'));
    for (const [seg, type] of Object.entries(BODY_LISTS)) {
      const l = crawl.lists.get(`${body.id}/${seg}`);
      if (!l) {
        problems.push(`${body.id}/${seg} was not crawled`);
        continue;
      }
      const listed = new Set(l.ids);
      // (a meeting's reports pack, its invitation, is a File of the meeting's own: in no list)
      const found = [...crawl.objects.values()].filter((o) => o.type === typeUrl(type) && !isPack(o)).map((o) => numericId(o.id));
      const missing = found.filter((id) => !listed.has(id));
      if (missing.length) problems.push(`${seg}: reachable but not listed: ${missing.join(', ')}`);
      if (listed.size !== found.length) problems.push(`${seg}: ${listed.size} listed, ${found.length} found`);
    }
    // An organization's meeting list holds that organization's meetings.
    for (const [url, l] of crawl.lists) {
      const m = url.match(/\/organization\/(\d+)\/meeting$/);
      if (!m) continue;
      const org = `${api}/organization/${m[1]}`;
      const expected = [...crawl.objects.values()].filter((o) => o.type === typeUrl('Meeting') && o.organization?.includes(org)).map((o) => numericId(o.id)).sort((a, b) => a - b);
      if (!deepEqual(l.ids, expected)) problems.push(`${url}: lists ${l.ids.join(',')}, the organization's meetings are ${expected.join(',')}`);
    }
    assert.deepEqual(problems, []);
  });

  test('every API response: 200, application/json, Access-Control-Allow-Origin *, and no 200 of type Error', () => {
    assert.deepEqual(crawl.errors.protocol, [], `${crawl.errors.protocol.length} protocol errors`);
    assert.ok(crawl.responses.size > 100);
  });

  test('one canonical URL: every object has the id it was fetched from', () => {
    assert.deepEqual(crawl.errors.canonical, []);
    assert.ok([...crawl.objects.keys()].every((url) => crawl.objects.get(url).id === url));
  });

  test('embedded and listed objects are the object at their id (standalone ones may add back-references)', (t) => {
    const n = crawl.occurrences.length;
    assert.ok(n > 500, `${n} embedded or listed copies compared`);
    for (const [k, c] of crawl.diffs) t.diagnostic(`${k}: ${c}`);
    assert.deepEqual(crawl.errors.embedded, [], `${crawl.errors.embedded.length} differences`);
  });

  test('back-references: AgendaItem.meeting, Membership.person, Consultation.paper, File.meeting/agendaItem/paper, Location.meetings', () => {
    const kinds = new Set(crawl.occurrences.filter((o) => o.kind === 'embedded').map((o) => `${o.type} in ${o.parentType}`));
    for (const k of ['AgendaItem in Meeting', 'Membership in Person', 'Consultation in Paper', 'File in Meeting', 'File in AgendaItem', 'Location in Meeting']) {
      assert.ok(kinds.has(k), `the crawl met a ${k}`);
    }
    assert.deepEqual(crawl.errors.backrefs, [], `${crawl.errors.backrefs.length} back-reference errors`);
  });

  test('web and accessUrl addresses on this site answer 200', async () => {
    assert.ok(crawl.webUrls.size > 100, `${crawl.webUrls.size} web addresses`);
    const bad = [];
    await pool([...crawl.webUrls], 8, async ([url, where]) => {
      const res = await fetch(url, { method: 'HEAD', redirect: 'manual' });
      // A reports pack answers 503 (Retry-After) while it is being built: tests/http/pack.test.mjs.
      if (res.status === 503 && url.endsWith('/pack.pdf') && res.headers.get('retry-after')) return;
      if (res.status !== 200) bad.push(`${url} (${where}) → ${res.status}`);
    });
    assert.deepEqual(bad, []);
  });

  test('files: accessUrl inline, downloadUrl an attachment, the same bytes, size, mimeType and checksum', async () => {
    const files = [...crawl.objects.values()].filter((o) => o.type === typeUrl('File') && !isPack(o));
    assert.ok(files.length >= 10, `${files.length} files`);
    const bad = [];
    await pool(files, 6, async (f) => {
      const a = await fetch(f.accessUrl, { redirect: 'manual' });
      const aBytes = Buffer.from(await a.arrayBuffer());
      const d = await fetch(f.downloadUrl, { redirect: 'manual' });
      const dBytes = Buffer.from(await d.arrayBuffer());
      const p = (m) => bad.push(`${f.id}: ${m}`);
      if (a.status !== 200) return p(`accessUrl ${f.accessUrl} → ${a.status}`);
      if (d.status !== 200) return p(`downloadUrl ${f.downloadUrl} → ${d.status}`);
      const ad = a.headers.get('content-disposition') ?? '';
      if (/^\s*attachment/i.test(ad)) p(`accessUrl is served as an attachment (${ad})`);
      const dd = d.headers.get('content-disposition') ?? '';
      const fm = dd.match(/^attachment;\s*filename="?([^";]+)"?/i);
      if (!fm) p(`downloadUrl Content-Disposition is ${JSON.stringify(dd)}, not attachment; filename=...`);
      else if (f.fileName && fm[1] !== f.fileName) p(`downloadUrl filename ${fm[1]}, fileName ${f.fileName}`);
      if (d.headers.get('access-control-allow-origin') !== '*') p('downloadUrl without Access-Control-Allow-Origin: *');
      if (!aBytes.equals(dBytes)) p(`accessUrl and downloadUrl differ (${aBytes.length} and ${dBytes.length} bytes)`);
      if (f.size !== undefined && f.size !== dBytes.length) p(`size ${f.size}, served ${dBytes.length} bytes`);
      if (f.mimeType && !(d.headers.get('content-type') ?? '').startsWith(f.mimeType)) p(`mimeType ${f.mimeType}, served as ${d.headers.get('content-type')}`);
      const sha = createHash('sha256').update(dBytes).digest('hex');
      if (f['witan:sha256Checksum'] && f['witan:sha256Checksum'] !== sha) p(`witan:sha256Checksum ${f['witan:sha256Checksum']}, the bytes hash to ${sha}`);
    });
    assert.deepEqual(bad, []);
  });
});

// ---------------------------------------------------------------------------

describe('the protocol', () => {
  const meetingUrl = () => [...crawl.objects.keys()].filter((u) => /\/meeting\/\d+$/.test(u)).sort((a, b) => numericId(a) - numericId(b))[0];
  const bodyUrl = () => [...crawl.objects.values()].find((o) => o.type === typeUrl('Body')).id;

  test('errors are OParl Error objects in JSON with an error status and Access-Control-Allow-Origin *', async () => {
    const cases = [
      [`${api}/meeting/999999`, 404],
      [`${api}/nosuchtype/1`, 404],
      [`${api}/body/999999/meeting`, 404],
      [`${bodyUrl()}/nosuchlist`, 404],
      [`${api}/organization/999999/meeting`, 404],
      [`${api}/file/999999/download`, 404],
      [`${bodyUrl()}/meeting?modified_since=yesterday`, 400],
      [`${bodyUrl()}/person?created_since=2024-01-31T18%3A00%3A00%2B0100`, 400],
      [`${bodyUrl()}/person?limit=0`, 400],
      [`${bodyUrl()}/person?omit_internal=maybe`, 400],
    ];
    const bad = [];
    for (const [url, status] of cases) {
      const r = await getJson(url);
      const p = (m) => bad.push(`${url}: ${m}`);
      if (r.status !== status) p(`status ${r.status}, expected ${status}`);
      if (r.headers.get('access-control-allow-origin') !== '*') p(`Access-Control-Allow-Origin ${r.headers.get('access-control-allow-origin')}`);
      if (!/^application\/json\b/.test(r.headers.get('content-type') ?? '')) p(`content-type ${r.headers.get('content-type')}`);
      if (r.json?.type !== ERROR_TYPE) p(`type ${JSON.stringify(r.json?.type)}, expected ${ERROR_TYPE} (body ${r.text.slice(0, 80)})`);
      if (typeof r.json?.message !== 'string' || r.json.message.length < 5) p(`message ${JSON.stringify(r.json?.message)}`);
      for (const k of Object.keys(r.json ?? {})) if (!['type', 'message', 'debug'].includes(k)) p(`unexpected error property ${k}`);
    }
    assert.deepEqual(bad, []);
  });

  test('impossible date-times in the filters are refused with 400, not read as other times', async () => {
    const bad = [];
    for (const v of ['2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-31T25:00:00Z', '2024-01-31T18:61:00Z', '2024-01-31T18:00:00+25:00']) {
      for (const p of ['created_since', 'modified_until']) {
        const r = await getJson(withQuery(`${bodyUrl()}/person`, { [p]: v }));
        if (r.status !== 400 || r.json?.type !== ERROR_TYPE) bad.push(`${p}=${v}: ${r.status} ${r.json?.type ?? ''} (${r.json?.pagination ? `${r.json.pagination.totalElements} objects` : r.text.slice(0, 60)})`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('one canonical URL per object: a leading zero is 404, a trailing slash redirects to the id', async () => {
    const url = meetingUrl();
    const n = numericId(url);
    const zero = await getJson(`${api}/meeting/0${n}`);
    assert.equal(zero.status, 404, `${api}/meeting/0${n}`);
    assert.equal(zero.json?.type, ERROR_TYPE);
    const item = [...crawl.objects.keys()].find((u) => /\/agendaitem\/\d+$/.test(u));
    assert.equal((await getJson(item.replace(/\/(\d+)$/, '/00$1'))).status, 404, 'an agenda item id with zeros');
    const slash = await getJson(`${url}/`);
    assert.ok([301, 308].includes(slash.status), `${url}/ answered ${slash.status}`);
    assert.equal(new URL(slash.headers.get('location'), `${url}/`).href, url, 'the redirect goes to the id');
    const again = await getJson(url);
    assert.equal(again.status, 200);
    assert.equal(again.json.id, url);
  });

  test('limit=2: two objects a page, elementsPerPage 2, and next links that keep the limit', async () => {
    const full = crawl.lists.get(`${bodyUrl()}/meeting`).ids;
    assert.ok(full.length > 4);
    const r = await walkList(withQuery(`${bodyUrl()}/meeting`, { limit: '2' }));
    assert.equal(r.error, null);
    assert.deepEqual(r.items.map((o) => numericId(o.id)), full, 'the same meetings in the same order');
    assert.equal(r.pages.length, Math.ceil(full.length / 2));
    r.pages.forEach((p, i) => {
      const last = i === r.pages.length - 1;
      assert.equal(p.json.data.length, last ? full.length - 2 * i : 2, `page ${i + 1}`);
      assert.equal(p.json.pagination.elementsPerPage, 2);
      // totalElements on the first page (counting is as dear as reading)
      assert.equal(p.json.pagination.totalElements, i === 0 ? full.length : undefined);
      assert.equal(!!p.json.links.next, !last, `page ${i + 1}: next link`);
      if (!last) assert.equal(new URL(p.json.links.next).searchParams.get('limit'), '2', `page ${i + 1}: next keeps limit=2`);
      assert.equal(new URL(p.json.links.first).searchParams.get('limit'), '2');
    });
  });

  test('created_since, created_until, modified_since and modified_until select exactly the objects with those times', async (t) => {
    const problems = [];
    let queries = 0;
    await pool(Object.entries(BODY_LISTS), 4, async ([seg, type]) => {
      const listUrl = `${bodyUrl()}/${seg}`;
      const ids = crawl.lists.get(listUrl).ids;
      const objs = ids.map((id) => crawl.objects.get(`${api}/${seg}/${id}`));
      const times = [...new Set(objs.flatMap((o) => [ms(o.created), ms(o.modified)]))].sort((a, b) => a - b);
      // Around every time the objects have: just before, at, half a second after; with Z and with +01:00.
      const thresholds = [times[0] - 1000, ...times, ...times.map((x) => x + 500), times[times.length - 1] + 1000];
      for (const [param, field, cmp] of [
        ['created_since', 'created', (a, b) => a >= b],
        ['created_until', 'created', (a, b) => a <= b],
        ['modified_since', 'modified', (a, b) => a >= b],
        ['modified_until', 'modified', (a, b) => a <= b],
      ]) {
        for (const [i, th] of thresholds.entries()) {
          const value = i % 2 ? isoPlus1(th) : new Date(th).toISOString();
          const expected = objs.filter((o) => cmp(ms(o[field]), th)).map((o) => numericId(o.id));
          const r = await walkList(withQuery(listUrl, { [param]: value, limit: '1000' }));
          queries++;
          if (r.error) {
            problems.push(`${param}=${value} on ${seg}: ${r.error}`);
            continue;
          }
          const live = r.items.filter((o) => o.deleted !== true);
          const got = live.map((o) => numericId(o.id));
          if (!deepEqual(got, expected)) {
            const extra = got.filter((x) => !expected.includes(x));
            const missing = expected.filter((x) => !got.includes(x));
            problems.push(`${listUrl}?${param}=${value}: ${got.length} objects, expected ${expected.length}; extra ${extra.slice(0, 8).join(',')} (${field} ${extra.slice(0, 3).map((x) => objs.find((o) => numericId(o.id) === x)[field]).join(', ')}), missing ${missing.slice(0, 8).join(',')}`);
          }
          for (const o of r.items.filter((x) => x.deleted === true)) {
            if (param !== 'modified_since') problems.push(`${listUrl}?${param}=${value}: a deleted object ${o.id} without modified_since`);
            else if (ids.includes(numericId(o.id))) problems.push(`${listUrl}?${param}=${value}: ${o.id} is deleted here and live in the plain list`);
            else if (!(ms(o.modified) >= th)) problems.push(`${listUrl}?${param}=${value}: deleted ${o.id} has modified ${o.modified}`);
            else if (typeName(o) !== type) problems.push(`${listUrl}?${param}=${value}: deleted ${o.id} is a ${o.type}`);
          }
          const total = r.pages[0]?.json.pagination?.totalElements;
          if (total !== r.items.length) problems.push(`${listUrl}?${param}=${value}: totalElements ${total}, ${r.items.length} listed`);
        }
      }
    });
    t.diagnostic(`${queries} filtered lists compared`);
    assert.deepEqual(problems, [], `${problems.length} filter problems`);
  });

  test('the filters, limit and omit_internal are carried into the first, self and next links', async () => {
    const all = crawl.lists.get(`${bodyUrl()}/agendaitem`).ids;
    const objs = all.map((id) => crawl.objects.get(`${api}/agendaitem/${id}`));
    const lo = Math.min(...objs.map((o) => ms(o.created)));
    const hi = Math.max(...objs.map((o) => ms(o.modified)));
    const params = { created_since: isoPlus1(lo - 1000), created_until: new Date(hi + 1500).toISOString(), modified_since: iso(lo - 2000), modified_until: isoPlus1(hi + 2000), omit_internal: 'true', limit: '3' };
    const check = (page, where) => {
      for (const k of ['first', 'self', 'next']) {
        const link = page.links[k];
        assert.ok(link, `${where}: links.${k}`);
        const q = new URL(link).searchParams;
        for (const [p, v] of Object.entries(params)) assert.equal(q.get(p), v, `${where}: links.${k} carries ${p}=${v} (${link})`);
      }
    };
    const url = withQuery(`${bodyUrl()}/agendaitem`, params);
    const p1 = await getJson(url);
    assert.equal(p1.status, 200, p1.text.slice(0, 200));
    assert.equal(p1.json.data.length, 3);
    check(p1.json, 'page 1');
    const p2 = await getJson(p1.json.links.next);
    assert.equal(p2.status, 200);
    check(p2.json, 'page 2');
    assert.ok(numericId(p2.json.data[0].id) > numericId(p1.json.data[2].id), 'page 2 continues after page 1');
    assert.equal(new URL(p2.json.links.self).href, new URL(p1.json.links.next).href, 'page 2 calls itself what page 1 called it');
  });

  test('omit_internal=true leaves embedded objects out; false and absent keep them', async () => {
    const embeddedKeys = (o) => Object.keys(o).filter((k) => {
      const v = o[k];
      const isObjType = (x) => x && typeof x === 'object' && !Array.isArray(x) && typeof x.type === 'string' && x.type.startsWith(NS);
      return isObjType(v) || (Array.isArray(v) && v.some(isObjType));
    });
    // The properties that carry embedded objects somewhere in the crawl, per list.
    const expectKept = {};
    for (const seg of ['meeting', 'person', 'paper', 'agendaitem']) {
      const objs = [...crawl.objects.values()].filter((o) => o.type === typeUrl(BODY_LISTS[seg]));
      expectKept[seg] = [...new Set(objs.flatMap(embeddedKeys))];
    }
    for (const k of ['agendaItem', 'location', 'invitation', 'resultsProtocol']) assert.ok(expectKept.meeting.includes(k), `some meeting embeds ${k}`);
    assert.ok(expectKept.person.includes('membership'), 'some person embeds memberships');
    assert.ok(expectKept.paper.includes('consultation'), 'some paper embeds consultations');
    assert.ok(expectKept.agendaitem.includes('auxiliaryFile'), 'some agenda item embeds files');
    const problems = [];
    for (const [seg, keys] of Object.entries(expectKept)) {
      const base = `${bodyUrl()}/${seg}`;
      const [absent, no, yes] = await Promise.all([walkList(withQuery(base, { limit: '1000' })), walkList(withQuery(base, { limit: '1000', omit_internal: 'false' })), walkList(withQuery(base, { limit: '1000', omit_internal: 'true' }))]);
      for (const r of [absent, no, yes]) if (r.error) problems.push(r.error);
      if (!deepEqual(absent.items, no.items)) problems.push(`${seg}: omit_internal=false differs from no omit_internal`);
      const seen = new Set(absent.items.flatMap(embeddedKeys));
      for (const k of keys) if (!seen.has(k)) problems.push(`${seg}: no object has embedded ${k} without omit_internal`);
      for (const o of yes.items) {
        const left = embeddedKeys(o);
        if (left.length) problems.push(`${seg} omit_internal=true: ${o.id} still embeds ${left.join(', ')}`);
      }
      if (yes.items.length !== absent.items.length) problems.push(`${seg}: omit_internal=true lists ${yes.items.length} objects, not ${absent.items.length}`);
      // Everything else is unchanged.
      yes.items.forEach((o, i) => {
        const full = { ...absent.items[i] };
        for (const k of embeddedKeys(full)) delete full[k];
        if (!deepEqual(o, full)) problems.push(`${seg} omit_internal=true: ${o.id} differs in more than its embedded objects`);
      });
    }
    assert.deepEqual(problems, []);
  });
});

// ---------------------------------------------------------------------------

describe('confidential and unpublished content', () => {
  test('the exempt item appears with public: false and its title, and nothing else', async () => {
    const rows = await sql(srv.dbPath, 'SELECT i.id, i.title, i.meeting_id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.exempt = 1 AND i.deleted = 0 AND m.agenda_status = \'published\' AND m.published = 1');
    assert.ok(rows.length >= 1, 'the demo has an exempt item on a published agenda');
    const forbidden = ['witan:description', 'witan:minutes', 'witan:decision', 'resolutionText', 'resolutionFile', 'auxiliaryFile', 'consultation', 'witan:votes', 'witan:declarations', 'result'];
    for (const { id, title, meeting_id: mid } of rows) {
      const url = `${api}/agendaitem/${id}`;
      const item = crawl.objects.get(url);
      assert.ok(item, `${url} was reached by the crawl`);
      assert.equal(item.public, false, `${url}: public`);
      assert.equal(item.name, title, `${url}: the title`);
      assert.equal(item.meeting, `${api}/meeting/${mid}`);
      assert.deepEqual(forbidden.filter((k) => k in item), [], `${url}: nothing but the title and the exemption`);
      const copies = crawl.occurrences.filter((o) => o.obj.id === url);
      assert.ok(copies.some((o) => o.kind === 'embedded'), 'also embedded in its meeting');
      for (const c of copies) assert.deepEqual(forbidden.filter((k) => k in c.obj), [], `${c.where}: nothing but the title`);
    }
  });

  test("the exempt item's documents are not File objects and cannot be downloaded", async () => {
    const rows = await sql(srv.dbPath, 'SELECT DISTINCT f.id FROM file f JOIN file_link l ON l.file_id = f.id JOIN agenda_item i ON i.id = l.agenda_item_id WHERE i.exempt = 1 AND l.deleted = 0 AND f.deleted = 0');
    assert.ok(rows.length >= 1, 'the exempt item has documents');
    for (const { id } of rows) {
      const url = `${api}/file/${id}`;
      assert.ok(!crawl.objects.has(url), `${url} is not reachable`);
      const r = await getJson(url);
      if (r.status === 200) assert.deepEqual(Object.keys(r.json).sort(), STUB_SHOWN, `${url}: at most a deleted stub`);
      else assert.equal(r.status, 404);
      const d = await fetch(`${url}/download`, { redirect: 'manual' });
      const bytes = Buffer.from(await d.arrayBuffer());
      assert.equal(d.status, 404, `${url}/download`);
      assert.ok(!bytes.includes('%PDF-'));
    }
  });

  test('draft agendas: the meeting is there, its items are not', async () => {
    const rows = await sql(srv.dbPath, "SELECT m.id, (SELECT group_concat(i.id) FROM agenda_item i WHERE i.meeting_id = m.id) AS items FROM meeting m WHERE m.agenda_status = 'draft' AND m.published = 1 AND m.deleted = 0");
    assert.ok(rows.some((r) => r.items), 'the demo has a draft agenda with items');
    const listed = new Set(crawl.lists.get(`${[...crawl.objects.values()].find((o) => o.type === typeUrl('Body')).id}/agendaitem`).ids);
    for (const { id, items } of rows) {
      const m = crawl.objects.get(`${api}/meeting/${id}`);
      assert.ok(m, `meeting ${id} was crawled`);
      for (const k of ['agendaItem', 'invitation', 'auxiliaryFile']) assert.ok(!(k in m), `meeting ${id} has no ${k}`);
      assert.notEqual(m['witan:agendaStatus'], 'published');
      for (const item of (items ?? '').split(',').filter(Boolean).map(Number)) {
        const url = `${api}/agendaitem/${item}`;
        assert.ok(!crawl.objects.has(url) && !listed.has(item), `${url} is not in the crawl`);
        const r = await getJson(url);
        if (r.status === 200) assert.deepEqual(Object.keys(r.json).sort(), STUB_SHOWN, `${url}: at most a deleted stub`);
        else assert.equal(r.status, 404, url);
      }
    }
    const unpublished = await sql(srv.dbPath, 'SELECT id FROM meeting WHERE published = 0 OR deleted = 1');
    for (const { id } of unpublished) assert.ok(!crawl.objects.has(`${api}/meeting/${id}`), `unpublished meeting ${id} is not in the crawl`);
  });

  test('draft minutes: no minutes, decisions, votes or printed minutes', async () => {
    const rows = await sql(srv.dbPath, "SELECT id FROM meeting WHERE minutes_status = 'draft' AND agenda_status = 'published' AND published = 1 AND deleted = 0");
    assert.ok(rows.length >= 1, 'the demo has a meeting with draft minutes');
    for (const { id } of rows) {
      const m = crawl.objects.get(`${api}/meeting/${id}`);
      assert.ok(m?.agendaItem?.length > 0, `meeting ${id} and its agenda were crawled`);
      assert.ok(!('resultsProtocol' in m), `meeting ${id}: no printed minutes`);
      assert.ok(!['draft', 'published', 'approved'].includes(m['witan:minutesStatus']), `meeting ${id}: witan:minutesStatus ${m['witan:minutesStatus']}`);
      for (const i of m.agendaItem) {
        const own = crawl.objects.get(i.id);
        for (const k of ['witan:minutes', 'witan:decision', 'resolutionText', 'witan:votes']) assert.ok(!(k in i) && !(k in own), `${i.id}: no ${k}`);
      }
    }
  });

  test('no marker word of confidential or unpublished text is in any response', async () => {
    for (const [name, word] of Object.entries(MARKERS)) {
      const [row] = await sql(srv.dbPath, `SELECT count(*) AS n FROM agenda_item WHERE description_md LIKE '%${word}%' OR minutes_md LIKE '%${word}%' OR decision_md LIKE '%${word}%'`);
      assert.ok(row.n >= 1, `${name} (${word}) is in the record, so a leak would be seen`);
    }
    assert.ok(bodies.size >= crawl.bodies.size && bodies.size > 500, `${bodies.size} responses swept`);
    const leaks = [];
    for (const [url, text] of bodies) {
      const m = text.match(MARKER_RE);
      if (m) leaks.push(`${url}: "${m[1]}" in …${text.slice(Math.max(0, m.index - 60), m.index + 40)}…`);
    }
    assert.deepEqual(leaks, []);
  });
});

// ---------------------------------------------------------------------------
// Changes, on a server of their own so that the crawl above is not disturbed.

describe('changes seen through the API', () => {
  let srv2;
  let api2;
  let body2;
  let clerk;
  const touched = new Set(); // meetings changed by an earlier test here

  before(async () => {
    srv2 = await startServer();
    api2 = `${srv2.base}/oparl/v1.1`;
    addUser(srv2.dbPath, { email: 'oparl-clerk@example.org', role: 'clerk', password: 'a long enough password' });
    clerk = await signIn(srv2.base, 'oparl-clerk@example.org', 'a long enough password');
    body2 = `${api2}/body/${(await getJson(`${api2}/body`)).json.data[0].id.match(/(\d+)$/)[1]}`;
  });
  after(async () => {
    await srv2?.stop();
  });

  /** Every object of the body's ten lists: Map id -> object. */
  async function snapshot() {
    const all = new Map();
    const errors = [];
    await pool(Object.keys(BODY_LISTS), 5, async (seg) => {
      const r = await walkList(withQuery(`${body2}/${seg}`, { limit: '1000' }));
      if (r.error) errors.push(r.error);
      for (const o of r.items) all.set(o.id, o);
    });
    if (errors.length) throw new Error(errors.join('\n'));
    return all;
  }

  /**
   * What a client syncing with modified_since must see of the change made
   * at t (ms) between two snapshots: every object whose JSON changed has
   * modified >= t; every object gone from the lists is a deleted stub with
   * modified >= t; and the lists with modified_since=t hold exactly the
   * changed, added and deleted objects. Returns the problems found.
   */
  async function changeProblems(before_, after_, t, what) {
    const problems = [];
    const expected = new Map(Object.values(BODY_LISTS).map((ty) => [ty, new Set()]));
    for (const [id, a] of after_) {
      const b = before_.get(id);
      if (deepEqual(a, b)) continue;
      expected.get(typeName(a))?.add(id);
      if (!(ms(a.modified) >= t)) {
        const keys = b ? [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !deepEqual(a[k], b[k])) : ['(new)'];
        problems.push(`${what}: ${id} changed (${keys.join(', ')}) but its modified is ${a.modified}, before the change at ${iso(t)}`);
      }
    }
    for (const [id, b] of before_) {
      if (after_.has(id)) continue;
      expected.get(typeName(b))?.add(id);
      const r = await getJson(id);
      if (r.status !== 200) problems.push(`${what}: ${id} left the lists and answers ${r.status}, not 200 with deleted: true`);
      else {
        const o = r.json;
        if (o.deleted !== true) problems.push(`${what}: ${id} left the lists but is not deleted: true`);
        if (o.id !== id || o.type !== b.type || !o.created) problems.push(`${what}: ${id} deleted stub is ${JSON.stringify(o)}`);
        if (!(ms(o.modified) >= t)) problems.push(`${what}: ${id} (a ${typeName(b)}) is deleted, but its modified is ${o.modified}, before the change at ${iso(t)}`);
      }
    }
    for (const [seg, type] of Object.entries(BODY_LISTS)) {
      const r = await walkList(withQuery(`${body2}/${seg}`, { modified_since: iso(t), limit: '1000' }));
      if (r.error) {
        problems.push(`${what}: ${r.error}`);
        continue;
      }
      const got = new Set(r.items.map((o) => o.id));
      const exp = expected.get(type);
      for (const id of exp) if (!got.has(id)) problems.push(`${what}: ${id} changed but is not in ${body2}/${seg}?modified_since=${iso(t)}`);
      for (const id of got) if (!exp.has(id)) problems.push(`${what}: ${id} did not change but is in ${body2}/${seg}?modified_since=${iso(t)}`);
    }
    return problems;
  }

  test('unpublishing minutes: the items that lose their minutes are reported by modified_since', async (t) => {
    const before_ = await snapshot();
    const target = [...before_.values()].find((o) => typeName(o) === 'Meeting' && o['witan:minutesStatus'] === 'published' && o.agendaItem?.some((i) => i['witan:minutes']));
    assert.ok(target, 'a meeting with published (not yet approved) minutes');
    const withMinutes = target.agendaItem.filter((i) => i['witan:minutes']).map((i) => i.id);
    touched.add(target.id);

    const t0 = await nextSecond();
    const r = await post(srv2.base, `/admin/meetings/${numericId(target.id)}/minutes`, { csrf: clerk.csrf, status: 'draft', reason: 'Sent out too early' }, { cookie: clerk.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    const after_ = await snapshot();

    const problems = [];
    const m = after_.get(target.id);
    if (!m) problems.push(`${target.id} left the meeting list`);
    else {
      if (m.agendaItem?.some((i) => i['witan:minutes'])) problems.push(`${target.id}: the unpublished minutes are still shown`);
      if (!(ms(m.modified) >= t0)) problems.push(`${target.id}: modified ${m.modified}, the minutes were unpublished at ${iso(t0)}`);
    }
    const since = await walkList(withQuery(`${body2}/agendaitem`, { modified_since: iso(t0), limit: '1000' }));
    if (since.error) problems.push(since.error);
    for (const id of withMinutes) {
      const o = after_.get(id);
      if (!o) problems.push(`${id} left the list`);
      else if ('witan:minutes' in o) problems.push(`${id}: still shows its minutes`);
      else if (!(ms(o.modified) >= t0)) problems.push(`${id}: lost its minutes but its modified is ${o.modified}, before ${iso(t0)}`);
      if (!since.error && !since.items.some((x) => x.id === id)) problems.push(`${id}: lost its minutes but is not in ${body2}/agendaitem?modified_since=${iso(t0)}`);
    }
    const general = notAbout(problems, await changeProblems(before_, after_, t0, 'unpublishing minutes'));
    t.diagnostic(`meeting ${target.id}: ${withMinutes.length} items had minutes`);
    assert.deepEqual([...problems, ...general], []);
  });

  test('unpublishing an agenda: its items become deleted objects that modified_since reports', async (t) => {
    const before_ = await snapshot();
    // A meeting whose agenda can be unpublished (its minutes are not
    // published) with documents on its items; one with a consultation if any.
    const candidates = [...before_.values()].filter((o) => typeName(o) === 'Meeting' && !touched.has(o.id) && o['witan:agendaStatus'] === 'published' && o['witan:minutesStatus'] === 'none' && o.agendaItem?.some((i) => i.auxiliaryFile));
    const consulted = new Set([...before_.values()].filter((o) => typeName(o) === 'Consultation').map((c) => c.meeting));
    const target = candidates.find((m) => consulted.has(m.id)) ?? candidates[0];
    assert.ok(target, 'a meeting with a published agenda, unpublished minutes and documents on its items');
    const items = target.agendaItem.map((i) => i.id);
    const mid = numericId(target.id);
    touched.add(target.id);

    const t0 = await nextSecond();
    const r = await post(srv2.base, `/admin/meetings/${mid}/unpublish`, { csrf: clerk.csrf, reason: 'Published by mistake' }, { cookie: clerk.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    const after_ = await snapshot();

    const problems = [];
    // The items themselves: 200 with deleted: true, id, type, created,
    // modified (at or after the change); not in the plain list; in the list
    // with modified_since before the change.
    const sinceList = await walkList(withQuery(`${body2}/agendaitem`, { modified_since: iso(t0), limit: '1000' }));
    if (sinceList.error) problems.push(sinceList.error);
    const sinceIds = new Set(sinceList.items.map((o) => o.id));
    for (const id of items) {
      const g = await getJson(id);
      if (g.status !== 200) {
        problems.push(`${id}: ${g.status}, expected 200 with deleted: true`);
        continue;
      }
      const o = g.json;
      if (o.deleted !== true) problems.push(`${id}: deleted is ${o.deleted}`);
      if (o.id !== id) problems.push(`${id}: id ${o.id}`);
      if (o.type !== typeUrl('AgendaItem')) problems.push(`${id}: type ${o.type}`);
      if (!isDateTime(o.created)) problems.push(`${id}: created ${o.created}`);
      if (!isDateTime(o.modified) || !(ms(o.modified) >= t0)) problems.push(`${id}: deleted, but modified is ${o.modified}, expected at or after the unpublishing at ${iso(t0)}`);
      if ('name' in o) problems.push(`${id}: the deleted object still shows its name`);
      if (typeof o.license !== 'string' || !isUrl(o.license)) problems.push(`${id}: the deleted object names no licence (${o.license})`);
      if (after_.has(id)) problems.push(`${id}: still in the plain list`);
      if (!sinceList.error && !sinceIds.has(id)) problems.push(`${id}: deleted, but not in ${body2}/agendaitem?modified_since=${iso(t0)}`);
    }
    const m = after_.get(target.id);
    if (!m) problems.push(`${target.id}: the meeting itself left the list`);
    else {
      if ('agendaItem' in m) problems.push(`${target.id}: still embeds agenda items`);
      if (!(ms(m.modified) >= t0)) problems.push(`${target.id}: modified ${m.modified}`);
    }
    // And everything else the change touched (files, consultations, papers, ...).
    const general = notAbout(problems, await changeProblems(before_, after_, t0, 'unpublishing the agenda'));
    t.diagnostic(`meeting ${target.id}: ${items.length} items unpublished`);
    assert.deepEqual([...problems, ...general], []);
  });

  test("editing an agenda item: the item's and its meeting's modified move, and modified_since finds both", async () => {
    const before_ = await snapshot();
    const meeting = [...before_.values()].find((o) => typeName(o) === 'Meeting' && !touched.has(o.id) && o['witan:agendaStatus'] === 'published' && o.agendaItem?.length > 1 && o.agendaItem.every((i) => i.public !== false) && !o.resultsProtocol);
    assert.ok(meeting, 'a meeting with a published agenda');
    const item = meeting.agendaItem[1];
    const mid = numericId(meeting.id);
    const iid = numericId(item.id);
    const formPath = `/admin/meetings/${mid}/items/${iid}`;
    const page = await fetchAs(srv2.base, formPath, { cookie: clerk.cookie });
    assert.equal(page.status, 200);
    const fields = formFields(page.text, formPath);
    assert.equal(fields.title, item.name, 'the form shows the title the API shows');
    fields.title = `${item.name} (amended)`;
    if ('amendment' in fields) fields.amendment = 'Title corrected';
    fields.action = 'save';

    const t1 = await nextSecond();
    const r = await post(srv2.base, formPath, fields, { cookie: clerk.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const after_ = await snapshot();

    const problems = [];
    const own = (await getJson(item.id)).json;
    if (own?.name !== fields.title) problems.push(`${item.id}: name ${own?.name}`);
    if (!(ms(own?.modified) >= t1)) problems.push(`${item.id}: modified ${own?.modified}, the edit was at ${iso(t1)}`);
    const m = (await getJson(meeting.id)).json;
    if (m.agendaItem?.find((i) => i.id === item.id)?.name !== fields.title) problems.push(`${meeting.id}: the embedded item keeps its old title`);
    if (!(ms(m.modified) >= t1)) problems.push(`${meeting.id}: modified ${m.modified}, the edit of its item was at ${iso(t1)}`);
    for (const listUrl of [`${body2}/meeting`, ...m.organization.map((o) => `${o}/meeting`)]) {
      const since = await walkList(withQuery(listUrl, { modified_since: iso(t1) }));
      if (since.error) problems.push(since.error);
      else if (!since.items.some((o) => o.id === meeting.id)) problems.push(`${meeting.id} is not in ${listUrl}?modified_since=${iso(t1)}`);
      const before1 = await walkList(withQuery(listUrl, { modified_until: iso(t1 - 1000) }));
      if (before1.error) problems.push(before1.error);
      else if (before1.items.some((o) => o.id === meeting.id)) problems.push(`${meeting.id} is still in ${listUrl}?modified_until=${iso(t1 - 1000)}`);
    }
    const since = await walkList(withQuery(`${body2}/agendaitem`, { modified_since: iso(t1) }));
    if (since.error) problems.push(since.error);
    else if (!deepEqual(since.items.map((o) => o.id), [item.id])) problems.push(`${body2}/agendaitem?modified_since=${iso(t1)} lists ${since.items.map((o) => o.id).join(', ')}, not just ${item.id}`);
    problems.push(...notAbout(problems, await changeProblems(before_, after_, t1, 'editing an item')));
    assert.deepEqual(problems, []);
  });
});

/** The messages of `more` about objects that `problems` does not already name. */
function notAbout(problems, more) {
  const firstUrl = (p) => p.match(/https?:\/\/[^\s:]+(?::\d+)?[^\s:,]*/)?.[0];
  const named = new Set(problems.map(firstUrl));
  return more.filter((p) => !named.has(firstUrl(p)));
}

/** The fields of the form posting to `action` in a back-office page, as a browser would send them. */
function formFields(html, action) {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields = {};
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = m[1].match(/\bname="([^"]*)"/)?.[1];
    const type = m[1].match(/\btype="([^"]*)"/)?.[1] ?? 'text';
    if (!name || ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(m[1]))) continue;
    fields[decode(name)] = decode(m[1].match(/\bvalue="([^"]*)"/)?.[1] ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const m of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields[decode(m[1])] = decode(m[2].replace(/^\r?\n/, ''));
  }
  for (const m of form.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="([^"]*)"[^>]*\bselected\b/);
    fields[decode(m[1])] = decode(sel?.[1] ?? m[2].match(/<option value="([^"]*)"/)?.[1] ?? '');
  }
  return fields;
}
