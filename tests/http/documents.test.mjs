// /documents/{id}/{filename}: type, length, disposition, ETag and
// conditional requests, byte ranges, HEAD, and the canonical name.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { documentLinks, findSeed, get, getBytes, rawRequest } from './helpers.mjs';

let srv;
let doc; // {href, id, name, text}
let full; // Buffer: the whole document
let etag;

before(async () => {
  srv = await startServer();
  const seed = await findSeed(srv.base);
  doc = documentLinks(seed.itemHtml).find((d) => d.name.endsWith('.pdf'));
  assert.ok(doc, 'the seed item links a PDF');
  const r = await getBytes(srv.base, doc.href);
  assert.equal(r.status, 200);
  full = r.body;
  etag = r.headers.get('etag');
});

after(async () => {
  await srv?.stop();
});

function rawGet(path, headers = {}, method = 'GET') {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawRequest(srv.port, lines.join('\r\n') + '\r\n\r\n', { noBody: method === 'HEAD' });
}

describe('a document', () => {
  test('is served as application/pdf with its length, inline disposition and an ETag', async () => {
    const r = await getBytes(srv.base, doc.href);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.equal(Number(r.headers.get('content-length')), r.body.length);
    assert.ok(r.body.length > 1000, 'a real PDF');
    assert.equal(r.body.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(r.body.subarray(-1024).toString('latin1'), /%%EOF\s*$/, 'a complete PDF');
    assert.equal(r.headers.get('content-disposition'), `inline; filename="${doc.name}"`);
    assert.match(r.headers.get('etag'), /^"[0-9a-f]{32}"$/);
    assert.equal(r.headers.get('accept-ranges'), 'bytes');
    assert.ok(r.body.equals(full), 'the same bytes every time');
  });

  test('every document linked from the seed item is a PDF with matching length', async () => {
    const seed = await findSeed(srv.base);
    const docs = documentLinks(seed.itemHtml);
    assert.ok(docs.length >= 1);
    for (const d of docs) {
      const r = await getBytes(srv.base, d.href);
      assert.equal(r.status, 200, d.href);
      assert.equal(Number(r.headers.get('content-length')), r.body.length, d.href);
      if (d.name.endsWith('.pdf')) {
        assert.equal(r.headers.get('content-type'), 'application/pdf', d.href);
        assert.equal(r.body.subarray(0, 5).toString('latin1'), '%PDF-', d.href);
      }
    }
  });

  test('the filename in the link is [a-z0-9.-] and the ETag differs between documents', async () => {
    const seed = await findSeed(srv.base);
    const docs = documentLinks(seed.itemHtml).concat(documentLinks(seed.meetingHtml));
    const tags = new Map();
    for (const d of docs) {
      assert.match(d.name, /^[a-z0-9.-]+$/, d.href);
      const r = await getBytes(srv.base, d.href, { method: 'HEAD' });
      tags.set(r.headers.get('etag'), d.href);
    }
    if (new Set(docs.map((d) => d.id)).size > 1) assert.ok(tags.size > 1, 'different documents, different ETags');
  });
});

describe('conditional requests', () => {
  test('If-None-Match with the ETag gives 304 and no body', async () => {
    const r = await rawGet(doc.href, { 'If-None-Match': etag });
    assert.equal(r.status, 304);
    assert.equal(r.headers.etag, etag);
    assert.equal(r.received, 0, 'no body bytes after a 304');
    const f = await getBytes(srv.base, doc.href, { headers: { 'if-none-match': etag } });
    assert.equal(f.status, 304);
    assert.equal(f.body.length, 0);
  });

  test('If-None-Match with the ETag in a list also matches', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { 'if-none-match': `"0000", ${etag}` } });
    assert.equal(r.status, 304);
  });

  test('If-None-Match: * gives 304 (RFC 9110 §13.1.2: any current representation matches)', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { 'if-none-match': '*' } });
    assert.equal(r.status, 304);
    assert.equal(r.body.length, 0);
  });

  test('a different ETag gives the full document', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { 'if-none-match': '"0123456789abcdef0123456789abcdef"' } });
    assert.equal(r.status, 200);
    assert.ok(r.body.equals(full));
  });
});

