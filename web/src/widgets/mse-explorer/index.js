// <mse-explorer>: a seeded scatter whose points can be dragged, and a line set by the Slope / Intercept sliders or by
// dragging its two handles. Each residual is a square whose area is its squared error; the MSE is their mean area.
// Beside it, the MSE's contours over (slope, intercept) with the current line as a point. Fit runs gradient descent
// on the core's MSE gradient (its path drawn on the contours); "Add outlier" adds a far-off point and shows the MSE,
// L1 and Huber best fits.
import { figureNumber } from '../../plot/frame.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, checkbox, readout, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { computeLine, descend, fitThree, HUBER_DELTA, mseGrid } from './compute.js';
import { createContourPlot } from './contours.js';
import { makePoints, POINT_COUNT } from './data.js';
import { createScatter, lineEquation } from './scatter.js';
import {
  HANDLE_RANGE, HANDLE_STEP, HANDLE_X, INTERCEPT_RANGE, SLOPE_RANGE, X_DOMAIN, Y_DOMAIN, schema,
} from './state.js';
import './mse-explorer.css';

const GRID_N = 48; // contour grid side: 48 x 48 lines x 13 points, one core.mse call when the data change
const PLAYBACK_FRAMES = 150; // a fit plays in about 2.5 s at 60 frames a second, however many steps it took

export class MseExplorer extends LossLabWidget {
  static schema = schema;

  build(body) {
    // Fits with the outlier, per data set: ~2300 tiny core calls, so only when the data change and never mid-drag.
    this.fitCache = new Map();
    this.path = null;
    this.steps = 0;
    this.edits = new Map(); // data points the reader dragged: index -> { x, y } (cleared by New points)

    this.slope = bind(this, 'slope', slider(this, { name: 'slope', label: 'Slope', min: SLOPE_RANGE[0],
      max: SLOPE_RANGE[1], step: 0.01, value: this.state.slope, format: (v) => formatNumber(v, 4) }));
    this.slope.onInput(() => this.stopPlayback());
    this.intercept = bind(this, 'intercept', slider(this, { name: 'intercept', label: 'Intercept',
      min: INTERCEPT_RANGE[0], max: INTERCEPT_RANGE[1], step: 0.01, value: this.state.intercept,
      format: (v) => formatNumber(v, 4) }));
    this.intercept.onInput(() => this.stopPlayback());
    this.outlier = bind(this, 'outlier', checkbox(this, { name: 'outlier', label: 'Add outlier', checked: this.state.outlier }));
    this.outlier.onChange(() => this.stopPlayback());

    this.fitButton = button('Fit', () => this.fit(), { name: 'fit' });
    this.newDataButton = button('New points', () => {
      this.stopPlayback();
      this.path = null;
      this.steps = 0;
      this.edits.clear();
      this.setState({ seed: (this.state.seed % schema.seed.max) + 1 });
    }, { name: 'new-points' });

    this.readouts = {
      mse: readout(this, { name: 'mse', label: 'MSE' }),
      mae: readout(this, { name: 'mae', label: 'MAE' }),
      gradSlope: readout(this, { name: 'grad-slope', label: 'Gradient dMSE/dSlope' }),
      gradIntercept: readout(this, { name: 'grad-intercept', label: 'Gradient dMSE/dIntercept' }),
    };

    this.scatter = createScatter({
      description: 'Scatter plot of the data with your line. Each residual is drawn as a square whose area is its '
        + 'squared error; the MSE is the mean area of the squares. The data points and the line\'s two handles can '
        + 'be dragged or moved with the arrow keys.',
      xDomain: X_DOMAIN, yDomain: Y_DOMAIN, handleX: HANDLE_X, handleRange: HANDLE_RANGE, handleStep: HANDLE_STEP,
      handleValue: (index) => this.state.slope * HANDLE_X[index] + this.state.intercept,
      onHandle: (index, value) => this.moveHandle(index, value),
      pointValue: (index) => {
        const points = this.points(this.state);
        return { x: points.x[index], y: points.y[index] };
      },
      onPoint: (index, point, done) => this.movePoint(index, point, done),
    });
    this.contours = createContourPlot({
      description: 'Loss contours of the MSE over slope and intercept for these data (darker is lower), the path '
        + 'gradient descent took, and your line as a point.',
      slopeRange: SLOPE_RANGE, interceptRange: INTERCEPT_RANGE, n: GRID_N,
    });

    this.caption = caption(this);
    this.numbers = numbers(this);
    const how = howItWorks([
      h('p', { text: 'The MSE is the mean of the squared residuals: the mean area of the squares. Drag a data point '
        + '(or focus it and use the arrow keys) and watch both its square and the contour map change; drag the line\'s '
        + 'handles or use the sliders to move the line, which moves the point on the contour map.' }),
      h('p', { text: 'The core returns dMSE/dŷᵢ for each prediction ŷᵢ = slope·xᵢ + intercept; the chain rule gives '
        + 'dMSE/dSlope = Σ (dMSE/dŷᵢ)·xᵢ and dMSE/dIntercept = Σ dMSE/dŷᵢ. Fit steps downhill until the gradient\'s '
        + `length is below 10⁻⁶ (at most 2000 steps). The contour map is one core.mse call over a ${GRID_N} × ${GRID_N} `
        + 'grid of lines.' }),
      h('p', { text: `With the outlier, the MSE, L1 and Huber (δ = ${HUBER_DELTA}) lines are each fitted by descent `
        + 'on that loss: the squared error lets one far point pull the MSE line.' }),
    ]);
    body.append(
      h('div', { class: 'll-figures mse-plots' }, this.scatter.element, this.contours.element),
      this.caption.element,
      h('div', { class: 'll-controls' }, this.slope.element, this.intercept.element, this.outlier.element,
        h('div', { class: 'll-buttons' }, this.fitButton, this.newDataButton)),
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      how,
    );
  }

