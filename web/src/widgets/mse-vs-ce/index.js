// <mse-vs-ce>: MSE and binary cross-entropy on the same prediction p, their losses and gradients against p, and the
// same seen from the logit z = log(p / (1 − p)) through the sigmoid, where MSE's gradient vanishes at the extremes.
// Before pressing "Confidently wrong" the reader can commit a prediction of which loss pushes harder.
import { figureNumber } from '../../plot/frame.js';
import { createLinePlot } from '../../plot/line-plot.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { createPrediction } from '../shared/predict.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { spreadLabels } from '../regression-losses/spread-labels.js';
import { computeCurves, computePoint, Z_RANGE } from './compute.js';
import { CONFIDENTLY_WRONG, P_RANGE, schema } from './state.js';
import './mse-vs-ce.css';

const GRAD_P_DOMAIN = { 1: [-25, 3], 0: [-3, 25] }; // BCE's −1/p reaches −20 at p = 0.05: keep that in view
const f3 = figureNumber;

export class MseVsCe extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.curveCache = new Map();
    this.p = bind(this, 'p', slider(this, { name: 'p', label: 'Prediction p', min: P_RANGE[0], max: P_RANGE[1],
      step: 0.001, value: this.state.p, format: (v) => formatNumber(v, 4) }));
    this.y = bind(this, 'y', select(this, { name: 'y', label: 'Target y', value: this.state.y,
      options: [{ value: 0, text: '0' }, { value: 1, text: '1' }] }), { parse: Number });
    this.preset = button('Confidently wrong', () => this.runConfidentlyWrong(), { name: 'preset' });
    this.prediction = createPrediction(this, {
      objective: 'mse-vs-ce',
      question: 'Which loss pushes harder from a confidently wrong start (p = 0.05, y = 1)?',
      choices: [
        { value: 'mse', text: 'MSE' },
        { value: 'ce', text: 'Cross-entropy' },
        { value: 'same', text: 'About the same' },
      ],
    });

    this.readouts = {
      mseLoss: readout(this, { name: 'mse-loss', label: 'MSE loss' }),
      bceLoss: readout(this, { name: 'bce-loss', label: 'BCE loss' }),
      mseGrad: readout(this, { name: 'mse-grad', label: 'MSE gradient' }),
      bceGrad: readout(this, { name: 'bce-grad', label: 'BCE gradient' }),
    };

    const series = [{ id: 'mse', label: 'MSE', concept: 'mse' }, { id: 'bce', label: 'BCE', concept: 'ce', dashed: true }];
    const plot = (o) => createLinePlot({ series, height: 230, ...o });
    this.plots = {
      lossP: plot({ description: 'MSE and binary cross-entropy against the prediction p for the chosen target, with '
        + 'the current p marked.', xLabel: 'prediction p', yLabel: 'loss', xDomain: [0, 1], yDomain: [0, 7] }),
      gradP: plot({ description: 'The gradients dMSE/dp = 2(p − y) and dBCE/dp against p: BCE\'s grows without '
        + 'bound as p moves away from the target, MSE\'s never exceeds 2.', xLabel: 'prediction p',
      yLabel: 'dL/dp', xDomain: [0, 1], yDomain: GRAD_P_DOMAIN[1] }),
      lossZ: plot({ description: 'MSE and binary cross-entropy against the logit z, with p = σ(z).',
        xLabel: 'logit z', yLabel: 'loss', xDomain: Z_RANGE, yDomain: [0, 8] }),
      gradZ: plot({ description: 'The gradients with respect to the logit z: dBCE/dz = p − y stays large while the '
        + 'prediction is wrong, dMSE/dz = 2(p − y)·p(1 − p) vanishes at both ends.', xLabel: 'logit z',
      yLabel: 'dL/dz', xDomain: Z_RANGE, yDomain: [-1.05, 1.05] }),
    };

    this.caption = caption(this);
    this.numbers = numbers(this);
    const how = howItWorks([
      h('p', { text: 'Against p, BCE\'s gradient −1/p (for y = 1) grows without bound as the prediction moves away '
        + 'from the target, while MSE\'s 2(p − y) never exceeds 2 in size.' }),
      h('p', { text: 'A network outputs a logit z and p = σ(z). Through the sigmoid, MSE\'s gradient is multiplied by '
        + 'σ\'(z) = p(1 − p), which is tiny near 0 and 1: a confidently wrong prediction barely moves. BCE\'s logit '
        + 'gradient is p − y, large exactly when the prediction is wrong.' }),
      h('p', { text: 'Every number comes from core.curves: the \'probability\' kind returns each loss, its gradient '
        + 'on p and its gradient on the logit (the chain rule through σ applied in the core), and the \'logit\' kind '
        + 'draws the lower pair of plots.' }),
    ]);
    const head = (text) => h('p', { class: 'mvc-plot-heading', text });
    body.append(
      head('Against the prediction p'),
      h('div', { class: 'll-figures' }, this.plots.lossP.element, this.plots.gradP.element),
      head('Against the logit z, through p = σ(z)'),
      h('div', { class: 'll-figures' }, this.plots.lossZ.element, this.plots.gradZ.element),
      this.caption.element,
      h('div', { class: 'll-controls' }, this.p.element, this.y.element, h('div', { class: 'll-buttons' }, this.preset)),
      this.prediction.element,
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      how,
    );
  }

  /** The preset is the experiment the prediction is about: set it, and reveal once it has been drawn. */
  runConfidentlyWrong() {
    this.pendingReveal = true;
    this.setState(CONFIDENTLY_WRONG);
  }

  curvesFor(core, y) {
    if (!this.curveCache.has(y)) this.curveCache.set(y, computeCurves(core, y));
    return this.curveCache.get(y);
  }

  compute(core, state) {
    return { curves: this.curvesFor(core, state.y), point: computePoint(core, state) };
  }

  render({ curves, point }, state) {
    const r = this.readouts;
    for (const key of ['mseLoss', 'bceLoss', 'mseGrad', 'bceGrad']) r[key].showNumber(point[key]);
    const changed = this.drawnY !== state.y;
    this.drawnY = state.y;
    const pair = (x, mse, bce) => (changed ? { mse: { x, y: mse }, bce: { x, y: bce } } : {});
    const { pSweep, zSweep } = curves;
    const dots = (x, mse, bce) => [{ series: 'mse', x, y: mse }, { series: 'bce', x, y: bce }];
    this.plots.lossP.update({ lines: pair(pSweep, curves.mseP, curves.bceP),
      points: dots(state.p, point.mseLoss, point.bceLoss) });
    this.plots.gradP.update({ yDomain: GRAD_P_DOMAIN[state.y], lines: pair(pSweep, curves.mseGradP, curves.bceGradP),
      points: dots(state.p, point.mseGrad, point.bceGrad) });
    this.plots.lossZ.update({ lines: pair(zSweep, curves.mseZ, curves.bceZ),
      points: dots(point.z, point.mseLoss, point.bceLoss) });
    this.plots.gradZ.update({ lines: pair(zSweep, curves.mseGradZ, curves.bceGradZ),
      points: dots(point.z, point.mseGradLogit, point.bceGradLogit) });

    for (const plot of Object.values(this.plots)) spreadLabels(plot);
    const ratio = Math.abs(point.bceGradLogit / point.mseGradLogit);
    const wrong = Math.abs(state.p - state.y) > 0.5;
    this.caption.set(`At p = ${f3(state.p)} with y = ${state.y}, the logit gradient is ${f3(point.bceGradLogit)} for BCE `
      + `and ${f3(point.mseGradLogit)} for MSE`
      + (Number.isFinite(ratio) && ratio > 1.05 ? `: cross-entropy pushes ${f3(ratio)}× harder` : '')
      + (wrong ? ', because the sigmoid multiplies MSE\'s push by p(1 − p).' : '.'));
    this.numbers.set([
      { label: 'Prediction p', value: state.p },
      { label: 'Logit z = log(p / (1 − p))', value: point.z },
      { label: 'MSE loss', value: point.mseLoss },
      { label: 'BCE loss', value: point.bceLoss },
      { label: 'MSE gradient', value: point.mseGrad },
      { label: 'BCE gradient', value: point.bceGrad },
      { label: 'MSE gradient (logit)', value: point.mseGradLogit },
      { label: 'BCE gradient (logit)', value: point.bceGradLogit },
    ]);

    if (this.pendingReveal) {
      this.pendingReveal = false;
      const harder = Math.abs(point.bceGradLogit) > 1.5 * Math.abs(point.mseGradLogit) ? 'ce'
        : Math.abs(point.mseGradLogit) > 1.5 * Math.abs(point.bceGradLogit) ? 'mse' : 'same';
      this.prediction.reveal(harder, `On the logit, cross-entropy's gradient is ${f3(point.bceGradLogit)} and MSE's only `
        + `${f3(point.mseGradLogit)}: ${f3(ratio)}× harder for cross-entropy.`);
    }
  }
}

customElements.define('mse-vs-ce', MseVsCe);
