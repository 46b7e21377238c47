// The core journey in a real browser: answer, review, get a result, share it.
// Run twice: with JavaScript (hydrated steps, no page loads) and without (plain forms).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from './harness.mjs';
import { STARTUP, SECTIONS, answerVisible } from './answers.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('with JavaScript: steps change in place, survive reload and Back, and end in a result', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/wizard`);
  assert.equal(new URL(page.url()).pathname, '/wizard/situation');
  await page.locator('.wizard[data-hydrated="true"]').waitFor();
  await page.evaluate(() => { window.__sameDocument = true; });

  // A missing answer is caught in place, with focus on the question.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('.field-error').first().waitFor();
  assert.equal(new URL(page.url()).pathname, '/wizard/situation');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('fieldset')?.id), 'q-stage', 'focus on the first question in error');

  for (const [i, section] of SECTIONS.entries()) {
    assert.equal(new URL(page.url()).pathname, `/wizard/${section}`);
    await answerVisible(page);
    if (i === 1) {
      // Reload keeps the answers of earlier steps (cookie) and lands on the same step.
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForURL('**/wizard/workload');
      await page.goBack();
      await page.waitForURL('**/wizard/people');
      // Back brings the step as it was saved (the server renders it again).
      await page.locator('#q-team_size input[value="small"]:checked').waitFor();
      await page.reload();
      await page.locator('.wizard[data-hydrated="true"]').waitFor();
      assert.equal(await page.locator('#q-teams input[value="one"]').isChecked(), true);
      await page.evaluate(() => { window.__sameDocument = true; });
    }
    await page.getByRole('button', { name: i === SECTIONS.length - 1 ? 'Review answers' : 'Next' }).click();
    await page.waitForURL(`**/wizard/${SECTIONS[i + 1] || 'review'}`);
  }
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load between steps');
  assert.match(await page.locator('.review').textContent(), /Up to five people/);
  await page.getByRole('button', { name: 'Get my recommendation' }).click();
  await page.waitForURL('**/r/*');
  assert.equal(await page.locator('h1').textContent(), 'Modular monolith on serverless functions');
  assert.deepEqual(page.errors, []);

  // The share link opens the same result in a fresh browser context.
  const url = page.url();
  const heading = await page.locator('h1').textContent();
  const fresh = await newPage(browser);
  await fresh.goto(url);
  assert.equal(await fresh.locator('h1').textContent(), heading);
  assert.equal(await fresh.locator('#share-url').inputValue(), url);
  await fresh.context().close();
  await page.context().close();
});

test('without JavaScript: every step is a plain form and the journey still ends in a result', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${server.base}/wizard`);
  for (const [i, section] of SECTIONS.entries()) {
    assert.equal(new URL(page.url()).pathname, `/wizard/${section}`);
    await answerVisible(page);
    await page.getByRole('button', { name: i === SECTIONS.length - 1 ? 'Review answers' : 'Next' }).click();
    if (section === 'w/1') {
      // No follow-up for a variable load: it stays hidden.
      assert.equal(await page.locator('#q-steady_volume').isVisible(), false);
    }
  }
  assert.equal(new URL(page.url()).pathname, '/wizard/review');
  await page.getByRole('button', { name: 'Get my recommendation' }).click();
  assert.match(new URL(page.url()).pathname, /^\/r\/[0-9A-Za-z]{12}$/);
  assert.equal(await page.locator('h1').textContent(), 'Modular monolith on serverless functions');
  await page.context().close();
});

test('copy link gives visible feedback', async () => {
  const res = await fetch(`${server.base}/api/v1/assessments`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: { ...STARTUP, cost_model: ['usage'] } }),
  });
  assert.equal(res.status, 201);
  const { url } = await res.json();
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(url);
  const button = page.getByRole('button', { name: 'Copy link' });
  await button.and(page.locator(':enabled')).waitFor();
  await button.click();
  await page.locator('.copy-status', { hasText: 'Link copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  await page.context().close();
});
