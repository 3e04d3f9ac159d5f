// <focal-loss>: focal loss alpha (1 - p_t)^gamma CE against p_t, the probability of the true class, next to plain
// cross-entropy (gamma = 0), on a linear or a log loss axis; the down-weighting factor (1 - p_t)^gamma; and an
// imbalanced population (many easy examples, few hard ones) showing how each loss splits its total between them.
import { createBarChart } from '../../plot/bar-chart.js';
import { figureNumber } from '../../plot/frame.js';
import { createLinePlot } from '../../plot/line-plot.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { checkbox, readout, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { spreadLabels } from '../regression-losses/spread-labels.js';
import { computeCurves, computeExamples, referenceExamples } from './compute.js';
import { EASY_PT, HARD_PT, POPULATION, schema } from './state.js';

const f3 = figureNumber;
const percent = (v) => `${Number(v.toPrecision(3))}%`;
const LOG_DOMAIN = [1e-4, 10];

function lossPlot(log) {
  return createLinePlot({
    description: `Loss against p_t, the predicted probability of the true class, on a ${log ? 'log' : 'linear'} axis: `
      + 'cross-entropy (γ = 0, dashed) and the focal loss for the chosen γ and α, with p_t = 0.1 and p_t = 0.9 marked.',
    xLabel: 'p_t (probability of the true class)', yLabel: log ? 'loss (log scale)' : 'loss',
    xDomain: [0, 1], yDomain: log ? LOG_DOMAIN : [0, 5], yScale: log ? 'log' : 'linear',
    yFormat: log ? (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, 1) : '') : undefined,
    series: [
      { id: 'ce', label: 'cross-entropy', concept: 'ce', dashed: true },
      { id: 'focal', label: 'focal', concept: 'focal' },
    ],
  });
}

export class FocalLoss extends LossLabWidget {
  static schema = schema;

  build(body) {
    const fmt = (v) => formatNumber(v, 4);
    this.gamma = bind(this, 'gamma', slider(this, { name: 'gamma', label: 'Gamma γ', min: 0, max: 5, step: 0.1,
      value: this.state.gamma, format: fmt }));
    this.alpha = bind(this, 'alpha', slider(this, { name: 'alpha', label: 'Alpha α', min: 0, max: 1, step: 0.05,
      value: this.state.alpha, format: fmt }));
    this.log = bind(this, 'log', checkbox(this, { name: 'log', label: 'Log-scale loss axis', checked: this.state.log }));

    this.readouts = {
      easyFactor: readout(this, { name: 'easy-factor', label: `Down-weighting (easy, p_t = ${EASY_PT})` }),
      hardFactor: readout(this, { name: 'hard-factor', label: `Down-weighting (hard, p_t = ${HARD_PT})` }),
      easyFocal: readout(this, { name: 'easy-focal', label: 'Focal loss (easy)' }),
      hardFocal: readout(this, { name: 'hard-focal', label: 'Focal loss (hard)' }),
    };

    this.plot = lossPlot(this.state.log);
    this.factorPlot = createLinePlot({
      description: 'The down-weighting factor (1 − p_t)^γ against p_t for the chosen γ, next to γ = 0 where it is 1 '
        + 'everywhere, with p_t = 0.1 and p_t = 0.9 marked.',
      xLabel: 'p_t (probability of the true class)', yLabel: 'factor (1 − p_t)^γ', xDomain: [0, 1], yDomain: [0, 1.1],
      series: [
        { id: 'one', label: 'γ = 0', concept: 'neutral', dashed: true },
        { id: 'factor', label: '(1 − p_t)^γ', concept: 'focal' },
      ],
    });
    this.population = createBarChart({
      description: `An imbalanced population of ${POPULATION.easy} easy examples (p_t = ${EASY_PT}) and `
        + `${POPULATION.hard} hard ones (p_t = ${HARD_PT}): the share of the total loss each group carries under `
        + 'cross-entropy and under the focal loss.',
      xLabel: 'share of the total loss', yLabel: 'share (%)',
      yDomain: [0, 100], valueFormat: percent,
      series: [
        { id: 'easy', label: `${POPULATION.easy} easy (p_t = ${EASY_PT})`, concept: 'neutral' },
        { id: 'hard', label: `${POPULATION.hard} hard (p_t = ${HARD_PT})`, concept: 'warn' },
      ],
    });

    this.caption = caption(this);
    this.numbers = numbers(this);
    const how = howItWorks([
      h('p', { text: 'Focal loss = α · (1 − p_t)^γ · cross-entropy. The factor (1 − p_t)^γ is near 0 for an example '
        + 'the model already gets right (p_t near 1) and near 1 for one it gets wrong, so with γ > 0 the well-classified '
        + 'examples stop dominating the total. α scales every example alike.' }),
      h('p', { text: `The population is a detector's situation in miniature: ${POPULATION.easy} easy background `
        + `examples and ${POPULATION.hard} hard objects. Each easy example has a small cross-entropy, but there are so `
        + 'many that under cross-entropy they carry most of the total loss, and so most of the gradient. The focal '
        + 'factor shrinks each easy example far more than each hard one, and the split turns around.' }),
      h('p', { text: 'The curves come from core.curves(\'focal\') (cross-entropy and the unweighted focal loss in one '
        + 'call); the marked examples from core.softmaxFocal on two-class rows whose true-class probability is p_t; '
        + 'each group\'s total is its count times that per-example loss. The log axis shows how many orders of '
        + 'magnitude the factor removes from easy examples.' }),
    ]);
    this.figures = h('div', { class: 'll-figures' }, this.plot.element, this.factorPlot.element, this.population.element);
    body.append(
      this.figures,
      this.caption.element,
      h('div', { class: 'll-controls' }, this.gamma.element, this.alpha.element, this.log.element),
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      how,
    );
  }

