// A grouped bar chart on d3 scales and axes: one group per category, one bar per series in each group, bars grow
// from zero (values may be negative). SVG with a viewBox and a <title> description, an HTML legend, optional value
// labels on the bars (readable without hover) and emphasised categories (e.g. the true class). Only draws.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import './plot.css';
import './bar-chart.css';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MARGIN = { top: 18, right: 12, bottom: 48, left: 60 };

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

/**
 * @param {object} o
 * @param {string} o.description  accessible description of the picture (SVG <title>)
 * @param {string} o.xLabel, o.yLabel  axis titles
 * @param {{id: string, label: string}[]} o.series  bars per category, in legend order (colours --series-0..5)
 * @param {[number, number]} o.yDomain  initial value domain (update() may change it)
 * @param {(v: number) => string} [o.valueFormat]  when given, each bar is labelled with its value
 * @param {boolean} [o.legend]  show the HTML legend (default: when there is more than one series)
 */
export function createBarChart({ description, xLabel, yLabel, series, yDomain, valueFormat, legend = series.length > 1,
  width = 560, height = 260 }) {
  const figure = document.createElement('figure');
  figure.className = 'll-plot ll-bar-chart';
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', preserveAspectRatio: 'xMidYMid meet' });
  const title = svgElement('title');
  title.textContent = description;

  const x = scaleBand().range([MARGIN.left, width - MARGIN.right]).paddingInner(0.25).paddingOuter(0.15);
  const inner = scaleBand().domain(series.map((s) => s.id)).paddingInner(0.08);
  const y = scaleLinear().domain(yDomain).range([height - MARGIN.bottom, MARGIN.top]);
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${height - MARGIN.bottom})` });
  const yAxis = svgElement('g', { class: 'll-axis', transform: `translate(${MARGIN.left},0)` });
  const baseline = svgElement('line', { class: 'll-bar-baseline' });
  const bars = svgElement('g', { class: 'll-bars' });
  const labels = svgElement('g', { class: 'll-bar-labels' });
  const xTitle = svgElement('text', { class: 'll-axis-title', x: (MARGIN.left + width - MARGIN.right) / 2, y: height - 6,
    'text-anchor': 'middle' });
  xTitle.textContent = xLabel;
  const yTitle = svgElement('text', { class: 'll-axis-title',
    transform: `translate(16,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle' });
  yTitle.textContent = yLabel;
  svg.append(title, yAxis, bars, baseline, xAxis, labels, xTitle, yTitle);
  figure.append(svg);

  if (legend) {
    const list = document.createElement('ul');
    list.className = 'll-legend';
    series.forEach((s, i) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `ll-swatch ll-bar-swatch ll-series-${i}`;
      swatch.setAttribute('aria-hidden', 'true');
      item.append(swatch, s.label);
      list.append(item);
    });
    figure.append(list);
  }

  return {
    element: figure,
    /**
     * @param {object} d
     * @param {string[]} d.categories  one label per group
     * @param {Object<string, ArrayLike<number>>} d.values  per series id, one value per category
     * @param {[number, number]} [d.yDomain]
     * @param {number[]} [d.emphasis]  indices of categories to outline
     * @param {boolean} [d.showLabels]  value labels on the bars (when valueFormat was given); off when crowded
     */
    update({ categories, values, yDomain: yd, emphasis = [], showLabels = true }) {
      if (yd) y.domain(yd);
      x.domain(categories.map((_, i) => String(i)));
      inner.range([0, x.bandwidth()]);
      select(xAxis).call(axisBottom(x).tickFormat((i) => categories[Number(i)]).tickSizeOuter(0));
      select(yAxis).call(axisLeft(y).ticks(5));
      xAxis.querySelectorAll('.tick').forEach((tick, i) => tick.classList.toggle('is-emphasis', emphasis.includes(i)));
      const [lo, hi] = y.domain();
      const zero = y(Math.min(hi, Math.max(lo, 0)));
      baseline.setAttribute('x1', MARGIN.left);
      baseline.setAttribute('x2', width - MARGIN.right);
      baseline.setAttribute('y1', zero);
      baseline.setAttribute('y2', zero);
      const rects = [];
      const texts = [];
      series.forEach((s, si) => {
        const data = values[s.id];
        if (!data) return;
        categories.forEach((_, ci) => {
          const v = data[ci];
          if (!Number.isFinite(v)) return;
          const top = y(Math.min(hi, Math.max(lo, v)));
          const left = x(String(ci)) + inner(s.id);
          rects.push(svgElement('rect', {
            class: `ll-bar ll-series-${si}${emphasis.includes(ci) ? ' is-emphasis' : ''}`,
            x: left, width: inner.bandwidth(), y: Math.min(top, zero), height: Math.abs(zero - top),
          }));
          if (valueFormat && showLabels) {
            const label = svgElement('text', { class: 'll-bar-label', x: left + inner.bandwidth() / 2,
              y: v >= 0 ? Math.min(top, zero) - 4 : Math.max(top, zero) + 12, 'text-anchor': 'middle' });
            label.textContent = valueFormat(v);
            texts.push(label);
          }
        });
      });
      bars.replaceChildren(...rects);
      labels.replaceChildren(...texts);
    },
  };
}
