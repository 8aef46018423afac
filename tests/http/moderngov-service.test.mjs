// ModernGov's public web service and its old page addresses, served from
// the public record (issue 19, "Moving from ModernGov"; docs/API.md,
// "ModernGov web service and old URLs"): what a ModernGov client asks
// (/mgWebService.asmx/GetCommittees, GetMeetings, GetMeeting,
// GetCouncillorsByWard, GetAttachment) is answered in ModernGov's shape,
// which tests/http/moderngov-fixture.mjs imitates (every answer's element
// names and order are compared with the fixture's), with the counts the
// public pages show, and nothing exempt, draft, withdrawn, deleted or
// internal; and the old page addresses answer 301 to the same object here,
// found through the importer's map of ModernGov ids (seeded below as an
// import would leave it) or by Witan's own id.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { dbQuery, envOf, startServer, witanPath } from '../lib/server.mjs';
import { demoMarkers, documentLinks, get, textOf } from './helpers.mjs';
import { startModernGovFixture } from './moderngov-fixture.mjs';

const MARKERS = demoMarkers();
const MARKER_RE = new RegExp(`\\b(${Object.values(MARKERS).join('|')})\\b`, 'i');
const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n';
const XML_TYPE = 'text/xml; charset=utf-8';
const SVC = '/mgWebService.asmx';
const WIDE = 'sFromDate=01/01/1990&sToDate=31/12/2100';
// The ModernGov sites an import came from, as import_run records them.
const MG = 'https://democracy.eastmere.example';
const MG_OLD = 'https://old.eastmere.example/moderngov';

let srv;
let fx;
const served = new Map(); // every answer of the web service: path -> body (swept for markers)

// --- XML ---------------------------------------------------------------------------

const ENT = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, n) => (n[0] === '#'
  ? String.fromCodePoint(n[1] === 'x' || n[1] === 'X' ? parseInt(n.slice(2), 16) : parseInt(n.slice(1), 10))
  : ENT[n] ?? m));

/** The element tree of a (regular, machine-written) XML document: {name, attrs, children, text}. */
function parseXml(xml) {
  const root = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let at = 0;
  for (let m; (m = re.exec(xml));) {
    assert.equal(m.index, at, `XML parses at ${at}: ${xml.slice(at, at + 40)}`);
    at = re.lastIndex;
    if (m[0].startsWith('<?')) continue;
    if (m[5] !== undefined) {
      stack.at(-1).text += unescape(m[5]);
    } else if (m[1]) {
      assert.equal(stack.pop().name, m[2], `</${m[2]}> closes its element`);
    } else {
      const el = { name: m[2], attrs: {}, children: [], text: '' };
      for (const a of m[3].matchAll(/([\w.:-]+)="([^"]*)"/g)) el.attrs[a[1]] = unescape(a[2]);
      stack.at(-1).children.push(el);
      if (!m[4]) stack.push(el);
    }
  }
  assert.equal(at, xml.length, 'the whole document parses');
  assert.equal(stack.length, 1, 'every element is closed');
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0];
}

/** A leaf's value ('' for ModernGov's empty element: a newline and spaces). */
const val = (el) => (/^\s*$/.test(el.text) ? '' : el.text);
const kids = (el, name) => el.children.filter((k) => k.name === name);
const kid = (el, name) => {
  const k = kids(el, name);
  assert.equal(k.length, 1, `<${el.name}> has one <${name}>`);
  return k[0];
};
const v = (el, name) => val(kid(el, name));
/** Every element of a tree, in document order. */
const walk = (el, out = []) => {
  out.push(el);
  for (const k of el.children) walk(k, out);
  return out;
};

/** Whether xmllint (libxml2-utils) finds the document well-formed: its error output, or ''. */
function xmllint(text) {
  return new Promise((resolve) => {
    const child = execFile('/usr/bin/xmllint', ['--noout', '-'], { encoding: 'utf8', timeout: 20000 }, (err, _out, stderr) => {
      resolve(err ? stderr || err.message : '');
    });
    child.stdin.on('error', () => {});
    child.stdin.end(text);
  });
}

/** Each element name's child-name sequences (repeats of one child taken once), as 'a,b,c'. */
function shapes(el, map = new Map()) {
  const seq = [];
  for (const k of el.children) if (seq.at(-1) !== k.name) seq.push(k.name);
  if (!map.has(el.name)) map.set(el.name, new Set());
  map.get(el.name).add(seq.join(','));
  for (const k of el.children) shapes(k, map);
  return map;
}

// --- ModernGov's forms --------------------------------------------------------------

const UK_DATE = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/\d{4}$/;
const UK_TIME = /^([1-9]|1[0-2])\.[0-5]\d (am|pm)$/;
/** 'YYYY-MM-DD...' as dd/mm/yyyy. */
const ukDate = (s) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
/** 'YYYY-MM-DD HH:MM' as "10.00 am". */
const ukTime = (s) => {
  const h = Number(s.slice(11, 13));
  return `${h % 12 || 12}.${s.slice(14, 16)} ${h < 12 ? 'am' : 'pm'}`;
};
const STATUS = { scheduled: 'Confirmed', held: 'Confirmed', cancelled: 'Cancelled', postponed: 'Postponed' };
const ATTENDANCE = { present: 'Present', apologies: 'Apologies', absent: 'Absent', substitute: 'Present as substitute', in_attendance: 'Present' };
const BOOLS = new Set(['committeedeleted', 'committeeexpired', 'agendapublished', 'decisionpublished', 'minutepublished']);
const DATES = new Set(['meetingdate', 'actualmeetingdate', 'preferreddate', 'publicationdate', 'decisiondate', 'startdate']);
const TIMES = new Set(['meetingtime', 'meetingplannedfinishtime', 'meetingactualstarttime', 'meetingactualfinishtime']);
const COUNTS = new Set(['committeescount', 'meetingscount', 'committeemeetingcount']);
// Lists that may be empty (the fixture happens to have none empty of some).
const LISTS = new Set(['agendaitems', 'linkeddocuments', 'attendees', 'committeemeetings', 'wards', 'councillors', 'termsofoffice']);

/** Witan's own elements and attributes (docs/API.md: in their own namespace, which ModernGov's clients do not read). */
const WITAN_NS = 'urn:x-witan:moderngov';

/** An answer as a ModernGov client reads it: Witan's own elements and attributes left out. */
function modernGovPart(text) {
  return text
    .replace(` xmlns:witan="${WITAN_NS}"`, '')
    .replace(/ witan:\w+="[^"]*"/g, '')
    .replace(/^ *<witan:(\w+)\b[^>]*\/>\n/gm, '')
    .replace(/^ *<witan:(\w+)\b[^>]*>[\s\S]*?<\/witan:\1>\n/gm, '');
}

/** The checks every answer of the service passes: the bytes ModernGov writes, and values in its forms. */
async function checkForms(path, text) {
  assert.ok(text.startsWith(XML_DECL), `${path}: starts with the XML declaration`);
  assert.ok(text.endsWith('>\n'), `${path}: ends with a newline`);
  assert.equal(await xmllint(text), '', `${path}: xmllint finds it well-formed`);
  assert.ok(!/\/>/.test(text), `${path}: no self-closing element`);
  assert.ok(!/<(\w+)(\s[^>]*)?><\/\1>/.test(text), `${path}: an empty element holds a newline, as ModernGov writes it`);
  // Each element on its own line, two spaces a level; an empty one closes at its own indentation.
  let depth = 0;
  let inText = null; // an element whose text runs over lines
  const lines = text.split('\n').slice(1, -1);
  for (const [k, line] of lines.entries()) {
    if (inText) {
      if (line.endsWith(`</${inText}>`)) inText = null;
      continue;
    }
    const m = line.match(/^( *)<(\/?)(\w+)[^>]*>(.*)$/);
    assert.ok(m, `${path}: an element a line: "${line.slice(0, 60)}"`);
    if (m[2]) depth--;
    assert.equal(m[1].length, 2 * depth, `${path}: indentation of "${line.slice(0, 60)}"`);
    if (m[2]) continue;
    if (m[4] !== '' && !m[4].endsWith(`</${m[3]}>`)) inText = m[3]; // a value over lines
    else if (m[4] === '' && !/^ *</.test(lines[k + 1] ?? '')) inText = m[3]; // (one that starts with a newline)
    else if (m[4] === '') depth++; // children, or an empty value, follow
  }
  assert.equal(depth, 0, `${path}: every element closed`);
  assert.equal(inText, null);
  const root = parseXml(text);
  for (const el of walk(root)) {
    if (el.children.length) continue;
    const x = val(el);
    if (/^is/.test(el.name) || BOOLS.has(el.name)) assert.match(x, /^(True|False)$/, `${path}: <${el.name}> ${x}`);
    if (DATES.has(el.name) && x !== '') assert.match(x, UK_DATE, `${path}: <${el.name}> ${x}`);
    if (el.name === 'enddate') assert.match(x, new RegExp(`${UK_DATE.source}|^unspecified$`), `${path}: <enddate> ${x}`);
    if (TIMES.has(el.name) && x !== '') assert.match(x, UK_TIME, `${path}: <${el.name}> ${x}`);
    if (COUNTS.has(el.name)) assert.match(el.text, /^ \d+$/, `${path}: <${el.name}> with ModernGov's leading space`);
  }
  return root;
}

