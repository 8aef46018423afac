// The back office's directory (src/admin/directory.c): a clerk creates a
// committee, a person, a membership and a venue through the routes, and
// the public site shows them (with `<b>&` in every name escaped); edits
// reach the public pages; invalid submissions are refused with 400, an
// error summary and what was typed; ending a membership takes the person
// off the committee's current members, and nothing is ever deleted.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, auditSince, csrfOf, fetchAs, maxAuditId, post, selectOptions, signIn, sql } from './backoffice-helpers.mjs';
import { anchors, decode, h1s, textOf, titleOf } from './helpers.mjs';

const CLERK = { email: 'clerk.directory@example.org', name: 'Dora Directoryclerk', role: 'clerk', password: 'directory-password-0123' };

const tag = randomBytes(3).toString('hex');
// Every name carries markup and an ampersand: the public pages must show
// them as text.
const COMMITTEE = `Scrutiny <b>& Review ${tag}`;
const GIVEN = `Ada <b>&`;
const FAMILY = `Lovelace${tag}`;
const PERSON = `Councillor ${GIVEN} ${FAMILY}`;
const VENUE = `Chamber <b>& Hall ${tag}`;

/** The date n days from today (UTC), as YYYY-MM-DD. */
const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

/** s HTML-escaped the way the server writes text. */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

let srv;
let base;
let db;
let clerkId;
let clerk; // { cookie, csrf }
const ids = {};

/** POSTs a form as the clerk (csrf added). */
const submit = (urlPath, fields, { csrf = clerk.csrf } = {}) => post(base, urlPath, { csrf, ...fields }, { cookie: clerk.cookie });
/** GET as the clerk. */
const page = (urlPath) => fetchAs(base, urlPath, { cookie: clerk.cookie });

/** The id in a 303's Location, checked against re. */
function redirectId(r, re) {
  assert.equal(r.status, 303, `answered ${r.status}: ${textOf(r.text).slice(0, 300)}`);
  const m = r.headers.get('location').match(re);
  assert.ok(m, `Location ${r.headers.get('location')} matches ${re}`);
  return Number(m[1]);
}

/** The value attribute of <input name=...> in html (decoded), or null. */
function inputValue(html, name) {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
  return m ? decode(m[1]) : null;
}

/** The contents of <textarea name=...> (decoded, without the leading newline). */
function textareaValue(html, name) {
  const m = html.match(new RegExp(`<textarea[^>]*name="${name}"[^>]*>\\n?([\\s\\S]*?)</textarea>`));
  return m ? decode(m[1]) : null;
}

/** The selected option's value of <select name=...>. */
function selected(html, name) {
  const m = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  const o = m && m[1].match(/<option value="([^"]*)" selected>/);
  return o ? decode(o[1]) : null;
}

/** The error summary's messages, or [] when there is none. */
function errorSummary(html) {
  const m = html.match(/<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/);
  return m ? [...m[1].matchAll(/<li><a href="#([^"]+)">([\s\S]*?)<\/a><\/li>/g)].map((x) => ({ field: x[1], msg: textOf(x[2]) })) : [];
}

/** Row counts of the directory's tables and of the audit log. */
async function counts() {
  const [r] = await sql(db, 'SELECT (SELECT count(*) FROM organization) AS o, (SELECT count(*) FROM person) AS p,'
    + ' (SELECT count(*) FROM membership) AS ms, (SELECT count(*) FROM location) AS l, (SELECT count(*) FROM audit_log) AS a,'
    + " (SELECT group_concat(id || ':' || COALESCE(end_date, ''), ',') FROM membership) AS ends");
  return r;
}

/** Checks a refused submission: 400, "Error:" title, a summary naming the fields, nothing changed. */
async function assertRefused(r, before, fields) {
  assert.equal(r.status, 400, textOf(r.text).slice(0, 300));
  assert.match(titleOf(r.text), /^Error: /, 'the title says there is an error');
  const summary = errorSummary(r.text);
  assert.deepEqual(summary.map((e) => e.field).sort(), fields.map((f) => `f-${f}`).sort(), JSON.stringify(summary));
  for (const f of fields) {
    assert.match(r.text, new RegExp(`id="f-${f}-error"`), `an inline error next to ${f}`);
    assert.match(r.text, new RegExp(`id="f-${f}"[^>]*aria-invalid="true"`), `${f} is marked invalid`);
  }
  assert.deepEqual(await counts(), before, 'a refused submission changes nothing');
  return summary;
}

