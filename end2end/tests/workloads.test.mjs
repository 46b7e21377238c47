// A plan of three workloads in a real browser, with JavaScript and without:
// name them on the Workloads step, answer each one's own step, and get a
// result page with a row per workload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from './harness.mjs';
import { answerEveryStep } from './answers.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const WORKLOADS = [
  ['Storefront API', 'http-api'],
  ['Image resizer <b>', 'event-handler'],
  ['Nightly ledger export', 'scheduled-job'],
];

/// Answers until the Workloads step, then names three workloads there.
async function nameThree(page, js) {
  for (let steps = 0; steps < 10 && !page.url().endsWith('/wizard/workloads'); steps++) {
    for (const fs of await page.locator('fieldset.question:not([hidden])').all()) await fs.locator('input').first().check();
    const before = page.url();
    await page.locator('form.wizard-step button.primary').click();
    await page.waitForFunction((u) => location.href !== u, before);
  }
  assert.ok(page.url().endsWith('/wizard/workloads'), page.url());
  for (let n = 1; n < WORKLOADS.length; n++) {
    const rows = await page.locator('fieldset.workload-row').count();
    await page.getByRole('button', { name: 'Add a workload' }).click();
    await page.waitForFunction((r) => document.querySelectorAll('fieldset.workload-row').length > r, rows);
  }
  for (const [i, [name, kind]] of WORKLOADS.entries()) {
    await page.locator(`[name="w.${i}.name"]`).fill(name);
    await page.locator(`[name="w.${i}.kind"]`).selectOption(kind);
  }
  await page.locator('form.wizard-step button.primary').click();
  await page.waitForURL('**/wizard/w/1');
  if (js) await page.locator('.wizard[data-hydrated="true"]').waitFor();
  // The progress lists a step per workload, named as given.
  const steps = await page.locator('ol.steps li').allTextContents();
  for (const [name] of WORKLOADS) assert.ok(steps.some((s) => s.includes(name)), `${name} in ${steps}`);
}

for (const js of [true, false]) {
  test(`three workloads ${js ? 'with' : 'without'} JavaScript end in a result with a row each`, async () => {
    const page = await newPage(browser, { javaScriptEnabled: js });
    await page.goto(`${server.base}/wizard`);
    if (js) {
      await page.locator('.wizard[data-hydrated="true"]').waitFor();
      await page.evaluate(() => { window.__sameDocument = true; });
    }
    await nameThree(page, js);
    // The event handler's step comes with its kind's suggestions chosen.
    await page.goto(`${server.base}/wizard/w/2`);
    assert.equal(await page.locator('#q-waits input[value="nobody"]').isChecked(), true, 'suggested from its kind');
    await page.goto(`${server.base}/wizard/w/1`);
    if (js) await page.locator('.wizard[data-hydrated="true"]').waitFor();
    await answerEveryStep(page);
    const rows = page.locator('table.plan-table tbody.plan-workload > tr:first-child');
    assert.equal(await rows.count(), 3, 'a row per workload');
    const names = await rows.locator('th').allTextContents();
    assert.deepEqual(names, WORKLOADS.map(([name]) => name), 'named as given, markup shown as text');
    for (const platform of await rows.locator('td.plan-platform').allTextContents()) {
      assert.ok(platform.trim().length > 0 && platform !== 'Nothing fits', `a platform each: ${platform}`);
    }
    // The result page loads no wasm and links to the guide on workloads.
    assert.equal(await page.locator('script[src$=".wasm"], link[href$=".wasm"]').count(), 0);
    assert.ok(await page.locator('a[href^="/guide/per-workload"]').count() >= 1, 'the guide on deciding per workload');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('a workload step keeps its answers when Back and Forward are used', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/wizard`);
  await page.locator('.wizard[data-hydrated="true"]').waitFor();
  await nameThree(page, true);
  await page.locator('#q-waits input').last().check();
  // Then the rest, and whatever follow-up questions those answers show.
  for (let pass = 0; pass < 3; pass++) {
    for (const fs of await page.locator('fieldset.question:not([hidden])').all()) {
      if ((await fs.locator('input:checked').count()) === 0) await fs.locator('input').first().check();
    }
  }
  const chosen = await page.locator('#q-waits input:checked').getAttribute('value');
  const before = page.url();
  await page.locator('form.wizard-step button.primary').click();
  await page.waitForFunction((u) => location.href !== u, before);
  await page.goBack();
  await page.waitForURL('**/wizard/w/1');
  await page.reload();
  assert.equal(await page.locator('#q-waits input:checked').getAttribute('value'), chosen, 'kept on the server');
  await page.context().close();
});
