// The Calibration lab, driven by its labels, against the core computed in Node on the same synthetic set (the
// widget's own seeded generator, data.js): ECE and NLL before and after dividing the logits by T, the fitted
// temperature, and an accuracy that temperature scaling never changes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { syntheticSet } from '../../web/src/widgets/calibration-lab/data.js';
import { curveTemperatures, nllCurve } from '../../web/src/widgets/calibration-lab/compute.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl } from './browser.js';
import { emptyFigures, layoutProblems, markersOutside, numberValue, sweepSliders } from './figb-checks.js';

const TITLE = 'Calibration';
const CLASSES = 4;
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=calibration-lab');
});
afterAll(async () => browser?.close());

const label = (region, text) => region.getByLabel(text, { exact: true });

/** What the readouts should say, from the core in Node; accuracy counted here from the softmax independently. */
function expected({ samples = 1000, seed = 1, overconfidence = 2.5, bins = 10, temperature = 1 }) {
  const set = syntheticSet(core, { samples, seed });
  const logits = set.logits.map((v) => v * overconfidence);
  const at = (z) => {
    const probs = core.softmax(z, { classes: CLASSES });
    let right = 0;
    for (let i = 0; i < samples; i++) {
      const row = Array.from(probs.subarray(i * CLASSES, (i + 1) * CLASSES));
      if (row.indexOf(Math.max(...row)) === set.labels[i]) right += 1;
    }
    return { ...core.ece(probs, set.labels, { classes: CLASSES, bins }),
      nll: core.crossEntropy(z, set.labels, { classes: CLASSES }).loss, accuracy: right / samples };
  };
  return { before: at(logits), after: at(logits.map((v) => v / temperature)),
    fit: core.fitTemperature(logits, set.labels, { classes: CLASSES }) };
}

async function expectReadouts(region, e) {
  await expect.poll(() => readValue(region, 'ECE')).toBeCloseTo(e.before.ece, 12);
  await expect.poll(() => readValue(region, 'ECE after scaling')).toBeCloseTo(e.after.ece, 12);
  expect(await numberValue(region, 'NLL before')).toBeCloseTo(e.before.nll, 12);
  expect(await readValue(region, 'NLL after')).toBeCloseTo(e.after.nll, 12);
  expect(await numberValue(region, 'NLL after')).toBe(await readValue(region, 'NLL after'));
  expect(await numberValue(region, 'Accuracy')).toBeCloseTo(e.before.accuracy, 12);
  // Dividing by T keeps every argmax: the accuracy is the same number exactly.
  expect(await numberValue(region, 'Accuracy after scaling')).toBe(await numberValue(region, 'Accuracy'));
}