before(async () => {
  srv = await startServer();
  base = srv.base;
  db = srv.dbPath;
  clerkId = addUser(db, CLERK);
  clerk = await signIn(base, CLERK.email, CLERK.password);
});

after(async () => {
  await srv?.stop();
});

describe('creating the directory through the routes', () => {
  test('the list pages and the create forms answer the clerk, with the CSRF field', async () => {
    for (const url of ['/admin/committees', '/admin/committees/new', '/admin/people', '/admin/people/new', '/admin/locations', '/admin/locations/new']) {
      const r = await page(url);
      assert.equal(r.status, 200, url);
      assert.match(r.headers.get('cache-control') ?? '', /no-store/, url);
      if (url.endsWith('/new')) assert.equal(csrfOf(r.text), clerk.csrf, url);
    }
    const lists = { '/admin/committees': '/admin/committees/new', '/admin/people': '/admin/people/new', '/admin/locations': '/admin/locations/new' };
    for (const [list, create] of Object.entries(lists)) {
      assert.ok(anchors((await page(list)).text).some((a) => a.href === create), `${list} links to ${create}`);
    }
  });

  test('the committee form offers the schema\'s kinds with human labels, and the committees as parents', async () => {
    const r = await page('/admin/committees/new');
    assert.deepEqual(selectOptions(r.text, 'kind'), ['council', 'cabinet', 'committee', 'sub_committee', 'panel', 'board', 'working_group', 'outside_body']);
    assert.match(r.text, /<option value="sub_committee">Sub-committee<\/option>/);
    assert.equal(selected(r.text, 'kind'), 'committee');
    const parents = selectOptions(r.text, 'parent_id');
    assert.equal(parents[0], '', 'no parent is the first choice');
    assert.ok(parents.length > 1, 'the existing committees are offered');
  });

  test('create a committee: 303 to its page, audited, on /committees with its name escaped', async () => {
    const form = await page('/admin/committees/new');
    ids.parentId = Number(selectOptions(form.text, 'parent_id').find((v) => v !== ''));
    const auditBefore = await maxAuditId(db);
    const r = await submit('/admin/committees/new', {
      name: `  ${COMMITTEE}  `, short_name: 'Scrutiny', kind: 'sub_committee',
      purpose: `Reviews **decisions** of the Cabinet.\r\n\r\n<script>alert(1)</script>`,
      parent_id: ids.parentId, start_date: '2025-05-22', end_date: '',
    });
    ids.orgId = redirectId(r, /^\/admin\/committees\/(\d+)$/);
    const [row] = await sql(db, `SELECT name, short_name, kind, parent_id, purpose_html, start_date, end_date, deleted FROM organization WHERE id = ${ids.orgId}`);
    assert.equal(row.name, COMMITTEE, 'the spaces around the name are trimmed');
    assert.deepEqual({ ...row, purpose_html: undefined, name: undefined }, { name: undefined, short_name: 'Scrutiny', kind: 'sub_committee', parent_id: ids.parentId, purpose_html: undefined, start_date: '2025-05-22', end_date: null, deleted: 0 });
    assert.match(row.purpose_html, /<strong>decisions<\/strong>/, 'the purpose is rendered from Markdown');
    assert.doesNotMatch(row.purpose_html, /<script/, 'raw HTML is dropped');
    const audit = await auditSince(db, auditBefore);
    assert.deepEqual(audit.map(({ user_id, action, entity, entity_id }) => ({ user_id, action, entity, entity_id })),
      [{ user_id: clerkId, action: 'create', entity: 'organization', entity_id: ids.orgId }]);
    const [json] = await sql(db, `SELECT before_json, after_json FROM audit_log WHERE id = ${audit[0].id}`);
    assert.equal(json.before_json, null);
    assert.equal(JSON.parse(json.after_json).name, COMMITTEE);

    const list = await fetchAs(base, '/committees');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(`<a href="/committees/${ids.orgId}">${esc(COMMITTEE)}</a>`), 'listed on /committees, escaped');
    assert.ok(!list.text.includes(COMMITTEE), 'the raw name never reaches the page');
    const pub = await fetchAs(base, `/committees/${ids.orgId}`);
    assert.equal(pub.status, 200);
    assert.deepEqual(h1s(pub.text), [esc(COMMITTEE)]);
    assert.match(pub.text, /<strong>decisions<\/strong>/);
    assert.doesNotMatch(pub.text, /<script>alert/);
    const admin = await page('/admin/committees');
    assert.ok(admin.text.includes(`<a href="/admin/committees/${ids.orgId}">${esc(COMMITTEE)}</a></td><td>Sub-committee</td><td>0</td>`), 'the back-office list shows name, kind and no members yet');
  });

  test('create a person: the display name defaults to "Honorific Given Family"; public page escaped; contact details private', async () => {
    const auditBefore = await maxAuditId(db);
    const r = await submit('/admin/people/new', {
      honorific: 'Councillor', given_name: GIVEN, family_name: FAMILY, name: '', party: 'Green <b>&', area: `Arboretum ${tag}`,
      nominated_by: '', email: `ada.${tag}@example.org`, phone: '01905 000000', bio: 'First elected in *2025*.',
    });
    ids.personId = redirectId(r, /^\/admin\/people\/(\d+)$/);
    const [row] = await sql(db, `SELECT name, honorific, given_name, family_name, party, email, phone, bio_html FROM person WHERE id = ${ids.personId}`);
    assert.deepEqual(row, { name: PERSON, honorific: 'Councillor', given_name: GIVEN, family_name: FAMILY, party: 'Green <b>&', email: `ada.${tag}@example.org`, phone: '01905 000000', bio_html: '<p>First elected in <em>2025</em>.</p>\n' });
    assert.deepEqual((await auditSince(db, auditBefore)).map(({ action, entity, entity_id }) => ({ action, entity, entity_id })),
      [{ action: 'create', entity: 'person', entity_id: ids.personId }]);

    const list = await fetchAs(base, '/people');
    assert.ok(list.text.includes(`<a href="/people/${ids.personId}">${esc(PERSON)}</a>`), 'listed on /people, escaped');
    assert.ok(!list.text.includes(PERSON));
    const pub = await fetchAs(base, `/people/${ids.personId}`);
    assert.equal(pub.status, 200);
    assert.deepEqual(h1s(pub.text), [esc(PERSON)]);
    assert.ok(pub.text.includes(esc('Green <b>&')), 'the party, escaped');
    assert.match(pub.text, /First elected in <em>2025<\/em>/);
    assert.ok(!pub.text.includes(`ada.${tag}@example.org`) && !pub.text.includes('01905 000000'), 'e-mail and telephone stay in the back office');
  });

  test('add a membership: on the committee\'s public page and the person\'s, with role and voting', async () => {
    const form = await page(`/admin/committees/${ids.orgId}`);
    assert.ok(selectOptions(form.text, 'person_id').includes(String(ids.personId)), 'the new person is offered');
    assert.deepEqual(selectOptions(form.text, 'role'), ['chair', 'vice_chair', 'member', 'co_opted', 'substitute', 'independent', 'officer']);
    assert.match(form.text, /<option value="co_opted">Co-opted member<\/option>/);
    assert.deepEqual(selectOptions(form.text, 'voting'), ['1', '0']);
    const auditBefore = await maxAuditId(db);
    const r = await submit(`/admin/committees/${ids.orgId}/members`, { person_id: ids.personId, role: 'vice_chair', voting: '0', start: '2025-05-22' });
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), `/admin/committees/${ids.orgId}#members`);
    const rows = await sql(db, `SELECT id, role, voting, start_date, end_date FROM membership WHERE organization_id = ${ids.orgId} AND person_id = ${ids.personId}`);
    assert.equal(rows.length, 1);
    ids.membershipId = rows[0].id;
    assert.deepEqual(rows[0], { id: ids.membershipId, role: 'vice_chair', voting: 0, start_date: '2025-05-22', end_date: null });
    assert.deepEqual((await auditSince(db, auditBefore)).map(({ action, entity, entity_id }) => ({ action, entity, entity_id })),
      [{ action: 'create', entity: 'membership', entity_id: ids.membershipId }]);

    const pub = await fetchAs(base, `/committees/${ids.orgId}`);
    const members = pub.text.match(/<table class="members">[\s\S]*?<\/table>/);
    assert.ok(members, 'the committee has a members table');
    assert.ok(members[0].includes(`<a href="/people/${ids.personId}">${esc(PERSON)}</a></td><td>Vice-Chair (non-voting)</td>`), members[0]);
    const person = await fetchAs(base, `/people/${ids.personId}`);
    assert.ok(person.text.includes(`<a href="/committees/${ids.orgId}">${esc(COMMITTEE)}</a>: Vice-Chair (non-voting)`));
    const admin = await page(`/admin/committees/${ids.orgId}`);
    assert.match(admin.text, new RegExp(`action="/admin/committees/${ids.orgId}/members/${ids.membershipId}/end"`), 'the membership has an end form');
    assert.ok((await page('/admin/committees')).text.includes(`${esc(COMMITTEE)}</a></td><td>Sub-committee</td><td>1</td>`), 'the list counts one member');
  });

  test('create a venue: offered for meetings, and shown escaped on a meeting at it', async () => {
    const auditBefore = await maxAuditId(db);
    const r = await submit('/admin/locations/new', {
      name: VENUE, room: 'Room <b>& 2', street_address: '1 High Street', locality: 'Worcester', postcode: 'WR1 2AB',
      description: 'Step-free access from the car park.\r\nA hearing loop is installed.',
    });
    ids.venueId = redirectId(r, /^\/admin\/locations\/(\d+)$/);
    const [row] = await sql(db, `SELECT name, room, street_address, locality, postcode, description FROM location WHERE id = ${ids.venueId}`);
    assert.deepEqual(row, { name: VENUE, room: 'Room <b>& 2', street_address: '1 High Street', locality: 'Worcester', postcode: 'WR1 2AB', description: 'Step-free access from the car park.\r\nA hearing loop is installed.' });
    assert.deepEqual((await auditSince(db, auditBefore)).map(({ action, entity, entity_id }) => ({ action, entity, entity_id })),
      [{ action: 'create', entity: 'location', entity_id: ids.venueId }]);
    assert.ok((await page('/admin/locations')).text.includes(`<a href="/admin/locations/${ids.venueId}">${esc(VENUE)}</a>`));

    const form = await page('/admin/meetings/new');
    assert.ok(selectOptions(form.text, 'location_id').includes(String(ids.venueId)), 'the meeting form offers the venue');
    const m = await submit('/admin/meetings/new', { organization_id: ids.orgId, location_id: ids.venueId, date: day(30), start: '10:00', end: '', name: '', webcast: '', listed: '1' });
    ids.meetingId = redirectId(m, /^\/admin\/meetings\/(\d+)$/);
    const pub = await fetchAs(base, `/meetings/${ids.meetingId}`);
    assert.equal(pub.status, 200);
    assert.ok(pub.text.includes(esc(VENUE)), 'the venue is on the meeting page, escaped');
    assert.ok(pub.text.includes(esc(COMMITTEE)), 'so is the committee');
    assert.ok(!pub.text.includes(VENUE) && !pub.text.includes(COMMITTEE));
  });
});

