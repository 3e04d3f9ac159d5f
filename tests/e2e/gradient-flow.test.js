// Gradient Flow, driven by its labels and compared with the core: two trainers per configuration are run here in
// Node (the same wasm module), with the setup the widget states (2 inputs, hidden layers of 6, 60 two-moons points,
// seed 1, full-batch SGD; sigmoid: Xavier x 4, learning rate 0.5; tanh: Xavier x 1, 0.1; ReLU: He x 1, 0.05). The
// honest defaults are checked for every depth, the backward pulse (and its absence under reduced motion), clicking
// a point (the diagrams then show that point's own gradients), the dead-unit message, axe and the console.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { edgeStyle } from '../../web/src/widgets/gradient-flow/scale.js';
import { axeViolations, baseUrl, launchBrowser, openPage, readValue, widget } from './browser.js';

const TITLE = 'Gradient Flow';
const DEPTHS = [1, 2, 3, 4, 5, 6];
const SETUP = { sigmoid: { initScale: 4, learningRate: 0.5 }, tanh: { initScale: 1, learningRate: 0.1 },
  relu: { initScale: 1, learningRate: 0.05 } };
let browser, core, session;

beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=gradient-flow');
});
afterAll(async () => browser?.close());

function config(activation, depth, loss) {
  return { data: 'moons', samples: 60, seed: 1, optimizer: 'sgd', ...SETUP[activation], activation,
    head: 'binary', hidden: Array(depth).fill(6), binaryLoss: loss === 'mse' ? 'mseSigmoid' : 'bceWithLogits' };
}

const norm = ({ weight, bias }) => Math.hypot(...weight, ...bias);

/**
 * What the core says after `steps` updates: the record of update steps + 1 (loss, accuracy and per-layer gradient
 * norms at the weights after `steps` updates), and the per-weight gradients there (of one sample's loss, or of the
 * batch's).
 */
function coreAt(activation, depth, loss, steps, sample = -1) {
  const trainer = core.createTrainer(config(activation, depth, loss));
  if (steps > 0) trainer.step(steps);
  const layers = trainer.gradients(sample >= 0 ? { sample } : {});
  const record = trainer.step(1)[0];
  trainer.dispose();
  return { record, layers };
}

const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1e-300, Math.abs(b));

const ready = (region) => region.locator('output[data-value]').first().waitFor();

/** The four cards and Steps show the core's numbers for this configuration. */
async function expectShown(region, activation, depth, steps, sample = -1) {
  await expect.poll(() => readValue(region, 'Steps')).toBe(steps);
  const ce = coreAt(activation, depth, 'ce', steps, sample);
  const mse = coreAt(activation, depth, 'mse', steps, sample);
  const expected = {
    'First-layer gradient (cross-entropy)': sample >= 0 ? norm(ce.layers[0]) : ce.record.gradNorms[0],
    'First-layer gradient (MSE)': sample >= 0 ? norm(mse.layers[0]) : mse.record.gradNorms[0],
    'Accuracy (cross-entropy)': ce.record.accuracy,
    'Accuracy (MSE)': mse.record.accuracy,
  };
  await expect.poll(async () => {
    const wrong = [];
    for (const [label, value] of Object.entries(expected)) {
      const shown = await readValue(region, label);
      if (!close(shown, value)) wrong.push(`${label}: ${shown} vs ${value}`);
    }
    return wrong;
  }).toEqual([]);
  if (sample < 0) expect(close(norm(ce.layers[0]), ce.record.gradNorms[0])).toBe(true);
  return { ce, mse };
}

