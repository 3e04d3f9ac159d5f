// Mastery: every 'll-objective' event on the section page counts toward its objective (quick checks, practice,
// the quiz, and the widgets' predict-then-reveal, which dispatch it themselves). The progress panel and the marks
// beside the table of contents show it; one versioned localStorage record keeps it (bad data ignored); blocked
// storage gives one visible notice and in-memory progress; progress exports to a file and imports back.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, launchBrowser, openPage } from './browser.js';

const KEY = 'losslab.progress.v1';
let browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const panel = (page) => page.getByRole('region', { name: 'Your progress' }).or(page.locator('[data-progress-panel]'));
const summary = (page) => page.locator('.progress-summary').textContent();
const mark = (page, part) => page.locator(`.toc li[data-part="${part}"] .toc-mark`);
const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);

/** What predict-then-reveal does (web/src/widgets/shared/predict.js): an ll-objective event from the widget. */
function predict(page, tag, objective, correct) {
  return page.evaluate(([t, o, c]) => document.querySelector(t).dispatchEvent(new CustomEvent('ll-objective',
    { bubbles: true, composed: true, detail: { objective: o, correct: c, source: `predict:${t}` } })), [tag, objective, correct]);
}

async function answerQuickCheck(page, part, correct) {
  const group = page.locator(`section.part[data-part="${part}"] fieldset.quick-check`).first();
  await group.scrollIntoViewIfNeeded();
  const radios = group.getByRole('radio');
  const index = await radios.evaluateAll((inputs, c) => inputs.findIndex((i) => i.hasAttribute('data-correct') === c), correct);
  await radios.nth(index).check();
  await group.getByRole('button', { name: 'Check answer' }).click();
}

describe('mastery on the section page', () => {
  let s;
  beforeAll(async () => {
    s = await openPage(browser);
  });
  afterAll(async () => s.context.close());

  test('starts with nothing mastered: the panel and a mark beside each objective in the table of contents', async () => {
    const { page } = s;
    expect(await panel(page).isVisible()).toBe(true);
    expect(await summary(page)).toBe('0 of 13 objectives mastered.');
    expect(await mark(page, 'mse').textContent()).toBe('○ not started');
    expect(await page.locator('.toc > ol > li > .toc-mark').count()).toBe(13);
  });

  test('a quick check, a practice answer and predictions count; three right with the last two right is mastered', async () => {
    const { page } = s;
    await answerQuickCheck(page, 'mse-vs-ce', true);
    expect(await mark(page, 'mse-vs-ce').textContent()).toBe('◐ in progress');
    // A practice block of another part: a wrong answer counts as a try.
    const block = page.locator('ll-practice[type="triplet"]');
    await expect.poll(async () => {
      await block.scrollIntoViewIfNeeded();
      return block.getAttribute('aria-busy');
    }, { timeout: 20_000 }).toBe(null);
    await block.getByLabel('Your answer', { exact: true }).fill('12345');
    await block.getByRole('button', { name: 'Check', exact: true }).click();
    expect(await mark(page, 'contrastive').textContent()).toBe('◐ in progress');
    // Predict-then-reveal in the MSE vs cross-entropy widget, twice right.
    await predict(page, 'mse-vs-ce', 'mse-vs-ce', true);
    expect(await mark(page, 'mse-vs-ce').textContent()).toBe('◐ in progress');
    await predict(page, 'mse-vs-ce', 'mse-vs-ce', true);
    expect(await mark(page, 'mse-vs-ce').textContent()).toBe('● mastered');
    expect(await summary(page)).toBe('1 of 13 objectives mastered.');
    const record = await stored(page);
    expect(record.version).toBe(1);
    expect(record.objectives['mse-vs-ce']).toEqual({ tries: 3, right: 3, streak: 3, sources: { quickcheck: [1, 1], predict: [2, 2] } });
    expect(record.objectives.contrastive).toEqual({ tries: 1, right: 0, streak: 0, sources: { practice: [0, 1] } });
    await page.locator('.progress-details > summary').click();
    expect(await page.locator('.progress-list li[data-objective="mse-vs-ce"]').textContent())
      .toContain('mastered (quick checks 1/1, predictions 2/2)');
  });

  test('a quick check counts once; unknown objectives are ignored', async () => {
    const { page } = s;
    const group = page.locator('section.part[data-part="mse-vs-ce"] fieldset.quick-check').first();
    await group.getByRole('button', { name: 'Check answer' }).click();
    await predict(page, 'mse-vs-ce', 'no-such-objective', true);
    expect((await stored(page)).objectives['mse-vs-ce'].tries).toBe(3);
    expect(Object.keys((await stored(page)).objectives).sort()).toEqual(['contrastive', 'mse-vs-ce']);
  });

  test('progress survives a reload', async () => {
    const { page } = s;
    await page.reload();
    expect(await summary(page)).toBe('1 of 13 objectives mastered.');
    expect(await mark(page, 'mse-vs-ce').textContent()).toBe('● mastered');
  });

  test('export writes the record to a file; import restores it in another browser profile', async () => {
    const { page } = s;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
    expect(download.suggestedFilename()).toBe('losslab-progress.json');
    const file = join(tmpdir(), `losslab-progress-${process.pid}.json`);
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ format: 'losslab-progress', version: 1, objectives: (await stored(page)).objectives });
    expect(exported.quiz.version).toBe(2);
    expect(await page.getByRole('status').filter({ hasText: 'Progress exported' }).count()).toBe(1);

    const fresh = await openPage(browser);
    expect(await summary(fresh.page)).toBe('0 of 13 objectives mastered.');
    await fresh.page.getByLabel('Import progress').setInputFiles(file);
    await expect.poll(() => summary(fresh.page)).toBe('1 of 13 objectives mastered.');
    expect(await fresh.page.locator('.progress-message').textContent()).toBe('Progress imported: 2 objectives with answers.');
    expect((await stored(fresh.page)).objectives).toEqual(exported.objectives);
    // A file that is not progress changes nothing.
    const bad = join(tmpdir(), `losslab-not-progress-${process.pid}.json`);
    writeFileSync(bad, JSON.stringify({ hello: 1 }));
    await fresh.page.getByLabel('Import progress').setInputFiles(bad);
    await expect.poll(() => fresh.page.locator('.progress-message').textContent()).toBe('That file is not LossLab progress of this version; nothing changed.');
    expect(await summary(fresh.page)).toBe('1 of 13 objectives mastered.');
    expect(fresh.problems).toEqual([]);
    await fresh.context.close();
  });

  test('"Reset progress" clears it; no axe violations; no console errors', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Reset progress' }).click();
    expect(await summary(page)).toBe('0 of 13 objectives mastered.');
    expect((await stored(page)).objectives).toEqual({});
    expect(await axeViolations(page, 'nav.toc')).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});

