// Decisions over time in a real browser: a person's own result becomes a
// decision, the owner accepts it and records a changed fact, and the team
// page says the decision is due for review, with what the fact changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from './harness.mjs';
import { answerAllSteps, STARTUP_HEADLINE } from './answers.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('an accepted decision with a fact that changes it shows "review due" and the difference', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/wizard`);
  await answerAllSteps(page);
  assert.match(await page.locator('h1').first().textContent(), new RegExp(STARTUP_HEADLINE));

  await page.getByRole('button', { name: 'Make it a decision' }).click();
  await page.waitForURL('**/owner');
  const teamUrl = page.url().replace(/\/owner$/, '');
  assert.match(await page.locator('#lifecycle').textContent(), /Status: proposed/);

  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.waitForURL('**/owner#lifecycle');
  assert.match(await page.locator('#lifecycle').textContent(), /Status: accepted · review by \d{4}-\d{2}-\d{2}/);

  await page.locator('#fact').selectOption('compliance:on_premises');
  await page.getByRole('button', { name: 'Record the fact' }).click();
  await page.waitForURL('**/owner#lifecycle');

  await page.goto(teamUrl);
  const life = await page.locator('#lifecycle').textContent();
  assert.match(life, /Review due/);
  assert.match(life, /Execution: Serverless functions → Self-managed servers/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
