// The Class Weighting lab, driven by its labels, against the core computed in Node (the same wasm module the page
// runs): weights for every strategy, the weighted-mean example, and the two-net training comparison, whose recall
// and accuracy this test tallies itself from a Node run of the same trainers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl } from './browser.js';
import { emptyFigures, layoutProblems, markersOutside, numberValue } from './figb-checks.js';

const TITLE = 'Class Weighting';
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=class-weighting-lab');
});
afterAll(async () => browser?.close());

const label = (region, text) => region.getByLabel(text, { exact: true });

async function setCounts(region, counts) {
  await label(region, 'Classes').selectOption(String(counts.length));
  for (const [k, n] of counts.entries()) await label(region, `Count of class ${k + 1}`).fill(String(n));
}

async function expectWeights(region, counts, options) {
  const expected = core.classWeights(counts, options);
  for (const [k, w] of expected.entries()) {
    await expect.poll(() => numberValue(region, `Weight of class ${k + 1}`)).toBeCloseTo(w, 12);
  }
  return expected;
}

// The trainer run the page makes, repeated in Node: the same config, weights from the training set's counts.
function expectedRun(classes, imbalance, strategy, beta) {
  const config = { dataset: 'blobs', classes, imbalance, samples: 400, noise: 1.3, head: 'multiclass', hidden: [12],
    learningRate: 0.02, seed: 1 };
  const plain = core.createTrainer(config);
  const labels = Array.from(plain.info.y);
  const counts = Array.from({ length: classes }, (_, k) => labels.filter((y) => y === k).length);
  const weighted = core.createTrainer({ ...config, classWeights: Array.from(core.classWeights(counts, { strategy, beta })) });
  const minority = counts.indexOf(Math.min(...counts));
  const tally = (trainer) => {
    trainer.step(300);
    const p = trainer.predict(trainer.info.x);
    let right = 0, minorityRight = 0;
    labels.forEach((y, i) => {
      const row = Array.from(p.subarray(i * classes, (i + 1) * classes));
      const predicted = row.indexOf(Math.max(...row));
      if (predicted === y) {
        right += 1;
        if (y === minority) minorityRight += 1;
      }
    });
    trainer.dispose();
    return { recall: minorityRight / counts[minority], accuracy: right / labels.length };
  };
  return { plain: tally(plain), weighted: tally(weighted) };
}

async function expectRun(region, expected) {
  await expect.poll(() => numberValue(region, 'Training steps'), { timeout: 30_000 }).toBe(300);
  await expect.poll(() => region.getByLabel('Accuracy (weighted)', { exact: true }).getAttribute('data-value')).not.toBeNull();
  expect(await readValue(region, 'Minority recall (unweighted)')).toBeCloseTo(expected.plain.recall, 12);
  expect(await readValue(region, 'Minority recall (weighted)')).toBeCloseTo(expected.weighted.recall, 12);
  expect(await readValue(region, 'Accuracy (unweighted)')).toBeCloseTo(expected.plain.accuracy, 12);
  expect(await readValue(region, 'Accuracy (weighted)')).toBeCloseTo(expected.weighted.accuracy, 12);
}

