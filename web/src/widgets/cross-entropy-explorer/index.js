// <cross-entropy-explorer>: logits for 3 to 6 classes, their softmax probabilities, and the cross-entropy of the
// true class, drawn as the true class's point on the curve −log p (the other classes sit off the curve, on the axis). Two buttons show what does NOT change the loss (adding a constant to every logit; permuting the other
// classes), a slider compares the two label-smoothing conventions, and a checkbox shows the double-softmax bug.
import { createBarChart } from '../../plot/bar-chart.js';
import { figureNumber } from '../../plot/frame.js';
import { createLinePlot } from '../../plot/line-plot.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, checkbox, readout, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { classChoice } from '../shared/class-choice.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { thinBarLabels } from '../regression-losses/spread-labels.js';
import { computeCrossEntropy } from './compute.js';
import {
  CLASS_CHOICES, EPSILON_RANGE, LOGIT_RANGE, MAX_CLASSES, logitKey, logitsOf, schema, trueIndexOf,
} from './state.js';
import './cross-entropy-explorer.css';

const f3 = figureNumber;
const classNames = (C) => Array.from({ length: C }, (_, i) => String(i + 1));

export class CrossEntropyExplorer extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.classChoice = classChoice(this, CLASS_CHOICES);
    this.eps = bind(this, 'eps', slider(this, { name: 'eps', label: 'Label smoothing ε', min: EPSILON_RANGE[0],
      max: EPSILON_RANGE[1], step: 0.01, value: this.state.eps, format: (v) => formatNumber(v, 3) }));
    this.double = bind(this, 'double', checkbox(this, { name: 'double', label: 'Double softmax', checked: this.state.double }));
    this.logitSliders = Array.from({ length: MAX_CLASSES }, (_, i) => {
      const key = logitKey(i + 1);
      return bind(this, key, slider(this, { name: key, label: `Logit for class ${i + 1}`, min: LOGIT_RANGE[0],
        max: LOGIT_RANGE[1], step: 0.1, value: this.state[key], format: (v) => formatNumber(v, 4) }));
    });
    this.shiftButton = button('Add 1 to every logit', () => this.shiftAll(), { name: 'shift' });
    this.permuteButton = button('Rearrange other classes', () => this.permuteOthers(), { name: 'permute' });
    this.actionNote = h('p', { class: 'll-note ce-action-note', 'aria-live': 'polite' });

    this.readouts = {
      pTrue: readout(this, { name: 'p-true', label: 'True-class probability' }),
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      pytorch: readout(this, { name: 'loss-pytorch', label: 'Loss (PyTorch smoothing)' }),
      spread: readout(this, { name: 'loss-spread', label: 'Loss (ε/(C−1) smoothing)' }),
    };

    this.probabilityChart = createBarChart({
      description: 'Bar chart of the softmax probability of each class; the true class is outlined.',
      xLabel: 'class', yLabel: 'probability', yDomain: [0, 1], legend: false,
      series: [{ id: 'p', label: 'softmax probability', concept: 'prediction' }],
    });
    this.logPlot = createLinePlot({
      description: 'The loss −log p against the true class\'s probability p, with the current true-class probability '
        + 'marked on the curve; the other classes\' probabilities are grey ticks on the axis, outside the loss.',
      xLabel: 'probability of the true class', yLabel: 'loss = −log p', xDomain: [0, 1], yDomain: [0, 7],
      series: [{ id: 'nll', label: '−log p', concept: 'ce' }],
    });
    this.fact = h('text', { class: 'll-label ce-fact', 'text-anchor': 'end' });
    this.fact2 = h('text', { class: 'll-label ce-fact ce-fact-muted', 'text-anchor': 'end' });
    this.logPlot.frame.overlay.append(this.fact, this.fact2);
    this.logPlot.frame.onResize(() => this.drawOverlay());
    this.gradientChart = createBarChart({
      description: 'Grouped bars of dL/dz for each class: the correct cross-entropy gradient p − y next to the '
        + 'flattened gradient when softmax is applied twice.',
      xLabel: 'class', yLabel: 'dL/dz', yDomain: [-1, 1], valueFormat: (v) => formatNumber(v, 2),
      series: [{ id: 'correct', label: 'correct: p − y', concept: 'ce' }, { id: 'double', label: 'double softmax', concept: 'warn' }],
    });

    this.caption = caption(this);
    this.numbers = numbers(this);
    this.targetsTable = h('table', { class: 'ce-targets' });
    this.doubleNote = h('p', { class: 'll-caption' });
    this.doubleSection = h('div', { class: 'll-figures ce-double' }, this.gradientChart.element, this.doubleNote);
    const how = howItWorks([
      h('p', { text: 'Cross-entropy with a class-index target is −log p of the true class, p = softmax(z). The other '
        + 'classes matter only through the softmax normaliser: adding the same constant to every logit, or shuffling '
        + 'the other classes among themselves, leaves p of the true class and the loss unchanged. The two buttons show it.' }),
      h('p', { text: 'Label smoothing has two conventions. PyTorch uses (1 − ε)·one-hot + ε/C, so ε is spread over all '
        + 'C classes and the true class keeps 1 − ε + ε/C. The other puts ε/(C − 1) on each wrong class and exactly '
        + '1 − ε on the true one. Same ε, different targets, different losses.' }),
      h('p', { text: 'Double softmax: feeding probabilities into cross_entropy applies softmax twice. Its inputs then lie '
        + 'in [0, 1], so even a perfect prediction has a loss above 0 and every gradient is flattened.' }),
      h('p', { text: 'Classes are numbered from 1 here; class k is index k − 1 in PyTorch (the target tensor holds k − 1).' }),
    ]);
    body.append(
      h('div', { class: 'll-figures' }, this.logPlot.element, this.probabilityChart.element),
      this.caption.element,
      h('div', { class: 'll-controls' }, this.classChoice.classes.element, this.classChoice.trueClass.element,
        this.eps.element, this.double.element),
      h('fieldset', { class: 'ce-logits' }, h('legend', { text: 'Logits' }),
        h('div', { class: 'll-controls' }, this.logitSliders.map((s) => s.element)),
        h('div', { class: 'll-buttons' }, this.shiftButton, this.permuteButton), this.actionNote),
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.doubleSection,
      h('details', { class: 'll-numbers ce-targets-details' }, h('summary', { text: 'Smoothed targets' }),
        h('div', { class: 'll-numbers-scroll' }, this.targetsTable)),
      this.numbers.element,
      how,
    );
  }

  compute(core, state) {
    if (!this.nll) {
      // −log p over p, once: the 'bce' series at target 1 is −log p with the core's own clamped log.
      const curve = core.curves('probability', { from: 0.001, to: 1, count: 200, target: 1 });
      this.nll = { x: curve.x, y: curve.series.find((s) => s.name === 'bce').loss };
    }
    return computeCrossEntropy(core, { logits: logitsOf(state), trueIndex: trueIndexOf(state), eps: state.eps });
  }

  render(data, state) {
    const C = state.classes;
    this.classChoice.show(C, data.trueIndex);
    this.logitSliders.forEach((s, i) => { s.element.hidden = i >= C; });

    const r = this.readouts;
    r.pTrue.showNumber(data.pTrue);
    r.loss.showNumber(data.loss);
    r.pytorch.showNumber(data.lossPytorchSmoothing);
    r.spread.showNumber(data.lossSpreadSmoothing);

    const names = classNames(C);
    this.probabilityChart.update({ categories: names, values: { p: data.probabilities }, emphasis: [data.trueIndex] });
    thinBarLabels(this.probabilityChart);
    const others = Array.from(data.probabilities).filter((_, k) => k !== data.trueIndex);
    this.logPlot.update({
      lines: this.drawnCurve ? {} : { nll: this.nll },
      points: [{ series: 'nll', x: data.pTrue, y: data.loss }],
    });
    this.drawnCurve = true;
    this.overlayData = { others, trueIndex: data.trueIndex, loss: data.loss };
    this.drawOverlay();
    this.renderTargets(data, state);
    const trueName = `class ${data.trueIndex + 1}`;
    this.caption.set(`Only the true class's probability enters the loss: p(${trueName}) = ${f3(data.pTrue)} gives `
      + `−log p = ${f3(data.loss)}, however the other ${C - 1} classes share the remaining ${f3(1 - data.pTrue)}.`);

    this.doubleSection.hidden = !state.double;
    if (state.double) {
      this.gradientChart.update({ categories: names,
        values: { correct: data.correctGradient, double: data.doubleGradient }, emphasis: [data.trueIndex] });
      const largest = (g) => Math.max(...Array.from(g, Math.abs));
      this.doubleNote.textContent = `Softmax applied twice: the loss is ${f3(data.doubleLoss)} instead of `
        + `${f3(data.loss)}, a perfect prediction would still score ${f3(data.doubleFloor)}, and the largest gradient `
        + `is ${f3(largest(data.doubleGradient))} instead of ${f3(largest(data.correctGradient))}.`;
    }
    this.numbers.set([
      { label: 'Loss', value: data.loss },
      { label: 'True-class probability', value: data.pTrue },
      ...Array.from(data.probabilities, (p, k) => ({ label: `p(class ${k + 1})`, value: p })),
      { label: 'Loss (PyTorch smoothing)', value: data.lossPytorchSmoothing },
      { label: 'Loss (ε/(C−1) smoothing)', value: data.lossSpreadSmoothing },
      { label: 'Double-softmax loss', value: data.doubleLoss },
      { label: 'Double-softmax loss of a perfect prediction', value: data.doubleFloor },
    ]);

    if (this.pendingNote) {
      this.actionNote.textContent = this.pendingNote(data);
      this.pendingNote = null;
    }
    this.last = data;
  }

  /** The other classes as grey dots on the axis, and the fact written on the figure (redrawn after a resize). */
  drawOverlay() {
    if (!this.overlayData) return;
    const { others, trueIndex, loss } = this.overlayData;
    const frame = this.logPlot.frame;
    frame.markers('others', others.map((p) => ({ x: p, y: 0, concept: 'neutral', radius: 3.5, label: '' })));
    for (const [node, dy, text] of [[this.fact, 0, `loss = −log p(class ${trueIndex + 1}) = ${f3(loss)}`],
      [this.fact2, 16, 'grey dots: the other classes, not in the loss']]) {
      node.setAttribute('x', frame.bounds.right - 4);
      node.setAttribute('y', frame.bounds.top + 14 + dy);
      if (node.textContent !== text) node.textContent = text;
    }
  }

  /** One row per class (so 6 classes still fit 375 px), one column per smoothing convention. */
  renderTargets(data, state) {
    const key = `${state.classes}|${data.trueIndex}|${state.eps}`;
    if (key === this.targetsKey) return; // rebuilt only when the table's content changes
    this.targetsKey = key;
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
