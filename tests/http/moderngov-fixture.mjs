// A small ModernGov site: the public web service (mgWebService.asmx) that
// most English councils' ModernGov installations answer, and the documents
// it points at, for tests of `witan import moderngov`. Not a test file
// itself: node --test only runs files named *.test.mjs.
//
//   const fx = await startModernGovFixture();  // node:http on a free port
//   fx.baseUrl                 // http://127.0.0.1:PORT (the site's root)
//   fx.meta                    // what the record holds (see below)
//   fx.requests                // every request, in order: {method, path, conditional, status}
//   fx.maxInFlight             // the most requests it was answering at once
//   fx.change()                // retitles one past meeting's agenda item
//   await fx.stop();
//
// The shape is ModernGov's, as its public web service answers and as
// DemocracyClub's LGSF test fixtures record it (lgsf/minutes/tests/
// fixtures/*.xml): lower-case element names, every value text, booleans
// "True"/"False", dates dd/mm/yyyy, times "10.00 am" / "2.30 pm", counts
// with a leading space (`<committeescount> 3</committeescount>`), an empty
// value written as an element holding a newline and indentation
// (`<meetingroom>\n  </meetingroom>`), `<?xml version="1.0"
// encoding="utf-8"?>`, text/xml; charset=utf-8. The content is invented:
// the Borough of Eastmere (made up), its wards, councillors, committees,
// meetings, reports and PDFs.
//
//   GET /mgWebService.asmx                      a help page listing the methods
//   GET /mgWebService.asmx/GetCommittees        <committees> (by title)
//   GET /mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01/01/2026&sToDate=31/12/2026
//       <getmeetings>: that committee's meetings whose date is in the window,
//       both ends included, by date (lCommitteeId=0: every committee's). A
//       missing or malformed parameter answers 500 with a plain-text .NET
//       error, as ModernGov does (dates: d/m/yyyy, or yyyy-mm-dd, which
//       .NET's DateTime.Parse takes too; 31/02/2026 or 12/31/2026 is 500).
//   GET /mgWebService.asmx/GetMeeting?lMeetingId=4967
//       <meeting>: the meeting, its <agendaitems> (Word HTML in <agendatext>
//       and <minutesnonemptyhtmlbody>, escaped as XML text; <linkeddocuments>)
//       and <attendees>. An unknown id answers 500 (plain text).
//   GET /mgWebService.asmx/GetAttachment?lAttachmentID=60860
//       <attachment>: the children of that document's <linkeddoc>.
//   GET /mgWebService.asmx/GetCouncillorsByWard  <councillorsbyward>
//   GET /mgConvert2PDF.aspx?ID=60860            the document: a real one-page PDF
//       (textPdf) whose text holds a marker word of its own (fx.phraseOf(id)).
//   Another method of mgWebService.asmx answers 500 ("... Web Service method
//   name is not valid.", as .NET does); any other path 404. Paths and
//   parameter names are matched without regard to case, as IIS and .NET do.
//
// Meetings (opts.meetings, default 12, at least 12; 2000 is built in well
// under a second) are spread from January 2022 to ten days before opts.now
// (default Date.now()), a few after it; everything else comes from a seeded
// PRNG (opts.seed), so a fixture is the same for the same now, seed and
// size. Seven committees (meta.committees): Council, Cabinet, Audit and
// Governance, Planning, Overview and Scrutiny, an expired board (its
// meetings in 2022 and the first half of 2023) and a deleted committee
// (its meetings in 2022). Statuses Confirmed, Cancelled and Postponed; the
// future meetings are Confirmed with attendance "Expected" and no minutes,
// the nearest with its agenda published, the last (and any beyond three
// weeks) with agendapublished False and an empty <agendaitems>, as
// ModernGov shows no items before the agenda is out. A cancelled meeting
// has no published agenda and no items either; a postponed one has its
// agenda (items and documents) but no minutes.
//
// Members: five wards, eleven councillors of five parties in
// GetCouncillorsByWard (the party's full title there; on attendees its
// short code: LAB, CON, LD, GRN, IND), and a former councillor (until May
// 2023: meta.formerCouncillor) who attends the early meetings but is no
// longer listed. Officers attend as membertype="O", with no party or ward.
// Roles Chair, Vice-Chair, Committee Member, Substitute; attendance Present,
// Apologies, Absent, Present as substitute, Expected. A councillor's
// <homeaddress> (a private address and phone: meta.homeContact) must never
// reach a public page.
//
// What a test looks for:
//   - meta.seed.meetingId: the last past meeting (Audit and Governance),
//     agenda and minutes published, items with documents, attendance with
//     apologies and a substitute. Its item meta.wordHtml.itemId carries rich
//     Word HTML: a conditional comment, <h2>, a MsoTableGrid table (rows and
//     cells, no tbody), a <ul>, <b>/<i>, <o:p>&nbsp;</o:p>, &amp;, curly
//     quotes, a <script>alert(1)</script> and an <a href="javascript:...">;
//     its minutes an <ol>. meta.wordHtml.survives: texts that must come
//     through; .dropped: what must not. Its item meta.doubleEncoded has a
//     title HTML-encoded twice ("Chair&amp;#39;s Announcements" in the XML),
//     as some sites serve them.
//   - meta.restricted: the one restricted item (isrestricted True, a past
//     Cabinet meeting): its title is public, its agenda text and minutes
//     hold secret phrases, and its one document (isrestricted True) a PDF
//     with another. An importer must not fetch that PDF: if it is asked for,
//     fx.requests shows it.
//   - meta.failingAttachmentId: the one document whose URL answers 500.
//   - opts.broken: one past meeting's GetMeeting answers truncated XML
//     (meta.broken: which, and what it would have held).
//   - Conditional requests: every 200 answer has a strong ETag (a hash of
//     the body) and a Last-Modified (a meeting's own, a document's
//     publication, a list's newest); a matching If-None-Match, or (without
//     one) an If-Modified-Since not before Last-Modified, answers 304 with
//     no body.
//   - fx.change(): retitles one past meeting's agenda item (a new ETag and
//     Last-Modified for its GetMeeting answer, and for its documents'
//     GetAttachment answers, whose <ownertitle> is the item's title; no list
//     answer changes): {meetingId, itemId, newTitle}.
//   - Every answer waits opts.delayMs (default 5) ms, so that a client's
//     parallel requests overlap and fx.maxInFlight shows how many it makes
//     at once.
//
// meta.counts: committees, meetings, items (agenda items in all GetMeeting
// answers, the restricted one included), documents (linked documents in
// all of them, the restricted and the failing one included), downloadable
// (documents less those two), attendance (attendee elements in all of
// them), councillors and wards (GetCouncillorsByWard) and parties (there).
// With opts.broken the counts still include the broken meeting's
// (meta.broken says how many).

import { createHash } from 'node:crypto';
import http from 'node:http';

import { freePort } from '../lib/server.mjs';
import { textPdf } from './sweep-helpers.mjs';

const DAY = 864e5;
const pad = (n) => String(n).padStart(2, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** A midnight (UTC) in ms. */
const day = (y, m, d) => Date.UTC(y, m - 1, d);
const dayOf = (ms) => Math.floor(ms / DAY) * DAY;
/** dd/mm/yyyy */
const uk = (ms) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
};
/** YYYY-MM-DD */
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
/** "25 November 2025" */
const longDate = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
/** Minutes after midnight as ModernGov writes a time: "10.00 am", "2.30 pm", "12.00 pm". */
const clock = (min) => {
  const h = Math.floor(min / 60) % 24;
  return `${h % 12 || 12}.${pad(min % 60)} ${h < 12 ? 'am' : 'pm'}`;
};
/** The financial year a date is in: "2025/26". */
const fy = (ms) => {
  const d = new Date(ms);
  const y = d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return `${y}/${pad((y + 1) % 100)}`;
};

