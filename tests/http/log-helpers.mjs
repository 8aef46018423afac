// log-helpers.mjs: what the publication log's tests (log.test.mjs,
// log-http.test.mjs) share: RFC 6962's hashes written again in JavaScript,
// independently of util/tlog.c, and witan run without blocking (a server's
// output is read by the same process).

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';

import { witanPath } from '../lib/server.mjs';

export const sha = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
/** SHA-256(0x00 || entry). */
export const leaf = (bytes) => sha(Buffer.from([0]), Buffer.from(bytes));
/** SHA-256(0x01 || left || right). */
export const node = (l, r) => sha(Buffer.from([1]), l, r);

/** RFC 6962 MTH of leaf hashes. */
export function mth(h) {
  if (h.length === 0) return sha(Buffer.alloc(0));
  if (h.length === 1) return h[0];
  let k = 1;
  while (k * 2 < h.length) k *= 2;
  return node(mth(h.slice(0, k)), mth(h.slice(k)));
}

/** Run witan: {status, stdout, stderr}. */
export const witan = (args, env = process.env) => new Promise((resolve) => {
  const child = spawn(witanPath(), args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('close', (status) => resolve({ status, stdout, stderr }));
});
