// A team decision in a real browser: three members in separate browser contexts
// disagree; the team page shows where, and updates without a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from './harness.mjs';
import { answerEveryStep } from './answers.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

/// The owner creates a decision and lands on the owner page.
async function createDecision(title) {
  const owner = await newPage(browser);
  await owner.goto(`${server.base}/t/new`);
  await owner.getByLabel('Title').fill(title);
  await owner.getByRole('button', { name: 'Create the team decision' }).click();
  await owner.waitForURL('**/owner');
  return { owner, memberUrl: `${server.base}/t/${new URL(owner.url()).pathname.split('/')[2]}` };
}

/// Opens an invite link: it asks first, and only the button (a same-site
/// POST) lets the browser keep the invite.
async function acceptInvite(page, inviteUrl, memberUrl) {
  await page.goto(inviteUrl);
  assert.equal(await page.getByLabel('Your name').count(), 0, 'the link alone joins nothing');
  await page.getByRole('button', { name: 'Continue to the team page' }).click();
  await page.waitForURL(memberUrl);
}

/// Joins with the invite and answers every step (the persona's answers,
/// with `overrides`), ending on the team page.
async function joinAndAnswer(inviteUrl, memberUrl, name, overrides = {}) {
  const page = await newPage(browser);
  await acceptInvite(page, inviteUrl, memberUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join and answer' }).click();
  await page.waitForURL('**/wizard/situation');
  assert.match(await page.locator('.banner.info').textContent(), /answering for the team decision/);
  await answerEveryStep(page, {}, memberUrl, overrides);
  return page;
}

test('three members disagree and the team page shows it, live', async () => {
  const { owner, memberUrl } = await createDecision('Checkout rewrite');
  const inviteUrl = await owner.locator('#invite-url').textContent();

  const ada = await joinAndAnswer(inviteUrl, memberUrl, 'Ada', { ecosystem: 'neutral' });
  await ada.locator('leptos-island').first().waitFor({ state: 'attached' });
  await ada.waitForTimeout(500); // let the live island hydrate
  const grace = await joinAndAnswer(inviteUrl, memberUrl, 'Grace', { latency: 'realtime' });
  const linus = await joinAndAnswer(inviteUrl, memberUrl, 'Linus', { latency: 'realtime', ecosystem: 'neutral' });

  // Ada's page never reloaded, yet it now shows all three members and the disagreement.
  await ada.evaluate(() => { window.__noReload = true; });
  await ada.locator('#team-live', { hasText: 'Linus' }).waitFor({ timeout: 15000 });
  assert.equal(await ada.evaluate(() => window.__noReload), true);
  const discuss = await ada.locator('ol.discuss').textContent();
  assert.match(discuss, /How sensitive is the system to response time\?/);
  const spread = await ada.locator('table.spread tr.disagree').count();
  assert.ok(spread >= 2, 'latency and ecosystem show a spread');
  for (const p of [ada, grace, linus, owner]) {
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});

test('the owner removes a member and replaces the links; the old ones stop working', async () => {
  const { owner, memberUrl } = await createDecision('Trust');
  const oldInvite = await owner.locator('#invite-url').textContent();
  const oldOwnerLink = await owner.locator('#owner-url').textContent();
  assert.ok(!owner.url().includes(oldOwnerLink.split('/').pop()), 'the owner token is not in the address bar');

  const ada = await joinAndAnswer(oldInvite, memberUrl, 'Ada');
  const mallory = await joinAndAnswer(oldInvite, memberUrl, 'Mallory', { latency: 'realtime' });

  // Remove Mallory: her answers leave the team, her browser is no member any more.
  await owner.reload();
  await owner.getByRole('button', { name: 'Remove Mallory' }).click();
  await owner.waitForURL('**/owner');
  assert.match(await owner.locator('.history').textContent(), /removed Mallory/);
  await mallory.goto(memberUrl);
  assert.doesNotMatch(await mallory.locator('body').textContent(), /You joined as/);
  await ada.goto(memberUrl);
  assert.doesNotMatch(await ada.locator('table.members').textContent(), /Mallory/);

  // Replace the invite and the owner link.
  await owner.getByRole('button', { name: 'Replace the invite link' }).click();
  await owner.waitForURL('**/owner');
  await owner.getByRole('button', { name: 'Replace the owner link' }).click();
  await owner.waitForURL('**/owner');
  const newInvite = await owner.locator('#invite-url').textContent();
  assert.notEqual(newInvite, oldInvite);
  assert.notEqual(await owner.locator('#owner-url').textContent(), oldOwnerLink);

  const stranger = await newPage(browser);
  const oldInvitePage = await stranger.goto(oldInvite);
  assert.equal(oldInvitePage.status(), 404, 'the old invite no longer opens the join form');
  const oldOwnerPage = await stranger.goto(oldOwnerLink);
  assert.equal(oldOwnerPage.status(), 404, 'the old owner link no longer opens the controls');
  await acceptInvite(stranger, newInvite, memberUrl);
  assert.equal(await stranger.getByLabel('Your name').count(), 1, 'the new invite does');
  for (const p of [owner, ada, mallory, stranger]) await p.context().close();
});

test('a decision with two workloads: members answer each, and the page says which one they disagree on', async () => {
  const { owner, memberUrl } = await createDecision('Shop platform');
  for (const [i, [name, kind]] of [['Public API', 'http-api'], ['Image uploads', 'event-handler']].entries()) {
    await owner.locator(`[name="w.${i}.name"]`).fill(name);
    await owner.locator(`[name="w.${i}.kind"]`).selectOption(kind);
  }
  await owner.getByRole('button', { name: 'Save the workloads' }).click();
  await owner.waitForURL('**/owner');
  const inviteUrl = await owner.locator('#invite-url').textContent();

  // Both answer the API alike; for the uploads Ada tolerates delays, Grace does not.
  const ada = await joinAndAnswer(inviteUrl, memberUrl, 'Ada', {});
  const grace = await newPage(browser);
  await acceptInvite(grace, inviteUrl, memberUrl);
  await grace.getByLabel('Your name').fill('Grace');
  await grace.getByRole('button', { name: 'Join and answer' }).click();
  await grace.waitForURL('**/wizard/situation');
  // The owner's workloads are fixed for members: shown, not editable.
  await grace.goto(`${server.base}/wizard/workloads`);
  assert.equal(await grace.getByRole('button', { name: 'Add a workload' }).count(), 0, 'members cannot add workloads');
  assert.equal(await grace.locator('[name="w.1.name"]').inputValue(), 'Image uploads');
  await grace.goto(`${server.base}/wizard/situation`);
  await answerEveryStep(grace, { 'w/2': { latency: 'realtime', load_shape: 'steady' } }, memberUrl);

  await ada.reload();
  const rows = ada.locator('table.team-workloads tr.team-workload');
  assert.equal(await rows.count(), 2, 'a row per workload');
  const api = ada.locator('tr.team-workload[data-workload="Public API"]');
  const uploads = ada.locator('tr.team-workload[data-workload="Image uploads"]');
  assert.match(await api.textContent(), /The team agrees\./);
  assert.equal(await api.locator('.disagreement').count(), 0);
  const said = await uploads.locator('.disagreement').allTextContents();
  assert.ok(said.some((s) => /response time/i.test(s)), `the uploads row names the latency question: ${said}`);
  for (const page of [owner, ada, grace]) await page.context().close();
});
