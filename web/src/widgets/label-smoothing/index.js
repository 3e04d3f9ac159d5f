// <label-smoothing>: the smoothed target (1 − ε + ε/C for the true class, ε/C for each other), the loss of a fixed
// example whose logits the reader scales, and the loss against the gap between the true logit and the others, with
// its minimum at log(1 + C(1 − ε)/ε): smoothing gives the logits a finite target; without it the gap is pushed up forever.
import { createBarChart } from '../../plot/bar-chart.js';
import { createLinePlot } from '../../plot/line-plot.js';
import { readout, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { classChoice } from '../shared/class-choice.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeSmoothing, GAP_RANGE } from './compute.js';
import {
  CLASS_CHOICES, EPSILON_RANGE, SCALE_RANGE, exampleLogits, schema, trueIndexOf,
} from './state.js';

const MAX_LABELLED_CLASSES = 6; // beyond this the value labels on 2 bars per class overlap

export class LabelSmoothing extends LossLabWidget {
  static title = 'Label Smoothing';
  static schema = schema;

  build(body) {
    this.eps = slider(this, { name: 'eps', label: 'ε', min: EPSILON_RANGE[0], max: EPSILON_RANGE[1], step: 0.01,
      value: this.state.eps, format: (v) => formatNumber(v, 3) });
    this.eps.onInput((eps) => this.setState({ eps }));
    this.classChoice = classChoice(this, CLASS_CHOICES);
    this.classes = this.classChoice.classes;
    this.trueClass = this.classChoice.trueClass;
    this.scale = slider(this, { name: 'scale', label: 'Logit scale', min: SCALE_RANGE[0], max: SCALE_RANGE[1],
      step: 0.1, value: this.state.scale, format: (v) => `× ${formatNumber(v, 3)}` });
    this.scale.onInput((scale) => this.setState({ scale }));

    this.readouts = {
      trueTarget: readout(this, { name: 'true-target', label: 'Target for the true class' }),
      otherTarget: readout(this, { name: 'other-target', label: 'Target for each other class' }),
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      gap: readout(this, { name: 'gap', label: 'Optimal logit gap' }),
    };

    this.targetChart = createBarChart({
      description: 'Grouped bars per class: the smoothed target distribution next to the softmax probabilities of '
        + 'the scaled example logits; the true class is outlined.',
      xLabel: 'class', yLabel: 'probability', yDomain: [0, 1], valueFormat: (v) => formatNumber(v, 2), width: 480,
      series: [{ id: 'target', label: 'smoothed target' }, { id: 'model', label: 'model probability (example)' }],
    });
    this.gapPlot = createLinePlot({
      description: 'Cross-entropy against the gap between the true-class logit and the other logits (all equal), '
        + 'with label smoothing and without; the optimal gap with smoothing is marked by a vertical line.',
      xLabel: 'logit gap (true − other)', yLabel: 'loss', xDomain: GAP_RANGE, yDomain: [0, 4],
      series: [{ id: 'smoothed', label: 'loss with smoothing ε' }, { id: 'plain', label: 'loss without smoothing', dashed: true },
        { id: 'optimum', label: 'optimal gap', dashed: true }],
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.eps.element, this.classes.element, this.trueClass.element, this.scale.element);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    this.gapNote = document.createElement('p');
    this.gapNote.className = 'll-note';
    const example = document.createElement('p');
    example.className = 'll-note';
    example.textContent = 'The example is a fixed logit vector times the Logit scale. Classes are numbered from 1; '
      + 'class k is index k − 1 in PyTorch. Loss is cross_entropy(logits, target, label_smoothing=ε) as PyTorch '
      + 'computes it.';
    const plots = document.createElement('div');
    plots.className = 'll-plots';
    plots.append(this.targetChart.element, this.gapPlot.element);
    body.append(controls, readouts, this.gapNote, plots, example);
  }

  compute(core, state) {
    return computeSmoothing(core, { logits: exampleLogits(state), trueIndex: trueIndexOf(state), eps: state.eps });
  }

  render(data, state) {
    const C = state.classes;
    this.eps.set(state.eps);
    this.classChoice.show(C, data.trueIndex);
    this.scale.set(state.scale);

    const r = this.readouts;
    r.trueTarget.showNumber(data.trueTarget);
    r.otherTarget.showNumber(data.otherTarget);
    r.loss.showNumber(data.loss);
    r.gap.showNumber(data.optimalGap);

    this.targetChart.update({
      categories: Array.from({ length: C }, (_, i) => String(i + 1)),
      values: { target: data.target, model: data.probabilities },
      emphasis: [data.trueIndex],
      showLabels: C <= MAX_LABELLED_CLASSES,
    });

    let top = 0;
    for (const v of data.smoothedCurve) top = Math.max(top, v);
    for (const v of data.plainCurve) top = Math.max(top, v);
    const yMax = Math.ceil(top * 1.05 * 2) / 2;
    const finite = Number.isFinite(data.optimalGap);
    this.gapPlot.update({
      yDomain: [0, yMax],
      lines: {
        smoothed: { x: data.sweep, y: data.smoothedCurve },
        plain: { x: data.sweep, y: data.plainCurve },
        optimum: finite ? { x: [data.optimalGap, data.optimalGap], y: [0, yMax] } : { x: [], y: [] },
      },
      points: finite ? [{ series: 'smoothed', x: data.optimalGap, y: data.optimalLoss }] : [],
    });

    const f = (v) => formatNumber(v, 4);
    if (!finite) {
      this.gapNote.textContent = 'Optimal logit gap: Infinity. Without smoothing (ε = 0) the target is one-hot, and '
        + 'the loss keeps falling as the true logit pulls away from the others: there is no finite minimum, so '
        + 'training keeps pushing the gap up, towards ever more confident predictions.';
    } else {
      const beyond = data.optimalGap > GAP_RANGE[1] ? ' (beyond the plotted range)' : '';
      this.gapNote.textContent = `With ε = ${f(state.eps)} and C = ${C}, the loss is smallest at a gap of `
        + `log(1 + C(1 − ε)/ε) = ${f(data.optimalGap)}${beyond}, where softmax equals the smoothed target; `
        + `a larger gap costs more, so the logits stop growing. The loss there is ${f(data.optimalLoss)}, not 0.`;
    }
  }
}

customElements.define('label-smoothing', LabelSmoothing);
