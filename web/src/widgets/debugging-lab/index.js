// <debugging-lab>: a small MLP trains live on two moons (core.createTrainer) and the reader provokes the classic
// failures (a learning rate that explodes to NaN or crawls, saturated sigmoids, dead ReLUs) and fixes them with the
// knobs. Each frame makes ONE trainer.step(k) call; the loss curve, per-layer gradient norms, activation
// statistics, the first non-finite value and a diagnosis in words all come from the trainer's records.
import '../../plot/plot.css';
import { button, checkbox, readout, select, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { describeNonFinite, diagnose } from './diagnose.js';
import { createGradientBars } from './grad-bars.js';
import { createLossCurve } from './loss-curve.js';
import { TrainingRun } from './run.js';
import { CLIP_RANGE, CUSTOM, INIT_RANGE, LAYERS, LR_RANGE, NETWORK, SCENARIOS, schema, scenarioOf, trainerConfig } from './state.js';
import './debugging-lab.css';

const TRAIN_STEPS = 20;
const STEPS_PER_FRAME = 4; // ~1.5 ms a step for this network in wasm: 4 steps keep a frame well under 16 ms
const REDUCED_MOTION_STEPS = 200; // Play without animation: this many steps in one call, then stop
const MAX_PLAY_STEPS = 3000; // Play stops here (the curve keeps every step)

// Log sliders: the input moves log10 of the value in steps of 0.05 (12 % a step); shown rounded to 2 digits.
const fromLog = (position) => Number((10 ** position).toPrecision(2));
const layerName = (i) => (i === LAYERS - 1 ? `layer ${i + 1} (output)` : `layer ${i + 1}`);
const percent = (x) => `${formatNumber(100 * x, 3)} %`;

function group(className, children) {
  const element = document.createElement('div');
  element.className = className;
  element.append(...children);
  return element;
}

export class DebuggingLab extends LossLabWidget {
  static title = 'Debugging Lab';
  static schema = schema;

  build(body) {
    this.run = new TrainingRun();
    this.pendingSteps = 0;
    this.playing = false;

    this.scenario = select(this, { name: 'scenario', label: 'Scenario', value: scenarioOf(this.state).id,
      options: [...SCENARIOS, CUSTOM].map((s) => ({ value: s.id, text: s.text })) });
    this.scenario.input.options[SCENARIOS.length].disabled = true; // shown when the knobs match no preset
    this.scenario.onChange((id) => {
      const chosen = SCENARIOS.find((s) => s.id === id);
      if (chosen) this.changeKnobs(chosen.knobs);
    });
    this.lr = slider(this, { name: 'lr', label: 'Learning rate', min: Math.log10(LR_RANGE[0]),
      max: Math.log10(LR_RANGE[1]), step: 0.05, value: Math.log10(this.state.lr), format: (v) => formatNumber(fromLog(v)) });
    this.lr.onInput((position) => this.changeKnobs({ lr: fromLog(position) }));
    this.activation = select(this, { name: 'activation', label: 'Activation', value: this.state.activation,
      options: [{ value: 'relu', text: 'ReLU' }, { value: 'tanh', text: 'tanh' }, { value: 'sigmoid', text: 'sigmoid' }] });
    this.activation.onChange((activation) => this.changeKnobs({ activation }));
    this.initScale = slider(this, { name: 'init', label: 'Init scale', min: Math.log10(INIT_RANGE[0]),
      max: Math.log10(INIT_RANGE[1]), step: 0.05, value: Math.log10(this.state.initScale),
      format: (v) => formatNumber(fromLog(v)) });
    this.initScale.onInput((position) => this.changeKnobs({ initScale: fromLog(position) }));
    this.clip = checkbox(this, { name: 'clip', label: 'Gradient clipping', checked: this.state.clip });
    this.clip.onChange((clip) => this.changeKnobs({ clip }));
    this.clipNorm = slider(this, { name: 'clip-norm', label: 'Clip norm', min: CLIP_RANGE[0], max: CLIP_RANGE[1],
      step: 0.1, value: this.state.clipNorm, format: (v) => formatNumber(v, 3) });
    this.clipNorm.onInput((clipNorm) => this.changeKnobs({ clipNorm }));

    this.trainButton = button(`Train ${TRAIN_STEPS} steps`, () => {
      this.pause();
      this.train(TRAIN_STEPS);
    });
    this.playButton = button('Play', () => (this.playing ? this.pause() : this.play()));
    this.resetButton = button('Reset', () => {
      this.pause();
      this.run.dispose(); // the next frame makes a fresh trainer with the same knobs
      this.requestUpdate();
    });

    this.readouts = {
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      accuracy: readout(this, { name: 'accuracy', label: 'Accuracy' }),
      gradNorm: readout(this, { name: 'grad-norm', label: 'Gradient norm' }),
      steps: readout(this, { name: 'steps', label: 'Steps' }),
      nonFinite: readout(this, { name: 'non-finite', label: 'First non-finite value' }),
    };
    this.diagnosis = readout(this, { name: 'diagnosis', label: 'Diagnosis' });
    this.diagnosis.element.classList.add('dl-diagnosis');

    this.lossCurve = createLossCurve();
    this.gradBars = createGradientBars(Array.from({ length: LAYERS }, (_, i) => layerName(i)));
    this.statsTable = document.createElement('table');
    this.statsTable.className = 'dl-stats';

    const network = document.createElement('p');
    network.className = 'll-note';
    network.textContent = `The network: 2 inputs → ${NETWORK.hidden.length} hidden layers of ${NETWORK.hidden[0]} units `
      + `→ 1 logit, BCE with logits, on ${NETWORK.samples} two-moons points; plain SGD on the full batch, seed `
      + `${NETWORK.seed}. Init scale multiplies the standard initial weights (Xavier; He for ReLU). Changing any knob `
      + 'restarts training from step 0, so each run shows one setting from the same start. Layers are numbered '
      + `from 1 (the first hidden layer) to ${LAYERS} (the output layer).`;
    const statsWrap = group('dl-stats-wrap', [this.statsTable]);
    // The table may scroll sideways on a phone; a scrolling region must be reachable by keyboard.
    statsWrap.tabIndex = 0;
    statsWrap.setAttribute('role', 'group');
    statsWrap.setAttribute('aria-label', 'Per-layer statistics');
    body.append(
      group('ll-controls dl-scenario', [this.scenario.element]),
      group('ll-controls', [this.lr.element, this.activation.element, this.initScale.element,
        this.clip.element, this.clipNorm.element]),
      group('ll-buttons', [this.trainButton, this.playButton, this.resetButton]),
      group('ll-readouts', [...Object.values(this.readouts).map((r) => r.element), this.diagnosis.element]),
      group('ll-plots', [this.lossCurve.element, this.gradBars.element]),
      statsWrap,
      network,
    );
  }

  /** Knob changes restart the run (the trainer's config is fixed at creation). */
  changeKnobs(changes) {
    this.pause();
    this.setState(changes);
  }

  train(steps) {
    this.pendingSteps += steps;
    this.requestUpdate();
  }

  play() {
    if (reducedMotion()) {
      this.train(REDUCED_MOTION_STEPS); // no animation: the end state at once
      return;
    }
    this.playing = true;
    this.playButton.textContent = 'Pause';
    this.playStart = this.run.steps;
    this.train(STEPS_PER_FRAME);
  }

  pause() {
    this.playing = false;
    this.pendingSteps = 0;
    if (this.playButton) this.playButton.textContent = 'Play';
  }

  compute(core, state) {
    this.run.sync(core, trainerConfig(state));
    const steps = this.pendingSteps;
    this.pendingSteps = 0;
    if (steps > 0) this.run.step(steps); // the frame's one core call
    const { losses, last, firstNonFinite, layers } = this.run;
    return { losses, last, firstNonFinite, diagnosis: diagnose({ losses, last, firstNonFinite,
      activation: state.activation, layers }) };
  }

  render({ losses, last, firstNonFinite, diagnosis }, state) {
    this.scenario.set(scenarioOf(state).id);
    this.lr.set(Math.log10(state.lr));
    this.activation.set(state.activation);
    this.initScale.set(Math.log10(state.initScale));
    this.clip.set(state.clip);
    this.clipNorm.set(state.clipNorm);
    this.clipNorm.input.disabled = !state.clip;

    const r = this.readouts;
    const number = (readoutOf, v) => (last ? readoutOf.showNumber(v) : readoutOf.set('–', ''));
    number(r.loss, last?.loss);
    if (last) r.accuracy.set(percent(last.accuracy), last.accuracy);
    else r.accuracy.set('–', '');
    number(r.gradNorm, last?.gradNorm);
    r.steps.set(String(losses.length), losses.length);
    r.nonFinite.set(firstNonFinite ? describeNonFinite(firstNonFinite, LAYERS) : 'none',
      firstNonFinite ? firstNonFinite.step : 0);
    this.diagnosis.set(diagnosis.text, diagnosis.code);

    this.lossCurve.update(losses, firstNonFinite?.step ?? null);
    this.gradBars.update(last?.gradNorms ?? null);
    this.renderStats(last);

    if (this.playing) {
      const done = firstNonFinite || this.run.steps - this.playStart >= MAX_PLAY_STEPS;
      if (done) this.pause();
      else this.train(STEPS_PER_FRAME); // the next frame's slice
    }
  }

  /** Activation statistics of the hidden layers at the latest step. */
  renderStats(last) {
    const cell = (tag, text, attributes = {}) => Object.assign(document.createElement(tag), { textContent: text, ...attributes });
    const head = document.createElement('tr');
    head.append(...['hidden layer', 'mean', 'std', 'saturated', 'dead units'].map((t) => cell('th', t, { scope: 'col' })));
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    for (let i = 0; i < LAYERS - 1; i++) {
      const a = last?.activations[i];
      const tr = document.createElement('tr');
      tr.append(cell('th', layerName(i), { scope: 'row' }),
        ...(a ? [formatNumber(a.mean, 3), formatNumber(a.std, 3), percent(a.saturated), percent(a.dead)]
          : ['–', '–', '–', '–']).map((t) => cell('td', t)));
      tbody.append(tr);
    }
    const caption = cell('caption', last ? `Hidden-layer activations at step ${last.step} (saturated: slope near 0 — `
      + 'sigmoid outside [0.01, 0.99], |tanh| > 0.99, ReLU input ≤ 0; dead: a unit saturated on every sample)'
      : 'Hidden-layer activations (no steps yet)');
    this.statsTable.replaceChildren(caption, thead, tbody);
  }

  stop() {
    this.pause();
    this.run?.dispose();
  }
}

customElements.define('debugging-lab', DebuggingLab);
