// <gradient-flow>: watch the gradient travel backward through two small networks that differ only in their loss,
// cross-entropy (BCE with logits) and MSE on σ(output), from the same initial weights on the same two-moons points.
// Each network is drawn with one line per weight (width and darkness = |∂L/∂w| on a shared log scale); every step
// sends a backward pulse from the output to the inputs, and each layer's lines take their new gradients as it
// passes. Beside them: the points (pick one to see its own gradients), per-layer gradient norms and the losses.
import { createLinePlot } from '../../plot/line-plot.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, readout, select } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { createBars, layerNames } from './bars.js';
import { advance, createNetworks, LOSSES, SAMPLES, SETTINGS, trainerConfig, WIDTH } from './compute.js';
import { createDiagram } from './diagram.js';
import { createPointsPlot } from './points.js';
import { createLegend, decadeTick, scaleFor } from './scale.js';
import { ACTIVATIONS, DEPTHS, schema } from './state.js';
import './gradient-flow.css';

const PLAY_STEPS = 4; // steps per pulse while playing: 100 steps in about 7 s
const PLAY_LIMIT = 2000; // Play stops by itself here
const REDUCED_MOTION_STEPS = 100; // Play under reduced motion: this many steps at once, then the end state
const PULSE_MS_PER_LAYER = 90;
const PULSE_MIN_FRAMES = 8; // on a slow machine the pulse still takes 8 drawn frames, never jumps to the end

const fig = (v) => {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
};
// At most about 300 points per loss curve (every k-th step, always the last): the path stays cheap as Play runs on.
function thinned(history) {
  return Object.fromEntries(Object.entries(history).map(([id, { x, y }]) => {
    const k = Math.ceil(x.length / 300);
    if (k <= 1) return [id, { x, y }];
    const keep = (_, i) => i % k === 0 || i === x.length - 1;
    return [id, { x: x.filter(keep), y: y.filter(keep) }];
  }));
}
const percent = (v) => `${Number((100 * v).toFixed(1))} %`;