/** A small seeded PRNG (mulberry32): [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- XML as ModernGov writes it ------------------------------------------------

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s) => esc(s).replace(/"/g, '&quot;');
const ind = (d) => '  '.repeat(d);
const bool = (b) => (b ? 'True' : 'False');
const num = (n) => ` ${n}`; // counts: with a leading space
/** <name>value</name>; an empty value as a newline and the indentation. */
const leaf = (name, v, d) => (v === '' || v === null || v === undefined
  ? `${ind(d)}<${name}>\n${ind(d)}</${name}>`
  : `${ind(d)}<${name}>${esc(v)}</${name}>`);
const node = (name, kids, d, attrs = '') => (kids.length
  ? `${ind(d)}<${name}${attrs}>\n${kids.join('\n')}\n${ind(d)}</${name}>`
  : `${ind(d)}<${name}${attrs}>\n${ind(d)}</${name}>`);
const xmlDoc = (root) => `<?xml version="1.0" encoding="utf-8"?>\n${root}\n`;

// --- Word HTML, as ModernGov keeps agenda texts and minutes --------------------

const ARIAL = 'font-family:Arial';
const wordP = (html) => `<p class="MsoNormal"><span style="${ARIAL}">${html}</span></p>`;
const wordSection = (...ps) => `<div class="WordSection1">\n${ps.join('\n')}\n</div>\n`;
const BLANK = '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>';
const htmlEsc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The showcase item's agenda text and minutes (meta.wordHtml). */
function richWordHtml() {
  const td = (html) => `  <td width=301 valign=top style="width:225.4pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt">\n` +
    `  <p class="MsoNormal"><span style="${ARIAL}">${html}</span></p>\n  </td>`;
  const agenda = '<!--[if gte mso 9]><xml>\n<o:OfficeDocumentSettings>\n<o:AllowPNG/>\n</o:OfficeDocumentSettings>\n' +
    '</xml><![endif]-->\n' + wordSection(
    `<h2><span style="${ARIAL}">Summary of audit opinions</span></h2>`,
    wordP('Report of the Head of Internal Audit &amp; Risk, presented by the Cabinet Member for Finance &amp; Resources.<o:p></o:p>'),
    BLANK,
    '<table class="MsoTableGrid" border=1 cellspacing=0 cellpadding=0 style="border-collapse:collapse;border:none;' +
      'mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt">\n' +
      ` <tr style="mso-yfti-irow:0;mso-yfti-firstrow:yes">\n${td('<b>Audit</b>')}\n${td('<b>Opinion</b>')}\n </tr>\n` +
      ` <tr style="mso-yfti-irow:1">\n${td('Payroll controls')}\n${td('Substantial assurance')}\n </tr>\n` +
      ` <tr style="mso-yfti-irow:2;mso-yfti-lastrow:yes">\n${td('Leisure centre cash handling')}\n${td('Limited assurance')}\n </tr>\n` +
      '</table>',
    BLANK,
    wordP('Audits deferred to next year:'),
    '<ul style="margin-top:0cm" type=disc>\n' +
      ` <li class="MsoNormal" style="mso-list:l0 level1 lfo1"><span style="${ARIAL}">Review of harbour mooring income</span></li>\n` +
      ` <li class="MsoNormal" style="mso-list:l0 level1 lfo1"><span style="${ARIAL}">Grounds maintenance contract</span></li>\n` +
      '</ul>',
    wordP('The Head of Internal Audit gives a \u201creasonable assurance\u201d opinion overall; see ' +
      '<a href="javascript:alert(1)">the full schedule of audits</a>.'),
    '<script>alert(1)</script>',
  );
  const minutes = wordSection(
    wordP('The Committee considered the <i>Internal Audit Annual Report</i> and the Head of Internal Audit\u2019s opinion.'),
    BLANK,
    `<p class="MsoNormal"><b><span style="${ARIAL}">RESOLVED</span></b><span style="${ARIAL}"> \u2013 That the Committee agrees:</span></p>`,
    '<ol style="margin-top:0cm" start=1 type=1>\n' +
      ` <li class="MsoNormal"><span style="${ARIAL}">to note the annual opinion of the Head of Internal Audit;</span></li>\n` +
      ` <li class="MsoNormal"><span style="${ARIAL}">to ask for a follow-up audit of leisure centre cash handling by March.</span></li>\n` +
      '</ol>',
  );
  return {
    agenda,
    minutes,
    survives: {
      heading: 'Summary of audit opinions',
      tableCell: 'Leisure centre cash handling',
      tableHeader: 'Opinion',
      listItem: 'Review of harbour mooring income',
      orderedItem: 'to note the annual opinion of the Head of Internal Audit',
      bold: 'RESOLVED',
      italic: 'Internal Audit Annual Report',
      ampersand: 'Internal Audit & Risk',
      curlyQuotes: '\u201creasonable assurance\u201d',
      linkText: 'the full schedule of audits',
    },
    // What a clean copy holds none of (the script, the javascript: link, the
    // conditional comment's Office XML, Word's o:p tags).
    dropped: ['<script', 'alert(1)', 'javascript:', 'OfficeDocumentSettings', '<o:p>', 'mso-'],
  };
}

// --- the borough ---------------------------------------------------------------

const PARTIES = {
  LAB: { title: 'Labour', group: 'Labour Group' },
  CON: { title: 'Conservative', group: 'Conservative Group' },
  LD: { title: 'Liberal Democrats', group: 'Liberal Democrat Group' },
  GRN: { title: 'Green Party', group: 'Green Group' },
  IND: { title: 'Independent', group: 'Independent Members' },
};
const WARDS = ['Abbey Fields', 'Harbourside', 'Millbrook', "St Oswald's", 'Westmere Heath'];
const T2019 = day(2019, 5, 3);
const T2023 = day(2023, 5, 5);
// [id, name, party, ward, keyposts, photo, first term start, last day (former)]
const COUNCILLORS = [
  [201, 'Aisha Pemberton', 'LAB', 'Harbourside', 'Leader of the Council', true, T2019],
  [202, 'Gareth Pollard', 'CON', 'Abbey Fields', 'Leader of the Conservative Group', true, T2019],
  [203, 'Rosalind Ferrier', 'LD', 'Millbrook', 'Chair of Audit and Governance Committee', true, T2019],
  [204, 'Tomasz Wielgosz', 'LAB', 'Harbourside', 'Cabinet Member for Finance & Resources', true, T2019],
  [205, 'Imogen Thrale', 'GRN', 'Westmere Heath', 'Chair of Planning Committee', true, T2019],
  [206, 'Desmond Oyelaran', 'LAB', "St Oswald's", 'Cabinet Member for Housing', true, T2019],
  [207, 'Harriet Quayle', 'CON', 'Abbey Fields', '', false, T2019],
  [208, "Niall O'Farrow", 'IND', 'Millbrook', '', false, T2019],
  [209, 'Priya Castellane', 'LD', "St Oswald's", 'Chair of Overview and Scrutiny Committee', true, T2023],
  [210, 'Winifred Ashdown', 'LAB', 'Westmere Heath', 'Deputy Leader of the Council', true, T2019],
  [211, 'Callum Rafferty', 'GRN', 'Harbourside', '', true, T2023],
  [190, 'Bernard Stallworthy', 'CON', 'Millbrook', '', false, T2019, day(2023, 5, 4)],
].map(([id, name, party, ward, keyposts, photo, from, until]) => ({ id, name, party, ward, keyposts, photo, from, until }));
const FORMER = 190;
// Private addresses a clerk keeps: never for a public page.
const HOMES = {
  202: ['14 Gorse Lane', 'Abbey Fields', 'Eastmere', 'EM2 7QT', '01632 960518'],
  205: ['Flat 3, Kiln Yard', 'Westmere Heath', 'Eastmere', 'EM5 1LW', '01632 960544'],
  208: ['Brackenridge Cottage', 'Millbrook Lane', 'Eastmere', 'EM4 9HD', '01632 960571'],
};
const OFFICERS = [
  { id: 9001, name: 'Eleanor Maddox-Finch' }, // democratic services: at every meeting
  { id: 9002, name: 'Rupert Olawale' }, // legal: at Council and Planning
];

