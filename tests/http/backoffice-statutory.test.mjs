// The back office's statutory records (issue 13; src/admin/decisions.c,
// plan.c, interests.c): a clerk records a decision from an agenda item
// (the form filled in from the item), publishes and edits it, audited;
// adds forward plan entries (short notice warned of with the days given,
// an urgency without its reason and a private decision without its
// paragraph refused); registers, edits and ends a member's interests (a
// sensitive one's text never public); a POST without the CSRF token is
// refused.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, auditSince, fetchAs, maxAuditId, post, selectOptions, signIn, sql } from './backoffice-helpers.mjs';
import { anchors, decode, textOf, titleOf } from './helpers.mjs';

const CLERK = { email: 'clerk.statutory@example.org', name: 'Stella Statutoryclerk', role: 'clerk', password: 'statutory-password-0123' };
const tag = randomBytes(3).toString('hex');

let srv;
let base;
let db;
let clerk;
const ids = {};

const submit = (urlPath, fields, { csrf = clerk.csrf } = {}) => post(base, urlPath, { csrf, ...fields }, { cookie: clerk.cookie });
const page = (urlPath) => fetchAs(base, urlPath, { cookie: clerk.cookie });

function redirectId(r, re) {
  assert.equal(r.status, 303, `answered ${r.status}: ${textOf(r.text).slice(0, 400)}`);
  const m = r.headers.get('location').match(re);
  assert.ok(m, `Location ${r.headers.get('location')} matches ${re}`);
  return Number(m[1]);
}

function inputValue(html, name) {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
  return m ? decode(m[1]) : null;
}
function textareaValue(html, name) {
  const m = html.match(new RegExp(`<textarea[^>]*name="${name}"[^>]*>\\n?([\\s\\S]*?)</textarea>`));
  return m ? decode(m[1]) : null;
}
function selected(html, name) {
  const m = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  const o = m && m[1].match(/<option value="([^"]*)" selected>/);
  return o ? decode(o[1]) : null;
}
function checked(html, name) {
  return new RegExp(`<input type="checkbox"[^>]*name="${name}"[^>]*checked`).test(html);
}
function errorSummary(html) {
  const m = html.match(/<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/);
  return m ? [...m[1].matchAll(/<li><a href="#([^"]+)">([\s\S]*?)<\/a><\/li>/g)].map((x) => ({ field: x[1], msg: textOf(x[2]) })) : [];
}
async function count(table) {
  const [r] = await sql(db, `SELECT count(*) AS n FROM ${table}`);
  return r.n;
}
function assertRefused(r, fields) {
  assert.equal(r.status, 400, textOf(r.text).slice(0, 400));
  assert.match(titleOf(r.text), /^Error: /);
  const summary = errorSummary(r.text);
  assert.deepEqual(summary.map((e) => e.field).sort(), fields.map((f) => `f-${f}`).sort(), JSON.stringify(summary));
  for (const f of fields) assert.match(r.text, new RegExp(`id="f-${f}"[^>]*aria-invalid="true"`), `${f} is marked invalid`);
  return summary;
}

/** The date n days after YYYY-MM-DD d. */
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer();
  base = srv.base;
  db = srv.dbPath;
  addUser(db, CLERK);
  clerk = await signIn(base, CLERK.email, CLERK.password);
  // An item of a cabinet meeting with a paper, and one of a committee's.
  const [cab] = await sql(db, "SELECT i.id, i.meeting_id, i.title, i.paper_id, m.organization_id, substr(m.start_at, 1, 10) AS day,"
    + ' p.key_decision FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id JOIN organization o ON o.id = m.organization_id'
    + " JOIN paper p ON p.id = i.paper_id WHERE o.kind = 'cabinet' AND i.deleted = 0 AND m.deleted = 0 ORDER BY i.id LIMIT 1");
  const [com] = await sql(db, 'SELECT i.id, i.meeting_id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id'
    + " JOIN organization o ON o.id = m.organization_id WHERE o.kind <> 'cabinet' AND i.deleted = 0 AND m.deleted = 0 ORDER BY i.id LIMIT 1");
  ids.cab = cab;
  ids.com = com;
  const [person] = await sql(db, 'SELECT id FROM person WHERE deleted = 0 ORDER BY id LIMIT 1');
  ids.person = person.id;
});

after(async () => {
  await srv?.stop();
});

