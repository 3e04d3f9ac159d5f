// <mse-vs-ce>: MSE and binary cross-entropy on the same prediction p, their losses and gradients against p, and the
// same seen from the logit z = log(p / (1 − p)) through the sigmoid, where MSE's gradient vanishes at the extremes.
import { createLinePlot } from '../../plot/line-plot.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeComparison, Z_RANGE } from './compute.js';
import { CONFIDENTLY_WRONG, P_RANGE, schema } from './state.js';
import './mse-vs-ce.css';

const GRAD_P_DOMAIN = { 1: [-25, 3], 0: [-3, 25] }; // BCE's −1/p reaches −20 at p = 0.05: keep that in view

export class MseVsCe extends LossLabWidget {
  static title = 'MSE vs Cross-Entropy';
  static schema = schema;

  build(body) {
    this.p = slider(this, { name: 'p', label: 'Prediction p', min: P_RANGE[0], max: P_RANGE[1], step: 0.001,
      value: this.state.p, format: (v) => formatNumber(v, 4) });
    this.p.onInput((p) => this.setState({ p }));
    this.y = select(this, { name: 'y', label: 'Target y', value: this.state.y,
      options: [{ value: 0, text: '0' }, { value: 1, text: '1' }] });
    this.y.onChange((y) => this.setState({ y: Number(y) }));
    this.preset = button('Confidently wrong', () => this.setState(CONFIDENTLY_WRONG));

    this.readouts = {
      mseLoss: readout(this, { name: 'mse-loss', label: 'MSE loss' }),
      bceLoss: readout(this, { name: 'bce-loss', label: 'BCE loss' }),
      mseGrad: readout(this, { name: 'mse-grad', label: 'MSE gradient' }),
      bceGrad: readout(this, { name: 'bce-grad', label: 'BCE gradient' }),
      mseGradLogit: readout(this, { name: 'mse-grad-z', label: 'MSE gradient (logit)' }),
      bceGradLogit: readout(this, { name: 'bce-grad-z', label: 'BCE gradient (logit)' }),
    };

    const series = (what) => [{ id: 'mse', label: `MSE ${what}` }, { id: 'bce', label: `BCE ${what}`, dashed: true }];
    this.plots = {
      lossP: createLinePlot({ description: 'MSE and binary cross-entropy against the prediction p for the chosen '
        + 'target, with the current p marked.', xLabel: 'prediction p', yLabel: 'loss', xDomain: [0, 1],
      yDomain: [0, 7], series: series('loss') }),
      gradP: createLinePlot({ description: 'The gradients dMSE/dp = 2(p − y) and dBCE/dp against p: BCE\'s grows '
        + 'without bound as p moves away from the target, MSE\'s never exceeds 2.', xLabel: 'prediction p',
      yLabel: 'gradient w.r.t. p', xDomain: [0, 1], yDomain: GRAD_P_DOMAIN[1], series: series('dL/dp') }),
      lossZ: createLinePlot({ description: 'MSE and binary cross-entropy against the logit z, with p = σ(z).',
        xLabel: 'logit z', yLabel: 'loss', xDomain: Z_RANGE, yDomain: [0, 8], series: series('loss') }),
      gradZ: createLinePlot({ description: 'The gradients with respect to the logit z: dBCE/dz = p − y stays large '
        + 'while the prediction is wrong, dMSE/dz = 2(p − y)·p(1 − p) vanishes at both ends.', xLabel: 'logit z',
      yLabel: 'gradient w.r.t. z', xDomain: Z_RANGE, yDomain: [-1.05, 1.05], series: series('dL/dz') }),
    };

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.p.element, this.y.element);
    const buttons = document.createElement('div');
    buttons.className = 'll-buttons';
    buttons.append(this.preset);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    this.note = document.createElement('p');
    this.note.className = 'll-note';
    const method = document.createElement('p');
    method.className = 'll-note';
    method.textContent = 'Gradients with respect to p come from core.mse and core.bce; BCE\'s gradient with respect '
      + 'to the logit comes from core.bceWithLogits, and MSE\'s by the chain rule on the core\'s value: '
      + 'dMSE/dz = dMSE/dp · p(1 − p).';
    const headingP = document.createElement('p');
    headingP.className = 'mvc-plot-heading';
    headingP.textContent = 'Against the prediction p';
    const headingZ = document.createElement('p');
    headingZ.className = 'mvc-plot-heading';
    headingZ.textContent = 'Against the logit z, through p = σ(z)';
    const plotsP = document.createElement('div');
    plotsP.className = 'll-plots';
    plotsP.append(this.plots.lossP.element, this.plots.gradP.element);
    const plotsZ = document.createElement('div');
    plotsZ.className = 'll-plots';
    plotsZ.append(this.plots.lossZ.element, this.plots.gradZ.element);
    body.append(controls, buttons, readouts, this.note, headingP, plotsP, headingZ, plotsZ, method);
  }

  compute(core, state) {
    return computeComparison(core, state);
  }

  render(data, state) {
    this.p.set(state.p);
    this.y.set(state.y);
    const r = this.readouts;
    for (const key of ['mseLoss', 'bceLoss', 'mseGrad', 'bceGrad', 'mseGradLogit', 'bceGradLogit']) {
      r[key].showNumber(data[key]);
    }
    const { pSweep, zSweep, curves } = data;
    this.plots.lossP.update({
      lines: { mse: { x: pSweep, y: curves.mseP }, bce: { x: pSweep, y: curves.bceP } },
      points: [{ series: 'mse', x: state.p, y: data.mseLoss }, { series: 'bce', x: state.p, y: data.bceLoss }],
    });
    this.plots.gradP.update({
      yDomain: GRAD_P_DOMAIN[state.y],
      lines: { mse: { x: pSweep, y: curves.mseGradP }, bce: { x: pSweep, y: curves.bceGradP } },
      points: [{ series: 'mse', x: state.p, y: data.mseGrad }, { series: 'bce', x: state.p, y: data.bceGrad }],
    });
    this.plots.lossZ.update({
      lines: { mse: { x: zSweep, y: curves.mseZ }, bce: { x: zSweep, y: curves.bceZ } },
      points: [{ series: 'mse', x: data.z, y: data.mseLoss }, { series: 'bce', x: data.z, y: data.bceLoss }],
    });
    this.plots.gradZ.update({
      lines: { mse: { x: zSweep, y: curves.mseGradZ }, bce: { x: zSweep, y: curves.bceGradZ } },
      points: [{ series: 'mse', x: data.z, y: data.mseGradLogit }, { series: 'bce', x: data.z, y: data.bceGradLogit }],
    });
    const f = (v) => formatNumber(v, 4);
    this.note.textContent = `At p = ${f(state.p)} with y = ${state.y}: on p, BCE's gradient is ${f(data.bceGrad)} and `
      + `MSE's is ${f(data.mseGrad)}; on the logit, BCE's is ${f(data.bceGradLogit)} and MSE's only `
      + `${f(data.mseGradLogit)}, because the sigmoid multiplies it by p(1 − p), which is tiny near 0 and 1.`;
  }
}

customElements.define('mse-vs-ce', MseVsCe);
