// The InfoNCE batch on the unit circle: anchor i as a filled dot and its positive i as a ring in the same colour,
// joined by a thin line, both numbered. It only draws; the angles come from the seeded batch.
import { createCircleFrame, svgElement } from './circle-frame.js';
import { BATCH, onCircle } from './state.js';

export function createBatchPicture() {
  const frame = createCircleFrame('The InfoNCE batch on the unit circle: four anchors (filled dots, numbered 1 to 4) '
    + 'and their positives (rings with the same number and colour), each pair joined by a line.', 'cl-batch');
  const { svg, x, y } = frame;
  const pairs = Array.from({ length: BATCH }, (_, i) => {
    const link = svgElement('line', { class: `cl-link ll-series-${i}` });
    const anchor = svgElement('circle', { r: 7, class: `cl-dot ll-series-${i}` });
    const positive = svgElement('circle', { r: 7, class: `cl-ring ll-series-${i}` });
    const label = svgElement('text', { class: 'cl-point-label', 'text-anchor': 'middle', dy: '0.35em' });
    label.textContent = String(i + 1);
    svg.append(link, anchor, positive, label);
    return { link, anchor, positive, label };
  });
  return {
    element: frame.figure,
    update({ anchors, positives }) {
      pairs.forEach((pair, i) => {
        const a = onCircle(anchors[i]);
        const b = onCircle(positives[i]);
        pair.anchor.setAttribute('cx', x(a[0]));
        pair.anchor.setAttribute('cy', y(a[1]));
        pair.positive.setAttribute('cx', x(b[0]));
        pair.positive.setAttribute('cy', y(b[1]));
        Object.entries({ x1: x(a[0]), y1: y(a[1]), x2: x(b[0]), y2: y(b[1]) })
          .forEach(([k, v]) => pair.link.setAttribute(k, v));
        // The number sits just outside the circle, between the pair.
        const mid = onCircle((anchors[i] + positives[i]) / 2);
        pair.label.setAttribute('x', x(1.2 * mid[0]));
        pair.label.setAttribute('y', y(1.2 * mid[1]));
      });
    },
  };
}
