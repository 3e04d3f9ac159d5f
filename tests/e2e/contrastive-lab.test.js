// The Contrastive Losses lab, driven by its labels, compared with the core computed in Node (the same wasm module
// the page runs): triplet distances and losses, the InfoNCE losses and the softmax heat map, the temperature
// presets, a new batch, dragging a point, and the keyboard path.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { batchAngles, hardNegativeBatch } from '../../web/src/widgets/contrastive-lab/state.js';
import { formatNumber } from '../../web/src/widgets/shared/format.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, expectReadoutsToSettle, sweepControl } from './browser.js';
import { emptyFigures, layoutProblems, markersOutside, numberValue, sweepSliders } from './figb-checks.js';

const TITLE = 'Contrastive Losses';
const EPS = 1e-6; // PyTorch's pairwise_distance default, which the core's tripletMargin uses

let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=contrastive-lab');
});
afterAll(async () => browser?.close());

const onCircle = (deg) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
/** ||x - y + eps||_p written out (independent of the core). */
const distance = (x, y, p) => (Math.abs(x[0] - y[0] + EPS) ** p + Math.abs(x[1] - y[1] + EPS) ** p) ** (1 / p);

function expectedTriplet({ anchor, positive, negative, margin, p }) {
  const a = onCircle(anchor);
  const pos = onCircle(positive);
  const neg = onCircle(negative);
  const dap = distance(a, pos, p);
  const dan = distance(a, neg, p);
  // Default eps: the widget must match the core's defaults, not just its own arithmetic.
  const loss = core.tripletMargin(a, pos, neg, { dim: 2, margin, p }).loss;
  return { dap, dan, loss, squared: Math.max(0, dap ** 2 - dan ** 2 + margin) };
}

function expectedInfoNce(tau, seed, batch = batchAngles(seed)) {
  const { anchors, positives } = batch;
  const A = anchors.flatMap(onCircle);
  const B = positives.flatMap(onCircle);
  const logits = [];
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) logits.push((A[2 * i] * B[2 * j] + A[2 * i + 1] * B[2 * j + 1]) / tau);
  return {
    loss: core.infoNCE(A, B, { dim: 2, temperature: tau }).loss, // symmetric by default
    oneWay: core.infoNCE(A, B, { dim: 2, temperature: tau, symmetric: false }).loss,
    probabilities: core.softmax(logits, { classes: 4 }),
  };
}

async function setTriplet(region, { anchor, positive, negative, margin, p }) {
  await region.getByLabel('Norm p', { exact: true }).selectOption(String(p));
  await region.getByLabel('Margin', { exact: true }).fill(String(margin));
  await region.getByLabel('Anchor angle', { exact: true }).fill(String(anchor));
  await region.getByLabel('Positive angle', { exact: true }).fill(String(positive));
  await region.getByLabel('Negative angle', { exact: true }).fill(String(negative));
}

async function checkTriplet(region, config) {
  const e = expectedTriplet(config);
  await expectReadoutsToSettle(region, { 'Triplet loss': e.loss, 'Triplet loss (squared distances)': e.squared });
  // The distances sit in the Numbers table (and on the picture, to 3 significant figures).
  const dap = await numberValue(region, 'Distance anchor–positive');
  const dan = await numberValue(region, 'Distance anchor–negative');
  expect(dap).toBeCloseTo(e.dap, 12);
  expect(dan).toBeCloseTo(e.dan, 12);
  const labels = await region.locator('.cl-triplet text.ll-label').allTextContents();
  expect(labels).toContain(`d(a, p) ${Number(e.dap.toPrecision(3))}`);
  // The readouts obey the formula they describe: max(0, d(a,p) - d(a,n) + margin).
  expect(await readValue(region, 'Triplet loss')).toBeCloseTo(Math.max(0, dap - dan + config.margin), 12);
}

