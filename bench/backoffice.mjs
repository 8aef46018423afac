// bench/backoffice.mjs: every back-office page (each GET route under
// /admin of the route table, `witan routes --json`) timed on a database,
// signed in as an admin: issue 17's "every back-office page answers in
// <= 50 ms on the corpus and stays under 200 KB".
//
//   node bench/backoffice.mjs BASE_URL DB_PATH
//
// BASE_URL is a witan serving DB_PATH. The script adds an admin account
// (`witan user add`, a new address each run) and fills each route's {id}s
// with rows of the database (a meeting with items and a decision, its
// first item, a committee, a person with an interest, a venue, a decision,
// a forward plan entry, the account); a route it cannot fill is listed
// as skipped. Prints, per page, the status, the size and the median of 5
// requests (each its own connection), and the pages over 50 ms or 200 KB.
import { execFileSync } from 'node:child_process';

import { addUser, fetchAs, fillPattern, readRoutes, signIn } from '../tests/http/backoffice-helpers.mjs';

const [base, db] = process.argv.slice(2);
if (!base || !db) {
  console.error('usage: node bench/backoffice.mjs BASE_URL DB_PATH');
  process.exit(2);
}
const one = (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim().split('|');

const email = `bench-${Date.now()}@example.org`;
const password = 'bench-password-12345';
const userId = addUser(db, { email, role: 'admin', password, name: 'Benchmark' });
const { cookie } = await signIn(base, email, password);

const [meeting, item] = one('SELECT i.meeting_id, i.id FROM agenda_item i JOIN decision d ON d.agenda_item_id = i.id' +
  ' WHERE i.deleted = 0 ORDER BY i.meeting_id DESC LIMIT 1');
const [doc, docName] = one('SELECT f.id, f.filename FROM file f WHERE f.deleted = 0 ORDER BY f.id DESC LIMIT 1');
const [person, interest] = one('SELECT person_id, id FROM interest ORDER BY id LIMIT 1');
const ids = {
  meetings: [meeting, item],
  documents: [doc, docName],
  committees: one('SELECT id FROM organization WHERE deleted = 0 ORDER BY id LIMIT 1'),
  people: person ? [person, interest] : one('SELECT id FROM person WHERE deleted = 0 ORDER BY id LIMIT 1'),
  locations: one('SELECT id FROM location WHERE deleted = 0 ORDER BY id LIMIT 1'),
  decisions: one('SELECT id FROM decision WHERE deleted = 0 ORDER BY id DESC LIMIT 1'),
  'forward-plan': one('SELECT id FROM plan_entry WHERE deleted = 0 ORDER BY id LIMIT 1'),
  users: [String(userId)],
};

const over = [];
for (const r of readRoutes()) {
  if (!r.get || !r.pattern.startsWith('/admin')) continue;
  const n = (r.pattern.match(/\{[a-z_]+\}/g) || []).length;
  const vals = (ids[r.pattern.split('/')[2]] || []).filter((v) => v !== '').slice(0, n);
  if (vals.length < n) {
    console.log(`skipped ${r.pattern} (no rows to fill it)`);
    continue;
  }
  const url = fillPattern(r.pattern, vals);
  const times = [];
  let res;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    res = await fetchAs(base, url, { cookie });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[2];
  const kb = res.text.length / 1000;
  console.log(`${res.status} ${kb.toFixed(1).padStart(7)} KB ${ms.toFixed(1).padStart(6)} ms  ${url}`);
  if (ms > 50 || kb > 200) over.push(`${url}: ${ms.toFixed(1)} ms, ${kb.toFixed(1)} KB`);
}
console.log(over.length ? `over 50 ms or 200 KB:\n  ${over.join('\n  ')}` : 'every page: <= 50 ms and <= 200 KB');
