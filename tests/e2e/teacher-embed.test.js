// The course page, played as a teacher: a page on another origin (and site) embeds widgets by the README's
// snippet (one iframe + embed-host.js) at 360, 480 and 720 px. No frame may scroll inside, heights follow the
// content, the teacher parameters work, and quiz statements reach a listener on the host page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launchBrowser } from './browser.js';
import { snippet, startHostServer } from './host-server.js';

export const TITLES = {
  'mse-explorer': 'MSE Explorer', 'bce-explorer': 'Binary Cross-Entropy Explorer',
  'cross-entropy-explorer': 'Cross-Entropy Explorer', 'mse-vs-ce': 'MSE vs Cross-Entropy',
  'loss-landscape': '3D Loss Landscape', 'gradient-flow': 'Gradient Flow', 'logsumexp-lab': 'Log-Sum-Exp',
  'class-weighting-lab': 'Class Weighting', 'contrastive-lab': 'Contrastive Losses',
  'regression-losses': 'Regression Losses', 'focal-loss': 'Focal Loss', 'label-smoothing': 'Label Smoothing',
  'calibration-lab': 'Calibration', 'debugging-lab': 'Debugging Lab', 'loss-decision-guide': 'Choose a Loss',
  'loss-quiz': 'Loss Functions Quiz',
};