describe(TITLE, () => {
  test('ECE, NLL and accuracy follow Overconfidence and Bins', async () => {
    const region = await widget(session.page, TITLE);
    await expectReadouts(region, expected({}));
    for (const [overconfidence, bins] of [[1, 15], [4, 5], [0.5, 20], [2, 10]]) {
      await label(region, 'Bins').selectOption(String(bins));
      await label(region, 'Overconfidence').fill(String(overconfidence));
      await expectReadouts(region, expected({ overconfidence, bins }));
      // One accuracy bar per non-empty bin, and the count labels add up to N.
      const e = expected({ overconfidence, bins });
      const filled = e.before.bins.filter((b) => b.count > 0).length;
      const diagram = region.locator('.cal-diagram').first();
      expect(await diagram.locator('rect.cal-bar').count()).toBe(filled);
      const labels = await diagram.locator('.cal-count-label text').allTextContents();
      expect(labels.map(Number).reduce((a, b) => a + b, 0)).toBe(1000);
    }
    // Overconfident logits: ECE well above that of the calibrated model at x 1.
    expect(expected({ overconfidence: 2 }).before.ece).toBeGreaterThan(2 * expected({ overconfidence: 1 }).before.ece);
  });

  test('Temperature T divides the logits: NLL after and ECE after scaling follow, accuracy does not move', async () => {
    const region = await widget(session.page, TITLE);
    await label(region, 'Bins').selectOption('10');
    await label(region, 'Overconfidence').fill('3');
    for (const temperature of [0.25, 1.5, 3, 5]) {
      await label(region, 'Temperature T').fill(String(temperature));
      await expectReadouts(region, expected({ overconfidence: 3, temperature }));
    }
    // By keyboard: 1 -> 1.02.
    await label(region, 'Temperature T').fill('1');
    await label(region, 'Temperature T').focus();
    await session.page.keyboard.press('ArrowRight');
    await session.page.keyboard.press('ArrowRight');
    await expectReadouts(region, expected({ overconfidence: 3, temperature: 1.02 }));
  });

  test('Fit temperature sets T from core.fitTemperature; NLL and ECE drop', async () => {
    const region = await widget(session.page, TITLE);
    await label(region, 'Bins').selectOption('15');
    await label(region, 'Overconfidence').fill('2.5');
    await expect.poll(() => readValue(region, 'ECE')).toBeCloseTo(expected({ bins: 15 }).before.ece, 12);
    expect(await label(region, 'Fitted temperature').getAttribute('data-value')).toBeNull();
    await region.getByRole('button', { name: 'Fit temperature' }).click();
    const e = expected({ bins: 15 });
    await expect.poll(() => readValue(region, 'Fitted temperature')).toBeCloseTo(e.fit.temperature, 12);
    await expectReadouts(region, expected({ bins: 15, temperature: e.fit.temperature }));
    expect(await readValue(region, 'NLL after')).toBeCloseTo(e.fit.nllAfter, 9);
    expect(await numberValue(region, 'NLL before')).toBeCloseTo(e.fit.nllBefore, 9);
    expect(await readValue(region, 'NLL after')).toBeLessThan(await numberValue(region, 'NLL before'));
    // The NLL-versus-T curve marks the fit (inside the plot), labelled with its T to 3 significant figures.
    const fitLabel = region.locator('.ll-marker[data-concept="good"] text');
    const s3 = (v) => String(Number(v.toPrecision(3)));
    await expect.poll(() => fitLabel.textContent()).toBe(`fit T = ${s3(e.fit.temperature)}: ${s3(e.fit.nllAfter)}`);
    expect(await markersOutside(region)).toEqual([]);
    expect(await readValue(region, 'ECE after scaling')).toBeLessThan(await readValue(region, 'ECE'));
    // The logits were made 2.5x too confident; the fit lands near 2.5.
    expect(e.fit.temperature).toBeGreaterThan(2.2);
    expect(e.fit.temperature).toBeLessThan(2.8);
    // A new overconfidence makes the old fit meaningless: it is cleared, not shown.
    await label(region, 'Overconfidence').fill('2');
    await expect.poll(() => label(region, 'Fitted temperature').getAttribute('data-value')).toBeNull();
  });

  test('the NLL curve (one batched call) is core.crossEntropy of logits / T at each T, bit for bit', () => {
    const set = syntheticSet(core, { samples: 1000, seed: 1 });
    const logits = set.logits.map((v) => v * 2.5);
    const curve = nllCurve(core, logits, set.labels, CLASSES, [0.25, 5]);
    expect(curve.x).toEqual(curveTemperatures([0.25, 5]));
    expect(curve.y).toEqual(curve.x.map((t) => core.crossEntropy(logits.map((v) => v / t), set.labels,
      { classes: CLASSES }).loss));
  });

  test('dragging Overconfidence: the readouts answer at once, the exact curve follows', async () => {
    const region = await widget(session.page, TITLE);
    await label(region, 'Temperature T').fill('1');
    await label(region, 'Overconfidence').fill('3.5');
    await expectReadouts(region, expected({ overconfidence: 3.5 }));
    // Once idle, the curve's lowest point is the one of the exact curve for these logits.
    const set = syntheticSet(core, { samples: 1000, seed: 1 });
    const curve = nllCurve(core, set.logits.map((v) => v * 3.5), set.labels, CLASSES, [0.25, 5]);
    const lowest = curve.x[curve.y.indexOf(Math.min(...curve.y))];
    await expect.poll(() => region.locator('.cal-diagram-title').last().textContent())
      .toBe(`NLL against T: lowest near T = ${Number(lowest.toPrecision(3))}`);
  });

  test('Samples and New sample draw another set (the seed is in the URL)', async () => {
    const region = await widget(session.page, TITLE);
    await label(region, 'Bins').selectOption('10');
    await label(region, 'Overconfidence').fill('2.5');
    await label(region, 'Temperature T').fill('2');
    await label(region, 'Samples').selectOption('300');
    await expectReadouts(region, expected({ samples: 300, temperature: 2 }));
    await region.getByRole('button', { name: 'New sample' }).click();
    await expectReadouts(region, expected({ samples: 300, seed: 2, temperature: 2 }));
    await expect.poll(() => new URL(session.page.url()).searchParams.get('calibration-lab.seed')).toBe('2');
    await label(region, 'Samples').selectOption('3000');
    await expectReadouts(region, expected({ samples: 3000, seed: 2, temperature: 2 }));
    expect(session.problems).toEqual([]);
  });

  test('predict, then reveal: the fitted temperature lands above 1 for overconfident logits', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=calibration-lab');
    const region = await widget(page, TITLE);
    const objective = page.evaluate(() => new Promise((resolve) => document.addEventListener('ll-objective',
      (e) => resolve(e.detail), { once: true })));
    const fieldset = region.getByRole('group', { name: 'Predict: Where will the fitted temperature land?' });
    await fieldset.getByLabel('Below 1', { exact: true }).check();
    await fieldset.getByRole('button', { name: 'Commit prediction' }).click();
    await region.getByRole('button', { name: 'Fit temperature' }).click();
    const e = expected({});
    await expect.poll(() => readValue(region, 'Fitted temperature')).toBeCloseTo(e.fit.temperature, 12);
    expect(await objective).toEqual({ objective: 'calibration', correct: false, source: 'predict:calibration-lab' });
    await expect.poll(() => fieldset.textContent()).toContain(`The fit landed at T = ${Number(e.fit.temperature.toPrecision(3))}; the logits had been scaled by × 2.5.`);
    // Underconfident logits (x 0.5): the fit lands below 1.
    await label(region, 'Overconfidence').fill('0.5');
    await region.getByRole('button', { name: 'Fit temperature' }).click();
    await expect.poll(() => readValue(region, 'Fitted temperature')).toBeLessThan(0.9);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('figure rules: no empty plot on first view, markers inside after sweeping, 375 px layout', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=calibration-lab');
    const region = await widget(page, TITLE);
    expect(await emptyFigures(region)).toEqual([]);
    // The legend names the underconfidence fill too.
    expect(await region.locator('.cal-legend li').allTextContents()).toContain('gap: underconfident (accuracy above confidence)');
    await sweepSliders(region, ['Overconfidence', 'Temperature T']);
    // Underconfident logits and T = 0.25 draw hatched gaps inside the bars.
    await label(region, 'Overconfidence').fill('0.5');
    await expect.poll(() => region.locator('rect.cal-under').count()).toBeGreaterThan(0);
    expect(await layoutProblems(page, 'calibration-lab')).toEqual([]);
    await context.close();
    const phone = await openPage(browser, 'embed.html?widget=calibration-lab', { viewport: { width: 375, height: 800 } });
    const small = await widget(phone.page, TITLE);
    expect(await emptyFigures(small)).toEqual([]);
    expect(await layoutProblems(phone.page, 'calibration-lab')).toEqual([]);
    // The figure comes before the controls.
    const [figureTop, controlsTop] = await Promise.all([small.locator('.ll-figures').boundingBox(),
      small.locator('.ll-controls').boundingBox()]).then((b) => b.map((x) => x.y));
    expect(figureTop).toBeLessThan(controlsTop);
    expect(phone.problems).toEqual([]);
    expect(problems).toEqual([]);
    await phone.context.close();
  });

  test('state from the URL', async () => {
    const { page, context, problems } = await openPage(browser,
      'embed.html?widget=calibration-lab&calibration-lab.overconfidence=1.5&calibration-lab.bins=20&calibration-lab.temperature=0.8');
    const region = await widget(page, TITLE);
    await expectReadouts(region, expected({ overconfidence: 1.5, bins: 20, temperature: 0.8 }));
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no axe violations; every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    const region = await widget(page, TITLE);
    await label(region, 'Samples').selectOption('1000');
    await expect.poll(() => region.locator('.cal-count-label').first().locator('text').allTextContents()
      .then((t) => t.map(Number).reduce((a, b) => a + b, 0))).toBe(1000);
    expect(await axeViolations(page, 'calibration-lab')).toEqual([]);
    const sweeps = [
      await sweepControl(page, 'calibration-lab', 'Temperature T', Array.from({ length: 21 }, (_, i) => 0.5 + 0.2 * i)),
      await sweepControl(page, 'calibration-lab', 'Overconfidence', Array.from({ length: 21 }, (_, i) => 0.5 + 0.15 * i)),
    ];
    for (const sweep of sweeps) {
      expect(sweep.renders).toBeGreaterThanOrEqual(sweep.inputs); // one render per input (the NLL curve may add one)
      expect(sweep.distinct).toBeGreaterThan(1);
    }
    expect(problems).toEqual([]);
  });
});