// Topic pools: [title(date, r), [document titles], flags]
const TOPICS = {
  130: [
    [(t) => `Budget and Council Tax ${fy(t + 200 * DAY)}`,
      ['Report of the Director of Finance', 'Appendix A - Revenue budget summary'], { decision: true }],
    [() => 'Motion: Bus Services in Harbourside', []],
    [() => 'Appointments to Outside Bodies', ['Schedule of appointments']],
    [() => 'Annual Report of the Standards Committee', ['Standards Committee annual report']],
    [() => 'Questions from Members of the Public', []],
    [() => 'Review of Polling Districts and Places', ['Report of the Electoral Services Manager', 'Appendix 1 - Proposed polling places']],
  ],
  135: [
    [(t) => `Budget Monitoring ${fy(t)} - Quarter ${1 + Math.floor(((new Date(t).getUTCMonth() + 9) % 12) / 3)}`,
      ['Report of the Director of Finance', 'Appendix 1 - Revenue monitoring statement'], { decision: true }],
    [() => 'Millbrook Park Lido Refurbishment', ['Report of the Director of Place & Regeneration'], { decision: true }],
    [() => 'Housing Allocations Policy Review', ['Report of the Head of Housing', 'Appendix A - Draft allocations policy'], { decision: true }],
    [() => 'Award of Contract for Street Cleansing', ['Report of the Head of Environmental Services'], { decision: true }],
    [() => 'Medium Term Financial Strategy', ['Report of the Director of Finance'], { decision: true }],
    [() => 'Climate Action Plan Progress', ['Progress report', 'Appendix 1 - Action tracker'], { decision: true }],
  ],
  144: [
    [() => 'Internal Audit Progress Report', ['Internal audit progress report']],
    [(t) => `Treasury Management Mid-Year Review ${fy(t)}`, ['Report of the Director of Finance']],
    [() => 'Strategic Risk Register', ['Report of the Head of Internal Audit & Risk', 'Appendix 1 - Risk register']],
    [() => "External Auditor's Annual Report", ['Annual report of the external auditor']],
    [() => 'Counter-Fraud Annual Report', ['Counter-fraud annual report']],
  ],
  151: [
    [(t, r) => `Application ${pad(new Date(t).getUTCFullYear() % 100)}/0${100 + Math.floor(r() * 900)}/FUL - ${
      ['Former Bus Depot, Harbour Road', 'Land North of Millbrook Lane', '12 Abbey Parade', 'Westmere Heath Garden Centre',
        'The Old Maltings, Quay Street', 'Land at Gorse Lane'][Math.floor(r() * 6)]}`, ['Officer report', 'Site plan'], { speak: true }],
    [(t, r) => `Application ${pad(new Date(t).getUTCFullYear() % 100)}/0${100 + Math.floor(r() * 900)}/HOU - ${
      ['7 Kiln Yard', '31 Saltings Road', 'Ferry Cottage, West Quay'][Math.floor(r() * 3)]}`, ['Officer report'], { speak: true }],
    [() => 'Planning Appeals Update', ['Schedule of appeal decisions']],
  ],
  160: [
    [() => 'Work Programme', ['Draft work programme']],
    [() => 'Call-in: Award of Contract for Street Cleansing', ['Call-in notice', 'Original decision notice'], { callin: true }],
    [() => 'Review of Household Waste Collections', ['Task group report']],
    [(t) => `Performance Report ${fy(t)}`, ['Performance report']],
  ],
  187: [
    [() => 'Town Centre Masterplan Update', ['Masterplan update']],
    [() => 'Market Square Public Realm Scheme', ['Scheme design report', 'Appendix - Visualisations']],
    [() => 'Quayside Warehouses Feasibility Study', ['Feasibility study summary']],
  ],
  192: [
    [() => 'Harbour Dredging Programme', ['Report of the Harbour Master']],
    [() => "Harbour Master's Report", ['Harbour Master report']],
    [() => 'Mooring Fees Review', ['Schedule of mooring fees']],
  ],
};

const COMMITTEES = [
  { id: 130, title: 'Council', category: 'Council and Executive', start: 19 * 60, length: 180,
    location: 'Council Chamber, Eastmere Town Hall', webcast: true, roster: 'all', weight: 2 },
  { id: 135, title: 'Cabinet', category: 'Council and Executive', start: 18 * 60 + 30, length: 120,
    location: 'Committee Room 1, Eastmere Town Hall', roster: [201, 210, 204, 206], subs: [], weight: 3 },
  { id: 144, title: 'Audit and Governance Committee', category: 'Regulatory and Governance', start: 10 * 60, length: 240,
    location: 'Committee Room 2, Eastmere Town Hall', roster: [203, 207, 190, 209, 208, 204], subs: [202, 205], weight: 2 },
  { id: 151, title: 'Planning Committee', category: 'Regulatory and Governance', start: 14 * 60 + 30, length: 210,
    location: 'Council Chamber, Eastmere Town Hall', webcast: true, roster: [205, 202, 190, 211, 206, 209, 208],
    subs: [204, 203], weight: 4 },
  { id: 160, title: 'Overview and Scrutiny Committee', category: 'Scrutiny', start: 18 * 60, length: 150,
    location: 'Committee Room 1, Eastmere Town Hall', roster: [209, 211, 202, 208, 190, 207], subs: [203, 205], weight: 2 },
  { id: 187, title: 'Eastmere Town Centre Regeneration Board', category: 'Partnerships and Outside Bodies', start: 9 * 60 + 30,
    length: 120, location: 'The Boardroom, Quayside Offices', roster: [201, 202, 203], subs: [], expired: true,
    until: day(2023, 6, 30), weight: 1 },
  { id: 192, title: 'Harbour Joint Advisory Committee', category: 'Partnerships and Outside Bodies', start: 11 * 60,
    length: 90, location: "Harbour Master's Office, West Quay", roster: [210, 207, 190], subs: [], deleted: true,
    until: day(2022, 12, 31), weight: 1 },
];
const CABINET = 135;
const AUDIT = 144;

/** A made-up word for a number, the same every time ("zu" and base-20 syllables). */
function markerOf(n) {
  const syl = ['ba', 'ke', 'lo', 'mi', 'nu', 'pa', 're', 'si', 'to', 'vu', 'da', 'fe', 'gi', 'ho', 'ju', 'ka', 'le', 'mo', 'ni', 'po'];
  let s = '';
  let x = n;
  do {
    s += syl[x % 20];
    x = Math.floor(x / 20);
  } while (x > 0);
  return `zu${s}`;
}
/** PDF text is Latin-1 (WinAnsi): plain ASCII for what is not. */
const ascii = (s) => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-')
  .replace(/[^\x20-\x7e]/g, '?');

