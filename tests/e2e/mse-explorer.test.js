// The MSE explorer, driven by its labels (sliders, handles by keyboard and pointer, buttons, checkbox) and compared
// with the core computed in Node on the same seeded data. The fitted lines are checked against closed forms:
// least squares for MSE, the best line through two points for L1 (an L1 optimum always passes through two).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { makePoints } from '../../web/src/widgets/mse-explorer/data.js';
import { schema } from '../../web/src/widgets/mse-explorer/state.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, measureUpdates } from './browser.js';
import { expectFigureRules, readNumber } from './figa-checks.js';

const TITLE = 'MSE Explorer';
const TAG = 'mse-explorer';
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, `embed.html?widget=${TAG}`);
});
afterAll(async () => browser?.close());

/** The line's exact state, as the widget writes it to the URL (defaults are left out of the URL). */
async function lineState(page) {
  const params = new URL(page.url()).searchParams;
  const get = (key) => (params.has(`${TAG}.${key}`) ? Number(params.get(`${TAG}.${key}`)) : schema[key].default);
  return { seed: get('seed'), slope: get('slope'), intercept: get('intercept'), outlier: params.get(`${TAG}.outlier`) === 'true' };
}

function expected({ seed, slope, intercept, outlier }) {
  const { x, y } = makePoints(seed, outlier);
  const predicted = Array.from(x, (xi) => slope * xi + intercept);
  const mse = core.mse(predicted, y);
  return {
    mse: mse.loss,
    rmse: Math.sqrt(mse.loss),
    mae: core.l1(predicted, y).loss,
    gradSlope: mse.grad.reduce((s, g, i) => s + g * x[i], 0),
    gradIntercept: mse.grad.reduce((s, g) => s + g, 0),
  };
}

/** Polls until every readout matches the core on the state in the URL (written at most every 250 ms, so both lag). */
async function expectReadouts(region, page) {
  const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  let state;
  await expect.poll(async () => {
    state = await lineState(page);
    const e = expected(state);
    const got = [await readValue(region, 'MSE'), await readNumber(region, 'RMSE'), await readValue(region, 'MAE'),
      await readValue(region, 'Gradient dMSE/dSlope'), await readValue(region, 'Gradient dMSE/dIntercept')];
    return [e.mse, e.rmse, e.mae, e.gradSlope, e.gradIntercept].every((v, i) => close(got[i], v));
  }).toBe(true);
  return state;
}

function leastSquares({ x, y }) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b) / n;
  const my = y.reduce((a, b) => a + b) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

function bestL1({ x, y }) {
  let best = { loss: Infinity };
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const slope = (y[j] - y[i]) / (x[j] - x[i]);
      const intercept = y[i] - slope * x[i];
      const loss = core.l1(Array.from(x, (v) => slope * v + intercept), y).loss;
      if (loss < best.loss) best = { slope, intercept, loss };
    }
  }
  return best;
}

/** Median "input event to repaint" time over `values` on the slider labelled `label`. */

