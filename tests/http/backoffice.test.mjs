// The back office's authorization matrix (issue 3): every state-changing
// route × {anonymous, clerk without a CSRF token, clerk with a wrong token,
// clerk with another session's token, clerk on an admin-only route} is
// refused (401 or 403) with nothing changed in the database; with a valid
// session and token it works and is audited. Plus: the way in (/login and
// its throttling), GET never changing state, the session cookie, open
// redirects, caching, and an exempt item authored end to end that must
// not leak to any public page.
//
// The state-changing routes are read from the route table (witan routes --json), so a new POST
// route is in the matrix automatically; the test fails until VALID below
// has a valid form body for it.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { crawl, startServer } from '../lib/server.mjs';
import { textOf } from './helpers.mjs';
import {
  addUser,
  adminItemIds,
  adminMeetingIds,
  auditSince,
  discoverPages,
  fetchAs,
  fileField,
  fillPattern,
  makeSnapshot,
  maxAuditId,
  placeholders,
  post,
  readRoutes,
  selectOptions,
  sessionCookieOf,
  sessionSetCookie,
  signIn,
  sql,
  totpCode,
  totpStep,
} from './backoffice-helpers.mjs';

// ---------------------------------------------------------------------------
// The routing table

const ROUTES = readRoutes();
const POST_PATTERNS = [...new Set(ROUTES.filter((r) => r.post).map((r) => r.pattern))];
const GET_PATTERNS = new Set(ROUTES.filter((r) => r.get).map((r) => r.pattern));
const POST_ONLY = POST_PATTERNS.filter((p) => !GET_PATTERNS.has(p));
const BACKOFFICE_GET = [...GET_PATTERNS].filter((p) => /^\/(login|logout|admin)(\/|$)/.test(p));
// The way in: no session to check, no CSRF token to carry. Its own matrix
// (wrong password, throttling, success) is in "POST /login" below.
// The public forms of e-mail alerts need no session either: a request is
// confirmed by e-mail, the others carry their token in the path
// (tests/http/alerts.test.mjs).
// /login/code is the second step of /login (tests/http/accounts.test.mjs).
const SPECIAL = new Set(['/login', '/login/code', '/alerts', '/alerts/manage/{name}', '/alerts/unsubscribe/{name}']);

// ---------------------------------------------------------------------------
// Accounts

const CLERK = { email: 'clerk.backoffice@example.org', name: 'Quillon Backofficeclerk', role: 'clerk', password: 'clerk-password-0123' };
const ADMIN = { email: 'admin.backoffice@example.org', name: 'Admina Backofficeadmin', role: 'admin', password: 'admin-password-4567' };
const VICTIM = { email: 'throttled.backoffice@example.org', name: 'Throttled Clerk', role: 'clerk', password: 'victim-password-8901' };

// A 1×1 PNG: an upload no text extractor has work to do on.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

// ---------------------------------------------------------------------------
// A valid form body for every state-changing route. Each entry gives the
// ids that fill the pattern's placeholders, the form fields (without csrf),
// an optional query string, the Location it redirects to, the audit_log row
// it must write, and a check of the change itself. role: 'admin' marks an
// admin-only route (a clerk with a valid token is then refused too).
// Whoever adds a POST route to the route table (witan routes --json) adds its entry here.

