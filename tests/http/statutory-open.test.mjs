// The statutory records (issue 13: decision records, the forward plan and
// the register of members' interests) on the open surfaces: OParl (Witan's
// Decision and ForwardPlanEntry types, Paper / AgendaItem / Person
// extensions), search, the bulk export and the sitemap.  The rows are
// seeded into the test's own database with the sqlite3 CLI before its
// server starts, each with a word found nowhere else: what is published is
// found, what is not (an unpublished decision or plan entry, a sensitive
// interest's details) appears nowhere.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { dbQuery, startServer } from '../lib/server.mjs';
import { get, sleep, sql } from './helpers.mjs';
import { VENDOR_NS, isDate, isDateTime, isUrl } from './oparl-validate.mjs';

const W = {
  reasons: 'quixotrellis',       // the published decision's reasons
  alternative: 'plonkavery',     // ... and its alternatives
  hidden: 'zorblaxian',          // an unpublished decision
  plan: 'wibblequent',           // a published plan entry's consultees
  planDocs: 'gristlewort',       // ... and its documents
  hiddenPlan: 'flumpernickel',   // an unpublished plan entry
  interest: 'Grommetcorp',       // an open interest
  sensitive: 'Snarkleby',        // a sensitive interest's details
};
const PUB = 9001, HIDDEN = 9002, ITEM_DECISION = 9003, PLAN = 9101, HIDDEN_PLAN = 9102;

let srv, api, person, paper, item, org;

function write(dbPath, text) {
  return dbQuery(dbPath, text, { write: true });
}

async function seed(dbPath) {
  const one = async (q) => (await sql(dbPath, q))[0];
  // a person with no register of their own in the demo (an officer), so that the seeded three are theirs
  person = (await one('SELECT id FROM person WHERE deleted = 0 AND id NOT IN (SELECT person_id FROM interest) ORDER BY id LIMIT 1')).id;
  paper = (await one('SELECT id FROM paper WHERE public = 1 AND deleted = 0 ORDER BY id LIMIT 1')).id;
  org = (await one('SELECT id FROM organization WHERE deleted = 0 ORDER BY id LIMIT 1')).id;
  // an item whose decision is public: minutes published, not exempt
  item = await one("SELECT i.id, i.meeting_id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE m.published = 1 AND m.deleted = 0 AND m.agenda_status = 'published' AND m.minutes_status IN ('published', 'approved') AND i.exempt = 0 AND i.deleted = 0 AND i.minutes_md IS NOT NULL ORDER BY i.id LIMIT 1");
  assert.ok(person && paper && org && item, 'the demo has a person, a paper, a committee and an item with minutes');
  await write(dbPath, `
-- (the plan entries first: a decision names one)
INSERT INTO plan_entry(id, body_id, title, summary_md, summary_html, first_published, decision_due, consultees, documents, published, paper_id, decision_maker_id)
VALUES (${PLAN}, 1, 'Library service review', 'x', '<p>Opening hours of libraries.</p>', '2026-01-05', '2026-03-02',
  'Residents, by a ${W.plan} survey', 'Report of the ${W.planDocs} officer', 1, ${paper}, ${org});
INSERT INTO plan_entry(id, body_id, title, summary_md, summary_html, first_published, decision_due, published, paper_id)
VALUES (${HIDDEN_PLAN}, 1, 'The ${W.hiddenPlan} plan', 'x', '<p>${W.hiddenPlan}</p>', '2026-01-05', '2026-04-01', 0, ${paper});
INSERT INTO decision(id, title, decision_md, decision_html, reasons_md, reasons_html, alternatives_md, alternatives_html,
  decided_on, published, status, kind, key_decision, call_in, paper_id, decision_maker_id, plan_entry_id, wards)
VALUES (${PUB}, 'Library opening hours', 'Extend the hours.', '<p>Extend the hours.</p>', 'x', '<p>Because of ${W.reasons} demand.</p>',
  'x', '<p>Keep the hours (${W.alternative}).</p>', '2026-03-02', 1, 'made', 'executive', 1, 0, ${paper}, ${org}, ${PLAN}, 'All wards');
INSERT INTO decision(id, title, decision_md, decision_html, reasons_md, reasons_html, decided_on, published, status, paper_id)
VALUES (${HIDDEN}, 'The ${W.hidden} matter', 'x', '<p>${W.hidden} outcome</p>', 'x', '<p>${W.hidden} reasons</p>', '2026-03-03', 0, 'made', ${paper});
INSERT INTO decision(id, title, decision_md, decision_html, decided_on, published, status, agenda_item_id)
VALUES (${ITEM_DECISION}, 'Decided at the meeting', 'x', '<p>Agreed.</p>', '2026-03-04', 1, 'made', ${item.id});
INSERT INTO interest(id, person_id, category, holder, description, sensitive, registered_on, ended_on) VALUES
  (9201, ${person}, 'employment', 'member', 'Consultant at ${W.interest} Ltd', 0, '2025-05-01', NULL),
  (9202, ${person}, 'land', 'partner', 'House at 12 ${W.sensitive} Lane', 1, '2025-05-02', NULL),
  (9203, ${person}, 'gifts', 'member', 'Tickets', 0, '2024-01-01', '2024-12-31');
`);
  // (a run of more decisions, to page through)
  const rows = [];
  for (let i = 0; i < 12; i++) rows.push(`(${9300 + i}, 'Officer decision ${i}', 'x', '<p>Done.</p>', '2026-02-${String(i + 1).padStart(2, '0')}', 1, 'made', 'officer')`);
  await write(dbPath, `INSERT INTO decision(id, title, decision_md, decision_html, decided_on, published, status, kind) VALUES ${rows.join(',\n')};`);
}

