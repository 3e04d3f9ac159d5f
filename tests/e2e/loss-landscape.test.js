// The 3D Loss Landscape ("Same model, two losses"), driven by its labels and compared with the core computed in
// Node: every readout after a race is the core's descentPath for mseSigmoid / bceWithLogits at the same settings;
// the "Confidently wrong start" preset gives cross-entropy the clearly higher accuracy; the race is drawn over >= 20
// frames for 50 steps (and jumps to the end under reduced motion); both WebGL views are drawn, not blank, and turn
// together by the arrow keys; the contour maps move the start; the single surfaces stay in the Surface selector.
// three.js is not requested before the widget is near the viewport; without WebGL the maps carry the picture.
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, baseUrl, expectReadoutsToSettle, launchBrowser, openPage, readValue, widget } from './browser.js';

const TITLE = '3D Loss Landscape';
const PRESET = { w: -6, b: 3, optimizer: 'sgd', lr: 1, steps: 50 }; // state.js PRESET, the race's defaults
let browser, core, session;

beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=loss-landscape');
});
afterAll(async () => browser?.close());

// Under browser.js's --disable-gpu, Chromium composites in software and reads every WebGL frame back, logging
// "GPU stall due to ReadPixels" as a console warning. It comes from the test browser's flags, not from the page.
const realProblems = (problems) => problems.filter((p) => !/GPU stall due to ReadPixels/.test(p));

/** The core's race at these settings: one path per loss, as the widget computes them. */
function race({ w, b, optimizer, lr, steps }) {
  const options = { optimizer, learningRate: lr, steps, start: [w, b] };
  return { mse: core.descentPath('mseSigmoid', options), ce: core.descentPath('bceWithLogits', options) };
}

/** The four race readouts and Steps taken, as the core says they are after `k` steps. */
function expected({ mse, ce }, k) {
  return { 'MSE loss': mse.loss[k], 'Cross-entropy loss': ce.loss[k], 'MSE accuracy': mse.accuracy[k],
    'Cross-entropy accuracy': ce.accuracy[k], 'Steps taken': k };
}

async function setControls(region, { surface, optimizer, lr, w, b, steps }) {
  if (surface !== undefined) await region.getByLabel('Surface', { exact: true }).selectOption(surface);
  if (optimizer !== undefined) await region.getByLabel('Optimizer', { exact: true }).selectOption(optimizer);
  if (lr !== undefined) await region.getByLabel('Learning rate', { exact: true }).fill(String(lr));
  if (steps !== undefined) await region.getByLabel('Steps', { exact: true }).fill(String(steps));
  if (w !== undefined) await region.getByLabel(/^Start (w|z₁)$/).fill(String(w));
  if (b !== undefined) await region.getByLabel(/^Start (b|z₂)$/).fill(String(b));
}

/** Resolves when the race that was just started has ended (the widget's ll-race-end), or at once if none runs. */
const raceEnd = (page) => page.locator('loss-landscape').evaluate((host) => new Promise((resolve) => {
  if (!host.animation) resolve();
  else host.addEventListener('ll-race-end', resolve, { once: true });
}));

async function runRace(page, region) {
  await region.getByRole('button', { name: 'Run descent' }).click();
  await page.waitForTimeout(50);
  await raceEnd(page);
}

/**
 * Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Playwright's screenshots are) to RGBA bytes: inflate the
 * IDAT stream, then undo the per-row filters (PNG spec section 9: None, Sub, Up, Average, Paeth).
 */
function decodePng(png) {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = { 2: 3, 6: 4 }[png[25]];
  if (png[24] !== 8 || !channels || png[28] !== 0) throw new Error('decodePng: only 8-bit RGB/RGBA, no interlace');
  const chunks = [];
  for (let o = 8; o < png.length;) {
    const length = png.readUInt32BE(o);
    if (png.toString('ascii', o + 4, o + 8) === 'IDAT') chunks.push(png.subarray(o + 8, o + 8 + length));
    o += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      row[i] = (line[i] + predictor) & 255;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) out[4 * (y * width + x) + k] = row[x * channels + k];
      out[4 * (y * width + x) + 3] = channels === 4 ? row[x * channels + 3] : 255;
    }
    previous = row;
  }
  return { width, height, pixels: out };
}