  points(state) {
    const points = makePoints(state.seed, state.outlier);
    for (const [i, p] of this.edits) {
      if (i < points.x.length) {
        points.x[i] = p.x;
        points.y[i] = p.y;
      }
    }
    return points;
  }

  compute(core, state) {
    const points = this.points(state);
    const line = computeLine(core, points, state.slope, state.intercept);
    const key = `${Array.from(points.x).join(',')}|${Array.from(points.y).join(',')}`;
    let grid = null;
    if (key !== this.gridKey) {
      this.gridKey = key;
      grid = mseGrid(core, points, GRID_N, SLOPE_RANGE, INTERCEPT_RANGE);
    }
    let fits = null;
    if (state.outlier) {
      if (!this.dragging && !this.fitCache.has(key)) this.fitCache.set(key, fitThree(core, points));
      fits = this.fitCache.get(key) ?? this.lastFits ?? null;
      this.lastFits = fits;
    }
    return { points, line, fits, grid };
  }

  render({ points, line, fits, grid }, state) {
    const r = this.readouts;
    r.mse.showNumber(line.mse);
    r.mae.showNumber(line.mae);
    r.gradSlope.showNumber(line.gradSlope);
    r.gradIntercept.showNumber(line.gradIntercept);
    this.scatter.update({
      points, predicted: line.predicted, slope: state.slope, intercept: state.intercept,
      outlierIndex: state.outlier ? POINT_COUNT : -1,
      fits: fits ? [
        { id: 'mse', label: 'MSE fit', concept: 'mse', ...fits.mse },
        { id: 'l1', label: 'L1 (MAE) fit', concept: 'l1', ...fits.l1 },
        { id: 'huber', label: `Huber (δ = ${HUBER_DELTA}) fit`, concept: 'huber', ...fits.huber },
      ] : [],
    });
    if (grid) this.contours.setGrid(grid);
    if (this.path && this.path.drawn !== this.path.shown) {
      this.path.drawn = this.path.shown;
      this.path.points = this.path.slopes.slice(0, this.path.shown + 1).map((s, i) => [s, this.path.intercepts[i]]);
    }
    this.contours.update({ path: this.path?.points ?? null, slope: state.slope, intercept: state.intercept,
      label: `your line: MSE ${figureNumber(line.mse)}` }); // the dot is the line (prediction colour), not the loss

    const g = Math.hypot(line.gradSlope, line.gradIntercept);
    this.caption.set(this.steps > 0
      ? `After ${this.steps} descent steps the line is ${lineEquation(state.slope, state.intercept)} with MSE `
        + `${figureNumber(line.mse)}, at the bottom of the contour valley (gradient length ${figureNumber(g)}).`
      : `Your line ${lineEquation(state.slope, state.intercept)} has MSE ${figureNumber(line.mse)}, the mean area of `
        + `the ${points.x.length} squares; the gradient (${figureNumber(line.gradSlope)}, `
        + `${figureNumber(line.gradIntercept)}) points uphill on the contour map, so Fit walks the other way.`);
    this.numbers.set([
      { label: 'Slope', value: state.slope },
      { label: 'Intercept', value: state.intercept },
      { label: 'MSE', value: line.mse },
      { label: 'RMSE', value: line.rmse },
      { label: 'MAE', value: line.mae },
      { label: 'Gradient dMSE/dSlope', value: line.gradSlope },
      { label: 'Gradient dMSE/dIntercept', value: line.gradIntercept },
      { label: 'Descent steps', value: this.steps },
      ...(fits ? ['mse', 'l1', 'huber'].flatMap((id) => [
        { label: `${id === 'l1' ? 'L1' : id === 'mse' ? 'MSE' : 'Huber'} fit: slope`, value: fits[id].slope },
        { label: `${id === 'l1' ? 'L1' : id === 'mse' ? 'MSE' : 'Huber'} fit: intercept`, value: fits[id].intercept },
      ]) : []),
    ]);
  }