const SECRET = {
  agenda: 'EXEMPT-SECRET-HERON-QUAY-OFFER',
  minutes: 'EXEMPT-SECRET-PRICE-2315000',
  pdf: 'EXEMPT-SECRET-VALUATION-MARSHWORT',
};

/**
 * Builds the record for base URL B (http://127.0.0.1:PORT). Returns
 * {committees, meetings (by date), byId: Map meeting id -> meeting,
 * docs: Map attachment id -> document, councillors, meta}.
 */
export function buildModernGovFixture(B, { meetings: wanted = 12, now = Date.now(), seed = 20260, broken = false } = {}) {
  const r = prng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const N = Math.max(12, Math.floor(wanted));
  const today = dayOf(now);
  const F = Math.max(2, Math.round(N * 0.03)); // future meetings
  const P = N - F; // past meetings
  const byCommittee = new Map(COMMITTEES.map((c) => [c.id, c]));
  const people = new Map(COUNCILLORS.map((c) => [c.id, c]));

  // --- dates ---------------------------------------------------------------------
  // Past: evenly over [2022-01-04, today - 10 days], jittered, weekends moved
  // to the Friday before or Monday after; future: today + 5, then from
  // today + 12 to today + 180.
  const weekday = (t) => {
    const w = new Date(t).getUTCDay();
    return w === 6 ? t - DAY : w === 0 ? t + DAY : t;
  };
  const first = day(2022, 1, 4);
  const lastPast = Math.max(first + 400 * DAY, today - 10 * DAY);
  const span = (lastPast - first) / DAY;
  const slots = [];
  for (let i = 0; i < P; i++) {
    const d = Math.min(lastPast, first + Math.floor(((i + 0.5 + (r() - 0.5) * 0.8) * span) / P) * DAY);
    slots.push({ date: Math.min(weekday(d), lastPast), future: false });
  }
  slots.sort((a, b) => a.date - b.date);
  for (let f = 0; f < F; f++) {
    const d = f === 0 ? today + 5 * DAY : today + (12 + Math.floor(((f - 1 + r()) * 168) / Math.max(1, F - 1))) * DAY;
    slots.push({ date: f === F - 1 ? Math.max(weekday(d), today + 30 * DAY) : Math.max(weekday(d), today + DAY), future: true, f });
  }

  // --- committees and statuses -----------------------------------------------------
  const active = COMMITTEES.filter((c) => !c.until);
  // Each current committee's first meeting, in this order: the cancelled and
  // postponed ones fall on Planning and Scrutiny, so that Audit and Cabinet
  // have a held meeting before the seed and the restricted meeting (whose
  // "Minutes" items then have a document).
  const firstOf = [130, 151, 160, AUDIT, CABINET].map((id) => byCommittee.get(id));
  const weighted = (t) => {
    const open = COMMITTEES.filter((c) => !c.until || t <= c.until);
    const total = open.reduce((s, c) => s + c.weight, 0);
    let x = r() * total;
    for (const c of open) if ((x -= c.weight) < 0) return c;
    return open[open.length - 1];
  };
  const role = {
    seed: P - 1, restricted: P - 2, failing: P - 3, change: P - 4, broken: P - 5,
    cancelled: Math.max(2, Math.floor(P * 0.3)),
  };
  role.postponed = role.cancelled + 1;
  const special = new Set(Object.values(role));
  slots.forEach((s, i) => {
    let c;
    if (i === 0) c = byCommittee.get(192); // the deleted committee's first
    else if (i === 1) c = byCommittee.get(187); // the expired board's first
    else if (i === role.seed) c = byCommittee.get(AUDIT);
    else if (i === role.restricted) c = byCommittee.get(CABINET);
    else if (i >= 2 && i < 2 + firstOf.length) c = firstOf[i - 2];
    else c = s.future ? pick(active) : weighted(s.date);
    s.committee = c;
    if (s.future) s.status = 'Confirmed';
    else if (i === role.cancelled) s.status = 'Cancelled';
    else if (i === role.postponed) s.status = 'Postponed';
    else if (special.has(i) || i < 2) s.status = 'Confirmed';
    else {
      const x = r();
      s.status = x < 0.05 ? 'Cancelled' : x < 0.08 ? 'Postponed' : 'Confirmed';
    }
  });

  // --- meetings, items, documents, attendance --------------------------------------
  const meetings = [];
  const byId = new Map();
  const docs = new Map();
  let meetingId = 4100;
  let itemId = 18000;
  let attId = 60000;
  const lastHeld = new Map(); // committee id -> date of its last held meeting
  const out = { restricted: null, failing: null, wordHtml: null, doubleEncoded: null, change: null };
  const rich = richWordHtml();

  slots.forEach((s, i) => {
    const c = s.committee;
    const t = s.date;
    const id = (meetingId += 1 + (r() < 0.25 ? 1 : 0));
    const held = !s.future && s.status === 'Confirmed';
    const agendaPublished = s.status !== 'Cancelled' && (!s.future || s.f === 0 || (s.f < F - 1 && t <= today + 21 * DAY));
    const minutesPublished = held;
    const decisions = held && c.id === CABINET;
    const m = {
      id, committee: c, date: t, status: s.status, future: s.future, time: c.start,
      finish: c.start + c.length, actualStart: held ? c.start + Math.floor(r() * 6) : null,
      actualFinish: held ? c.start + c.length - 30 + Math.floor(r() * 50) : null,
      location: c.location, webcast: Boolean(c.webcast), agendaPublished, minutesPublished,
      decisionPublished: decisions, items: [], attendees: [],
      // Last-Modified: two days after a held meeting (its minutes), otherwise
      // the day the agenda went out (or, for the future, two days ago).
      modified: Math.min(held ? t + 2 * DAY + 10 * 3600e3 : t - 8 * DAY + 9 * 3600e3, today - 2 * DAY + 9 * 3600e3),
      index: i,
    };
    meetings.push(m);
    byId.set(id, m);

    // Attendance.
    const members = (c.roster === 'all' ? COUNCILLORS.map((p) => p.id) : c.roster)
      .filter((pid) => { const p = people.get(pid); return p.from <= t && (!p.until || t <= p.until); });
    const subs = (c.subs || []).filter((pid) => !members.includes(pid) && people.get(pid).from <= t);
    const subsUsed = [];
    members.forEach((pid, k) => {
      const roleDescription = k === 0 ? 'Chair' : k === 1 ? 'Vice-Chair' : 'Committee Member';
      let attendance = 'Expected';
      if (held) {
        const x = r();
        attendance = i === role.seed ? (k === 2 ? 'Apologies' : 'Present') : x < 0.84 ? 'Present' : x < 0.95 ? 'Apologies' : 'Absent';
      }
      m.attendees.push({ type: 'U', id: pid, roleDescription, attendance });
      if (attendance === 'Apologies' && subs.length > subsUsed.length && (i === role.seed || r() < 0.5)) {
        subsUsed.push(subs[subsUsed.length]);
      }
    });
    for (const pid of subsUsed) m.attendees.push({ type: 'U', id: pid, roleDescription: 'Substitute', attendance: 'Present as substitute' });
    for (const o of OFFICERS) {
      if (o.id === 9002 && c.id !== 130 && c.id !== 151) continue;
      m.attendees.push({ type: 'O', id: o.id, name: o.name, roleDescription: 'Officer', attendance: held ? 'Present' : 'Expected' });
    }
    const apologies = m.attendees.filter((a) => a.attendance === 'Apologies').map((a) => `Councillor ${people.get(a.id).name}`);

    // Items (none until the agenda is out).
    if (agendaPublished) {
      const published = t - 8 * DAY;
      let pos = 0;
      let order = 0;
      const item = (o) => {
        pos++;
        order += 1 + (r() < 0.3 ? 1 : 0);
        const it = {
          id: (itemId += 1 + (r() < 0.2 ? 1 : 0)), meeting: m, pos, order, title: o.title, agendaText: o.agendaText,
          minutesText: minutesPublished ? o.minutesText : '', restricted: Boolean(o.restricted),
          decision: Boolean(o.decision), speak: Boolean(o.speak), callin: Boolean(o.callin),
          declarations: o.declarations || 0, author: o.author || '', contact: o.contact || '', docs: [],
        };
        for (const [k, d] of (o.docs || []).entries()) {
          const doc = {
            id: (attId += 1 + Math.floor(r() * 3)), item: it, title: d.title ?? d, itemnum: k + 1,
            restricted: Boolean(d.restricted), restrictionsRef: d.restricted ? 'Paragraph 3' : '',
            failing: Boolean(d.failing), published, lines: d.lines || [],
          };
          it.docs.push(doc);
          docs.set(doc.id, doc);
        }
        m.items.push(it);
        return it;
      };
      item({
        title: 'Apologies for Absence',
        agendaText: wordSection(wordP('To receive any apologies for absence.')),
        minutesText: wordSection(wordP(apologies.length
          ? `Apologies for absence were received from ${htmlEsc(apologies.join(' and '))}.`
          : 'There were no apologies for absence.')),
      });
      const declared = held && r() < 0.15 ? members[Math.floor(r() * members.length)] : null;
      item({
        title: 'Declarations of Interest',
        agendaText: wordSection(wordP('To receive declarations of interest in any item on the agenda.')),
        minutesText: wordSection(wordP(declared
          ? `Councillor ${htmlEsc(people.get(declared).name)} declared a personal interest in the item on ${
            htmlEsc(c.title)} business as a member of an outside body, and took part in the discussion.`
          : 'No declarations of interest were made.')),
        declarations: declared ? 1 : 0,
      });
      const prev = lastHeld.get(c.id);
      if (prev) {
        item({
          title: 'Minutes',
          agendaText: wordSection(wordP(`To approve as a correct record the minutes of the meeting held on ${longDate(prev)}.`)),
          minutesText: wordSection(wordP(`<b>RESOLVED</b> \u2013 That the minutes of the meeting held on ${longDate(prev)
          } be approved as a correct record and signed by the Chair.`)),
          docs: [`Minutes of the meeting held on ${longDate(prev)}`],
        });
      }
      if (i === role.seed) {
        out.doubleEncoded = item({
          title: 'Chair&#39;s Announcements',
          agendaText: wordSection(wordP('To receive any announcements from the Chair.')),
          minutesText: wordSection(wordP('The Chair welcomed the new Head of Internal Audit &amp; Risk to her first meeting.')),
        });
        out.wordHtml = item({
          title: `Internal Audit Annual Report ${fy(t - 365 * DAY)}`, agendaText: rich.agenda, minutesText: rich.minutes,
          docs: ['Internal Audit Annual Report', 'Appendix 1 - Schedule of audits'],
          author: 'Head of Internal Audit & Risk', contact: OFFICERS[0].name,
        });
      }
      const pool = TOPICS[c.id].slice();
      const n = 1 + Math.floor(r() * 3);
      for (let k = 0; k < n && pool.length; k++) {
        const [titleOf, docTitles, flags = {}] = pool.splice(Math.floor(r() * pool.length), 1)[0];
        const title = titleOf(t, r);
        const docsOf = docTitles.slice();
        if (i === role.failing && k === 0) docsOf.push({ title: 'Appendix 2 - Scanned correspondence', failing: true });
        const it = item({
          title,
          agendaText: wordSection(wordP(docTitles.length ? `${htmlEsc(docTitles[0])}, attached.` : `To consider the ${htmlEsc(title.toLowerCase())}.`)),
          minutesText: wordSection(
            wordP(`The ${c.id === 130 ? 'Council' : c.id === CABINET ? 'Cabinet' : 'Committee'} considered ${docTitles.length
              ? `the ${htmlEsc(docTitles[0][0].toLowerCase() + docTitles[0].slice(1))}` : 'the item'}.`),
            BLANK,
            `<p class="MsoNormal"><b><span style="${ARIAL}">RESOLVED</span></b><span style="${ARIAL}"> \u2013 ${
              flags.decision ? 'That the recommendations in the report be approved.' : 'That the report be noted.'}</span></p>`,
          ),
          docs: docsOf, decision: flags.decision, speak: flags.speak, callin: flags.callin,
          author: docTitles.length ? 'Democratic Services' : '', contact: docTitles.length ? OFFICERS[0].name : '',
        });
        if (i === role.failing && k === 0) out.failing = it.docs[it.docs.length - 1];
        if (i === role.change && k === 0) out.change = it;
      }
      if (i === role.restricted) {
        item({
          title: 'Exclusion of the Press and Public',
          agendaText: wordSection(wordP('To consider excluding the press and public for the following item, which involves ' +
            'exempt information about the financial or business affairs of a person (including the Council).')),
          minutesText: wordSection(wordP('<b>RESOLVED</b> \u2013 That the press and public be excluded for the following item.')),
        });
        out.restricted = item({
          title: 'Disposal of Land at Quayside Wharf', restricted: true, decision: true,
          agendaText: wordSection(wordP(`Exempt report of the Director of Place &amp; Regeneration. ${SECRET.agenda}: the ` +
            'preferred bidder and the terms of the offer.')),
          minutesText: wordSection(wordP(`<b>RESOLVED</b> \u2013 That the disposal be agreed on the terms in the exempt report ` +
            `(${SECRET.minutes}).`)),
          docs: [{ title: 'Appendix 2 - Valuation report (exempt)', restricted: true,
            lines: ['Valuation of land at Quayside Wharf', `${SECRET.pdf}: market value and bids received`] }],
        });
      }
    }
    if (held) lastHeld.set(c.id, t);
  });

  // --- meta ------------------------------------------------------------------------
  const rendered = (m) => ({
    items: m.items.length,
    documents: m.items.reduce((s, it) => s + it.docs.length, 0),
    attendance: m.attendees.length,
  });
  const counts = { committees: COMMITTEES.length, meetings: meetings.length, items: 0, documents: 0, downloadable: 0,
    attendance: 0 };
  for (const m of meetings) {
    const x = rendered(m);
    counts.items += x.items;
    counts.documents += x.documents;
    counts.attendance += x.attendance;
  }
  counts.downloadable = counts.documents - 2;
  const listed = COUNCILLORS.filter((p) => !p.until);
  counts.councillors = listed.length;
  counts.wards = WARDS.length;
  counts.parties = new Set(listed.map((p) => p.party)).size;

  const seedMeeting = meetings[role.seed];
  const brokenMeeting = broken ? meetings[role.broken] : null;
  const meta = {
    baseUrl: B,
    committees: COMMITTEES.map((c) => ({ id: c.id, title: c.title, deleted: Boolean(c.deleted), expired: Boolean(c.expired),
      category: c.category })),
    meetings: meetings.map((m) => ({ id: m.id, committeeId: m.committee.id, date: iso(m.date), status: m.status,
      agendaPublished: m.agendaPublished, minutesPublished: m.minutesPublished, future: m.future })),
    counts,
    restricted: {
      meetingId: out.restricted.meeting.id, itemId: out.restricted.id, title: out.restricted.title,
      secrets: [SECRET.agenda, SECRET.minutes, SECRET.pdf], attachmentId: out.restricted.docs[0].id,
    },
    failingAttachmentId: out.failing.id,
    failingStatus: 500,
    wordHtml: { meetingId: seedMeeting.id, itemId: out.wordHtml.id, survives: rich.survives, dropped: rich.dropped },
    doubleEncoded: { meetingId: seedMeeting.id, itemId: out.doubleEncoded.id, inXml: 'Chair&amp;#39;s Announcements',
      title: "Chair's Announcements" },
    seed: {
      meetingId: seedMeeting.id, committeeId: seedMeeting.committee.id, date: iso(seedMeeting.date),
      items: seedMeeting.items.map((it) => ({ id: it.id, title: it.title })),
      documents: seedMeeting.items.flatMap((it) => it.docs.map((d) => ({ attachmentId: d.id, title: d.title, phrase: markerOf(d.id) }))),
      attendance: seedMeeting.attendees.length,
    },
    broken: brokenMeeting ? { meetingId: brokenMeeting.id, ...rendered(brokenMeeting) } : null,
    changeable: { meetingId: out.change.meeting.id, itemId: out.change.id, title: out.change.title },
    formerCouncillor: { id: FORMER, name: `Councillor ${people.get(FORMER).name}` },
    parties: Object.entries(PARTIES).map(([code, p]) => ({ code, title: p.title, group: p.group })),
    wards: WARDS.slice(),
    homeContact: Object.values(HOMES).flatMap((h) => [h[0], h[4]]),
  };
  return { committees: COMMITTEES, meetings, byId, docs, councillors: COUNCILLORS, meta, brokenId: brokenMeeting?.id ?? null };
}

