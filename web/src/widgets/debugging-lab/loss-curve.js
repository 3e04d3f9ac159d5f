// The loss curve: loss against step on a log y axis (d3 scaleLog), the line drawn only up to the first
// non-finite value, where a vertical marker names the step. SVG with a <title>; only draws.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 480;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 18, bottom: 44, left: 84 };
const FLOOR = 1e-8; // losses below this are drawn at it (log axes cannot show 0)
const MIN_STEPS_SHOWN = 20;

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

// Powers of ten: plain from 0.001 to 1000, else 1e-8, 1e250 (short enough for the margin).
const tickText = (v) => (v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : `1e${Math.round(Math.log10(v))}`);

export function createLossCurve() {
  const figure = document.createElement('figure');
  figure.className = 'll-plot dl-loss-curve';
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' });
  const title = svgElement('title');
  title.textContent = 'Training loss against step, on a logarithmic axis. The line stops at the first NaN or '
    + 'Infinity, which is marked with a vertical line and its step.';
  const x = scaleLinear().range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLog().range([HEIGHT - MARGIN.bottom, MARGIN.top]).clamp(true);
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${HEIGHT - MARGIN.bottom})` });
  const yAxis = svgElement('g', { class: 'll-axis', transform: `translate(${MARGIN.left},0)` });
  const path = svgElement('path', { class: 'll-line ll-series-0' });
  const marker = svgElement('g', { class: 'dl-nan-marker' });
  const markerLine = svgElement('line');
  const markerText = svgElement('text', { 'text-anchor': 'end' });
  marker.append(markerLine, markerText);
  const empty = svgElement('text', { class: 'dl-empty', x: (MARGIN.left + WIDTH - MARGIN.right) / 2,
    y: (MARGIN.top + HEIGHT - MARGIN.bottom) / 2, 'text-anchor': 'middle' });
  empty.textContent = 'No steps yet';
  const xTitle = svgElement('text', { class: 'll-axis-title', x: (MARGIN.left + WIDTH - MARGIN.right) / 2,
    y: HEIGHT - 8, 'text-anchor': 'middle' });
  xTitle.textContent = 'step';
  const yTitle = svgElement('text', { class: 'll-axis-title', 'text-anchor': 'middle',
    transform: `translate(14,${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)` });
  yTitle.textContent = 'loss (log scale)';
  svg.append(title, xAxis, yAxis, path, marker, empty, xTitle, yTitle);
  figure.append(svg);

  return {
    element: figure,
    /** @param {number[]} losses  every step's loss; @param {number|null} stopStep  the first non-finite step */
    update(losses, stopStep) {
      const steps = losses.length;
      // Drawn: steps before the first non-finite one, plus that step if its loss is still finite (the NaN may
      // appear in the backward pass or the update, after the loss was computed).
      const shown = stopStep ? losses.slice(0, Number.isFinite(losses[stopStep - 1]) ? stopStep : stopStep - 1) : losses;
      const finite = shown.filter(Number.isFinite).map((v) => Math.max(FLOOR, v));
      const lo = finite.length ? 10 ** Math.floor(Math.log10(Math.min(...finite))) : 0.1;
      let hi = finite.length ? 10 ** Math.ceil(Math.log10(Math.max(...finite))) : 10;
      if (hi <= lo) hi = lo * 10;
      x.domain([1, Math.max(MIN_STEPS_SHOWN, steps)]);
      y.domain([lo, Math.min(hi, 1e300)]);
      select(xAxis).call(axisBottom(x).ticks(6, 'd'));
      select(yAxis).call(axisLeft(y).ticks(5).tickFormat((v) => {
        // Label powers of ten only, so a span of many decades stays readable.
        const exponent = Math.log10(v);
        return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? tickText(v) : '';
      }));
      const generator = line().x((_, i) => x(i + 1)).y((v) => y(Math.max(FLOOR, v))).defined(Number.isFinite);
      path.setAttribute('d', generator(shown) ?? '');
      empty.style.display = steps ? 'none' : '';
      marker.style.display = stopStep ? '' : 'none';
      if (stopStep) {
        const mx = x(stopStep);
        Object.entries({ x1: mx, x2: mx, y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom })
          .forEach(([k, v]) => markerLine.setAttribute(k, v));
        const leftSide = mx > (MARGIN.left + WIDTH - MARGIN.right) / 2;
        markerText.setAttribute('x', leftSide ? mx - 6 : mx + 6);
        markerText.setAttribute('y', MARGIN.top + 14);
        markerText.setAttribute('text-anchor', leftSide ? 'end' : 'start');
        markerText.textContent = `first NaN/Inf: step ${stopStep}`;
      }
    },
  };
}