const json = async (p) => {
  const r = await get(srv.base, p);
  return { status: r.status, text: r.text, json: r.status === 200 ? JSON.parse(r.text) : undefined };
};

/** Every object of an OParl list, page by page (limit a page). */
async function walk(url, limit) {
  const pages = [];
  let next = `${url}${url.includes('?') ? '&' : '?'}limit=${limit}`;
  while (next) {
    const r = await fetch(next);
    assert.equal(r.status, 200, next);
    const page = await r.json();
    pages.push(page);
    assert.ok(pages.length < 100, 'the list ends');
    next = page.links.next;
  }
  return pages;
}

/** GET /export until it lists the downloads (made in the background). */
async function exportReady() {
  for (let i = 0; i < 150; i++) {
    const r = await get(srv.base, '/export');
    if (r.status === 200 && /<table class="downloads">/.test(r.text)) return;
    await sleep(100);
  }
  throw new Error('/export never listed the downloads');
}

const jsonl = (text) => text.split('\n').filter((l) => l).map((l) => JSON.parse(l));

before(async () => {
  srv = await startServer({ seed });
  api = `${srv.base}/oparl/v1.1`;
});
after(async () => {
  await srv?.stop();
});

describe('OParl', () => {
  test('a published decision is a Decision object with its fields and links', async () => {
    const r = await json(`/oparl/v1.1/decision/${PUB}`);
    assert.equal(r.status, 200, r.text);
    const d = r.json;
    assert.equal(d.id, `${api}/decision/${PUB}`);
    assert.equal(d.type, `${VENDOR_NS}Decision`);
    assert.equal(d.name, 'Library opening hours');
    assert.equal(d.kind, 'executive');
    assert.equal(d.status, 'made');
    assert.ok(isDate(d.date) && d.date === '2026-03-02');
    assert.equal(d.keyDecision, true);
    assert.equal(d.callIn, false);
    assert.equal(d.wards, 'All wards');
    assert.match(d.reasons, new RegExp(W.reasons));
    assert.match(d.alternatives, new RegExp(W.alternative));
    assert.equal(d.decisionText, 'Extend the hours.');
    assert.equal(d.paper, `${api}/paper/${paper}`);
    assert.equal(d.decisionMaker, `${api}/organization/${org}`);
    assert.equal(d.forwardPlanEntry, `${api}/plan_entry/${PLAN}`);
    assert.equal(d.web, `${srv.base}/decisions/${PUB}`);
    assert.ok(isUrl(d.license));
    assert.ok(isDateTime(d.created) && isDateTime(d.modified));
    for (const [k, v] of Object.entries(d)) assert.notEqual(v, null, `${k} is left out, not null`);
    // A decision taken at a meeting: its meeting and item, and the item lists it.
    const m = (await json(`/oparl/v1.1/decision/${ITEM_DECISION}`)).json;
    assert.equal(m.agendaItem, `${api}/agendaitem/${item.id}`);
    assert.equal(m.meeting, `${api}/meeting/${item.meeting_id}`);
    const ai = (await json(`/oparl/v1.1/agendaitem/${item.id}`)).json;
    assert.ok(ai['witan:decisionRecords']?.includes(`${api}/decision/${ITEM_DECISION}`), 'the item lists its decision record');
  });

  test('a forward plan entry is a ForwardPlanEntry object; the paper lists both', async () => {
    const p = (await json(`/oparl/v1.1/plan_entry/${PLAN}`)).json;
    assert.equal(p.type, `${VENDOR_NS}ForwardPlanEntry`);
    assert.equal(p.id, `${api}/plan_entry/${PLAN}`);
    assert.equal(p.body, `${api}/body/1`);
    assert.equal(p.decisionDue, '2026-03-02');
    assert.equal(p.firstPublished, '2026-01-05');
    assert.match(p.consultees, new RegExp(W.plan));
    assert.equal(p.restriction, 'open');
    assert.equal(p.status, 'planned');
    assert.deepEqual(p.decisions, [`${api}/decision/${PUB}`]);
    assert.equal(p.web, `${srv.base}/forward-plan#entry-${PLAN}`);
    const pa = (await json(`/oparl/v1.1/paper/${paper}`)).json;
    assert.ok(pa['witan:decisions'].includes(`${api}/decision/${PUB}`));
    assert.ok(!pa['witan:decisions'].includes(`${api}/decision/${HIDDEN}`), 'not the unpublished decision');
    assert.deepEqual(pa['witan:forwardPlan'], [`${api}/plan_entry/${PLAN}`]);
    const body = (await json('/oparl/v1.1/body/1')).json;
    assert.equal(body['witan:decisionList'], `${api}/body/1/decision`);
    assert.equal(body['witan:forwardPlanList'], `${api}/body/1/plan_entry`);
  });

  test('the decision list pages by id with next links, and filters by modified', async () => {
    const pages = await walk(`${api}/body/1/decision`, 5);
    const ids = pages.flatMap((p) => p.data.map((o) => Number(o.id.split('/').pop())));
    assert.ok(pages.length >= 3, `several pages (${pages.length})`);
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], 'ids increase across pages');
    assert.equal(pages[0].pagination.totalElements, ids.length, 'totalElements counts the whole list');
    for (const p of pages.slice(0, -1)) assert.equal(p.data.length, 5);
    assert.ok(ids.includes(PUB) && ids.includes(9311) && !ids.includes(HIDDEN));
    for (const o of pages.flatMap((p) => p.data)) assert.equal(o.type, `${VENDOR_NS}Decision`);
    const want = (await sql(srv.dbPath, 'SELECT count(*) AS n FROM pub_decision'))[0].n;
    assert.equal(ids.length, want);
    // modified_since in the future: nothing
    const none = (await json('/oparl/v1.1/body/1/decision?modified_since=2999-01-01T00:00:00Z')).json;
    assert.deepEqual(none.data, []);
    const plans = (await walk(`${api}/body/1/plan_entry`, 1)).flatMap((p) => p.data.map((o) => o.id));
    const wantPlans = (await sql(srv.dbPath, 'SELECT id FROM pub_plan_entry ORDER BY id')).map((r) => `${api}/plan_entry/${r.id}`);
    assert.deepEqual(plans, wantPlans, 'one entry a page, every public entry once, in id order');
    assert.ok(plans.includes(`${api}/plan_entry/${PLAN}`) && !plans.includes(`${api}/plan_entry/${HIDDEN_PLAN}`));
  });

  test('a person embeds the register of interests; a sensitive one says so, without its details', async () => {
    const p = (await json(`/oparl/v1.1/person/${person}`)).json;
    const ints = p['witan:interests'];
    assert.equal(ints.length, 3);
    const open = ints.find((i) => i.category === 'employment');
    assert.match(open.description, new RegExp(W.interest));
    assert.equal(open.holder, 'member');
    assert.equal(open.sensitive, false);
    assert.equal(open.registered, '2025-05-01');
    const sens = ints.find((i) => i.category === 'land');
    assert.equal(sens.sensitive, true);
    assert.equal(sens.holder, 'partner');
    assert.ok(!('description' in sens), 'no description');
    const ended = ints.find((i) => i.category === 'gifts');
    assert.equal(ended.ended, '2024-12-31');
    for (const i of ints) assert.ok(isDateTime(i.created) && isDateTime(i.modified));
  });

  test('unpublished decisions and plan entries are not there at all', async () => {
    assert.equal((await json(`/oparl/v1.1/decision/${HIDDEN}`)).status, 404);
    assert.equal((await json(`/oparl/v1.1/plan_entry/${HIDDEN_PLAN}`)).status, 404);
    for (const list of ['decision', 'plan_entry', 'paper', 'person']) {
      const pages = await walk(`${api}/body/1/${list}`, 1000);
      const text = JSON.stringify(pages);
      for (const w of [W.hidden, W.hiddenPlan, W.sensitive]) assert.ok(!text.includes(w), `${list}: no ${w}`);
      assert.ok(!text.includes(`/decision/${HIDDEN}"`) && !text.includes(`/plan_entry/${HIDDEN_PLAN}"`), `${list}: no URL of them`);
    }
  });
});

