// <focal-loss>: focal loss alpha (1 - p_t)^gamma CE against p_t, the probability of the true class, next to plain
// cross-entropy (gamma = 0). Move gamma and alpha; read how much an easy (p_t = 0.9) and a hard (p_t = 0.1)
// example are down-weighted, all from core.softmaxFocal.
import { createLinePlot } from '../../plot/line-plot.js';
import { readout, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeFocal, referenceCurve } from './compute.js';
import { EASY_PT, HARD_PT, schema } from './state.js';

export class FocalLoss extends LossLabWidget {
  static title = 'Focal Loss';
  static schema = schema;

  build(body) {
    const fmt = (v) => formatNumber(v, 4);
    this.gamma = slider(this, { name: 'gamma', label: 'Gamma γ', min: 0, max: 5, step: 0.1, value: this.state.gamma, format: fmt });
    this.gamma.onInput((gamma) => this.setState({ gamma }));
    this.alpha = slider(this, { name: 'alpha', label: 'Alpha α', min: 0, max: 1, step: 0.05, value: this.state.alpha, format: fmt });
    this.alpha.onInput((alpha) => this.setState({ alpha }));

    this.readouts = {
      easyFactor: readout(this, { name: 'easy-factor', label: `Down-weighting (easy, p_t = ${EASY_PT})` }),
      hardFactor: readout(this, { name: 'hard-factor', label: `Down-weighting (hard, p_t = ${HARD_PT})` }),
      easyFocal: readout(this, { name: 'easy-focal', label: 'Focal loss (easy)' }),
      hardFocal: readout(this, { name: 'hard-focal', label: 'Focal loss (hard)' }),
      easyCe: readout(this, { name: 'easy-ce', label: 'Cross-entropy (easy)' }),
      hardCe: readout(this, { name: 'hard-ce', label: 'Cross-entropy (hard)' }),
    };

    this.plot = createLinePlot({
      description: 'Loss against p_t, the predicted probability of the true class, on a linear axis: cross-entropy '
        + '(γ = 0, dashed) and the focal loss for the chosen γ and α, with p_t = 0.1 and p_t = 0.9 marked.',
      xLabel: 'p_t (probability of the true class)', yLabel: 'loss (linear scale)', xDomain: [0, 1], yDomain: [0, 5],
      series: [
        { id: 'ce', label: 'cross-entropy (γ = 0)', dashed: true },
        { id: 'focal', label: 'focal loss (chosen γ and α)' },
      ],
    });

    this.factorPlot = createLinePlot({
      description: 'The down-weighting factor (1 − p_t)^γ against p_t for the chosen γ, next to γ = 0 where it is 1 '
        + 'everywhere, with p_t = 0.1 and p_t = 0.9 marked.',
      xLabel: 'p_t (probability of the true class)', yLabel: 'factor (1 − p_t)^γ', xDomain: [0, 1], yDomain: [0, 1.05],
      series: [
        { id: 'one', label: 'γ = 0 (factor 1)', dashed: true },
        { id: 'factor', label: '(1 − p_t)^γ (chosen γ)' },
      ],
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.gamma.element, this.alpha.element);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    this.summary = document.createElement('p');
    this.summary.className = 'll-note';
    this.summary.setAttribute('aria-live', 'polite');
    const note = document.createElement('p');
    note.className = 'll-note';
    note.textContent = 'Focal loss = α · (1 − p_t)^γ · cross-entropy. Down-weighting is the factor (1 − p_t)^γ, '
      + 'with 1 − p_t taken from the core\'s softmax; α scales every example alike.';
    const plots = document.createElement('div');
    plots.className = 'll-plots';
    plots.append(this.plot.element, this.factorPlot.element);
    body.append(controls, readouts, this.summary, plots, note);
  }

  compute(core, state) {
    // Cross-entropy does not depend on the sliders: computed on the first frame and kept with the instance.
    this.reference ??= referenceCurve(core);
    return computeFocal(core, state, this.reference);
  }

  render(data, state) {
    this.gamma.set(state.gamma);
    this.alpha.set(state.alpha);
    const { easy, hard } = data;
    const r = this.readouts;
    r.easyFactor.showNumber(easy.factor);
    r.hardFactor.showNumber(hard.factor);
    r.easyFocal.showNumber(easy.focal);
    r.hardFocal.showNumber(hard.focal);
    r.easyCe.showNumber(easy.ce);
    r.hardCe.showNumber(hard.ce);
    this.summary.textContent = summary(state, data);
    this.plot.update({
      lines: { ce: { x: data.sweep, y: data.ce }, focal: { x: data.sweep, y: data.focal } },
      points: [
        { series: 'ce', x: EASY_PT, y: easy.ce }, { series: 'ce', x: HARD_PT, y: hard.ce },
        { series: 'focal', x: EASY_PT, y: easy.focal }, { series: 'focal', x: HARD_PT, y: hard.focal },
      ],
    });
    this.factorPlot.update({
      lines: { one: { x: [0, 1], y: [1, 1] }, factor: { x: data.sweep, y: data.factor } },
      points: [{ series: 'factor', x: EASY_PT, y: easy.factor }, { series: 'factor', x: HARD_PT, y: hard.factor }],
    });
  }
}

function summary({ gamma }, { easy, hard }) {
  const f = (v) => formatNumber(v, 3);
  if (gamma === 0) return 'γ = 0: the focal loss is α × cross-entropy; no example is down-weighted.';
  return `With γ = ${f(gamma)}, the easy example's loss is cross-entropy divided by ${f(1 / easy.factor)}, the hard `
    + `one's only by ${f(1 / hard.factor)}: compared with cross-entropy, the hard example counts `
    + `${f(hard.factor / easy.factor)} times more relative to the easy one.`;
}

customElements.define('focal-loss', FocalLoss);
