// The triplet picture: anchor, positive and negative on the unit circle, the two distances as labelled segments, the
// p-norm ball of radius d(a, p) + margin around the anchor (the negative must lie outside it for zero loss; the
// picture widens so the ball is never clipped), and the step an optimiser would take on the anchor, -grad. Points
// can be dragged (pointer); the angle sliders are the keyboard path, so the picture itself is an image.
import { conceptColor } from '../../plot/palette.js';
import { figureNumber } from '../../plot/frame.js';
import { h } from '../shared/dom.js';
import { createCircleFrame, EXTENT } from './circle-frame.js';

// Anchor and positive share a class (one colour: dot and ring), the negative is another class.
const ROLES = [
  { id: 'anchor', letter: 'a', concept: 'class-0', ring: false },
  { id: 'positive', letter: 'p', concept: 'class-0', ring: true },
  { id: 'negative', letter: 'n', concept: 'class-1', ring: false },
];
const BALL_POINTS = 180;
// Arrow length in data units: 0.15 (clear of the dot) + 0.4 per unit of gradient norm, at most 0.8.
const ARROW_BASE = 0.15;
const ARROW_SCALE = 0.4;
const BALL_ROOM = 0.1; // data units between the ball and the picture's edge

/** Points of the p-norm circle |x|^p + |y|^p = r^p around (cx, cy), as an SVG path in screen units. */
function ballPath(x, y, [cx, cy], r, p) {
  let d = '';
  for (let k = 0; k <= BALL_POINTS; k++) {
    const t = (2 * Math.PI * k) / BALL_POINTS;
    const c = Math.cos(t);
    const s = Math.sin(t);
    const px = cx + r * Math.sign(c) * Math.abs(c) ** (2 / p);
    const py = cy + r * Math.sign(s) * Math.abs(s) ** (2 / p);
    d += `${k ? 'L' : 'M'}${x(px).toFixed(2)},${y(py).toFixed(2)}`;
  }
  return `${d}Z`;
}

/** The square view that holds the unit circle (with room for its letters) and the ball around `a` of radius r (a
 *  p-ball reaches r along each axis, whatever p). */
export function viewFor(a, r) {
  const x0 = Math.min(-EXTENT, a[0] - r - BALL_ROOM);
  const x1 = Math.max(EXTENT, a[0] + r + BALL_ROOM);
  const y0 = Math.min(-EXTENT, a[1] - r - BALL_ROOM);
  const y1 = Math.max(EXTENT, a[1] + r + BALL_ROOM);
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, half: Math.max(x1 - x0, y1 - y0) / 2 };
}

