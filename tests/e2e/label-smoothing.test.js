// The Label Smoothing widget, driven by its labels and compared with the core computed in Node. The optimal logit
// gap log(1 + C(1 − ε)/ε) is checked numerically: against the minimum of a core sweep, against a golden-section
// search on core values, and against the lowest point of the curve the widget drew.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl, expectReadoutsToSettle } from './browser.js';
import { expectFigureRules, readNumber } from './figa-checks.js';

const TITLE = 'Label Smoothing';
const TAG = 'label-smoothing';
const BASE = [2.5, 1, 0.2, -0.5, 0.6, -1, 1.4, -0.2, 0.3, -0.8]; // the widget's example logits (state.js)
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, `embed.html?widget=${TAG}`);
});
afterAll(async () => browser?.close());

/** Smoothed cross-entropy when the true logit is `gap` and the C − 1 others are 0, for many gaps in one call. */
function gapLosses(C, y, eps, gaps) {
  const rows = new Float64Array(gaps.length * C);
  gaps.forEach((g, i) => { rows[i * C + (y - 1)] = g; });
  return core.crossEntropy(rows, new Array(gaps.length).fill(y - 1), { classes: C, labelSmoothing: eps, reduction: 'none' }).loss;
}

/** The minimiser of the gap curve by golden-section search on core values (the curve is convex in the gap). */
function goldenMinimum(C, y, eps, lo = -2, hi = 40) {
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  while (b - a > 1e-9) {
    const c = b - phi * (b - a);
    const d = a + phi * (b - a);
    const [fc, fd] = gapLosses(C, y, eps, [c, d]);
    if (fc < fd) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

async function setControls(region, { eps, C, y, scale }) {
  await region.getByLabel('Classes', { exact: true }).selectOption(String(C));
  await expect.poll(() => region.getByLabel('True class', { exact: true }).locator('option').count()).toBe(C);
  await region.getByLabel('True class', { exact: true }).selectOption(String(y));
  await region.getByLabel('ε', { exact: true }).fill(String(eps));
  await region.getByLabel('Logit scale', { exact: true }).fill(String(scale));
}

async function expectReadouts(region, { eps, C, y, scale }) {
  const logits = BASE.slice(0, C).map((z) => z * scale);
  const loss = core.crossEntropy(logits, [y - 1], { classes: C, labelSmoothing: eps }).loss;
  await expectReadoutsToSettle(region, {
    Loss: loss, 'Target for the true class': 1 - eps + eps / C, 'Target for each other class': eps / C,
  });
  return { loss, gap: await readValue(region, 'Optimal logit gap') };
}

/** The (x, y) pixel vertices of an SVG path drawn by d3's line generator. */
function vertices(d) {
  const numbers = d.match(/-?\d+(\.\d+)?(e-?\d+)?/g).map(Number);
  const points = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i], numbers[i + 1]]);
  return points;
}


