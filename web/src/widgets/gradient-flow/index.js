// <gradient-flow>: how big the gradient is in each layer of a small network on two moons, under cross-entropy and
// under MSE on a sigmoid output, side by side. Two core trainers share data, seed, architecture and initial
// weights; each frame steps each of them once and draws the per-layer gradient norms on a log axis.
import { button, readout, select } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { createLogBarChart } from './chart.js';
import { createTrainers, LOSSES, stepTrainers, supportsMseSigmoid, TRAINING, WIDTH } from './compute.js';
import { ACTIVATIONS, DEPTHS, schema } from './state.js';
import './gradient-flow.css';

const TRAIN_STEPS = 10;
const STEPS_PER_FRAME = 4; // ~240 updates a second at 60 fps: the first few hundred steps take a couple of seconds
const REDUCED_MOTION_STEPS = 100;
const PLAY_LIMIT = 3000; // Play stops by itself here: two moons has long converged (or visibly stalled)

const fmt = (v) => formatNumber(v);
const sci = (v) => (Number.isFinite(v) ? v.toExponential(2) : String(v));

function layerNames(layers) {
  return Array.from({ length: layers }, (_, l) => (l === layers - 1 ? 'output' : l === 0 ? '1 (first)' : String(l + 1)));
}

export class GradientFlow extends LossLabWidget {
  static title = 'Gradient Flow';
  static schema = schema;

