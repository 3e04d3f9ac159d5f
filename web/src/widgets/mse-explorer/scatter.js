// The scatter of the MSE explorer: points, the reader's line with two handles, each residual drawn as a square of
// side |residual| (its area is the squared error: both axes use the same px per unit), and optional fitted lines.
// The SVG is drawn at its container's real pixel width and kept square, so text is the type scale's px everywhere.
// Handles and data points are focusable SVG circles with role="slider": a pointer drag (d3-drag) or the arrow keys
// move them. Nodes are created once per point and updated in place, so a drag never loses its element.
import { axisBottom, axisLeft } from 'd3-axis';
import { drag } from 'd3-drag';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { conceptColor } from '../../plot/palette.js';
import { h, setAttributes } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';

const MARGIN = { top: 10, right: 12, bottom: 40, left: 40 };
const MAX_SIDE = 440;
const POINT_STEP = 0.1; // arrow keys on a data point

/** "y = 0.5x − 1.2" with the page's number format. */
export function lineEquation(slope, intercept) {
  const sign = intercept < 0 ? '−' : '+';
  return `y = ${formatNumber(slope, 3)}x ${sign} ${formatNumber(Math.abs(intercept), 3)}`;
}

/**
 * @param {object} o
 * @param {string} o.description  the SVG's accessible name
 * @param {number[]} o.xDomain, o.yDomain  equal spans
 * @param {number[]} o.handleX  x of the left and right handle
 * @param {number[]} o.handleRange  [min, max] of a handle's value
 * @param {number} o.handleStep  arrow-key step
 * @param {(index: number) => number} o.handleValue  a handle's value in the latest state
 * @param {(index: number, value: number) => void} o.onHandle  a handle was moved to `value` (y at its x)
 * @param {(index: number) => {x: number, y: number}} o.pointValue  a data point in the latest state
 * @param {(index: number, point: {x: number, y: number}, done: boolean) => void} o.onPoint  a point was moved
 */