describe('byte ranges', () => {
  test('bytes=0-99 gives 206 with the first 100 bytes', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { range: 'bytes=0-99' } });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes 0-99/${full.length}`);
    assert.equal(Number(r.headers.get('content-length')), 100);
    assert.equal(r.body.length, 100);
    assert.ok(r.body.equals(full.subarray(0, 100)));
    assert.equal(r.headers.get('content-type'), 'application/pdf');
  });

  test('a middle range gives exactly those bytes', async () => {
    const a = Math.floor(full.length / 3);
    const b = a + 1234;
    const r = await getBytes(srv.base, doc.href, { headers: { range: `bytes=${a}-${b}` } });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes ${a}-${b}/${full.length}`);
    assert.ok(r.body.equals(full.subarray(a, b + 1)));
  });

  test('bytes=-10 gives the last 10 bytes', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { range: 'bytes=-10' } });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes ${full.length - 10}-${full.length - 1}/${full.length}`);
    assert.equal(r.body.length, 10);
    assert.ok(r.body.equals(full.subarray(full.length - 10)));
  });

  test('an open range bytes=N- runs to the end', async () => {
    const n = full.length - 500;
    const r = await getBytes(srv.base, doc.href, { headers: { range: `bytes=${n}-` } });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes ${n}-${full.length - 1}/${full.length}`);
    assert.ok(r.body.equals(full.subarray(n)));
  });

  test('a range past the end is clipped to the end', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { range: `bytes=10-${full.length + 1000}` } });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes 10-${full.length - 1}/${full.length}`);
    assert.ok(r.body.equals(full.subarray(10)));
  });

  test('bytes=999999999- is 416 with Content-Range: bytes */SIZE', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { range: 'bytes=999999999-' } });
    assert.equal(r.status, 416);
    assert.equal(r.headers.get('content-range'), `bytes */${full.length}`);
  });

  test('the 416 response is the site\'s HTML error page, not an empty "PDF"', async () => {
    const r = await get(srv.base, doc.href, { headers: { range: 'bytes=999999999-' } });
    assert.equal(r.status, 416);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(r.text, /<h1>Range not satisfiable<\/h1>/);
    assert.match(r.text, /Error 416\./);
  });

  test('bytes=SIZE- (first byte just past the end) is 416', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { range: `bytes=${full.length}-` } });
    assert.equal(r.status, 416);
    assert.equal(r.headers.get('content-range'), `bytes */${full.length}`);
  });

  test('a malformed or multi-part Range is ignored: the whole document', async () => {
    for (const range of ['bytes=abc', 'items=0-9', 'bytes=9-0', 'bytes=0-9,20-29']) {
      const r = await getBytes(srv.base, doc.href, { headers: { range } });
      assert.equal(r.status, 200, range);
      assert.ok(r.body.equals(full), range);
    }
  });

  test('a range on a 304-matching request is still 304', async () => {
    const r = await getBytes(srv.base, doc.href, { headers: { range: 'bytes=0-99', 'if-none-match': etag } });
    assert.equal(r.status, 304);
    assert.equal(r.body.length, 0);
  });
});

describe('HEAD', () => {
  test('HEAD gives the headers of GET and no body', async () => {
    const r = await rawGet(doc.href, {}, 'HEAD');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(Number(r.headers['content-length']), full.length);
    assert.equal(r.headers.etag, etag);
    assert.equal(r.headers['content-disposition'], `inline; filename="${doc.name}"`);
    assert.equal(r.received, 0, 'no body bytes after HEAD');
    const f = await getBytes(srv.base, doc.href, { method: 'HEAD' });
    assert.equal(f.status, 200);
    assert.equal(f.body.length, 0);
  });

  test('HEAD with a range gives the 206 headers and no body', async () => {
    const r = await rawGet(doc.href, { Range: 'bytes=0-99' }, 'HEAD');
    assert.equal(r.status, 206);
    assert.equal(r.headers['content-range'], `bytes 0-99/${full.length}`);
    assert.equal(Number(r.headers['content-length']), 100);
    assert.equal(r.received, 0);
  });
});

describe('the canonical name', () => {
  test('a wrong filename for a valid id redirects 301 to the canonical name', async () => {
    for (const wrong of ['x', 'wrong-name.pdf', doc.name.toUpperCase()]) {
      const r = await get(srv.base, `/documents/${doc.id}/${wrong}`);
      assert.equal(r.status, 301, wrong);
      assert.equal(r.headers.get('location'), doc.href, wrong);
    }
    const followed = await getBytes(srv.base, `/documents/${doc.id}/x`, { redirect: 'follow' });
    assert.equal(followed.status, 200);
    assert.ok(followed.body.equals(full));
  });

  test('a valid id with no filename is 404, not the document', async () => {
    const r = await get(srv.base, `/documents/${doc.id}`);
    assert.equal(r.status, 404);
  });
});