// --- fetching ---------------------------------------------------------------------

/** A GET of the web service (or any path): {status, headers, text}; 200 XML answers are checked and kept. */
async function call(path, init = {}) {
  const res = await fetch(new URL(path, srv.base), { redirect: 'manual', ...init });
  const text = await res.text();
  served.set(path, text);
  return { status: res.status, headers: res.headers, text };
}

/** A method's 200 answer (of srv, or of the server at base), checked, as its element tree. */
async function xml(path, base = srv.base) {
  const r = base === srv.base ? await call(path) : await get(base, path);
  assert.equal(r.status, 200, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
  assert.equal(r.headers.get('content-type'), XML_TYPE, `${path}: ${XML_TYPE}`);
  return { root: await checkForms(path, modernGovPart(r.text)), text: r.text, headers: r.headers };
}

const q = (sql) => dbQuery(srv.db, sql);

/** GET path without following a redirect: {status, location, text}. */
async function go(path) {
  const r = await get(srv.base, path);
  return { status: r.status, location: r.headers.get('location'), text: r.text };
}

/** The fixture's answer to path, as its element tree. */
async function fixtureXml(path) {
  const res = await fetch(`${fx.baseUrl}${path}`);
  assert.equal(res.status, 200, `fixture ${path}`);
  return parseXml(await res.text());
}

// --- the record -----------------------------------------------------------------------

let pubMeetings; // pub_meeting rows
let held; // a held meeting with public minutes and items with documents: {id, organization_id, ...}
let heldItem; // one of its items with a document: {id, file_id}
let attendee; // a person who attended it

before(async () => {
  [srv, fx] = await Promise.all([startServer(), startModernGovFixture({ delayMs: 0 })]);
  pubMeetings = await q('SELECT id, organization_id, start_at, end_at, state, agenda_status, minutes_status, webcast_url FROM pub_meeting ORDER BY id');
  [held] = await q(`SELECT m.id, m.organization_id FROM pub_meeting m WHERE m.state = 'held'
    AND m.minutes_status IN ('published', 'approved') AND EXISTS (SELECT 1 FROM pub_file_link l
    JOIN pub_agenda_item i ON i.id = l.agenda_item_id WHERE i.meeting_id = m.id) ORDER BY m.id LIMIT 1`);
  assert.ok(held, 'the demo has a held meeting with public minutes and documents');
  [heldItem] = await q(`SELECT i.id, l.file_id FROM pub_agenda_item i JOIN pub_file_link l ON l.agenda_item_id = i.id
    WHERE i.meeting_id = ${held.id} ORDER BY i.position, l.position LIMIT 1`);
  [attendee] = await q(`SELECT person_id FROM pub_attendance WHERE meeting_id = ${held.id} ORDER BY person_id LIMIT 1`);
  assert.ok(heldItem && attendee);
});

after(async () => {
  await Promise.all([srv?.stop(), fx?.stop()]);
});

// --- GetCommittees ----------------------------------------------------------------------

describe('GetCommittees', () => {
  test('lists the committees of the public /committees page, by title, in ModernGov\'s shape', async () => {
    const { root, text } = await xml(`${SVC}/GetCommittees`);
    assert.equal(root.name, 'committees');
    const list = kids(root, 'committee');
    assert.equal(v(root, 'committeescount'), ` ${list.length}`);
    assert.match(text, new RegExp(`<committeescount> ${list.length}</committeescount>`));
    // The /committees page: every link but those under "Outside bodies" (not committees).
    const page = (await get(srv.base, '/committees')).text;
    const main = page.slice(page.indexOf('<main'), page.indexOf('</main>')).split('<h2>Outside bodies</h2>')[0];
    const onPage = [...main.matchAll(/<a href="\/committees\/(\d+)">([^<]*)<\/a>/g)].map((m) => [Number(m[1]), textOf(m[2])]);
    assert.ok(onPage.length >= 5, 'the page lists the demo\'s committees');
    const listed = list.map((c) => [Number(v(c, 'committeeid')), v(c, 'committeetitle')]);
    assert.deepEqual([...listed].sort((a, b) => a[0] - b[0]), [...onPage].sort((a, b) => a[0] - b[0]));
    const titles = listed.map(([, t]) => t);
    assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })), 'by title');
    const kinds = new Map((await q('SELECT id, kind, end_date FROM pub_organization')).map((o) => [o.id, o]));
    const category = { council: 'Council', cabinet: 'Cabinet', committee: 'Committee', panel: 'Panel', sub_committee: 'Sub-committee' };
    for (const c of list) {
      const o = kinds.get(Number(v(c, 'committeeid')));
      assert.equal(v(c, 'committeedeleted'), 'False');
      assert.equal(v(c, 'committeeexpired'), o.end_date ? 'True' : 'False');
      assert.equal(v(c, 'committeecategory'), category[o.kind]);
    }
  });

  test('names its elements in ModernGov\'s order', async () => {
    const mine = shapes((await xml(`${SVC}/GetCommittees`)).root);
    const theirs = shapes(await fixtureXml(`${SVC}/GetCommittees`));
    assert.deepEqual([...mine.get('committees')], [...theirs.get('committees')]);
    assert.deepEqual([...mine.get('committee')], [...theirs.get('committee')]);
  });
});

// --- GetMeetings -------------------------------------------------------------------------

describe('GetMeetings', () => {
  test('lCommitteeId=0 lists every public meeting in the window, by committee title then date', async () => {
    const { root } = await xml(`${SVC}/GetMeetings?lCommitteeId=0&${WIDE}`);
    assert.equal(root.name, 'getmeetings');
    const groups = kids(root, 'committee');
    const meetings = groups.flatMap((g) => kids(kid(g, 'committeemeetings'), 'meeting'));
    assert.equal(v(root, 'meetingscount'), ` ${meetings.length}`);
    assert.equal(v(root, 'committeescount'), ` ${groups.length}`);
    assert.equal(meetings.length, pubMeetings.length, 'as many as the public views hold');
    assert.deepEqual(meetings.map((m) => Number(v(m, 'meetingid'))).sort((a, b) => a - b), pubMeetings.map((m) => m.id));
    const titles = groups.map((g) => v(g, 'committeetitle'));
    assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const byId = new Map(pubMeetings.map((m) => [m.id, m]));
    const states = new Set();
    for (const g of groups) {
      const ms = kids(kid(g, 'committeemeetings'), 'meeting');
      assert.equal(v(g, 'committeemeetingcount'), ` ${ms.length}`);
      let last = '';
      for (const m of ms) {
        const row = byId.get(Number(v(m, 'meetingid')));
        assert.equal(row.organization_id, Number(v(g, 'committeeid')));
        assert.equal(v(m, 'meetingdate'), ukDate(row.start_at));
        assert.equal(v(m, 'meetingtime'), ukTime(row.start_at));
        assert.equal(v(m, 'meetingstatus'), STATUS[row.state]);
        assert.equal(v(m, 'iswebcast'), row.webcast_url ? 'True' : 'False');
        assert.ok(row.start_at >= last, 'by date');
        last = row.start_at;
        states.add(row.state);
      }
    }
    for (const s of ['held', 'scheduled', 'cancelled', 'postponed']) assert.ok(states.has(s), `the demo has a ${s} meeting`);
  });

  test('one committee\'s meetings; both days of the window included; yyyy-mm-dd as well as dd/mm/yyyy', async () => {
    const mine = pubMeetings.filter((m) => m.organization_id === held.organization_id);
    const { root } = await xml(`${SVC}/GetMeetings?lCommitteeId=${held.organization_id}&${WIDE}`);
    assert.deepEqual(kids(root, 'committee').map((g) => Number(v(g, 'committeeid'))), [held.organization_id]);
    assert.equal(v(root, 'meetingscount'), ` ${mine.length}`);
    const day = pubMeetings.find((m) => m.id === held.id).start_at.slice(0, 10);
    const uk = ukDate(day);
    const one = await xml(`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=${uk}&sToDate=${uk}`);
    const ids = walk(one.root).filter((e) => e.name === 'meetingid').map((e) => Number(val(e)));
    assert.ok(ids.includes(held.id), 'a window of one day holds that day\'s meeting');
    assert.deepEqual(ids.sort((a, b) => a - b), pubMeetings.filter((m) => m.start_at.startsWith(day)).map((m) => m.id));
    const iso = await call(`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=${day}&sToDate=${day}`);
    assert.equal(iso.text, one.text, 'yyyy-mm-dd reads the same');
    const next = new Date(Date.parse(`${day}T12:00:00Z`) + 864e5).toISOString().slice(0, 10);
    const prev = new Date(Date.parse(`${day}T12:00:00Z`) - 864e5).toISOString().slice(0, 10);
    const around = await xml(`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=${next}&sToDate=${next}`);
    assert.ok(!walk(around.root).some((e) => e.name === 'meetingid' && Number(val(e)) === held.id), 'the day after does not');
    const upTo = await xml(`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=${prev}&sToDate=${day}`);
    assert.ok(walk(upTo.root).some((e) => e.name === 'meetingid' && Number(val(e)) === held.id), 'the last day is included');
    const back = await xml(`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=${ukDate(next)}&sToDate=${ukDate(prev)}`);
    assert.equal(v(back.root, 'meetingscount'), ' 0', 'a window that ends before it starts is empty');
    assert.equal(kids(back.root, 'committee').length, 0);
  });

  test('names its elements in ModernGov\'s order', async () => {
    const mine = shapes((await xml(`${SVC}/GetMeetings?lCommitteeId=0&${WIDE}`)).root);
    const theirs = shapes(await fixtureXml(`${SVC}/GetMeetings?lCommitteeId=0&${WIDE}`));
    for (const name of ['getmeetings', 'committee', 'committeemeetings', 'meeting']) {
      assert.deepEqual([...mine.get(name)], [...theirs.get(name)], `<${name}>`);
    }
  });
});

