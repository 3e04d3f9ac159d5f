// The one plot frame every 2D figure uses: an SVG drawn at its container's real pixel width (so figure text is the
// type scale's px on every screen), margins sized to the tick labels, axes with titles that never touch the ticks,
// a clipped plot area, and markers that stay inside the plot: a value beyond an axis is pinned at the edge with a
// small arrow and its value. Axes are redrawn only when a domain or the size changes.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { h, setAttributes } from '../widgets/shared/dom.js';
import { conceptColor } from './palette.js';
import { registerFigureData } from './exports.js';
import './plot.css';

const TICK_PX = 7; // width of one 12 px tick-label character (system-ui digits are 6.6-6.9 px)
const TICK_GAP = 9; // tick length 6 + padding 3
const TITLE_PX = 13; // --ll-fig-m
const EDGE = 8; // inset of a pinned marker from the plot edge

/** Three significant figures, for values written on a figure. */
export function figureNumber(v) {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const text = a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2).replace('e+', 'e');
  return text.replace('-', '−');
}

function makeScale(kind, domain) {
  if (kind === 'band') return scaleBand().domain(domain).paddingInner(0.25).paddingOuter(0.15);
  return (kind === 'log' ? scaleLog() : scaleLinear()).domain(domain);
}

/**
 * @param {object} o
 * @param {string} o.description   the picture in one sentence (the SVG's accessible name)
 * @param {string} o.xLabel, o.yLabel   axis titles
 * @param {number[]} o.xDomain, o.yDomain
 * @param {'linear'|'log'} [o.xScale, o.yScale]   x may also be 'band' (categories: xDomain lists them)
 * @param {number} [o.height]   px (the width follows the container)
 * @param {number} [o.xTicks, o.yTicks]   approximate tick counts
 * @param {(v:number)=>string} [o.xFormat, o.yFormat]   tick formats (d3's default otherwise)
 */
