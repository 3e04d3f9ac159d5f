// Gradient Flow, driven by its labels and compared with two core trainers run in Node with the configuration the
// widget documents (the same wasm module, so the records agree exactly): the first-layer gradient norms and losses
// after 0, 10, ... steps, for each activation and depth, Play/Pause, Reset, reduced motion, and disposal.
// MSE on a sigmoid output needs the trainer option binaryLoss: 'mseSigmoid'; when this core lacks it the widget
// says so and leaves the MSE side empty, and these tests check exactly that instead.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget } from './browser.js';

const TITLE = 'Gradient Flow';
let browser, core, session, mseSupported;

beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  try {
    core.createTrainer({ samples: 4, hidden: [1], head: 'binary', binaryLoss: 'mseSigmoid' }).dispose();
    mseSupported = true;
  } catch {
    mseSupported = false;
  }
  console.log(`gradient-flow: this core ${mseSupported ? 'has' : 'LACKS'} binaryLoss 'mseSigmoid'`);
  session = await openPage(browser, 'embed.html?widget=gradient-flow');
});
afterAll(async () => browser?.close());

/** The widget's documented setup: 2-8-...-8-1, two moons (200 points), full-batch SGD 0.5, Xavier x 2, seed 1. */
function config(activation, depth, loss) {
  return { dataset: 'moons', samples: 200, optimizer: 'sgd', learningRate: 0.5, initScale: 2, seed: 1,
    hidden: Array(depth).fill(8), activation, head: 'binary', ...(loss === 'mse' ? { binaryLoss: 'mseSigmoid' } : {}) };
}

/** The record the widget shows after `steps` updates: record number steps + 1 (loss and gradient before it). */
function recordAfter(activation, depth, loss, steps) {
  const trainer = core.createTrainer(config(activation, depth, loss));
  const record = trainer.step(steps + 1).at(-1);
  trainer.dispose();
  return record;
}

const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1e-300, Math.abs(b));

async function expectShown(region, activation, depth, steps) {
  await expect.poll(() => readValue(region, 'Steps')).toBe(steps);
  const ce = recordAfter(activation, depth, 'ce', steps);
  await expect.poll(async () => close(await readValue(region, 'First-layer gradient (cross-entropy)'),
    ce.gradNorms[0])).toBe(true);
  expect(close(await readValue(region, 'Loss (cross-entropy)'), ce.loss)).toBe(true);
  if (mseSupported) {
    const mse = recordAfter(activation, depth, 'mse', steps);
    expect(close(await readValue(region, 'First-layer gradient (MSE)'), mse.gradNorms[0])).toBe(true);
    expect(close(await readValue(region, 'Loss (MSE)'), mse.loss)).toBe(true);
  } else {
    expect(await region.getByLabel('Loss (MSE)', { exact: true }).textContent()).toBe('unavailable');
    expect(await region.getByLabel('First-layer gradient (MSE)', { exact: true }).getAttribute('data-value')).toBeNull();
    expect(await region.locator('.gf-missing').textContent()).toMatch(/cannot train MSE on a sigmoid output/);
  }
  // One bar per layer (hidden layers + output) per loss, first layer on the left.
  const layers = depth + 1;
  expect(await region.locator('rect.ll-log-bar').count()).toBe(layers * (mseSupported ? 2 : 1));
  expect(await region.locator('.ll-log-bars .tick').first().textContent()).toBeTruthy();
  const labels = await region.locator('.ll-log-bars g.ll-axis').last().locator('.tick text').allTextContents();
  expect([labels[0], labels.at(-1)]).toEqual(['1 (first)', 'output']);
}

