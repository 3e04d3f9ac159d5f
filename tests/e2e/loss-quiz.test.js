// "Loss Functions Quiz" (<loss-quiz>), driven like a student: pick a part, choose, Check (or Enter), a hint and one
// more try after a wrong answer, explanations that speak to the chosen option and link to a widget preset, the score
// and the summary by objective. Also the teacher settings (questions=, shuffle=, seed=), the xAPI statements, the
// getProgress/setProgress pair, storage (versioned, bad data ignored, blocked storage with one notice), and the
// rule that no answer or explanation is in the DOM before the student checks.
//
// The right answers come from web/content/quiz.json here in Node: each radio's value is its choice's index there.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, launchBrowser, openPage } from './browser.js';

const TITLE = 'Loss Functions Quiz';
const KEY = 'losslab.quiz.v2';
const BANK = JSON.parse(readFileSync(new URL('../../web/content/quiz.json', import.meta.url), 'utf8'));
const ANSWER = Object.fromEntries(BANK.questions.map((q) => [q.id, q.choices.findIndex((c) => c.correct)]));
const PART = Object.fromEntries(BANK.questions.map((q) => [q.id, q.part]));

let browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function openQuiz(path = '', { setup, setupArg } = {}) {
  const opened = await openPage(browser, 'about:blank');
  if (setup) await opened.page.addInitScript(setup, setupArg);
  await opened.page.addInitScript(() => {
    window.__xapi = [];
    document.addEventListener('ll-xapi', (e) => window.__xapi.push(e.detail));
    window.__objectives = [];
    document.addEventListener('ll-objective', (e) => window.__objectives.push(e.detail));
  });
  const url = new URL(path, (await import('./browser.js')).baseUrl());
  await opened.page.goto(url.href, { waitUntil: 'load' });
  const quiz = opened.page.getByRole('region', { name: TITLE, exact: true });
  for (let i = 0; i < 100 && !(await quiz.locator('li.quiz-question').count()); i++) {
    await quiz.scrollIntoViewIfNeeded();
    await opened.page.waitForTimeout(200);
  }
  return { ...opened, quiz };
}

const visible = (quiz) => quiz.locator('li.quiz-question:not([hidden])');
async function visibleIds(quiz) {
  return visible(quiz).evaluateAll((items) => items.map((i) => i.dataset.id));
}
function questionById(quiz, id) {
  return quiz.locator(`li.quiz-question[data-id="${id}"]`);
}
async function choose(q, originalIndex) {
  await q.locator(`input[type=radio][value="${originalIndex}"]`).check();
}
async function wrongChoice(q, id, not = []) {
  const values = await q.getByRole('radio').evaluateAll((rs) => rs.map((r) => Number(r.value)));
  return values.find((v) => v !== ANSWER[id] && !not.includes(v));
}
const score = async (quiz) => quiz.getByLabel('Score', { exact: true }).textContent();

describe('before answering', () => {
  test('no answer and no explanation in the DOM; options shuffled with the seed', async () => {
    const { page, quiz, problems, context } = await openQuiz();
    expect(await quiz.locator('[data-answer]').count()).toBe(0);
    expect(await quiz.locator('[data-correct]').count()).toBe(0);
    expect(await quiz.locator('.quiz-explanation *').count()).toBe(0);
    // No option's explanation ("why") text is anywhere on the page.
    const bodyText = await page.evaluate(() => document.body.textContent);
    for (const q of BANK.questions.slice(0, 6)) expect(bodyText).not.toContain(q.choices[0].why.slice(0, 40));
    // The whole bank: the correct option is first in only a few questions.
    const { quiz: all, context: c2 } = await openQuiz('?part=all');
    const firsts = await all.locator('li.quiz-question').evaluateAll((items) => items.map((i) => [i.dataset.id, Number(i.querySelector('input').value)]));
    expect(firsts.length).toBe(BANK.questions.length);
    expect(BANK.questions.length).toBeGreaterThanOrEqual(30);
    const correctFirst = firsts.filter(([id, v]) => v === ANSWER[id]).length;
    expect(correctFirst).toBeLessThan(firsts.length / 2);
    // The same seed gives the same order; another seed a different one.
    const { quiz: again, context: c3 } = await openQuiz('?part=all');
    expect(await again.locator('li.quiz-question input').evaluateAll((rs) => rs.map((r) => r.value)))
      .toEqual(await all.locator('li.quiz-question input').evaluateAll((rs) => rs.map((r) => r.value)));
    const { quiz: other, context: c4 } = await openQuiz('?part=all&seed=7');
    expect(await other.locator('li.quiz-question input').evaluateAll((rs) => rs.map((r) => r.value)))
      .not.toEqual(await all.locator('li.quiz-question input').evaluateAll((rs) => rs.map((r) => r.value)));
    expect(problems).toEqual([]);
    for (const c of [context, c2, c3, c4]) await c.close();
  });
});

