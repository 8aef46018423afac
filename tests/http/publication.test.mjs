// The publication record seen from outside (issue 10): an OParl object's
// `modified` moves when something public about it changes, and only then,
// so that a watcher cannot learn that hidden content (draft minutes, an
// exempt item) changed; a withdrawn agenda reads "withdrawn" and its items
// become OParl "deleted" stubs (they were public once); the reason given
// for withdrawing it stays in the back office.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, signIn, sql } from './backoffice-helpers.mjs';
import { get } from './helpers.mjs';
import { BackOffice } from './sweep-helpers.mjs';

const PASSWORD = 'publication test password';
let srv;
let bo;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const oparl = async (p) => {
  const r = await get(srv.base, `/oparl/v1.1/${p}`);
  return { status: r.status, json: r.status === 200 ? JSON.parse(r.text) : null };
};
/** Every id in a list, page by page (with modified_since when given). */
async function listIds(p, since) {
  const ids = [];
  let url = `${srv.base}/oparl/v1.1/${p}${since ? `?modified_since=${encodeURIComponent(since)}` : ''}`;
  while (url) {
    const r = await get(url, '');
    assert.equal(r.status, 200, url);
    const page = JSON.parse(r.text);
    for (const o of page.data) ids.push(o.id.replace(/^.*\/oparl\/v1\.1\//, ''));
    url = page.links?.next ?? null;
  }
  return ids;
}
const nowIso = () => new Date(Math.ceil(Date.now() / 1000) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

before(async () => {
  srv = await startServer();
  addUser(srv.dbPath, { email: 'pub@example.org', role: 'admin', password: PASSWORD });
  const s = await signIn(srv.base, 'pub@example.org', PASSWORD);
  bo = new BackOffice(srv.base, s.cookie);
});

after(async () => {
  await srv?.stop();
});

test('hidden changes (draft minutes, an exempt item) leave modified where it was; a public one moves it', async () => {
  const [draft] = await sql(srv.dbPath, "SELECT m.id AS meeting, i.id AS item FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id"
    + " WHERE m.published = 1 AND m.agenda_status = 'published' AND m.minutes_status = 'draft' AND i.exempt = 0 AND i.kind = 'item' ORDER BY i.id LIMIT 1");
  const [exempt] = await sql(srv.dbPath, "SELECT m.id AS meeting, i.id AS item FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id"
    + " WHERE m.published = 1 AND m.agenda_status = 'published' AND i.exempt = 1 ORDER BY i.id LIMIT 1");
  assert.ok(draft && exempt, 'the demo has a meeting with draft minutes and an exempt item');
  const before = {};
  for (const p of [`meeting/${draft.meeting}`, `agendaitem/${draft.item}`, `meeting/${exempt.meeting}`, `agendaitem/${exempt.item}`]) {
    const o = await oparl(p);
    assert.equal(o.status, 200, p);
    before[p] = o.json.modified;
  }
  await sleep(1100);
  const since = nowIso();
  await sleep(1100);
  await bo.saveItem(draft.meeting, draft.item, { minutes: 'Draft minutes, rewritten by the clerk.' });
  await bo.saveItem(exempt.meeting, exempt.item, { description: 'A confidential description, rewritten.' });
  for (const [p, mod] of Object.entries(before)) assert.equal((await oparl(p)).json.modified, mod, `${p}: modified did not move`);
  const changed = await listIds('body/1/meeting', since);
  assert.ok(!changed.includes(`meeting/${draft.meeting}`) && !changed.includes(`meeting/${exempt.meeting}`),
    `modified_since lists neither meeting: ${changed.join(' ')}`);
  assert.deepEqual(await listIds('body/1/agendaitem', since), []);

  // The item's title is public: the item and the meeting that embeds it move.
  await bo.saveItem(draft.meeting, draft.item, { title: 'A title the public sees' });
  const item = (await oparl(`agendaitem/${draft.item}`)).json;
  const meeting = (await oparl(`meeting/${draft.meeting}`)).json;
  assert.ok(item.modified >= since && item.modified > before[`agendaitem/${draft.item}`], `item modified ${item.modified}`);
  assert.ok(meeting.modified >= since, `meeting modified ${meeting.modified}`);
  assert.deepEqual(await listIds('body/1/agendaitem', since), [`agendaitem/${draft.item}`]);
  assert.ok((await listIds('body/1/meeting', since)).includes(`meeting/${draft.meeting}`));
});

test('a withdrawn agenda reads "withdrawn"; its items become deleted stubs; the reason stays inside', async () => {
  const [m] = await sql(srv.dbPath, "SELECT id FROM meeting WHERE published = 1 AND agenda_status = 'published'"
    + " AND minutes_status = 'none' AND deleted = 0 ORDER BY start_at DESC LIMIT 1");
  assert.ok(m, 'the demo has a published agenda without minutes');
  const items = await sql(srv.dbPath, `SELECT id FROM agenda_item WHERE meeting_id = ${m.id} AND deleted = 0`);
  assert.ok(items.length >= 1);
  let page = (await get(srv.base, `/meetings/${m.id}`)).text;
  assert.match(page, /<dt>Agenda<\/dt><dd>Published /);
  const reason = 'Withdrawn because Qvxwithdrawreason is not ready';
  await bo.unpublishAgenda(m.id, reason);

  page = (await get(srv.base, `/meetings/${m.id}`)).text;
  assert.match(page, /<dt>Agenda<\/dt><dd>Withdrawn /, 'the page says withdrawn');
  assert.doesNotMatch(page, /<dt>Agenda<\/dt><dd>Published/);
  assert.match(page, /The agenda for this meeting has been withdrawn/);
  assert.doesNotMatch(page, /Qvxwithdrawreason/);
  const meeting = (await oparl(`meeting/${m.id}`)).json;
  assert.equal(meeting['witan:agendaStatus'], 'withdrawn');
  assert.equal(meeting.agendaItem, undefined, 'no items embedded');
  assert.doesNotMatch(JSON.stringify(meeting), /Qvxwithdrawreason/);
  for (const { id } of items) {
    const o = await oparl(`agendaitem/${id}`);
    assert.equal(o.status, 200, `item ${id}: a stub`);
    assert.equal(o.json.deleted, true);
    // (what OParl keeps of a deleted object, and the body's licence)
    assert.deepEqual(Object.keys(o.json).sort(), ['created', 'deleted', 'id', 'license', 'modified', 'type']);
    assert.equal((await get(srv.base, `/meetings/${m.id}/items/${id}`)).status, 404);
  }
  // The back office keeps the reason, in the audit log.
  const [audit] = await sql(srv.dbPath, `SELECT after_json FROM audit_log WHERE entity = 'meeting' AND entity_id = ${m.id} AND action = 'unpublish agenda'`);
  assert.equal(JSON.parse(audit.after_json).reason, reason);
  const [row] = await sql(srv.dbPath, `SELECT state_reason FROM meeting WHERE id = ${m.id}`);
  assert.equal(row.state_reason, null, 'the reason is not stored where the public reads');

  // Published again: the items are back, and the page says published.
  await bo.publishAgenda(m.id);
  page = (await get(srv.base, `/meetings/${m.id}`)).text;
  assert.match(page, /<dt>Agenda<\/dt><dd>Published /);
  assert.equal((await oparl(`agendaitem/${items[0].id}`)).json.deleted, undefined);
});

test('a meeting never listed is 404 everywhere, and not even a stub', async () => {
  const [c] = await sql(srv.dbPath, 'SELECT id FROM organization WHERE deleted = 0 ORDER BY id LIMIT 1');
  const id = await bo.createMeeting({ organization: c.id, date: '2031-05-06', name: 'A private briefing', listed: false });
  assert.ok(id > 0);
  const admin = await bo.page(`/admin/meetings/${id}`);
  assert.match(admin, /Not listed in the public calendar/);
  assert.equal((await get(srv.base, `/meetings/${id}`)).status, 404);
  assert.equal((await get(srv.base, `/meetings/${id}.ics`)).status, 404);
  assert.equal((await oparl(`meeting/${id}`)).status, 404);
  assert.ok(!(await listIds('body/1/meeting', '1970-01-01T00:00:00Z')).includes(`meeting/${id}`));
  // Listed, it appears; unlisted again, it was public once: a stub.
  await bo.fill(`/admin/meetings/${id}`, `/admin/meetings/${id}`, { listed: '1' });
  assert.equal((await get(srv.base, `/meetings/${id}`)).status, 200);
  // The details form shows it ticked, so saving the details as they are keeps it listed.
  assert.match(await bo.page(`/admin/meetings/${id}`), /<input type="checkbox" id="f-listed" name="listed" value="1" checked/);
  await bo.fill(`/admin/meetings/${id}`, `/admin/meetings/${id}`, { name: 'A briefing, now public' });
  assert.equal((await get(srv.base, `/meetings/${id}`)).status, 200);
  await bo.fill(`/admin/meetings/${id}`, `/admin/meetings/${id}`, {}, { drop: ['listed'] });
  assert.equal((await get(srv.base, `/meetings/${id}`)).status, 404);
  const stub = await oparl(`meeting/${id}`);
  assert.equal(stub.status, 200);
  assert.equal(stub.json.deleted, true);
});
