// The figure system across the whole section page (issue 8): every widget on first view, at 1280 and 375 px, in
// light and dark. A direct label that names MSE or cross-entropy/BCE is drawn in that concept's one palette colour
// in every widget; all figure text uses at most three sizes, each 11-16 px; no plot is empty; nothing is wider
// than its widget on a phone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage } from './browser.js';

const NAMES = { mse: /^MSE\b/, ce: /^(BCE|CE|[Cc]ross-entropy)\b/ };

/** Scrolls every widget into view, one after another, and waits until each has finished starting. */
async function startEveryWidget(page) {
  const tags = await page.evaluate(() => [...new Set([...document.querySelectorAll('main *')]
    .map((e) => e.localName).filter((n) => n.includes('-') && !n.startsWith('ll-')))]);
  for (const tag of tags) {
    const element = page.locator(tag).first();
    await element.scrollIntoViewIfNeeded();
    await page.waitForFunction((t) => {
      const e = document.querySelector(t);
      return customElements.get(t) && e.querySelector('.ll-widget-body') && !e.hasAttribute('aria-busy');
    }, tag, { timeout: 20_000 });
  }
  await page.waitForTimeout(1500); // the last frames of the widgets that animate their first view
  return tags;
}

function figureFacts(names) {
  const colourOf = (value) => {
    const probe = document.createElement('span');
    probe.style.color = value;
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  };
  const palette = { mse: colourOf('var(--ll-mse)'), ce: colourOf('var(--ll-ce)') };
  const wrongColour = [];
  const checked = { mse: 0, ce: 0 };
  const sizes = new Set();
  for (const text of document.querySelectorAll('main svg text')) {
    if (!text.getClientRects().length || !text.textContent.trim()) continue;
    sizes.add(parseFloat(getComputedStyle(text).fontSize));
    if (!text.matches('.ll-label, .ll-end-label')) continue;
    for (const [concept, pattern] of Object.entries(names)) {
      if (new RegExp(pattern).test(text.textContent.trim())) {
        checked[concept] += 1;
        const fill = getComputedStyle(text).fill;
        if (fill !== palette[concept]) {
          wrongColour.push(`${text.closest('[role=region]')?.localName}: "${text.textContent}" is ${fill}, ${concept} is ${palette[concept]}`);
        }
      }
    }
  }
  // An SVG plot with no mark at all (canvases are checked for blankness by each widget's own test; the decision
  // guide's figure is a tree of list items).
  const emptyPlots = [...document.querySelectorAll('main figure.ll-plot')]
    .filter((f) => f.getClientRects().length && f.querySelector('svg') && !f.querySelector('canvas, li')
      && !f.querySelector('path[d]:not([d=""]), circle, rect.ll-bar, polygon, image'))
    .map((f) => f.closest('[role=region]')?.localName);
  const tooWide = [...document.querySelectorAll('main [role=region]')].flatMap((region) => {
    const right = region.getBoundingClientRect().right + 1;
    return [...region.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > right
      && !e.closest('[role=region][tabindex], .ll-numbers-scroll, [class*="scroll"]') && e.getClientRects().length)
      .slice(0, 1).map((e) => `${region.localName}: ${e.localName}.${e.className?.baseVal ?? e.className}`);
  });
  return { wrongColour, checked, sizes: [...sizes].sort((a, b) => a - b), emptyPlots, tooWide };
}

describe('figure system across the page', () => {
  let browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [scheme, width] of [['light', 1280], ['dark', 375]]) {
    test(`${scheme}, ${width} px: one colour per loss, three text sizes, no empty plot, nothing too wide`, async () => {
      const { context, page, problems } = await openPage(browser, '', { viewport: { width, height: 900 }, colorScheme: scheme });
      const tags = await startEveryWidget(page);
      expect(tags.length).toBeGreaterThanOrEqual(16);
      const facts = await page.evaluate(figureFacts, Object.fromEntries(Object.entries(NAMES).map(([k, v]) => [k, v.source])));
      expect(facts.wrongColour).toEqual([]);
      // The rule was really exercised: several widgets name MSE and cross-entropy on their figures.
      expect(facts.checked.mse).toBeGreaterThanOrEqual(5);
      expect(facts.checked.ce).toBeGreaterThanOrEqual(5);
      expect(facts.sizes.length).toBeGreaterThan(0);
      expect(facts.sizes.length).toBeLessThanOrEqual(3);
      for (const size of facts.sizes) {
        expect(size).toBeGreaterThanOrEqual(11);
        expect(size).toBeLessThanOrEqual(16);
      }
      expect(facts.emptyPlots).toEqual([]);
      if (width < 500) expect(facts.tooWide).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
