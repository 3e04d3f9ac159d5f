// The 3D Loss Landscape, driven by its labels and compared with the core computed in Node: the start loss is the
// core's loss at the start point, the grid minimum is the surface kernel's, Run descent ends where
// core.descentPath ends. Screenshots of the WebGL canvas show it is not blank and that the arrow keys turn it;
// three.js must not be requested before the widget comes near the viewport; without WebGL the 2D heatmap takes over;
// disconnecting frees the GPU context and the core's grid.
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, baseUrl, launchBrowser, openPage, readValue, widget } from './browser.js';

const TITLE = '3D Loss Landscape';
const GRID = 128;
let browser, core, session;

beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=loss-landscape');
});
afterAll(async () => browser?.close());

const CORE_KIND = { crossEntropy: 'crossEntropy', mse: 'mse', bce: 'bceWithLogits', l1: 'l1', huber: 'huber' };

/** The loss at (x, y) straight from the core's loss functions, as landscape.js defines each surface. */
function lossAt(kind, x, y) {
  if (kind === 'crossEntropy') return core.crossEntropy([x, y, 0], [0]).loss; // z3 = 0, true class 0
  const name = CORE_KIND[kind];
  const data = core.surfaceData(name, {}); // the default seed and 32 samples
  const predictions = Array.from(data.x, (xi) => x * xi + y); // the model w x + b
  return core[name](predictions, data.y).loss; // huber: the default delta 1
}

function gridMinimum(kind) {
  const surface = core.createSurface(GRID);
  surface.compute(CORE_KIND[kind], { n: GRID });
  const { min } = surface.stats();
  surface.dispose();
  return min;
}

// Under browser.js's --disable-gpu, Chromium composites in software and reads every WebGL frame back, logging
// "GL Driver Message (OpenGL, Performance, ...): GPU stall due to ReadPixels" as a console warning (4 times, then
// "will no longer repeat"). It comes from the test browser's flags (it appears with preserveDrawingBuffer false
// too, and not at all with GPU compositing), not from the page, so it is the one message these tests let through.
const realProblems = (problems) => problems.filter((p) => !/GPU stall due to ReadPixels/.test(p));

const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

