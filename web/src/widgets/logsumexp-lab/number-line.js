// The number line: the logits as dots on a symmetric-log d3 scale (so 1, 2, 3 and 1000 are all readable), with
// the ln(largest finite) overflow lines and ln(smallest positive) underflow lines of float32 and float64; the
// current precision's lines are drawn solid and labelled in the danger colour, the other precision's dashed.
import { axisBottom } from 'd3-axis';
import { scaleSymlog } from 'd3-scale';
import { select } from 'd3-selection';
import '../../plot/plot.css';

const SVG_NS = 'http://www.w3.org/2000/svg';
// The viewBox follows the figure's pixel width (1 unit = 1 px), so labels stay 12-14 px on a phone and a wide
// screen alike; a ResizeObserver redraws the last data when the width changes.
const DEFAULT_WIDTH = 560;
const MIN_WIDTH = 280;
const NARROW = 460; // below this only every second decade keeps a tick label, so they do not collide
const NARROW_TICKS = [-10000, -1000, -10, 0, 10, 1000, 10000];
const HEIGHT = 170;
const MARGIN = { left: 24, right: 24 };
const AXIS_Y = 118;
const DOT_RADIUS = 6;
const STACK_GAP = 13; // equal logits (1000, 1000) stack upwards instead of hiding each other
const MAX_STACK = 7; // 7 levels reach y ~ 20, the top of the picture
const TICKS = [-10000, -1000, -100, -10, 0, 10, 100, 1000, 10000];
const NAME = { f32: 'float32', f64: 'float64' };

function el(name, attributes = {}) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  return node;
}

/** thresholds: { overflow: { f32, f64 }, underflow: { f32, f64 } } (numbers from compute.js). */
export function createNumberLine({ description, thresholds }) {
  const figure = document.createElement('figure');
  figure.className = 'll-plot lse-number-line';
  const svg = el('svg', { viewBox: `0 0 ${DEFAULT_WIDTH} ${HEIGHT}`, role: 'img', preserveAspectRatio: 'xMidYMid meet' });
  const title = el('title');
  title.textContent = description;
  const x = scaleSymlog().constant(1);
  const overflowZone = el('rect', { class: 'lse-zone', y: 8, height: AXIS_Y - 8 });
  const underflowZone = el('rect', { class: 'lse-zone', y: 8, height: AXIS_Y - 8 });
  const axis = el('g', { class: 'll-axis', transform: `translate(0,${AXIS_Y})` });
  const axisTitle = el('text', { class: 'll-axis-title', y: HEIGHT - 6, 'text-anchor': 'middle' });
  axisTitle.textContent = 'logit x (symmetric log scale)';
  const lines = [];
  for (const kind of ['overflow', 'underflow']) {
    for (const precision of ['f32', 'f64']) {
      const group = el('g', { class: 'lse-threshold' });
      const rule = el('line', { y1: 20, y2: AXIS_Y });
      const label = el('text', { y: precision === 'f32' ? 16 : 30 });
      group.append(rule, label);
      lines.push({ kind, precision, value: thresholds[kind][precision], group, rule, label });
    }
  }
  const dots = el('g', { class: 'lse-dots' });
  svg.append(title, overflowZone, underflowZone, ...lines.map((l) => l.group), axis, dots, axisTitle);

  const legend = document.createElement('ul');
  legend.className = 'll-legend';
  const item = (className, text) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = className;
    swatch.setAttribute('aria-hidden', 'true');
    li.append(swatch, text);
    return li;
  };
  legend.append(
    item('lse-key lse-key-dot', 'logit'),
    item('lse-key lse-key-hot', 'logit whose e^x overflows or underflows in the chosen precision'),
    item('lse-key lse-key-rule', 'ln(largest) on the right, ln(smallest positive) on the left'),
  );
  const current = document.createElement('figcaption');
  current.className = 'lse-caption';
  figure.append(svg, legend, current);

  let last = null;
  let drawnWidth = 0;
  const measure = () => Math.max(MIN_WIDTH, Math.round(figure.clientWidth) || DEFAULT_WIDTH);
  function draw({ logits, precision }) {
    const width = measure();
    drawnWidth = width;
    svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    x.range([MARGIN.left, width - MARGIN.right]);
    axisTitle.setAttribute('x', width / 2);
    const ticks = width < NARROW ? NARROW_TICKS : TICKS;
    const reach = Math.max(1000, ...Array.from(logits, Math.abs)) * 1.25;
    x.domain([-reach, reach]);
    select(axis).call(axisBottom(x).tickValues(ticks.filter((t) => Math.abs(t) <= reach))
      .tickFormat((t) => String(t).replace('-', '−')));
    const over = thresholds.overflow[precision];
    const under = thresholds.underflow[precision];
    overflowZone.setAttribute('x', x(over));
    overflowZone.setAttribute('width', Math.max(0, x(reach) - x(over)));
    underflowZone.setAttribute('x', x(-reach));
    underflowZone.setAttribute('width', Math.max(0, x(under) - x(-reach)));
    for (const line of lines) {
      const px = x(line.value);
      line.rule.setAttribute('x1', px);
      line.rule.setAttribute('x2', px);
      // Labels sit on the side away from the centre so they never run off the picture.
      const outward = line.kind === 'overflow';
      line.label.setAttribute('x', px + (outward ? -4 : 4));
      line.label.setAttribute('text-anchor', outward ? 'end' : 'start');
      // On a phone the format names move to the legend line below the picture; the numbers stay.
      const number = line.value.toFixed(2);
      line.label.textContent = width < NARROW ? number : `${NAME[line.precision]} ${number}`;
      line.group.classList.toggle('lse-current', line.precision === precision);
    }
    const seen = new Map();
    const circles = Array.from(logits, (v) => {
      const px = x(v);
      const key = Math.round(px);
      const level = Math.min(seen.get(key) ?? 0, MAX_STACK);
      seen.set(key, level + 1);
      const hot = v > over || v < under;
      const cy = AXIS_Y - DOT_RADIUS - 2 - level * STACK_GAP;
      // Shape as well as colour: a square for a logit whose e^x leaves the format's range.
      return hot
        ? el('rect', { class: 'lse-dot lse-hot', x: px - DOT_RADIUS, y: cy - DOT_RADIUS, width: 2 * DOT_RADIUS, height: 2 * DOT_RADIUS })
        : el('circle', { class: 'lse-dot', cx: px, cy, r: DOT_RADIUS });
    });
    dots.replaceChildren(...circles);
    const other = precision === 'f32' ? 'f64' : 'f32';
    current.textContent = `Solid red lines: ${NAME[precision]} (the chosen precision); dashed: ${NAME[other]}. `
      + 'Top row of labels: float32, second row: float64.';
  }
  // Only a width change needs a redraw (the height follows the viewBox), so the observer cannot loop.
  new ResizeObserver(() => {
    if (last && measure() !== drawnWidth) draw(last);
  }).observe(figure);

  return {
    element: figure,
    update(data) {
      last = data;
      draw(data);
    },
  };
}
