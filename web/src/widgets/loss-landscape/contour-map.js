// The 2D view of one surface: filled contour bands (d3-contour over the same grid the 3D mesh uses, coloured with the
// same lookup table) under d3 axes, the descent path, its start and the ball. Drawn at the box's real pixel width
// (no viewBox scaling, so text keeps the figure sizes). A click or tap on the map picks the start point. It is also
// the text alternative of the 3D views: its <title> describes the surface and the path in words. Only draws.
import { axisBottom, axisLeft } from 'd3-axis';
import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { h } from '../shared/dom.js';

const MARGIN = { top: 8, right: 12, bottom: 38, left: 42 };
const BANDS = 14; // contour levels: enough to show the plateau's edge and the cliff's steps, few enough to count
const ASPECT = 0.82; // height / width

/** SVG path text of a d3-contour MultiPolygon, mapped by px(cx), py(cy) from grid coordinates. */
function pathText(multiPolygon, px, py) {
  let d = '';
  for (const polygon of multiPolygon.coordinates) {
    for (const ring of polygon) {
      ring.forEach(([cx, cy], i) => {
        d += `${i ? 'L' : 'M'}${px(cx).toFixed(1)},${py(cy).toFixed(1)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

/**
 * @param {object} o
 * @param {number} o.n             grid side: setField takes n * n values, row-major, row i at y = yMin + i dy
 * @param {string} o.concept       palette concept of the ball ('mse', 'ce', ...)
 * @param {(w: number, b: number) => void} o.onPick  called with the parameters under a click or tap
 */
export function createContourMap({ n, concept, onPick }) {
  const svg = h('svg', { class: 'll-contour-svg', role: 'img' });
  const title = h('title');
  const bands = h('g', { class: 'll-contour-bands' });
  const xAxis = h('g', { class: 'll-axis' });
  const yAxis = h('g', { class: 'll-axis' });
  const halo = h('path', { class: 'll-contour-path-halo' });
  const line = h('path', { class: 'll-contour-path' });
  const start = h('circle', { class: 'll-contour-start', r: 5 });
  const ball = h('circle', { class: `ll-contour-ball ll-concept-${concept}`, r: 7 });
  const xTitle = h('text', { class: 'll-axis-title', 'text-anchor': 'middle' });
  const yTitle = h('text', { class: 'll-axis-title', 'text-anchor': 'middle' });
  const clipId = `ll-contour-clip-${Math.random().toString(36).slice(2, 8)}`;
  const clipRect = h('rect');
  const clip = h('clipPath', { id: clipId }, clipRect);
  const plot = h('g', { 'clip-path': `url(#${clipId})` }, bands, halo, line, start, ball);
  svg.append(title, clip, plot, xAxis, yAxis, xTitle, yTitle);
  const box = h('div', { class: 'll-contour-box' }, svg);

  const x = scaleLinear();
  const y = scaleLinear();
  let field = null; // { values, toUnit, lut, extent, axes }
  let points = [];
  let shown = 0;
  let width = 0;

  function layout() {
    width = Math.max(160, Math.round(box.clientWidth));
    const height = Math.round(width * ASPECT);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    x.range([MARGIN.left, width - MARGIN.right]);
    y.range([height - MARGIN.bottom, MARGIN.top]);
    Object.entries({ x: MARGIN.left, y: MARGIN.top, width: width - MARGIN.left - MARGIN.right,
      height: height - MARGIN.top - MARGIN.bottom }).forEach(([k, v]) => clipRect.setAttribute(k, v));
    xAxis.setAttribute('transform', `translate(0,${height - MARGIN.bottom})`);
    yAxis.setAttribute('transform', `translate(${MARGIN.left},0)`);
    xTitle.setAttribute('x', (MARGIN.left + width - MARGIN.right) / 2);
    xTitle.setAttribute('y', height - 4);
    yTitle.setAttribute('transform', `translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`);
  }

  function drawField() {
    if (!field || !width) return;
    const { values, toUnit, lut, extent, axes } = field;
    x.domain([extent[0], extent[1]]);
    y.domain([extent[2], extent[3]]);
    select(xAxis).call(axisBottom(x).ticks(Math.max(3, Math.floor(width / 70))));
    select(yAxis).call(axisLeft(y).ticks(5));
    for (const text of svg.querySelectorAll('.ll-axis text')) text.setAttribute('class', 'll-tick');
    xTitle.textContent = axes[0];
    yTitle.textContent = axes[1];
    // Bands on the unit scale (linear or log, as the 3D heights): contour the unit values, colour band k by the
    // table at its middle. Grid point (j, i) sits at contour coordinate (j + 0.5, i + 0.5).
    const unit = new Float64Array(n * n);
    for (let k = 0; k < n * n; k++) {
      const t = toUnit(values[k]);
      unit[k] = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 1;
    }
    const thresholds = Array.from({ length: BANDS }, (_, k) => k / BANDS);
    const [x0, x1, y0, y1] = extent;
    const px = (cx) => x(x0 + ((cx - 0.5) / (n - 1)) * (x1 - x0));
    const py = (cy) => y(y0 + ((cy - 0.5) / (n - 1)) * (y1 - y0));
    const shapes = contours().size([n, n]).thresholds(thresholds)(unit);
    bands.replaceChildren(...shapes.map((shape) => {
      const c = 3 * lut.index(Math.min(1, shape.value + 0.5 / BANDS));
      const fill = `rgb(${lut.srgb[c]},${lut.srgb[c + 1]},${lut.srgb[c + 2]})`;
      return h('path', { d: pathText(shape, px, py), fill, class: 'll-contour-band' });
    }));
    drawPath();
  }

  function drawPath() {
    const visible = points.slice(0, Math.max(0, shown));
    const d = visible.length > 1 ? visible.map(([pw, pb], i) => `${i ? 'L' : 'M'}${x(pw).toFixed(1)},${y(pb).toFixed(1)}`).join('') : '';
    halo.setAttribute('d', d);
    line.setAttribute('d', d);
    for (const [marker, p] of [[start, visible[0]], [ball, visible.at(-1)]]) {
      marker.style.display = p ? '' : 'none';
      if (p) {
        marker.setAttribute('cx', x(p[0]).toFixed(1));
        marker.setAttribute('cy', y(p[1]).toFixed(1));
      }
    }
  }

  svg.addEventListener('click', (event) => {
    if (!field) return;
    const rect = svg.getBoundingClientRect();
    const sx = event.clientX - rect.left;
    const sy = event.clientY - rect.top;
    const [r0, r1] = x.range();
    const [b1, b0] = y.range();
    if (sx < r0 || sx > r1 || sy < b0 || sy > b1) return;
    onPick(x.invert(sx), y.invert(sy));
  });

  const resizeObserver = new ResizeObserver(() => {
    const next = Math.max(160, Math.round(box.clientWidth));
    if (next === width) return;
    layout();
    drawField();
  });
  resizeObserver.observe(box);

  return {
    element: box,
    svg,

    /** The picture's text description (SVG <title>): the text alternative of the surface and its path. */
    describe(text) {
      title.textContent = text;
    },

    /** values n * n (kept until the next setField), toUnit(value) -> [0, 1], lut from colormap.js. */
    setField(values, toUnit, lut, extent, axes) {
      field = { values, toUnit, lut, extent, axes };
      if (!width) layout();
      drawField();
    },

    /** The path in parameter coordinates, clamped to the extent (as the 3D view does); `count` points shown. */
    setPath(path, extent, count = path.x.length) {
      const cx = (v) => Math.min(extent[1], Math.max(extent[0], v));
      const cy = (v) => Math.min(extent[3], Math.max(extent[2], v));
      points = Array.from(path.x, (pw, k) => [cx(pw), cy(path.y[k])]).map((p) => (p.every(Number.isFinite) ? p : [extent[1], extent[3]]));
      shown = count;
      drawPath();
    },

    /** Shows the first `count` points (the descent animation). */
    showPath(count) {
      shown = count;
      drawPath();
    },

    dispose() {
      resizeObserver.disconnect();
    },
  };
}
