// Every public page type answers 200 with its exact Content-Type, its key
// content, and the shared accessible page shell. Ids are found by following
// links from the calendar, never hard-coded.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import {
  SEED_COMMITTEE,
  SEED_TITLE,
  anchors,
  decode,
  documentLinks,
  findAnchor,
  findSeed,
  get,
  getBytes,
  h1s,
  textOf,
  titleOf,
} from './helpers.mjs';

const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

// The first words of each bullet of the seed minutes' two lists, in order
// (examples/seed-agenda-item.txt: 7 key developments, 9 discussion points).
const KEY_DEVELOPMENTS = [
  'The West Mercia’s new Victim Advice Line (VAL)',
  'Strategic Alliance a dedicated programme team',
  'Services to Policing - In 2017',
  'Network redesign and upgrade (OCC, DCD and KCOM)',
  'West Mercia Police values and priorities',
  'In early December the PCC opened',
  'Criminal Justice Performance',
];
const DISCUSSION_POINTS = [
  'A Member referred to page 99 of the Agenda',
  'The PCC acknowledged that the perception of speeding',
  'The Chief Constable confirmed that speeding',
  'In response to a question about what preventative crime measures',
  'The point was made that although smart water',
  'It was confirmed that the Mini officers',
  'The Panel were pleased to note',
  'It was suggested that the Panel may wish',
  'Deaths on Shropshire highways',
];

// The seed meeting's date as pages write it (a weekday, if any, must be right).
const SEED_DATE = '(?:Monday )?4 February 2019';

let srv;
let seed; // {meetingUrl, meetingHtml, itemUrl, itemHtml, committeeUrl}
const urls = {}; // page type -> a concrete URL found by following links

before(async () => {
  srv = await startServer();
  seed = await findSeed(srv.base);

  const committees = await get(srv.base, '/committees');
  const committee = findAnchor(committees.text, SEED_COMMITTEE, 'the Panel on /committees');
  const people = await get(srv.base, '/people');
  const person = anchors(people.text).find((a) => /^\/people\/\d+$/.test(a.href));
  assert.ok(person, 'no /people/{id} link on /people');
  const doc = documentLinks(seed.itemHtml)[0];
  assert.ok(doc, 'no document link on the seed item page');

  Object.assign(urls, {
    committee: committee.href,
    person: person.href,
    personName: person.text,
    document: doc.href,
  });
});

after(async () => {
  await srv?.stop();
});

/** Checks shared by every HTML page: the accessible shell. */
function checkShell(html, { url, breadcrumb = true }) {
  assert.match(html, /^<!DOCTYPE html>/i, `${url}: doctype`);
  assert.match(html, /<html lang="en-GB">/, `${url}: lang="en-GB"`);
  assert.match(html, /<meta charset="utf-8">/i, `${url}: charset`);
  assert.equal(h1s(html).length, 1, `${url}: exactly one <h1>`);
  assert.match(html, /<a [^>]*href="#main"[^>]*>Skip to main content<\/a>/, `${url}: skip link to #main`);
  const skip = html.indexOf('href="#main"');
  const main = html.indexOf('<main id="main"');
  assert.ok(main > 0, `${url}: <main id="main">`);
  assert.ok(skip >= 0 && skip < main, `${url}: the skip link comes before <main>`);
  assert.equal((html.match(/<main\b/g) || []).length, 1, `${url}: exactly one <main>`);
  assert.ok(html.indexOf('<h1') > main, `${url}: the <h1> is inside <main>`);
  assert.match(html, /<\/html>\s*$/, `${url}: the document is complete`);
  if (breadcrumb) {
    const nav = html.match(/<nav class="breadcrumbs" aria-label="Breadcrumb">([\s\S]*?)<\/nav>/);
    assert.ok(nav, `${url}: breadcrumb nav`);
    assert.match(nav[1], /<a href="\/">Home<\/a>/, `${url}: breadcrumb starts at Home`);
    assert.match(nav[1], /<li aria-current="page">[^<]+<\/li>\s*<\/ol>$/, `${url}: breadcrumb ends at the current page`);
  }
}

