// The licence of the published record (issue 11, "Harvesting"): a body
// setting (default for a UK body: the Open Government Licence v3.0) that
// the footer of every page, OParl (`license` on the System, the Body and
// every object), the Atom feeds (<rights>) and the bulk export state; the
// settings form that changes it, with its errors; `witan body --license`;
// and a harvest of a source whose objects carry licences of their own
// (oparl-fixture.mjs), which keeps them and shows them on their pages.
// (oparl.test.mjs checks that every object of a whole crawl names one.)

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { dbQuery, freePort, startServer, witanPath } from '../lib/server.mjs';
import { addUser, auditSince, fetchAs, maxAuditId, post, selectOptions, signIn, sql } from './backoffice-helpers.mjs';
import { decode, textOf, titleOf } from './helpers.mjs';
import { startOparlFixture } from './oparl-fixture.mjs';

const OGL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const OTHER = 'https://licences.example.org/open-record-licence/1.0?lang=en&v=2';

const ADMIN = { email: 'admin.licence@example.org', name: 'Lina Licenceadmin', role: 'admin', password: 'licence-admin-password-0123' };

const witan = (args, { timeout = 60000 } = {}) => new Promise((resolve) => {
  execFile(witanPath(), args, { encoding: 'utf8', timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
    resolve({ code: err ? (err.code ?? err.signal) : 0, stdout, stderr }));
});

/** s HTML-escaped as the server writes text and attributes. */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The "Published under ..." line of a page's footer, or null. */
function footerLicence(html) {
  const footer = html.match(/<footer class="site-footer">([\s\S]*?)<\/footer>/);
  assert.ok(footer, 'the page has a footer');
  const m = footer[1].match(/<p class="licence">([\s\S]*?)<\/p>/);
  return m ? m[1] : null;
}

/** The href of the rel="license" link in an HTML fragment, or null. */
const licenceHref = (html) => decode(html?.match(/<a href="([^"]*)" rel="license">/)?.[1] ?? '') || null;

/** A bulk export written by `witan export` into a new directory: {info, body, rows(table), readme}. */
async function exportOf(dbPath) {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'witan-licence-export-')), 'out');
  const r = await witan(['export', '--db', dbPath, dir]);
  assert.equal(r.code, 0, `witan export: ${r.stderr}`);
  const jsonl = (t) => readFileSync(path.join(dir, `${t}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const tables = new Map(['body', 'meeting', 'agenda_item', 'file', 'person'].map((t) => [t, jsonl(t)]));
  const out = {
    info: Object.fromEntries(jsonl('export_info').map((r) => [r.key, r.value])),
    body: tables.get('body')[0],
    rows: (t) => tables.get(t),
    readme: readFileSync(path.join(dir, 'README.md'), 'utf8'),
  };
  rmSync(path.dirname(dir), { recursive: true, force: true });
  return out;
}

describe('the body\'s licence setting', () => {
  let srv;
  let base;
  let db;
  let admin;
  let api;

  const page = (p) => fetchAs(base, p, { cookie: admin.cookie });
  const submit = (fields) => post(base, '/admin/settings', { csrf: admin.csrf, ...fields }, { cookie: admin.cookie });
  const json = async (p) => {
    const r = await fetch(p.startsWith('http') ? p : `${api}${p}`);
    assert.equal(r.status, 200, p);
    return r.json();
  };
  const storedLicence = async () => (await sql(db, 'SELECT license FROM body ORDER BY id LIMIT 1'))[0].license;

  /** The settings form as the page shows it now (every field), with changes. */
  async function settingsForm(over = {}) {
    const r = await page('/admin/settings');
    assert.equal(r.status, 200);
    const f = {};
    for (const n of ['name', 'short_name', 'colour_primary', 'colour_accent', 'email', 'phone', 'address', 'website', 'clear_days', 'license_url']) {
      const m = r.text.match(new RegExp(`<input[^>]*name="${n}"[^>]*value="([^"]*)"`));
      f[n] = m ? decode(m[1]) : '';
    }
    for (const n of ['region', 'license']) f[n] = selectedOf(r.text, n);
    return { ...f, ...over };
  }
  const selectedOf = (html, name) => {
    const m = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
    assert.ok(m, `a <select name="${name}">`);
    const s = m[1].match(/<option value="([^"]*)" selected>/);
    return s ? decode(s[1]) : null;
  };

  /** What every public surface says of the licence now. */
  async function surfaces() {
    const home = await fetchAs(base, '/');
    const system = await json('/system');
    const bodyList = await json('/body');
    const meetings = await json(`${bodyList.data[0].meeting}?limit=5`);
    const feed = (await fetchAs(base, '/feeds/meetings.atom')).text;
    const exportPage = (await fetchAs(base, '/export')).text;
    return {
      footer: footerLicence(home.text),
      system: system.license,
      body: bodyList.data[0].license,
      meetings: meetings.data.map((m) => m.license),
      embedded: meetings.data.flatMap((m) => [m.location, ...(m.agendaItem ?? [])].filter(Boolean).map((o) => o.license)),
      rights: feed.match(/<rights>([\s\S]*?)<\/rights>/)?.[1] ?? null,
      feedLink: feed.match(/<link rel="license" href="([^"]*)"\/>/)?.[1] ?? null,
      exportLicence: exportPage.match(/<h2>Licence<\/h2>\s*<p>([\s\S]*?)<\/p>/)?.[1] ?? null,
    };
  }

  before(async () => {
    srv = await startServer();
    base = srv.base;
    db = srv.dbPath;
    api = `${base}/oparl/v1.1`;
    addUser(db, ADMIN);
    admin = await signIn(base, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await srv?.stop();
  });

  test('by default a body in England publishes under the Open Government Licence v3.0: footer, OParl, feed, export', async () => {
    assert.equal(await storedLicence(), null, 'nothing is set: the default of the region');
    const s = await surfaces();
    assert.equal(licenceHref(s.footer), OGL, `the footer links the licence: ${s.footer}`);
    assert.match(textOf(s.footer), /^Published under the Open Government Licence v3\.0 ?\.$/);
    assert.equal(s.system, OGL, 'System.license');
    assert.equal(s.body, OGL, 'Body.license');
    assert.ok(s.meetings.length > 0 && s.meetings.every((l) => l === OGL), `every meeting: ${s.meetings}`);
    assert.ok(s.embedded.length > 0 && s.embedded.every((l) => l === OGL), 'every embedded object');
    assert.equal(s.rights, `Published under the Open Government Licence v3.0: ${OGL}`, 'the feed\'s <rights>');
    assert.equal(s.feedLink, OGL, 'the feed\'s license link (RFC 4946)');
    assert.equal(licenceHref(s.exportLicence), OGL, `the /export page: ${s.exportLicence}`);
    const x = await exportOf(db);
    assert.equal(x.info.license, OGL, 'export_info.license');
    assert.equal(x.body.license, OGL, 'body.license in the export');
    assert.ok(x.rows('meeting').every((m) => 'license' in m && m.license === null), 'meetings have no licence of their own');
    assert.match(x.readme, /## Licence\n\n[^\n]*under the Open Government Licence v3\.0: https:\/\/www\.nationalarchives\.gov\.uk\/doc\/open-government-licence\/version\/3\//);
    assert.match(x.readme, /\| `license` \| TEXT \|/, 'the README describes the license columns');
  });

  test('the settings form offers the licence, labelled, with a hint; "the default" chosen', async () => {
    const r = await page('/admin/settings');
    assert.deepEqual(selectOptions(r.text, 'license'), ['default', 'ogl', 'cc-by', 'cc0', 'other']);
    assert.equal(selectedOf(r.text, 'license'), 'default');
    assert.match(r.text, /<label for="f-license">Licence<\/label>/);
    assert.match(r.text, /<select id="f-license" name="license" aria-describedby="f-license-hint">/);
    assert.match(r.text, /<label for="f-license_url">Address of the other licence \(optional\)<\/label>/);
    assert.match(r.text, /<input type="url" id="f-license_url" name="license_url" value="" aria-describedby="f-license_url-hint">/);
  });

  test('choosing CC BY 4.0: every surface follows at once; the form shows it; audited', async () => {
    const before_ = await surfaces();
    const auditBefore = await maxAuditId(db);
    const r = await submit(await settingsForm({ license: 'cc-by' }));
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(await storedLicence(), CC_BY);
    const s = await surfaces();
    assert.equal(licenceHref(s.footer), CC_BY);
    assert.match(textOf(s.footer), /Creative Commons Attribution 4\.0 licence \(CC BY 4\.0\)/);
    assert.equal(s.system, CC_BY);
    assert.equal(s.body, CC_BY);
    assert.ok(s.meetings.every((l) => l === CC_BY) && s.embedded.every((l) => l === CC_BY), 'every object');
    assert.match(s.rights, /CC BY 4\.0/);
    assert.equal(s.feedLink, CC_BY);
    assert.equal(licenceHref(s.exportLicence), CC_BY);
    assert.notDeepEqual(s, before_);
    const x = await exportOf(db);
    assert.equal(x.info.license, CC_BY);
    assert.equal(x.body.license, CC_BY);
    assert.equal(selectedOf((await page('/admin/settings')).text, 'license'), 'cc-by');
    const audit = await auditSince(db, auditBefore);
    assert.equal(audit.length, 1);
    const [a] = await sql(db, `SELECT before_json, after_json FROM audit_log WHERE id = ${audit[0].id}`);
    assert.equal(JSON.parse(a.before_json).license, null);
    assert.equal(JSON.parse(a.after_json).license, CC_BY);
  });

  test('the Body\'s modified moves with its licence (the objects keep theirs: the Body\'s licence is theirs)', async () => {
    const b0 = (await json('/body')).data[0];
    const m0 = (await json(`${b0.meeting}?limit=3`)).data;
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await submit(await settingsForm({ license: 'cc0' }))).status, 303);
    const b1 = (await json('/body')).data[0];
    const m1 = (await json(`${b1.meeting}?limit=3`)).data;
    assert.equal(b1.license, CC0);
    assert.ok(b1.modified > b0.modified, `Body.modified ${b0.modified} -> ${b1.modified}`);
    assert.deepEqual(m1.map((m) => m.modified), m0.map((m) => m.modified));
    assert.ok(m1.every((m) => m.license === CC0));
  });

  test('another licence by its address: stored, linked by its address, shown again in the form', async () => {
    const r = await submit(await settingsForm({ license: 'other', license_url: `  ${OTHER} ` }));
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(await storedLicence(), OTHER);
    const s = await surfaces();
    assert.equal(licenceHref(s.footer), OTHER);
    assert.ok(s.footer.includes(`the licence at <a href="${esc(OTHER)}" rel="license">${esc(OTHER)}</a>`), s.footer);
    assert.equal(s.system, OTHER);
    assert.equal(s.rights, esc(`Published under a licence: ${OTHER}`));
    const f = await settingsForm();
    assert.deepEqual([f.license, f.license_url], ['other', OTHER]);
  });

  test('with a common licence chosen, the address field is not read', async () => {
    const r = await submit(await settingsForm({ license: 'ogl', license_url: 'https://ignored.example.org/licence' }));
    assert.equal(r.status, 303);
    assert.equal(await storedLicence(), OGL, 'chosen explicitly: stored as such');
    assert.equal(selectedOf((await page('/admin/settings')).text, 'license'), 'ogl');
  });

  test('a body outside the UK with the default states none: no footer line, no license member, no <rights>', async () => {
    const r = await submit(await settingsForm({ license: 'default', region: 'other' }));
    assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
    assert.equal(await storedLicence(), null);
    const s = await surfaces();
    assert.equal(s.footer, null);
    assert.equal(s.system, undefined);
    assert.equal(s.body, undefined);
    assert.ok(s.meetings.every((l) => l === undefined) && s.embedded.every((l) => l === undefined));
    assert.equal(s.rights, null);
    assert.equal(s.feedLink, null);
    assert.match(s.exportLicence, /No licence has been set/);
    const x = await exportOf(db);
    assert.equal(x.info.license, undefined);
    assert.equal(x.body.license, null);
    assert.match(x.readme, /carries no licence statement of its own/);
    // Back in England, the default is the OGL again.
    assert.equal((await submit(await settingsForm({ region: 'england' }))).status, 303);
    assert.equal((await surfaces()).system, OGL);
  });

  test('a form without the licence field (a script\'s) leaves the licence as it is', async () => {
    assert.equal((await submit(await settingsForm({ license: 'cc0' }))).status, 303);
    const f = await settingsForm();
    delete f.license;
    delete f.license_url;
    assert.equal((await submit(f)).status, 303);
    assert.equal(await storedLicence(), CC0);
  });

  test('bad choices and addresses → 400 with inline errors, the typed address kept, nothing changed', async () => {
    const before_ = await storedLicence();
    const [{ modified }] = await sql(db, 'SELECT modified FROM pub_body');
    const cases = [
      [{ license: 'other', license_url: '' }, 'license_url', /Enter the address of the licence/],
      [{ license: 'other', license_url: 'javascript:alert(1)' }, 'license_url', /starting with https:\/\//],
      [{ license: 'other', license_url: 'ftp://example.org/licence' }, 'license_url', /starting with https:\/\//],
      [{ license: 'other', license_url: 'https://example.org/a licence' }, 'license_url', /without spaces/],
      [{ license: 'other', license_url: 'https://example.org/"><script>alert(1)</script>' }, 'license_url', /quotes/],
      [{ license: 'other', license_url: `https://example.org/${'a'.repeat(490)}` }, 'license_url', /500 characters/],
      [{ license: 'gpl' }, 'license', /Choose the licence from the list/],
    ];
    for (const [over, field, msg] of cases) {
      const r = await submit(await settingsForm(over));
      const what = JSON.stringify(over).slice(0, 80);
      assert.equal(r.status, 400, `${what}: ${textOf(r.text).slice(0, 200)}`);
      assert.match(titleOf(r.text), /^Error: /);
      const summary = [...r.text.matchAll(/<li><a href="#([^"]+)">([\s\S]*?)<\/a><\/li>/g)].map((x) => x[1]);
      assert.deepEqual(summary, [`f-${field}`], `${what}: the summary names the field`);
      assert.match(r.text, new RegExp(`<p class="error-message" id="f-${field}-error"><span class="visually-hidden">Error:</span> [^<]*`));
      assert.match(r.text.match(new RegExp(`id="f-${field}-error">([\\s\\S]*?)</p>`))[1], msg, what);
      assert.match(r.text, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`), `${what}: marked invalid`);
      if (over.license_url) assert.ok(r.text.includes(`value="${esc(over.license_url)}"`), `${what}: the typed address is shown again, escaped`);
      assert.ok(!r.text.includes('<script>alert(1)'), 'never unescaped');
      assert.equal(await storedLicence(), before_, `${what}: nothing changed`);
    }
    assert.equal((await sql(db, 'SELECT modified FROM pub_body'))[0].modified, modified);
  });
});

// ---------------------------------------------------------------------------
// A harvest keeps the licences of its source.

describe('a harvest of a source whose objects carry their own licences', () => {
  let fx;
  let dir;
  let db;
  let run;
  let site;
  const L = () => fx.meta.licences;

  const q = (query) => dbQuery(db, query);
  const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
  /** The row a source URL became: {entity, id, license} (its licence column). */
  async function rowOf(url) {
    const [m] = await q(`SELECT entity, local_id FROM import_map WHERE url = ${lit(url)}`);
    assert.ok(m, `${url} was imported`);
    const [r] = await q(`SELECT license FROM ${m.entity} WHERE id = ${m.local_id}`);
    return { entity: m.entity, id: m.local_id, license: r.license };
  }
  const PATH = { meeting: 'meeting', agenda_item: 'agendaitem', file: 'file', person: 'person', location: 'location' };
  const oparl = async (row) => (await (await fetch(`${site.base}/oparl/v1.1/${PATH[row.entity]}/${row.id}`)).json());
  const html = async (p) => {
    const r = await fetch(`${site.base}${p}`);
    assert.equal(r.status, 200, p);
    return r.text();
  };

  async function serve(dbPath) {
    const port = await freePort();
    const child = spawn(witanPath(), ['serve', '--db', dbPath, '--listen', `127.0.0.1:${port}`, '--quiet'], { stdio: 'ignore' });
    const s = { base: `http://127.0.0.1:${port}`, stop: async () => { if (child.exitCode === null && child.signalCode === null) { child.kill('SIGTERM'); await new Promise((r) => child.on('exit', r)); } } };
    for (let i = 0; i < 200; i++) {
      try { if ((await fetch(`${s.base}/healthz`)).ok) return s; } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    await s.stop();
    throw new Error('witan serve did not come up');
  }

  before(async () => {
    fx = await startOparlFixture();
    dir = mkdtempSync(path.join(os.tmpdir(), 'witan-licence-harvest-'));
    db = path.join(dir, 'copy.db');
    run = await witan(['import', 'oparl', '--db', db, fx.systemUrl]);
    site = await serve(db);
  });
  after(async () => {
    await site?.stop();
    await fx?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the source Body\'s licence becomes the body\'s (it had none)', async () => {
    assert.ok(run.code === 0 || run.code === 3, `witan import oparl: exit ${run.code}\n${run.stderr}`);
    const [b] = await q('SELECT license FROM body');
    assert.equal(b.license, L().body);
    const system = await (await fetch(`${site.base}/oparl/v1.1/system`)).json();
    assert.equal(system.license, L().body);
    const footer = footerLicence(await html('/'));
    assert.equal(licenceHref(footer), L().body);
    assert.match(textOf(footer), /Datenlizenz Deutschland – Namensnennung – Version 2\.0/);
  });

  test('an object\'s own licence is kept in its row and served as its license', async () => {
    for (const [what, o] of Object.entries(L().own)) {
      const row = await rowOf(o.url);
      assert.equal(row.license, o.license, `${what} ${o.url}: its row keeps its licence`);
      assert.equal((await oparl(row)).license, o.license, `${what}: OParl license`);
    }
    // Embedded: the meeting's own licence, and its item's.
    const meeting = await oparl(await rowOf(L().own.meeting.url));
    const item = meeting.agendaItem.find((i) => i.license === L().own.item.license);
    assert.ok(item, `the item with its own licence is embedded with it: ${JSON.stringify(meeting.agendaItem.map((i) => i.license))}`);
    assert.ok(meeting.agendaItem.filter((i) => i !== item).every((i) => i.license === L().body), 'the others: the body\'s');
  });

  test('an object with the body\'s licence, or none, keeps no licence of its own and is served with the body\'s', async () => {
    for (const o of [L().sameAsBody, L().none]) {
      const row = await rowOf(o.url);
      assert.equal(row.license, null, `${o.url}: no licence of its own`);
      assert.equal((await oparl(row)).license, L().body);
    }
    const [n] = await q("SELECT (SELECT count(*) FROM meeting WHERE license IS NOT NULL) AS m, (SELECT count(*) FROM agenda_item WHERE license IS NOT NULL) AS i, (SELECT count(*) FROM file WHERE license IS NOT NULL) AS f, (SELECT count(*) FROM person WHERE license IS NOT NULL) AS p");
    assert.deepEqual(n, { m: 1, i: 1, f: 1, p: 1 }, 'only the objects with their own licence have one');
  });

  test('the meeting, item and person pages show their own licence; the others do not', async () => {
    const m = await rowOf(L().own.meeting.url);
    const i = await rowOf(L().own.item.url);
    const p = await rowOf(L().own.person.url);
    const none = await rowOf(L().none.url);
    const note = (h) => h.match(/<p class="licence-note">([\s\S]*?)<\/p>/)?.[1] ?? null;
    const mp = note(await html(`/meetings/${m.id}`));
    assert.equal(licenceHref(mp), L().own.meeting.license, `the meeting page: ${mp}`);
    assert.match(textOf(mp), /^This meeting is published under the CC0 1\.0 public domain dedication/);
    const ip = note(await html(`/meetings/${m.id}/items/${i.id}`));
    assert.equal(licenceHref(ip), L().own.item.license, `the item page: ${ip}`);
    assert.match(textOf(ip), /^This item is published under the Creative Commons Attribution 4\.0 licence/);
    const pp = note(await html(`/people/${p.id}`));
    assert.ok(pp && textOf(pp).includes(L().own.person.license) && !licenceHref(pp), `a licence that is not a URL is shown as text: ${pp}`);
    assert.equal(note(await html(`/meetings/${none.id}`)), null, 'a meeting with the body\'s licence has no note');
  });

  test('the export keeps each row\'s own licence', async () => {
    const x = await exportOf(db);
    assert.equal(x.info.license, L().body);
    const m = await rowOf(L().own.meeting.url);
    assert.equal(x.rows('meeting').find((r) => r.id === m.id).license, L().own.meeting.license);
    assert.equal(x.rows('meeting').filter((r) => r.license !== null).length, 1);
  });

  test('witan body --license: a body with its own licence; harvesting again keeps the source\'s on every object whose licence differs', async () => {
    const bad = await witan(['body', '--db', db, '--license', 'not a url']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--license must be the licence's address/);
    const set = await witan(['body', '--db', db, '--license', CC0]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^licence: +CC0 1\.0 public domain dedication, https:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/$/m);
    // (the source re-saves everything: a harvest writes only what changed)
    fx.touch();
    const again = await witan(['import', 'oparl', '--db', db, fx.systemUrl]);
    assert.ok(again.code === 0 || again.code === 3, again.stderr);
    assert.equal((await q('SELECT license FROM body'))[0].license, CC0, 'the body keeps its own');
    // The meeting under CC0 now has the body's licence; the one that
    // stated none has the source's, kept in its row.
    assert.equal((await rowOf(L().own.meeting.url)).license, null);
    assert.equal((await rowOf(L().none.url)).license, L().body);
    assert.equal((await oparl(await rowOf(L().none.url))).license, L().body);
    assert.equal((await oparl(await rowOf(L().own.meeting.url))).license, CC0);
    const def = await witan(['body', '--db', db, '--license', 'default']);
    assert.equal(def.code, 0, def.stderr);
    assert.match(def.stdout, /^licence: +Open Government Licence v3\.0, https:\/\/www\.nationalarchives\.gov\.uk\/doc\/open-government-licence\/version\/3\/; the default for the region$/m);
    assert.equal((await q('SELECT license FROM body'))[0].license, null);
  });
});