describe('answering', () => {
  let s;
  beforeAll(async () => {
    s = await openQuiz();
  });
  afterAll(async () => s.context.close());

  test('starts on the first part; the part filter and "Next part" move through short sets', async () => {
    const { quiz } = s;
    const part = quiz.getByLabel('Part', { exact: true });
    expect(await part.inputValue()).toBe('introduction');
    const ids = await visibleIds(quiz);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(ids.every((id) => PART[id] === 'introduction')).toBe(true);
    await quiz.getByRole('button', { name: /^Next part: / }).click();
    expect(await part.inputValue()).toBe('mse');
    expect((await visibleIds(quiz)).every((id) => PART[id] === 'mse')).toBe(true);
    await part.selectOption('');
    expect((await visibleIds(quiz)).length).toBe(BANK.questions.length);
    await part.selectOption('introduction');
  });

  test('a right answer: "Correct.", the explanation for that option, a widget preset link, the score', async () => {
    const { quiz, page } = s;
    const [id] = await visibleIds(quiz);
    const q = questionById(quiz, id);
    await choose(q, ANSWER[id]);
    await q.getByRole('button', { name: 'Check', exact: true }).click();
    expect(await q.getByRole('status').textContent()).toBe('Correct.');
    expect(await q.getAttribute('data-result')).toBe('correct');
    const explanation = q.locator('.quiz-explanation');
    const why = BANK.questions.find((b) => b.id === id).choices[ANSWER[id]].why;
    expect(await explanation.textContent()).toContain(why.replace(/`/g, '').slice(0, 30));
    const link = explanation.getByRole('link', { name: /^See it in the .* widget$/ });
    const preset = BANK.questions.find((b) => b.id === id).preset;
    const href = new URL(await link.getAttribute('href'), page.url());
    expect(href.hash).toBe(`#${preset.widget}`);
    for (const [k, v] of Object.entries(preset.state)) expect(href.searchParams.get(`${preset.widget}.${k}`)).toBe(String(v));
    expect(await score(quiz)).toBe(`1 of ${BANK.questions.length}`);
    expect(await q.getByRole('radio').first().isDisabled()).toBe(true);
  });

  test('a wrong answer: feedback on that option, a hint, one more try; then the answer and both explanations', async () => {
    const { quiz, page } = s;
    const id = (await visibleIds(quiz))[1];
    const q = questionById(quiz, id);
    const bank = BANK.questions.find((b) => b.id === id);
    const first = await wrongChoice(q, id);
    await choose(q, first);
    await q.getByRole('button', { name: 'Check', exact: true }).click();
    const status = await q.getByRole('status').textContent();
    expect(status).toMatch(/^Not quite\./);
    expect(status).toContain('Hint:');
    expect(status).toContain('one more try');
    expect(await q.getAttribute('data-result')).toBe('retry');
    expect(await q.locator('.quiz-explanation *').count()).toBe(0); // no explanation before the final answer
    expect(await q.locator(`input[value="${first}"]`).isDisabled()).toBe(true);
    const second = await wrongChoice(q, id, [first]);
    await choose(q, second);
    await q.locator(`input[value="${second}"]`).press('Enter'); // Enter on a choice checks it
    expect(await q.getByRole('status').textContent()).toMatch(/^Not quite\. The answer is: /);
    expect(await q.getAttribute('data-result')).toBe('incorrect');
    const text = await q.locator('.quiz-explanation').textContent();
    expect(text).toContain('Your answer:');
    expect(text).toContain('The answer:');
    expect(await q.locator('.quiz-tag').allTextContents()).toEqual(expect.arrayContaining(['Correct answer', 'Your answer', 'First try']));
    expect(await score(quiz)).toBe(`1 of ${BANK.questions.length}`);
    // Reported: a first answer per question counts toward mastery; each final answer is an xAPI statement.
    const objectives = await page.evaluate(() => window.__objectives);
    expect(objectives.filter((o) => o.source === 'quiz')).toEqual([
      expect.objectContaining({ objective: PART[(await visibleIds(quiz))[0]], correct: true, source: 'quiz' }),
      expect.objectContaining({ objective: bank.part, correct: false, source: 'quiz' }),
    ]);
  });

  test('"answered" xAPI statements carry the score, success and the objective', async () => {
    const statements = await s.page.evaluate(() => window.__xapi);
    expect(statements.length).toBe(2);
    const [right, wrong] = statements;
    expect(right.verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');
    expect(right.result).toMatchObject({ success: true, score: { raw: 1, min: 0, max: 1, scaled: 1 } });
    expect(wrong.result).toMatchObject({ success: false, score: { raw: 0, min: 0, max: 1, scaled: 0 } });
    expect(wrong.result.extensions['https://losslab.dev/xapi/attempts']).toBe(2);
    expect(right.context.extensions['https://losslab.dev/xapi/objective']).toBe('introduction');
    expect(right.object.definition.interactionType).toBe('choice');
  });

  test('answers are saved under a versioned key and restored after a reload', async () => {
    const { page, quiz } = s;
    const record = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);
    expect(record.version).toBe(2);
    expect(record.signature).toMatch(/^[0-9a-f]{8}$/);
    expect(Object.keys(record.answers).length).toBe(2);
    await page.reload();
    await expect.poll(async () => {
      await quiz.scrollIntoViewIfNeeded();
      return quiz.locator('li.quiz-question[data-result]').count();
    }).toBe(2);
    expect(await score(quiz)).toBe(`1 of ${BANK.questions.length}`);
  });

  test('"Show only missed", the summary by objective, no axe violations', async () => {
    const { quiz, page } = s;
    await quiz.getByLabel('Show only missed', { exact: true }).check();
    expect((await visibleIds(quiz)).length).toBe(1);
    await quiz.getByLabel('Show only missed', { exact: true }).uncheck();
    const summary = quiz.getByRole('region', { name: 'Summary by objective' }).or(quiz.locator('.quiz-summary'));
    expect(await summary.locator('tbody tr').count()).toBe(1);
    expect(await summary.locator('tbody tr td').allTextContents()).toEqual(['1', '2', String(BANK.questions.filter((q) => q.part === 'introduction').length)]);
    expect(await axeViolations(page, 'loss-quiz')).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  test('getProgress / setProgress round-trip the answers into another page', async () => {
    const progress = await s.page.evaluate(() => document.querySelector('loss-quiz').getProgress());
    expect(progress.version).toBe(2);
    const other = await openQuiz('?part=all', { setup: () => localStorage.clear() });
    expect(await other.quiz.locator('li.quiz-question[data-result]').count()).toBe(0);
    await other.page.evaluate((p) => document.querySelector('loss-quiz').setProgress(p), progress);
    expect(await other.quiz.locator('li.quiz-question[data-result]').count()).toBe(2);
    expect(await score(other.quiz)).toBe(`1 of ${BANK.questions.length}`);
    expect(await other.page.evaluate(() => document.querySelector('loss-quiz').getProgress().answers))
      .toEqual(progress.answers);
    await other.context.close();
  });

  test('"Start over" clears every answer, the score and the saved record', async () => {
    const { quiz, page } = s;
    await quiz.getByRole('button', { name: 'Start over' }).click();
    expect(await score(quiz)).toBe(`0 of ${BANK.questions.length}`);
    expect(await quiz.locator('li.quiz-question[data-result]').count()).toBe(0);
    expect(await quiz.locator('.quiz-explanation *').count()).toBe(0);
    expect((await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY)).answers).toEqual({});
  });
});

describe('teacher settings and the closing statement', () => {
  test('questions=<ids> picks a subset, shuffle=1 shuffles it with the seed, "completed" ends it', async () => {
    const ids = ['q-mse-gradient', 'q-ce-mle', 'q-stability-threshold', 'q-calibration-ts'];
    const { page, quiz, problems, context } = await openQuiz(`?questions=${ids.join(',')}&shuffle=1&seed=5`);
    const shown = await visibleIds(quiz);
    expect([...shown].sort()).toEqual([...ids].sort());
    expect(shown).not.toEqual(ids); // shuffled (seed 5)
    expect(await quiz.locator('legend').first().textContent()).toBe(`Question 1 of ${ids.length}`);
    for (const [i, id] of shown.entries()) {
      const q = questionById(quiz, id);
      await choose(q, i === 0 ? await wrongChoice(q, id) : ANSWER[id]);
      await q.getByRole('button', { name: 'Check', exact: true }).click();
      if (i === 0) {
        await choose(q, ANSWER[id]);
        await q.getByRole('button', { name: 'Check again' }).click();
        expect(await q.getByRole('status').textContent()).toBe('Correct on the second try.');
      }
    }
    expect(await quiz.locator('.quiz-done').textContent()).toMatch(/^All 4 questions answered: 4 correct\./);
    const statements = await page.evaluate(() => window.__xapi);
    expect(statements.map((st) => st.verb.display['en-US'])).toEqual(['answered', 'answered', 'answered', 'answered', 'completed']);
    const completed = statements.at(-1);
    expect(completed.result).toMatchObject({ success: true, completion: true, score: { raw: 4, min: 0, max: 4, scaled: 1 } });
    expect(completed.context.extensions['https://losslab.dev/xapi/objectives']).toMatchObject({ mse: { raw: 1, max: 1 } });
    const summaryRows = await quiz.locator('.quiz-summary tbody tr').count();
    expect(summaryRows).toBe(4);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('unknown question ids are ignored with one warning', async () => {
    const { quiz, problems, context } = await openQuiz('?questions=q-ce-mle,nope');
    expect(await visibleIds(quiz)).toEqual(['q-ce-mle']);
    expect(problems).toEqual(['console warning: loss-quiz: unknown question ids ignored: nope']);
    await context.close();
  });

  test('the embed page shows the questions', async () => {
    const { quiz, problems, context, page } = await openQuiz('embed.html?widget=loss-quiz&questions=q-ce-mle,q-weighted-mean');
    expect(await visibleIds(quiz)).toEqual(['q-ce-mle', 'q-weighted-mean']);
    const q = questionById(quiz, 'q-ce-mle');
    await choose(q, ANSWER['q-ce-mle']);
    await q.getByRole('button', { name: 'Check', exact: true }).click();
    const link = q.getByRole('link', { name: /^See it in the/ });
    expect(await link.getAttribute('href')).toMatch(/^index\.html\?cross-entropy-explorer\.classes=3#cross-entropy-explorer$/);
    expect(await axeViolations(page, 'loss-quiz')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a preset link opens the widget scrolled into view with that state', async () => {
    const { page, context, problems } = await openPage(browser, '?mse-vs-ce.p=0.05&mse-vs-ce.y=1#mse-vs-ce-widget');
    const widget = page.locator('#mse-vs-ce-widget');
    expect(await widget.evaluate((w) => w.localName)).toBe('mse-vs-ce');
    await expect.poll(() => widget.evaluate((w) => w.state?.p), { timeout: 10_000 }).toBe(0.05);
    await expect.poll(() => widget.evaluate((w) => Math.abs(w.getBoundingClientRect().top)), { timeout: 10_000 }).toBeLessThan(900);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('stored answers that cannot be used', () => {
  const cases = {
    'malformed JSON': () => '{"version": 2, "answers": {',
    'a wrong version': () => JSON.stringify({ version: 1, signature: 'x', answers: {} }),
    'not an object': () => '42',
    'answers of the wrong shape': () => JSON.stringify({ version: 2, signature: 'x', answers: [1, 2] }),
  };
  for (const [name, make] of Object.entries(cases)) {
    test(`${name} is ignored and overwritten`, async () => {
      const { page, quiz, problems, context } = await openQuiz('', {
        setup: ([key, v]) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem(key, v); sessionStorage.setItem('seeded', '1'); } },
        setupArg: [KEY, make()],
      });
      expect(await quiz.locator('li.quiz-question[data-result]').count()).toBe(0);
      const record = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);
      expect(record).toMatchObject({ version: 2, answers: {} });
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  test('entries that do not fit the questions are dropped, the rest restored', async () => {
    const first = await openQuiz('');
    const signature = (await first.page.evaluate(() => document.querySelector('loss-quiz').getProgress())).signature;
    await first.context.close();
    const answers = { 'q-intro-metric': { attempts: [ANSWER['q-intro-metric']] }, 'q-intro-update': { attempts: [9] }, 'no-such': { attempts: [0] } };
    const { quiz, problems, context } = await openQuiz('', {
      setup: ([key, v]) => localStorage.setItem(key, v),
      setupArg: [KEY, JSON.stringify({ version: 2, signature, answers })],
    });
    expect(await quiz.locator('li.quiz-question[data-result]').count()).toBe(1);
    expect(await score(quiz)).toBe(`1 of ${BANK.questions.length}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a localStorage that throws: one notice in the page, and the quiz works in memory', async () => {
    const { page, quiz, problems, context } = await openQuiz('', {
      setup: () => Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      }),
    });
    const notice = page.getByText('This browser does not let the page save your progress');
    expect(await notice.count()).toBe(1);
    expect(await notice.isVisible()).toBe(true);
    const [id] = await visibleIds(quiz);
    const q = questionById(quiz, id);
    await choose(q, ANSWER[id]);
    await q.getByRole('button', { name: 'Check', exact: true }).click();
    expect(await score(quiz)).toBe(`1 of ${BANK.questions.length}`);
    expect(await page.getByText('This browser does not let the page save your progress').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a storage that is full: answering still works, and the notice appears once', async () => {
    const { page, quiz, problems, context } = await openQuiz('', {
      setup: () => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; },
    });
    const [id] = await visibleIds(quiz);
    const q = questionById(quiz, id);
    await choose(q, ANSWER[id]);
    await q.locator('input[type=radio]:checked').press('Enter');
    expect(await score(quiz)).toBe(`1 of ${BANK.questions.length}`);
    expect(await page.locator('#ll-storage-notice').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
