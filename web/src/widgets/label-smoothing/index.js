// <label-smoothing>: the smoothed target (1 − ε + ε/C for the true class, ε/C for each other) beside the model's
// probabilities for a fixed example whose logits the reader scales, and the example's loss against that logit scale,
// with and without smoothing: the marker follows the Logit scale slider along the curve. With smoothing the loss has
// a lowest point at a finite scale; without it, it keeps falling as the logits grow.
import { createBarChart } from '../../plot/bar-chart.js';
import { figureNumber } from '../../plot/frame.js';
import { createLinePlot } from '../../plot/line-plot.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { classChoice } from '../shared/class-choice.js';
import { readout, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { spreadLabels, thinBarLabels } from '../regression-losses/spread-labels.js';
import { computeCurves, computeExample } from './compute.js';
import { CLASS_CHOICES, EPSILON_RANGE, SCALE_RANGE, exampleLogits, schema, trueIndexOf } from './state.js';

const MAX_LABELLED_CLASSES = 6; // beyond this the value labels on 2 bars per class overlap
const f3 = figureNumber;

export class LabelSmoothing extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.eps = bind(this, 'eps', slider(this, { name: 'eps', label: 'ε', min: EPSILON_RANGE[0], max: EPSILON_RANGE[1],
      step: 0.01, value: this.state.eps, format: (v) => formatNumber(v, 3) }));
    this.classChoice = classChoice(this, CLASS_CHOICES);
    this.scale = bind(this, 'scale', slider(this, { name: 'scale', label: 'Logit scale', min: SCALE_RANGE[0],
      max: SCALE_RANGE[1], step: 0.1, value: this.state.scale, format: (v) => `× ${formatNumber(v, 3)}` }));

    this.readouts = {
      trueTarget: readout(this, { name: 'true-target', label: 'Target for the true class' }),
      otherTarget: readout(this, { name: 'other-target', label: 'Target for each other class' }),
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      gap: readout(this, { name: 'gap', label: 'Optimal logit gap' }),
    };

    this.targetChart = createBarChart({
      description: 'Grouped bars per class: the smoothed target distribution next to the softmax probabilities of '
        + 'the scaled example logits; the true class is outlined.',
      xLabel: 'class', yLabel: 'probability', yDomain: [0, 1],
      series: [{ id: 'target', label: 'smoothed target', concept: 'target' },
        { id: 'model', label: 'model probability', concept: 'prediction' }],
    });
    this.scalePlot = createLinePlot({
      description: 'Cross-entropy of the example against the logit scale, with label smoothing ε and without; the '
        + 'current scale is marked on both curves and the lowest point of the smoothed curve is marked.',
      xLabel: 'logit scale (× the example\'s logits)', yLabel: 'loss', xDomain: SCALE_RANGE, yDomain: [0, 3],
      series: [{ id: 'smoothed', label: 'with smoothing', concept: 'ce' },
        { id: 'plain', label: 'ε = 0', concept: 'neutral', dashed: true }],
    });

    this.caption = caption(this);
    this.numbers = numbers(this);
    const how = howItWorks([
      h('p', { text: 'PyTorch\'s label smoothing replaces the one-hot target by (1 − ε)·one-hot + ε/C: the true class '
        + 'keeps 1 − ε + ε/C and every other class gets ε/C. The loss is cross_entropy(logits, target, '
        + 'label_smoothing=ε), computed by the core.' }),
      h('p', { text: 'The example is a fixed logit vector times the Logit scale. Scaling up makes the same ranking '
        + 'more confident. Without smoothing a more confident correct prediction always costs less, so the loss only '
        + 'falls. With smoothing the other classes\' ε/C must keep some probability, so past a point more confidence '
        + 'costs more: the smoothed curve has a lowest point.' }),
      h('p', { text: 'For logits whose other classes are all equal, that point is where softmax equals the smoothed '
        + 'target: a gap of log(1 + C(1 − ε)/ε) between the true logit and the others (the Optimal logit gap card). '
        + 'Classes are numbered from 1; class k is index k − 1 in PyTorch.' }),
    ]);
    body.append(
      h('div', { class: 'll-figures' }, this.scalePlot.element, this.targetChart.element),
      this.caption.element,
      h('div', { class: 'll-controls' }, this.eps.element, this.classChoice.classes.element,
        this.classChoice.trueClass.element, this.scale.element),
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      how,
    );
  }

  compute(core, state) {
    const trueIndex = trueIndexOf(state);
    const c = this.curves;
    const fresh = !c || c.classes !== state.classes || c.trueIndex !== trueIndex || c.eps !== state.eps;
    if (fresh) this.curves = computeCurves(core, { classes: state.classes, trueIndex, eps: state.eps });
    return { curves: this.curves, fresh, example: computeExample(core, { logits: exampleLogits(state), trueIndex, eps: state.eps }) };
  }

  render({ curves, fresh, example }, state) {
    const C = state.classes;
    this.classChoice.show(C, example.trueIndex);
    const r = this.readouts;
    r.trueTarget.showNumber(example.trueTarget);
    r.otherTarget.showNumber(example.otherTarget);
    r.loss.showNumber(example.loss);
    r.gap.showNumber(example.optimalGap);

    this.targetChart.update({
      categories: Array.from({ length: C }, (_, i) => String(i + 1)),
      values: { target: example.target, model: example.probabilities },
      emphasis: [example.trueIndex],
      showLabels: C <= MAX_LABELLED_CLASSES,
    });
    thinBarLabels(this.targetChart);

    let yDomain;
    if (fresh) {
      let top = 0;
      for (const v of curves.smoothed) top = Math.max(top, v);
      for (const v of curves.plain) top = Math.max(top, v);
      yDomain = [0, Math.ceil(top * 1.1 * 2) / 2];
    }
    const smoothing = state.eps > 0;
    this.scalePlot.update({
      yDomain,
      lines: fresh ? { smoothed: { x: curves.sweep, y: curves.smoothed }, plain: { x: curves.sweep, y: curves.plain } } : {},
      points: [
        { series: 'smoothed', x: state.scale, y: example.loss },
        ...(smoothing ? [{ series: 'plain', x: state.scale, y: example.plainLoss }] : []),
        ...(smoothing && curves.bestScale < SCALE_RANGE[1]
          ? [{ series: 'smoothed', x: curves.bestScale, y: curves.bestLoss, label: `lowest ×${f3(curves.bestScale)}`, radius: 3.5 }] : []),
      ],
    });
    spreadLabels(this.scalePlot);

    this.caption.set(captionText(state, curves, example));
    this.numbers.set([
      { label: 'Logit scale', value: state.scale },
      { label: 'Loss', value: example.loss },
      { label: 'Loss without smoothing', value: example.plainLoss },
      { label: 'True-class probability', value: example.probabilities[example.trueIndex] },
      { label: 'Target for the true class', value: example.trueTarget },
      { label: 'Target for each other class', value: example.otherTarget },
      { label: 'Lowest smoothed loss on the curve', value: curves.bestLoss },
      { label: 'Logit scale of the lowest point', value: curves.bestScale },
      { label: 'Optimal logit gap (other logits equal)', value: example.optimalGap },
    ]);
  }
}

function captionText(state, curves, example) {
  if (state.eps === 0) {
    return `With ε = 0 the target is one-hot: the loss ${f3(example.loss)} keeps falling as the logits grow and the `
      + 'optimal gap is Infinity, so training keeps pushing the gap up.';
  }
  const where = curves.bestScale >= SCALE_RANGE[1] ? `beyond ×${SCALE_RANGE[1]}` : `at ×${f3(curves.bestScale)}`;
  return `At ×${f3(state.scale)} the smoothed loss is ${f3(example.loss)} (${f3(example.plainLoss)} without smoothing); `
    + `with ε = ${f3(state.eps)} it is lowest ${where}, so past that point more confidence costs loss.`;
}

customElements.define('label-smoothing', LabelSmoothing);
