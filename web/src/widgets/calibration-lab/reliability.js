// A reliability diagram on d3 scales and axes: one bar per confidence bin with the bin's accuracy as its height,
// the diagonal accuracy = confidence, the gap from each bar to its bin's mean confidence, and beneath it a strip of
// bin counts (labelled with the numbers). SVG with a viewBox and a <title>; takes the core's ece() bins and only draws.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import '../../plot/plot.css';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 400;
const HEIGHT = 340;
const LEFT = 52;
const RIGHT = 12;
const PANEL = [12, 218]; // accuracy panel, top to bottom
const STRIP = [240, 290]; // count strip, top to bottom; the x axis sits under it
const HORIZONTAL_LABELS_UP_TO = 10; // bins; with more, the 17 px columns only fit vertical count labels

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

export function createReliabilityDiagram({ description }) {
  const figure = document.createElement('figure');
  figure.className = 'll-plot cal-diagram';
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', preserveAspectRatio: 'xMidYMid meet' });
  const title = svgElement('title');
  title.textContent = description;

  const x = scaleLinear().domain([0, 1]).range([LEFT, WIDTH - RIGHT]);
  const y = scaleLinear().domain([0, 1]).range([PANEL[1], PANEL[0]]);
  const yCount = scaleLinear().range([STRIP[1], STRIP[0]]);
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${STRIP[1]})` });
  const yAxis = svgElement('g', { class: 'll-axis', transform: `translate(${LEFT},0)` });
  const countAxis = svgElement('g', { class: 'll-axis', transform: `translate(${LEFT},0)` });
  select(xAxis).call(axisBottom(x).ticks(5));
  select(yAxis).call(axisLeft(y).ticks(5));
  const panelBase = svgElement('line', { class: 'cal-base', x1: LEFT, x2: WIDTH - RIGHT, y1: PANEL[1], y2: PANEL[1] });
  const diagonal = svgElement('line', { class: 'cal-diagonal', x1: x(0), y1: y(0), x2: x(1), y2: y(1) });
  const bars = svgElement('g');
  const gaps = svgElement('g');
  const counts = svgElement('g');
  const labels = svgElement('g', { class: 'cal-count-label' });
  const xTitle = svgElement('text', { class: 'll-axis-title', x: (LEFT + WIDTH - RIGHT) / 2, y: HEIGHT - 8,
    'text-anchor': 'middle' });
  xTitle.textContent = 'confidence (largest probability)';
  const yTitle = svgElement('text', { class: 'll-axis-title', transform: `translate(14,${(PANEL[0] + PANEL[1]) / 2}) rotate(-90)`,
    'text-anchor': 'middle' });
  yTitle.textContent = 'accuracy';
  const countTitle = svgElement('text', { class: 'cal-count-title', transform: `translate(14,${(STRIP[0] + STRIP[1]) / 2}) rotate(-90)`,
    'text-anchor': 'middle' });
  countTitle.textContent = 'count';
  svg.append(title, yAxis, countAxis, bars, gaps, panelBase, diagonal, counts, labels, xAxis, xTitle, yTitle, countTitle);
  const caption = document.createElement('figcaption');
  figure.append(svg, caption);

  return {
    element: figure,
    /** bins: [{ lo, hi, count, confidence, accuracy }] from core.ece; caption: text under the picture. */
    update({ bins, caption: text }) {
      caption.textContent = text;
      const most = Math.max(1, ...bins.map((b) => b.count));
      yCount.domain([0, most]);
      select(countAxis).call(axisLeft(yCount).tickValues([0, most]).tickFormat((v) => String(v)));
      const filled = bins.filter((b) => b.count > 0);
      const left = (b) => x(b.lo) + 0.75;
      const width = (b) => Math.max(0, x(b.hi) - x(b.lo) - 1.5);
      bars.replaceChildren(...filled.map((b) => svgElement('rect', { class: 'cal-bar', x: left(b), width: width(b),
        y: y(b.accuracy), height: y(0) - y(b.accuracy) })));
      // The gap spans accuracy to mean confidence: above the bar = overconfident, inside it = underconfident.
      gaps.replaceChildren(...filled.map((b) => svgElement('rect', { class: 'cal-gap', x: left(b), width: width(b),
        y: y(Math.max(b.accuracy, b.confidence)), height: Math.abs(y(b.accuracy) - y(b.confidence)) })));
      counts.replaceChildren(...filled.map((b) => svgElement('rect', { class: 'cal-count', x: left(b), width: width(b),
        y: yCount(b.count), height: STRIP[1] - yCount(b.count) })));
      const vertical = bins.length > HORIZONTAL_LABELS_UP_TO;
      labels.replaceChildren(...filled.map((b) => {
        const centre = (x(b.lo) + x(b.hi)) / 2;
        const label = vertical
          ? svgElement('text', { transform: `translate(${centre + 3.5},${STRIP[1] - 3}) rotate(-90)`, 'text-anchor': 'start' })
          : svgElement('text', { x: centre, y: Math.max(PANEL[1] + 14, yCount(b.count) - 3), 'text-anchor': 'middle' });
        label.textContent = String(b.count);
        return label;
      }));
    },
  };
}
