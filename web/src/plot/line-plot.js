// A 2D line plot on the shared plot frame: lines coloured by concept (the same loss has the same colour on every
// figure), each series named at its line end, and marked points that carry their value and stay inside the plot.
// It takes plain arrays and only draws; each update touches only the paths and markers (axes only when a domain
// changed), so a slider drag repaints in the next frame.
import { line } from 'd3-shape';
import { h, setAttributes } from '../widgets/shared/dom.js';
import { createPlotFrame } from './frame.js';
import { conceptColor } from './palette.js';

const END_LABEL_GAP = 15; // px between two series names at the right edge (13 px text)

/**
 * @param {object} o   the plot frame's options (description, xLabel, yLabel, xDomain, yDomain, xScale, yScale,
 *                     height, ticks, formats), plus:
 * @param {{id: string, label: string, concept?: string, dashed?: boolean}[]} o.series
 *        one entry per line; `concept` picks the palette colour (mse, ce, l1, huber, smoothl1, focal, target, ...)
 * @param {boolean} [o.endLabels]   write each series' label at its line end (default true)
 * @param {boolean} [o.legend]      an HTML legend under the plot as well (default false: labels are direct)
 */
export function createLinePlot({ series, endLabels = true, legend = false, ...frameOptions }) {
  const frame = createPlotFrame(frameOptions);
  const colourOf = (s, i) => (s.concept ? conceptColor(s.concept) : `var(--series-${i % 6})`);
  const paths = new Map(series.map((s, i) => [s.id,
    h('path', { class: `ll-line${s.dashed ? ' ll-dashed' : ''}`, stroke: colourOf(s, i), 'data-series': s.id })]));
  frame.area.append(...paths.values());
  const names = h('g', { class: 'll-end-labels' });
  frame.overlay.append(names);
  if (legend) {
    frame.element.append(h('ul', { class: 'll-legend' }, series.map((s, i) =>
      h('li', {}, h('span', { class: `ll-swatch${s.dashed ? ' ll-dashed' : ''}`, 'aria-hidden': 'true',
        style: `border-color:${colourOf(s, i)}` }), s.label))));
  }
  const bySeries = new Map(series.map((s, i) => [s.id, { ...s, colour: colourOf(s, i) }]));
  let last = { lines: {}, points: [] };
  const endNames = new Map();

  function drawLines(lines) {
    const [yMin, yMax] = frame.y.domain();
    const span = Math.abs(yMax - yMin) || 1;
    // Far-off values are clamped so SVG never receives Infinity; the clip path hides what lies beyond the axes.
    const lo = Math.min(yMin, yMax) - 10 * span, hi = Math.max(yMin, yMax) + 10 * span;
    const ends = [];
    // A path is regenerated only when its data (the same object = unchanged) or the scales changed.
    const scalesKey = `${frame.x.domain()}|${frame.y.domain()}|${frame.x.range()}|${frame.y.range()}`;
    for (const [id, data] of Object.entries(lines)) {
      const path = paths.get(id);
      if (!path) continue;
      const ok = (i) => Number.isFinite(data.y[i]) && (frame.y.domain()[0] > 0 ? data.y[i] > 0 : true);
      if (path.llData !== data || path.llScales !== scalesKey) {
        path.llData = data;
        path.llScales = scalesKey;
        const generator = line().defined((_, i) => ok(i))
          .x((_, i) => frame.x(data.x[i])).y((_, i) => frame.y(Math.max(lo, Math.min(hi, data.y[i]))));
        path.setAttribute('d', generator(Array.from({ length: data.x.length })) ?? '');
      }
      if (endLabels) {
        const [x0, x1] = frame.x.domain();
        for (let i = data.x.length - 1; i >= 0; i--) {
          const inside = data.x[i] >= Math.min(x0, x1) && data.x[i] <= Math.max(x0, x1);
          if (inside && ok(i)) {
            ends.push({ id, py: frame.place(data.x[i], data.y[i]).py });
            break;
          }
        }
      }
    }
    // Names at the right end, nudged apart so two lines ending close together stay readable.
    ends.sort((a, b) => a.py - b.py);
    for (let i = 1; i < ends.length; i++) ends[i].py = Math.max(ends[i].py, ends[i - 1].py + END_LABEL_GAP);
    const overflow = ends.length ? ends.at(-1).py - (frame.bounds.bottom - 4) : 0;
    if (overflow > 0) for (const e of ends) e.py -= overflow;
    // One name per series, kept from draw to draw (only moved); a series' name is made when it first has an end.
    const texts = ends.map((e) => {
      const s = bySeries.get(e.id);
      const text = endNames.get(e.id) ?? endNames.set(e.id, h('text', { class: 'll-label ll-end-label', 'text-anchor': 'end',
        fill: s.colour, text: s.label })).get(e.id);
      setAttributes(text, { x: frame.bounds.right - 4, y: Math.max(frame.bounds.top + 11, e.py - 5) });
      return text;
    });
    if (texts.length !== names.children.length || texts.some((t, i) => names.children[i] !== t)) names.replaceChildren(...texts);
  }

  function draw({ lines, points }) {
    drawLines(lines);
    frame.markers('points', points.map((p) => ({ ...p, colour: bySeries.get(p.series)?.colour })));
  }

  frame.onResize(() => draw(last));
  frame.setData(() => Object.entries(last.lines).flatMap(([id, data]) =>
    Array.from(data.x, (xv, i) => ({ series: bySeries.get(id)?.label ?? id, x: xv, y: data.y[i] }))));

  return {
    element: frame.element,
    frame,
    /**
     * @param {{lines?: Object<string, {x: ArrayLike<number>, y: ArrayLike<number>}>,
     *          points?: {series: string, x: number, y: number, label?: string}[],
     *          xDomain?: number[], yDomain?: number[]}} data
     * Lines not named keep what they showed before.
     */
    update({ lines = {}, points = [], xDomain, yDomain }) {
      frame.setDomains({ x: xDomain, y: yDomain });
      last = { lines: { ...last.lines, ...lines }, points };
      draw(last);
    },
  };
}