// --- rendering -------------------------------------------------------------------

function linkedDocKids(B, doc, d) {
  const it = doc.item;
  const m = it.meeting;
  return [
    leaf('attachmentid', doc.id, d),
    leaf('title', doc.title, d),
    leaf('isurl', 'False', d),
    leaf('url', `${B}/mgConvert2PDF.aspx?ID=${doc.id}`, d),
    leaf('isrestricted', bool(doc.restricted), d),
    leaf('restrictionsRef', doc.restrictionsRef, d),
    leaf('itemnum', doc.itemnum, d),
    leaf('publicationdate', uk(doc.published), d),
    leaf('meetingdate', uk(m.date), d),
    leaf('decisiondate', uk(m.date), d),
    leaf('committeetitle', m.committee.title, d),
    leaf('isdecisionattachment', 'False', d),
    leaf('ownertitle', it.title, d),
  ];
}

const photo = (B, id, size) => `${B}/UserData/${String(id).split('').reverse().join('/')}/Info${String(id).padStart(8, '0')}/${size}pic.jpg`;

function renderMeeting(B, m, people) {
  const c = m.committee;
  const items = m.items.map((it) => node('agendaitem', [
    leaf('agendaitemid', it.id, 3),
    leaf('agendaitemtitle', it.title, 3),
    leaf('agendatext', it.agendaText, 3),
    leaf('actualmeetingdate', uk(m.date), 3),
    leaf('agendaitemnumber', it.order, 3),
    leaf('agendaitemsubnumber', '', 3),
    leaf('fulldisplaynumberformat', `${it.pos}.`, 3),
    leaf('authorusername', '', 3),
    leaf('commentlabel1', 'Report author', 3),
    leaf('commenttext1', it.author, 3),
    leaf('commentlabel2', 'Contact', 3),
    leaf('commenttext2', it.contact, 3),
    leaf('minutesnonemptyhtmlbody', it.minutesText, 3),
    leaf('declarationcount', it.declarations, 3),
    leaf('iscallin', bool(it.callin), 3),
    leaf('iscomment', 'False', 3),
    leaf('isdecision', bool(it.decision), 3),
    leaf('isdecisionpublished', bool(it.decision && m.decisionPublished), 3),
    leaf('isminutepublished', bool(m.minutesPublished), 3),
    leaf('ispubliccanspeak', bool(it.speak), 3),
    leaf('isrestricted', bool(it.restricted), 3),
    leaf('isdisplayallowed', 'True', 3),
    leaf('meetingdate', uk(m.date), 3),
    leaf('meetingtime', clock(m.time), 3),
    leaf('minutesitemnumber', m.minutesPublished ? it.pos : '', 3),
    leaf('minutesitemsubnumber', '', 3),
    leaf('preferreddate', uk(m.date), 3),
    leaf('refertocommittee', c.title, 3),
    node('linkeddocuments', it.docs.map((doc) => node('linkeddoc', linkedDocKids(B, doc, 5), 4)), 3),
  ], 2));
  const attendees = m.attendees.map((a) => {
    if (a.type === 'O') {
      return node('attendee', [leaf('url', '', 3)], 2,
        ` membertype="O" memberid="${a.id}" name="${escAttr(a.name)}" roledescription="${escAttr(a.roleDescription)}"` +
        ` attendance="${escAttr(a.attendance)}"`);
    }
    const p = people.get(a.id);
    const kids = [leaf('url', `${B}/mgUserInfo.aspx?UID=${p.id}`, 3)];
    if (p.photo) kids.push(leaf('photosmallurl', photo(B, p.id, 'small'), 3), leaf('photobigurl', photo(B, p.id, 'big'), 3));
    return node('attendee', kids, 2,
      ` membertype="U" memberid="${p.id}" name="${escAttr(`Councillor ${p.name}`)}" roledescription="${escAttr(a.roleDescription)}"` +
      ` attendance="${escAttr(a.attendance)}" politicalparty="${p.party}" ward="${escAttr(p.ward)}"` +
      (p.keyposts ? ` keyposts="${escAttr(p.keyposts)}"` : ''));
  });
  return xmlDoc(node('meeting', [
    leaf('meetingid', m.id, 1),
    leaf('meetingdate', uk(m.date), 1),
    leaf('meetingstatus', m.status, 1),
    leaf('isdisplayallowed', 'True', 1),
    leaf('meetingtime', clock(m.time), 1),
    leaf('meetingactualstarttime', m.actualStart === null ? '' : clock(m.actualStart), 1),
    leaf('meetingplannedfinishtime', clock(m.finish), 1),
    leaf('meetingactualfinishtime', m.actualFinish === null ? '' : clock(m.actualFinish), 1),
    leaf('meetinglocation', m.location, 1),
    leaf('iswebcast', bool(m.webcast), 1),
    leaf('agendaid', m.id, 1),
    leaf('agendapublished', bool(m.agendaPublished), 1),
    leaf('decisionpublished', bool(m.decisionPublished), 1),
    leaf('minutepublished', bool(m.minutesPublished), 1),
    leaf('meetingroom', '', 1),
    node('agendaitems', items, 1),
    node('attendees', attendees, 1),
  ], 0));
}

