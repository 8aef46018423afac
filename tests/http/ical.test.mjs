// iCalendar (part of issue 5): /calendar.ics, /committees/{id}.ics and
// /meetings/{id}.ics parse in python3-icalendar; lines are CRLF, folded at
// 75 octets without splitting a UTF-8 character; text is escaped; a UID
// stays, SEQUENCE rises with every change, a cancelled meeting is
// STATUS:CANCELLED; nothing unpublished appears. Changes are made the way
// a clerk makes them, through the back office.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, post, signIn, sql } from './backoffice-helpers.mjs';
import { icalEvents, icalLines, parseWith, sqlWrite, unescapeText, unfold } from './feeds-helpers.mjs';
import { anchors, demoMarkers, findSeed, get, getBytes } from './helpers.mjs';

const MARKER_RE = new RegExp(`\\b(${Object.values(demoMarkers()).join('|')})\\b`, 'i');
const ADMIN = { email: 'ical.admin@example.org', name: 'Ical Admin', role: 'admin', password: 'ical-admin-password-1' };

let srv, seed, admin;

before(async () => {
  srv = await startServer();
  seed = await findSeed(srv.base);
  addUser(srv.dbPath, ADMIN);
  admin = await signIn(srv.base, ADMIN.email, ADMIN.password);
});
after(async () => {
  await srv?.stop();
});

/** GET an .ics: checks status, type and line structure; returns {bytes, lines (unfolded), parsed}. */
async function ics(urlPath) {
  const r = await getBytes(srv.base, urlPath);
  assert.equal(r.status, 200, `${urlPath} answered ${r.status}`);
  assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8', urlPath);
  const physical = icalLines(r.body);
  for (const l of physical) {
    assert.ok(l.length <= 75, `${urlPath}: a line of ${l.length} octets: ${l.toString('utf8')}`);
    // Each physical line is whole UTF-8 on its own: no character split by a fold.
    assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(l), `${urlPath}: a fold splits a UTF-8 character`);
  }
  const lines = unfold(r.body);
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  const parsed = await parseWith('ical', r.body);
  return { bytes: r.body, lines, events: icalEvents(lines), parsed };
}

async function createMeeting(fields) {
  const r = await post(srv.base, '/admin/meetings/new', { csrf: admin.csrf, webcast: '', listed: '1', end: '', name: '', ...fields }, { cookie: admin.cookie });
  assert.equal(r.status, 303, `creating a meeting: ${r.text.slice(0, 400)}`);
  const m = r.headers.get('location').match(/^\/admin\/meetings\/(\d+)$/);
  assert.ok(m, r.headers.get('location'));
  return Number(m[1]);
}

const seedCommitteeId = () => Number(seed.committeeUrl.match(/\d+$/)[0]);

