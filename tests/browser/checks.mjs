// Checkers shared by the browser tests: axe-core in Debian's Chromium (driven
// by playwright-core, never a downloaded browser), a mobile-width overflow
// check, and the Nu HTML Checker (vnu.jar on the system java).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const JAVA = process.env.JAVA || '/usr/bin/java';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const MOBILE_WIDTH = 375;

/** Launches headless Debian Chromium with the flags known to work here. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A desktop context (1280x800). bypassCSP lets axe be injected under a strict CSP. */
export function desktopContext(browser) {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
}

/**
 * A phone-like context: 375 px wide, and isMobile so that the page's
 * <meta name="viewport"> is honoured as a phone would (a page without one
 * lays out at 980 px and fails the overflow check).
 */
export function mobileContext(browser) {
  return browser.newContext({
    viewport: { width: MOBILE_WIDTH, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    bypassCSP: true,
  });
}

/**
 * A desktop context that enforces the pages' Content-Security-Policy (the
 * others bypass it, to inject axe): for watchCsp().
 */
export function strictContext(browser) {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}

/**
 * Collects every CSP violation of page, from both the
 * securitypolicyviolation event (registered before any of the page's own
 * markup runs) and Chromium's console report ("Refused to apply inline
 * style ..."), into the returned array, which the caller may empty between
 * pages.  Call before the first goto.
 */
export async function watchCsp(page) {
  const found = [];
  await page.exposeFunction('__witanCsp', (v) => found.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__witanCsp(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`
        + `${e.sample ? `: ${e.sample}` : ''} (line ${e.lineNumber})`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) found.push(`console: ${m.text()}`);
  });
  return found;
}

/** Runs axe-core on the loaded page; resolves the list of violations. */
export async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Human-readable list of axe violations, for assertion messages. */
export function formatViolations(violations, { maxTargets = 3 } = {}) {
  return violations
    .map((v) => {
      const more = v.targets.length > maxTargets ? ` (+${v.targets.length - maxTargets} more)` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n      at ${v.targets.slice(0, maxTargets).join(' | ')}${more}`;
    })
    .join('\n');
}

/**
 * Measures horizontal overflow on a page loaded in mobileContext(). ok is
 * false when the layout viewport is wider than the device (no or a wrong
 * meta viewport) or the document scrolls sideways.
 */
export async function checkHorizontalScroll(page, width = MOBILE_WIDTH) {
  const m = await page.evaluate(() => ({
    innerWidth: window.innerWidth,
    clientWidth: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body ? document.body.scrollWidth : 0,
  }));
  // The widest elements that stick out past the right edge, to name in a failure.
  const culprits = await page.evaluate((vw) => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 1) {
        let sel = el.tagName.toLowerCase();
        if (el.id) sel += `#${el.id}`;
        else if (el.classList.length) sel += `.${[...el.classList].join('.')}`;
        out.push({ sel, right: Math.round(r.right) });
      }
    }
    out.sort((a, b) => b.right - a.right);
    return out.slice(0, 5);
  }, width);
  const ok = m.innerWidth <= width + 1 && m.scrollWidth <= m.innerWidth + 1;
  return { ok, ...m, culprits };
}

/** Runs a command; resolves {code, stdout, stderr}. */
function exec(cmd, args, { timeoutMs = 120000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/**
 * Validates HTML files with vnu in one java run. Resolves the messages of
 * type "error" (including fatal ones) and "non-document-error", each as
 * {file, line, column, message, extract, type}. Warnings (type "info") are
 * not returned.
 */
export async function runVnu(files) {
  if (files.length === 0) return [];
  if (!existsSync(JAVA)) throw new Error(`java not found at ${JAVA} (set JAVA)`);
  const { code, stdout, stderr } = await exec(JAVA, ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files]);
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`vnu gave no JSON report (exit ${code}):\n${stdout}\n${stderr}`);
  }
  const byUrl = new Map(files.map((f) => [pathToFileURL(path.resolve(f)).href, f]));
  return report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => ({
      file: byUrl.get(m.url) ?? (m.url ? m.url.replace(/^file:/, '') : null),
      line: m.lastLine ?? m.firstLine ?? null,
      column: m.firstColumn ?? m.lastColumn ?? null,
      message: m.message,
      extract: m.extract ?? null,
      type: m.subType ? `${m.type}/${m.subType}` : m.type,
    }));
}

/**
 * Validates documents given as {url, body}: writes each body to a temporary
 * .html file and runs runVnu() once. Resolves a Map url -> [errors].
 */
export async function runVnuOnPages(pages) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'witan-vnu-'));
  try {
    const fileToUrl = new Map();
    pages.forEach((p, i) => {
      const file = path.join(dir, `page-${String(i).padStart(4, '0')}.html`);
      writeFileSync(file, p.body);
      fileToUrl.set(file, p.url);
    });
    const errors = await runVnu([...fileToUrl.keys()]);
    const byUrl = new Map(pages.map((p) => [p.url, []]));
    for (const e of errors) {
      const url = fileToUrl.get(e.file);
      if (url === undefined) throw new Error(`vnu reported on an unknown file ${e.file}: ${e.message}`);
      byUrl.get(url).push({ ...e, url });
    }
    return byUrl;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Human-readable list of vnu errors, for assertion messages. */
export function formatVnuErrors(errors) {
  return errors
    .map((e) => {
      const where = `${e.url ?? e.file}:${e.line ?? '?'}${e.column ? `:${e.column}` : ''}`;
      const extract = e.extract ? `\n      ${JSON.stringify(e.extract.trim().slice(0, 120))}` : '';
      return `  ${where} ${e.message}${extract}`;
    })
    .join('\n');
}
