// Per-layer gradient norms as horizontal bars on a log axis (d3 scaleLog): vanishing gradients show as bars many
// decades shorter near the input, exploding ones as bars running off to the right. Exact zeros (dead units) and
// NaN/Infinity are written out instead of drawn. SVG with a <title>; only draws.
import { axisBottom } from 'd3-axis';
import { scaleBand, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { formatNumber } from '../shared/format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 400; // narrower than the line plots: at 375 px its labels stay ~10 px
const MARGIN = { top: 8, right: 84, bottom: 44, left: 112 };
const ROW = 30;

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

/** @param {string[]} layerNames  one per layer, input side first */
export function createGradientBars(layerNames) {
  const height = MARGIN.top + ROW * layerNames.length + MARGIN.bottom;
  const figure = document.createElement('figure');
  figure.className = 'll-plot dl-grad-bars';
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img' });
  const title = svgElement('title');
  title.textContent = 'Gradient norm of each layer at the latest step, as horizontal bars on a logarithmic axis, '
    + 'first hidden layer at the top and the output layer at the bottom; each bar is labelled with its value.';
  const band = scaleBand().domain(layerNames).range([MARGIN.top, MARGIN.top + ROW * layerNames.length]).padding(0.25);
  const x = scaleLog().range([MARGIN.left, WIDTH - MARGIN.right]).clamp(true);
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${MARGIN.top + ROW * layerNames.length})` });
  const names = svgElement('g', { class: 'dl-bar-names' });
  layerNames.forEach((name) => {
    const text = svgElement('text', { x: MARGIN.left - 8, y: band(name) + band.bandwidth() / 2, dy: '0.35em',
      'text-anchor': 'end' });
    text.textContent = name;
    names.append(text);
  });
  const bars = svgElement('g');
  const xTitle = svgElement('text', { class: 'll-axis-title', x: (MARGIN.left + WIDTH - MARGIN.right) / 2,
    y: height - 8, 'text-anchor': 'middle' });
  xTitle.textContent = 'gradient norm (log scale)';
  svg.append(title, xAxis, names, bars, xTitle);
  figure.append(svg);

  return {
    element: figure,
    /** @param {ArrayLike<number>|null} norms  per layer, or null before the first step */
    update(norms) {
      const values = norms ? Array.from(norms) : [];
      const positive = values.filter((v) => Number.isFinite(v) && v > 0);
      const lo = positive.length ? 10 ** Math.floor(Math.log10(Math.min(...positive))) : 1e-4;
      let hi = positive.length ? 10 ** Math.ceil(Math.log10(Math.max(...positive))) : 1;
      if (hi <= lo) hi = lo * 10;
      x.domain([lo, hi]);
      select(xAxis).call(axisBottom(x).ticks(4).tickFormat((v) => {
        const exponent = Math.log10(v);
        if (Math.abs(exponent - Math.round(exponent)) > 1e-9) return '';
        return v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : `1e${Math.round(exponent)}`;
      }));
      const items = [];
      values.forEach((v, i) => {
        const top = band(layerNames[i]);
        const drawable = Number.isFinite(v) && v > 0;
        const end = drawable ? x(v) : MARGIN.left;
        if (drawable) {
          items.push(svgElement('rect', { class: 'dl-bar', x: MARGIN.left, y: top, width: Math.max(1, end - MARGIN.left),
            height: band.bandwidth() }));
        }
        const label = svgElement('text', { class: `dl-bar-value${Number.isFinite(v) ? '' : ' is-bad'}`, x: end + 6,
          y: top + band.bandwidth() / 2, dy: '0.35em' });
        label.textContent = v === 0 ? '0 (no gradient)' : formatNumber(v, 3);
        items.push(label);
      });
      bars.replaceChildren(...items);
    },
  };
}
