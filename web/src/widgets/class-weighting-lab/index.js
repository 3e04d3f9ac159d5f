// <class-weighting-lab>: class weights for imbalanced data. Type the class counts, pick a strategy (inverse
// frequency, inverse square root, effective number with β) and read the weights from core.classWeights on a bar
// chart; then two small nets train on imbalanced blobs, one plain and one weighted, and their decision regions and
// minority recall are compared. The default run trains by itself on first view; Train runs it again.
import { createBarChart } from '../../plot/bar-chart.js';
import { conceptColor, onThemeChange } from '../../plot/palette.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, readout, select, slider, textField } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { createBoundaryView } from './boundary.js';
import { computeWeights, trainingPlan } from './compute.js';
import {
  BETA_POSITION_RANGE, BETA_POSITION_STEP, betaFromPosition, MAX_CLASSES, parseCount, positionFromBeta, schema,
  STRATEGIES, TRAINING,
} from './state.js';
import { createTrainingRun } from './training.js';
import './class-weighting-lab.css';

const strategyName = (value) => STRATEGIES.find((s) => s.value === value).text.toLowerCase();
const s3 = (v) => formatNumber(v, 3);
const classIndices = (n) => Array.from({ length: n }, (_, k) => k);

export class ClassWeightingLab extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.classes = bind(this, 'classes', select(this, { name: 'classes', label: 'Classes', value: this.state.classes,
      options: schema.classes.values.map((v) => ({ value: v, text: String(v) })) }), { parse: Number });
    this.strategy = bind(this, 'strategy', select(this, { name: 'strategy', label: 'Strategy', value: this.state.strategy,
      options: STRATEGIES }));
    // β moves on -log10(1 - β), so it is bound by hand (the schema holds β itself).
    this.beta = slider(this, { name: 'beta', label: 'Beta β', min: BETA_POSITION_RANGE[0], max: BETA_POSITION_RANGE[1],
      step: BETA_POSITION_STEP, value: positionFromBeta(this.state.beta), format: (s) => formatNumber(betaFromPosition(s)) });
    this.beta.onInput((s) => this.setState({ beta: betaFromPosition(s) }));

    this.counts = classIndices(MAX_CLASSES).map((k) => {
      const key = `c${k + 1}`;
      const field = textField(this, { name: key, label: `Count of class ${k + 1}`, value: String(this.state[key]),
        inputMode: 'numeric' });
      field.onInput((text) => {
        const { value, note, error } = parseCount(text);
        field.setError(error ?? note);
        if (!error) this.setState({ [key]: value });
      });
      return field;
    });
    this.trainButton = button('Train', () => this.train(), { name: 'train' });

    this.chart = createBarChart({
      description: 'Bar chart of the class weights from the chosen strategy, one bar per class in its colour, each '
        + 'labelled with its weight; the rarest class is outlined.',
      xLabel: 'class', yLabel: 'weight', series: [{ id: 'w', label: 'weight' }], yDomain: [0, 1], height: 220,
    });
    this.boundaries = { plain: createBoundaryView('Unweighted'), weighted: createBoundaryView('Weighted') };
    this.classLegend = h('ul', { class: 'll-legend cw-legend' });
    this.caption = caption(this);
    this.results = {
      recallPlain: readout(this, { name: 'recall-plain', label: 'Minority recall (unweighted)' }),
      recallWeighted: readout(this, { name: 'recall-weighted', label: 'Minority recall (weighted)' }),
      accuracyPlain: readout(this, { name: 'accuracy-plain', label: 'Accuracy (unweighted)' }),
      accuracyWeighted: readout(this, { name: 'accuracy-weighted', label: 'Accuracy (weighted)' }),
    };
    this.numbers = numbers(this);
    this.exampleLine = h('p');

    body.append(
      h('div', { class: 'll-figures cw-figures' },
        h('div', { class: 'cw-boundaries' }, this.boundaries.plain.element, this.boundaries.weighted.element),
        h('div', { class: 'cw-weights' }, h('p', { class: 'cw-boundary-title' }, 'Class weights'), this.chart.element)),
      this.classLegend,
      this.caption.element,
      h('div', { class: 'll-controls' }, this.classes.element, this.strategy.element, this.beta.element),
      h('fieldset', { class: 'cw-counts' }, h('legend', {}, 'Examples per class'), ...this.counts.map((f) => f.element),
        h('div', { class: 'll-buttons cw-train' }, this.trainButton)),
      h('div', { class: 'll-readouts' }, ...Object.values(this.results).map((r) => r.element)),
      this.numbers.element,
      howItWorks([
        h('p', {}, 'Inverse frequency gives class c the weight n / (C · n_c); inverse square root takes its square '
          + 'root, √(n / (C · n_c)); the effective number (Cui et al., 2019) uses (1 − β) / (1 − β^n_c), scaled so '
          + 'the weights sum to C, which levels off for large classes. β only matters for that strategy.'),
        h('p', {}, 'What PyTorch\'s weighted mean divides by, on a tiny batch: ', this.exampleLine),
        h('p', {}, `Both networks (${TRAINING.hidden[0]} tanh units, Adam, learning rate ${TRAINING.learningRate}) see `
          + `the same ${TRAINING.samples} points and start from the same weights; the trainer's blobs keep the ratio `
          + 'largest ÷ smallest of your counts, and the weighted net takes the chosen strategy\'s weights for its '
          + 'training counts. Recall and accuracy are tallied from the trainer\'s predicted probabilities.'),
      ]),
    );

    this.run = null;
    this.drawnRun = null;
    this.autoTrain = true; // the first frame with the core starts the default run: no empty first view
    this.offTheme = onThemeChange(() => {
      Object.values(this.boundaries).forEach((view) => view.resetColours());
      this.drawnRun = null;
      this.requestUpdate();
    });
  }

  compute(core, state) {
    if (this.autoTrain) {
      this.autoTrain = false;
      this.startRun(core, state);
    }
    // While a run is in progress each frame advances it one slice (two nets x 12 steps, two grids): one core call
    // per net per frame; the snapshot is drawn by render like everything else.
    if (this.training) {
      this.run = this.training.advance();
      if (this.run.finished) this.training = null;
      else this.requestUpdate();
    }
    // The weights and the worked example only change with the counts, classes, strategy or β: not per training frame.
    const key = JSON.stringify([state.classes, state.c1, state.c2, state.c3, state.c4, state.strategy, state.beta]);
    if (this.weightsKey !== key) {
      this.weightsKey = key;
      this.weightsResult = computeWeights(core, state);
    }
    return { ...this.weightsResult, run: this.run, plan: trainingPlan(state) };
  }

  render(data, state) {
    const { weights, example, roles } = data;
    this.beta.set(positionFromBeta(state.beta));
    const effective = state.strategy === 'effective';
    this.beta.input.disabled = !effective;
    this.counts.forEach((field, k) => { field.element.hidden = k >= state.classes; });
    if (this.drawnWeights !== weights) { // redrawn only when the weights change
      this.drawnWeights = weights;
      const categories = classIndices(state.classes).map((k) => `class ${k + 1}`);
      this.chart.update({ categories, values: { w: weights }, yDomain: [0, Math.max(...weights) * 1.15 || 1],
        emphasis: [roles.minority] });
    }

    const [a, b, c] = example.target.map((k) => k + 1);
    const w = example.target.map((k) => s3(weights[k]));
    this.exampleLine.textContent = `three examples with logit 2 for class ${a} and 0 for the others, true classes `
      + `${a}, ${b}, ${c}. The weighted sum Σ w·ℓ = ${s3(example.sum)} is divided by the total weight ${w.join(' + ')} `
      + `= ${s3(example.totalWeight)}, giving ${s3(example.weighted)}; dividing by the batch size 3 would give `
      + `${s3(example.overN)}.`;

    const run = data.run;
    if (run) this.renderRun(run, data.plan);
    const finished = run?.finished;
    const rows = [
      ...Array.from(weights, (v, k) => ({ label: `Weight of class ${k + 1}`, value: v })),
      { label: 'Mean loss without weights', value: example.plain },
      { label: 'Weighted mean loss', value: example.weighted },
      { label: 'Weighted sum ÷ batch size', value: example.overN },
      { label: 'Training steps', value: run ? run.done : 0 },
    ];
    if (finished) {
      rows.push({ label: 'Training counts', value: run.counts.join(' / ') },
        ...Array.from(run.weights, (v, k) => ({ label: `Training weight of class ${k + 1}`, value: v })));
    }
    this.numbers.set(rows);

    const weightText = `${strategyName(state.strategy)} weights ${Array.from(weights, s3).join(' / ')} for `
      + `${data.counts.join(' / ')} examples`;
    if (!finished) {
      this.caption.set(`With ${weightText}; training both nets (step ${run?.done ?? 0} of ${TRAINING.steps})…`);
      return;
    }
    const stale = run.plan.key !== data.plan.key;
    const { plain, weighted } = run;
    const gain = weighted.recall > plain.recall ? 'finds more' : weighted.recall < plain.recall ? 'finds fewer' : 'finds as many';
    this.caption.set(stale
      ? [`With ${weightText}. The nets below were trained for other settings: press Train to update them.`]
      : ['With ', weightText, `, the weighted net ${gain} of the rare class ${run.minority + 1}: recall `,
        h('strong', {}, s3(weighted.recall)), ' against ', h('strong', {}, s3(plain.recall)),
        ` unweighted, at accuracy ${s3(weighted.accuracy)} against ${s3(plain.accuracy)}.`]);
  }

  renderRun(run, plan) {
    if (this.drawnRun !== run) {
      this.drawnRun = run;
      const titles = { plain: 'Unweighted', weighted: 'Weighted' };
      for (const side of ['plain', 'weighted']) {
        const view = this.boundaries[side];
        view.draw({ grid: run[side].grid, n: run.gridSize, classes: run.plan.classes, extent: run.extent, x: run.x,
          labels: run.labels, minority: run.minority });
        const tally = run.finished ? ` Minority recall ${s3(run[side].recall)}, accuracy ${s3(run[side].accuracy)}.` : '';
        view.setCaption(`${titles[side]} net after ${run.done} steps: regions coloured by the predicted class `
          + `(fainter = less sure), training points on top, the rarest class drawn larger.${tally}`, titles[side]);
      }
      this.renderLegend(run);
    }
    const r = this.results;
    if (!run.finished || run.plan.key !== plan.key) {
      for (const readoutOf of Object.values(r)) {
        if (!run.finished) {
          readoutOf.set('—');
          delete readoutOf.output.dataset.value;
        }
      }
      if (!run.finished) return;
    }
    r.recallPlain.showNumber(run.plain.recall);
    r.recallWeighted.showNumber(run.weighted.recall);
    r.accuracyPlain.showNumber(run.plain.accuracy);
    r.accuracyWeighted.showNumber(run.weighted.accuracy);
  }

  renderLegend(run) {
    this.classLegend.replaceChildren(...run.counts.map((n, k) => h('li', {},
      h('span', { class: 'll-swatch ll-bar-swatch', 'aria-hidden': 'true', style: `background:${conceptColor(`class-${k}`)}` }),
      `class ${k + 1} (${n} training points${k === run.minority ? ', the rarest' : ''})`)));
  }

  startRun(core, state) {
    this.stopRun();
    this.run = null;
    this.drawnRun = null;
    Object.values(this.boundaries).forEach((view) => view.clear());
    this.training = createTrainingRun(core, trainingPlan(state), { animate: !reducedMotion() });
  }

  train() {
    if (!this.core) return;
    try {
      this.startRun(this.core, this.state);
      this.requestUpdate();
    } catch (error) {
      this.showFailure(error);
    }
  }

  stopRun() {
    this.training?.cancel();
    this.training = null;
  }

  stop() {
    this.stopRun();
    this.offTheme?.();
  }
}

customElements.define('class-weighting-lab', ClassWeightingLab);
