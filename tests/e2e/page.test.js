// The section page as a whole: served under the strict CSP, no console errors, no axe violations, every part
// and quick check present, the table of contents follows the reader, and the text reads without JavaScript.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, launchBrowser, openPage } from './browser.js';

const PARTS = ['introduction', 'mse', 'cross-entropy', 'mse-vs-ce', 'landscape', 'stability', 'weighted',
  'contrastive', 'other-losses', 'domain', 'calibration', 'debugging', 'pytorch', 'choosing', 'case-studies',
  'quiz', 'summary', 'exercises'];

let browser, session;
beforeAll(async () => {
  browser = await launchBrowser();
  session = await openPage(browser);
});
afterAll(async () => browser?.close());

describe('the section page', () => {
  test('is served with the strict Content-Security-Policy', async () => {
    const csp = session.response.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(await session.page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
  });

  test('has the title, header, reading time and learning objectives', async () => {
    const { page } = session;
    expect(await page.title()).toContain('Loss Functions');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Loss Functions');
    expect(await page.locator('.page-meta').textContent()).toMatch(/^\d+ min read \(main path\) · plus \d+ min of reference/);
    const main = Number(await page.locator('.reading-main').textContent().then((t) => t.match(/\d+/)[0]));
    expect(main).toBeGreaterThanOrEqual(38);
    expect(main).toBeLessThanOrEqual(47);
    expect(Number(await page.locator('.reading-main').getAttribute('data-words'))).toBeGreaterThan(5000);
    expect(Number(await page.locator('.reading-reference').getAttribute('data-words'))).toBeGreaterThan(3000);
    expect(await page.locator('.objectives li').count()).toBeGreaterThanOrEqual(8);
  });

  test('every part is present, in order, with a heading and a table-of-contents link', async () => {
    const { page } = session;
    const ids = await page.locator('section.part').evaluateAll((sections) => sections.map((s) => s.dataset.part));
    expect(ids).toEqual(PARTS);
    for (const id of PARTS) {
      expect(await page.locator(`h2#${id}`).count(), id).toBe(1);
      expect(await page.locator(`.toc > ol a[href="#${id}"]`).count(), id).toBe(1);
    }
  });

  test('the table of contents marks the part being read', async () => {
    const { page } = session;
    await page.locator('h2#stability').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('stability').scrollIntoView({ block: 'start' }));
    await expect.poll(() => page.locator('.toc a[aria-current]').getAttribute('href')).toBe('#stability');
  });

  test('math is rendered at build time as bare MathML, and no KaTeX error is on the page', async () => {
    const { page } = session;
    const math = page.locator('main math');
    expect(await math.count()).toBeGreaterThan(400);
    // One element per formula around its MathML: no KaTeX wrappers, HTML twins, <semantics> or TeX annotations.
    expect(await page.locator('.katex, .katex-html, eq, eqn, main semantics, main annotation').count()).toBe(0);
    expect(await page.getByText(/parse error/i).count()).toBe(0);
    // Display formulas sit in the box that scrolls sideways on a phone.
    const display = page.locator('main math[display="block"]');
    expect(await display.count()).toBeGreaterThan(20);
    expect(await page.locator('main .math-display > math[display="block"]').count()).toBe(await display.count());
    // MathML is laid out (Chromium renders MathML Core): a fraction is taller than a line of text.
    const height = await page.locator('main math:has(mfrac)').first().evaluate((m) => m.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(24);
  });

  test('DOM size at load stays small (MathML-only math, explanations and solutions written on request)', async () => {
    const { page } = session;
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(`page: ${elements} DOM elements at load`);
    expect(elements).toBeLessThan(14000);
  });

  test('reference material is in collapsed blocks whose anchors still work', async () => {
    const { page } = session;
    const blocks = page.locator('details.reference');
    expect(await blocks.count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('details.reference[open]').count()).toBe(0);
    expect(await blocks.locator('summary').first().textContent()).toMatch(/^Reference /);
    const { page: p2, context } = await openPage(browser, '#image-segmentation');
    await expect.poll(() => p2.locator('#image-segmentation').evaluate((h) => h.closest('details').open)).toBe(true);
    await expect.poll(() => p2.locator('#image-segmentation').evaluate((h) => Math.abs(h.getBoundingClientRect().top)), { timeout: 10_000 }).toBeLessThan(400);
    // In-page links into a closed block open it too.
    await p2.evaluate(() => { location.hash = '#cheat-sheet'; });
    await expect.poll(() => p2.locator('#cheat-sheet').evaluate((h) => h.closest('details').open)).toBe(true);
    await context.close();
  });

  test('every part skips rendering off screen (content-visibility), held at the height the build estimated', async () => {
    const { page } = session;
    const parts = await page.locator('main > section.part').evaluateAll((sections) => sections.map((p) => [p.dataset.part,
      getComputedStyle(p).contentVisibility, p.style.containIntrinsicSize]));
    expect(parts.length).toBe(PARTS.length);
    for (const [, cv, size] of parts) {
      expect(cv).toBe('auto');
      expect(size).toMatch(/^auto \d+px$/);
    }
    // The estimate is near the real height (within a factor of 2 at 1,280 px): the scrollbar and anchors stay close.
    const part = page.locator('section.part[data-part="introduction"]');
    const [estimate, real] = await part.evaluate((p) => [parseInt(p.style.containIntrinsicSize.split(' ')[1], 10), p.getBoundingClientRect().height]);
    expect(real / estimate).toBeGreaterThan(0.5);
    expect(real / estimate).toBeLessThan(2);
  });

  test('loads with no console errors or CSP violations, and axe finds no violations', async () => {
    const { page, problems } = session;
    await page.waitForTimeout(500);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);

  test('reads without JavaScript: prose, math, tables and quick checks are in the HTML', async () => {
    const { page, context } = await openPage(browser, '', { javaScriptEnabled: false });
    expect(await page.locator('section.part').count()).toBe(PARTS.length);
    expect(await page.locator('main math').count()).toBeGreaterThan(400);
    expect(await page.locator('table').count()).toBeGreaterThan(5);
    expect(await page.locator('fieldset.quick-check').count()).toBeGreaterThanOrEqual(9);
    await context.close();
  });

  test('quick checks: one in each part that needs one, each a named group with exactly one right answer', async () => {
    const { page } = session;
    const perPart = await page.locator('fieldset.quick-check').evaluateAll((sets) => sets.map((f) => ({
      part: f.closest('section.part').dataset.part,
      legend: f.querySelector('legend').textContent,
      correct: f.querySelectorAll('input[data-correct]').length,
    })));
    const count = (part) => perPart.filter((q) => q.part === part).length;
    expect(count('mse')).toBeGreaterThanOrEqual(1);
    expect(count('cross-entropy')).toBeGreaterThanOrEqual(2);
    for (const part of ['mse-vs-ce', 'stability', 'weighted', 'contrastive', 'other-losses', 'calibration']) {
      expect(count(part), part).toBeGreaterThanOrEqual(1);
    }
    for (const q of perPart) {
      expect(q.legend).toMatch(/^Quick check: \S/);
      expect(q.correct).toBe(1);
    }
  });

  test('a quick check works by keyboard: arrow to an answer, Enter to check it', async () => {
    const { page } = session;
    const group = page.getByRole('group', { name: /^Quick check:/ }).first();
    const radios = group.getByRole('radio');
    const correctIndex = await radios.evaluateAll((inputs) => inputs.findIndex((i) => i.hasAttribute('data-correct')));
    const wrongIndex = correctIndex === 0 ? 1 : 0;
    await radios.nth(wrongIndex).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(() => group.getByRole('status').textContent()).toMatch(/^Not quite\./);
    await radios.nth(correctIndex).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(() => group.getByRole('status').textContent()).toMatch(/^Correct\./);
    expect(await group.locator('details.qc-explanation').getAttribute('open')).not.toBeNull();
  });

  test('prints without navigation chrome, with every hint and solution visible', async () => {
    const { page, context } = await openPage(browser);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.locator('.qc-actions').first().isVisible()).toBe(false);
    // Closed <details> (explanations, hints, worked solutions) print their content too.
    const heights = await page.locator('main details:not([open]) > :not(summary)').evaluateAll(
      (nodes) => nodes.map((n) => n.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(20);
    expect(heights.filter((h) => h === 0)).toEqual([]);
    await context.close();
  });

  test('fits a 375 px wide screen without horizontal scrolling', async () => {
    const { page, context, problems } = await openPage(browser, '', { viewport: { width: 375, height: 800 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Wide equations scroll inside themselves, and such a scrolling region is reachable by keyboard.
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
