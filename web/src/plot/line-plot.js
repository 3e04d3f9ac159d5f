// A 2D line plot on d3 scales, axes and line generators: SVG with a viewBox (crisp at any width), labelled axes,
// an HTML legend (readable without hover), and marked points. It takes plain arrays and only draws.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import './plot.css';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MARGIN = { top: 12, right: 16, bottom: 44, left: 60 };

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

/**
 * @param {object} o
 * @param {string} o.description  accessible description of the picture (SVG <title>)
 * @param {string} o.xLabel, o.yLabel  axis titles
 * @param {{id: string, label: string, dashed?: boolean}[]} o.series  one entry per line, in legend order
 * @param {[number, number]} o.xDomain, o.yDomain  initial domains (update() may change them)
 */
export function createLinePlot({ description, xLabel, yLabel, series, xDomain, yDomain, width = 560, height = 300 }) {
  const figure = document.createElement('figure');
  figure.className = 'll-plot';
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', preserveAspectRatio: 'xMidYMid meet' });
  const title = svgElement('title');
  title.textContent = description;
  svg.append(title);

  const x = scaleLinear().domain(xDomain).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain(yDomain).range([height - MARGIN.bottom, MARGIN.top]);
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${height - MARGIN.bottom})` });
  const yAxis = svgElement('g', { class: 'll-axis', transform: `translate(${MARGIN.left},0)` });
  const clipId = `clip-${Math.random().toString(36).slice(2, 8)}`;
  const clip = svgElement('clipPath', { id: clipId });
  clip.append(svgElement('rect', { x: MARGIN.left, y: MARGIN.top, width: width - MARGIN.left - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom }));
  const plotArea = svgElement('g', { 'clip-path': `url(#${clipId})` });
  const zeroLine = svgElement('line', { class: 'll-zero' });
  plotArea.append(zeroLine);
  const paths = new Map();
  series.forEach((s, i) => {
    const path = svgElement('path', { class: `ll-line ll-series-${i}${s.dashed ? ' ll-dashed' : ''}` });
    paths.set(s.id, path);
    plotArea.append(path);
  });
  const markers = svgElement('g', { class: 'll-markers' });
  const xTitle = svgElement('text', { class: 'll-axis-title', x: (MARGIN.left + width - MARGIN.right) / 2, y: height - 8,
    'text-anchor': 'middle' });
  xTitle.textContent = xLabel;
  const yTitle = svgElement('text', { class: 'll-axis-title', transform: `translate(16,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`,
    'text-anchor': 'middle' });
  yTitle.textContent = yLabel;
  svg.append(clip, xAxis, yAxis, plotArea, markers, xTitle, yTitle);

  const legend = document.createElement('ul');
  legend.className = 'll-legend';
  series.forEach((s, i) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `ll-swatch ll-series-${i}${s.dashed ? ' ll-dashed' : ''}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, s.label);
    legend.append(item);
  });
  figure.append(svg, legend);

  const seriesIndex = new Map(series.map((s, i) => [s.id, i]));

  function drawAxes() {
    select(xAxis).call(axisBottom(x).ticks(7));
    select(yAxis).call(axisLeft(y).ticks(5));
    const [y0, y1] = y.domain();
    const showZero = y0 < 0 && y1 > 0;
    zeroLine.setAttribute('x1', MARGIN.left);
    zeroLine.setAttribute('x2', width - MARGIN.right);
    zeroLine.setAttribute('y1', showZero ? y(0) : -10);
    zeroLine.setAttribute('y2', showZero ? y(0) : -10);
  }
  drawAxes();

  return {
    element: figure,
    /**
     * @param {{lines?: Object<string, {x: ArrayLike<number>, y: ArrayLike<number>}>,
     *          points?: {series: string, x: number, y: number}[], xDomain?: number[], yDomain?: number[]}} data
     */
    update({ lines = {}, points = [], xDomain: xd, yDomain: yd }) {
      if (xd || yd) {
        if (xd) x.domain(xd);
        if (yd) y.domain(yd);
        drawAxes();
      }
      const [yMin, yMax] = y.domain();
      const span = yMax - yMin;
      // Clamp far-off values so SVG never receives Infinity; the clip path hides them.
      const clampY = (v) => y(Math.max(yMin - 10 * span, Math.min(yMax + 10 * span, v)));
      for (const [id, data] of Object.entries(lines)) {
        const generator = line()
          .defined((_, i) => Number.isFinite(data.y[i]))
          .x((_, i) => x(data.x[i]))
          .y((_, i) => clampY(data.y[i]));
        paths.get(id)?.setAttribute('d', generator(Array.from({ length: data.x.length })) ?? '');
      }
      const dots = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => {
        const dot = svgElement('circle', { cx: x(p.x), cy: clampY(p.y), r: 5,
          class: `ll-point ll-series-${seriesIndex.get(p.series) ?? 0}` });
        return dot;
      });
      markers.replaceChildren(...dots);
    },
  };
}
