// Figure-system checks shared by the figa widgets' e2e tests (issue 8): markers inside their plot after sweeping
// every slider to both ends, no empty plot on first view, no horizontal overflow at 375 px, readout values on one
// line, the type scale's three figure sizes, and reading a value from the closed "Numbers" table by its label.
import { expect } from 'vitest';
import { openPage, widget } from './browser.js';

/** The exact value of a row of the widget's "Numbers" table (data-value of the row whose header is `label`). */
export async function readNumber(region, label) {
  const raw = await region.evaluate((root, wanted) => {
    for (const tr of root.querySelectorAll('.ll-numbers tr')) {
      if (tr.cells[0]?.textContent === wanted) return tr.cells[1].dataset.value ?? null;
    }
    return null;
  }, label);
  return raw === null ? NaN : Number(raw);
}

/**
 * Every marker (frame markers, pinned arrows, the widgets' own dots) whose centre lies outside its SVG's plot area,
 * as text; the plot area is the union of the axis lines (.ll-axis .domain). Empty when all are inside.
 */
export function markersOutside(region) {
  return region.evaluate((root) => {
    const out = [];
    for (const svg of root.querySelectorAll('svg')) {
      const domains = [...svg.querySelectorAll('.ll-axis .domain')].map((d) => d.getBoundingClientRect());
      if (!domains.length) continue;
      const area = {
        left: Math.min(...domains.map((r) => r.left)), right: Math.max(...domains.map((r) => r.right)),
        top: Math.min(...domains.map((r) => r.top)), bottom: Math.max(...domains.map((r) => r.bottom)),
      };
      const vertical = domains.length > 1; // a lone x axis (the number line) bounds x only
      const marks = svg.querySelectorAll('.ll-marker circle, .ll-marker polygon, .lse-dot, .mse-point');
      for (const mark of marks) {
        if (mark.closest('[hidden]') || getComputedStyle(mark).visibility === 'hidden') continue;
        const r = mark.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        const cx = (r.left + r.right) / 2;
        const cy = (r.top + r.bottom) / 2;
        const inside = cx >= area.left - 1 && cx <= area.right + 1
          && (!vertical || (cy >= area.top - 1 && cy <= area.bottom + 1));
        if (!inside) {
          const name = svg.getAttribute('aria-label')?.slice(0, 40) ?? 'svg';
          out.push(`${name}: ${mark.localName} at (${cx.toFixed(0)}, ${cy.toFixed(0)}) outside `
            + `[${area.left.toFixed(0)}, ${area.right.toFixed(0)}] x [${area.top.toFixed(0)}, ${area.bottom.toFixed(0)}]`);
        }
      }
    }
    return out;
  });
}

/** Waits for the widget's next render after `action`. */
export async function afterRender(region, action) {
  const rendered = region.evaluate((el) => new Promise((resolve) => {
    const host = el.closest('[role=region]') ?? el;
    host.addEventListener('ll-rendered', resolve, { once: true });
    setTimeout(resolve, 3000);
  }));
  await action();
  await rendered;
  await region.page().evaluate(() => new Promise(requestAnimationFrame));
}

/** Moves every visible slider of the widget to its minimum and its maximum, checking the markers at each end. */
export async function sweepSliders(region) {
  const sliders = region.locator('input[type=range]');
  const count = await sliders.count();
  const problems = [];
  for (let i = 0; i < count; i++) {
    const slider = sliders.nth(i);
    if (!(await slider.isVisible())) continue;
    const { min, max, value, label } = await slider.evaluate((s) => ({ min: s.min, max: s.max, value: s.value,
      label: s.labels?.[0]?.textContent ?? s.id }));
    for (const end of [min, max]) {
      await afterRender(region, () => slider.fill(end));
      for (const p of await markersOutside(region)) problems.push(`${label} = ${end}: ${p}`);
    }
    await afterRender(region, () => slider.fill(value));
  }
  return problems;
}