describe('page types', () => {
  test('/ is the home page', async () => {
    const r = await get(srv.base, '/');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    checkShell(r.text, { url: '/', breadcrumb: false });
    assert.equal(textOf(h1s(r.text)[0]), 'Meetings, agendas and minutes');
    assert.match(titleOf(r.text), /^Meetings, agendas and minutes – /);
    assert.match(r.text, /Upcoming meetings/);
    assert.match(r.text, /Recently published minutes/);
    for (const href of ['/meetings', '/committees', '/people']) {
      assert.ok(anchors(r.text).some((a) => a.href === href), `home links to ${href}`);
    }
    assert.ok(anchors(r.text).some((a) => /^\/meetings\/\d+$/.test(a.href)), 'home lists meetings');
  });

  test('/committees lists the committees', async () => {
    const r = await get(srv.base, '/committees');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    checkShell(r.text, { url: '/committees' });
    assert.equal(textOf(h1s(r.text)[0]), 'Committees');
    assert.match(titleOf(r.text), /^Committees – /);
    assert.ok(anchors(r.text).filter((a) => /^\/committees\/\d+$/.test(a.href)).length >= 2, 'several committees');
    assert.ok(anchors(r.text).some((a) => a.text === SEED_COMMITTEE));
  });

  test('/committees/{id} shows the committee, its members and meetings', async () => {
    const r = await get(srv.base, urls.committee);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    checkShell(r.text, { url: urls.committee });
    assert.equal(textOf(h1s(r.text)[0]), SEED_COMMITTEE);
    assert.match(titleOf(r.text), new RegExp(`^${SEED_COMMITTEE} – `));
    assert.ok(anchors(r.text).some((a) => /^\/people\/\d+$/.test(a.href)), 'members link to people');
    assert.ok(anchors(r.text).some((a) => a.href === seed.meetingUrl), 'lists the seed meeting');
    assert.equal(seed.committeeUrl, urls.committee, 'the seed meeting links to this committee');
  });

  test('/meetings shows this month', async () => {
    const r = await get(srv.base, '/meetings');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    checkShell(r.text, { url: '/meetings' });
    const now = new Date();
    const month = now.toLocaleString('en-GB', { month: 'long', timeZone: 'Europe/London' });
    const year = now.toLocaleString('en-GB', { year: 'numeric', timeZone: 'Europe/London' });
    assert.equal(textOf(h1s(r.text)[0]), `Meetings in ${month} ${year}`);
    assert.match(titleOf(r.text), new RegExp(`^Meetings in ${month} ${year} – `));
    assert.match(r.text, /<table class="calendar">/);
  });

  test('/meetings?month=2019-02 shows February 2019 with the seed meeting', async () => {
    const r = await get(srv.base, '/meetings?month=2019-02');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    checkShell(r.text, { url: '/meetings?month=2019-02' });
    assert.equal(textOf(h1s(r.text)[0]), 'Meetings in February 2019');
    assert.match(titleOf(r.text), /^Meetings in February 2019 – /);
    assert.ok(anchors(r.text).some((a) => a.href === seed.meetingUrl && a.text === SEED_COMMITTEE));
    assert.match(r.text, /<time datetime="2019-02-04[^"]*">[^<]*4 February 2019/);
    // February 2019 has 28 days, starting on a Friday.
    const cal = r.text.match(/<table class="calendar">([\s\S]*?)<\/table>/)[1];
    assert.equal((cal.match(/<span class="day">/g) || []).length, 28);
    assert.match(cal, /<tr>(<td><\/td>){4}<td><span class="day">1<\/span>/, '1 February 2019 is a Friday');
  });

  test('/meetings/{id} shows the seed meeting and its agenda', async () => {
    const html = seed.meetingHtml;
    checkShell(html, { url: seed.meetingUrl });
    const r = await get(srv.base, seed.meetingUrl);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    assert.match(textOf(h1s(html)[0]), new RegExp(`^${SEED_COMMITTEE} ${SEED_DATE}$`));
    assert.match(titleOf(html), new RegExp(`^${SEED_COMMITTEE} – ${SEED_DATE} – `));
    assert.match(html, /<h2 id="agenda">Agenda<\/h2>/);
    assert.ok(html.includes('<a href="' + seed.itemUrl + '">Police &amp; Crime Plan'), 'agenda item title escaped');
    assert.ok(anchors(html).some((a) => a.href === seed.committeeUrl), 'links to its committee');
    const crumbs = html.match(/<nav class="breadcrumbs"[\s\S]*?<\/nav>/)[0];
    assert.match(crumbs, /<a href="\/committees">Committees<\/a>/);
    assert.ok(crumbs.includes(`<a href="${seed.committeeUrl}">${SEED_COMMITTEE}</a>`));
    assert.match(crumbs, new RegExp(`<li aria-current="page">${SEED_DATE}</li>`));
  });

  test('/meetings/{id}/items/{id} carries the seed agenda item exactly', async () => {
    const r = await get(srv.base, seed.itemUrl);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    const html = r.text;
    checkShell(html, { url: seed.itemUrl });
    assert.ok(
      html.includes('Police &amp; Crime Plan Activity and Performance Monitoring Report (October - December 2018)'),
      'the title, escaped',
    );
    assert.ok(!/Police & Crime/.test(html), 'no unescaped & in the title');
    assert.equal(textOf(h1s(html)[0]), SEED_TITLE);
    const escaped = SEED_TITLE.replace(/[()]/g, '\\$&');
    assert.match(titleOf(html), new RegExp(`^${escaped} – ${SEED_COMMITTEE} – ${SEED_DATE} – `));
    for (const s of ['Minutes:', 'Supporting documents:', '£26.9m', '90.54%', '1April 2019', 'Discussion points:']) {
      assert.ok(html.includes(s), `contains ${s}`);
    }
    const minutes = html.match(/<h2 id="minutes">Minutes:<\/h2>([\s\S]*?)<\/section>/);
    assert.ok(minutes, 'a Minutes: section');
    const lists = [...minutes[1].matchAll(/<ul>([\s\S]*?)<\/ul>/g)].map((m) =>
      [...m[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => textOf(li[1])),
    );
    assert.equal(lists.length, 2, 'two bulleted lists in the minutes');
    assert.equal(lists[0].length, KEY_DEVELOPMENTS.length);
    assert.equal(lists[1].length, DISCUSSION_POINTS.length);
    KEY_DEVELOPMENTS.forEach((start, i) => assert.ok(lists[0][i].startsWith(start), `bullet ${i + 1}: ${lists[0][i].slice(0, 60)}`));
    DISCUSSION_POINTS.forEach((start, i) => assert.ok(lists[1][i].startsWith(start), `point ${i + 1}: ${lists[1][i].slice(0, 60)}`));
    const between = minutes[1].slice(minutes[1].indexOf('</ul>'), minutes[1].lastIndexOf('<ul>'));
    assert.match(between, /Discussion points:/, '"Discussion points:" sits between the two lists');
    const docsSection = html.match(/<h2 id="documents">Supporting documents:<\/h2>([\s\S]*?)<\/section>/);
    assert.ok(docsSection, 'a Supporting documents: section');
    const docs = documentLinks(docsSection[1]);
    assert.ok(docs.length >= 1, 'supporting documents are linked');
    for (const d of docs) assert.ok(d.text.length > 0, `document ${d.href} has a title`);
    const crumbs = html.match(/<nav class="breadcrumbs"[\s\S]*?<\/nav>/)[0];
    assert.match(crumbs, new RegExp(`<a href="${seed.meetingUrl}">${SEED_DATE}</a>`), 'breadcrumb back to the meeting');
  });

  test('/people lists people', async () => {
    const r = await get(srv.base, '/people');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    checkShell(r.text, { url: '/people' });
    assert.equal(textOf(h1s(r.text)[0]), 'Councillors and members');
    assert.match(titleOf(r.text), /^Councillors and members – /);
    assert.ok(anchors(r.text).filter((a) => /^\/people\/\d+$/.test(a.href)).length >= 5, 'several people');
  });

  test('/people/{id} shows a person', async () => {
    const r = await get(srv.base, urls.person);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), HTML);
    checkShell(r.text, { url: urls.person });
    assert.equal(textOf(h1s(r.text)[0]), urls.personName);
    assert.ok(titleOf(r.text).startsWith(`${urls.personName} – `), `title: ${titleOf(r.text)}`);
    assert.ok(anchors(r.text).some((a) => /^\/committees\/\d+$/.test(a.href)), 'links to their committees');
  });

  test('/documents/{id}/{filename} serves the PDF', async () => {
    const r = await getBytes(srv.base, urls.document);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.equal(r.body.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(Number(r.headers.get('content-length')), r.body.length);
  });

  test('/healthz', async () => {
    const r = await get(srv.base, '/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), TEXT);
    assert.equal(r.text, 'ok\n');
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  test('/robots.txt', async () => {
    const r = await get(srv.base, '/robots.txt');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), TEXT);
    assert.match(r.text, /^User-agent: \*$/m);
    assert.match(r.text, /^Disallow: \/admin\/$/m);
  });

  test('/static/site.css, as linked from pages, is long-cached and revalidates', async () => {
    const home = await get(srv.base, '/');
    const link = home.text.match(/<link rel="stylesheet" href="([^"]+)">/);
    assert.ok(link, 'pages link a stylesheet');
    const href = decode(link[1]);
    assert.match(href, /^\/static\/site\.css\?v=[0-9a-f]{12}$/);
    const r = await get(srv.base, href);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), CSS);
    assert.ok(r.text.length > 500, 'a real stylesheet');
    assert.match(r.text, /\.skip-link/, 'styles the skip link');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const etag = r.headers.get('etag');
    assert.ok(etag, 'an ETag');
    const again = await get(srv.base, '/static/site.css', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
  });

  test('HEAD on a page gives the GET headers and no body', async () => {
    // (as sent: fetch would ask for brotli and count the decoded bytes)
    const identity = { headers: { 'accept-encoding': 'identity' } };
    const g = await get(srv.base, seed.itemUrl, identity);
    const h = await get(srv.base, seed.itemUrl, { method: 'HEAD', ...identity });
    assert.equal(h.status, 200);
    assert.equal(h.text, '');
    assert.equal(h.headers.get('content-type'), HTML);
    assert.equal(Number(h.headers.get('content-length')), Buffer.byteLength(g.text));
    const hb = await get(srv.base, seed.itemUrl, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    assert.equal(hb.headers.get('content-encoding'), 'br', 'the cached page, in brotli');
    assert.ok(Number(hb.headers.get('content-length')) < Buffer.byteLength(g.text));
  });

  test('pages send X-Content-Type-Options: nosniff', async () => {
    for (const u of ['/', seed.itemUrl, '/healthz', urls.document]) {
      const r = await getBytes(srv.base, u);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', u);
    }
  });

  test('the month pager links to neighbouring months', async () => {
    const r = await get(srv.base, '/meetings?month=2019-02');
    const prev = anchors(r.text).find((a) => a.href === '/meetings?month=2019-01');
    const next = anchors(r.text).find((a) => a.href === '/meetings?month=2019-03');
    // The demo record spans months before and after February 2019 (its
    // ordinary meetings are dated around today), so there is a next month.
    assert.ok(next, 'a link to March 2019');
    assert.match(next.text, /March 2019/);
    if (prev) assert.match(prev.text, /January 2019/);
    // A month with no meetings still renders, with a clear sentence.
    const empty = await get(srv.base, '/meetings?month=1990-01');
    assert.equal(empty.status, 200);
    assert.match(empty.text, /There are no meetings this month\./);
  });
});