describe('decisions', () => {
  test('the dashboard links to decisions and the forward plan; the lists answer', async () => {
    const dash = await page('/admin');
    const hrefs = anchors(dash.text).map((a) => a.href);
    assert.ok(hrefs.includes('/admin/decisions'));
    assert.ok(hrefs.includes('/admin/forward-plan'));
    for (const url of ['/admin/decisions', '/admin/decisions/new', '/admin/forward-plan', '/admin/forward-plan/new']) {
      const r = await page(url);
      assert.equal(r.status, 200, url);
      assert.match(r.headers.get('cache-control') ?? '', /no-store/, url);
    }
  });

  test('the item page offers "Record a decision", which fills the form in from the item', async (t) => {
    if (!ids.cab) return t.skip('no cabinet item with a paper in the demo');
    const item = await page(`/admin/meetings/${ids.cab.meeting_id}/items/${ids.cab.id}`);
    assert.equal(item.status, 200);
    const link = anchors(item.text).find((a) => a.text.includes('Record a decision'));
    assert.equal(link?.href, `/admin/meetings/${ids.cab.meeting_id}/items/${ids.cab.id}/decision`);
    const r = await page(link.href);
    assert.equal(r.status, 200);
    assert.equal(inputValue(r.text, 'title'), ids.cab.title);
    assert.equal(inputValue(r.text, 'agenda_item_id'), String(ids.cab.id));
    assert.equal(inputValue(r.text, 'paper_id'), String(ids.cab.paper_id));
    assert.equal(selected(r.text, 'decision_maker_id'), String(ids.cab.organization_id));
    assert.equal(inputValue(r.text, 'decided_on'), ids.cab.day);
    assert.equal(selected(r.text, 'kind'), 'executive');
    assert.equal(checked(r.text, 'key_decision'), ids.cab.key_decision === 1);
    assert.equal((await page(`/admin/meetings/${ids.cab.meeting_id}/items/999999999/decision`)).status, 404);
    assert.match(r.text, /action="\/admin\/decisions\/new"/);
  });

  test('a committee item gives a committee decision', async (t) => {
    if (!ids.com) return t.skip('no committee item');
    const r = await page(`/admin/meetings/${ids.com.meeting_id}/items/${ids.com.id}/decision`);
    assert.equal(selected(r.text, 'kind'), 'committee');
  });

  test('record, refuse bad references, publish, edit: audited, public only once published', async () => {
    const before = await count('decision');
    const title = `Budget <b>& ${tag}`;
    const form = { title, decision: 'Approved the **budget**.', agenda_item_id: ids.cab.id, paper_id: '999999999',
      decision_maker_id: ids.cab.organization_id, decided_on: ids.cab.day, kind: 'executive', status: 'made' };
    // A paper that does not exist, an item that is not a number: refused, nothing typed lost.
    let r = await submit('/admin/decisions/new', { ...form, agenda_item_id: 'twelve' });
    const summary = assertRefused(r, ['agenda_item_id', 'paper_id']);
    assert.match(summary.find((e) => e.field === 'f-paper_id').msg, /no paper 999999999/);
    assert.match(summary.find((e) => e.field === 'f-agenda_item_id').msg, /whole number/);
    assert.equal(inputValue(r.text, 'title'), title);
    assert.equal(textareaValue(r.text, 'decision'), form.decision);
    assert.equal(inputValue(r.text, 'agenda_item_id'), 'twelve');
    // A made decision without a date.
    r = await submit('/admin/decisions/new', { ...form, paper_id: ids.cab.paper_id, decided_on: '' });
    assertRefused(r, ['decided_on']);
    assert.equal(await count('decision'), before, 'nothing saved');

    const audit0 = await maxAuditId(db);
    r = await submit('/admin/decisions/new', { ...form, paper_id: ids.cab.paper_id });
    ids.decision = redirectId(r, /^\/admin\/decisions\/(\d+)$/);
    const audit = await auditSince(db, audit0);
    assert.ok(audit.some((a) => a.entity === 'decision' && a.entity_id === ids.decision && a.action === 'create'), JSON.stringify(audit));
    const [row] = await sql(db, `SELECT published, decision_html, kind FROM decision WHERE id = ${ids.decision}`);
    assert.equal(row.published, 0);
    assert.match(row.decision_html, /<strong>budget<\/strong>/);

    // Listed, marked unpublished; on the item's page with an edit link.
    const list = await page('/admin/decisions');
    assert.match(list.text, new RegExp(`href="/admin/decisions/${ids.decision}">Budget &lt;b&gt;&amp; ${tag}</a> <span class="tag tag-exempt">Not published`));
    const item = await page(`/admin/meetings/${ids.cab.meeting_id}/items/${ids.cab.id}`);
    assert.ok(anchors(item.text).some((a) => a.href === `/admin/decisions/${ids.decision}`));

    // Not public while unpublished.
    const [pub0] = await sql(db, `SELECT count(*) AS n FROM pub_decision WHERE id = ${ids.decision}`);
    assert.equal(pub0.n, 0);
    const p0 = await fetchAs(base, `/decisions/${ids.decision}`);
    assert.equal(p0.status, 404);

    // Edit: published, a new title; audited as an update.
    const audit1 = await maxAuditId(db);
    r = await submit(`/admin/decisions/${ids.decision}`, { ...form, paper_id: ids.cab.paper_id, title: `${title} (amended)`, published: '1' });
    assert.equal(redirectId(r, /^\/admin\/decisions\/(\d+)$/), ids.decision);
    const audit2 = await auditSince(db, audit1);
    assert.ok(audit2.some((a) => a.entity === 'decision' && a.entity_id === ids.decision && a.action === 'update'));
    const edit = await page(`/admin/decisions/${ids.decision}`);
    assert.equal(inputValue(edit.text, 'title'), `${title} (amended)`);
    assert.ok(checked(edit.text, 'published'));
    const [pub1] = await sql(db, `SELECT title FROM pub_decision WHERE id = ${ids.decision}`);
    assert.equal(pub1?.title, `${title} (amended)`, 'public once published (pub_decision)');
    const p1 = await fetchAs(base, `/decisions/${ids.decision}`);
    if (p1.status === 404) {
      // TODO: /decisions/{id} is written on another branch (public pages); until it is merged the public
      // view pub_decision (above) is the assertion.
    } else {
      assert.equal(p1.status, 200);
      assert.ok(p1.text.includes('Budget &lt;b&gt;&amp;'));
    }
  });

  test('a POST without the CSRF token is refused and changes nothing', async () => {
    const before = await count('decision');
    const r = await post(base, '/admin/decisions/new', { title: 'No token', decision: 'x', status: 'proposed' }, { cookie: clerk.cookie });
    assert.equal(r.status, 403);
    const r2 = await post(base, '/admin/decisions/new', { csrf: clerk.csrf, title: 'No session', decision: 'x', status: 'proposed' });
    assert.equal(r2.status, 401);
    const r3 = await post(base, `/admin/people/${ids.person}/interests`, { category: 'gifts', description: 'x', registered_on: '2025-01-01' }, { cookie: clerk.cookie });
    assert.equal(r3.status, 403);
    assert.equal(await count('decision'), before);
  });
});

