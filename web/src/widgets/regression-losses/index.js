// <regression-losses>: MSE, L1, Huber and Smooth L1 against the error e = prediction - target. Move the error,
// Huber's delta and Smooth L1's beta; each loss and its gradient dL/de come from the core (core.curves('error')),
// drawn as curves with the current error marked and its values written beside the dots.
import { figureNumber } from '../../plot/frame.js';
import { createLinePlot } from '../../plot/line-plot.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { readout, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeCurves, computePoint, LOSSES } from './compute.js';
import { spreadLabels } from './spread-labels.js';
import { ERROR_RANGE, schema } from './state.js';
import './regression-losses.css';

const NAMES = { mse: 'MSE', l1: 'L1', huber: 'Huber', smoothL1: 'Smooth L1' };
const CONCEPT = { mse: 'mse', l1: 'l1', huber: 'huber', smoothL1: 'smoothl1' };
// Smooth L1 dashed: at beta = 0 it lies exactly on L1, and at delta = beta = 1 on Huber; the dashes keep both visible.
const SERIES = LOSSES.map((id) => ({ id, label: NAMES[id], concept: CONCEPT[id], dashed: id === 'smoothL1' }));
const SAME = 1e-9; // sliders step by 0.05, so delta and beta are either equal or at least 0.05 apart
const f3 = figureNumber;

export class RegressionLosses extends LossLabWidget {
  static schema = schema;

  build(body) {
    const fmt = (v) => formatNumber(v, 4);
    const control = (key, label) => bind(this, key, slider(this, { name: key, label, min: schema[key].min,
      max: schema[key].max, step: 0.05, value: this.state[key], format: fmt }));
    this.error = control('e', 'Error');
    this.delta = control('delta', 'Delta δ');
    this.beta = control('beta', 'Beta β');

    this.readouts = Object.fromEntries(LOSSES.map((id) => [id, readout(this, { name: `${id}-loss`, label: `${NAMES[id]} loss` })]));

    this.lossPlot = createLinePlot({
      description: 'MSE, L1, Huber and Smooth L1 losses against the error e from −4 to 4, with the current error marked.',
      xLabel: 'error e = prediction − target', yLabel: 'loss', xDomain: ERROR_RANGE, yDomain: [0, 8], series: SERIES,
    });
    this.gradPlot = createLinePlot({
      description: 'The gradients dL/de of MSE, L1, Huber and Smooth L1 against the error e, with the current error marked.',
      xLabel: 'error e = prediction − target', yLabel: 'dL/de', xDomain: ERROR_RANGE, yDomain: [-4.2, 4.2], series: SERIES,
    });
    this.caption = caption(this);
    this.numbers = numbers(this);
    const how = howItWorks([
      h('p', { text: 'MSE squares the error, so its gradient 2e grows without bound and one large error dominates. '
        + 'L1 charges |e|: its gradient is ±1 however large the error, and has a kink at 0.' }),
      h('p', { text: 'Huber is quadratic (½e²) inside |e| ≤ δ and linear outside, so its gradient is capped at ±δ. '
        + 'Smooth L1 is quadratic (½e²/β) inside |e| < β and |e| − ½β outside: its gradient is capped at ±1. '
        + 'The two are the same shape up to a factor: huber(δ) = δ · smoothL1(β = δ), and at β = 0 Smooth L1 is L1.' }),
      h('p', { text: 'The curves are one core call (core.curves(\'error\')), redone only when δ or β changes; the '
        + 'marked values are a second, two-point call at the current error.' }),
    ]);
    body.append(
      h('div', { class: 'll-figures' }, this.lossPlot.element, this.gradPlot.element),
      this.caption.element,
      h('div', { class: 'll-controls' }, this.error.element, this.delta.element, this.beta.element),
      h('div', { class: 'll-readouts' }, LOSSES.map((id) => this.readouts[id].element)),
      this.numbers.element,
      how,
    );
  }

  compute(core, state) {
    const stale = !this.curves || this.curves.delta !== state.delta || this.curves.beta !== state.beta;
    const fresh = stale ? computeCurves(core, state) : null;
    if (fresh) this.curves = fresh;
    return { curves: this.curves, fresh: Boolean(fresh), current: computePoint(core, state) };
  }

  render({ curves, fresh, current }, state) {
    for (const id of LOSSES) this.readouts[id].showNumber(current[id].loss);
    const pick = (key) => (fresh ? Object.fromEntries(LOSSES.map((id) => [id, { x: curves.sweep, y: curves.curves[id][key] }])) : {});
    const marks = (key) => LOSSES.map((id) => ({ series: id, x: state.e, y: current[id][key] }));
    this.lossPlot.update({ lines: pick('loss'), points: marks('loss') });
    this.gradPlot.update({ lines: pick('grad'), points: marks('grad') });
    spreadLabels(this.lossPlot);
    spreadLabels(this.gradPlot);
    this.caption.set(captionText(state, current));
    this.numbers.set(LOSSES.flatMap((id) => [
      { label: `${NAMES[id]} loss`, value: current[id].loss },
      { label: `${NAMES[id]} gradient`, value: current[id].grad },
    ]).concat([{ label: 'Error e', value: state.e }, { label: 'Delta δ', value: state.delta }, { label: 'Beta β', value: state.beta }]));
  }
}

/** One sentence: what the four losses do at this error, or, when δ = β, the relation huber(δ) = δ · smoothL1(β = δ). */
function captionText({ e, delta, beta }, current) {
  const f = (v) => formatNumber(v, 4);
  if (Math.abs(delta - beta) < SAME) {
    const g = (v) => formatNumber(v); // the readouts' 6 digits, so the caption and the readouts agree
    return `Now δ = β = ${f(delta)}: Huber loss ${g(current.huber.loss)} = δ × Smooth L1 loss = ${f(delta)} × `
      + `${g(current.smoothL1.loss)} = ${g(delta * current.smoothL1.loss)}, the same curve scaled by δ.`;
  }
  return `At e = ${f3(e)}, MSE charges ${f3(current.mse.loss)} with gradient ${f3(current.mse.grad)}, while Huber `
    + `(δ = ${f3(delta)}) and Smooth L1 (β = ${f3(beta)}) have gradients ${f3(current.huber.grad)} and `
    + `${f3(current.smoothL1.grad)}, never beyond ±δ and ±1; set β equal to δ to see huber(δ) = δ · smoothL1(β = δ).`;
}

customElements.define('regression-losses', RegressionLosses);