export function createPlotFrame({ description, xLabel, yLabel, xDomain, yDomain, xScale = 'linear',
  yScale = 'linear', height = 260, xTicks = 6, yTicks = 5, xFormat, yFormat }) {
  const x = makeScale(xScale, xDomain);
  const y = makeScale(yScale, yDomain);
  const clipId = `ll-clip-${Math.random().toString(36).slice(2, 9)}`;
  const clipRect = h('rect');
  const xAxis = h('g', { class: 'll-axis ll-axis-x' });
  const yAxis = h('g', { class: 'll-axis ll-axis-y' });
  const zeroLine = h('line', { class: 'll-zero' });
  const area = h('g', { class: 'll-area', 'clip-path': `url(#${clipId})` }, zeroLine);
  const overlay = h('g', { class: 'll-overlay' });
  const xTitle = h('text', { class: 'll-axis-title', 'text-anchor': 'middle', text: xLabel });
  const yTitle = h('text', { class: 'll-axis-title', 'text-anchor': 'middle', text: yLabel });
  const svg = h('svg', { role: 'img', 'aria-label': description, width: 560, height },
    h('defs', {}, h('clipPath', { id: clipId }, clipRect)), yAxis, xAxis, area, overlay, xTitle, yTitle);
  const element = h('figure', { class: 'll-plot' }, svg);

  const size = { width: 560, height };
  const bounds = { left: 48, right: 536, top: 12, bottom: height - 40 };
  const resizeCallbacks = [];
  let drawnKey = '';
  let xAxisKey = '';
  let yAxisKey = '';

  function tickWidth() {
    const format = yFormat ?? y.tickFormat(yTicks);
    const widest = Math.max(...y.ticks(yTicks).map((t) => format(t).length), 1);
    return widest * TICK_PX;
  }

  /** Lays out margins and redraws the axes when the size or a domain changed since the last draw. */
  function layout() {
    const key = `${size.width}|${x.domain()}|${y.domain()}`;
    if (key === drawnKey) return false;
    drawnKey = key;
    const yTitleX = 4 + TITLE_PX / 2 + 2;
    bounds.left = Math.round(yTitleX + TITLE_PX / 2 + 6 + tickWidth() + TICK_GAP);
    bounds.right = size.width - 18; // room for half of the last x tick label ("1.0" is never clipped)
    bounds.top = 12;
    bounds.bottom = size.height - (TICK_GAP + 12 + 8 + TITLE_PX + 4);
    x.range([bounds.left, bounds.right]);
    y.range([bounds.bottom, bounds.top]);
    svg.setAttribute('width', size.width);
    svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
    for (const [k, v] of Object.entries({ x: bounds.left, y: bounds.top, width: bounds.right - bounds.left,
      height: bounds.bottom - bounds.top })) clipRect.setAttribute(k, v);
    xAxis.setAttribute('transform', `translate(0,${bounds.bottom})`);
    yAxis.setAttribute('transform', `translate(${bounds.left},0)`);
    // Each axis is regenerated only when its own range or domain changed (a new y domain leaves the x axis alone
    // unless it moved the left margin).
    const nextX = `${bounds.left}|${bounds.right}|${x.domain()}`;
    const nextY = `${bounds.top}|${bounds.bottom}|${y.domain()}`;
    if (nextX !== xAxisKey) {
      xAxisKey = nextX;
      const xTickCount = Math.max(2, Math.min(xTicks, Math.floor((bounds.right - bounds.left) / 60)));
      if (xScale === 'band') select(xAxis).call(axisBottom(x).tickSizeOuter(0).tickFormat(xFormat ?? String));
      else select(xAxis).call(axisBottom(x).ticks(xTickCount).tickFormat(xFormat ?? x.tickFormat(xTickCount)));
      for (const text of xAxis.querySelectorAll('text')) text.setAttribute('class', 'll-tick');
    }
    if (nextY !== yAxisKey) {
      yAxisKey = nextY;
      select(yAxis).call(axisLeft(y).ticks(yTicks).tickFormat(yFormat ?? y.tickFormat(yTicks)));
      for (const text of yAxis.querySelectorAll('text')) text.setAttribute('class', 'll-tick');
    }
    xTitle.setAttribute('x', (bounds.left + bounds.right) / 2);
    xTitle.setAttribute('y', size.height - 6);
    yTitle.setAttribute('transform', `translate(${yTitleX},${(bounds.top + bounds.bottom) / 2}) rotate(-90)`);
    const [y0, y1] = y.domain();
    const zeroY = yScale === 'linear' && Math.min(y0, y1) < 0 && Math.max(y0, y1) > 0 ? y(0) : -10;
    for (const [k, v] of Object.entries({ x1: bounds.left, x2: bounds.right, y1: zeroY, y2: zeroY })) zeroLine.setAttribute(k, v);
    return true;
  }
  layout();

  const observer = globalThis.ResizeObserver ? new ResizeObserver((entries) => {
    const width = Math.round(entries[0].contentRect.width);
    if (width > 0 && width !== size.width) {
      size.width = width;
      layout();
      for (const callback of resizeCallbacks) callback();
    }
  }) : null;
  observer?.observe(element);

  /** Pixel position of a data point, pinned inside the plot; `off` names the edge it went past, if any. */
  function place(vx, vy) {
    let px = xScale === 'band' ? x(vx) + x.bandwidth() / 2 : x(vx), py = y(vy), off = null;
    if (!Number.isFinite(px) || px < bounds.left) { px = bounds.left + EDGE; off = 'left'; }
    else if (px > bounds.right) { px = bounds.right - EDGE; off = 'right'; }
    if (!Number.isFinite(py) || py > bounds.bottom) { py = bounds.bottom - EDGE; off = off ?? 'bottom'; }
    else if (py < bounds.top) { py = bounds.top + EDGE; off = off ?? 'top'; }
    if (Number.isNaN(vy)) off = 'nan';
    return { px, py, off };
  }

  const ARROWS = { top: '0,-7 -5,1 5,1', bottom: '0,7 -5,-1 5,-1', left: '-7,0 1,-5 1,5', right: '7,0 -1,-5 -1,5' };

  /**
   * Draws markers into the overlay, replacing the previous set drawn under the same `group` name:
   * [{ x, y, concept, colour?, label?, radius? }] (`colour` overrides the concept's). `label` (default: y to 3 s.f.) is written beside the dot, flipped to
   * stay inside the plot; an off-scale point becomes an arrow at the edge with its value.
   */
  function markers(group, points) {
    let layer = overlay.querySelector(`g[data-group="${group}"]`);
    if (!layer) overlay.append(layer = h('g', { 'data-group': group }));
    // A marker of the same shape as the one drawn before at its index is kept and only its attributes change (no new
    // nodes, so a drag re-lays out no new text); a new shape, or a label appearing or going, makes a new marker.
    const drawn = [...layer.children];
    const nodes = points.map((p, i) => {
      const { px, py, off } = place(p.x, p.y);
      const colour = p.colour ?? conceptColor(p.concept ?? 'neutral');
      const text = p.label ?? figureNumber(p.y);
      const pinned = off && off !== 'nan';
      const markTag = pinned ? 'polygon' : 'circle';
      const markAttributes = pinned
        ? { class: 'll-pin', points: ARROWS[off], transform: `translate(${px},${py})`, fill: colour }
        : { class: 'll-point', cx: px, cy: py, r: p.radius ?? 5, fill: colour };
      const right = px < (bounds.left + bounds.right) / 2;
      const above = py > bounds.top + 22;
      const labelAttributes = text === '' ? null : { class: 'll-label', x: px + (right ? 9 : -9),
        y: py + (above ? -8 : 16), 'text-anchor': right ? 'start' : 'end', fill: colour };
      const markerAttributes = { class: 'll-marker', 'data-off': off ?? undefined, 'data-concept': p.concept };
      const old = drawn[i];
      if (old && old.firstElementChild?.localName === markTag && (old.children.length === 2) === Boolean(labelAttributes)) {
        setAttributes(old, markerAttributes);
        setAttributes(old.children[0], markAttributes);
        if (labelAttributes) {
          setAttributes(old.children[1], labelAttributes);
          if (old.children[1].textContent !== text) old.children[1].textContent = text;
        }
        return old;
      }
      return h('g', markerAttributes, h(markTag, markAttributes), labelAttributes && h('text', { ...labelAttributes, text }));
    });
    if (nodes.length !== drawn.length || nodes.some((node, i) => drawn[i] !== node)) layer.replaceChildren(...nodes);
  }

  return {
    element,
    svg,
    /** The clipped group for lines and areas; draw marks that must stay visible with markers(). */
    area,
    overlay,
    x,
    y,
    bounds,
    size,
    place,
    markers,
    /** Sets new domains; the axes are redrawn only if a domain really changed. Returns whether they were. */
    setDomains({ x: xd, y: yd } = {}) {
      if (xd) x.domain(xd);
      if (yd) y.domain(yd);
      return layout();
    },
    /** Called after the frame was re-laid out for a new width: redraw the data there. */
    onResize(callback) {
      resizeCallbacks.push(callback);
    },
    /** Rows for "Download CSV": a function returning [{ column: value, ... }]. */
    setData(getRows) {
      registerFigureData(element, getRows);
    },
  };
}
