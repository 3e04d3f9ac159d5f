// <regression-losses>: MSE, L1, Huber and Smooth L1 against the error e = prediction - target. Move the error,
// Huber's delta and Smooth L1's beta; read each loss and its gradient dL/de from the core, and see the losses
// and the gradients as curves (MSE's gradient grows without bound, L1's is ±1, Huber and Smooth L1 are capped).
import { createLinePlot } from '../../plot/line-plot.js';
import { readout, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeRegression, LOSSES } from './compute.js';
import { ERROR_RANGE, schema } from './state.js';
import './regression-losses.css';

const NAMES = { mse: 'MSE', l1: 'L1', huber: 'Huber', smoothL1: 'Smooth L1' };
// Smooth L1 dashed: at beta = 0 it lies exactly on L1, and at delta = beta = 1 on Huber; the dashes keep both visible.
const SERIES = LOSSES.map((id) => ({ id, label: NAMES[id], dashed: id === 'smoothL1' }));
const SAME = 1e-9; // sliders step by 0.05, so delta and beta are either equal or at least 0.05 apart

export class RegressionLosses extends LossLabWidget {
  static title = 'Regression Losses';
  static schema = schema;

  build(body) {
    const fmt = (v) => formatNumber(v, 4);
    this.error = slider(this, { name: 'e', label: 'Error', min: ERROR_RANGE[0], max: ERROR_RANGE[1], step: 0.05,
      value: this.state.e, format: fmt });
    this.error.onInput((e) => this.setState({ e }));
    this.delta = slider(this, { name: 'delta', label: 'Delta δ', min: schema.delta.min, max: schema.delta.max,
      step: 0.05, value: this.state.delta, format: fmt });
    this.delta.onInput((delta) => this.setState({ delta }));
    this.beta = slider(this, { name: 'beta', label: 'Beta β', min: schema.beta.min, max: schema.beta.max,
      step: 0.05, value: this.state.beta, format: fmt });
    this.beta.onInput((beta) => this.setState({ beta }));

    this.readouts = {};
    for (const id of LOSSES) {
      this.readouts[id] = {
        loss: readout(this, { name: `${id}-loss`, label: `${NAMES[id]} loss` }),
        grad: readout(this, { name: `${id}-grad`, label: `${NAMES[id]} gradient` }),
      };
    }

    this.lossPlot = createLinePlot({
      description: 'MSE, L1, Huber and Smooth L1 losses against the error e from −4 to 4, with the current error marked.',
      xLabel: 'error e = prediction − target', yLabel: 'loss', xDomain: ERROR_RANGE, yDomain: [0, 6], series: SERIES,
    });
    this.gradPlot = createLinePlot({
      description: 'The gradients dL/de of MSE, L1, Huber and Smooth L1 against the error e, with the current error marked.',
      xLabel: 'error e = prediction − target', yLabel: 'dL/de', xDomain: ERROR_RANGE, yDomain: [-4.2, 4.2], series: SERIES,
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.error.element, this.delta.element, this.beta.element);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts rl-readouts';
    // Loss row, then gradient row, in the same order as the legend.
    readouts.append(...LOSSES.map((id) => this.readouts[id].loss.element),
      ...LOSSES.map((id) => this.readouts[id].grad.element));
    this.relation = document.createElement('p');
    this.relation.className = 'll-note';
    this.relation.setAttribute('aria-live', 'polite');
    const plots = document.createElement('div');
    plots.className = 'll-plots';
    plots.append(this.lossPlot.element, this.gradPlot.element);
    body.append(controls, readouts, this.relation, plots);
  }

  compute(core, state) {
    return computeRegression(core, state);
  }

  render({ sweep, curves, current }, state) {
    this.error.set(state.e);
    this.delta.set(state.delta);
    this.beta.set(state.beta);
    for (const id of LOSSES) {
      this.readouts[id].loss.showNumber(current[id].loss);
      this.readouts[id].grad.showNumber(current[id].grad);
    }
    this.relation.textContent = relationNote(state, current);
    const pick = (key) => Object.fromEntries(LOSSES.map((id) => [id, { x: sweep, y: curves[id][key] }]));
    const marks = (key) => LOSSES.map((id) => ({ series: id, x: state.e, y: current[id][key] }));
    this.lossPlot.update({ lines: pick('loss'), points: marks('loss') });
    this.gradPlot.update({ lines: pick('grad'), points: marks('grad') });
  }
}

/** huber(delta) = delta * smoothL1(beta = delta): stated with the core's two numbers when delta = beta. */
function relationNote({ delta, beta }, current) {
  const f = (v) => formatNumber(v, 4);
  if (Math.abs(delta - beta) < SAME) {
    const scaled = delta * current.smoothL1.loss;
    const g = (v) => formatNumber(v); // the readouts' 6 digits, so the note and the readouts agree
    return `Now δ = β = ${f(delta)}: Huber loss ${g(current.huber.loss)} = δ × Smooth L1 loss = ${f(delta)} × `
      + `${g(current.smoothL1.loss)} = ${g(scaled)}. In general huber(δ) = δ · smoothL1(β = δ): the same shape, `
      + 'scaled by δ (so Huber\'s gradient tops out at δ, Smooth L1\'s at 1).';
  }
  return `Huber and Smooth L1 are the same curve up to a factor: huber(δ) = δ · smoothL1(β = δ). Set β equal to δ `
    + `(now δ = ${f(delta)}, β = ${f(beta)}) to see it.${beta === 0 ? ' At β = 0, Smooth L1 is exactly L1.' : ''}`;
}

customElements.define('regression-losses', RegressionLosses);
