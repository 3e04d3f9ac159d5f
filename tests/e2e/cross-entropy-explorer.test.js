// The Cross-Entropy explorer, driven by its labels and compared with the core computed in Node: plain cross-entropy,
// both label-smoothing conventions, the double-softmax loss, and the two invariances shown by its buttons.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl, expectReadoutsToSettle } from './browser.js';
import { expectFigureRules, readNumber } from './figa-checks.js';

const TITLE = 'Cross-Entropy Explorer';
const TAG = 'cross-entropy-explorer';
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, `embed.html?widget=${TAG}`);
});
afterAll(async () => browser?.close());

/** Everything the widget should show for logits z (length C), 1-based true class y and smoothing eps. */
function expected(z, y, eps) {
  const C = z.length;
  const t = y - 1;
  const p = core.softmax(z);
  const spread = Array.from({ length: C }, (_, k) => (k === t ? 1 - eps : eps / (C - 1)));
  const double = core.crossEntropy(p, [t], { classes: C });
  return {
    p: p[t],
    loss: core.crossEntropy(z, [t], { classes: C }).loss,
    pytorch: core.crossEntropy(z, [t], { classes: C, labelSmoothing: eps }).loss,
    spread: core.crossEntropy(z, spread, { classes: C }).loss,
    double: double.loss,
    // dL/dz through the softmax Jacobian, from the core's dL/dp: p_k (g_k - Σ p_j g_j).
    doubleGrad: (() => {
      const g = double.grad;
      const pg = p.reduce((s, pk, k) => s + pk * g[k], 0);
      return Array.from(p, (pk, k) => pk * (g[k] - pg));
    })(),
  };
}

async function setLogits(region, z) {
  for (let k = 0; k < z.length; k++) await region.getByLabel(`Logit for class ${k + 1}`, { exact: true }).fill(String(z[k]));
}

async function expectReadouts(region, z, y, eps) {
  const e = expected(z, y, eps);
  await expectReadoutsToSettle(region, {
    Loss: e.loss, 'True-class probability': e.p, 'Loss (PyTorch smoothing)': e.pytorch, 'Loss (ε/(C−1) smoothing)': e.spread,
  });
  return e;
}


