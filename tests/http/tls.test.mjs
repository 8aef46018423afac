// TLS on the listen address (issue 17, "HTTP/2 where h2o offers it over
// TLS"): `witan serve --tls-cert FILE --tls-key FILE` speaks TLS only, offers
// HTTP/2 ("h2") and HTTP/1.1 by ALPN and behaves as with --https (HSTS,
// Secure session cookies, an https base URL).  The certificate is a self-signed one made here with the
// openssl command.  A lone --tls-cert, or a key that is not the
// certificate's, stops `serve` with a message naming the problem.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { freePort, startServer, witanPath } from '../lib/server.mjs';

/** A self-signed P-256 certificate for 127.0.0.1 and its key, in dir. */
function makeCert(dir, name) {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  return { cert, key };
}

/** Requests over one HTTP/2 session; each resolves {status, headers, body}. */
function h2Session(base) {
  const session = http2.connect(base, { rejectUnauthorized: false });
  session.on('error', () => {}); // each request reports its own
  const get = (p, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = session.request({ ':path': p, ...headers });
      const chunks = [];
      let head;
      req.on('response', (h) => {
        head = h;
      });
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve({ status: head?.[':status'], headers: head ?? {}, body: Buffer.concat(chunks) }));
      req.on('error', reject);
      req.end();
    });
  return { session, get };
}

/** GET over HTTPS with HTTP/1.1 as the only ALPN protocol offered. */
function h1Get(base, p) {
  return new Promise((resolve, reject) => {
    const req = https.get(base + p, { rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
          alpn: res.socket.alpnProtocol,
          httpVersion: res.httpVersion,
        }),
      );
    });
    req.on('error', reject);
  });
}

