// The Focal Loss widget, driven by its sliders, compared with core.softmaxFocal computed in Node on the same
// 2-class rows [ln(p_t / (1 - p_t)), 0] with target class 0 (so the true-class probability is p_t).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl } from './browser.js';
import { expectFigureRules, markersOutside, readNumber } from './figa-checks.js';

const TITLE = 'Focal Loss';
const EASY = 'Down-weighting (easy, p_t = 0.9)';
const HARD = 'Down-weighting (hard, p_t = 0.1)';
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=focal-loss');
});
afterAll(async () => browser?.close());

function focalAt(pt, gamma, alpha) {
  const logits = [Math.log(pt / (1 - pt)), 0];
  return core.softmaxFocal(logits, [0], { classes: 2, gamma, alpha, reduction: 'sum' }).loss;
}

function expected(gamma, alpha) {
  const ce = { easy: focalAt(0.9, 0, 1), hard: focalAt(0.1, 0, 1) };
  return {
    easyFocal: focalAt(0.9, gamma, alpha),
    hardFocal: focalAt(0.1, gamma, alpha),
    ce,
    // The factor (1 - p_t)^gamma, p_t = softmax of the true class as the core computes it.
    easyFactor: (1 - core.softmax([Math.log(9), 0])[0]) ** gamma,
    hardFactor: (1 - core.softmax([Math.log(1 / 9), 0])[0]) ** gamma,
  };
}

const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

async function matches(region, gamma, alpha) {
  const e = expected(gamma, alpha);
  return close(await readValue(region, 'Focal loss (easy)'), e.easyFocal)
    && close(await readValue(region, 'Focal loss (hard)'), e.hardFocal)
    && close(await readValue(region, EASY), e.easyFactor)
    && close(await readValue(region, HARD), e.hardFactor)
    && close(await readNumber(region, 'Cross-entropy (easy)'), e.ce.easy)
    && close(await readNumber(region, 'Cross-entropy (hard)'), e.ce.hard)
    && close(await readNumber(region, 'Focal loss (easy)'), e.easyFocal);
}

async function set(region, label, value) {
  await region.getByLabel(label, { exact: true }).fill(String(value));
}

