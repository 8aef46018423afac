// Proves the browser-tier checkers can fail (and pass): fixture pages with
// known axe, vnu and mobile-overflow problems, served by node's http module,
// plus the crawler on a small linked fixture site. Needs no witan binary.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { crawl, extractLinks, pageType, startServer } from '../lib/server.mjs';
import {
  checkHorizontalScroll,
  desktopContext,
  formatViolations,
  launchBrowser,
  mobileContext,
  runAxe,
  runVnu,
  runVnuOnPages,
  strictContext,
  watchCsp,
} from './checks.mjs';

const page = (title, body, { viewport = true } = {}) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${viewport ? '<meta name="viewport" content="width=device-width, initial-scale=1">\n' : ''}<title>${title}</title>
</head>
<body>
${body}
</body>
</html>
`;

const FIXTURES = {
  '/clean': page(
    'Clean page',
    `<header><nav aria-label="Main"><a href="/">Home</a></nav></header>
<main>
<h1>Clean page</h1>
<p>A short paragraph with an <img src="/pixel.png" alt="example pixel" width="1" height="1"> image.</p>
<form action="/search" method="get">
<label for="q">Search</label> <input id="q" name="q" type="search">
<button type="submit">Go</button>
</form>
</main>`,
  ),
  // axe: image-alt (img without alt) and label (input without label).
  // vnu: <div> inside <span>, and a duplicate id.
  '/bad': page(
    'Bad page',
    `<main>
<h1 id="dup">Bad page</h1>
<p id="dup">Duplicate id.</p>
<img src="/pixel.png">
<input type="text" name="x">
<span><div>block in inline</div></span>
</main>`,
  ),
  '/wide': page('Wide page', `<main><h1>Wide</h1><div class="wide" style="width: 1000px">too wide</div></main>`),
  '/noviewport': page('No viewport', `<main><h1>No viewport meta</h1><p>text</p></main>`, { viewport: false }),
};

// Served with witan's pages' CSP (CSP_FIXTURES): one page with what it
// refuses (an inline style element and attribute, an inline script), one
// with only what it allows (a JSON-LD data block, a stylesheet of its own).
const PAGE_CSP = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
  + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const CSP_FIXTURES = {
  '/csp-bad': page('CSP bad', `<style>main{color:red}</style><main><h1 style="color:blue">Inline</h1>
<script>document.title = 'ran';</script></main>`),
  '/csp-good': page('CSP good', `<link rel="stylesheet" href="/own.css">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":"A meeting"}</script>
<main><h1>Clean</h1><img src="/pixel.png" alt="pixel"></main>`),
};

// 1x1 transparent PNG.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

// A small site for the crawler: entities in hrefs, fragments, external and
// mailto links, a redirect, a broken link and a non-HTML response whose
// "links" must not be followed.
const SITE = {
  '/': `<a href="/a?x=1&amp;y=2#frag">a</a> <a href='/b'>b</a> <a href="mailto:x@example.org">m</a>
