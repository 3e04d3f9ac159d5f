// <class-weighting-lab>: class weights for imbalanced data. Type the class counts, pick a strategy (inverse
// frequency, inverse square root, effective number with β) and read the weights from core.classWeights; see what
// PyTorch's weighted mean divides by on a tiny batch; then train two small nets on imbalanced blobs, one plain and
// one weighted, and compare minority recall, accuracy and decision regions.
import { createBarChart } from '../../plot/bar-chart.js';
import { button, readout, select, slider, textField } from '../shared/controls.js';
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

const strategyName = (value) => STRATEGIES.find((s) => s.value === value).text;
const short = (v) => formatNumber(v, 4);
const classIndices = (n) => Array.from({ length: n }, (_, k) => k);

export class ClassWeightingLab extends LossLabWidget {
  static title = 'Class Weighting';
  static schema = schema;

  build(body) {
    this.classes = select(this, { name: 'classes', label: 'Classes', value: this.state.classes,
      options: schema.classes.values.map((v) => ({ value: v, text: String(v) })) });
    this.classes.onChange((classes) => this.setState({ classes: Number(classes) }));
    this.strategy = select(this, { name: 'strategy', label: 'Strategy', value: this.state.strategy, options: STRATEGIES });
    this.strategy.onChange((strategy) => this.setState({ strategy }));
    this.beta = slider(this, { name: 'beta', label: 'Beta β', min: BETA_POSITION_RANGE[0], max: BETA_POSITION_RANGE[1],
      step: BETA_POSITION_STEP, value: positionFromBeta(this.state.beta), format: (s) => formatNumber(betaFromPosition(s)) });
    this.beta.onInput((s) => this.setState({ beta: betaFromPosition(s) }));
    this.betaHint = document.createElement('p');
    this.betaHint.className = 'll-note cw-hint';
    this.betaHint.textContent = 'β is used by the effective-number strategy only.';
    this.beta.element.append(this.betaHint);

    const counts = document.createElement('fieldset');
    counts.className = 'cw-counts';
    const legend = document.createElement('legend');
    legend.textContent = 'Examples per class';
    counts.append(legend);
    this.counts = classIndices(MAX_CLASSES).map((k) => {
      const key = `c${k + 1}`;
      const field = textField(this, { name: key, label: `Count of class ${k + 1}`, value: String(this.state[key]),
        inputMode: 'numeric' });
      field.onInput((text) => {
        const { value, note, error } = parseCount(text);
        field.setError(error ?? note);
        if (!error) this.setState({ [key]: value });
      });
      counts.append(field.element);
      return field;
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.classes.element, this.strategy.element, this.beta.element);

    this.weightReadouts = classIndices(MAX_CLASSES).map((k) =>
      readout(this, { name: `w${k + 1}`, label: `Weight of class ${k + 1}` }));
    const weights = document.createElement('div');
    weights.className = 'll-readouts';
    weights.append(...this.weightReadouts.map((r) => r.element));

    this.chart = createBarChart({
      description: 'Bar chart of the class weights from the chosen strategy, one bar per class, each labelled with '
        + 'its weight; the rarest class is outlined.',
      xLabel: 'class', yLabel: 'weight', series: [{ id: 'w', label: 'weight' }], yDomain: [0, 1],
      valueFormat: short, width: 420, height: 240,
    });

    // The weighted-mean example (what PyTorch's reduction='mean' divides by).
    this.example = {
      plain: readout(this, { name: 'plain-mean', label: 'Mean loss without weights' }),
      weighted: readout(this, { name: 'weighted-mean', label: 'Weighted mean loss' }),
      overN: readout(this, { name: 'over-n', label: 'Weighted sum ÷ batch size' }),
    };
    const example = document.createElement('div');
    example.className = 'cw-example';
    const exampleTitle = document.createElement('p');
    exampleTitle.className = 'cw-section-title';
    exampleTitle.textContent = 'What the weighted mean divides by';
    this.exampleLine = document.createElement('p');
    this.exampleLine.className = 'll-note';
    const exampleReadouts = document.createElement('div');
    exampleReadouts.className = 'll-readouts';
    exampleReadouts.append(...Object.values(this.example).map((r) => r.element));
    example.append(exampleTitle, this.exampleLine, exampleReadouts);

    const top = document.createElement('div');
    top.className = 'll-plots';
    top.append(this.chart.element, example);

    // The training comparison.
    const trainTitle = document.createElement('p');
    trainTitle.className = 'cw-section-title';
    trainTitle.textContent = 'Effect on training';
    this.trainButton = button('Train', () => this.train());
    this.progress = readout(this, { name: 'progress', label: 'Training steps' });
    this.status = document.createElement('p');
    this.status.className = 'll-note';
    this.status.setAttribute('aria-live', 'polite');
    const trainRow = document.createElement('div');
    trainRow.className = 'cw-train-row';
    trainRow.append(this.trainButton, this.progress.element);
    this.results = {
      recallPlain: readout(this, { name: 'recall-plain', label: 'Minority recall (unweighted)' }),
      recallWeighted: readout(this, { name: 'recall-weighted', label: 'Minority recall (weighted)' }),
      accuracyPlain: readout(this, { name: 'accuracy-plain', label: 'Accuracy (unweighted)' }),
      accuracyWeighted: readout(this, { name: 'accuracy-weighted', label: 'Accuracy (weighted)' }),
    };
    const results = document.createElement('div');
    results.className = 'll-readouts';
    results.append(...Object.values(this.results).map((r) => r.element));
    this.boundaries = { plain: createBoundaryView(), weighted: createBoundaryView() };
    const pictures = document.createElement('div');
    pictures.className = 'cw-boundaries';
    pictures.append(this.boundaries.plain.element, this.boundaries.weighted.element);
    this.classLegend = document.createElement('ul');
    this.classLegend.className = 'll-legend';
    const trainNote = document.createElement('p');
    trainNote.className = 'll-note';
    trainNote.textContent = `Both networks (${TRAINING.hidden[0]} tanh units, Adam, learning rate `
      + `${TRAINING.learningRate}) see the same ${TRAINING.samples} points and start from the same weights; the `
      + 'trainer\'s blobs put the largest class first and shrink the others down to largest ÷ smallest of your '
      + 'counts, and the weighted net takes the chosen strategy\'s weights for those training counts. Recall '
      + '(minority points predicted as minority ÷ minority points) and accuracy are tallied in JS from the '
      + 'trainer\'s predicted probabilities; the losses, weights and probabilities come from the core.';
    body.append(controls, counts, weights, top, trainTitle, trainRow, this.status, results, pictures,
      this.classLegend, trainNote);

    this.run = null;
    this.drawnRun = null;
    this.clearResults('Press Train to train two small networks on imbalanced blobs for '
      + `${TRAINING.steps} steps, one without and one with class weights.`);
    // Canvas colours are read at draw time: redraw when the theme flips.
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
      this.drawnRun = null;
      this.requestUpdate();
    });
  }

  compute(core, state) {
    // While a run is in progress each frame advances it one slice (two nets x 12 steps, two grids) and asks for the
    // next frame; the run snapshot is drawn by render like everything else.
    if (this.training) {
      this.run = this.training.advance();
      if (this.run.finished) this.training = null;
      else this.requestUpdate();
    }
    return { ...computeWeights(core, state), run: this.run, plan: trainingPlan(state) };
  }

  render(data, state) {
    const { weights, example, roles } = data;
    this.classes.set(state.classes);
    this.strategy.set(state.strategy);
    this.beta.set(positionFromBeta(state.beta));
    const effective = state.strategy === 'effective';
    this.beta.input.disabled = !effective;
    this.betaHint.hidden = effective;
    this.counts.forEach((field, k) => { field.element.hidden = k >= state.classes; });
    this.weightReadouts.forEach((r, k) => {
      r.element.hidden = k >= state.classes;
      if (k < state.classes) r.showNumber(weights[k]);
    });
    const categories = classIndices(state.classes).map((k) => `class ${k + 1}`);
    this.chart.update({ categories, values: { w: weights }, yDomain: [0, Math.max(...weights) * 1.2 || 1],
      emphasis: [roles.minority] });

    const [a, b, c] = example.target.map((k) => k + 1);
    const w = example.target.map((k) => short(weights[k]));
    this.exampleLine.textContent = `Tiny batch: three examples with logit 2 for class ${a} and 0 for the others, `
      + `true classes ${a}, ${b}, ${c}. Weighted sum Σ w·ℓ = ${short(example.sum)}; PyTorch divides it by the total `
      + `weight ${w.join(' + ')} = ${short(example.totalWeight)}, giving ${short(example.weighted)}. Dividing by the `
      + `batch size 3 gives ${short(example.overN)} instead.`;
    this.example.plain.showNumber(example.plain);
    this.example.weighted.showNumber(example.weighted);
    this.example.overN.showNumber(example.overN);

    if (data.run) this.renderRun(data.run, data.plan);
  }

  renderRun(run, plan) {
    this.progress.set(`${run.done} / ${run.steps}`, run.done);
    const stale = run.finished && run.plan.key !== plan.key;
    const sides = { plain: 'Unweighted', weighted: `Weighted (${strategyName(run.plan.strategy).toLowerCase()})` };
    if (this.drawnRun !== run) {
      this.drawnRun = run;
      for (const side of ['plain', 'weighted']) {
        const view = this.boundaries[side];
        view.draw({ grid: run[side].grid, n: run.gridSize, classes: run.plan.classes, extent: run.extent, x: run.x,
          labels: run.labels, minority: run.minority });
        const tally = run.finished ? ` Minority recall ${short(run[side].recall)}, accuracy ${short(run[side].accuracy)}.` : '';
        view.setCaption(`${sides[side]}: regions coloured by the predicted class (fainter = less sure), training `
          + `points on top, the rarest class drawn larger.${tally}`);
      }
      this.renderLegend(run);
    }
    if (!run.finished) {
      this.status.textContent = 'Training…';
      return;
    }
    const r = this.results;
    r.recallPlain.showNumber(run.plain.recall);
    r.recallWeighted.showNumber(run.weighted.recall);
    r.accuracyPlain.showNumber(run.plain.accuracy);
    r.accuracyWeighted.showNumber(run.weighted.accuracy);
    this.status.textContent = `${stale ? 'Settings changed since this run: press Train to update. ' : ''}Trained `
      + `${run.steps} steps on ${run.counts.join(' / ')} points (class 1 to ${run.plan.classes}); the weighted net `
      + `used ${strategyName(run.plan.strategy).toLowerCase()}${run.plan.strategy === 'effective'
        ? ` (β = ${formatNumber(run.plan.beta)})` : ''} weights ${Array.from(run.weights, short).join(' / ')}.`;
  }

  renderLegend(run) {
    this.classLegend.replaceChildren(...run.counts.map((n, k) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `ll-swatch ll-bar-swatch ll-series-${k}`;
      swatch.setAttribute('aria-hidden', 'true');
      item.append(swatch, `class ${k + 1} (${n} points)`);
      return item;
    }));
  }

  clearResults(message) {
    for (const r of [...Object.values(this.results), this.progress]) {
      r.set('—');
      delete r.output.dataset.value;
    }
    this.status.textContent = message;
  }

  train() {
    if (!this.core) return;
    this.stop();
    this.run = null;
    this.drawnRun = null;
    this.clearResults('Training…');
    Object.values(this.boundaries).forEach((view) => view.clear());
    try {
      this.training = createTrainingRun(this.core, trainingPlan(this.state), { animate: !reducedMotion() });
      this.requestUpdate();
    } catch (error) {
      this.showFailure(error);
    }
  }

  stop() {
    this.training?.cancel();
    this.training = null;
  }
}

customElements.define('class-weighting-lab', ClassWeightingLab);
