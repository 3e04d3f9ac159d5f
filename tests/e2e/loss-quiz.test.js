// "Loss Functions Quiz" (<loss-quiz>): the questions are built into the section page by web/build/quiz.js and
// the element enhances them in place. Driven like a reader would: choose, Check (or Enter on a choice), read the
// verdict, the Score, Retry, "Show only missed", and answers that survive a reload but never a bad stored record.
//
// It runs against the section page (index.html). When only the embed page is built (LOSSLAB_PAGES=embed, which
// skips the content build), a small fixture quiz is rendered by the same web/build/quiz.js here in Node and put
// into the embed page's <loss-quiz> before the element is defined, so the widget is still tested on built markup.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMarkdown } from '../../web/build/markdown.js';
import { renderQuiz } from '../../web/build/quiz.js';
import { axeViolations, baseUrl, launchBrowser, openPage } from './browser.js';

const TITLE = 'Loss Functions Quiz';
const KEY = 'losslab.quiz.v1';
const FULL_PAGE = !process.env.LOSSLAB_PAGES || process.env.LOSSLAB_PAGES.split(',').includes('index');

const FIXTURE = {
  version: 1,
  questions: [
    { id: 'f-mse', part: 'mse', question: 'What does MSE square?', choices: ['The error', 'The target', 'The input'],
      answer: 0, explanation: 'The error $\\hat y - y$ is squared, so large errors dominate.' },
    { id: 'f-ce', part: 'cross-entropy', question: 'Which PyTorch loss takes raw logits for many classes?',
      choices: ['`nn.NLLLoss`', '`nn.CrossEntropyLoss`', '`nn.BCELoss`', '`nn.MSELoss`'], answer: 1,
      explanation: '`nn.CrossEntropyLoss` applies log-softmax itself.' },
    { id: 'f-huber', part: 'other-losses', question: 'Huber is linear for errors above...', choices: ['zero', 'delta'],
      answer: 1, explanation: 'Above delta its gradient is capped at delta.' },
    { id: 'f-focal', part: 'weighted', question: 'Focal loss down-weights...', choices: ['hard examples', 'easy examples'],
      answer: 1, explanation: 'The factor $(1 - p_t)^\\gamma$ is small for easy examples.' },
  ],
};

const fixtureHtml = () => renderQuiz(FIXTURE, createMarkdown({ file: 'fixture', usedIds: new Set(), quickChecks: 0, listings: 0 }));

let browser, session;
beforeAll(async () => {
  browser = await launchBrowser();
  session = await openQuiz();
});
afterAll(async () => browser?.close());

/** A fresh page with the quiz: the section page, or the embed page with the fixture (see the top). `setup` runs in
 *  the page before its scripts (e.g. to plant or break localStorage). */
