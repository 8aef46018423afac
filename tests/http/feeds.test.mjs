// Atom feeds, the sitemap and JSON-LD (part of issue 5): feeds parse in
// python3-feedparser with absolute, stable ids and links; ?kind= gives
// new meetings, agendas or minutes alone; a newly published agenda is
// announced; pages advertise their feeds in <head>; meeting pages carry a
// schema.org Event that no meeting name can break out of; /sitemap.xml
// lists every public page and robots.txt points to it; nothing
// unpublished or confidential reaches any of them.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { parseWith, sqlWrite } from './feeds-helpers.mjs';
import { decode, demoMarkers, findSeed, get, getBytes } from './helpers.mjs';

const MARKERS = demoMarkers();
const MARKER_RE = new RegExp(`\\b(${Object.values(MARKERS).join('|')})\\b`, 'i');
const ADMIN = { email: 'feeds.admin@example.org', name: 'Feeds Admin', role: 'admin', password: 'feeds-admin-password-1' };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let srv, seed, admin, orgId;

before(async () => {
  srv = await startServer();
  seed = await findSeed(srv.base);
  orgId = Number(seed.committeeUrl.match(/\d+$/)[0]);
  addUser(srv.dbPath, ADMIN);
  admin = await signIn(srv.base, ADMIN.email, ADMIN.password);
});
after(async () => {
  await srv?.stop();
});

/** GET a feed: checks status and type, parses it; returns {text, feed}. */
async function atom(urlPath) {
  const r = await getBytes(srv.base, urlPath);
  assert.equal(r.status, 200, `${urlPath} answered ${r.status}`);
  assert.equal(r.headers.get('content-type'), 'application/atom+xml; charset=utf-8', urlPath);
  const feed = await parseWith('atom', r.body);
  return { text: r.body.toString('utf8'), feed };
}

