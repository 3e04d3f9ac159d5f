// A grouped bar chart on a LOG value axis (d3 scaleBand + scaleLog): one group per layer, first layer on the left,
// one bar per loss. Gradient norms span several decades between the first and the last layer, so a linear axis
// would show only the largest. The axis snaps outward to whole decades and changes only when a value crosses one,
// so it does not jitter while training plays. SVG with a viewBox and a <title>, HTML legend. The viewBox follows
// the figure's width (ResizeObserver), so text stays 12 px on a 375 px phone instead of shrinking with the picture.
// Only draws.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import '../../plot/plot.css';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 560; // viewBox width until the first resize; then the figure's CSS width (at least MIN_WIDTH)
const MIN_WIDTH = 300;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 12, bottom: 48, left: 62 };
// The axis never goes below 1e-30 (a vanished gradient of 1e-19 still gets its bar); zero (a dead layer) or a
// non-finite norm is drawn as a 1 px stub at the bottom of the axis.
const FLOOR = 1e-30;

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

const decade = (v, round) => 10 ** round(Math.log10(v));
const superscript = (n) => String(n).replace(/-/g, '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]);

/**
 * @param {object} o
 * @param {{id: string, label: string}[]} o.series  one bar per group per series (colours --series-0, 1, ...)
 * @param {string} o.xLabel, o.yLabel
 */
export function createLogBarChart({ series, xLabel, yLabel }) {
  const figure = document.createElement('figure');
  figure.className = 'll-plot ll-log-bars';
  let width = WIDTH;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img' });
  const title = svgElement('title');
  const x = scaleBand().range([MARGIN.left, width - MARGIN.right]).paddingInner(0.22).paddingOuter(0.12);
  const inner = scaleBand().domain(series.map((s) => s.id)).paddingInner(0.1);
  const y = scaleLog().range([HEIGHT - MARGIN.bottom, MARGIN.top]).domain([1e-4, 1]);
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${HEIGHT - MARGIN.bottom})` });
  const yAxis = svgElement('g', { class: 'll-axis', transform: `translate(${MARGIN.left},0)` });
  const bars = svgElement('g');
  const xTitle = svgElement('text', { class: 'll-axis-title', x: (MARGIN.left + width - MARGIN.right) / 2,
    y: HEIGHT - 6, 'text-anchor': 'middle' });
  xTitle.textContent = xLabel;
  const yTitle = svgElement('text', { class: 'll-axis-title', 'text-anchor': 'middle',
    transform: `translate(14,${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)` });
  yTitle.textContent = yLabel;
  svg.append(title, yAxis, bars, xAxis, xTitle, yTitle);

  const legend = document.createElement('ul');
  legend.className = 'll-legend';
  series.forEach((s, i) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `ll-swatch ll-log-bars-swatch ll-series-${i}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, s.label);
    legend.append(item);
  });
  figure.append(svg, legend);

  let last = null;
  const chart = {
    element: figure,
    /**
     * @param {string[]} categories  group labels, left to right
     * @param {Object<string, ArrayLike<number> | undefined>} values  per series id (missing: no bars)
     * @param {string} description  the SVG <title> text (the numbers, for screen readers)
     */
    update(categories, values, description) {
      last = [categories, values, description];
      title.textContent = description;
      const all = Object.values(values).flatMap((v) => Array.from(v ?? [])).filter((v) => v > 0 && Number.isFinite(v));
      // One decade of headroom below the smallest bar, so even it has a visible length (a log bar has no zero).
      const lo = all.length ? Math.max(FLOOR, decade(Math.min(...all), Math.floor) / 10) : 1e-4;
      let hi = all.length ? decade(Math.max(...all), Math.ceil) : 1;
      if (hi <= lo) hi = lo * 10;
      const [oldLo, oldHi] = y.domain();
      if (oldLo !== lo || oldHi !== hi || !yAxis.hasChildNodes()) {
        y.domain([lo, hi]);
        const decades = Math.round(Math.log10(hi / lo));
        const ticks = Array.from({ length: decades + 1 }, (_, k) => lo * 10 ** k)
          .filter((_, k) => decades <= 6 || k % Math.ceil(decades / 6) === 0); // at most ~7 labels
        select(yAxis).call(axisLeft(y).tickValues(ticks).tickFormat((v) => `10${superscript(Math.round(Math.log10(v)))}`));
      }
      x.domain(categories.map((_, i) => String(i)));
      inner.range([0, x.bandwidth()]);
      select(xAxis).call(axisBottom(x).tickFormat((i) => categories[Number(i)]).tickSizeOuter(0));
      const bottom = HEIGHT - MARGIN.bottom;
      const rects = [];
      series.forEach((s, si) => {
        const data = values[s.id];
        if (!data) return;
        categories.forEach((_, ci) => {
          const v = data[ci];
          const top = v > 0 && Number.isFinite(v) ? y(Math.min(hi, Math.max(lo, v))) : bottom;
          rects.push(svgElement('rect', { class: `ll-log-bar ll-series-${si}`, x: x(String(ci)) + inner(s.id),
            width: inner.bandwidth(), y: Math.min(top, bottom - 1), height: Math.max(1, bottom - top) }));
        });
      });
      bars.replaceChildren(...rects);
    },
  };

  // Redraw at the figure's width; a change below 1 px (scrollbars, rounding) is ignored.
  new ResizeObserver(([entry]) => {
    if (entry.contentRect.width === 0) return; // not laid out (hidden)
    const next = Math.max(MIN_WIDTH, Math.round(entry.contentRect.width));
    if (Math.abs(next - width) < 1) return;
    width = next;
    svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    x.range([MARGIN.left, width - MARGIN.right]);
    xTitle.setAttribute('x', (MARGIN.left + width - MARGIN.right) / 2);
    if (last) chart.update(...last);
  }).observe(figure);
  return chart;
}
