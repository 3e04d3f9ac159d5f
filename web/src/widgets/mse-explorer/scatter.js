// The scatter of the MSE explorer: points, the reader's line with two handles, each residual drawn as a square of
// side |residual| (its area is the squared error, since both axes use the same scale), and optional fitted lines.
// The handles are focusable SVG circles with role="slider": pointer drag and arrow keys both move them.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { formatNumber } from '../shared/format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const UNIT = 32; // px per data unit on BOTH axes: squares stay square
const MARGIN = { top: 10, right: 10, bottom: 42, left: 46 };

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

/** "y = 0.5x − 1.2" with the page's number format. */
export function lineEquation(slope, intercept) {
  const sign = intercept < 0 ? '−' : '+';
  return `y = ${formatNumber(slope, 3)}x ${sign} ${formatNumber(Math.abs(intercept), 3)}`;
}

/**
 * @param {object} o
 * @param {string} o.description  SVG <title>
 * @param {number[]} o.xDomain, o.yDomain  equal spans
 * @param {number[]} o.handleX  x of the left and right handle
 * @param {number[]} o.handleRange  [min, max] of a handle's value
 * @param {number} o.handleStep  arrow-key step
 * @param {(index: number) => number} o.handleValue  a handle's value in the latest state (keys pressed faster than
 *   the frame rate must build on each other, not on the last drawn value)
 * @param {(index: number, value: number) => void} o.onHandle  a handle was moved to `value` (y at its x)
 */
