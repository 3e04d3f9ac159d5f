// The Log-Sum-Exp lab, driven by its labels and preset buttons, compared with the core computed in Node. The
// naive path's Infinity and NaN are expected values here: they are what float32/float64 really give.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage, readValue, widget, sweepControl } from './browser.js';
import { expectFigureRules, markersOutside, readNumber } from './figa-checks.js';

const TITLE = 'Log-Sum-Exp';
let browser, core, session;
beforeAll(async () => {
  [browser, core] = await Promise.all([launchBrowser(), loadCore()]);
  session = await openPage(browser, 'embed.html?widget=logsumexp-lab');
});
afterAll(async () => browser?.close());

function expected(logits, precision) {
  return {
    naive: core.logSumExp(logits, { stable: false, precision }),
    stable: core.logSumExp(logits, { stable: true, precision }),
    naiveSoftmax: Array.from(core.softmax(logits, { stable: false, precision })),
    stableSoftmax: Array.from(core.softmax(logits, { stable: true, precision })),
  };
}

/** Equal to ~1e-12, with NaN equal to NaN and Infinity to Infinity (they are the lesson). */
function same(actual, wanted) {
  if (!Number.isFinite(wanted)) return Object.is(actual, wanted);
  return Math.abs(actual - wanted) <= 1e-12 * Math.max(1, Math.abs(wanted));
}

async function readVector(region, label) {
  const raw = await region.getByLabel(label, { exact: true }).getAttribute('data-value');
  return raw.split(',').map(Number);
}

async function readAll(region) {
  return {
    naive: await readValue(region, 'Naive'),
    stable: await readValue(region, 'Stable'),
    naiveSoftmax: await readVector(region, 'Naive softmax'),
    stableSoftmax: await readVector(region, 'Stable softmax'),
  };
}

async function matches(region, logits, precision) {
  const got = await readAll(region);
  const want = expected(logits, precision);
  return same(got.naive, want.naive) && same(got.stable, want.stable)
    && got.naiveSoftmax.length === want.naiveSoftmax.length
    && got.naiveSoftmax.every((v, i) => same(v, want.naiveSoftmax[i]))
    && got.stableSoftmax.every((v, i) => same(v, want.stableSoftmax[i]));
}

async function fieldMessage(region) {
  const field = region.getByLabel('Logits', { exact: true });
  const id = await field.getAttribute('aria-describedby');
  return region.locator(`[id="${id}"]`).textContent();
}

const explanation = (region) => region.locator('.lse-explanation').textContent();

