// <cross-entropy-explorer>: logits for 3 to 6 classes, their softmax probabilities, and the cross-entropy of the
// true class. Two buttons show what does NOT change the loss (adding a constant to every logit; permuting the other
// classes), a slider compares the two label-smoothing conventions, and a checkbox shows the double-softmax bug.
import { createBarChart } from '../../plot/bar-chart.js';
import { button, checkbox, readout, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { classChoice } from '../shared/class-choice.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeCrossEntropy } from './compute.js';
import {
  CLASS_CHOICES, EPSILON_RANGE, LOGIT_RANGE, MAX_CLASSES, logitKey, logitsOf, schema, trueIndexOf,
} from './state.js';
import './cross-entropy-explorer.css';

const classNames = (C) => Array.from({ length: C }, (_, i) => String(i + 1));

export class CrossEntropyExplorer extends LossLabWidget {
  static title = 'Cross-Entropy Explorer';
  static schema = schema;

  build(body) {
    this.classChoice = classChoice(this, CLASS_CHOICES);
    this.classes = this.classChoice.classes;
    this.trueClass = this.classChoice.trueClass;
    this.eps = slider(this, { name: 'eps', label: 'Label smoothing ε', min: EPSILON_RANGE[0], max: EPSILON_RANGE[1],
      step: 0.01, value: this.state.eps, format: (v) => formatNumber(v, 3) });
    this.eps.onInput((eps) => this.setState({ eps }));
    this.double = checkbox(this, { name: 'double', label: 'Double softmax', checked: this.state.double });
    this.double.onChange((on) => this.setState({ double: on }));

    this.logitSliders = Array.from({ length: MAX_CLASSES }, (_, i) => {
      const key = logitKey(i + 1);
      const s = slider(this, { name: key, label: `Logit for class ${i + 1}`, min: LOGIT_RANGE[0], max: LOGIT_RANGE[1],
        step: 0.1, value: this.state[key], format: (v) => formatNumber(v, 4) });
      s.onInput((v) => this.setState({ [key]: v }));
      return s;
    });

    this.shiftButton = button('Add 1 to every logit', () => this.shiftAll());
    this.permuteButton = button('Rearrange other classes', () => this.permuteOthers());
    this.actionNote = document.createElement('p');
    this.actionNote.className = 'll-note ce-action-note';
    this.actionNote.setAttribute('aria-live', 'polite');

    this.readouts = {
      pTrue: readout(this, { name: 'p-true', label: 'True-class probability' }),
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      pytorch: readout(this, { name: 'loss-pytorch', label: 'Loss (PyTorch smoothing)' }),
      spread: readout(this, { name: 'loss-spread', label: 'Loss (ε/(C−1) smoothing)' }),
    };
    this.doubleReadout = readout(this, { name: 'loss-double', label: 'Double-softmax loss' });

    this.probabilityChart = createBarChart({
      description: 'Bar chart of the softmax probability of each class; the true class is outlined.',
      xLabel: 'class', yLabel: 'probability', yDomain: [0, 1], valueFormat: (v) => formatNumber(v, 3), width: 440,
      series: [{ id: 'p', label: 'softmax probability' }],
    });
    this.gradientChart = createBarChart({
      description: 'Grouped bars of dL/dz for each class: the correct cross-entropy gradient p − y next to the '
        + 'flattened gradient when softmax is applied twice.',
      xLabel: 'class', yLabel: 'dL/dz', yDomain: [-1, 1], valueFormat: (v) => formatNumber(v, 2),
      series: [{ id: 'correct', label: 'correct: dL/dz = p − y' }, { id: 'double', label: 'double softmax: dL/dz' }],
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.classes.element, this.trueClass.element, this.eps.element, this.double.element);
    const logits = document.createElement('fieldset');
    logits.className = 'ce-logits';
    const legend = document.createElement('legend');
    legend.textContent = 'Logits';
    const indexNote = document.createElement('p');
    indexNote.className = 'll-note ce-index-note';
    indexNote.textContent = 'Classes are numbered from 1 here; class k is index k − 1 in PyTorch (the target tensor '
      + 'holds k − 1).';
    const grid = document.createElement('div');
    grid.className = 'll-controls';
    grid.append(...this.logitSliders.map((s) => s.element));
    logits.append(legend, indexNote, grid);
    const buttons = document.createElement('div');
    buttons.className = 'll-buttons';
    buttons.append(this.shiftButton, this.permuteButton);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));

    this.targetsTable = document.createElement('table');
    this.targetsTable.className = 'ce-targets';
    const targets = document.createElement('div');
    targets.className = 'ce-targets-wrap';
    targets.append(this.targetsTable);
    this.smoothingNote = document.createElement('p');
    this.smoothingNote.className = 'll-note';
    this.smoothingNote.textContent = 'PyTorch: (1 − ε)·one-hot + ε/C, so ε is spread over all C classes and the '
      + 'true class keeps 1 − ε + ε/C. The other convention puts ε/(C − 1) on each wrong class and exactly 1 − ε on '
      + 'the true one. Same ε, different targets, different losses.';
    targets.append(this.smoothingNote);

    this.doubleSection = document.createElement('div');
    this.doubleSection.className = 'll-plots ce-double';
    this.doubleNote = document.createElement('p');
    this.doubleNote.className = 'll-note';
    const doubleSide = document.createElement('div');
    doubleSide.className = 'ce-double-side';
    doubleSide.append(this.doubleReadout.element, this.doubleNote);
    this.doubleSection.append(this.gradientChart.element, doubleSide);

    const plots = document.createElement('div');
    plots.className = 'll-plots';
    plots.append(this.probabilityChart.element, targets);
    body.append(controls, logits, buttons, this.actionNote, readouts, plots, this.doubleSection);
  }

  compute(core, state) {
    return computeCrossEntropy(core, { logits: logitsOf(state), trueIndex: trueIndexOf(state), eps: state.eps });
  }

  render(data, state) {
    const C = state.classes;
    this.classChoice.show(C, data.trueIndex);
    this.eps.set(state.eps);
    this.double.set(state.double);
    this.logitSliders.forEach((s, i) => {
      s.set(state[logitKey(i + 1)]);
      s.element.hidden = i >= C;
    });

    const r = this.readouts;
    r.pTrue.showNumber(data.pTrue);
    r.loss.showNumber(data.loss);
    r.pytorch.showNumber(data.lossPytorchSmoothing);
    r.spread.showNumber(data.lossSpreadSmoothing);

    const names = classNames(C);
    this.probabilityChart.update({ categories: names, values: { p: data.probabilities }, emphasis: [data.trueIndex] });
    this.renderTargets(data, state);

    this.doubleSection.hidden = !state.double;
    if (state.double) {
      this.doubleReadout.showNumber(data.doubleLoss);
      this.gradientChart.update({ categories: names,
        values: { correct: data.correctGradient, double: data.doubleGradient }, emphasis: [data.trueIndex] });
      const largest = (g) => Math.max(...Array.from(g, Math.abs));
      this.doubleNote.textContent = 'Feeding probabilities into cross_entropy applies softmax twice. Its inputs then '
        + `lie in [0, 1], so even a perfect prediction scores ${formatNumber(data.doubleFloor, 4)}, never 0, and the `
        + `largest gradient is ${formatNumber(largest(data.doubleGradient), 3)} instead of `
        + `${formatNumber(largest(data.correctGradient), 3)}: learning slows to a crawl.`;
    }

    if (this.pendingNote) {
      this.actionNote.textContent = this.pendingNote(data);
      this.pendingNote = null;
    }
    this.last = data;
  }

  /** One row per class (so 6 classes still fit 375 px), one column per smoothing convention. */
  renderTargets(data, state) {
    const cell = (tag, text, attributes = {}) => Object.assign(document.createElement(tag), { textContent: text, ...attributes });
    const caption = cell('caption', `Smoothed targets at ε = ${formatNumber(state.eps, 3)}`);
    const head = document.createElement('tr');
    head.append(cell('th', 'class', { scope: 'col' }), cell('th', 'PyTorch', { scope: 'col' }),
      cell('th', 'ε/(C − 1)', { scope: 'col' }));
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    for (let k = 0; k < state.classes; k++) {
      const tr = document.createElement('tr');
      if (k === data.trueIndex) tr.className = 'is-true';
      tr.append(cell('th', k === data.trueIndex ? `${k + 1} (true)` : String(k + 1), { scope: 'row' }),
        cell('td', formatNumber(data.targets.pytorch[k], 4)), cell('td', formatNumber(data.targets.spread[k], 4)));
      tbody.append(tr);
    }
    this.targetsTable.replaceChildren(caption, thead, tbody);
  }

  /** Softmax is shift-invariant: z + c gives the same probabilities and loss. */
  shiftAll() {
    if (!this.last) return;
    const logits = logitsOf(this.state);
    if (Math.max(...logits) + 1 > LOGIT_RANGE[1]) {
      this.actionNote.textContent = `The largest logit would pass the sliders' top (${LOGIT_RANGE[1]}): lower it first.`;
      return;
    }
    const before = this.last;
    this.pendingNote = (after) => `Added 1 to every logit. Loss ${formatNumber(before.loss)} → ${formatNumber(after.loss)}, `
      + `true-class probability ${formatNumber(before.pTrue)} → ${formatNumber(after.pTrue)}: unchanged, because `
      + 'softmax only sees differences between logits.';
    this.setState(Object.fromEntries(logits.map((z, i) => [logitKey(i + 1), z + 1])));
  }

  /** Rotating the other classes' logits keeps their set, so Σ exp(z) and p_true stay the same. */
  permuteOthers() {
    if (!this.last) return;
    const logits = logitsOf(this.state);
    const t = trueIndexOf(this.state);
    const others = logits.map((_, i) => i).filter((i) => i !== t);
    const changes = {};
    others.forEach((from, k) => {
      changes[logitKey(others[(k + 1) % others.length] + 1)] = logits[from];
    });
    const before = this.last;
    this.pendingNote = (after) => `Rotated the logits of the other classes. Loss ${formatNumber(before.loss)} → `
      + `${formatNumber(after.loss)}, true-class probability ${formatNumber(before.pTrue)} → ${formatNumber(after.pTrue)}: `
      + 'unchanged, because cross-entropy only reads the true class’s probability, and the sum of exp(z) over '
      + 'the others did not change.';
    this.setState(changes);
  }
}

customElements.define('cross-entropy-explorer', CrossEntropyExplorer);
