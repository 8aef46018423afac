// bench/moderngov.mjs (`make bench-moderngov`, issue 19): `witan import
// moderngov` of a generated ModernGov site (tests/http/moderngov-fixture.mjs,
// MEETINGS=2000 by default, answering at once), the first run and a re-run
// with nothing changed, against the reference of the same requests made one
// at a time by a plain HTTP client in this script (what the network alone
// costs the importer, which also asks one at a time).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startModernGovFixture } from '../tests/http/moderngov-fixture.mjs';

const WITAN = process.env.WITAN || path.resolve('build/witan');
const N = Number(process.env.MEETINGS || 2000);

const run = (args) => new Promise((resolve) => {
  const t0 = process.hrtime.bigint();
  const child = spawn(WITAN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  child.on('close', (code) => resolve({ code, ms: Number(process.hrtime.bigint() - t0) / 1e6, stderr: err }));
});

const fx = await startModernGovFixture({ meetings: N, delayMs: 0 });
const dir = mkdtempSync(path.join(os.tmpdir(), 'witan-bench-mg-'));
try {
  const db = path.join(dir, 'mg.db');
  const first = await run(['import', 'moderngov', '--db', db, '--from', '2022-01-01', fx.baseUrl]);
  const asked = fx.requests.map((q) => q.path);
  const line = (r) => (r.stderr.match(/imported .*/) || ['?'])[0];
  console.log(`first run:  ${(first.ms / 1000).toFixed(1)} s, exit ${first.code}; ${line(first)}`);
  fx.reset();
  const again = await run(['import', 'moderngov', '--db', db, '--from', '2022-01-01', fx.baseUrl]);
  const conditional = fx.requests.filter((q) => q.conditional).length;
  console.log(`re-run:     ${(again.ms / 1000).toFixed(1)} s, exit ${again.code}; ${fx.requests.length} requests, ${conditional} conditional`);
  // The reference: the first run's requests, one at a time, bodies read.
  const t0 = process.hrtime.bigint();
  for (const p of asked) await (await fetch(new URL(p, fx.baseUrl))).arrayBuffer();
  const refMs = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`reference:  ${(refMs / 1000).toFixed(1)} s for the same ${asked.length} requests, one at a time`);
  console.log(`ratio import / reference: ${(first.ms / refMs).toFixed(2)} (first run, documents' text included)`);
} finally {
  await fx.stop();
  rmSync(dir, { recursive: true, force: true });
}