describe('Focal Loss', () => {
  test('defaults: γ = 2, α = 1; the easy example is down-weighted 100×, the hard one 1/0.81', async () => {
    const region = await widget(session.page, TITLE);
    await expect.poll(() => matches(region, 2, 1)).toBe(true);
    expect(await readValue(region, EASY)).toBeCloseTo(0.01, 12);
    expect(await readValue(region, HARD)).toBeCloseTo(0.81, 12);
    expect(await readNumber(region, 'Cross-entropy (easy)')).toBeCloseTo(-Math.log(0.9), 12);
  });

  test('readouts follow the Gamma γ and Alpha α sliders', async () => {
    const region = await widget(session.page, TITLE);
    for (const [gamma, alpha] of [[0, 1], [0.5, 0.25], [1, 0.75], [2.3, 0.5], [5, 1], [3, 0]]) {
      await set(region, 'Gamma γ', gamma);
      await set(region, 'Alpha α', alpha);
      await expect.poll(() => matches(region, gamma, alpha), { message: `γ=${gamma} α=${alpha}` }).toBe(true);
      // The factor equals focal / (α · CE) wherever α > 0 (the two routes agree).
      if (alpha > 0) {
        const ratio = (await readValue(region, 'Focal loss (hard)')) / (alpha * (await readNumber(region, 'Cross-entropy (hard)')));
        expect(ratio).toBeCloseTo(await readValue(region, HARD), 12);
      }
    }
  });

  test('γ = 0 is cross-entropy times α, with no down-weighting', async () => {
    const region = await widget(session.page, TITLE);
    await set(region, 'Alpha α', 1);
    await set(region, 'Gamma γ', 0);
    await expect.poll(() => readValue(region, EASY)).toBe(1);
    expect(await readValue(region, HARD)).toBe(1);
    expect(await readValue(region, 'Focal loss (easy)')).toBeCloseTo(await readNumber(region, 'Cross-entropy (easy)'), 14);
    expect(await region.locator('p.ll-caption').textContent()).toMatch(/γ = 0/);
  });

  test('sliders move by keyboard', async () => {
    const region = await widget(session.page, TITLE);
    await set(region, 'Gamma γ', 2);
    await set(region, 'Alpha α', 1);
    await region.getByLabel('Gamma γ', { exact: true }).focus();
    await session.page.keyboard.press('ArrowRight');
    await expect.poll(() => matches(region, 2.1, 1)).toBe(true);
    await region.getByLabel('Alpha α', { exact: true }).focus();
    await session.page.keyboard.press('ArrowLeft');
    await expect.poll(() => matches(region, 2.1, 0.95)).toBe(true);
  });

  test('the plots draw cross-entropy and the focal curve, with p_t = 0.1 and 0.9 marked', async () => {
    const region = await widget(session.page, TITLE);
    await set(region, 'Gamma γ', 2);
    await set(region, 'Alpha α', 1);
    await expect.poll(() => matches(region, 2, 1)).toBe(true);
    const plots = region.locator('figure.ll-plot');
    expect(await plots.count()).toBe(3);
    expect(await plots.first().locator('svg').getAttribute('aria-label')).toMatch(/linear axis/);
    for (let i = 0; i < 2; i++) {
      const paths = plots.nth(i).locator('path.ll-line');
      expect(await paths.count()).toBe(2);
      expect((await paths.nth(1).getAttribute('d')).length).toBeGreaterThan(100);
    }
    expect(await plots.first().locator('.ll-marker').count()).toBe(4);
  });

  test('log-scale loss axis: the same curves on a log axis, every marker inside', async () => {
    const region = await widget(session.page, TITLE);
    await set(region, 'Gamma γ', 5);
    await region.getByLabel('Log-scale loss axis', { exact: true }).check();
    await expect.poll(() => region.locator('figure.ll-plot svg').first().getAttribute('aria-label')).toMatch(/log axis/);
    await expect.poll(() => matches(region, 5, 1)).toBe(true);
    // At γ = 5 the easy example's focal loss is 1.05e-6, below the log axis's 1e-4: pinned at the bottom edge.
    const plot = region.locator('figure.ll-plot').first();
    expect(await plot.locator('.ll-marker[data-off="bottom"] text').allTextContents()).toEqual(['1.05e−6']);
    expect(await markersOutside(region)).toEqual([]);
    await region.getByLabel('Log-scale loss axis', { exact: true }).uncheck();
    await expect.poll(() => region.locator('figure.ll-plot svg').first().getAttribute('aria-label')).toMatch(/linear axis/);
  });

  test('the imbalanced population: focal loss moves the total from the easy to the hard examples', async () => {
    const region = await widget(session.page, TITLE);
    await set(region, 'Gamma γ', 2);
    await set(region, 'Alpha α', 0.5);
    await expect.poll(() => matches(region, 2, 0.5)).toBe(true);
    // 990 easy (p_t = 0.9) and 10 hard (p_t = 0.1) examples, each total from the core's per-example loss.
    const rows = (pt, n) => ({ logits: Array.from({ length: n }, () => [Math.log(pt / (1 - pt)), 0]).flat(), target: new Array(n).fill(0) });
    const total = (pt, n, gamma, alpha) => {
      const { logits, target } = rows(pt, n);
      return core.softmaxFocal(logits, target, { classes: 2, gamma, alpha, reduction: 'sum' }).loss;
    };
    const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.abs(b);
    const easyFocal = total(0.9, 990, 2, 0.5);
    const hardFocal = total(0.1, 10, 2, 0.5);
    const easyCe = total(0.9, 990, 0, 1);
    const hardCe = total(0.1, 10, 0, 1);
    expect(near(await readNumber(region, 'Total focal loss, 990 easy'), easyFocal)).toBe(true);
    expect(near(await readNumber(region, 'Total focal loss, 10 hard'), hardFocal)).toBe(true);
    expect(near(await readNumber(region, 'Total cross-entropy, 990 easy'), easyCe)).toBe(true);
    const hardShareCe = hardCe / (easyCe + hardCe);
    const hardShareFocal = hardFocal / (easyFocal + hardFocal);
    expect(await readNumber(region, 'Hard share of the cross-entropy total')).toBeCloseTo(hardShareCe, 9);
    expect(await readNumber(region, 'Hard share of the focal total')).toBeCloseTo(hardShareFocal, 9);
    expect(hardShareCe).toBeLessThan(0.2); // cross-entropy: the easy many dominate
    expect(hardShareFocal).toBeGreaterThan(0.9); // focal: the hard few dominate
    const bars = await region.locator('.ll-bar-chart .ll-bar-label').allTextContents();
    expect(bars).toEqual([`${Number((100 * (1 - hardShareCe)).toPrecision(3))}%`, `${Number((100 * (1 - hardShareFocal)).toPrecision(3))}%`,
      `${Number((100 * hardShareCe).toPrecision(3))}%`, `${Number((100 * hardShareFocal).toPrecision(3))}%`]);
    expect(await region.locator('.ll-caption').textContent()).toContain(`${Number((100 * hardShareFocal).toPrecision(3))}%`);
  });

  test('figure rules: markers inside after sweeping the sliders, no empty plot, 375 px layout', async () => {
    await expectFigureRules(browser, session, 'focal-loss', TITLE);
  });

  test('state comes from the URL and is clamped', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=focal-loss&focal-loss.gamma=9&focal-loss.alpha=0.25');
    const region = await widget(page, TITLE);
    await expect.poll(() => matches(region, 5, 0.25)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no console errors, no axe violations; every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    expect(await axeViolations(page, 'focal-loss')).toEqual([]);
    const sweep = await sweepControl(page, 'focal-loss', 'Gamma γ', Array.from({ length: 21 }, (_, i) => (i * 0.25) % 5));
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    expect(problems).toEqual([]);
  });
});
