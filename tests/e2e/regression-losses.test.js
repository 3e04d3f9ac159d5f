// The Regression Losses widget, driven by its sliders like a reader with a keyboard would, compared with the
// core (MSE, L1, Huber, Smooth L1 with reduction 'none') computed in Node.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl } from './browser.js';
import { expectFigureRules, markersOutside, readNumber } from './figa-checks.js';

const TITLE = 'Regression Losses';
const NAMES = { mse: 'MSE', l1: 'L1', huber: 'Huber', smoothL1: 'Smooth L1' };
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=regression-losses');
});
afterAll(async () => browser?.close());

function expected(e, delta, beta) {
  const options = { mse: {}, l1: {}, huber: { delta }, smoothL1: { beta } };
  const out = {};
  for (const [id, o] of Object.entries(options)) {
    // A prediction e against target 0; 'sum' of one element is that element's loss, its gradient dL/de.
    const { loss, grad } = core[id]([e], [0], { ...o, reduction: 'sum' });
    out[id] = { loss, grad: grad[0] };
  }
  return out;
}

async function set(region, label, value) {
  await region.getByLabel(label, { exact: true }).fill(String(value));
}

// Losses are the four readout cards; gradients live in the Numbers table (and beside the dots on the figure).
async function matches(region, e, delta, beta) {
  const want = expected(e, delta, beta);
  for (const [id, name] of Object.entries(NAMES)) {
    if (Math.abs(await readValue(region, `${name} loss`) - want[id].loss) > 1e-12) return false;
    if (Math.abs(await readNumber(region, `${name} loss`) - want[id].loss) > 1e-12) return false;
    if (Math.abs(await readNumber(region, `${name} gradient`) - want[id].grad) > 1e-12) return false;
  }
  return true;
}

describe('Regression Losses defaults', () => {
  test('δ = 2 and β = 0.5 by default, so Huber and Smooth L1 are different, visible curves', async () => {
    const region = await widget(session.page, TITLE);
    expect(await region.getByLabel('Delta δ', { exact: true }).inputValue()).toBe('2');
    expect(await region.getByLabel('Beta β', { exact: true }).inputValue()).toBe('0.5');
    await expect.poll(() => matches(region, 2.5, 2, 0.5)).toBe(true);
    const loss = region.locator('figure.ll-plot').first();
    const d = (id) => loss.locator(`path[data-series="${id}"]`).getAttribute('d');
    expect(await d('huber')).not.toBe(await d('smoothL1'));
    // Each series is named at its line end, and the off-scale MSE gradient (5 > 4.2) is pinned with its value.
    expect(await loss.locator('.ll-end-label').allTextContents()).toEqual(expect.arrayContaining(['MSE', 'L1', 'Huber', 'Smooth L1']));
    const grad = region.locator('figure.ll-plot').nth(1);
    expect(await grad.locator('.ll-marker[data-off] text').allTextContents()).toEqual(['5']);
    expect(await markersOutside(region)).toEqual([]);
  });
});

describe('Regression Losses', () => {
  test('readouts follow the Error, Delta δ and Beta β sliders', async () => {
    const region = await widget(session.page, TITLE);
    for (const [e, delta, beta] of [[1.5, 1, 1], [-3.2, 0.5, 2], [0.3, 2.5, 0.1], [0, 1, 1], [4, 3, 0], [-4, 0.1, 3],
      [0.75, 1.5, 1.5], [-2.5, 0.8, 0]]) {
      await set(region, 'Delta δ', delta);
      await set(region, 'Beta β', beta);
      await set(region, 'Error', e);
      await expect.poll(() => matches(region, e, delta, beta), { message: `e=${e} δ=${delta} β=${beta}` }).toBe(true);
      const want = expected(e, delta, beta);
      const shown = Number(await region.getByLabel('Huber loss', { exact: true }).textContent());
      expect(Math.abs(shown - want.huber.loss)).toBeLessThanOrEqual(Math.abs(want.huber.loss) * 1e-5 + 1e-12);
    }
  });

  test('β = 0 is exactly L1; δ = β shows huber(δ) = δ · smoothL1(β = δ)', async () => {
    const region = await widget(session.page, TITLE);
    await set(region, 'Error', -2.5);
    await set(region, 'Beta β', 0);
    await expect.poll(() => readValue(region, 'Smooth L1 loss')).toBe(2.5);
    expect(await readNumber(region, 'Smooth L1 gradient')).toBe(await readNumber(region, 'L1 gradient'));
    expect(await readValue(region, 'Smooth L1 loss')).toBe(await readValue(region, 'L1 loss'));

    await set(region, 'Delta δ', 1.5);
    await set(region, 'Beta β', 1.5);
    await set(region, 'Error', 0.75);
    await expect.poll(() => matches(region, 0.75, 1.5, 1.5)).toBe(true);
    const huber = await readValue(region, 'Huber loss');
    const smooth = await readValue(region, 'Smooth L1 loss');
    expect(huber).toBeCloseTo(1.5 * smooth, 12);
    const note = region.locator('p.ll-caption');
    expect(await note.textContent()).toMatch(/Now δ = β = 1\.5: Huber loss 0\.28125 = δ × Smooth L1 loss/);
    await set(region, 'Beta β', 1);
    await expect.poll(() => note.textContent()).toMatch(/set β equal to δ/);
  });

  test('sliders move by keyboard', async () => {
    const region = await widget(session.page, TITLE);
    await set(region, 'Delta δ', 1);
    await set(region, 'Beta β', 1);
    const slider = region.getByLabel('Error', { exact: true });
    await slider.fill('1');
    await slider.focus();
    await session.page.keyboard.press('ArrowRight');
    await session.page.keyboard.press('ArrowRight');
    await expect.poll(() => matches(region, 1.1, 1, 1)).toBe(true);
    await region.getByLabel('Delta δ', { exact: true }).focus();
    await session.page.keyboard.press('ArrowLeft');
    await expect.poll(() => matches(region, 1.1, 0.95, 1)).toBe(true);
  });

  test('both plots draw four curves and mark the current error', async () => {
    const region = await widget(session.page, TITLE);
    const plots = region.locator('figure.ll-plot');
    expect(await plots.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const paths = plots.nth(i).locator('path.ll-line');
      expect(await paths.count()).toBe(4);
      for (let j = 0; j < 4; j++) expect((await paths.nth(j).getAttribute('d')).length).toBeGreaterThan(100);
      expect(await plots.nth(i).locator('.ll-marker').count()).toBe(4);
    }
  });

  test('state comes from the URL and is clamped', async () => {
    const { page, context, problems } = await openPage(browser,
      'embed.html?widget=regression-losses&regression-losses.e=-9&regression-losses.delta=2&regression-losses.beta=0.5');
    const region = await widget(page, TITLE);
    await expect.poll(() => matches(region, -4, 2, 0.5)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('figure rules: markers inside after sweeping the sliders, no empty plot, 375 px layout', async () => {
    await expectFigureRules(browser, session, 'regression-losses', TITLE);
  });

  test('no console errors, no axe violations; every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    expect(await axeViolations(page, 'regression-losses')).toEqual([]);
    const sweep = await sweepControl(page, 'regression-losses', 'Error', Array.from({ length: 21 }, (_, i) => -4 + 0.35 * i));
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    expect(problems).toEqual([]);
  });
});
