// Bad requests get the right status and a clear HTML error page, and the
// server keeps serving afterwards (non-negotiable #3). Protocol-level cases
// (huge headers, unknown methods, oversized bodies) use raw sockets, since
// fetch refuses to send them.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { anchors, findSeed, get, h1s, rawRequest, textOf, titleOf } from './helpers.mjs';

let srv;
let seed;
let otherMeetingUrl; // a meeting that is not the seed meeting

before(async () => {
  srv = await startServer();
  seed = await findSeed(srv.base);
  const cal = await get(srv.base, '/meetings?month=2019-02');
  const home = await get(srv.base, '/');
  otherMeetingUrl = [...anchors(cal.text), ...anchors(home.text)].find(
    (a) => /^\/meetings\/\d+$/.test(a.href) && a.href !== seed.meetingUrl,
  )?.href;
  assert.ok(otherMeetingUrl, 'found a second meeting');
});

after(async () => {
  await srv?.stop();
});

/** A raw HTTP/1.1 request head. */
function head(method, target, headers = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** The checks every error response must pass: status, an HTML page, a clear message. */
function checkErrorPage({ status, contentType, body }, expected, { message, title }) {
  assert.equal(status, expected, `status ${status}, wanted ${expected}`);
  assert.equal(contentType, 'text/html; charset=utf-8', 'an HTML error page');
  const html = body;
  assert.match(html, /^<!DOCTYPE html>/i, 'a complete page');
  assert.match(html, /<\/html>\s*$/, 'the page is complete');
  assert.match(html, /<html lang="en-GB">/);
  assert.equal(h1s(html).length, 1, 'one <h1>');
  assert.equal(textOf(h1s(html)[0]), title, 'the <h1> names the problem');
  assert.ok(titleOf(html).startsWith(`${title} – `), `<title> names the problem: ${titleOf(html)}`);
  assert.ok(html.includes(`Error ${expected}.`), 'the page states the status code');
  assert.match(textOf(html), message, 'a clear message');
  assert.ok(anchors(html).some((a) => a.href === '/'), 'a way back to the home page');
}

async function healthy() {
  const r = await get(srv.base, '/healthz');
  assert.equal(r.status, 200, 'the server still answers /healthz');
  assert.equal(r.text, 'ok\n');
}

async function viaFetch(path, init) {
  const r = await get(srv.base, path, init);
  return { status: r.status, contentType: r.headers.get('content-type'), body: r.text, headers: r.headers };
}

async function viaRaw(data, opts) {
  const r = await rawRequest(srv.port, data, opts);
  return { status: r.status, contentType: r.headers['content-type'], body: r.body.toString('utf8'), headers: r.headers, raw: r };
}

describe('404 Not Found', () => {
  const NOT_FOUND = { title: 'Page not found' };
  const cases = [
    ['an unknown path', '/no-such-page', /There is no page at this address\./],
    ['an unknown nested path', '/committees/1/nothing/here', /There is no page at this address\./],
    ['an unknown meeting id', '/meetings/999999', /./],
    ['an unknown committee id', '/committees/999999', /./],
    ['an unknown person id', '/people/999999', /./],
    ['a zero id', '/meetings/0', /There is no page at this address\./],
    ['a leading-zero id', () => seed.meetingUrl.replace(/\/(\d+)$/, '/0$1'), /There is no page at this address\./],
    ['a non-numeric id', '/meetings/abc', /There is no page at this address\./],
    ['an id beyond 15 digits', '/meetings/1234567890123456', /There is no page at this address\./],
    ['an unknown document id', '/documents/999999/x.pdf', /There is no public document at this address\./],
    ['an unknown static asset', '/static/nothing.css', /./],
    ['an item id under the wrong meeting', () => `${otherMeetingUrl}/items/${seed.itemUrl.split('/').pop()}`, /./],
    ['an unknown item id under the right meeting', () => `${seed.meetingUrl}/items/999999`, /./],
  ];
  for (const [name, path, message] of cases) {
    test(name, async () => {
      const url = typeof path === 'function' ? path() : path;
      checkErrorPage(await viaFetch(url), 404, { ...NOT_FOUND, message });
      await healthy();
    });
  }

  test('HEAD of a missing page is 404 with no body', async () => {
    const r = await viaFetch('/meetings/999999', { method: 'HEAD' });
    assert.equal(r.status, 404);
    assert.equal(r.body, '');
  });
});

describe('400 Bad Request', () => {
  const BAD = { title: 'Bad request' };
  const cases = [
    ['month 13', '/meetings?month=2019-13', /The parameter "month" has an invalid value\./],
    ['month 00', '/meetings?month=2019-00', /The parameter "month" has an invalid value\./],
    ['a month that is not a month', '/meetings?month=abc', /The parameter "month" has an invalid value\./],
    ['a month with trailing text', '/meetings?month=2019-02x', /The parameter "month" has an invalid value\./],
    ['bad percent-encoding in the path', '/meetings/%zz', /bad percent-encoding/],
    ['a truncated percent-encoding', '/meetings/%4', /bad percent-encoding/],
    ['an encoded NUL in the path', '/meetings/1%00', /bad percent-encoding/],
    ['invalid UTF-8 in the path', '/people/%ff%fe', /bad percent-encoding/],
    ['bad percent-encoding in the query', '/meetings?month=%zz', /badly encoded query parameter/],
    ['an encoded NUL in the query', '/meetings?month=2019-02%00', /badly encoded query parameter/],
  ];
  for (const [name, path, message] of cases) {
    test(name, async () => {
      // Raw socket: the URL goes to the server byte for byte.
      checkErrorPage(await viaRaw(head('GET', path)), 400, { ...BAD, message });
      await healthy();
    });
  }
});

describe('methods', () => {
  test('POST to a GET route is 405 with Allow', async () => {
    for (const path of ['/', '/meetings', () => seed.itemUrl, '/healthz']) {
      const url = typeof path === 'function' ? path() : path;
      const r = await viaFetch(url, { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      checkErrorPage(r, 405, { title: 'Method not allowed', message: /This address does not accept that method\./ });
      assert.equal(r.headers.get('allow'), 'GET, HEAD', `${url}: Allow`);
    }
    await healthy();
  });

  for (const method of ['BREW', 'PROPFIND', 'DELETE', 'PUT', 'PATCH']) {
    test(`${method} is 501 Not Implemented`, async () => {
      const r = await viaRaw(head(method, '/'));
      checkErrorPage(r, 501, { title: 'Not implemented', message: /This method is not supported\./ });
      await healthy();
    });
  }
});

describe('limits', () => {
  test('a 5000-byte URL is 414', async () => {
    const url = '/meetings?month=2019-02&pad=' + 'a'.repeat(5000 - '/meetings?month=2019-02&pad='.length);
    assert.equal(url.length, 5000);
    checkErrorPage(await viaRaw(head('GET', url)), 414, { title: 'Address too long', message: /The address is too long\./ });
    await healthy();
  });

  test('a URL just inside the limit is served', async () => {
    const prefix = '/meetings?month=2019-02&pad=';
    const r = await viaRaw(head('GET', prefix + 'a'.repeat(4000 - prefix.length)));
    assert.equal(r.status, 200);
  });

  test('more than 16 KiB of headers is 431', async () => {
    const big = { 'X-Filler-One': 'a'.repeat(9000), 'X-Filler-Two': 'b'.repeat(9000) };
    checkErrorPage(await viaRaw(head('GET', '/', big)), 431, {
      title: 'Request headers too large',
      message: /The request headers are too large\./,
    });
    await healthy();
  });

  test('headers just under 16 KiB are served', async () => {
    const r = await viaRaw(head('GET', '/healthz', { 'X-Filler': 'a'.repeat(15000) }));
    assert.equal(r.status, 200);
  });

  test('a POST body declared over 64 MiB is 413 without being sent', async () => {
    const declared = 64 * 1024 * 1024 + 1;
    const r = await viaRaw(
      head('POST', '/', { 'Content-Type': 'application/octet-stream', 'Content-Length': String(declared) }),
      { timeoutMs: 5000 },
    );
    checkErrorPage(r, 413, { title: 'Request too large', message: /The request body is too large\./ });
    await healthy();
  });
});

describe('canonical addresses', () => {
  test('a trailing slash redirects 301 to the address without it', async () => {
    const cases = [
      ['/committees/', '/committees'],
      ['/meetings/?month=2019-02', '/meetings?month=2019-02'],
      [`${seed.meetingUrl}/`, seed.meetingUrl],
      [`${seed.itemUrl}/`, seed.itemUrl],
    ];
    for (const [from, to] of cases) {
      const r = await get(srv.base, from);
      assert.equal(r.status, 301, from);
      assert.equal(r.headers.get('location'), to, `${from} → ${to}`);
      const target = await get(srv.base, r.headers.get('location'));
      assert.equal(target.status, 200, `${to} is served`);
    }
  });

  test('an absolute-form request target (RFC 7230 §5.3.2) is served like its path', async () => {
    const r = await viaRaw(head('GET', `http://127.0.0.1:${srv.port}/healthz`));
    assert.equal(r.status, 200, `answered ${r.status}`);
    assert.equal(r.body, 'ok\n');
  });

  test('/ itself is not redirected', async () => {
    const r = await get(srv.base, '/');
    assert.equal(r.status, 200);
  });
});

describe('resilience', () => {
  test('the server serves normally after every kind of bad request', async () => {
    // Interleave bad requests and real pages on fresh connections.
    const bad = [
      head('GET', '/meetings/%zz'),
      head('BREW', '/'),
      head('GET', '/', { 'X-Big': 'x'.repeat(20000) }),
      head('GET', '/' + 'x'.repeat(6000)),
      'THIS IS NOT HTTP\r\n\r\n',
    ];
    for (const req of bad) {
      await rawRequest(srv.port, req).catch(() => null);
      const page = await get(srv.base, seed.itemUrl);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes('£26.9m'));
    }
    await healthy();
  });

  test('a malformed request line gets a 400', async () => {
    const r = await rawRequest(srv.port, 'THIS IS NOT HTTP\r\n\r\n');
    assert.equal(r.status, 400);
  });
});