describe('the forward plan', () => {
  const entry = (over) => ({ title: `Depot contract ${tag}`, first_published: '2026-03-01', decision_due: '2026-03-20',
    restriction: 'open', urgency: 'none', status: 'planned', published: '1', ...over });

  test('short notice is saved with a warning naming the days given and the latest date in time', async () => {
    const r = await submit('/admin/forward-plan/new', entry({}));
    ids.plan = redirectId(r, /^\/admin\/forward-plan\/(\d+)$/);
    const p = await page(`/admin/forward-plan/${ids.plan}`);
    assert.equal(p.status, 200);
    const warning = textOf(p.text.match(/<div class="notice"[\s\S]*?<\/div>/)?.[0] ?? '');
    // 1 to 20 March: 18 calendar days strictly between; in time by 20 March - 29 days = 19 February.
    assert.match(warning, /gives 18 clear days before the decision; a key decision needs 28/);
    assert.match(warning, /latest date that would have been in time was Thursday 19 February 2026\./);
    assert.match(warning, /general exception or special urgency/);
    const list = await page('/admin/forward-plan');
    assert.match(list.text, /Short notice/);
  });

  test('28 clear days give no warning', async () => {
    const r = await submit('/admin/forward-plan/new', entry({ first_published: addDays('2026-03-20', -29) }));
    const id = redirectId(r, /^\/admin\/forward-plan\/(\d+)$/);
    const p = await page(`/admin/forward-plan/${id}`);
    assert.doesNotMatch(p.text, /class="notice"/);
    assert.match(textOf(p.text), /gives 28 clear days/);
  });

  test('general exception without a reason, exempt without a paragraph: refused, nothing lost', async () => {
    const before = await count('plan_entry');
    let r = await submit('/admin/forward-plan/new', entry({ urgency: 'general_exception', urgency_reason: '' }));
    assertRefused(r, ['urgency_reason']);
    assert.equal(selected(r.text, 'urgency'), 'general_exception');
    assert.equal(inputValue(r.text, 'title'), `Depot contract ${tag}`);
    r = await submit('/admin/forward-plan/new', entry({ restriction: 'exempt', exempt_paragraph: '' }));
    assertRefused(r, ['exempt_paragraph']);
    assert.equal(selected(r.text, 'restriction'), 'exempt');
    assert.equal(await count('plan_entry'), before);
    // With the reason, the short notice is recorded as general exception: no warning.
    r = await submit(`/admin/forward-plan/${ids.plan}`, entry({ urgency: 'general_exception', urgency_reason: 'The contract ends on 31 March.' }));
    redirectId(r, /^\/admin\/forward-plan\/(\d+)$/);
    const p = await page(`/admin/forward-plan/${ids.plan}`);
    assert.doesNotMatch(p.text, /class="notice"/);
    assert.match(textOf(p.text), /recorded as general exception/);
  });
});

