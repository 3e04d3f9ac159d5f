// Checks of the figure-system rules (issue 8) shared by the figb widgets' tests: values in the "Numbers" table,
// markers inside their plot, no empty figure, no horizontal overflow, readout values on one line.
import { expect } from 'vitest';

/** The exact value (data-value) of a row of the widget's closed "Numbers" table, by its label. */
export async function numberValue(region, label) {
  const value = await region.locator('.ll-numbers tr').evaluateAll((rows, wanted) => {
    const row = rows.find((r) => r.cells[0]?.textContent === wanted);
    return row ? row.cells[1].dataset.value ?? null : undefined;
  }, label);
  if (value === undefined) throw new Error(`no Numbers row "${label}"`);
  return value === null ? null : Number(value);
}

/**
 * Every marker of every plot frame in the region lies inside that plot's area (the clip rectangle), and every
 * dot of the widget's own SVG pictures inside its SVG. Returns the offenders (empty when all is well).
 */
export async function markersOutside(region) {
  return region.evaluate((root) => {
    const bad = [];
    for (const svg of root.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (!box.width) continue;
      const clip = svg.querySelector('clipPath rect');
      // A clip rectangle is never rendered itself: map its attributes through the SVG's viewBox scale.
      const view = svg.viewBox?.baseVal;
      const scale = view?.width ? box.width / view.width : 1;
      const a = (k) => Number(clip?.getAttribute(k)) * scale;
      const area = clip ? { left: box.left + a('x'), top: box.top + a('y'), right: box.left + a('x') + a('width'),
        bottom: box.top + a('y') + a('height') } : box;
      for (const mark of svg.querySelectorAll('.ll-marker circle, .ll-marker polygon, .ll-point, .cl-dot, .cl-ring, .cl-ball')) {
        if (mark.closest('[style*="display: none"]') || getComputedStyle(mark).display === 'none') continue;
        const r = mark.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        const inside = mark.classList.contains('cl-ball')
          ? r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1
          : r.left + r.width / 2 >= area.left - 1 && r.left + r.width / 2 <= area.right + 1
            && r.top + r.height / 2 >= area.top - 1 && r.top + r.height / 2 <= area.bottom + 1;
        if (!inside) bad.push(`${svg.getAttribute('aria-label')?.slice(0, 40) ?? 'svg'}: ${mark.getAttribute('class')}`);
      }
    }
    return bad;
  });
}

/** Sweeps each labelled slider to its minimum and maximum and expects every marker inside its plot each time. */
export async function sweepSliders(region, labels, settle) {
  for (const label of labels) {
    const input = region.getByLabel(label, { exact: true });
    const [min, max, start] = await input.evaluate((el) => [el.min, el.max, el.value]);
    for (const value of [min, max]) {
      await input.fill(value);
      await settle?.();
      await expect.poll(() => markersOutside(region), `${label} = ${value}`).toEqual([]);
    }
    await input.fill(start);
  }
}

/** Every plot in the region draws something: a line with points, bars, or a non-blank canvas. */
export async function emptyFigures(region) {
  return region.evaluate((root) => {
    const empty = [];
    for (const area of root.querySelectorAll('.ll-area')) {
      const drawn = [...area.querySelectorAll('path')].some((p) => (p.getAttribute('d') ?? '').length > 10)
        || area.querySelectorAll('rect, circle').length > 0;
      if (!drawn) empty.push(area.closest('svg').getAttribute('aria-label')?.slice(0, 50));
    }
    for (const canvas of root.querySelectorAll('canvas')) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      if (seen.size < 5) empty.push('canvas');
    }
    return empty;
  });
}

/** Elements wider than the widget (outside a scrolling region), readout values that wrap or are cut off, and figure
 *  text outside the type scale (more than three sizes, or any below 11 or above 16 px). */
export async function layoutProblems(page, tag) {
  return page.locator(tag).first().evaluate((host) => {
    const problems = [];
    const right = host.getBoundingClientRect().right + 0.5;
    if (host.scrollWidth > host.clientWidth + 1) problems.push(`${host.localName} scrolls sideways`);
    for (const el of host.querySelectorAll('*')) {
      if (el.closest('.ll-numbers-scroll, [data-scroll-region]') && !el.matches('.ll-numbers-scroll, [data-scroll-region]')) continue;
      if (el.closest('details:not([open])') && !el.matches('details, summary')) continue;
      const r = el.getBoundingClientRect();
      if (r.width && r.right > right) problems.push(`wider than the widget: ${el.localName}.${el.className?.baseVal ?? el.className}`);
    }
    for (const output of host.querySelectorAll('.ll-readouts output')) {
      const style = getComputedStyle(output);
      if (style.whiteSpace !== 'nowrap' && output.getClientRects().length > 1) problems.push(`wraps: ${output.id}`);
      const lines = output.getBoundingClientRect().height / parseFloat(style.lineHeight || '20');
      if (style.whiteSpace === 'nowrap' && output.scrollWidth > output.clientWidth + 1) problems.push(`cut off: ${output.id} "${output.textContent}"`);
      if (!output.closest('.ll-text-readout') && lines > 1.5) problems.push(`wraps: ${output.id} "${output.textContent}"`);
    }
    // The type scale: figure text in at most three sizes, each between 11 and 16 px.
    const sizes = new Set([...host.querySelectorAll('svg text')].filter((t) => t.getBoundingClientRect().width)
      .map((t) => parseFloat(getComputedStyle(t).fontSize)));
    if (sizes.size > 3 || [...sizes].some((px) => px < 11 || px > 16)) problems.push(`figure text sizes: ${[...sizes].join(', ')} px`);
    return problems.slice(0, 10);
  });
}
