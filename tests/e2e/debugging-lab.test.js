// The Debugging Lab, driven by its labels: each scenario sets the knobs, Train 20 steps runs the trainer, and the
// readouts match a trainer with the same config run in Node to 1e-12. The explode scenario really reaches a
// non-finite value and the lab reports where (checked against the trainer's own record); the diagnosis changes
// with the failure; Play, Pause, Reset and reduced motion behave; no console errors (the NaN is the lesson).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget } from './browser.js';

const TITLE = 'Debugging Lab';
// Written out here rather than imported, so a change to the lab's network shows up as a failing test.
const NETWORK = { dataset: 'moons', samples: 200, hidden: [32, 32, 32, 32], optimizer: 'sgd', batchSize: 0, seed: 1 };
const KNOBS = {
  healthy: { learningRate: 0.1, activation: 'relu', initScale: 1 },
  high: { learningRate: 10, activation: 'relu', initScale: 1 },
  low: { learningRate: 1e-4, activation: 'relu', initScale: 1 },
  saturated: { learningRate: 0.1, activation: 'sigmoid', initScale: 300 },
  dead: { learningRate: 1.5, activation: 'relu', initScale: 1 },
};
const SCENARIO_TEXT = {
  healthy: 'Healthy',
  high: 'Learning rate too high (explodes to NaN)',
  low: 'Learning rate too low (plateau)',
  saturated: 'Saturated sigmoid init (vanishing gradients)',
  dead: 'Dead ReLUs',
};

let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=debugging-lab');
});
afterAll(async () => browser?.close());

/** The records a trainer with these knobs produces in `steps` steps, run in Node. */
function expectedRun(knobs, steps) {
  const trainer = core.createTrainer({ ...NETWORK, clipNorm: 0, ...knobs });
  const records = trainer.step(steps);
  const first = trainer.firstNonFinite();
  trainer.dispose();
  return { records, last: records.at(-1), first };
}

const diagnosisCode = (region) => region.getByLabel('Diagnosis', { exact: true }).getAttribute('data-value');
const text = (region, label) => region.getByLabel(label, { exact: true }).textContent();

/** Compares a number, NaN included (a NaN shown on purpose is part of the lesson). */
function expectSame(actual, expected) {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(actual).toBeCloseTo(expected, 12);
}

async function trainAndCheck(region, knobs, steps) {
  const before = await readValue(region, 'Steps');
  await region.getByRole('button', { name: 'Train 20 steps' }).click();
  await expect.poll(() => readValue(region, 'Steps')).toBe(before + 20);
  const { last } = expectedRun(knobs, steps);
  expectSame(await readValue(region, 'Loss'), last.loss);
  expectSame(await readValue(region, 'Gradient norm'), last.gradNorm);
  expectSame(await readValue(region, 'Accuracy'), last.accuracy);
}

