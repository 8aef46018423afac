// Slow clients (issue 16): hundreds of connections that trickle their
// request headers a byte at a time (slowloris), or a body a byte at a
// time, are closed by the server once the request timeout (10 s,
// SERVER_REQUEST_TIMEOUT_MS) has passed, whatever they keep sending; and
// while they hang on, everyone else is served at once.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';

const SLOW_HEADERS = 300;
const SLOW_BODIES = 50;
const CLOSED_WITHIN_MS = 20000;

let srv;

before(async () => {
  srv = await startServer();
});

after(async () => {
  await srv?.stop();
});

/** A connection that sends `head` and then one byte of `drip` every second; resolves with when it was closed. */
function slowClient(port, head, drip) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(port, '127.0.0.1');
    let i = 0;
    let timer = null;
    let answer = '';
    const done = (how) => {
      clearInterval(timer);
      s.destroy();
      resolve({ how, ms: Date.now() - t0, answer });
    };
    s.on('connect', () => {
      s.write(head);
      timer = setInterval(() => {
        if (Date.now() - t0 > CLOSED_WITHIN_MS + 10000) return done('still open');
        s.write(drip[i++ % drip.length]);
      }, 1000);
    });
    s.on('data', (d) => { answer += d; });
    s.on('close', () => done('closed'));
    s.on('error', () => done('closed'));
  });
}

test(`${SLOW_HEADERS} slowloris and ${SLOW_BODIES} slow-body connections are cut off, and starve nobody`, { timeout: 90000 }, async (t) => {
  const port = Number(new URL(srv.base).port);
  const slow = [];
  for (let i = 0; i < SLOW_HEADERS; i++) slow.push(slowClient(port, 'GET / HTTP/1.1\r\nHost: witan\r\n', 'X-a: b\r\n'));
  for (let i = 0; i < SLOW_BODIES; i++) {
    slow.push(slowClient(port, 'POST /login HTTP/1.1\r\nHost: witan\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'Content-Length: 100000\r\n\r\n', 'a'));
  }
  // Meanwhile, the site answers others at once.
  await new Promise((res) => setTimeout(res, 2000));
  const times = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const r = await fetch(`${srv.base}/committees`, { signal: AbortSignal.timeout(5000) });
    await r.arrayBuffer();
    assert.equal(r.status, 200);
    times.push(performance.now() - t0);
    await new Promise((res) => setTimeout(res, 100));
  }
  const results = await Promise.all(slow);
  const open = results.filter((r) => r.how !== 'closed');
  const late = results.filter((r) => r.how === 'closed' && r.ms > CLOSED_WITHIN_MS);
  const served = results.filter((r) => /^HTTP\/1\.1 [23]/.test(r.answer));
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  t.diagnostic(`slow connections closed after ${(ms[0] / 1000).toFixed(1)}–${(ms[ms.length - 1] / 1000).toFixed(1)} s;` +
    ` others' requests meanwhile: max ${Math.max(...times).toFixed(1)} ms`);
  assert.equal(open.length, 0, `${open.length} slow connections were still open after ${CLOSED_WITHIN_MS + 10000} ms`);
  assert.equal(late.length, 0, `${late.length} slow connections were closed only after ${CLOSED_WITHIN_MS} ms`);
  assert.equal(served.length, 0, 'no trickled request was served');
  assert.ok(Math.max(...times) < 1000, `others waited up to ${Math.max(...times).toFixed(0)} ms`);
});
