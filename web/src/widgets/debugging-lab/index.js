// <debugging-lab>: a small MLP trains live on two moons (core.createTrainer) and the reader provokes the classic
// failures (a learning rate that explodes to NaN or crawls, saturated sigmoids, dead ReLUs) and fixes them with the
// knobs. Every fresh run shows its first 20 steps by itself, and each frame makes ONE trainer.step(k) call (k sized
// so the frame stays within its budget); the loss curve, per-layer gradient norms, activation statistics, the first
// non-finite value and a diagnosis in words all come from the trainer's records.
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, checkbox, readout, select, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { describeNonFinite, diagnose } from './diagnose.js';
import { createGradientBars } from './grad-bars.js';
import { createLossCurve } from './loss-curve.js';
import { TrainingRun } from './run.js';
import { CLIP_RANGE, CUSTOM, INIT_RANGE, LAYERS, LR_RANGE, NETWORK, SCENARIOS, schema, scenarioOf, trainerConfig } from './state.js';
import './debugging-lab.css';

const TRAIN_STEPS = 20;
const FIRST_STEPS = 20; // a fresh run shows this many steps by itself (animated, in blocks of BLOCK steps)
const BLOCK = 4; // the first steps come in blocks of 4; a run that meets a NaN stops at the end of that block
const STEPS_PER_FRAME = 4; // Play's slice per frame
// The first steps are animated at most BLOCK a frame, as many as fit in this much trainer time (measured: a step of
// this network costs 0.7-3 ms in wasm, creating the trainer 1.3-3 ms). The frame that answers a knob change makes
// the new trainer and takes one step only, so it is drawn in time; the next frames take the rest.
const FRAME_BUDGET_MS = 6;
const REDUCED_MOTION_STEPS = 200; // Play without animation: this many steps in one call, then stop
const MAX_PLAY_STEPS = 3000; // Play stops here (the curve keeps every step)

// Log sliders: the input moves log10 of the value in steps of 0.05 (12 % a step); shown rounded to 2 digits.
const fromLog = (position) => Number((10 ** position).toPrecision(2));
const layerName = (i) => (i === LAYERS - 1 ? `layer ${i + 1} (output)` : `layer ${i + 1}`);
const shortLayer = (i) => (i === LAYERS - 1 ? `${i + 1} out` : String(i + 1));
const percent = (x) => `${formatNumber(100 * x, 3)} %`;
const s3 = (v) => formatNumber(v, 3);

