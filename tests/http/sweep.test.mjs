// The attacker's sweep (non-negotiable 1, nothing confidential or
// unpublished on a public surface), done the way an attacker would: a clerk
// fills every free-text field of the back office that is NOT public by
// decision with a unique made-up word (a marker, one per field), then every
// public surface is read: the whole site from /, every OParl list and
// object (plain and with modified_since), search, feeds, calendars, the
// sitemap, the bulk export (HTTP and `witan export`), robots, health and
// error pages. Any marker found there is a leak, named with its URL and the
// field it was typed into; all leaks are reported in one assertion.
//
// The other way round, a few markers go into fields that ARE public by
// decision (a cancellation's reason, a committee's purpose, an exempt
// item's title and public-interest reason, amended minutes, a public
// document's text) and must be found: proof that the sweep sees text.
//
// Objects that were never public (an unlisted meeting, its items and
// files) must answer 404 everywhere, not even an OParl "deleted" stub.
//
// The pub_* views themselves are swept too, every row and column: they are
// the public boundary (src/db/boundary.c), and every public surface reads
// them and nothing else, so a column that reaches a view is public even if
// no page shows it yet.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { crawl, dbQuery, isPg, pgQuery, startServer, storeOf, witanPath } from '../lib/server.mjs';
import { addUser, signIn, sql, textSettled } from './backoffice-helpers.mjs';
import { anchors, demoMarkers } from './helpers.mjs';
import { BackOffice, fetchSwept, MarkerBook, pool, sqliteDump, sweptText, textPdf, walkOparl } from './sweep-helpers.mjs';

const CONCURRENCY = 8;
const PASSWORD = 'a long enough password for the sweep';
// (and the body's licence, which every OParl object names)
const STUB_KEYS = new Set(['id', 'type', 'created', 'modified', 'deleted', 'license']);

// ---------------------------------------------------------------------------
// The markers: one per field, a made-up word each.

const book = new MarkerBook();
let seq = 10;
const I = (name, field) => book.internal(`Zqx${name}${seq++}`, field);
const V = (name, field) => book.visible(`Wvy${name}${seq++}`, field);

const K = {
  // 1. the reason for unpublishing an agenda
  unpubAgenda: I('unpubagenda', 'agenda unpublish reason (POST /admin/meetings/{id}/unpublish reason)'),
  // 2. the reason for unpublishing minutes
  unpubMinutes: I('unpubminutes', 'minutes unpublish reason (POST /admin/meetings/{id}/minutes status=draft reason)'),
  // 3. the reason for amending approved minutes
  amendReason: I('amendreason', 'amendment reason of approved minutes (item form amendment)'),
  // 4. a person's contact details
  emailExisting: I('mailexisting', 'e-mail of an existing person (person form email)'),
  phoneExisting: I('phoneexisting', 'telephone of an existing person (person form phone)'),
  emailNew: I('mailnew', 'e-mail of a new person (person form email)'),
  phoneNew: I('phonenew', 'telephone of a new person (person form phone)'),
  // 5. a user account
  userName: I('username', 'user account name (/admin/users/new name)'),
  userEmail: I('useremail', 'user account e-mail (/admin/users/new email)'),
  // 6. state reasons that are not public
  heldReason: I('heldreason', 'state reason of a held meeting'),
  scheduledReason: I('schedreason', 'state reason of a scheduled meeting'),
  // 7. everything of an unlisted meeting
  unlistedName: I('unlistedname', 'unlisted meeting: name'),
  unlistedTitle: I('unlistedtitle', 'unlisted meeting: item title'),
  unlistedDesc: I('unlisteddesc', 'unlisted meeting: item description'),
  unlistedMinutes: I('unlistedminutes', 'unlisted meeting: item minutes'),
  unlistedDecision: I('unlisteddecision', 'unlisted meeting: item decision'),
  unlistedDocTitle: I('unlisteddoctitle', 'unlisted meeting: document title'),
  unlistedDocText: I('unlisteddoctext', 'unlisted meeting: document text (PDF)'),
  unlistedDocFile: I('unlistedfile', 'unlisted meeting: document file name'),
  unlistedNote: I('unlistednote', 'unlisted meeting: attendance note'),
  unlistedDecl: I('unlisteddecl', 'unlisted meeting: declaration of interest'),
  unlistedVote: I('unlistedvote', 'unlisted meeting: vote motion'),
  // 8. an exempt item's confidential parts
  exemptDesc: I('exemptdesc', 'exempt item: description'),
  exemptMinutes: I('exemptminutes', 'exempt item: minutes'),
  exemptDecision: I('exemptdecision', 'exempt item: decision'),
  exemptDocTitle: I('exemptdoctitle', 'exempt item: document title'),
  exemptDocText: I('exemptdoctext', 'exempt item: document text (PDF)'),
  exemptDocFile: I('exemptfile', 'exempt item: document file name'),
  exemptVote: I('exemptvote', 'exempt item: vote motion'),
  // 9. a draft agenda
  draftTitle: I('drafttitle', 'draft agenda: item title'),
  draftDesc: I('draftdesc', 'draft agenda: item description'),
  draftTitleB: I('drafttitleb', 'draft agenda: second item title'),
  draftDocTitle: I('draftdoctitle', 'draft agenda: meeting document title'),
  draftDocText: I('draftdoctext', 'draft agenda: meeting document text (PDF)'),
  draftDocFile: I('draftfile', 'draft agenda: meeting document file name'),
  draftItemDocTitle: I('draftitemdoctitle', 'draft agenda: item document title'),
  draftItemDocText: I('draftitemdoctext', 'draft agenda: item document text (PDF)'),
  // 10. draft minutes: never published ('none'), and published then withdrawn ('draft')
  noneMinutes: I('noneminutes', 'minutes not yet published: item minutes'),
  noneDecision: I('nonedecision', 'minutes not yet published: item decision'),
  noneVote: I('nonevote', 'minutes not yet published: vote motion'),
  noneDocTitle: I('nonedoctitle', 'minutes not yet published: minutes document title'),
  noneDocText: I('nonedoctext', 'minutes not yet published: minutes document text (PDF)'),
  redraftMinutes: I('redraftminutes', 'minutes back in draft: item minutes'),
  redraftDecision: I('redraftdecision', 'minutes back in draft: item decision'),
  redraftVote: I('redraftvote', 'minutes back in draft: vote motion'),
  redraftDocTitle: I('redraftdoctitle', 'minutes back in draft: minutes document title'),
  redraftDocText: I('redraftdoctext', 'minutes back in draft: minutes document text (PDF)'),
  // 11. attendance and declarations before the meeting is held
  schedNote: I('schednote', 'meeting not held: attendance note'),
  schedDecl: I('scheddecl', 'meeting not held: declaration of interest'),
  // 12. a withdrawn agenda, edited while withdrawn
  withdrawnTitle: I('withdrawntitle', 'withdrawn agenda: item title edited after unpublishing'),
  withdrawnDesc: I('withdrawndesc', 'withdrawn agenda: item description edited after unpublishing'),
  withdrawnTitleB: I('withdrawntitleb', 'withdrawn agenda: second item title edited after unpublishing'),
  withdrawnDocTitle: I('withdrawndoctitle', 'withdrawn agenda: document title uploaded after unpublishing'),
  withdrawnDocText: I('withdrawndoctext', 'withdrawn agenda: document text uploaded after unpublishing (PDF)'),
};