  build(body) {
    this.trainers = null;
    this.trainersKey = '';
    this.pending = 0;
    this.playing = false;
    this.latest = null;

    this.activation = select(this, { name: 'activation', label: 'Activation', value: this.state.activation,
      options: ACTIVATIONS });
    this.activation.onChange((activation) => this.setState({ activation }));
    this.depth = select(this, { name: 'depth', label: 'Depth', value: this.state.depth,
      options: DEPTHS.map((d) => ({ value: d, text: `${d} hidden layers` })) });
    this.depth.onChange((depth) => this.setState({ depth: Number(depth) }));

    this.trainButton = button(`Train ${TRAIN_STEPS} steps`, () => {
      this.pause();
      this.pending += TRAIN_STEPS;
      this.requestUpdate();
    });
    this.playButton = button('Play', () => (this.playing ? this.pause() : this.play()));
    this.resetButton = button('Reset', () => {
      this.pause();
      this.trainersKey = ''; // new trainers from the same seed: the same initial weights again
      this.requestUpdate();
    });

    this.readouts = {
      ceGrad: readout(this, { name: 'ce-grad', label: 'First-layer gradient (cross-entropy)' }),
      mseGrad: readout(this, { name: 'mse-grad', label: 'First-layer gradient (MSE)' }),
      ceLoss: readout(this, { name: 'ce-loss', label: 'Loss (cross-entropy)' }),
      mseLoss: readout(this, { name: 'mse-loss', label: 'Loss (MSE)' }),
      steps: readout(this, { name: 'steps', label: 'Steps' }),
    };

    this.chart = createLogBarChart({
      series: [
        { id: 'ce', label: 'cross-entropy (BCE with logits)' },
        { id: 'mse', label: 'MSE on σ(output)' },
      ],
      xLabel: 'layer (input side on the left)', yLabel: 'gradient norm (log)',
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.activation.element, this.depth.element);
    const buttons = document.createElement('div');
    buttons.className = 'll-buttons';
    buttons.append(this.trainButton, this.playButton, this.resetButton);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    this.accuracy = document.createElement('p');
    this.accuracy.className = 'll-note';
    this.setup = document.createElement('p');
    this.setup.className = 'll-note';
    this.missing = document.createElement('p');
    this.missing.className = 'll-note gf-missing';
    this.missing.hidden = true;
    body.append(controls, buttons, readouts, this.chart.element, this.accuracy, this.missing, this.setup);
  }

  disconnectedCallback() {
    super.disconnectedCallback(); // stop() pauses
    this.disposeTrainers();
  }

  connectedCallback() {
    const reconnected = Boolean(this.body);
    super.connectedCallback();
    if (reconnected) this.requestUpdate(); // trainers were disposed; compute() recreates them
  }

  disposeTrainers() {
    for (const { trainer } of this.trainers ?? []) trainer.dispose();
    this.trainers = null;
    this.trainersKey = '';
  }

  compute(core, state) {
    this.losses ??= supportsMseSigmoid(core) ? LOSSES : LOSSES.filter((l) => l.id !== 'mse');
    const key = `${state.activation}/${state.depth}`;
    if (key !== this.trainersKey || !this.trainers) {
      this.disposeTrainers();
      this.trainers = createTrainers(core, state, this.losses);
      this.trainersKey = key;
      this.pending += 1; // the first record is the gradient at the initial weights
    }
    if (this.pending > 0) {
      const n = this.pending;
      this.pending = 0;
      this.latest = stepTrainers(this.trainers, n);
    }
    return this.latest;
  }

  render({ records, shown }, state) {
    this.activation.set(state.activation);
    this.depth.set(state.depth);
    const { ce, mse } = records;
    this.readouts.ceGrad.set(fmt(ce.gradNorms[0]), ce.gradNorms[0]);
    this.readouts.ceLoss.set(fmt(ce.loss), ce.loss);
    if (mse) {
      this.readouts.mseGrad.set(fmt(mse.gradNorms[0]), mse.gradNorms[0]);
      this.readouts.mseLoss.set(fmt(mse.loss), mse.loss);
    } else {
      this.readouts.mseGrad.set('unavailable');
      this.readouts.mseLoss.set('unavailable');
    }
    this.readouts.steps.set(String(shown), shown);

    const names = layerNames(ce.gradNorms.length);
    const list = (record) => Array.from(record.gradNorms, (g, l) => `${names[l]} ${sci(g)}`).join(', ');
    this.chart.update(names, { ce: ce.gradNorms, mse: mse?.gradNorms },
      `Gradient norm of each layer after ${shown} steps, first layer first. Cross-entropy: ${list(ce)}.`
      + (mse ? ` MSE on the sigmoid output: ${list(mse)}.` : ' MSE: not available in this core.'));
    const share = (r) => (r.gradNorms.at(-1) > 0 ? sci(r.gradNorms[0] / r.gradNorms.at(-1)) : 'none (no gradient at the output)');
    const percent = (r) => `${formatNumber(100 * r.accuracy, 3)} %`;
    this.accuracy.textContent = `Training accuracy after ${shown} steps: cross-entropy ${percent(ce)}`
      + (mse ? `, MSE ${percent(mse)}.` : '.')
      + ` First-layer gradient as a share of the output layer's: cross-entropy ${share(ce)}`
      + (mse ? `, MSE ${share(mse)}.` : '.');
    // Layers whose units are all saturated on every point (for ReLU: dead) pass no gradient below them.
    const dead = (record, name) => {
      const layers = record.activations.flatMap((a, l) => (a.dead === 1 ? [names[l]] : []));
      if (!layers.length) return '';
      const which = layers.length === 1 ? `layer ${layers[0]} is` : `layers ${layers.join(', ')} are`;
      return ` ${name}: all units of ${which} saturated on every point (${state.activation === 'relu'
        ? 'dead ReLUs' : 'flat activations'}), so almost no gradient passes below.`;
    };
    this.accuracy.textContent += dead(ce, 'Cross-entropy') + (mse ? dead(mse, 'MSE') : '');
    this.missing.hidden = Boolean(mse);
    this.missing.textContent = mse ? '' : 'The MSE network is missing: this build of the core cannot train MSE on a '
      + 'sigmoid output (its trainer needs the binaryLoss: \'mseSigmoid\' option). Rather than show a different loss '
      + 'under the MSE label, that side stays empty.';
    const activation = ACTIVATIONS.find((a) => a.value === state.activation).text;
    this.setup.textContent = `Both networks: 2 inputs → ${state.depth} hidden layers of ${WIDTH} ${activation} units `
      + `→ 1 output z, on ${TRAINING.samples} two-moons points, with the same seed and the same initial weights `
      + `(${state.activation === 'relu' ? 'He' : 'Xavier'} × ${TRAINING.initScale}, so the output starts out confident `
      + 'and often wrong), trained by full-batch SGD '
      + `with learning rate ${TRAINING.learningRate}. Cross-entropy is BCE with logits on z, whose gradient at the `
      + 'output is σ(z) − y; MSE is (σ(z) − y)², whose gradient 2(σ(z) − y)·σ(z)(1 − σ(z)) carries the sigmoid\'s '
      + 'slope into every layer below. Bars: the L2 norm of each layer\'s weight and bias gradient, on a log axis.';

    if (this.playing) {
      if (shown >= PLAY_LIMIT) this.pause();
      else {
        this.pending += STEPS_PER_FRAME;
        this.requestUpdate(); // next frame: one more step() per trainer
      }
    }
  }

  play() {
    if (reducedMotion()) {
      // No animation: the same 100 steps at once, then the end state.
      this.pending += REDUCED_MOTION_STEPS;
      this.requestUpdate();
      return;
    }
    this.playing = true;
    this.playButton.textContent = 'Pause';
    this.pending += STEPS_PER_FRAME;
    this.requestUpdate();
  }

  pause() {
    this.playing = false;
    this.pending = 0; // a frame already scheduled by play() renders without stepping
    if (this.playButton) this.playButton.textContent = 'Play';
  }

  stop() {
    this.pause();
  }
}

customElements.define('gradient-flow', GradientFlow);
