// <mse-explorer>: a seeded scatter and a line set by the Slope / Intercept sliders or by dragging its two handles.
// Each residual is a square whose area is its squared error; the MSE is their mean area. Fit runs gradient descent
// on the core's MSE gradient; "Add outlier" adds a far-off point and shows the MSE, L1 and Huber best fits.
import { createLinePlot } from '../../plot/line-plot.js';
import { button, checkbox, readout, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { computeLine, descend, fitThree, HUBER_DELTA } from './compute.js';
import { makePoints, POINT_COUNT } from './data.js';
import { createScatter } from './scatter.js';
import {
  HANDLE_RANGE, HANDLE_STEP, HANDLE_X, INTERCEPT_RANGE, SLOPE_RANGE, X_DOMAIN, Y_DOMAIN, schema,
} from './state.js';
import './mse-explorer.css';

const PLAYBACK_FRAMES = 150; // a fit plays in about 2.5 s at 60 frames a second, however many steps it took

export class MseExplorer extends LossLabWidget {
  static title = 'MSE Explorer';
  static schema = schema;

  build(body) {
    // Fits with the outlier, per seed: ~2300 tiny core calls, so only when the data changes (not per frame).
    this.fitCache = new Map();
    this.path = null;
    this.steps = 0;

    this.slope = slider(this, { name: 'slope', label: 'Slope', min: SLOPE_RANGE[0], max: SLOPE_RANGE[1], step: 0.01,
      value: this.state.slope, format: (v) => formatNumber(v, 4) });
    this.slope.onInput((slope) => this.userMove({ slope }));
    this.intercept = slider(this, { name: 'intercept', label: 'Intercept', min: INTERCEPT_RANGE[0],
      max: INTERCEPT_RANGE[1], step: 0.01, value: this.state.intercept, format: (v) => formatNumber(v, 4) });
    this.intercept.onInput((intercept) => this.userMove({ intercept }));
    this.outlier = checkbox(this, { name: 'outlier', label: 'Add outlier', checked: this.state.outlier });
    this.outlier.onChange((outlier) => { this.stopPlayback(); this.setState({ outlier }); });

    this.fitButton = button('Fit', () => this.fit());
    this.newDataButton = button('New points', () => {
      this.stopPlayback();
      this.path = null;
      this.steps = 0;
      this.setState({ seed: (this.state.seed % schema.seed.max) + 1 });
    });

    this.readouts = {
      mse: readout(this, { name: 'mse', label: 'MSE' }),
      rmse: readout(this, { name: 'rmse', label: 'RMSE' }),
      mae: readout(this, { name: 'mae', label: 'MAE' }),
      gradSlope: readout(this, { name: 'grad-slope', label: 'Gradient dMSE/dSlope' }),
      gradIntercept: readout(this, { name: 'grad-intercept', label: 'Gradient dMSE/dIntercept' }),
      steps: readout(this, { name: 'steps', label: 'Descent steps' }),
    };

    this.scatter = createScatter({
      description: 'Scatter plot of the data with your line. Each residual is drawn as a square whose area is its '
        + 'squared error; the MSE is the mean area of the squares. Two handles on the line can be dragged or moved '
        + 'with the arrow keys.',
      xDomain: X_DOMAIN, yDomain: Y_DOMAIN, handleX: HANDLE_X, handleRange: HANDLE_RANGE, handleStep: HANDLE_STEP,
      handleValue: (index) => this.state.slope * HANDLE_X[index] + this.state.intercept,
      onHandle: (index, value) => this.moveHandle(index, value),
    });
    this.inset = createLinePlot({
      description: 'The path gradient descent took in the (slope, intercept) plane, with the current line marked.',
      xLabel: 'slope', yLabel: 'intercept', xDomain: [-1, 1], yDomain: [-1, 1], width: 380, height: 280,
      series: [{ id: 'path', label: 'descent path (Fit)' }],
    });
    this.inset.element.classList.add('mse-inset');

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.slope.element, this.intercept.element, this.outlier.element);
    const buttons = document.createElement('div');
    buttons.className = 'll-buttons';
    buttons.append(this.fitButton, this.newDataButton);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    const plots = document.createElement('div');
    plots.className = 'll-plots mse-plots';
    plots.append(this.scatter.element, this.inset.element);
    const note = document.createElement('p');
    note.className = 'll-note';
    note.textContent = 'The core returns dMSE/dŷᵢ for each prediction ŷᵢ = slope·xᵢ + intercept; the chain rule '
      + 'gives dMSE/dSlope = Σ (dMSE/dŷᵢ)·xᵢ and dMSE/dIntercept = Σ dMSE/dŷᵢ. Fit steps downhill until the '
      + `gradient's length is below 10⁻⁶ (at most 2000 steps). With the outlier, the MSE, L1 and Huber (δ = ${HUBER_DELTA}) `
      + 'lines are each fitted by descent on that loss: the squared error lets one far point pull the MSE line.';
    body.append(controls, buttons, readouts, plots, note);
  }

  points(state) {
    return makePoints(state.seed, state.outlier);
  }

  compute(core, state) {
    const points = this.points(state);
    const line = computeLine(core, points, state.slope, state.intercept);
    let fits = null;
    if (state.outlier) {
      if (!this.fitCache.has(state.seed)) this.fitCache.set(state.seed, fitThree(core, points));
      fits = this.fitCache.get(state.seed);
    }
    return { points, line, fits };
  }

  render({ points, line, fits }, state) {
    this.slope.set(state.slope);
    this.intercept.set(state.intercept);
    this.outlier.set(state.outlier);
    const r = this.readouts;
    r.mse.showNumber(line.mse);
    r.rmse.showNumber(line.rmse);
    r.mae.showNumber(line.mae);
    r.gradSlope.showNumber(line.gradSlope);
    r.gradIntercept.showNumber(line.gradIntercept);
    r.steps.set(String(this.steps), this.steps);
    this.scatter.update({
      points, predicted: line.predicted, slope: state.slope, intercept: state.intercept,
      outlierIndex: state.outlier ? POINT_COUNT : -1,
      fits: fits ? [
        { id: 'mse', label: 'MSE fit', series: 1, ...fits.mse },
        { id: 'l1', label: 'L1 (MAE) fit', series: 2, ...fits.l1 },
        { id: 'huber', label: `Huber (δ = ${HUBER_DELTA}) fit`, series: 3, ...fits.huber },
      ] : [],
    });
    this.renderInset(state);
  }

  renderInset(state) {
    const xs = this.path ? [...this.path.slopes, state.slope] : [state.slope];
    const ys = this.path ? [...this.path.intercepts, state.intercept] : [state.intercept];
    const pad = (lo, hi) => {
      const margin = Math.max(0.25, (hi - lo) * 0.12);
      return [lo - margin, hi + margin];
    };
    const shown = this.path ? this.path.shown : 0;
    this.inset.update({
      xDomain: pad(Math.min(...xs), Math.max(...xs)),
      yDomain: pad(Math.min(...ys), Math.max(...ys)),
      lines: { path: { x: this.path ? this.path.slopes.slice(0, shown + 1) : [], y: this.path ? this.path.intercepts.slice(0, shown + 1) : [] } },
      points: [{ series: 'path', x: state.slope, y: state.intercept }],
    });
  }

  /** The reader took the line: stop any fit in progress (its path stays drawn in the inset). */
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