async function checkInfoNce(region, tau, seed, batch) {
  const e = expectedInfoNce(tau, seed, batch);
  await expectReadoutsToSettle(region, { 'InfoNCE loss': e.loss, 'InfoNCE loss (one-way)': e.oneWay });
  // The heat map's cells: softmax rows of cosine / tau. The page's cosines come from cosineEmbedding, whose
  // 1e-12 norm guard shifts them by ~1e-12 relative, hence 1e-9 here.
  const cells = await region.locator('.cl-softmax td[data-value]').evaluateAll((tds) => tds.map((td) => Number(td.dataset.value)));
  expect(cells).toHaveLength(16);
  cells.forEach((v, k) => expect(Math.abs(v - e.probabilities[k])).toBeLessThan(1e-9));
  // The caption's claims come from these numbers: the diagonal's range and the loss against log 4.
  const diagonal = [0, 1, 2, 3].map((i) => e.probabilities[5 * i]);
  const s3 = (v) => formatNumber(v, 3);
  const [lo, hi] = [Math.min(...diagonal), Math.max(...diagonal)].map(s3);
  const caption = await region.locator('.cl-section').nth(1).locator('.ll-caption').textContent();
  expect(caption).toContain(`the true pairs take ${lo === hi ? lo : `${lo} to ${hi}`} of their rows`);
  expect(caption).toContain(`InfoNCE is ${s3(e.loss)}, ${e.loss < Math.log(4) ? 'below' : 'above'} log 4`);
  return e;
}