// Public by decision: must be seen.
const P = {
  cancelReason: V('cancelreason', 'reason of a cancelled meeting'),
  purpose: V('purpose', 'committee purpose'),
  exemptTitle: V('exempttitle', 'exempt item: title'),
  exemptReason: V('exemptreason', 'exempt item: public-interest reason'),
  amended: V('amended', 'amended text of approved minutes'),
  publicDocText: V('publicdoctext', 'public document text (PDF)'),
};

// The demo's own markers (src/demo/demo.h): confidential and unpublished
// demo content, and internal demo fields (DEMO_INTERNAL_MARKER, once defined).
const DEMO = demoMarkers();
for (const [name, word] of Object.entries(DEMO)) if (!book.has(word)) book.internal(word, `demo: ${name} (src/demo/demo.h)`);

// ---------------------------------------------------------------------------
// State shared by the tests

let srv;
let bo; // the clerk (an admin account)
let listedCheckbox = null; // the meeting form's "listed" checkbox, if it has one
const M = {}; // meeting ids by scenario
const IT = {}; // item ids
const DOC = {}; // document ids
const swept = []; // {surface, url, status, text}
let viewNames = []; // the pub_* views swept
const searches = []; // {marker, q, exact, visible, status, total, results, problem, htmlStatus, htmlCount}
let pages; // the crawl
let oparl; // walkOparl's result
let exportFiles = []; // files `witan export` wrote (relative paths)
let exportDir;
let probes = []; // sweepProbes()'s responses
let adminIds; // every committee and meeting id the back office lists
let purposeCommittee; // the committee whose purpose got a visible marker
let exportHttp = []; // /export/{name} fetched
let sitemapUrls = [];
let dumpText = ''; // the database's dump, for "the marker is stored"
const setupLog = [];
const timings = {};

const day = (offset) => new Date(Date.now() + offset * 86400e3).toISOString().slice(0, 10);
const add = (surface, r) => swept.push({ surface, url: r.url.replace(srv.base, ''), status: r.status, text: r.text });

async function upload(meeting, { title, text, filename, role = 'report', item = '' }) {
  const bytes = textPdf(['Sweep test document', `Text: ${text}`, 'End of document.']);
  return bo.upload(meeting, { title, role, item, filename, bytes });
}

// ---------------------------------------------------------------------------
// Setup: a clerk at work