const hostPage = (body, style = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Course page</title><link rel="icon" href="data:,">
<style>body{margin:0;padding:8px;font-family:sans-serif;background:#fff;color:#000} ${style}</style></head>
<body><h1>Week 3: loss functions</h1>${body}</body></html>`;

let browser;
let host;
beforeAll(async () => {
  browser = await launchBrowser();
  host = await startHostServer();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Opens a host page; returns { page, problems } where problems collects errors from the host AND its frames. */
async function openHost(path, html, { width = 1000, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(host.page(path, html), { waitUntil: 'load' });
  return { context, page, problems, warnings };
}

/** Scrolls to each iframe in turn and waits until its height was applied by the host script and is steady. */
async function settle(page, selector = 'iframe') {
  const frames = page.locator(selector);
  const count = await frames.count();
  for (let i = 0; i < count; i += 1) {
    const frame = frames.nth(i);
    await frame.scrollIntoViewIfNeeded();
    await expect.poll(() => frame.getAttribute('data-losslab-height'), { timeout: 20_000 }).not.toBeNull();
    const handle = await frame.elementHandle();
    const content = await handle.contentFrame();
    // Rendered once (a widget's first render may grow it), then two reports in a row agree.
    await content.waitForFunction(() => {
      const tag = new URLSearchParams(location.search).get('widget');
      const el = document.getElementById(tag);
      return el && !el.hasAttribute('aria-busy') && el.querySelector('output[data-value], .ll-widget-body > *');
    }, null, { timeout: 20_000 }).catch((error) => {
      throw new Error(`${content.url()} did not render: ${error.message}`);
    });
    let previous = -1;
    await expect.poll(async () => {
      await page.waitForTimeout(250);
      const now = Number(await frame.getAttribute('data-losslab-height'));
      const same = now === previous;
      previous = now;
      return same;
    }, { timeout: 15_000 }).toBe(true);
  }
}

/** Inner overflow of every LossLab iframe: content taller/wider than the frame means a scrollbar inside it. */
async function overflowOf(page) {
  const results = [];
  for (const handle of await page.locator('iframe').elementHandles()) {
    const content = await handle.contentFrame();
    const widget = new URL(content.url()).searchParams.get('widget');
    const frameBox = await handle.boundingBox();
    const inner = await content.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight, clientHeight: document.documentElement.clientHeight,
      scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
    }));
    results.push({ widget, width: Math.round(frameBox.width), height: Math.round(frameBox.height), ...inner,
      overflowY: inner.scrollHeight - inner.clientHeight, overflowX: inner.scrollWidth - inner.clientWidth });
  }
  return results;
}

describe('auto-height on a cross-origin course page', () => {
  for (const width of [360, 480, 720]) {
    test(`all 16 widgets at ${width} px: no inner scrollbar`, async () => {
      const body = Object.entries(TITLES).map(([widget, title]) =>
        `<section style="width:${width}px"><h2>${title}</h2>\n${snippet(baseUrl(), { widget, title })}</section>`).join('\n');
      const { context, page, problems } = await openHost(`/heights-${width}.html`, hostPage(body), { width: width + 40 });
      await settle(page);
      // A frame whose content changed after it settled (a late font, a lazy part) gets its new height within a
      // message: poll briefly, then every frame must fit its content.
      let results = [];
      await expect.poll(async () => {
        results = await overflowOf(page);
        return results.filter((r) => r.overflowY > 1 || r.overflowX > 1);
      }, { timeout: 10_000 }).toEqual([]);
      console.log(`heights at ${width} px: ${results.map((r) => `${r.widget} ${r.height}`).join(', ')}`);
      expect(results).toHaveLength(16);
      expect(results.every((r) => r.width === width)).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    }, 240_000);
  }

  test('the height follows the content: opening "How this works" grows the frame, closing shrinks it', async () => {
    const body = snippet(baseUrl(), { widget: 'bce-explorer', title: TITLES['bce-explorer'] });
    const { context, page, problems } = await openHost('/grow.html', hostPage(`<div style="width:480px">${body}</div>`));
    await settle(page);
    const iframe = page.locator('iframe');
    const before = Number(await iframe.getAttribute('data-losslab-height'));
    const frame = page.frameLocator('iframe');
    // "How this works" when the widget has it (the figure system's anatomy), else any disclosure, else a block
    // the page adds (the protocol is what is tested: any growth of the content reaches the host).
    const disclosures = frame.locator('details');
    const toggle = async () => {
      if (await disclosures.count()) {
        const how = disclosures.filter({ hasText: 'How this works' });
        await ((await how.count()) ? how.first() : disclosures.first()).locator('summary').click();
      } else {
        await frame.locator('body').evaluate((b) => {
          const extra = document.getElementById('extra');
          if (extra) extra.remove();
          else document.querySelector('.ll-widget-body').append(Object.assign(document.createElement('div'), { id: 'extra', style: 'height:300px' }));
        });
      }
    };
    await toggle();
    await expect.poll(async () => Number(await iframe.getAttribute('data-losslab-height'))).toBeGreaterThan(before + 20);
    const grown = Number(await iframe.getAttribute('data-losslab-height'));
    const inner = await frame.locator('html').evaluate((html) => html.scrollHeight - html.clientHeight);
    expect(inner).toBeLessThanOrEqual(1);
    await toggle();
    await expect.poll(async () => Number(await iframe.getAttribute('data-losslab-height'))).toBe(before);
    console.log(`bce-explorer at 480 px: ${before} px, ${grown} px with the disclosure open`);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('teacher parameters', () => {
  const embed = async (query, options = {}) => {
    const body = snippet(baseUrl(), { widget: 'bce-explorer', title: 'BCE', query });
    const opened = await openHost(`/params-${Math.random().toString(36).slice(2)}.html`,
      hostPage(`<div style="width:720px">${body}</div>`), options);
    await settle(opened.page);
    return { ...opened, frame: opened.page.frameLocator('iframe') };
  };

  test('theme=dark on a light system, theme=light on a dark one, auto follows the system', async () => {
    const background = (frame) => frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    const dark = await embed('theme=dark', { colorScheme: 'light' });
    expect(await dark.frame.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(luminance(await background(dark.frame))).toBeLessThan(80);
    expect([...dark.problems, ...dark.warnings]).toEqual([]);
    await dark.context.close();
    const light = await embed('theme=light', { colorScheme: 'dark' });
    expect(await light.frame.locator('html').getAttribute('data-theme')).toBe('light');
    expect(luminance(await background(light.frame))).toBeGreaterThan(200);
    await light.context.close();
    const auto = await embed('theme=auto', { colorScheme: 'dark' });
    expect(await auto.frame.locator('html').getAttribute('data-theme')).toBeNull();
    expect(luminance(await background(auto.frame))).toBeLessThan(80);
    await auto.context.close();
  }, 60_000);

  test('hide= removes the named controls, lock=1 disables the rest, caption=0 and title= apply', async () => {
    const { context, frame, problems, warnings } = await embed('hide=lr&lock=1&caption=0&title=Week%203%3A%20BCE');
    const region = frame.getByRole('region', { name: 'Week 3: BCE', exact: true });
    expect(await region.isVisible()).toBe(true);
    expect(await region.getByRole('heading', { name: 'Week 3: BCE' }).isVisible()).toBe(true);
    expect(await region.getByLabel('Learning rate', { exact: true }).isVisible()).toBe(false);
    expect(await region.getByLabel('Logit z', { exact: true }).isVisible()).toBe(true);
    expect(await region.getByLabel('Logit z', { exact: true }).isDisabled()).toBe(true);
    expect(await region.getByLabel('Target y', { exact: true }).isDisabled()).toBe(true);
    expect(await region.locator('.ll-caption:visible, .ll-how:visible').count()).toBe(0);
    expect([...problems, ...warnings]).toEqual([]);
    await context.close();
  }, 60_000);

  test('unknown and malformed values: one console warning, no error, the widget still works', async () => {
    const { context, frame, problems, warnings } = await embed('theme=purple&lock=maybe&hide=nothing-here&colour=red');
    expect(problems).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/theme=purple/);
    expect(warnings[0]).toMatch(/lock=maybe/);
    expect(warnings[0]).toMatch(/nothing-here/);
    expect(warnings[0]).toMatch(/colour/);
    const region = frame.getByRole('region', { name: 'Binary Cross-Entropy Explorer', exact: true });
    expect(await region.getByLabel('Logit z', { exact: true }).isEnabled()).toBe(true);
    expect(await frame.locator('html').getAttribute('data-theme')).toBeNull();
    await context.close();
  }, 60_000);
});

describe('the quiz as an assignment', () => {
  test('lock=1 on the quiz locks its part filter and leaves its questions answerable', async () => {
    const opened = await openHost('/quiz-lock.html', hostPage(`<div style="width:720px">${snippet(baseUrl(),
      { widget: 'loss-quiz', title: 'Quiz', query: 'lock=1' })}</div>`));
    const frame = opened.page.frameLocator('iframe');
    await frame.locator('li.quiz-question').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => frame.getByLabel('Part', { exact: true }).isDisabled()).toBe(true);
    const question = frame.locator('li.quiz-question').first();
    expect(await question.locator('input[type=radio]').first().isDisabled()).toBe(false);
    await question.locator('input[type=radio]').first().check();
    expect(await question.getByRole('button', { name: 'Check' }).isDisabled()).toBe(false);
    expect(opened.problems).toEqual([]);
    await opened.context.close();
  });

  test('embed.html?widget=loss-quiz shows questions; questions= and shuffle= apply; statements reach the host', async () => {
    // First, which questions exist (ids in the built quiz).
    const probe = await openHost('/quiz-probe.html', hostPage(`<div style="width:720px">${snippet(baseUrl(),
      { widget: 'loss-quiz', title: 'Quiz', query: 'part=all' })}</div>`));
    const probeFrame = probe.page.frameLocator('iframe');
    await probeFrame.locator('li.quiz-question').first().waitFor({ timeout: 20_000 });
    const ids = await probeFrame.locator('li.quiz-question').evaluateAll((items) => items.map((li) => li.dataset.id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    // Nothing of the answers is in the page before the student checks one.
    const html = await probeFrame.locator('body').evaluate((b) => b.innerHTML);
    expect(html).not.toMatch(/data-answer=|quiz-explanation-title/);
    await probe.context.close();

    const chosen = [ids[2], ids[0], ids[1]];
    const listener = `<script>
      window.received = [];
      document.addEventListener('losslab:xapi', (event) => window.received.push(event.detail));
      window.addEventListener('message', (event) => { if (event.data && event.data.type === 'xapi') window.raw = (window.raw || 0) + 1; });
    </script>`;
    const body = snippet(baseUrl(), { widget: 'loss-quiz', title: 'Quiz', query: `questions=${chosen.join(',')}&shuffle=1&seed=7` });
    const { context, page, problems, warnings } = await openHost('/quiz.html', hostPage(`${listener}<div style="width:720px">${body}</div>`));
    const frame = page.frameLocator('iframe');
    const items = frame.locator('li.quiz-question');
    await items.first().waitFor({ timeout: 20_000 });
    const shown = await items.evaluateAll((list) => list.map((li) => li.dataset.id));
    expect([...shown].sort()).toEqual([...chosen].sort());
    for (let i = 0; i < shown.length; i += 1) {
      const question = items.nth(i);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        await question.locator('input[type=radio]:not([disabled])').first().check();
        await question.getByRole('button', { name: /^Check/ }).click();
        if (['correct', 'incorrect'].includes(await question.getAttribute('data-result'))) break;
      }
    }
    await expect.poll(() => page.evaluate(() => window.received.length)).toBe(shown.length + 1);
    const received = await page.evaluate(() => window.received);
    const verbs = received.map((r) => r.statement.verb.id.split('/').pop());
    expect(verbs).toEqual([...shown.map(() => 'answered'), 'completed']);
    expect(received.every((r) => r.widget === 'loss-quiz')).toBe(true);
    const completed = received.at(-1).statement;
    expect(completed.result.score.max).toBe(shown.length);
    expect(completed.result.score.min).toBe(0);
    expect(completed.result.score.scaled).toBeCloseTo(completed.result.score.raw / shown.length, 12);
    expect(typeof completed.result.success).toBe('boolean');
    const answered = received[0].statement;
    expect(Object.values(answered.context.extensions).some((v) => typeof v === 'string' && v.length > 0)).toBe(true);
    // The summary by objective closes the quiz, and the frame grew to show it without a scrollbar.
    await expect.poll(() => frame.locator('.quiz-summary').isVisible()).toBe(true);
    await expect.poll(() => frame.locator('html').evaluate((h) => h.scrollHeight - h.clientHeight)).toBeLessThanOrEqual(1);
    console.log(`quiz: ${shown.length} questions (${shown.join(', ')}), ${received.length} statements, `
      + `score ${completed.result.score.raw}/${completed.result.score.max}, frame ${await page.locator('iframe').getAttribute('data-losslab-height')} px`);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    await context.close();
  }, 90_000);
});
