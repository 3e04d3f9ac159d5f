// The 2D view of the landscape: a top-down heatmap (an n x n <canvas> scaled by CSS, coloured with the same lookup
// table as the 3D mesh) under an SVG with d3 axes, the descent path and its start and end markers. Shown until the
// 3D view arrives and whenever WebGL is unavailable. Only draws.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import '../../plot/plot.css';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 420;
const HEIGHT = 380;
const MARGIN = { top: 10, right: 14, bottom: 44, left: 50 };

function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

const percent = (v, of) => `${((100 * v) / of).toFixed(4)}%`;

/**
 * @param {number} n  grid side: setField takes n * n values, row-major, row i at y = yMin + i dy
 */
export function createHeatmap(n) {
  const figure = document.createElement('figure');
  figure.className = 'll-plot ll-heatmap';
  const box = document.createElement('div');
  box.className = 'll-heatmap-box';
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  canvas.setAttribute('aria-hidden', 'true'); // the SVG's <title> and the widget's summary describe it
  // The canvas covers exactly the SVG's plot area (percentages of the viewBox, which fills the box).
  Object.assign(canvas.style, {
    left: percent(MARGIN.left, WIDTH), top: percent(MARGIN.top, HEIGHT),
    width: percent(WIDTH - MARGIN.left - MARGIN.right, WIDTH), height: percent(HEIGHT - MARGIN.top - MARGIN.bottom, HEIGHT),
  });
  const context = canvas.getContext('2d');
  const image = context.createImageData(n, n);

  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' });
  const title = svgElement('title');
  const x = scaleLinear().range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const xAxis = svgElement('g', { class: 'll-axis', transform: `translate(0,${HEIGHT - MARGIN.bottom})` });
  const yAxis = svgElement('g', { class: 'll-axis', transform: `translate(${MARGIN.left},0)` });
  const halo = svgElement('path', { class: 'll-heatmap-path-halo' });
  const core = svgElement('path', { class: 'll-heatmap-path' });
  const start = svgElement('circle', { class: 'll-heatmap-start', r: 6 });
  const end = svgElement('circle', { class: 'll-heatmap-end', r: 6 });
  const xTitle = svgElement('text', { class: 'll-axis-title', x: (MARGIN.left + WIDTH - MARGIN.right) / 2,
    y: HEIGHT - 6, 'text-anchor': 'middle' });
  const yTitle = svgElement('text', { class: 'll-axis-title', 'text-anchor': 'middle',
    transform: `translate(14,${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)` });
  svg.append(title, xAxis, yAxis, halo, core, start, end, xTitle, yTitle);
  box.append(canvas, svg);
  figure.append(box);

  let points = [];
  const pathLine = line().x((p) => x(p[0])).y((p) => y(p[1]));

  function showPath(count) {
    const shown = points.slice(0, Math.max(0, count));
    const d = shown.length > 1 ? pathLine(shown) : '';
    halo.setAttribute('d', d);
    core.setAttribute('d', d);
    for (const [marker, p] of [[start, shown[0]], [end, shown.length > 1 ? shown.at(-1) : undefined]]) {
      marker.style.display = p ? '' : 'none';
      if (p) {
        marker.setAttribute('cx', x(p[0]));
        marker.setAttribute('cy', y(p[1]));
      }
    }
  }

  return {
    element: figure,

    /** The picture's text description (SVG <title>). */
    describe(text) {
      title.textContent = text;
    },

    /** Colours every cell: values n * n (read now, not kept), toUnit(value) -> [0, 1], lut from colormap.js. */
    setField(values, toUnit, lut, extent, [xName, yName]) {
      const pixels = image.data;
      for (let i = 0; i < n; i++) {
        const row = n - 1 - i; // canvas rows run downwards, y upwards
        for (let j = 0; j < n; j++) {
          const c = 3 * lut.index(toUnit(values[i * n + j]));
          const p = 4 * (row * n + j);
          pixels[p] = lut.srgb[c];
          pixels[p + 1] = lut.srgb[c + 1];
          pixels[p + 2] = lut.srgb[c + 2];
          pixels[p + 3] = 255;
        }
      }
      context.putImageData(image, 0, 0);
      x.domain([extent[0], extent[1]]);
      y.domain([extent[2], extent[3]]);
      select(xAxis).call(axisBottom(x).ticks(5));
      select(yAxis).call(axisLeft(y).ticks(5));
      xTitle.textContent = xName;
      yTitle.textContent = yName;
    },

    /** The path in parameter coordinates, clamped to the extent (as the 3D view does); shows all of it. */
    setPath(path, extent) {
      const cx = (v) => Math.min(extent[1], Math.max(extent[0], v));
      const cy = (v) => Math.min(extent[3], Math.max(extent[2], v));
      points = Array.from(path.x, (px, k) => [cx(px), cy(path.y[k])]).filter((p) => p.every(Number.isFinite));
      showPath(points.length);
    },

    /** Shows the first `count` points (the descent animation). */
    showPath,
  };
}