/** @param {(role: string, degrees: number) => void} onDrag  called with the pointer's angle while dragging */
export function createTripletPicture(onDrag) {
  const frame = createCircleFrame('The unit circle with the anchor a, the positive p and the negative n. Labelled '
    + 'segments show the distances d(a, p) and d(a, n); the dashed outline is the set of points at distance d(a, p) '
    + '+ margin from the anchor in the chosen p-norm: the loss is zero once the negative lies outside it. The arrow '
    + 'on the anchor points along minus the gradient of the triplet loss.', 'cl-triplet');
  const { svg, x, y } = frame;
  const ball = h('path', { class: 'cl-ball' });
  const segments = {
    positive: h('line', { class: 'cl-segment', stroke: conceptColor('class-0') }),
    negative: h('line', { class: 'cl-segment', stroke: conceptColor('class-1') }),
  };
  const distanceLabels = {
    positive: h('text', { class: 'll-label', fill: conceptColor('class-0'), 'text-anchor': 'middle' }),
    negative: h('text', { class: 'll-label', fill: conceptColor('class-1'), 'text-anchor': 'middle' }),
  };
  const markerId = `cl-arrowhead-${Math.random().toString(36).slice(2, 8)}`; // unique per instance
  const defs = h('defs', {}, h('marker', { id: markerId, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 6,
    markerHeight: 6, orient: 'auto-start-reverse' }, h('path', { d: 'M0,0L10,5L0,10Z', class: 'cl-arrowhead' })));
  const arrow = h('line', { class: 'cl-arrow', 'marker-end': `url(#${markerId})` });
  const handles = ROLES.map((role) => {
    const colour = conceptColor(role.concept);
    const dot = h('circle', { r: 8, class: role.ring ? 'cl-ring' : 'cl-dot', fill: role.ring ? undefined : colour,
      stroke: role.ring ? colour : undefined });
    const label = h('text', { class: 'll-label cl-point-label', 'text-anchor': 'middle', dy: '0.35em', text: role.letter });
    const group = h('g', { class: 'cl-handle', 'data-role': role.id }, h('circle', { r: 20, class: 'cl-hit' }), dot, label);
    group.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      group.setPointerCapture(event.pointerId);
      group.classList.add('is-dragging');
    });
    group.addEventListener('pointermove', (event) => {
      if (!group.hasPointerCapture(event.pointerId)) return;
      const [px, py] = frame.toData(event);
      onDrag(role.id, (Math.atan2(py, px) * 180) / Math.PI);
    });
    const release = () => group.classList.remove('is-dragging');
    group.addEventListener('pointerup', release);
    group.addEventListener('pointercancel', release);
    return { role, group, label };
  });
  svg.append(defs, ball, segments.positive, segments.negative, arrow, distanceLabels.positive, distanceLabels.negative,
    ...handles.map((handle) => handle.group));
  let last = null;

  function draw() {
    if (!last) return;
    const { points, distancePositive, distanceNegative, margin, p, anchorGradient } = last;
    const a = points.anchor;
    const radius = distancePositive + margin;
    frame.setView(viewFor(a, radius));
    ball.setAttribute('d', ballPath(x, y, a, radius, p));
    // Each distance (3 significant figures) beside its segment's midpoint, 14 px towards the circle's centre (the
    // letters sit outside the circle); the second label steps down if the two would overlap.
    const placed = [];
    const centre = [x(0), y(0)];
    for (const [id, d] of [['positive', distancePositive], ['negative', distanceNegative]]) {
      const to = points[id];
      for (const [k, v] of Object.entries({ x1: x(a[0]), y1: y(a[1]), x2: x(to[0]), y2: y(to[1]) })) segments[id].setAttribute(k, v);
      const mid = [(x(a[0]) + x(to[0])) / 2, (y(a[1]) + y(to[1])) / 2];
      const toward = [centre[0] - mid[0], centre[1] - mid[1]];
      const length = Math.hypot(...toward);
      const unit = length > 20 ? [toward[0] / length, toward[1] / length] : [0, 1];
      // Step further in while the label (about 90 x 14 px) would cover one of the three dots.
      const dots = ['anchor', 'positive', 'negative'].map((k) => [x(points[k][0]), y(points[k][1])]);
      let push = 14;
      const covers = (px, py) => dots.some(([dx, dy]) => Math.abs(dx - px) < 54 && Math.abs(dy - (py - 4)) < 16);
      while (push < 70 && covers(mid[0] + push * unit[0], mid[1] + push * unit[1] + 4)) push += 8;
      const px = mid[0] + push * unit[0];
      let py = mid[1] + push * unit[1] + 4;
      for (const q of placed) if (Math.abs(q[0] - px) < 80 && Math.abs(q[1] - py) < 16) py = q[1] + 16;
      placed.push([px, py]);
      distanceLabels[id].setAttribute('x', px);
      distanceLabels[id].setAttribute('y', py);
      distanceLabels[id].textContent = `d(a, ${id[0]}) ${figureNumber(d)}`;
    }
    const norm = Math.hypot(anchorGradient[0], anchorGradient[1]);
    const length = Math.min(0.8, ARROW_BASE + ARROW_SCALE * norm);
    arrow.style.display = norm > 0 ? '' : 'none'; // zero loss: no gradient, no arrow
    if (norm > 0) {
      const tip = [a[0] - (length * anchorGradient[0]) / norm, a[1] - (length * anchorGradient[1]) / norm];
      for (const [k, v] of Object.entries({ x1: x(a[0]), y1: y(a[1]), x2: x(tip[0]), y2: y(tip[1]) })) arrow.setAttribute(k, v);
    }
    for (const { role, group, label } of handles) {
      const [px, py] = points[role.id];
      group.setAttribute('transform', `translate(${x(px).toFixed(2)},${y(py).toFixed(2)})`);
      // The letter sits outside the circle, away from the dot.
      label.setAttribute('x', (px * 20).toFixed(1));
      label.setAttribute('y', (-py * 20).toFixed(1));
    }
  }
  frame.onResize(draw);

  return {
    element: frame.figure,
    get view() {
      return frame.view;
    },
    /** @param {object} d  computeTriplet's result plus { margin, p } */
    update(d) {
      last = d;
      draw();
    },
  };
}