async function fillBackOffice() {
  listedCheckbox = await bo.meetingFormHasListed();
  const committees = await bo.committeeChoices();
  assert.ok(committees.length >= 2, 'the meeting form offers committees');
  const org = committees[0].id;
  const people = (await bo.listIds('people'));
  assert.ok(people.length >= 2, 'the back office lists people');

  // Meetings first, so that a later meeting exists to approve minutes at.
  const mk = (key, offset, name, extra = {}) =>
    bo.createMeeting({ organization: org, date: day(offset), start: `${10 + (Object.keys(M).length % 8)}:00`, name, ...extra }).then((id) => (M[key] = id));
  await mk('withdrawn', 40, 'Sweep: an agenda withdrawn');
  await mk('redraft', -40, 'Sweep: minutes withdrawn');
  await mk('approved', -50, 'Sweep: minutes approved and amended');
  await mk('held', -20, 'Sweep: a held meeting');
  await mk('scheduled', 20, 'Sweep: a scheduled meeting');
  await mk('unlisted', -10, `Briefing ${K.unlistedName}`, { listed: false });
  await mk('exempt', -30, 'Sweep: exempt business');
  await mk('draft', 60, 'Sweep: a draft agenda');
  await mk('none', -15, 'Sweep: minutes not started');
  await mk('notHeld', 30, 'Sweep: attendance before the meeting');
  await mk('cancelled', 25, 'Sweep: a cancelled meeting');
  for (const [k, v] of Object.entries(M)) assert.ok(v > 0, `meeting ${k} created`);

  // 1 and 12. An agenda published, unpublished with a reason, then edited.
  IT.w1 = await bo.addItem(M.withdrawn, 'Sweep withdrawn item one');
  IT.w2 = await bo.addItem(M.withdrawn, 'Sweep withdrawn item two');
  await bo.saveItem(M.withdrawn, IT.w1, { description: 'A neutral description, public while the agenda was.' });
  await bo.publishAgenda(M.withdrawn);
  await bo.unpublishAgenda(M.withdrawn, `The report was withdrawn: ${K.unpubAgenda}`);
  await bo.saveItem(M.withdrawn, IT.w1, { title: `Revised ${K.withdrawnTitle}`, description: `Revised ${K.withdrawnDesc}` });
  await bo.saveItem(M.withdrawn, IT.w2, { title: `Revised ${K.withdrawnTitleB}` });
  DOC.withdrawn = await upload(M.withdrawn, { title: `Revised report ${K.withdrawnDocTitle}`, text: K.withdrawnDocText, filename: 'revised-report.pdf', item: IT.w1 });

  // 2 and 10. Minutes published, then unpublished with a reason, then drafted further.
  IT.r1 = await bo.addItem(M.redraft, 'Sweep item with withdrawn minutes');
  await bo.saveItem(M.redraft, IT.r1, { minutes: 'The committee noted the report.' });
  await bo.publishAgenda(M.redraft);
  await bo.setState(M.redraft, 'held');
  await bo.minutes(M.redraft, 'published');
  await bo.minutes(M.redraft, 'draft', { reason: `Names to be checked: ${K.unpubMinutes}` });
  await bo.saveItem(M.redraft, IT.r1, { minutes: `Draft ${K.redraftMinutes}`, decision: `Draft ${K.redraftDecision}` });
  await bo.vote(M.redraft, IT.r1, `That ${K.redraftVote} be agreed`);
  DOC.redraft = await upload(M.redraft, { title: `Printed minutes ${K.redraftDocTitle}`, text: K.redraftDocText, filename: 'redraft-minutes.pdf', role: 'minutes' });

  // 3. Approved minutes, amended with a reason.
  IT.a1 = await bo.addItem(M.approved, 'Sweep item with approved minutes');
  await bo.saveItem(M.approved, IT.a1, { minutes: 'The committee agreed the plan.' });
  await bo.publishAgenda(M.approved);
  await bo.setState(M.approved, 'held');
  await bo.minutes(M.approved, 'published');
  await bo.minutes(M.approved, 'approved');
  await bo.saveItem(M.approved, IT.a1, { minutes: `The committee agreed the plan. ${P.amended}`, amendment: `Typing error: ${K.amendReason}` });

  // 4. Contact details of a person in the record, and of a new one.
  const pid = people[0];
  await bo.fill(`/admin/people/${pid}`, `/admin/people/${pid}`, { email: `${K.emailExisting.toLowerCase()}@example.org`, phone: `${K.phoneExisting} 01632 960001` });
  await bo.fill('/admin/people/new', '/admin/people/new', {
    given_name: 'Sweep', family_name: 'Tester', email: `${K.emailNew.toLowerCase()}@example.org`, phone: `${K.phoneNew} 01632 960002`,
  });

  // 5. A user account.
  await bo.fill('/admin/users/new', '/admin/users/new', {
    email: `${K.userEmail.toLowerCase()}@example.org`, name: `Clerk ${K.userName}`, role: 'clerk', password: PASSWORD, password_confirm: PASSWORD,
  });

  // 6. Reasons for held and scheduled meetings (only cancelled/postponed are public).
  IT.h1 = await bo.addItem(M.held, 'Sweep held item');
  await bo.publishAgenda(M.held);
  await bo.setState(M.held, 'held', `Quorate at 10.05: ${K.heldReason}`);
  IT.s1 = await bo.addItem(M.scheduled, 'Sweep scheduled item');
  await bo.publishAgenda(M.scheduled);
  await bo.setState(M.scheduled, 'scheduled', `Room booked: ${K.scheduledReason}`);

  // 7. An unlisted meeting, with everything a meeting can have.
  IT.u1 = await bo.addItem(M.unlisted, `Item ${K.unlistedTitle}`);
  await bo.saveItem(M.unlisted, IT.u1, { description: `About ${K.unlistedDesc}`, minutes: `Discussed ${K.unlistedMinutes}`, decision: `Resolved ${K.unlistedDecision}` });
  DOC.unlisted = await upload(M.unlisted, { title: `Briefing ${K.unlistedDocTitle}`, text: K.unlistedDocText, filename: `${K.unlistedDocFile}.pdf`, item: IT.u1 });
  await bo.publishAgenda(M.unlisted);
  await bo.setState(M.unlisted, 'held');
  const choices = await bo.peopleChoices(M.unlisted);
  assert.ok(choices.length >= 2, 'the attendance form offers people');
  await bo.attend(M.unlisted, { person: choices[0], note: `Note ${K.unlistedNote}` });
  await bo.declare(M.unlisted, { description: `Interest ${K.unlistedDecl}`, item: IT.u1 });
  await bo.vote(M.unlisted, IT.u1, `That ${K.unlistedVote} be agreed`);
  await bo.minutes(M.unlisted, 'published');

  // 8. An exempt item (and a public one beside it, with a public document).
  IT.e0 = await bo.addItem(M.exempt, 'Sweep public item');
  IT.e1 = await bo.addItem(M.exempt, `Sweep exempt item ${P.exemptTitle}`);
  await bo.saveItem(M.exempt, IT.e1, {
    paragraph: '3', reason: `Commercially sensitive: ${P.exemptReason}`,
    description: `Confidential ${K.exemptDesc}`, minutes: `Confidential ${K.exemptMinutes}`, decision: `Confidential ${K.exemptDecision}`,
  });
  await bo.saveItem(M.exempt, IT.e0, { description: 'The public report is attached.', minutes: 'The committee noted the public report.' });
  DOC.exempt = await upload(M.exempt, { title: `Tender ${K.exemptDocTitle}`, text: K.exemptDocText, filename: `${K.exemptDocFile}.pdf`, item: IT.e1 });
  DOC.public = await upload(M.exempt, { title: 'Sweep public report', text: P.publicDocText, filename: 'sweep-public-report.pdf', item: IT.e0 });
  await bo.vote(M.exempt, IT.e1, `That ${K.exemptVote} be accepted`);
  await bo.publishAgenda(M.exempt);
  await bo.setState(M.exempt, 'held');
  await bo.minutes(M.exempt, 'published');

  // 9. A draft agenda with documents.
  IT.d1 = await bo.addItem(M.draft, `Draft ${K.draftTitle}`);
  await bo.saveItem(M.draft, IT.d1, { description: `Draft ${K.draftDesc}` });
  IT.d2 = await bo.addItem(M.draft, `Draft ${K.draftTitleB}`);
  DOC.draft = await upload(M.draft, { title: `Agenda pack ${K.draftDocTitle}`, text: K.draftDocText, filename: `${K.draftDocFile}.pdf`, role: 'agenda_pack' });
  DOC.draftItem = await upload(M.draft, { title: `Report ${K.draftItemDocTitle}`, text: K.draftItemDocText, filename: 'draft-item-report.pdf', item: IT.d1 });

  // 10. Minutes not started: drafted, with a vote and a minutes document.
  IT.n1 = await bo.addItem(M.none, 'Sweep item awaiting minutes');
  await bo.publishAgenda(M.none);
  await bo.setState(M.none, 'held');
  await bo.saveItem(M.none, IT.n1, { minutes: `Draft ${K.noneMinutes}`, decision: `Draft ${K.noneDecision}` });
  await bo.vote(M.none, IT.n1, `That ${K.noneVote} be agreed`);
  DOC.none = await upload(M.none, { title: `Printed minutes ${K.noneDocTitle}`, text: K.noneDocText, filename: 'none-minutes.pdf', role: 'minutes' });

  // 11. Attendance and a declaration before the meeting is held.
  IT.t1 = await bo.addItem(M.notHeld, 'Sweep item before the meeting');
  await bo.publishAgenda(M.notHeld);
  const choices2 = await bo.peopleChoices(M.notHeld);
  await bo.attend(M.notHeld, { person: choices2[1], note: `Note ${K.schedNote}` });
  await bo.declare(M.notHeld, { description: `Interest ${K.schedDecl}`, item: IT.t1 });

  // Public by decision: a cancellation's reason, a committee's purpose.
  await bo.setState(M.cancelled, 'cancelled', `Not quorate: ${P.cancelReason}`);
  const cid = (await bo.listIds('committees'))[0];
  const cf = await bo.form(`/admin/committees/${cid}`, `/admin/committees/${cid}`);
  const purpose = cf.entries.find(([k]) => k === 'purpose')?.[1] ?? '';
  await bo.submit(cf, { purpose: `${purpose}\n\nSweep: ${P.purpose}` });
  purposeCommittee = cid;
  setupLog.push(...bo.log);
}

