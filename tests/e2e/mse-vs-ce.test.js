// The MSE-vs-cross-entropy comparison, driven by its labels and compared with the core computed in Node: losses and
// gradients on p (core.mse, core.bce), on the logit (core.bceWithLogits; MSE by the chain rule), and the
// "Confidently wrong" preset whose gradients are −1.9 (MSE) against −20 (BCE).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl } from './browser.js';
import { expectFigureRules, markersOutside, readNumber } from './figa-checks.js';

const TITLE = 'MSE vs Cross-Entropy';
const TAG = 'mse-vs-ce';
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, `embed.html?widget=${TAG}`);
});
afterAll(async () => browser?.close());

function expected(p, y) {
  const mse = core.mse([p], [y]);
  const bce = core.bce([p], [y]);
  const z = Math.log(p / (1 - p));
  return {
    'MSE loss': mse.loss,
    'BCE loss': bce.loss,
    'MSE gradient': mse.grad[0],
    'BCE gradient': bce.grad[0],
    'MSE gradient (logit)': mse.grad[0] * p * (1 - p),
    'BCE gradient (logit)': core.bceWithLogits([z], [y]).grad[0],
  };
}

const IN_NUMBERS = new Set(['MSE gradient (logit)', 'BCE gradient (logit)']); // the other four are readout cards

async function read(region, label) {
  return IN_NUMBERS.has(label) ? readNumber(region, label) : readValue(region, label);
}

async function expectReadouts(region, p, y) {
  const e = expected(p, y);
  await expect.poll(() => readValue(region, 'MSE loss')).toBeCloseTo(e['MSE loss'], 12);
  for (const [label, value] of Object.entries(e)) expect(await read(region, label), label).toBeCloseTo(value, 12);
  return e;
}


describe(TITLE, () => {
  test('readouts follow Prediction p and Target y', async () => {
    const region = await widget(session.page, TITLE);
    expect(await region.getByLabel('Target y', { exact: true }).inputValue()).toBe('1'); // default target
    for (const [p, y] of [[0.3, 1], [0.9, 1], [0.001, 1], [0.999, 1], [0.5, 0], [0.97, 0], [0.02, 0]]) {
      await region.getByLabel('Target y', { exact: true }).selectOption(String(y));
      await region.getByLabel('Prediction p', { exact: true }).fill(String(p));
      const e = await expectReadouts(region, p, y);
      // The logit gradients are the textbook forms: 2(p − y)·p(1 − p) and p − y.
      expect(e['MSE gradient (logit)']).toBeCloseTo(2 * (p - y) * p * (1 - p), 12);
      expect(e['BCE gradient (logit)']).toBeCloseTo(p - y, 12);
    }
  });

  test('Confidently wrong: MSE gradient −1.9 against BCE gradient −20', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Target y', { exact: true }).selectOption('0');
    await region.getByLabel('Prediction p', { exact: true }).fill('0.8');
    await expectReadouts(region, 0.8, 0);
    await region.getByRole('button', { name: 'Confidently wrong', exact: true }).click();
    await expectReadouts(region, 0.05, 1);
    expect(await region.getByLabel('Target y', { exact: true }).inputValue()).toBe('1');
    expect(await readValue(region, 'MSE gradient')).toBeCloseTo(-1.9, 12);
    expect(await readValue(region, 'BCE gradient')).toBeCloseTo(-20, 12);
    expect(await region.getByLabel('MSE gradient', { exact: true }).textContent()).toBe('-1.9');
    expect(await region.getByLabel('BCE gradient', { exact: true }).textContent()).toBe('-20');
    // Through the sigmoid MSE's push almost vanishes: 1.9 · 0.05 · 0.95 = 0.09025, BCE keeps 0.95.
    expect(await readNumber(region, 'MSE gradient (logit)')).toBeCloseTo(-0.09025, 12);
    expect(await readNumber(region, 'BCE gradient (logit)')).toBeCloseTo(-0.95, 12);
  });

  test('off-scale dots are pinned at the plot edge with their value', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Target y', { exact: true }).selectOption('1');
    await region.getByLabel('Prediction p', { exact: true }).fill('0.001');
    await expectReadouts(region, 0.001, 1);
    // BCE at p = 0.001: loss 6.91 inside [0, 7], gradient −1000 far below −25: pinned with an arrow and its value.
    const gradP = region.locator('figure.ll-plot').nth(1);
    const pinned = gradP.locator('.ll-marker[data-off]');
    await expect.poll(() => pinned.count()).toBe(1);
    expect(await pinned.locator('text').textContent()).toBe('−1000');
    expect(await markersOutside(region)).toEqual([]);
  });

  test('predict, then reveal: which loss pushes harder from a confidently wrong start', async () => {
    const { page, context, problems } = await openPage(browser, `embed.html?widget=${TAG}`);
    const region = await widget(page, TITLE);
    const objective = page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('ll-objective', (e) => resolve(e.detail), { once: true });
    }));
    await region.getByLabel('Cross-entropy', { exact: true }).check();
    await region.getByRole('button', { name: 'Commit prediction' }).click();
    await region.getByRole('button', { name: 'Confidently wrong', exact: true }).click();
    await expectReadouts(region, 0.05, 1);
    expect(await objective).toEqual({ objective: 'mse-vs-ce', correct: true, source: 'predict:mse-vs-ce' });
    const result = await region.locator('.ll-predict-result').textContent();
    expect(result).toMatch(/^Right/);
    expect(result).toContain('−0.95'); // cross-entropy's logit gradient, beside MSE's −0.0903
    expect(result).toMatch(/−0\.090\d/);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('figure rules: markers inside after sweeping the sliders, no empty plot, 375 px layout', async () => {
    await expectFigureRules(browser, session, TAG, TITLE);
  });

  test('the curves are drawn and the slider moves by keyboard', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    expect(await region.locator('svg path.ll-line').count()).toBe(8);
    expect(await region.locator('.ll-caption').textContent()).toMatch(/cross-entropy pushes/);
    for (const d of await region.locator('svg path.ll-line').evaluateAll((ps) => ps.map((p) => p.getAttribute('d')))) {
      expect(d.length).toBeGreaterThan(100);
    }
    await region.getByLabel('Prediction p', { exact: true }).fill('0.5');
    await expectReadouts(region, 0.5, 1);
    await region.getByLabel('Prediction p', { exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectReadouts(region, 0.502, 1);
  });

  test('no console errors, no axe violations; update time', async () => {
    const { page, problems } = session;
    expect(await axeViolations(page, TAG)).toEqual([]);
    const values = Array.from({ length: 21 }, (_, i) => (0.05 + 0.045 * i).toFixed(3));
    const sweep = await sweepControl(page, TAG, 'Prediction p', values);
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    expect(problems).toEqual([]);
  });

  test('state from the URL, clamped into range', async () => {
    const { page, context, problems } = await openPage(browser, `embed.html?widget=${TAG}&${TAG}.p=0&${TAG}.y=0`);
    const region = await widget(page, TITLE);
    await expectReadouts(region, 0.001, 0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
