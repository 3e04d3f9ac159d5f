// One network drawn TensorFlow-Playground-style: a column of nodes per layer (inputs on the left, the output on the
// right) and one line per weight, whose width and colour encode |∂L/∂w| on the shared log scale (scale.js). The SVG
// is drawn at the figure's real pixel width. The DOM is built once per architecture; each update only sets the
// lines' attributes. A backward pulse (a band in the network's colour) sweeps from the output to the inputs, and
// each layer's lines take their new values as it passes them: the order in which backpropagation computes them.
import { h } from '../shared/dom.js';
import { conceptColor } from '../../plot/palette.js';
import { edgeStyle } from './scale.js';

const HEIGHT = 232;
const PAD = { left: 30, right: 22, top: 14, bottom: 30 };
const NODE_R = 6;

const subscript = (n) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);

/**
 * @param {object} o
 * @param {{id: string, name: string, long: string}} o.loss
 */
export function createDiagram({ loss }) {
  const captionId = `gf-${loss.id}-${Math.random().toString(36).slice(2, 8)}`;
  const edgesLayer = h('g', { class: 'gf-edges' });
  const pulse = h('rect', { class: 'gf-pulse', x: 0, y: 0, width: 26, height: HEIGHT, rx: 13, fill: conceptColor(loss.id),
    opacity: 0 });
  const nodesLayer = h('g', { class: 'gf-nodes' });
  const labelsLayer = h('g', { class: 'gf-column-labels' });
  const svg = h('svg', { class: 'gf-diagram', role: 'img', width: 400, height: HEIGHT, viewBox: `0 0 400 ${HEIGHT}` },
    pulse, edgesLayer, nodesLayer, labelsLayer);
  const element = h('figure', { class: 'gf-network', 'aria-labelledby': captionId, 'data-loss': loss.id },
    h('figcaption', { id: captionId, class: 'gf-network-title' },
      h('span', { class: 'gf-key', 'aria-hidden': 'true', style: `background:${conceptColor(loss.id)}` }),
      `Trained with ${loss.id === 'ce' ? 'cross-entropy (BCE)' : 'MSE on σ(z)'}`),
    svg);

  let sizes = [];
  let width = 400;
  let edges = []; // per gap (layer l -> l + 1): the <line>s, weight index o * inputs + k
  let nodes = []; // per column: the <circle>s
  let pending = null; // gradients waiting for the pulse: per gap Float64Array
  let shown = null;

  function columnX(j) {
    return PAD.left + (j * (width - PAD.left - PAD.right)) / (sizes.length - 1);
  }
  function nodeY(count, i) {
    const span = HEIGHT - PAD.top - PAD.bottom;
    const gap = Math.min(30, span / Math.max(1, count - 1));
    return PAD.top + span / 2 + (i - (count - 1) / 2) * gap;
  }

  function layout() {
    edges.forEach((gap, l) => gap.forEach((line, index) => {
      const k = index % sizes[l];
      const o = Math.floor(index / sizes[l]);
      line.setAttribute('x1', columnX(l));
      line.setAttribute('y1', nodeY(sizes[l], k));
      line.setAttribute('x2', columnX(l + 1));
      line.setAttribute('y2', nodeY(sizes[l + 1], o));
    }));
    nodes.forEach((column, j) => column.forEach((circle, i) => {
      circle.setAttribute('cx', columnX(j));
      circle.setAttribute('cy', nodeY(sizes[j], i));
    }));
    [...labelsLayer.children].forEach((text, j) => {
      if (text.dataset.input !== undefined) {
        const i = Number(text.dataset.input);
        text.setAttribute('x', columnX(0) - NODE_R - 4);
        text.setAttribute('y', nodeY(sizes[0], i) + 4);
      } else {
        text.setAttribute('x', columnX(Number(text.dataset.column)));
        text.setAttribute('y', HEIGHT - 8);
      }
    });
    svg.setAttribute('width', width);
    svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
  }

  new ResizeObserver(([entry]) => {
    const next = Math.round(entry.contentRect.width);
    if (next > 0 && next !== width) {
      width = Math.max(240, next);
      if (sizes.length) layout();
    }
  }).observe(element);

  /** Builds the nodes and one line per weight for layer sizes [inputs, hidden..., 1]. */
  function setArchitecture(next) {
    sizes = next;
    edges = sizes.slice(0, -1).map((inputs, l) => Array.from({ length: inputs * sizes[l + 1] }, (_, index) =>
      h('line', { class: 'gf-edge', 'data-layer': l, 'data-weight': index })));
    edgesLayer.replaceChildren(...edges.map((gap, l) => h('g', { class: 'gf-gap', 'data-gap': l }, gap)));
    nodes = sizes.map((count, j) => Array.from({ length: count }, () =>
      h('circle', { class: j === 0 ? 'gf-node gf-input' : j === sizes.length - 1 ? 'gf-node gf-output' : 'gf-node',
        r: NODE_R })));
    nodesLayer.replaceChildren(...nodes.flat());
    const last = sizes.length - 1;
    labelsLayer.replaceChildren(
      ...Array.from({ length: sizes[0] }, (_, i) => h('text', { class: 'll-tick', 'text-anchor': 'end',
        dataset: { input: i }, text: `x${subscript(i + 1)}` })),
      ...sizes.map((_, j) => h('text', { class: 'll-tick', 'text-anchor': 'middle', dataset: { column: j },
        text: j === 0 ? 'in' : j === last ? 'out' : String(j) })));
    nodes[last][0].style.fill = conceptColor(loss.id);
    pending = null;
    shown = null;
    layout();
  }

  function applyGap(l, scale) {
    const values = pending[l].weight;
    const lines = edges[l];
    for (let i = 0; i < lines.length; i++) {
      const { strokeWidth, stroke, zero } = edgeStyle(values[i], scale);
      const line = lines[i];
      // Only what changed is written (most lines keep their rounded width and colour from one step to the next).
      if (line.llWidth !== strokeWidth) line.setAttribute('stroke-width', line.llWidth = strokeWidth);
      if (line.llStroke !== stroke) line.style.stroke = line.llStroke = stroke;
      if (line.llZero !== zero) line.classList.toggle('gf-zero', line.llZero = zero);
    }
    edgesLayer.children[l].dataset.step = pending.step;
  }

  return {
    element,
    svg,
    setArchitecture,
    /** Sets the gradients to show (per layer { weight, bias }) for step `step`; drawn by pulseAt / applyAll. */
    setGradients(layers, step, description) {
      pending = layers.map((l) => ({ weight: l.weight }));
      pending.step = step;
      if (svg.getAttribute('aria-label') !== description) svg.setAttribute('aria-label', description);
    },
    /** Draws every layer's pending values at once (reduced motion, a new example, the first view). */
    applyAll(scale) {
      if (!pending) return;
      for (let l = pending.length - 1; l >= 0; l--) applyGap(l, scale);
      shown = pending;
      pulse.setAttribute('opacity', 0);
      svg.removeAttribute('data-pulse');
    },
    /**
     * The pulse at fraction f in [0, 1] of its sweep from the output column to the input column; each gap takes
     * its pending values when the band has passed its middle. f >= 1 ends the pulse.
     */
    pulseAt(f, scale) {
      if (!pending) return;
      const xOut = columnX(sizes.length - 1);
      const xIn = columnX(0);
      const px = xOut - (xOut - xIn) * Math.min(1, f);
      pulse.setAttribute('x', px - 13);
      pulse.setAttribute('opacity', f >= 1 ? 0 : 0.28);
      svg.dataset.pulse = f >= 1 ? 'done' : 'running';
      svg.dataset.progress = Math.min(1, f).toFixed(3); // 0 at the output column, 1 at the inputs
      for (let l = pending.length - 1; l >= 0; l--) {
        const mid = (columnX(l) + columnX(l + 1)) / 2;
        if ((px <= mid || f >= 1) && edgesLayer.children[l].dataset.step !== String(pending.step)) applyGap(l, scale);
      }
      if (f >= 1) shown = pending;
    },
    /** Forgets what is shown and pending (new networks of the same shape: the lines are kept and redrawn). */
    forget() {
      pending = null;
      shown = null;
    },
    /** Redraws the shown values on a new scale (no pulse). */
    rescale(scale) {
      if (!shown) return;
      const keep = pending;
      pending = shown;
      for (let l = 0; l < pending.length; l++) applyGap(l, scale);
      pending = keep;
    },
  };
}
