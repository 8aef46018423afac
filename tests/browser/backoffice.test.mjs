// The back office as a clerk uses it (issue 3), through the UI only, in
// Debian's Chromium: sign in, create a meeting of the West Mercia Police
// and Crime Panel, build its agenda (one item exempt under Schedule 12A,
// one with a Markdown description checked with Preview), upload a report
// to a public item and a confidential one to the exempt item, publish the
// agenda, write, publish and approve the minutes at a later meeting, amend
// the approved minutes (refused without a reason, kept with one), sign
// out, and check what the public sees: the exempt item's title and
// exemption only, never its description or its document. Every back-office
// page visited is checked with axe (WCAG 2.1 A/AA) and, as the server sent
// it, with vnu (one run at the end). As an admin, the audit log of the walk
// is printed.
//
// Fields are found by their labels and buttons by their accessible names;
// the only script put into a page is axe.
//
// Needs $WITAN (or build/witan); fails, never skips, when it is missing.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startServer, witanPath } from '../lib/server.mjs';
import { addUser, isoDateFromToday, makePdf, Walker } from './backoffice-helpers.mjs';
import {
  desktopContext,
  formatViolations,
  formatVnuErrors,
  launchBrowser,
  runAxe,
  runVnuOnPages,
} from './checks.mjs';

const CLERK = { email: 'clerk@example.org', role: 'clerk', password: 'Clerk walks the agenda 2027' };
const ADMIN = { email: 'admin@example.org', role: 'admin', password: 'Admin reads the audit 2027' };
const COMMITTEE = 'West Mercia Police and Crime Panel';
const DATE1 = isoDateFromToday(21); // about three weeks ahead
const DATE2 = isoDateFromToday(21 + 28); // the committee's next meeting, four weeks later

const ITEMS = [
  'Police & Crime Plan Activity and Performance Monitoring Report',
  'Work programme 2026/27',
  'Disposal of the former Hindlip estates depot',
];
// Words that must never reach a public page: the exempt item's description
// carries MARKER, its document's title TITLE_MARKER, its PDF's text PDF_MARKER.
const MARKER = 'Zanzibarquartz';
const TITLE_MARKER = 'Glimmerbasalt';
const PDF_MARKER = 'Xylocarpfennel';

const EXEMPT_PARAGRAPH = '3 – financial or business affairs';
const EXEMPT_REASON = 'Disclosure would prejudice the Commissioner in negotiations for the sale.';
const EXEMPT_DESCRIPTION = `Bids received for the depot; the preferred bidder is ${MARKER} Holdings at **£1.2m**.`;

const DESCRIPTION_1 =
  "To consider the Commissioner's **quarterly performance** report (October – December).\n\n" +
  'Figures: £26.9m budget, 90.54% of 999 calls answered in 10 seconds.';
const MINUTES_1 =
  'The Panel received the report. Members noted:\n\n' +
  '- recorded crime had fallen by 4% on the year\n' +
  '- 90.54% of 999 calls were answered within 10 seconds\n\n' +
  'RESOLVED that the report be noted.';
const MINUTES_1_AMENDED = MINUTES_1.replace('fallen by 4%', 'fallen by 4.2%');
const AMENDMENT_REASON = 'The Chair corrected the fall in recorded crime at the next meeting.';

const DOC1_TITLE = 'Performance Monitoring Report – October to December';
const DOC_EXEMPT_TITLE = `Valuation of the depot ${TITLE_MARKER}`;
const PDF_1 = makePdf(['West Mercia Police and Crime Panel', 'Performance Monitoring Report', 'Budget 26.9m']);
const PDF_EXEMPT = makePdf(['CONFIDENTIAL - Schedule 12A paragraph 3', `Preferred bidder ${PDF_MARKER}`]);

// As the list of meetings shows a date: "17 Dec 2026".
const shortDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
};
const ms = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

