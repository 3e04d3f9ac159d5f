// The one log scale both diagrams share: |∂L/∂w| from `lo` to `hi` (whole decades, DECADES apart) maps to a line
// width and a colour between a faint and a strong ink. The top snaps to the decade above the largest gradient of
// either network and moves only when a value crosses a decade, so the picture does not flicker while training.
// A gradient below the scale is drawn faint and thin; an exactly zero one (no gradient at all) dotted.
import { h } from '../shared/dom.js';

export const DECADES = 5;
const MIN_WIDTH = 0.6;
const MAX_WIDTH = 6;

const superscript = (n) => String(n).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]);
export const decadeLabel = (e) => `10${superscript(e)}`;
/** Log-axis tick format: whole decades as 10ⁿ, the ticks between them unlabelled. */
export const decadeTick = (v) => {
  const e = Math.round(Math.log10(v));
  return Math.abs(Math.log10(v) - e) < 1e-9 ? decadeLabel(e) : '';
};

/** The scale for the largest |gradient| `max` (keeps `previous` when max is within its top decade). */
export function scaleFor(max, previous) {
  if (!(max > 0) || !Number.isFinite(max)) return previous ?? { top: 0, bottom: -DECADES };
  const top = Math.ceil(Math.log10(max) - 1e-9);
  if (previous && previous.top === top) return previous;
  return { top, bottom: top - DECADES };
}

/** 0 ... 1 position of |g| on the scale (clamped). */
export function position(g, scale) {
  const a = Math.abs(g);
  if (!(a > 0)) return 0;
  return Math.min(1, Math.max(0, (Math.log10(a) - scale.bottom) / (scale.top - scale.bottom)));
}

// The 101 strokes a line can take (t rounded to a percent), made once rather than per line and frame.
const STROKES = Array.from({ length: 101 }, (_, p) => `color-mix(in oklab, var(--gf-strong) ${p}%, var(--gf-faint))`);

export function edgeStyle(g, scale) {
  const t = position(g, scale);
  const zero = !(Math.abs(g) > 0);
  return {
    strokeWidth: (MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * t).toFixed(2),
    stroke: STROKES[Math.round(100 * t)],
    zero,
  };
}

/** The legend: one sample line per decade with its label, under a title. Returns { element, set(scale) }. */
export function createLegend() {
  const height = 46;
  const title = h('text', { class: 'll-axis-title', x: 0, y: 13, text: '|∂L/∂w| per weight (log scale)' });
  const samples = Array.from({ length: DECADES + 1 }, () => h('g', {}, h('line', { y1: 24, y2: 24 }),
    h('text', { class: 'll-tick', y: 42, 'text-anchor': 'middle' })));
  const svg = h('svg', { class: 'gf-legend', role: 'img', height, width: 300, viewBox: `0 0 300 ${height}` },
    title, ...samples);
  const element = h('div', { class: 'gf-legend-box' }, svg);
  let last = null;
  return {
    element,
    set(scale) {
      if (last && last.top === scale.top) return;
      last = scale;
      svg.dataset.top = scale.top;
      svg.dataset.bottom = scale.bottom;
      const step = 50;
      svg.setAttribute('aria-label', `Line width and darkness: |∂L/∂w| from ${decadeLabel(scale.bottom)} or less `
        + `(thinnest, faint; dotted: exactly zero) to ${decadeLabel(scale.top)} (thickest, darkest).`);
      samples.forEach((g, i) => {
        const e = scale.bottom + i;
        const { strokeWidth, stroke } = edgeStyle(10 ** e, scale);
        const [line, text] = g.children;
        const x = 20 + i * step;
        line.setAttribute('x1', x - 20);
        line.setAttribute('x2', x + 20);
        line.setAttribute('stroke-width', strokeWidth);
        line.style.stroke = stroke;
        text.setAttribute('x', x);
        text.textContent = i === 0 ? `≤ ${decadeLabel(e)}` : decadeLabel(e);
      });
    },
  };
}