async function openQuiz({ setup, setupArg, contextOptions } = {}) {
  const opened = await openPage(browser, 'about:blank', contextOptions);
  if (setup) await opened.page.addInitScript(setup, setupArg);
  if (!FULL_PAGE) {
    await opened.page.addInitScript((html) => {
      // embed.js creates <loss-quiz> and only then loads its module, so the markup is in place before upgrade.
      new MutationObserver((records, observer) => {
        const quiz = document.querySelector('loss-quiz');
        if (quiz && !quiz.hasChildNodes()) {
          quiz.innerHTML = html;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, fixtureHtml());
  }
  opened.response = await opened.page.goto(new URL(FULL_PAGE ? '' : 'embed.html?widget=loss-quiz', baseUrl()).href);
  const quiz = opened.page.locator('loss-quiz');
  await quiz.locator('output[data-value]').waitFor();
  await quiz.scrollIntoViewIfNeeded();
  return { ...opened, quiz };
}

/** Reads the questions as the built markup states them. */
async function questionsOf(quiz) {
  return quiz.locator('li.quiz-question').evaluateAll((items) => items.map((li) => ({
    id: li.dataset.id, answer: Number(li.dataset.answer), choices: li.querySelectorAll('input[type=radio]').length,
  })));
}

async function score(quiz) {
  const output = quiz.getByLabel('Score', { exact: true });
  return { text: await output.textContent(), correct: Number(await output.getAttribute('data-value')) };
}

const question = (quiz, n) => quiz.locator('li.quiz-question').nth(n);
const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);

describe('Loss Functions Quiz', () => {
  test('enhances the built questions: a region with its title, a Check per question, Score 0 of N', async () => {
    const { page, quiz } = session;
    expect(await quiz.getAttribute('role')).toBe('region');
    const named = page.getByRole('region', { name: TITLE, exact: true }).and(quiz);
    expect(await named.count()).toBe(1);
    const questions = await questionsOf(quiz);
    expect(questions.length).toBeGreaterThanOrEqual(FULL_PAGE ? 10 : 4);
    expect(await quiz.getByRole('button', { name: 'Check', exact: true }).count()).toBe(questions.length);
    expect(await quiz.locator('fieldset legend').first().textContent()).toBe(`Question 1 of ${questions.length}`);
    expect(await score(quiz)).toEqual({ text: `0 of ${questions.length}`, correct: 0 });
    expect(await quiz.getByLabel('Score', { exact: true }).getAttribute('aria-live')).toBe('polite');
    expect(await quiz.locator('details.quiz-explanation[open]').count()).toBe(0);
    expect(await quiz.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(1);
    expect(await quiz.getByLabel('Show only missed', { exact: true }).isChecked()).toBe(false);
  });

  test('a right answer: Correct, the explanation opens, the question locks, the Score counts it', async () => {
    const { quiz } = session;
    const [first] = await questionsOf(quiz);
    const q = question(quiz, 0);
    await q.getByRole('radio').nth(first.answer).check();
    await q.getByRole('button', { name: 'Check', exact: true }).click();
    expect(await q.locator('.quiz-feedback').textContent()).toBe('Correct.');
    expect(await q.locator('details.quiz-explanation').getAttribute('open')).toBe('');
    for (const radio of await q.getByRole('radio').all()) expect(await radio.isDisabled()).toBe(true);
    expect(await q.getByRole('button', { name: 'Check', exact: true }).isVisible()).toBe(false);
    expect(await q.locator('.quiz-tag').textContent()).toBe('Your answer: correct');
    expect((await score(quiz)).correct).toBe(1);
    expect((await score(quiz)).text).toMatch(/^1 of \d+$/);
  });

  test('a wrong answer by keyboard alone: arrows choose, Enter checks, focus lands on the explanation', async () => {
    const { page, quiz } = session;
    const [, second] = await questionsOf(quiz);
    const wrong = (second.answer + 1) % second.choices;
    const q = question(quiz, 1);
    await q.getByRole('radio').first().focus();
    if (wrong > 0) {
      // Arrow keys move the selection through the group, as in any radio group.
      for (let i = 0; i < wrong; i++) await page.keyboard.press('ArrowDown');
    } else {
      await page.keyboard.press('Space');
    }
    expect(await q.getByRole('radio').nth(wrong).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await q.locator('.quiz-feedback').textContent()).toMatch(/^Not quite\. The answer is: /);
    expect(await q.locator('details.quiz-explanation').getAttribute('open')).toBe('');
    expect(await page.evaluate(() => document.activeElement.localName)).toBe('summary');
    expect(await q.locator('.quiz-tag').allTextContents()).toEqual(wrong < second.answer
      ? ['Your answer', 'Correct answer'] : ['Correct answer', 'Your answer']);
    expect((await score(quiz)).correct).toBe(1);
    expect(await quiz.getByLabel('Score', { exact: true }).getAttribute('data-answered')).toBe('2');
  });

  test('Check with nothing chosen asks for a choice and does not lock', async () => {
    const { quiz } = session;
    const q = question(quiz, 2);
    await q.getByRole('button', { name: 'Check', exact: true }).click();
    expect(await q.locator('.quiz-feedback').textContent()).toBe('Choose an answer first.');
    expect(await q.getByRole('radio').first().isDisabled()).toBe(false);
    await q.getByRole('radio').first().check();
    expect(await q.locator('.quiz-feedback').textContent()).toBe('');
  });

  test('answers are saved under a versioned key and restored after a reload', async () => {
    const { page, quiz } = session;
    const questions = await questionsOf(quiz);
    const record = await stored(page);
    expect(record.version).toBe('1');
    expect(record.signature).toMatch(/^[0-9a-f]{8}$/);
    expect(record.answers).toEqual({
      [questions[0].id]: questions[0].answer,
      [questions[1].id]: (questions[1].answer + 1) % questions[1].choices,
    });
    await page.reload();
    await quiz.locator('output[data-value]').waitFor();
    expect((await score(quiz)).correct).toBe(1);
    expect(await question(quiz, 0).getAttribute('data-result')).toBe('correct');
    expect(await question(quiz, 1).getAttribute('data-result')).toBe('incorrect');
    expect(await question(quiz, 2).getAttribute('data-result')).toBe(null);
    expect(await question(quiz, 1).getByRole('radio').first().isDisabled()).toBe(true);
  });

  test('"Show only missed" hides all but the wrong answers', async () => {
    const { quiz } = session;
    const total = (await questionsOf(quiz)).length;
    const toggle = quiz.getByLabel('Show only missed', { exact: true });
    await toggle.check();
    expect(await quiz.locator('li.quiz-question:visible').count()).toBe(1);
    expect(await question(quiz, 1).isVisible()).toBe(true);
    await toggle.uncheck();
    expect(await quiz.locator('li.quiz-question:visible').count()).toBe(total);
  });

  test('no axe violations with verdicts and explanations showing', async () => {
    expect(await axeViolations(session.page, 'loss-quiz')).toEqual([]);
  });

  test('Retry clears every answer, the Score and the saved record', async () => {
    const { page, quiz } = session;
    const total = (await questionsOf(quiz)).length;
    await quiz.getByLabel('Show only missed', { exact: true }).check();
    await quiz.getByRole('button', { name: 'Retry', exact: true }).click();
    expect(await score(quiz)).toEqual({ text: `0 of ${total}`, correct: 0 });
    expect(await quiz.getByLabel('Show only missed', { exact: true }).isChecked()).toBe(false);
    expect(await quiz.locator('li.quiz-question[data-result]').count()).toBe(0);
    expect(await quiz.locator('input[type=radio]:checked').count()).toBe(0);
    expect(await quiz.locator('input[type=radio]:disabled').count()).toBe(0);
    expect(await quiz.locator('details.quiz-explanation[open]').count()).toBe(0);
    expect(await quiz.locator('.quiz-tag').count()).toBe(0);
    expect((await stored(page)).answers).toEqual({});
    expect(session.problems).toEqual([]);
  });

  test('answering every question gives the closing note; input-to-repaint time of Check', async () => {
    const { page, quiz } = session;
    const questions = await questionsOf(quiz);
    for (let i = 0; i < questions.length; i++) {
      const q = question(quiz, i);
      await q.getByRole('radio').nth(i % 2 === 0 ? questions[i].answer : (questions[i].answer + 1) % questions[i].choices).check();
      await q.getByRole('button', { name: 'Check', exact: true }).click();
    }
    const correct = Math.ceil(questions.length / 2);
    expect(await score(quiz)).toEqual({ text: `${correct} of ${questions.length}`, correct });
    expect(await quiz.locator('.quiz-done').textContent())
      .toBe(`All ${questions.length} questions answered: ${correct} correct. Retry clears the answers.`);
    // Check click to repaint: choose, click Check, wait for 'll-rendered' (update + the frame), 20 times.
    const times = await page.evaluate(async () => {
      const element = document.querySelector('loss-quiz');
      const rendered = () => new Promise((resolve) => element.addEventListener('ll-rendered', resolve, { once: true }));
      const retry = [...element.querySelectorAll('button')].find((b) => b.textContent === 'Retry');
      const items = [...element.querySelectorAll('li.quiz-question')];
      const samples = [];
      for (let i = 0; i < 20; i++) {
        const item = items[i % items.length];
        if (item.dataset.result) {
          const done = rendered();
          retry.click();
          await done;
        }
        item.querySelector('input[type=radio]').checked = true;
        const done = rendered();
        const t0 = performance.now();
        item.querySelector('button.quiz-check').click();
        await done;
        samples.push(performance.now() - t0);
      }
      return samples;
    });
    const median = times.sort((a, b) => a - b)[times.length >> 1];
    console.log(`loss-quiz: Check-to-repaint median ${median.toFixed(2)} ms over ${times.length} updates`);
    expect(session.problems).toEqual([]);
  });
});

describe('stored answers that cannot be used', () => {
  const cases = {
    'malformed JSON': () => '{"version": "1", "answers": {',
    'a wrong version': (sig, a) => JSON.stringify({ version: '0', signature: sig, answers: a }),
    'an old quiz (signature differs)': (sig, a) => JSON.stringify({ version: '1', signature: 'deadbeef', answers: a }),
    'not an object': () => '42',
    'answers of the wrong shape': (sig) => JSON.stringify({ version: '1', signature: sig, answers: [1, 2] }),
  };
  for (const [name, make] of Object.entries(cases)) {
    test(`${name} is ignored and overwritten`, async () => {
      const signature = await session.quiz.evaluate(() => JSON.parse(localStorage.getItem('losslab.quiz.v1')).signature);
      const [first] = await questionsOf(session.quiz);
      const value = make(signature, { [first.id]: first.answer });
      const { page, quiz, problems, context } = await openQuiz({
        setup: ([key, v]) => localStorage.setItem(key, v),
        setupArg: [KEY, value],
      });
      expect((await score(quiz)).correct).toBe(0);
      expect(await quiz.locator('li.quiz-question[data-result]').count()).toBe(0);
      expect(await stored(page)).toEqual({ version: '1', signature, answers: {} });
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  test('entries that do not fit the questions are dropped, the rest restored', async () => {
    const signature = await session.quiz.evaluate(() => JSON.parse(localStorage.getItem('losslab.quiz.v1')).signature);
    const [first, second, third] = await questionsOf(session.quiz);
    const answers = { [first.id]: first.answer, [second.id]: second.choices, [third.id]: 0.5, 'no-such-question': 0 };
    const { page, quiz, problems, context } = await openQuiz({
      setup: ([key, v]) => localStorage.setItem(key, v),
      setupArg: [KEY, JSON.stringify({ version: '1', signature, answers })],
    });
    expect((await score(quiz)).correct).toBe(1);
    expect(await quiz.locator('li.quiz-question[data-result]').count()).toBe(1);
    expect(await stored(page)).toEqual({ version: '1', signature, answers: { [first.id]: first.answer } });
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a localStorage that throws: the quiz still works, it just forgets', async () => {
    const { page, quiz, problems, context } = await openQuiz({
      setup: () => Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      }),
    });
    expect(await page.evaluate(() => { try { return typeof localStorage; } catch { return 'throws'; } })).toBe('throws');
    const [first] = await questionsOf(quiz);
    await question(quiz, 0).getByRole('radio').nth(first.answer).check();
    await question(quiz, 0).getByRole('button', { name: 'Check', exact: true }).click();
    expect((await score(quiz)).correct).toBe(1);
    await quiz.getByRole('button', { name: 'Retry', exact: true }).click();
    expect((await score(quiz)).correct).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a storage that is full or read-only: answering still works', async () => {
    const { quiz, problems, context } = await openQuiz({
      setup: () => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; },
    });
    const [first] = await questionsOf(quiz);
    await question(quiz, 0).getByRole('radio').nth(first.answer).check();
    await question(quiz, 0).locator('input[type=radio]:checked').press('Enter');
    expect((await score(quiz)).correct).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('on the embed page, empty', () => {
  test('points to the section\'s quiz instead of fetching questions', async () => {
    const { page, context, problems } = await openPage(browser, 'embed.html?widget=loss-quiz');
    const region = page.getByRole('region', { name: TITLE, exact: true });
    const link = region.getByRole('link', { name: 'the quiz in the Loss Functions section' });
    await link.waitFor();
    expect(new URL(await link.evaluate((a) => a.href)).pathname).toMatch(/\/index\.html$/);
    expect(await link.getAttribute('href')).toBe('index.html#quiz');
    expect(await region.locator('output').count()).toBe(0);
    expect(await axeViolations(page, 'loss-quiz')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