describe('Contrastive Losses', () => {
  test('triplet readouts follow the angle sliders, Margin and Norm p', async () => {
    const region = await widget(session.page, TITLE);
    const configs = [
      { anchor: 30, positive: 75, negative: 140, margin: 1, p: 2 },
      { anchor: 10, positive: 200, negative: 20, margin: 0.5, p: 2 }, // hard negative: positive loss
      { anchor: 300, positive: 320, negative: 90, margin: 2, p: 1 },
      { anchor: 45, positive: 50, negative: 225, margin: 0, p: 3 }, // zero loss
      { anchor: 0, positive: 180, negative: 1, margin: 1.5, p: 1 },
    ];
    for (const config of configs) {
      await setTriplet(region, config);
      await checkTriplet(region, config);
    }
  });

  test('InfoNCE readouts and heat map follow Temperature τ, the presets and New batch', async () => {
    const region = await widget(session.page, TITLE);
    await checkInfoNce(region, 0.5, 1); // defaults
    await region.getByRole('button', { name: 'CLIP 0.07' }).click();
    await checkInfoNce(region, 0.07, 1);
    expect(await region.getByRole('button', { name: 'CLIP 0.07' }).getAttribute('aria-pressed')).toBe('true');
    await region.getByRole('button', { name: 'SimCLR 0.1' }).click();
    await checkInfoNce(region, 0.1, 1);
    // The slider moves log10(tau): -1.7 -> 0.02, 0 -> 1, 0.3 -> 2.
    const tau = region.getByLabel('Temperature τ', { exact: true });
    for (const [position, value] of [['-1.7', 0.02], ['0', 1], ['0.3', 2]]) {
      await tau.fill(position);
      await checkInfoNce(region, value, 1);
    }
    // Lowering tau sharpens the rows: the largest probability in each row grows.
    const rowMax = async () => (await region.locator('.cl-softmax td[data-value]').evaluateAll((tds) => tds.map((td) => Number(td.dataset.value))))
      .reduce((m, v, k) => { m[k >> 2] = Math.max(m[k >> 2], v); return m; }, [0, 0, 0, 0]);
    const soft = await rowMax();
    await tau.fill('-1.7');
    await expect.poll(() => readValue(region, 'InfoNCE loss')).toBeCloseTo(expectedInfoNce(0.02, 1).loss, 12);
    const sharp = await rowMax();
    sharp.forEach((v, i) => expect(v).toBeGreaterThan(soft[i]));
    await region.getByRole('button', { name: 'New batch' }).click();
    await checkInfoNce(region, 0.02, 2);
  });

  test('dragging a point moves its angle; the angle sliders move by keyboard', async () => {
    const { page } = session;
    const region = await widget(page, TITLE);
    await setTriplet(region, { anchor: 30, positive: 75, negative: 140, margin: 1, p: 2 });
    await checkTriplet(region, { anchor: 30, positive: 75, negative: 140, margin: 1, p: 2 });
    // Drag the negative from 140 degrees to the bottom of the circle (270 degrees).
    const circle = region.locator('.cl-triplet .cl-unit');
    await circle.scrollIntoViewIfNeeded(); // filling the sliders may have scrolled the picture out of view
    const box = await circle.boundingBox();
    const centre = [box.x + box.width / 2, box.y + box.height / 2];
    const handle = await region.locator('.cl-triplet [data-role="negative"] .cl-dot').boundingBox();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(centre[0] - box.width / 4, centre[1] + box.height / 4, { steps: 5 });
    await page.mouse.move(centre[0], centre[1] + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const negative = region.getByLabel('Negative angle', { exact: true });
    await expect.poll(async () => Number(await negative.inputValue())).toBe(270);
    await checkTriplet(region, { anchor: 30, positive: 75, negative: 270, margin: 1, p: 2 });

    const anchor = region.getByLabel('Anchor angle', { exact: true });
    await anchor.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await checkTriplet(region, { anchor: 32, positive: 75, negative: 270, margin: 1, p: 2 });
  });

  test('presets: easy, semi-hard and hard negatives, and a hard negative in the batch', async () => {
    const region = await widget(session.page, TITLE);
    const caption = () => region.locator('.cl-section').first().locator('.ll-caption').textContent();
    for (const [name, negative, kind] of [['Easy negative', 210, 'an easy negative'],
      ['Semi-hard negative', 120, 'a semi-hard negative'], ['Hard negative', 10, 'a hard negative']]) {
      await region.getByRole('button', { name, exact: true }).click();
      await checkTriplet(region, { anchor: 30, positive: 75, negative, margin: 1, p: 2 });
      expect(await caption()).toContain(kind);
      expect(await region.getByRole('button', { name, exact: true }).getAttribute('aria-pressed')).toBe('true');
    }
    expect(await readValue(region, 'Triplet loss')).toBeGreaterThan(1); // hard: d(a, n) < d(a, p)
    await region.getByRole('button', { name: 'Easy negative', exact: true }).click();
    await expect.poll(() => readValue(region, 'Triplet loss')).toBe(0);

    const tau = region.getByLabel('Temperature τ', { exact: true });
    await tau.fill('-0.3'); // tau = 0.501
    const seed = Number(new URL(session.page.url()).searchParams.get('contrastive-lab.seed') ?? 1);
    await region.getByRole('button', { name: 'Hard negative in the batch' }).click();
    const batch = hardNegativeBatch(batchAngles(seed));
    const e = await checkInfoNce(region, 0.501, seed, batch);
    // Anchor 1 now gives positive 2 more probability than its own positive, and the caption says so.
    expect(e.probabilities[1]).toBeGreaterThan(e.probabilities[0]);
    const s3 = (v) => formatNumber(v, 3);
    expect(await region.locator('.cl-section').nth(1).locator('.ll-caption').textContent())
      .toContain(`hard negative: anchor 1 gives positive 2 ${s3(e.probabilities[1])} and its own ${s3(e.probabilities[0])}`);
  });

  test('InfoNCE points drag round the circle and move by keyboard', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=contrastive-lab');
    const region = await widget(page, TITLE);
    const start = batchAngles(1);
    await checkInfoNce(region, 0.5, 1);
    // Keyboard: anchor 1 is a focusable slider; two ArrowRight presses turn it by 2 degrees.
    const anchor1 = region.getByRole('slider', { name: 'Anchor 1 angle' });
    await anchor1.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const turned = { anchors: [start.anchors[0] + 2, ...start.anchors.slice(1)], positives: start.positives };
    await checkInfoNce(region, 0.5, 1, turned);
    expect(await anchor1.getAttribute('aria-valuenow')).toBe(String(start.anchors[0] + 2));
    // Drag positive 2 to the top of the circle (90 degrees).
    const circle = await region.locator('.cl-batch .cl-unit').boundingBox();
    const centre = [circle.x + circle.width / 2, circle.y + circle.height / 2];
    const handle = await region.getByRole('slider', { name: 'Positive 2 angle' }).boundingBox();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(centre[0] + circle.width / 4, centre[1] - circle.height / 4, { steps: 4 });
    await page.mouse.move(centre[0], centre[1] - circle.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => region.getByRole('slider', { name: 'Positive 2 angle' }).getAttribute('aria-valuenow')).toBe('90');
    const dragged = { anchors: turned.anchors, positives: [start.positives[0], 90, ...start.positives.slice(2)] };
    await checkInfoNce(region, 0.5, 1, dragged);
    await expect.poll(() => new URL(page.url()).searchParams.get('contrastive-lab.b2')).toBe('90'); // shareable
    expect(problems).toEqual([]);
    await context.close();
  });

  test('figure rules: the margin ball is never clipped, markers inside after every slider sweep, 375 px', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=contrastive-lab');
    const region = await widget(page, TITLE);
    expect(await emptyFigures(region)).toEqual([]);
    for (const p of ['1', '2', '3']) {
      await region.getByLabel('Norm p', { exact: true }).selectOption(p);
      await sweepSliders(region, ['Margin', 'Anchor angle', 'Positive angle', 'Negative angle', 'Temperature τ']);
    }
    // The widest ball (p = 1, margin 2, positive opposite the anchor) still lies inside the picture.
    await region.getByLabel('Margin', { exact: true }).fill('2');
    await region.getByLabel('Positive angle', { exact: true }).fill('225');
    await region.getByLabel('Anchor angle', { exact: true }).fill('45');
    await expect.poll(() => markersOutside(region)).toEqual([]);
    expect(await layoutProblems(page, 'contrastive-lab')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    const phone = await openPage(browser, 'embed.html?widget=contrastive-lab', { viewport: { width: 375, height: 800 } });
    const small = await widget(phone.page, TITLE);
    expect(await layoutProblems(phone.page, 'contrastive-lab')).toEqual([]);
    const [figureTop, controlsTop] = await Promise.all([small.locator('.ll-figures').first().boundingBox(),
      small.locator('.ll-controls').first().boundingBox()]).then((b) => b.map((x) => x.y));
    expect(figureTop).toBeLessThan(controlsTop);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  test('no axe violations in light and dark; every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    expect(await axeViolations(page, 'contrastive-lab')).toEqual([]);
    const dark = await openPage(browser, 'embed.html?widget=contrastive-lab&contrastive-lab.tau=0.07', { colorScheme: 'dark' });
    await widget(dark.page, TITLE);
    expect(await axeViolations(dark.page, 'contrastive-lab')).toEqual([]);
    expect(dark.problems).toEqual([]);
    await dark.context.close();

    const anchor = await sweepControl(page, 'contrastive-lab', 'Anchor angle', Array.from({ length: 21 }, (_, i) => 17 * i));
    const tau = await sweepControl(page, 'contrastive-lab', 'Temperature τ', Array.from({ length: 21 }, (_, i) => -1.7 + 0.1 * i));
    for (const sweep of [anchor, tau]) {
      expect(sweep.renders).toBe(sweep.inputs);
      expect(sweep.distinct).toBeGreaterThan(1);
    }
    expect(problems).toEqual([]);
  });
});