/** A screenshot of one 3D view's box (the shared canvas draws over it): pixels, size, colour count, luminance std. */
async function readView(page, index) {
  const { width, height, pixels } = decodePng(
    await page.locator('loss-landscape .ll-landscape-stage').nth(index).screenshot());
  const colours = new Set();
  let sum = 0;
  let squares = 0;
  for (let p = 0; p < pixels.length; p += 4) {
    const [r, g, b] = [pixels[p], pixels[p + 1], pixels[p + 2]];
    colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
    const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += lum;
    squares += lum * lum;
  }
  const n = width * height;
  return { pixels, w: width, h: height, colours: colours.size, std: Math.sqrt(squares / n - (sum / n) ** 2) };
}

/** The fraction of pixels whose colour differs by more than 8 levels in some channel. */
function changed(a, b) {
  if (a.w !== b.w || a.h !== b.h) return 1;
  let count = 0;
  for (let p = 0; p < a.pixels.length; p += 4) {
    if (Math.max(...[0, 1, 2].map((k) => Math.abs(a.pixels[p + k] - b.pixels[p + k]))) > 8) count += 1;
  }
  return count / (a.w * a.h);
}

async function waitFor3d(page) {
  await page.locator('loss-landscape .ll-landscape-stage.is-3d').first().waitFor();
  await page.locator('loss-landscape canvas.ll-view-canvas').waitFor();
}

