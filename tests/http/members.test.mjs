// A member's record (issue 13): /people/{id} shows the register of
// interests (a sensitive interest withheld, an ended one marked), the
// declarations made at meetings, attendance over a chosen period (a chart
// and a table that agree, by the rules of docs/DECISIONS.md, "Members'
// records") and committees and roles over time.  The test seeds its own
// member, committees, meetings and attendance with the sqlite3 shell
// before the server starts, then finds the member by following links.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { dbQuery, startServer } from '../lib/server.mjs';
import { anchors, findAnchor, get, h1s, textOf } from './helpers.mjs';

const NAME = 'Councillor Perpetua Quillfeather';
const COMMITTEE_A = 'Quillfeather Licensing Committee';
const COMMITTEE_B = 'Quillfeather Audit Committee';
const COMMITTEE_C = 'Quillfeather Planning Committee';
const SENSITIVE = 'Obsidian Larkspur Holdings at 7 Wyvern Close';
const ENDED = 'Hamper from Vellichor Trading Ltd';
const PARTNER = 'Partner employed by Marrowfield Estates';
const DECLARED = 'Governor of Thistledown Primary School';

const BODY = '(SELECT id FROM body ORDER BY id LIMIT 1)';
const P = `(SELECT id FROM person WHERE name = '${NAME}')`;
const org = (name) => `(SELECT id FROM organization WHERE name = '${name}')`;
const mtg = (name, day) => `(SELECT id FROM meeting WHERE name = '${name}' AND start_at = '${day} 10:00')`;

// Committee A: a voting member all year.  Held meetings: present,
// apologies, none recorded (absent), recorded absent, present; one
// cancelled and one postponed (not counted).  Committee B: a member until
// 30 June (one held meeting before, present; one after, not expected).
// Committee C: not a member; attended once as a substitute.
const meetings = [
  [COMMITTEE_A, '2018-02-01', 'held', 'present'],
  [COMMITTEE_A, '2018-03-01', 'held', 'apologies'],
  [COMMITTEE_A, '2018-04-01', 'held', null],
  [COMMITTEE_A, '2018-05-01', 'cancelled', null],
  [COMMITTEE_A, '2018-06-01', 'postponed', null],
  [COMMITTEE_A, '2018-09-01', 'held', 'absent'],
  [COMMITTEE_A, '2018-10-01', 'held', 'present'],
  [COMMITTEE_B, '2018-03-15', 'held', 'present'],
  [COMMITTEE_B, '2018-08-15', 'held', null],
  [COMMITTEE_C, '2018-07-10', 'held', 'substitute'],
];

const SEED = `
INSERT INTO person (body_id, name, honorific, given_name, family_name, party)
  VALUES (${BODY}, '${NAME}', 'Councillor', 'Perpetua', 'Quillfeather', 'Independent');
INSERT INTO organization (body_id, name, kind) VALUES
  (${BODY}, '${COMMITTEE_A}', 'committee'), (${BODY}, '${COMMITTEE_B}', 'committee'), (${BODY}, '${COMMITTEE_C}', 'committee');
INSERT INTO membership (person_id, organization_id, role, voting, start_date, end_date) VALUES
  (${P}, ${org(COMMITTEE_A)}, 'member', 1, '2017-05-20', NULL),
  (${P}, ${org(COMMITTEE_B)}, 'vice_chair', 1, '2017-05-20', '2018-06-30');
${meetings.map(([c, day, state]) => `INSERT INTO meeting (organization_id, name, start_at, state, state_reason)
  VALUES (${org(c)}, '${c}', '${day} 10:00', '${state}', ${state === 'held' ? 'NULL' : "'Not quorate'"});`).join('\n')}
${meetings.filter((m) => m[3]).map(([c, day, , status]) => `INSERT INTO attendance (meeting_id, person_id, status)
  VALUES (${mtg(c, day)}, ${P}, '${status}');`).join('\n')}
INSERT INTO declaration (meeting_id, person_id, kind, description)
  VALUES (${mtg(COMMITTEE_A, '2018-02-01')}, ${P}, 'other_registrable', '${DECLARED}');
INSERT INTO interest (person_id, category, holder, description, sensitive, registered_on, ended_on) VALUES
  (${P}, 'employment', 'member', 'Solicitor, Quillfeather and Partners', 0, '2017-06-01', NULL),
  (${P}, 'employment', 'partner', '${PARTNER}', 0, '2017-06-01', NULL),
  (${P}, 'land', 'member', '${SENSITIVE}', 1, '2018-01-10', NULL),
  (${P}, 'gifts', 'member', '${ENDED}', 0, '2018-02-01', '2018-11-20');
`;

const sqlite = (db, script) => dbQuery(db, script, { write: true });