test('back office: a clerk prepares, publishes and minutes a meeting (issue 3)', { timeout: 180000 }, async (t) => {
  const t0 = Date.now();
  const srv = await startServer({ demo: true });
  let browser;
  const checked = []; // {label, path, body, violations}
  const passed = new Set(); // numbers of the steps that passed
  const problems = []; // found on the way without stopping the walk; fail at the end
  const s = {}; // ids and labels learnt on the way

  try {
    await addUser(witanPath(), srv.dbPath, CLERK);
    await addUser(witanPath(), srv.dbPath, ADMIN);
    browser = await launchBrowser();
    const ctx = await desktopContext(browser);
    const page = await ctx.newPage();
    page.setDefaultTimeout(10000);
    const w = new Walker(page, srv.base);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // axe now, and the raw HTML for vnu at the end.
    const checkPage = async (label, p = page, walker = w) => {
      const body = await walker.rawHtml();
      const violations = await runAxe(p);
      checked.push({ label, path: walker.path(), body, violations });
    };
    // A step runs when the steps it needs passed (else it fails as not run).
    const step = (n, name, needs, fn) =>
      t.test(`${n}. ${name}`, async () => {
        const missing = needs.filter((k) => !passed.has(k));
        if (missing.length > 0) assert.fail(`not run: it needs step(s) ${missing.join(', ')}, which failed`);
        await fn();
        passed.add(n);
      });
    // A labelled field. A label that does not name exactly one field is a
    // bug (recorded, failing the test at the end); the walk goes on with the
    // field found by its name, to find what else is wrong.
    const field = async (scope, label, name, where) => {
      const byLabel = scope.getByLabel(label, { exact: true });
      const n = await byLabel.count();
      if (n === 1) return byLabel;
      const byName = scope.locator(`[name="${name}"]`);
      problems.push(
        `${where} (${w.path()}): the field "${name}" cannot be found by its label "${label}" ` +
          `(${n} fields have that accessible name; ${await byName.count()} field(s) named "${name}" in the form)`,
      );
      return byName;
    };
    const button = (name, scope = page) => scope.getByRole('button', { name, exact: true });
    const link = (name, scope = page) => scope.getByRole('link', { name, exact: true });
    const formWith = (buttonName) => page.locator('form').filter({ has: button(buttonName) });
    const breadcrumb = () => page.getByRole('navigation', { name: 'Breadcrumb' });
    const currentCrumb = async () => (await breadcrumb().locator('[aria-current="page"]').innerText()).trim();
    const h1 = async () => (await page.getByRole('heading', { level: 1 }).innerText()).replace(/\s+/g, ' ').trim();
    // The requests a click made and their answers; on a surprise, the
    // message includes what the page said.
    const expectChain = async (res, expected, what) => {
      if (JSON.stringify(res.chain) === JSON.stringify(expected)) return;
      const said = (await page.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
      assert.deepEqual(res.chain, expected, `${what}: the requests and their answers (the page says: ${said})`);
    };
    const meetingPath = () => `/admin/meetings/${s.m1}`;
    const itemPath = (i) => `${meetingPath()}/items/${s.items[i]}`;
    const backToMeeting = async () => {
      const r = await w.click(link(s.when1, breadcrumb()));
      assert.equal(w.path(), meetingPath());
      return r;
    };

    await step(1, 'the clerk signs in at /login', [], async () => {
      const r = await w.goto('/login');
      assert.equal(r.last.status(), 200);
      await checkPage('sign-in form');
      await page.getByLabel('E-mail address').fill(CLERK.email);
      await page.getByLabel('Password').fill(CLERK.password);
      const res = await w.click(button('Sign in'));
      await expectChain(res, ['POST /login 303', 'GET /admin 200'], 'signing in');
      assert.equal(await h1(), 'Back office');
      await checkPage('/admin');
    });

    await step(2, `the clerk creates a meeting of the Panel on ${DATE1}, 10:00–12:00, at a venue`, [1], async () => {
      await w.click(link('Create a meeting'));
      assert.equal(w.path(), '/admin/meetings/new');
      await checkPage('new meeting form');
      await page.getByLabel('Committee', { exact: true }).selectOption({ label: COMMITTEE });
      const venue = page.getByLabel('Venue', { exact: true });
      const venues = (await venue.locator('option').allInnerTexts()).filter((v) => v !== 'Not decided yet');
      assert.ok(venues.length > 0, 'the Venue list offers the demo venues');
      s.venue = venues[0];
      await venue.selectOption({ label: s.venue });
      await page.getByLabel('Date', { exact: true }).fill(DATE1);
      await page.getByLabel('Start time', { exact: true }).fill('10:00');
      await page.getByLabel('Expected end time (optional)', { exact: true }).fill('12:00');
      const res = await w.click(button('Create the meeting'));
      const m = /^\/admin\/meetings\/(\d+)$/.exec(w.path());
      assert.ok(m, `after "Create the meeting" the clerk is on the meeting's page, not ${w.path()} (${res.chain})`);
      s.m1 = m[1];
      await expectChain(res, ['POST /admin/meetings/new 303', `GET /admin/meetings/${s.m1} 200`], 'creating the meeting');
      s.when1 = await currentCrumb();
      assert.ok((await h1()).startsWith(COMMITTEE), `the heading names the committee: ${await h1()}`);
      // The details form shows what was saved.
      assert.equal(await page.getByLabel('Date', { exact: true }).inputValue(), DATE1);
      assert.equal(await page.getByLabel('Start time', { exact: true }).inputValue(), '10:00');
      assert.equal(await page.getByLabel('Expected end time (optional)', { exact: true }).inputValue(), '12:00');
      assert.equal(
        (await page.getByLabel('Venue', { exact: true }).locator('option:checked').innerText()).trim(),
        s.venue,
      );
      await checkPage('meeting page (agenda in draft)');
    });

    await step(3, 'the clerk adds three items, makes the third exempt, previews and saves the first', [2], async () => {
      s.items = [];
      for (const title of ITEMS) {
        const add = formWith('Add the item');
        await add.getByLabel('Title', { exact: true }).fill(title);
        const res = await w.click(button('Add the item', add));
        const m = new RegExp(`^/admin/meetings/${s.m1}/items/(\\d+)$`).exec(w.path());
        assert.ok(m, `"Add the item" leads to the item's page, not ${w.path()} (${res.chain})`);
        s.items.push(m[1]);
        assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), title);
        if (s.items.length === 1) await checkPage('item page (new item)');
        await backToMeeting();
      }
      const agenda = page.getByRole('table', { name: 'Agenda items' });
      for (const title of ITEMS) await link(title, agenda).waitFor();

      // The third item: exempt under paragraph 3, with a reason and a description.
      await w.click(link(ITEMS[2], agenda));
      assert.equal(w.path(), itemPath(2));
      await page.getByLabel('Exempt under Schedule 12A, paragraph').selectOption({ label: EXEMPT_PARAGRAPH });
      await page.getByLabel('Public interest reason for exemption').fill(EXEMPT_REASON);
      await page.getByLabel('Description', { exact: true }).fill(EXEMPT_DESCRIPTION);
      let res = await w.click(button('Save the item'));
      await expectChain(res, [`POST ${itemPath(2)} 303`, `GET ${meetingPath()} 200`], 'saving the exempt item');
      const row3 = page.getByRole('row').filter({ has: link(ITEMS[2]) });
      assert.match(await row3.textContent(), /\bExempt\b/, 'the agenda builder marks the third item exempt');

      // The first item: a Markdown description, previewed, then saved.
      await w.click(link(ITEMS[0], page.getByRole('table', { name: 'Agenda items' })));
      assert.equal(w.path(), itemPath(0));
      const description = page.getByLabel('Description', { exact: true });
      await description.fill(DESCRIPTION_1);
      res = await w.click(button('Preview'));
      await expectChain(res, [`POST ${itemPath(0)} 200`], 'previewing the item');
      const preview = page.getByRole('region', { name: 'Preview' });
      assert.equal(
        (await preview.locator('strong').first().innerText()).trim(),
        'quarterly performance',
        'the preview shows the Markdown rendered (**…** as <strong>)',
      );
      assert.doesNotMatch(await preview.innerText(), /\*\*/, 'no raw Markdown asterisks in the preview');
      assert.equal(await description.inputValue(), DESCRIPTION_1, 'the Description field still holds what was typed');
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), ITEMS[0]);
      await checkPage('item page (preview)');
      res = await w.click(button('Save the item'));
      await expectChain(res, [`POST ${itemPath(0)} 303`, `GET ${meetingPath()} 200`], 'saving the first item');
      // Saved: the item's page shows it again.
      await w.click(link(ITEMS[0], page.getByRole('table', { name: 'Agenda items' })));
      assert.equal(await page.getByLabel('Description', { exact: true }).inputValue(), DESCRIPTION_1);
      await backToMeeting();
    });

    await step(4, 'the clerk uploads a report to item 1 and a confidential PDF to the exempt item', [3], async () => {
      const upload = async (fileName, buffer, title, itemIndex) => {
        const form = formWith('Upload');
        await form.getByLabel('File', { exact: true }).setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer });
        await (await field(form, 'Title', 'title', 'upload form')).fill(title);
        await form.getByLabel('Kind of document', { exact: true }).selectOption({ label: 'Report' });
        const attach = form.getByLabel('Attach to', { exact: true });
        const choice = (await attach.locator('option').allInnerTexts()).find((o) => o.trim().endsWith(ITEMS[itemIndex]));
        assert.ok(choice, `"Attach to" offers item ${itemIndex + 1}`);
        await attach.selectOption({ label: choice.trim() });
        const res = await w.click(button('Upload', form));
        await expectChain(res, [`POST /admin/meetings/${s.m1}/documents 303`, `GET ${meetingPath()} 200`], `uploading ${fileName}`);
        const href = await link(title, page.getByRole('region', { name: 'Documents' })).getAttribute('href');
        const m = /^\/admin\/documents\/(\d+)\/([^/]+)$/.exec(href ?? '');
        assert.ok(m, `the uploaded document is listed with a link: ${href}`);
        // The clerk can open it, and it is the bytes uploaded.
        const got = await page.request.get(srv.base + href);
        assert.equal(got.status(), 200, `clerk GET ${href}`);
        assert.equal(got.headers()['content-type'], 'application/pdf');
        assert.ok(Buffer.from(await got.body()).equals(buffer), `${href} serves the uploaded bytes`);
        return { id: m[1], name: m[2] };
      };
      s.doc1 = await upload('Performance report Q3.pdf', PDF_1, DOC1_TITLE, 0);
      s.docX = await upload('depot valuation.pdf', PDF_EXEMPT, DOC_EXEMPT_TITLE, 2);
      await checkPage('meeting page (with documents)');
    });

    await step(5, 'the clerk publishes the agenda', [4], async () => {
      const res = await w.click(button('Publish the agenda'));
      await expectChain(res, [`POST ${meetingPath()}/publish 303`, `GET ${meetingPath()} 200`], 'publishing the agenda');
      const pub = await page.getByRole('region', { name: 'Publication' }).innerText();
      assert.match(pub, /The agenda was published /, 'the publication notice');
      assert.match(pub, /It gave \d+ clear days' notice\./, 'the notice given, in clear days');
      assert.doesNotMatch(pub, /later than the statutory notice/);
      assert.equal(await button('Publish the agenda').count(), 0, 'no second "Publish the agenda"');
      await link('See the public page').waitFor();
      await checkPage('meeting page (agenda published)');
    });

    await step(6, 'minutes: written, published, approved at a later meeting, then amended with a reason', [5], async () => {
      // Write the minutes of item 1.
      await w.click(link(ITEMS[0], page.getByRole('table', { name: 'Agenda items' })));
      await page.getByLabel('Minutes', { exact: true }).fill(MINUTES_1);
      let res = await w.click(button('Save the item'));
      await expectChain(res, [`POST ${itemPath(0)} 303`, `GET ${meetingPath()} 200`], 'saving the minutes');

      res = await w.click(button('Publish the draft minutes'));
      await expectChain(res, [`POST ${meetingPath()}/minutes 303`, `GET ${meetingPath()} 200`], 'publishing the draft minutes');
      s.minutesPublic = MINUTES_1;
      assert.match(
        await page.getByRole('region', { name: 'Publication' }).innerText(),
        /Status: draft published, awaiting approval\./,
      );
      await checkPage('meeting page (draft minutes published)');

      // The committee's next meeting, a month later.
      await w.click(link('Back office', breadcrumb()));
      assert.equal(w.path(), '/admin');
      await w.click(link('Create a meeting'));
      await page.getByLabel('Committee', { exact: true }).selectOption({ label: COMMITTEE });
      await page.getByLabel('Venue', { exact: true }).selectOption({ label: s.venue });
      await page.getByLabel('Date', { exact: true }).fill(DATE2);
      await page.getByLabel('Start time', { exact: true }).fill('10:00');
      await page.getByLabel('Expected end time (optional)', { exact: true }).fill('12:00');
      res = await w.click(button('Create the meeting'));
      const m2 = /^\/admin\/meetings\/(\d+)$/.exec(w.path());
      assert.ok(m2, `the second meeting was created (${res.chain})`);
      s.m2 = m2[1];
      s.when2 = await currentCrumb();

      // Back to the first meeting through the list of meetings.
      await w.click(link('Back office', breadcrumb()));
      const rows = page
        .getByRole('table', { name: 'Meetings, newest first' })
        .getByRole('row')
        .filter({ has: link(COMMITTEE) })
        .filter({ hasText: shortDate(DATE1) });
      assert.equal(await rows.count(), 1, `one meeting of the Panel on ${shortDate(DATE1)}`);
      assert.match(await rows.textContent(), /Draft minutes published/, 'its status in the list');
      await w.click(link(COMMITTEE, rows));
      assert.equal(w.path(), meetingPath());

      await page.getByLabel('Approved at the meeting of').selectOption({ label: s.when2 });
      res = await w.click(button('Record the minutes as approved'));
      await expectChain(res, [`POST ${meetingPath()}/minutes 303`, `GET ${meetingPath()} 200`], 'approving the minutes');
      assert.match(
        await page.getByRole('region', { name: 'Publication' }).innerText(),
        /Status: approved and locked/,
      );
      s.approved = true;
      await checkPage('meeting page (minutes approved)');

      // Change the approved minutes without a reason: refused, nothing lost.
      await w.click(link(ITEMS[0], page.getByRole('table', { name: 'Agenda items' })));
      await checkPage('item page (approved minutes)');
      const minutes = page.getByLabel('Minutes', { exact: true });
      assert.equal(await minutes.inputValue(), MINUTES_1);
      await minutes.fill(MINUTES_1_AMENDED);
      res = await w.click(button('Save the item'));
      await expectChain(res, [`POST ${itemPath(0)} 400`], 'saving changed approved minutes without a reason');
      const summary = page.getByRole('alert');
      assert.match(await summary.innerText(), /There is a problem/);
      const errLink = summary.getByRole('link');
      assert.equal(await errLink.count(), 1, 'one error in the summary');
      assert.equal(await errLink.getAttribute('href'), '#f-amendment', 'the error links to the amendment field');
      assert.match(await page.title(), /^Error: /, 'the page title says there is an error');
      const amendment = page.getByLabel('Reason for amending the approved minutes');
      assert.equal(await amendment.getAttribute('aria-invalid'), 'true');
      assert.equal(await minutes.inputValue(), MINUTES_1_AMENDED, 'the typed minutes are still in the textarea');
      assert.equal(await page.getByLabel('Description', { exact: true }).inputValue(), DESCRIPTION_1);
      await checkPage('item page (amendment refused, with errors)');

      // With a reason: kept.
      await amendment.fill(AMENDMENT_REASON);
      res = await w.click(button('Save the item'));
      await expectChain(res, [`POST ${itemPath(0)} 303`, `GET ${meetingPath()} 200`], 'saving the amendment with a reason');
      s.minutesPublic = MINUTES_1_AMENDED;
      await w.click(link(ITEMS[0], page.getByRole('table', { name: 'Agenda items' })));
      assert.equal(await page.getByLabel('Minutes', { exact: true }).inputValue(), MINUTES_1_AMENDED);
    });

    await step(7, 'the clerk signs out; the public sees the record and nothing confidential', [5], async () => {
      await w.goto(meetingPath());
      const res = await w.click(button('Sign out'));
      await expectChain(res, ['POST /logout 303', 'GET / 200'], 'signing out');
      await w.goto('/admin');
      assert.match(w.path(), /^\/login\b/, 'after signing out, /admin asks to sign in again');

      // The public: a browser that never signed in.
      const pubCtx = await desktopContext(browser);
      const pub = await pubCtx.newPage();
      pub.setDefaultTimeout(10000);
      const pw = new Walker(pub, srv.base);
      const raw = async (path) => {
        const r = await fetch(srv.base + path, { redirect: 'manual' });
        return { status: r.status, location: r.headers.get('location'), body: await r.text() };
      };
      const secrets = [MARKER, TITLE_MARKER, PDF_MARKER];
      const noSecrets = (path, body) => {
        for (const word of secrets) assert.ok(!body.includes(word), `${path} must not contain "${word}"`);
      };
      try {
        // The meeting page.
        const mPath = `/meetings/${s.m1}`;
        let r = await pw.goto(mPath);
        assert.equal(r.last.status(), 200, `GET ${mPath}`);
        for (const title of ITEMS) await link(title, pub).waitFor();
        const exemptLi = pub.getByRole('listitem').filter({ has: link(ITEMS[2], pub) });
        const note = await exemptLi.locator('.exempt').innerText();
        assert.match(note, /paragraph 3\b/, 'the exempt item shows its paragraph');
        assert.ok(note.includes(EXEMPT_REASON), 'the exempt item shows its public interest reason');
        const doc1Link = pub.getByRole('link', { name: DOC1_TITLE });
        assert.match((await doc1Link.getAttribute('href')) ?? '', new RegExp(`^/documents/${s.doc1.id}/`), 'item 1 links its report');
        const minutesLink = pub.getByRole('link', { name: /^Minutes of item/ });
        assert.ok(s.minutesPublic, 'the minutes were published in step 6');
        assert.equal(await minutesLink.count(), 1, 'one item has minutes');
        assert.equal(await minutesLink.getAttribute('href'), `/meetings/${s.m1}/items/${s.items[0]}#minutes`);
        noSecrets(mPath, await pw.rawHtml());
        noSecrets(mPath, (await raw(mPath)).body);
        await checkPage('public meeting page', pub, pw);

        // Item 1: its minutes, rendered (a list), as amended.
        const i1 = `/meetings/${s.m1}/items/${s.items[0]}`;
        r = await pw.goto(i1);
        assert.equal(r.last.status(), 200, `GET ${i1}`);
        const min = pub.getByRole('region', { name: 'Minutes:' });
        const li = await min.getByRole('listitem').allInnerTexts();
        const expected = s.minutesPublic
          .split('\n')
          .filter((l) => l.startsWith('- '))
          .map((l) => l.slice(2));
        assert.deepEqual(
          li.map((x) => x.trim()),
          expected,
          `the minutes of item 1 as a list${s.minutesPublic === MINUTES_1_AMENDED ? ', as amended' : ''}`,
        );
        noSecrets(i1, await pw.rawHtml());
        await checkPage('public item page (minutes)', pub, pw);

        // The exempt item: title and exemption, no description, no documents.
        const i3 = `/meetings/${s.m1}/items/${s.items[2]}`;
        r = await pw.goto(i3);
        assert.equal(r.last.status(), 200, `GET ${i3}`);
        assert.equal((await pub.getByRole('heading', { level: 1 }).innerText()).trim(), ITEMS[2]);
        const note3 = await pub.locator('.exempt').innerText();
        assert.match(note3, /paragraph 3\b/);
        assert.ok(note3.includes(EXEMPT_REASON));
        assert.equal(await pub.getByRole('heading', { name: 'Purpose of item:' }).count(), 0, 'no description section');
        assert.equal(await pub.locator(`a[href^="/documents/"]`).count(), 0, 'no documents linked');
        assert.ok(!(await pw.rawHtml()).includes('£1.2m'), 'nothing of the description');
        noSecrets(i3, await pw.rawHtml());
        await checkPage('public item page (exempt)', pub, pw);

        // Everywhere else a citizen might land.
        for (const path of [`/meetings/${s.m1}/items/${s.items[1]}`, '/', `/meetings?month=${DATE1.slice(0, 7)}`]) {
          const got = await raw(path);
          assert.equal(got.status, 200, `GET ${path}`);
          noSecrets(path, got.body);
        }

        // Documents: item 1's report is public; the exempt item's is not, by any name.
        let d = await raw(`/documents/${s.doc1.id}/x`);
        assert.equal(d.status, 301, 'a public document under another name redirects to its own');
        d = await fetch(`${srv.base}/documents/${s.doc1.id}/${s.doc1.name}`);
        assert.equal(d.status, 200);
        assert.ok(Buffer.from(await d.arrayBuffer()).equals(PDF_1), 'the public report is the uploaded PDF');
        for (const name of ['x', s.docX.name]) {
          d = await raw(`/documents/${s.docX.id}/${name}`);
          assert.equal(d.status, 404, `the exempt item's document /documents/${s.docX.id}/${name} answers ${d.status}`);
          noSecrets(`/documents/${s.docX.id}/${name}`, d.body);
        }
      } finally {
        await pubCtx.close();
      }
    });

    await step(8, 'the admin reads the audit log of the walk', [1], async () => {
      const actx = await desktopContext(browser);
      const ap = await actx.newPage();
      ap.setDefaultTimeout(10000);
      const aw = new Walker(ap, srv.base);
      try {
        await aw.goto('/login');
        await ap.getByLabel('E-mail address').fill(ADMIN.email);
        await ap.getByLabel('Password').fill(ADMIN.password);
        await aw.click(ap.getByRole('button', { name: 'Sign in', exact: true }));
        assert.equal(aw.path(), '/admin');
        const res = await aw.click(ap.getByRole('link', { name: 'Audit log', exact: true }));
        assert.deepEqual(res.chain, ['GET /admin/audit 200'], 'opening the audit log');
        await checkPage('/admin/audit', ap, aw);
        const rows = await ap.locator('table.audit tbody tr').allInnerTexts();
        const entries = rows
          .map((row) => row.split('\t').map((c) => c.trim()))
          .map(([at, who, what]) => ({ at, who, what }))
          .reverse(); // oldest first
        const walk = entries.filter((e) => e.who === CLERK.email || e.who === ADMIN.email);
        t.diagnostic(`audit log: ${entries.length} rows, ${walk.length} from the walk (oldest first):`);
        walk.forEach((e, i) => t.diagnostic(`  ${String(i + 1).padStart(2)}. ${e.who.split('@')[0]}: ${e.what}`));
        const whats = walk.map((e) => e.what);
        const audited = (what) => assert.ok(whats.includes(what), `the audit log records "${what}"`);
        if (s.m1) audited(`create meeting ${s.m1}`);
        if (s.m2) audited(`create meeting ${s.m2}`);
        for (const id of s.items ?? []) audited(`create agenda_item ${id}`);
        for (const doc of [s.doc1, s.docX].filter(Boolean)) audited(`upload file ${doc.id}`);
        if (passed.has(5)) audited(`publish agenda meeting ${s.m1}`);
        if (s.minutesPublic) audited(`minutes published meeting ${s.m1}`);
        if (s.approved) audited(`minutes approved meeting ${s.m1}`);
      } finally {
        await actx.close();
      }
    });

    await t.test('no script errors in the pages', () => {
      assert.deepEqual(pageErrors, []);
    });

    await t.test('every field found by its label', () => {
      if (problems.length > 0) assert.fail(problems.join('\n'));
    });

    await t.test(`axe (WCAG 2.1 A/AA) on the ${checked.length} pages visited`, () => {
      const bad = checked.filter((c) => c.violations.length > 0);
      if (passed.size === 8) assert.ok(checked.length >= 16, `only ${checked.length} of the 16 pages of the walk were checked`);
      assert.ok(checked.length > 0, 'no page was checked');
      if (bad.length > 0) {
        assert.fail(bad.map((c) => `${c.label} (${c.path}):\n${formatViolations(c.violations)}`).join('\n'));
      }
    });

    await t.test(`vnu on the HTML of the ${checked.length} pages visited`, async () => {
      const byKey = await runVnuOnPages(checked.map((c, i) => ({ url: `#${i} ${c.label} ${c.path}`, body: c.body })));
      const errors = [...byKey.values()].flat();
      if (errors.length > 0) assert.fail(`${errors.length} HTML error(s):\n${formatVnuErrors(errors)}`);
    });

    t.diagnostic(`pages checked: ${checked.map((c) => c.label).join(' · ')}`);
    t.diagnostic(`finished in ${ms(t0)}`);
  } finally {
    await browser?.close();
    await srv.stop();
  }
});
