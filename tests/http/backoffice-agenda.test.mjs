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
    date: '2095-05-05', start: '10:00', end: '', name: 'Agenda builder test', webcast: '', listed: '1' }, { cookie: clerk.cookie });
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

test('a refused vote, declaration or upload shows its form again with what was typed', async () => {
  const vote = await post(srv.base, `/admin/meetings/${meetingId}/items/${ids[0]}/votes`,
    { csrf: clerk.csrf, motion: 'That the <report> be noted & filed', result: 'carried', for: 'seven', against: '1', abstentions: '0' },
    { cookie: clerk.cookie });
  assert.equal(vote.status, 400);
  assert.match(vote.text, /<title>Error: /);
  assert.match(vote.text, /<a href="#vote-for">Give the votes for as a whole number<\/a>/);
  assert.match(vote.text, /value="That the &lt;report&gt; be noted &amp; filed"/);
  assert.match(vote.text, /id="vote-for" name="for" value="seven"[^>]*aria-invalid="true"/);

  const [person] = await sql(srv.dbPath, 'SELECT min(id) AS id FROM person');
  const decl = await post(srv.base, `/admin/meetings/${meetingId}/declarations`,
    { csrf: clerk.csrf, person: String(person.id), item: '', kind: 'nonsense', description: 'My spouse works for the contractor' },
    { cookie: clerk.cookie });
  assert.equal(decl.status, 400);
  assert.match(decl.text, /value="My spouse works for the contractor"/);
  assert.match(decl.text, /<a href="#decl-kind">/);

  const up = await post(srv.base, `/admin/meetings/${meetingId}/documents`,
    { csrf: clerk.csrf, title: 'Appendix 2 – Budget', role: 'appendix', item_id: String(ids[1]),
      file: { data: Buffer.alloc(0), filename: 'empty.pdf', type: 'application/pdf' } },
    { cookie: clerk.cookie });
  assert.equal(up.status, 400);
  assert.match(up.text, /<a href="#up-file">The file is empty\.<\/a>/);
  assert.match(up.text, /id="up-title" name="title" value="Appendix 2 – Budget"/);
  assert.match(up.text, /<option value="appendix" selected>/);
  assert.match(up.text, new RegExp(`<option value="${ids[1]}" selected>`));
  const [{ n }] = await sql(srv.dbPath, `SELECT count(*) AS n FROM vote WHERE agenda_item_id = ${ids[0]}`);
  assert.equal(n, 0, 'the refused vote was not stored');
});
