// URL state under a browser that rate-limits history.replaceState (Safari throws SecurityError after 100 calls in
// 30 s): widgets write their state at most once per 250 ms and only when it changed, and an animated widget keeps
// running when every write throws.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launchBrowser } from './browser.js';

// Counts replaceState calls; after `limit` calls every further call throws, as Safari's does.
function limitReplaceState(limit) {
  window.__replaceStateCalls = 0;
  const original = history.replaceState.bind(history);
  history.replaceState = (...args) => {
    window.__replaceStateCalls += 1;
    if (window.__replaceStateCalls > limit) throw new DOMException('Attempt to use history.replaceState() more than 100 times per 30 seconds', 'SecurityError');
    return original(...args);
  };
}

async function openEmbed(browser, tag, limit) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  await context.addInitScript(limitReplaceState, limit);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(new URL(`embed.html?widget=${tag}`, baseUrl()).href);
  await page.waitForFunction((t) => !document.querySelector(t).hasAttribute('aria-busy'), tag);
  // Count renders from here on.
  await page.evaluate((t) => {
    window.__renders = 0;
    document.querySelector(t).addEventListener('ll-rendered', () => { window.__renders += 1; });
  }, tag);
  return { context, page, problems };
}

describe('URL state', () => {
  let browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a slider dragged through 120 values writes the URL a handful of times, not once per frame', async () => {
    const { context, page, problems } = await openEmbed(browser, 'bce-explorer', 1000);
    const before = await page.evaluate(() => window.__replaceStateCalls);
    const slider = page.locator('bce-explorer input[type=range]').first();
    await slider.focus();
    const start = Date.now();
    for (let i = 0; i < 120; i++) await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowUp');
    const seconds = (Date.now() - start) / 1000;
    await page.waitForTimeout(400); // the trailing write
    const calls = (await page.evaluate(() => window.__replaceStateCalls)) - before;
    const renders = await page.evaluate(() => window.__renders);
    expect(renders).toBeGreaterThan(20); // the drag really re-rendered many times
    // At most one write per 250 ms (+1 for the trailing write), and far fewer writes than renders.
    expect(calls).toBeLessThanOrEqual(Math.ceil(seconds / 0.25) + 1);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThan(renders);
    expect(await page.evaluate(() => new URL(location.href).searchParams.toString())).toMatch(/bce-explorer\./);
    expect(problems).toEqual([]);
    await context.close();
  });

  // Each animated widget, with replaceState throwing on every call: it keeps rendering and shows no failure.
  const animated = [
    ['bce-explorer', 'Play'],
    ['debugging-lab', 'Play'],
    ['gradient-flow', 'Play'],
    ['loss-landscape', 'Run descent'],
  ];
  test.each(animated)('%s keeps animating when every replaceState throws', async (tag, buttonName) => {
    const { context, page, problems } = await openEmbed(browser, tag, 0);
    // Change the state first so the widget has something to write.
    const slider = page.locator(`${tag} input[type=range]`).first();
    if (await slider.count()) {
      await slider.focus();
      await page.keyboard.press('ArrowRight');
    } else {
      const choice = page.locator(`${tag} select`).first(); // e.g. gradient-flow's Depth
      await choice.selectOption({ index: 1 });
    }
    const readouts = () => page.evaluate((t) => [...document.querySelectorAll(`${t} output`)].map((o) => o.textContent).join('|'), tag);
    await page.waitForTimeout(300);
    const before = await readouts();
    await page.getByRole('button', { name: buttonName, exact: true }).first().click();
    await expect.poll(readouts, { timeout: 15_000 }).not.toBe(before); // the animation moved the numbers
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => window.__replaceStateCalls)).toBeGreaterThan(0); // it did try, and it threw
    expect(await page.locator(`${tag} .ll-failure`).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