<a href="tel:123">t</a> <a href="https://example.org/ext">ext</a> <img src="/img.png" alt="">
<a href="/missing">broken</a> <a href="/old">redirect</a> <a href="/data.txt">text</a> <a href="#top">top</a>`,
  '/a?x=1&y=2': `<a href="/">home</a> <a href="b">relative b</a> <script src="/app.js"></script>`,
  '/b': `<a href="/a?x=1&amp;y=2">a again</a> <a href="/c/1">c</a>`,
  '/c/1': `<p>leaf</p>`,
  '/new': `<p>redirect target</p>`,
};

function listen(handler) {
  return new Promise((resolve) => {
    const srv = http.createServer(handler);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

let server;
let base;
let browser;

before(async () => {
  server = await listen((req, res) => {
    const url = new URL(req.url, 'http://x');
    const key = url.pathname + url.search;
    if (url.pathname === '/pixel.png' || url.pathname === '/img.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(PIXEL);
    }
    if (url.pathname === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end('// <a href="/from-js">not followed</a>\n');
    }
    if (url.pathname === '/data.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('href="/from-text" is not a link');
    }
    if (url.pathname === '/old') {
      res.writeHead(301, { location: '/new' });
      return res.end();
    }
    if (url.pathname === '/own.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      return res.end('h1 { color: #123456; }\n');
    }
    if (CSP_FIXTURES[key]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP });
      return res.end(CSP_FIXTURES[key]);
    }
    const html = FIXTURES[key] ?? SITE[key];
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<p>not found</p>');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

describe('axe-core', () => {
  test('finds image-alt and label on the bad fixture', async () => {
    const ctx = await desktopContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${base}/bad`);
    const violations = await runAxe(p);
    await ctx.close();
    const ids = violations.map((v) => v.id);
    assert.ok(ids.includes('image-alt'), `expected image-alt in:\n${formatViolations(violations)}`);
    assert.ok(ids.includes('label'), `expected label in:\n${formatViolations(violations)}`);
    const text = formatViolations(violations);
    assert.match(text, /image-alt: .+\n\s+at img/);
  });

  test('passes the clean fixture', async () => {
    const ctx = await desktopContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${base}/clean`);
    const violations = await runAxe(p);
    await ctx.close();
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});

describe('Content-Security-Policy', () => {
  test('watchCsp reports inline style and script under the pages\' CSP; a JSON-LD data block is no violation', async () => {
    const ctx = await strictContext(browser);
    const p = await ctx.newPage();
    const found = await watchCsp(p);
    await p.goto(`${base}/csp-bad`, { waitUntil: 'load' });
    await p.evaluate(() => new Promise((ok) => setTimeout(ok, 50)));
    const events = found.filter((f) => !f.startsWith('console:'));
    assert.ok(events.some((f) => f.startsWith('style-src-elem')), `the <style> element: ${found.join(' | ')}`);
    assert.ok(events.some((f) => f.startsWith('style-src-attr')), `the style attribute: ${found.join(' | ')}`);
    assert.ok(events.some((f) => f.startsWith('script-src-elem')), `the inline script: ${found.join(' | ')}`);
    assert.equal(await p.title(), 'CSP bad', 'the script did not run');
    found.length = 0;
    await p.goto(`${base}/csp-good`, { waitUntil: 'load' });
    await p.evaluate(() => new Promise((ok) => setTimeout(ok, 50)));
    assert.deepEqual(found, []);
    assert.equal(await p.$eval('h1', (h) => getComputedStyle(h).color), 'rgb(18, 52, 86)', 'its own stylesheet applies');
    await ctx.close();
  });
});

describe('mobile horizontal scroll', () => {
  const measure = async (route) => {
    const ctx = await mobileContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${base}${route}`);
    const m = await checkHorizontalScroll(p);
    await ctx.close();
    return m;
  };

  test('passes the clean fixture', async () => {
    const m = await measure('/clean');
    assert.ok(m.ok, JSON.stringify(m));
    assert.equal(m.innerWidth, 375);
  });

  test('fails a page with a 1000px-wide element', async () => {
    const m = await measure('/wide');
    assert.equal(m.ok, false, JSON.stringify(m));
    assert.ok(m.culprits.some((c) => c.sel === 'div.wide'), JSON.stringify(m.culprits));
  });

  test('fails a page without a viewport meta tag', async () => {
    const m = await measure('/noviewport');
    assert.equal(m.ok, false, JSON.stringify(m));
  });
});