describe('search', () => {
  test('a published decision is found by a word of its reasons, and links to its page', async () => {
    for (const [q, kind, url] of [
      [W.reasons, 'decision', `/decisions/${PUB}`],
      [W.alternative, 'decision', `/decisions/${PUB}`],
      [W.plan, 'plan', `/forward-plan#entry-${PLAN}`],
      [W.planDocs, 'plan', `/forward-plan#entry-${PLAN}`],
    ]) {
      const r = await json(`/search.json?q=${q}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.results.length, 1, `${q}: one result`);
      const h = r.json.results[0];
      assert.equal(h.kind, kind);
      assert.equal(h.group, kind);
      assert.equal(h.url, url);
      assert.match(h.snippet_html, new RegExp(`<mark>${q}</mark>`));
      // the kind filter keeps it; another kind drops it
      assert.equal((await json(`/search.json?q=${q}&kind=${kind}`)).json.results.length, 1);
      assert.equal((await json(`/search.json?q=${q}&kind=item`)).json.results.length, 0);
    }
    const page = await get(srv.base, `/search?q=${W.reasons}`);
    assert.match(page.text, new RegExp(`href="/decisions/${PUB}"`));
    assert.match(page.text, /<option value="decision"/);
    // titles of decisions are found, with their date
    const t = (await json('/search.json?q=%22Library+opening+hours%22')).json.results[0];
    assert.equal(t.url, `/decisions/${PUB}`);
    assert.equal(t.date, '2026-03-02');
  });

  test('nothing unpublished or sensitive is found', async () => {
    for (const w of [W.hidden, W.hiddenPlan, W.sensitive, W.interest]) {
      const r = await json(`/search.json?q=${w}`);
      assert.equal(r.json.results.length, 0, `${w} is not found`);
    }
  });
});

describe('export and sitemap', () => {
  test('the export has decision, plan_entry and interest, described, and nothing hidden', async () => {
    await exportReady();
    const readme = (await get(srv.base, '/export/README.md')).text;
    for (const t of ['decision', 'plan_entry', 'interest']) assert.match(readme, new RegExp(`### \`${t}\``), `README describes ${t}`);
    assert.match(readme, /sensitive interest/i);
    const dec = jsonl((await get(srv.base, '/export/decision.jsonl')).text);
    assert.ok(dec.some((d) => d.id === PUB && d.reasons_html.includes(W.reasons)));
    assert.ok(!dec.some((d) => d.id === HIDDEN));
    const plans = jsonl((await get(srv.base, '/export/plan_entry.jsonl')).text);
    assert.ok(plans.some((p) => p.id === PLAN) && !plans.some((p) => p.id === HIDDEN_PLAN));
    const ints = jsonl((await get(srv.base, '/export/interest.jsonl')).text);
    assert.equal(ints.length, (await sql(srv.dbPath, 'SELECT count(*) AS n FROM pub_interest'))[0].n);
    assert.deepEqual(ints.filter((i) => i.id >= 9201 && i.id <= 9203).map((i) => i.id), [9201, 9202, 9203]);
    for (const i of ints) if (i.sensitive) assert.equal(i.description, null, `interest ${i.id}: sensitive, no description`);
    const sens = ints.find((i) => i.id === 9202);
    assert.equal(sens.description, null);
    assert.equal(sens.sensitive, 1);
    assert.ok(ints.find((i) => i.id === 9201).description.includes(W.interest));
    for (const f of ['decision', 'plan_entry', 'interest', 'person', 'paper']) {
      const text = (await get(srv.base, `/export/${f}.jsonl`)).text;
      for (const w of [W.hidden, W.hiddenPlan, W.sensitive]) assert.ok(!text.includes(w), `${f}.jsonl has no ${w}`);
    }
    const db = await get(srv.base, '/export/record.sqlite');
    for (const w of [W.hidden, W.hiddenPlan, W.sensitive]) assert.ok(!db.text.includes(w), `record.sqlite has no ${w}`);
  });

  test('the sitemap lists /decisions, /forward-plan and every public decision', async () => {
    const xml = (await get(srv.base, '/sitemap.xml')).text;
    const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1].replace(srv.base, ''));
    assert.ok(locs.includes('/decisions') && locs.includes('/forward-plan'));
    const ids = (await sql(srv.dbPath, 'SELECT id FROM pub_decision ORDER BY id')).map((r) => r.id);
    assert.ok(ids.includes(PUB) && !ids.includes(HIDDEN));
    for (const id of ids) assert.ok(locs.includes(`/decisions/${id}`), `/decisions/${id} is listed`);
    assert.ok(!locs.includes(`/decisions/${HIDDEN}`));
    assert.ok(!xml.includes(W.hidden));
  });

  test('the person page does not show a sensitive interest', async () => {
    const r = await get(srv.base, `/people/${person}`);
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(W.sensitive));
  });
});