describe('stored progress that cannot be used', () => {
  const cases = {
    'malformed JSON': '{"version": 1, "objectives": {',
    'another version': JSON.stringify({ version: 7, objectives: { mse: { tries: 3, right: 3, streak: 3, sources: {} } } }),
    'an array': '[1, 2, 3]',
    'objectives of the wrong shape': JSON.stringify({ version: 1, objectives: [1] }),
  };
  for (const [name, value] of Object.entries(cases)) {
    test(`${name} is ignored, and replaced on the next answer`, async () => {
      const { page, context, problems } = await openPage(browser, 'about:blank');
      await page.addInitScript(([key, v]) => { if (!sessionStorage.getItem('x')) { localStorage.setItem(key, v); sessionStorage.setItem('x', '1'); } }, [KEY, value]);
      await page.goto(new URL('./', (await import('./browser.js')).baseUrl()).href);
      expect(await summary(page)).toBe('0 of 13 objectives mastered.');
      await predict(page, 'mse-vs-ce', 'mse-vs-ce', true);
      expect((await stored(page)).objectives).toEqual({ 'mse-vs-ce': { tries: 1, right: 1, streak: 1, sources: { predict: [1, 1] } } });
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  test('entries that do not fit are dropped, the rest kept', async () => {
    const { page, context } = await openPage(browser, 'about:blank');
    const record = { version: 1, objectives: { mse: { tries: 2, right: 1, streak: 1, sources: { practice: [1, 2] } },
      'no-such': { tries: 1, right: 1, streak: 1, sources: {} }, weighted: { tries: 1, right: 5, streak: 0, sources: {} } } };
    await page.addInitScript(([key, v]) => localStorage.setItem(key, v), [KEY, JSON.stringify(record)]);
    await page.goto(new URL('./', (await import('./browser.js')).baseUrl()).href);
    expect(await mark(page, 'mse').textContent()).toBe('◐ in progress');
    expect(await mark(page, 'weighted').textContent()).toBe('○ not started');
    await context.close();
  });
});

describe('blocked storage', () => {
  test('a localStorage that throws: one notice in the page, progress kept in memory', async () => {
    const { page, context, problems } = await openPage(browser, 'about:blank');
    await page.addInitScript(() => Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    }));
    await page.goto(new URL('./', (await import('./browser.js')).baseUrl()).href);
    const notice = page.locator('#ll-storage-notice');
    expect(await notice.count()).toBe(1);
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(/kept only until you leave or reload the page/);
    await answerQuickCheck(page, 'stability', true);
    await predict(page, 'logsumexp-lab', 'stability', true);
    await predict(page, 'logsumexp-lab', 'stability', true);
    expect(await mark(page, 'stability').textContent()).toBe('● mastered');
    // The quiz and the practice blocks use the same notice: still one.
    const quiz = page.locator('loss-quiz');
    await quiz.scrollIntoViewIfNeeded();
    await expect.poll(() => quiz.locator('li.quiz-question').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('#ll-storage-notice').count()).toBe(1);
    expect(await axeViolations(page, '#ll-storage-notice')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a storage that is full: the notice appears when a write fails, and progress goes on', async () => {
    const { page, context, problems } = await openPage(browser, 'about:blank');
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(key).startsWith('losslab.progress')) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    await page.goto(new URL('./', (await import('./browser.js')).baseUrl()).href);
    await predict(page, 'mse-vs-ce', 'mse-vs-ce', true);
    expect(await page.locator('#ll-storage-notice').count()).toBe(1);
    expect(await mark(page, 'mse-vs-ce').textContent()).toBe('◐ in progress');
    expect(problems).toEqual([]);
    await context.close();
  });
});