describe('Gradient Flow', () => {
  test('starts at the initial weights (Steps 0) and Train 10 steps matches the core trainers', async () => {
    const region = await widget(session.page, TITLE);
    await expectShown(region, 'sigmoid', 3, 0);
    await region.getByRole('button', { name: 'Train 10 steps' }).click();
    await expectShown(region, 'sigmoid', 3, 10);
    await region.getByRole('button', { name: 'Train 10 steps' }).click();
    await region.getByRole('button', { name: 'Train 10 steps' }).click();
    await expectShown(region, 'sigmoid', 3, 30);
  });

  test('Activation and Depth rebuild both networks from the shared seed', async () => {
    const region = await widget(session.page, TITLE);
    for (const [activation, depth] of [['tanh', 5], ['relu', 2], ['sigmoid', 6], ['tanh', 3]]) {
      await region.getByLabel('Activation', { exact: true }).selectOption(activation);
      await region.getByLabel('Depth', { exact: true }).selectOption(String(depth));
      await expectShown(region, activation, depth, 0);
      await region.getByRole('button', { name: 'Train 10 steps' }).click();
      await expectShown(region, activation, depth, 10);
    }
  });

  test('the MSE side carries the sigmoid factor: smaller first-layer gradient at a confident start', async () => {
    if (!mseSupported) return; // checked by expectShown: the side is empty and says why
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Activation', { exact: true }).selectOption('tanh');
    await region.getByLabel('Depth', { exact: true }).selectOption('3');
    await region.getByRole('button', { name: 'Reset' }).click();
    await expectShown(region, 'tanh', 3, 0);
    expect(await readValue(region, 'First-layer gradient (MSE)'))
      .toBeLessThan(0.2 * await readValue(region, 'First-layer gradient (cross-entropy)'));
  });

  test('Play trains frame by frame until Pause; Reset goes back to the initial weights', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Activation', { exact: true }).selectOption('sigmoid');
    await region.getByLabel('Depth', { exact: true }).selectOption('4');
    await expectShown(region, 'sigmoid', 4, 0);
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readValue(region, 'Steps')).toBeGreaterThan(40);
    await region.getByRole('button', { name: 'Pause' }).click();
    const steps = await readValue(region, 'Steps');
    await session.page.waitForTimeout(300);
    expect(await readValue(region, 'Steps')).toBe(steps);
    expect(await region.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await expectShown(region, 'sigmoid', 4, steps);
    await region.getByRole('button', { name: 'Reset' }).click();
    await expectShown(region, 'sigmoid', 4, 0);
  });

  test('reduced motion: Play takes 100 steps at once, without animating', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=gradient-flow',
      { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await region.getByRole('button', { name: 'Play' }).click();
    await expectShown(region, 'sigmoid', 3, 100);
    await page.waitForTimeout(300);
    expect(await readValue(region, 'Steps')).toBe(100);
    expect(await region.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('disconnecting disposes both trainers; reconnecting starts again from the seed', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=gradient-flow');
    const region = await widget(page, TITLE);
    await region.getByRole('button', { name: 'Train 10 steps' }).click();
    await expectShown(region, 'sigmoid', 3, 10);
    const disposed = await page.evaluate(() => {
      const host = document.querySelector('gradient-flow');
      const trainers = host.trainers.map((t) => t.trainer);
      const parent = host.parentNode;
      host.remove();
      const result = trainers.map((t) => t.disposed);
      parent.append(host);
      return result;
    });
    expect(disposed).toEqual(mseSupported ? [true, true] : [true]);
    await expectShown(region, 'sigmoid', 3, 0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no axe violations; no console errors; input-to-repaint times', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    expect(await axeViolations(page, 'gradient-flow')).toEqual([]);
    const times = await page.evaluate(async () => {
      const host = document.querySelector('gradient-flow');
      const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
      async function measure(count, change) {
        const toRendered = [];
        const toFrame = [];
        for (let i = 0; i < count; i++) {
          const rendered = new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
          const t0 = performance.now();
          change(i);
          await rendered;
          toRendered.push(performance.now() - t0);
          await new Promise(requestAnimationFrame);
          toFrame.push(performance.now() - t0);
        }
        return { rendered: median(toRendered), frame: median(toFrame) };
      }
      const train = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Train 10 steps');
      const depth = [...host.querySelectorAll('label')].find((l) => l.textContent === 'Depth').control;
      const set = (value) => {
        depth.value = String(value);
        depth.dispatchEvent(new Event('change', { bubbles: true }));
      };
      const trainTimes = await measure(21, () => train.click());
      const depthTimes = await measure(10, (i) => set(2 + (i % 5)));
      set(6);
      await new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
      const deepTimes = await measure(21, () => train.click());
      // The synchronous work alone: two step(10) calls, decoding their records, the chart and the text.
      const work = [];
      for (let i = 0; i < 21; i++) {
        const w0 = performance.now();
        host.pending = 10;
        host.render(host.compute(host.core, host.state), host.state);
        work.push(performance.now() - w0);
      }
      return { train: trainTimes, depth: depthTimes, deep: deepTimes, work: median(work) };
    });
    const show = ({ rendered, frame }) => `${rendered.toFixed(2)} / ${frame.toFixed(2)} ms`;
    console.log(`gradient-flow: median input -> ll-rendered / next frame: Train 10 steps (2 x step(10), 3 hidden) `
      + `${show(times.train)}; the same with 6 hidden layers ${show(times.deep)}; Depth change (2 new trainers + `
      + `step(1)) ${show(times.depth)}; compute + render alone (6 hidden, 2 x step(10)) ${times.work.toFixed(2)} ms`);
    expect(problems).toEqual([]);
  });
});
