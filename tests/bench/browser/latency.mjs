// "Input -> next frame" for every 2D widget on the section page, beside a trivial page (one slider, one SVG path)
// in the same browser session. For each sample: t0 just before dispatching the control's event, then (for a
// LossLabWidget) its 'll-rendered' event, then the next requestAnimationFrame callback, which runs only once the
// frame holding the render has been styled, laid out, painted and committed; the figure is that rAF time - t0.
// Samples are spaced by a frame and a short timeout so inputs land at every phase of the frame. Widget rounds are
// sandwiched between trivial rounds, and each widget's ratio uses the trivial samples taken next to it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWPORT } from './chromium.mjs';
import { median } from './lighthouse.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Widget tags from the registry, in registry order (read as text so a changed registry is picked up). */
export function widgetTags(root) {
  const text = readFileSync(join(root, 'web', 'src', 'widgets', 'registry.js'), 'utf8');
  return [...text.matchAll(/'([a-z0-9-]+)'\s*:\s*\(\)\s*=>\s*import\(/g)].map((m) => m[1]);
}

/** Serves the trivial page under the site's origin (so it shares the browser session and origin). */
export async function routeTrivial(context, baseUrl) {
  for (const file of ['trivial.html', 'trivial.js']) {
    await context.route(new URL(`__bench/${file}`, baseUrl).href, (route) => route.fulfill({
      status: 200,
      contentType: file.endsWith('.js') ? 'text/javascript' : 'text/html',
      body: readFileSync(join(here, file), 'utf8'),
    }));
  }
  return new URL('__bench/trivial.html', baseUrl).href;
}

// Runs in the page. Finds the widget's first usable control, then times `samples` changes of it.
export async function measureInPage({ selector, samples, prepareOnly }) {
  const raf = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const host = document.querySelector(selector);
  if (!host) return { error: `no <${selector}> on the page` };
  const visible = (el) => !el.disabled && el.getClientRects().length > 0;
  const pick = () => {
    const range = [...host.querySelectorAll('input[type=range]')].find(visible);
    if (range) return { kind: 'slider', el: range, event: 'input' };
    const number = [...host.querySelectorAll('input[type=number]')].find(visible);
    if (number) return { kind: 'number', el: number, event: 'input' };
    const sel = [...host.querySelectorAll('select')].find((s) => visible(s) && s.options.length > 1);
    if (sel) return { kind: 'select', el: sel, event: 'change' };
    const radios = [...host.querySelectorAll('input[type=radio]')].filter(visible);
    if (radios.length > 1) return { kind: 'radio', el: radios[0], radios, event: 'click' };
    const box = [...host.querySelectorAll('input[type=checkbox]')].find(visible);
    if (box) return { kind: 'checkbox', el: box, event: 'click' };
    return null;
  };
  // Wait for the widget to be built and computed (lazy start: it was scrolled near the viewport by the caller).
  const t = performance.now();
  while (performance.now() - t < 20000) {
    const widget = typeof host.requestUpdate === 'function' && 'core' in host;
    if (pick() && (!widget || (host.core && !host.hasAttribute('aria-busy')))) break;
    await sleep(50);
  }
  const control = pick();
  if (!control) return { error: 'no slider, number, select, radio or checkbox found' };
  const label = control.el.labels?.[0]?.textContent?.trim() || control.el.getAttribute('aria-label') || control.el.name || control.el.id;
  if (prepareOnly) return { kind: control.kind, label };
  control.el.scrollIntoView({ block: 'center' });
  await raf(); await raf(); await sleep(300);

  const isWidget = typeof host.requestUpdate === 'function' && 'core' in host || host.id === 'trivial';
  const el = control.el;
  let values;
  if (control.kind === 'slider' || control.kind === 'number') {
    const min = Number(el.min || 0), max = Number(el.max || 100), step = Number(el.step) || (max - min) / 100;
    const snap = (v) => Math.min(max, Math.max(min, min + Math.round((v - min) / step) * step));
    // Positions spread over the range in a scrambled order (7 is coprime with the count), never repeating.
    values = Array.from({ length: samples }, (_, i) => snap(min + ((((i * 7) % samples) + 0.5) / samples) * (max - min)));
  }
  const frames = [], renders = [];
  let timeouts = 0;
  for (let i = 0; i < samples; i++) {
    await raf();
    await sleep(5 + (i * 3) % 11);
    let rendered = null;
    if (isWidget) {
      rendered = new Promise((resolve) => {
        const timer = setTimeout(() => { timeouts++; resolve(); }, 2000);
        host.addEventListener('ll-rendered', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
    }
    const t0 = performance.now();
    if (control.kind === 'slider' || control.kind === 'number') {
      let v = values[i];
      if (String(v) === el.value) v = values[(i + 1) % samples];
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (control.kind === 'select') {
      el.selectedIndex = (el.selectedIndex + 1) % el.options.length;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (control.kind === 'radio') {
      const next = control.radios.find((r) => !r.checked) ?? control.radios[i % control.radios.length];
      next.click();
    } else {
      el.click();
    }
    if (rendered) await rendered;
    else await raf();
    renders.push(performance.now() - t0);
    frames.push((await raf()) - t0);
  }
  await raf();
  return { kind: control.kind, label, frames, renders, timeouts, isWidget, visibility: document.visibilityState };
}

async function measure(page, selector, samples) {
  return page.evaluate(measureInPage, { selector, samples, prepareOnly: false });
}

/** Brings a widget near the viewport (lazy start) and waits until it has a control and has computed once. */
async function prepare(page, tag) {
  const host = page.locator(tag).first();
  if (await host.count() === 0) return { error: 'not on the page' };
  await host.scrollIntoViewIfNeeded();
  const info = await page.evaluate(measureInPage, { selector: tag, samples: 0, prepareOnly: true });
  await page.waitForTimeout(500); // let neighbours that started with it settle
  return info;
}

/**
 * browser: a launched playwright browser. Returns { trivial: { median, samples }, widgets: [{ tag, kind, label,
 * median, renderMedian, trivialMedian, ratio, error? }] }.
 */
export async function measureWidgets(browser, baseUrl, root, { samples = 15, trivialSamples = 10, log = () => {}, path = '' } = {}) {
  // Two contexts in one browser: the trivial page and the section page, both visible (headless has no occlusion).
  const context = await browser.newContext({ viewport: VIEWPORT });
  const trivialContext = await browser.newContext({ viewport: VIEWPORT });
  const trivialUrl = await routeTrivial(trivialContext, baseUrl);
  const trivialPage = await trivialContext.newPage();
  await trivialPage.goto(trivialUrl, { waitUntil: 'load' });
  const sitePage = await context.newPage();
  const errors = [];
  sitePage.on('pageerror', (e) => errors.push(e.message));
  sitePage.on('crash', () => { errors.push('the section page crashed'); log('  the section page CRASHED'); });
  trivialPage.on('crash', () => log('  the trivial page CRASHED'));
  await sitePage.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
  await sitePage.waitForTimeout(1000);
  const trivialAll = [];
  const trivialRound = async () => {
    const r = await measure(trivialPage, '#trivial', trivialSamples);
    if (r.error) throw new Error(`trivial page: ${r.error}`);
    trivialAll.push(...r.frames);
    return r.frames;
  };
  await trivialRound(); // warm-up
  trivialAll.length = 0;
  const widgets = [];
  for (const tag of widgetTags(root).filter((t) => t !== 'loss-landscape')) {
    try {
      const info = await prepare(sitePage, tag);
      if (info.error) { widgets.push({ tag, error: info.error }); continue; }
      const before = await trivialRound();
      const r = await measure(sitePage, tag, samples);
      if (r.error) { widgets.push({ tag, error: r.error }); continue; }
      const after = await trivialRound();
      const trivialMedian = median([...before, ...after]);
      const m = median(r.frames);
      widgets.push({ tag, kind: r.kind, label: r.label, median: m, renderMedian: median(r.renders), trivialMedian,
        ratio: m / trivialMedian, timeouts: r.timeouts, isWidget: r.isWidget });
      log(`  ${tag.padEnd(22)} ${r.kind} "${r.label}": ${m.toFixed(1)} ms vs trivial ${trivialMedian.toFixed(1)} ms = ${(m / trivialMedian).toFixed(2)}x`);
    } catch (error) {
      widgets.push({ tag, error: error.message.split('\n')[0] });
    }
  }
  await context.close();
  await trivialContext.close();
  return { trivial: { median: median(trivialAll), samples: trivialAll.length }, widgets, pageErrors: errors };
}
