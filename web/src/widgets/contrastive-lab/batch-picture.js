// The InfoNCE batch on the unit circle: anchor i as a filled dot and its positive i as a ring in the same class
// colour, joined by a thin line, both numbered. Every point can be dragged round the circle (d3-drag, pointer and
// touch) or moved by keyboard: each is a focusable slider (arrows 1 degree, Page Up/Down 15, Home/End).
import { drag } from 'd3-drag';
import { select } from 'd3-selection';
import { conceptColor } from '../../plot/palette.js';
import { h } from '../shared/dom.js';
import { createCircleFrame } from './circle-frame.js';
import { BATCH, onCircle, wrapDegrees } from './state.js';

const KEYS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 15, PageDown: -15 };

/** @param {(index: number, role: 'anchor'|'positive', degrees: number) => void} onMove
 *  @param {(index: number, role: 'anchor'|'positive') => number} current  the angle in the widget's state now (keys
 *  pressed faster than frames must add up, so they read the state, not the last drawn picture) */
export function createBatchPicture(onMove, current) {
  const frame = createCircleFrame('The InfoNCE batch on the unit circle: four anchors (filled dots) and their '
    + 'positives (rings with the same number and colour), each pair joined by a line. Drag a point, or focus it and '
    + 'use the arrow keys.', 'cl-batch', 'group');
  const { svg, x, y } = frame;
  let angles = null;
  const handle = (i, role) => {
    const colour = conceptColor(`class-${i}`);
    const dot = h('circle', { r: 7, class: role === 'anchor' ? 'cl-dot' : 'cl-ring', fill: role === 'anchor' ? colour : undefined,
      stroke: role === 'anchor' ? undefined : colour });
    const name = `${role === 'anchor' ? 'Anchor' : 'Positive'} ${i + 1} angle`;
    const group = h('g', { class: 'cl-handle', tabindex: 0, role: 'slider', 'aria-label': name, 'aria-valuemin': 0,
      'aria-valuemax': 359, 'data-role': `${role}-${i + 1}` }, h('circle', { r: 16, class: 'cl-hit' }), dot);
    const angleNow = () => current(i, role);
    select(group).call(drag().container(svg)
      .on('start', () => group.classList.add('is-dragging'))
      .on('drag', (event) => onMove(i, role, wrapDegrees((Math.atan2(y.invert(event.y), x.invert(event.x)) * 180) / Math.PI)))
      .on('end', () => group.classList.remove('is-dragging')));
    group.addEventListener('keydown', (event) => {
      let next = null;
      if (event.key in KEYS) next = angleNow() + KEYS[event.key];
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = 359;
      if (next === null) return;
      event.preventDefault();
      onMove(i, role, wrapDegrees(next));
    });
    return group;
  };
  const pairs = Array.from({ length: BATCH }, (_, i) => {
    const link = h('line', { class: 'cl-link', stroke: conceptColor(`class-${i}`) });
    const label = h('text', { class: 'll-label cl-point-label', 'text-anchor': 'middle', dy: '0.35em', text: String(i + 1) });
    return { link, label, anchor: handle(i, 'anchor'), positive: handle(i, 'positive') };
  });
  svg.append(...pairs.map((p) => p.link), ...pairs.map((p) => p.label), ...pairs.flatMap((p) => [p.positive, p.anchor]));

  function draw() {
    if (!angles) return;
    pairs.forEach((pair, i) => {
      const a = onCircle(angles.anchors[i]);
      const b = onCircle(angles.positives[i]);
      pair.anchor.setAttribute('transform', `translate(${x(a[0]).toFixed(2)},${y(a[1]).toFixed(2)})`);
      pair.positive.setAttribute('transform', `translate(${x(b[0]).toFixed(2)},${y(b[1]).toFixed(2)})`);
      for (const [el, deg] of [[pair.anchor, angles.anchors[i]], [pair.positive, angles.positives[i]]]) {
        el.setAttribute('aria-valuenow', deg);
        el.setAttribute('aria-valuetext', `${deg}°`);
      }
      for (const [k, v] of Object.entries({ x1: x(a[0]), y1: y(a[1]), x2: x(b[0]), y2: y(b[1]) })) pair.link.setAttribute(k, v);
      // The number sits just outside the circle, between the pair.
      const mid = onCircle(angles.anchors[i] + (((angles.positives[i] - angles.anchors[i] + 540) % 360) - 180) / 2);
      pair.label.setAttribute('x', x(1.2 * mid[0]));
      pair.label.setAttribute('y', y(1.2 * mid[1]));
    });
  }
  frame.onResize(draw);

  return {
    element: frame.figure,
    /** @param {{ anchors: number[], positives: number[] }} next  degrees */
    update(next) {
      angles = next;
      draw();
    },
  };
}
