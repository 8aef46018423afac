// The agenda builder: items are added at the end and numbered; a sub-item
// follows its main item as 4a, 4b; moving an item keeps sub-items with
// their main item; an item with sub-items cannot become one.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, fetchAs, post, signIn, sql } from './backoffice-helpers.mjs';

let srv, clerk, meetingId;
const ids = [];

const agenda = async () =>
  (await sql(srv.dbPath, `SELECT id, number, parent_id FROM agenda_item WHERE meeting_id = ${meetingId} ORDER BY position`))
    .map((r) => `${r.number}:${ids.indexOf(r.id) + 1}`);

async function save(i, fields) {
  return post(srv.base, `/admin/meetings/${meetingId}/items/${ids[i - 1]}`, {
    csrf: clerk.csrf, number: '', title: `Item ${i}`, paragraph: '', reason: '', description: '',
    minutes: '', decision: '', action: 'save', ...fields,
  }, { cookie: clerk.cookie });
}

before(async () => {
  srv = await startServer();
  addUser(srv.dbPath, { email: 'agenda@example.org', role: 'clerk', password: 'a long enough password' });
  clerk = await signIn(srv.base, 'agenda@example.org', 'a long enough password');
  const [org] = await sql(srv.dbPath, 'SELECT min(id) AS id FROM organization');
  const r = await post(srv.base, '/admin/meetings/new', { csrf: clerk.csrf, organization_id: org.id, location_id: '',
    date: '2095-05-05', start: '10:00', end: '', name: 'Agenda builder test', webcast: '' }, { cookie: clerk.cookie });
  assert.equal(r.status, 303);
  meetingId = Number(r.headers.get('location').match(/(\d+)$/)[1]);
  for (let i = 1; i <= 4; i++) {
    const a = await post(srv.base, `/admin/meetings/${meetingId}/items`, { csrf: clerk.csrf, title: `Item ${i}` }, { cookie: clerk.cookie });
    assert.equal(a.status, 303);
    ids.push(Number(a.headers.get('location').match(/items\/(\d+)$/)[1]));
  }
});
after(async () => { await srv?.stop(); });

test('new items are numbered in order', async () => {
  assert.deepEqual(await agenda(), ['1:1', '2:2', '3:3', '4:4']);
});

test('sub-items follow their main item as 1a, 1b', async () => {
  assert.equal((await save(4, { parent: String(ids[0]) })).status, 303);
  assert.deepEqual(await agenda(), ['1:1', '1a:4', '2:2', '3:3']);
  assert.equal((await save(3, { parent: String(ids[0]) })).status, 303);
  assert.deepEqual(await agenda(), ['1:1', '1a:4', '1b:3', '2:2']);
});

test('moving a main item takes its sub-items along; sub-items move among themselves', async () => {
  const move = (i, d) => post(srv.base, `/admin/meetings/${meetingId}/items/${ids[i - 1]}/move?d=${d}`, { csrf: clerk.csrf }, { cookie: clerk.cookie });
  assert.equal((await move(2, 'up')).status, 303);
  assert.deepEqual(await agenda(), ['1:2', '2:1', '2a:4', '2b:3']);
  assert.equal((await move(3, 'up')).status, 303);
  assert.deepEqual(await agenda(), ['1:2', '2:1', '2a:3', '2b:4']);
  assert.equal((await move(3, 'up')).status, 303, 'the first sub-item cannot move further up');
  assert.deepEqual(await agenda(), ['1:2', '2:1', '2a:3', '2b:4']);
});

test('an item with sub-items cannot become one, nor can an item be its own parent', async () => {
  const r = await save(1, { parent: String(ids[1]) });
  assert.equal(r.status, 400);
  assert.match(r.text, /cannot become one/);
  assert.match(r.text, /value="Item 1"/, 'what was typed is kept');
  const self = await save(2, { parent: String(ids[1]) });
  assert.equal(self.status, 400);
  const bogus = await save(2, { parent: 'x' });
  assert.equal(bogus.status, 400);
  assert.deepEqual(await agenda(), ['1:2', '2:1', '2a:3', '2b:4'], 'nothing changed');
});

test('the public agenda shows the sub-item numbers', async () => {
  assert.equal((await post(srv.base, `/admin/meetings/${meetingId}/publish`, { csrf: clerk.csrf }, { cookie: clerk.cookie })).status, 303);
  const page = await fetchAs(srv.base, `/meetings/${meetingId}`);
  const numbers = [...page.text.matchAll(/<span class="item-number">([^<]*)<\/span>/g)].map((m) => m[1]);
  assert.deepEqual(numbers, ['1', '2', '2a', '2b']);
});