describe('3D Loss Landscape: same model, two losses', () => {
  test('two views named MSE and cross-entropy; the start readouts are the core\'s losses and accuracies', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    expect(await region.getByRole('figure', { name: /MSE/ }).count()).toBeGreaterThanOrEqual(1);
    expect(await region.getByRole('figure', { name: /cross-entropy/i }).count()).toBeGreaterThanOrEqual(1);
    expect(await region.getByRole('application', { name: /MSE/ }).count()).toBe(1);
    expect(await region.getByRole('application', { name: /cross-entropy/i }).count()).toBe(1);
    // The default view is the preset, not yet run: step 0.
    await expectReadoutsToSettle(region, expected(race(PRESET), 0));
    // Colour keys: each view its own min and max, printed.
    const keys = await region.locator('.ll-landscape-key').allTextContents();
    expect(keys[0]).toMatch(/^MSE:.*min [\d.]+.*max [\d.]+/);
    expect(keys[1]).toMatch(/^Cross-entropy:.*min [\d.]+.*max [\d.]+/);
    expect(keys[0]).not.toEqual(keys[1].replace('Cross-entropy', 'MSE'));
    // Both grids (96 x 96, over [-8, 8]^2) as the core computes them: the Numbers table keeps the exact min / max.
    for (const [kind, label] of [['mseSigmoid', 'MSE'], ['bceWithLogits', 'Cross-entropy']]) {
      const grid = core.createSurface(96);
      grid.compute(kind, { n: 96, extent: [-8, 8, -8, 8] });
      const { min, max } = grid.stats();
      grid.dispose();
      const cell = (name) => region.locator('.ll-numbers tr', { hasText: `${label}: grid ${name}` }).locator('td');
      expect(Number(await cell('minimum').getAttribute('data-value'))).toBe(min);
      expect(Number(await cell('maximum').getAttribute('data-value'))).toBe(max);
    }
  });

  test('Confidently wrong start: cross-entropy reaches a clearly higher accuracy; the caption says so with both numbers', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await setControls(region, { optimizer: 'adam', lr: 0.3, w: 2, b: 2, steps: 120 }); // move away first
    await region.getByRole('button', { name: 'Confidently wrong start' }).click();
    await expectReadoutsToSettle(region, expected(race(PRESET), 0));
    expect(await region.getByLabel('Start w', { exact: true }).inputValue()).toBe(String(PRESET.w));
    expect(await region.getByLabel('Learning rate', { exact: true }).inputValue()).toBe(String(PRESET.lr));
    expect(await region.getByLabel('Steps', { exact: true }).inputValue()).toBe(String(PRESET.steps));
    const core50 = race(PRESET);
    // The model is confidently wrong at the start: most points misclassified.
    expect(core50.ce.accuracy[0]).toBeLessThan(0.25);
    await runRace(page, region);
    await expectReadoutsToSettle(region, expected(core50, PRESET.steps));
    const [mseAccuracy, ceAccuracy] = [core50.mse.accuracy[50], core50.ce.accuracy[50]];
    expect(ceAccuracy - mseAccuracy).toBeGreaterThanOrEqual(0.25); // the lesson, clearly
    const text = await region.locator('.ll-caption').textContent();
    const pct = (v) => `${Number((100 * v).toPrecision(3))}%`;
    expect(text).toContain(pct(ceAccuracy));
    expect(text).toContain(pct(mseAccuracy));
    expect(text).toMatch(/cross-entropy/i);
    console.log(`loss-landscape preset race: start (w, b) = (${PRESET.w}, ${PRESET.b}), ${PRESET.optimizer}, lr ${PRESET.lr}, `
      + `${PRESET.steps} steps: cross-entropy accuracy ${ceAccuracy} (loss ${core50.ce.loss[50]}), MSE accuracy `
      + `${mseAccuracy} (loss ${core50.mse.loss[50]}); at the start accuracy ${core50.ce.accuracy[0]}, losses MSE `
      + `${core50.mse.loss[0]}, cross-entropy ${core50.ce.loss[0]}`);
    expect(realProblems(session.problems)).toEqual([]);
  });

  test('every control by its label: the readouts follow core.descentPath for each optimiser and setting', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    const runs = [
      { optimizer: 'momentum', lr: 0.2, w: -4, b: 4, steps: 80 },
      { optimizer: 'adam', lr: 0.3, w: -6, b: 3, steps: 50 },
      { optimizer: 'sgd', lr: 2.5, w: 5, b: -6.5, steps: 30 },
    ];
    for (const run of runs) {
      await setControls(region, run);
      // After a race the path follows the controls at once (whole path): every change is one core call per loss.
      await runRace(page, region);
      await expectReadoutsToSettle(region, expected(race(run), run.steps));
    }
    // The Log scale checkbox changes the heights and keys, never the numbers.
    const before = await readValue(region, 'Cross-entropy loss');
    await region.getByLabel('Log scale', { exact: true }).check();
    await expect.poll(() => region.locator('.ll-landscape-key').first().textContent()).toMatch(/log scale/);
    expect(await readValue(region, 'Cross-entropy loss')).toBe(before);
    await region.getByLabel('Log scale', { exact: true }).uncheck();
    await expect.poll(() => region.locator('.ll-landscape-key').first().textContent()).not.toMatch(/log scale/);
  });

  test('the race is drawn over at least 20 frames for 50 steps, with the steps growing on screen', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await waitFor3d(page);
    await region.getByRole('button', { name: 'Confidently wrong start' }).click();
    await expectReadoutsToSettle(region, expected(race(PRESET), 0));
    const seen = await page.locator('loss-landscape').evaluate(async (host) => {
      const taken = () => Number(host.querySelector('[data-readout="steps-taken"] output').dataset.value);
      const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Run descent');
      const canvasFrames0 = host.viewRenderer.frames;
      const values = [];
      button.click();
      await new Promise((resolve) => {
        const watch = () => {
          values.push(taken());
          if (host.animation || values.length < 3) requestAnimationFrame(watch);
          else resolve();
        };
        requestAnimationFrame(watch);
      });
      return { raceFrames: host.raceFrames, canvasFrames: host.viewRenderer.frames - canvasFrames0, values };
    });
    expect(seen.raceFrames).toBeGreaterThanOrEqual(20);
    expect(seen.canvasFrames).toBeGreaterThanOrEqual(20);
    const between = new Set(seen.values.filter((v) => v > 0 && v < 50));
    expect(between.size).toBeGreaterThanOrEqual(10); // Steps taken grew through many values
    expect(seen.values.at(-1)).toBe(50);
    // The loss-per-step plot has grown one line per loss over all 51 entries.
    const lines = region.locator('.ll-landscape-lossplot path.ll-line');
    for (const id of ['mse', 'ce']) {
      const d = await lines.and(region.locator(`[data-series="${id}"]`)).getAttribute('d');
      expect(d.split(/[ML]/).filter(Boolean).length).toBe(51);
    }
    await expectReadoutsToSettle(region, expected(race(PRESET), 50));
  });

  test('both 3D views are drawn, not blank, and turn together by the arrow keys; Home and Reset view restore them', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await waitFor3d(page);
    await page.waitForTimeout(300);
    const home = [await readView(page, 0), await readView(page, 1)];
    for (const view of home) {
      expect(view.w).toBeGreaterThan(300);
      expect(view.colours).toBeGreaterThan(100); // a colour map, shading, labels: far from one flat fill
      expect(view.std).toBeGreaterThan(15);
    }
    expect(changed(home[0], home[1])).toBeGreaterThan(0.05); // two different surfaces
    const mseView = region.getByRole('application', { name: /MSE/ });
    await mseView.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(100);
    const turned = [await readView(page, 0), await readView(page, 1)];
    expect(changed(home[0], turned[0])).toBeGreaterThan(0.05);
    expect(changed(home[1], turned[1])).toBeGreaterThan(0.05); // the linked view turned too
    const azimuths = await page.locator('loss-landscape').evaluate((h) => h.scenes.map((s) => s.azimuth()));
    expect(Math.abs(azimuths[0] - azimuths[1])).toBeLessThan(1e-9);
    await page.keyboard.press('Home');
    await page.waitForTimeout(100);
    expect(changed(home[0], await readView(page, 0))).toBeLessThan(0.002);
    expect(changed(home[1], await readView(page, 1))).toBeLessThan(0.002);
    // The other view drives too: arrows and zoom on the cross-entropy view move the MSE view.
    await region.getByRole('application', { name: /cross-entropy/i }).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('+');
    await page.waitForTimeout(100);
    expect(changed(home[0], await readView(page, 0))).toBeGreaterThan(0.05);
    await region.getByRole('button', { name: 'Reset view' }).click();
    await page.waitForTimeout(100);
    expect(changed(home[0], await readView(page, 0))).toBeLessThan(0.002);
    expect(changed(home[1], await readView(page, 1))).toBeLessThan(0.002);
    // A mouse drag on one view turns both.
    const box = await region.getByRole('application', { name: /MSE/ }).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width / 2 + 15 * i, box.y + box.height / 2);
    await page.mouse.up();
    await page.waitForTimeout(100);
    const dragged = await page.locator('loss-landscape').evaluate((h) => h.scenes.map((s) => s.azimuth()));
    expect(Math.abs(dragged[0] - azimuths[0])).toBeGreaterThan(0.1);
    expect(Math.abs(dragged[0] - dragged[1])).toBeLessThan(1e-9);
    await region.getByRole('button', { name: 'Reset view' }).click();
    await region.getByRole('button', { name: 'Reset view' }).click();
    expect(realProblems(session.problems)).toEqual([]);
  });

  test('touch: a one-finger horizontal swipe on one view turns both (vertical swipes are left to page scrolling)', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=loss-landscape', { hasTouch: true });
    const region = await widget(page, TITLE);
    await waitFor3d(page);
    expect(await region.getByRole('application', { name: /cross-entropy/i }).evaluate((e) => e.style.touchAction))
      .toBe('pan-y');
    const box = await region.getByRole('application', { name: /cross-entropy/i }).boundingBox();
    const before = await page.locator('loss-landscape').evaluate((h) => h.scenes.map((s) => s.azimuth()));
    const cdp = await context.newCDPSession(page);
    const y = box.y + box.height / 2;
    const at = (f) => [{ x: box.x + box.width * f, y, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.3) });
    for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.3 + 0.04 * i) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(200);
    const after = await page.locator('loss-landscape').evaluate((h) => h.scenes.map((s) => s.azimuth()));
    expect(Math.abs(after[1] - before[1])).toBeGreaterThan(0.1);
    expect(Math.abs(after[0] - after[1])).toBeLessThan(1e-9);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  test('clicking a contour map moves the shared start; the maps carry the text alternative with the path', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    const map = region.getByRole('img', { name: /^Contour map of Binary cross-entropy/ });
    const box = await map.boundingBox();
    // The plot area is the map's clip rectangle; click 3/4 across and 1/4 down: w = 4, b = 4 on [-8, 8]^2.
    const area = await map.locator('clipPath rect').evaluate((r) => ({ x: +r.getAttribute('x'), y: +r.getAttribute('y'),
      width: +r.getAttribute('width'), height: +r.getAttribute('height') }));
    await page.mouse.click(box.x + area.x + 0.75 * area.width, box.y + area.y + 0.25 * area.height);
    await expect.poll(async () => Number(await region.getByLabel('Start w', { exact: true }).inputValue()))
      .toBeCloseTo(4, 0);
    const w = Number(await region.getByLabel('Start w', { exact: true }).inputValue());
    const b = Number(await region.getByLabel('Start b', { exact: true }).inputValue());
    expect(b).toBeCloseTo(4, 0);
    const state = await page.locator('loss-landscape').evaluate((h) => h.state);
    expect(state.w).toBeCloseTo(w, 1);
    expect(state.b).toBeCloseTo(b, 1);
    const settings = { optimizer: state.optimizer, lr: state.lr, steps: state.steps, w: state.w, b: state.b };
    await expectReadoutsToSettle(region, expected(race(settings), state.descent ? state.steps : 0));
    const described = await region.getByRole('img', { name: /^Contour map of MSE/ }).locator('title').textContent();
    expect(described).toMatch(/lowest [\d.]+ at w = /);
    expect(described).toMatch(/accuracy [\d.]+%/);
  });

  test('reduced motion: Run descent jumps to the end and draws the whole path at once', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=loss-landscape',
      { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await waitFor3d(page);
    const result = await page.locator('loss-landscape').evaluate(async (host) => {
      const rendered = new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Run descent').click();
      await rendered;
      const d = host.querySelector('.ll-contour-path').getAttribute('d');
      return { animation: host.animation, points: d.split(/[ML]/).filter(Boolean).length };
    });
    expect(result).toEqual({ animation: 0, points: 51 });
    await expectReadoutsToSettle(region, expected(race(PRESET), 50));
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  test('predict, then reveal: the committed prediction is marked after the race and reported as ll-objective', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=loss-landscape');
    const region = await widget(page, TITLE);
    const objective = page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('ll-objective', (e) => resolve(e.detail), { once: true });
    }));
    const group = region.getByRole('group', { name: /Which loss reaches the higher accuracy/ });
    await group.getByLabel('Cross-entropy', { exact: true }).check();
    await group.getByRole('button', { name: 'Commit prediction' }).click();
    await runRace(page, region);
    expect(await objective).toMatchObject({ objective: 'landscape', correct: true });
    expect(await group.locator('.ll-predict-result').textContent()).toMatch(/^Right/);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  test('the Surface selector keeps the single surfaces, each with its own caption and core loss', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    const cases = [
      ['crossEntropy', 'Cross-entropy loss', 2.5, -3, (x, y) => core.crossEntropy([x, y, 0], [0]).loss],
      ['mse', 'MSE loss', 1.2, -0.5, (w, b) => lineLoss('mse', w, b)],
      ['l1', 'L1 loss', -2, 3, (w, b) => lineLoss('l1', w, b)],
      ['huber', 'Huber loss', 3, 1, (w, b) => lineLoss('huber', w, b)],
    ];
    const captions = new Set();
    for (const [surface, label, x, y, loss] of cases) {
      await setControls(region, { surface, w: x, b: y });
      await expect.poll(async () => Math.abs(await readValue(region, label) - loss(x, y))).toBeLessThan(1e-12);
      expect(await region.getByRole('application').count()).toBe(1);
      expect(await region.getByLabel('MSE accuracy', { exact: true }).isVisible()).toBe(false);
      captions.add(await region.locator('.ll-caption').textContent());
    }
    expect(captions.size).toBe(cases.length);
    await region.getByRole('button', { name: 'Confidently wrong start' }).click();
    await expect.poll(() => region.getByLabel('Surface', { exact: true }).inputValue()).toBe('pair');
    await expectReadoutsToSettle(region, expected(race(PRESET), 0));
  });

  test('no axe violations; no console errors under the CSP; drag frame rate (measured, not asserted)', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    await waitFor3d(page);
    expect(await axeViolations(page, 'loss-landscape')).toEqual([]);
    const fps = await dragFrameRate(page);
    console.log(`loss-landscape: dragging the 3D view at 1280 px (embed): ${fps.raf} rAF frames/s, ${fps.drawn} `
      + `canvas frames/s (both views, one shared canvas ${fps.canvas}), SwiftShader, 2 shared cores`);
    expect(realProblems(problems)).toEqual([]);
    // The same on the section page (the widget in the 48rem text column), when the build has it.
    const html = await (await fetch(new URL('index.html', baseUrl()))).text().catch(() => '');
    if (html.includes('<loss-landscape')) {
      const section = await openPage(browser, 'index.html');
      await widget(section.page, TITLE);
      await waitFor3d(section.page);
      const onPage = await dragFrameRate(section.page);
      console.log(`loss-landscape: dragging the 3D view at 1280 px (section page): ${onPage.raf} rAF frames/s, `
        + `${onPage.drawn} canvas frames/s (shared canvas ${onPage.canvas})`);
      await section.context.close();
    }
  });

  test('three.js is not requested before the widget is near the viewport (embed page below a tall spacer)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const scripts = [];
    page.on('response', async (response) => {
      if (!/\.js(\?|$)/.test(response.url())) return;
      const body = await response.text().catch(() => '');
      scripts.push({ url: response.url(), three: body.includes('WebGLRenderer') });
    });
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        const spacer = document.createElement('div');
        spacer.id = 'test-spacer';
        spacer.style.height = '4000px';
        document.body.prepend(spacer);
      });
    });
    await page.goto(new URL('embed.html?widget=loss-landscape', baseUrl()).href, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    expect(await page.locator('#test-spacer').count()).toBe(1);
    expect(scripts.filter((s) => s.three || /three/i.test(s.url))).toEqual([]);
    expect(await page.locator('loss-landscape canvas').count()).toBe(0);
    await page.locator('loss-landscape').scrollIntoViewIfNeeded();
    await waitFor3d(page);
    const three = scripts.filter((s) => s.three);
    expect(three.length).toBe(1);
    expect(three[0].url).toMatch(/three-scene-[\w-]+\.js$/);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  test('without WebGL, the contour maps carry both surfaces and paths; everything else works', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function getContext(type, ...rest) {
        return /webgl/.test(type) ? null : original.call(this, type, ...rest);
      };
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
    const requested = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(new URL('embed.html?widget=loss-landscape', baseUrl()).href, { waitUntil: 'load' });
    const region = await widget(page, TITLE);
    await expect.poll(() => region.locator('.ll-landscape-instructions').textContent()).toMatch(/WebGL is not available/);
    await runRace(page, region);
    await expectReadoutsToSettle(region, expected(race(PRESET), 50));
    for (const name of [/^Contour map of MSE/, /^Contour map of Binary cross-entropy/]) {
      const map = region.getByRole('img', { name });
      expect(await map.isVisible()).toBe(true);
      expect(await map.locator('.ll-contour-band').count()).toBeGreaterThan(5);
      expect((await map.locator('.ll-contour-path').getAttribute('d')).length).toBeGreaterThan(200);
    }
    expect(await region.getByRole('application').count()).toBe(0); // nothing to rotate: no tab stop
    expect(requested.filter((url) => /three/i.test(url))).toEqual([]);
    expect(realProblems(problems)).toEqual([]);
    expect(await axeViolations(page, 'loss-landscape')).toEqual([]);
    await context.close();
  });

  test('disconnecting frees the WebGL context and the core grids; reconnecting rebuilds both', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=loss-landscape');
    const region = await widget(page, TITLE);
    await waitFor3d(page);
    const freed = await page.evaluate(() => {
      const host = document.querySelector('loss-landscape');
      const canvas = host.querySelector('canvas.ll-view-canvas');
      const gl = canvas.getContext('webgl2');
      const grids = host.grids;
      const parent = host.parentNode;
      host.remove();
      const result = { lost: gl.isContextLost(), gridsDisposed: grids.every((g) => g.disposed),
        scenes: host.scenes.length, canvasAttached: canvas.isConnected };
      parent.append(host);
      return result;
    });
    expect(freed).toEqual({ lost: true, gridsDisposed: true, scenes: 0, canvasAttached: false });
    await waitFor3d(page);
    await setControls(region, { w: 1, b: 1 });
    const settings = { ...PRESET, w: 1, b: 1 };
    await expectReadoutsToSettle(region, expected(race(settings), 0));
    await page.waitForTimeout(300);
    expect((await readView(page, 0)).std).toBeGreaterThan(15);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});

