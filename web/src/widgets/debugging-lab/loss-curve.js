// The loss curve on the shared plot frame: loss against step on a log y axis, drawn only up to the first
// non-finite value, where a vertical marker names the step; the latest loss is a marked point with its value.
// Only draws; an update touches the path and the markers (the axes only when a power-of-ten bound changes).
import { line } from 'd3-shape';
import { createPlotFrame, figureNumber } from '../../plot/frame.js';
import { conceptColor } from '../../plot/palette.js';
import { h } from '../shared/dom.js';

const FLOOR = 1e-8; // losses below this are drawn at it (log axes cannot show 0)
const MIN_STEPS_SHOWN = 20;

// Powers of ten only, so a span of many decades stays readable: plain from 0.001 to 1000, else 1e-8, 1e250.
const power = (v) => {
  const exponent = Math.log10(v);
  if (Math.abs(exponent - Math.round(exponent)) > 1e-9) return '';
  return v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : `1e${Math.round(exponent)}`;
};

export function createLossCurve() {
  const frame = createPlotFrame({ description: 'Training loss against step, on a logarithmic axis; the line stops '
    + 'at the first NaN or Infinity, which is marked with a vertical line and its step.', xLabel: 'step',
  yLabel: 'loss (log scale)', xDomain: [1, MIN_STEPS_SHOWN], yDomain: [0.1, 10], yScale: 'log', height: 240,
  xFormat: (v) => String(Math.round(v)), yFormat: power });
  frame.element.classList.add('dl-loss-curve');
  const path = h('path', { class: 'll-line', stroke: conceptColor('ce') });
  const markerLine = h('line', { class: 'dl-nan-line' });
  const markerText = h('text', { class: 'll-label dl-nan-text' });
  const marker = h('g', { class: 'dl-nan-marker', style: 'display:none' }, markerLine, markerText);
  frame.area.append(path);
  frame.overlay.append(marker);
  let last = { losses: [], stopStep: null };

  function draw({ losses, stopStep }) {
    const steps = losses.length;
    // Drawn: steps before the first non-finite one, plus that step if its loss is still finite (the NaN may
    // appear in the backward pass or the update, after the loss was computed).
    const shown = stopStep ? losses.slice(0, Number.isFinite(losses[stopStep - 1]) ? stopStep : stopStep - 1) : losses;
    const finite = shown.filter(Number.isFinite).map((v) => Math.max(FLOOR, v));
    const lo = finite.length ? 10 ** Math.floor(Math.log10(Math.min(...finite))) : 0.1;
    let hi = finite.length ? 10 ** Math.ceil(Math.log10(Math.max(...finite))) : 10;
    if (hi <= lo) hi = lo * 10;
    frame.setDomains({ x: [1, Math.max(MIN_STEPS_SHOWN, steps)], y: [lo, Math.min(hi, 1e300)] });
    const { x, y } = frame;
    const generator = line().x((_, i) => x(i + 1)).y((v) => y(Math.max(FLOOR, Math.min(1e300, v)))).defined(Number.isFinite);
    path.setAttribute('d', generator(shown) ?? '');
    const lastShown = shown.length - 1;
    frame.markers('latest', lastShown >= 0 && Number.isFinite(shown[lastShown])
      ? [{ x: lastShown + 1, y: Math.max(FLOOR, shown[lastShown]), concept: 'ce', label: figureNumber(shown[lastShown]) }] : []);
    marker.style.display = stopStep ? '' : 'none';
    if (stopStep) {
      const mx = x(stopStep);
      for (const [k, v] of Object.entries({ x1: mx, x2: mx, y1: frame.bounds.top, y2: frame.bounds.bottom })) {
        markerLine.setAttribute(k, v);
      }
      const leftSide = mx > (frame.bounds.left + frame.bounds.right) / 2;
      markerText.setAttribute('x', leftSide ? mx - 6 : mx + 6);
      markerText.setAttribute('y', frame.bounds.bottom - 8); // low, clear of the last loss's label at the top
      markerText.setAttribute('text-anchor', leftSide ? 'end' : 'start');
      markerText.textContent = `first NaN/Inf: step ${stopStep}`;
    }
  }
  frame.onResize(() => draw(last));
  frame.setData(() => last.losses.map((loss, i) => ({ step: i + 1, loss })));

  return {
    element: frame.element,
    /** @param {number[]} losses  every step's loss; @param {number|null} stopStep  the first non-finite step */
    update(losses, stopStep) {
      last = { losses, stopStep };
      draw(last);
    },
  };
}
