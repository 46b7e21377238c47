// Behind a real reverse proxy (Debian's nginx): a plain proxy_pass that
// rewrites Host, and one that signs people in by setting an identity header
// (standing in for the company's sign-in). nginx connects from 127.0.0.2, the
// only address the servers trust.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, startNginx, freePort, launchBrowser, newPage } from './harness.mjs';
import { STARTUP, STARTUP_HEADLINE, answerAllSteps } from './answers.mjs';

let plain, plainProxy, signed, signedProxy, secure, secureProxy, browser;

before(async () => {
  const [plainPort, signedPort] = [await freePort(), await freePort()];
  plain = await startServer({
    CROSSROADS_PUBLIC_URL: `http://127.0.0.1:${plainPort}`,
    CROSSROADS_TRUSTED_PROXIES: '127.0.0.2/32',
    CROSSROADS_WRITE_RATE: '40',
  });
  plainProxy = await startNginx(plainPort, plain.port);
  signed = await startServer({
    CROSSROADS_PUBLIC_URL: `http://127.0.0.1:${signedPort}`,
    CROSSROADS_TRUSTED_PROXIES: '127.0.0.2/32',
    CROSSROADS_AUTH_HEADER: 'X-Forwarded-Email',
    CROSSROADS_AUTH_NAME_HEADER: 'X-Forwarded-User',
  });
  // The proxy decides who is signed in; the browser only says whom to play.
  signedProxy = await startNginx(signedPort, signed.port,
    'proxy_set_header X-Forwarded-Email $http_x_test_user; proxy_set_header X-Forwarded-User $http_x_test_name;');
  // A site whose public address is https: only __Host- cookies count.
  const securePort = await freePort();
  secure = await startServer({
    CROSSROADS_PUBLIC_URL: `https://127.0.0.1:${securePort}`,
    CROSSROADS_TRUSTED_PROXIES: '127.0.0.2/32',
  });
  secureProxy = await startNginx(securePort, secure.port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const p of [plainProxy, signedProxy, secureProxy, plain, signed, secure]) await p?.stop();
});

/// A POST from a given loopback address, as a second machine behind the proxy would send it.
function postFrom(localAddress, url, body, headers = {}) {
  return send('POST', url, { localAddress, headers: { 'content-type': 'application/json', ...headers }, body }).then((r) => r.status);
}