/** Plots with nothing drawn: a figure SVG without a non-empty line, a bar or a dot. */
export function emptyPlots(region) {
  return region.evaluate((root) => [...root.querySelectorAll('figure svg')].filter((svg) => {
    if (svg.closest('[hidden]')) return false;
    const lines = [...svg.querySelectorAll('path.ll-line, path.mse-band')].some((p) => (p.getAttribute('d') ?? '').length > 20);
    const bars = [...svg.querySelectorAll('rect.ll-bar')].some((b) => Number(b.getAttribute('height')) > 0);
    const dots = svg.querySelectorAll('circle, .lse-dot').length > 0;
    return !(lines || bars || dots);
  }).map((svg) => svg.getAttribute('aria-label') ?? 'svg'));
}

/** Readout outputs whose value takes more than one line. */
export function wrappedReadouts(region) {
  return region.evaluate((root) => [...root.querySelectorAll('.ll-readout output')].filter((o) => {
    const line = parseFloat(getComputedStyle(o).lineHeight) || 20;
    return o.getBoundingClientRect().height > 1.5 * line;
  }).map((o) => o.textContent));
}

/** The distinct font sizes (px) of the text in the widget's figures. */
export function figureFontSizes(region) {
  return region.evaluate((root) => [...new Set([...root.querySelectorAll('figure svg text')]
    .filter((t) => t.textContent && getComputedStyle(t).visibility !== 'hidden')
    .map((t) => parseFloat(getComputedStyle(t).fontSize)))].sort((a, b) => a - b));
}

/**
 * Opens the widget alone at 375 px and returns the elements wider than the widget (or the page wider than the
 * viewport), plus the widget's region for further checks.
 */
export async function phoneLayout(browser, tag, title, contextOptions = {}) {
  const session = await openPage(browser, `embed.html?widget=${tag}`, { viewport: { width: 375, height: 800 }, ...contextOptions });
  const region = await widget(session.page, title);
  await session.page.waitForTimeout(300); // the figures re-lay out at the real width
  const overflow = await region.evaluate((root) => {
    const box = root.getBoundingClientRect();
    const wide = [...root.querySelectorAll('*')].filter((el) => {
      if (el.closest('details:not([open])') && el.localName !== 'summary' && el.localName !== 'details') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
    }).map((el) => `${el.localName}.${el.getAttribute('class') ?? ''}`);
    if (document.documentElement.scrollWidth > window.innerWidth) wide.push(`page ${document.documentElement.scrollWidth} px`);
    return wide;
  });
  // The figure comes first: the first figure starts above the first control.
  const figureFirst = await region.evaluate((root) => {
    const figure = root.querySelector('figure');
    const control = root.querySelector('input, select');
    return Boolean(figure && control && figure.getBoundingClientRect().top < control.getBoundingClientRect().top);
  });
  return { ...session, region, overflow, figureFirst };
}

/** The figure-system checks every figa widget runs on its default view and after sweeping its sliders. */
export async function expectFigureRules(browser, session, tag, title) {
  const region = await widget(session.page, title);
  expect(await emptyPlots(region), 'empty plots on first view').toEqual([]);
  expect(await markersOutside(region), 'markers outside on first view').toEqual([]);
  expect(await wrappedReadouts(region), 'wrapped readouts').toEqual([]);
  const sizes = await figureFontSizes(region);
  expect(sizes.length, `figure font sizes ${sizes}`).toBeLessThanOrEqual(3);
  for (const size of sizes) expect([12, 13, 15]).toContain(size);
  expect(await sweepSliders(region), 'markers outside after sweeping the sliders').toEqual([]);
  const phone = await phoneLayout(browser, tag, title);
  expect(phone.overflow, 'wider than the widget at 375 px').toEqual([]);
  expect(phone.figureFirst, 'figure before the controls at 375 px').toBe(true);
  expect(await wrappedReadouts(phone.region), 'wrapped readouts at 375 px').toEqual([]);
  expect(phone.problems).toEqual([]);
  await phone.context.close();
}