const meetingIdOf = (entry) => Number(entry.id.match(/\/meetings\/(\d+)#/)[1]);

describe('Atom feeds', () => {
  test('the site feed is valid Atom with absolute, unique ids and links', async () => {
    const { feed } = await atom('/feeds/meetings.atom');
    assert.equal(feed.version, 'atom10');
    assert.equal(feed.id, `${srv.base}/feeds/meetings.atom`);
    assert.match(feed.title, /new meetings, agendas and minutes/);
    assert.match(feed.updated, RFC3339);
    assert.ok(feed.links.some((l) => l.rel === 'self' && l.href === `${srv.base}/feeds/meetings.atom`), 'rel=self');
    assert.ok(feed.links.some((l) => l.rel === 'alternate' && l.href === `${srv.base}/meetings`));
    assert.ok(feed.author, 'an author');
    assert.ok(feed.entries.length >= 20 && feed.entries.length <= 50, `${feed.entries.length} entries`);
    assert.equal(new Set(feed.entries.map((e) => e.id)).size, feed.entries.length, 'ids are unique');
    for (const e of feed.entries) {
      assert.match(e.id, new RegExp(`^${srv.base}/meetings/\\d+#(meeting|agenda|minutes)$`));
      assert.ok(e.title && e.summary, e.id);
      assert.match(e.updated, RFC3339, e.id);
      assert.ok(e.link.startsWith(`${srv.base}/meetings/`), e.link);
      assert.equal(e.tags.length, 1);
      assert.equal(e.id.split('#')[1], e.tags[0], 'the category names the kind');
    }
    const updated = feed.entries.map((e) => e.updated);
    assert.deepEqual(updated, [...updated].sort().reverse(), 'newest first');
    assert.equal(feed.updated, updated[0], 'the feed was updated when its newest entry was');
  });

  test('?kind= gives each kind of event alone', async () => {
    const [{ n: agendas }] = await sql(srv.dbPath, "SELECT count(*) AS n FROM meeting WHERE published = 1 AND deleted = 0 AND agenda_status = 'published'");
    const [{ n: minutes }] = await sql(srv.dbPath, "SELECT count(*) AS n FROM meeting WHERE published = 1 AND deleted = 0 AND minutes_status IN ('published', 'approved')");
    for (const [kind, term, title, n] of [['agendas', 'agenda', /new agendas$/, agendas], ['minutes', 'minutes', /new minutes$/, minutes], ['meetings', 'meeting', /new meetings$/, null]]) {
      const { feed } = await atom(`/feeds/meetings.atom?kind=${kind}`);
      assert.match(feed.title, title);
      assert.equal(feed.id, `${srv.base}/feeds/meetings.atom?kind=${kind}`);
      assert.ok(feed.entries.length > 0, kind);
      assert.ok(feed.entries.every((e) => e.tags[0] === term), `${kind}: only ${term} entries`);
      if (n !== null) assert.equal(feed.entries.length, Math.min(n, 50), `${kind}: one entry per meeting`);
    }
    for (const bad of ['all', 'Agendas', 'x'.repeat(17), 'agendas%00']) {
      const r = await get(srv.base, `/feeds/meetings.atom?kind=${encodeURIComponent(bad)}`);
      assert.equal(r.status, 400, `kind=${bad}`);
    }
  });

  test("a committee's feed holds only its meetings; an unknown committee is 404", async () => {
    const { feed } = await atom(`/committees/${orgId}/feed.atom`);
    assert.equal(feed.id, `${srv.base}/committees/${orgId}/feed.atom`);
    assert.ok(feed.links.some((l) => l.rel === 'alternate' && l.href === `${srv.base}/committees/${orgId}`));
    const ids = new Set((await sql(srv.dbPath, `SELECT id FROM meeting WHERE organization_id = ${orgId}`)).map((r) => r.id));
    assert.ok(feed.entries.length > 0);
    for (const e of feed.entries) assert.ok(ids.has(meetingIdOf(e)), `${e.id} is a meeting of committee ${orgId}`);
    const minutes = await atom(`/committees/${orgId}/feed.atom?kind=minutes`);
    assert.ok(minutes.feed.entries.every((e) => e.tags[0] === 'minutes'));
    assert.equal((await get(srv.base, '/committees/999999/feed.atom')).status, 404);
    assert.equal((await get(srv.base, `/committees/${orgId}/feed.atom?kind=nope`)).status, 400);
  });

  test('the seed meeting: title with its &, escaped once, and its agenda items', async () => {
    const id = Number(seed.meetingUrl.match(/\d+$/)[0]);
    const { text } = await atom(`/committees/${orgId}/feed.atom?kind=agendas`);
    assert.ok(text.includes('Police &amp; Crime Plan Activity and Performance Monitoring Report'), 'the & is escaped in XML');
    assert.ok(!text.includes('&amp;amp;'), 'and only once');
    const { feed } = await atom(`/committees/${orgId}/feed.atom?kind=agendas`);
    const e = feed.entries.find((x) => x.id === `${srv.base}/meetings/${id}#agenda`);
    assert.ok(e, 'the seed meeting has an agenda entry');
    assert.equal(e.link, `${srv.base}/meetings/${id}#agenda`);
    assert.equal(e.title, 'Agenda published: West Mercia Police and Crime Panel – Monday 4 February 2019');
    assert.ok(e.summary.includes('Police & Crime Plan Activity and Performance Monitoring Report (October - December 2018)'), e.summary);
  });

  test('pages advertise the feeds in <head>, and each advertised feed works', async () => {
    for (const [page, base] of [['/', '/feeds/meetings.atom'], ['/meetings', '/feeds/meetings.atom'], [seed.committeeUrl, `/committees/${orgId}/feed.atom`], [seed.meetingUrl, `/committees/${orgId}/feed.atom`]]) {
      const r = await get(srv.base, page);
      const head = r.text.slice(0, r.text.indexOf('</head>'));
      const links = [...head.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]+)" href="([^"]+)">/g)].map((m) => decode(m[2]));
      assert.deepEqual(links, [base, `${base}?kind=meetings`, `${base}?kind=agendas`, `${base}?kind=minutes`], page);
      for (const href of links) await atom(href);
    }
    const committee = await get(srv.base, seed.committeeUrl);
    assert.match(committee.text, new RegExp(`<a href="/committees/${orgId}/feed.atom\\?kind=agendas">new agendas</a>`));
  });
});

describe('nothing unpublished or confidential in feeds', () => {
  test('no marker word in any feed; the exempt item shows its public title only', async () => {
    const urls = [];
    for (const k of ['', '?kind=meetings', '?kind=agendas', '?kind=minutes']) {
      urls.push(`/feeds/meetings.atom${k}`);
      for (const { id } of await sql(srv.dbPath, 'SELECT id FROM organization WHERE deleted = 0')) urls.push(`/committees/${id}/feed.atom${k}`);
    }
    for (const u of urls) {
      const r = await get(srv.base, u);
      assert.equal(r.status, 200, u);
      assert.doesNotMatch(r.text, MARKER_RE, u);
    }
    const [exempt] = await sql(srv.dbPath, "SELECT i.title, i.meeting_id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.exempt = 1 AND i.deleted = 0 AND m.agenda_status = 'published'");
    assert.ok(exempt, 'the demo has an exempt item on a published agenda');
    const [{ organization_id: org }] = await sql(srv.dbPath, `SELECT organization_id FROM meeting WHERE id = ${exempt.meeting_id}`);
    const { feed } = await atom(`/committees/${org}/feed.atom?kind=agendas`);
    const e = feed.entries.find((x) => meetingIdOf(x) === exempt.meeting_id);
    if (e) assert.ok(e.summary.includes(`${exempt.title} (exempt)`), e.summary);
  });

  test('a draft agenda and draft minutes are not announced', async () => {
    const drafts = await sql(srv.dbPath, "SELECT id FROM meeting WHERE published = 1 AND deleted = 0 AND agenda_status = 'draft'");
    const draftMinutes = await sql(srv.dbPath, "SELECT id FROM meeting WHERE published = 1 AND deleted = 0 AND minutes_status = 'draft'");
    assert.ok(drafts.length >= 1 && draftMinutes.length >= 1);
    const { feed: agendas } = await atom('/feeds/meetings.atom?kind=agendas');
    const { feed: minutes } = await atom('/feeds/meetings.atom?kind=minutes');
    for (const { id } of drafts) assert.ok(!agendas.entries.some((e) => e.id === `${srv.base}/meetings/${id}#agenda`), `draft agenda ${id}`);
    for (const { id } of draftMinutes) assert.ok(!minutes.entries.some((e) => e.id === `${srv.base}/meetings/${id}#minutes`), `draft minutes ${id}`);
  });

  test('an unpublished meeting is in no feed and not in the sitemap', async () => {
    const r = await post(srv.base, '/admin/meetings/new', { csrf: admin.csrf, organization_id: orgId, location_id: '', date: '2032-01-10', start: '10:00', end: '', name: 'Unlisted meeting of the feeds test', webcast: '', listed: '1' }, { cookie: admin.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const id = Number(r.headers.get('location').match(/(\d+)$/)[1]);
    const entryId = `${srv.base}/meetings/${id}#meeting`;
    assert.ok((await atom('/feeds/meetings.atom?kind=meetings')).feed.entries.some((e) => e.id === entryId), 'a new meeting is announced');
    assert.ok((await get(srv.base, '/sitemap.xml')).text.includes(`/meetings/${id}</loc>`));
    await sqlWrite(srv.dbPath, `UPDATE meeting SET published = 0 WHERE id = ${id}`);
    for (const u of ['/feeds/meetings.atom', '/feeds/meetings.atom?kind=meetings', `/committees/${orgId}/feed.atom`]) {
      const { text } = await atom(u);
      assert.ok(!text.includes(`/meetings/${id}#`) && !text.includes('Unlisted meeting'), u);
    }
    assert.ok(!(await get(srv.base, '/sitemap.xml')).text.includes(`/meetings/${id}</loc>`), 'not in the sitemap');
  });
});

describe('schema.org JSON-LD on meeting pages', () => {
  const jsonld = (html) => {
    const all = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    assert.equal(all.length, 1, 'one JSON-LD block');
    return JSON.parse(all[0][1]);
  };

  test('the seed meeting is an Event with offset times, place, organizer and url', async () => {
    const d = jsonld(seed.meetingHtml);
    assert.equal(d['@context'], 'https://schema.org');
    assert.equal(d['@type'], 'Event');
    assert.equal(d.name, 'West Mercia Police and Crime Panel');
    assert.equal(d.startDate, '2019-02-04T11:00:00+00:00');
    assert.equal(d.endDate, '2019-02-04T13:30:00+00:00');
    assert.equal(d.eventStatus, 'https://schema.org/EventScheduled');
    assert.equal(d.location['@type'], 'Place');
    assert.equal(d.location.name, 'Council Chamber, County Hall');
    assert.deepEqual(d.location.address, { '@type': 'PostalAddress', streetAddress: 'County Hall, Spetchley Road', addressLocality: 'Worcester', postalCode: 'WR5 2NP', addressCountry: 'GB' });
    assert.deepEqual(d.organizer, { '@type': 'Organization', name: 'West Mercia Police and Crime Panel', url: `${srv.base}${seed.committeeUrl}` });
    assert.equal(d.url, `${srv.base}${seed.meetingUrl}`);
  });

  test('cancelled and postponed meetings say so; summer times have +01:00', async () => {
    for (const [state, status] of [['cancelled', 'EventCancelled'], ['postponed', 'EventPostponed']]) {
      const [row] = await sql(srv.dbPath, `SELECT id FROM meeting WHERE state = '${state}' AND published = 1 AND deleted = 0 LIMIT 1`);
      assert.ok(row, `the demo has a ${state} meeting`);
      const d = jsonld((await get(srv.base, `/meetings/${row.id}`)).text);
      assert.equal(d.eventStatus, `https://schema.org/${status}`);
    }
    const [summer] = await sql(srv.dbPath, "SELECT id, start_at FROM meeting WHERE published = 1 AND deleted = 0 AND substr(start_at, 6, 2) = '07' LIMIT 1");
    const d = jsonld((await get(srv.base, `/meetings/${summer.id}`)).text);
    assert.equal(d.startDate, `${summer.start_at.replace(' ', 'T')}:00+01:00`);
  });

  test('a meeting name cannot close the script', async () => {
    const name = '</script><script>alert(1)</script> <!-- \u2028 "quoted" & more';
    const r = await post(srv.base, '/admin/meetings/new', { csrf: admin.csrf, organization_id: orgId, location_id: '', date: '2032-02-10', start: '10:00', end: '', name, webcast: '', listed: '1' }, { cookie: admin.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const id = Number(r.headers.get('location').match(/(\d+)$/)[1]);
    const page = await get(srv.base, `/meetings/${id}`);
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('<script>alert'), 'no script element from the name');
    const block = page.text.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)[1];
    assert.ok(!block.includes('<'), 'no < inside the JSON-LD');
    const d = JSON.parse(block);
    assert.equal(d.name, name);
    assert.equal(d.endDate, '2032-02-10T12:00:00+00:00', 'the default duration');
    assert.equal(d.location, undefined, 'no venue, no location');
  });
});

describe('the sitemap', () => {
  test('/sitemap.xml lists every public page with its lastmod, and each answers 200', async () => {
    const r = await getBytes(srv.base, '/sitemap.xml');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/xml; charset=utf-8');
    const map = await parseWith('xml', r.body);
    assert.equal(map.root, 'urlset');
    const locs = map.children.map((c) => c.loc);
    assert.equal(new Set(locs).size, locs.length, 'no URL twice');
    for (const c of map.children) {
      assert.equal(c.tag, 'url');
      assert.ok(c.loc.startsWith(`${srv.base}/`), c.loc);
      assert.match(c.lastmod, RFC3339, c.loc);
    }
    const paths = locs.map((l) => l.slice(srv.base.length));
    for (const p of ['/', '/committees', '/meetings', '/people', seed.committeeUrl, seed.meetingUrl, seed.itemUrl]) assert.ok(paths.includes(p), p);
    const count = async (q) => (await sql(srv.dbPath, q))[0].n;
    const meetings = await count('SELECT count(*) AS n FROM meeting m JOIN organization o ON o.id = m.organization_id WHERE m.published = 1 AND m.deleted = 0 AND o.deleted = 0');
    const items = await count("SELECT count(*) AS n FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.deleted = 0 AND m.published = 1 AND m.deleted = 0 AND m.agenda_status = 'published'");
    const people = await count('SELECT count(*) AS n FROM person WHERE deleted = 0');
    const orgs = await count('SELECT count(*) AS n FROM organization WHERE deleted = 0');
    assert.equal(paths.filter((p) => /^\/meetings\/\d+$/.test(p)).length, meetings);
    assert.equal(paths.filter((p) => /^\/meetings\/\d+\/items\/\d+$/.test(p)).length, items);
    assert.equal(paths.filter((p) => /^\/people\/\d+$/.test(p)).length, people);
    assert.equal(paths.filter((p) => /^\/committees\/\d+$/.test(p)).length, orgs);
    // Draft agendas' items are not listed.
    const draftItems = await sql(srv.dbPath, "SELECT i.meeting_id AS m, i.id AS i FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE m.agenda_status = 'draft'");
    assert.ok(draftItems.length > 0);
    for (const { m, i } of draftItems) assert.ok(!paths.includes(`/meetings/${m}/items/${i}`));
    // Every URL is a page that answers, and none shows a marker word.
    for (const p of paths) {
      const page = await get(srv.base, p);
      assert.equal(page.status, 200, p);
      assert.doesNotMatch(page.text, MARKER_RE, p);
    }
    assert.equal((await get(srv.base, '/sitemaps/1.xml')).status, 200, 'the first part is the whole of a small sitemap');
    assert.equal((await get(srv.base, '/sitemaps/2.xml')).status, 404);
  });

  test('robots.txt points to the sitemap by its absolute address', async () => {
    const r = await get(srv.base, '/robots.txt');
    assert.equal(r.status, 200);
    assert.match(r.text, new RegExp(`^Sitemap: ${srv.base}/sitemap\\.xml$`, 'm'));
    assert.match(r.text, /^Disallow: \/admin\/$/m);
  });
});

// Last: publishing the demo's draft agenda changes what the tests above expect.
describe('a newly published agenda', () => {
  test('appears at the top of the agendas feeds, its items listed', async () => {
    const [draft] = await sql(srv.dbPath, "SELECT m.id, m.organization_id FROM meeting m WHERE m.published = 1 AND m.deleted = 0 AND m.agenda_status = 'draft' AND EXISTS (SELECT 1 FROM agenda_item i WHERE i.meeting_id = m.id AND i.deleted = 0 AND i.exempt = 0) AND m.state <> 'cancelled' ORDER BY m.start_at LIMIT 1");
    assert.ok(draft, 'a meeting with a draft agenda');
    const titles = (await sql(srv.dbPath, `SELECT title FROM agenda_item WHERE meeting_id = ${draft.id} AND deleted = 0 ORDER BY position`)).map((r) => r.title);
    const entryId = `${srv.base}/meetings/${draft.id}#agenda`;
    assert.ok(!(await atom('/feeds/meetings.atom?kind=agendas')).feed.entries.some((e) => e.id === entryId), 'not announced before');
    const r = await post(srv.base, `/admin/meetings/${draft.id}/publish`, { csrf: admin.csrf }, { cookie: admin.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    for (const u of ['/feeds/meetings.atom?kind=agendas', `/committees/${draft.organization_id}/feed.atom?kind=agendas`, '/feeds/meetings.atom']) {
      const { feed } = await atom(u);
      assert.equal(feed.entries[0].id, entryId, `${u}: the new agenda comes first`);
      assert.match(feed.entries[0].title, /^Agenda published: /);
      for (const t of titles.slice(0, 5)) assert.ok(feed.entries[0].summary.includes(t), `${u}: lists ${t}`);
      const [{ at }] = await sql(srv.dbPath, `SELECT agenda_published_at AS at FROM meeting WHERE id = ${draft.id}`);
      assert.equal(feed.entries[0].updated, at);
    }
  });
});
