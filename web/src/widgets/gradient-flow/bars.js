// Per-layer gradient norms of both networks as a small grouped bar chart on a log axis (the shared plot frame):
// one group per layer, first layer on the left, one bar per loss in its colour. The axis snaps outward to whole
// decades and changes only when a value crosses one. Bars are updated in place.
import { h } from '../shared/dom.js';
import { conceptColor } from '../../plot/palette.js';
import { createPlotFrame } from '../../plot/frame.js';
import { decadeTick } from './scale.js';

const FLOOR = 1e-30;

export function layerNames(layers) {
  return Array.from({ length: layers }, (_, l) => (l === layers - 1 ? 'out' : String(l + 1)));
}

export function createBars(losses) {
  const frame = createPlotFrame({
    description: 'Gradient norm of each layer', xLabel: 'layer (first on the left)', yLabel: 'gradient norm',
    xScale: 'band', xDomain: ['1', 'out'], yScale: 'log', yDomain: [1e-4, 1], height: 230, yTicks: 4,
    yFormat: decadeTick,
  });
  frame.element.classList.add('gf-bars');
  const group = h('g', { class: 'gf-bar-rects' });
  frame.area.append(group);
  let rects = [];
  let last = null;

  function draw() {
    if (!last) return;
    const { names, values } = last;
    const band = frame.x.bandwidth();
    const inner = band / losses.length;
    const bottom = frame.bounds.bottom;
    losses.forEach((loss, si) => names.forEach((name, ci) => {
      const rect = rects[si * names.length + ci];
      const v = values[loss.id][ci];
      const top = v > 0 && Number.isFinite(v) ? frame.y(Math.max(frame.y.domain()[0], Math.min(frame.y.domain()[1], v))) : bottom;
      rect.setAttribute('x', frame.x(name) + si * inner + 1);
      rect.setAttribute('width', Math.max(1, inner - 2));
      rect.setAttribute('y', Math.min(top, bottom - 1));
      rect.setAttribute('height', Math.max(1, bottom - top));
    }));
  }
  frame.onResize(draw);

  return {
    element: frame.element,
    /** values: { [loss id]: per-layer norms } */
    update(values, description) {
      const layers = values[losses[0].id].length;
      const names = layerNames(layers);
      if (rects.length !== layers * losses.length) {
        rects = losses.flatMap((loss) => names.map(() => h('rect', { class: 'gf-bar', 'data-loss': loss.id,
          fill: conceptColor(loss.id) })));
        group.replaceChildren(...rects);
      }
      const all = losses.flatMap((l) => Array.from(values[l.id])).filter((v) => v > 0 && Number.isFinite(v));
      const lo = all.length ? Math.max(FLOOR, 10 ** (Math.floor(Math.log10(Math.min(...all))) - 1)) : 1e-4;
      let hi = all.length ? 10 ** Math.ceil(Math.log10(Math.max(...all))) : 1;
      if (hi <= lo) hi = lo * 10;
      frame.setDomains({ x: names, y: [lo, hi] });
      if (frame.svg.getAttribute('aria-label') !== description) frame.svg.setAttribute('aria-label', description);
      last = { names, values };
      draw();
    },
  };
}
