// The Debugging Lab, driven by its labels: each scenario sets the knobs and shows its first 20 steps by itself,
// Train 20 steps runs 20 more, and the readouts match a trainer with the same config run in Node to 1e-12. The explode scenario really reaches a
// non-finite value and the lab reports where (checked against the trainer's own record); the diagnosis changes
// with the failure; Play, Pause, Reset and reduced motion behave; no console errors (the NaN is the lesson).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, sweepControl, widget } from './browser.js';
import { emptyFigures, layoutProblems, markersOutside, numberValue, sweepSliders } from './figb-checks.js';

const TITLE = 'Debugging Lab';
// Written out here rather than imported, so a change to the lab's network shows up as a failing test.
const NETWORK = { dataset: 'moons', samples: 200, hidden: [32, 32, 32, 32], optimizer: 'sgd', batchSize: 0, seed: 1 };
const KNOBS = {
  healthy: { learningRate: 0.1, activation: 'relu', initScale: 1 },
  high: { learningRate: 10, activation: 'relu', initScale: 1 },
  low: { learningRate: 1e-4, activation: 'relu', initScale: 1 },
  saturated: { learningRate: 0.01, activation: 'sigmoid', initScale: 15 },
  dead: { learningRate: 1.5, activation: 'relu', initScale: 1 },
};
const SCENARIO_TEXT = {
  healthy: 'Healthy',
  high: 'Learning rate too high (explodes to NaN)',
  low: 'Learning rate too low (plateau)',
  saturated: 'Saturated sigmoid (large init)',
  dead: 'Dead ReLUs',
};

let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=debugging-lab');
});
afterAll(async () => browser?.close());

const FIRST_STEPS = 20; // a fresh run shows this many steps by itself, in 4-step blocks, stopping at the end of the block with a NaN

/** The records a trainer with these knobs produces in `steps` steps, run in Node. */
function expectedRun(knobs, steps) {
  const trainer = core.createTrainer({ ...NETWORK, clipNorm: 0, ...knobs });
  const records = trainer.step(steps);
  const first = trainer.firstNonFinite();
  trainer.dispose();
  return { records, last: records.at(-1), first };
}

/** Steps a fresh run takes by itself: 20, or up to the end of the 4-step slice that met the first NaN. */
function firstSteps(knobs) {
  const { first } = expectedRun(knobs, FIRST_STEPS);
  return first ? Math.min(FIRST_STEPS, 4 * Math.ceil(first.step / 4)) : FIRST_STEPS;
}

const diagnosisCode = (region) => region.getByLabel('Diagnosis', { exact: true }).getAttribute('data-value');
const text = (region, label) => region.getByLabel(label, { exact: true }).textContent();
/** The shown text of a row of the Numbers table. */
const numberText = (region, label) => region.locator('.ll-numbers tr').evaluateAll((rows, wanted) =>
  rows.find((r) => r.cells[0].textContent === wanted)?.cells[1].textContent, label);

/** Compares a number, NaN included (a NaN shown on purpose is part of the lesson). */
function expectSame(actual, expected) {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(actual).toBeCloseTo(expected, 12);
}

async function expectAt(region, knobs, steps) {
  const { last } = expectedRun(knobs, steps);
  expectSame(await readValue(region, 'Loss'), last.loss);
  expectSame(await readValue(region, 'Gradient norm'), last.gradNorm);
  expectSame(await readValue(region, 'Accuracy'), last.accuracy);
}

/** Waits for the fresh run of these knobs to show its first steps (matching the trainer in Node). */
async function settle(region, knobs) {
  const steps = firstSteps(knobs);
  const { last } = expectedRun(knobs, steps);
  await expect.poll(async () => [await readValue(region, 'Steps'), await readValue(region, 'Loss')])
    .toEqual([steps, Number.isNaN(last.loss) ? NaN : expect.closeTo(last.loss, 12)]);
  await expectAt(region, knobs, steps);
  return steps;
}

async function trainAndCheck(region, knobs) {
  const before = await readValue(region, 'Steps');
  await region.getByRole('button', { name: 'Train 20 steps' }).click();
  await expect.poll(() => readValue(region, 'Steps')).toBe(before + 20);
  await expectAt(region, knobs, before + 20);
}

const scenario = (region, id) => region.getByLabel('Scenario', { exact: true }).selectOption({ label: SCENARIO_TEXT[id] });