describe('editing', () => {
  test('the edit forms show what is stored', async () => {
    const c = await page(`/admin/committees/${ids.orgId}`);
    assert.equal(c.status, 200);
    assert.equal(inputValue(c.text, 'name'), COMMITTEE);
    assert.equal(selected(c.text, 'kind'), 'sub_committee');
    assert.equal(selected(c.text, 'parent_id'), String(ids.parentId));
    assert.ok(!selectOptions(c.text, 'parent_id').includes(String(ids.orgId)), 'a committee is not offered as its own parent');
    assert.equal(textareaValue(c.text, 'purpose'), 'Reviews **decisions** of the Cabinet.\r\n\r\n<script>alert(1)</script>');
    assert.ok(!c.text.includes('<script>alert'), 'the Markdown source is escaped in the form');
    const p = await page(`/admin/people/${ids.personId}`);
    assert.equal(inputValue(p.text, 'given_name'), GIVEN);
    assert.equal(inputValue(p.text, 'name'), PERSON);
    assert.equal(textareaValue(p.text, 'bio'), 'First elected in *2025*.');
    assert.ok(anchors(p.text).some((a) => a.href === `/admin/committees/${ids.orgId}`), "the person's page links to their committee");
    const l = await page(`/admin/locations/${ids.venueId}`);
    assert.equal(inputValue(l.text, 'postcode'), 'WR1 2AB');
    for (const url of ['/admin/committees/999999', '/admin/people/999999', '/admin/locations/999999']) {
      assert.equal((await page(url)).status, 404, url);
    }
  });

  test('saving a committee, a person and a venue: 303, audited with before and after, shown publicly', async () => {
    const auditBefore = await maxAuditId(db);
    let r = await submit(`/admin/committees/${ids.orgId}`, { name: `${COMMITTEE} (renamed)`, short_name: '', kind: 'panel', purpose: 'Scrutinises.', parent_id: '', start_date: '2025-05-22', end_date: '' });
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), `/admin/committees/${ids.orgId}`);
    r = await submit(`/admin/people/${ids.personId}`, { honorific: 'Dr', given_name: GIVEN, family_name: FAMILY, name: '', party: 'Green <b>&', area: '', nominated_by: '', email: '', phone: '', bio: '' });
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), `/admin/people/${ids.personId}`);
    r = await submit(`/admin/locations/${ids.venueId}`, { name: `${VENUE} (renamed)`, room: '', street_address: '', locality: 'Malvern', postcode: '', description: '' });
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), `/admin/locations/${ids.venueId}`);

    const rows = await sql(db, `SELECT action, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ${auditBefore} ORDER BY id`);
    assert.deepEqual(rows.map(({ action, entity, entity_id }) => ({ action, entity, entity_id })), [
      { action: 'update', entity: 'organization', entity_id: ids.orgId },
      { action: 'update', entity: 'person', entity_id: ids.personId },
      { action: 'update', entity: 'location', entity_id: ids.venueId },
    ]);
    assert.deepEqual([JSON.parse(rows[0].before_json).kind, JSON.parse(rows[0].after_json).kind], ['sub_committee', 'panel']);
    assert.deepEqual([JSON.parse(rows[1].before_json).name, JSON.parse(rows[1].after_json).name], [PERSON, `Dr ${GIVEN} ${FAMILY}`]);
    assert.equal(JSON.parse(rows[1].before_json).email, `ada.${tag}@example.org`, 'the audit log keeps the old e-mail address');
    assert.equal(JSON.parse(rows[1].after_json).email, null);
    assert.deepEqual([JSON.parse(rows[2].before_json).locality, JSON.parse(rows[2].after_json).locality], ['Worcester', 'Malvern']);

    const [org] = await sql(db, `SELECT parent_id, purpose_html FROM organization WHERE id = ${ids.orgId}`);
    assert.deepEqual(org, { parent_id: null, purpose_html: '<p>Scrutinises.</p>\n' });
    assert.deepEqual(h1s((await fetchAs(base, `/committees/${ids.orgId}`)).text), [esc(`${COMMITTEE} (renamed)`)]);
    assert.deepEqual(h1s((await fetchAs(base, `/people/${ids.personId}`)).text), [esc(`Dr ${GIVEN} ${FAMILY}`)]);
    assert.ok((await fetchAs(base, `/meetings/${ids.meetingId}`)).text.includes(esc(`${VENUE} (renamed)`)));
  });
});

