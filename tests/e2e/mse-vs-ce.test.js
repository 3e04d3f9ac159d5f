// The MSE-vs-cross-entropy comparison, driven by its labels and compared with the core computed in Node: losses and
// gradients on p (core.mse, core.bce), on the logit (core.bceWithLogits; MSE by the chain rule), and the
// "Confidently wrong" preset whose gradients are −1.9 (MSE) against −20 (BCE).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, measureUpdates } from './browser.js';

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

async function expectReadouts(region, p, y) {
  const e = expected(p, y);
  await expect.poll(() => readValue(region, 'MSE loss')).toBeCloseTo(e['MSE loss'], 12);
  for (const [label, value] of Object.entries(e)) expect(await readValue(region, label), label).toBeCloseTo(value, 12);
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
    expect(await readValue(region, 'MSE gradient (logit)')).toBeCloseTo(-0.09025, 12);
    expect(await readValue(region, 'BCE gradient (logit)')).toBeCloseTo(-0.95, 12);
  });

  test('the curves are drawn and the slider moves by keyboard', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    expect(await region.locator('svg path.ll-line').count()).toBe(8);
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
    const median = await measureUpdates(page, TAG, 'Prediction p', values);
    console.log(`${TAG}: median over ${values.length} slider updates: input to ll-rendered ${median.rendered.toFixed(2)} ms, `
      + `to the next frame ${median.frame.toFixed(2)} ms; compute + render alone ${median.work.toFixed(2)} ms`);
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
