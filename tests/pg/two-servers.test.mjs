// two-servers.test.mjs: two witan servers on one PostgreSQL database, as a
// hosting provider runs them (issue 18): nothing one server needs is kept
// in the other's memory.
//
//  - behind nginx, which sends each request to either (round robin): a
//    session made by signing in through one is good on the other, and a
//    committee created through one is on both's public pages on the next
//    request (the page caches follow the database, not the process);
//  - one server killed (SIGKILL) in the middle of a run of writes: every
//    write it answered is in the record, and the other goes on.
//  - the database server restarted under a server (a failover cuts its
//    connections so): every request after it answers, reads and writes.
//  - a server given a streaming replica (--db-read): the public pages read
//    it (they answer with the primary stopped), writes go to the primary
//    and reach the public pages through replication.
//
//   WITAN=/abs/build/witan node --test tests/pg/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../lib/server.mjs';
import { cluster, serve as serveWitan, sh as run, stopAll, witan } from './lib.mjs';
import { signIn, post, fetchAs, csrfOf } from '../http/backoffice-helpers.mjs';

const EMAIL = 'clerk@example.org';
const PASSWORD = 'two servers, one record, no state between';
let dir;
let pgdir;
let url;
let env;

const sh = (cmd, args, { input, extra = {} } = {}) => run(cmd, args, { env: extra, input });
/** A server on the database (with more arguments): {base, child}. */
const serve = (more = []) => serveWitan(['--db', url, ...more], env);

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'witan-pg2-'));
  chmodSync(dir, 0o755);
  pgdir = path.join(dir, 'pg');
  url = sh('sh', [cluster, 'start', pgdir]);
  env = { WITAN_STORE: path.join(dir, 'files') };
  sh(witan, ['init', '--db', url, '--demo'], { extra: env });
  sh(witan, ['user', 'add', '--db', url, '--email', EMAIL, '--role', 'clerk', '--password-stdin', '--name', 'Clerk'],
    { input: `${PASSWORD}\n`, extra: env });
});