export function createScatter({ description, xDomain, yDomain, handleX, handleRange, handleStep, handleValue, onHandle }) {
  const plotWidth = (xDomain[1] - xDomain[0]) * UNIT;
  const plotHeight = (yDomain[1] - yDomain[0]) * UNIT;
  const width = MARGIN.left + plotWidth + MARGIN.right;
  const height = MARGIN.top + plotHeight + MARGIN.bottom;
  const x = scaleLinear().domain(xDomain).range([MARGIN.left, MARGIN.left + plotWidth]);
  const y = scaleLinear().domain(yDomain).range([MARGIN.top + plotHeight, MARGIN.top]);

  const figure = document.createElement('figure');
  figure.className = 'll-plot mse-scatter';
  // role=group, not img: an img's children are presentational, and the handles inside must stay reachable.
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'group' });
  const title = svgElement('title');
  title.textContent = description;
  const clipId = `clip-${Math.random().toString(36).slice(2, 8)}`;
  const clip = svgElement('clipPath', { id: clipId });
  clip.append(svgElement('rect', { x: MARGIN.left, y: MARGIN.top, width: plotWidth, height: plotHeight }));
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${MARGIN.top + plotHeight})` });
  const yAxis = svgElement('g', { class: 'll-axis', transform: `translate(${MARGIN.left},0)` });
  select(xAxis).call(axisBottom(x).ticks(6));
  select(yAxis).call(axisLeft(y).ticks(6));
  const zeros = svgElement('g', { class: 'll-zero-lines' });
  zeros.append(
    svgElement('line', { class: 'll-zero', x1: x(0), x2: x(0), y1: y(yDomain[0]), y2: y(yDomain[1]) }),
    svgElement('line', { class: 'll-zero', x1: x(xDomain[0]), x2: x(xDomain[1]), y1: y(0), y2: y(0) }),
  );
  const xTitle = svgElement('text', { class: 'll-axis-title', x: MARGIN.left + plotWidth / 2, y: height - 6, 'text-anchor': 'middle' });
  xTitle.textContent = 'x';
  const yTitle = svgElement('text', { class: 'll-axis-title', x: 14, y: MARGIN.top + plotHeight / 2, 'text-anchor': 'middle' });
  yTitle.textContent = 'y';
  const clipped = svgElement('g', { 'clip-path': `url(#${clipId})` });
  const squares = svgElement('g', { class: 'mse-squares' });
  const fitLines = svgElement('g', { class: 'mse-fits' });
  const mainLine = svgElement('line', { class: 'mse-line' });
  clipped.append(squares, fitLines, mainLine);
  const dots = svgElement('g', { class: 'mse-points' });
  const handles = handleX.map((hx, index) => {
    const circle = svgElement('circle', {
      class: 'mse-handle', r: 10, tabindex: 0, role: 'slider',
      'aria-label': index === 0 ? 'Left handle' : 'Right handle',
      'aria-orientation': 'vertical', 'aria-valuemin': handleRange[0], 'aria-valuemax': handleRange[1],
    });
    attachHandle(circle, index);
    return { circle, hx };
  });
  svg.append(title, clip, xAxis, yAxis, zeros, clipped, dots, ...handles.map((h) => h.circle), xTitle, yTitle);

  const legend = document.createElement('ul');
  legend.className = 'll-legend mse-legend';
  figure.append(svg, legend);

  const clampHandle = (v) => Math.min(handleRange[1], Math.max(handleRange[0], v));

  function attachHandle(circle, index) {
    circle.addEventListener('keydown', (event) => {
      const current = handleValue(index);
      const moves = {
        ArrowUp: current + handleStep, ArrowRight: current + handleStep,
        ArrowDown: current - handleStep, ArrowLeft: current - handleStep,
        PageUp: current + 1, PageDown: current - 1, Home: handleRange[0], End: handleRange[1],
      };
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
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const local = point.matrixTransform(svg.getScreenCTM().inverse());
      // A drag stays inside the visible plot.
      onHandle(index, Math.min(yDomain[1], Math.max(yDomain[0], y.invert(local.y))));
    });
    const release = (event) => {
      if (circle.hasPointerCapture(event.pointerId)) circle.releasePointerCapture(event.pointerId);
    };
    circle.addEventListener('pointerup', release);
    circle.addEventListener('pointercancel', release);
  }

  function lineEnds(slope, intercept) {
    const [x0, x1] = xDomain;
    return { x1: x(x0), y1: y(slope * x0 + intercept), x2: x(x1), y2: y(slope * x1 + intercept) };
  }

  function setAttributes(el, attributes) {
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  }

  return {
    element: figure,
    /**
     * @param {object} d
     * @param {{x: ArrayLike<number>, y: ArrayLike<number>}} d.points
     * @param {number} d.outlierIndex  index of the outlier point, or -1
     * @param {ArrayLike<number>} d.predicted  the line's prediction at each point
     * @param {number} d.slope, d.intercept  the reader's line
     * @param {{id: string, label: string, series: number, slope: number, intercept: number}[]} d.fits
     */
    update({ points, outlierIndex, predicted, slope, intercept, fits }) {
      setAttributes(mainLine, lineEnds(slope, intercept));
      const boxes = [];
      const circles = [];
      for (let i = 0; i < points.x.length; i++) {
        const px = points.x[i];
        const py = points.y[i];
        const side = Math.abs(py - predicted[i]);
        // Grow the square towards the middle of the plot so it stays in view.
        const left = px > 0 ? px - side : px;
        boxes.push(svgElement('rect', {
          class: `mse-square${i === outlierIndex ? ' is-outlier' : ''}`,
          x: x(left), y: y(Math.max(py, predicted[i])), width: side * UNIT, height: side * UNIT,
        }));
        circles.push(svgElement('circle', { class: `mse-point${i === outlierIndex ? ' is-outlier' : ''}`,
          cx: x(px), cy: y(py), r: i === outlierIndex ? 6 : 4.5 }));
      }
      squares.replaceChildren(...boxes);
      dots.replaceChildren(...circles);
      fitLines.replaceChildren(...fits.map((f) => svgElement('line', {
        class: `ll-line ll-series-${f.series} ll-dashed mse-fit`, ...lineEnds(f.slope, f.intercept),
      })));
      for (const handle of handles) {
        const value = slope * handle.hx + intercept;
        const shown = Math.min(yDomain[1], Math.max(yDomain[0], value));
        setAttributes(handle.circle, {
          cx: x(handle.hx), cy: y(shown), 'aria-valuenow': value,
          'aria-valuetext': `y = ${formatNumber(value, 4)} at x = ${handle.hx}`,
        });
        handle.circle.classList.toggle('is-off-plot', shown !== value);
      }

      const items = [
        { swatch: 'mse-swatch-line', text: `Your line: ${lineEquation(slope, intercept)}` },
        { swatch: 'mse-swatch-square', text: 'Squared residuals (area = error²)' },
        ...fits.map((f) => ({ swatch: `ll-swatch ll-series-${f.series} ll-dashed`, text: `${f.label}: ${lineEquation(f.slope, f.intercept)}`, fit: f })),
      ];
      legend.replaceChildren(...items.map((item) => {
        const li = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = item.swatch.startsWith('ll-') ? item.swatch : `ll-swatch ${item.swatch}`;
        swatch.setAttribute('aria-hidden', 'true');
        li.append(swatch, item.text);
        if (item.fit) {
          li.dataset.fit = item.fit.id;
          li.dataset.slope = String(item.fit.slope);
          li.dataset.intercept = String(item.fit.intercept);
        }
        return li;
      }));
    },
  };
}
