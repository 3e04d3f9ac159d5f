// <bce-explorer>: binary cross-entropy on a logit z. Move z, pick the target y, read sigma(z), the loss and
// dL/dz = sigma(z) - y (all from the core), and run gradient descent with Step / Play: a BCE ball and an
// MSE-through-sigma ball start at the same z and descend at the same learning rate, so the reader sees MSE's
// vanishing gradient 2(sigma(z) - y) sigma(z)(1 - sigma(z)) hold its ball back where BCE's keeps pushing.
import { createLinePlot } from '../../plot/line-plot.js';
import { figureNumber } from '../../plot/frame.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { spreadLabels } from '../regression-losses/spread-labels.js';
import { computeBalls, computeCurves, descentStep } from './compute.js';
import { LOGIT_RANGE, schema } from './state.js';
import './bce-explorer.css';

const PLAY_INTERVAL_MS = 120; // ~8 steps a second: fast enough to watch, slow enough to follow
const CONVERGED_GRADIENT = 1e-3;
const MAX_PLAY_STEPS = 200;
const f3 = figureNumber;

export class BceExplorer extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.steps = 0;
    this.zMse = this.state.z; // the MSE ball starts where the BCE ball is
    this.curveCache = new Map();

    this.logit = bind(this, 'z', slider(this, { name: 'z', label: 'Logit z', min: LOGIT_RANGE[0], max: LOGIT_RANGE[1],
      step: 0.1, value: this.state.z, format: (v) => formatNumber(v, 4) }));
    // Moving z by hand puts both balls there and starts the count again.
    this.logit.onInput((z) => { this.pause(); this.zMse = z; this.steps = 0; });
    this.target = bind(this, 'y', select(this, { name: 'y', label: 'Target y', value: this.state.y,
      options: [{ value: 0, text: '0 (negative)' }, { value: 1, text: '1 (positive)' }] }), { parse: Number });
    this.target.onChange(() => { this.pause(); this.zMse = this.state.z; this.steps = 0; });
    this.rate = bind(this, 'lr', select(this, { name: 'lr', label: 'Learning rate', value: this.state.lr,
      options: schema.lr.values.map((v) => ({ value: v, text: String(v) })) }), { parse: Number });

    this.stepButton = button('Step', () => { this.pause(); this.step(); }, { name: 'step' });
    this.playButton = button('Play', () => (this.timer ? this.pause() : this.play()), { name: 'play' });
    this.resetButton = button('Reset', () => this.reset(), { name: 'reset' });

    this.readouts = {
      probability: readout(this, { name: 'p', label: 'Probability σ(z)' }),
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      gradient: readout(this, { name: 'grad', label: 'Gradient dL/dz' }),
      mseGradient: readout(this, { name: 'mse-grad', label: 'MSE-through-sigmoid gradient' }),
    };

    const series = [
      { id: 'bce', label: 'BCE', concept: 'ce' },
      { id: 'mse', label: 'MSE through σ', concept: 'mse', dashed: true },
    ];
    this.lossPlot = createLinePlot({
      description: 'Loss against the logit z for the chosen target: binary cross-entropy and MSE on σ(z), each with '
        + 'its ball; Play rolls both downhill at the same learning rate.',
      xLabel: 'logit z', yLabel: 'loss', xDomain: LOGIT_RANGE, yDomain: [0, 8], series,
    });
    this.gradPlot = createLinePlot({
      description: 'The gradient dL/dz against z: BCE with logits, σ(z) − y, and MSE through the sigmoid, '
        + '2(σ(z) − y)·σ(z)(1 − σ(z)), with each ball\'s gradient marked.',
      xLabel: 'logit z', yLabel: 'dL/dz', xDomain: LOGIT_RANGE, yDomain: [-1.05, 1.05], series,
    });

    this.caption = caption(this);
    this.numbers = numbers(this);
    const how = howItWorks([
      h('p', { text: 'Each step moves a ball by −(learning rate) × dL/dz, the gradient the core returned at its z. '
        + 'Both balls start at the slider\'s z and use the same learning rate.' }),
      h('p', { text: 'BCE with logits has dL/dz = σ(z) − y: while the prediction is wrong it tends to ±1, never to 0, '
        + 'so the blue ball keeps moving. MSE on σ(z) multiplies its gradient 2(σ(z) − y) by σ\'(z) = σ(z)(1 − σ(z)), '
        + 'at most 0.25 and nearly 0 when |z| is large: a confidently wrong start barely moves the orange ball. '
        + 'In BCE with logits that factor cancels against the log.' }),
      h('p', { text: 'Both curves come from one core call (core.curves(\'logit\')), which applies the chain rule '
        + 'through the sigmoid inside the core; the two balls are a second, two-point call per frame.' }),
    ]);
    body.append(
      h('div', { class: 'll-figures' }, this.lossPlot.element, this.gradPlot.element),
      this.caption.element,
      h('div', { class: 'll-controls' }, this.logit.element, this.target.element, this.rate.element,
        h('div', { class: 'll-buttons' }, this.stepButton, this.playButton, this.resetButton)),
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      how,
    );
  }

  curvesFor(core, y) {
    if (!this.curveCache.has(y)) this.curveCache.set(y, computeCurves(core, y));
    return this.curveCache.get(y);
  }

  compute(core, state) {
    return { curves: this.curvesFor(core, state.y), balls: computeBalls(core, { zBce: state.z, zMse: this.zMse, y: state.y }) };
  }

  render({ curves, balls }, state) {
    this.last = balls;
    const { bce, mse } = balls;
    const r = this.readouts;
    r.probability.showNumber(bce.probability);
    r.loss.showNumber(bce.loss);
    r.gradient.showNumber(bce.gradient);
    r.mseGradient.showNumber(mse.gradient);

    const { sweep } = curves;
    const changed = this.drawnY !== state.y;
    this.drawnY = state.y;
    this.lossPlot.update({
      lines: changed ? { bce: { x: sweep, y: curves.bce.loss }, mse: { x: sweep, y: curves.mse.loss } } : {},
      points: [{ series: 'bce', x: bce.z, y: bce.loss }, { series: 'mse', x: mse.z, y: mse.loss }],
    });
    this.gradPlot.update({
      lines: changed ? { bce: { x: sweep, y: curves.bce.grad }, mse: { x: sweep, y: curves.mse.grad } } : {},
      points: [{ series: 'bce', x: bce.z, y: bce.gradient }, { series: 'mse', x: mse.z, y: mse.gradient }],
    });

    spreadLabels(this.lossPlot);
    spreadLabels(this.gradPlot);
    if (this.steps === 0) {
      const ratio = Math.abs(bce.gradient / mse.gradient);
      this.caption.set(`At z = ${f3(bce.z)} with y = ${state.y}, BCE pushes with dL/dz = ${f3(bce.gradient)} and MSE `
        + `through σ with ${f3(mse.gradient)}${Number.isFinite(ratio) && ratio > 1 ? ` (${f3(ratio)}× weaker)` : ''}: `
        + `press Play to roll both balls downhill at learning rate ${state.lr}.`);
    } else {
      this.caption.set(`After ${this.steps} step${this.steps === 1 ? '' : 's'} at learning rate ${state.lr}, the BCE `
        + `ball is at z = ${f3(bce.z)} (loss ${f3(bce.loss)}) and the MSE-through-σ ball at z = ${f3(mse.z)} `
        + `(loss ${f3(mse.loss)}, gradient ${f3(mse.gradient)}).`);
    }
    this.numbers.set([
      { label: 'BCE ball: z', value: bce.z },
      { label: 'BCE ball: loss', value: bce.loss },
      { label: 'BCE ball: dL/dz', value: bce.gradient },
      { label: 'MSE ball: z', value: mse.z },
      { label: 'MSE ball: σ(z)', value: mse.probability },
      { label: 'MSE ball: loss (σ(z) − y)²', value: mse.loss },
      { label: 'MSE ball: dL/dz', value: mse.gradient },
      { label: 'MSE through σ at the BCE ball\'s z: dL/dz', value: balls.mseAtBce.gradient },
      { label: 'Descent steps', value: this.steps },
      { label: 'Learning rate', value: state.lr },
    ]);
  }

  /** One gradient-descent step for both balls, each with the gradient the core returned at its own z. */
  step() {
    if (!this.last) return false;
    const { bce, mse } = this.last;
    const nextBce = descentStep(bce.z, bce.gradient, this.state.lr);
    this.zMse = descentStep(mse.z, mse.gradient, this.state.lr);
    this.steps += 1;
    this.setState({ z: nextBce });
    // Play runs while BCE's ball is still moving; the MSE ball takes the same steps and ends wherever they got it.
    return nextBce === bce.z - this.state.lr * bce.gradient && Math.abs(bce.gradient) > CONVERGED_GRADIENT;
  }

  play() {
    if (reducedMotion()) {
      this.runToEnd(); // no animation: take the steps at once and show where descent ends
      return;
    }
    this.playButton.textContent = 'Pause';
    let taken = 0;
    this.timer = setInterval(() => {
      taken += 1;
      if (!this.step() || taken >= MAX_PLAY_STEPS) this.pause();
    }, PLAY_INTERVAL_MS);
  }

  runToEnd() {
    let zBce = this.state.z;
    let zMse = this.zMse;
    let taken = 0;
    const { y, lr } = this.state;
    for (; taken < MAX_PLAY_STEPS; taken++) {
      const { bce, mse } = computeBalls(this.core, { zBce, zMse, y });
      const nextBce = descentStep(zBce, bce.gradient, lr);
      const nextMse = descentStep(zMse, mse.gradient, lr);
      if (Math.abs(bce.gradient) <= CONVERGED_GRADIENT || nextBce === zBce) break;
      zBce = nextBce;
      zMse = nextMse;
    }
    this.steps += taken;
    this.zMse = zMse;
    this.setState({ z: zBce });
  }

  reset() {
    this.pause();
    this.steps = 0;
    this.zMse = schema.z.default;
    this.setState({ z: schema.z.default });
  }

  pause() {
    clearInterval(this.timer);
    this.timer = 0;
    if (this.playButton) this.playButton.textContent = 'Play';
  }

  stop() {
    this.pause();
  }
}

customElements.define('bce-explorer', BceExplorer);
