// Practice blocks (<ll-practice>), driven by their labels the way a student works them: read the inputs from the
// table named by the problem, work the answer out here (plain JavaScript, independent of the page and the core),
// type it in "Your answer" and get "Correct"; type a common mistake (also worked out here) and get that mistake's
// feedback; "Show solution" gives the core's value (computed here in Node with loadCore from the same inputs);
// "New problem" draws the next seed and puts it in the URL, and the URL's seed gives the same problem back.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { axeViolations, launchBrowser, openPage } from './browser.js';

const TYPES = ['mse', 'bce', 'softmax-ce', 'logsumexp', 'class-weights', 'focal', 'huber', 'triplet', 'ece', 'temperature'];
const PROBLEMS_PER_TYPE = 4;

let browser, session, core;
beforeAll(async () => {
  core = await loadCore();
  browser = await launchBrowser();
  session = await openPage(browser);
});
afterAll(async () => browser?.close());

/** Scrolls the block into view until it has built its problem (blocks start when they come near the viewport). */
async function ready(page, type) {
  const block = page.locator(`ll-practice[type="${type}"]`);
  await expect.poll(async () => {
    await block.scrollIntoViewIfNeeded();
    return block.getAttribute('aria-busy');
  }, { timeout: 20_000 }).toBe(null);
  return block;
}

/** The inputs table: rows of cells, numbers where the cell holds one (data-value), else its text. */
async function readTable(block) {
  const table = block.getByRole('table', { name: /^Inputs: / });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (
    cell.dataset.value !== undefined ? Number(cell.dataset.value) : cell.textContent))));
}

const SUB = { '₀': 0, '₁': 1, '₂': 2, '₃': 3, '₄': 4, '₅': 5, '₆': 6, '₇': 7, '₈': 8, '₉': 9 };
const subscriptAfter = (text, prefix) => Number(text.match(new RegExp(`${prefix}([₀-₉])`))[1].split('').map((c) => SUB[c]).join(''));
const row = (rows, name) => rows.find((r) => String(r[0]).startsWith(name))[1];
const softmax = (z) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const dist = (u, v) => Math.hypot(u[0] - v[0], u[1] - v[1]);

/**
 * The answer worked out independently, the common mistakes with a phrase of their feedback, and the core's value.
 * `q` is the question text, `rows` the table.
 */