export class DebuggingLab extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.run = new TrainingRun();
    this.pendingSteps = 0;
    this.firstTarget = 0; // steps a fresh run still takes by itself
    this.timing = { step: 3 }; // ms per step, measured as the lab runs (sizes the first steps' slices)
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
    }, { name: 'train' });
    this.playButton = button('Play', () => (this.playing ? this.pause() : this.play()), { name: 'play' });
    this.resetButton = button('Reset', () => {
      this.pause();
      this.run.dispose(); // the next frame makes a fresh trainer with the same knobs (and its first steps)
      this.requestUpdate();
    }, { name: 'reset' });

    this.readouts = {
      loss: readout(this, { name: 'loss', label: 'Loss' }),
      accuracy: readout(this, { name: 'accuracy', label: 'Accuracy' }),
      gradNorm: readout(this, { name: 'grad-norm', label: 'Gradient norm' }),
      steps: readout(this, { name: 'steps', label: 'Steps' }),
    };
    this.diagnosis = readout(this, { name: 'diagnosis', label: 'Diagnosis' });
    this.diagnosis.element.classList.add('dl-diagnosis', 'll-text-readout');
    this.numbers = numbers(this);
    this.caption = caption(this);

    this.lossCurve = createLossCurve();
    this.gradBars = createGradientBars(Array.from({ length: LAYERS }, (_, i) => shortLayer(i)));
    this.statsTable = h('table', { class: 'dl-stats' });
    const statsWrap = h('div', { class: 'dl-stats-wrap', 'data-scroll-region': '', role: 'region', tabindex: '0',
      'aria-label': 'Hidden-layer activations' }, this.statsTable);

    body.append(
      h('div', { class: 'll-figures dl-figures' }, this.lossCurve.element, this.gradBars.element),
      this.caption.element,
      h('div', { class: 'll-controls dl-scenario' }, this.scenario.element,
        h('div', { class: 'll-buttons' }, this.trainButton, this.playButton, this.resetButton)),
      h('div', { class: 'll-controls' }, this.lr.element, this.activation.element, this.initScale.element,
        this.clip.element, this.clipNorm.element),
      h('div', { class: 'll-readouts' }, ...Object.values(this.readouts).map((r) => r.element)),
      this.diagnosis.element,
      statsWrap,
      this.numbers.element,
      howItWorks([
        h('p', {}, `The network: 2 inputs → ${NETWORK.hidden.length} hidden layers of ${NETWORK.hidden[0]} units → 1 `
          + `logit, BCE with logits, on ${NETWORK.samples} two-moons points; plain SGD on the full batch, seed `
          + `${NETWORK.seed}. Init scale multiplies the standard initial weights (Xavier; He for ReLU).`),
        h('p', {}, `Changing any knob restarts training from step 0 and shows its first ${FIRST_STEPS} steps, so each `
          + 'run shows one setting from the same start. The diagnosis applies the section\'s rules in order: a '
          + 'non-finite value, dead ReLUs, a large oscillating loss, saturated units, a flat loss. Saturated means a '
          + 'slope near 0: sigmoid outside [0.01, 0.99], |tanh| > 0.99, ReLU input ≤ 0; dead means saturated on '
          + 'every sample.'),
      ]),
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
    const fresh = this.run.sync(core, trainerConfig(state));
    const t1 = performance.now();
    if (fresh) this.firstTarget = FIRST_STEPS; // a fresh run: its first steps
    let steps = this.pendingSteps;
    this.pendingSteps = 0;
    const owed = this.firstTarget - this.run.steps;
    if (owed > 0) steps = Math.max(steps, reducedMotion() ? owed : this.firstSlice(owed, fresh));
    if (steps > 0) {
      this.run.step(steps); // the frame's one core call
      this.timing.step = 0.7 * this.timing.step + 0.3 * ((performance.now() - t1) / steps);
    }
    const { losses, last, firstNonFinite, layers } = this.run;
    // A NaN ends the first steps at the end of its block (later steps only repeat it).
    if (firstNonFinite) this.firstTarget = Math.min(this.firstTarget, BLOCK * Math.ceil(firstNonFinite.step / BLOCK));
    return { losses, last, firstNonFinite, diagnosis: diagnose({ losses, last, firstNonFinite,
      activation: state.activation, layers }) };
  }

  /** Steps of the first ones this frame: 1 in the frame that made the trainer, else what fits in the frame's budget
   *  (1 ... BLOCK); never past a block's end. */
  firstSlice(owed, fresh) {
    if (fresh) return 1;
    const fit = Math.max(1, Math.min(BLOCK, Math.floor(FRAME_BUDGET_MS / this.timing.step)));
    return Math.min(owed, fit, BLOCK - (this.run.steps % BLOCK));
  }

  render({ losses, last, firstNonFinite, diagnosis }, state) {
    // The controls follow the state (a scenario sets several knobs); each is written only when its value changed
    // since the last frame, so the frames of a run's first steps leave the controls (and their layout) alone.
    const synced = this.synced ?? {};
    const sync = (key, value, apply) => {
      if (synced[key] !== value) apply(value);
      synced[key] = value;
    };
    this.synced = synced;
    sync('scenario', scenarioOf(state).id, (v) => this.scenario.set(v));
    sync('lr', state.lr, (v) => this.lr.set(Math.log10(v)));
    sync('activation', state.activation, (v) => this.activation.set(v));
    sync('initScale', state.initScale, (v) => this.initScale.set(Math.log10(v)));
    sync('clip', state.clip, (v) => {
      this.clip.set(v);
      this.clipNorm.input.disabled = !v;
    });
    sync('clipNorm', state.clipNorm, (v) => this.clipNorm.set(v));

    const r = this.readouts;
    const number = (readoutOf, v) => (last ? readoutOf.showNumber(v) : readoutOf.set('–', ''));
    number(r.loss, last?.loss);
    if (last) r.accuracy.set(percent(last.accuracy), last.accuracy);
    else r.accuracy.set('–', '');
    number(r.gradNorm, last?.gradNorm);
    r.steps.set(String(losses.length), losses.length);
    this.diagnosis.set(diagnosis.text, diagnosis.code);
    const where = firstNonFinite ? describeNonFinite(firstNonFinite, LAYERS) : 'none';
    const rows = [
      { label: 'Steps', value: losses.length },
      { label: 'Loss', value: last ? last.loss : '–' },
      { label: 'Accuracy', value: last ? last.accuracy : '–' },
      { label: 'Gradient norm', value: last ? last.gradNorm : '–' },
      ...Array.from({ length: LAYERS }, (_, i) => ({ label: `Gradient norm, ${layerName(i)}`, value: last ? last.gradNorms[i] : '–' })),
      { label: 'First non-finite value', value: where },
      { label: 'First non-finite step', value: firstNonFinite ? firstNonFinite.step : 0 },
      { label: 'Learning rate', value: state.lr },
      { label: 'Init scale', value: state.initScale },
    ];
    this.numbers.set(rows);

    this.lossCurve.update(losses, firstNonFinite?.step ?? null);
    this.gradBars.update(last?.gradNorms ?? null);
    this.renderStats(last);
    this.caption.set(this.captionText(losses, last, firstNonFinite, state));

    const owed = this.firstTarget - this.run.steps;
    if (owed > 0) this.requestUpdate(); // the next slice of the first steps
    else if (this.playing) {
      const done = firstNonFinite || this.run.steps - this.playStart >= MAX_PLAY_STEPS;
      if (done) this.pause();
      else this.train(STEPS_PER_FRAME); // the next frame's slice
    }
  }

  /** One sentence from the live numbers: what the two figures show at this step. */
  captionText(losses, last, firstNonFinite, state) {
    if (!last) return 'Starting the run…';
    if (firstNonFinite) {
      return `At step ${firstNonFinite.step} a NaN or Infinity appeared in ${describeNonFinite(firstNonFinite, LAYERS)
        .replace(/^step \d+, /, '')}: the loss curve stops there, and every later number is meaningless.`;
    }
    const first = losses[0];
    const change = last.loss < first ? `fell from ${s3(first)} to ${s3(last.loss)}` : `went from ${s3(first)} to ${s3(last.loss)}`;
    const out = last.gradNorms[LAYERS - 1];
    const ratio = out > 0 ? last.gradNorms[0] / out : NaN;
    const saturated = Math.max(0, ...last.activations.map((a) => a.saturated));
    const layer = last.activations.findIndex((a) => a.saturated === saturated) + 1;
    const kind = state.activation === 'relu' ? 'inactive (input ≤ 0)' : 'saturated';
    return `In ${losses.length} steps the loss ${change} (accuracy ${percent(last.accuracy)}); the first layer's `
      + `gradient is ${Number.isFinite(ratio) ? `${s3(ratio)} times` : 'not comparable to'} the output layer's, and `
      + `${percent(saturated)} of layer ${layer}'s activations are ${kind}.`;
  }

  /** Activation statistics of the hidden layers at the latest step: a compact table in a labelled scroll region.
   *  Built once; each frame only rewrites the cells whose text changed. */
  renderStats(last) {
    if (!this.statsCells) {
      const cell = (tag, text, attributes = {}) => h(tag, { ...attributes, text });
      const head = h('tr', {}, ['layer', 'mean', 'std', 'saturated', 'dead'].map((t) => cell('th', t, { scope: 'col' })));
      this.statsCaption = h('caption');
      this.statsCells = [];
      const rows = [];
      for (let i = 0; i < LAYERS - 1; i++) {
        const cells = Array.from({ length: 4 }, () => h('td'));
        this.statsCells.push(cells);
        rows.push(h('tr', {}, cell('th', String(i + 1), { scope: 'row' }), cells));
      }
      this.statsTable.replaceChildren(this.statsCaption, h('thead', {}, head), h('tbody', {}, rows));
    }
    const setText = (node, text) => {
      if (node.textContent !== text) node.textContent = text;
    };
    for (let i = 0; i < LAYERS - 1; i++) {
      const a = last?.activations[i];
      const texts = a ? [s3(a.mean), s3(a.std), percent(a.saturated), percent(a.dead)] : ['–', '–', '–', '–'];
      texts.forEach((t, j) => setText(this.statsCells[i][j], t));
    }
    setText(this.statsCaption, last ? `Hidden-layer activations at step ${last.step}` : 'Hidden-layer activations (no steps yet)');
  }

  stop() {
    this.pause();
    this.run?.dispose();
  }
}

customElements.define('debugging-lab', DebuggingLab);
