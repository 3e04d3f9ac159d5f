// "Choose a Loss" (<loss-decision-guide>), driven by its labels like a reader with a keyboard would: every task's
// follow-ups appear only when they matter, and the result panel shows what rules.js recommends (the same module,
// imported here in Node). It needs no core, so nothing here waits for the wasm.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { QUESTIONS, recommend, relevantQuestions } from '../../web/src/widgets/loss-decision-guide/rules.js';
import { decisionTree } from '../../web/src/widgets/loss-decision-guide/tree.js';
import { layoutProblems } from './figb-checks.js';
import { axeViolations, launchBrowser, openPage } from './browser.js';

const TITLE = 'Choose a Loss';
const FOLLOW_UPS = Object.keys(QUESTIONS).filter((key) => key !== 'task');

let browser, session;
beforeAll(async () => {
  browser = await launchBrowser();
  session = await openPage(browser, 'embed.html?widget=loss-decision-guide');
});
afterAll(async () => browser?.close());

async function guide(page) {
  const region = page.getByRole('region', { name: TITLE, exact: true });
  await region.locator('output[data-value]').first().waitFor();
  return region;
}

async function shown(region) {
  return {
    id: await region.getByLabel('Recommended loss', { exact: true }).getAttribute('data-value'),
    loss: await region.getByLabel('Recommended loss', { exact: true }).textContent(),
    pytorch: await region.getByLabel('PyTorch class', { exact: true }).textContent(),
    why: await region.getByLabel('Why', { exact: true }).textContent(),
  };
}

/** Answers the visible questions by their labels and waits for the panel to show rules.js's recommendation. */
async function answer(region, answers) {
  await region.getByLabel(QUESTIONS.task.label, { exact: true }).selectOption(answers.task);
  for (const key of relevantQuestions(answers.task)) {
    if (answers[key]) await region.getByLabel(QUESTIONS[key].label, { exact: true }).selectOption(answers[key]);
  }
  const { id, loss, pytorch, why } = recommend(answers);
  await expect.poll(() => shown(region)).toEqual({ id, loss, pytorch, why });
}