async function setControls(region, { loss, optimizer, lr, x, y, steps }) {
  if (loss !== undefined) await region.getByLabel('Loss', { exact: true }).selectOption(loss);
  if (optimizer !== undefined) await region.getByLabel('Optimizer', { exact: true }).selectOption(optimizer);
  if (lr !== undefined) await region.getByLabel('Learning rate', { exact: true }).fill(String(lr));
  if (x !== undefined) await region.getByLabel('Start x', { exact: true }).fill(String(x));
  if (y !== undefined) await region.getByLabel('Start y', { exact: true }).fill(String(y));
  if (steps !== undefined) await region.getByLabel('Steps', { exact: true }).fill(String(steps));
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

/**
 * A screenshot of the WebGL canvas as the page shows it (gl.readPixels in the page would work too, thanks to
 * preserveDrawingBuffer, but Chromium logs a "GPU stall due to ReadPixels" console warning for it). Returns the
 * pixels, the size, the number of distinct colours (5 bits a channel) and the luminance std.
 */
async function readCanvas(page) {
  const { width, height, pixels } = decodePng(
    await page.locator('loss-landscape .ll-landscape-stage > canvas').screenshot());
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

/**
 * The fraction of pixels whose colour differs by more than 8 levels in some channel. A camera put back to its home
 * position can land an ulp away (OrbitControls recomputes it from spherical coordinates), moving a few edge pixels.
 */
function changed(a, b) {
  if (a.w !== b.w || a.h !== b.h) return 1;
  let count = 0;
  for (let p = 0; p < a.pixels.length; p += 4) {
    if (Math.max(...[0, 1, 2].map((k) => Math.abs(a.pixels[p + k] - b.pixels[p + k]))) > 8) count += 1;
  }
  return count / (a.w * a.h);
}

async function waitFor3d(page) {
  await page.locator('loss-landscape .ll-landscape-stage.is-3d > canvas').waitFor();
}

describe('3D Loss Landscape', () => {
  test('Loss at start is the core loss at the start point, for every surface', async () => {
    const region = await widget(session.page, TITLE);
    const cases = [
      ['crossEntropy', -4, 4], ['crossEntropy', 2.5, -7.3], ['mse', -4, 4], ['mse', 1.2, -0.5],
      ['bce', -3, 2], ['l1', 0.7, 4.1], ['huber', -2.2, -3.3],
    ];
    for (const [loss, x, y] of cases) {
      await setControls(region, { loss, x, y });
      const expected = lossAt(loss, x, y);
      await expect.poll(async () => close(await readValue(region, 'Loss at start'), expected)).toBe(true);
      // No descent yet: the path is just the start point.
      expect(close(await readValue(region, 'Loss at end'), expected)).toBe(true);
      expect(await readValue(region, 'Minimum on grid')).toBe(gridMinimum(loss));
      const shown = Number(await region.getByLabel('Loss at start', { exact: true }).textContent());
      expect(Math.abs(shown - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-5);
    }
  });

  test('switching to a (w, b) surface clamps the start into its extent [-5, 5]', async () => {
    const region = await widget(session.page, TITLE);
    await setControls(region, { loss: 'crossEntropy', x: -7.5, y: 7.5 });
    await setControls(region, { loss: 'mse' });
    await expect.poll(async () => close(await readValue(region, 'Loss at start'), lossAt('mse', -5, 5))).toBe(true);
    expect(await region.getByLabel('Start x', { exact: true }).inputValue()).toBe('-5');
    expect(await region.getByLabel('Start y', { exact: true }).getAttribute('max')).toBe('5');
  });

  test('Run descent lowers Loss at end to where core.descentPath ends', async () => {
    const region = await widget(session.page, TITLE);
    const runs = [
      { loss: 'crossEntropy', optimizer: 'sgd', lr: 0.5, x: -4, y: 4, steps: 50 },
      { loss: 'mse', optimizer: 'momentum', lr: 0.2, x: -4, y: 4, steps: 120 },
      { loss: 'bce', optimizer: 'adam', lr: 0.3, x: -3, y: 3, steps: 200 },
      { loss: 'huber', optimizer: 'sgd', lr: 1.5, x: 4, y: -4, steps: 30 },
    ];
    for (const run of runs) {
      await setControls(region, run);
      const start = lossAt(run.loss, run.x, run.y);
      await expect.poll(async () => close(await readValue(region, 'Loss at start'), start)).toBe(true);
      await region.getByRole('button', { name: 'Run descent' }).click();
      const path = core.descentPath(CORE_KIND[run.loss], { optimizer: run.optimizer, learningRate: run.lr,
        steps: run.steps, start: [run.x, run.y] });
      const end = path.loss[run.steps];
      await expect.poll(async () => close(await readValue(region, 'Loss at end'), end)).toBe(true);
      expect(end).toBeLessThan(start);
      expect(close(await readValue(region, 'Loss at start'), start)).toBe(true);
    }
    // After a run the path follows the controls: more steps, lower end on the convex MSE bowl.
    await setControls(region, { loss: 'mse', optimizer: 'sgd', lr: 0.1, x: -4, y: 4, steps: 10 });
    const ten = await readValue(region, 'Loss at end');
    await setControls(region, { steps: 60 });
    await expect.poll(() => readValue(region, 'Loss at end')).toBeLessThan(ten);
    const sixty = core.descentPath('mse', { optimizer: 'sgd', learningRate: 0.1, steps: 60, start: [-4, 4] });
    expect(close(await readValue(region, 'Loss at end'), sixty.loss[60])).toBe(true);
  });

  test('the 3D canvas is drawn, not blank, and turns with the arrow keys; Reset view restores it', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await setControls(region, { loss: 'crossEntropy', optimizer: 'sgd', lr: 0.5, x: -4, y: 4, steps: 50 });
    await region.getByRole('button', { name: 'Run descent' }).click();
    await waitFor3d(page);
    await page.waitForTimeout(2800); // the path animation (50 steps: 1.2 s) has finished
    const home = await readCanvas(page);
    expect(home.w).toBeGreaterThan(300);
    expect(home.colours).toBeGreaterThan(100); // a colour map, lighting, labels: far from one flat fill
    expect(home.std).toBeGreaterThan(15);
    const view = region.getByRole('application');
    await view.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const turned = await readCanvas(page);
    expect(changed(home, turned)).toBeGreaterThan(0.05); // 20 degrees: most of the surface moves
    expect(turned.std).toBeGreaterThan(15);
    await page.keyboard.press('Home');
    expect(changed(home, await readCanvas(page))).toBeLessThan(0.002);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('+');
    expect(changed(home, await readCanvas(page))).toBeGreaterThan(0.05);
    await region.getByRole('button', { name: 'Reset view' }).click();
    expect(changed(home, await readCanvas(page))).toBeLessThan(0.002);
    expect(realProblems(session.problems)).toEqual([]);
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
    // A 4000 px spacer before the embed's <main>, inserted before the page's module script runs.
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
    const host = page.locator('loss-landscape');
    await host.locator('output[data-value]').first().waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    // The widget works without three.js: readouts from the core, the heatmap drawn.
    expect(await page.locator('#test-spacer').count()).toBe(1);
    expect(Number(await host.getByLabel('Loss at start', { exact: true }).getAttribute('data-value')))
      .toBeGreaterThan(0);
    expect(scripts.filter((s) => s.three || /three/i.test(s.url))).toEqual([]);
    expect(await page.locator('loss-landscape .ll-landscape-stage > canvas').count()).toBe(0);
    await host.scrollIntoViewIfNeeded();
    await waitFor3d(page);
    const three = scripts.filter((s) => s.three);
    expect(three.length).toBe(1);
    expect(three[0].url).toMatch(/three-scene-[\w-]+\.js$/);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  test('on the full section page (when built), three.js waits until the widget is near', async () => {
    const response = await fetch(new URL('index.html', baseUrl()));
    const html = response.ok ? await response.text() : '';
    if (!html.includes('<loss-landscape')) {
      console.log('loss-landscape: the section page is not in this build (LOSSLAB_PAGES=embed); checked on the '
        + 'embed page with a spacer instead');
      return;
    }
    const { page, context } = await openPage(browser, 'about:blank');
    const requested = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(new URL('index.html', baseUrl()).href, { waitUntil: 'load' });
    await page.waitForTimeout(2000); // every other widget module has loaded and rendered by now
    expect(requested.filter((url) => /three/i.test(url))).toEqual([]);
    const top = await page.locator('loss-landscape').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThan(2 * 900); // far below the first screen
    await page.locator('loss-landscape').scrollIntoViewIfNeeded();
    await waitFor3d(page);
    expect(requested.filter((url) => /three-scene-[\w-]+\.js$/.test(url)).length).toBe(1);
    await context.close();
  });

  test('without WebGL, a 2D heatmap with the path replaces the 3D view and everything else works', async () => {
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
    await setControls(region, { loss: 'l1', optimizer: 'adam', lr: 0.4, x: -4, y: 4, steps: 80 });
    await region.getByRole('button', { name: 'Run descent' }).click();
    const path = core.descentPath('l1', { optimizer: 'adam', learningRate: 0.4, steps: 80, start: [-4, 4] });
    await expect.poll(async () => close(await readValue(region, 'Loss at end'), path.loss[80])).toBe(true);
    await expect.poll(() => region.locator('.ll-landscape-instructions').textContent()).toMatch(/WebGL is not available/);
    const heatmap = region.locator('figure.ll-heatmap');
    expect(await heatmap.isVisible()).toBe(true);
    expect(await heatmap.locator('svg > title').textContent()).toMatch(/lowest value/);
    await expect.poll(async () => (await heatmap.locator('path.ll-heatmap-path').getAttribute('d'))?.length ?? 0,
      { timeout: 5000 }).toBeGreaterThan(200);
    expect(await region.getByRole('application').count()).toBe(0); // nothing to rotate: no tab stop
    expect(requested.filter((url) => /three/i.test(url))).toEqual([]);
    expect(realProblems(problems)).toEqual([]);
    expect(await axeViolations(page, 'loss-landscape')).toEqual([]);
    await context.close();
  });

  test('reduced motion: Run descent shows the whole path at once', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=loss-landscape',
      { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await waitFor3d(page);
    const animating = await page.evaluate(async () => {
      const host = document.querySelector('loss-landscape');
      const rendered = new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Run descent').click();
      await rendered;
      return host.animation;
    });
    expect(animating).toBe(0);
    expect(await readValue(region, 'Loss at end')).toBeLessThan(await readValue(region, 'Loss at start'));
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  test('disconnecting frees the WebGL context and the core grid; reconnecting rebuilds both', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=loss-landscape');
    const region = await widget(page, TITLE);
    await waitFor3d(page);
    const freed = await page.evaluate(() => {
      const host = document.querySelector('loss-landscape');
      const canvas = host.querySelector('.ll-landscape-stage > canvas');
      const gl = canvas.getContext('webgl2');
      const surface = host.surface;
      const parent = host.parentNode;
      host.remove();
      const result = { lost: gl.isContextLost(), surfaceDisposed: surface.disposed, scene: host.scene,
        canvasAttached: canvas.isConnected };
      parent.append(host);
      return result;
    });
    expect(freed).toEqual({ lost: true, surfaceDisposed: true, scene: null, canvasAttached: false });
    await waitFor3d(page);
    await setControls(region, { loss: 'mse', x: 1, y: 1 });
    await expect.poll(async () => close(await readValue(region, 'Loss at start'), lossAt('mse', 1, 1))).toBe(true);
    expect((await readCanvas(page)).std).toBeGreaterThan(15);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  test('no axe violations; no console errors; input-to-repaint times', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    await waitFor3d(page);
    expect(await axeViolations(page, 'loss-landscape')).toEqual([]);
    const times = await page.evaluate(async () => {
      const host = document.querySelector('loss-landscape');
      const control = (text) => [...host.querySelectorAll('label')].find((l) => l.textContent === text).control;
      const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
      const nextFrame = () => new Promise(requestAnimationFrame);
      async function measure(count, change) {
        const toRendered = [];
        const toFrame = [];
        for (let i = 0; i < count; i++) {
          const rendered = new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
          const t0 = performance.now();
          change(i);
          await rendered;
          toRendered.push(performance.now() - t0);
          await nextFrame();
          toFrame.push(performance.now() - t0);
        }
        return { rendered: median(toRendered), frame: median(toFrame) };
      }
      const set = (input, value, type) => {
        input.value = String(value);
        input.dispatchEvent(new Event(type, { bubbles: true }));
      };
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Run descent').click();
      await new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
      const slider = await measure(21, (i) => set(control('Start x'), (-4 + 0.35 * i).toFixed(2), 'input'));
      const kinds = ['mse', 'crossEntropy', 'bce', 'l1', 'huber'];
      const surface = await measure(10, (i) => set(control('Loss'), kinds[i % kinds.length], 'change'));
      const view = host.querySelector('.ll-landscape-stage');
      const rotate = [];
      for (let i = 0; i < 21; i++) {
        const t0 = performance.now();
        view.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }));
        await nextFrame();
        rotate.push(performance.now() - t0);
      }
      // The synchronous work alone (one descentPath + path upload + WebGL draw calls; SwiftShader rasterises later).
      const work = [];
      for (let i = 0; i < 21; i++) {
        const w0 = performance.now();
        host.state = { ...host.state, x: -4 + 0.35 * i };
        host.render(host.compute(host.core, host.state), host.state);
        work.push(performance.now() - w0);
      }
      return { slider, surface, rotate: median(rotate), work: median(work) };
    });
    console.log(`loss-landscape: median input -> ll-rendered / next frame: Start x slider (path + 3D render) `
      + `${times.slider.rendered.toFixed(1)} / ${times.slider.frame.toFixed(1)} ms; Loss select (128 x 128 surface + `
      + `mesh + normals + render) ${times.surface.rendered.toFixed(1)} / ${times.surface.frame.toFixed(1)} ms; `
      + `arrow-key rotate -> next frame ${times.rotate.toFixed(1)} ms; compute + render alone (slider) `
      + `${times.work.toFixed(2)} ms (SwiftShader software WebGL, 2 cores)`);
    expect(realProblems(problems)).toEqual([]);
  });
});