describe(TITLE, () => {
  test('readouts follow ε, Classes, True class and Logit scale', async () => {
    const region = await widget(session.page, TITLE);
    await expectReadouts(region, { eps: 0.1, C: 5, y: 1, scale: 1 }); // the defaults
    for (const s of [
      { eps: 0.2, C: 3, y: 2, scale: 2 },
      { eps: 0.05, C: 10, y: 10, scale: 0.5 },
      { eps: 0.5, C: 2, y: 1, scale: 4 },
      { eps: 0.3, C: 7, y: 5, scale: 0 },
    ]) {
      await setControls(region, s);
      await expectReadouts(region, s);
    }
  });

  test('the optimal logit gap is the minimum of the core\'s loss curve over the gap', async () => {
    const region = await widget(session.page, TITLE);
    for (const s of [{ eps: 0.1, C: 5, y: 1, scale: 1 }, { eps: 0.01, C: 10, y: 4, scale: 1 }, { eps: 0.4, C: 2, y: 2, scale: 1 },
      { eps: 0.25, C: 6, y: 6, scale: 3 }]) {
      await setControls(region, s);
      const { gap } = await expectReadouts(region, s);
      expect(gap).toBeCloseTo(Math.log(1 + (s.C * (1 - s.eps)) / s.eps), 12);
      // A sweep 0.001 apart: its lowest point lies within one step of the readout.
      const gaps = Array.from({ length: 14001 }, (_, i) => -2 + i * 0.001);
      const losses = gapLosses(s.C, s.y, s.eps, gaps);
      let best = 0;
      losses.forEach((v, i) => { if (v < losses[best]) best = i; });
      expect(Math.abs(gaps[best] - gap)).toBeLessThanOrEqual(0.001);
      // Golden-section search on the core's values agrees to 1e-5.
      expect(Math.abs(goldenMinimum(s.C, s.y, s.eps) - gap)).toBeLessThan(1e-5);
    }
  });

  test('the marker follows the Logit scale along the curve; the lowest point is marked', async () => {
    const region = await widget(session.page, TITLE);
    const plot = region.locator('figure.ll-plot').first();
    const svg = plot.locator('svg');
    expect(await svg.getAttribute('aria-label')).toMatch(/against the logit scale/);
    await setControls(region, { eps: 0.1, C: 5, y: 1, scale: 1 });
    for (const scale of [0, 0.5, 1.5, 2.5, 4]) {
      await region.getByLabel('Logit scale', { exact: true }).fill(String(scale));
      const { loss } = await expectReadouts(region, { eps: 0.1, C: 5, y: 1, scale });
      // The first marker is the example: on the drawn smoothed curve at its x (pixel distance below 2).
      const curve = vertices(await svg.locator('path[data-series="smoothed"]').getAttribute('d'));
      const dot = svg.locator('.ll-marker circle').first();
      const cx = Number(await dot.getAttribute('cx'));
      const cy = Number(await dot.getAttribute('cy'));
      const nearest = curve.reduce((a, b) => (Math.abs(b[0] - cx) < Math.abs(a[0] - cx) ? b : a));
      expect(Math.abs(nearest[1] - cy)).toBeLessThan(2);
      expect(await readNumber(region, 'Logit scale')).toBe(scale);
      expect(await readNumber(region, 'Loss')).toBe(loss);
    }
    // The lowest point of the core's smoothed curve over the scale, marked as "lowest ×s".
    const C = 5;
    const scales = Array.from({ length: 161 }, (_, i) => (4 * i) / 160);
    const rows = scales.flatMap((s) => BASE.slice(0, C).map((z) => z * s));
    const losses = core.crossEntropy(rows, new Array(scales.length).fill(0), { classes: C, labelSmoothing: 0.1, reduction: 'none' }).loss;
    let best = 0;
    losses.forEach((v, i) => { if (v < losses[best]) best = i; });
    expect(await readNumber(region, 'Logit scale of the lowest point')).toBeCloseTo(scales[best], 12);
    expect(await readNumber(region, 'Lowest smoothed loss on the curve')).toBeCloseTo(losses[best], 12);
    const lowest = plot.locator('.ll-marker', { hasText: 'lowest' });
    expect(await lowest.locator('text').textContent()).toBe(`lowest ×${Number(scales[best].toPrecision(3))}`);
    expect(await region.locator('.ll-caption').textContent()).toContain(`lowest at ×${Number(scales[best].toPrecision(3))}`);
  });

  test('bar labels are at least 11 px and never overlap', async () => {
    const region = await widget(session.page, TITLE);
    await setControls(region, { eps: 0.1, C: 6, y: 2, scale: 1 });
    await expectReadouts(region, { eps: 0.1, C: 6, y: 2, scale: 1 });
    const boxes = await region.locator('.ll-bar-label').evaluateAll((ts) => ts
      .filter((t) => getComputedStyle(t).visibility !== 'hidden')
      .map((t) => ({ size: parseFloat(getComputedStyle(t).fontSize), box: t.getBoundingClientRect().toJSON() })));
    expect(boxes.length).toBeGreaterThan(1);
    for (const { size } of boxes) expect(size).toBeGreaterThanOrEqual(11);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `labels ${i} and ${j} overlap`).toBe(false);
      }
    }
  });

  test('figure rules: markers inside after sweeping the sliders, no empty plot, 375 px layout', async () => {
    await expectFigureRules(browser, session, TAG, TITLE);
  });

  test('ε = 0: the optimal gap is Infinity and the note explains why', async () => {
    const region = await widget(session.page, TITLE);
    const s = { eps: 0, C: 4, y: 1, scale: 1.5 };
    await setControls(region, s);
    const { loss, gap } = await expectReadouts(region, s);
    expect(gap).toBe(Infinity);
    expect(await region.getByLabel('Optimal logit gap', { exact: true }).textContent()).toBe('Infinity');
    expect(loss).toBeCloseTo(core.crossEntropy(BASE.slice(0, 4).map((z) => z * 1.5), [0], { classes: 4 }).loss, 12);
    expect(await region.getByText(/keeps pushing the gap up/).count()).toBe(1);
    // Without smoothing the curve only falls: every step to a larger gap lowers the loss.
    const losses = gapLosses(4, 1, 0, Array.from({ length: 50 }, (_, i) => i * 0.5));
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1]);
  });

  test('the sliders move by keyboard', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    const s = { eps: 0.2, C: 5, y: 1, scale: 1 };
    await setControls(region, s);
    await expectReadouts(region, s);
    await region.getByLabel('ε', { exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expectReadouts(region, { ...s, eps: 0.21 });
    await region.getByLabel('Logit scale', { exact: true }).focus();
    await page.keyboard.press('ArrowLeft');
    await expectReadouts(region, { ...s, eps: 0.21, scale: 0.9 });
  });

  test('no console errors, no axe violations; update time', async () => {
    const { page, problems } = session;
    expect(await axeViolations(page, TAG)).toEqual([]);
    const values = Array.from({ length: 21 }, (_, i) => (0.02 + 0.02 * i).toFixed(2));
    const sweep = await sweepControl(page, TAG, 'ε', values);
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    expect(problems).toEqual([]);
  });

  test('state from the URL', async () => {
    const { page, context, problems } = await openPage(browser,
      `embed.html?widget=${TAG}&${TAG}.eps=0.3&${TAG}.classes=8&${TAG}.y=7&${TAG}.scale=2`);
    const region = await widget(page, TITLE);
    await expectReadouts(region, { eps: 0.3, C: 8, y: 7, scale: 2 });
    expect(problems).toEqual([]);
    await context.close();
  });
});
