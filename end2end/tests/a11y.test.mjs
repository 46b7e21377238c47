// Accessibility in a real browser: axe-core on every page type in both themes,
// a keyboard-only journey, and no console errors anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, newPage } from './harness.mjs';
import { STARTUP } from './answers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server, browser, resultUrl, planUrl, teamUrl, planTeamUrl, ownerCookie, planOwnerCookie;
before(async () => {
  // The decision log on: its page is checked, and the owner pages show its settings.
  server = await startServer({ CROSSROADS_DECISION_LOG: 'on' });
  browser = await launchBrowser();
  const home = await (await fetch(`${server.base}/`)).text();
  resultUrl = `${server.base}${home.match(/href="(\/r\/[0-9A-Za-z]{12})"/)[1]}`;
  // A team decision with one answer, for the team page.
  const created = await fetch(`${server.base}/t`, { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base }, body: 'title=Checkout&context=Pick+one' });
  teamUrl = `${server.base}/t/${created.headers.get('location').split('/')[2]}`;
  const [name, value] = created.headers.get('set-cookie').split(';')[0].split('=');
  ownerCookie = { name, value, url: server.base };

  // A plan of three workloads, through the API: the persona's answers split by scope.
  const questionnaire = await (await fetch(`${server.base}/api/v1/questionnaire`)).json();
  const answer = (q) => (q.id === 'waits' ? 'nobody' : q.kind === 'multiple' ? [STARTUP[q.id]] : STARTUP[q.id]);
  const system = {}, own = {};
  for (const q of questionnaire.questions) {
    if (STARTUP[q.id] === undefined && q.id !== 'waits') continue;
    (q.scope === 'workload' ? own : system)[q.id] = answer(q);
  }
  const workloads = [['Public API', 'http-api'], ['Image uploads', 'event-handler'], ['Nightly export', 'scheduled-job']]
    .map(([name, kind]) => ({ name, kind, answers: own }));
  const plan = await fetch(`${server.base}/api/v1/assessments`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers: system, workloads }) });
  assert.equal(plan.status, 201, await plan.clone().text());
  planUrl = `${server.base}/r/${(await plan.json()).id}`;

  // A team decision with two workloads set by its owner, for the team and owner pages.
  const made = await fetch(`${server.base}/t`, { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base }, body: 'title=Shop&context=' });
  planTeamUrl = `${server.base}/t/${made.headers.get('location').split('/')[2]}`;
  const cookie = made.headers.get('set-cookie').split(';')[0];
  const [n, v] = cookie.split('=');
  planOwnerCookie = { name: n, value: v, url: server.base };
  const set = await fetch(`${planTeamUrl}/owner`, { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base, cookie },
    body: 'action=workloads&w.0.name=Public+API&w.0.kind=http-api&w.1.name=Image+uploads&w.1.kind=event-handler' });
  assert.equal(set.status, 303, await set.text());
});
after(async () => { await browser?.close(); await server?.stop(); });

const pages = () => [
  ['home', `${server.base}/`],
  ['guide page', `${server.base}/guide/pros-and-cons`],
  ['guide index', `${server.base}/guide`],
  ['wizard step', `${server.base}/wizard/workload`],
  ['workloads step', `${server.base}/wizard/workloads`],
  ['a workload\'s step', `${server.base}/wizard/w/1`],
  ['review', `${server.base}/wizard/review`],
  ['result', resultUrl],
  ['plan result', () => planUrl],
  ['team page', () => teamUrl],
  ['owner page', () => `${teamUrl}/owner`],
  ['team page with workloads', () => planTeamUrl],
  ['owner page with workloads', () => `${planTeamUrl}/owner`],
  ['new team decision', `${server.base}/t/new`],
  ['decision log', `${server.base}/decisions`],
  ['404', `${server.base}/nope`],
];

for (const scheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violations (${scheme} theme)`, async () => {
    // The test injects axe as an inline script, which the page's CSP rightly forbids.
    const page = await newPage(browser, { colorScheme: scheme, bypassCSP: true });
    await page.context().addCookies([ownerCookie, planOwnerCookie]);
    const problems = [];
    for (const [name, url] of pages()) {
      const errorsBefore = page.errors.length;
      await page.goto(typeof url === 'function' ? url() : url);
      await page.waitForLoadState('networkidle');
      // The 404 page's own status shows up as a console message; that one is expected.
      if (name === '404') page.errors.length = errorsBefore;
      await page.addScriptTag({ content: AXE });
      const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of results.violations.filter((v) => ['serious', 'critical'].includes(v.impact))) {
        problems.push(`${name}: ${v.id} (${v.impact}) — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(page.errors, [], 'no console errors');
    await page.context().close();
  });
}

test('the whole journey works with the keyboard alone', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/`);
  // Skip link first.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  // Reach "Start the questionnaire" and follow it.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement.textContent)) === 'Start the questionnaire') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL('**/wizard/situation');
  await page.locator('.wizard[data-hydrated="true"]').waitFor();

  // Answer every shown question by tabbing into it and picking the first option with Space.
  // System steps, then the workloads step (one workload by default), then its own step.
  for (let step = 0; step < 10 && new URL(page.url()).pathname !== '/wizard/review'; step++) {
    const ids = await page.$$eval('fieldset.question:not([hidden])', (fs) => fs.map((f) => f.id));
    for (const id of ids) {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((id) => document.activeElement.matches('input') && document.activeElement.closest('fieldset')?.id === id, id)) break;
      }
      await page.keyboard.press('Space');
      // A follow-up question may appear after this answer.
    }
    const more = await page.$$eval('fieldset.question:not([hidden])', (fs) => fs.map((f) => f.id));
    for (const id of more.filter((x) => !ids.includes(x))) {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((id) => document.activeElement.matches('input') && document.activeElement.closest('fieldset')?.id === id, id)) break;
      }
      await page.keyboard.press('Space');
    }
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => document.activeElement.textContent);
      if (label === 'Next' || label === 'Review answers') break;
    }
    const before = new URL(page.url()).pathname;
    await page.keyboard.press('Enter');
    await page.waitForFunction((p) => location.pathname !== p, before);
    // Focus moves to the new step's heading.
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H2');
  }
  assert.equal(new URL(page.url()).pathname, '/wizard/review');
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement.textContent)) === 'Get my recommendation') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL('**/r/*');
  assert.ok((await page.locator('h1').textContent()).includes(' on '));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