describe('Log-Sum-Exp', () => {
  test('starts at 1000, 1000 in float64: the naive path overflows, the stable one does not', async () => {
    const region = await widget(session.page, TITLE);
    expect(await region.getByLabel('Logits', { exact: true }).inputValue()).toBe('1000, 1000');
    expect(await region.getByLabel('Precision', { exact: true }).inputValue()).toBe('f64');
    await expect.poll(() => matches(region, [1000, 1000], 'f64')).toBe(true);
    expect(await region.getByLabel('Naive', { exact: true }).textContent()).toBe('Infinity');
    expect(await region.getByLabel('Naive softmax', { exact: true }).textContent()).toBe('[NaN, NaN]');
    expect(await region.getByLabel('Stable softmax', { exact: true }).textContent()).toBe('[0.5, 0.5]');
    expect(await readValue(region, 'Stable')).toBeCloseTo(1000 + Math.LN2, 12);
    const text = await explanation(region);
    expect(text).toMatch(/overflow/);
    expect(text).toContain('709.78');
    expect(text).toContain('Infinity by Infinity');
  });

  test('typed logits and the Precision choice match the core in both precisions', async () => {
    const region = await widget(session.page, TITLE);
    const cases = [
      ['1, 2, 3', [1, 2, 3], 'f64'],
      ['1, 2, 3', [1, 2, 3], 'f32'],
      ['89, 90', [89, 90], 'f64'],
      ['89, 90', [89, 90], 'f32'],
      ['-0.5, 2.25, 1e2, -3', [-0.5, 2.25, 100, -3], 'f32'],
      ['800, 1', [800, 1], 'f64'],
      ['−4, 4', [-4, 4], 'f64'], // typographic minus accepted
    ];
    for (const [text, logits, precision] of cases) {
      await region.getByLabel('Precision', { exact: true }).selectOption(precision);
      await region.getByLabel('Logits', { exact: true }).fill(text);
      await expect.poll(() => matches(region, logits, precision), { message: `${text} ${precision}` }).toBe(true);
      expect(await fieldMessage(region)).toBe('');
    }
    // 800, 1 in float64: e^800 overflows, the other entry gets e^1 / Infinity = 0.
    await region.getByLabel('Logits', { exact: true }).fill('800, 1');
    await expect.poll(() => readVector(region, 'Naive softmax')).toEqual([NaN, 0]);
    expect(await explanation(region)).toMatch(/other entry gets e\^x \/ Infinity = 0/);
  });

  test('preset buttons set the logits (and float32 for 89, 90)', async () => {
    const region = await widget(session.page, TITLE);
    const field = region.getByLabel('Logits', { exact: true });
    const precision = region.getByLabel('Precision', { exact: true });
    await precision.selectOption('f64');

    await region.getByRole('button', { name: '89, 90 (float32)', exact: true }).click();
    expect(await field.inputValue()).toBe('89, 90');
    expect(await precision.inputValue()).toBe('f32');
    await expect.poll(() => matches(region, [89, 90], 'f32')).toBe(true);
    expect(await readValue(region, 'Naive')).toBe(Infinity);
    expect(await explanation(region)).toMatch(/float32's largest finite value.*88\.723/);

    await region.getByRole('button', { name: '-1000, -1001', exact: true }).click();
    expect(await field.inputValue()).toBe('-1000, -1001');
    await expect.poll(() => matches(region, [-1000, -1001], 'f32')).toBe(true);
    expect(await readValue(region, 'Naive')).toBe(-Infinity);
    expect(await region.getByLabel('Naive softmax', { exact: true }).textContent()).toBe('[NaN, NaN]');
    expect(await explanation(region)).toMatch(/underflow.*0 \/ 0 = NaN/);

    await region.getByRole('button', { name: 'Ordinary', exact: true }).click();
    await expect.poll(() => field.inputValue()).toBe('1, 2, 3');
    await expect.poll(() => matches(region, [1, 2, 3], 'f32')).toBe(true);
    expect(await explanation(region)).toMatch(/^No overflow/);
    expect(Number.isFinite(await readValue(region, 'Naive'))).toBe(true);

    await region.getByRole('button', { name: '1000, 1000', exact: true }).click();
    await expect.poll(() => matches(region, [1000, 1000], 'f32')).toBe(true);
  });

  test('bad input gets a message next to the field and never reaches the readouts', async () => {
    const region = await widget(session.page, TITLE);
    const field = region.getByLabel('Logits', { exact: true });
    await region.getByLabel('Precision', { exact: true }).selectOption('f64');
    await field.fill('3, 4');
    await expect.poll(() => matches(region, [3, 4], 'f64')).toBe(true);
    const bad = [
      ['1, 2, abc', "Entry 3 ('abc') is not a number."],
      ['', 'Enter at least one number, e.g. 1, 2, 3.'],
      ['1,2,3,4,5,6,7,8,9,10,11,12,13', 'At most 12 logits, got 13.'],
      ['1, Infinity', "Entry 2 ('Infinity') is not a finite number."],
      ['NaN', "Entry 1 ('NaN') is not a finite number."],
      ['1e400', "Entry 1 ('1e400') is not a finite number."],
      ['1,,2', 'Entry 2 is empty: remove the extra comma.'],
      ['0x10', "Entry 1 ('0x10') is not a number."],
      ['20000', "Entry 1 ('20000') is outside [-10000, 10000]."],
    ];
    for (const [text, message] of bad) {
      await field.fill(text);
      await expect.poll(() => fieldMessage(region)).toBe(message);
      expect(await field.getAttribute('aria-invalid')).not.toBeNull();
      expect(await matches(region, [3, 4], 'f64')).toBe(true); // last valid logits still shown
    }
    await field.fill('1,2,3,4,5,6,7,8,9,10,11,12');
    await expect.poll(() => fieldMessage(region)).toBe('');
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => matches(region, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'f64')).toBe(true);
  });

  test('the number line shows the logits and both overflow thresholds, the current precision highlighted', async () => {
    const region = await widget(session.page, TITLE);
    await region.getByLabel('Logits', { exact: true }).fill('1, 2, 3');
    await region.getByLabel('Precision', { exact: true }).selectOption('f32');
    await expect.poll(() => region.locator('.lse-dots > *').count()).toBe(3);
    const svgTitle = await region.locator('.lse-number-line svg > title').textContent();
    expect(svgTitle).toContain('88.72');
    expect(svgTitle).toContain('709.78');
    const labels = await region.locator('.lse-threshold text').allTextContents();
    expect(labels.join(' ')).toContain('88.72');
    expect(labels.join(' ')).toContain('709.78');
    expect(await region.locator('.lse-threshold.lse-current text').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('88.72'), expect.stringContaining('-103.97')]));
    await region.getByLabel('Precision', { exact: true }).selectOption('f64');
    await expect.poll(() => region.locator('.lse-threshold.lse-current text').first().textContent()).toContain('709.78');
  });

  test('Subtract the max slides the logits left by their maximum into the safe zone', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=logsumexp-lab');
    const region = await widget(page, TITLE);
    await region.getByLabel('Logits', { exact: true }).fill('1000, 998, 995');
    await expect.poll(() => matches(region, [1000, 998, 995], 'f64')).toBe(true);
    const dots = region.locator('.lse-dots > *');
    const xs = () => dots.evaluateAll((ds) => ds.map((d) => { const r = d.getBoundingClientRect(); return (r.left + r.right) / 2; }));
    const zero = () => region.locator('.ll-axis .tick').filter({ hasText: /^0$/ }).evaluate((t) => t.getBoundingClientRect().left + t.getBoundingClientRect().width / 2);
    const before = await xs();
    expect(Math.min(...before)).toBeGreaterThan(await zero()); // all three in the overflow zone, right of 0
    expect(await region.locator('.lse-dots .lse-hot').count()).toBe(3);
    await region.getByRole('button', { name: 'Subtract the max', exact: true }).click();
    // Mid-slide the dots are between where they were and where they go (an animation, not a jump).
    await page.waitForTimeout(350);
    const mid = await xs();
    expect(mid[0]).toBeLessThan(before[0]);
    await expect.poll(() => region.getByRole('button', { name: 'Show the typed logits', exact: true }).count()).toBe(1);
    const after = await xs();
    expect(Math.max(...after)).toBeLessThanOrEqual(await zero() + 1); // x − m ≤ 0: the largest lands on 0
    expect(await region.locator('.lse-dots .lse-hot').count()).toBe(0);
    expect(await region.locator('.lse-dot-label').allTextContents()).toEqual(['0', '−5', '−2']);
    expect(await region.locator('.ll-caption').textContent()).toMatch(/After subtracting m = 1000 every logit is at most 0/);
    expect(await markersOutside(region)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('reduced motion: the trick jumps; labels never collide', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=logsumexp-lab', { reducedMotion: 'reduce' });
    const region = await widget(page, TITLE);
    await region.getByLabel('Logits', { exact: true }).fill('1, 2, 3, 4, 1000, 1001, 999');
    await expect.poll(() => matches(region, [1, 2, 3, 4, 1000, 1001, 999], 'f64')).toBe(true);
    const overlapping = () => region.locator('.lse-dot-label').evaluateAll((ts) => {
      const boxes = ts.map((t) => t.getBoundingClientRect());
      return boxes.some((a, i) => boxes.some((b, j) => j > i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));
    });
    expect(await overlapping()).toBe(false);
    expect(await region.locator('.lse-dot-label').first().textContent()).toBe('1001'); // the maximum is always labelled
    await region.getByRole('button', { name: 'Subtract the max', exact: true }).click();
    await expect.poll(() => region.getByRole('button', { name: 'Show the typed logits', exact: true }).count(), { timeout: 500 }).toBe(1);
    expect(await overlapping()).toBe(false);
    expect(await region.locator('.lse-dot-label').first().textContent()).toBe('0');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('predict, then reveal: does the naive result overflow?', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=logsumexp-lab');
    const region = await widget(page, TITLE);
    const objective = page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('ll-objective', (e) => resolve(e.detail), { once: true });
    }));
    await region.getByRole('button', { name: '89, 90 (float32)', exact: true }).click();
    await expect.poll(() => matches(region, [89, 90], 'f32')).toBe(true);
    await region.getByLabel('No, it stays finite', { exact: true }).check();
    await region.getByRole('button', { name: 'Commit prediction' }).click();
    await region.getByRole('button', { name: 'Subtract the max', exact: true }).click();
    expect(await objective).toEqual({ objective: 'stability', correct: false, source: 'predict:logsumexp-lab' });
    const result = await region.locator('.ll-predict-result').textContent();
    expect(result).toMatch(/^Not this time/);
    expect(result).toContain('Infinity in float32');
    expect(result).toContain(String(Number(core.logSumExp([89, 90], { precision: 'f32' }).toPrecision(6))));
    expect(await readNumber(region, 'Stable log-sum-exp')).toBe(await readValue(region, 'Stable'));
    expect(problems).toEqual([]);
    await context.close();
  });

  test('figure rules: markers inside, no empty plot, 375 px layout, one-line readouts', async () => {
    await expectFigureRules(browser, session, 'logsumexp-lab', TITLE);
  });

  test('state comes from the URL', async () => {
    const { page, context, problems } = await openPage(browser,
      'embed.html?widget=logsumexp-lab&logsumexp-lab.logits=88,89&logsumexp-lab.precision=f32');
    const region = await widget(page, TITLE);
    expect(await region.getByLabel('Logits', { exact: true }).inputValue()).toBe('88,89');
    expect(await region.getByLabel('Precision', { exact: true }).inputValue()).toBe('f32');
    await expect.poll(() => matches(region, [88, 89], 'f32')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no console errors, no axe violations; every input renders once and the readouts follow', async () => {
    const { page, problems } = session;
    await widget(page, TITLE);
    expect(await axeViolations(page, 'logsumexp-lab')).toEqual([]);
    const sweep = await sweepControl(page, 'logsumexp-lab', 'Logits', Array.from({ length: 21 }, (_, i) => i % 2 ? '1000, 1000, 3' : `${i}, 2, 88.9`));
    expect(sweep.renders).toBe(sweep.inputs); // one render per input, none lost
    expect(sweep.distinct).toBeGreaterThan(1); // the readouts followed the control
    expect(problems).toEqual([]);
  });
});