function renderCommittees() {
  const list = COMMITTEES.slice().sort((a, b) => a.title.localeCompare(b.title));
  return xmlDoc(node('committees', [
    leaf('committeescount', num(list.length), 1),
    ...list.map((c) => node('committee', [
      leaf('committeeid', c.id, 2),
      leaf('committeetitle', c.title, 2),
      leaf('committeedeleted', bool(c.deleted), 2),
      leaf('committeeexpired', bool(c.expired), 2),
      leaf('committeecategory', c.category, 2),
    ], 1)),
  ], 0));
}

function renderMeetings(groups) {
  const total = groups.reduce((s, g) => s + g.meetings.length, 0);
  return xmlDoc(node('getmeetings', [
    leaf('meetingscount', num(total), 1),
    leaf('committeescount', num(groups.length), 1),
    ...groups.map((g) => node('committee', [
      leaf('committeeid', g.committee.id, 2),
      leaf('committeetitle', g.committee.title, 2),
      leaf('committeemeetingcount', num(g.meetings.length), 2),
      node('committeemeetings', g.meetings.map((m) => node('meeting', [
        leaf('meetingid', m.id, 4),
        leaf('meetingdate', uk(m.date), 4),
        leaf('meetingstatus', m.status, 4),
        leaf('meetingtime', clock(m.time), 4),
        leaf('iswebcast', bool(m.webcast), 4),
      ], 3)), 2),
    ], 1)),
  ], 0));
}