describe('validation: 400 with the error summary, inline errors and what was typed', () => {
  test('a committee with no name, an unknown kind, an impossible date and a control character', async () => {
    const before = await counts();
    const r = await submit('/admin/committees/new', { name: '   ', short_name: `Typed <b>& ${tag}`, kind: 'parliament', purpose: 'Bell\u0007 text', parent_id: '', start_date: '2025-02-30', end_date: '' });
    const summary = await assertRefused(r, before, ['name', 'kind', 'purpose', 'start_date']);
    assert.deepEqual(summary.map((e) => e.msg), [
      "Enter the committee's name",
      'Choose the kind of committee from the list',
      'The purpose must be at most 10,000 characters of text',
      'Enter the date as YYYY-MM-DD, for example 2021-05-20',
    ]);
    assert.equal(inputValue(r.text, 'short_name'), `Typed <b>& ${tag}`, 'the typed short name is kept');
    assert.ok(r.text.includes(`value="${esc(`Typed <b>& ${tag}`)}"`), 'and escaped');
    assert.equal(inputValue(r.text, 'start_date'), '2025-02-30');
    assert.equal(textareaValue(r.text, 'purpose'), 'Bell\uFFFD text', 'the control character is shown as U+FFFD where it was');
    assert.match(r.text, /<input type="text" id="f-start_date"/, 'a typed value that is not a date is shown in a text input');
  });

  test('a committee name over 200 characters, a parent that does not exist, an end before the start', async () => {
    const before = await counts();
    const r = await submit('/admin/committees/new', { name: 'é'.repeat(201), short_name: '', kind: 'committee', purpose: '', parent_id: '999999', start_date: '2025-05-22', end_date: '2025-05-21' });
    await assertRefused(r, before, ['name', 'parent_id', 'end_date']);
    assert.equal(inputValue(r.text, 'name'), 'é'.repeat(201));
    const ok = await submit('/admin/committees/new', { name: 'é'.repeat(200), short_name: '', kind: 'committee', purpose: 'x'.repeat(10000), parent_id: '', start_date: '', end_date: '' });
    assert.equal(ok.status, 303, '200 characters of name and 10,000 of purpose are allowed');
    ids.longOrgId = redirectId(ok, /^\/admin\/committees\/(\d+)$/);
  });

  test('a committee cannot be its own parent, nor part of one of its sub-committees', async () => {
    // longOrg becomes part of orgId; then orgId may not become part of longOrg.
    let r = await submit(`/admin/committees/${ids.longOrgId}`, { name: 'é'.repeat(200), short_name: '', kind: 'sub_committee', purpose: '', parent_id: ids.orgId, start_date: '', end_date: '' });
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    const before = await counts();
    const fields = { name: 'Loop', short_name: '', kind: 'panel', purpose: '', start_date: '', end_date: '' };
    r = await submit(`/admin/committees/${ids.orgId}`, { ...fields, parent_id: ids.longOrgId });
    await assertRefused(r, before, ['parent_id']);
    assert.equal(inputValue(r.text, 'name'), 'Loop', 'the typed name is kept');
    r = await submit(`/admin/committees/${ids.orgId}`, { ...fields, parent_id: ids.orgId });
    const summary = await assertRefused(r, before, ['parent_id']);
    assert.deepEqual(summary.map((e) => e.msg), ['A committee cannot be part of itself']);
  });

  test('a person with no name, a bad e-mail address, an over-long party and a tab in the division', async () => {
    const before = await counts();
    const r = await submit('/admin/people/new', { honorific: '', given_name: '', family_name: '', name: '', party: 'p'.repeat(201), area: 'North\tWard', nominated_by: '', email: 'ada at example.org', phone: '', bio: 'Kept\r\nas typed' });
    await assertRefused(r, before, ['party', 'area', 'given_name', 'email']);
    assert.equal(inputValue(r.text, 'email'), 'ada at example.org');
    assert.equal(textareaValue(r.text, 'bio'), 'Kept\r\nas typed', 'line breaks are allowed in the biography');
    for (const email of ['ada@', '@example.org', 'ada@example', 'ada@@example.org', 'a d a@example.org', 'ada@example..org']) {
      const x = await submit('/admin/people/new', { given_name: 'Ada', family_name: 'Byron', email });
      assert.equal(x.status, 400, email);
      assert.deepEqual(errorSummary(x.text).map((e) => e.field), ['f-email'], email);
    }
  });

  test('a venue without a name, with a control character in the room and access information over 10,000 characters', async () => {
    const before = await counts();
    const r = await submit('/admin/locations/new', { name: '', room: 'Room\u001b1', street_address: `Typed street ${tag}`, locality: '', postcode: '', description: 'd'.repeat(10001) });
    await assertRefused(r, before, ['name', 'room', 'description']);
    assert.equal(inputValue(r.text, 'street_address'), `Typed street ${tag}`);
    assert.equal(textareaValue(r.text, 'description'), 'd'.repeat(10001));
  });

  test('C1 controls, DEL and noncharacters are refused like C0 controls, in one-line and multi-line fields', async () => {
    const before = await counts();
    for (const bad of ['\u0085', '\u007f', '\ufffe', '\ufdd0', '\u{10ffff}']) {
      const r = await submit('/admin/locations/new', { name: `Hall${bad}`, description: `Access${bad}` });
      await assertRefused(r, before, ['name', 'description']);
      assert.equal(inputValue(r.text, 'name'), 'Hall\uFFFD', JSON.stringify(bad));
    }
    const ok = await submit('/admin/locations/new', { name: `Salle des fêtes ${tag} – 𝄞`, description: 'Line one\r\n\tindented' });
    assert.equal(ok.status, 303, 'other characters, line breaks and tabs in multi-line text are fine');
  });

  test('a membership with an unknown person, role and voting value, and a bad date', async () => {
    const before = await counts();
    const r = await submit(`/admin/committees/${ids.orgId}/members`, { person_id: '999999', role: 'king', voting: 'maybe', start: '22/05/2025' });
    await assertRefused(r, before, ['person_id', 'role', 'voting', 'start']);
    assert.equal(inputValue(r.text, 'start'), '22/05/2025', 'the typed date is kept');
    assert.match(r.text, /<h2 id="members">/, "the committee's page is shown again");
  });

  test('a second open membership of the same person is refused; the typed choices are kept', async () => {
    const before = await counts();
    const r = await submit(`/admin/committees/${ids.orgId}/members`, { person_id: ids.personId, role: 'chair', voting: '1', start: '' });
    const summary = await assertRefused(r, before, ['person_id']);
    assert.match(summary[0].msg, /is already a member of this committee with no end date/);
    assert.ok(summary[0].msg.startsWith(`Dr ${GIVEN} ${FAMILY}`), summary[0].msg);
    assert.ok(r.text.includes(esc(`Dr ${GIVEN} ${FAMILY}`)), 'the name in the message is escaped');
    assert.equal(selected(r.text, 'role'), 'chair');
    assert.equal(selected(r.text, 'person_id'), String(ids.personId));
  });

  test('ending a membership needs a date, not before its start', async () => {
    const url = `/admin/committees/${ids.orgId}/members/${ids.membershipId}/end`;
    const before = await counts();
    for (const [end, msg] of [['', /Enter the date the membership ends/], ['2025-05-21', /cannot end before it started/], ['2025-13-01', /Enter the date/]]) {
      const r = await submit(url, { end });
      const summary = await assertRefused(r, before, [`end-${ids.membershipId}`]);
      assert.match(summary[0].msg, msg, end);
      const typed = r.text.match(new RegExp(`id="f-end-${ids.membershipId}" name="end" value="([^"]*)"`));
      assert.equal(typed && decode(typed[1]), end, 'the typed date is kept');
    }
  });

  test('ids that do not exist, or a membership of another committee: 404, nothing changed', async () => {
    const before = await counts();
    const cases = [
      ['/admin/committees/999999', { name: 'X', kind: 'committee' }],
      ['/admin/committees/999999/members', { person_id: ids.personId, role: 'member', voting: '1' }],
      [`/admin/committees/${ids.orgId}/members/999999/end`, { end: day(-2) }],
      [`/admin/committees/${ids.longOrgId}/members/${ids.membershipId}/end`, { end: day(-2) }],
      ['/admin/people/999999', { given_name: 'X' }],
      ['/admin/locations/999999', { name: 'X' }],
    ];
    for (const [url, fields] of cases) {
      const r = await submit(url, fields);
      assert.equal(r.status, 404, url);
    }
    assert.deepEqual(await counts(), before);
  });
});