describe('Debugging Lab', () => {
  test('the first view shows the first 20 steps; Train 20 steps matches the trainer run in Node', async () => {
    const region = await widget(session.page, TITLE);
    await settle(region, KNOBS.healthy);
    expect(await diagnosisCode(region)).toBe('healthy');
    expect(await numberText(region, 'First non-finite value')).toBe('none');
    expect(await emptyFigures(region)).toEqual([]);
    // The caption states the live numbers.
    const { records } = expectedRun(KNOBS.healthy, 20);
    const s3 = (v) => String(Number(v.toPrecision(3)));
    expect(await region.locator('.ll-caption').textContent())
      .toContain(`In 20 steps the loss fell from ${s3(records[0].loss)} to ${s3(records[19].loss)}`);
    await trainAndCheck(region, KNOBS.healthy);
    await trainAndCheck(region, KNOBS.healthy);
    expect(await diagnosisCode(region)).toBe('healthy');
  });

  test('the explode scenario reaches a non-finite value and reports where', async () => {
    const region = await widget(session.page, TITLE);
    await scenario(region, 'high');
    // The scenario's knobs reach the sliders on the next render: poll rather than read once.
    await expect.poll(() => region.getByLabel('Learning rate', { exact: true }).getAttribute('aria-valuetext')).toBe('10');
    const shown = await settle(region, KNOBS.high); // a knob change restarts the run; it stops at the NaN
    expect(shown).toBeLessThan(FIRST_STEPS);
    await trainAndCheck(region, KNOBS.high);
    const { records, first } = expectedRun(KNOBS.high, 20);
    expect(first).not.toBeNull();
    // The lab numbers layers from 1 (first hidden) to 5 (output); the trainer from 0.
    const record = records[first.step - 1].nonFinite;
    expect(record).toEqual({ stage: first.stage, layer: first.layer });
    const where = first.layer === 4 ? 'layer 5, the output layer' : `layer ${first.layer + 1}`;
    expect(await numberText(region, 'First non-finite value')).toBe(`step ${first.step}, ${where} (${first.stage})`);
    expect(await numberValue(region, 'First non-finite step')).toBe(first.step);
    expect(await diagnosisCode(region)).toBe('nan');
    expect(await text(region, 'Diagnosis')).toContain(`step ${first.step}`);
    // The loss curve stops there and marks the step; the caption says so.
    await expect.poll(() => region.locator('.dl-nan-marker text').textContent()).toBe(`first NaN/Inf: step ${first.step}`);
    expect(await region.locator('.ll-caption').textContent()).toContain(`At step ${first.step} a NaN or Infinity appeared`);
    expect(session.problems).toEqual([]);
  });

  test('the diagnosis changes with the failure; the saturated preset saturates without a huge loss', async () => {
    const region = await widget(session.page, TITLE);
    const seen = new Map();
    for (const [id, expected] of [['low', 'too-low'], ['saturated', 'vanishing'], ['dead', 'dead'], ['healthy', 'healthy']]) {
      await scenario(region, id);
      await settle(region, KNOBS[id]);
      await trainAndCheck(region, KNOBS[id]);
      expect(await diagnosisCode(region)).toBe(expected);
      seen.set(id, await text(region, 'Diagnosis'));
      if (id === 'saturated') {
        const { records } = expectedRun(KNOBS.saturated, 40);
        // Saturation shows (most of one layer's activations on the flat tails) with an ordinary loss, not 96.
        expect(Math.max(...records.map((r) => r.loss))).toBeLessThan(10);
        const saturated = Math.max(...records[39].activations.map((a) => a.saturated));
        expect(saturated).toBeGreaterThan(0.6);
        const cells = await region.locator('.dl-stats tbody td:nth-child(4)').allTextContents();
        expect(Math.max(...cells.map((c) => parseFloat(c)))).toBeCloseTo(100 * saturated, 0);
        expect(seen.get(id)).toContain(`${Math.round(100 * saturated)} % of layer`);
      }
    }
    expect(new Set(seen.values()).size).toBe(4);
    expect(await numberText(region, 'First non-finite value')).toBe('none');
  });

  test('every knob by its label: a custom run matches the trainer, clipping included', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Activation', { exact: true }).selectOption('tanh');
    await region.getByLabel('Learning rate', { exact: true }).fill('-0.5'); // 10^-0.5 shown as 0.32
    await region.getByLabel('Init scale', { exact: true }).fill('0.3'); // 10^0.3 -> 2
    const clipNorm = region.getByLabel('Clip norm', { exact: true });
    expect(await clipNorm.isDisabled()).toBe(true);
    await region.getByLabel('Gradient clipping', { exact: true }).check();
    await expect.poll(() => clipNorm.isDisabled()).toBe(false);
    await clipNorm.fill('0.5');
    await expect.poll(() => region.getByLabel('Scenario', { exact: true }).inputValue()).toBe('custom');
    const knobs = { learningRate: 0.32, activation: 'tanh', initScale: 2, clipNorm: 0.5 };
    await settle(region, knobs);
    await trainAndCheck(region, knobs);
    expect(expectedRun(knobs, 20).records.some((r) => r.clipped)).toBe(true); // clipping really acted
    // Clipping tames the explosion: learning rate 10 with clip norm 0.5 stays finite.
    await region.getByLabel('Activation', { exact: true }).selectOption('relu');
    await region.getByLabel('Init scale', { exact: true }).fill('0');
    await region.getByLabel('Learning rate', { exact: true }).fill('1');
    const clipped = { learningRate: 10, activation: 'relu', initScale: 1, clipNorm: 0.5 };
    await settle(region, clipped);
    await trainAndCheck(region, clipped);
    expect(expectedRun(clipped, 40).first).toBeNull();
    expect(await numberText(region, 'First non-finite value')).toBe('none');
  });

  test('markers stay inside the plots after sweeping every slider to both ends; 375 px layout', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=debugging-lab');
    const region = await widget(page, TITLE);
    await settle(region, KNOBS.healthy);
    await region.getByLabel('Gradient clipping', { exact: true }).check();
    await sweepSliders(region, ['Learning rate', 'Init scale', 'Clip norm'], async () => {
      await page.waitForTimeout(200); // the first steps of the fresh run
    });
    expect(await layoutProblems(page, 'debugging-lab')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    const phone = await openPage(browser, 'embed.html?widget=debugging-lab&debugging-lab.lr=10', { viewport: { width: 375, height: 800 } });
    const small = await widget(phone.page, TITLE);
    await expect.poll(() => diagnosisCode(small)).toBe('nan');
    expect(await emptyFigures(small)).toEqual([]);
    expect(await layoutProblems(phone.page, 'debugging-lab')).toEqual([]);
    const [figureTop, controlsTop] = await Promise.all([small.locator('.ll-figures').boundingBox(),
      small.locator('.ll-controls').first().boundingBox()]).then((b) => b.map((x) => x.y));
    expect(figureTop).toBeLessThan(controlsTop);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  test('Play trains frame by frame and stops by itself at the first NaN; Pause and Reset', async () => {
    const region = await widget(session.page, TITLE);
    await scenario(region, 'healthy');
    await settle(region, KNOBS.healthy);
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readValue(region, 'Steps'), { timeout: 20_000 }).toBeGreaterThan(60);
    await region.getByRole('button', { name: 'Pause' }).click();
    const paused = await readValue(region, 'Steps');
    await session.page.waitForTimeout(300);
    expect(await readValue(region, 'Steps')).toBe(paused);
    expectSame(await readValue(region, 'Loss'), expectedRun(KNOBS.healthy, paused).last.loss);

    await scenario(region, 'high');
    const shown = await settle(region, KNOBS.high);
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => region.getByRole('button', { name: 'Play' }).count()).toBe(1);
    const stopped = await readValue(region, 'Steps');
    expect(stopped).toBeLessThanOrEqual(shown + 4); // one 4-step frame: the NaN is already there
    await session.page.waitForTimeout(300);
    expect(await readValue(region, 'Steps')).toBe(stopped);

    await region.getByRole('button', { name: 'Reset' }).click();
    await settle(region, KNOBS.high); // a fresh trainer, its first steps again
    expect(await diagnosisCode(region)).toBe('nan');
    expect(session.problems).toEqual([]);
  });

  test('reduced motion: the first steps and Play come at once, no animation', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=debugging-lab', { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await settle(region, KNOBS.healthy);
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readValue(region, 'Steps')).toBe(220);
    expect(await region.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expectSame(await readValue(region, 'Loss'), expectedRun(KNOBS.healthy, 220).last.loss);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no axe violations (light, dark, after a NaN); every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    const region = await widget(page, TITLE);
    await scenario(region, 'high');
    await expect.poll(() => diagnosisCode(region)).toBe('nan');
    expect(await axeViolations(page, 'debugging-lab')).toEqual([]);
    const dark = await openPage(browser, 'embed.html?widget=debugging-lab', { colorScheme: 'dark' });
    const darkRegion = await widget(dark.page, TITLE);
    await settle(darkRegion, KNOBS.healthy);
    await darkRegion.getByRole('button', { name: 'Train 20 steps' }).click();
    await expect.poll(() => readValue(darkRegion, 'Steps')).toBe(40);
    expect(await axeViolations(dark.page, 'debugging-lab')).toEqual([]);
    expect(dark.problems).toEqual([]);
    await dark.context.close();

    await scenario(region, 'healthy');
    await settle(region, KNOBS.healthy);
    // A knob restarts the run (a new trainer) and answers each input with one render.
    const sweep = await sweepControl(page, 'debugging-lab', 'Learning rate', Array.from({ length: 21 }, (_, i) => -2 + 0.05 * i));
    expect(sweep.renders).toBeGreaterThanOrEqual(sweep.inputs); // the first steps may add renders of their own
    expect(sweep.distinct).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });
});
