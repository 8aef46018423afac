// Hostile input, over HTTP (issue 16): what an attacker sends, and what must
// never come back.
//
// - Path traversal, plain, percent-encoded, double-encoded, with NUL and
//   backslashes, on every route that takes a name: never a file outside
//   (the database, the SQL migrations, /etc/passwd), only 400 or 404.
// - SQL and FTS5 injection in /search's q and every filter of every
//   public route: no 500, no database error text.
// - CR/LF in what reaches a header (a document's name, a page asked for
//   before signing in, a filename of the export): no header injected.
// - A bogus Host header: the absolute URLs of OParl, feeds, calendars,
//   sitemap, robots, search JSON and e-mail alerts come from --base-url.
// - Script payloads typed by a clerk into every back-office authoring field
//   (meeting, item, minutes Markdown, decision, committee, person, venue,
//   interests, declarations, decision records, forward plan), then read on
//   every public surface that shows them: HTML pages and search results
//   escape them; the JSON-LD data block cannot be closed; feeds and the
//   sitemap are well-escaped XML; calendars keep them on their own lines;
//   OParl and the export are valid JSON; no javascript: link anywhere.
//
// What errors.test.mjs (malformed URLs, %00 in a path), search.test.mjs
// (malformed FTS5 syntax), headers.test.mjs (CR/LF in the sign-in form's
// next) and backoffice.test.mjs (open redirects after sign-in) already
// cover is not repeated here.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, fetchAs, post, signIn, sql } from './backoffice-helpers.mjs';
import { anchors, findSeed, get, rawRequest } from './helpers.mjs';
import { BackOffice, entriesObject, formsOf, locationId, textPdf } from './sweep-helpers.mjs';

const BASE_URL = 'https://democracy.example.gov.uk';
const EVIL = 'evil.attacker.example';
const PASSWORD = 'a long enough password for hostile input';

let srv;
let seed;

before(async () => {
  srv = await startServer({ args: ['--base-url', BASE_URL] });
  seed = await findSeed(srv.base);
});
after(async () => { await srv?.stop(); });

/** GET target byte for byte (no client normalisation), with extra header lines. */
async function raw(target, headers = [], { method = 'GET' } = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, ...(headers.some((h) => /^host:/i.test(h)) ? [] : ['Host: 127.0.0.1']),
    ...headers, 'Connection: close'];
  const r = await rawRequest(srv.port, `${lines.join('\r\n')}\r\n\r\n`);
  return { ...r, text: r.body.toString('latin1') };
}

// Text that a database error, a stack or a file outside would show.
const LEAK = /SQL logic error|sqlite3_[a-z]|SQLITE_(?:ERROR|MISUSE|CORRUPT|CONSTRAINT|BUSY|LOCKED)|no such (?:column|table|function)|unrecognized token|fts5: |syntax error|SQLite format 3|CREATE TABLE|root:x:0:0/i;

async function healthy() {
  const r = await get(srv.base, '/healthz');
  assert.equal(r.status, 200, 'the server still answers');
}

// ---------------------------------------------------------------------------