function work(type, q, rows) {
  switch (type) {
    case 'mse': {
      const yhat = rows.map((r) => r[1]);
      const y = rows.map((r) => r[2]);
      const n = yhat.length;
      const e = yhat.map((v, i) => v - y[i]);
      if (/gradient/.test(q)) {
        const k = Number(q.match(/i = (\d+)/)[1]) - 1;
        const g = (2 * e[k]) / n;
        return { answer: g, core: core.mse(yhat, y).grad[k],
          mistakes: [{ value: -g, says: 'Wrong sign' }, { value: 2 * e[k], says: 'gradient of the sum of squares' }] };
      }
      const loss = e.reduce((s, v) => s + v * v, 0) / n;
      return { answer: loss, core: core.mse(yhat, y).loss, mistakes: [{ value: loss * n, says: 'sum of the squared errors' }] };
    }
    case 'bce': {
      const z = row(rows, 'logit');
      const y = row(rows, 'label');
      const p = sigmoid(z);
      if (/gradient/.test(q)) {
        return { answer: p - y, core: core.bceWithLogits([z], [y]).grad[0], mistakes: [{ value: y - p, says: 'Wrong sign' }] };
      }
      const loss = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
      return { answer: loss, core: core.bceWithLogits([z], [y]).loss, mistakes: [{ value: loss / Math.LN2, says: 'bits (log₂)' }] };
    }
    case 'softmax-ce': {
      const z = rows.filter((r) => typeof r[0] === 'number').map((r) => r[1]);
      const C = z.length;
      const k = Number(q.match(/class (?:is )?(\d+)/)[1]);
      const p = softmax(z);
      if (/softmax probability/.test(q)) {
        return { answer: p[k], core: core.softmax(z, { classes: C })[k], mistakes: [{ value: Math.log(p[k]), says: 'log-probability' }] };
      }
      if (/label smoothing/.test(q)) {
        const eps = row(rows, 'ε');
        const nll = p.map((v) => -Math.log(v));
        const loss = (1 - eps) * nll[k] + (eps * nll.reduce((a, b) => a + b, 0)) / C;
        const spread = nll.reduce((s, v, i) => s + (i === k ? 1 - eps : eps / (C - 1)) * v, 0);
        return { answer: loss, core: core.crossEntropy(z, [k], { classes: C, labelSmoothing: eps }).loss,
          mistakes: [{ value: spread, says: 'ε/(C−1)' }, { value: (1 - eps) * nll[k] + eps * nll.reduce((a, b) => a + b, 0), says: 'mean over the classes' }] };
      }
      const loss = -Math.log(p[k]);
      return { answer: loss, core: core.crossEntropy(z, [k], { classes: C }).loss, mistakes: [{ value: loss / Math.LN2, says: 'log₂' }] };
    }
    case 'logsumexp': {
      const z = rows.map((r) => r[1]);
      if (/decimal places/.test(q)) {
        const m = Math.max(...z);
        const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
        return { answer: lse, decimals: 2, core: core.logSumExp(z), mistakes: [{ value: m, says: 'only the largest logit' }] };
      }
      const f32 = /float32/.test(q);
      const threshold = Math.log(f32 ? 3.4028234663852886e38 : Number.MAX_VALUE);
      return { answer: threshold, core: threshold, coreTolerance: 1e-6,
        mistakes: [{ value: f32 ? 128 : 1024, says: 'log₂ of the largest' }, { value: Math.log(f32 ? Number.MAX_VALUE : 3.4028234663852886e38), says: 'threshold' }] };
    }
    case 'class-weights': {
      const counts = rows.filter((r) => typeof r[0] === 'number').map((r) => r[1]);
      const C = counts.length;
      const n = counts.reduce((a, b) => a + b, 0);
      const k = Number(q.match(/of class (\d+)/)[1]);
      const inverse = n / (C * counts[k]);
      if (/inverse-frequency/.test(q)) {
        return { answer: inverse, core: core.classWeights(counts)[k], mistakes: [{ value: inverse * C, says: 'number of classes' }] };
      }
      if (/inverse-square-root/.test(q)) {
        return { answer: Math.sqrt(inverse), core: core.classWeights(counts, { strategy: 'inverse_sqrt' })[k], mistakes: [{ value: inverse, says: 'plain inverse-frequency' }] };
      }
      const beta = row(rows, 'β');
      const inv = counts.map((c) => (1 - beta) / (1 - beta ** c));
      const w = (C * inv[k]) / inv.reduce((a, b) => a + b, 0);
      return { answer: w, core: core.classWeights(counts, { strategy: 'effective', beta })[k], mistakes: [{ value: inv[k], says: 'before scaling' }] };
    }
    case 'focal': {
      const pt = row(rows, 'p_t');
      const gamma = row(rows, 'γ');
      const loss = -((1 - pt) ** gamma) * Math.log(pt);
      return { answer: loss, core: core.sigmoidFocal([Math.log(pt / (1 - pt))], [1], { alpha: -1, gamma }).loss,
        mistakes: [{ value: -Math.log(pt), says: 'plain cross-entropy' }] };
    }
    case 'huber': {
      const e = Math.abs(row(rows, 'error'));
      const t = rows[1][1];
      const huber = e <= t ? 0.5 * e * e : t * (e - t / 2);
      const smooth = e < t ? (0.5 * e * e) / t : e - t / 2;
      const mistakes = e > t ? [{ value: 0.5 * e * e, says: 'linear branch applies' }] : [];
      if (/Huber loss/.test(q)) return { answer: huber, core: core.huber([e], [0], { delta: t }).loss, mistakes: [{ value: smooth, says: 'That is Smooth L1' }, ...mistakes] };
      return { answer: smooth, core: core.smoothL1([e], [0], { beta: t }).loss, mistakes: [{ value: huber, says: 'That is Huber' }, ...mistakes] };
    }
    case 'triplet': {
      const [a, p, n] = rows.slice(0, 3).map((r) => [r[1], r[2]]);
      const margin = rows[3][1];
      const loss = Math.max(0, dist(a, p) - dist(a, n) + margin);
      const squared = Math.max(0, dist(a, p) ** 2 - dist(a, n) ** 2 + margin);
      return { answer: loss, core: core.tripletMargin(a, p, n, { dim: 2, margin }).loss,
        mistakes: [{ value: squared, says: 'squared distances' }, { value: Math.max(0, dist(a, n) - dist(a, p) + margin), says: 'comes first' }] };
    }
    case 'ece': {
      const conf = rows.map((r) => r[1]);
      const ok = rows.map((r) => (r[2] === 'yes' || r[2] === 1 ? 1 : 0));
      const N = conf.length;
      const bins = new Map();
      conf.forEach((c, i) => {
        const b = Math.min(4, Math.floor(c / 0.2));
        const entry = bins.get(b) ?? { n: 0, conf: 0, acc: 0 };
        entry.n += 1;
        entry.conf += c;
        entry.acc += ok[i];
        bins.set(b, entry);
      });
      const gaps = [...bins.values()].map((b) => ({ n: b.n, gap: Math.abs(b.acc / b.n - b.conf / b.n) }));
      const ece = gaps.reduce((s, g) => s + (g.n / N) * g.gap, 0);
      const perSample = conf.reduce((s, c, i) => s + Math.abs(c - ok[i]), 0) / N;
      const unweighted = gaps.reduce((s, g) => s + g.gap, 0) / gaps.length;
      return { answer: ece, core: core.ece(conf.flatMap((c) => [c, 1 - c]), ok.map((v) => (v ? 0 : 1)), { classes: 2, bins: 5 }).ece,
        mistakes: [{ value: perSample, says: 'one sample at a time' }, { value: unweighted, says: 'averages the bins equally' }] };
    }
    case 'temperature': {
      const z = rows.filter((r) => typeof r[0] === 'number').map((r) => r[1]);
      const T = row(rows, 'T');
      const k = subscriptAfter(q, 'p');
      return { answer: softmax(z.map((v) => v / T))[k], core: core.softmax(z.map((v) => v / T), { classes: 3 })[k],
        mistakes: [{ value: softmax(z.map((v) => v * T))[k], says: 'multiplies the logits by T' }, { value: softmax(z)[k], says: 'without the temperature' }] };
    }
    default:
      throw new Error(type);
  }
}

