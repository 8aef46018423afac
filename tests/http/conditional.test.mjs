// Conditional requests (issue 17): every public answer has an ETag and
// answers If-None-Match with 304 and no body, whether the page cache is on
// or off (--no-cache), pages, OParl, feeds, calendars and the sitemap
// alike; a stale ETag gets the whole answer again.  Back-office pages have
// none.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';

import { startServer } from '../lib/server.mjs';
import { sqlWrite } from './feeds-helpers.mjs';
import { findSeed } from './helpers.mjs';

async function fetchRaw(base, p, headers = {}) {
  const r = await fetch(base + p, { headers, redirect: 'manual' });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body };
}

/** GET with node:http, which leaves the body as sent (fetch decompresses). */
function rawGet(base, p, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(base + p, { headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('compressed answers from the page cache', () => {
  let srv;

  before(async () => {
    srv = await startServer();
  });

  after(async () => {
    await srv?.stop();
  });

  test('brotli, else gzip, as the client accepts, each with its own ETag and Vary: Accept-Encoding', async () => {
    for (const p of ['/', '/committees', '/oparl/v1.1/system', '/feeds/meetings.atom', '/sitemap.xml', '/search.json?q=police']) {
      const plain = await rawGet(srv.base, p);
      assert.equal(plain.status, 200, p);
      // the second request is the cached one
      const br = await rawGet(srv.base, p, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.headers['content-encoding'], 'br', p);
      assert.match(br.headers.vary ?? '', /accept-encoding/i, p);
      assert.deepEqual(zlib.brotliDecompressSync(br.body), plain.body, `${p}: brotli gives the page`);
      assert.ok(br.body.length < plain.body.length, `${p}: smaller`);
      const gz = await rawGet(srv.base, p, { 'accept-encoding': 'br;q=0, gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', `${p}: br refused with q=0`);
      assert.deepEqual(zlib.gunzipSync(gz.body), plain.body, `${p}: gzip gives the page`);
      const id = await rawGet(srv.base, p, { 'accept-encoding': 'identity' });
      assert.equal(id.headers['content-encoding'], undefined, p);
      assert.deepEqual(id.body, plain.body, p);
      const tags = new Set([br.headers.etag, gz.headers.etag, id.headers.etag]);
      assert.equal(tags.size, 3, `${p}: an ETag per encoding`);
      const again = await rawGet(srv.base, p, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag });
      assert.equal(again.status, 304, `${p}: the brotli ETag revalidates`);
    }
  });

  test('a small answer and a document are sent as they are', async () => {
    const r = await rawGet(srv.base, '/robots.txt', { 'accept-encoding': 'br, gzip' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], undefined);
  });
});

for (const mode of ['cache', 'no-cache']) {
  describe(`conditional requests, page cache ${mode === 'cache' ? 'on' : 'off'}`, () => {
    let srv;
    let urls;
    let committeeUrl;

    before(async () => {
      srv = await startServer({ serveArgs: mode === 'cache' ? [] : ['--no-cache'] });
      const seed = await findSeed(srv.base);
      const meetingId = seed.meetingUrl.match(/(\d+)$/)[1];
      // The meeting page says "being prepared" until its reports pack is
      // built in the background: wait, so that its answer stays the same.
      for (let i = 0; i < 300 && (await fetchRaw(srv.base, `${seed.meetingUrl}/pack.pdf`)).status === 503; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const committeeId = seed.committeeUrl.match(/(\d+)$/)[1];
      committeeUrl = seed.committeeUrl;
      urls = [
        '/', '/committees', seed.committeeUrl, '/meetings?month=2019-02', seed.meetingUrl, seed.itemUrl, '/people',
        '/decisions', '/forward-plan', '/search?q=police', '/search.json?q=police', '/oparl/v1.1/system',
        '/oparl/v1.1/body/1/meeting', '/oparl/v1.1/body/1/agendaitem', `/oparl/v1.1/meeting/${meetingId}`,
        '/feeds/meetings.atom', `/committees/${committeeId}/feed.atom`, '/calendar.ics', '/calendar.ics?from=all',
        `/committees/${committeeId}.ics`, `/meetings/${meetingId}.ics`, '/sitemap.xml', '/robots.txt', '/theme.css',
      ];
    });

    after(async () => {
      await srv?.stop();
    });

    test('each public answer has an ETag; If-None-Match with it is 304 with no body', async () => {
      for (const p of urls) {
        const first = await fetchRaw(srv.base, p);
        assert.equal(first.status, 200, p);
        const etag = first.headers.get('etag');
        assert.match(etag ?? '', /^"[^"]+"$/, `${p}: a quoted ETag`);
        const again = await fetchRaw(srv.base, p, { 'if-none-match': etag });
        assert.equal(again.status, 304, p);
        assert.equal(again.body.length, 0, `${p}: no body with 304`);
        assert.equal(again.headers.get('etag'), etag, `${p}: the 304 names the ETag`);
        const list = await fetchRaw(srv.base, p, { 'if-none-match': `"other", ${etag}` });
        assert.equal(list.status, 304, `${p}: an ETag among others`);
        const stale = await fetchRaw(srv.base, p, { 'if-none-match': '"0000000000000000"' });
        assert.equal(stale.status, 200, `${p}: a stale ETag gets the answer`);
        assert.deepEqual(stale.body, first.body, `${p}: the same answer`);
      }
    });

    test('the ETag follows the content: a change to the record gives a new one, and the old one the answer', async () => {
      const first = await fetchRaw(srv.base, committeeUrl);
      const etag = first.headers.get('etag');
      assert.equal((await fetchRaw(srv.base, committeeUrl)).headers.get('etag'), etag, 'the same answer, the same ETag');
      const id = committeeUrl.match(/(\d+)$/)[1];
      await sqlWrite(srv.dbPath, `UPDATE organization SET name = name || ' (renamed ${mode})' WHERE id = ${id}`);
      const changed = await fetchRaw(srv.base, committeeUrl, { 'if-none-match': etag });
      assert.equal(changed.status, 200, 'the old ETag no longer matches');
      assert.ok(changed.body.toString().includes(`(renamed ${mode})`));
      assert.notEqual(changed.headers.get('etag'), etag);
    });

    test('back-office pages have no ETag', async () => {
      const r = await fetchRaw(srv.base, '/login');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('etag'), null);
    });
  });
}