describe('ending a membership', () => {
  test('303; the person leaves the current members on the public page; the row is kept with its end date', async () => {
    const end = day(-2);
    const auditBefore = await maxAuditId(db);
    const r = await submit(`/admin/committees/${ids.orgId}/members/${ids.membershipId}/end`, { end });
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), `/admin/committees/${ids.orgId}#members`);
    const [row] = await sql(db, `SELECT end_date, deleted FROM membership WHERE id = ${ids.membershipId}`);
    assert.deepEqual(row, { end_date: end, deleted: 0 }, 'ended, not deleted');
    const audit = await sql(db, `SELECT action, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ${auditBefore}`);
    assert.deepEqual(audit.map(({ action, entity, entity_id }) => ({ action, entity, entity_id })), [{ action: 'end', entity: 'membership', entity_id: ids.membershipId }]);
    assert.equal(JSON.parse(audit[0].before_json).end_date, null);
    assert.equal(JSON.parse(audit[0].after_json).end_date, end);

    const pub = await fetchAs(base, `/committees/${ids.orgId}`);
    assert.equal(pub.status, 200);
    assert.ok(!pub.text.includes(`/people/${ids.personId}"`), 'no longer among the current members');
    assert.match(pub.text, /No members are recorded/);
    const person = await fetchAs(base, `/people/${ids.personId}`);
    assert.match(textOf(person.text), /until/, "the person's page shows the membership as ended");
    const admin = await page(`/admin/committees/${ids.orgId}`);
    const past = admin.text.match(/<caption>Past members<\/caption>[\s\S]*?<\/table>/);
    assert.ok(past && past[0].includes(`/admin/people/${ids.personId}"`), 'listed under past members in the back office');
    assert.doesNotMatch(admin.text, new RegExp(`/members/${ids.membershipId}/end"`), 'with no end form any more');
    assert.ok((await page('/admin/committees')).text.includes(`${esc(`${COMMITTEE} (renamed)`)}</a></td><td>Panel</td><td>0</td>`));
  });

  test('ending it again is a 409; the person may then join again', async () => {
    const before = await counts();
    const r = await submit(`/admin/committees/${ids.orgId}/members/${ids.membershipId}/end`, { end: day(-1) });
    assert.equal(r.status, 409);
    assert.deepEqual(await counts(), before);
    const again = await submit(`/admin/committees/${ids.orgId}/members`, { person_id: ids.personId, role: 'member', voting: '1', start: day(-1) });
    assert.equal(again.status, 303, textOf(again.text).slice(0, 300));
    const pub = await fetchAs(base, `/committees/${ids.orgId}`);
    assert.ok(pub.text.includes(`/people/${ids.personId}"`), 'a current member again');
  });
});

describe('authorization', () => {
  test('anonymous: GET → 303 to sign in, POST → 401; a wrong CSRF token → 403; nothing changed', async () => {
    const before = await counts();
    for (const url of ['/admin/committees', `/admin/committees/${ids.orgId}`, '/admin/people/new', `/admin/locations/${ids.venueId}`]) {
      const r = await fetchAs(base, url);
      assert.equal(r.status, 303, url);
      const loc = r.headers.get('location') ?? '';
      assert.ok(loc.startsWith('/login?next='), loc);
      assert.equal(decodeURIComponent(loc.slice('/login?next='.length)), url, 'comes back here after signing in');
    }
    const r = await post(base, '/admin/people/new', { csrf: clerk.csrf, given_name: 'Anon', family_name: 'Ymous' });
    assert.equal(r.status, 401);
    const w = await submit('/admin/locations/new', { name: 'Forged' }, { csrf: 'x'.repeat(43) });
    assert.equal(w.status, 403);
    assert.deepEqual(await counts(), before);
  });
});