function renderCouncillors(B) {
  const listed = COUNCILLORS.filter((p) => !p.until);
  const address = (name, lines, email, d) => node(name, [
    leaf('line1', lines[0] ?? '', d), leaf('line2', lines[1] ?? '', d), leaf('line3', lines[2] ?? '', d),
    leaf('line4', '', d), leaf('line5', '', d), leaf('postcode', lines[3] ?? '', d),
    leaf('phone', lines[4] ?? '', d), leaf('mobile', '', d), leaf('fax', '', d), leaf('email', email, d),
  ], d - 1);
  const terms = (p) => node('termsofoffice', (p.from < T2023
    ? [[p.from, day(2023, 5, 4)], [T2023, null]] : [[p.from, null]]).map(([s, e]) => node('termofoffice', [
    leaf('startdate', uk(s), 7), leaf('enddate', e ? uk(e) : 'unspecified', 7),
  ], 6)), 5);
  return xmlDoc(node('councillorsbyward', [node('wards', WARDS.map((w) => node('ward', [
    leaf('wardtitle', w, 3),
    node('councillors', listed.filter((p) => p.ward === w).map((p) => node('councillor', [
      leaf('councillorid', p.id, 5),
      leaf('fullusername', `Councillor ${p.name}`, 5),
      leaf('photosmallurl', p.photo ? photo(B, p.id, 'small') : '', 5),
      leaf('photobigurl', p.photo ? photo(B, p.id, 'big') : '', 5),
      leaf('politicalpartytitle', PARTIES[p.party].title, 5),
      leaf('politicalgrouptitle', PARTIES[p.party].group, 5),
      leaf('districttitle', '', 5),
      leaf('representing', '', 5),
      leaf('keyposts', p.keyposts, 5),
      address('workaddress', ['Eastmere Town Hall', 'Market Square', 'Eastmere', 'EM1 1AA', `01632 960${100 + p.id % 100}`],
        `${p.name.toLowerCase().replace(/[^a-z ]/g, '').replace(/ /g, '.')}@eastmere.example`, 6),
      address('homeaddress', HOMES[p.id] || [], '', 6),
      terms(p),
    ], 4)), 3),
  ], 2)), 1)], 0));
}

function renderAttachment(B, doc) {
  return xmlDoc(node('attachment', linkedDocKids(B, doc, 1), 0));
}

const HELP = (names) => '<!DOCTYPE html>\n<html><head><title>mgWebService Web Service</title></head><body>\n' +
  '<h1>mgWebService</h1>\n<p>The following operations are supported.</p>\n<ul>\n' +
  names.map((n) => `<li><a href="mgWebService.asmx?op=${n}">${n}</a></li>`).join('\n') + '\n</ul>\n</body></html>\n';

// --- .NET's plain-text errors --------------------------------------------------------

const trace = (...frames) => frames.map((f) => `\r\n   at ${f}`).join('');
const missing = (p) => `System.InvalidOperationException: Missing parameter: ${p}.${trace(
  'System.Web.Services.Protocols.ValueCollectionParameterReader.Read(NameValueCollection collection)',
  'System.Web.Services.Protocols.UrlParameterReader.Read(HttpRequest request)',
  'System.Web.Services.Protocols.HttpServerProtocol.ReadParameters()',
  'System.Web.Services.Protocols.WebServiceHandler.CoreProcessRequest()')}\r\n`;
const notInt = (v) => `System.ArgumentException: Cannot convert ${v} to System.Int32.\r\nParameter name: type ---> ` +
  `System.FormatException: Input string was not in a correct format.${trace(
    'System.Number.StringToNumber(String str, NumberStyles options, NumberBuffer& number, NumberFormatInfo info, Boolean parseDecimal)',
    'System.Number.ParseInt32(String s, NumberStyles style, NumberFormatInfo info)',
    'System.Web.Services.Protocols.ScalarFormatter.FromString(String value, Type type)')}\r\n` +
  '   --- End of inner exception stack trace ---\r\n';
const notDate = (method) => `System.FormatException: String was not recognized as a valid DateTime.${trace(
  'System.DateTimeParse.Parse(String s, DateTimeFormatInfo dtfi, DateTimeStyles styles)',
  `mgWebService.${method}(Int32 lCommitteeId, String sFromDate, String sToDate)`)}\r\n`;
const nullRef = (method, p) => `System.NullReferenceException: Object reference not set to an instance of an object.${trace(
  `mgWebService.${method}(Int32 ${p})`)}\r\n`;
const badMethod = (name) => `System.InvalidOperationException: ${name} Web Service method name is not valid.${trace(
  'System.Web.Services.Protocols.HttpServerProtocol.Initialize()',
  'System.Web.Services.Protocols.ServerProtocolFactory.Create(Type type, HttpContext context, HttpRequest request, ' +
    'HttpResponse response, Boolean& abortProcessing)')}\r\n`;

/** A .NET Int32 from a query value, or null. */
const int32 = (v) => {
  if (!/^\s*[+-]?\d+\s*$/.test(v)) return null;
  const n = Number(v.trim());
  return n >= -2147483648 && n <= 2147483647 ? n : null;
};
/** A date as ModernGov's DateTime.Parse (en-GB) takes one: d/m/yyyy or yyyy-mm-dd; UTC midnight, or null. */
const parseDate = (v) => {
  let y;
  let mo;
  let d;
  let m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(v);
  if (m) [, d, mo, y] = m.map(Number);
  else if ((m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(v))) [, y, mo, d] = m.map(Number);
  else return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
};

// --- the server ----------------------------------------------------------------------

/**
 * Starts the fixture on a free port of 127.0.0.1.
 * opts: meetings (12), broken (false), now (Date.now()), seed, delayMs (5).
 */