describe('vnu', () => {
  test('reports errors on the bad fixture and none on the clean one, in one run', async () => {
    const pages = [
      { url: `${base}/bad`, body: FIXTURES['/bad'] },
      { url: `${base}/clean`, body: FIXTURES['/clean'] },
    ];
    const byUrl = await runVnuOnPages(pages);
    const bad = byUrl.get(`${base}/bad`);
    const clean = byUrl.get(`${base}/clean`);
    assert.deepEqual(clean, [], JSON.stringify(clean, null, 2));
    assert.ok(bad.length >= 2, JSON.stringify(bad, null, 2));
    assert.ok(
      bad.some((e) => /div.*not allowed as child of element .?span/i.test(e.message)),
      JSON.stringify(bad, null, 2),
    );
    assert.ok(
      bad.some((e) => /duplicate id/i.test(e.message)),
      JSON.stringify(bad, null, 2),
    );
    assert.ok(bad.every((e) => typeof e.line === 'number' && e.url === `${base}/bad`));
  });

  test('runVnu takes file paths directly', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'witan-vnu-self-'));
    try {
      const file = path.join(dir, 'x.html');
      writeFileSync(file, '<!doctype html><html lang="en"><title>x</title><p><p></p></span>');
      const errors = await runVnu([file]);
      assert.ok(errors.length > 0);
      assert.ok(errors.every((e) => e.file === file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('crawler', () => {
  test('extractLinks decodes entities and drops fragments, mailto, tel and external origins', () => {
    const links = extractLinks(SITE['/'], `${base}/`, base);
    assert.deepEqual(links, [
      `${base}/a?x=1&y=2`,
      `${base}/b`,
      `${base}/img.png`,
      `${base}/missing`,
      `${base}/old`,
      `${base}/data.txt`,
    ]);
  });

  test('follows same-origin links and redirects, records status and referrer', async () => {
    const results = await crawl(base);
    const by = new Map(results.map((r) => [r.url.slice(base.length), r]));
    assert.deepEqual(
      [...by.keys()].sort(),
      ['/', '/a?x=1&y=2', '/app.js', '/b', '/c/1', '/data.txt', '/img.png', '/missing', '/new', '/old'].sort(),
    );
    assert.equal(results[0].url, `${base}/`);
    assert.equal(results[0].referrer, null);
    assert.equal(by.get('/missing').status, 404);
    assert.equal(by.get('/missing').referrer, `${base}/`);
    assert.equal(by.get('/old').status, 301);
    assert.equal(by.get('/new').referrer, `${base}/old`);
    assert.equal(by.get('/c/1').referrer, `${base}/b`);
    assert.equal(by.get('/img.png').body, null);
    assert.equal(by.get('/img.png').contentType, 'image/png');
    assert.match(by.get('/b').body, /a again/);
    assert.equal(results.truncated, undefined);
  });

  test('stops at max and says so', async () => {
    const results = await crawl(base, { max: 3 });
    assert.equal(results.length, 3);
    assert.equal(results.truncated, true);
  });

  test('is deterministic', async () => {
    const a = (await crawl(base)).map((r) => r.url);
    const b = (await crawl(base)).map((r) => r.url);
    assert.deepEqual(a, b);
  });
});

describe('pageType', () => {
  test('replaces numeric segments and reduces queries to parameter names', () => {
    assert.equal(pageType('http://h/'), '/');
    assert.equal(pageType('http://h/meetings/12/items/3'), '/meetings/{id}/items/{id}');
    assert.equal(pageType('http://h/meetings?month=2024-05'), '/meetings?month');
    assert.equal(pageType('http://h/search?q=a&page=2&q=b'), '/search?page&q');
    assert.equal(pageType('http://h/docs/2024-05-01/minutes'), '/docs/{id}/minutes');
    assert.equal(pageType('http://h/about'), '/about');
  });
});

// A stand-in for the witan binary: `init` writes the database file and logs
// its arguments; `serve` answers /healthz (or dies, or never answers, as the
// FAKE env variable says) and leaves a marker when it gets SIGTERM.
const STUB = `#!${process.execPath}
const fs = require('fs'), http = require('http'), path = require('path');
const [cmd, ...rest] = process.argv.slice(2);
const db = rest[rest.indexOf('--db') + 1];
const log = path.join(path.dirname(process.argv[1]), 'calls.log');
fs.appendFileSync(log, process.argv.slice(2).join(' ') + '\\n');
if (cmd === 'init') { fs.writeFileSync(db, 'x'); process.exit(0); }
const mode = process.env.FAKE || 'ok';
console.error('stub serving in mode ' + mode);
if (mode === 'die') { console.error('fatal: stub told to die'); process.exit(7); }
const [host, port] = rest[rest.indexOf('--listen') + 1].split(':');
http.createServer((req, res) => {
  if (mode === 'unhealthy') { res.writeHead(503); return res.end(); }
  res.writeHead(req.url === '/healthz' ? 200 : 404); res.end('ok');
}).listen(+port, host);
process.on('SIGTERM', () => { fs.writeFileSync(path.join(path.dirname(process.argv[1]), 'sigterm'), db); process.exit(0); });
`;

describe('startServer', () => {
  let dir;
  let stub;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'witan-stub-'));
    stub = path.join(dir, 'witan');
    writeFileSync(stub, STUB);
    chmodSync(stub, 0o755);
  });
  after(() => {
    delete process.env.FAKE;
    rmSync(dir, { recursive: true, force: true });
  });

  test('inits a demo database, serves on a free port, stops with SIGTERM and cleans up', async () => {
    process.env.FAKE = 'ok';
    // The demo database is made once per binary beside it and copied:
    // start from none, so that this start makes it.
    for (const name of readdirSync(dir)) if (name.startsWith('witan.demo-')) rmSync(path.join(dir, name), { recursive: true, force: true });
    const srv = await startServer({ witan: stub });
    assert.match(srv.base, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(srv.dbPath, path.join(srv.dir, 't.db'));
    assert.ok(existsSync(srv.dbPath));
    assert.equal((await fetch(`${srv.base}/healthz`)).status, 200);
    await srv.stop();
    assert.equal(existsSync(srv.dir), false);
    assert.equal(readFileSync(path.join(dir, 'sigterm'), 'utf8'), srv.dbPath);
    const calls = readFileSync(path.join(dir, 'calls.log'), 'utf8').trim().split('\n');
    assert.ok(calls.at(-2).startsWith(`init --db ${stub}.demo-tmp-`) && calls.at(-2).endsWith('/t.db --demo'), calls.at(-2));
    assert.equal(calls.at(-1), `serve --db ${srv.dbPath} --listen 127.0.0.1:${new URL(srv.base).port}`);
    // A second server of the same binary copies the same demo database.
    const again = await startServer({ witan: stub });
    await again.stop();
    const calls2 = readFileSync(path.join(dir, 'calls.log'), 'utf8').trim().split('\n');
    assert.equal(calls2.length, calls.length + 1, 'no second init');
    await srv.stop(); // idempotent
  });

  test('demo: false leaves out --demo', async () => {
    process.env.FAKE = 'ok';
    const srv = await startServer({ witan: stub, demo: false });
    await srv.stop();
    const calls = readFileSync(path.join(dir, 'calls.log'), 'utf8').trim().split('\n');
    assert.equal(calls.at(-2), `init --db ${srv.dbPath}`);
  });

  test('a server that exits early fails at once with its stderr', async () => {
    process.env.FAKE = 'die';
    const t0 = Date.now();
    await assert.rejects(startServer({ witan: stub }), /ended \(exit 7\)[\s\S]*fatal: stub told to die/);
    assert.ok(Date.now() - t0 < 5000);
  });

  test('a server whose /healthz never answers 200 times out with its output', async () => {
    process.env.FAKE = 'unhealthy';
    await assert.rejects(startServer({ witan: stub, timeoutMs: 1000 }), /within 1000 ms \(\/healthz answered 503\)[\s\S]*stub serving in mode unhealthy/);
  });

  test('a missing binary is a clear error', async () => {
    await assert.rejects(startServer({ witan: path.join(dir, 'nope') }), /witan binary not found at .*nope/);
  });
});