describe('the register of interests', () => {
  const OPEN = `Director of Widgets Ltd ${tag}`;
  const SECRET = `Shelter address ${tag}`;

  test('register two interests, one sensitive: both in the back office, the sensitive text never public', async () => {
    const audit0 = await maxAuditId(db);
    let r = await submit(`/admin/people/${ids.person}/interests`, { category: 'employment', holder: 'member', description: OPEN, registered_on: '2025-05-20' });
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), `/admin/people/${ids.person}#interests`);
    r = await submit(`/admin/people/${ids.person}/interests`, { category: 'land', holder: 'partner', description: SECRET, sensitive: '1', registered_on: '2025-05-21' });
    assert.equal(r.status, 303);
    const rows = await sql(db, `SELECT id, description, sensitive, person_id FROM interest WHERE description LIKE '%${tag}' ORDER BY id`);
    assert.equal(rows.length, 2);
    ids.interest = rows[0].id;
    ids.sensitive = rows[1].id;
    const audit = await auditSince(db, audit0);
    assert.equal(audit.filter((a) => a.entity === 'interest' && a.action === 'create').length, 2);

    const admin = await page(`/admin/people/${ids.person}`);
    assert.ok(admin.text.includes(OPEN));
    assert.ok(admin.text.includes(SECRET), 'the back office shows the sensitive text');
    assert.match(admin.text, /Sensitive: not published/);
    const pub = await fetchAs(base, `/people/${ids.person}`);
    assert.equal(pub.status, 200);
    assert.ok(!pub.text.includes(SECRET), 'the public person page never shows the sensitive text');
    const [v] = await sql(db, `SELECT description FROM pub_interest WHERE id = ${ids.sensitive}`);
    assert.equal(v.description, null, 'nor does the public view');
  });

  test('bad input is refused with what was typed', async () => {
    const before = await count('interest');
    const r = await submit(`/admin/people/${ids.person}/interests`, { category: 'bribes', holder: 'member', description: 'Typed text kept', registered_on: '20 May' });
    assertRefused(r, ['category', 'registered_on']);
    assert.equal(textareaValue(r.text, 'description'), 'Typed text kept');
    assert.equal(inputValue(r.text, 'registered_on'), '20 May');
    assert.equal(await count('interest'), before);
    assert.equal((await submit('/admin/people/999999999/interests', { category: 'gifts' })).status, 404);
  });

  test('edit and end an interest: audited, and an end before it began is refused', async () => {
    const url = `/admin/people/${ids.person}/interests/${ids.interest}`;
    const e = await page(url);
    assert.equal(e.status, 200);
    assert.equal(textareaValue(e.text, 'description'), OPEN);
    const audit0 = await maxAuditId(db);
    let r = await submit(url, { category: 'employment', holder: 'member', description: `${OPEN} (unpaid)`, registered_on: '2025-05-20' });
    assert.equal(r.status, 303);
    r = await submit(`${url}/end`, { ended_on: '2025-01-01' });
    assertRefused(r, ['ended_on']);
    r = await submit(`${url}/end`, { ended_on: '2025-12-31' });
    assert.equal(r.status, 303);
    const [row] = await sql(db, `SELECT description, ended_on FROM interest WHERE id = ${ids.interest}`);
    assert.deepEqual(row, { description: `${OPEN} (unpaid)`, ended_on: '2025-12-31' });
    const audit = await auditSince(db, audit0);
    assert.equal(audit.filter((a) => a.entity === 'interest' && a.entity_id === ids.interest && a.action === 'update').length, 2);
    // Another person's path does not reach it.
    const [other] = await sql(db, `SELECT id FROM person WHERE deleted = 0 AND id <> ${ids.person} LIMIT 1`);
    assert.equal((await page(`/admin/people/${other.id}/interests/${ids.interest}`)).status, 404);
  });
});
