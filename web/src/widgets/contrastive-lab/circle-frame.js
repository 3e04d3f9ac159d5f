// The shared frame of the lab's two pictures: an SVG (viewBox, <title> description) with equal d3 scales on both
// axes over [-1.35, 1.35], faint axes, the unit circle, and a helper that maps a pointer position back to data.
import { scaleLinear } from 'd3-scale';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const EXTENT = 1.35; // room outside the unit circle for labels
const SIZE = 320;

export function svgElement(name, attributes = {}) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

/** @param {string} description  the SVG <title>; @param {string} className  extra class on the figure */
export function createCircleFrame(description, className) {
  const figure = document.createElement('figure');
  figure.className = `ll-plot cl-circle ${className}`;
  const svg = svgElement('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, role: 'img' });
  const title = svgElement('title');
  title.textContent = description;
  const x = scaleLinear().domain([-EXTENT, EXTENT]).range([0, SIZE]);
  const y = scaleLinear().domain([-EXTENT, EXTENT]).range([SIZE, 0]);
  const axes = svgElement('g', { class: 'cl-axes' });
  axes.append(
    svgElement('line', { x1: x(-EXTENT), x2: x(EXTENT), y1: y(0), y2: y(0) }),
    svgElement('line', { x1: x(0), x2: x(0), y1: y(-EXTENT), y2: y(EXTENT) }),
  );
  const circle = svgElement('circle', { class: 'cl-unit', cx: x(0), cy: y(0), r: x(1) - x(0) });
  svg.append(title, axes, circle);
  figure.append(svg);
  return {
    figure,
    svg,
    x,
    y,
    /** Data coordinates of a pointer event (through the SVG's current screen transform). */
    toData(event) {
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const local = point.matrixTransform(svg.getScreenCTM().inverse());
      return [x.invert(local.x), y.invert(local.y)];
    },
  };
}
