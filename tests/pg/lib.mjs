// lib.mjs: what the tests of tests/pg/ share: a command run to success,
// and a witan server started on a database (a file or a URL).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { freePort, witanPath, REPO_ROOT } from '../lib/server.mjs';

export const witan = witanPath();
export const cluster = path.join(REPO_ROOT, 'tests', 'pg', 'cluster.sh');

// Servers still running when the test process exits are killed.
const children = new Set();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Runs cmd to exit 0 (else throws with its output); its stdout, trimmed. */
export function sh(cmd, args, { env = {}, input } = {}) {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * `witan serve` with args (--db and the rest) on a free port, waited for
 * until /healthz answers 200: {base, child}.  --quiet: no access log, as
 * tests run commands with spawnSync while servers run, and a full stderr
 * pipe that nobody drains would stop the server.
 */
export async function serve(args, env = {}) {
  const port = await freePort();
  const child = spawn(witan, ['serve', ...args, '--listen', `127.0.0.1:${port}`, '--quiet'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  children.add(child);
  child.on('exit', () => children.delete(child));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { base, child };
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`witan serve ${args.join(' ')} did not start:\n${err}`);
}

/** Kills every server started. */
export function stopAll() {
  for (const c of children) c.kill('SIGKILL');
}