  compute(core, state) {
    this.reference ??= referenceExamples(core); // cross-entropy of the two examples: independent of the sliders
    const key = `${state.gamma}|${state.alpha}`;
    const fresh = this.curveKey !== key;
    if (fresh) {
      this.curveKey = key;
      this.curves = computeCurves(core, state.gamma, state.alpha);
    }
    return { curves: this.curves, fresh, examples: computeExamples(core, state, this.reference) };
  }

  render({ curves, fresh, examples }, state) {
    let redraw = fresh;
    if (this.drawnLog !== state.log) {
      if (this.drawnLog !== undefined) {
        const next = lossPlot(state.log);
        this.plot.element.replaceWith(next.element);
        this.plot = next;
      }
      this.drawnLog = state.log;
      redraw = true;
    }
    const { easy, hard } = examples;
    const r = this.readouts;
    r.easyFactor.showNumber(easy.factor);
    r.hardFactor.showNumber(hard.factor);
    r.easyFocal.showNumber(easy.focal);
    r.hardFocal.showNumber(hard.focal);

    this.plot.update({
      lines: redraw ? { ce: { x: curves.sweep, y: curves.ce }, focal: { x: curves.sweep, y: curves.focal } } : {},
      points: [
        { series: 'ce', x: EASY_PT, y: easy.ce }, { series: 'ce', x: HARD_PT, y: hard.ce },
        { series: 'focal', x: EASY_PT, y: easy.focal }, { series: 'focal', x: HARD_PT, y: hard.focal },
      ],
    });
    spreadLabels(this.plot);
    this.factorPlot.update({
      lines: fresh ? { one: { x: [0, 1], y: [1, 1] }, factor: { x: curves.sweep, y: curves.factor } } : {},
      points: [{ series: 'factor', x: EASY_PT, y: easy.factor }, { series: 'factor', x: HARD_PT, y: hard.factor }],
    });
    spreadLabels(this.factorPlot);
    const share = (v) => 100 * v;
    this.population.update({
      categories: ['cross-entropy', `focal (γ = ${f3(state.gamma)})`],
      values: {
        easy: [share(1 - examples.hardShareCe), share(1 - examples.hardShareFocal)],
        hard: [share(examples.hardShareCe), share(examples.hardShareFocal)],
      },
    });

    this.caption.set(captionText(state, examples));
    this.numbers.set([
      { label: 'Cross-entropy (easy)', value: easy.ce },
      { label: 'Cross-entropy (hard)', value: hard.ce },
      { label: 'Focal loss (easy)', value: easy.focal },
      { label: 'Focal loss (hard)', value: hard.focal },
      { label: `Total cross-entropy, ${POPULATION.easy} easy`, value: easy.totalCe },
      { label: `Total cross-entropy, ${POPULATION.hard} hard`, value: hard.totalCe },
      { label: `Total focal loss, ${POPULATION.easy} easy`, value: easy.totalFocal },
      { label: `Total focal loss, ${POPULATION.hard} hard`, value: hard.totalFocal },
      { label: 'Hard share of the cross-entropy total', value: examples.hardShareCe },
      { label: 'Hard share of the focal total', value: examples.hardShareFocal },
    ]);
  }
}

function captionText({ gamma, alpha }, { hardShareCe, hardShareFocal, easy }) {
  const easyCe = percent(100 * (1 - hardShareCe));
  if (gamma === 0) {
    return `γ = 0: the focal loss is α × cross-entropy, no example is down-weighted, and the ${POPULATION.easy} easy `
      + `examples carry ${easyCe} of the total loss.`;
  }
  if (alpha === 0) return 'α = 0: the focal loss is 0 for every example; raise α to see the split.';
  return `With γ = ${f3(gamma)} each easy example keeps ${f3(easy.factor)} of its cross-entropy, so the `
    + `${POPULATION.easy} easy examples' share of the total falls from ${easyCe} to `
    + `${percent(100 * (1 - hardShareFocal))} and the ${POPULATION.hard} hard ones now carry ${percent(100 * hardShareFocal)}.`;
}

customElements.define('focal-loss', FocalLoss);