/** The mean loss of the line w x + b on the regression surfaces' data, by the core's own loss function. */
function lineLoss(name, w, b) {
  const data = core.surfaceData(name, {});
  return core[name](Array.from(data.x, (x) => w * x + b), data.y).loss;
}

/**
 * A rAF counter while a drag runs on the first view: one pointermove per animation frame, dispatched in the page
 * (the test driver's round trips would otherwise set the rate), for 3 s. Returns frames per second.
 */
async function dragFrameRate(page) {
  return page.locator('loss-landscape').evaluate(async (host) => {
    const stage = host.views[0].stage;
    const r = stage.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const send = (type, x, y) => stage.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1,
      pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y }));
    send('pointerdown', cx, cy);
    const drawn0 = host.viewRenderer.frames;
    let frames = 0;
    const t0 = performance.now();
    await new Promise((resolve) => {
      const tick = () => {
        frames += 1;
        const t = performance.now() - t0;
        send('pointermove', cx + 150 * Math.sin(t / 300), cy + 20 * Math.cos(t / 500));
        if (t < 3000) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const seconds = (performance.now() - t0) / 1000;
    send('pointerup', cx, cy);
    host.scenes[0].resetView();
    const { width, height } = host.viewRenderer.canvas;
    return { raf: (frames / seconds).toFixed(1), drawn: ((host.viewRenderer.frames - drawn0) / seconds).toFixed(1),
      canvas: `${width} x ${height}` };
  });
}
