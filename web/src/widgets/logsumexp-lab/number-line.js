// The number line: the logits as dots on a symmetric-log d3 scale (so 1, 2, 3 and 1000 are all readable), with
// the overflow line ln(largest finite) and underflow line ln(smallest positive) of the chosen precision (solid, in
// the warning colour) and of the other precision (dashed), the zones where e^x leaves the format shaded, and the safe
// zone x <= 0 where e^x <= 1. setShift(t) draws every logit at x - t m (m the largest): animating t from 0 to 1 is the
// stable trick itself, the logits sliding left by their maximum into the safe zone. Drawn at the figure's real pixel
// width (1 SVG unit = 1 px); each value label is written once per distinct value and hidden if it would collide.
import { axisBottom } from 'd3-axis';
import { scaleSymlog } from 'd3-scale';
import { select } from 'd3-selection';
import { h } from '../shared/dom.js';
import '../../plot/plot.css';

const DEFAULT_WIDTH = 560;
const MIN_WIDTH = 280;
const NARROW = 460; // below this only every second decade keeps a tick label, so they do not collide
const NARROW_TICKS = [-10000, -1000, -10, 0, 10, 1000, 10000];
const TICKS = [-10000, -1000, -100, -10, 0, 10, 100, 1000, 10000];
const HEIGHT = 190;
const MARGIN = { left: 24, right: 24 };
const AXIS_Y = 138;
const DOT_RADIUS = 6;
const STACK_GAP = 13; // equal logits (1000, 1000) stack upwards instead of hiding each other
const MAX_STACK = 5;
const LABEL_Y = AXIS_Y - DOT_RADIUS - 2 - MAX_STACK * STACK_GAP - 10;
const NAME = { f32: 'float32', f64: 'float64' };
const CHAR_PX = 7.4;
// A logit as typed (up to 6 significant figures: 1001 stays 1001), with a true minus sign.
const logitText = (v) => String(Number(v.toPrecision(6))).replace('-', '−');