  /** A data point was dragged (or moved by keys): the data, the squares and the contour map follow. */
  movePoint(index, point, done) {
    this.stopPlayback();
    this.dragging = !done;
    this.edits.set(index, point);
    this.path = null;
    this.steps = 0;
    this.requestUpdate();
  }

  /** The reader took the line: stop any fit in progress (its path stays drawn on the contour map). */
  userMove(changes) {
    this.stopPlayback();
    this.setState(changes);
  }

  /** A handle moved to y = value at its x; the other handle stays, so the line turns about it. */
  moveHandle(index, value) {
    const [xl, xr] = HANDLE_X;
    const left = index === 0 ? value : this.state.slope * xl + this.state.intercept;
    const right = index === 1 ? value : this.state.slope * xr + this.state.intercept;
    const slope = (right - left) / (xr - xl);
    this.userMove({ slope, intercept: left - slope * xl });
  }

  /** Gradient descent on the core's MSE from the current line; plays the path back (or jumps to its end). */
  fit() {
    if (!this.core) return;
    this.stopPlayback();
    const path = descend(this.core, 'mse', this.points(this.state), this.state);
    this.path = { ...path, shown: 0 };
    const last = path.slopes.length - 1;
    if (reducedMotion() || last === 0) {
      this.showStep(last);
      return;
    }
    const perFrame = Math.max(1, Math.ceil(last / PLAYBACK_FRAMES));
    const tick = () => {
      const next = Math.min(last, this.path.shown + perFrame);
      this.showStep(next);
      this.playback = next < last ? requestAnimationFrame(tick) : 0;
    };
    this.playback = requestAnimationFrame(tick);
  }

  showStep(index) {
    this.path.shown = index;
    this.steps = index;
    this.setState({ slope: this.path.slopes[index], intercept: this.path.intercepts[index] });
  }

  stopPlayback() {
    cancelAnimationFrame(this.playback);
    this.playback = 0;
  }

  stop() {
    this.stopPlayback();
  }
}

customElements.define('mse-explorer', MseExplorer);
