// A reliability diagram on the shared plot frame: one bar per confidence bin as high as the bin's accuracy, the
// diagonal accuracy = confidence, and the gap from each bar to its bin's mean confidence (solid above the bar =
// overconfident, hatched inside it = underconfident); beneath it a strip of bin counts on its own small frame,
// each labelled with its number. Both take the core's ece() bins and only draw.
import { createPlotFrame } from '../../plot/frame.js';
import { h } from '../shared/dom.js';

const HORIZONTAL_LABEL_PX = 26; // a bin narrower than this gets its count written vertically
const fixed1 = (v) => (v === 0 ? '0' : v.toFixed(1));

export function createReliabilityDiagram({ description, title }) {
  const frame = createPlotFrame({ description, xLabel: '', yLabel: 'accuracy', xDomain: [0, 1], yDomain: [0, 1],
    height: 230, xTicks: 5, yTicks: 5, xFormat: fixed1, yFormat: fixed1 });
  const strip = createPlotFrame({ description: `${description} Below it, the number of predictions in each bin.`,
    xLabel: 'confidence (largest probability)', yLabel: 'count', xDomain: [0, 1], yDomain: [0, 1], height: 110,
    xTicks: 5, yTicks: 1, xFormat: fixed1, yFormat: (v) => String(Math.round(v)) });
  strip.y.ticks = () => [0, strip.y.domain()[1]]; // two ticks: 0 and the fullest bin
  strip.setDomains({ y: [0, 2] });
  strip.svg.setAttribute('aria-hidden', 'true'); // the counts are also in the Numbers table; one picture, one name
  const hatchId = `cal-hatch-${Math.random().toString(36).slice(2, 8)}`;
  frame.svg.querySelector('defs').append(h('pattern', { id: hatchId, width: 6, height: 6, patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)' }, h('rect', { width: 6, height: 6, class: 'cal-hatch-bg' }),
  h('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'cal-hatch-line' })));
  const bars = h('g');
  const gaps = h('g');
  const diagonal = h('line', { class: 'cal-diagonal' });
  const counts = h('g');
  const labels = h('g', { class: 'cal-count-label' });
  frame.area.append(bars, gaps, diagonal);
  strip.area.append(counts);
  strip.overlay.append(labels);
  const heading = h('p', { class: 'cal-diagram-title' }, title);
  const element = h('div', { class: 'cal-diagram' }, heading, frame.element, strip.element);
  let last = null;

  // The marks are kept and only their attributes change; a group's children change only when a bin fills or
  // empties. keep(group, n, make) returns the group's first n marks, creating any that are missing.
  const pools = new Map();
  function keep(group, n, make) {
    const pool = pools.get(group) ?? pools.set(group, []).get(group);
    while (pool.length < n) pool.push(make());
    const nodes = pool.slice(0, n);
    if (group.children.length !== n || nodes.some((node, i) => group.children[i] !== node)) group.replaceChildren(...nodes);
    return nodes;
  }
  const set = (node, attributes) => {
    for (const [k, v] of Object.entries(attributes)) {
      if (v === undefined) node.removeAttribute(k);
      else if (node.getAttribute(k) !== String(v)) node.setAttribute(k, v);
    }
  };

  function draw({ bins }) {
    const { x, y } = frame;
    // The count axis runs to the fullest bin rounded up to half its decade (387 -> 400, 95 -> 95), so moving a
    // slider changes it (and redraws its ticks) only now and then; each bar is labelled with its exact count.
    const most = Math.max(1, ...bins.map((b) => b.count));
    const unit = Math.max(1, 10 ** Math.floor(Math.log10(most)) / 2);
    strip.setDomains({ y: [0, Math.ceil(most / unit) * unit] });
    for (const [k, v] of Object.entries({ x1: x(0), y1: y(0), x2: x(1), y2: y(1) })) diagonal.setAttribute(k, v);
    const filled = bins.filter((b) => b.count > 0);
    const left = (b) => x(b.lo) + 0.75;
    const width = (b) => Math.max(0, x(b.hi) - x(b.lo) - 1.5);
    keep(bars, filled.length, () => h('rect', { class: 'cal-bar' })).forEach((rect, i) => {
      const b = filled[i];
      set(rect, { x: left(b), width: width(b), y: y(b.accuracy), height: y(0) - y(b.accuracy) });
    });
    // The gap spans accuracy to mean confidence: above the bar = overconfident, inside it = underconfident.
    keep(gaps, filled.length, () => h('rect')).forEach((rect, i) => {
      const b = filled[i];
      const over = b.confidence >= b.accuracy;
      set(rect, { class: over ? 'cal-gap cal-over' : 'cal-gap cal-under', fill: over ? undefined : `url(#${hatchId})`,
        x: left(b), width: width(b), y: y(Math.max(b.accuracy, b.confidence)),
        height: Math.abs(y(b.accuracy) - y(b.confidence)) });
    });
    const sy = strip.y;
    keep(counts, filled.length, () => h('rect', { class: 'cal-count' })).forEach((rect, i) => {
      const b = filled[i];
      set(rect, { x: strip.x(b.lo) + 0.75, width: Math.max(0, strip.x(b.hi) - strip.x(b.lo) - 1.5), y: sy(b.count),
        height: sy(0) - sy(b.count) });
    });
    const vertical = strip.x(bins[0].hi) - strip.x(bins[0].lo) < HORIZONTAL_LABEL_PX;
    keep(labels, filled.length, () => h('text', { class: 'll-tick' })).forEach((text, i) => {
      const b = filled[i];
      const centre = (strip.x(b.lo) + strip.x(b.hi)) / 2;
      const top = sy(b.count);
      if (vertical) {
        set(text, { transform: `translate(${centre + 4},${Math.min(sy(0) - 3, top + 30)}) rotate(-90)`, x: undefined,
          y: undefined, 'text-anchor': 'start' });
      } else {
        set(text, { transform: undefined, x: centre, y: Math.max(strip.bounds.top + 10, top - 3), 'text-anchor': 'middle' });
      }
      if (text.textContent !== String(b.count)) text.textContent = String(b.count);
    });
  }
  frame.onResize(() => last && draw(last));
  strip.onResize(() => last && draw(last));
  frame.setData(() => (last ? last.bins.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count, accuracy: b.accuracy,
    confidence: b.confidence })) : []));

  return {
    element,
    /** bins: [{ lo, hi, count, confidence, accuracy }] from core.ece; title: the line above the picture. */
    update({ bins, title: text }) {
      if (heading.textContent !== text) heading.textContent = text;
      last = { bins };
      draw(last);
    },
  };
}