export async function startModernGovFixture(opts = {}) {
  const port = await freePort();
  const B = `http://127.0.0.1:${port}`;
  const delayMs = opts.delayMs ?? 5;
  const fx = buildModernGovFixture(B, opts);
  const { meetings, byId, docs, meta } = fx;
  const people = new Map(COUNCILLORS.map((p) => [p.id, p]));
  const listedDate = dayOf(opts.now ?? Date.now()) - 30 * DAY + 9 * 3600e3; // GetCommittees, GetCouncillorsByWard
  const cache = new Map(); // key -> {body: Buffer, etag, modified, type}
  const pdfs = new Map();
  const requests = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let changes = 0;

  const entity = (key, type, modified, make) => {
    let e = cache.get(key);
    if (!e) {
      const body = Buffer.isBuffer(make) ? make : Buffer.from(make(), 'utf8');
      e = { body, type, modified: Math.floor(modified / 1000) * 1000,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
      cache.set(key, e);
    }
    return e;
  };
  const pdfOf = (doc) => {
    if (!pdfs.has(doc.id)) {
      const m = doc.item.meeting;
      pdfs.set(doc.id, textPdf([
        'Borough of Eastmere',
        ascii(`${m.committee.title}, ${longDate(m.date)}`),
        ascii(`Item ${doc.item.pos}: ${doc.title}`),
        `Document marker: ${markerOf(doc.id)}`,
        ...doc.lines.map(ascii),
      ]));
    }
    return pdfs.get(doc.id);
  };
  const meetingXml = (m) => {
    const x = renderMeeting(B, m, people);
    // The broken answer: cut off mid-element (as a dropped connection leaves it).
    return m.id === fx.brokenId ? x.slice(0, Math.floor(x.length * 0.6)) : x;
  };

  const send = (req, res, rec, status, headers, body) => {
    rec.status = status;
    res.writeHead(status, { ...headers, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const text = (req, res, rec, status, s) => send(req, res, rec, status, { 'content-type': 'text/plain; charset=utf-8' },
    Buffer.from(s, 'utf8'));
  const answer = (req, res, rec, e) => {
    const headers = { 'content-type': e.type, etag: e.etag, 'last-modified': new Date(e.modified).toUTCString(),
      'cache-control': 'private, max-age=0' };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    let fresh = false;
    if (inm !== undefined) {
      fresh = inm.trim() === '*' || inm.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(e.etag);
    } else if (ims !== undefined) {
      const t = Date.parse(ims);
      fresh = !Number.isNaN(t) && e.modified <= t;
    }
    if (fresh) {
      rec.status = 304;
      res.writeHead(304, headers);
      return res.end();
    }
    return send(req, res, rec, 200, headers, e.body);
  };
  const XML = 'text/xml; charset=utf-8';

  const methods = {
    GetCommittees: () => entity('committees', XML, listedDate, renderCommittees),
    GetCouncillorsByWard: () => entity('councillors', XML, listedDate, () => renderCouncillors(B)),
    GetMeetings: (q) => {
      for (const p of ['lCommitteeId', 'sFromDate', 'sToDate']) if (q(p) === null) return missing(p);
      const cid = int32(q('lCommitteeId'));
      if (cid === null) return notInt(q('lCommitteeId'));
      const from = parseDate(q('sFromDate'));
      const to = parseDate(q('sToDate'));
      if (from === null || to === null) return notDate('GetMeetings');
      const inWindow = meetings.filter((m) => (cid === 0 || m.committee.id === cid) && m.date >= from && m.date <= to);
      const groups = [];
      for (const c of COMMITTEES.slice().sort((a, b) => a.title.localeCompare(b.title))) {
        const ms = inWindow.filter((m) => m.committee === c);
        if (ms.length) groups.push({ committee: c, meetings: ms });
      }
      const modified = inWindow.length ? Math.max(...inWindow.map((m) => m.modified)) : listedDate;
      return entity(`meetings:${cid}:${from}:${to}`, XML, modified, () => renderMeetings(groups));
    },
    GetMeeting: (q) => {
      if (q('lMeetingId') === null) return missing('lMeetingId');
      const id = int32(q('lMeetingId'));
      if (id === null) return notInt(q('lMeetingId'));
      const m = byId.get(id);
      if (!m) return nullRef('GetMeeting', 'lMeetingId');
      return entity(`meeting:${id}`, XML, m.modified, () => meetingXml(m));
    },
    GetAttachment: (q) => {
      if (q('lAttachmentID') === null) return missing('lAttachmentID');
      const id = int32(q('lAttachmentID'));
      if (id === null) return notInt(q('lAttachmentID'));
      const doc = docs.get(id);
      if (!doc) return nullRef('GetAttachment', 'lAttachmentID');
      return entity(`attachment:${id}`, XML, Math.max(doc.published + 9 * 3600e3, doc.item.renamed ?? 0),
        () => renderAttachment(B, doc));
    },
  };
  const methodNames = new Map(Object.keys(methods).map((k) => [k.toLowerCase(), k]));

  const route = (req, res, rec) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(req, res, rec, 405, 'Method not allowed\r\n');
    const u = new URL(req.url, B);
    const params = new Map();
    for (const [k, v] of u.searchParams) if (!params.has(k.toLowerCase())) params.set(k.toLowerCase(), v);
    const q = (name) => params.get(name.toLowerCase()) ?? null;
    const p = u.pathname.toLowerCase();
    if (p === '/mgwebservice.asmx') {
      return answer(req, res, rec, entity('help', 'text/html; charset=utf-8', listedDate, () => HELP(Object.keys(methods))));
    }
    if (p.startsWith('/mgwebservice.asmx/')) {
      const asked = u.pathname.slice('/mgwebservice.asmx/'.length);
      const name = methodNames.get(asked.toLowerCase());
      if (!name) return text(req, res, rec, 500, badMethod(decodeURIComponent(asked)));
      const e = methods[name](q);
      return typeof e === 'string' ? text(req, res, rec, 500, e) : answer(req, res, rec, e);
    }
    if (p === '/mgconvert2pdf.aspx') {
      const id = int32(q('ID') ?? '');
      const doc = id === null ? null : docs.get(id);
      if (!doc) return text(req, res, rec, 404, 'The document could not be found.\r\n');
      if (doc.failing) {
        return send(req, res, rec, 500, { 'content-type': 'text/html; charset=utf-8' },
          Buffer.from('<!DOCTYPE html>\n<html><head><title>Runtime Error</title></head><body><h1>Server Error in \'/\' Application.</h1>' +
            '<p>The document could not be converted.</p></body></html>\n'));
      }
      return answer(req, res, rec, entity(`pdf:${doc.id}`, 'application/pdf', doc.published + 9 * 3600e3, pdfOf(doc)));
    }
    return send(req, res, rec, 404, { 'content-type': 'text/html; charset=utf-8' },
      Buffer.from('<!DOCTYPE html>\n<html><head><title>404 - File or directory not found.</title></head><body>' +
        '<h2>404 - File or directory not found.</h2></body></html>\n'));
  };

  const server = http.createServer((req, res) => {
    const rec = { method: req.method, path: req.url,
      conditional: Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']), status: 0 };
    requests.push(rec);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        inFlight--;
      }
    };
    res.on('finish', finish);
    res.on('close', finish);
    setTimeout(() => {
      try {
        route(req, res, rec);
      } catch (e) {
        text(req, res, rec, 500, `System.Exception: ${e.message}\r\n`);
      }
    }, delayMs);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));

  return {
    baseUrl: B,
    meta,
    requests,
    get maxInFlight() { return maxInFlight; },
    get inFlight() { return inFlight; },
    /** Clears requests and maxInFlight (between two runs of an importer). */
    reset() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    /** The marker word in a document's PDF text. */
    phraseOf: (attachmentId) => markerOf(attachmentId),
    /** Retitles meta.changeable's item: {meetingId, itemId, newTitle}. */
    change() {
      const target = meta.changeable;
      const m = byId.get(target.meetingId);
      const it = m.items.find((x) => x.id === target.itemId);
      changes++;
      it.title = `${target.title} (amended${changes > 1 ? ` ${changes}` : ''})`;
      m.modified = Math.max(Math.floor(Date.now() / 1000) * 1000, m.modified + 1000);
      it.renamed = m.modified;
      cache.clear();
      return { meetingId: m.id, itemId: it.id, newTitle: it.title };
    },
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}
