// `make screenshots`: every page type at 390 and 1280 px, light and dark, into ../screenshots/.
import { mkdirSync, copyFileSync } from 'node:fs';
import { startServer, launchBrowser } from './tests/harness.mjs';

const out = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  const home = await (await fetch(`${server.base}/`)).text();
  const result = home.match(/href="(\/r\/[0-9A-Za-z]{12})"/g).map((m) => m.slice(6, -1))[1];
  const pages = [
    ['home', '/'], ['guide-index', '/guide'], ['guide-page', '/guide/pros-and-cons'],
    ['wizard-step', '/wizard/workload'], ['review', '/wizard/review'], ['result', result], ['not-found', '/nope'],
  ];
  for (const scheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const [name, path] of pages) {
        await page.goto(`${server.base}${path}`);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `${out}${name}-${width}-${scheme}.png`, fullPage: true });
      }
      await context.close();
    }
  }
  // The small picture the README shows.
  const context = await browser.newContext({ viewport: { width: 390, height: 700 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(`${server.base}${result}`);
  await page.screenshot({ path: `${out}readme-result.png` });
  await context.close();
  copyFileSync(`${out}readme-result.png`, new URL('./readme-result.png', import.meta.url).pathname);
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
