// The shared frame of the lab's two pictures: an SVG drawn at its container's real pixel width (so its labels are
// the type scale's px), equal d3 scales on both axes over [-extent, extent] (the triplet picture widens it so the
// margin ball is never clipped: it frames the union of the circle and the ball), faint axes and the unit circle. onResize callbacks redraw after a width change.
import { scaleLinear } from 'd3-scale';
import { h } from '../shared/dom.js';

export const EXTENT = 1.35; // room outside the unit circle for labels
const MAX_SIZE = 340; // px
const PAD = 4;

/** @param {string} description  the picture's accessible name; @param {string} className  extra class on the figure;
 *  @param {string} role  'img' (a picture) or 'group' (holds focusable handles) */
export function createCircleFrame(description, className, role = 'img') {
  const svg = h('svg', { role, 'aria-label': description, width: 300, height: 300 });
  const axes = h('g', { class: 'cl-axes' }, h('line'), h('line'));
  const circle = h('circle', { class: 'cl-unit' });
  svg.append(axes, circle);
  const figure = h('figure', { class: `ll-plot cl-circle ${className}` }, svg);
  const x = scaleLinear();
  const y = scaleLinear();
  const callbacks = [];
  let size = 300;
  let view = { cx: 0, cy: 0, half: EXTENT };

  function layout() {
    const { cx, cy, half } = view;
    x.domain([cx - half, cx + half]).range([PAD, size - PAD]);
    y.domain([cy - half, cy + half]).range([size - PAD, PAD]);
    const [x0, x1] = x.domain();
    const [y0, y1] = y.domain();
    svg.setAttribute('width', size);
    svg.setAttribute('height', size);
    svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
    const [horizontal, vertical] = axes.children;
    for (const [k, v] of Object.entries({ x1: x(x0), x2: x(x1), y1: y(0), y2: y(0) })) horizontal.setAttribute(k, v);
    for (const [k, v] of Object.entries({ x1: x(0), x2: x(0), y1: y(y0), y2: y(y1) })) vertical.setAttribute(k, v);
    for (const [k, v] of Object.entries({ cx: x(0), cy: y(0), r: x(1) - x(0) })) circle.setAttribute(k, v);
  }
  layout();
  const observer = globalThis.ResizeObserver ? new ResizeObserver((entries) => {
    const width = Math.min(MAX_SIZE, Math.round(entries[0].contentRect.width));
    if (width > 0 && width !== size) {
      size = width;
      layout();
      for (const callback of callbacks) callback();
    }
  }) : null;
  observer?.observe(figure);

  return {
    figure,
    svg,
    x,
    y,
    get view() {
      return view;
    },
    /** Shows the square [cx - half, cx + half] x [cy - half, cy + half] (redraws the axes and the circle; the
     *  caller redraws its marks). */
    setView(next) {
      if (['cx', 'cy', 'half'].every((k) => Math.abs(next[k] - view[k]) < 1e-9)) return;
      view = { ...next };
      layout();
    },
    onResize(callback) {
      callbacks.push(callback);
    },
    /** Data coordinates of a pointer event (through the SVG's current screen transform). */
    toData(event) {
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const local = point.matrixTransform(svg.getScreenCTM().inverse());
      return [x.invert(local.x), y.invert(local.y)];
    },
  };
}
