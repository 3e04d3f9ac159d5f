// Quick checks: options shuffled at build time (the right one is first in few of them), feedback for the chosen
// option shown once (in the status line, with its math rendered as MathML, never as raw TeX), the explanation
// opened, and the first answer reported for mastery.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage } from './browser.js';

let browser, session;
beforeAll(async () => {
  browser = await launchBrowser();
  session = await openPage(browser);
  await session.page.evaluate(() => {
    window.__objectives = [];
    document.addEventListener('ll-objective', (e) => window.__objectives.push(e.detail));
  });
});
afterAll(async () => browser?.close());

describe('quick checks', () => {
  test('the right answer is first in fewer than a third of them', async () => {
    const firsts = await session.page.locator('fieldset.quick-check').evaluateAll((sets) => sets.map((f) => f.querySelector('input[type=radio]').hasAttribute('data-correct')));
    expect(firsts.length).toBeGreaterThanOrEqual(9);
    expect(firsts.filter(Boolean).length).toBeLessThan(firsts.length / 3);
  });

  test('every option: its feedback once, in the status line, math rendered; then the explanation', async () => {
    const { page } = session;
    const groups = page.getByRole('group', { name: /^Quick check:/ });
    const count = await groups.count();
    let withMath = 0;
    for (let g = 0; g < count; g++) {
      const group = groups.nth(g);
      await group.scrollIntoViewIfNeeded();
      const radios = group.getByRole('radio');
      const n = await radios.count();
      for (let i = 0; i < n; i++) {
        await radios.nth(i).check();
        await group.getByRole('button', { name: 'Check answer' }).click();
        const status = group.getByRole('status');
        const right = await radios.nth(i).evaluate((r) => r.hasAttribute('data-correct'));
        const text = await status.textContent();
        expect(text).toMatch(right ? /^Correct\. \S/ : /^Not quite\. \S/);
        const feedback = await radios.nth(i).evaluate((r) => document.getElementById(`${r.id}-feedback`).content.textContent);
        expect(text.endsWith(feedback)).toBe(true);
        // Shown once: the feedback sentence appears in exactly one rendered element of the group.
        const shown = await group.evaluate((f, fb) => [...f.querySelectorAll('p, li, div, label')].filter((e) => e.checkVisibility()
          && e.textContent.includes(fb) && ![...e.children].some((c) => c.textContent.includes(fb))).length, feedback.slice(0, 30));
        expect(shown).toBe(1);
        expect(text).not.toMatch(/\$/);
        if (await status.locator('math').count()) withMath += 1;
        expect(await group.locator('details.qc-explanation').getAttribute('open')).not.toBeNull();
      }
    }
    expect(withMath).toBeGreaterThan(0);
    expect(session.problems).toEqual([]);
  });

  test('the first answer of each quick check is reported for mastery, with its part as the objective', async () => {
    const reported = await session.page.evaluate(() => window.__objectives);
    const parts = await session.page.locator('fieldset.quick-check').evaluateAll((sets) => sets.map((f) => f.closest('section.part').dataset.part));
    expect(reported.map((r) => r.objective)).toEqual(parts);
    expect(reported.every((r) => r.source === 'quickcheck')).toBe(true);
  });
});