describe('Choose a Loss', () => {
  test('starts with a recommendation for a number, announced politely', async () => {
    const region = await guide(session.page);
    expect(await region.getByRole('heading').textContent()).toBe(TITLE);
    expect(await shown(region)).toEqual(recommend({ task: 'number' }));
    for (const label of ['Recommended loss', 'PyTorch class', 'Why']) {
      expect(await region.getByLabel(label, { exact: true }).getAttribute('aria-live')).toBe('polite');
    }
  });

  test('each task shows only its follow-up questions', async () => {
    const region = await guide(session.page);
    for (const [task] of QUESTIONS.task.choices) {
      await region.getByLabel(QUESTIONS.task.label, { exact: true }).selectOption(task);
      const relevant = relevantQuestions(task);
      for (const key of FOLLOW_UPS) {
        const control = region.getByLabel(QUESTIONS[key].label, { exact: true });
        await expect.poll(() => control.isVisible(), `${task}: ${key}`).toBe(relevant.includes(key));
      }
      // Polled: multiclass and multilabel show the same follow-ups, so visibility alone does not wait for the render.
      await expect.poll(async () => (await shown(region)).id).toBe(recommend({ task }).id);
    }
  });

  test('the follow-ups lead to the section\'s recommendations', async () => {
    const region = await guide(session.page);
    await answer(region, { task: 'number', outliers: 'some' });
    expect((await shown(region)).pytorch).toBe('nn.HuberLoss(delta=1.0)');
    await answer(region, { task: 'number', outliers: 'heavy' });
    expect((await shown(region)).pytorch).toBe('nn.L1Loss()');
    await answer(region, { task: 'binary', imbalance: 'mild', overconfident: 'no', activation: 'yes' });
    expect((await shown(region)).pytorch).toContain('nn.BCEWithLogitsLoss(pos_weight=');
    await answer(region, { task: 'multiclass', imbalance: 'mild', overconfident: 'yes', activation: 'no' });
    expect((await shown(region)).pytorch).toBe('nn.CrossEntropyLoss(weight=class_weights, label_smoothing=0.1)');
    await answer(region, { task: 'multilabel', imbalance: 'severe', overconfident: 'no', activation: 'no' });
    expect((await shown(region)).pytorch).toContain('torchvision.ops.sigmoid_focal_loss');
    await answer(region, { task: 'embedding', pairing: 'pairs' });
    await answer(region, { task: 'embedding', pairing: 'labels' });
    expect((await shown(region)).pytorch).toContain('nn.TripletMarginLoss');
    await answer(region, { task: 'segmentation', imbalance: 'no', activation: 'no' });
    expect((await shown(region)).loss).toBe('Dice + BCE');
    await answer(region, { task: 'boxes', imbalance: 'severe' });
    expect((await shown(region)).pytorch).toContain('torchvision.ops.generalized_box_iou_loss');
  });

  test('works by keyboard alone', async () => {
    const region = await guide(session.page);
    // Hidden follow-ups keep their answers, so set the binary ones first.
    await answer(region, { task: 'binary', imbalance: 'no', overconfident: 'no', activation: 'no' });
    await answer(region, { task: 'number', outliers: 'no' });
    const task = region.getByLabel(QUESTIONS.task.label, { exact: true });
    await task.focus();
    await session.page.keyboard.press('ArrowDown'); // a number -> one of two classes
    await expect.poll(() => shown(region)).toEqual(recommend({ task: 'binary' }));
    await session.page.keyboard.press('Tab'); // focus moves on to the first follow-up of the new task
    expect(await session.page.evaluate(() => document.activeElement.labels?.[0]?.textContent))
      .toBe(QUESTIONS.imbalance.label);
    await session.page.keyboard.press('ArrowDown');
    await expect.poll(() => shown(region)).toEqual(recommend({ task: 'binary', imbalance: 'mild' }));
  });

  test('the answers come from and go to the URL', async () => {
    const { page, context, problems } = await openPage(browser,
      'embed.html?widget=loss-decision-guide&loss-decision-guide.task=multiclass&loss-decision-guide.overconfident=yes');
    const region = await guide(page);
    expect(await shown(region)).toEqual(recommend({ task: 'multiclass', overconfident: 'yes' }));
    await region.getByLabel(QUESTIONS.activation.label, { exact: true }).selectOption('yes');
    await expect.poll(() => new URL(page.url()).searchParams.get('loss-decision-guide.activation')).toBe('yes');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('the whole tree is shown, with the taken path marked in text and by aria-current', async () => {
    const region = await guide(session.page);
    await answer(region, { task: 'multiclass', imbalance: 'mild', overconfident: 'yes', activation: 'no' });
    const tree = region.getByRole('group', { name: 'The decision tree, your path marked' });
    // Every task and every base loss of every branch is in the tree.
    const text = await tree.textContent();
    for (const { text: task, branch } of decisionTree()) {
      expect(text).toContain(task);
      for (const option of branch.options) expect(text).toContain(option.loss);
    }
    // The path: the task, its imbalance answer and the overconfidence modifier, each marked "your answer".
    const path = tree.locator('[aria-current="step"]');
    await expect.poll(() => path.count()).toBe(3);
    const marked = await path.evaluateAll((items) => items.map((li) => li.querySelector(':scope > button').textContent));
    expect(marked[0]).toBe('One of many classesyour answer'); // the ✓ is drawn by CSS
    expect(marked[1]).toContain('Weighted cross-entropy');
    expect(marked.every((t) => t.endsWith('your answer'))).toBe(true);
    // The caption names the path and where it leads.
    expect(await region.locator('.ll-caption').textContent())
      .toContain(`lead to ${recommend({ task: 'multiclass', imbalance: 'mild', overconfident: 'yes' }).loss}`);
    // A node of the tree is a control too: pressing "Huber loss" answers both questions.
    await tree.getByRole('button', { name: /Huber loss/ }).click();
    await expect.poll(() => shown(region)).toEqual(recommend({ task: 'number', outliers: 'some' }));
    expect(await region.getByLabel(QUESTIONS.task.label, { exact: true }).inputValue()).toBe('number');
  });

  test('375 px: nothing wider than the widget, the tree first', async () => {
    const { page, context, problems } = await openPage(browser,
      'embed.html?widget=loss-decision-guide&loss-decision-guide.task=boxes&loss-decision-guide.imbalance=severe',
      { viewport: { width: 375, height: 800 } });
    const region = await guide(page);
    expect(await layoutProblems(page, 'loss-decision-guide')).toEqual([]);
    const [treeTop, controlsTop] = await Promise.all([region.locator('.ll-figures').boundingBox(),
      region.locator('.ll-controls').boundingBox()]).then((b) => b.map((x) => x.y));
    expect(treeTop).toBeLessThan(controlsTop);
    expect(await axeViolations(page, 'loss-decision-guide')).toEqual([]);
    const dark = await openPage(browser, 'embed.html?widget=loss-decision-guide', { colorScheme: 'dark' });
    await guide(dark.page);
    expect(await axeViolations(dark.page, 'loss-decision-guide')).toEqual([]);
    expect(dark.problems).toEqual([]);
    await dark.context.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  test('no console errors, no axe violations, and the update time', async () => {
    const region = await guide(session.page);
    await answer(region, { task: 'binary', imbalance: 'no', overconfident: 'yes', activation: 'yes' });
    expect(await axeViolations(session.page, 'loss-decision-guide')).toEqual([]);
    // Each change of the task answers with one render (an awaited 'll-rendered'), and the path follows it.
    const paths = await session.page.evaluate(async () => {
      const element = document.querySelector('loss-decision-guide');
      const select = element.querySelector('select');
      const values = [...select.options].map((o) => o.value);
      const shown = new Set();
      for (let i = 0; i < 20; i++) {
        const rendered = new Promise((resolve) => element.addEventListener('ll-rendered', resolve, { once: true }));
        select.value = values[(i + 1) % values.length];
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await rendered;
        shown.add([...element.querySelectorAll('[aria-current]')].map((node) => node.textContent).join('|'));
      }
      return shown.size;
    });
    expect(paths).toBeGreaterThan(1);
    expect(session.problems).toEqual([]);
  });
});
