// `witan body` sets the hosting body's name, colours and logo; a running
// server shows the change on its next request (its page cache follows the
// database's data version), and bad values are refused with nothing changed.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startServer, witanPath } from '../lib/server.mjs';
import { get, titleOf } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

function witan(args) {
  return new Promise((resolve) => {
    execFile(witanPath(), args, { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? err.code : 0, stdout, stderr }));
  });
}

test('the body name, colours and logo come from configuration, live', async () => {
  const before = (await get(srv.base, '/committees')).text;
  assert.match(titleOf(before), /– Worcestershire County Council$/);

  const logo = path.join(srv.dir, 'logo.svg');
  writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-label="Test"><rect width="10" height="10" fill="#c00"/></svg>');
  const r = await witan(['body', '--db', srv.dbPath, '--name', 'Borough of <Test> & Sons',
    '--colour-primary', '#123456', '--colour-accent', '#abcdef', '--logo', logo]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^name: +Borough of <Test> & Sons$/m);

  const after = (await get(srv.base, '/committees')).text;
  assert.match(titleOf(after), /– Borough of <Test> & Sons$/);
  assert.ok(after.includes('<span class="brand-name">Borough of &lt;Test&gt; &amp; Sons</span>'), 'the name is escaped in the header');
  // The colours are a stylesheet of their own and the logo an image (no
  // inline style: the Content-Security-Policy allows none).
  const theme = after.match(/<link rel="stylesheet" href="(\/theme\.css\?v=[^"]*)">/);
  assert.ok(theme, 'the page links the theme stylesheet');
  assert.ok((await get(srv.base, theme[1].replace(/&amp;/g, '&'))).text.includes('--primary:#123456;--accent:#abcdef'), 'the colours reach the stylesheet variables');
  const logoSrc = after.match(/<img class="logo" src="(\/logo\.svg\?v=[^"]*)"/);
  assert.ok(logoSrc, 'the logo is in the header');
  assert.ok((await get(srv.base, logoSrc[1].replace(/&amp;/g, '&'))).text.includes('<rect width="10" height="10" fill="#c00"/>'), 'the logo served is the one configured');
});

test('bad settings are refused with a message and change nothing', async () => {
  const cases = [
    [['--colour-primary', 'red;}body{display:none'], /hex colour/],
    [['--colour-accent', '#12345'], /hex colour/],
    [['--name', ''], /1 to 200 bytes/],
    [['--name', 'a\u0001b'], /control characters/],
  ];
  const evil = path.join(srv.dir, 'evil.svg');
  writeFileSync(evil, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  cases.push([['--logo', evil], /scripts/]);
  const handler = path.join(srv.dir, 'handler.svg');
  writeFileSync(handler, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
  cases.push([['--logo', handler], /event handler/]);
  const notsvg = path.join(srv.dir, 'x.svg');
  writeFileSync(notsvg, '<html><body>hi</body></html>');
  cases.push([['--logo', notsvg], /does not start with <svg/]);

  const page = (await get(srv.base, '/committees')).text;
  for (const [args, message] of cases) {
    const r = await witan(['body', '--db', srv.dbPath, ...args]);
    assert.notEqual(r.code, 0, `${args.join(' ')} is refused`);
    assert.match(r.stderr, message, args.join(' '));
  }
  assert.equal((await get(srv.base, '/committees')).text, page, 'the site is unchanged');
});