/// A raw request with whatever headers a script on the network may send (Cookie included).
function send(method, url, { localAddress, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

test('through a plain proxy_pass: the wizard with JavaScript ends in a result', async () => {
  const page = await newPage(browser);
  await page.goto(`${plainProxy.base}/wizard`);
  await page.locator('.wizard[data-hydrated="true"]').waitFor();
  await answerAllSteps(page);
  assert.equal(await page.locator('h1').textContent(), STARTUP_HEADLINE);
  assert.ok(page.url().startsWith(plainProxy.base), 'the result is served through the proxy');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('through a plain proxy_pass: the wizard without JavaScript ends in a result', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${plainProxy.base}/wizard`);
  await answerAllSteps(page);
  assert.equal(await page.locator('h1').textContent(), STARTUP_HEADLINE);
  await page.context().close();
});

test('through a plain proxy_pass: create, join and answer a team decision', async () => {
  const owner = await newPage(browser);
  await owner.goto(`${plainProxy.base}/t/new`);
  await owner.getByLabel('Title').fill('Behind the proxy');
  await owner.getByRole('button', { name: 'Create the team decision' }).click();
  await owner.waitForURL('**/owner');
  const id = new URL(owner.url()).pathname.split('/')[2];
  const invite = await owner.locator('#invite-url').textContent();
  assert.ok(invite.startsWith(plainProxy.base), 'the invite link carries the public address');
  const member = await newPage(browser, { javaScriptEnabled: false });
  await member.goto(invite);
  await member.getByRole('button', { name: 'Continue to the team page' }).click();
  await member.getByLabel('Your name').fill('Ada');
  await member.getByRole('button', { name: 'Join and answer' }).click();
  await answerAllSteps(member, `**/t/${id}`);
  // A team of one: the team's recommendation is Ada's, and her row says so.
  assert.equal(await member.locator('.team-headline').textContent(), STARTUP_HEADLINE);
  const rows = member.locator('table.members tbody tr');
  assert.equal(await rows.count(), 1);
  assert.deepEqual(await rows.first().locator('td').allTextContents(), ['Ada', STARTUP_HEADLINE]);
  await owner.context().close();
  await member.context().close();
});

test('through the proxy: a cross-origin form post is refused', async () => {
  const res = await fetch(`${plainProxy.base}/t`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
    body: 'title=Phish',
  });
  assert.equal(res.status, 403);
});

test('two clients behind the proxy have separate rate limits', async () => {
  const url = `${plainProxy.base}/api/v1/assessments`;
  const statuses = [];
  for (let i = 0; i < 80 && !statuses.includes(429); i++) statuses.push(await postFrom('127.0.0.3', url, '{}'));
  assert.ok(statuses.includes(429), `the first client is limited: ${statuses}`);
  assert.equal(await postFrom('127.0.0.4', url, '{}'), 422, 'the second client is not');
});

test('through the proxy: a Forwarded header the proxy did not write buys no fresh rate limit', async () => {
  // nginx maintains X-Forwarded-For and passes the client's own Forwarded on.
  const url = `${plainProxy.base}/api/v1/assessments`;
  const statuses = [];
  for (let i = 0; i < 80 && !statuses.includes(429); i++) {
    statuses.push(await postFrom('127.0.0.5', url, '{}', { forwarded: `for=203.0.113.${i}` }));
  }
  assert.ok(statuses.includes(429), `invented Forwarded addresses share one limit: ${statuses}`);
});

test('through the proxy, under an https address: planted cookies without the __Host- prefix count for nothing', async () => {
  const origin = `https://127.0.0.1:${new URL(secureProxy.base).port}`;
  const created = await send('POST', `${secureProxy.base}/t`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: 'title=Cookies',
  });
  assert.equal(created.status, 303);
  const id = created.headers.location.split('/')[2];
  const cookie = created.headers['set-cookie'].find((c) => c.startsWith('__Host-crossroads_owner_'));
  assert.ok(cookie && /; Secure/.test(cookie), `a __Host- owner cookie: ${created.headers['set-cookie']}`);
  const pair = cookie.split(';')[0];
  const owner = (c) => send('GET', `${secureProxy.base}/t/${id}/owner`, { headers: { cookie: c } }).then((r) => r.status);
  assert.equal(await owner(pair), 200);
  assert.equal(await owner(pair.replace('__Host-', '')), 403, 'the plain name, as plain http or a sibling site could set it');
  assert.equal(await owner(pair.replace('__Host-', '__Secure-')), 403, '__Secure- on a site-wide cookie');
});

test('signed in by the proxy: the header shows who, and the result knows its creator', async () => {
  const page = await newPage(browser, { extraHTTPHeaders: { 'x-test-user': 'ada@example.org', 'x-test-name': 'Ada Lovelace' } });
  await page.goto(`${signedProxy.base}/wizard`);
  assert.match(await page.locator('.viewer').textContent(), /Signed in as Ada Lovelace/);
  await page.locator('.wizard[data-hydrated="true"]').waitFor();
  await answerAllSteps(page);
  assert.equal(await page.locator('h1').textContent(), STARTUP_HEADLINE);
  assert.match(await page.locator('.result').textContent(), /You created this result/);
  const url = page.url();
  const other = await newPage(browser, { extraHTTPHeaders: { 'x-test-user': 'bob@example.org', 'x-test-name': 'Bob' } });
  await other.goto(url);
  assert.equal(await other.locator('h1').textContent(), STARTUP_HEADLINE);
  assert.doesNotMatch(await other.locator('body').textContent(), /You created this result|Ada/);
  await page.context().close();
  await other.context().close();
});

test('without a sign-in, or with an identity sent straight to the app: 401', async () => {
  const anonymous = await fetch(`${signedProxy.base}/`);
  assert.equal(anonymous.status, 401);
  assert.match(await anonymous.text(), /sits behind your company/);
  // Straight to the app from 127.0.0.1, which is no trusted proxy.
  const forged = await fetch(`http://127.0.0.1:${signed.port}/`, { headers: { 'x-forwarded-email': 'ceo@example.org' } });
  assert.equal(forged.status, 401);
  const api = await fetch(`http://127.0.0.1:${signed.port}/api/v1/assessments`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-email': 'ceo@example.org' },
    body: JSON.stringify({ answers: { ...STARTUP, cost_model: ['usage'] } }),
  });
  assert.equal(api.status, 401);
  assert.equal(api.headers.get('content-type'), 'application/problem+json');
  assert.equal((await fetch(`http://127.0.0.1:${signed.port}/healthz`)).status, 200);
});