describe('the calendars', () => {
  test('/calendar.ics?from=all holds every public meeting, with a VTIMEZONE and stable UIDs', async () => {
    const { lines, events, parsed } = await ics('/calendar.ics?from=all');
    const rows = await sql(srv.dbPath, 'SELECT m.id FROM meeting m JOIN organization o ON o.id = m.organization_id WHERE m.published = 1 AND m.deleted = 0 AND o.deleted = 0 ORDER BY m.id');
    assert.ok(rows.length > 10);
    assert.deepEqual(events.map((e) => e.UID).sort(), rows.map((r) => `meeting-${r.id}@127.0.0.1`).sort());
    assert.equal(parsed.events.length, rows.length, 'python3-icalendar reads every event');
    assert.deepEqual(parsed.timezones, ['Europe/London']);
    assert.ok(lines.includes('VERSION:2.0') && lines.some((l) => l.startsWith('PRODID:')));
    for (const e of parsed.events) {
      assert.equal(e.DTSTART_TZID, 'Europe/London', e.UID);
      assert.equal(e.DTEND_TZID, 'Europe/London', e.UID);
      assert.ok(e.DTEND > e.DTSTART, `${e.UID}: ends after it starts`);
      assert.match(e.DTSTAMP, /\+00:00$/, `${e.UID}: DTSTAMP in UTC`);
      assert.equal(typeof e.SEQUENCE, 'number');
      assert.match(e.URL, /^http:\/\/127\.0\.0\.1:\d+\/meetings\/\d+$/);
      assert.ok(['CONFIRMED', 'CANCELLED'].includes(e.STATUS), `${e.UID}: ${e.STATUS}`);
      assert.ok(e.DESCRIPTION.includes(e.URL), `${e.UID}: the description points to the meeting`);
    }
  });

  test('the seed meeting: local time with the right offset, end, place and link', async () => {
    const id = Number(seed.meetingUrl.match(/\d+$/)[0]);
    const { events, parsed } = await ics(`/meetings/${id}.ics`);
    assert.equal(events.length, 1);
    const [e] = parsed.events;
    assert.equal(e.UID, `meeting-${id}@127.0.0.1`);
    assert.equal(e.DTSTART, '2019-02-04T11:00:00+00:00'); // GMT in February
    assert.equal(e.DTEND, '2019-02-04T13:30:00+00:00');
    assert.equal(e.SUMMARY, 'West Mercia Police and Crime Panel');
    assert.equal(e.LOCATION, 'Council Chamber, County Hall, Spetchley Road, Worcester WR5 2NP');
    assert.equal(events[0].LOCATION, 'Council Chamber\\, County Hall\\, Spetchley Road\\, Worcester WR5 2NP', 'commas escaped');
    assert.equal(e.URL, `${srv.base}${seed.meetingUrl}`);
    assert.equal(e.STATUS, 'CONFIRMED');
  });

  test('a summer meeting is in British Summer Time', async () => {
    const [row] = await sql(srv.dbPath, "SELECT id, start_at FROM meeting WHERE published = 1 AND deleted = 0 AND substr(start_at, 6, 2) = '07' LIMIT 1");
    const { parsed } = await ics(`/meetings/${row.id}.ics`);
    assert.equal(parsed.events[0].DTSTART, `${row.start_at.replace(' ', 'T')}:00+01:00`);
  });

  test('by default a calendar holds the last twelve months and everything ahead; ?from= moves the start', async () => {
    const uids = (rows) => rows.map((r) => `meeting-${r.id}@127.0.0.1`).sort();
    const pub = 'SELECT m.id FROM meeting m JOIN organization o ON o.id = m.organization_id WHERE m.published = 1 AND m.deleted = 0 AND o.deleted = 0';
    const recent = await sql(srv.dbPath, `${pub} AND m.start_at >= date('now', '-12 months')`);
    const all = await sql(srv.dbPath, pub);
    assert.ok(recent.length >= 2 && recent.length < all.length, 'the demo has meetings on both sides of the window');
    assert.deepEqual((await ics('/calendar.ics')).events.map((e) => e.UID).sort(), uids(recent));
    const since2019 = await sql(srv.dbPath, `${pub} AND m.start_at >= '2019-02-04'`);
    assert.deepEqual((await ics('/calendar.ics?from=2019-02-04')).events.map((e) => e.UID).sort(), uids(since2019));
    for (const bad of ['2019-13-01', 'yesterday', '2019-2-4', '2019-02-30', 'al']) {
      const r = await get(srv.base, `/calendar.ics?from=${bad}`);
      assert.equal(r.status, 400, bad);
      assert.match(r.text, /from/, bad);
    }
  });

  test("/committees/{id}.ics?from=all holds that committee's meetings only", async () => {
    const org = seedCommitteeId();
    const { events } = await ics(`/committees/${org}.ics?from=all`);
    const rows = await sql(srv.dbPath, `SELECT id FROM meeting WHERE organization_id = ${org} AND published = 1 AND deleted = 0`);
    assert.ok(rows.length >= 2);
    assert.deepEqual(events.map((e) => e.UID).sort(), rows.map((r) => `meeting-${r.id}@127.0.0.1`).sort());
  });

  test('unknown or malformed ids are 404', async () => {
    for (const p of ['/meetings/999999.ics', '/committees/999999.ics', '/meetings/0.ics', '/meetings/abc.ics', '/meetings/.ics', '/calendar.ics/x']) {
      const r = await get(srv.base, p);
      assert.equal(r.status, 404, p);
    }
  });

  test('the calendar, committee and meeting pages link to their calendars', async () => {
    const id = Number(seed.meetingUrl.match(/\d+$/)[0]);
    const org = seedCommitteeId();
    const pages = [['/meetings', '/calendar.ics'], [seed.committeeUrl, `/committees/${org}.ics`], [seed.meetingUrl, `/meetings/${id}.ics`], [seed.meetingUrl, `/committees/${org}.ics`]];
    for (const [page, href] of pages) {
      const r = await get(srv.base, page);
      const a = anchors(r.text).find((x) => x.href === href);
      assert.ok(a, `${page} links to ${href}`);
      assert.match(a.text, /\(iCal\)/, `${page}: ${a.text}`);
      assert.equal((await getBytes(srv.base, href)).status, 200, href);
    }
    const home = await get(srv.base, '/');
    assert.match(home.text, /<link rel="alternate" type="text\/calendar" title="[^"]+" href="\/calendar\.ics">/);
  });
});

