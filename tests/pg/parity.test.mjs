// parity.test.mjs: the same demo record, made by `witan init --demo` once on
// SQLite and once on PostgreSQL (a throwaway cluster from tests/pg/cluster.sh),
// serves the same public site: every URL a crawl of the SQLite server finds
// answers the same status, type and bytes from the PostgreSQL server.  And
// the same for the demo's OParl API harvested (witan import oparl) into a
// SQLite file and into a PostgreSQL database.
//
// Times that say when this run made the record (the publication record's
// created and modified, set by the clock at init) differ by the seconds
// between the two inits: stamps of today's date are masked on both sides,
// after iCalendar's folded lines are unfolded.  PDFs are compared by their
// text (pdftotext), as their compressed streams hold their creation time.
// Both servers are crawled before they are compared, so that the reports
// packs each builds in the background are ready on both.
//
// NOT_YET lists what is not yet on PostgreSQL (issue 18), left out here:
// nothing, today.
//
// Search (reached by no link a crawl follows) is asked SEARCHES on both:
// newest first, the same results in the same order; by relevance the same
// number of results (the order is PostgreSQL's ranking, not FTS5's, and
// its snippets are ts_headline's: docs/DECISIONS.md, "Search on
// PostgreSQL").
//
//   WITAN=/abs/build/witan node --test tests/pg/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crawl, pageType } from '../lib/server.mjs';
import { cluster, serve as serveWitan, sh as run, stopAll, witan } from './lib.mjs';

const TODAY = '2026-01-15';
let dir;
let pgdir;
let url;

/** A server on db, its base URL. */
const serve = async (db, env) => (await serveWitan(['--db', db], env)).base;
const sh = (cmd, args, env = {}) => run(cmd, args, { env });

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-pg-'));
  chmodSync(dir, 0o755);
  pgdir = path.join(dir, 'pg');
  url = sh('sh', [cluster, 'start', pgdir]);
});

