// The parameter plot of the MSE explorer: filled loss contours of MSE over (slope, intercept) on the shared plot
// frame (d3-contour over a grid the core computed), the descent path of Fit, and the current line as a marked point
// with its MSE written beside it. Contours are rebuilt only when the data change; the point moves every frame.
import { contours as d3Contours } from 'd3-contour';
import { line } from 'd3-shape';
import { createPlotFrame } from '../../plot/frame.js';
import { conceptColor } from '../../plot/palette.js';
import { h } from '../shared/dom.js';

const LEVELS = 10;

/** Geometric thresholds from just above the grid's minimum to its maximum: equal steps in log MSE. */
function thresholds(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const base = Math.max(lo, 1e-6);
  const ratio = (hi / base) ** (1 / LEVELS);
  return Array.from({ length: LEVELS }, (_, i) => base * ratio ** (i + 0.5));
}

export function createContourPlot({ description, slopeRange, interceptRange, n }) {
  const frame = createPlotFrame({ description, xLabel: 'slope', yLabel: 'intercept', xDomain: slopeRange,
    yDomain: interceptRange, height: 280 });
  frame.element.classList.add('mse-contours');
  const bands = h('g', { class: 'mse-bands' });
  const path = h('path', { class: 'll-line mse-path', stroke: conceptColor('path') });
  frame.area.prepend(bands);
  frame.area.append(path);
  let grid = null;
  let levels = [];
  let pathData = null;

  const toSlope = (c) => slopeRange[0] + ((c - 0.5) * (slopeRange[1] - slopeRange[0])) / (n - 1);
  const toIntercept = (c) => interceptRange[0] + ((c - 0.5) * (interceptRange[1] - interceptRange[0])) / (n - 1);

  function ringPath(ring) {
    return ring.map(([cx, cy], i) => `${i ? 'L' : 'M'}${frame.x(toSlope(cx)).toFixed(1)},${frame.y(toIntercept(cy)).toFixed(1)}`).join('') + 'Z';
  }

  function drawBands() {
    if (!grid) return;
    const shapes = d3Contours().size([n, n]).thresholds(levels)(grid);
    // Nested regions of MSE below each level, each a light wash: the valley is darkest.
    bands.replaceChildren(...shapes.map((shape, i) => h('path', {
      class: 'mse-band', d: shape.coordinates.map((polygon) => polygon.map(ringPath).join('')).join(''),
      'fill-opacity': i === 0 ? 0 : 0.07, 'data-level': shape.value,
    })).reverse());
  }

  function drawPath() {
    const generator = line().x((d) => frame.x(d[0])).y((d) => frame.y(d[1]));
    path.setAttribute('d', pathData && pathData.length > 1 ? generator(pathData) : '');
  }

  let current = null;
  const drawCurrent = () => current && frame.markers('current', [current]);
  frame.onResize(() => {
    drawBands();
    drawPath();
    drawCurrent();
  });

  return {
    element: frame.element,
    frame,
    /** New data: the n x n MSE grid (row-major, slope along a row). */
    setGrid(values) {
      grid = values;
      levels = thresholds(values);
      drawBands();
    },
    /** The descent path as [[slope, intercept], ...] (or null), and the current point with its label. */
    update({ path: points, slope, intercept, label }) {
      if (points !== pathData) {
        pathData = points;
        drawPath();
      }
      current = { x: slope, y: intercept, concept: 'prediction', label };
      drawCurrent();
    },
  };
}
