// The landscape's core calls: per view one descentPath per change (its entry 0 is the loss at the start point) and
// one whole GRID x GRID surface only when the chosen surface changes. Plus the pure helpers that map losses to
// heights and paths to unit coordinates.
import { SURFACES } from './state.js';

// 96 x 96 = 9,216 cells per surface: smooth at the views' size (a cell is ~4 px of a 400 px view), a few ms for the
// kernel and the mesh update with the baked light, and 18,050 triangles per view, which software WebGL (SwiftShader)
// orbits at frame rate; the paths take < 1 ms.
export const GRID = 96;

export function clampStart(surface, { w, b }) {
  const [x0, x1, y0, y1] = surface.extent;
  return [Math.min(x1, Math.max(x0, w)), Math.min(y1, Math.max(y0, b))];
}

/**
 * @param core      loadCore()'s object
 * @param grids     [core.createSurface(GRID), ...], one per view, kept by the widget
 * @param state     the widget state (state.js)
 * @param gridKey   the surface computed last (null at first): the grids are recomputed only when it changes
 * @returns {{ surface, start, paths, fields }}  paths[k] = core.descentPath of view k over state.steps; fields[k]
 *   (only when recomputed, else null) = { values: Float32Array copy, stats: { n, min, max, xAtMin, yAtMin } }.
 */
export function computeLandscape(core, grids, state, gridKey) {
  const surface = SURFACES[state.surface];
  const start = clampStart(surface, state);
  // The paths first: they allocate their result arrays, which may grow wasm memory and detach older views; the
  // surface views taken after them are live while they are copied.
  const paths = surface.views.map((view) => core.descentPath(view.core, {
    optimizer: state.optimizer, learningRate: state.lr, steps: state.steps, start,
  }));
  let fields = null;
  if (gridKey !== state.surface) {
    fields = surface.views.map((view, k) => {
      const values = Float32Array.from(grids[k].compute(view.core, { n: GRID, extent: surface.extent }));
      return { values, stats: grids[k].stats() };
    });
  }
  return { surface, start, paths, fields };
}

/**
 * Loss -> unit height t in [0, 1] between the grid's min and max (the colour lookup uses the same t). Linear by
 * default; log scale: ln(loss) between ln(min) and ln(max) (every loss here is > 0 on the grid).
 */
export function heightScale(log, { min, max }) {
  if (!log) {
    const span = max - min || 1;
    return (v) => (v - min) / span;
  }
  const floor = Math.max(min, 1e-12);
  const lo = Math.log(floor);
  const span = Math.log(Math.max(max, floor * (1 + 1e-9))) - lo || 1;
  return (v) => (Math.log(Math.max(v, floor)) - lo) / span;
}

/**
 * Writes the path as (u, v, t) unit triples into `out` (length >= 3 (steps + 1)), clamped to the grid's box: a
 * diverging path runs off the picture's edge rather than off to infinity. Returns whether any point was clamped.
 */
export function pathToUnit(path, extent, toUnit, out) {
  const [x0, x1, y0, y1] = extent;
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

/** The race's verdict from the two accuracies after the run: 'ce', 'mse' or 'same' (within one point of 32). */
export function verdict(mseAccuracy, ceAccuracy, points = 32) {
  const margin = 1.5 / points;
  if (ceAccuracy - mseAccuracy > margin) return 'ce';
  if (mseAccuracy - ceAccuracy > margin) return 'mse';
  return 'same';
}