describe('escaping, folding and changes', () => {
  // , ; \ and a line break, in a name long enough to fold, with multi-byte
  // characters placed so that some fold falls inside one unless avoided.
  const NAME = 'Special meeting, budget; scrutiny \\ review\nSecond line: Ærøskøbing–Łódź–Ñandú ' + 'é€😀'.repeat(12) + ' end';
  let meetingId, venueId;
  const VENUE = { name: 'Hall A; Annex, Back \\ Room', room: '', street_address: '1 High Street', locality: 'Worcester', postcode: 'WR1 1AA', description: '' };

  test('a name and venue with , ; \\ and a line break are escaped, and fold back to the original', async () => {
    const v = await post(srv.base, '/admin/locations/new', { csrf: admin.csrf, ...VENUE }, { cookie: admin.cookie });
    assert.equal(v.status, 303, v.text.slice(0, 300));
    venueId = Number(v.headers.get('location').match(/(\d+)$/)[1]);
    meetingId = await createMeeting({ organization_id: seedCommitteeId(), location_id: venueId, date: '2031-03-04', start: '10:00', name: NAME });
    const { bytes, events, parsed } = await ics(`/meetings/${meetingId}.ics`);
    const raw = events[0].SUMMARY;
    assert.ok(raw.includes('Special meeting\\, budget\\; scrutiny \\\\ review\\nSecond line'), raw);
    assert.equal(unescapeText(raw), NAME, 'the escaped value reads back as the name');
    assert.equal(parsed.events[0].SUMMARY, NAME, 'python3-icalendar reads the name');
    // The SUMMARY line really was folded, and several times.
    const physical = icalLines(bytes).map((l) => l.toString('utf8'));
    const at = physical.findIndex((l) => l.startsWith('SUMMARY:'));
    assert.ok(physical[at + 1].startsWith(' ') && physical[at + 2].startsWith(' '), 'the long SUMMARY is folded');
    assert.ok(physical.slice(at, at + 4).some((l) => Buffer.byteLength(l) >= 70), 'folds use the width');
    assert.equal(parsed.events[0].LOCATION, 'Hall A; Annex, Back \\ Room, 1 High Street, Worcester WR1 1AA');
    assert.ok(events[0].LOCATION.startsWith('Hall A\\; Annex\\, Back \\\\ Room\\, 1 High Street'), events[0].LOCATION);
  });

  test('with no end time, the meeting lasts the default two hours', async () => {
    const { parsed } = await ics(`/meetings/${meetingId}.ics`);
    assert.equal(parsed.events[0].DTSTART, '2031-03-04T10:00:00+00:00');
    assert.equal(parsed.events[0].DTEND, '2031-03-04T12:00:00+00:00');
  });

  test('an edit keeps the UID and raises SEQUENCE', async () => {
    const before1 = (await ics(`/meetings/${meetingId}.ics`)).parsed.events[0];
    const r = await post(srv.base, `/admin/meetings/${meetingId}`, {
      csrf: admin.csrf, organization_id: seedCommitteeId(), location_id: venueId, date: '2031-03-05', start: '14:30', end: '16:00', name: NAME, webcast: '', listed: '1',
    }, { cookie: admin.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const after1 = (await ics(`/meetings/${meetingId}.ics`)).parsed.events[0];
    assert.equal(after1.UID, before1.UID);
    assert.ok(after1.SEQUENCE > before1.SEQUENCE, `SEQUENCE ${before1.SEQUENCE} -> ${after1.SEQUENCE}`);
    assert.equal(after1.DTSTART, '2031-03-05T14:30:00+00:00');
    assert.equal(after1.DTEND, '2031-03-05T16:00:00+00:00');
    // The site-wide calendar says the same.
    const all = (await ics('/calendar.ics')).parsed.events.find((e) => e.UID === before1.UID);
    assert.equal(all.SEQUENCE, after1.SEQUENCE);
  });

  test('cancelling through the back office makes it STATUS:CANCELLED with a higher SEQUENCE', async () => {
    const before1 = (await ics(`/meetings/${meetingId}.ics`)).parsed.events[0];
    const r = await post(srv.base, `/admin/meetings/${meetingId}/state`, { csrf: admin.csrf, state: 'cancelled', reason: 'No business; the chair agreed, see notes' }, { cookie: admin.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const { parsed } = await ics(`/meetings/${meetingId}.ics`);
    const e = parsed.events[0];
    assert.equal(e.STATUS, 'CANCELLED');
    assert.ok(e.SEQUENCE > before1.SEQUENCE);
    assert.ok(e.SUMMARY.startsWith('Cancelled: '), e.SUMMARY);
    assert.ok(e.DESCRIPTION.includes('This meeting has been cancelled. No business; the chair agreed, see notes'), e.DESCRIPTION);
    const committee = (await ics(`/committees/${seedCommitteeId()}.ics`)).parsed.events.find((x) => x.UID === e.UID);
    assert.equal(committee.STATUS, 'CANCELLED');
  });

  test('a postponed meeting is CANCELLED at its old time, and says it is postponed', async () => {
    const r = await post(srv.base, `/admin/meetings/${meetingId}/state`, { csrf: admin.csrf, state: 'postponed', reason: 'The chamber is unavailable' }, { cookie: admin.cookie });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const e = (await ics(`/meetings/${meetingId}.ics`)).parsed.events[0];
    assert.equal(e.STATUS, 'CANCELLED');
    assert.ok(e.SUMMARY.startsWith('Postponed: '), e.SUMMARY);
    const back = await post(srv.base, `/admin/meetings/${meetingId}/state`, { csrf: admin.csrf, state: 'scheduled', reason: '' }, { cookie: admin.cookie });
    assert.equal(back.status, 303, back.text.slice(0, 300));
    const again = (await ics(`/meetings/${meetingId}.ics`)).parsed.events[0];
    assert.equal(again.STATUS, 'CONFIRMED');
    assert.ok(again.SEQUENCE > e.SEQUENCE, 'rescheduling raises SEQUENCE too, so clients take it back');
  });
});

describe('nothing unpublished or confidential', () => {
  test('no marker word of confidential or draft content appears in any calendar', async () => {
    const urls = ['/calendar.ics'];
    for (const { id } of await sql(srv.dbPath, 'SELECT id FROM organization WHERE deleted = 0')) urls.push(`/committees/${id}.ics`);
    for (const { id } of await sql(srv.dbPath, 'SELECT id FROM meeting WHERE published = 1 AND deleted = 0')) urls.push(`/meetings/${id}.ics`);
    for (const u of urls) {
      const { bytes } = await ics(u);
      assert.doesNotMatch(unfold(bytes).join('\n'), MARKER_RE, u);
    }
  });

  test('an unpublished or deleted meeting is in no calendar', async () => {
    const id = await createMeeting({ organization_id: seedCommitteeId(), location_id: '', date: '2031-06-01', start: '09:00', name: 'Soon to be unlisted' });
    const uid = `meeting-${id}@127.0.0.1`;
    assert.ok((await ics('/calendar.ics')).events.some((e) => e.UID === uid), 'listed while published');
    // The back office has no control for `published` yet: set it as an importer would.
    await sqlWrite(srv.dbPath, `UPDATE meeting SET published = 0 WHERE id = ${id}`);
    assert.ok(!(await ics('/calendar.ics')).events.some((e) => e.UID === uid), 'not in /calendar.ics');
    assert.ok(!(await ics(`/committees/${seedCommitteeId()}.ics`)).events.some((e) => e.UID === uid), 'not in the committee calendar');
    assert.equal((await get(srv.base, `/meetings/${id}.ics`)).status, 404);
    await sqlWrite(srv.dbPath, `UPDATE meeting SET published = 1, deleted = 1 WHERE id = ${id}`);
    assert.ok(!(await ics('/calendar.ics')).events.some((e) => e.UID === uid), 'a deleted meeting is not listed');
    assert.equal((await get(srv.base, `/meetings/${id}.ics`)).status, 404);
  });
});