// --- GetMeeting ---------------------------------------------------------------------------

/** The meeting page's agenda: [{id, number, docs: [href]}], and its attendance rows. */
async function meetingPage(id) {
  const r = await get(srv.base, `/meetings/${id}`);
  assert.equal(r.status, 200);
  const items = [...r.text.matchAll(/<li class="agenda-item"><span class="item-number">([^<]*)<\/span>[\s\S]*?href="\/meetings\/\d+\/items\/(\d+)"[\s\S]*?<\/div><\/li>/g)]
    .map((m) => ({ id: Number(m[2]), number: textOf(m[1]), docs: documentLinks(m[0]).map((d) => d.href) }));
  const att = r.text.match(/<section aria-labelledby="attendance">[\s\S]*?<\/section>/);
  const attendance = att ? [...att[0].matchAll(/<tr><td><a href="\/people\/(\d+)"/g)].map((m) => Number(m[1])) : [];
  return { html: r.text, items, attendance };
}

describe('GetMeeting', () => {
  test('a held meeting: its items, documents and attendance, as its public page and the views have them', async () => {
    const { root } = await xml(`${SVC}/GetMeeting?lMeetingId=${held.id}`);
    const row = pubMeetings.find((m) => m.id === held.id);
    const [org] = await q(`SELECT name FROM pub_organization WHERE id = ${row.organization_id}`);
    assert.equal(root.name, 'meeting');
    assert.equal(v(root, 'meetingid'), String(held.id));
    assert.equal(v(root, 'agendaid'), String(held.id));
    assert.equal(v(root, 'meetingdate'), ukDate(row.start_at));
    assert.equal(v(root, 'meetingtime'), ukTime(row.start_at));
    assert.equal(v(root, 'meetingplannedfinishtime'), row.end_at ? ukTime(row.end_at) : '');
    assert.equal(v(root, 'meetingstatus'), 'Confirmed');
    assert.equal(v(root, 'agendapublished'), 'True');
    assert.equal(v(root, 'minutepublished'), 'True');
    assert.equal(v(root, 'isdisplayallowed'), 'True');
    const page = await meetingPage(held.id);
    const venue = page.html.match(/<dt>Venue<\/dt><dd>([^<]*)/);
    assert.ok(venue, 'the page names the venue');
    assert.equal(v(root, 'meetinglocation'), textOf(venue[1]), 'the venue as the page shows it');
    const items = kids(kid(root, 'agendaitems'), 'agendaitem');
    assert.equal(items.length, page.items.length, 'as many items as the meeting page');
    const pubItems = await q(`SELECT id, number, title, position, exempt, description_html, minutes_html, decision_html
      FROM pub_agenda_item WHERE meeting_id = ${held.id} ORDER BY position, id`);
    assert.deepEqual(items.map((it) => Number(v(it, 'agendaitemid'))), pubItems.map((i) => i.id), 'in agenda order');
    let docs = 0;
    for (const [k, it] of items.entries()) {
      const p = pubItems[k];
      assert.equal(v(it, 'agendaitemtitle'), p.title);
      assert.equal(v(it, 'fulldisplaynumberformat'), page.items[k].number, 'the number as the page shows it');
      assert.equal(v(it, 'agendaitemnumber'), String(p.position));
      assert.equal(v(it, 'meetingdate'), ukDate(row.start_at));
      assert.equal(v(it, 'refertocommittee'), org.name);
      assert.equal(v(it, 'isrestricted'), p.exempt ? 'True' : 'False');
      assert.equal(v(it, 'isminutepublished'), 'True');
      if (!p.exempt) {
        assert.equal(v(it, 'agendatext'), p.description_html ?? '', 'the item\'s public HTML, escaped into the text');
        const minutes = v(it, 'minutesnonemptyhtmlbody');
        if (p.minutes_html) assert.ok(minutes.startsWith(p.minutes_html), 'its minutes');
        if (p.decision_html) assert.ok(minutes.includes(p.decision_html), 'its decision');
        assert.equal(v(it, 'isdecisionpublished'), p.decision_html ? 'True' : 'False');
      }
      const linked = kids(kid(it, 'linkeddocuments'), 'linkeddoc');
      assert.deepEqual(linked.map((d) => v(d, 'url')), page.items[k].docs.map((h) => `${srv.base}${h}`),
        `item ${p.id}: the documents the page links, by their download address here`);
      for (const [n, d] of linked.entries()) {
        assert.equal(v(d, 'itemnum'), String(n + 1));
        assert.equal(v(d, 'isurl'), 'False');
        assert.equal(v(d, 'isrestricted'), 'False');
        assert.equal(v(d, 'ownertitle'), p.title);
        assert.equal(v(d, 'meetingdate'), ukDate(row.start_at));
        assert.equal(v(d, 'committeetitle'), org.name);
        assert.match(v(d, 'publicationdate'), UK_DATE);
      }
      docs += linked.length;
    }
    const [{ n }] = await q(`SELECT count(*) AS n FROM pub_file_link l JOIN pub_agenda_item i ON i.id = l.agenda_item_id WHERE i.meeting_id = ${held.id}`);
    assert.ok(docs >= n && docs > 0, `the items' ${docs} documents (${n} linked to items in the views)`);
    // Attendance: every row of the page and of the view, ModernGov's words for each.
    const people = kids(kid(root, 'attendees'), 'attendee');
    const rows = await q(`SELECT person_id, status FROM pub_attendance WHERE meeting_id = ${held.id}`);
    assert.equal(people.length, rows.length, 'every attendance row');
    assert.deepEqual(people.map((a) => Number(a.attrs.memberid)).sort((a, b) => a - b), [...page.attendance].sort((a, b) => a - b),
      'the people of the page\'s attendance table');
    const status = new Map(rows.map((r) => [r.person_id, r.status]));
    const persons = new Map((await q('SELECT id, name, party, area FROM pub_person')).map((p) => [p.id, p]));
    for (const a of people) {
      const s = status.get(Number(a.attrs.memberid));
      const p = persons.get(Number(a.attrs.memberid));
      assert.equal(a.attrs.attendance, ATTENDANCE[s]);
      assert.equal(a.attrs.name, p.name);
      assert.equal(a.attrs.membertype, s === 'in_attendance' ? 'O' : 'U');
      if (a.attrs.membertype === 'U') {
        assert.equal(a.attrs.politicalparty, p.party ?? '');
        assert.equal(a.attrs.ward, p.area ?? '');
      }
      assert.equal(v(a, 'url'), `${srv.base}/people/${p.id}`);
    }
    assert.ok(people.some((a) => a.attrs.roledescription === 'Chair'), 'the chair is named as such');
  });

  test('every public meeting parses, lists its items and documents as its page does; others are 404', async () => {
    const [{ top }] = await q('SELECT max(id) AS top FROM meeting');
    const pub = new Set(pubMeetings.map((m) => m.id));
    for (let id = 1; id <= top + 2; id++) {
      const path = `${SVC}/GetMeeting?lMeetingId=${id}`;
      if (!pub.has(id)) {
        const r = await call(path);
        assert.equal(r.status, 404, `${path}: not public`);
        assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
        assert.match(r.text, new RegExp(`There is no meeting with the id ${id}\\.`));
        continue;
      }
      const { root } = await xml(path);
      const row = pubMeetings.find((m) => m.id === id);
      const page = await meetingPage(id);
      const items = kids(kid(root, 'agendaitems'), 'agendaitem');
      assert.equal(v(root, 'agendapublished'), row.agenda_status === 'published' ? 'True' : 'False', path);
      assert.equal(v(root, 'minutepublished'), ['published', 'approved'].includes(row.minutes_status) ? 'True' : 'False', path);
      assert.equal(v(root, 'meetingstatus'), STATUS[row.state], path);
      assert.equal(items.length, page.items.length, `${path}: the page's items`);
      if (row.agenda_status !== 'published') assert.equal(items.length, 0, `${path}: no items before the agenda is out`);
      const [{ n }] = await q(`SELECT count(*) AS n FROM pub_agenda_item WHERE meeting_id = ${id}`);
      assert.equal(items.length, n, `${path}: the view's items`);
      for (const [k, it] of items.entries()) {
        assert.equal(Number(v(it, 'agendaitemid')), page.items[k].id);
        assert.equal(kids(kid(it, 'linkeddocuments'), 'linkeddoc').length, page.items[k].docs.length, `${path}: item ${page.items[k].id}'s documents`);
      }
      const attendees = kids(kid(root, 'attendees'), 'attendee');
      if (row.state === 'held') {
        assert.equal(attendees.length, page.attendance.length, `${path}: the page's attendance`);
      } else {
        // Before it is held, the committee's members are expected.
        const day = row.start_at.slice(0, 10);
        const members = await q(`SELECT person_id FROM pub_membership WHERE organization_id = ${row.organization_id}
          AND role <> 'substitute' AND (start_date IS NULL OR start_date <= '${day}') AND (end_date IS NULL OR end_date >= '${day}')`);
        assert.deepEqual(attendees.map((a) => Number(a.attrs.memberid)).sort((a, b) => a - b),
          members.map((m) => m.person_id).sort((a, b) => a - b), `${path}: the members on the day`);
        for (const a of attendees) assert.equal(a.attrs.attendance, 'Expected');
      }
    }
  });

  test('names its elements and attributes in ModernGov\'s order', async () => {
    const m = fx.meta;
    const future = m.meetings.find((x) => x.future && !x.agendaPublished);
    const theirs = new Map();
    const theirAttrs = new Set();
    for (const id of [m.seed.meetingId, m.restricted.meetingId, future.id]) {
      const t = await fixtureXml(`${SVC}/GetMeeting?lMeetingId=${id}`);
      shapes(t, theirs);
      for (const a of walk(t).filter((e) => e.name === 'attendee')) {
        theirAttrs.add(Object.keys(a.attrs).filter((k) => k !== 'keyposts').join(','));
      }
    }
    const scheduled = pubMeetings.find((x) => x.state === 'scheduled' && x.agenda_status === 'published');
    const draft = pubMeetings.find((x) => x.agenda_status !== 'published');
    assert.ok(scheduled && draft);
    let attendees = 0;
    for (const id of [held.id, scheduled.id, draft.id]) {
      const mine = (await xml(`${SVC}/GetMeeting?lMeetingId=${id}`)).root;
      for (const [name, seqs] of shapes(mine)) {
        assert.ok(theirs.has(name), `the fixture has <${name}>`);
        for (const s of seqs) {
          assert.ok(theirs.get(name).has(s) || (s === '' && LISTS.has(name)),
            `<${name}> holds ${s || 'nothing'}; ModernGov's: ${[...theirs.get(name)].join(' | ')}`);
        }
      }
      for (const a of walk(mine).filter((e) => e.name === 'attendee')) {
        attendees++;
        assert.ok(theirAttrs.has(Object.keys(a.attrs).join(',')), `attendee attributes ${Object.keys(a.attrs)}`);
      }
    }
    assert.ok(attendees > 0);
  });
});