describe(TITLE, () => {
  test('readouts follow the logits, the classes, the true class and ε', async () => {
    const region = await widget(session.page, TITLE);
    await expectReadouts(region, [2, 0.5, -1, 1], 1, 0.1); // the defaults
    const cases = [
      { C: 3, z: [1, -2, 0.5], y: 3, eps: 0 },
      { C: 5, z: [-6, 6, 0, 2.5, -1.5], y: 1, eps: 0.25 },
      { C: 6, z: [0.3, -0.7, 4, 1.1, -3.2, 2], y: 6, eps: 0.5 },
      { C: 4, z: [3, 3, 3, 3], y: 2, eps: 0.05 },
    ];
    for (const { C, z, y, eps } of cases) {
      await region.getByLabel('Classes', { exact: true }).selectOption(String(C));
      await expect.poll(() => region.getByLabel('True class', { exact: true }).locator('option').count()).toBe(C);
      await region.getByLabel('True class', { exact: true }).selectOption(String(y));
      await region.getByLabel('Label smoothing ε', { exact: true }).fill(String(eps));
      await setLogits(region, z);
      await expectReadouts(region, z, y, eps);
      // One slider per class: the others are hidden.
      expect(await region.getByLabel(`Logit for class ${C}`, { exact: true }).isVisible()).toBe(true);
      if (C < 6) expect(await region.getByLabel(`Logit for class ${C + 1}`, { exact: true }).isVisible()).toBe(false);
    }
    // ε/(C−1) smoothing at ε = 0 is plain cross-entropy; PyTorch's too.
    await region.getByLabel('Label smoothing ε', { exact: true }).fill('0');
    const e = await expectReadouts(region, [3, 3, 3, 3], 2, 0);
    expect(e.loss).toBeCloseTo(Math.log(4), 12);
    expect(await readValue(region, 'Loss (PyTorch smoothing)')).toBeCloseTo(e.loss, 12);
  });

  test('the smoothed-target table shows both conventions', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Classes', { exact: true }).selectOption('5');
    await region.getByLabel('True class', { exact: true }).selectOption('2');
    await region.getByLabel('Label smoothing ε', { exact: true }).fill('0.2');
    await expect.poll(() => region.locator('.ce-targets caption').textContent()).toContain('ε = 0.2');
    const rows = await region.locator('.ce-targets tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual(['2 (true)', '0.84', '0.8']); // 1 − ε + ε/C and 1 − ε
    expect(rows[0]).toEqual(['1', '0.04', '0.05']);
  });

  test('Add 1 to every logit leaves the loss unchanged, and the note says so', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Classes', { exact: true }).selectOption('4');
    await region.getByLabel('True class', { exact: true }).selectOption('3');
    await region.getByLabel('Label smoothing ε', { exact: true }).fill('0.1');
    const z = [1.5, -0.5, 0.2, 2];
    await setLogits(region, z);
    const before = await expectReadouts(region, z, 3, 0.1);
    await region.getByRole('button', { name: 'Add 1 to every logit', exact: true }).click();
    await expect.poll(() => region.getByLabel('Logit for class 1', { exact: true }).inputValue()).toBe('2.5');
    const shifted = z.map((v) => v + 1);
    await expectReadouts(region, shifted, 3, 0.1);
    expect(await readValue(region, 'Loss')).toBeCloseTo(before.loss, 12);
    expect(await region.locator('.ce-action-note').textContent()).toMatch(/unchanged/);
    // At the sliders' top the shift is refused with a message, not clamped (which would change the loss).
    await region.getByLabel('Logit for class 4', { exact: true }).fill('6');
    await expect.poll(() => readValue(region, 'Loss')).toBeCloseTo(expected([2.5, 0.5, 1.2, 6], 3, 0.1).loss, 12);
    await region.getByRole('button', { name: 'Add 1 to every logit', exact: true }).click();
    await expect.poll(() => region.locator('.ce-action-note').textContent()).toMatch(/lower it first/);
    await expectReadouts(region, [2.5, 0.5, 1.2, 6], 3, 0.1);
  });

  test('Rearrange other classes keeps the true-class probability and every loss', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Classes', { exact: true }).selectOption('5');
    await region.getByLabel('True class', { exact: true }).selectOption('2');
    await region.getByLabel('Label smoothing ε', { exact: true }).fill('0.3');
    const z = [1, 0, -2, 3, 0.5];
    await setLogits(region, z);
    const before = await expectReadouts(region, z, 2, 0.3);
    await region.getByRole('button', { name: 'Rearrange other classes', exact: true }).click();
    // The others (classes 1, 3, 4, 5) rotate: class 3 gets class 1's logit, ..., class 1 gets class 5's.
    const rotated = [0.5, 0, 1, -2, 3];
    await expect.poll(() => region.getByLabel('Logit for class 1', { exact: true }).inputValue()).toBe('0.5');
    for (let k = 0; k < 5; k++) {
      expect(Number(await region.getByLabel(`Logit for class ${k + 1}`, { exact: true }).inputValue())).toBe(rotated[k]);
    }
    const after = await expectReadouts(region, rotated, 2, 0.3);
    expect(after.p).toBeCloseTo(before.p, 12);
    expect(after.loss).toBeCloseTo(before.loss, 12);
    expect(after.pytorch).toBeCloseTo(before.pytorch, 12);
    expect(after.spread).toBeCloseTo(before.spread, 12);
    expect(await region.locator('.ce-action-note').textContent()).toMatch(/Rotated.*unchanged/);
  });

  test('Double softmax: the wrong loss and its flattened gradient', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Classes', { exact: true }).selectOption('4');
    await region.getByLabel('True class', { exact: true }).selectOption('1');
    const z = [4, -1, 0, 1];
    await setLogits(region, z);
    await expectReadouts(region, z, 1, 0.3);
    expect(await region.locator('.ce-double').isVisible()).toBe(false);
    await region.getByLabel('Double softmax', { exact: true }).check();
    const e = expected(z, 1, 0.3);
    await expect.poll(() => readNumber(region, 'Double-softmax loss')).toBeCloseTo(e.double, 12);
    await expect.poll(() => region.locator('.ce-double').isVisible()).toBe(true);
    expect(await region.locator('.ce-double .ll-caption').textContent()).toContain(`the loss is ${Number(e.double.toPrecision(3))}`);
    // Double softmax is far above the real loss, and its gradient is flatter for every class.
    expect(e.double).toBeGreaterThan(e.loss + 0.5);
    const correct = Array.from(core.crossEntropy(z, [0], { classes: 4 }).grad);
    for (let k = 0; k < 4; k++) expect(Math.abs(e.doubleGrad[k])).toBeLessThan(Math.abs(correct[k]));
    // The gradient chart's bar labels carry both gradients (2 significant digits).
    const labels = await region.locator('.ce-double .ll-bar-label').allTextContents();
    expect(labels.map(Number)).toEqual([...correct, ...e.doubleGrad].map((v) => Number(v.toPrecision(2))));
    await region.getByLabel('Double softmax', { exact: true }).uncheck();
    await expect.poll(() => region.locator('.ce-double').isVisible()).toBe(false);
  });

  test('the −log p curve carries the true class\'s point; the other classes are off the curve', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Classes', { exact: true }).selectOption('4');
    await region.getByLabel('True class', { exact: true }).selectOption('2');
    await region.getByLabel('Label smoothing ε', { exact: true }).fill('0');
    const z = [1, 2, -1, 0.5];
    await setLogits(region, z);
    const e = await expectReadouts(region, z, 2, 0);
    const plot = region.locator('figure.ll-plot').first();
    expect(await plot.locator('svg').getAttribute('aria-label')).toMatch(/−log p/);
    const point = plot.locator('g[data-group="points"] .ll-marker');
    // The point's value label is the loss to 3 s.f., and the fact is written on the figure with the same number.
    expect(await plot.locator('g[data-group="points"] .ll-label').textContent()).toBe(String(Number(e.loss.toPrecision(3))));
    expect(await plot.locator('.ce-fact').first().textContent()).toBe(`loss = −log p(class 2) = ${Number(e.loss.toPrecision(3))}`);
    expect(await plot.locator('.ce-fact').nth(1).textContent()).toMatch(/other classes, not in the loss/);
    expect(await point.count()).toBe(1);
    expect(await plot.locator('g[data-group="others"] .ll-marker').count()).toBe(3);
    expect(await region.locator('.ll-caption').first().textContent()).toMatch(/Only the true class's probability enters the loss/);
    // Rearranging the others moves the grey dots, not the point.
    const before = await plot.locator('g[data-group="points"] circle').getAttribute('cx');
    await region.getByRole('button', { name: 'Rearrange other classes', exact: true }).click();
    await expect.poll(() => region.getByLabel('Logit for class 1', { exact: true }).inputValue()).toBe('0.5');
    await expectReadouts(region, [0.5, 2, 1, -1], 2, 0);
    expect(await plot.locator('g[data-group="points"] circle').getAttribute('cx')).toBe(before);
  });

  test('figure rules: markers inside after sweeping the sliders, no empty plot, 375 px layout', async () => {
    await expectFigureRules(browser, session, TAG, TITLE);
  });

  test('the sliders move by keyboard', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    const z = [1, 2, 3, -1];
    await region.getByLabel('Classes', { exact: true }).selectOption('4');
    await region.getByLabel('True class', { exact: true }).selectOption('1');
    await setLogits(region, z);
    await region.getByLabel('Label smoothing ε', { exact: true }).fill('0.2');
    await expectReadouts(region, z, 1, 0.2);
    await region.getByLabel('Logit for class 1', { exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectReadouts(region, [1.2, 2, 3, -1], 1, 0.2);
    await region.getByLabel('Label smoothing ε', { exact: true }).focus();
    await page.keyboard.press('ArrowLeft');
    await expectReadouts(region, [1.2, 2, 3, -1], 1, 0.19);
  });

  test('no console errors, no axe violations (double softmax on); update time', async () => {
    const { page, problems } = session;
    const region = await widget(page, TITLE);
    await region.getByLabel('Double softmax', { exact: true }).check();
    await expect.poll(() => region.locator('.ce-double').isVisible()).toBe(true);
    expect(await axeViolations(page, TAG)).toEqual([]);
    const values = Array.from({ length: 21 }, (_, i) => (-3 + 0.3 * i).toFixed(1));
    const sweep = await sweepControl(page, TAG, 'Logit for class 2', values);
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    expect(problems).toEqual([]);
  });

  test('state from the URL', async () => {
    const { page, context, problems } = await openPage(browser,
      `embed.html?widget=${TAG}&${TAG}.classes=3&${TAG}.z1=-1&${TAG}.z2=2&${TAG}.z3=0.5&${TAG}.y=2&${TAG}.eps=0.4&${TAG}.double=true`);
    const region = await widget(page, TITLE);
    await expectReadouts(region, [-1, 2, 0.5], 2, 0.4);
    expect(await readNumber(region, 'Double-softmax loss')).toBeCloseTo(expected([-1, 2, 0.5], 2, 0.4).double, 12);
    expect(problems).toEqual([]);
    await context.close();
  });
});
