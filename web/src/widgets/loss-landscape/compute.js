// The landscape's core calls: one descentPath per frame (its entry 0 is the loss at the start point), and a whole
// 128 x 128 surface only when the chosen surface changes. Plus the pure helpers that map losses to heights.
import { KINDS } from './state.js';

// 128 x 128 = 16,384 cells: the surface kernel takes ~3-9 ms for it in wasm, and the mesh update with normals a few
// more, so a change of surface stays within a frame or two; the path, recomputed on every input, takes < 1 ms.
export const GRID = 128;

export function clampStart(kind, { x, y }) {
  const [x0, x1, y0, y1] = kind.extent;
  return [Math.min(x1, Math.max(x0, x)), Math.min(y1, Math.max(y0, y))];
}

/**
 * @param core       loadCore()'s object
 * @param surface    core.createSurface(GRID), kept by the widget
 * @param state      the widget state (state.js)
 * @param fieldKind  the surface kind computed last (null at first): the grid is recomputed only when it changes
 * @returns {{ kind, start, path, values: Float32Array | null, stats }}  values (a view over wasm memory, valid until
 *   the next core call) and its stats ({ n, min, max, xAtMin, yAtMin }) only when the surface was recomputed, else
 *   null; render() reads the view at once and keeps nothing but the stats.
 */
export function computeLandscape(core, surface, state, fieldKind) {
  const kind = KINDS[state.loss];
  const start = clampStart(kind, state);
  // The path first: it allocates its result arrays, which may grow wasm memory and detach older views; the surface
  // view taken after it is live when render() reads it.
  const path = core.descentPath(kind.core, {
    optimizer: state.optimizer, learningRate: state.lr, steps: state.descent ? state.steps : 0, start,
  });
  const values = fieldKind === state.loss ? null : surface.compute(kind.core, { n: GRID });
  return { kind, start, path, values, stats: values ? surface.stats() : null };
}

/**
 * Loss -> unit height t in [0, 1] between the grid's min and max (the colour lookup uses the same t). Cross-entropy
 * uses ln(1 + loss): its grid spans ~3e-4 to 16, and on a linear scale the floor would be one flat colour.
 */
export function heightScale(kind, { min, max }) {
  const f = kind.logHeight ? Math.log1p : (v) => v;
  const lo = f(min);
  const span = f(max) - lo || 1;
  return (v) => (f(v) - lo) / span;
}

/**
 * Writes the path as (u, v, t) unit triples into `out` (length >= 3 (steps + 1)), clamped to the grid's box: a
 * diverging path runs off the picture's edge rather than off to infinity. Returns whether any point was clamped.
 */
export function pathToUnit(path, kind, toUnit, out) {
  const [x0, x1, y0, y1] = kind.extent;
  const clamp = (v) => (v >= 0 ? (v <= 1 ? v : 1) : 0); // NaN -> 0
  let clamped = false;
  for (let k = 0; k < path.x.length; k++) {
    const u = (path.x[k] - x0) / (x1 - x0);
    const v = (path.y[k] - y0) / (y1 - y0);
    let t = toUnit(path.loss[k]);
    if (!Number.isFinite(t)) t = 1;
    // The grid's max is a float32 and the path's losses are doubles: allow that rounding (~6e-8) at the top.
    if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1 && t <= 1 + 1e-6)) clamped = true;
    out[3 * k] = clamp(u);
    out[3 * k + 1] = clamp(v);
    out[3 * k + 2] = clamp(t);
  }
  return clamped;
}