// --- GetAttachment -------------------------------------------------------------------------

describe('GetAttachment', () => {
  test('a document says what its <linkeddoc> says; every public document answers, no other', async () => {
    const { root } = await xml(`${SVC}/GetMeeting?lMeetingId=${held.id}`);
    const linked = walk(root).filter((e) => e.name === 'linkeddoc');
    assert.ok(linked.length > 0);
    for (const d of linked) {
      const a = (await xml(`${SVC}/GetAttachment?lAttachmentID=${v(d, 'attachmentid')}`)).root;
      assert.equal(a.name, 'attachment');
      assert.deepEqual(a.children.map((k) => [k.name, val(k)]), d.children.map((k) => [k.name, val(k)]));
      const bytes = await fetch(v(a, 'url'));
      assert.equal(bytes.status, 200, `${v(a, 'url')} downloads`);
      await bytes.arrayBuffer();
    }
    const theirs = shapes(await fixtureXml(`${SVC}/GetAttachment?lAttachmentID=${fx.meta.seed.documents[0].attachmentId}`));
    assert.deepEqual([...shapes(root).get('linkeddoc')], [...theirs.get('attachment')], 'ModernGov\'s children, in its order');
    const pub = new Set((await q('SELECT id FROM pub_file')).map((f) => f.id));
    const [{ top }] = await q('SELECT max(id) AS top FROM file');
    for (let id = 1; id <= top + 2; id++) {
      const r = await call(`${SVC}/GetAttachment?lAttachmentID=${id}`);
      assert.equal(r.status, pub.has(id) ? 200 : 404, `GetAttachment ${id}`);
      if (r.status === 200) await checkForms(`GetAttachment ${id}`, modernGovPart(r.text));
    }
  });
});

// --- GetCouncillorsByWard --------------------------------------------------------------------

describe('GetCouncillorsByWard', () => {
  test('the council\'s current members by ward, their party and terms; no contact details', async () => {
    const { root } = await xml(`${SVC}/GetCouncillorsByWard`);
    assert.equal(root.name, 'councillorsbyward');
    const wards = kids(kid(root, 'wards'), 'ward');
    const want = await q(`SELECT DISTINCT p.id, p.name, p.party, p.area FROM pub_person p JOIN pub_membership ms ON ms.person_id = p.id
      JOIN pub_organization o ON o.id = ms.organization_id WHERE o.kind = 'council' AND ms.role <> 'officer'
      AND (ms.end_date IS NULL OR ms.end_date >= date('now', 'localtime'))`);
    assert.ok(want.length >= 10, 'the demo has a council');
    const got = wards.flatMap((w) => kids(kid(w, 'councillors'), 'councillor').map((c) => ({ c, ward: v(w, 'wardtitle') })));
    assert.deepEqual(got.map(({ c }) => Number(v(c, 'councillorid'))).sort((a, b) => a - b), want.map((p) => p.id).sort((a, b) => a - b));
    const titles = wards.map((w) => v(w, 'wardtitle'));
    assert.equal(new Set(titles).size, titles.length, 'each ward once');
    assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })), 'wards by title');
    const byId = new Map(want.map((p) => [p.id, p]));
    for (const { c, ward } of got) {
      const p = byId.get(Number(v(c, 'councillorid')));
      assert.equal(ward, p.area ?? '');
      assert.equal(v(c, 'fullusername'), p.name);
      assert.equal(v(c, 'politicalpartytitle'), p.party ?? '');
      for (const a of ['workaddress', 'homeaddress']) {
        for (const line of kid(c, a).children) assert.equal(val(line), '', `<${a}><${line.name}> is empty`);
      }
      const terms = kids(kid(c, 'termsofoffice'), 'termofoffice');
      assert.ok(terms.length >= 1, 'a term of office');
    }
    const mine = shapes(root);
    const theirs = shapes(await fixtureXml(`${SVC}/GetCouncillorsByWard`));
    for (const name of ['councillorsbyward', 'wards', 'ward', 'councillors', 'councillor', 'workaddress', 'homeaddress', 'termsofoffice', 'termofoffice']) {
      assert.deepEqual([...mine.get(name)], [...theirs.get(name)], `<${name}>`);
    }
  });
});

// --- the protocol ------------------------------------------------------------------------------