/** The section of a page whose heading has this id. */
function section(html, id) {
  const m = html.match(new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`));
  assert.ok(m, `a section labelled by #${id}`);
  return m[1];
}

/** The attendance table's rows: {committee: [expected, present, apologies, absent, substitute, percent]}. */
function tableFigures(html) {
  const t = html.match(/<table class="attendance-summary">([\s\S]*?)<\/table>/);
  assert.ok(t, 'an attendance table');
  const out = {};
  for (const row of t[1].matchAll(/<tr><th scope="row">([\s\S]*?)<\/th>([\s\S]*?)<\/tr>/g)) {
    out[textOf(row[1])] = [...row[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1]));
  }
  return out;
}

/** The chart's bars: {committee: note}. */
function chartNotes(html) {
  const svg = html.match(/<svg class="chart"[\s\S]*?<\/svg>/);
  assert.ok(svg, 'an attendance chart');
  const out = {};
  for (const g of svg[0].matchAll(/<g><text[^>]*>([\s\S]*?)<\/text>[\s\S]*?<text[^>]*>([\s\S]*?)<\/text>\s*<\/g>/g)) {
    out[textOf(g[1])] = textOf(g[2]);
  }
  return out;
}

describe('a member\'s record', () => {
  let srv;
  let url;
  const page = async (query = '') => {
    const r = await get(srv.base, url + query);
    return r;
  };

  before(async () => {
    srv = await startServer({ seed: (db) => sqlite(db, SEED) });
    const people = await get(srv.base, '/people');
    url = findAnchor(people.text, NAME, 'the seeded member').href;
    assert.match(url, /^\/people\/\d+$/);
  });
  after(async () => {
    await srv?.stop();
  });

  test('the page is the member\'s record, with its sections', async () => {
    const r = await page();
    assert.equal(r.status, 200);
    assert.equal(textOf(h1s(r.text)[0]), NAME);
    for (const id of ['roles', 'attendance', 'register', 'declarations'])
      assert.ok(r.text.includes(`<h2 id="${id}">`), `section ${id}`);
  });

  test('register of interests: by category in statutory order, sensitive withheld, ended marked', async () => {
    const r = await page();
    const reg = section(r.text, 'register');
    const t = textOf(reg);
    // Every disclosable pecuniary interest category has a heading, in order.
    const cats = ['Employment, office, trade, profession or vocation', 'Sponsorship', 'Contracts', 'Land', 'Licences',
      'Corporate tenancies', 'Securities', 'Gifts and hospitality'];
    let at = -1;
    for (const c of cats) {
      const i = reg.indexOf(`<h4>${c}</h4>`);
      assert.ok(i > at, `${c} heading after the one before`);
      at = i;
    }
    assert.match(reg, /<h4>Sponsorship<\/h4>\n<p>None registered\.<\/p>/);
    assert.match(t, /The member: Solicitor, Quillfeather and Partners registered 1 Jun 2017/);
    assert.ok(t.includes(`Spouse or partner: ${PARTNER}`), 'the partner\'s interest says whose it is');
    assert.match(reg, /<h4>Land<\/h4>\n<ul class="register">\n<li>Sensitive interest: details withheld under section 32 of the Localism Act 2011<\/li>/);
    assert.ok(t.includes(`${ENDED} registered 1 Feb 2018, ended 20 Nov 2018 Ended`), 'the ended interest is kept and marked');
    assert.match(t, /Register last updated 20 Nov 2018/);
  });

  test('the sensitive interest is nowhere public', async () => {
    const words = ['Obsidian', 'Larkspur', 'Wyvern'];
    const id = url.split('/').pop();
    for (const p of [url, '/people', `/oparl/v1.1/person/${id}`, `${url}?from=2018-01-01&to=2018-12-31`]) {
      const r = await get(srv.base, p);
      assert.equal(r.status, 200, p);
      for (const w of words) assert.ok(!r.text.includes(w), `${w} on ${p}`);
    }
    // Search finds nothing (the page repeats the words searched for, so count its results).
    for (const q of [words[1], SENSITIVE]) {
      const r = await get(srv.base, `/search?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /<p class="result-count" role="status">0 results/, `no result for ${q}`);
      const j = await get(srv.base, `/search.json?q=${encodeURIComponent(q)}`);
      assert.equal(j.status, 200);
      const body = JSON.parse(j.text);
      assert.ok(!JSON.stringify(body.results ?? body.hits ?? []).includes(words[0]), 'nothing in the JSON results');
    }
  });

  test('declarations at meetings: date, meeting link, kind, the interest', async () => {
    const r = await page();
    const d = section(r.text, 'declarations');
    assert.match(textOf(d), new RegExp(`1 Feb 2018 ${COMMITTEE_A} Other registrable interest ${DECLARED}`));
    assert.ok(anchors(d).some((a) => /^\/meetings\/\d+$/.test(a.href) && a.text === COMMITTEE_A), 'links the meeting');
  });

  test('attendance over a period: expected, present, apologies, absent, substitute; chart and table agree', async () => {
    const r = await page('?from=2018-01-01&to=2018-12-31');
    assert.equal(r.status, 200);
    const figures = tableFigures(r.text);
    // A: 5 held (cancelled and postponed not counted): present 2, apologies 1, absent 2 (one recorded, one not).
    assert.deepEqual(figures[COMMITTEE_A], ['5', '2', '1', '2', '0', '40%']);
    // B: one held while a member; the meeting after the membership ended is not expected.
    assert.deepEqual(figures[COMMITTEE_B], ['1', '1', '0', '0', '0', '100%']);
    // C: not a member, attended as a substitute: counted apart, not expected.
    assert.deepEqual(figures[COMMITTEE_C], ['0', '0', '0', '0', '1', 'n/a']);
    assert.deepEqual(figures['All committees'], ['6', '3', '1', '2', '1', '50%']);
    const notes = chartNotes(r.text);
    assert.deepEqual(Object.keys(notes).sort(), [COMMITTEE_A, COMMITTEE_B, COMMITTEE_C].sort(), 'a bar per committee');
    for (const [c, f] of Object.entries(figures)) {
      if (c === 'All committees') continue;
      const [expected, present, apologies, absent, sub, pct] = f;
      const words = Number(expected)
        ? `present ${present} of ${expected} (${pct}), apologies ${apologies}, absent ${absent}`
        : 'No meetings expected';
      assert.equal(notes[c], Number(sub) ? `${words}; ${sub} as a substitute` : words, `chart and table agree for ${c}`);
    }
    const svg = r.text.match(/<svg class="chart"[^>]*>/)[0];
    assert.match(svg, /role="img"/);
    assert.match(r.text, /<title id="attendance-chart-title">Attendance by committee, 1 January 2018 to 31 December 2018<\/title>/);
    assert.match(r.text, /<desc id="attendance-chart-desc">All committees: present 3 of 6 \(50%\), apologies 1, absent 2; 1 as a substitute\./);
    // The bars' lengths are in proportion (A is the longest: 5 meetings).
    const a = r.text.match(new RegExp(`<g><text[^>]*>${COMMITTEE_A}</text>([\\s\\S]*?)</g>`))[1];
    const widths = [...a.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    assert.equal(widths.length, 3, 'present, apologies and absent segments');
    assert.ok(Math.abs(widths[0] - 2 * widths[1]) <= 2 && Math.abs(widths[2] - widths[0]) <= 2, `widths ${widths}`);
  });

  test('the period changes the figures', async () => {
    const r = await page('?from=2018-01-01&to=2018-03-31');
    const figures = tableFigures(r.text);
    assert.deepEqual(figures[COMMITTEE_A], ['2', '1', '1', '0', '0', '50%']);
    assert.deepEqual(figures[COMMITTEE_B], ['1', '1', '0', '0', '0', '100%']);
    assert.equal(figures[COMMITTEE_C], undefined, 'no substitute attendance in the period');
    assert.deepEqual(figures['All committees'], ['3', '2', '1', '0', '0', '67%']);
    assert.match(r.text, /<input type="date" id="from" name="from" value="2018-01-01">/);
    assert.match(r.text, /<input type="date" id="to" name="to" value="2018-03-31">/);
    const none = await page('?from=2016-01-01&to=2016-12-31');
    assert.equal(none.status, 200);
    assert.match(textOf(none.text), /No meetings were expected or attended in this period/);
  });

  test('the default period is the last 12 months to today', async () => {
    const r = await page();
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    assert.match(r.text, new RegExp(`name="to" value="${today}"`));
    const from = r.text.match(/name="from" value="(\d{4})-(\d\d)-(\d\d)"/);
    assert.equal(Number(from[1]), Number(today.slice(0, 4)) - 1);
    assert.equal(from[2], today.slice(5, 7));
  });

  test('a bad period is a 400 that says what is wrong', async () => {
    for (const [q, msg] of [
      ['?from=2018-02-30', /start of the period \("from"\) is not a date/],
      ['?to=yesterday', /end of the period \("to"\) is not a date/],
      ['?from=2018-13-01', /is not a date/],
      ['?from=2018-06-01&to=2018-01-01', /The period starts after it ends/],
    ]) {
      const r = await page(q);
      assert.equal(r.status, 400, q);
      assert.match(textOf(r.text), msg, q);
    }
  });

  test('committees and roles over time: current first, then past', async () => {
    const r = await page();
    const s = section(r.text, 'roles');
    const cur = s.indexOf('<h3>Current</h3>');
    const past = s.indexOf('<h3>Past</h3>');
    assert.ok(cur >= 0 && past > cur, 'current, then past');
    assert.ok(s.indexOf(COMMITTEE_A) > cur && s.indexOf(COMMITTEE_A) < past, 'A is current');
    assert.ok(s.indexOf(COMMITTEE_B) > past, 'B is past');
    assert.match(textOf(s), new RegExp(`${COMMITTEE_B} : Vice-Chair from 20 May 2017 until 30 Jun 2018`));
    assert.ok(anchors(s).some((a) => /^\/committees\/\d+$/.test(a.href) && a.text === COMMITTEE_A), 'links the committee');
  });
});
