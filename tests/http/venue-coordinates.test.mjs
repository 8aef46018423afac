// Venues' coordinates (issue 12: a field added through the model of the
// record, src/db/model.h, plus migration 013): a clerk types them into the
// venue form, bad ones are refused with the model's messages, and once set
// they are a map link on the meeting page, a GeoJSON Point in OParl, in the
// audit log and in the export; a venue without them shows none of it.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { isPg, startServer } from '../lib/server.mjs';
import { addUser, fetchAs, post, signIn, sql } from './backoffice-helpers.mjs';
import { decode, get, textOf } from './helpers.mjs';

const CLERK = { email: 'clerk.venues@example.org', name: 'Vera Venueclerk', role: 'clerk', password: 'venue-password-0123' };

let srv;
let clerk;
let venue;      // a venue with a public meeting
let other;      // another venue with a public meeting
const meetingAt = {};

before(async () => {
  srv = await startServer();
  addUser(srv.dbPath, CLERK);
  clerk = await signIn(srv.base, CLERK.email, CLERK.password);
  const rows = await sql(srv.dbPath, 'SELECT location_id AS l, min(id) AS m FROM meeting WHERE published = 1 AND deleted = 0'
    + ' AND location_id IS NOT NULL GROUP BY location_id ORDER BY location_id LIMIT 2');
  assert.equal(rows.length, 2, 'the demo has meetings at two venues');
  [venue, other] = rows.map((r) => r.l);
  for (const r of rows) meetingAt[r.l] = r.m;
});

after(async () => {
  await srv?.stop();
});

/** The venue form's fields as stored, from its edit page. */
async function storedFields(id) {
  const html = (await fetchAs(srv.base, `/admin/locations/${id}`, { cookie: clerk.cookie })).text;
  const fields = {};
  for (const m of html.matchAll(/<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = decode(m[2]);
  const d = html.match(/<textarea[^>]*name="description"[^>]*>\n?([\s\S]*?)<\/textarea>/);
  fields.description = d ? decode(d[1]) : '';
  delete fields.csrf;
  return { html, fields };
}

const save = (id, fields) => post(srv.base, `/admin/locations/${id}`, { csrf: clerk.csrf, ...fields }, { cookie: clerk.cookie });

test('the venue form has the coordinates, labelled, with a hint', async () => {
  const { html } = await storedFields(venue);
  for (const [name, label] of [['latitude', 'Latitude \\(optional\\)'], ['longitude', 'Longitude \\(optional\\)']]) {
    assert.match(html, new RegExp(`<label[^>]*for="f-${name}"[^>]*>${label}</label>`), `${name} is labelled`);
    assert.match(html, new RegExp(`<input[^>]*id="f-${name}"[^>]*name="${name}"`), `${name} has an input`);
  }
  assert.match(html, /for example 52\.1917/);
});

test('bad coordinates are refused with the model\'s messages and change nothing', async () => {
  const { fields } = await storedFields(venue);
  const [before] = await sql(srv.dbPath, `SELECT latitude, longitude, modified FROM location WHERE id = ${venue}`);
  for (const [lat, lon, bad] of [['91', '0', ['latitude']], ['52,19', '-2.1', ['latitude']], ['52.1', '181', ['longitude']],
    ['1e1', 'west', ['latitude', 'longitude']]]) {
    const r = await save(venue, { ...fields, latitude: lat, longitude: lon });
    assert.equal(r.status, 400, `${lat}, ${lon} is refused`);
    for (const f of bad) assert.match(r.text, new RegExp(`id="f-${f}-error"`), `an inline error next to ${f}`);
    assert.match(textOf(r.text), /must be decimal degrees from -(90 to 90|180 to 180), for example/);
    assert.match(r.text, new RegExp(`name="latitude"[^>]*value="${lat.replace('.', '\\.')}"`), 'what was typed is shown again');
  }
  const [now] = await sql(srv.dbPath, `SELECT latitude, longitude, modified FROM location WHERE id = ${venue}`);
  assert.deepEqual(now, before);
});

test('coordinates saved: a map link on the meeting page, GeoJSON in OParl, the audit log', async () => {
  const { fields } = await storedFields(venue);
  const r = await save(venue, { ...fields, latitude: '52.1917', longitude: '-2.1992' });
  assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
  // (stored as numbers: a REAL on SQLite, which keeps any type; PostgreSQL's column is a number)
  const [row] = await sql(srv.dbPath, `SELECT latitude, longitude${isPg(srv.dbPath) ? '' : ', typeof(latitude) AS t'} FROM location WHERE id = ${venue}`);
  assert.deepEqual(row, { latitude: 52.1917, longitude: -2.1992, ...(isPg(srv.dbPath) ? {} : { t: 'real' }) });

  const [audit] = (await sql(srv.dbPath, "SELECT after_json, before_json FROM audit_log WHERE entity = 'location'"
    + ' ORDER BY id DESC LIMIT 1')).map((r) => ({ lat: JSON.parse(r.after_json).latitude, was: JSON.parse(r.before_json).latitude ?? null }));
  assert.equal(audit.lat, 52.1917);
  assert.equal(audit.was, null);

  const page = (await get(srv.base, `/meetings/${meetingAt[venue]}`)).text;
  assert.ok(page.includes('href="https://www.openstreetmap.org/?mlat=52.1917&amp;mlon=-2.1992#map=18/52.1917/-2.1992"'),
    'the venue links to a map at its point');
  const elsewhere = (await get(srv.base, `/meetings/${meetingAt[other]}`)).text;
  assert.ok(!elsewhere.includes('openstreetmap'), 'a venue without coordinates has no map link');

  const loc = JSON.parse((await get(srv.base, `/oparl/v1.1/location/${venue}`)).text);
  assert.deepEqual(loc.geojson, { type: 'Feature', geometry: { type: 'Point', coordinates: [-2.1992, 52.1917] }, properties: {} });
  const plain = JSON.parse((await get(srv.base, `/oparl/v1.1/location/${other}`)).text);
  assert.equal(plain.geojson, undefined);
});

test('the export carries the coordinates, described in its README', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'witan-venue-export-'));
  try {
    const out = path.join(dir, 'x');
    execFileSync(process.env.WITAN, ['export', '--db', srv.dbPath, out], { stdio: 'pipe' });
    const rows = readFileSync(path.join(out, 'location.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const mine = rows.find((r) => r.id === venue);
    assert.equal(mine.latitude, 52.1917);
    assert.equal(mine.longitude, -2.1992);
    assert.equal(rows.find((r) => r.id === other).latitude, null);
    const readme = readFileSync(path.join(out, 'README.md'), 'utf8');
    assert.match(readme, /\| `latitude` \| REAL \| where the venue is: latitude/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