// ---------------------------------------------------------------------------
// The sweeps

async function waitForExport(notBefore) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const r = await fetchSwept(`${srv.base}/export`);
    const html = r.bytes.toString('utf8');
    const at = html.match(/Generated on <time datetime="([^"]+)"/)?.[1];
    if (r.status === 200 && at && Date.parse(at) >= notBefore && !/The record has changed since/.test(html)) return;
    if (Date.now() > deadline) throw new Error(`/export was not regenerated after the setup within 60 s (generated ${at ?? 'never'})`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function sweepCrawl() {
  pages = await crawl(srv.base, { concurrency: CONCURRENCY });
  const refetch = [];
  for (const p of pages) {
    if (p.body !== null) swept.push({ surface: 'crawl', url: p.url.replace(srv.base, ''), status: p.status, text: p.body });
    else if (p.status === 200) refetch.push(p.url);
  }
  // Everything that is not HTML again, for its bytes and headers (PDF text, SQLite dumps, calendars).
  await pool(refetch, CONCURRENCY, async (u) => add('crawl', await fetchSwept(u)));
}

async function sweepOparl() {
  oparl = await walkOparl(srv.base, { concurrency: CONCURRENCY });
  for (const r of oparl.responses) swept.push({ surface: 'oparl', url: r.url.replace(srv.base, ''), status: r.status, text: r.text });
  // The site's pages the API names (web, accessUrl) that the crawl did not reach.
  const crawled = new Set(pages.map((p) => p.url));
  await pool([...oparl.webUrls].filter((u) => !crawled.has(u)), CONCURRENCY, async (u) => add('oparl-web', await fetchSwept(u)));
}

/** A search page with the query's own echoes (title, the search box, links to itself and to alerts for it) taken out. */
function searchHtmlResults(html) {
  return html
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<input\b[^>]*\bname="q"[^>]*>/g, '')
    .replace(/\bhref="\/search(\.json)?\?[^"]*"/g, '')
    .replace(/\bhref="\/alerts\?follow=search&amp;[^"]*"/g, '');
}

async function sweepSearch() {
  const queries = [];
  for (const m of book.list()) {
    queries.push({ marker: m.word, q: m.word, exact: true });
    queries.push({ marker: m.word, q: `${m.word.slice(0, Math.max(4, m.word.length - 3))}*`, exact: false });
  }
  for (const m of book.list({ visible: true })) queries.push({ marker: m.word, q: m.word, exact: true, visible: true });
  queries.push({ marker: null, q: 'Zqx*', exact: true });
  queries.push({ marker: null, q: 'zqx*', exact: true });
  await pool(queries, CONCURRENCY, async (s) => {
    const enc = encodeURIComponent(s.q);
    const j = await fetchSwept(`${srv.base}/search.json?q=${enc}`);
    const rec = { ...s, status: j.status, total: null, results: null, problem: null };
    try {
      const json = JSON.parse(j.bytes.toString('utf8'));
      rec.total = json.total;
      rec.results = json.results;
      if (!Array.isArray(json.results) || typeof json.total !== 'number') rec.problem = 'no results array or total';
      // Swept without the echo of the query.
      const { query, next, ...rest } = json;
      swept.push({ surface: 'search', url: `/search.json?q=${enc}`, status: j.status, text: JSON.stringify(rest) });
    } catch (e) {
      rec.problem = `not JSON: ${e.message}`;
    }
    const h = await fetchSwept(`${srv.base}/search?q=${enc}`);
    const html = h.bytes.toString('utf8');
    rec.htmlStatus = h.status;
    rec.htmlCount = html.match(/<p class="result-count"[^>]*>([^<]*)<\/p>/)?.[1] ?? null;
    swept.push({ surface: 'search', url: `/search?q=${enc}`, status: h.status, text: searchHtmlResults(html) });
    searches.push(rec);
  });
}

