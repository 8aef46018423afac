// Uploads that must be refused: an empty file, a file over the cap, a file
// whose content does not match its claimed type, and a filename with path
// separators or control characters.  Each gets a clear error and nothing is
// stored: not a database row, not a byte in the document store.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startServer, storeOf } from '../lib/server.mjs';
import { addUser, adminMeetingIds, fetchAs, fileField, makeSnapshot, post, signIn } from './backoffice-helpers.mjs';

let srv, clerk, meetingId, snapshot, pdf;

/** A real PDF from the demo's store. */
function anyPdf(dir) {
  for (const sub of readdirSync(dir)) {
    for (const f of readdirSync(path.join(dir, sub))) {
      const b = readFileSync(path.join(dir, sub, f));
      if (b.subarray(0, 5).toString() === '%PDF-') return b;
    }
  }
  throw new Error('no PDF in the demo store');
}

before(async () => {
  srv = await startServer();
  addUser(srv.dbPath, { email: 'uploader@example.org', role: 'clerk', password: 'a long enough password' });
  clerk = await signIn(srv.base, 'uploader@example.org', 'a long enough password');
  meetingId = adminMeetingIds((await fetchAs(srv.base, '/admin', { cookie: clerk.cookie })).text)[0];
  snapshot = await makeSnapshot(srv.dbPath);
  pdf = anyPdf(storeOf(srv.dbPath));
});
after(async () => { await srv?.stop(); });

async function refused(file, { status, message }) {
  const beforeSnap = await snapshot();
  const r = await post(srv.base, `/admin/meetings/${meetingId}/documents`,
    { csrf: clerk.csrf, title: 'A report', role: 'report', item_id: '', file }, { cookie: clerk.cookie });
  assert.equal(r.status, status, r.text.slice(0, 400));
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, message);
  assert.deepEqual(await snapshot(), beforeSnap, 'nothing was stored');
}

test('an empty file is refused', () =>
  refused(fileField(Buffer.alloc(0), 'empty.pdf', 'application/pdf'), { status: 400, message: /The file is empty\./ }));

test('a file over the 50 MB cap is refused', () =>
  refused(fileField(Buffer.concat([pdf, Buffer.alloc(51 * 1024 * 1024)]), 'big.pdf', 'application/pdf'),
    { status: 413, message: /larger than 50 MB/ }));

test('content that does not match the claimed type is refused', async () => {
  await refused(fileField(Buffer.from('<html><script>alert(1)</script></html>'), 'report.pdf', 'application/pdf'),
    { status: 415, message: /content does not match its name or type/ });
  await refused(fileField(pdf, 'report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    { status: 415, message: /content does not match its name or type/ });
  await refused(fileField(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg', 'image/svg+xml'),
    { status: 415, message: /cannot be uploaded/ });
});

test('a filename with path separators or control characters is refused', async () => {
  for (const name of ['../../etc/passwd.pdf', 'reports/q3.pdf', 'C:\\Users\\x\\q3.pdf', '..']) {
    await refused(fileField(pdf, name, 'application/pdf'), { status: 400, message: /name has characters we cannot keep/ });
  }
  // A control character in a part's header makes the whole form malformed
  // (fetch strips DEL from filenames, so only a C0 character is sent here).
  await refused(fileField(pdf, 'q3\u0001.pdf', 'application/pdf'),
    { status: 400, message: /name has characters we cannot keep|The form data is malformed/ });
});

test('a good upload is stored once and named safely', async () => {
  const beforeSnap = await snapshot();
  const r = await post(srv.base, `/admin/meetings/${meetingId}/documents`,
    { csrf: clerk.csrf, title: 'Q3 Report <draft> & notes', role: 'report', item_id: '', file: fileField(pdf, 'Q3 Report (final) v2.PDF', 'application/pdf') },
    { cookie: clerk.cookie });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const page = await fetchAs(srv.base, `/admin/meetings/${meetingId}`, { cookie: clerk.cookie });
  const m = page.text.match(/<a href="(\/admin\/documents\/\d+\/([^"]+))">Q3 Report &lt;draft&gt; &amp; notes<\/a>/);
  assert.ok(m, 'the document is listed with its title escaped');
  assert.equal(m[2], 'q3-report-final-v2.pdf');
  const doc = await fetch(new URL(m[1], srv.base), { headers: { cookie: `witan_session=${clerk.cookie}` } });
  assert.equal(doc.status, 200);
  assert.deepEqual(Buffer.from(await doc.arrayBuffer()), pdf);
  // The same bytes again: a second document, but not a second copy in the store.
  const afterFirst = await snapshot();
  assert.equal(afterFirst['store files'], beforeSnap['store files'], 'the demo already held these bytes');
  const r2 = await post(srv.base, `/admin/meetings/${meetingId}/documents`,
    { csrf: clerk.csrf, title: 'Same bytes', role: 'appendix', item_id: '', file: fileField(pdf, 'same.pdf', 'application/pdf') },
    { cookie: clerk.cookie });
  assert.equal(r2.status, 303);
  assert.equal((await snapshot())['store files'], afterFirst['store files'], 'stored once');
});