after(() => {
  stopAll();
  if (pgdir) spawnSync('sh', [cluster, 'stop', pgdir]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** nginx on a free port in front of the servers, round robin. */
async function nginx(backends) {
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 256; }
http {
	access_log off;
	upstream witan { ${backends.map((b) => `server ${new URL(b).host};`).join(' ')} }
	server {
		listen 127.0.0.1:${port};
		location / { proxy_pass http://witan; proxy_set_header Host $host; }
	}
}
`);
  sh('nginx', ['-c', conf, '-p', dir]);
  for (let i = 0; i < 50 && !existsSync(path.join(dir, 'nginx.pid')); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => spawnSync('kill', [readFileSync(path.join(dir, 'nginx.pid'), 'utf8').trim()]),
  };
}

async function createCommittee(base, session, name) {
  const form = await fetchAs(base, '/admin/committees/new', { cookie: session.cookie });
  assert.equal(form.status, 200);
  return post(base, '/admin/committees/new', {
    csrf: csrfOf(form.text), name, short_name: '', kind: 'committee', purpose: '', parent_id: '',
    start_date: '', end_date: '',
  }, { cookie: session.cookie });
}

test('behind nginx, a session and a write through one server are good on the other at once', async () => {
  const a = await serve();
  const b = await serve();
  const front = await nginx([a.base, b.base]);
  // The public list, cached by both before the write.
  for (const s of [a, b, front, front]) {
    const before = await fetch(`${s.base}/committees`).then((r) => r.text());
    assert.ok(!before.includes('Joint Waste Committee'));
  }

  // Signed in through nginx (one server), then good on each server.
  const session = await signIn(front.base, EMAIL, PASSWORD);
  for (const s of [a, b]) {
    const page = await fetchAs(s.base, '/admin', { cookie: session.cookie });
    assert.equal(page.status, 200, `the session is good on ${s.base}`);
  }

  const r = await createCommittee(front.base, session, 'Joint Waste Committee');
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const page = r.res.headers.get('location');
  assert.match(page, /^\/admin\/committees\/[0-9]+$/);

  // Written through one, read through each (which have served the list
  // before) on the next request.
  for (const s of [a, b, front, front]) {
    const list = await fetch(`${s.base}/committees`).then((x) => x.text());
    assert.ok(list.includes('Joint Waste Committee'), `${s.base}/committees shows the new committee`);
  }
  front.stop();
  a.child.kill('SIGTERM');
  b.child.kill('SIGTERM');
});

test('a server killed in a run of writes loses none it answered; the other goes on', async () => {
  const a = await serve();
  const b = await serve();
  const session = await signIn(a.base, EMAIL, PASSWORD);
  const answered = [];
  let stop = false;
  // Writes through a, one after another, until it is killed.
  const writer = (async () => {
    for (let i = 0; !stop; i++) {
      const name = `Kill Test Committee ${i}`;
      try {
        const r = await createCommittee(a.base, session, name);
        if (r.status === 303) answered.push(name);
      } catch {
        return; // the server is gone
      }
    }
  })();
  while (answered.length < 5) await new Promise((r) => setTimeout(r, 20));
  a.child.kill('SIGKILL');
  stop = true;
  await writer;

  const list = await fetch(`${b.base}/committees`).then((x) => x.text());
  for (const name of answered) assert.ok(list.includes(name), `${name}, answered by a, is on b's list`);
  // b goes on writing with the same session.
  const r = await createCommittee(b.base, session, 'After The Kill Committee');
  assert.equal(r.status, 303);
  const after = await fetch(`${b.base}/committees`).then((x) => x.text());
  assert.ok(after.includes('After The Kill Committee'));
  b.child.kill('SIGTERM');
});

test('the database server restarts (as in a failover): the servers reconnect and lose no request after it', async () => {
  const a = await serve();
  const session = await signIn(a.base, EMAIL, PASSWORD);
  const pages = ['/', '/meetings', '/committees', '/people', '/search?q=police', '/oparl/v1.1/body/1/meeting'];
  for (const p of pages) assert.equal((await fetch(`${a.base}${p}`)).status, 200, p);
  // Every connection of the server is cut; each thread finds its own lost
  // at its next command, which it runs again on a new connection.
  sh('sh', [cluster, 'restart', pgdir]);
  for (let round = 0; round < 3; round++) {
    for (const p of pages) {
      const r = await fetch(`${a.base}${p}${p.includes('?') ? '&' : '?'}round=${round}`);
      assert.equal(r.status, 200, `${p} after the restart (round ${round})`);
    }
  }
  // Writes too, with the session made before (it is in the database).
  const r = await createCommittee(a.base, session, 'After The Restart Committee');
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const list = await fetch(`${a.base}/committees`).then((x) => x.text());
  assert.ok(list.includes('After The Restart Committee'));
  a.child.kill('SIGTERM');
});

test('--db-read: the public pages read a streaming replica; writes go to the primary and come back through it', async () => {
  const replicaDir = path.join(dir, 'replica');
  const replica = sh('sh', [cluster, 'replica', replicaDir, pgdir]);
  try {
    const a = await serve(['--db-read', replica]);
    const session = await signIn(a.base, EMAIL, PASSWORD);
    assert.equal((await fetch(`${a.base}/committees`)).status, 200);
    const r = await createCommittee(a.base, session, 'Through The Replica Committee');
    assert.equal(r.status, 303, r.text.slice(0, 300));
    // (replication is asynchronous: the page shows it within moments)
    let seen = false;
    for (let i = 0; i < 100 && !seen; i++) {
      seen = (await fetch(`${a.base}/committees?i=${i}`).then((x) => x.text())).includes('Through The Replica Committee');
      if (!seen) await new Promise((res) => setTimeout(res, 100));
    }
    assert.ok(seen, 'the committee written on the primary is on the public list read from the replica');
    // The primary stopped: the public pages answer from the replica.
    sh('sh', [cluster, 'pause', pgdir]);
    try {
      for (const p of ['/', '/committees', '/meetings', '/search?q=police', '/oparl/v1.1/body/1/organization']) {
        // (OParl refuses a parameter it does not know: asked as it is, first here)
        const x = await fetch(p.startsWith('/oparl') ? `${a.base}${p}` : `${a.base}${p}${p.includes('?') ? '&' : '?'}after=stop`);
        assert.equal(x.status, 200, `${p} with the primary stopped`);
      }
      const list = await fetch(`${a.base}/committees?after=stop`).then((x) => x.text());
      assert.ok(list.includes('Through The Replica Committee'));
    } finally {
      sh('sh', [cluster, 'resume', pgdir]);
    }
    a.child.kill('SIGTERM');
  } finally {
    spawnSync('sh', [cluster, 'stop', replicaDir]);
  }
});

test('--db-read is refused for a SQLite file, with a message', async () => {
  const r = spawnSync(witan, ['serve', '--db', path.join(dir, 'none.db'), '--db-read', url, '--listen', '127.0.0.1:1'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--db-read|does not exist/);
});