async function sweepFeedsCalendarsSitemap() {
  const { committees, meetings } = adminIds;
  const urls = ['/feeds/meetings.atom', '/calendar.ics', '/sitemap.xml', '/robots.txt', '/healthz', '/export'];
  for (const kind of ['meetings', 'agendas', 'minutes']) urls.push(`/feeds/meetings.atom?kind=${kind}`);
  for (const c of committees) {
    urls.push(`/committees/${c}`, `/committees/${c}.ics`, `/committees/${c}/feed.atom`);
    for (const kind of ['meetings', 'agendas', 'minutes']) urls.push(`/committees/${c}/feed.atom?kind=${kind}`);
  }
  for (const m of meetings) urls.push(`/meetings/${m}`, `/meetings/${m}.ics`);
  // Error pages.
  urls.push('/errors/404', '/errors/500', '/no/such/page', '/meetings/999999999', '/oparl/v1.1/meeting/999999999', '/documents/999999999/x.pdf');
  const results = await pool(urls, CONCURRENCY, (u) => fetchSwept(`${srv.base}${u}`));
  for (const r of results) add(/\.ics$/.test(new URL(r.url).pathname) ? 'calendar' : /atom/.test(r.url) ? 'feed' : /sitemap/.test(r.url) ? 'sitemap' : 'misc', r);
  timings.feedUrls = urls.length;

  // The sitemap, and every sitemap part it names.
  const sm = results.find((r) => r.url.endsWith('/sitemap.xml'));
  const locs = (t) => [...t.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const parts = new Set([`${srv.base}/sitemaps/1.xml`, ...locs(sm.text).filter((u) => /\/sitemaps\/\d+\.xml$/.test(u))]);
  const partResults = await pool([...parts], CONCURRENCY, (u) => fetchSwept(u.replace(/^https?:\/\/[^/]+/, srv.base)));
  for (const r of partResults) add('sitemap', r);
  sitemapUrls = [...locs(sm.text), ...partResults.flatMap((r) => locs(r.text))].filter((u) => !/\/sitemaps\/\d+\.xml$/.test(u));
  // Every page the sitemap names that the crawl did not reach.
  const crawled = new Set(pages.map((p) => p.url.replace(srv.base, '')));
  const missing = sitemapUrls.map((u) => new URL(u).pathname).filter((p) => !crawled.has(p));
  for (const r of await pool(missing, CONCURRENCY, (p) => fetchSwept(`${srv.base}${p}`))) add('sitemap-page', r);

  // The HTTP export: the page and every file it links.
  const exp = results.find((r) => r.url.endsWith('/export'));
  const files = anchors(exp.bytes.toString('utf8')).map((a) => a.href).filter((h) => /^\/export\/[^/]+$/.test(h));
  exportHttp = await pool(files, CONCURRENCY, (f) => fetchSwept(`${srv.base}${f}`));
  for (const r of exportHttp) add('export-http', r);
}

/** Direct requests for every object the clerk made, public or not. */
async function sweepProbes() {
  const urls = [];
  const items = { withdrawn: ['w1', 'w2'], redraft: ['r1'], approved: ['a1'], held: ['h1'], scheduled: ['s1'], unlisted: ['u1'], exempt: ['e0', 'e1'], draft: ['d1', 'd2'], none: ['n1'], notHeld: ['t1'] };
  for (const [m, its] of Object.entries(items)) {
    urls.push(`/meetings/${M[m]}`, `/meetings/${M[m]}.ics`, `/oparl/v1.1/meeting/${M[m]}`, `/oparl/v1.1/meeting/${M[m]}?modified_since=1970-01-01T00:00:00Z`);
    for (const i of its) urls.push(`/meetings/${M[m]}/items/${IT[i]}`, `/oparl/v1.1/agendaitem/${IT[i]}`);
  }
  for (const d of Object.values(DOC)) urls.push(`/documents/${d}/x.pdf`, `/oparl/v1.1/file/${d}`, `/oparl/v1.1/file/${d}/download`);
  const results = await pool(urls, CONCURRENCY, (u) => fetchSwept(`${srv.base}${u}`));
  for (const r of results) add('probe', r);
  // A public document's address redirects to its canonical name: follow it.
  const redirects = results.filter((r) => r.status === 301 && r.headers.get('location'));
  for (const r of await pool(redirects, CONCURRENCY, (x) => fetchSwept(new URL(x.headers.get('location'), srv.base).href))) add('probe', r);
  return results;
}

function runExportCli(dir) {
  return new Promise((resolve, reject) => {
    execFile(witanPath(), ['export', '--db', srv.dbPath, '--documents', dir], { encoding: 'utf8', timeout: 90000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`witan export failed: ${err.message}\n${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

async function sweepExportCli() {
  exportDir = path.join(srv.dir, 'export-out');
  await runExportCli(exportDir);
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  const files = walk(exportDir);
  exportFiles = files.map((f) => path.relative(exportDir, f));
  await pool(files, CONCURRENCY, async (f) => {
    const rel = path.relative(exportDir, f);
    const { text } = await sweptText(null, readFileSync(f));
    // The file's own name is swept too (files/{id}/{filename}).
    swept.push({ surface: 'export-cli', url: rel, status: 200, text: `${rel}\n${text}` });
  });
}

/** Every row of every pub_* view, as the sqlite3 shell reads it. */
async function sweepViews() {
  viewNames = isPg(srv.dbPath)
    ? pgQuery(srv.dbPath, "SELECT table_name FROM information_schema.views WHERE table_schema = 'public'"
      + " AND table_name LIKE 'pub\\_%' ORDER BY table_name").map((r) => r[0])
    : (await sql(srv.dbPath, "SELECT name FROM sqlite_schema WHERE type = 'view' AND name GLOB 'pub_*' ORDER BY name")).map((v) => v.name);
  await pool(viewNames, CONCURRENCY, async (name) => {
    const rows = await sqlBig(srv.dbPath, `SELECT * FROM "${name}"`);
    swept.push({ surface: 'view', url: `view ${name}`, status: 200, text: rows });
  });
}

/** The raw output of a query (any size), for sweeping. */
function sqlBig(dbPath, query) {
  return dbQuery(dbPath, query, { timeout: 60000 }).then((rows) => JSON.stringify(rows));
}

// ---------------------------------------------------------------------------

before(async () => {
  const t0 = Date.now();
  srv = await startServer();
  addUser(srv.dbPath, { email: 'sweeper@example.org', role: 'admin', password: PASSWORD });
  const s = await signIn(srv.base, 'sweeper@example.org', PASSWORD);
  bo = new BackOffice(srv.base, s.cookie);
  try {
    await fillBackOffice();
  } catch (e) {
    // Say what the server said: a 500's cause is in its log, not in the page.
    e.message += `\n--- the server's last output ---\n${srv.output()}`;
    throw e;
  }
  adminIds = { committees: await bo.listIds('committees'), meetings: await bo.meetingIds() };
  timings.setup = Date.now() - t0;
  const writesDone = Math.floor(Date.now() / 1000) * 1000;
  await textSettled(srv.dbPath);
  await waitForExport(writesDone);
  dumpText = await sqliteDump(srv.dbPath);
  let t = Date.now();
  await sweepCrawl();
  timings.crawl = Date.now() - t;
  t = Date.now();
  await Promise.all([sweepOparl(), sweepSearch(), sweepFeedsCalendarsSitemap(), sweepExportCli(), sweepViews()]);
  timings.rest = Date.now() - t;
  probes = await sweepProbes();
  timings.total = Date.now() - t0;
});

after(async () => {
  await srv?.stop();
});

// ---------------------------------------------------------------------------

/**
 * Every internal marker found in what was swept: one line per URL (or
 * exported file) and marker, naming the surfaces that read it, the field
 * the marker was typed into and where it was found.
 */
function leaks(filter = () => true) {
  const found = new Map(); // url + word -> {line parts}
  for (const s of swept) {
    for (const f of book.scan(s.text).values()) {
      if (f.visible || !filter(f)) continue;
      const key = `${s.url}\0${f.word}`;
      const e = found.get(key);
      if (e) e.surfaces.add(s.surface);
      else found.set(key, { url: s.url, status: s.status, f, surfaces: new Set([s.surface]) });
    }
  }
  return [...found.values()]
    .map(({ url, status, f, surfaces }) => `${url} (${status}, ${[...surfaces].join('+')}): ${f.word} [${f.field}] …${f.context}…`)
    .sort();
}

/** deepEqual(list, []) whose failure message lists every entry (node's diff would skip lines). */
function none(list, what) {
  const uniq = [...new Set(list)];
  assert.deepEqual(uniq, [], uniq.length ? `${uniq.length} ${what}:\n  ${uniq.join('\n  ')}` : undefined);
}

describe('the setup', () => {
  test('the clerk used every form over HTTP, each answering 303', () => {
    assert.ok(setupLog.length >= 70, `${setupLog.length} form submissions`);
    assert.deepEqual(setupLog.filter((x) => x.status !== 303), []);
  });

  test('the meeting form has the "List in the public calendar" checkbox (name="listed", value="1")', () => {
    assert.ok(listedCheckbox, 'no <input name="listed"> in the form of /admin/meetings/new: the unlisted meeting was created as an ordinary (listed) one');
    assert.match(listedCheckbox, /type="checkbox"/);
    assert.match(listedCheckbox, /value="1"/);
  });

  test('every marker is stored in the database (or its audit log), so the sweep could catch a leak', async () => {
    const missing = [];
    const tables = new Map();
    for (const line of dumpText.split('\n')) {
      const t = line.match(/^INSERT INTO "?(\w+)"?/)?.[1];
      if (!t) continue;
      for (const f of book.scan(line).values()) {
        if (!tables.has(f.word)) tables.set(f.word, new Set());
        tables.get(f.word).add(t);
      }
    }
    for (const m of [...book.list(), ...book.list({ visible: true })]) {
      if (!tables.has(m.word)) missing.push(`${m.word} [${m.field}]`);
    }
    assert.deepEqual(missing, [], 'markers not found in any table of the database');
    // Document texts were extracted (so search could have indexed them).
    for (const [k, w] of Object.entries({ ...K, ...P })) {
      if (/DocText$/.test(k)) assert.ok(tables.get(w)?.has('file_page'), `${w} (${k}) is in file_page: the document's text was read`);
    }
    // The reasons that are internal by decision are kept in the audit log.
    for (const w of [K.unpubAgenda, K.unpubMinutes]) assert.ok(tables.get(w)?.has('audit_log'), `${w} is in the audit log`);
    assert.ok(tables.get(K.amendReason)?.has('minutes_amendment'), 'the amendment reason is in minutes_amendment');
  });

  test('each uploaded document holds its text marker in its bytes', async () => {
    const rows = await sql(srv.dbPath, `SELECT id, sha256, text_status FROM file WHERE id IN (${Object.values(DOC).join(',')})`);
    assert.equal(rows.length, Object.keys(DOC).length);
    for (const r of rows) {
      assert.equal(r.text_status, 'done', `document ${r.id} was read for search`);
      const bytes = readFileSync(path.join(storeOf(srv.dbPath), r.sha256.slice(0, 2), r.sha256.slice(2)));
      assert.ok(book.scan(bytes.toString('latin1')).size === 1, `document ${r.id} carries one marker`);
    }
  });
});

describe('the sweep reached every surface (nothing passes vacuously)', () => {
  test('the crawl read the whole site', () => {
    assert.ok(!pages.truncated, 'the crawl finished');
    assert.ok(pages.length > 500, `crawled ${pages.length} URLs`);
    const types = new Set(pages.map((p) => new URL(p.url).pathname.replace(/\/\d+/g, '/{id}').replace(/\/documents\/\{id\}\/.*/, '/documents/{id}/{name}')));
    for (const t of ['/', '/committees/{id}', '/meetings/{id}', '/meetings/{id}/items/{id}', '/people/{id}', '/documents/{id}/{name}', '/meetings/{id}.ics', '/committees/{id}/feed.atom', '/export']) {
      assert.ok(types.has(t), `crawled a ${t} URL`);
    }
    const pdfs = swept.filter((s) => s.surface === 'crawl' && /^%PDF-/m.test(s.text.split('\n\n').slice(1).join('\n\n')));
    assert.ok(pdfs.length >= 50, `${pdfs.length} documents swept as PDF text`);
    assert.ok(!swept.some((s) => s.text.includes('[pdftotext failed')), 'pdftotext read every PDF');
    const bad = pages.filter((p) => p.status === 0 || p.status >= 500);
    assert.deepEqual(bad.map((p) => `${p.url} → ${p.status || p.error}`), []);
  });

  test('the OParl walk read lists of every type, plain and with modified_since, and every object', () => {
    assert.deepEqual(oparl.errors.filter((e) => !/answered 404/.test(e)), []);
    assert.equal(oparl.lists.length, 10, 'the Body names ten lists');
    assert.ok(oparl.orgLists.length >= 5, `${oparl.orgLists.length} organization meeting lists`);
    for (const t of ['Body', 'LegislativeTerm', 'Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'Paper', 'Consultation', 'File', 'Location']) {
      assert.ok((oparl.types.get(t) ?? 0) > 0, `read ${t} objects`);
    }
    for (const [u, l] of oparl.listed) {
      assert.ok(l.since.size >= l.plain.size, `${u}: modified_since lists at least what the plain list does`);
    }
    assert.ok(oparl.objects.size > 500, `${oparl.objects.size} objects`);
    const downloads = oparl.responses.filter((r) => /\/download$/.test(r.url) && r.status === 200);
    assert.ok(downloads.length >= 50, `${downloads.length} file downloads read`);
  });

  test('every search answered, as valid JSON and as a page', () => {
    assert.ok(searches.length >= 2 * book.list().length + 2, `${searches.length} searches`);
    const bad = searches.filter((s) => s.status !== 200 || s.problem || s.htmlStatus !== 200 || s.htmlCount === null);
    assert.deepEqual(bad.map((s) => `${s.q}: ${s.status} ${s.problem ?? ''} page ${s.htmlStatus} ${s.htmlCount}`), []);
  });

  test('every public view was read, row by row', () => {
    assert.ok(viewNames.length >= 18, `${viewNames.length} views`);
    for (const v of ['pub_meeting', 'pub_agenda_item', 'pub_person', 'pub_file', 'pub_file_page', 'pub_withdrawn']) assert.ok(viewNames.includes(v), v);
    const meetings = swept.find((s) => s.url === 'view pub_meeting');
    assert.ok(meetings && JSON.parse(meetings.text).length > 30, 'pub_meeting has rows');
  });

  test('feeds, calendars, the sitemap and the exports were read', () => {
    const of = (surface) => swept.filter((s) => s.surface === surface && s.status === 200);
    assert.ok(of('feed').length >= 4 + 4 * 6, `${of('feed').length} feeds`);
    assert.ok(of('calendar').length >= 7 + 40, `${of('calendar').length} calendars`);
    assert.ok(of('sitemap').length >= 2, 'the sitemap and its part');
    assert.ok(sitemapUrls.length > 200, `${sitemapUrls.length} URLs in the sitemap`);
    assert.ok(exportFiles.some((f) => f === 'record.sqlite'), 'witan export wrote record.sqlite');
    assert.ok(exportFiles.filter((f) => f.endsWith('.jsonl')).length >= 19, 'and the JSON Lines files');
    assert.ok(exportFiles.filter((f) => f.startsWith('files/')).length >= 50, 'and the documents');
    assert.ok(swept.some((s) => s.surface === 'export-cli' && /CREATE TABLE/.test(s.text)), 'the exported SQLite file was dumped');
    assert.ok(exportHttp.length >= 20 && exportHttp.every((r) => r.status === 200), `${exportHttp.length} files under /export, all 200`);
    assert.ok(exportHttp.some((r) => r.kind === 'sqlite'), '/export/record.sqlite was dumped');
  });

  test('what is public by decision is seen on every surface (the sweep can see text)', () => {
    const seen = new Map(book.list({ visible: true }).map((m) => [m.word, new Set()]));
    for (const s of swept) for (const f of book.scan(s.text).values()) if (f.visible) seen.get(f.word).add(s.surface);
    const missing = [];
    for (const [w, surfaces] of seen) {
      for (const surface of ['crawl', 'oparl', 'export-cli', 'export-http']) {
        if (!surfaces.has(surface)) missing.push(`${w} [${book.fieldOf(w)}] not found on ${surface}`);
      }
    }
    for (const [w, surface] of [[P.cancelReason, 'calendar'], [P.exemptTitle, 'feed']]) {
      if (!seen.get(w).has(surface)) missing.push(`${w} [${book.fieldOf(w)}] not found on ${surface}`);
    }
    none(missing, 'public texts not seen');
    // On the pages where they belong.
    const page = (u) => swept.find((s) => s.surface === 'crawl' && s.url === u)?.text ?? '';
    assert.match(page(`/meetings/${M.cancelled}`), new RegExp(P.cancelReason));
    assert.match(page(`/committees/${purposeCommittee}`), new RegExp(P.purpose));
    assert.match(page(`/meetings/${M.exempt}/items/${IT.e1}`), new RegExp(P.exemptReason));
    assert.match(page(`/meetings/${M.exempt}/items/${IT.e1}`), new RegExp(P.exemptTitle));
    assert.match(page(`/meetings/${M.approved}/items/${IT.a1}`), new RegExp(P.amended));
    // Search finds public text, documents included.
    for (const w of [P.publicDocText, P.exemptTitle, P.amended]) {
      const r = searches.find((s) => s.q === w);
      assert.ok(r?.total >= 1, `search finds ${w} (${book.fieldOf(w)}): total ${r?.total}`);
    }
  });
});

describe('nothing internal on any public surface', () => {
  test('no internal marker appears on any public surface', () => {
    assert.ok(swept.length > 2000, `${swept.length} responses and files swept`);
    none(leaks(), 'leaks (URL or exported file (status, surfaces that read it): marker [the field it was typed into] …where…)');
  });

  test('searching for an internal marker finds nothing', () => {
    const found = searches.filter((s) => s.exact && !s.visible && s.total !== 0).map((s) => `/search.json?q=${s.q}: ${s.total} results (${s.marker ? book.fieldOf(s.marker) : 'all internal markers'})`);
    const pages0 = searches.filter((s) => s.exact && !s.visible && s.htmlCount !== '0 results').map((s) => `/search?q=${s.q}: "${s.htmlCount}"`);
    none([...found, ...pages0].sort(), 'searches that found internal text');
  });

  test('the unlisted meeting, its items and its files exist only in the back office', async () => {
    const problems = [];
    const api = '/oparl/v1.1';
    const expect404 = [
      `/meetings/${M.unlisted}`, `/meetings/${M.unlisted}.ics`, `/meetings/${M.unlisted}/items/${IT.u1}`, `/documents/${DOC.unlisted}/x.pdf`,
      `${api}/meeting/${M.unlisted}`, `${api}/meeting/${M.unlisted}?modified_since=1970-01-01T00:00:00Z`, `${api}/agendaitem/${IT.u1}`,
      `${api}/file/${DOC.unlisted}`, `${api}/file/${DOC.unlisted}/download`,
    ];
    for (const u of expect404) {
      const p = probes.find((r) => r.url === `${srv.base}${u}`) ?? (await fetchSwept(`${srv.base}${u}`));
      if (p.status !== 404) problems.push(`${u} answered ${p.status}${/"deleted"\s*:\s*true/.test(p.text) ? ' (a deleted stub)' : ''}, not 404`);
    }
    // Never named by id anywhere public: OParl lists (plain or modified_since) and objects, pages, feeds, calendars, sitemap.
    const idRes = [
      [new RegExp(`/oparl/v1\\.1/meeting/${M.unlisted}(?![0-9])`), `OParl meeting ${M.unlisted}`],
      [new RegExp(`/oparl/v1\\.1/agendaitem/${IT.u1}(?![0-9])`), `OParl agendaitem ${IT.u1}`],
      [new RegExp(`/oparl/v1\\.1/file/${DOC.unlisted}(?![0-9])`), `OParl file ${DOC.unlisted}`],
      [new RegExp(`/meetings/${M.unlisted}(?![0-9])`), `/meetings/${M.unlisted}`],
      [new RegExp(`/documents/${DOC.unlisted}/`), `/documents/${DOC.unlisted}`],
      [new RegExp(`meeting-${M.unlisted}@`), `calendar UID meeting-${M.unlisted}@`],
    ];
    const byUrl = new Map();
    for (const s of swept) {
      if (s.surface === 'probe' || s.surface === 'search' || s.surface === 'export-cli') continue; // probed above; exports checked below
      if (/^\/export\//.test(s.url)) continue;
      for (const [re, what] of idRes) {
        if (!re.test(s.text)) continue;
        const k = `${s.url} names ${what}`;
        byUrl.set(k, (byUrl.get(k) ?? new Set()).add(s.surface));
      }
    }
    for (const [k, surfaces] of byUrl) problems.push(`${k} (${[...surfaces].join('+')})`);
    for (const [u, l] of oparl.listed) {
      for (const id of [...l.plain, ...l.since]) {
        if (idRes.slice(0, 3).some(([re]) => re.test(`${id}"`))) problems.push(`OParl list ${u.replace(srv.base, '')} lists ${id.replace(srv.base, '')}${l.plain.has(id) ? '' : ' (with modified_since)'}`);
      }
    }
    // The exports hold no row of it.
    const xdb = path.join(exportDir, 'record.sqlite');
    const rows = await sql(xdb, `SELECT 'meeting' AS t, id FROM meeting WHERE id = ${M.unlisted} UNION ALL SELECT 'agenda_item', id FROM agenda_item WHERE id = ${IT.u1} OR meeting_id = ${M.unlisted} UNION ALL SELECT 'file', id FROM file WHERE id = ${DOC.unlisted}`);
    for (const r of rows) problems.push(`witan export: ${r.t} ${r.id} is in record.sqlite`);
    none(problems, 'ways the unlisted meeting shows');
  });

  /** Checks a probed URL: 404, or (stubOk) 200 with a bare OParl "deleted" stub. */
  function stubOrGone(problems, u, { stubOk }) {
    const p = probes.find((r) => r.url === `${srv.base}${u}`);
    if (!p) return problems.push(`${u} was not probed`);
    if (p.status === 404) return;
    if (p.status === 200 && stubOk) {
      let j;
      try {
        j = JSON.parse(p.bytes.toString('utf8'));
      } catch {
        return problems.push(`${u}: 200 but not JSON`);
      }
      const extra = Object.keys(j).filter((k) => !STUB_KEYS.has(k));
      if (j.deleted !== true || extra.length) problems.push(`${u}: 200 with more than a deleted stub (${extra.join(', ') || 'deleted is not true'})`);
      return;
    }
    problems.push(`${u} answered ${p.status}${/"deleted"\s*:\s*true/.test(p.text) ? ' (a "deleted" stub of an object that was never public)' : ''}, not 404`);
  }

  test('withdrawn agenda items (public once) answer 404, or in OParl a bare "deleted" stub', () => {
    const problems = [];
    for (const i of ['w1', 'w2']) {
      stubOrGone(problems, `/oparl/v1.1/agendaitem/${IT[i]}`, { stubOk: true });
      stubOrGone(problems, `/meetings/${M.withdrawn}/items/${IT[i]}`, { stubOk: false });
    }
    none(problems, 'withdrawn items still served');
  });

  test('never-public items and documents answer 404 (no OParl stub) and are in no OParl list', () => {
    const problems = [];
    const api = '/oparl/v1.1';
    for (const i of ['d1', 'd2']) {
      stubOrGone(problems, `/meetings/${M.draft}/items/${IT[i]}`, { stubOk: false });
      stubOrGone(problems, `${api}/agendaitem/${IT[i]}`, { stubOk: false });
    }
    const docs = ['exempt', 'draft', 'draftItem', 'none', 'redraft', 'withdrawn'];
    for (const d of docs) {
      stubOrGone(problems, `/documents/${DOC[d]}/x.pdf`, { stubOk: false });
      stubOrGone(problems, `${api}/file/${DOC[d]}`, { stubOk: false });
      stubOrGone(problems, `${api}/file/${DOC[d]}/download`, { stubOk: false });
    }
    const ids = new Map([
      ...['d1', 'd2'].map((i) => [`${srv.base}${api}/agendaitem/${IT[i]}`, `draft agenda item ${IT[i]}`]),
      ...docs.map((d) => [`${srv.base}${api}/file/${DOC[d]}`, `${d} document ${DOC[d]}`]),
    ]);
    for (const [u, l] of oparl.listed) {
      for (const id of l.since) if (ids.has(id)) problems.push(`${u.replace(srv.base, '')}?modified_since=… lists the ${ids.get(id)}${l.plain.has(id) ? ' (also without modified_since)' : ' (as a "deleted" stub)'}`);
    }
    none(problems, 'never-public objects served or listed');
  });
});

describe('the demo', () => {
  test('the demo carries DEMO_INTERNAL_MARKER in internal fields, and it never leaks', () => {
    const word = DEMO.DEMO_INTERNAL_MARKER;
    assert.ok(word, 'demo.h does not define DEMO_INTERNAL_MARKER');
    assert.ok(new RegExp(`\\b${word}\\b`, 'i').test(dumpText), `the demo database holds ${word}`);
    const tables = new Set(dumpText.split('\n').filter((l) => new RegExp(`\\b${word}\\b`, 'i').test(l)).map((l) => l.match(/^INSERT INTO "?(\w+)"?/)?.[1]).filter(Boolean));
    const missing = [['audit_log', 'an unpublish reason in the audit log'], ['person', "a person's e-mail"], ['meeting', 'an unlisted demo meeting']].filter(([t]) => !tables.has(t));
    assert.deepEqual(missing.map(([t, what]) => `${what} (table ${t})`), [], `${word} is in the tables ${[...tables].join(', ')}`);
    none(leaks((f) => f.word.toLowerCase() === word.toLowerCase()), `leaks of ${word}`);
  });
});

describe('timing', () => {
  test('the sweep stays within its budget', () => {
    console.log(`# sweep timings (ms): ${JSON.stringify(timings)}; ${swept.length} responses swept, ${book.list().length} internal and ${book.list({ visible: true }).length} visible markers`);
    assert.ok(timings.total < 110000, `setup and sweep took ${timings.total} ms`);
  });
});