const VALID = {
  '/logout': {
    fresh: true, // it ends its session: it gets a session of its own
    ids: () => [],
    body: () => ({}),
    location: () => '/',
    audit: (c) => ({ action: 'logout', entity: 'user', entity_id: c.clerkId }),
    async verify(c, ids, s) {
      const r = await fetchAs(c.base, '/admin', { cookie: s.cookie });
      assert.equal(r.status, 303, 'the ended session no longer opens the back office');
    },
  },
  '/admin/meetings/new': {
    ids: () => [],
    body: (c) => ({ organization_id: c.orgId, location_id: c.locId, date: '2098-03-04', start: '10:00', end: '12:00', name: 'Matrix-created meeting', webcast: '', listed: '1' }),
    location: () => /^\/admin\/meetings\/(\d+)$/,
    audit: (c, ids, m) => ({ action: 'create', entity: 'meeting', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT name, start_at, end_at, organization_id FROM meeting WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { name: 'Matrix-created meeting', start_at: '2098-03-04 10:00', end_at: '2098-03-04 12:00', organization_id: Number(c.orgId) });
    },
  },
  '/admin/meetings/{id}': {
    ids: (c) => [c.meetingId],
    body: (c) => ({ organization_id: c.orgId, location_id: c.locId, date: '2099-01-15', start: '15:30', end: '', name: 'Matrix fixture, renamed', webcast: '', listed: '1' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'meeting', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT name, start_at FROM meeting WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { name: 'Matrix fixture, renamed', start_at: '2099-01-15 15:30' });
    },
  },
  '/admin/meetings/{id}/state': {
    ids: (c) => [c.meetingId],
    body: () => ({ state: 'postponed', reason: 'The council chamber is unavailable' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}`,
    audit: (c, ids) => ({ action: 'postponed', entity: 'meeting', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT state, state_reason FROM meeting WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { state: 'postponed', state_reason: 'The council chamber is unavailable' });
    },
  },
  '/admin/meetings/{id}/publish': {
    ids: (c) => [c.draftMeetingId], // a meeting whose agenda is a draft
    body: () => ({}),
    location: (c, ids) => `/admin/meetings/${ids[0]}`,
    audit: (c, ids) => ({ action: 'publish agenda', entity: 'meeting', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT agenda_status, agenda_published_at IS NOT NULL AS stamped FROM meeting WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { agenda_status: 'published', stamped: 1 });
    },
  },
  '/admin/meetings/{id}/unpublish': {
    ids: (c) => [c.draftMeetingId], // its agenda was published by the /publish entry, which runs first
    body: () => ({ reason: 'Published by mistake' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}`,
    audit: (c, ids) => ({ action: 'unpublish agenda', entity: 'meeting', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT agenda_status FROM meeting WHERE id = ${ids[0]}`);
      assert.equal(row.agenda_status, 'draft');
    },
  },
  '/admin/meetings/{id}/minutes': {
    ids: (c) => [c.publishedMeetingId], // agenda published, minutes 'none'
    body: () => ({ status: 'published' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}`,
    audit: (c, ids) => ({ action: 'minutes published', entity: 'meeting', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT minutes_status FROM meeting WHERE id = ${ids[0]}`);
      assert.equal(row.minutes_status, 'published');
    },
  },
  '/admin/meetings/{id}/items': {
    ids: (c) => [c.meetingId],
    body: () => ({ title: 'Matrix-added item' }),
    location: (c, ids) => new RegExp(`^/admin/meetings/${ids[0]}/items/(\\d+)$`),
    audit: (c, ids, m) => ({ action: 'create', entity: 'agenda_item', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT meeting_id, title FROM agenda_item WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { meeting_id: ids[0], title: 'Matrix-added item' });
    },
  },
  '/admin/meetings/{id}/items/{id}': {
    ids: (c) => [c.meetingId, c.itemIds[0]],
    body: () => ({ number: '1', title: 'Matrix-edited item', paragraph: '', reason: '', description: 'A description.', minutes: 'Some minutes.', decision: 'A decision.', action: 'save' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'agenda_item', entity_id: ids[1] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT title, description_md, minutes_md, decision_md, exempt FROM agenda_item WHERE id = ${ids[1]}`);
      assert.deepEqual(row, { title: 'Matrix-edited item', description_md: 'A description.', minutes_md: 'Some minutes.', decision_md: 'A decision.', exempt: 0 });
    },
  },
  '/admin/meetings/{id}/documents': {
    ids: (c) => [c.meetingId],
    body: () => ({ file: fileField(PNG, 'Matrix upload.png', 'image/png'), title: 'Matrix upload', role: 'report', item_id: '' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}#documents`,
    audit: async (c) => ({ action: 'upload', entity: 'file', entity_id: (await sql(c.db, 'SELECT max(id) AS id FROM file'))[0].id }),
    async verify(c, ids, s) {
      const [row] = await sql(c.db, 'SELECT f.id, f.title, f.filename, f.mime_type, f.size, l.meeting_id, l.role FROM file f JOIN file_link l ON l.file_id = f.id WHERE f.id = (SELECT max(id) FROM file)');
      assert.deepEqual({ ...row, id: undefined }, { id: undefined, title: 'Matrix upload', filename: 'matrix-upload.png', mime_type: 'image/png', size: PNG.length, meeting_id: ids[0], role: 'report' });
      const r = await fetch(new URL(`/admin/documents/${row.id}/${row.filename}`, c.base), { headers: { cookie: `witan_session=${s.cookie}` }, redirect: 'manual' });
      assert.equal(r.status, 200);
      assert.deepEqual(Buffer.from(await r.arrayBuffer()), PNG, 'the bytes are in the store');
    },
  },
  '/admin/meetings/{id}/items/{id}/move': {
    ids: (c) => [c.meetingId, c.itemIds[1]], // the second item, moved up
    query: 'd=up',
    body: () => ({}),
    location: (c, ids) => `/admin/meetings/${ids[0]}`,
    audit: (c, ids) => ({ action: 'move up', entity: 'agenda_item', entity_id: ids[1] }),
    async verify(c, ids) {
      const rows = await sql(c.db, `SELECT id FROM agenda_item WHERE meeting_id = ${ids[0]} AND deleted = 0 ORDER BY position, id`);
      assert.deepEqual(rows.slice(0, 2).map((r) => r.id), [c.itemIds[1], c.itemIds[0]], 'the two items swapped places');
    },
  },
  '/admin/meetings/{id}/items/{id}/votes': {
    ids: (c) => [c.meetingId, c.itemIds[0]],
    body: () => ({ motion: 'That the report be noted', result: 'carried', for: '7', against: '1', abstentions: '2' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}/items/${ids[1]}#votes`,
    audit: async (c) => ({ action: 'create', entity: 'vote', entity_id: (await sql(c.db, 'SELECT max(id) AS id FROM vote'))[0].id }),
    async verify(c, ids) {
      const [row] = await sql(c.db, 'SELECT agenda_item_id, motion, result, votes_for, votes_against, abstentions FROM vote WHERE id = (SELECT max(id) FROM vote)');
      assert.deepEqual(row, { agenda_item_id: ids[1], motion: 'That the report be noted', result: 'carried', votes_for: 7, votes_against: 1, abstentions: 2 });
    },
  },
  '/admin/meetings/{id}/items/{id}/votes/{id}/record': {
    // the vote the /votes entry (which runs first) recorded on the first item
    ids: async (c) => [c.meetingId, c.itemIds[0], (await sql(c.db, `SELECT max(id) AS id FROM vote WHERE agenda_item_id = ${c.itemIds[0]}`))[0].id],
    body: () => ({ person: ['1', '2'], pos_1: 'for', pos_2: 'against' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}/items/${ids[1]}#votes`,
    audit: (c, ids) => ({ action: 'record vote', entity: 'vote', entity_id: ids[2] }),
    async verify(c, ids) {
      const rows = await sql(c.db, `SELECT person_id, position FROM vote_record WHERE vote_id = ${ids[2]} ORDER BY person_id`);
      assert.deepEqual(rows, [{ person_id: 1, position: 'for' }, { person_id: 2, position: 'against' }]);
      const [v] = await sql(c.db, `SELECT recorded, votes_for, votes_against, abstentions FROM vote WHERE id = ${ids[2]}`);
      assert.deepEqual(v, { recorded: 1, votes_for: 1, votes_against: 1, abstentions: 0 });
    },
  },
  '/admin/meetings/{id}/attendance': {
    ids: (c) => [c.meetingId],
    body: () => ({ add_person: '1', add_status: 'in_attendance', add_note: 'Chief Constable' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}#attendance`,
    audit: (c, ids) => ({ action: 'attendance', entity: 'meeting', entity_id: ids[0] }),
    async verify(c, ids) {
      const rows = await sql(c.db, `SELECT person_id, status, note FROM attendance WHERE meeting_id = ${ids[0]}`);
      assert.deepEqual(rows, [{ person_id: 1, status: 'in_attendance', note: 'Chief Constable' }]);
    },
  },
  '/admin/meetings/{id}/declarations': {
    ids: (c) => [c.meetingId],
    body: () => ({ person: '1', item: '', kind: 'other_registrable', description: 'A member of the matrix club' }),
    location: (c, ids) => `/admin/meetings/${ids[0]}#declarations`,
    audit: async (c) => ({ action: 'create', entity: 'declaration', entity_id: (await sql(c.db, 'SELECT max(id) AS id FROM declaration'))[0].id }),
    async verify(c, ids) {
      const [row] = await sql(c.db, 'SELECT meeting_id, person_id, kind, description FROM declaration WHERE id = (SELECT max(id) FROM declaration)');
      assert.deepEqual(row, { meeting_id: ids[0], person_id: 1, kind: 'other_registrable', description: 'A member of the matrix club' });
    },
  },
  // The directory (src/admin/directory.c): committees, memberships, people, venues.
  '/admin/committees/new': {
    ids: () => [],
    body: () => ({ name: 'Matrix-created committee', short_name: '', kind: 'sub_committee', purpose: 'Looks at *matrices*.', parent_id: '', start_date: '2025-05-01', end_date: '' }),
    location: () => /^\/admin\/committees\/(\d+)$/,
    audit: (c, ids, m) => ({ action: 'create', entity: 'organization', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT name, kind, purpose_md, purpose_html, start_date FROM organization WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { name: 'Matrix-created committee', kind: 'sub_committee', purpose_md: 'Looks at *matrices*.', purpose_html: '<p>Looks at <em>matrices</em>.</p>\n', start_date: '2025-05-01' });
    },
  },
  '/admin/committees/{id}': {
    ids: async (c) => [(await directoryFixture(c)).orgId],
    body: () => ({ name: 'Matrix directory committee, renamed', short_name: 'Matrix', kind: 'panel', purpose: '', parent_id: '', start_date: '', end_date: '' }),
    location: (c, ids) => `/admin/committees/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'organization', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT name, short_name, kind FROM organization WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { name: 'Matrix directory committee, renamed', short_name: 'Matrix', kind: 'panel' });
    },
  },
  '/admin/committees/{id}/members': {
    ids: async (c) => [(await directoryFixture(c)).orgId],
    body: (c) => ({ person_id: c.directory.otherPersonId, role: 'vice_chair', voting: '0', start: '2025-06-01' }),
    location: (c, ids) => `/admin/committees/${ids[0]}#members`,
    audit: async (c) => ({ action: 'create', entity: 'membership', entity_id: (await sql(c.db, 'SELECT max(id) AS id FROM membership'))[0].id }),
    async verify(c, ids) {
      const [row] = await sql(c.db, 'SELECT person_id, organization_id, role, voting, start_date, end_date FROM membership WHERE id = (SELECT max(id) FROM membership)');
      assert.deepEqual(row, { person_id: c.directory.otherPersonId, organization_id: ids[0], role: 'vice_chair', voting: 0, start_date: '2025-06-01', end_date: null });
    },
  },
  '/admin/committees/{id}/members/{id}/end': {
    ids: async (c) => [(await directoryFixture(c)).orgId, c.directory.membershipId],
    body: () => ({ end: '2025-12-31' }),
    location: (c, ids) => `/admin/committees/${ids[0]}#members`,
    audit: (c, ids) => ({ action: 'end', entity: 'membership', entity_id: ids[1] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT end_date FROM membership WHERE id = ${ids[1]}`);
      assert.equal(row.end_date, '2025-12-31');
    },
  },
  '/admin/people/new': {
    ids: () => [],
    body: () => ({ honorific: 'Councillor', given_name: 'Matrixa', family_name: 'Created', name: '', party: 'Independent', area: 'Matrix Ward', nominated_by: '', email: 'matrixa@example.org', phone: '', bio: 'Elected in *2025*.' }),
    location: () => /^\/admin\/people\/(\d+)$/,
    audit: (c, ids, m) => ({ action: 'create', entity: 'person', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT name, party, area, email, bio_html FROM person WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { name: 'Councillor Matrixa Created', party: 'Independent', area: 'Matrix Ward', email: 'matrixa@example.org', bio_html: '<p>Elected in <em>2025</em>.</p>\n' });
    },
  },
  '/admin/people/{id}': {
    ids: async (c) => [(await directoryFixture(c)).personId],
    body: () => ({ honorific: 'Dr', given_name: 'Matrix', family_name: 'Person', name: 'Dr Matrix Person, renamed', party: '', area: '', nominated_by: 'Matrix District Council', email: '', phone: '01234 567890', bio: '' }),
    location: (c, ids) => `/admin/people/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'person', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT name, honorific, nominated_by, phone, bio_md FROM person WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { name: 'Dr Matrix Person, renamed', honorific: 'Dr', nominated_by: 'Matrix District Council', phone: '01234 567890', bio_md: null });
    },
  },
  '/admin/locations/new': {
    ids: () => [],
    body: () => ({ name: 'Matrix Room, Matrix House', room: 'Matrix Room', street_address: '1 Matrix Street', locality: 'Worcester', postcode: 'WR1 1AA', description: 'Step-free access.' }),
    location: () => /^\/admin\/locations\/(\d+)$/,
    audit: (c, ids, m) => ({ action: 'create', entity: 'location', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT name, room, street_address, locality, postcode, description FROM location WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { name: 'Matrix Room, Matrix House', room: 'Matrix Room', street_address: '1 Matrix Street', locality: 'Worcester', postcode: 'WR1 1AA', description: 'Step-free access.' });
    },
  },
  '/admin/locations/{id}': {
    ids: async (c) => [(await directoryFixture(c)).venueId],
    body: () => ({ name: 'Matrix venue, renamed', room: '', street_address: '', locality: 'Malvern', postcode: '', description: '' }),
    location: (c, ids) => `/admin/locations/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'location', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT name, room, locality FROM location WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { name: 'Matrix venue, renamed', room: null, locality: 'Malvern' });
    },
  },
  // Statutory records (src/admin/decisions.c, plan.c, interests.c).
  '/admin/decisions/new': {
    ids: () => [],
    body: () => ({ title: 'Matrix decision', decision: 'Agreed *the matrix*.', status: 'made', decided_on: '2025-06-01', kind: 'committee' }),
    location: () => /^\/admin\/decisions\/(\d+)$/,
    audit: (c, ids, m) => ({ action: 'create', entity: 'decision', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT title, decision_html, published FROM decision WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { title: 'Matrix decision', decision_html: '<p>Agreed <em>the matrix</em>.</p>\n', published: 0 });
    },
  },
  '/admin/decisions/{id}': {
    ids: async (c) => [(await directoryFixture(c)).decisionId],
    body: () => ({ title: 'Matrix decision, amended', decision: 'Agreed.', status: 'implemented', decided_on: '2025-06-01', published: '1' }),
    location: (c, ids) => `/admin/decisions/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'decision', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT title, status, published FROM decision WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { title: 'Matrix decision, amended', status: 'implemented', published: 1 });
    },
  },
  '/admin/forward-plan/new': {
    ids: () => [],
    body: () => ({ title: 'Matrix key decision', first_published: '2098-01-01', decision_due: '2098-03-01', restriction: 'open', urgency: 'none', status: 'planned', published: '1' }),
    location: () => /^\/admin\/forward-plan\/(\d+)$/,
    audit: (c, ids, m) => ({ action: 'create', entity: 'plan_entry', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT title, decision_due, exempt_paragraph FROM plan_entry WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { title: 'Matrix key decision', decision_due: '2098-03-01', exempt_paragraph: null });
    },
  },
  '/admin/forward-plan/{id}': {
    ids: async (c) => [(await directoryFixture(c)).planId],
    body: () => ({ title: 'Matrix key decision, private', first_published: '2098-01-01', decision_due: '2098-03-01', restriction: 'exempt', exempt_paragraph: '3', urgency: 'none', status: 'deferred' }),
    location: (c, ids) => `/admin/forward-plan/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'plan_entry', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT restriction, exempt_paragraph, status, published FROM plan_entry WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { restriction: 'exempt', exempt_paragraph: 3, status: 'deferred', published: 0 });
    },
  },
  '/admin/people/{id}/interests': {
    ids: async (c) => [(await directoryFixture(c)).personId],
    body: () => ({ category: 'gifts', holder: 'member', description: 'Matrix hospitality', registered_on: '2025-06-01' }),
    location: (c, ids) => `/admin/people/${ids[0]}#interests`,
    async audit(c, ids) {
      const [r] = await sql(c.db, `SELECT id FROM interest WHERE person_id = ${ids[0]} AND description = 'Matrix hospitality'`);
      return { action: 'create', entity: 'interest', entity_id: r?.id };
    },
    async verify(c, ids) {
      const rows = await sql(c.db, `SELECT category FROM interest WHERE person_id = ${ids[0]} AND description = 'Matrix hospitality'`);
      assert.deepEqual(rows, [{ category: 'gifts' }]);
    },
  },
  '/admin/people/{id}/interests/{id}': {
    ids: async (c) => [(await directoryFixture(c)).personId, c.directory.interestId],
    body: () => ({ category: 'land', holder: 'partner', description: 'Matrix field', sensitive: '1', registered_on: '2025-06-01' }),
    location: (c, ids) => `/admin/people/${ids[0]}#interests`,
    audit: (c, ids) => ({ action: 'update', entity: 'interest', entity_id: ids[1] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT category, holder, sensitive FROM interest WHERE id = ${ids[1]}`);
      assert.deepEqual(row, { category: 'land', holder: 'partner', sensitive: 1 });
    },
  },
  '/admin/people/{id}/interests/{id}/end': {
    ids: async (c) => [(await directoryFixture(c)).personId, c.directory.interestId],
    body: () => ({ ended_on: '2025-12-31' }),
    location: (c, ids) => `/admin/people/${ids[0]}#interests`,
    audit: (c, ids) => ({ action: 'update', entity: 'interest', entity_id: ids[1] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT ended_on FROM interest WHERE id = ${ids[1]}`);
      assert.equal(row.ended_on, '2025-12-31');
    },
  },
  // Accounts and settings (src/admin/users.c): admins only.
  '/admin/users/new': {
    role: 'admin',
    ids: () => [],
    body: () => ({ email: 'matrix.created@example.org', name: 'Matrix Created', role: 'clerk', password: 'matrix-created-password', password_confirm: 'matrix-created-password' }),
    location: () => /^\/admin\/users\/(\d+)$/,
    audit: (c, ids, m) => ({ action: 'create', entity: 'user', entity_id: Number(m[1]) }),
    async verify(c, ids, s, m) {
      const [row] = await sql(c.db, `SELECT email, name, role, disabled FROM user WHERE id = ${Number(m[1])}`);
      assert.deepEqual(row, { email: 'matrix.created@example.org', name: 'Matrix Created', role: 'clerk', disabled: 0 });
      await signIn(c.base, 'matrix.created@example.org', 'matrix-created-password');
    },
  },
  '/admin/users/{id}': {
    role: 'admin',
    ids: async (c) => [await accountFixture(c)],
    body: () => ({ name: 'Matrix account, renamed', role: 'admin', disabled: '1', password: 'matrix-account-new-password', password_confirm: 'matrix-account-new-password' }),
    location: (c, ids) => `/admin/users/${ids[0]}`,
    audit: (c, ids) => ({ action: 'update', entity: 'user', entity_id: ids[0] }),
    async verify(c, ids) {
      const [row] = await sql(c.db, `SELECT name, role, disabled, (SELECT count(*) FROM session WHERE user_id = ${ids[0]}) AS sessions FROM user WHERE id = ${ids[0]}`);
      assert.deepEqual(row, { name: 'Matrix account, renamed', role: 'admin', disabled: 1, sessions: 0 });
      assert.equal((await fetchAs(c.base, '/admin', { cookie: c.account.cookie })).status, 303, 'the disabled account is signed out');
    },
  },
  '/admin/settings': {
    role: 'admin',
    ids: () => [],
    body: () => ({ name: 'Matrix Borough Council', short_name: 'Matrix', colour_primary: '#0b3d91', colour_accent: '#ffbf47', email: 'democracy@matrix.example.org', phone: '', address: '', website: '', region: 'england', clear_days: '5' }),
    location: () => '/admin/settings',
    audit: async (c) => ({ action: 'update', entity: 'body', entity_id: (await sql(c.db, 'SELECT min(id) AS id FROM body WHERE deleted = 0'))[0].id }),
    async verify(c) {
      const [row] = await sql(c.db, 'SELECT name, short_name, colour_primary, colour_accent, email, phone, region, notice_clear_days FROM body WHERE deleted = 0 ORDER BY id LIMIT 1');
      assert.deepEqual(row, { name: 'Matrix Borough Council', short_name: 'Matrix', colour_primary: '#0b3d91', colour_accent: '#ffbf47', email: 'democracy@matrix.example.org', phone: null, region: 'england', notice_clear_days: 5 });
      assert.match((await fetchAs(c.base, '/')).text, /<span class="brand-name">Matrix Borough Council<\/span>/);
    },
  },
  // My account (src/admin/account.c): anyone signed in, on their own account.
  // The clerk's password and address are put back afterwards: later tests sign in with them.
  '/admin/account/password': {
    ids: () => [],
    body: () => ({ current_password: CLERK.password, password: 'clerk-matrix-password-9', password_confirm: 'clerk-matrix-password-9' }),
    location: () => '/admin/account',
    audit: (c) => ({ action: 'change password', entity: 'user', entity_id: c.clerkId }),
    async verify(c, ids, s) {
      assert.equal((await fetchAs(c.base, '/admin', { cookie: s.cookie })).status, 200, 'the session that changed it stays signed in');
      const [row] = await sql(c.db, `SELECT count(*) AS n FROM session WHERE user_id = ${c.clerkId}`);
      assert.equal(row.n, 1, "the account's other sessions ended");
      await signIn(c.base, CLERK.email, 'clerk-matrix-password-9');
      await submit(s, '/admin/account/password', { current_password: 'clerk-matrix-password-9', password: CLERK.password, password_confirm: CLERK.password });
    },
  },
  '/admin/account/email': {
    ids: () => [],
    body: () => ({ email: 'clerk.renamed@example.org', current_password: CLERK.password }),
    location: () => '/admin/account',
    audit: (c) => ({ action: 'change e-mail', entity: 'user', entity_id: c.clerkId }),
    async verify(c, ids, s) {
      const [row] = await sql(c.db, `SELECT email FROM user WHERE id = ${c.clerkId}`);
      assert.equal(row.email, 'clerk.renamed@example.org');
      await submit(s, '/admin/account/email', { email: CLERK.email, current_password: CLERK.password });
    },
  },
  '/admin/account/sessions/{id}/revoke': {
    // another session of the clerk's, made for it
    ids: async (c) => {
      c.revoked = await signIn(c.base, CLERK.email, CLERK.password);
      const [row] = await sql(c.db, `SELECT max(id) AS id FROM session WHERE user_id = ${c.clerkId}`);
      return [row.id];
    },
    body: () => ({}),
    location: () => '/admin/account#sessions',
    audit: (c, ids) => ({ action: 'revoke', entity: 'session', entity_id: ids[0] }),
    async verify(c, ids) {
      assert.deepEqual(await sql(c.db, `SELECT id FROM session WHERE id = ${ids[0]}`), []);
      assert.equal((await fetchAs(c.base, '/admin', { cookie: c.revoked.cookie })).status, 303, 'the ended session no longer opens the back office');
    },
  },
  // The second factor (src/admin/account.c): admins only. Set up, confirmed and turned off in turn.
  '/admin/account/totp/start': {
    role: 'admin',
    ids: () => [],
    body: () => ({}),
    location: () => '/admin/account#two-factor',
    audit: (c) => ({ action: 'two-factor start', entity: 'user', entity_id: c.adminId }),
    async verify(c) {
      const [row] = await sql(c.db, `SELECT totp_pending, totp_secret FROM user WHERE id = ${c.adminId}`);
      assert.match(row.totp_pending ?? '', /^[A-Z2-7]{32}$/, 'a 160-bit secret waits, in base32');
      assert.equal(row.totp_secret, null, 'not yet on');
      const page = await fetchAs(c.base, '/admin/account', { cookie: c.admin.cookie });
      assert.ok(page.text.includes(`secret=${row.totp_pending}`), 'the page shows it as an otpauth:// address');
    },
  },
  '/admin/account/totp/confirm': {
    role: 'admin',
    ids: async (c) => {
      [{ totp_pending: c.totpSecret }] = await sql(c.db, `SELECT totp_pending FROM user WHERE id = ${c.adminId}`);
      return [];
    },
    body: (c) => ({ code: totpCode(c.totpSecret) }),
    location: () => '/admin/account#two-factor',
    audit: (c) => ({ action: 'two-factor on', entity: 'user', entity_id: c.adminId }),
    async verify(c) {
      const [row] = await sql(c.db, `SELECT totp_pending, totp_secret, totp_last_step FROM user WHERE id = ${c.adminId}`);
      assert.deepEqual({ ...row, totp_last_step: row.totp_last_step >= totpStep() - 1 }, { totp_pending: null, totp_secret: c.totpSecret, totp_last_step: true });
    },
  },
  '/admin/account/totp/disable': {
    role: 'admin',
    ids: () => [],
    // the next step's code: the current one was used to confirm
    body: (c) => ({ current_password: ADMIN.password, code: totpCode(c.totpSecret, totpStep() + 1) }),
    location: () => '/admin/account#two-factor',
    audit: (c) => ({ action: 'two-factor off', entity: 'user', entity_id: c.adminId }),
    async verify(c) {
      const [row] = await sql(c.db, `SELECT totp_pending, totp_secret, totp_last_step FROM user WHERE id = ${c.adminId}`);
      assert.deepEqual(row, { totp_pending: null, totp_secret: null, totp_last_step: null });
      await signIn(c.base, ADMIN.email, ADMIN.password);
    },
  },
  // E-mail alerts (src/admin/alerts.c): admins only, as addresses are personal data.
  '/admin/alerts/test': {
    role: 'admin',
    ids: () => [],
    body: () => ({ email: 'matrix.test@example.org' }),
    location: () => '/admin/alerts',
    audit: async (c) => ({ action: 'test message', entity: 'alert_message', entity_id: (await sql(c.db, "SELECT max(id) AS id FROM alert_message WHERE kind = 'test'"))[0].id }),
    async verify(c) {
      const rows = await sql(c.db, "SELECT recipient, state FROM alert_message WHERE kind = 'test'");
      assert.deepEqual(rows, [{ recipient: 'matrix.test@example.org', state: 'queued' }], 'the test message waits in the outbox (no --smtp)');
    },
  },
  '/admin/alerts/export': {
    role: 'admin',
    status: 200,
    ids: async (c) => {
      await alertSubscriber(c, 'matrix.export@example.org');
      return [];
    },
    body: () => ({ email: 'matrix.export@example.org' }),
    audit: async (c) => ({ action: 'export', entity: 'alert_subscriber', entity_id: (await sql(c.db, "SELECT id FROM alert_subscriber WHERE email = 'matrix.export@example.org'"))[0].id }),
    async verify(c, ids, s, m, r) {
      const data = JSON.parse(r.text);
      assert.equal(data.email, 'matrix.export@example.org');
      assert.deepEqual(data.subscriptions.map((x) => [x.follows, x.what]), [['decisions', 'All decisions']]);
      assert.match(r.headers.get('content-disposition') ?? '', /attachment/);
    },
  },
  '/admin/alerts/erase': {
    role: 'admin',
    ids: async (c) => {
      await alertSubscriber(c, 'matrix.erase@example.org');
      return [];
    },
    body: () => ({ email: 'matrix.erase@example.org' }),
    location: () => '/admin/alerts',
    audit: (c) => ({ action: 'erase', entity: 'alert_subscriber', entity_id: c.erasedSubscriber }),
    async verify(c) {
      assert.deepEqual(await sql(c.db, "SELECT id FROM alert_subscriber WHERE email = 'matrix.erase@example.org'"), [], 'the address is gone');
      assert.deepEqual(await sql(c.db, `SELECT id FROM alert_subscription WHERE subscriber_id = ${c.erasedSubscriber}`), [], 'with its subscriptions');
    },
  },
};

/** An alert subscriber made through the public form (waiting for its confirmation); its id. */
async function alertSubscriber(c, email) {
  const r = await post(c.base, '/alerts', { follow: 'decisions', email, frequency: 'daily' });
  assert.equal(r.status, 200, `POST /alerts for ${email}: ${textOf(r.text).slice(0, 200)}`);
  const [row] = await sql(c.db, `SELECT id FROM alert_subscriber WHERE email = '${email}'`);
  if (email === 'matrix.erase@example.org') c.erasedSubscriber = row.id;
  return row.id;
}

/**
 * The account /admin/users/{id} works on: made through the route by the
 * admin, and signed in (c.account) so that disabling it must end that
 * session. Returns its id.
 */
async function accountFixture(c) {
  if (c.accountId) return c.accountId;
  const loc = await submit(c.admin, '/admin/users/new', { email: 'matrix.account@example.org', name: 'Matrix Account', role: 'clerk', password: 'matrix-account-password', password_confirm: 'matrix-account-password' });
  const m = loc.match(/^\/admin\/users\/(\d+)$/);
  assert.ok(m, `creating an account redirected to ${loc}`);
  c.account = await signIn(c.base, 'matrix.account@example.org', 'matrix-account-password');
  c.accountId = Number(m[1]);
  return c.accountId;
}

/**
 * The directory rows the matrix works on, made once through the routes by
 * the admin: a committee with one member (whose membership /end ends),
 * another person who is not a member (for /members), and a venue. Ids are
 * read from the redirects. Sets and returns c.directory.
 */
async function directoryFixture(c) {
  if (c.directory) return c.directory;
  const id = (loc, re) => {
    const m = loc.match(re);
    assert.ok(m, `redirected to ${loc}`);
    return Number(m[1]);
  };
  const d = {};
  d.orgId = id(await submit(c.admin, '/admin/committees/new', { name: 'Matrix directory committee', short_name: '', kind: 'committee', purpose: '', parent_id: '', start_date: '', end_date: '' }), /^\/admin\/committees\/(\d+)$/);
  const person = (given) => ({ honorific: 'Councillor', given_name: given, family_name: 'Directory', name: '', party: '', area: '', nominated_by: '', email: '', phone: '', bio: '' });
  d.personId = id(await submit(c.admin, '/admin/people/new', person('Matrix')), /^\/admin\/people\/(\d+)$/);
  d.otherPersonId = id(await submit(c.admin, '/admin/people/new', person('Other')), /^\/admin\/people\/(\d+)$/);
  await submit(c.admin, `/admin/committees/${d.orgId}/members`, { person_id: d.personId, role: 'member', voting: '1', start: '2025-05-22' });
  const page = await fetchAs(c.base, `/admin/committees/${d.orgId}`, { cookie: c.clerk.cookie });
  const ends = [...page.text.matchAll(new RegExp(`action="/admin/committees/${d.orgId}/members/(\\d+)/end"`, 'g'))].map((m) => Number(m[1]));
  assert.equal(ends.length, 1, "the committee's page has an end form for its one member");
  d.membershipId = ends[0];
  d.venueId = id(await submit(c.admin, '/admin/locations/new', { name: 'Matrix directory venue', room: '', street_address: '', locality: '', postcode: '', description: '' }), /^\/admin\/locations\/(\d+)$/);
  d.decisionId = id(await submit(c.admin, '/admin/decisions/new', { title: 'Matrix fixture decision', decision: 'Noted.', status: 'proposed' }), /^\/admin\/decisions\/(\d+)$/);
  d.planId = id(await submit(c.admin, '/admin/forward-plan/new', { title: 'Matrix fixture plan entry', first_published: '2098-01-01', decision_due: '2098-02-15', restriction: 'open', urgency: 'none', status: 'planned', published: '1' }), /^\/admin\/forward-plan\/(\d+)$/);
  await submit(c.admin, `/admin/people/${d.personId}/interests`, { category: 'employment', holder: 'member', description: 'Matrix fixture employment', registered_on: '2025-05-22' });
  [{ id: d.interestId }] = await sql(c.db, `SELECT id FROM interest WHERE person_id = ${d.personId} AND description = 'Matrix fixture employment'`);
  c.directory = d;
  return d;
}

// ---------------------------------------------------------------------------
// The refusals every state-changing route is put through

/** A token as long as a real one that is not the session's (its last character changed). */
const tamper = (tok) => tok.slice(0, -1) + (tok.endsWith('A') ? 'B' : 'A');

const CASES = [
  // A valid token is sent, so only the missing session can cause the refusal.
  { name: 'anonymous (no cookie, a valid token)', cookie: () => null, csrf: (c) => c.clerk.csrf, status: 401 },
  { name: 'clerk, no csrf field', cookie: (c) => c.clerk.cookie, csrf: () => undefined, status: 403 },
  { name: 'clerk, a wrong csrf token', cookie: (c) => c.clerk.cookie, csrf: (c) => tamper(c.clerk.csrf), status: 403 },
  { name: "clerk, the admin's session's csrf token", cookie: (c) => c.clerk.cookie, csrf: (c) => c.admin.csrf, status: 403 },
  { name: "clerk, the token of the same user's other session", cookie: (c) => c.clerk.cookie, csrf: (c) => c.clerk2.csrf, status: 403 },
];
const ADMIN_ONLY_CASE = { name: 'clerk with a valid token on an admin-only route', cookie: (c) => c.clerk.cookie, csrf: (c) => c.clerk.csrf, status: 403 };

// ---------------------------------------------------------------------------
// The server, the accounts, and the meetings the matrix works on

const c = {}; // the context every check reads
let srv;
let snapshot;
let checked = 0; // requests of the matrix checked

/** POSTs a form as a session (its csrf added), expecting 303; returns the Location. */
async function submit(session, urlPath, fields) {
  const r = await post(c.base, urlPath, { csrf: session.csrf, ...fields }, { cookie: session.cookie });
  assert.equal(r.status, 303, `POST ${urlPath} answered ${r.status}: ${textOf(r.text).slice(0, 300)}`);
  return r.headers.get('location');
}

/** Creates a meeting through POST /admin/meetings/new; returns its id. */
async function createMeeting(session, date, start, name) {
  const loc = await submit(session, '/admin/meetings/new', { organization_id: c.orgId, location_id: c.locId, date, start, end: '', name, webcast: '', listed: '1' });
  const m = loc.match(/^\/admin\/meetings\/(\d+)$/);
  assert.ok(m, `creating a meeting redirected to ${loc}`);
  return Number(m[1]);
}

/** Adds an item through POST /admin/meetings/{id}/items; returns its id. */
async function addItem(session, meetingId, title) {
  const loc = await submit(session, `/admin/meetings/${meetingId}/items`, { title });
  const m = loc.match(new RegExp(`^/admin/meetings/${meetingId}/items/(\\d+)$`));
  assert.ok(m, `adding an item redirected to ${loc}`);
  return Number(m[1]);
}

/** Asserts two snapshots are equal, naming what differs. */
function assertUnchanged(before, after, what, ignore = () => false) {
  const diff = Object.keys({ ...before, ...after }).filter((k) => !ignore(k) && before[k] !== after[k]);
  assert.deepEqual(
    diff.map((k) => `${k}: ${before[k]} → ${after[k]}`),
    [],
    `${what} changed the database`,
  );
}

before(async () => {
  srv = await startServer();
  c.base = srv.base;
  c.db = srv.dbPath;
  c.clerkId = addUser(c.db, CLERK);
  c.adminId = addUser(c.db, ADMIN);
  c.victimId = addUser(c.db, VICTIM);
  c.admin = await signIn(c.base, ADMIN.email, ADMIN.password);
  c.clerk = await signIn(c.base, CLERK.email, CLERK.password);
  c.clerk2 = await signIn(c.base, CLERK.email, CLERK.password);
  assert.notEqual(c.clerk.csrf, c.clerk2.csrf, 'each session has its own CSRF token');

  const form = await fetchAs(c.base, '/admin/meetings/new', { cookie: c.admin.cookie });
  assert.equal(form.status, 200);
  c.orgId = selectOptions(form.text, 'organization_id').find((v) => v !== '');
  c.locId = selectOptions(form.text, 'location_id').find((v) => v !== '');
  assert.ok(c.orgId && c.locId, 'the meeting form offers a committee and a venue');

  // The matrix's meeting: the newest, so the first on /admin, with two
  // items; a meeting whose agenda is a draft (for /publish); one whose
  // agenda is published and minutes not started (for /minutes). All made
  // through the routes themselves, by the admin.
  const fixture = await createMeeting(c.admin, '2099-01-15', '14:00', 'Matrix fixture');
  await addItem(c.admin, fixture, 'Matrix fixture item one');
  await addItem(c.admin, fixture, 'Matrix fixture item two');
  await submit(c.admin, `/admin/meetings/${fixture}/documents`, { file: fileField(PNG, 'fixture.png', 'image/png'), title: 'Fixture document', role: 'report', item_id: '' });
  c.draftMeetingId = await createMeeting(c.admin, '2097-06-02', '10:00', 'Matrix draft agenda');
  await addItem(c.admin, c.draftMeetingId, 'Item of a draft agenda');
  c.publishedMeetingId = await createMeeting(c.admin, '2096-06-03', '10:00', 'Matrix published agenda');
  await addItem(c.admin, c.publishedMeetingId, 'Item of a published agenda');
  await submit(c.admin, `/admin/meetings/${c.publishedMeetingId}/publish`, {});

  // {id}s are found by following links in the back office, as a clerk.
  const home = await fetchAs(c.base, '/admin', { cookie: c.clerk.cookie });
  assert.equal(home.status, 200);
  c.meetingId = adminMeetingIds(home.text)[0];
  assert.equal(c.meetingId, fixture, 'the newest meeting is the first on /admin');
  const mp = await fetchAs(c.base, `/admin/meetings/${c.meetingId}`, { cookie: c.clerk.cookie });
  assert.equal(mp.status, 200);
  c.itemIds = adminItemIds(mp.text, c.meetingId);
  assert.equal(c.itemIds.length, 2, 'the fixture meeting links to its two items');

  snapshot = await makeSnapshot(c.db);
});

after(async () => {
  await srv?.stop();
});

// ---------------------------------------------------------------------------

describe('the authorization matrix of the state-changing routes', () => {
  test('routes.c has state-changing routes, and each has a valid body in this test', () => {
    assert.ok(POST_PATTERNS.length >= 8, `found ${POST_PATTERNS.length} POST routes in the route table (witan routes --json)`);
    const missing = POST_PATTERNS.filter((p) => !SPECIAL.has(p) && !VALID[p]);
    assert.deepEqual(missing, [], 'POST routes of the route table (witan routes --json) without an entry in VALID (tests/http/backoffice.test.mjs): add a valid form body for each');
    const stale = Object.keys(VALID).filter((p) => !POST_PATTERNS.includes(p));
    assert.deepEqual(stale, [], 'entries of VALID that are no longer POST routes of the route table (witan routes --json)');
  });

  for (const pattern of POST_PATTERNS.filter((p) => !SPECIAL.has(p))) {
    test(`POST ${pattern}`, async (t) => {
      const v = VALID[pattern];
      assert.ok(v, `no valid body for POST ${pattern} in VALID: add one`);
      const ids = await v.ids(c);
      assert.equal(ids.length, placeholders(pattern), `VALID['${pattern}'].ids gives a value for each placeholder`);
      const url = fillPattern(pattern, ids) + (v.query ? `?${v.query}` : '');
      const cases = v.role === 'admin' ? [...CASES, ADMIN_ONLY_CASE] : CASES;

      for (const k of cases) {
        await t.test(`${k.name} → ${k.status}, nothing changed`, async () => {
          const fields = { ...v.body(c) };
          const csrf = k.csrf(c);
          if (csrf !== undefined) fields.csrf = csrf;
          const before = await snapshot();
          const r = await post(c.base, url, fields, { cookie: k.cookie(c) });
          checked++;
          const after = await snapshot();
          assert.equal(r.status, k.status, `POST ${url} (${k.name}): ${textOf(r.text).slice(0, 200)}`);
          assert.equal(r.headers.get('location'), null, 'a refusal redirects nowhere');
          assert.equal(sessionCookieOf(r.res), null, 'a refusal sets no cookie');
          assert.match(r.headers.get('cache-control') ?? '', /no-store/, 'a refusal is not stored by caches');
          assertUnchanged(before, after, `a refused POST ${url} (${k.name})`);
        });
      }

      await t.test('with a valid session and token → 303, the change made and audited', async () => {
        const who = v.role === 'admin' ? c.admin : v.fresh ? await signIn(c.base, CLERK.email, CLERK.password) : c.clerk;
        const userId = v.role === 'admin' ? c.adminId : c.clerkId;
        const auditBefore = await maxAuditId(c.db);
        const r = await post(c.base, url, { ...v.body(c), csrf: who.csrf }, { cookie: who.cookie });
        checked++;
        assert.equal(r.status, v.status ?? 303, `POST ${url}: ${textOf(r.text).slice(0, 300)}`);
        const loc = r.headers.get('location');
        const want = v.location ? v.location(c, ids) : null;
        let m = null;
        if (want instanceof RegExp) {
          m = loc?.match(want);
          assert.ok(m, `Location ${loc} matches ${want}`);
        } else {
          assert.equal(loc, want);
        }
        const rows = await auditSince(c.db, auditBefore);
        assert.deepEqual(
          rows.map(({ user_id, action, entity, entity_id }) => ({ user_id, action, entity, entity_id })),
          [{ user_id: userId, ...(await v.audit(c, ids, m)) }],
          'one new audit_log row, with the action and the user',
        );
        await v.verify(c, ids, who, m, r);
      });
    });
  }

  test('matrix size', (t) => {
    const routes = POST_PATTERNS.filter((p) => !SPECIAL.has(p)).length;
    const adminOnly = POST_PATTERNS.filter((p) => VALID[p]?.role === 'admin').length;
    t.diagnostic(`${routes} state-changing routes × ${CASES.length} refusals + 1 valid, + ${adminOnly} admin-only routes refused to a clerk = ${checked} requests checked`);
    assert.equal(checked, routes * (CASES.length + 1) + adminOnly);
  });
});

describe('POST /login: the way in', () => {
  const onlyThrottle = (k) => k.startsWith('login_throttle ');

  test('a wrong password → 401, no session, nothing but the throttle counter changed', async () => {
    const before = await snapshot();
    const r = await post(c.base, '/login', { email: VICTIM.email, password: 'not-the-password-at-all', next: '/admin' });
    assert.equal(r.status, 401);
    assert.equal(sessionCookieOf(r.res), null);
    assert.match(textOf(r.text), /The e-mail address or password is not right/);
    assertUnchanged(before, await snapshot(), 'a failed sign-in', onlyThrottle);
  });

  test('an unknown account → the same 401 (no account enumeration)', async () => {
    const before = await snapshot();
    const r = await post(c.base, '/login', { email: 'nobody.backoffice@example.org', password: 'whatever-it-is-1', next: '/admin' });
    assert.equal(r.status, 401);
    assert.equal(sessionCookieOf(r.res), null);
    assert.match(textOf(r.text), /The e-mail address or password is not right/);
    assertUnchanged(before, await snapshot(), 'a failed sign-in', onlyThrottle);
  });

  test('after 5 failures the account is throttled: 429 even with the right password', async () => {
    const [row] = await sql(c.db, `SELECT failures FROM login_throttle WHERE key = 'user:${VICTIM.email}'`);
    for (let i = row?.failures ?? 0; i < 5; i++) {
      const r = await post(c.base, '/login', { email: VICTIM.email, password: `wrong-password-${i}`, next: '/admin' });
      assert.equal(r.status, 401, `failure ${i + 1}`);
    }
    const before = await snapshot();
    const r = await post(c.base, '/login', { email: VICTIM.email, password: VICTIM.password, next: '/admin' });
    assert.equal(r.status, 429);
    assert.ok(r.headers.get('retry-after'), 'says when to try again');
    assert.equal(sessionCookieOf(r.res), null, 'no session');
    assertUnchanged(before, await snapshot(), 'a throttled sign-in');
  });

  test('the right password → 303 to /admin with a session cookie, audited', async () => {
    const auditBefore = await maxAuditId(c.db);
    const r = await post(c.base, '/login', { email: CLERK.email, password: CLERK.password, next: '/admin' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/admin');
    const cookie = sessionCookieOf(r.res);
    assert.match(cookie ?? '', /^[A-Za-z0-9_-]{43}$/, 'a 256-bit random token');
    const rows = await auditSince(c.db, auditBefore);
    assert.deepEqual(rows.map(({ user_id, action, entity, entity_id }) => ({ user_id, action, entity, entity_id })), [
      { user_id: c.clerkId, action: 'login', entity: 'user', entity_id: c.clerkId },
    ]);
    assert.equal((await fetchAs(c.base, '/admin', { cookie })).status, 200);
  });
});

describe('admin-only: the audit log', () => {
  test('anonymous → 303 to /login?next=/admin/audit', async () => {
    const r = await fetchAs(c.base, '/admin/audit');
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/login?next=/admin/audit');
  });

  test('clerk → 403', async () => {
    const r = await fetchAs(c.base, '/admin/audit', { cookie: c.clerk.cookie });
    assert.equal(r.status, 403);
    assert.doesNotMatch(r.text, /<table class="audit"/);
  });

  test('admin → 200, listing the actions performed, newest first, with who did them', async () => {
    const r = await fetchAs(c.base, '/admin/audit', { cookie: c.admin.cookie });
    assert.equal(r.status, 200);
    const body = r.text.match(/<tbody>([\s\S]*?)<\/tbody>/);
    assert.ok(body, 'the page has the log table');
    const shown = [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].slice(1, 3).map((td) => textOf(td[1])),
    );
    const rows = await sql(c.db, "SELECT COALESCE(u.email, '(command line)') AS who, a.action || ' ' || a.entity || ' ' || COALESCE(CAST(a.entity_id AS TEXT), '') AS what FROM audit_log a LEFT JOIN user u ON u.id = a.user_id ORDER BY a.id DESC LIMIT 500");
    assert.deepEqual(shown, rows.map((x) => [x.who, x.what.trim()]));
    // The matrix's own actions, by the clerk, are among them.
    const clerkActions = new Set(shown.filter(([who]) => who === CLERK.email).map(([, what]) => what.split(' ')[0]));
    for (const a of ['login', 'logout', 'create', 'update', 'postponed', 'publish', 'minutes', 'move']) {
      assert.ok(clerkActions.has(a), `the log shows a "${a}" by the clerk`);
    }
  });
});

describe('GET never changes state', () => {
  for (const pattern of POST_ONLY) {
    test(`GET and HEAD ${pattern} → 405 with Allow: POST, nothing changed`, async () => {
      const ids = pattern in VALID ? await VALID[pattern].ids(c) : Array(placeholders(pattern)).fill(c.meetingId);
      const url = fillPattern(pattern, ids) + (VALID[pattern]?.query ? `?${VALID[pattern].query}` : '');
      const before = await snapshot();
      for (const method of ['GET', 'HEAD']) {
        for (const cookie of [null, c.clerk.cookie]) {
          const r = await fetchAs(c.base, url, { method, cookie });
          const who = cookie ? 'as the clerk' : 'anonymous';
          assert.equal(r.status, 405, `${method} ${url} ${who}`);
          const allow = (r.headers.get('allow') ?? '').split(/\s*,\s*/);
          assert.ok(allow.includes('POST') && !allow.includes('GET'), `${method} ${url}: Allow: ${r.headers.get('allow')}`);
        }
      }
      assertUnchanged(before, await snapshot(), `GET/HEAD ${url}`);
    });
  }

  test('every back-office page, for anonymous, clerk and admin: GET and HEAD change nothing (but session.last_seen), no-store', async () => {
    assert.ok(BACKOFFICE_GET.length >= 5, `found ${BACKOFFICE_GET.length} back-office GET routes`);
    // The pages are found by following the back office's links, as the admin
    // (from the fixture's person, whose register of interests has an entry;
    // the fixture also puts an entry on the forward plan).
    const d = await directoryFixture(c);
    const found = await discoverPages(c.base, c.admin.cookie, BACKOFFICE_GET, [`/admin/meetings/${c.meetingId}`, `/admin/people/${d.personId}`, '/admin', '/login']);
    assert.deepEqual(BACKOFFICE_GET.filter((p) => !found.has(p)), [], 'back-office GET routes no back-office link leads to');
    const before = await snapshot();
    for (const [pattern, url] of found) {
      for (const [who, cookie] of [['anonymous', null], ['clerk', c.clerk.cookie], ['admin', c.admin.cookie]]) {
        for (const method of ['GET', 'HEAD']) {
          const r = await fetchAs(c.base, url, { method, cookie });
          let want = 200;
          if (who === 'anonymous' && pattern !== '/login') want = 303;
          if (who === 'clerk' && (pattern === '/admin/audit' || /^\/admin\/(users|settings|alerts)(\/|$)/.test(pattern))) want = 403;
          assert.equal(r.status, want, `${method} ${url} as ${who}`);
          if (want === 303) {
            const loc = r.headers.get('location') ?? '';
            assert.ok(loc.startsWith('/login?next='), `${method} ${url} as ${who}: Location ${loc}`);
            assert.equal(decodeURIComponent(loc.slice('/login?next='.length)), url, `${method} ${url} as ${who}: comes back here after signing in`);
          }
          assert.match(r.headers.get('cache-control') ?? '', /no-store/, `${method} ${url} as ${who}: Cache-Control`);
        }
      }
    }
    assertUnchanged(before, await snapshot(), 'reading the back office');
  });
});

describe('the session cookie', () => {
  test('HttpOnly, SameSite=Lax, Path=/, not Secure without --https', async () => {
    const r = await post(c.base, '/login', { email: CLERK.email, password: CLERK.password, next: '/admin' });
    assert.equal(r.status, 303);
    const sc = sessionSetCookie(r.res);
    assert.ok(sc, 'a session cookie is set');
    const attrs = sc.split(';').slice(1).map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), sc);
    assert.ok(attrs.includes('samesite=lax'), sc);
    assert.ok(attrs.includes('path=/'), sc);
    assert.ok(!attrs.includes('secure'), sc);
    assert.ok(!attrs.some((a) => a.startsWith('domain=')), `host-only: ${sc}`);
  });

  test('after POST /logout the old cookie no longer works', async () => {
    const s = await signIn(c.base, CLERK.email, CLERK.password);
    const r = await post(c.base, '/logout', { csrf: s.csrf }, { cookie: s.cookie });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/');
    const cleared = sessionSetCookie(r.res);
    assert.match(cleared ?? '', /^witan_session=;/, 'the cookie is cleared');
    assert.match(cleared, /Max-Age=0/i);
    const page = await fetchAs(c.base, '/admin', { cookie: s.cookie });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login?next=/admin');
    const before = await snapshot();
    const w = await post(c.base, `/admin/meetings/${c.meetingId}/items`, { csrf: s.csrf, title: 'After logout' }, { cookie: s.cookie });
    assert.equal(w.status, 401, 'a POST with the old cookie and its token is refused');
    assertUnchanged(before, await snapshot(), 'a POST with a logged-out session');
  });

  test('forged cookie values → 303 to /login (GET) and 401 (POST)', async () => {
    const forged = {
      'a random token': randomBytes(32).toString('base64url'),
      "the clerk's token, altered": tamper(c.clerk.cookie),
      'the hash the database keeps': createHash('sha256').update(c.clerk.cookie).digest('hex'),
      "the clerk's CSRF token": c.clerk.csrf,
      'an empty value': '',
      'a long value': 'A'.repeat(4000),
    };
    const before = await snapshot();
    for (const [what, value] of Object.entries(forged)) {
      const r = await fetchAs(c.base, '/admin', { cookie: value });
      assert.equal(r.status, 303, `GET /admin with ${what}`);
      assert.equal(r.headers.get('location'), '/login?next=/admin', `GET /admin with ${what}`);
      const w = await post(c.base, `/admin/meetings/${c.meetingId}/items`, { csrf: c.clerk.csrf, title: 'Forged' }, { cookie: value });
      assert.equal(w.status, 401, `POST with ${what}`);
    }
    assertUnchanged(before, await snapshot(), 'requests with forged cookies');
  });
});

describe('no open redirect after signing in', () => {
  const evil = ['https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil.example', '/admin//evil.example', '/admin/\\evil.example', 'https://evil.example/admin', '/admin@evil.example', 'javascript:alert(1)', '/admin\r\nLocation: https://evil.example/'];

  for (const next of evil) {
    test(`next=${JSON.stringify(next)} → a path on this site`, async () => {
      const r = await post(c.base, '/login', { email: CLERK.email, password: CLERK.password, next });
      assert.equal(r.status, 303);
      const loc = r.headers.get('location');
      assert.equal(loc, '/admin');
      assert.equal(new URL(loc, c.base).origin, new URL(c.base).origin);
    });
  }

  test('a next inside the back office is honoured', async () => {
    const r = await post(c.base, '/login', { email: CLERK.email, password: CLERK.password, next: '/admin/audit' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/admin/audit');
  });

  test('the sign-in form never carries an off-site next', async () => {
    const r = await fetchAs(c.base, `/login?next=${encodeURIComponent('https://evil.example/')}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /<input type="hidden" name="next" value="\/admin">/);
    assert.doesNotMatch(r.text, /evil\.example/);
  });
});

describe('caching', () => {
  test('a public page fetched with a session shows neither the clerk nor the token, then or later', async () => {
    const item = (await sql(c.db, `SELECT id FROM agenda_item WHERE meeting_id = ${c.publishedMeetingId} AND deleted = 0 ORDER BY position LIMIT 1`))[0].id;
    const pages = ['/', '/committees', '/meetings', `/meetings/${c.publishedMeetingId}`, `/meetings/${c.publishedMeetingId}/items/${item}`];
    const secrets = [CLERK.name, CLERK.email, c.clerk.csrf, c.clerk.cookie, 'Signed in as'];
    for (const url of pages) {
      for (const cookie of [c.clerk.cookie, null]) {
        const r = await fetchAs(c.base, url, { cookie });
        assert.equal(r.status, 200, url);
        for (const s of secrets) assert.ok(!r.text.includes(s), `${url} (${cookie ? 'with' : 'without'} the session) shows ${JSON.stringify(s)}`);
        assert.equal(sessionCookieOf(r.res), null, `${url} sets no session cookie`);
      }
    }
  });
});

describe('an exempt item authored in the back office never reaches a public page', () => {
  const tag = randomBytes(4).toString('hex');
  const DESC = `descmarker${tag}`;
  const MINUTES = `minutesmarker${tag}`;
  const DECISION = `decisionmarker${tag}`;
  const DOC = `docmarker${tag}`; // the title of a document on the exempt item
  const PUBLIC = `publicmarker${tag}`; // the control: a public item's minutes, which must show
  const TITLE = `Award of the waste contract ${tag} & renewal`;
  let meetingId;
  let exemptId;
  let publicId;
  let docId;
  let pages;

  before(async () => {
    const day = new Date(Date.now() + 3 * 86400e3).toISOString().slice(0, 10);
    meetingId = await createMeeting(c.clerk, day, '18:30', `Exempt flow ${tag}`);
    exemptId = await addItem(c.clerk, meetingId, TITLE);
    publicId = await addItem(c.clerk, meetingId, `Public item ${tag}`);
    const exempt = (minutes, decision) => ({
      number: '1', title: TITLE, paragraph: '3', reason: 'The public interest in withholding outweighs disclosure',
      description: `The bids, including ${DESC}, in full.`, minutes, decision, action: 'save',
    });
    await submit(c.clerk, `/admin/meetings/${meetingId}/items/${exemptId}`, exempt('', ''));
    await submit(c.clerk, `/admin/meetings/${meetingId}/documents`, { file: fileField(PNG, `${DOC}.png`, 'image/png'), title: `Bids received ${DOC}`, role: 'report', item_id: exemptId });
    docId = (await sql(c.db, `SELECT file_id FROM file_link WHERE agenda_item_id = ${exemptId}`))[0].file_id;
    await submit(c.clerk, `/admin/meetings/${meetingId}/publish`, {});
    await submit(c.clerk, `/admin/meetings/${meetingId}/items/${exemptId}`, exempt(`Discussed ${MINUTES} at length.`, `Resolved: ${DECISION}.`));
    await submit(c.clerk, `/admin/meetings/${meetingId}/items/${publicId}`, {
      number: '2', title: `Public item ${tag}`, paragraph: '', reason: '', description: '', minutes: `Noted ${PUBLIC}.`, decision: '', action: 'save',
    });
    await submit(c.clerk, `/admin/meetings/${meetingId}/minutes`, { status: 'published' });
    const [row] = await sql(c.db, `SELECT exempt, exempt_paragraph, instr(description_md, '${DESC}') > 0 AS d, instr(minutes_md, '${MINUTES}') > 0 AS m FROM agenda_item WHERE id = ${exemptId}`);
    assert.deepEqual(row, { exempt: 1, exempt_paragraph: 3, d: 1, m: 1 }, 'the record holds the exempt content');
    pages = await crawl(c.base, { concurrency: 4 });
  });

  const leaks = (text) => [DESC, MINUTES, DECISION, DOC].filter((w) => text.toLowerCase().includes(w.toLowerCase()));

  test('the public meeting page shows the title, not the content', async () => {
    const r = await fetchAs(c.base, `/meetings/${meetingId}`);
    assert.equal(r.status, 200);
    assert.ok(textOf(r.text).includes(TITLE), 'the title is public');
    assert.deepEqual(leaks(r.text), []);
  });

  test('the public item page shows the title and "paragraph 3", not the content', async () => {
    const r = await fetchAs(c.base, `/meetings/${meetingId}/items/${exemptId}`);
    assert.equal(r.status, 200);
    const text = textOf(r.text);
    assert.ok(text.includes(TITLE), 'the title is public');
    assert.match(text, /paragraph 3\b/);
    assert.deepEqual(leaks(r.text), []);
  });

  test("the exempt item's document is not served publicly", async () => {
    const [f] = await sql(c.db, `SELECT filename FROM file WHERE id = ${docId}`);
    for (const name of [f.filename, 'x']) {
      const r = await fetchAs(c.base, `/documents/${docId}/${name}`);
      assert.equal(r.status, 404, `/documents/${docId}/${name}`);
      assert.deepEqual(leaks(r.text + [...r.headers].join('\n')), []);
    }
  });

  test("the control: a public item's published minutes do show", async () => {
    const r = await fetchAs(c.base, `/meetings/${meetingId}/items/${publicId}`);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes(PUBLIC), 'the public minutes are on the page');
  });

  test('a crawl of the whole public site from / finds the markers nowhere', () => {
    const urls = new Set(pages.map((p) => new URL(p.url).pathname));
    assert.ok(urls.has(`/meetings/${meetingId}`), 'the crawl reached the meeting');
    assert.ok(urls.has(`/meetings/${meetingId}/items/${exemptId}`), 'the crawl reached the exempt item');
    const found = pages.filter((p) => p.body !== null && leaks(p.body).length > 0).map((p) => `${p.url}: ${leaks(p.body).join(', ')}`);
    assert.deepEqual(found, []);
    assert.ok(pages.some((p) => p.body?.includes(PUBLIC)), 'the crawl saw the control marker');
  });
});