describe('path traversal', () => {
  let docPath;
  before(async () => {
    docPath = anchors(seed.itemHtml).map((a) => a.href).find((h) => /^\/documents\/\d+\/[^/]+$/.test(h));
    assert.ok(docPath, 'the seed item links a document');
  });

  const tails = [
    '../../../../etc/passwd',
    '..%2f..%2f..%2f..%2fetc%2fpasswd',
    '%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '..%252f..%252f..%252fetc%252fpasswd',
    '%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    '..%5c..%5c..%5cetc%5cpasswd',
    '..\\..\\..\\etc\\passwd',
    '%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd',
    '..%00/etc/passwd',
    'site.css%00.svg',
    '..%2ft.db',
    '..%2f..%2ft.db',
    '../t.db',
    '..%2f..%2fsql%2f001_init.sql',
    '%2fetc%2fpasswd',
    '/etc/passwd',
  ];

  test('under /static, /documents, /export, /sitemaps, /oparl, /alerts: 400 or 404, never a file', async () => {
    const [, docId] = docPath.match(/^\/documents\/(\d+)\//);
    const prefixes = ['/static/', `/documents/${docId}/`, '/export/', '/sitemaps/', `/oparl/v1.1/file/${docId}/download/`,
      '/oparl/v1.1/', '/alerts/manage/', '/alerts/confirm/', '/meetings/', '/theme.css/', '/logo.svg/'];
    const problems = [];
    for (const p of prefixes) {
      for (const t of tails) {
        const target = p + t;
        const r = await raw(target);
        // h2o folds "/a/../b" to "/b" before we see it: whatever it names is
        // then an ordinary path of the site, and must not exist either.
        const ok = r.status === 400 || r.status === 404
          // a trailing slash or a document's wrong name: redirected inside the site
          || (r.status === 301 && /^\/[^/\\]/.test(r.headers.location ?? '') && !/\.\.|%2e%2e/i.test(r.headers.location));
        if (!ok) problems.push(`${target}: ${r.status} ${r.headers.location ?? ''}`);
        if (LEAK.test(r.text)) problems.push(`${target}: the body shows ${r.text.match(LEAK)[0]}`);
      }
    }
    assert.deepEqual(problems, []);
    await healthy();
  });

  test('a document is found by its id and named by the store, whatever name is asked for', async () => {
    const good = await get(srv.base, docPath);
    assert.equal(good.status, 200);
    const [, id] = docPath.match(/^\/documents\/(\d+)\//);
    for (const name of ['..%2f..%2f..%2fetc%2fpasswd', '..%252ft.db', 'x%0d%0aSet-Cookie:%20evil=1', '%2e%2e']) {
      const r = await raw(`/documents/${id}/${name}`);
      assert.ok([301, 400, 404].includes(r.status), `${name}: ${r.status}`);
      if (r.status === 301) assert.equal(r.headers.location, docPath, `${name}: the canonical name`);
      assert.ok(!r.rawHeaders.some(([n]) => /^set-cookie$/i.test(n)), `${name}: no header injected`);
    }
  });
});

// ---------------------------------------------------------------------------

describe('SQL and FTS5 injection', () => {
  const PAYLOADS = [
    "' OR '1'='1", "' OR 1=1--", '"; DROP TABLE meeting; --', "1; DROP TABLE meeting", "') UNION SELECT name, sql FROM sqlite_master--",
    "1 UNION SELECT password_hash FROM user", "%' AND 1=0 UNION SELECT 1,2,3--", '\\', "'", '"', '`', ';', '--', '/*', '*/',
    'meeting_fts MATCH \'*\'', '* NOT x', 'x NEAR/5 y', '{title}: x', 'title : x', '- x', '+x', 'x*', '"x" *', 'NEAR("a" "b", 2)',
    "budget') OR 1=1 --", 'char(0x41)', '0x41', '1e309', '-9223372036854775809', '9223372036854775808', '\u0000', '%00',
    '\u202e', '\ud83d\ude00', 'x'.repeat(499) + "'",
  ];

  const status = async (urlPath) => {
    const r = await get(srv.base, urlPath);
    return { ...r, path: urlPath };
  };

  test('/search and /search.json: q and every filter answer 200 or 400, never a database error', async () => {
    const params = ['q', 'kind', 'committee', 'from', 'to', 'sort', 'page'];
    const problems = [];
    for (const route of ['/search', '/search.json']) {
      for (const name of params) {
        for (const v of PAYLOADS) {
          const qs = new URLSearchParams(name === 'q' ? { q: v } : { q: 'budget', [name]: v });
          const r = await status(`${route}?${qs}`);
          if (r.status !== 200 && r.status !== 400) problems.push(`${r.path}: ${r.status}`);
          if (LEAK.test(r.text)) problems.push(`${r.path}: shows ${r.text.match(LEAK)[0]}`);
          if (route === '/search.json' && r.status === 200) {
            try { JSON.parse(r.text); } catch { problems.push(`${r.path}: not JSON`); }
          }
        }
      }
    }
    assert.deepEqual(problems, []);
    await healthy();
  });

  test('every filter of every other public route: no 500, no database error', async () => {
    const routes = {
      '/meetings': ['month'],
      '/decisions': ['from', 'to', 'maker', 'key', 'status', 'kind', 'page'],
      '/forward-plan': ['past'],
      [seed.committeeUrl.replace('/committees/', '/people/').replace(/\d+$/, '1')]: ['from', 'to'],
      '/alerts': ['follow', 'id', 'q', 'kind', 'committee', 'from', 'to'],
      '/feeds/meetings.atom': ['kind'],
      '/oparl/v1.1/body/1/meeting': ['modified_since', 'created_since', 'modified_until', 'page', 'limit'],
      '/oparl/v1.1/body': ['modified_since', 'page'],
      '/login': ['next'],
      '/static/site.css': ['v'],
    };
    const problems = [];
    for (const [route, names] of Object.entries(routes)) {
      for (const name of names) {
        for (const v of PAYLOADS) {
          const r = await status(`${route}?${new URLSearchParams({ [name]: v })}`);
          if (r.status >= 500) problems.push(`${r.path}: ${r.status}`);
          if (LEAK.test(r.text)) problems.push(`${r.path}: shows ${r.text.match(LEAK)[0]}`);
        }
      }
    }
    // and in the path, where an id is expected
    for (const v of ["1'", '1 OR 1=1', '1;--', '0x1', '-1', '99999999999999999999']) {
      for (const p of ['/meetings/', '/committees/', '/people/', '/decisions/', '/issues/', '/oparl/v1.1/meeting/']) {
        const r = await status(p + encodeURIComponent(v));
        if (r.status !== 404 && r.status !== 400) problems.push(`${r.path}: ${r.status}`);
        if (LEAK.test(r.text)) problems.push(`${r.path}: shows ${r.text.match(LEAK)[0]}`);
      }
    }
    assert.deepEqual(problems, []);
    // (a query of both: it fails if either was dropped)
    const tables = await sql(srv.dbPath, 'SELECT (SELECT count(*) FROM meeting) > 0 AND (SELECT count(*) FROM user) >= 0 AS n');
    assert.equal(tables[0].n, 1, 'no table dropped');
    await healthy();
  });
});

// ---------------------------------------------------------------------------

describe('header injection', () => {
  test('CR/LF in a page asked for before signing in stays encoded in Location', async () => {
    for (const target of ['/admin/x%0d%0aSet-Cookie:%20evil=1', '/admin/meetings/1%0d%0aLocation:%20https://evil.example/',
      '/admin/%0aX-Injected:%201']) {
      const r = await raw(target);
      // refused outright (a control character in the path), or sent to sign in with it encoded
      assert.ok(r.status === 400 || r.status === 303, `${target}: ${r.status}`);
      if (r.status === 303) assert.match(r.headers.location, /^\/login\?next=[A-Za-z0-9%/_-]*$/, target);
      assert.ok(!r.rawHeaders.some(([n]) => /^(set-cookie|x-injected)$/i.test(n)), `${target}: no header injected`);
    }
  });

  test('an export file that does not exist, with CR/LF in its name: 404, no header', async () => {
    const r = await raw('/export/x%0d%0aSet-Cookie:%20evil=1.zip');
    assert.ok(r.status === 404 || r.status === 400, String(r.status));
    assert.ok(!r.rawHeaders.some(([n]) => /^set-cookie$/i.test(n)));
  });
});

// ---------------------------------------------------------------------------

describe('a bogus Host header', () => {
  test('absolute URLs come from --base-url, never from Host or X-Forwarded-Host', async () => {
    const hdrs = [`Host: ${EVIL}`, `X-Forwarded-Host: ${EVIL}`, 'X-Forwarded-Proto: gopher', `Forwarded: host=${EVIL}`];
    const [, mid] = seed.meetingUrl.match(/(\d+)$/);
    const problems = [];
    for (const p of ['/oparl/v1.1', '/oparl/v1.1/system', '/oparl/v1.1/body', `/oparl/v1.1/meeting/${mid}`, '/feeds/meetings.atom',
      '/forward-plan.atom', '/sitemap.xml', '/robots.txt', '/calendar.ics', `/meetings/${mid}.ics`, '/search.json?q=budget',
      seed.meetingUrl, '/export']) {
      const r = await raw(p, hdrs);
      if (r.status >= 400 && p !== '/export') problems.push(`${p}: ${r.status}`);
      if (r.text.includes(EVIL) || (r.headers.location ?? '').includes(EVIL)) problems.push(`${p}: names ${EVIL}`);
      if (/^\/(oparl|feeds|sitemap|robots|forward-plan\.atom)/.test(p) && !`${r.headers.location ?? ''}${r.text}`.includes(BASE_URL)) {
        problems.push(`${p}: does not name ${BASE_URL}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('the links of an alert confirmation come from --base-url', async () => {
    const addr = `host-${Date.now()}@example.org`;
    const [, cid] = seed.committeeUrl.match(/(\d+)$/);
    const body = new URLSearchParams({ follow: 'committee', id: cid, email: addr, frequency: 'immediate' }).toString();
    const r = await rawRequest(srv.port, `POST /alerts HTTP/1.1\r\nHost: ${EVIL}\r\nX-Forwarded-Host: ${EVIL}\r\n`
      + `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    assert.equal(r.status, 200, `POST /alerts: ${r.body.toString().slice(0, 300)}`);
    let msgs = [];
    for (let i = 0; i < 100 && msgs.length === 0; i++) {
      msgs = await sql(srv.dbPath, `SELECT m.subject, m.body_text, m.body_html FROM alert_message m JOIN alert_subscriber s ON s.id = m.subscriber_id WHERE s.email = '${addr}'`);
      if (msgs.length === 0) await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.ok(msgs.length > 0, 'a confirmation is queued');
    for (const m of msgs) {
      const all = `${m.subject}\n${m.body_text}\n${m.body_html}`;
      assert.ok(!all.includes(EVIL), 'the message does not name the bogus host');
      assert.ok(all.includes(`${BASE_URL}/alerts/confirm/`), 'its link is on --base-url');
    }
  });
});

// ---------------------------------------------------------------------------
// Script payloads typed into every authoring field

const PAYLOAD = (n) => `Hx${n}q <script>alert(${n})</script> "><img src=x onerror=alert(${n})> '><svg onload=alert(${n})>`;
const MD_PAYLOAD = (n) => `${PAYLOAD(n)}\n\n[click Hx${n}l](javascript:alert(${n})) [b](JaVaScRiPt:alert(${n})) `
  + `<a href="javascript:alert(${n})">raw</a> <iframe src="javascript:alert(${n})"></iframe> `
  + `![i](x" onerror="alert(${n}))\r\nBEGIN:VEVENT\r\nSUMMARY:Injected${n}\r\nEND:VEVENT\r\n`;

describe('script payloads from the back office, on every public surface', () => {
  let bo;
  const typed = new Map(); // marker -> field
  let n = 100;
  const ids = {};

  const fieldsOf = (formHtml) => [...formHtml.matchAll(/<(input|textarea)\b([^>]*)>/gi)].map((m) => ({
    name: m[2].match(/\bname="([^"]*)"/)?.[1],
    type: m[1].toLowerCase() === 'textarea' ? 'textarea' : (m[2].match(/\btype="([^"]*)"/)?.[1] ?? 'text').toLowerCase(),
    value: m[2].match(/\bvalue="([^"]*)"/)?.[1],
  })).filter((f) => f.name && f.name !== 'csrf');

  /**
   * Fills every free-text field of the form posting to action on pagePath
   * with a payload (Markdown ones in textareas), ticks `tick` checkboxes,
   * sets `fixed`, and submits; fields the server refuses (a phone number, a
   * postcode) get their old value back and it is submitted again.
   */
  async function fillAll(pagePath, action, { fixed = {}, tick = [], skip = [], pick } = {}) {
    const form = await bo.form(pagePath, action, pick);
    const mine = {};
    for (const f of fieldsOf(form.html)) {
      if (skip.includes(f.name) || f.name in fixed) continue;
      if (f.type === 'text' || f.type === 'textarea' || f.type === 'search') {
        const k = n++;
        mine[f.name] = f.type === 'textarea' ? MD_PAYLOAD(k) : PAYLOAD(k);
        typed.set(`Hx${k}q`, `${action} ${f.name}`);
      } else if (f.type === 'checkbox' && tick.includes(f.name)) {
        mine[f.name] = f.value ?? '1';
      }
    }
    Object.assign(mine, fixed);
    for (let tries = 0; tries < 4; tries++) {
      const fields = entriesObject(form.entries.filter(([k]) => !(k in mine)));
      Object.assign(fields, mine);
      const res = await post(srv.base, form.action, fields, { cookie: bo.cookie });
      if (res.status === 303) return res;
      const text = res.text;
      const bad = [...text.matchAll(/href="#f-([a-z_0-9]+)"/g)].map((m) => m[1]).filter((x) => x in mine && !(x in fixed));
      if (bad.length === 0) throw new Error(`POST ${action}: ${res.status} ${(text.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? text).slice(0, 800)}`);
      for (const b of bad) {
        const orig = form.entries.find(([k]) => k === b);
        for (const [m, f] of typed) if (f === `${action} ${b}`) typed.delete(m);
        mine[b] = orig ? orig[1] : '';
      }
    }
    throw new Error(`POST ${action} kept being refused`);
  }

  before(async () => {
    addUser(srv.dbPath, { email: 'hostile@example.org', role: 'admin', password: PASSWORD });
    bo = new BackOffice(srv.base, (await signIn(srv.base, 'hostile@example.org', PASSWORD)).cookie);
    const day = (o) => new Date(Date.now() + o * 86400e3).toISOString().slice(0, 10);
    // A committee, a venue, a person with an interest.
    let r = await fillAll('/admin/committees/new', '/admin/committees/new');
    ids.committee = locationId(r);
    r = await fillAll('/admin/locations/new', '/admin/locations/new', { fixed: { latitude: '', longitude: '' } });
    ids.location = locationId(r);
    r = await fillAll('/admin/people/new', '/admin/people/new');
    ids.person = locationId(r);
    await fillAll(`/admin/people/${ids.person}`, `/admin/people/${ids.person}/interests`,
      { skip: ['sensitive'], fixed: { registered_on: day(-10), ended_on: '' } });
    // A meeting of the new committee at the new venue, held, with an item,
    // its minutes and decision published.
    const mForm = await bo.form('/admin/meetings/new', '/admin/meetings/new');
    const listed = /\bname="listed"/.test(mForm.html) ? { listed: '1' } : {};
    r = await fillAll('/admin/meetings/new', '/admin/meetings/new', {
      fixed: { organization_id: String(ids.committee), location_id: String(ids.location), date: day(-3), start: '10:00', end: '', webcast: '', ...listed },
    });
    ids.meeting = locationId(r);
    ids.item = await bo.addItem(ids.meeting, PAYLOAD(n));
    typed.set(`Hx${n++}q`, 'item title (new item)');
    await fillAll(`/admin/meetings/${ids.meeting}/items/${ids.item}`, `/admin/meetings/${ids.meeting}/items/${ids.item}`,
      { fixed: { action: 'save' }, skip: ['exempt_reason', 'amendment_reason'], pick: (f) => f.entries.some(([k]) => k === 'title') });
    await bo.publishAgenda(ids.meeting);
    await bo.setState(ids.meeting, 'held', '');
    await bo.attend(ids.meeting, { person: ids.person, note: '' });
    await fillAll(`/admin/meetings/${ids.meeting}`, `/admin/meetings/${ids.meeting}/declarations`,
      { fixed: { item: String(ids.item), kind: 'other_registrable' }, skip: ['left_room'] }).catch(() => {});
    await bo.upload(ids.meeting, { title: PAYLOAD(n), item: ids.item, filename: 'hostile.pdf',
      bytes: textPdf(['Hostile document', `Hx${n}q </script><script>alert(1)</script>`]) });
    typed.set(`Hx${n++}q`, 'document title');
    await bo.vote(ids.meeting, ids.item, PAYLOAD(n));
    typed.set(`Hx${n++}q`, 'vote motion');
    await bo.minutes(ids.meeting, 'published');
    // A cancelled meeting: its reason is public.
    ids.cancelled = await bo.createMeeting({ organization: ids.committee, date: day(20), name: '' });
    await bo.publishAgenda(ids.cancelled).catch(() => {});
    await bo.setState(ids.cancelled, 'cancelled', PAYLOAD(n));
    typed.set(`Hx${n++}q`, 'reason of a cancelled meeting');
    const dPath = `/admin/meetings/${ids.meeting}/items/${ids.item}/decision`;
    const dForm = await fetchAs(srv.base, dPath, { cookie: bo.cookie });
    if (dForm.status === 200 && formsOf(dForm.text).some((f) => f.action.startsWith(dPath) || f.action === '/admin/decisions/new')) {
      const action = formsOf(dForm.text).find((f) => f.action.startsWith(dPath) || f.action === '/admin/decisions/new').action;
      await fillAll(dPath, action, { tick: ['published'], fixed: { agenda_item_id: String(ids.item), paper_id: '' } }).catch(() => {});
    }
    // A decision record of an officer and a forward plan entry.
    r = await fillAll('/admin/decisions/new', '/admin/decisions/new', { tick: ['published'],
      fixed: { agenda_item_id: '', paper_id: '', decided_on: day(-2), call_in_deadline: '', effective_from: '' }, skip: ['key_decision', 'call_in'] });
    ids.decision = locationId(r);
    r = await fillAll('/admin/forward-plan/new', '/admin/forward-plan/new', { tick: ['published'],
      fixed: { paper_id: '', first_published: day(-1), decision_due: day(60), exempt_paragraph: '', urgency_reason: '' } });
    ids.plan = locationId(r);
  });

  /** Every public surface that may show what was typed. */
  async function surfaces() {
    const meeting = `/meetings/${ids.meeting}`;
    const list = [
      '/', '/meetings', `/meetings?month=${new Date(Date.now() - 3 * 86400e3).toISOString().slice(0, 7)}`, meeting,
      `/meetings/${ids.cancelled}`, `/meetings/${ids.cancelled}.ics`,
      `${meeting}/items/${ids.item}`, `/committees/${ids.committee}`, '/committees', `/people/${ids.person}`, '/people',
      '/decisions', `/decisions/${ids.decision}`, '/forward-plan', '/search?q=Hx', '/search.json?q=Hx',
      '/feeds/meetings.atom', '/feeds/meetings.atom?kind=minutes', `/committees/${ids.committee}/feed.atom`, '/forward-plan.atom',
      '/calendar.ics', '/calendar.ics?from=all', `/committees/${ids.committee}.ics`, `${meeting}.ics`, '/forward-plan.ics', '/sitemap.xml',
      `/oparl/v1.1/meeting/${ids.meeting}`, `/oparl/v1.1/organization/${ids.committee}`, `/oparl/v1.1/person/${ids.person}`,
      `/oparl/v1.1/location/${ids.location}`, `/oparl/v1.1/agendaitem/${ids.item}`, `/oparl/v1.1/organization/${ids.committee}/meeting`,
      '/oparl/v1.1/body/1/paper', '/oparl/v1.1/body/1/consultation', '/oparl/v1.1/body/1/file',
    ];
    // every link of the meeting and item pages to more public pages (issues, documents' pages)
    for (const p of [meeting, `${meeting}/items/${ids.item}`, `/decisions/${ids.decision}`]) {
      const r = await get(srv.base, p);
      for (const a of anchors(r.text)) if (/^\/(issues|decisions)\/\d+$/.test(a.href) && !list.includes(a.href)) list.push(a.href);
    }
    for (const w of ['Hx', 'script', 'alert', 'onerror']) list.push(`/search?q=${w}`, `/search.json?q=${w}`);
    const out = [];
    for (const p of list) {
      const r = await get(srv.base, p);
      out.push({ path: p, status: r.status, type: r.headers.get('content-type') || '', text: r.text });
    }
    return out;
  }

  test('every field took its payload (the check below would otherwise prove nothing)', async () => {
    const dump = JSON.stringify(await sql(srv.dbPath, "SELECT group_concat(name, '|') AS x FROM meeting WHERE id = " + ids.meeting));
    assert.match(dump, /<script>alert\(/, 'stored as typed, not escaped on the way in');
    assert.ok(typed.size >= 30, `${typed.size} fields typed into: ${[...typed.values()].join(', ')}`);
  });

  test('HTML escapes them, feeds and sitemap are XML, calendars keep them on their lines, JSON parses', async (t) => {
    const all = await surfaces();
    const problems = [];
    const seen = new Set();
    for (const s of all) {
      if (s.status !== 200) { problems.push(`${s.path}: ${s.status}`); continue; }
      for (const m of s.text.matchAll(/Hx(\d+)q/g)) seen.add(`Hx${m[1]}q`);
      const where = `${s.path} (${s.type.split(';')[0]})`;
      if (/html|xml/.test(s.type)) {
        let body = s.text;
        if (/html/.test(s.type)) {
          // The JSON-LD data block: its JSON may hold "<" only escaped, so
          // that no "</script" can close it.
          for (const ld of body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
            if (ld[1].includes('<')) problems.push(`${where}: a "<" in the JSON-LD block`);
            try { JSON.parse(ld[1]); } catch { problems.push(`${where}: the JSON-LD block is not JSON`); }
          }
          body = body.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '');
          if (/<script|<\/script/i.test(body)) problems.push(`${where}: a <script> element`);
        }
        // Escaped, a payload is text; unescaped, it is a tag or an attribute.
        const near = (i) => JSON.stringify(body.slice(Math.max(0, i - 60), i + 60));
        for (const re of [/<script>alert/i, /<img src=x/i, /<svg onload/i, /<iframe/i]) {
          const m = body.match(re);
          if (m) problems.push(`${where}: ${near(m.index)}`);
        }
        for (const tag of body.matchAll(/<[a-z][^>]*>/gi)) {
          // (an attribute's quoted value may hold "onerror=" as text)
          if (/\son[a-z]+\s*=/i.test(tag[0].replace(/"[^"]*"|'[^']*'/g, '""')) || /\s(?:href|src)\s*=\s*["']?\s*(?:javascript|&#0*106;|&#x0*6a;)/i.test(tag[0])) {
            problems.push(`${where}: ${near(tag.index)}`);
          }
        }
        if (/xml/.test(s.type) && /<!\[CDATA\[/.test(body)) problems.push(`${where}: CDATA (check it cannot be closed)`);
      } else if (/json/.test(s.type)) {
        try { JSON.parse(s.text); } catch { problems.push(`${where}: not JSON`); }
      } else if (/calendar/.test(s.type)) {
        const unfolded = s.text.replace(/\r\n[ \t]/g, '');
        if (/^SUMMARY:Injected/m.test(unfolded) || /^BEGIN:VEVENT\r?\nSUMMARY:Injected/m.test(unfolded)) problems.push(`${where}: a line of its own from a field`);
        if (/[^\r]\n/.test(s.text)) problems.push(`${where}: a bare LF`);
      }
    }
    assert.deepEqual(problems, []);
    // Proof that the surfaces were read with the payloads on them.
    const missing = [...typed].filter(([m]) => !seen.has(m)).map(([m, f]) => `${m} (${f})`);
    const shown = typed.size - missing.length;
    t.diagnostic(`${typed.size} fields typed into: ${[...new Set(typed.values())].join('; ')}`);
    t.diagnostic(`${shown} shown on ${all.length} public surfaces; not shown: ${missing.join(', ')}`);
    assert.ok(shown >= 20, `only ${shown} of ${typed.size} payloads reached a public surface; not shown: ${missing.join(', ')}`);
  });

  test('a printed record named after a payload gets a plain filename: no quote, no CR/LF in Content-Disposition', async () => {
    for (const p of [`/meetings/${ids.meeting}/minutes.pdf`, `/decisions/${ids.decision}.pdf`, `/meetings/${ids.meeting}/pack.pdf`]) {
      let r;
      for (let i = 0; i < 150; i++) {   // the pack is built in the background: 503 with Retry-After meanwhile
        r = await raw(p);
        if (r.status !== 503) break;
        await new Promise((ok) => setTimeout(ok, 200));
      }
      assert.equal(r.status, 200, p);
      const cd = r.rawHeaders.filter(([k]) => k.toLowerCase() === 'content-disposition').map(([, v]) => v);
      assert.equal(cd.length, 1, p);
      assert.match(cd[0], /^inline; filename="[A-Za-z0-9._-]+"$/, p);
      assert.ok(!r.rawHeaders.some(([k]) => /^(set-cookie|summary)$/i.test(k)), `${p}: no header injected`);
    }
  });

  test('the export holds them as JSON data, never as a page', async () => {
    // The export is made on the server's own thread when asked for: wait
    // until it has the meeting typed into above.
    const meetingMarker = [...typed].find(([, f]) => f === '/admin/meetings/new name')?.[0];
    assert.ok(meetingMarker, 'the meeting\'s name took a payload');
    let idx;
    let meetings = '';
    for (let i = 0; i < 300 && !meetings.includes(meetingMarker); i++) {
      idx = await get(srv.base, '/export');
      const r = await get(srv.base, '/export/meeting.jsonl');
      if (r.status === 200) meetings = r.text;
      else await new Promise((ok) => setTimeout(ok, 200));
      if (r.status === 200 && !meetings.includes(meetingMarker)) await new Promise((ok) => setTimeout(ok, 200));
    }
    assert.ok(meetings.includes(meetingMarker), 'the export came to hold the new meeting');
    assert.doesNotMatch(idx.text, /<script>alert|<img src=x/i);
    const files = anchors(idx.text).map((a) => a.href).filter((h) => /^\/export\/[a-z_]+\.jsonl$/.test(h));
    assert.ok(files.length >= 5, `the export lists its files: ${files.join(' ')}`);
    const seen = new Set();
    for (const f of files) {
      const r = await get(srv.base, f);
      assert.equal(r.status, 200, f);
      assert.equal(r.headers.get('content-type'), 'application/x-ndjson', f);
      for (const line of r.text.split('\n').filter(Boolean)) {
        assert.doesNotThrow(() => JSON.parse(line), `${f}: a line is JSON`);
      }
      for (const m of r.text.matchAll(/Hx(\d+)q/g)) seen.add(m[1]);
    }
    assert.ok(seen.size >= 20, `${seen.size} payloads in the export`);
  });
});