/** Every line of both diagrams has the width the shared scale gives the core's gradient of its weight. */
async function expectEdges(region, { ce, mse }) {
  await expect.poll(() => region.locator('svg[data-pulse="running"]').count()).toBe(0);
  const { top, bottom, widths } = await region.evaluate((host) => {
    const legend = host.querySelector('.gf-legend');
    return { top: Number(legend.dataset.top), bottom: Number(legend.dataset.bottom),
      widths: [...host.querySelectorAll('.gf-network')].map((figure) => [...figure.querySelectorAll('.gf-gap')]
        .map((gap) => [...gap.querySelectorAll('line')].map((line) => line.getAttribute('stroke-width')))) };
  });
  const max = Math.max(...[ce, mse].flatMap((n) => n.layers.flatMap((l) => Array.from(l.weight, Math.abs))));
  expect(10 ** top).toBeGreaterThanOrEqual(max * (1 - 1e-12));
  [ce, mse].forEach((net, n) => net.layers.forEach((layer, l) => {
    expect(widths[n][l]).toEqual(Array.from(layer.weight, (g) => edgeStyle(g, { top, bottom }).strokeWidth));
  }));
}

async function choose(region, label, value) {
  await region.getByLabel(label, { exact: true }).selectOption(String(value));
}

describe('Gradient Flow', () => {
  test('first view: two network figures named by their loss, one line per weight, numbers from the core', async () => {
    const region = await widget(session.page, TITLE);
    const ceFigure = region.getByRole('figure', { name: /cross-entropy/i });
    const mseFigure = region.getByRole('figure', { name: /MSE/ });
    await expect.poll(() => ceFigure.locator('line.gf-edge').count()).toBe(2 * 6 + 6 * 6 * 2 + 6);
    expect(await mseFigure.locator('line.gf-edge').count()).toBe(2 * 6 + 6 * 6 * 2 + 6);
    expect(await region.getByLabel('Activation', { exact: true }).inputValue()).toBe('sigmoid');
    expect(await region.getByLabel('Depth', { exact: true }).inputValue()).toBe('3');
    expect(await region.getByLabel('Example', { exact: true }).inputValue()).toBe('-1');
    const shown = await expectShown(region, 'sigmoid', 3, 0);
    await expectEdges(region, shown);
    const caption = await region.locator('.ll-caption').textContent();
    const ratio = shown.ce.record.gradNorms[0] / shown.mse.record.gradNorms[0];
    expect(caption).toContain(`gradient ${Number(ratio.toPrecision(3))} times MSE's`);
    // The loss plot is not empty on the first view: both losses at step 0 are marked.
    expect(await region.locator('.gf-loss .ll-marker').count()).toBe(2);
    expect(await region.locator('.gf-bars rect.gf-bar').count()).toBe(2 * 4);
  });

  test('Step: a backward pulse runs from the output layer to the first, then every line shows the new gradient',
    async () => {
      const region = await widget(session.page, TITLE);
      await region.getByRole('button', { name: 'Reset' }).click();
      await expectShown(region, 'sigmoid', 3, 0);
      // Sample each frame which layers already show step 1: the output layer must come first, the first layer last.
      const trace = await region.evaluate(async (host) => {
        const svg = host.querySelector('.gf-network svg');
        [...host.querySelectorAll('button')].find((b) => b.textContent === 'Step').click();
        const seen = [];
        for (let i = 0; i < 120 && svg.dataset.pulse !== 'done'; i++) {
          await new Promise(requestAnimationFrame);
          seen.push({ pulse: svg.dataset.pulse, steps: [...svg.querySelectorAll('.gf-gap')].map((g) => g.dataset.step),
            progress: Number(svg.dataset.progress) });
        }
        return seen;
      });
      const running = trace.filter((t) => t.pulse === 'running');
      expect(running.length).toBeGreaterThanOrEqual(3); // visible: several frames (about 22 at 60 fps)
      const order = running.map((t) => t.steps.map((s) => (s === '1' ? 1 : 0)).join(''));
      // At every frame the layers already updated are the ones nearest the output: output first, first layer last.
      expect(order.filter((o) => !/^0*1*$/.test(o))).toEqual([]);
      expect(order.every((o, i) => i === 0 || o.split('1').length >= order[i - 1].split('1').length)).toBe(true);
      expect(order.some((o) => o.includes('0') && o.includes('1'))).toBe(true); // caught half way
      // From the output column (progress 0) to the inputs (1), never back.
      expect(running.every((t, i) => i === 0 || t.progress >= running[i - 1].progress)).toBe(true);
      expect(trace.at(-1).steps).toEqual(['1', '1', '1', '1']);
      const shown = await expectShown(region, 'sigmoid', 3, 1);
      await expectEdges(region, shown);
      await region.getByRole('button', { name: 'Step' }).click();
      await region.getByRole('button', { name: 'Step' }).click();
      await expectShown(region, 'sigmoid', 3, 3);
    });

  test('Play trains both networks pulse by pulse until Pause; Reset goes back to the shared initial weights',
    async () => {
      const region = await widget(session.page, TITLE);
      await choose(region, 'Depth', 4);
      await expectShown(region, 'sigmoid', 4, 0);
      await region.getByRole('button', { name: 'Play' }).click();
      await expect.poll(() => readValue(region, 'Steps'), { timeout: 15_000 }).toBeGreaterThan(20);
      await region.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(() => region.locator('svg[data-pulse="running"]').count()).toBe(0);
      const steps = await readValue(region, 'Steps');
      await session.page.waitForTimeout(600);
      expect(await readValue(region, 'Steps')).toBe(steps);
      expect(await region.getByRole('button', { name: 'Play' }).count()).toBe(1);
      await expectShown(region, 'sigmoid', 4, steps);
      // The loss curves hold one point per step taken, for both networks.
      const ce = core.createTrainer(config('sigmoid', 4, 'ce'));
      const losses = ce.step(steps).map((r) => r.loss);
      ce.dispose();
      expect(await region.locator('.gf-loss path[data-series="ce"]').getAttribute('d')).toMatch(/^M/);
      expect(losses.length).toBe(steps);
      await region.getByRole('button', { name: 'Reset' }).click();
      await expectShown(region, 'sigmoid', 4, 0);
      // Choosing an example while playing keeps it playing; a new depth stops it at step 0 of the new networks.
      await region.getByRole('button', { name: 'Play' }).click();
      await expect.poll(() => readValue(region, 'Steps'), { timeout: 15_000 }).toBeGreaterThan(4);
      await choose(region, 'Example', 7);
      const atChoice = await readValue(region, 'Steps');
      await expect.poll(() => readValue(region, 'Steps'), { timeout: 15_000 }).toBeGreaterThan(atChoice + 8);
      await choose(region, 'Depth', 2);
      await expectShown(region, 'sigmoid', 2, 0, 7);
      expect(await region.getByRole('button', { name: 'Play' }).count()).toBe(1);
      await session.page.waitForTimeout(600);
      expect(await readValue(region, 'Steps')).toBe(0);
      await choose(region, 'Example', -1);
    });

  test('Example: clicking a point (or choosing it in the list) shows that point\'s own gradients', async () => {
    const region = await widget(session.page, TITLE);
    await choose(region, 'Depth', 3);
    await region.getByRole('button', { name: 'Reset' }).click();
    await expectShown(region, 'sigmoid', 3, 0);
    await region.getByRole('button', { name: 'Step' }).click();
    await region.getByRole('button', { name: 'Step' }).click();
    const batch = await expectShown(region, 'sigmoid', 3, 2);
    const before = await region.locator('.gf-network line').evaluateAll((lines) => lines.map((l) => l.getAttribute('stroke-width')));
    await region.locator('.gf-point').nth(10).click();
    await expect.poll(() => region.getByLabel('Example', { exact: true }).inputValue()).toBe('10');
    const point = await expectShown(region, 'sigmoid', 3, 2, 10);
    await expectEdges(region, point);
    const after = await region.locator('.gf-network line').evaluateAll((lines) => lines.map((l) => l.getAttribute('stroke-width')));
    expect(after).not.toEqual(before);
    expect(norm(point.ce.layers[0])).not.toBe(batch.ce.record.gradNorms[0]);
    expect(await region.locator('.ll-caption').textContent()).toMatch(/^For point 11 alone/);
    // The keyboard way: the same list, then back to the whole batch.
    await choose(region, 'Example', 25);
    await expectEdges(region, await expectShown(region, 'sigmoid', 3, 2, 25));
    await choose(region, 'Example', -1);
    await expectEdges(region, await expectShown(region, 'sigmoid', 3, 2));
  });

  test('a confidently wrong point is marked, and the button picks it', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByRole('button', { name: 'Reset' }).click();
    await expectShown(region, 'sigmoid', 3, 0);
    // The core's probabilities at the initial weights (the same for both networks): the worst point.
    const trainer = core.createTrainer(config('sigmoid', 3, 'mse'));
    const p = trainer.predict(trainer.info.x);
    const y = trainer.info.y;
    trainer.dispose();
    const errors = Array.from(p, (v, i) => Math.abs(v - y[i]));
    const worst = errors.indexOf(Math.max(...errors));
    expect(errors[worst]).toBeGreaterThan(0.9);
    await expect.poll(() => region.locator('.gf-wrong-label').textContent()).toBe('confidently wrong');
    await region.getByRole('button', { name: 'Pick the confidently wrong point' }).click();
    await expect.poll(() => region.getByLabel('Example', { exact: true }).inputValue()).toBe(String(worst));
    const shown = await expectShown(region, 'sigmoid', 3, 0, worst);
    expect(norm(shown.ce.layers[0])).toBeGreaterThan(100 * norm(shown.mse.layers[0]));
    expect(await region.locator('.ll-caption').textContent()).toMatch(/MSE is confidently wrong here/);
    await choose(region, 'Example', -1);
  });

  test('honest defaults through the core: every depth and activation', () => {
    for (const depth of DEPTHS) {
      const ce = core.createTrainer(config('sigmoid', depth, 'ce'));
      const mse = core.createTrainer(config('sigmoid', depth, 'mse'));
      const [c, m] = [ce.step(101), mse.step(101)];
      ce.dispose();
      mse.dispose();
      expect(c[0].gradNorms[0], `sigmoid depth ${depth}: step-0 first-layer gradient`).toBeGreaterThan(m[0].gradNorms[0]);
      expect(c[100].accuracy, `sigmoid depth ${depth}: accuracy after 100 steps`).toBeGreaterThanOrEqual(m[100].accuracy);
      for (const activation of ['tanh', 'relu']) {
        for (const loss of ['ce', 'mse']) {
          const trainer = core.createTrainer(config(activation, depth, loss));
          const [first] = trainer.step(1);
          trainer.dispose();
          expect(first.gradNorms[0], `${activation} depth ${depth} ${loss}: alive at step 0`).toBeGreaterThan(0);
          expect(first.activations.every((a) => a.dead === 0), `${activation} depth ${depth}: no dead units`).toBe(true);
        }
      }
    }
  });

  test('honest defaults as shown: every depth (reduced motion: Play takes 100 steps at once, no pulse)', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=gradient-flow',
      { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    for (const depth of DEPTHS) {
      await choose(region, 'Activation', 'sigmoid');
      await choose(region, 'Depth', depth);
      await expectShown(region, 'sigmoid', depth, 0);
      expect(await readValue(region, 'First-layer gradient (cross-entropy)'))
        .toBeGreaterThan(await readValue(region, 'First-layer gradient (MSE)'));
      await region.getByRole('button', { name: 'Play' }).click();
      const shown = await expectShown(region, 'sigmoid', depth, 100);
      expect(await readValue(region, 'Accuracy (cross-entropy)'))
        .toBeGreaterThanOrEqual(await readValue(region, 'Accuracy (MSE)'));
      await expectEdges(region, shown);
      expect(await region.getByRole('button', { name: 'Pause' }).count()).toBe(0);
      for (const activation of ['tanh', 'relu']) {
        await choose(region, 'Activation', activation);
        await expectShown(region, activation, depth, 0);
        expect(await readValue(region, 'First-layer gradient (cross-entropy)')).toBeGreaterThan(0);
        expect(await readValue(region, 'First-layer gradient (MSE)')).toBeGreaterThan(0);
        // The caption's claim about confidently wrong points, against the core's probabilities at step 0.
        const trainer = core.createTrainer(config(activation, depth, 'mse'));
        const p = trainer.predict(trainer.info.x);
        const worst = Math.max(...Array.from(p, (v, i) => Math.abs(v - trainer.info.y[i])));
        trainer.dispose();
        const caption = await region.locator('.ll-caption').textContent();
        expect(caption.includes('no point starts confidently wrong')).toBe(worst <= 0.9 && !caption.includes('thick and dark'));
      }
    }
    // Reduced motion: a step updates every layer at once; the pulse never runs.
    await choose(region, 'Activation', 'sigmoid');
    await choose(region, 'Depth', 3);
    await expectShown(region, 'sigmoid', 3, 0);
    const pulses = await region.evaluate(async (host) => {
      const svg = host.querySelector('.gf-network svg');
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Step').click();
      const seen = new Set();
      for (let i = 0; i < 30; i++) {
        await new Promise(requestAnimationFrame);
        seen.add(`${svg.dataset.pulse ?? 'none'} ${[...svg.querySelectorAll('.gf-gap')].map((g) => g.dataset.step).join('')}`);
      }
      return [...seen];
    });
    expect(pulses.every((s) => s.startsWith('none'))).toBe(true);
    expect(pulses.filter((s) => !s.endsWith('0000') && !s.endsWith('1111'))).toEqual([]); // never half updated
    await expectShown(region, 'sigmoid', 3, 1);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('dead ReLUs during training are named in plain words, with the core\'s count', async () => {
    const { page, context, problems } = await openPage(browser,
      'embed.html?widget=gradient-flow&gradient-flow.activation=relu&gradient-flow.depth=6', { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await expectShown(region, 'relu', 6, 0);
    expect(await region.locator('.gf-dead').isHidden()).toBe(true);
    await region.getByRole('button', { name: 'Play' }).click();
    await expectShown(region, 'relu', 6, 100);
    // The core's own record of the last step taken: dead = share of a layer's units that output 0 on every point.
    const trainer = core.createTrainer(config('relu', 6, 'ce'));
    const last = trainer.step(100).at(-1);
    trainer.dispose();
    const dead = last.activations.map((a) => Math.round(a.dead * 6));
    expect(dead.some((d) => d > 0)).toBe(true);
    const text = await region.locator('.gf-dead').textContent();
    expect(text).toMatch(/dead \(they output 0 for every point\)/);
    expect(text).toMatch(/not from the loss/);
    dead.forEach((d, l) => { if (d > 0) expect(text).toContain(`${d} in layer ${l + 1}`); });
    expect(problems).toEqual([]);
    await context.close();
  });

  test('on the section page: starts when scrolled near, works by label, light and dark', async () => {
    const { page, context, problems } = await openPage(browser, '', { colorScheme: 'dark' });
    const region = await widget(page, TITLE);
    await expectShown(region, 'sigmoid', 3, 0);
    await region.getByRole('button', { name: 'Step' }).click();
    await expectShown(region, 'sigmoid', 3, 1);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('disconnecting disposes both trainers; reconnecting starts again from the seed', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=gradient-flow');
    const region = await widget(page, TITLE);
    await region.getByRole('button', { name: 'Step' }).click();
    await expectShown(region, 'sigmoid', 3, 1);
    const disposed = await page.evaluate(() => {
      const host = document.querySelector('gradient-flow');
      const trainers = host.networks.map((n) => n.trainer);
      const parent = host.parentNode;
      host.remove();
      const result = trainers.map((t) => t.disposed);
      parent.append(host);
      return result;
    });
    expect(disposed).toEqual([true, true]);
    await expectShown(region, 'sigmoid', 3, 0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no axe violations (light, dark, 375 px); no console errors', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    expect(await axeViolations(page, 'gradient-flow')).toEqual([]);
    for (const options of [{ colorScheme: 'dark' }, { viewport: { width: 375, height: 800 } }]) {
      const other = await openPage(browser, 'embed.html?widget=gradient-flow', options);
      await widget(other.page, TITLE);
      expect(await axeViolations(other.page, 'gradient-flow')).toEqual([]);
      const overflow = await other.page.evaluate(() => {
        const host = document.querySelector('gradient-flow');
        const width = host.getBoundingClientRect().right;
        return [...host.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > width + 1)
          .map((e) => e.className?.baseVal ?? e.className).slice(0, 5);
      });
      expect(overflow).toEqual([]);
      expect(other.problems).toEqual([]);
      await other.context.close();
    }
    expect(problems).toEqual([]);
  });
});
