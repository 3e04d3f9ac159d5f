// The training points on the shared plot frame, coloured by class. Clicking a point picks it as the example (the
// Example select does the same from the keyboard); the chosen point gets a ring, and the point the MSE network now
// gets most confidently wrong is marked with a label. Circles are built once and only restyled.
import { h } from '../shared/dom.js';
import { conceptColor } from '../../plot/palette.js';
import { createPlotFrame } from '../../plot/frame.js';

export function createPointsPlot({ x, y, extent, onPick }) {
  const count = y.length;
  const frame = createPlotFrame({
    description: `The ${count} training points (two moons), coloured by class`,
    xLabel: 'x₁', yLabel: 'x₂', xDomain: [extent[0], extent[1]], yDomain: [extent[2], extent[3]], height: 230,
    xTicks: 4, yTicks: 4,
  });
  frame.element.classList.add('gf-points');
  const circles = Array.from({ length: count }, (_, i) => h('circle', {
    class: 'gf-point', r: 4.5, fill: conceptColor(y[i] === 1 ? 'class-1' : 'class-0'), 'data-index': i,
    onclick: () => onPick(i),
  }));
  const ring = h('circle', { class: 'gf-chosen', r: 9, fill: 'none' });
  const wrongRing = h('circle', { class: 'gf-wrong', r: 8, fill: 'none' });
  const wrongLabel = h('text', { class: 'll-label gf-wrong-label' });
  frame.overlay.append(...circles, wrongRing, ring, wrongLabel);
  let chosen = -1;
  let wrong = null;
  const textWidths = new Map(); // per label text: its width, measured once (a layout read)

  // The points never move; they are placed again only when the frame's size changed (placedFor).
  let placedFor = '';
  const set = (node, k, v) => {
    if (node.getAttribute(k) !== String(v)) node.setAttribute(k, v);
  };
  function draw() {
    const size = `${frame.size.width}|${frame.bounds.left}|${frame.bounds.right}|${frame.bounds.top}|${frame.bounds.bottom}`;
    if (size !== placedFor) {
      placedFor = size;
      circles.forEach((c, i) => {
        const { px, py } = frame.place(x[2 * i], x[2 * i + 1]);
        c.setAttribute('cx', px);
        c.setAttribute('cy', py);
      });
    }
    ring.style.display = chosen >= 0 ? '' : 'none';
    if (chosen >= 0) {
      const { px, py } = frame.place(x[2 * chosen], x[2 * chosen + 1]);
      set(ring, 'cx', px);
      set(ring, 'cy', py);
    }
    const show = wrong !== null;
    wrongRing.style.display = show ? '' : 'none';
    wrongLabel.style.display = show ? '' : 'none';
    if (show) {
      const { px, py } = frame.place(x[2 * wrong.index], x[2 * wrong.index + 1]);
      set(wrongRing, 'cx', px);
      set(wrongRing, 'cy', py);
      // Beside the point on whichever side has room for the text, else centred above or below it. Each text's
      // width is measured once (a layout read), not per frame nor each time the label switches between texts.
      if (wrongLabel.textContent !== wrong.text) wrongLabel.textContent = wrong.text;
      let w = textWidths.get(wrong.text);
      if (!w) {
        w = wrongLabel.getComputedTextLength?.() || 0;
        if (w) textWidths.set(wrong.text, w);
        else w = 110;
      }
      const side = px + 12 + w <= frame.size.width - 2 ? 'start' : px - 12 - w >= 2 ? 'end' : 'middle';
      set(wrongLabel, 'text-anchor', side);
      set(wrongLabel, 'x', side === 'start' ? px + 12 : side === 'end' ? px - 12
        : Math.min(frame.size.width - 2 - w / 2, Math.max(2 + w / 2, px)));
      set(wrongLabel, 'y', py > frame.bounds.top + 24 ? py - 12 : py + 22);
    }
  }
  frame.onResize(draw);

  return {
    element: frame.element,
    /** chosen: index or -1; wrongPoint: null | { index, text } */
    update(nextChosen, wrongPoint, description) {
      chosen = nextChosen;
      wrong = wrongPoint;
      if (frame.svg.getAttribute('aria-label') !== description) frame.svg.setAttribute('aria-label', description);
      draw();
    },
  };
}
