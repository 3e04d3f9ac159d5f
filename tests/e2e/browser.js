// Shared browser plumbing for the e2e tests: Debian's Chromium (software WebGL via SwiftShader), a page that
// records console errors, page errors and CSP violations, and an axe scan.
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { expect, inject } from 'vitest';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export const baseUrl = () => inject('baseUrl');

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh context + page whose problems are collected in `problems` (console errors, page errors, CSP). */
export async function openPage(browser, path = '', contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    // "GL Driver Message ... GPU stall due to ReadPixels" is SwiftShader's own performance note, not the page's.
    if (/GL Driver Message/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(new URL(path, baseUrl()).href, { waitUntil: 'load' });
  return { context, page, problems, response };
}

/** Resolves when the widget with this accessible name has rendered once from the core. */
export async function widget(page, name) {
  const region = page.getByRole('region', { name, exact: true });
  await region.scrollIntoViewIfNeeded();
  await region.locator('output[data-value]').first().waitFor();
  return region;
}

export async function axeViolations(page, include) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Reads a readout by its label inside a widget: the full-precision value the core computed. */
export async function readValue(region, label) {
  const output = region.getByLabel(label, { exact: true });
  return Number(await output.getAttribute('data-value'));
}

/**
 * Sweeps the control labelled `label` inside `<tag>` through `values`, dispatching `input` for each, and returns
 * { inputs, renders, distinct }: how many inputs were sent, how many 'll-rendered' events answered them (one per
 * input: the base class batches to one compute + render per frame and an awaited input gets its own frame), and
 * how many different sets of readouts (outputs and exact values) the sweep showed (they followed the control).
 * Speed is measured by `npm run bench`, not here.
 */
export async function sweepControl(page, tag, label, values) {
  return page.evaluate(async ({ tag, label, values }) => {
    const host = document.querySelector(tag);
    const input = [...host.querySelectorAll('label')].find((l) => l.textContent === label).control;
    let renders = 0;
    const count = () => { renders += 1; };
    host.addEventListener('ll-rendered', count);
    const shown = new Set();
    for (const value of values) {
      const done = new Promise((resolve) => host.addEventListener('ll-rendered', resolve, { once: true }));
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
      shown.add([...host.querySelectorAll('output, [data-value]')].map((o) => o.dataset.value ?? o.textContent).join('|'));
    }
    host.removeEventListener('ll-rendered', count);
    return { inputs: values.length, renders, distinct: shown.size };
  }, { tag, label, values });
}

/**
 * Waits until every readout in `expected` ({ label: value }) shows its value (relative 5e-13, absolute 5e-13 near 0),
 * polling them together so that one readout that happens not to change cannot pass on a stale frame.
 */
export async function expectReadoutsToSettle(region, expected) {
  const labels = Object.keys(expected);
  const read = async () => Promise.all(labels.map((label) => readValue(region, label)));
  const close = (a, b) => (Number.isNaN(b) ? Number.isNaN(a) : Math.abs(a - b) <= 5e-13 * Math.max(1, Math.abs(b)));
  await expect.poll(async () => {
    const values = await read();
    return labels.filter((label, i) => !close(values[i], expected[label]));
  }).toEqual([]);
}