/** thresholds: { overflow: { f32, f64 }, underflow: { f32, f64 } } (numbers from compute.js). */
export function createNumberLine({ description, thresholds }) {
  const x = scaleSymlog().constant(1);
  const overflowZone = h('rect', { class: 'lse-zone', y: 36, height: AXIS_Y - 36 });
  const underflowZone = h('rect', { class: 'lse-zone', y: 36, height: AXIS_Y - 36 });
  const safeZone = h('rect', { class: 'lse-safe', y: 36, height: AXIS_Y - 36 });
  // Bottom-left of the safe zone: the shifted logits gather at its right end (the largest lands on 0).
  const safeLabel = h('text', { class: 'll-label lse-safe-label', y: AXIS_Y - 6, 'text-anchor': 'start', text: 'safe: e^x ≤ 1' });
  const axis = h('g', { class: 'll-axis', transform: `translate(0,${AXIS_Y})` });
  const axisTitle = h('text', { class: 'll-axis-title', y: HEIGHT - 6, 'text-anchor': 'middle',
    text: 'logit x (symmetric log scale)' });
  const lines = [];
  for (const kind of ['overflow', 'underflow']) {
    for (const precision of ['f32', 'f64']) {
      const rule = h('line', { y1: 36, y2: AXIS_Y });
      const label = h('text', { class: 'll-tick', y: precision === 'f32' ? 14 : 30 });
      const group = h('g', { class: 'lse-threshold' }, rule, label);
      lines.push({ kind, precision, value: thresholds[kind][precision], group, rule, label });
    }
  }
  const dots = h('g', { class: 'lse-dots' });
  const labels = h('g', { class: 'lse-dot-labels' });
  const svg = h('svg', { role: 'img', 'aria-label': description, height: HEIGHT },
    h('title', { text: description }), safeZone, overflowZone, underflowZone, safeLabel, lines.map((l) => l.group),
    axis, dots, labels, axisTitle);
  const legend = h('ul', { class: 'll-legend' },
    h('li', {}, h('span', { class: 'lse-key lse-key-dot', 'aria-hidden': 'true' }), 'logit'),
    h('li', {}, h('span', { class: 'lse-key lse-key-hot', 'aria-hidden': 'true' }), 'logit whose e^x overflows or underflows'),
    h('li', {}, h('span', { class: 'lse-key lse-key-safe', 'aria-hidden': 'true' }), 'safe zone x ≤ 0'));
  const current = h('figcaption', { class: 'll-note lse-caption' });
  const figure = h('figure', { class: 'll-plot lse-number-line' }, svg, legend, current);

  let last = null;
  let shift = 0;
  let drawnWidth = 0;
  let dotNodes = [];
  const measure = () => Math.max(MIN_WIDTH, Math.round(figure.clientWidth) || DEFAULT_WIDTH);

  function layout({ logits, precision }) {
    const width = measure();
    drawnWidth = width;
    svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    svg.setAttribute('width', width);
    x.range([MARGIN.left, width - MARGIN.right]);
    axisTitle.setAttribute('x', width / 2);
    const ticks = width < NARROW ? NARROW_TICKS : TICKS;
    const m = Math.max(...logits);
    // The domain holds the logits before and after the shift, so the slide never leaves the picture.
    const reach = Math.max(1000, ...Array.from(logits, (v) => Math.max(Math.abs(v), Math.abs(v - m)))) * 1.25;
    x.domain([-reach, reach]);
    select(axis).call(axisBottom(x).tickValues(ticks.filter((t) => Math.abs(t) <= reach))
      .tickFormat((t) => String(t).replace('-', '−')));
    for (const text of axis.querySelectorAll('text')) text.setAttribute('class', 'll-tick');
    const over = thresholds.overflow[precision];
    const under = thresholds.underflow[precision];
    overflowZone.setAttribute('x', x(over));
    overflowZone.setAttribute('width', Math.max(0, x(reach) - x(over)));
    underflowZone.setAttribute('x', x(-reach));
    underflowZone.setAttribute('width', Math.max(0, x(under) - x(-reach)));
    safeZone.setAttribute('x', x(under));
    safeZone.setAttribute('width', Math.max(0, x(0) - x(under)));
    safeLabel.setAttribute('x', x(under) + 6);
    for (const line of lines) {
      const px = x(line.value);
      line.rule.setAttribute('x1', px);
      line.rule.setAttribute('x2', px);
      // Labels sit on the side away from the centre so they never run off the picture.
      const outward = line.kind === 'overflow';
      line.label.setAttribute('x', px + (outward ? -4 : 4));
      line.label.setAttribute('text-anchor', outward ? 'end' : 'start');
      const number = line.value.toFixed(2);
      line.label.textContent = width < NARROW ? number : `${NAME[line.precision]} ${number}`;
      line.group.classList.toggle('lse-current', line.precision === precision);
    }
    const other = precision === 'f32' ? 'f64' : 'f32';
    current.textContent = `Solid lines: ${NAME[precision]} (the chosen precision); dashed: ${NAME[other]}. `
      + 'Top row of numbers: float32, second row: float64.';
    if (dotNodes.length !== logits.length) {
      dotNodes = Array.from(logits, () => ({ circle: h('circle', { class: 'lse-dot', r: DOT_RADIUS }),
        square: h('rect', { class: 'lse-dot lse-hot', width: 2 * DOT_RADIUS, height: 2 * DOT_RADIUS }) }));
    }
  }

  /** Dots at x - shift m; one label per distinct value, hidden where it would overlap one already written. */
  function drawDots({ logits, precision }) {
    const m = Math.max(...logits);
    const over = thresholds.overflow[precision];
    const under = thresholds.underflow[precision];
    const seen = new Map();
    const marks = [];
    const written = [];
    Array.from(logits, (raw, i) => {
      const v = raw - shift * m;
      const px = x(v);
      const key = Math.round(px);
      const level = Math.min(seen.get(key) ?? 0, MAX_STACK);
      seen.set(key, level + 1);
      const hot = v > over || v < under;
      const cy = AXIS_Y - DOT_RADIUS - 2 - level * STACK_GAP;
      const { circle, square } = dotNodes[i];
      // Shape as well as colour: a square for a logit whose e^x leaves the format's range.
      if (hot) {
        square.setAttribute('x', px - DOT_RADIUS);
        square.setAttribute('y', cy - DOT_RADIUS);
      } else {
        circle.setAttribute('cx', px);
        circle.setAttribute('cy', cy);
      }
      marks.push(hot ? square : circle);
      if (level === 0) written.push({ px, v, i });
      return null;
    });
    dots.replaceChildren(...marks);
    // The largest value's label first (it is the one the trick subtracts), then the others left to right.
    written.sort((a, b) => (logits[b.i] === m) - (logits[a.i] === m) || a.px - b.px);
    const boxes = [];
    const texts = [];
    for (const w of written) {
      const text = logitText(w.v);
      const width = text.length * CHAR_PX;
      const box = [w.px - width / 2, w.px + width / 2];
      if (boxes.some(([l, r]) => box[0] - 4 < r && l - 4 < box[1])) continue;
      boxes.push(box);
      texts.push(h('text', { class: 'll-label lse-dot-label', x: w.px, y: LABEL_Y, 'text-anchor': 'middle', text }));
    }
    labels.replaceChildren(...texts);
  }

  function draw(data) {
    layout(data);
    drawDots(data);
  }

  // Only a width change needs a redraw (the height is fixed), so the observer cannot loop.
  new ResizeObserver(() => {
    if (last && measure() !== drawnWidth) draw(last);
  }).observe(figure);

  return {
    element: figure,
    update(data) {
      last = data;
      draw(data);
    },
    /** Draws the logits shifted by t times their maximum (0: as typed, 1: after subtracting the max). */
    setShift(t) {
      shift = t;
      if (last) drawDots(last);
    },
  };
}