after(() => {
  stopAll();
  if (pgdir) spawnSync('sh', [cluster, 'stop', pgdir]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const day = new Date().toISOString().slice(0, 10);
const stamp = new RegExp(`${day}[T ][0-9:.]+Z?|${day.replace(/-/g, '')}T?[0-9]{6}Z`, 'g');
// A time stamped now is masked with its words too (the export page's
// "Generated on ... at 6.44 pm" moves with the minute between the two runs).
// A reports pack's size in KB moves with the second it was built (its
// creation time is in its compressed streams); its pages must not.
const packSize = /(Reports pack<\/a> \(PDF, [0-9]+ pages?), [0-9]+ KB\)/g;
// Each database's publication log has a key of its own (docs/LOG.md): the
// verifier key and the signatures differ, the trees they sign must not.
const logKey = /(\/log)\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+/g;
const logSig = /^(\u2014 \S+) [A-Za-z0-9+/=]+$/gm;
const mask = (s, base) => s.replace(/\r\n /g, '').split(base).join('BASE').replace(stamp, 'NOW')
  .replace(/(<time datetime="NOW">)[^<]*/g, '$1NOW').replace(packSize, '$1, N KB)')
  .replace(logKey, '$1+KEY').replace(logSig, '$1 SIGNATURE');
const NOT_YET = [];

/** The body of an answer as text to compare: a PDF's text, else the body. */
async function body(res) {
  if ((res.headers.get('content-type') || '').startsWith('application/pdf')) {
    const file = path.join(dir, 'a.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return `PDF:\n${sh('pdftotext', ['-layout', file, '-'])}`;
  }
  return res.text();
}

/** The OParl URLs reachable from the system object, at most perType of a
 * kind (pageType), breadth first: relative to base. */
async function oparlUrls(base, perType = 8) {
  const seen = new Set(['/oparl/v1.1/system']);
  const count = new Map();
  const out = [];
  let level = ['/oparl/v1.1/system'];
  while (level.length > 0 && out.length < 1000) {
    const next = [];
    for (const rel of level) {
      out.push(rel);
      const res = await fetch(base + rel);
      const text = await res.text();
      if (!(res.headers.get('content-type') || '').includes('json')) continue;
      for (const m of text.matchAll(/"(http:\/\/127\.0\.0\.1:[0-9]+(\/oparl\/[^"]*))"/g)) {
        const u = m[2].replace(/\\\//g, '/');
        if (!m[1].startsWith(base) || seen.has(u)) continue;
        const type = pageType(u);
        if ((count.get(type) || 0) >= perType) continue;
        count.set(type, (count.get(type) || 0) + 1);
        seen.add(u);
        next.push(u);
      }
    }
    level = next;
  }
  return out;
}

/** Every URL a crawl of lite finds, and the OParl objects, fetched from
 * both: {compared, differ} (the URLs that answer differently, described). */
async function compareSites(lite, pg) {
  const [pages, pgPages] = await Promise.all([crawl(lite, { maxPerType: 15 }), crawl(pg, { maxPerType: 15 })]);
  assert.ok(pages.length > 100, `the crawl found ${pages.length} URLs`);
  assert.equal(pgPages.length, pages.length, 'both crawls find as many URLs');
  const oparl = await oparlUrls(lite);
  assert.ok(oparl.length > 30, `${oparl.length} OParl URLs`);
  const urls = [...new Set([...pages.map((p) => p.url.slice(lite.length)), ...oparl])];
  const differ = [];
  let compared = 0;
  for (const rel of urls) {
    if (NOT_YET.some((re) => re.test(rel))) continue;
    compared++;
    const [a, b] = await Promise.all([fetch(lite + rel, { redirect: 'manual' }), fetch(pg + rel, { redirect: 'manual' })]);
    const [ta, tb] = [mask(await body(a), lite), mask(await body(b), pg)];
    if (a.status !== b.status || a.headers.get('content-type') !== b.headers.get('content-type') || ta !== tb) {
      let at = 0;
      while (at < ta.length && ta[at] === tb[at]) at++;
      differ.push(`${rel}: ${a.status} / ${b.status}: at ${at}:\n  sqlite: ${JSON.stringify(ta.slice(Math.max(0, at - 60), at + 100))}\n  pg:     ${JSON.stringify(tb.slice(Math.max(0, at - 60), at + 100))}`);
    }
  }
  return { compared, differ };
}

const SEARCHES = ['budget', '"council tax"', 'plan*', 'budget -scrutiny', 'highways OR library',
  'leader of the council', 'police&kind=minutes', 'police&committee=1', 'police&from=2026-01-01&to=2026-06-30',
  'meeting&page=2', 'nosuchwordanywhere', '"-fly" (tipping) OR budget*'];

/** A search's results as the HTML page lists them (their links), and its count line. */
async function searched(base, q, sort) {
  const [words, rest] = q.split(/&(.*)/s);
  const res = await fetch(`${base}/search?q=${encodeURIComponent(words)}&sort=${sort}${rest ? `&${rest}` : ''}`);
  const text = await res.text();
  const count = (text.match(/<p class="result-count"[^>]*>([^<]*)</) || ['', 'no count line'])[1];
  return { status: res.status, count, links: [...text.matchAll(/<li><a href="([^"]*)"/g)].map((m) => m[1]) };
}

/** SEARCHES asked of both: what answers differently, described. */
async function compareSearches(lite, pg) {
  const differ = [];
  for (const q of SEARCHES) {
    for (const sort of ['date', 'relevance']) {
      const [a, b] = await Promise.all([searched(lite, q, sort), searched(pg, q, sort)]);
      if (a.status !== 200 || b.status !== a.status || !/results?\b/.test(a.count) || a.count !== b.count ||
          (sort === 'date' && a.links.join() !== b.links.join()))
        differ.push(`${q} (${sort}): ${a.status} / ${b.status}, ${a.count} / ${b.count}\n  sqlite: ${a.links.join(' ')}\n  pg:     ${b.links.join(' ')}`);
    }
  }
  return differ;
}

let demo; // the SQLite demo's server, the second test's source

test('the demo on PostgreSQL serves what the demo on SQLite serves', { timeout: 600000 }, async () => {
  const file = path.join(dir, 't.db');
  const env = { WITAN_DEMO_TODAY: TODAY };
  const pgenv = { ...env, WITAN_STORE: path.join(dir, 'pg-files') };
  sh(witan, ['init', '--db', file, '--demo'], env);
  sh(witan, ['init', '--db', url, '--demo'], pgenv);
  demo = await serve(file, env);
  const pg = await serve(url, pgenv);
  const { compared, differ } = await compareSites(demo, pg);
  assert.ok(compared > 100, `${compared} URLs compared`);
  assert.equal(differ.length, 0, `${differ.length} of ${compared} URLs differ:\n${differ.slice(0, 15).join('\n')}`);
  assert.deepEqual(await compareSearches(demo, pg), [], 'searches answer alike');
});

test('a record harvested into PostgreSQL serves what the same harvested into SQLite serves', { timeout: 600000 }, async () => {
  assert.ok(demo, 'the demo is served (the test before)');
  const source = `${demo}/oparl/v1.1/system`;
  const file = path.join(dir, 'harvested.db');
  const pgurl = url.replace('/witan?', '/harvested?');
  const pgenv = { WITAN_STORE: path.join(dir, 'harvested-files') };
  sh('psql', [url, '-qc', 'CREATE DATABASE harvested']);
  sh(witan, ['import', 'oparl', '--db', file, source]);
  sh(witan, ['import', 'oparl', '--db', pgurl, source], pgenv);
  const lite = await serve(file, {});
  const pg = await serve(pgurl, pgenv);
  const { compared, differ } = await compareSites(lite, pg);
  assert.ok(compared > 100, `${compared} URLs compared`);
  assert.equal(differ.length, 0, `${differ.length} of ${compared} URLs differ:\n${differ.slice(0, 15).join('\n')}`);
  assert.deepEqual(await compareSearches(lite, pg), [], 'searches answer alike');
});
