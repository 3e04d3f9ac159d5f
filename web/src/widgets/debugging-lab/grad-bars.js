// Per-layer gradient norms as bars on a log axis (the shared plot frame): vanishing gradients show as bars many
// decades shorter near the input, exploding ones as bars running to the top. Exact zeros (dead units) and
// NaN/Infinity are written out instead of drawn; every bar carries its value to 3 significant figures. Only draws.
import { createPlotFrame, figureNumber } from '../../plot/frame.js';
import { conceptColor } from '../../plot/palette.js';
import { h } from '../shared/dom.js';

/** @param {string[]} layerNames  one short name per layer, input side first */
export function createGradientBars(layerNames) {
  const frame = createPlotFrame({ description: 'Gradient norm of each layer at the latest step, one bar per layer '
    + 'from the first hidden layer (left) to the output layer (right) on a logarithmic axis, each labelled with its '
    + 'value.', xLabel: 'layer (input side → output)', yLabel: 'gradient norm', xDomain: layerNames, yDomain: [1e-4, 1],
  xScale: 'band', yScale: 'log', height: 240,
  yFormat: (v) => {
    const exponent = Math.log10(v);
    if (Math.abs(exponent - Math.round(exponent)) > 1e-9) return '';
    return v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : `1e${Math.round(exponent)}`;
  } });
  frame.element.classList.add('dl-grad-bars');
  const bars = h('g');
  const labels = h('g');
  frame.area.append(bars);
  frame.overlay.append(labels);
  let last = [];
  const rects = [];
  const texts = [];
  const set = (node, attributes) => {
    for (const [k, v] of Object.entries(attributes)) {
      const text = String(v);
      if (node.getAttribute(k) !== text) node.setAttribute(k, text);
    }
  };

  function draw(values) {
    const positive = values.filter((v) => Number.isFinite(v) && v > 0);
    const lo = positive.length ? 10 ** Math.floor(Math.log10(Math.min(...positive))) : 1e-4;
    let hi = positive.length ? 10 ** Math.ceil(Math.log10(Math.max(...positive))) : 1;
    if (hi <= lo) hi = lo * 10;
    frame.setDomains({ y: [lo, Math.min(hi, 1e300)] });
    const { x, y, bounds } = frame;
    const shown = [];
    // Labels wider than a bar would touch their neighbours: every other one then drops 14 px (onto its bar,
    // readable through the label's outline).
    const widest = Math.max(0, ...values.map((v) => figureNumber(v).length)) * 7.5;
    const stagger = widest > x.step() - 2;
    values.forEach((v, i) => {
      const left = x(layerNames[i]);
      const drawable = Number.isFinite(v) && v > 0;
      const top = drawable ? Math.max(bounds.top, y(v)) : bounds.bottom;
      if (drawable) {
        const rect = rects[i] ??= h('rect', { class: 'dl-bar', fill: conceptColor('ce') });
        set(rect, { x: left, width: x.bandwidth(), y: top, height: Math.max(1, bounds.bottom - top) });
        shown.push(rect);
      }
      const bad = !Number.isFinite(v);
      const text = texts[i] ??= h('text', { 'text-anchor': 'middle' });
      set(text, { class: `ll-label dl-bar-value${bad ? ' is-bad' : ''}`, x: left + x.bandwidth() / 2,
        y: Math.max(bounds.top + 12, top - 4) + (stagger && i % 2 ? 14 : 0) });
      const label = v === 0 ? '0' : figureNumber(v);
      if (text.textContent !== label) text.textContent = label;
    });
    // Nodes are kept and only their attributes change; the set of children changes only when a bar appears or goes.
    if (shown.length !== bars.children.length || shown.some((r, i) => bars.children[i] !== r)) bars.replaceChildren(...shown);
    const labelled = texts.slice(0, values.length);
    if (labelled.length !== labels.children.length || labelled.some((t, i) => labels.children[i] !== t)) {
      labels.replaceChildren(...labelled);
    }
  }
  frame.onResize(() => draw(last));
  frame.setData(() => last.map((norm, i) => ({ layer: layerNames[i], gradientNorm: norm })));

  return {
    element: frame.element,
    /** @param {ArrayLike<number>|null} norms  per layer, or null before the first step */
    update(norms) {
      last = norms ? Array.from(norms) : [];
      draw(last);
    },
  };
}
