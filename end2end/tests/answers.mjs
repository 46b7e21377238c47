// The answers of the "start-up" persona and how to give them in the wizard,
// shared by the journeys run directly and through a reverse proxy.
export const STARTUP = {
  stage: 'new', lifetime: 'long', complexity: 'moderate', growth: 'steady',
  teams: 'one', team_size: 'small', ops: 'none', experience: 'none', tech_diversity: 'one_stack',
  load_shape: 'variable', scaling_differences: 'alike', latency: 'tolerant', availability: 'tolerant', state: 'stateless', deployment: 'together',
  budget: 'tight', cost_model: 'usage', lock_in: 'comfortable', compliance: 'none', runtime: 'mainstream', legacy: 'none',
  time_to_market: 'urgent', control: 'hands_off', ecosystem: 'important', tech_debt: 'simplicity', risk: 'moderate',
};
/// The steps of a draft left as the whole system: the system's sections, the
/// workloads, the one workload, then the review.
export const SECTIONS = ['situation', 'people', 'workload', 'constraints', 'priorities', 'workloads', 'w/1'];
export const STARTUP_HEADLINE = 'Modular monolith on serverless functions';

/// Ticks the persona's option in every question the current step shows.
export async function answerVisible(page) {
  const fieldsets = await page.locator('fieldset.question:not([hidden])').all();
  for (const fs of fieldsets) {
    const id = (await fs.getAttribute('id')).slice(2);
    await fs.locator(`input[value="${STARTUP[id]}"]`).check();
  }
}

/// Answers every step with plain clicks and submits; ends where the
/// submission lands (a result page, or a team page for a member).
export async function answerAllSteps(page, landing = '**/r/*') {
  for (const [i, section] of SECTIONS.entries()) {
    await page.waitForURL(`**/wizard/${section}`);
    await answerVisible(page);
    await page.getByRole('button', { name: i === SECTIONS.length - 1 ? 'Review answers' : 'Next' }).click();
  }
  await page.waitForURL('**/wizard/review');
  await page.getByRole('button', { name: 'Get my recommendation' }).click();
  await page.waitForURL(landing);
}

/// Answers every step a draft has, whatever its workloads: the persona's
/// option where it has one, else the first option shown. `answers` may give a
/// workload's step its own answers (by step path, e.g. 'w/2').
export async function answerEveryStep(page, answers = {}, landing = '**/r/*', overrides = {}) {
  for (let steps = 0; steps < 20; steps++) {
    const path = new URL(page.url()).pathname.replace('/wizard/', '');
    if (path === 'review') break;
    const own = answers[path] || {};
    // An answer may show a follow-up question: go over the step until none is left.
    const done = new Set();
    for (let pass = 0; pass < 4; pass++) {
      for (const fs of await page.locator('fieldset.question:not([hidden])').all()) {
        const id = (await fs.getAttribute('id')).slice(2);
        if (done.has(id)) continue;
        done.add(id);
        const value = own[id] || overrides[id] || STARTUP[id];
        const input = value && (await fs.locator(`input[value="${value}"]`).count()) ? fs.locator(`input[value="${value}"]`) : fs.locator('input').first();
        await input.check();
      }
    }
    const before = page.url();
    await page.locator('form.wizard-step button.primary').click();
    await page.waitForFunction((u) => location.href !== u, before);
  }
  await page.waitForURL('**/wizard/review');
  await page.getByRole('button', { name: 'Get my recommendation' }).click();
  await page.waitForURL(landing);
}
