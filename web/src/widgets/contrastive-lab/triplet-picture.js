// The triplet picture: anchor, positive and negative on the unit circle, the two distances as segments, the
// p-norm ball of radius d(a, p) + margin around the anchor (the negative must lie outside it for zero loss), and
// the step an optimiser would take on the anchor, -grad. Points can be dragged (pointer); the angle sliders are the
// keyboard path, so the picture itself is an image with a description.
import { createCircleFrame, svgElement } from './circle-frame.js';

const ROLES = [
  { id: 'anchor', letter: 'a', series: 0 },
  { id: 'positive', letter: 'p', series: 2 },
  { id: 'negative', letter: 'n', series: 1 },
];
const BALL_POINTS = 180;
// Arrow length in data units: 0.15 (clear of the 8 px dot) + 0.4 per unit of gradient norm, at most 0.8.
const ARROW_BASE = 0.15;
const ARROW_SCALE = 0.4;

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

/** @param {(role: string, degrees: number) => void} onDrag  called with the pointer's angle while dragging */
export function createTripletPicture(onDrag) {
  const frame = createCircleFrame('The unit circle with the anchor a, the positive p and the negative n. Segments '
    + 'show the distances d(a, p) and d(a, n); the dashed outline is the set of points at distance d(a, p) + margin '
    + 'from the anchor in the chosen p-norm: the loss is zero once the negative lies outside it. The arrow on the '
    + 'anchor points along minus the gradient of the triplet loss.', 'cl-triplet');
  const { svg, x, y } = frame;
  const ball = svgElement('path', { class: 'cl-ball' });
  const segments = Object.fromEntries(['positive', 'negative'].map((id) => [id,
    svgElement('line', { class: `cl-segment ll-series-${id === 'positive' ? 2 : 1}` })]));
  const defs = svgElement('defs');
  const markerId = `cl-arrowhead-${Math.random().toString(36).slice(2, 8)}`; // unique per instance
  const marker = svgElement('marker', { id: markerId, viewBox: '0 0 10 10', refX: 8, refY: 5,
    markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(svgElement('path', { d: 'M0,0L10,5L0,10Z', class: 'cl-arrowhead' }));
  defs.append(marker);
  const arrow = svgElement('line', { class: 'cl-arrow', 'marker-end': `url(#${markerId})` });
  const handles = ROLES.map((role) => {
    const group = svgElement('g', { class: `cl-handle ll-series-${role.series}`, 'data-role': role.id });
    const dot = svgElement('circle', { r: 8, class: `cl-dot ll-series-${role.series}` });
    const hit = svgElement('circle', { r: 20, class: 'cl-hit' }); // a finger-sized target
    const label = svgElement('text', { class: 'cl-point-label', 'text-anchor': 'middle', dy: '0.35em' });
    label.textContent = role.letter;
    group.append(hit, dot, label);
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
    return { role, group, dot, hit, label };
  });
  svg.append(defs, ball, segments.positive, segments.negative, arrow, ...handles.map((h) => h.group));

  return {
    element: frame.figure,
    /** @param {object} d  computeTriplet's result plus { margin, p } */
    update({ points, distancePositive, margin, p, anchorGradient }) {
      const a = points.anchor;
      ball.setAttribute('d', ballPath(x, y, a, distancePositive + margin, p));
      for (const id of ['positive', 'negative']) {
        const to = points[id];
        Object.entries({ x1: x(a[0]), y1: y(a[1]), x2: x(to[0]), y2: y(to[1]) })
          .forEach(([k, v]) => segments[id].setAttribute(k, v));
      }
      const norm = Math.hypot(anchorGradient[0], anchorGradient[1]);
      const length = Math.min(0.8, ARROW_BASE + ARROW_SCALE * norm);
      arrow.style.display = norm > 0 ? '' : 'none'; // zero loss: no gradient, no arrow
      if (norm > 0) {
        const tip = [a[0] - (length * anchorGradient[0]) / norm, a[1] - (length * anchorGradient[1]) / norm];
        Object.entries({ x1: x(a[0]), y1: y(a[1]), x2: x(tip[0]), y2: y(tip[1]) })
          .forEach(([k, v]) => arrow.setAttribute(k, v));
      }
      for (const { role, group, label } of handles) {
        const [px, py] = points[role.id];
        group.setAttribute('transform', `translate(${x(px).toFixed(2)},${y(py).toFixed(2)})`);
        // The letter sits outside the circle, away from the dot.
        label.setAttribute('x', (px * 22).toFixed(1));
        label.setAttribute('y', (-py * 22).toFixed(1));
      }
    },
  };
}
