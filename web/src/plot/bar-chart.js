// A grouped bar chart on the shared plot frame: one group per category, one bar per series in each group, bars
// grow from zero (values may be negative), values written on the bars, emphasised categories (e.g. the true class)
// outlined. Bars are coloured by concept where the series has one, else by index. Only draws.
import { scaleBand } from 'd3-scale';
import { h, setAttributes } from '../widgets/shared/dom.js';
import { createPlotFrame, figureNumber } from './frame.js';
import { conceptColor } from './palette.js';
import './bar-chart.css';

/**
 * @param {object} o
 * @param {string} o.description  the picture in one sentence (accessible name)
 * @param {string} o.xLabel, o.yLabel  axis titles
 * @param {{id: string, label: string, concept?: string}[]} o.series  bars per category, in legend order
 * @param {[number, number]} o.yDomain  initial value domain (update() may change it)
 * @param {(v: number) => string} [o.valueFormat]  the label on each bar (3 significant figures by default)
 * @param {boolean} [o.legend]  show the HTML legend (default: when there is more than one series)
 */
export function createBarChart({ description, xLabel, yLabel, series, yDomain, valueFormat = figureNumber,
  legend = series.length > 1, height = 260 }) {
  const frame = createPlotFrame({ description, xLabel, yLabel, xDomain: ['0'], yDomain, xScale: 'band', height });
  frame.element.classList.add('ll-bar-chart');
  const colourOf = (s, i) => (s.concept ? conceptColor(s.concept) : `var(--series-${i % 6})`);
  const inner = scaleBand().domain(series.map((s) => s.id)).paddingInner(0.08);
  const baseline = h('line', { class: 'll-bar-baseline' });
  const bars = h('g', { class: 'll-bars' });
  const labels = h('g', { class: 'll-bar-labels' });
  frame.area.append(bars, baseline);
  frame.overlay.append(labels);
  if (legend) {
    frame.element.append(h('ul', { class: 'll-legend' }, series.map((s, i) => h('li', {},
      h('span', { class: 'll-swatch ll-bar-swatch', 'aria-hidden': 'true', style: `background:${colourOf(s, i)}` }),
      s.label))));
  }
  let last = null;
  const rectPool = [];
  const textPool = [];

  function draw({ categories, values, emphasis = [], showLabels = true }) {
    const x = frame.x;
    inner.range([0, x.bandwidth()]);
    frame.element.querySelectorAll('.ll-axis-x .tick').forEach((tick, i) =>
      tick.classList.toggle('is-emphasis', emphasis.includes(i)));
    const [lo, hi] = frame.y.domain();
    const zero = frame.y(Math.min(hi, Math.max(lo, 0)));
    for (const [k, v] of Object.entries({ x1: frame.bounds.left, x2: frame.bounds.right, y1: zero, y2: zero })) {
      baseline.setAttribute(k, v);
    }
    // Bars and labels are kept from draw to draw and only their attributes change (a drag adds no nodes); the
    // groups' children change only when the number of bars does.
    const rects = [], texts = [];
    series.forEach((s, si) => {
      const data = values[s.id];
      if (!data) return;
      categories.forEach((category, ci) => {
        const v = data[ci];
        if (!Number.isFinite(v)) return;
        const top = frame.y(Math.min(hi, Math.max(lo, v)));
        const left = x(category) + inner(s.id);
        const rect = rectPool[rects.length] ??= h('rect');
        setAttributes(rect, { class: `ll-bar${emphasis.includes(ci) ? ' is-emphasis' : ''}`, fill: colourOf(s, si),
          x: left, width: inner.bandwidth(), y: Math.min(top, zero), height: Math.abs(zero - top) });
        rects.push(rect);
        if (showLabels) {
          const above = v >= 0 ? Math.min(top, zero) - 4 : Math.max(top, zero) + 13;
          const text = textPool[texts.length] ??= h('text', { class: 'll-label ll-bar-label', 'text-anchor': 'middle' });
          setAttributes(text, { x: left + inner.bandwidth() / 2,
            y: Math.max(frame.bounds.top + 12, Math.min(frame.bounds.bottom - 3, above)) });
          const label = valueFormat(v);
          if (text.textContent !== label) text.textContent = label;
          texts.push(text);
        }
      });
    });
    const same = (group, nodes) => nodes.length === group.children.length && nodes.every((n, i) => group.children[i] === n);
    if (!same(bars, rects)) bars.replaceChildren(...rects);
    if (!same(labels, texts)) labels.replaceChildren(...texts);
  }

  frame.onResize(() => last && draw(last));
  frame.setData(() => (last ? last.categories.flatMap((category, ci) => series.map((s) => ({
    category, series: s.label, value: last.values[s.id]?.[ci] }))) : []));

  return {
    element: frame.element,
    frame,
    /**
     * @param {object} d
     * @param {string[]} d.categories  one label per group (distinct)
     * @param {Object<string, ArrayLike<number>>} d.values  per series id, one value per category
     * @param {[number, number]} [d.yDomain]
     * @param {number[]} [d.emphasis]  indices of categories to outline
     * @param {boolean} [d.showLabels]  value labels on the bars; off when crowded
     */
    update(d) {
      frame.setDomains({ x: d.categories, y: d.yDomain });
      last = d;
      draw(d);
    },
  };
}