/** Everything the server sends back to a plain-text HTTP request (for up to 5 s). */
function plainRequest(port) {
  return new Promise((resolve) => {
    const chunks = [];
    const sock = net.connect(port, '127.0.0.1', () => {
      sock.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    const done = (why) => {
      sock.destroy();
      resolve({ data: Buffer.concat(chunks), why });
    };
    sock.setTimeout(5000, () => done('timeout'));
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', () => done('closed'));
    sock.on('error', (e) => done(e.code));
  });
}

/** Runs `witan serve` that should refuse to start; {code, output}. */
function serveRefused(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(witanPath(), ['serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // A server that started instead would never exit: stopped here, and
    // its exit by signal fails the test.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

describe('serve --tls-cert --tls-key', () => {
  let dir;
  let good;
  let other;
  let srv;
  let h2;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'witan-tls-'));
    good = makeCert(dir, 'good');
    other = makeCert(dir, 'other');
    srv = await startServer({ serveArgs: ['--tls-cert', good.cert, '--tls-key', good.key] });
    h2 = h2Session(srv.base);
  });

  after(async () => {
    h2?.session.close();
    await srv?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the base is https and the "serving" line says so', () => {
    assert.equal(srv.base, `https://127.0.0.1:${srv.port}`);
    assert.match(srv.output(), new RegExp(`serving .* on https://127\\.0\\.0\\.1:${srv.port}/`));
  });

  test('HTTP/2 by ALPN answers GET / with the page HTTP/1.1 over TLS gives', async () => {
    const r2 = await h2.get('/');
    assert.equal(h2.session.alpnProtocol, 'h2', 'ALPN chose h2');
    assert.equal(r2.status, 200);
    assert.match(r2.headers['content-type'], /^text\/html/);
    const r1 = await h1Get(srv.base, '/');
    assert.equal(r1.alpn, 'http/1.1', 'ALPN chose http/1.1 when it is all the client offers');
    assert.equal(r1.httpVersion, '1.1');
    assert.equal(r1.status, 200);
    assert.ok(r2.body.length > 1000, 'a page, not an empty answer');
    assert.match(r2.body.toString('utf8'), /<html/i);
    assert.deepEqual(r2.body, r1.body, 'the same page over HTTP/2 and HTTP/1.1');
  });

  test('many requests at once on one HTTP/2 connection: pages, a document, a range, a 404', async () => {
    const pages = ['/', '/meetings', '/committees', '/people', '/robots.txt', '/sitemap.xml', '/oparl/v1.1/system'];
    const answers = await Promise.all([...pages, ...pages].map((p) => h2.get(p)));
    answers.forEach((a, i) => assert.equal(a.status, 200, [...pages, ...pages][i]));
    // The first meeting the home page links to that has a document (the
    // next meetings may have no agenda yet: it depends on today's date).
    const home = answers[0].body.toString('utf8');
    const meetingHrefs = [...new Set([...home.matchAll(/href="(\/meetings\/\d+)"/g)].map((m) => m[1]))];
    assert.ok(meetingHrefs.length > 0, 'meetings linked from the home page');
    let docHref;
    for (const href of meetingHrefs) {
      const meeting = (await h2.get(href)).body.toString('utf8');
      docHref = meeting.match(/href="(\/documents\/\d+\/[^"]+)"/)?.[1];
      if (docHref) break;
    }
    assert.ok(docHref, `a document linked from one of ${meetingHrefs.join(' ')}`);
    const [d2, d1, part] = await Promise.all([h2.get(docHref), h1Get(srv.base, docHref), h2.get(docHref, { range: 'bytes=10-19' })]);
    assert.equal(d2.status, 200);
    assert.ok(d2.body.length > 1000);
    assert.deepEqual(d2.body, d1.body, 'a stored document streams whole over HTTP/2');
    assert.equal(part.status, 206);
    assert.deepEqual(part.body, d2.body.subarray(10, 20));
    assert.equal((await h2.get('/no-such-page')).status, 404);
  });

  test('a plain HTTP request to the TLS port gets no page', async () => {
    const { data, why } = await plainRequest(srv.port);
    const text = data.toString('latin1');
    assert.doesNotMatch(text, /^HTTP\/1\.[01] /, `no HTTP answer (${why}): ${JSON.stringify(text.slice(0, 80))}`);
    assert.doesNotMatch(text, /<html/i);
    // and the server still serves TLS afterwards
    assert.equal((await h1Get(srv.base, '/healthz')).status, 200);
  });

  test('TLS is HTTPS to the public: HSTS on both protocols, https absolute links', async () => {
    const r2 = await h2.get('/');
    const r1 = await h1Get(srv.base, '/committees');
    for (const r of [r2, r1]) assert.equal(r.headers['strict-transport-security'], 'max-age=31536000');
    const robots = await h2.get('/robots.txt');
    assert.match(robots.body.toString('utf8'), new RegExp(`Sitemap: https://127\\.0\\.0\\.1:${srv.port}/sitemap\\.xml`));
  });

  test('a sign-in over HTTP/2 (a slow route, run off the loop) sets a Secure session cookie', async () => {
    const user = { email: 'tls.clerk@example.org', password: 'tls-clerk-password-0123' };
    execFileSync(witanPath(), ['user', 'add', '--db', srv.dbPath, '--email', user.email, '--role', 'clerk', '--password-stdin'], {
      input: `${user.password}\n`,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const form = new URLSearchParams({ email: user.email, password: user.password, next: '/admin' }).toString();
    const r = await new Promise((resolve, reject) => {
      const req = h2.session.request({ ':method': 'POST', ':path': '/login', 'content-type': 'application/x-www-form-urlencoded' });
      req.on('response', (h) => {
        req.resume();
        req.on('end', () => resolve(h));
      });
      req.on('error', reject);
      req.end(form);
    });
    assert.equal(r[':status'], 303);
    const cookie = [].concat(r['set-cookie'] ?? []).find((c) => c.startsWith('witan_session='));
    assert.ok(cookie, 'a session cookie is set');
    assert.ok(cookie.split(';').map((x) => x.trim().toLowerCase()).includes('secure'), cookie);
  });

  test('--tls-cert without --tls-key is refused, naming the missing option', async () => {
    const port = await freePort();
    const r = await serveRefused(['--db', srv.dbPath, '--listen', `127.0.0.1:${port}`, '--tls-cert', good.cert]);
    assert.equal(r.signal, null, `serve started instead of refusing:\n${r.output}`);
    assert.notEqual(r.code, 0);
    assert.match(r.output, /--tls-cert FILE and --tls-key FILE go together/);
  });

  test('a key that is not the certificate\'s is refused, naming both files', async () => {
    const port = await freePort();
    const r = await serveRefused(['--db', srv.dbPath, '--listen', `127.0.0.1:${port}`, '--tls-cert', good.cert, '--tls-key', other.key]);
    assert.equal(r.signal, null, `serve started instead of refusing:\n${r.output}`);
    assert.notEqual(r.code, 0);
    assert.ok(r.output.includes(`--tls-key ${other.key} does not match the certificate of --tls-cert ${good.cert}`), r.output);
  });

  test('a certificate file that cannot be read is refused with the reason', async () => {
    const port = await freePort();
    const missing = path.join(dir, 'missing.crt');
    const r = await serveRefused(['--db', srv.dbPath, '--listen', `127.0.0.1:${port}`, '--tls-cert', missing, '--tls-key', good.key]);
    assert.equal(r.signal, null, `serve started instead of refusing:\n${r.output}`);
    assert.notEqual(r.code, 0);
    assert.ok(r.output.includes(`--tls-cert ${missing}: No such file or directory`), r.output);
  });
});