describe('Debugging Lab', () => {
  test('starts idle; Train 20 steps matches the trainer run in Node', async () => {
    const region = await widget(session.page, TITLE);
    expect(await readValue(region, 'Steps')).toBe(0);
    expect(await diagnosisCode(region)).toBe('idle');
    expect(await text(region, 'First non-finite value')).toBe('none');
    await trainAndCheck(region, KNOBS.healthy, 20);
    await trainAndCheck(region, KNOBS.healthy, 40);
    expect(await diagnosisCode(region)).toBe('healthy');
  });

  test('the explode scenario reaches a non-finite value and reports where', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Scenario', { exact: true }).selectOption({ label: SCENARIO_TEXT.high });
    await expect.poll(() => readValue(region, 'Steps')).toBe(0); // a knob change restarts the run
    expect(await region.getByLabel('Learning rate', { exact: true }).getAttribute('aria-valuetext')).toBe('10');
    await trainAndCheck(region, KNOBS.high, 20);
    const { records, first } = expectedRun(KNOBS.high, 20);
    expect(first).not.toBeNull();
    // The lab numbers layers from 1 (first hidden) to 5 (output); the trainer from 0.
    const record = records[first.step - 1].nonFinite;
    expect(record).toEqual({ stage: first.stage, layer: first.layer });
    const where = first.layer === 4 ? 'layer 5, the output layer' : `layer ${first.layer + 1}`;
    expect(await text(region, 'First non-finite value')).toBe(`step ${first.step}, ${where} (${first.stage})`);
    expect(await readValue(region, 'First non-finite value')).toBe(first.step);
    expect(await diagnosisCode(region)).toBe('nan');
    expect(await text(region, 'Diagnosis')).toContain(`step ${first.step}`);
    // The loss curve stops there and marks the step.
    await expect.poll(() => region.locator('.dl-nan-marker text').textContent()).toBe(`first NaN/Inf: step ${first.step}`);
    expect(session.problems).toEqual([]);
  });

  test('the diagnosis changes with the failure', async () => {
    const region = await widget(session.page, TITLE);
    const seen = new Map();
    for (const [id, expected] of [['low', 'too-low'], ['saturated', 'vanishing'], ['dead', 'dead'], ['healthy', 'healthy']]) {
      await region.getByLabel('Scenario', { exact: true }).selectOption({ label: SCENARIO_TEXT[id] });
      await expect.poll(() => readValue(region, 'Steps')).toBe(0);
      await trainAndCheck(region, KNOBS[id], 20);
      expect(await diagnosisCode(region)).toBe(expected);
      seen.set(id, await text(region, 'Diagnosis'));
    }
    expect(new Set(seen.values()).size).toBe(4);
    expect(await text(region, 'First non-finite value')).toBe('none');
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
    expect(await region.getByLabel('Scenario', { exact: true }).inputValue()).toBe('custom');
    await expect.poll(() => readValue(region, 'Steps')).toBe(0);
    const knobs = { learningRate: 0.32, activation: 'tanh', initScale: 2, clipNorm: 0.5 };
    await trainAndCheck(region, knobs, 20);
    expect(expectedRun(knobs, 20).records.some((r) => r.clipped)).toBe(true); // clipping really acted
    // Clipping tames the explosion: learning rate 10 with clip norm 0.5 stays finite for 20 steps.
    await region.getByLabel('Activation', { exact: true }).selectOption('relu');
    await region.getByLabel('Init scale', { exact: true }).fill('0');
    await region.getByLabel('Learning rate', { exact: true }).fill('1');
    await expect.poll(() => readValue(region, 'Steps')).toBe(0);
    const clipped = { learningRate: 10, activation: 'relu', initScale: 1, clipNorm: 0.5 };
    await trainAndCheck(region, clipped, 20);
    expect(expectedRun(clipped, 20).first).toBeNull();
    expect(await text(region, 'First non-finite value')).toBe('none');
  });

  test('Play trains frame by frame and stops by itself at the first NaN; Pause and Reset', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Scenario', { exact: true }).selectOption({ label: SCENARIO_TEXT.healthy });
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readValue(region, 'Steps'), { timeout: 20_000 }).toBeGreaterThan(40);
    await region.getByRole('button', { name: 'Pause' }).click();
    const paused = await readValue(region, 'Steps');
    await session.page.waitForTimeout(300);
    expect(await readValue(region, 'Steps')).toBe(paused);
    expectSame(await readValue(region, 'Loss'), expectedRun(KNOBS.healthy, paused).last.loss);

    await region.getByLabel('Scenario', { exact: true }).selectOption({ label: SCENARIO_TEXT.high });
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => diagnosisCode(region), { timeout: 10_000 }).toBe('nan');
    await expect.poll(() => region.getByRole('button', { name: 'Play' }).count()).toBe(1);
    const stopped = await readValue(region, 'Steps');
    expect(stopped).toBeLessThan(20); // within a few 4-step frames of step 7
    await session.page.waitForTimeout(300);
    expect(await readValue(region, 'Steps')).toBe(stopped);

    await region.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => readValue(region, 'Steps')).toBe(0);
    expect(await text(region, 'First non-finite value')).toBe('none');
    expect(await diagnosisCode(region)).toBe('idle');
    expect(session.problems).toEqual([]);
  });

  test('reduced motion: Play runs 200 steps at once, no animation', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=debugging-lab', { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await region.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readValue(region, 'Steps')).toBe(200);
    expect(await region.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expectSame(await readValue(region, 'Loss'), expectedRun(KNOBS.healthy, 200).last.loss);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no axe violations (light, dark, after a NaN); input-to-repaint time', async () => {
    const { page, problems } = session;
    const region = await widget(page, TITLE);
    await region.getByLabel('Scenario', { exact: true }).selectOption({ label: SCENARIO_TEXT.high });
    await region.getByRole('button', { name: 'Train 20 steps' }).click();
    await expect.poll(() => diagnosisCode(region)).toBe('nan');
    expect(await axeViolations(page, 'debugging-lab')).toEqual([]);
    const dark = await openPage(browser, 'embed.html?widget=debugging-lab', { colorScheme: 'dark' });
    const darkRegion = await widget(dark.page, TITLE);
    await darkRegion.getByRole('button', { name: 'Train 20 steps' }).click();
    await expect.poll(() => readValue(darkRegion, 'Steps')).toBe(20);
    expect(await axeViolations(dark.page, 'debugging-lab')).toEqual([]);
    expect(dark.problems).toEqual([]);
    await dark.context.close();

    await region.getByLabel('Scenario', { exact: true }).selectOption({ label: SCENARIO_TEXT.healthy });
    const times = await page.evaluate(async () => {
      const host = document.querySelector('debugging-lab');
      const control = (text) => [...host.querySelectorAll('label')].find((l) => l.textContent === text).control;
      const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      const timed = async (act) => {
        const toRendered = [];
        const toFrame = [];
        for (let i = 0; i < 21; i++) {
          const rendered = new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
          const t0 = performance.now();
          act(i);
          await rendered;
          toRendered.push(performance.now() - t0);
          await new Promise(requestAnimationFrame);
          toFrame.push(performance.now() - t0);
        }
        return { rendered: median(toRendered), frame: median(toFrame) };
      };
      // A knob: the input event restarts the run (new trainer) and repaints.
      const lr = control('Learning rate');
      const knob = await timed((i) => {
        lr.value = String(-2 + 0.05 * (i % 20));
        lr.dispatchEvent(new Event('input', { bubbles: true }));
      });
      // A training frame: Train 20 steps = one trainer.step(20) call, then the repaint.
      const train = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Train 20 steps');
      const training = await timed(() => train.click());
      // The synchronous work of one Play frame alone: step(4) + diagnosis, then the drawing.
      const work = [];
      const drawing = [];
      for (let i = 0; i < 21; i++) {
        host.pendingSteps = 4;
        const w0 = performance.now();
        const data = host.compute(host.core, host.state);
        const w1 = performance.now();
        host.render(data, host.state);
        work.push(w1 - w0);
        drawing.push(performance.now() - w1);
      }
      return { knob, training, work: median(work), drawing: median(drawing) };
    });
    const ms = (x) => `${x.toFixed(2)} ms`;
    console.log(`debugging-lab: median input -> ll-rendered / -> next frame: Learning rate slider (new trainer) `
      + `${ms(times.knob.rendered)} / ${ms(times.knob.frame)}; Train 20 steps (one step(20) call) `
      + `${ms(times.training.rendered)} / ${ms(times.training.frame)}; one Play frame alone: step(4) `
      + `${ms(times.work)} + render ${ms(times.drawing)} (21 updates each)`);
    expect(problems).toEqual([]);
  });
});
