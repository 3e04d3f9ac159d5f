// <bce-explorer>: binary cross-entropy on a logit z. Move z, pick the target y, read sigma(z), the loss and
// dL/dz = sigma(z) - y (all from the core), and run gradient descent on z with Step / Play. Beside it, the gradient
// MSE on sigma(z) would give, 2(sigma(z) - y) sigma(z)(1 - sigma(z)), which vanishes where BCE's does not.
import { createLinePlot } from '../../plot/line-plot.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { computeBce, computeMseThroughSigmoid } from './compute.js';
import { LOGIT_RANGE, schema } from './state.js';

const PLAY_INTERVAL_MS = 120; // ~8 steps a second: fast enough to watch, slow enough to follow
const CONVERGED_GRADIENT = 1e-3;
const MAX_PLAY_STEPS = 200;

export class BceExplorer extends LossLabWidget {
  static title = 'Binary Cross-Entropy Explorer';
  static schema = schema;

  build(body) {
    this.logit = slider(this, { name: 'z', label: 'Logit z', min: LOGIT_RANGE[0], max: LOGIT_RANGE[1], step: 0.1,
      value: this.state.z, format: (v) => formatNumber(v, 4) });
    this.logit.onInput((z) => { this.pause(); this.setState({ z }); });
    this.target = select(this, { name: 'y', label: 'Target y', value: this.state.y,
      options: [{ value: 0, text: '0 (negative)' }, { value: 1, text: '1 (positive)' }] });
    this.target.onChange((y) => this.setState({ y: Number(y) }));
    this.rate = select(this, { name: 'lr', label: 'Learning rate', value: this.state.lr,
      options: schema.lr.values.map((v) => ({ value: v, text: String(v) })) });
    this.rate.onChange((lr) => this.setState({ lr: Number(lr) }));

    this.stepButton = button('Step', () => { this.pause(); this.step(); });
    this.playButton = button('Play', () => (this.timer ? this.pause() : this.play()));
    this.resetButton = button('Reset', () => { this.pause(); this.steps = 0; this.setState({ z: schema.z.default }); });

    this.readouts = {
      probability: readout(this, { name: 'p', label: 'Probability σ(z)' }),
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      gradient: readout(this, { name: 'grad', label: 'Gradient dL/dz' }),
      mseGradient: readout(this, { name: 'mse-grad', label: 'MSE-through-sigmoid gradient' }),
      steps: readout(this, { name: 'steps', label: 'Descent steps' }),
    };
    this.steps = 0;

    this.lossPlot = createLinePlot({
      description: 'Binary cross-entropy against the logit z, for target 0 and target 1, with the current point marked.',
      xLabel: 'logit z', yLabel: 'loss', xDomain: LOGIT_RANGE, yDomain: [0, 8],
      series: [{ id: 'y0', label: 'loss when y = 0' }, { id: 'y1', label: 'loss when y = 1' }],
    });
    this.gradPlot = createLinePlot({
      description: 'The gradient dL/dz against z for the chosen target: BCE with logits, σ(z) − y, and MSE through '
        + 'the sigmoid, 2(σ(z) − y)·σ(z)(1 − σ(z)), with the current point marked on both.',
      xLabel: 'logit z', yLabel: 'dL/dz', xDomain: LOGIT_RANGE, yDomain: [-1.05, 1.05],
      series: [
        { id: 'grad', label: 'BCE with logits: σ(z) − y' },
        { id: 'mse', label: 'MSE through σ: 2(σ(z) − y)·σ(z)(1 − σ(z))', dashed: true },
      ],
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.logit.element, this.target.element, this.rate.element);
    const buttons = document.createElement('div');
    buttons.className = 'll-buttons';
    buttons.append(this.stepButton, this.playButton, this.resetButton);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    const note = document.createElement('p');
    note.className = 'll-note';
    note.textContent = 'Each step moves z by −(learning rate) × dL/dz. The gradient never vanishes while the '
      + 'prediction is wrong: it tends to ±1, not to 0. MSE on σ(z) multiplies its gradient by σ\'(z) = σ(z)(1 − σ(z)), '
      + 'at most 0.25 and nearly 0 when |z| is large, so a confidently wrong prediction barely moves; in BCE with '
      + 'logits that factor cancels against the log.';
    const plots = document.createElement('div');
    plots.className = 'll-plots';
    plots.append(this.lossPlot.element, this.gradPlot.element);
    body.append(controls, buttons, readouts, plots, note);
  }

  compute(core, state) {
    // Two core calls per frame, one per loss: BCE (which also gives sigma) and MSE on those probabilities.
    const bce = computeBce(core, state);
    return { ...bce, mse: computeMseThroughSigmoid(core, bce, state) };
  }

  render(data, state) {
    this.last = data;
    const { sweep, curves } = data;
    this.logit.set(state.z);
    this.target.set(state.y);
    this.readouts.probability.showNumber(data.probability);
    this.readouts.loss.showNumber(data.loss);
    this.readouts.gradient.showNumber(data.gradient);
    this.readouts.mseGradient.showNumber(data.mse.gradient);
    this.readouts.steps.set(String(this.steps), this.steps);
    this.lossPlot.update({
      lines: { y0: { x: sweep, y: curves.loss0 }, y1: { x: sweep, y: curves.loss1 } },
      points: [{ series: state.y === 1 ? 'y1' : 'y0', x: state.z, y: data.loss }],
    });
    this.gradPlot.update({
      lines: {
        grad: { x: sweep, y: state.y === 1 ? curves.grad1 : curves.grad0 },
        mse: { x: sweep, y: state.y === 1 ? data.mse.curves.grad1 : data.mse.curves.grad0 },
      },
      points: [{ series: 'grad', x: state.z, y: data.gradient }, { series: 'mse', x: state.z, y: data.mse.gradient }],
    });
  }

  /** One gradient-descent step on z using the gradient the core returned for the current z. */
  step() {
    if (!this.last) return false;
    const next = this.state.z - this.state.lr * this.last.gradient;
    const clamped = Math.min(LOGIT_RANGE[1], Math.max(LOGIT_RANGE[0], next));
    this.steps += 1;
    this.setState({ z: clamped });
    return clamped === next && Math.abs(this.last.gradient) > CONVERGED_GRADIENT;
  }

  play() {
    if (reducedMotion()) {
      // No animation: take the steps at once and show where descent ends.
      this.runToEnd();
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
    let z = this.state.z;
    let taken = 0;
    for (; taken < MAX_PLAY_STEPS; taken++) {
      const { gradient } = computeBce(this.core, { z, y: this.state.y }, Float64Array.of(z));
      const next = Math.min(LOGIT_RANGE[1], Math.max(LOGIT_RANGE[0], z - this.state.lr * gradient));
      if (Math.abs(gradient) <= CONVERGED_GRADIENT || next === z) break;
      z = next;
    }
    this.steps += taken;
    this.setState({ z });
  }

  pause() {
    clearInterval(this.timer);
    this.timer = 0;
    if (this.playButton) {
      this.playButton.textContent = 'Play';
    }
  }

  stop() {
    this.pause();
  }
}

customElements.define('bce-explorer', BceExplorer);