describe('the protocol', () => {
  test('parameter and method names are matched without regard to case', async () => {
    const canonical = (await call(`${SVC}/GetMeeting?lMeetingId=${held.id}`)).text;
    for (const p of [`${SVC}/GetMeeting?lmeetingid=${held.id}`, `${SVC}/GetMeeting?LMEETINGID=${held.id}`, `${SVC}/getmeeting?LMeetingID=${held.id}`]) {
      const r = await call(p);
      assert.equal(r.status, 200, p);
      assert.equal(r.text, canonical, p);
    }
    const a = await call(`${SVC}/GetAttachment?lattachmentid=${heldItem.file_id}`);
    assert.equal(a.status, 200);
    const m = await call(`${SVC}/GETMEETINGS?lcommitteeid=0&SFROMDATE=01/01/1990&stodate=2100-12-31`);
    assert.equal(m.text, (await call(`${SVC}/GetMeetings?lCommitteeId=0&${WIDE}`)).text);
  });

  test('errors: plain text saying what is wrong', async () => {
    const cases = [
      [`${SVC}/GetMeetingz`, 404, /no method GetMeetingz\. It answers GetCommittees, GetMeetings, GetMeeting, GetCouncillorsByWard and GetAttachment\./],
      [`${SVC}/GetMeeting`, 400, /Missing parameter: lMeetingId\./],
      [`${SVC}/GetMeeting?lMeetingId=`, 400, /Missing parameter: lMeetingId\./],
      [`${SVC}/GetMeeting?lMeetingId=four`, 400, /The parameter lMeetingId is not a number/],
      [`${SVC}/GetMeeting?lMeetingId=99999999999`, 400, /lMeetingId is not a number/],
      [`${SVC}/GetMeeting?lMeetingId=999999`, 404, /There is no meeting with the id 999999\./],
      [`${SVC}/GetAttachment`, 400, /Missing parameter: lAttachmentID\./],
      [`${SVC}/GetAttachment?lAttachmentID=1.5`, 400, /lAttachmentID is not a number/],
      [`${SVC}/GetAttachment?lAttachmentID=999999`, 404, /There is no document with the id 999999\./],
      [`${SVC}/GetMeetings?sFromDate=01/01/2026&sToDate=31/12/2026`, 400, /Missing parameter: lCommitteeId\./],
      [`${SVC}/GetMeetings?lCommitteeId=0&sToDate=31/12/2026`, 400, /Missing parameter: sFromDate\..*dd\/mm\/yyyy or yyyy-mm-dd/],
      [`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=01/01/2026`, 400, /Missing parameter: sToDate\./],
      [`${SVC}/GetMeetings?lCommitteeId=x&${WIDE}`, 400, /lCommitteeId is not a number/],
      [`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=31/02/2026&sToDate=31/12/2026`, 400, /sFromDate is not a date: give it as dd\/mm\/yyyy/],
      [`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=01/01/2026&sToDate=12/31/2026`, 400, /sToDate is not a date/],
      [`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=2026-13-01&sToDate=31/12/2026`, 400, /sFromDate is not a date/],
      [`${SVC}/GetMeetings?lCommitteeId=0&sFromDate=1/1/26&sToDate=31/12/2026`, 400, /sFromDate is not a date/],
      [`${SVC}/GetMeetings?lCommitteeId=4242&${WIDE}`, 404, /There is no committee with the id 4242\./],
    ];
    for (const [path, status, message] of cases) {
      const r = await call(path);
      assert.equal(r.status, status, `${path}: ${r.status} ${r.text}`);
      assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8', path);
      assert.match(r.text, message, path);
      assert.ok(!r.text.includes('<'), `${path}: no markup`);
    }
    const help = await call(SVC);
    assert.equal(help.status, 200);
    assert.match(help.text, /GetMeetings\?lCommitteeId=N&sFromDate=dd\/mm\/yyyy&sToDate=dd\/mm\/yyyy/);
    const post = await call(`${SVC}/GetCommittees`, { method: 'POST', body: '' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('content-type'), 'text/plain; charset=utf-8');
  });

  test('answers carry an ETag; a revalidation is a 304; HEAD has no body', async () => {
    for (const path of [`${SVC}/GetCommittees`, `${SVC}/GetMeeting?lMeetingId=${held.id}`]) {
      const first = await call(path);
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^"[^"]+"$/, `${path}: an ETag`);
      const again = await call(path, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304, `${path}: revalidated`);
      assert.equal(again.text, '');
      const second = await call(path);
      assert.equal(second.text, first.text, 'the same answer again (from the cache)');
      const head = await fetch(new URL(path, srv.base), { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-type'), XML_TYPE);
      assert.equal((await head.arrayBuffer()).byteLength, 0);
    }
  });
});

// --- what is never shown ------------------------------------------------------------------------

describe('what is never shown', () => {
  test('the record holds each marker word, so that a leak would be seen', async () => {
    for (const [name, word] of Object.entries(MARKERS)) {
      const [row] = await q(`SELECT (SELECT count(*) FROM agenda_item WHERE description_md LIKE '%${word}%' OR minutes_md LIKE '%${word}%'
        OR decision_md LIKE '%${word}%' OR title LIKE '%${word}%') + (SELECT count(*) FROM person WHERE email LIKE '%${word}%'
        OR phone LIKE '%${word}%') AS n`);
      assert.ok(row.n >= 1, `${name} (${word}) is in the record`);
    }
  });

  test('the exempt item: its title and isrestricted, nothing else', async () => {
    const rows = await q('SELECT i.id, i.meeting_id, i.title FROM pub_agenda_item i WHERE i.exempt = 1');
    assert.ok(rows.length >= 1, 'the demo has an exempt item');
    for (const e of rows) {
      const { root, text } = await xml(`${SVC}/GetMeeting?lMeetingId=${e.meeting_id}`);
      const it = kids(kid(root, 'agendaitems'), 'agendaitem').find((x) => Number(v(x, 'agendaitemid')) === e.id);
      assert.ok(it, 'listed');
      assert.equal(v(it, 'agendaitemtitle'), e.title);
      assert.equal(v(it, 'isrestricted'), 'True');
      assert.equal(v(it, 'agendatext'), '');
      assert.equal(v(it, 'minutesnonemptyhtmlbody'), '');
      assert.equal(v(it, 'isdecisionpublished'), 'False');
      assert.equal(kids(kid(it, 'linkeddocuments'), 'linkeddoc').length, 0);
      assert.ok(!text.includes(MARKERS.DEMO_EXEMPT_MARKER));
    }
    // Its documents exist, and are no attachment.
    const docs = await q(`SELECT l.file_id FROM file_link l JOIN agenda_item i ON i.id = l.agenda_item_id
      WHERE i.exempt = 1 AND l.deleted = 0`);
    assert.ok(docs.length >= 1);
    for (const { file_id: id } of docs) assert.equal((await call(`${SVC}/GetAttachment?lAttachmentID=${id}`)).status, 404);
  });

  test('a draft agenda lists no item; draft minutes give no minutes', async () => {
    const draft = await q(`SELECT DISTINCT m.id FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id
      WHERE m.agenda_status = 'draft' AND m.published = 1 AND m.deleted = 0`);
    assert.ok(draft.length >= 1);
    for (const { id } of draft) {
      const { root, text } = await xml(`${SVC}/GetMeeting?lMeetingId=${id}`);
      assert.equal(v(root, 'agendapublished'), 'False');
      assert.equal(kid(root, 'agendaitems').children.length, 0);
      assert.ok(!text.includes(MARKERS.DEMO_DRAFT_AGENDA_MARKER));
    }
    const minutes = await q(`SELECT id FROM meeting WHERE minutes_status = 'draft' AND agenda_status = 'published'
      AND published = 1 AND deleted = 0`);
    assert.ok(minutes.length >= 1);
    for (const { id } of minutes) {
      const { root, text } = await xml(`${SVC}/GetMeeting?lMeetingId=${id}`);
      assert.equal(v(root, 'minutepublished'), 'False');
      const items = kids(kid(root, 'agendaitems'), 'agendaitem');
      assert.ok(items.length > 0);
      for (const it of items) {
        assert.equal(v(it, 'minutesnonemptyhtmlbody'), '');
        assert.equal(v(it, 'isminutepublished'), 'False');
        assert.equal(v(it, 'minutesitemnumber'), '');
      }
      assert.ok(!text.includes(MARKERS.DEMO_DRAFT_MINUTES_MARKER));
    }
  });

  test('no marker word in any answer of the service', async () => {
    // (every meeting and document was asked for above; the lists too)
    await call(`${SVC}/GetCouncillorsByWard`);
    await call(`${SVC}/GetCommittees`);
    await call(`${SVC}/GetMeetings?lCommitteeId=0&${WIDE}`);
    assert.ok(served.size > 100, `${served.size} answers swept`);
    const leaks = [...served].filter(([, t]) => MARKER_RE.test(t)).map(([p, t]) => `${p}: ${t.match(MARKER_RE)[1]}`);
    assert.deepEqual(leaks, []);
  });
});

// --- Witan's additions ------------------------------------------------------------------------------

describe('Witan\'s additions, in their own namespace', () => {
  /** A method's answer as a whole tree, Witan's elements included (checked well-formed by xmllint). */
  async function full(path) {
    const { text } = await xml(path);
    assert.ok(text.includes(`xmlns:witan="${WITAN_NS}"`), `${path}: declares Witan's namespace`);
    return parseXml(text);
  }
  const one = (el, name) => kids(el, name)[0];

  test('GetMeeting: publication times, approval, venue, the meeting\'s own documents, declarations, substitutes, votes', async () => {
    const [m] = await q(`SELECT id FROM pub_meeting WHERE minutes_status = 'approved' AND minutes_approved_by IS NOT NULL
      AND EXISTS (SELECT 1 FROM pub_declaration d WHERE d.meeting_id = pub_meeting.id) ORDER BY id LIMIT 1`);
    assert.ok(m, 'the demo has an approved meeting with declarations');
    const [row] = await q(`SELECT * FROM pub_meeting WHERE id = ${m.id}`);
    const root = await full(`${SVC}/GetMeeting?lMeetingId=${m.id}`);
    assert.equal(val(one(root, 'witan:agendapublished')), row.agenda_published_at);
    assert.equal(val(one(root, 'witan:minutesstatus')), 'approved');
    assert.equal(val(one(root, 'witan:minutespublished')), row.minutes_published_at);
    assert.equal(val(one(root, 'witan:minutesapproved')), row.minutes_approved_at);
    assert.equal(Number(val(one(root, 'witan:minutesapprovedby'))), row.minutes_approved_by);
    const venue = one(root, 'witan:venue');
    assert.equal(Number(venue.attrs.id), row.location_id);
    const [loc] = await q(`SELECT * FROM pub_location WHERE id = ${row.location_id}`);
    assert.equal(venue.attrs.name, loc.name);
    assert.equal(venue.attrs.postcode ?? null, loc.postcode);
    // The meeting's own documents, with their roles, as the views have them.
    const own = await q(`SELECT l.file_id, l.role FROM pub_file_link l WHERE l.meeting_id = ${m.id}`);
    const docs = kids(one(root, 'witan:documents'), 'witan:document');
    assert.deepEqual(docs.map((d) => [Number(v(d, 'attachmentid')), d.attrs.role]).sort(),
      own.map((d) => [d.file_id, d.role]).sort());
    // Declarations, as pub_declaration has them.
    const decl = await q(`SELECT agenda_item_id, person_id, kind, description, left_room FROM pub_declaration
      WHERE meeting_id = ${m.id} ORDER BY agenda_item_id, person_id`);
    const listed = kids(one(root, 'witan:declarations'), 'witan:declaration').map((d) => ({
      agenda_item_id: Number(d.attrs.agendaitemid), person_id: Number(d.attrs.memberid), kind: d.attrs.kind,
      description: d.text, left_room: d.attrs.leftroom === 'True' ? 1 : 0,
    })).sort((a, b) => a.agenda_item_id - b.agenda_item_id || a.person_id - b.person_id);
    assert.deepEqual(listed, decl);
    // Substitutes name whom they stood in for.
    const subs = await q(`SELECT person_id, substitute_for FROM pub_attendance WHERE meeting_id = ${m.id}
      AND substitute_for IS NOT NULL`);
    for (const sub of subs) {
      const a = kids(kid(root, 'attendees'), 'attendee').find((x) => Number(x.attrs.memberid) === sub.person_id);
      assert.equal(Number(a.attrs['witan:substitutefor']), sub.substitute_for);
    }
    // Votes, with each member's vote, under their items.
    const votes = await q(`SELECT v.agenda_item_id, v.motion, v.result, v.votes_for FROM pub_vote v
      JOIN pub_agenda_item i ON i.id = v.agenda_item_id WHERE i.meeting_id = ${m.id} ORDER BY v.id`);
    const items = kids(kid(root, 'agendaitems'), 'agendaitem');
    const got = items.flatMap((it) => kids(one(it, 'witan:votes') ?? { children: [] }, 'witan:vote').map((x) => ({
      agenda_item_id: Number(v(it, 'agendaitemid')), motion: x.attrs.motion, result: x.attrs.result, votes_for: Number(x.attrs.for),
    })));
    assert.deepEqual(got, votes);
  });

  test('the minutes and the decision apart, only where the minutes are public and the item is not exempt', async () => {
    const rows = await q(`SELECT i.id, i.meeting_id, i.minutes_html, i.decision_html, i.exempt, m.minutes_status
      FROM pub_agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id WHERE m.agenda_status = 'published'`);
    const byMeeting = new Map();
    for (const r of rows) byMeeting.set(r.meeting_id, [...(byMeeting.get(r.meeting_id) ?? []), r]);
    let seen = 0;
    for (const [id, list] of byMeeting) {
      const root = await full(`${SVC}/GetMeeting?lMeetingId=${id}`);
      for (const it of kids(kid(root, 'agendaitems'), 'agendaitem')) {
        const r = list.find((x) => x.id === Number(v(it, 'agendaitemid')));
        const out = ['published', 'approved'].includes(r.minutes_status) && !r.exempt;
        assert.equal(one(it, 'witan:minutes') ? val(one(it, 'witan:minutes')) : null, out ? r.minutes_html : null);
        assert.equal(one(it, 'witan:decision') ? val(one(it, 'witan:decision')) : null, out ? r.decision_html : null);
        if (r.exempt) assert.equal(one(it, 'witan:votes'), undefined, 'an exempt item has no votes here');
        if (out && r.decision_html) seen++;
      }
    }
    assert.ok(seen > 0, 'some decisions were given apart');
  });

  test('GetCommittees: each committee\'s kind, purpose and memberships, past ones too', async () => {
    const root = await full(`${SVC}/GetCommittees`);
    for (const c of kids(root, 'committee')) {
      const id = Number(v(c, 'committeeid'));
      const [o] = await q(`SELECT kind, purpose_html FROM pub_organization WHERE id = ${id}`);
      assert.equal(val(one(c, 'witan:kind')), o.kind);
      assert.equal(one(c, 'witan:purpose') ? val(one(c, 'witan:purpose')) : null, o.purpose_html);
      const ms = await q(`SELECT id, person_id, role FROM pub_membership WHERE organization_id = ${id} ORDER BY id`);
      assert.deepEqual(kids(one(c, 'witan:members'), 'witan:member').map((x) => ({
        id: Number(x.attrs.id), person_id: Number(x.attrs.memberid), role: x.attrs.role,
      })), ms);
    }
  });
});

// --- the old pages --------------------------------------------------------------------------------

describe('old ModernGov pages answer 301 to the same object here', () => {
  const ids = {};

  before(async () => {
    // Another public meeting whose id a ModernGov id collides with: the
    // import's map wins over Witan's own ids.
    [ids.other] = await q(`SELECT id FROM pub_meeting WHERE id <> ${held.id} ORDER BY id LIMIT 1`);
    [ids.unlisted] = await q('SELECT id FROM meeting WHERE published = 0 AND deleted = 0 LIMIT 1');
    [ids.draftItem] = await q(`SELECT i.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
      WHERE m.agenda_status = 'draft' AND m.published = 1 AND i.deleted = 0 LIMIT 1`);
    [ids.exemptDoc] = await q(`SELECT l.file_id AS id FROM file_link l JOIN agenda_item i ON i.id = l.agenda_item_id
      WHERE i.exempt = 1 AND l.deleted = 0 LIMIT 1`);
    [ids.doc] = await q(`SELECT id, filename FROM pub_file WHERE id = ${heldItem.file_id}`);
    assert.ok(ids.other && ids.unlisted && ids.draftItem && ids.exemptDoc && ids.doc);
    // As `witan import moderngov` leaves them: the run, and each object under its canonical URL.
    const map = [
      [`${MG}/ieListDocuments.aspx?MId=4967`, 'meeting', held.id],
      [`${MG}/ieListDocuments.aspx?MId=${ids.other.id}`, 'meeting', held.id],
      [`${MG}/ieListDocuments.aspx?MId=4968`, 'meeting', ids.unlisted.id],
      [`${MG}/mgAi.aspx?ID=18123`, 'agenda_item', heldItem.id],
      [`${MG}/mgAi.aspx?ID=18124`, 'agenda_item', ids.draftItem.id],
      [`${MG}/mgCommitteeDetails.aspx?ID=144`, 'organization', held.organization_id],
      [`${MG}/mgUserInfo.aspx?UID=201`, 'person', attendee.person_id],
      [`${MG}/mgConvert2PDF.aspx?ID=60860`, 'file', heldItem.file_id],
      [`${MG}/mgConvert2PDF.aspx?ID=60861`, 'file', ids.exemptDoc.id],
      [`${MG_OLD}/ieListDocuments.aspx?MId=3001`, 'meeting', ids.other.id],
      // (another table's row under a meeting's URL is not a meeting)
      [`${MG}/ieListDocuments.aspx?MId=4969`, 'person', attendee.person_id],
    ];
    await dbQuery(srv.db, `INSERT INTO import_run(system_url, started, finished) VALUES
      ('${MG}/mgWebService.asmx', '2026-03-01T09:00:00Z', '2026-03-01T09:20:00Z'),
      ('${MG_OLD}/mgWebService.asmx', '2024-03-01T09:00:00Z', '2024-03-01T09:20:00Z'),
      ('https://oparl.example/oparl/v1.1/system', '2025-03-01T09:00:00Z', NULL);
      INSERT INTO import_map(url, entity, local_id, modified) VALUES
      ${map.map(([u, e, id]) => `('${u}', '${e}', ${id}, NULL)`).join(',\n')};`, { write: true });
  });

  test('by the ModernGov id an import kept', async () => {
    const cases = [
      [`/ieListDocuments.aspx?CId=144&MId=4967&Ver=4`, `/meetings/${held.id}`],
      [`/ieListDocuments.aspx?MId=${ids.other.id}`, `/meetings/${held.id}`],
      [`/ieListDocuments.aspx?MId=3001`, `/meetings/${ids.other.id}`],
      [`/mgMeetingAttendance.aspx?ID=4967`, `/meetings/${held.id}`],
      [`/mgAi.aspx?ID=18123`, `/meetings/${held.id}/items/${heldItem.id}`],
      [`/mgCommitteeDetails.aspx?ID=144`, `/committees/${held.organization_id}`],
      [`/ieListMeetings.aspx?CommitteeId=144`, `/committees/${held.organization_id}`],
      [`/ieListMeetings.aspx?CId=144`, `/committees/${held.organization_id}`],
      [`/mgUserInfo.aspx?UID=201`, `/people/${attendee.person_id}`],
      [`/mgConvert2PDF.aspx?ID=60860`, `/documents/${ids.doc.id}/${encodeURIComponent(ids.doc.filename)}`],
    ];
    for (const [path, location] of cases) {
      const r = await go(path);
      assert.equal(r.status, 301, `${path}: ${r.status}`);
      assert.equal(r.location, location, path);
      const there = await get(srv.base, location);
      assert.equal(there.status, 200, `${location} answers`);
    }
  });

  test('by Witan\'s own id when the import has none; parameter names in any case', async () => {
    const [person] = await q('SELECT id FROM pub_person ORDER BY id DESC LIMIT 1');
    const cases = [
      [`/ieListDocuments.aspx?mid=${held.id}`, `/meetings/${held.id}`],
      [`/mgMeetingAttendance.aspx?id=${held.id}`, `/meetings/${held.id}`],
      [`/mgAi.aspx?Id=${heldItem.id}`, `/meetings/${held.id}/items/${heldItem.id}`],
      ['/mgAi.aspx?iD=18123', `/meetings/${held.id}/items/${heldItem.id}`],
      [`/mgCommitteeDetails.aspx?id=${held.organization_id}`, `/committees/${held.organization_id}`],
      [`/ieListMeetings.aspx?committeeid=${held.organization_id}&Ver=4`, `/committees/${held.organization_id}`],
      [`/ieListMeetings.aspx?cid=${held.organization_id}`, `/committees/${held.organization_id}`],
      [`/mgUserInfo.aspx?uid=${person.id}`, `/people/${person.id}`],
      [`/mgConvert2PDF.aspx?id=${ids.doc.id}`, `/documents/${ids.doc.id}/${encodeURIComponent(ids.doc.filename)}`],
      ['/mgListCommittees.aspx', '/committees'],
      ['/mgMemberIndex.aspx', '/people'],
      ['/mgCalendarMonthView.aspx?M=3&DD=2026', '/meetings'],
      ['/mgWhatsNew.aspx', '/'],
    ];
    for (const [path, location] of cases) {
      const r = await go(path);
      assert.equal(r.status, 301, `${path}: ${r.status}`);
      assert.equal(r.location, location, path);
    }
  });

  test('what is not public is a 404, whichever id finds it', async () => {
    const cases = [
      `/ieListDocuments.aspx?MId=4968`, // mapped to an unlisted meeting
      `/ieListDocuments.aspx?MId=${ids.unlisted.id}`, // the unlisted meeting by its own id
      `/ieListDocuments.aspx?MId=4969`, // a person's row under a meeting's URL
      `/mgMeetingAttendance.aspx?ID=999999`,
      `/mgAi.aspx?ID=18124`, // an item of a draft agenda
      `/mgAi.aspx?ID=${ids.draftItem.id}`,
      `/mgAi.aspx?ID=999999`,
      `/mgConvert2PDF.aspx?ID=60861`, // the exempt item's document
      `/mgConvert2PDF.aspx?ID=${ids.exemptDoc.id}`,
      `/mgCommitteeDetails.aspx?ID=999999`,
      `/mgUserInfo.aspx?UID=999999`,
    ];
    for (const path of cases) {
      const r = await go(path);
      assert.equal(r.status, 404, `${path}: ${r.status} ${r.location ?? ''}`);
      assert.equal(r.location, null);
      assert.match(textOf(r.text), /There is no public (meeting|agenda item|document|committee|person) with this id\./, path);
      assert.ok(!MARKER_RE.test(r.text), path);
    }
  });

  test('a missing or malformed id is a 400 that says what is wanted', async () => {
    const cases = [
      ['/mgAi.aspx', /needs its parameter ID, a number, as in mgAi\.aspx\?ID=4967/],
      ['/mgAi.aspx?ID=', /needs its parameter ID/],
      ['/mgAi.aspx?ID=abc', /The parameter ID is not a number/],
      ['/mgAi.aspx?ID=-4', /The parameter ID is not a number/],
      ['/ieListDocuments.aspx?CId=144', /needs its parameter MId/],
      ['/ieListMeetings.aspx', /needs its parameter CommitteeId/],
      ['/mgUserInfo.aspx?UID=1e3', /The parameter UID is not a number/],
      ['/mgConvert2PDF.aspx?ID=12345678901234567890', /The parameter ID is not a number/],
    ];
    for (const [path, message] of cases) {
      const r = await go(path);
      assert.equal(r.status, 400, `${path}: ${r.status}`);
      assert.match(textOf(r.text), message, path);
    }
  });
});

// --- after changes to the record ----------------------------------------------------------------

describe('after the record changes', () => {
  test('a withdrawn agenda, a deleted item, unpublished minutes, an ended committee', async () => {
    const others = pubMeetings.filter((m) => m.id !== held.id && m.agenda_status === 'published'
      && ['published', 'approved'].includes(m.minutes_status));
    const [withdrawn, minutes] = others;
    assert.ok(withdrawn && minutes);
    const [item] = await q(`SELECT id FROM pub_agenda_item WHERE meeting_id = ${held.id} AND id <> ${heldItem.id} ORDER BY position LIMIT 1`);
    const [org] = await q(`SELECT id FROM pub_organization WHERE id <> ${held.organization_id} ORDER BY id LIMIT 1`);
    const [withdrawnItem] = await q(`SELECT id FROM pub_agenda_item WHERE meeting_id = ${withdrawn.id} LIMIT 1`);
    await dbQuery(srv.db, `UPDATE meeting SET agenda_status = 'draft', agenda_withdrawn_at = '2026-01-01T10:00:00Z' WHERE id = ${withdrawn.id};
      UPDATE agenda_item SET deleted = 1 WHERE id = ${item.id};
      UPDATE meeting SET minutes_status = 'draft' WHERE id = ${minutes.id};
      UPDATE organization SET end_date = '2020-03-31' WHERE id = ${org.id};`, { write: true });

    const w = (await xml(`${SVC}/GetMeeting?lMeetingId=${withdrawn.id}`)).root;
    assert.equal(v(w, 'agendapublished'), 'False', 'a withdrawn agenda is not published');
    assert.equal(kid(w, 'agendaitems').children.length, 0, 'and lists no item');
    assert.equal((await go(`/mgAi.aspx?ID=${withdrawnItem.id}`)).status, 404, 'its items are gone');

    const h = (await xml(`${SVC}/GetMeeting?lMeetingId=${held.id}`)).root;
    const listed = kids(kid(h, 'agendaitems'), 'agendaitem').map((it) => Number(v(it, 'agendaitemid')));
    assert.ok(!listed.includes(item.id), 'a deleted item is not listed');
    assert.ok(listed.includes(heldItem.id));
    assert.equal((await go(`/mgAi.aspx?ID=${item.id}`)).status, 404);

    const m = (await xml(`${SVC}/GetMeeting?lMeetingId=${minutes.id}`)).root;
    assert.equal(v(m, 'minutepublished'), 'False');
    for (const it of kids(kid(m, 'agendaitems'), 'agendaitem')) assert.equal(v(it, 'minutesnonemptyhtmlbody'), '');

    const c = (await xml(`${SVC}/GetCommittees`)).root;
    const ended = kids(c, 'committee').find((x) => Number(v(x, 'committeeid')) === org.id);
    assert.equal(v(ended, 'committeeexpired'), 'True', 'a committee whose end date is past has expired');
  });
});

// --- a council that moved: the fixture's record imported ----------------------------------------

/** `witan import moderngov` of the site at url into db (exit 3: done, with what it skipped). */
function importFrom(db, url) {
  return new Promise((resolve, reject) => {
    execFile(witanPath(), ['import', 'moderngov', '--db', db, '--from', '2021-01-01', '--to', '2031-12-31', url],
      { env: envOf(db), encoding: 'utf8', timeout: 180000 }, (err, _out, stderr) => {
        if (err && err.code !== 3) reject(new Error(`witan import moderngov failed (${err.code}): ${stderr}`));
        else resolve();
      });
  });
}

describe('a council that moved from ModernGov answers its clients as ModernGov did', () => {
  let moved; // a server over the fixture's record, imported by `witan import moderngov`
  const meta = () => fx.meta;
  const live = (m) => !meta().committees.find((c) => c.id === m.committeeId).deleted;
  const ids = (root, name) => walk(root).filter((e) => e.name === name).map((e) => Number(val(e)));

  before(async () => {
    moved = await startServer({ demo: false, seed: (db) => importFrom(db, fx.baseUrl) });
  });

  after(async () => {
    await moved?.stop();
  });

  test('the same committees and meetings, with the same ids, dates, times and statuses', async () => {
    const mine = (await xml(`${SVC}/GetCommittees`, moved.base)).root;
    const theirs = await fixtureXml(`${SVC}/GetCommittees`);
    const row = (c) => [v(c, 'committeeid'), v(c, 'committeetitle'), v(c, 'committeeexpired')];
    assert.deepEqual(kids(mine, 'committee').map(row),
      kids(theirs, 'committee').filter((c) => v(c, 'committeedeleted') === 'False').map(row), 'all but the deleted one');
    const m = (await xml(`${SVC}/GetMeetings?lCommitteeId=0&${WIDE}`, moved.base)).root;
    const t = await fixtureXml(`${SVC}/GetMeetings?lCommitteeId=0&${WIDE}`);
    const meetings = (root) => walk(root).filter((e) => e.name === 'meeting')
      .map((e) => ['meetingid', 'meetingdate', 'meetingtime', 'meetingstatus'].map((k) => v(e, k)));
    const deleted = new Set(meta().meetings.filter((x) => !live(x)).map((x) => String(x.id)));
    assert.deepEqual(meetings(m), meetings(t).filter(([id]) => !deleted.has(id)));
    assert.ok(meetings(m).length >= 11);
  });

  test('each meeting: its items, documents and attendance as ModernGov gave them, the restricted item\'s title only', async () => {
    const restricted = meta().restricted;
    for (const x of meta().meetings.filter(live)) {
      const path = `${SVC}/GetMeeting?lMeetingId=${x.id}`;
      const { root, text } = await xml(path, moved.base);
      const theirs = await fixtureXml(path);
      for (const k of ['meetingid', 'meetingdate', 'meetingstatus', 'meetingtime', 'agendapublished', 'minutepublished']) {
        assert.equal(v(root, k), v(theirs, k), `${path}: <${k}>`);
      }
      const items = (r) => kids(kid(r, 'agendaitems'), 'agendaitem');
      assert.deepEqual(items(root).map((it) => v(it, 'agendaitemid')), items(theirs).map((it) => v(it, 'agendaitemid')), `${path}: the items`);
      for (const [k, it] of items(root).entries()) {
        const their = items(theirs)[k];
        const id = Number(v(it, 'agendaitemid'));
        assert.equal(v(it, 'agendaitemtitle'), id === meta().doubleEncoded.itemId ? meta().doubleEncoded.title : v(their, 'agendaitemtitle'));
        assert.equal(v(it, 'isrestricted'), v(their, 'isrestricted'));
        const docs = (i) => kids(kid(i, 'linkeddocuments'), 'linkeddoc').map((d) => Number(v(d, 'attachmentid')));
        const want = docs(their).filter((d) => d !== meta().failingAttachmentId && d !== restricted.attachmentId);
        assert.deepEqual(docs(it), want, `${path}: item ${id}'s documents`);
        if (id === restricted.itemId) {
          assert.equal(v(it, 'agendatext'), '');
          assert.equal(v(it, 'minutesnonemptyhtmlbody'), '');
        }
      }
      for (const secret of restricted.secrets) assert.ok(!text.includes(secret), `${path}: no exempt text`);
      if (x.minutesPublished) {
        const att = (r) => kids(kid(r, 'attendees'), 'attendee').map((a) => `${a.attrs.memberid} ${a.attrs.attendance}`).sort();
        assert.deepEqual(att(root), att(theirs), `${path}: the attendance`);
      }
    }
  });

  test('documents and councillors', async () => {
    const doc = meta().seed.documents[0];
    const a = (await xml(`${SVC}/GetAttachment?lAttachmentID=${doc.attachmentId}`, moved.base)).root;
    const b = await fixtureXml(`${SVC}/GetAttachment?lAttachmentID=${doc.attachmentId}`);
    for (const k of ['attachmentid', 'title', 'itemnum', 'meetingdate', 'committeetitle', 'ownertitle']) assert.equal(v(a, k), v(b, k), `<${k}>`);
    const pdf = await fetch(v(a, 'url'));
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    await pdf.arrayBuffer();
    assert.equal((await get(moved.base, `${SVC}/GetAttachment?lAttachmentID=${meta().restricted.attachmentId}`)).status, 404);
    const mine = (await xml(`${SVC}/GetCouncillorsByWard`, moved.base)).root;
    const theirs = await fixtureXml(`${SVC}/GetCouncillorsByWard`);
    const seats = (r) => new Map(walk(r).filter((e) => e.name === 'ward').flatMap((w) => kids(kid(w, 'councillors'), 'councillor')
      .map((c) => [Number(v(c, 'councillorid')), v(w, 'wardtitle')])));
    const got = seats(mine);
    for (const [id, ward] of seats(theirs)) assert.equal(got.get(id), ward, `councillor ${id} in ${ward}`);
    assert.deepEqual(ids(mine, 'councillorid').filter((id) => !seats(theirs).has(id)), [meta().formerCouncillor.id],
      'and the former councillor the import met at meetings (the web service gives no council seats)');
    assert.ok(!meta().homeContact.some((h) => walk(mine).some((e) => val(e).includes(h))), 'no home address');
  });

  test('the old pages go to the imported objects, by the ids the import kept', async () => {
    const s = meta().seed;
    const item = s.items.find((it) => it.title.startsWith('Internal Audit Annual Report'));
    const cases = [
      [`/ieListDocuments.aspx?CId=${s.committeeId}&MId=${s.meetingId}&Ver=4`, `/meetings/${s.meetingId}`],
      [`/mgAi.aspx?ID=${item.id}`, `/meetings/${s.meetingId}/items/${item.id}`],
      [`/mgCommitteeDetails.aspx?ID=${s.committeeId}`, `/committees/${s.committeeId}`],
      [`/mgUserInfo.aspx?UID=201`, '/people/201'],
      [`/mgAi.aspx?ID=${meta().restricted.itemId}`, `/meetings/${meta().restricted.meetingId}/items/${meta().restricted.itemId}`],
    ];
    for (const [path, location] of cases) {
      const r = await get(moved.base, path);
      assert.equal(r.status, 301, path);
      assert.equal(r.headers.get('location'), location, path);
    }
    const d = await get(moved.base, `/mgConvert2PDF.aspx?ID=${s.documents[0].attachmentId}`);
    assert.equal(d.status, 301);
    assert.match(d.headers.get('location'), new RegExp(`^/documents/${s.documents[0].attachmentId}/[^/]+\\.pdf$`));
    const deleted = meta().committees.find((c) => c.deleted);
    for (const path of [`/mgConvert2PDF.aspx?ID=${meta().restricted.attachmentId}`, `/mgCommitteeDetails.aspx?ID=${deleted.id}`,
      `/ieListDocuments.aspx?MId=${meta().meetings.find((x) => !live(x)).id}`]) {
      assert.equal((await get(moved.base, path)).status, 404, path);
    }
  });
});