export class GradientFlow extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.networks = null;
    this.networksKey = '';
    this.pendingSteps = 0;
    this.playing = false;
    this.latest = null;
    this.resultId = 0;
    this.drawnId = -1;
    this.scale = null;
    this.pulse = null;

    this.diagrams = LOSSES.map((loss) => createDiagram({ loss }));
    this.legend = createLegend();
    this.caption = caption(this);

    this.activation = bind(this, 'activation', select(this, { name: 'activation', label: 'Activation',
      value: this.state.activation, options: ACTIVATIONS }));
    this.depth = bind(this, 'depth', select(this, { name: 'depth', label: 'Depth', value: this.state.depth,
      options: DEPTHS.map((d) => ({ value: d, text: `${d} layer${d === 1 ? '' : 's'}` })) }));
    this.example = bind(this, 'example', select(this, { name: 'example', label: 'Example', value: this.state.example,
      options: [{ value: -1, text: 'Whole batch' }] }));

    this.stepButton = button('Step', () => {
      this.pause();
      this.pendingSteps += 1;
      this.requestUpdate();
    }, { name: 'step' });
    this.playButton = button('Play', () => (this.playing ? this.pause() : this.play()), { name: 'play' });
    this.resetButton = button('Reset', () => {
      this.pause();
      this.networksKey = ''; // new trainers from the same seed: the same initial weights again
      this.requestUpdate();
    }, { name: 'reset' });
    this.wrongButton = button('Pick the confidently wrong point', () => {
      if (this.wrongPoint) this.setState({ example: this.wrongPoint.index });
    }, { name: 'pick-wrong' });
    this.stepsReadout = readout(this, { name: 'steps', label: 'Steps' });
    this.stepsReadout.element.classList.add('gf-steps');

    this.readouts = {
      ceGrad: readout(this, { name: 'ce-grad', label: 'First-layer gradient (cross-entropy)' }),
      mseGrad: readout(this, { name: 'mse-grad', label: 'First-layer gradient (MSE)' }),
      ceAcc: readout(this, { name: 'ce-acc', label: 'Accuracy (cross-entropy)' }),
      mseAcc: readout(this, { name: 'mse-acc', label: 'Accuracy (MSE)' }),
    };
    this.note = h('p', { class: 'll-note gf-dead', 'aria-live': 'polite' });
    this.note.hidden = true;

    this.bars = createBars(LOSSES);
    this.lossPlot = createLinePlot({
      description: 'Loss of each network against the step', xLabel: 'step', yLabel: 'loss (log)',
      xDomain: [0, 100], yDomain: [0.01, 10], yScale: 'log', height: 230, xTicks: 4, yTicks: 4, yFormat: decadeTick,
      series: LOSSES.map((l) => ({ id: l.id, label: l.name, concept: l.id })),
      endLabels: false, // each curve's name is written with its latest value, beside its end point
    });
    this.lossPlot.element.classList.add('gf-loss');
    this.pointsSlot = h('div', { class: 'gf-points-slot' });
    this.numbers = numbers(this);
    this.setup = h('p');

    body.append(
      h('div', { class: 'll-figures gf-networks' }, this.diagrams.map((d) => d.element)),
      this.legend.element,
      this.caption.element,
      h('div', { class: 'll-controls' }, this.activation.element, this.depth.element, this.example.element),
      h('div', { class: 'll-buttons' }, this.stepButton, this.playButton, this.resetButton, this.wrongButton,
        this.stepsReadout.element),
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.note,
      h('div', { class: 'll-figures gf-side' }, this.pointsSlot, this.bars.element, this.lossPlot.element),
      this.numbers.element,
      howItWorks([
        this.setup,
        h('p', { text: 'Backpropagation works from the output back to the inputs: the gradient of each layer is the '
          + 'gradient arriving from the layer above times that layer\'s own local derivatives. The first factor of '
          + 'that product is the loss\'s derivative with respect to the output logit z. For cross-entropy it is '
          + 'σ(z) − y, large whenever the prediction is wrong. For MSE on σ(z) it is 2(σ(z) − y)·σ(z)(1 − σ(z)): '
          + 'the extra factor σ(z)(1 − σ(z)) is close to 0 when the output is confident, so a confidently wrong '
          + 'network passes almost no gradient back, and every layer below inherits that smallness.' }),
        h('p', { text: 'Each line is one weight. Its width and darkness show |∂L/∂w|, the size of that weight\'s '
          + 'gradient, on one log scale shared by both networks (the legend). With "Example" set to one point, '
          + 'the lines show the gradient of that point\'s loss alone; with the whole batch, of the mean loss over '
          + 'all points, which is what a training step follows. The bars are the norm of each layer\'s whole '
          + 'gradient (weights and biases).' }),
        h('p', { text: 'Both networks are trained by plain full-batch gradient descent, so each step moves every '
          + 'weight by the learning rate times exactly the gradient drawn. Units that are dead (ReLU: zero output '
          + 'on every point) or saturated (sigmoid, tanh: flat on every point) pass no gradient to the layers below '
          + 'them whatever the loss; that is a separate problem, fixed by initialisation, learning rate and '
          + 'architecture rather than by the loss.' }),
      ]),
    );
  }

  disconnectedCallback() {
    super.disconnectedCallback(); // stop() pauses
    this.disposeNetworks();
  }

  connectedCallback() {
    const reconnected = Boolean(this.body) && this.started;
    super.connectedCallback();
    if (reconnected) this.requestUpdate(); // trainers were disposed; compute() recreates them
  }

  disposeNetworks() {
    this.cancelPulse();
    for (const { trainer } of this.networks ?? []) trainer.dispose();
    this.networks = null;
    this.networksKey = '';
  }

  compute(core, state) {
    const key = `${state.activation}/${state.depth}`;
    let fresh = false;
    if (key !== this.networksKey || !this.networks) {
      this.disposeNetworks();
      this.pause(); // a new pair of networks starts at step 0, paused
      this.networks = createNetworks(core, state);
      this.networksKey = key;
      this.history = Object.fromEntries(LOSSES.map((l) => [l.id, { x: [], y: [] }]));
      // What the hidden units do at the shared initial weights (a throw-away trainer from the same seed; its one
      // step's record describes the weights before that step).
      // Throw-away trainers from the same seed give the losses at the initial weights (a step's record describes
      // the weights before that step) and what the hidden units do there, so the first view is not empty.
      for (const l of LOSSES) {
        const probe = core.createTrainer(trainerConfig(state, l));
        const first = probe.step(1)[0];
        probe.dispose();
        this.history[l.id].x.push(0);
        this.history[l.id].y.push(first.loss);
        this.initialActivations = first.activations; // the same for both: same weights, same data
      }
      this.pendingSteps = 0;
      fresh = true;
    }
    const n = this.pendingSteps;
    if (fresh || n > 0 || this.latest?.example !== state.example) {
      this.pendingSteps = 0;
      const result = advance(this.networks, n, state.example);
      for (const l of LOSSES) {
        for (const r of result.byLoss[l.id].records) {
          if (r.step - 1 <= this.history[l.id].x.at(-1)) continue; // step 0 came from the probe
          this.history[l.id].x.push(r.step - 1);
          this.history[l.id].y.push(r.loss);
        }
      }
      this.latest = { ...result, example: state.example, stepped: n, id: ++this.resultId };
    }
    return this.latest;
  }

  render(result, state) {
    const { info } = this.networks[0].trainer;
    if (!this.points) {
      this.points = createPointsPlot({ x: info.x, y: info.y, extent: info.extent,
        onPick: (i) => this.setState({ example: this.state.example === i ? -1 : i }) });
      this.pointsSlot.replaceWith(this.points.element);
      const input = this.example.input;
      for (let i = 0; i < info.y.length; i++) {
        input.add(new Option(`Point ${i + 1} (class ${info.y[i]})`, String(i)));
      }
      input.value = String(state.example);
    }
    for (const sync of this.bindings ?? []) sync();

    const { ce, mse } = result.byLoss;
    const steps = result.steps;
    const isNew = result.id !== this.drawnId;
    this.drawnId = result.id;

    // Confidently wrong: the point the MSE network gets most wrong now (|p - y| largest, if above 0.5).
    let worst = -1;
    let worstError = 0.5;
    for (let i = 0; i < mse.p.length; i++) {
      const error = Math.abs(mse.p[i] - info.y[i]);
      if (error > worstError) {
        worst = i;
        worstError = error;
      }
    }
    this.wrongPoint = worst >= 0 ? { index: worst, p: mse.p[worst], error: worstError,
      text: worstError > 0.9 ? 'confidently wrong' : 'wrong' } : null;
    this.wrongButton.disabled = !this.wrongPoint || state.example === worst;

    // Diagrams: the shared scale, then either a pulse or (reduced motion, new example, first view) a plain update.
    let max = 0;
    for (const net of [ce, mse]) for (const layer of net.layers) for (const v of layer.weight) max = Math.max(max, Math.abs(v));
    if (isNew) {
      this.finishPulse();
      const scale = scaleFor(max, this.scale);
      if (scale !== this.scale) {
        this.scale = scale;
        for (const d of this.diagrams) d.rescale(scale);
      }
      this.legend.set(this.scale);
      const sizes = [info.inputs, ...Array(state.depth).fill(WIDTH), 1];
      const names = layerNames(state.depth + 1);
      this.diagrams.forEach((d, i) => {
        const net = result.byLoss[LOSSES[i].id];
        if (d.architecture !== this.networksKey) {
          d.setArchitecture(sizes);
          d.architecture = this.networksKey;
        }
        d.setGradients(net.layers, steps, `${LOSSES[i].long} network, ${sizes.join('-')} units, after ${steps} steps. `
          + `Largest |∂L/∂w| per layer: ${net.layers.map((l, j) => `${names[j] === 'out' ? 'output' : `layer ${names[j]}`} `
          + fig(Math.max(...Array.from(l.weight, Math.abs)))).join(', ')}.`);
      });
      if (result.stepped > 0 && !reducedMotion()) this.startPulse(state.depth + 1);
      else for (const d of this.diagrams) d.applyAll(this.scale);
      // Playing, but this update had no pulse to hand on from (the example changed mid-play): keep going.
      if (this.playing && this.pulse === null) this.continuePlay();
    }

    // Readouts.
    this.readouts.ceGrad.showNumber(ce.norms[0]);
    this.readouts.mseGrad.showNumber(mse.norms[0]);
    this.readouts.ceAcc.set(percent(ce.accuracy), ce.accuracy);
    this.readouts.mseAcc.set(percent(mse.accuracy), mse.accuracy);
    this.stepsReadout.set(String(steps), steps);

    // Side figures.
    const example = state.example;
    this.points.update(example, this.wrongPoint, `The ${info.y.length} training points (two moons), coloured by `
      + `class${example >= 0 ? `; point ${example + 1} is the chosen example` : ''}`
      + `${this.wrongPoint ? `; point ${this.wrongPoint.index + 1} is the one the MSE network gets most wrong `
      + `(p = ${fig(this.wrongPoint.p)} for a class ${info.y[this.wrongPoint.index]} point)` : ''}.`);
    const names = layerNames(state.depth + 1);
    const list = (norms) => Array.from(norms, (g, l) => `${names[l]} ${fig(g)}`).join(', ');
    this.bars.update({ ce: ce.norms, mse: mse.norms }, `Gradient norm per layer (first layer first) after ${steps} `
      + `steps, ${example >= 0 ? `point ${example + 1}` : 'whole batch'}. Cross-entropy: ${list(ce.norms)}. `
      + `MSE: ${list(mse.norms)}.`);
    if (isNew) {
      const all = LOSSES.flatMap((l) => this.history[l.id].y).filter((v) => v > 0 && Number.isFinite(v));
      const lo = all.length ? 10 ** Math.floor(Math.log10(Math.min(...all))) : 0.01;
      const hi = all.length ? 10 ** Math.ceil(Math.log10(Math.max(...all))) : 10;
      const points = LOSSES.map((l) => {
        const y = this.history[l.id].y.at(-1);
        return { series: l.id, x: this.history[l.id].x.at(-1), y, label: `${l.name} ${fig(y)}` };
      });
      this.lossPlot.update({ lines: thinned(this.history), points, xDomain: [0, Math.max(100, steps)],
        yDomain: [lo, hi > lo ? hi : lo * 10] });
    }

    this.caption.set(this.captionText(result, state));
    this.note.textContent = this.deadText(result, state);
    this.note.hidden = !this.note.textContent;
    this.numbers.set([
      { label: 'Steps', value: steps },
      ...LOSSES.flatMap((l) => {
        const net = result.byLoss[l.id];
        const lastLoss = this.history[l.id].y.at(-1);
        return [
          ...names.map((name, j) => ({ label: `Gradient norm, ${name === 'out' ? 'output layer' : `layer ${name}`} `
            + `(${l.name})`, value: net.norms[j] })),
          { label: `Accuracy (${l.name})`, value: net.accuracy },
          ...(lastLoss === undefined ? [] : [{ label: `Loss before step ${steps} (${l.name})`, value: lastLoss }]),
        ];
      }),
    ]);
    const settings = SETTINGS[state.activation];
    const activation = ACTIVATIONS.find((a) => a.value === state.activation).text;
    this.setup.textContent = `Both networks: 2 inputs → ${state.depth} hidden layer${state.depth === 1 ? '' : 's'} `
      + `of ${WIDTH} ${activation} units → 1 output z, on ${SAMPLES} two-moons points, with the same seed and `
      + `therefore the same initial weights (${settings.init} × ${settings.initScale}), trained by full-batch `
      + `gradient descent with learning rate ${settings.learningRate}.`;
  }

  captionText(result, state) {
    const { ce, mse } = result.byLoss;
    const g = [ce.norms[0], mse.norms[0]];
    const ratio = g[1] > 0 ? g[0] / g[1] : Infinity;
    const who = state.example >= 0 ? `For point ${state.example + 1} alone`
      : result.steps === 0 ? 'At the shared start' : `After ${result.steps} steps`;
    const compare = ratio >= 1
      ? `cross-entropy's first layer gets a gradient ${fig(ratio)} times MSE's (${fig(g[0])} vs ${fig(g[1])})`
      : `MSE's first layer now gets the larger gradient (${fig(g[1])} vs ${fig(g[0])} for cross-entropy)`;
    const accuracy = `accuracy ${percent(ce.accuracy)} (cross-entropy) vs ${percent(mse.accuracy)} (MSE)`;
    if (state.example >= 0) {
      const i = state.example;
      const y = this.networks[0].trainer.info.y[i];
      const wrong = Math.abs(mse.p[i] - y) > 0.9;
      return `${who} (class ${y}), ${compare}. The networks give it p = ${fig(ce.p[i])} (cross-entropy) and `
        + `p = ${fig(mse.p[i])} (MSE)` + (wrong ? ': MSE is confidently wrong here, where σ′(z) is almost 0, so it '
        + 'passes almost nothing back.' : '.');
    }
    const confident = this.wrongPoint && this.wrongPoint.error > 0.9;
    const why = ratio >= 3 ? ': its lines stay thick and dark back to the inputs, while MSE\'s fade'
      : confident ? '' : ': no point starts confidently wrong, so MSE\'s extra factor σ′(z) is not small here';
    const start = result.steps === 0 ? `${why}. Only the loss differs. Press Step or Play and watch the pulse carry each loss\'s gradient `
      + 'back to the first layer.' : '';
    return result.steps === 0 ? `${who}, ${compare}${start}` : `${who}, ${compare}; ${accuracy}.`;
  }

  /** Plain words when units are dead or saturated on every point (a different problem from the loss). */
  deadText(result, state) {
    const names = layerNames(state.depth + 1);
    const kind = state.activation === 'relu' ? 'dead (they output 0 for every point), so no gradient passes'
      : 'saturated (flat on every point), so almost no gradient passes';
    const parts = LOSSES.map((l) => {
      const records = result.byLoss[l.id].records;
      const activations = records.length ? records.at(-1).activations
        : result.steps === 0 ? this.initialActivations : null;
      if (!activations) return '';
      const layers = activations.flatMap((a, j) => (a.dead > 0 ? [`${Math.round(a.dead * WIDTH)} in layer ${names[j]}`] : []));
      return layers.length ? `${l.name}: ${layers.join(', ')}` : '';
    }).filter(Boolean);
    if (!parts.length) return '';
    return `Some hidden units are ${kind} through them to the layers below (${parts.join('; ')}). `
      + `That comes from the ${state.activation === 'relu' ? 'ReLU activation and the learning rate' : 'activation and '
      + 'the large initial weights'}, not from the loss: a different lesson.`;
  }

  startPulse(gaps) {
    const duration = Math.max(240, PULSE_MS_PER_LAYER * gaps);
    const t0 = performance.now();
    let frames = 0;
    const tick = (now) => {
      frames += 1;
      const f = Math.min((now - t0) / duration, frames / PULSE_MIN_FRAMES);
      for (const d of this.diagrams) d.pulseAt(f, this.scale);
      if (f >= 1) {
        this.pulse = null;
        this.dispatchEvent(new CustomEvent('gf-pulse-done'));
        if (this.playing) this.continuePlay();
        return;
      }
      this.pulse = requestAnimationFrame(tick);
    };
    for (const d of this.diagrams) d.pulseAt(0, this.scale);
    this.pulse = requestAnimationFrame(tick);
  }

  continuePlay() {
    if (this.latest.steps >= PLAY_LIMIT) this.pause();
    else {
      this.pendingSteps += PLAY_STEPS;
      this.requestUpdate();
    }
  }

  /** Ends a running pulse at once (a new step arrived): every layer shows its latest values. */
  finishPulse() {
    if (this.pulse === null) return;
    cancelAnimationFrame(this.pulse);
    this.pulse = null;
    for (const d of this.diagrams) d.pulseAt(1, this.scale);
  }

  cancelPulse() {
    if (this.pulse !== null) cancelAnimationFrame(this.pulse);
    this.pulse = null;
  }

  play() {
    if (reducedMotion()) {
      this.pendingSteps += REDUCED_MOTION_STEPS; // no animation: 100 steps at once, then the end state
      this.requestUpdate();
      return;
    }
    this.playing = true;
    this.playButton.textContent = 'Pause';
    this.pendingSteps += PLAY_STEPS;
    this.requestUpdate();
  }

  pause() {
    this.playing = false;
    if (this.playButton) this.playButton.textContent = 'Play';
  }

  stop() {
    this.pause();
  }
}

customElements.define('gradient-flow', GradientFlow);