describe(TITLE, () => {
  test('weights follow the counts, the Classes choice and each Strategy', async () => {
    const region = await widget(session.page, TITLE);
    await expectWeights(region, [900, 100], { strategy: 'inverse', beta: 0.999 });
    await setCounts(region, [500, 200, 20]);
    for (const strategy of ['inverse', 'inverse_sqrt', 'effective']) {
      await label(region, 'Strategy').selectOption(strategy);
      await expectWeights(region, [500, 200, 20], { strategy, beta: 0.999 });
    }
    await expect(numberValue(region, 'Weight of class 4')).rejects.toThrow(/no Numbers row/);
    expect(await label(region, 'Count of class 4').isVisible()).toBe(false);
    await setCounts(region, [40, 3000, 700, 9]);
    await expectWeights(region, [40, 3000, 700, 9], { strategy: 'effective', beta: 0.999 });
    // The bar chart has one bar per class.
    await expect.poll(() => region.locator('.ll-bar-chart rect.ll-bar').count()).toBe(4);
  });

  test('Beta β moves on -log10(1 - β), by keyboard too, and is off unless the strategy is effective number', async () => {
    const region = await widget(session.page, TITLE);
    await setCounts(region, [900, 100]);
    await label(region, 'Strategy').selectOption('inverse');
    await expect.poll(() => label(region, 'Beta β').isDisabled()).toBe(true);
    await label(region, 'Strategy').selectOption('effective');
    await expect.poll(() => label(region, 'Beta β').isDisabled()).toBe(false);
    for (const position of [1, 2, 3.5, 4]) {
      await label(region, 'Beta β').fill(String(position));
      await expectWeights(region, [900, 100], { strategy: 'effective', beta: 1 - 10 ** -position });
    }
    await label(region, 'Beta β').fill('2');
    await label(region, 'Beta β').focus();
    await session.page.keyboard.press('ArrowRight');
    await expectWeights(region, [900, 100], { strategy: 'effective', beta: 1 - 10 ** -2.05 });
    await label(region, 'Strategy').selectOption('inverse');
  });

  test('bad counts get a message next to the field; out-of-range counts are clamped to 1 ... 10000', async () => {
    const region = await widget(session.page, TITLE);
    await setCounts(region, [900, 100]);
    const field = label(region, 'Count of class 1');
    const message = region.locator(`#${await field.getAttribute('aria-describedby')}`);
    await field.fill('lots');
    await expect.poll(() => message.textContent()).toMatch(/whole number from 1 to 10000/);
    expect(await field.getAttribute('aria-invalid')).not.toBeNull();
    await expectWeights(region, [900, 100], { strategy: 'inverse' }); // unchanged, never NaN
    await field.fill('20000');
    await expectWeights(region, [10000, 100], { strategy: 'inverse' });
    await expect.poll(() => message.textContent()).toMatch(/Using 10000/);
    await field.fill('0');
    await expectWeights(region, [1, 100], { strategy: 'inverse' });
    await field.fill('900');
    await expect.poll(() => message.textContent()).toBe('');
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await expectWeights(region, [900, 100], { strategy: 'inverse' });
  });

  test('Weighted mean loss divides by the total weight of the targets (PyTorch), not by the batch size', async () => {
    const region = await widget(session.page, TITLE);
    // Two classes 900 / 100: logits (2, 0) three times, true classes 0, 0, 1.
    await setCounts(region, [900, 100]);
    await label(region, 'Strategy').selectOption('inverse');
    let weight = core.classWeights([900, 100], { strategy: 'inverse' });
    let logits = [2, 0, 2, 0, 2, 0];
    let target = [0, 0, 1];
    await expect.poll(() => numberValue(region, 'Weighted mean loss'))
      .toBeCloseTo(core.crossEntropy(logits, target, { classes: 2, weight }).loss, 12);
    expect(await numberValue(region, 'Mean loss without weights')).toBeCloseTo(core.crossEntropy(logits, target, { classes: 2 }).loss, 12);
    const sum = core.crossEntropy(logits, target, { classes: 2, weight, reduction: 'sum' }).loss;
    expect(await numberValue(region, 'Weighted sum ÷ batch size')).toBeCloseTo(sum / 3, 12);
    expect(await numberValue(region, 'Weighted mean loss')).toBeCloseTo(sum / (weight[0] * 2 + weight[1]), 12);
    // Three classes with the majority in the middle and the minority last: logit 2 sits on class 2.
    await setCounts(region, [50, 500, 5]);
    await label(region, 'Strategy').selectOption('inverse_sqrt');
    weight = core.classWeights([50, 500, 5], { strategy: 'inverse_sqrt', beta: 0.999 });
    logits = [0, 2, 0, 0, 2, 0, 0, 2, 0];
    target = [1, 1, 2];
    await expect.poll(() => numberValue(region, 'Weighted mean loss'))
      .toBeCloseTo(core.crossEntropy(logits, target, { classes: 3, weight }).loss, 12);
    expect(await numberValue(region, 'Weighted sum ÷ batch size'))
      .toBeCloseTo(core.crossEntropy(logits, target, { classes: 3, weight, reduction: 'sum' }).loss / 3, 12);
    await label(region, 'Strategy').selectOption('inverse');
  });

  test('first view: the default run trains by itself and both plots draw', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=class-weighting-lab');
    const region = await widget(page, TITLE);
    await expectRun(region, expectedRun(2, 9, 'inverse', 0.999));
    expect(await emptyFigures(region)).toEqual([]);
    expect(await markersOutside(region)).toEqual([]);
    await expect.poll(() => region.locator('.ll-caption').textContent()).toMatch(/the weighted net finds more of the rare class 2: recall/);
    expect(await layoutProblems(page, 'class-weighting-lab')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    const phone = await openPage(browser, 'embed.html?widget=class-weighting-lab', { viewport: { width: 375, height: 800 } });
    const small = await widget(phone.page, TITLE);
    await expect.poll(() => numberValue(small, 'Training steps'), { timeout: 30_000 }).toBe(300);
    expect(await layoutProblems(phone.page, 'class-weighting-lab')).toEqual([]);
    const [figureTop, controlsTop] = await Promise.all([small.locator('.ll-figures').boundingBox(),
      small.locator('.ll-controls').boundingBox()]).then((b) => b.map((x) => x.y));
    expect(figureTop).toBeLessThan(controlsTop);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  test('Train: both nets reach 300 steps; recall and accuracy match the same trainers run in Node', async () => {
    const region = await widget(session.page, TITLE);
    await expect.poll(() => numberValue(region, 'Training steps'), { timeout: 30_000 }).toBe(300); // the first-view run
    await setCounts(region, [900, 100]);
    await label(region, 'Strategy').selectOption('inverse');
    await region.getByRole('button', { name: 'Train' }).click();
    const expected = expectedRun(2, 9, 'inverse', 0.999);
    await expectRun(region, expected);
    // The weighted net finds more of the rare class.
    expect(expected.weighted.recall).toBeGreaterThan(expected.plain.recall);
    // Both canvases show regions and points (many colours, not blank).
    const colours = await region.locator('canvas').evaluateAll((canvases) => canvases.map((c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return seen.size;
    }));
    expect(colours).toHaveLength(2);
    for (const n of colours) expect(n).toBeGreaterThan(20);
    // Changing a setting marks the run as stale instead of pretending it matches.
    await label(region, 'Strategy').selectOption('inverse_sqrt');
    await expect.poll(() => region.getByText(/trained for other settings: press Train/).count()).toBe(1);
    // Four classes with effective-number weights.
    await setCounts(region, [800, 300, 100, 40]);
    await label(region, 'Strategy').selectOption('effective');
    await label(region, 'Beta β').fill('3');
    await region.getByRole('button', { name: 'Train' }).click();
    await expectRun(region, expectedRun(4, 20, 'effective', 1 - 10 ** -3));
    expect(session.problems).toEqual([]);
  });

  test('reduced motion: Train jumps straight to the trained state', async () => {
    const { page, context, problems } = await openPage(browser,
      'embed.html?widget=class-weighting-lab&class-weighting-lab.c2=50', { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await expect.poll(() => numberValue(region, 'Training steps')).toBe(300); // the first-view run, at once
    const steps = await page.evaluate(() => new Promise((resolve) => {
      const host = document.querySelector('class-weighting-lab');
      const seen = [];
      host.addEventListener('ll-rendered', () => {
        const row = [...host.querySelectorAll('.ll-numbers tr')].find((r) => r.cells[0].textContent === 'Training steps');
        const value = row.cells[1].dataset.value;
        if (value !== undefined) seen.push(Number(value));
        if (Number(value) === 300) resolve(seen);
      });
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Train').click();
    }));
    expect(steps).toEqual([300]); // no intermediate frames
    await expectRun(region, expectedRun(2, 18, 'inverse', 0.999));
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no axe violations; every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    const region = await widget(page, TITLE);
    await expect.poll(() => numberValue(region, 'Training steps'), { timeout: 30_000 }).toBe(300);
    await setCounts(region, [900, 100]);
    await label(region, 'Strategy').selectOption('effective');
    await expect.poll(() => label(region, 'Beta β').isDisabled()).toBe(false);
    expect(await axeViolations(page, 'class-weighting-lab')).toEqual([]);
    const sweep = await sweepControl(page, 'class-weighting-lab', 'Beta β', Array.from({ length: 21 }, (_, i) => 1 + 0.15 * i));
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    // Training: both nets step (12 steps each a frame, two 64 x 64 grids, two canvases) and repaint as they go.
    const training = await page.evaluate(() => new Promise((resolve) => {
      const host = document.querySelector('class-weighting-lab');
      const stamps = [];
      const t0 = performance.now();
      host.addEventListener('ll-rendered', function onRendered() {
        stamps.push(performance.now());
        if (host.run?.finished) {
          host.removeEventListener('ll-rendered', onRendered);
          const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
          resolve({ frames: stamps.length, gap: gaps[gaps.length >> 1], total: stamps.at(-1) - t0 });
        }
      });
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Train').click();
    }));
    expect(training.frames).toBeGreaterThan(2); // training is shown as motion: many repaints, not one jump
    expect(problems).toEqual([]);
  });
});