export function createScatter({ description, xDomain, yDomain, handleX, handleRange, handleStep, handleValue, onHandle,
  pointValue, onPoint }) {
  const x = scaleLinear().domain(xDomain);
  const y = scaleLinear().domain(yDomain);
  const clipId = `mse-clip-${Math.random().toString(36).slice(2, 8)}`;
  const clipRect = h('rect');
  const xAxis = h('g', { class: 'll-axis' });
  const yAxis = h('g', { class: 'll-axis' });
  const zeroX = h('line', { class: 'll-zero' });
  const zeroY = h('line', { class: 'll-zero' });
  const xTitle = h('text', { class: 'll-axis-title', 'text-anchor': 'middle', text: 'x' });
  const yTitle = h('text', { class: 'll-axis-title', 'text-anchor': 'middle', text: 'y' });
  const squares = h('g', { class: 'mse-squares' });
  const fitLines = h('g', { class: 'mse-fits' });
  const mainLine = h('line', { class: 'mse-line' });
  const dots = h('g', { class: 'mse-points' });
  const handles = handleX.map((hx, index) => ({ hx, circle: h('circle', {
    class: 'mse-handle', r: 10, tabindex: 0, role: 'slider', 'aria-label': index === 0 ? 'Left handle' : 'Right handle',
    'aria-orientation': 'vertical', 'aria-valuemin': handleRange[0], 'aria-valuemax': handleRange[1] }) }));
  // role=group, not img: an img's children are presentational, and the handles and points must stay reachable.
  const svg = h('svg', { role: 'group', 'aria-label': description },
    h('defs', {}, h('clipPath', { id: clipId }, clipRect)), xAxis, yAxis, zeroX, zeroY,
    h('g', { 'clip-path': `url(#${clipId})` }, squares, fitLines, mainLine), dots,
    handles.map((hd) => hd.circle), xTitle, yTitle);
  const legend = h('ul', { class: 'll-legend mse-legend' });
  const figure = h('figure', { class: 'll-plot mse-scatter' }, svg, legend);

  const clampHandle = (v) => Math.min(handleRange[1], Math.max(handleRange[0], v));
  const snap = (v, step) => Math.round(v / step) * step;
  const keySteps = (step, current, [lo, hi]) => ({
    ArrowUp: current + step, ArrowRight: current + step, ArrowDown: current - step, ArrowLeft: current - step,
    PageUp: current + 1, PageDown: current - 1, Home: lo, End: hi,
  });
  handles.forEach(({ circle }, index) => {
    circle.addEventListener('keydown', (event) => {
      const moves = keySteps(handleStep, handleValue(index), handleRange);
      if (!(event.key in moves)) return;
      event.preventDefault();
      // Snap to the step so repeated presses land on 0.3, not on 0.30000000000000004 (divide, not multiply).
      const perUnit = Math.round(1 / handleStep);
      onHandle(index, clampHandle(Math.round(moves[event.key] * perUnit) / perUnit));
    });
    circle.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      circle.setPointerCapture(event.pointerId);
      circle.focus();
    });
    circle.addEventListener('pointermove', (event) => {
      if (!circle.hasPointerCapture(event.pointerId)) return;
      const [, py] = pointerIn(event);
      onHandle(index, Math.min(yDomain[1], Math.max(yDomain[0], y.invert(py)))); // a drag stays inside the plot
    });
    const release = (event) => {
      if (circle.hasPointerCapture(event.pointerId)) circle.releasePointerCapture(event.pointerId);
    };
    circle.addEventListener('pointerup', release);
    circle.addEventListener('pointercancel', release);
  });

  function pointerIn(event) {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(svg.getScreenCTM().inverse());
    return [local.x, local.y];
  }

  const clampX = (v) => Math.min(xDomain[1], Math.max(xDomain[0], v));
  const clampY = (v) => Math.min(yDomain[1], Math.max(yDomain[0], v));
  const pointNodes = []; // { circle, square } per data point, created once per index

  function pointNode(index) {
    if (pointNodes[index]) return pointNodes[index];
    const circle = h('circle', { class: 'mse-point', tabindex: 0, role: 'slider', 'aria-orientation': 'vertical',
      'aria-label': `Data point ${index + 1}`, 'aria-valuemin': yDomain[0], 'aria-valuemax': yDomain[1] });
    const square = h('rect', { class: 'mse-square' });
    circle.addEventListener('keydown', (event) => {
      const p = pointValue(index);
      const vertical = { ArrowUp: POINT_STEP, ArrowDown: -POINT_STEP, PageUp: 1, PageDown: -1 };
      const horizontal = { ArrowRight: POINT_STEP, ArrowLeft: -POINT_STEP };
      if (!(event.key in vertical) && !(event.key in horizontal)) return;
      event.preventDefault();
      const next = { x: p.x, y: p.y };
      if (event.key in vertical) next.y = clampY(snap(p.y + vertical[event.key], POINT_STEP));
      else next.x = clampX(snap(p.x + horizontal[event.key], POINT_STEP));
      onPoint(index, next, true);
    });
    select(circle).call(drag()
      .container(svg)
      .on('start', () => circle.focus())
      .on('drag', (event) => onPoint(index, { x: clampX(x.invert(event.x)), y: clampY(y.invert(event.y)) }, false))
      .on('end', (event) => onPoint(index, { x: clampX(x.invert(event.x)), y: clampY(y.invert(event.y)) }, true)));
    pointNodes[index] = { circle, square };
    return pointNodes[index];
  }

  let side = 0;
  let last = null;
  function layout(width) {
    side = Math.max(220, Math.min(MAX_SIDE, Math.round(width)));
    const plot = side - MARGIN.left - MARGIN.right;
    x.range([MARGIN.left, MARGIN.left + plot]);
    y.range([MARGIN.top + plot, MARGIN.top]);
    const height = MARGIN.top + plot + MARGIN.bottom;
    setAttributes(svg, { width: side, height, viewBox: `0 0 ${side} ${height}` });
    setAttributes(clipRect, { x: MARGIN.left, y: MARGIN.top, width: plot, height: plot });
    xAxis.setAttribute('transform', `translate(0,${MARGIN.top + plot})`);
    yAxis.setAttribute('transform', `translate(${MARGIN.left},0)`);
    select(xAxis).call(axisBottom(x).ticks(6));
    select(yAxis).call(axisLeft(y).ticks(6));
    for (const text of svg.querySelectorAll('.ll-axis text')) text.setAttribute('class', 'll-tick');
    setAttributes(zeroX, { x1: x(0), x2: x(0), y1: y(yDomain[0]), y2: y(yDomain[1]) });
    setAttributes(zeroY, { x1: x(xDomain[0]), x2: x(xDomain[1]), y1: y(0), y2: y(0) });
    setAttributes(xTitle, { x: MARGIN.left + plot / 2, y: height - 6 });
    setAttributes(yTitle, { x: 12, y: MARGIN.top + plot / 2 });
  }
  layout(MAX_SIDE);
  new ResizeObserver((entries) => {
    const width = entries[0].contentRect.width;
    if (width > 0 && Math.max(220, Math.min(MAX_SIDE, Math.round(width))) !== side) {
      layout(width);
      if (last) draw(last);
    }
  }).observe(figure);

  function lineEnds(slope, intercept) {
    const [x0, x1] = xDomain;
    return { x1: x(x0), y1: y(slope * x0 + intercept), x2: x(x1), y2: y(slope * x1 + intercept) };
  }

  let legendKey = '';
  function draw({ points, outlierIndex, predicted, slope, intercept, fits }) {
    setAttributes(mainLine, lineEnds(slope, intercept));
    const unit = x(1) - x(0);
    const n = points.x.length;
    for (let i = 0; i < n; i++) {
      const { circle, square } = pointNode(i);
      const px = points.x[i];
      const py = points.y[i];
      const residual = py - predicted[i];
      const sideLength = Math.abs(residual);
      // Grow the square towards the middle of the plot so it stays in view.
      const left = px > 0 ? px - sideLength : px;
      const outlier = i === outlierIndex;
      square.setAttribute('class', `mse-square${outlier ? ' is-outlier' : ''}`);
      setAttributes(square, { x: x(left), y: y(Math.max(py, predicted[i])), width: sideLength * unit, height: sideLength * unit });
      // A point beyond the axes (another seed's far point) is drawn pinned at the plot's edge, hollow.
      const pinned = clampX(px) !== px || clampY(py) !== py;
      circle.setAttribute('class', `mse-point${outlier ? ' is-outlier' : ''}${pinned ? ' is-pinned' : ''}`);
      setAttributes(circle, { cx: x(clampX(px)), cy: y(clampY(py)), r: outlier ? 7 : 6, 'aria-valuenow': py, 'data-x': px, 'data-y': py,
        'aria-valuetext': `x = ${formatNumber(px, 3)}, y = ${formatNumber(py, 3)}, residual ${formatNumber(residual, 3)}` });
      if (!circle.isConnected) {
        squares.append(square);
        dots.append(circle);
      }
    }
    for (let i = n; i < pointNodes.length; i++) {
      pointNodes[i].circle.remove();
      pointNodes[i].square.remove();
    }
    const fitKey = fits.map((f) => `${f.id}:${f.slope}:${f.intercept}`).join('|');
    if (fitLines.dataset.key !== fitKey) {
      fitLines.dataset.key = fitKey;
      fitLines.replaceChildren(...fits.map((f) => h('line', { class: 'll-line ll-dashed mse-fit', stroke: conceptColor(f.concept),
        ...lineEnds(f.slope, f.intercept) })));
    } else {
      fits.forEach((f, i) => setAttributes(fitLines.children[i], lineEnds(f.slope, f.intercept)));
    }
    for (const handle of handles) {
      const value = slope * handle.hx + intercept;
      const shown = Math.min(yDomain[1], Math.max(yDomain[0], value));
      setAttributes(handle.circle, { cx: x(handle.hx), cy: y(shown), 'aria-valuenow': value,
        'aria-valuetext': `y = ${formatNumber(value, 4)} at x = ${handle.hx}` });
      handle.circle.classList.toggle('is-off-plot', shown !== value);
    }

    const items = [
      { swatch: 'mse-swatch-line', text: `Your line: ${lineEquation(slope, intercept)}` },
      { swatch: 'mse-swatch-square', text: 'Squared residuals (area = error²)' },
      ...fits.map((f) => ({ colour: conceptColor(f.concept), text: `${f.label}: ${lineEquation(f.slope, f.intercept)}`, fit: f })),
    ];
    const key = items.map((i) => i.text).join('|');
    if (key === legendKey) return;
    legendKey = key;
    legend.replaceChildren(...items.map((item) => {
      const swatch = item.colour
        ? h('span', { class: 'll-swatch ll-dashed', 'aria-hidden': 'true', style: `border-color:${item.colour}` })
        : h('span', { class: `ll-swatch ${item.swatch}`, 'aria-hidden': 'true' });
      const li = h('li', {}, swatch, item.text);
      if (item.fit) Object.assign(li.dataset, { fit: item.fit.id, slope: String(item.fit.slope), intercept: String(item.fit.intercept) });
      return li;
    }));
  }

  return {
    element: figure,
    update(d) {
      last = d;
      draw(d);
    },
  };
}