/** Same rule as the page states: 3 significant figures (or the stated decimals). */
function sameAtTolerance(a, b, decimals) {
  if (decimals !== undefined) return Math.abs(a - b) <= 0.5 * 10 ** -decimals;
  if (Math.abs(b) < 5e-4) return Math.abs(a - b) <= 5e-4;
  return Math.abs(a - b) <= 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(b))) - 2);
}
const typed = (x, decimals) => (decimals !== undefined ? x.toFixed(decimals) : Number(x.toPrecision(4)).toString());

async function answer(block, text) {
  await block.getByLabel('Your answer', { exact: true }).fill(text);
  await block.getByRole('button', { name: 'Check', exact: true }).click();
  return block.getByRole('status').textContent();
}

describe('practice blocks', () => {
  test('ten types, one block each, at the end of their part', async () => {
    const { page } = session;
    const found = await page.locator('ll-practice').evaluateAll((blocks) => blocks.map((b) => {
      const part = b.closest('section.part');
      const after = [...part.querySelectorAll('*')].slice([...part.querySelectorAll('*')].indexOf(b) + 1)
        .filter((e) => !b.contains(e) && e.localName !== 'll-practice' && !e.closest('ll-practice'));
      return { type: b.getAttribute('type'), part: part.dataset.part, last: after.length === 0 };
    }));
    expect(found.map((f) => f.type).sort()).toEqual([...TYPES].sort());
    for (const f of found) expect(f.last, f.type).toBe(true);
  });

  for (const type of TYPES) {
    test(`${type}: correct answer, a common mistake, the worked solution, new problems`, async () => {
      const { page } = session;
      const block = await ready(page, type);
      expect(await block.getAttribute('role')).toBe('region');
      expect(await block.getByRole('heading').first().textContent()).toMatch(/^Practice: /);
      let mistakesTried = 0;
      const seeds = [];
      for (let n = 0; n < PROBLEMS_PER_TYPE; n++) {
        const seed = Number(await block.getAttribute('data-seed'));
        seeds.push(seed);
        const table = block.getByRole('table', { name: new RegExp(`^Inputs: .*, problem ${seed}$`) });
        expect(await table.count()).toBe(1);
        const question = await block.locator('.practice-question').textContent();
        const rows = await readTable(block);
        const w = work(type, question, rows);

        // A common mistake, when it differs from the answer at the checking tolerance.
        const mistake = w.mistakes.find((m) => Number.isFinite(m.value) && !sameAtTolerance(m.value, w.answer, w.decimals)
          && !sameAtTolerance(w.answer, m.value, w.decimals));
        if (mistake) {
          const said = await answer(block, typed(mistake.value, w.decimals));
          expect(said, `${type} seed ${seed}: ${question}`).toMatch(/^Not quite\./);
          expect(said).toContain(mistake.says);
          expect(await block.getAttribute('data-result')).toBe('incorrect');
          mistakesTried += 1;
        }
        const said = await answer(block, typed(w.answer, w.decimals));
        expect(said, `${type} seed ${seed}: ${question} rows ${JSON.stringify(rows)}`).toMatch(/^Correct/);
        expect(await block.getAttribute('data-result')).toBe('correct');

        // The hint, then the worked solution, written only on request; its answer is the core's.
        expect(await block.locator('.practice-solution li').count()).toBe(0);
        await block.getByRole('button', { name: 'Hint' }).click();
        expect(await block.locator('.practice-hint').textContent()).toMatch(/^Hint: \S/);
        await block.getByRole('button', { name: 'Show solution' }).click();
        expect(await block.locator('.practice-solution li').count()).toBeGreaterThanOrEqual(1);
        const final = Number(await block.locator('.practice-final').getAttribute('data-value'));
        expect(Math.abs(final - w.core)).toBeLessThanOrEqual((w.coreTolerance ?? 1e-12) * Math.max(1, Math.abs(w.core)));
        expect(await block.getByRole('button', { name: 'Hide solution' }).getAttribute('aria-expanded')).toBe('true');

        await block.getByRole('button', { name: 'New problem' }).click();
        await expect.poll(() => block.getAttribute('data-seed')).not.toBe(String(seed));
        expect(new URL(page.url()).searchParams.get(`practice.${type}`)).toBe(await block.getAttribute('data-seed'));
      }
      expect(mistakesTried, `${type}: no common mistake could be tried`).toBeGreaterThanOrEqual(1);
      expect(new Set(seeds).size).toBe(PROBLEMS_PER_TYPE);
    });
  }

  test('a typed text that is not a number asks for a number', async () => {
    const block = await ready(session.page, 'mse');
    expect(await answer(block, 'about two')).toBe('Type a number, for example 0.25 or -1.5.');
    expect(await block.getAttribute('data-result')).toBe(null);
  });

  test('the seed in the URL gives every student the same problem', async () => {
    const first = await openPage(browser, '?practice.focal=4242');
    const second = await openPage(browser, '?practice.focal=4242');
    const a = await ready(first.page, 'focal');
    const b = await ready(second.page, 'focal');
    expect(await a.getAttribute('data-seed')).toBe('4242');
    expect(await readTable(a)).toEqual(await readTable(b));
    expect(await a.locator('.practice-question').textContent()).toBe(await b.locator('.practice-question').textContent());
    expect(first.problems).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  test('no axe violations with feedback, hint and solution showing; no console errors', async () => {
    const block = await ready(session.page, 'triplet');
    await answer(block, '0.5');
    await block.getByRole('button', { name: 'Hint' }).click();
    expect(await axeViolations(session.page, 'll-practice[type="triplet"]')).toEqual([]);
    expect(session.problems).toEqual([]);
  });

  test('fits a 375 px screen', async () => {
    const { page, context, problems } = await openPage(browser, '', { viewport: { width: 375, height: 800 } });
    const block = await ready(page, 'softmax-ce');
    await block.getByRole('button', { name: 'Show solution' }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page, 'll-practice[type="softmax-ce"]')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
