// The Binary Cross-Entropy explorer, driven by its labels like a reader with a keyboard would, compared with the
// core computed in Node (the same wasm module the page runs).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl } from './browser.js';
import { expectFigureRules, readNumber } from './figa-checks.js';

let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=bce-explorer');
});
afterAll(async () => browser?.close());

function expected(z, y) {
  const { loss, grad } = core.bceWithLogits([z], [y], { reduction: 'sum' });
  return { loss, grad: grad[0], p: 1 / (1 + Math.exp(-z)) };
}

/** dL/dz of (sigma(z) - y)^2: the core's MSE gradient 2(sigma - y) times sigma'(z) = sigma(1 - sigma). */
function expectedMse(z, y) {
  const sigma = core.bceWithLogits([z], [y], { reduction: 'sum' }).grad[0] + y;
  const { grad } = core.mse([sigma], [y], { reduction: 'sum' });
  return grad[0] * sigma * (1 - sigma);
}

describe('Binary Cross-Entropy Explorer', () => {
  test('readouts follow the Logit z slider and the Target y choice', async () => {
    const region = await widget(session.page, 'Binary Cross-Entropy Explorer');
    for (const [z, y] of [[2, 1], [-3.5, 1], [4, 0], [0, 0], [-8, 1]]) {
      await region.getByLabel('Target y', { exact: true }).selectOption(String(y));
      await region.getByLabel('Logit z', { exact: true }).fill(String(z));
      await expect.poll(() => readValue(region, 'Loss')).toBeCloseTo(expected(z, y).loss, 12);
      const e = expected(z, y);
      expect(await readValue(region, 'Gradient dL/dz')).toBeCloseTo(e.grad, 12);
      expect(await readValue(region, 'Probability σ(z)')).toBeCloseTo(e.p, 12);
      // The visible text is the same number rounded to 6 significant digits.
      const shown = Number(await region.getByLabel('Loss', { exact: true }).textContent());
      expect(Math.abs(shown - e.loss)).toBeLessThanOrEqual(Math.abs(e.loss) * 1e-5 + 1e-12);
    }
  });

  test('the slider moves by keyboard', async () => {
    const region = await widget(session.page, 'Binary Cross-Entropy Explorer');
    const slider = region.getByLabel('Logit z', { exact: true });
    await slider.fill('1');
    await slider.focus();
    await session.page.keyboard.press('ArrowRight');
    await session.page.keyboard.press('ArrowRight');
    await expect.poll(() => readValue(region, 'Loss')).toBeCloseTo(core.bceWithLogits([1.2], [1]).loss, 12);
  });

  test('Step moves z downhill by the learning rate times the gradient', async () => {
    const region = await widget(session.page, 'Binary Cross-Entropy Explorer');
    await region.getByLabel('Target y', { exact: true }).selectOption('1');
    await region.getByLabel('Learning rate', { exact: true }).selectOption('1');
    await region.getByLabel('Logit z', { exact: true }).fill('-2');
    await expect.poll(() => readValue(region, 'Loss')).toBeCloseTo(expected(-2, 1).loss, 12);
    const before = await readValue(region, 'Loss');
    await region.getByRole('button', { name: 'Step' }).click();
    const z1 = -2 - expected(-2, 1).grad; // -2 + (1 - sigma(-2))
    await expect.poll(() => readValue(region, 'Loss')).toBeCloseTo(expected(z1, 1).loss, 12);
    expect(await readValue(region, 'Loss')).toBeLessThan(before);
  });

  test('Play runs descent until the loss is small, and Pause stops it', async () => {
    const region = await widget(session.page, 'Binary Cross-Entropy Explorer');
    await region.getByLabel('Logit z', { exact: true }).fill('-4');
    await region.getByLabel('Learning rate', { exact: true }).selectOption('4');
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readValue(region, 'Loss'), { timeout: 20_000 }).toBeLessThan(0.01);
    await expect.poll(() => region.getByRole('button', { name: 'Play' }).count(), { timeout: 30_000 }).toBe(1);
    expect(session.problems).toEqual([]);
  });

  test('reduced motion: Play jumps to the end without animating', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=bce-explorer', { reducedMotion: 'reduce' });
    const region = await widget(page, 'Binary Cross-Entropy Explorer');
    await region.getByLabel('Learning rate', { exact: true }).selectOption('4');
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readValue(region, 'Loss'), { timeout: 2_000 }).toBeLessThan(0.01);
    expect(await region.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
  test('MSE-through-sigmoid gradient: 2(σ(z) − y)·σ(z)(1 − σ(z)), vanishing where BCE\'s does not', async () => {
    const region = await widget(session.page, 'Binary Cross-Entropy Explorer');
    for (const [z, y] of [[-8, 1], [-2, 1], [0, 0], [1.5, 0], [6, 0], [3, 1]]) {
      await region.getByLabel('Target y', { exact: true }).selectOption(String(y));
      await region.getByLabel('Logit z', { exact: true }).fill(String(z));
      await expect.poll(() => readValue(region, 'MSE-through-sigmoid gradient')).toBeCloseTo(expectedMse(z, y), 12);
      expect(await readValue(region, 'Gradient dL/dz')).toBeCloseTo(expected(z, y).grad, 12);
      // The closed form, independent of the core: 2(p - y) p (1 - p).
      const p = 1 / (1 + Math.exp(-z));
      expect(await readValue(region, 'MSE-through-sigmoid gradient')).toBeCloseTo(2 * (p - y) * p * (1 - p), 12);
    }
    // Confidently wrong (z = -8, y = 1): BCE's gradient is ~ -1, MSE's ~ -6.7e-4.
    await region.getByLabel('Target y', { exact: true }).selectOption('1');
    await region.getByLabel('Logit z', { exact: true }).fill('-8');
    await expect.poll(() => readValue(region, 'Gradient dL/dz')).toBeLessThan(-0.999);
    expect(Math.abs(await readValue(region, 'MSE-through-sigmoid gradient'))).toBeLessThan(1e-3);
    const gradPlot = region.locator('figure.ll-plot').nth(1);
    expect(await gradPlot.locator('path.ll-line').count()).toBe(2);
    expect((await gradPlot.locator('path.ll-line').nth(1).getAttribute('d')).length).toBeGreaterThan(100);
    expect(await gradPlot.locator('circle.ll-point').count()).toBe(2);
  });

  test('the MSE-through-σ ball descends beside the BCE ball at the same learning rate', async () => {
    const region = await widget(session.page, 'Binary Cross-Entropy Explorer');
    await region.getByLabel('Target y', { exact: true }).selectOption('1');
    await region.getByLabel('Learning rate', { exact: true }).selectOption('1');
    await region.getByLabel('Logit z', { exact: true }).fill('-4');
    await expect.poll(() => readNumber(region, 'MSE ball: z')).toBe(-4);
    expect(await readNumber(region, 'BCE ball: z')).toBe(-4);
    await region.getByRole('button', { name: 'Step' }).click();
    // Each ball moved by −lr × its own gradient at z = −4, from the core.
    const bceZ = -4 - core.bceWithLogits([-4], [1]).grad[0];
    const mseZ = -4 - expectedMse(-4, 1);
    await expect.poll(() => readNumber(region, 'BCE ball: z')).toBeCloseTo(bceZ, 12);
    expect(await readNumber(region, 'MSE ball: z')).toBeCloseTo(mseZ, 12);
    expect(await readNumber(region, 'Descent steps')).toBe(1);
    // BCE moved 0.98, MSE 0.034: the vanishing gradient, drawn as two balls on the loss plot.
    expect(bceZ - -4).toBeGreaterThan(20 * (mseZ - -4));
    const lossPlot = region.locator('figure.ll-plot').first();
    expect(await lossPlot.locator('.ll-marker').count()).toBe(2);
    expect(await region.locator('.ll-caption').textContent()).toMatch(/After 1 step at learning rate 1/);
    // Play moves both; the MSE ball's loss stays far above BCE's.
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readNumber(region, 'Descent steps'), { timeout: 10_000 }).toBeGreaterThan(5);
    await region.getByRole('button', { name: 'Pause' }).click();
    const steps = await readNumber(region, 'Descent steps');
    expect(await readNumber(region, 'MSE ball: z')).toBeGreaterThan(mseZ);
    expect(await readNumber(region, 'MSE ball: loss (σ(z) − y)²')).toBeGreaterThan(await readNumber(region, 'BCE ball: loss'));
    expect(steps).toBeGreaterThan(5);
  });

  test('figure rules: markers inside after sweeping the sliders, no empty plot, 375 px layout', async () => {
    await expectFigureRules(browser, session, 'bce-explorer', 'Binary Cross-Entropy Explorer');
    expect(session.problems).toEqual([]);
  });

  test('no axe violations; every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    await widget(page, 'Binary Cross-Entropy Explorer');
    expect(await axeViolations(page, 'bce-explorer')).toEqual([]);
    const sweep = await sweepControl(page, 'bce-explorer', 'Logit z', Array.from({ length: 21 }, (_, i) => -8 + 0.75 * i));
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    expect(problems).toEqual([]);
  });
});
