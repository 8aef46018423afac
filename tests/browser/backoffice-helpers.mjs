// Helpers for the back-office walk (backoffice.test.mjs): accounts made with
// the CLI, a tiny valid PDF with a known text, civil dates, and a page
// driver that clicks like a person and records what each navigation
// answered (statuses and the raw HTML the server sent).

import { spawn } from 'node:child_process';

/** `witan user add` with the password on stdin; rejects on a non-zero exit. */
export function addUser(witan, dbPath, { email, role, password }) {
  return new Promise((resolve, reject) => {
    const args = ['user', 'add', '--db', dbPath, '--email', email, '--role', role, '--password-stdin'];
    const child = spawn(witan, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out.trim());
      else reject(new Error(`\`witan ${args.join(' ')}\` exited ${code}: ${out}`));
    });
    child.stdin.end(`${password}\n`);
  });
}

/**
 * A one-page PDF 1.4 whose page shows `lines` in Helvetica, with a correct
 * cross-reference table (pdftotext reads it back).
 */
export function makePdf(lines) {
  const esc = (s) => s.replace(/[\\()]/g, (m) => `\\${m}`);
  const ops = ['BT', '/F1 14 Tf', '72 720 Td', '16 TL'];
  for (const l of [].concat(lines)) ops.push(`(${esc(l)}) Tj T*`);
  ops.push('ET');
  const content = ops.join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The local civil date `days` from today, as YYYY-MM-DD. */
export function isoDateFromToday(days) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + days);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Drives one page and remembers every main-frame document response, so a
 * click that POSTs and is redirected can be checked for what it answered
 * (the POST's own status, then the page it led to) and the raw HTML of the
 * page shown can be validated as the server sent it.
 */
export class Walker {
  constructor(page, base) {
    this.page = page;
    this.base = base;
    this.responses = [];
    page.on('response', (res) => {
      const req = res.request();
      if (req.resourceType() === 'document' && res.frame() === page.mainFrame()) this.responses.push(res);
    });
  }

  /** Path (with query) of the page shown now. */
  path() {
    const u = new URL(this.page.url());
    return u.pathname + u.search;
  }

  async #settle(since) {
    await this.page.waitForLoadState('load');
    const chain = this.responses.slice(since);
    return {
      chain: chain.map((r) => `${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`),
      first: chain[0] ?? null,
      last: chain[chain.length - 1] ?? null,
    };
  }

  /** Opens a URL (as from the address bar or a bookmark). */
  async goto(pathname) {
    const since = this.responses.length;
    await this.page.goto(this.base + pathname, { waitUntil: 'load' });
    return this.#settle(since);
  }

  /** Clicks a link or submit button and waits for the page it leads to. */
  async click(locator) {
    const since = this.responses.length;
    const nav = this.page.waitForEvent('framenavigated', { predicate: (f) => f === this.page.mainFrame(), timeout: 15000 });
    await locator.click();
    await nav;
    return this.#settle(since);
  }

  /** Raw HTML of the document now shown (the last main-frame response). */
  async rawHtml() {
    const last = this.responses[this.responses.length - 1];
    try {
      return await last.text();
    } catch {
      return this.page.content();
    }
  }
}
