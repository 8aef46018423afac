// The browser tier against the real server: start witan on a fresh demo
// database, crawl every same-origin link, then for up to two example URLs of
// each page type run axe-core (WCAG 2.0/2.1 A and AA) in Debian's Chromium,
// check a 375 px phone viewport does not scroll sideways, and validate the
// HTML with vnu (one java run for all sampled pages); and load each under
// its own Content-Security-Policy, which nothing on it may violate.
//
// Needs $WITAN (or build/witan); fails, never skips, when it is missing.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { crawl, pageType, startServer } from '../lib/server.mjs';
import {
  checkHorizontalScroll,
  desktopContext,
  formatViolations,
  formatVnuErrors,
  launchBrowser,
  mobileContext,
  MOBILE_WIDTH,
  runAxe,
  runVnuOnPages,
  strictContext,
  watchCsp,
} from './checks.mjs';

const EXAMPLES_PER_TYPE = 2;
// The site has no endless URL spaces (the calendar links months only
// between the first and last month with meetings), so the crawl is
// complete: every link from / is followed.
const MAX_PER_TYPE = Infinity;
const NOT_FOUND_PATH = '/no-such-page-for-browser-tests';

const isHtml = (r) => r.body !== null;

test('witan site: crawl, accessibility, mobile layout and HTML validity', { timeout: 10 * 60 * 1000 }, async (t) => {
  const srv = await startServer({ demo: true });
  let browser;
  try {
    const results = await crawl(srv.base, { maxPerType: MAX_PER_TYPE });
    const rel = (url) => (url ? url.slice(srv.base.length) || '/' : '(start)');
    t.diagnostic(
      `crawled ${results.length} URLs` +
        (results.skipped ? `, left out ${results.skipped} beyond ${MAX_PER_TYPE} of one page type` : '') +
        (results.truncated ? ', stopped at the crawl limit' : ''),
    );

    await t.test('crawl: no internal link answers >= 400 and nothing answers 5xx', () => {
      assert.ok(results.length > 0 && results[0].status === 200, `GET / answered ${results[0]?.status}`);
      const bad = results.filter((r) => r.status >= 400 || r.status === 0);
      assert.deepEqual(
        bad.map((r) => `${r.status || r.error} ${rel(r.url)} (linked from ${rel(r.referrer)})`),
        [],
        'broken internal links',
      );
    });

    // The not-found page is a page too: it must be a real 404, and accessible.
    const nf = await fetch(srv.base + NOT_FOUND_PATH);
    const nfBody = await nf.text();
    await t.test('an unknown URL answers 404', () => {
      assert.equal(nf.status, 404);
    });

    // Page types, in crawl order. Examples of each: the first one found, then
    // the largest of the rest (the most content, so the most markup to check).
    const all = new Map();
    for (const r of results) {
      if (r.status !== 200 || !isHtml(r)) continue;
      const type = pageType(r.url);
      if (!all.has(type)) all.set(type, []);
      all.get(type).push(r);
    }
    const groups = new Map();
    for (const [type, list] of all) {
      const [first, ...rest] = list;
      rest.sort((a, b) => b.body.length - a.body.length || (a.url < b.url ? -1 : 1));
      groups.set(type, [first, ...rest].slice(0, EXAMPLES_PER_TYPE));
    }
    if (/^\s*text\/html\b/i.test(nf.headers.get('content-type') || '')) {
      groups.set('(not found page)', [{ url: srv.base + NOT_FOUND_PATH, body: nfBody, status: nf.status }]);
    }
    const sampled = [...groups.values()].flat();
    t.diagnostic(`${groups.size} page types, ${sampled.length} example pages: ${[...groups.keys()].join(' ')}`);

    // vnu (one java run) while Chromium starts.
    const [vnu, launched] = await Promise.allSettled([runVnuOnPages(sampled), launchBrowser()]);
    if (launched.status === 'rejected') throw launched.reason;
    browser = launched.value;
    const desktop = await desktopContext(browser);
    const mobile = await mobileContext(browser);
    const dPage = await desktop.newPage();
    const mPage = await mobile.newPage();
    const cPage = await (await strictContext(browser)).newPage();
    const cspViolations = await watchCsp(cPage);
    const pageErrors = [];
    dPage.on('pageerror', (err) => pageErrors.push(err.message));

    for (const [type, examples] of groups) {
      await t.test(`page type ${type}`, async () => {
        const problems = [];
        for (const ex of examples) {
          const url = ex.url;
          const expected = ex.status ?? 200;

          pageErrors.length = 0;
          const res = await dPage.goto(url, { waitUntil: 'load' });
          if (res?.status() !== expected) problems.push(`${rel(url)}: Chromium got status ${res?.status()}`);
          const violations = await runAxe(dPage);
          if (violations.length > 0) {
            problems.push(`${rel(url)}: ${violations.length} axe violation(s):\n${formatViolations(violations)}`);
          }
          if (pageErrors.length > 0) {
            problems.push(`${rel(url)}: uncaught script error(s):\n  ${pageErrors.join('\n  ')}`);
          }

          cspViolations.length = 0;
          await cPage.goto(url, { waitUntil: 'load' });
          await cPage.evaluate(() => new Promise((ok) => setTimeout(ok, 50))); // reports are queued tasks
          if (cspViolations.length > 0) {
            problems.push(`${rel(url)}: Content-Security-Policy violation(s):\n  ${cspViolations.join('\n  ')}`);
          }

          await mPage.goto(url, { waitUntil: 'load' });
          const m = await checkHorizontalScroll(mPage);
          if (!m.ok) {
            const why =
              m.innerWidth > MOBILE_WIDTH + 1
                ? `layout viewport is ${m.innerWidth}px wide (missing or ineffective <meta name="viewport">, or content forces it wider)`
                : `document scrolls sideways (scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth})`;
            const culprits = m.culprits.map((c) => `${c.sel} (right edge ${c.right}px)`).join(', ');
            problems.push(`${rel(url)}: at ${MOBILE_WIDTH}px: ${why}${culprits ? `; widest: ${culprits}` : ''}`);
          }

          if (vnu.status === 'rejected') {
            problems.push(`${rel(url)}: vnu did not run: ${vnu.reason.message}`);
          } else {
            const errors = vnu.value.get(url) ?? [];
            if (errors.length > 0) {
              const shown = errors.map((e) => ({ ...e, url: rel(e.url) }));
              problems.push(`${rel(url)}: ${errors.length} HTML error(s) (vnu):\n${formatVnuErrors(shown)}`);
            }
          }
        }
        if (problems.length > 0) assert.fail(`${type}\n${problems.join('\n')}`);
      });
    }
  } finally {
    await browser?.close();
    await srv.stop();
  }
});