describe(TITLE, () => {
  test('readouts follow the Slope and Intercept sliders', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await expectReadouts(region, page);
    for (const [slope, intercept] of [[0.5, -0.5], [-1.2, 2], [2.5, -7], [0, 0]]) {
      await region.getByLabel('Slope', { exact: true }).fill(String(slope));
      await region.getByLabel('Intercept', { exact: true }).fill(String(intercept));
      await expect.poll(async () => (await lineState(page)).intercept).toBe(intercept);
      const state = await expectReadouts(region, page);
      expect(state.slope).toBe(slope);
    }
  });

  test('the handles move by keyboard: the line turns about the other handle', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await region.getByLabel('Slope', { exact: true }).fill('0.5');
    await region.getByLabel('Intercept', { exact: true }).fill('1');
    await expect.poll(async () => (await lineState(page)).intercept).toBe(1);
    const left = region.getByRole('slider', { name: 'Left handle', exact: true });
    const right = region.getByRole('slider', { name: 'Right handle', exact: true });
    // Handles sit at x = -3 and x = 3: y = 0.5·(∓3) + 1.
    expect(Number(await left.getAttribute('aria-valuenow'))).toBeCloseTo(-0.5, 12);
    expect(Number(await right.getAttribute('aria-valuenow'))).toBeCloseTo(2.5, 12);
    await left.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await left.getAttribute('aria-valuenow'))).toBeCloseTo(0, 12);
    expect(Number(await right.getAttribute('aria-valuenow'))).toBeCloseTo(2.5, 12);
    const state = await expectReadouts(region, page);
    expect(state.slope).toBeCloseTo(2.5 / 6, 12);
    expect(state.intercept).toBeCloseTo(1.25, 12);
    await right.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    await expect.poll(async () => Number(await right.getAttribute('aria-valuenow'))).toBeCloseTo(1.4, 12);
    await expectReadouts(region, page);
  });

  test('a handle follows a pointer drag', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    const right = region.getByRole('slider', { name: 'Right handle', exact: true });
    const before = Number(await right.getAttribute('aria-valuenow'));
    const box = await right.boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx, cy - 40, { steps: 5 });
    await page.mouse.move(cx, cy - 80, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Number(await right.getAttribute('aria-valuenow'))).toBeGreaterThan(before + 1);
    await expectReadouts(region, page);
  });

  test('Fit runs descent to a zero gradient at the least-squares line', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await region.getByLabel('Slope', { exact: true }).fill('-2');
    await region.getByLabel('Intercept', { exact: true }).fill('4');
    await expect.poll(async () => (await lineState(page)).intercept).toBe(4);
    await region.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect.poll(async () => Math.hypot(await readValue(region, 'Gradient dMSE/dSlope'),
      await readValue(region, 'Gradient dMSE/dIntercept')), { timeout: 15_000 }).toBeLessThan(1e-6);
    const state = await expectReadouts(region, page);
    const ls = leastSquares(makePoints(state.seed, false));
    // |gradient| < 1e-6 puts the parameters within 1e-6 / λmin(Hessian) ≈ 5e-7 of the optimum.
    expect(state.slope).toBeCloseTo(ls.slope, 5);
    expect(state.intercept).toBeCloseTo(ls.intercept, 5);
    const steps = await readNumber(region, 'Descent steps');
    expect(steps).toBeGreaterThan(10);
    expect(steps).toBeLessThanOrEqual(2000);
    // The contour map drew the descent path, ending at the current line's point.
    expect((await region.locator('.mse-contours path.mse-path').getAttribute('d')).length).toBeGreaterThan(50);
  });

  test('Add outlier: three fitted lines, and the MSE one is pulled towards the outlier', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await region.getByLabel('Add outlier', { exact: true }).check();
    await expect.poll(() => region.locator('li[data-fit]').count()).toBe(3);
    const state = await expectReadouts(region, page);
    expect(state.outlier).toBe(true);
    const points = makePoints(state.seed, true);
    const fit = async (id) => {
      const item = region.locator(`li[data-fit="${id}"]`);
      return { slope: Number(await item.getAttribute('data-slope')), intercept: Number(await item.getAttribute('data-intercept')) };
    };
    const [mse, l1, huber] = [await fit('mse'), await fit('l1'), await fit('huber')];
    const ls = leastSquares(points);
    expect(mse.slope).toBeCloseTo(ls.slope, 5);
    expect(mse.intercept).toBeCloseTo(ls.intercept, 5);
    // L1 descent with a decaying step ends within 1e-3 of the exact optimum's MAE.
    const l1Loss = core.l1(Array.from(points.x, (v) => l1.slope * v + l1.intercept), points.y).loss;
    expect(l1Loss - bestL1(points).loss).toBeLessThan(1e-3);
    expect(l1Loss - bestL1(points).loss).toBeGreaterThanOrEqual(0);
    // Huber (delta 1) converged: its gradient in (slope, intercept) is below 1e-6.
    const h = core.huber(Array.from(points.x, (v) => huber.slope * v + huber.intercept), points.y, { delta: 1 });
    const gs = h.grad.reduce((s, g, i) => s + g * points.x[i], 0);
    const gi = h.grad.reduce((s, g) => s + g, 0);
    expect(Math.hypot(gs, gi)).toBeLessThan(1e-6);
    // The outlier sits at x = 4.5, y = -5.5: the MSE line passes closest to it.
    const miss = (f) => Math.abs(f.slope * 4.5 + f.intercept + 5.5);
    expect(miss(mse)).toBeLessThan(miss(huber) - 0.5);
    expect(miss(mse)).toBeLessThan(miss(l1) - 0.5);
    await region.getByLabel('Add outlier', { exact: true }).uncheck();
    await expect.poll(() => region.locator('li[data-fit]').count()).toBe(0);
    await expectReadouts(region, page);
  });

  test('first view: loss contours over (slope, intercept) with the current line as a point', async () => {
    const { page, context, problems } = await openPage(browser, `embed.html?widget=${TAG}`);
    const region = await widget(page, TITLE);
    const contours = region.locator('figure.mse-contours');
    await expect.poll(() => contours.locator('path.mse-band').count()).toBeGreaterThan(5);
    const mse = await readValue(region, 'MSE');
    expect(await contours.locator('g[data-group="current"] .ll-label').textContent()).toBe(`your line: MSE ${Number(mse.toPrecision(3))}`);
    // The bands are nested levels of the core's MSE: the innermost level is below the current line's MSE.
    const levels = await contours.locator('path.mse-band').evaluateAll((ps) => ps.map((p) => Number(p.dataset.level)));
    expect(Math.min(...levels)).toBeLessThan(mse);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('data points can be dragged, and moved by keyboard; the readouts follow the core', async () => {
    const { page, context, problems } = await openPage(browser, `embed.html?widget=${TAG}`);
    const region = await widget(page, TITLE);
    const state = await lineState(page);
    const points = makePoints(state.seed, false);
    // The points and the readouts are read together until they agree: a key press may land between two reads.
    const check = async () => {
      let x, y;
      await expect.poll(async () => {
        const moved = await region.locator('circle.mse-point').evaluateAll((cs) => cs.map((c) => [Number(c.dataset.x), Number(c.dataset.y)]));
        x = moved.map((p) => p[0]);
        y = moved.map((p) => p[1]);
        const want = core.mse(x.map((v) => state.slope * v + state.intercept), y);
        const [loss, gradient] = [await readValue(region, 'MSE'), await readValue(region, 'Gradient dMSE/dIntercept')];
        return Math.abs(loss - want.loss) < 5e-13 && Math.abs(gradient - want.grad.reduce((a, b) => a + b, 0)) < 5e-12;
      }).toBe(true);
      return { x, y };
    };
    const dot = region.getByRole('slider', { name: 'Data point 3', exact: true });
    const box = await dot.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 - 60, { steps: 6 });
    await page.mouse.up();
    let moved = await check();
    expect(moved.y[2]).toBeGreaterThan(points.y[2] + 1); // dragged up by 60 px
    expect(moved.x[2]).toBeGreaterThan(points.x[2]);
    await dot.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const before = moved.y[2];
    moved = await check();
    expect(moved.y[2]).toBeCloseTo(Math.round(before / 0.1) * 0.1 - 0.2, 9);
    // The contour map follows the new data: its levels come from the moved points.
    expect(problems).toEqual([]);
    await context.close();
  });

  test('figure rules: markers inside after sweeping the sliders, no empty plot, 375 px layout', async () => {
    await expectFigureRules(browser, session, TAG, TITLE);
  });

  test('New points draws another seed and the readouts follow', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    const before = (await lineState(page)).seed;
    await region.getByRole('button', { name: 'New points', exact: true }).click();
    await expect.poll(async () => (await lineState(page)).seed).toBe(before + 1);
    await expectReadouts(region, page);
  });

  test('no console errors, no axe violations; update time', async () => {
    const { page, problems } = session;
    expect(await axeViolations(page, TAG)).toEqual([]);
    const values = Array.from({ length: 21 }, (_, i) => (-1 + 0.1 * i).toFixed(2));
    const median = await measureUpdates(page, TAG, 'Slope', values);
    console.log(`${TAG}: median over ${values.length} slider updates: input to ll-rendered ${median.rendered.toFixed(2)} ms, `
      + `to the next frame ${median.frame.toFixed(2)} ms; compute + render alone ${median.work.toFixed(2)} ms`);
    expect(problems).toEqual([]);
  });

  test('state from the URL; reduced motion: Fit jumps to the end', async () => {
    const { page, context, problems } = await openPage(browser,
      `embed.html?widget=${TAG}&${TAG}.seed=42&${TAG}.slope=1.5&${TAG}.intercept=-2`, { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    const state = await expectReadouts(region, page);
    expect(state).toEqual({ seed: 42, slope: 1.5, intercept: -2, outlier: false });
    await region.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect.poll(() => readNumber(region, 'Descent steps'), { timeout: 2_000 }).toBeGreaterThan(0);
    expect(Math.hypot(await readValue(region, 'Gradient dMSE/dSlope'), await readValue(region, 'Gradient dMSE/dIntercept'))).toBeLessThan(1e-6);
    expect(problems).toEqual([]);
    await context.close();
  });
});
