// The foundation: pages render on the server; a small page script or, on the
// wizard and team pages, islands bring the controls to life in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('the home page is rendered on the server', async () => {
  const res = await fetch(`${server.base}/`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h1>Decide how to structure and run your system<\/h1>/);
});

test('an unknown path gets the styled 404 page with status 404', async () => {
  const res = await fetch(`${server.base}/nope`);
  assert.equal(res.status, 404);
  assert.match(await res.text(), /Page not found/);
});

test('the theme toggle only works once its script ran, and then remembers the choice', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/`);
  const toggle = page.locator('button.theme-toggle');
  // The server renders it disabled; the page script enables it.
  await toggle.and(page.locator('[data-hydrated="true"]')).waitFor({ timeout: 15000 });
  assert.equal(await toggle.isEnabled(), true);
  const before = await page.evaluate(() => document.documentElement.dataset.theme ?? 'unset');
  await toggle.click();
  const afterClick = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.notEqual(afterClick, before);
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), afterClick);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with JavaScript off the page still renders and the toggle stays inert', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${server.base}/`);
  assert.equal(await page.locator('h1').textContent(), 'Decide how to structure and run your system');
  assert.equal(await page.locator('button.theme-toggle').isDisabled(), true);
  await page.context().close();
});
