// The event loops never wait for slow work (issue 16): 20 sign-ins at once
// (argon2id, tens of milliseconds of CPU and 64 MiB each) run on the
// server's worker threads (ROUTE_SLOW), so page requests made meanwhile on
// keep-alive connections are not delayed beyond 50 ms. Without the worker
// threads each event loop hashes in turn and pages wait hundreds of
// milliseconds. The 99th percentile of thousands of requests is held to
// the limit (and the maximum reported).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { addUser, post } from '../http/backoffice-helpers.mjs';

const SIGNINS = 20;
const LIMIT_MS = 50;

let srv;

before(async () => {
  srv = await startServer();
});

after(async () => {
  await srv?.stop();
});

async function timed(url) {
  const t0 = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  assert.equal(r.status, 200);
  return performance.now() - t0;
}

test(`${SIGNINS} concurrent sign-ins do not delay page requests beyond ${LIMIT_MS} ms`, async (t) => {
  const users = [];
  for (let i = 0; i < SIGNINS; i++) {
    const u = { email: `signin${i}@example.org`, role: 'clerk', password: `a long enough password ${i}` };
    addUser(srv.dbPath, u);
    users.push(u);
  }
  const page = `${srv.base}/committees`;
  for (let i = 0; i < 20; i++) await timed(page); // warm: cached, connections open
  const before = [];
  for (let i = 0; i < 20; i++) before.push(await timed(page));

  let running = true;
  const t0 = performance.now();
  const signins = Promise.all(users.map((u) => post(srv.base, '/login', { email: u.email, password: u.password })))
    .finally(() => { running = false; });
  const during = [];
  // Several keep-alive connections' worth of page requests, for as long
  // as the sign-ins take.
  await Promise.all([0, 1, 2, 3].map(async () => {
    while (running) during.push(await timed(page));
  }));
  const results = await signins;
  const signinMs = performance.now() - t0;

  const max = (a) => Math.max(...a);
  const p = (a, q) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * q))];
  t.diagnostic(`${SIGNINS} sign-ins took ${signinMs.toFixed(0)} ms; page requests before: max ${max(before).toFixed(1)} ms;` +
    ` during (${during.length}): median ${p(during, 0.5).toFixed(1)} ms, p99 ${p(during, 0.99).toFixed(1)} ms, max ${max(during).toFixed(1)} ms`);
  assert.deepEqual(results.map((r) => r.status), users.map(() => 303), 'every sign-in succeeded');
  assert.ok(during.length >= 10, `page requests were made while the sign-ins ran (${during.length})`);
  // The 99th percentile, not the maximum: on a shared machine one request
  // in thousands can lose its CPU to another process; a blocked event loop
  // delays a whole share of them (p99 about 1.5 s without the workers).
  assert.ok(p(during, 0.99) <= LIMIT_MS, `page requests took up to ${p(during, 0.99).toFixed(1)} ms (p99) while ${SIGNINS} sign-ins ran (limit ${LIMIT_MS} ms)`);
});
