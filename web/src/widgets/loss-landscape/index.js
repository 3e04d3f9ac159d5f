// <loss-landscape>: "Same model, two losses". One logistic model p = σ(w·x + b) on a seeded 1-D binary data set,
// scored by MSE on p and by binary cross-entropy, drawn as two 3D surfaces over the same (w, b) grid with linked
// cameras, two contour maps under them (click to move the shared start; they are also the text alternative), and a
// race: Run descent rolls one ball down each surface with the same optimiser and learning rate while a
// loss-versus-step plot grows. The older single surfaces (cross-entropy over two logits; MSE / L1 / Huber of a
// line) stay in the Surface selector.
//
// Core calls: per change one descentPath per view; one GRID x GRID surface per view only when the Surface changes.
// three.js loads only when the widget comes near the viewport; without WebGL the contour maps carry the picture.
import { createLinePlot } from '../../plot/line-plot.js';
import { onThemeChange, resolveColor } from '../../plot/palette.js';
import { createLut, cssGradient } from '../../three/colormap.js';
import { webgl2Available, whenNear } from '../../three/lazy.js';
import { button, checkbox, readout, select, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { clampStart, computeLandscape, GRID, heightScale, pathToUnit, verdict } from './compute.js';
import { createContourMap } from './contour-map.js';
import { MAX_STEPS, OPTIMIZERS, PRESET, schema, SURFACES } from './state.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { bind, h } from '../shared/dom.js';
import { createPrediction } from '../shared/predict.js';
import './loss-landscape.css';

// The race's pace: at most ceil(steps / 25) steps per drawn frame (so 50 steps take at least 25 frames on any
// machine) and at least 40 ms per step up to 3 s in all (so a fast screen does not finish in half a second).
const FRAMES_PER_RACE = 25;
const RACE_MS = 3000;
const MS_PER_STEP = 40;
const fmt = (v, digits = 3) => formatNumber(v, digits);
const percent = (v) => `${formatNumber(100 * v, 3)}%`;

export class LossLandscape extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.lut = createLut();
    this.unitPaths = [0, 1].map(() => new Float32Array(3 * (MAX_STEPS + 1)));
    this.gridKey = null; // the surface the grids hold
    this.fields = [];
    this.mode = 'pending'; // 'pending' (3D not loaded yet) | 'loading' | '3d' | '2d' (no WebGL)
    this.scenes = [];
    this.grids = [];
    this.animation = 0;
    this.raceFrames = 0; // frames drawn by the last animated race (tests read it)
    const id = (name) => `${this.localName}-${this.instanceId}-${name}`;

    // ---- the two views: a 3D stage, its colour key, and a contour map each -----------------------------------
    this.views = [0, 1].map((k) => {
      const heading = h('figcaption', { class: 'll-landscape-view-title', id: id(`view-${k}`) });
      const summary = h('p', { class: 'll-visually-hidden', id: id(`summary-${k}`) });
      const stage = h('div', { class: 'll-landscape-stage', tabindex: 0, role: 'application',
        'aria-roledescription': '3D view', 'aria-describedby': `${id('instructions')} ${id(`summary-${k}`)}` });
      stage.addEventListener('keydown', (event) => {
        if (this.mode === '3d' && !event.altKey && this.scenes[k]?.handleKey(event)) event.preventDefault();
      });
      const keyName = h('span', { class: 'll-landscape-key-name' });
      const keyMin = h('span', { class: 'll-landscape-key-value' });
      const keyMax = h('span', { class: 'll-landscape-key-value' });
      const bar = h('span', { class: 'll-landscape-key-bar', 'aria-hidden': 'true' });
      bar.style.background = cssGradient();
      const key = h('p', { class: 'll-landscape-key' }, keyName, ' min ', keyMin, bar, 'max ', keyMax);
      const map = createContourMap({ n: GRID, concept: k ? 'ce' : 'mse',
        onPick: (w, b) => this.setState({ w: Number(w.toFixed(2)), b: Number(b.toFixed(2)) }) });
      const mapTitle = h('figcaption', { class: 'll-landscape-map-title', id: id(`map-${k}`) });
      const mapFigure = h('figure', { class: 'll-landscape-map', 'aria-labelledby': id(`map-${k}`) }, mapTitle,
        map.element);
      const figure = h('figure', { class: 'll-landscape-figure', 'aria-labelledby': id(`view-${k}`) }, heading,
        stage, key, summary);
      return { figure, heading, stage, summary, keyName, keyMin, keyMax, map, mapTitle, mapFigure };
    });
    this.instructions = h('p', { class: 'll-note ll-landscape-instructions', id: id('instructions') });

    // Two loss-per-step plots: the race's (MSE and cross-entropy) and the single surfaces' (one line); one shows.
    // Names in a legend, values beside the balls' dots (end labels would sit on the dots' values).
    const plotOptions = { xLabel: 'step', yLabel: 'loss', xDomain: [0, this.state.steps], yDomain: [0, 1],
      height: 250, endLabels: false, legend: true };
    this.lossPlots = {
      pair: createLinePlot({ ...plotOptions, description: 'Loss against step for MSE and cross-entropy',
        series: [{ id: 'mse', label: 'MSE', concept: 'mse' }, { id: 'ce', label: 'Cross-entropy', concept: 'ce' }] }),
      single: createLinePlot({ ...plotOptions, description: 'Loss against step',
        series: [{ id: 'loss', label: 'Loss', concept: 'neutral' }] }),
    };
    this.lossTitle = h('figcaption', { class: 'll-landscape-map-title', id: id('lossplot') }, 'Loss per step');
    const lossFigure = h('figure', { class: 'll-landscape-map ll-landscape-lossplot',
      'aria-labelledby': id('lossplot') }, this.lossTitle, this.lossPlots.pair.element, this.lossPlots.single.element);

    this.caption = caption(this);

    // ---- controls ---------------------------------------------------------------------------------------------
    this.surfaceSelect = select(this, { name: 'surface', label: 'Surface', value: this.state.surface,
      options: Object.entries(SURFACES).map(([value, s]) => ({ value, text: s.text })) });
    this.surfaceSelect.onChange((surface) => {
      const [w, b] = clampStart(SURFACES[surface], this.state);
      this.setState({ surface, w, b, descent: false });
    });
    this.optimizerSelect = bind(this, 'optimizer', select(this, { name: 'optimizer', label: 'Optimizer',
      value: this.state.optimizer, options: OPTIMIZERS }));
    this.rateSlider = bind(this, 'lr', slider(this, { name: 'lr', label: 'Learning rate', min: schema.lr.min,
      max: schema.lr.max, step: 0.01, value: this.state.lr, format: (v) => formatNumber(v, 3) }));
    this.stepsSlider = bind(this, 'steps', slider(this, { name: 'steps', label: 'Steps', min: 1, max: MAX_STEPS,
      step: 1, value: this.state.steps }));
    const axisName = (index) => SURFACES[this.state.surface].views[0].axes[index];
    this.startW = slider(this, { name: 'w', label: 'Start w', min: -8, max: 8, step: 0.1, value: this.state.w,
      format: (v) => `${axisName(0)} = ${formatNumber(v, 4)}` });
    this.startW.onInput((w) => this.setState({ w }));
    this.startB = slider(this, { name: 'b', label: 'Start b', min: -8, max: 8, step: 0.1, value: this.state.b,
      format: (v) => `${axisName(1)} = ${formatNumber(v, 4)}` });
    this.startB.onInput((b) => this.setState({ b }));
    this.logBox = bind(this, 'log', checkbox(this, { name: 'log', label: 'Log scale', checked: this.state.log }));

    this.runButton = button('Run descent', () => this.run(), { name: 'run' });
    this.presetButton = button('Confidently wrong start', () => {
      this.setState({ surface: 'pair', ...PRESET, descent: false });
    }, { name: 'preset' });
    this.resetButton = button('Reset view', () => this.scenes[0]?.resetView(), { name: 'reset-view' });
    this.stepsTaken = readout(this, { name: 'steps-taken', label: 'Steps taken' });
    this.stepsTaken.element.className = 'll-landscape-steps'; // beside the buttons, not one of the four cards

    this.prediction = createPrediction(this, { objective: 'landscape',
      question: 'Which loss reaches the higher accuracy?',
      choices: [{ value: 'ce', text: 'Cross-entropy' }, { value: 'mse', text: 'MSE' },
        { value: 'same', text: 'About the same' }] });

    // ---- readouts: the four numbers the race is about (single surfaces show their own loss) -------------------
    this.cards = new Map();
    const card = (label) => {
      if (!this.cards.has(label)) {
        const r = readout(this, { name: `card-${this.cards.size}`, label });
        this.cards.set(label, r);
        this.readoutBox.append(r.element);
      }
      return this.cards.get(label);
    };
    this.readoutBox = h('div', { class: 'll-readouts' });
    this.card = card;
    for (const label of ['MSE loss', 'Cross-entropy loss', 'MSE accuracy', 'Cross-entropy accuracy']) card(label);
    this.numbers = numbers(this);
    this.how = howItWorks([
      h('p', {}, `Both surfaces are computed by the C++ core over the same ${GRID} × ${GRID} grid of (w, b), for the same `
        + 'seeded points, and both balls take the same optimiser steps (torch.optim rules) with the same learning rate. '
        + 'Only the loss differs.'),
      h('p', {}, 'MSE on σ is bounded by 1 per point: where σ(w·x + b) is saturated on the wrong side, the surface '
        + 'is a flat plateau and its gradient carries a factor σ′ = p(1 − p) close to 0. Cross-entropy grows '
        + 'without bound (linearly in the logit) in the same place, and its gradient is p − y: the more wrong, the '
        + 'steeper.'),
      h('p', {}, 'Accuracy is the share of the points where (p > 0.5) agrees with the label. Heights and colours '
        + 'of each view run from its own minimum to its own maximum on the grid (see each colour key); Log scale '
        + 'uses ln(loss) instead.'),
    ]);

    const figures = h('div', { class: 'll-figures ll-landscape-figures' }, this.views[0].figure, this.views[1].figure);
    this.figuresBox = figures;
    const lower = h('div', { class: 'll-landscape-lower' }, this.views[0].mapFigure, this.views[1].mapFigure,
      lossFigure);
    const buttons = h('div', { class: 'll-buttons ll-landscape-buttons' }, this.runButton, this.presetButton,
      this.resetButton, this.stepsTaken.element);
    const controls = h('div', { class: 'll-controls' }, this.surfaceSelect.element, this.optimizerSelect.element,
      this.rateSlider.element, this.stepsSlider.element, this.startW.element, this.startB.element,
      this.logBox.element);
    body.append(figures, this.instructions, lower, this.caption.element, this.prediction.element, buttons, controls,
      this.readoutBox, this.numbers.element, this.how);
    this.showInstructions();

    this.onTheme = () => {
      for (const scene of this.scenes) scene.setTheme(this.readTheme());
    };
    this.watch();
  }

  /** Starts the lazy 3D trigger and the theme listener (again after a disconnect). */
  watch() {
    this.cancelNear = whenNear(this, () => this.load3d());
    this.cancelTheme = onThemeChange(this.onTheme);
  }

  connectedCallback() {
    const reconnected = Boolean(this.body);
    super.connectedCallback();
    if (reconnected && this.released) {
      // Moved in the page: the base class keeps the DOM; rebuild what disconnect released.
      this.released = false;
      this.gridKey = null;
      this.watch();
      this.requestUpdate();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback(); // cancels the pending frame and calls stop()
    this.cancelNear?.();
    this.cancelTheme?.();
    // Free the GPU resources and the core's grid buffers; connectedCallback recreates them if the element returns.
    this.viewRenderer?.dispose();
    this.viewRenderer = null;
    this.scenes = [];
    if (this.mode !== '2d') this.mode = 'pending';
    for (const view of this.views) view.stage.classList.remove('is-3d');
    for (const grid of this.grids) grid.dispose();
    this.grids = [];
    this.released = true;
  }

  stop() {
    if (this.animation) this.viewRenderer?.setMoving(false);
    cancelAnimationFrame(this.animation);
    this.animation = 0;
    this.readoutBox?.removeAttribute('aria-busy');
  }

  /** Concrete colours for three.js: the widget's surface and text, the descent path and its ball (--ll-path). */
  readTheme() {
    const token = (name) => resolveColor(this, name);
    return { background: token('--surface'), text: token('--text'), muted: token('--muted'), path: token('path'),
      ball: token('path') };
  }

  load3d() {
    if (this.mode !== 'pending') return;
    if (!webgl2Available()) {
      this.fallBack('WebGL is not available in this browser');
      return;
    }
    this.mode = 'loading';
    import('../../three/three-scene.js').then(
      ({ createViewRenderer }) => {
        if (!this.isConnected || this.mode !== 'loading') return;
        try {
          // One WebGL canvas over both views (one context, one composite per frame).
          this.viewRenderer = createViewRenderer(this.figuresBox);
          this.scenes = this.views.map((view, k) => this.viewRenderer.addView({
            container: view.stage, gridSize: GRID, maxPathPoints: MAX_STEPS + 1, theme: this.readTheme(),
            onCamera: (pose) => this.scenes.forEach((other, j) => j !== k && other.setCamera(pose)),
          }));
        } catch (error) {
          this.viewRenderer?.dispose();
          this.viewRenderer = null;
          this.scenes = [];
          this.fallBack(`the 3D view could not start (${error.message})`);
          return;
        }
        this.mode = '3d';
        for (const view of this.views) view.stage.classList.add('is-3d');
        this.showInstructions();
        if (this.data) {
          this.drawFields();
          this.drawPaths();
          this.showStep(this.shownStep ?? 0);
        }
        this.dispatchEvent(new CustomEvent('ll-3d-ready'));
      },
      (error) => this.fallBack(`the 3D view could not load (${error.message})`),
    );
  }

  fallBack(reason) {
    this.mode = '2d';
    this.fallbackReason = reason;
    for (const view of this.views) {
      view.stage.hidden = true;
      for (const name of ['tabindex', 'role', 'aria-roledescription']) view.stage.removeAttribute(name);
    }
    this.showInstructions();
  }

  showInstructions() {
    const pair = this.state.surface === 'pair';
    const text = {
      pending: 'The 3D views are loading; the contour maps below show the same values.',
      loading: 'The 3D views are loading; the contour maps below show the same values.',
      '3d': `Drag ${pair ? 'either view to turn both' : 'the view to turn it'}. With a view focused (click or Tab), `
        + 'the arrow keys turn, + and − zoom (as does the mouse wheel) and Home resets. Click a contour map to move '
        + 'the start.',
      '2d': `No 3D view: ${this.fallbackReason}. The contour maps below show the same surfaces; click one to move `
        + 'the start.',
    };
    this.instructions.textContent = text[this.mode];
  }

  run() {
    this.animateNext = true;
    this.setState({ descent: true });
  }

  compute(core, state) {
    while (this.grids.length < 2) this.grids.push(core.createSurface(GRID));
    // The data set's size, once (the binary surfaces' seeded points), for "wrong on N of M points".
    this.points ??= core.surfaceData('bceWithLogits', {}).x.length;
    const data = computeLandscape(core, this.grids, state, this.gridKey);
    this.gridKey = state.surface;
    return data;
  }

  render(data, state) {
    this.stop();
    this.data = data;
    const { surface, paths } = data;
    const pair = surface.views.length === 2;
    if (data.fields) this.fields = data.fields;
    const fieldsChanged = Boolean(data.fields) || this.lastLog !== state.log;
    this.lastLog = state.log;
    this.toUnits = this.fields.map((f) => heightScale(state.log, f.stats));
    this.syncControls(state, surface);
    this.figuresBox.classList.toggle('is-single', !pair);
    this.showInstructions();
    this.views.forEach((view, k) => {
      const on = k < surface.views.length;
      view.figure.hidden = !on;
      view.mapFigure.hidden = !on;
      if (!on) return;
      const v = surface.views[k];
      view.heading.textContent = v.name;
      view.stage.setAttribute('aria-label', `${v.name}, 3D view`);
      view.mapTitle.textContent = `${v.short}: contour map`;
      view.keyName.textContent = `${v.short}${state.log ? ' (log scale)' : ''}:`;
      view.keyMin.textContent = fmt(this.fields[k].stats.min);
      view.keyMax.textContent = fmt(this.fields[k].stats.max);
      view.clamped = pathToUnit(paths[k], surface.extent, this.toUnits[k], this.unitPaths[k]);
    });
    if (fieldsChanged) this.drawFields();
    this.drawPaths();
    // Readouts for this surface: the race's four, or the single surface's loss.
    const wanted = pair ? ['MSE loss', 'Cross-entropy loss', 'MSE accuracy', 'Cross-entropy accuracy']
      : [`${surface.views[0].short} loss`];
    for (const label of wanted) this.card(label);
    for (const [label, r] of this.cards) r.element.hidden = !wanted.includes(label);
    this.prediction.element.hidden = !pair;
    this.lossPlotSetup(data, state);

    const last = state.steps;
    if (this.animateNext && state.descent) {
      this.animateNext = false;
      if (reducedMotion()) this.finish(last);
      else this.animate(last);
    } else {
      this.showStep(state.descent ? last : 0);
      this.describe(state.descent ? last : 0);
    }
    this.setNumbers(state);
  }

  syncControls(state, surface) {
    this.surfaceSelect.set(state.surface);
    const [x0, x1, y0, y1] = surface.extent;
    Object.assign(this.startW.input, { min: String(x0), max: String(x1) });
    Object.assign(this.startB.input, { min: String(y0), max: String(y1) });
    const [ax, ay] = surface.views[0].axes;
    this.startW.element.querySelector('label').textContent = ax === 'w' ? 'Start w' : `Start ${ax}`;
    this.startB.element.querySelector('label').textContent = ay === 'b' ? 'Start b' : `Start ${ay}`;
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    this.startW.set(clamp(state.w, x0, x1));
    this.startB.set(clamp(state.b, y0, y1));
  }

  /** Heights and colours of the grids, into the 3D meshes (in place) and the contour maps. */
  drawFields() {
    const { surface } = this.data;
    surface.views.forEach((v, k) => {
      const { values } = this.fields[k];
      if (this.mode === '3d') {
        this.scenes[k].setField(values, this.toUnits[k], this.lut);
        // Axis names only: the contour maps under the views carry the tick values.
        this.scenes[k].setAxes({ x: v.axes[0], y: v.axes[1], z: this.state.log ? `${v.short} (log)` : v.short });
      }
      this.views[k].map.setField(values, this.toUnits[k], this.lut, surface.extent, v.axes);
    });
  }

  drawPaths() {
    const { surface, paths } = this.data;
    surface.views.forEach((v, k) => {
      if (this.mode === '3d') {
        this.scenes[k].setPath(this.unitPaths[k], paths[k].loss.length);
      }
      this.views[k].map.setPath(paths[k], surface.extent);
    });
  }

  lossPlotSetup({ paths, surface }, state) {
    let top = 0;
    for (const path of paths) for (const v of path.loss) if (Number.isFinite(v) && v > top) top = v;
    this.lossDomain = { xDomain: [0, state.steps], yDomain: [0, top * 1.05 || 1] };
    const pair = surface.views.length === 2;
    this.lossPlot = pair ? this.lossPlots.pair : this.lossPlots.single;
    this.lossPlots.pair.element.hidden = !pair;
    this.lossPlots.single.element.hidden = pair;
    this.lossIds = pair ? ['mse', 'ce'] : ['loss'];
  }

  /** Everything that follows the race at step k (0 = the start): balls, paths, plot, readouts, steps taken. */
  showStep(k) {
    this.shownStep = k;
    const { surface, paths } = this.data;
    const pair = surface.views.length === 2;
    const lines = {};
    const points = [];
    surface.views.forEach((v, j) => {
      const path = paths[j];
      if (this.mode === '3d') this.scenes[j].showPath(k + 1);
      this.views[j].map.showPath(k + 1);
      const steps = Array.from({ length: k + 1 }, (_, i) => i);
      lines[this.lossIds[j]] = { x: steps, y: Array.from(path.loss.subarray(0, k + 1)) };
      points.push({ series: this.lossIds[j], x: k, y: path.loss[k] });
      const loss = this.card(`${v.short} loss`);
      loss.set(fmt(path.loss[k], 4), path.loss[k]);
      if (pair && path.accuracy) {
        const acc = path.accuracy[k];
        this.card(`${v.short} accuracy`).set(percent(acc), acc);
      }
    });
    this.lossPlot.update({ lines, points, ...this.lossDomain });
    this.stepsTaken.set(String(k), k);
  }

  /** The race: the balls roll at a visible pace (never called under reduced motion). */
  animate(steps) {
    const perFrame = Math.ceil(steps / FRAMES_PER_RACE);
    const msPerStep = Math.min(MS_PER_STEP, RACE_MS / steps);
    const t0 = performance.now();
    let frame = 0;
    this.raceFrames = 0;
    this.readoutBox.setAttribute('aria-busy', 'true');
    this.viewRenderer?.setMoving(true); // quarter-detail surfaces while the balls roll
    const tick = (now) => {
      frame += 1;
      const k = Math.min(steps, frame * perFrame, Math.ceil((now - t0) / msPerStep));
      this.showStep(k);
      this.viewRenderer?.render(); // both balls in this frame
      this.raceFrames += 1;
      if (k < steps) {
        this.animation = requestAnimationFrame(tick);
      } else {
        this.animation = 0;
        this.finish(steps);
      }
    };
    this.showStep(0);
    this.animation = requestAnimationFrame(tick);
  }

  /** The end of a race (or its reduced-motion jump): the whole path, the caption, the prediction's reveal. */
  finish(steps) {
    this.readoutBox.removeAttribute('aria-busy');
    this.viewRenderer?.setMoving(false); // the full grid again
    this.showStep(steps);
    this.describe(steps);
    const { surface, paths } = this.data;
    if (surface.views.length === 2 && paths[0].accuracy) {
      const [mse, ce] = [paths[0].accuracy[steps], paths[1].accuracy[steps]];
      this.prediction.reveal(verdict(mse, ce, this.points), this.raceSentence());
    }
    this.dispatchEvent(new CustomEvent('ll-race-end'));
  }

  raceSentence() {
    const { paths } = this.data;
    const { steps, optimizer, lr } = this.state;
    const [mse, ce] = [paths[0].accuracy[steps], paths[1].accuracy[steps]];
    const name = OPTIMIZERS.find((o) => o.value === optimizer).text;
    const lead = ce > mse ? `cross-entropy classifies ${percent(ce)} of the points right and MSE only ${percent(mse)}`
      : mse > ce ? `MSE classifies ${percent(mse)} of the points right and cross-entropy ${percent(ce)}`
        : `both classify ${percent(ce)} of the points right`;
    return `after ${steps} ${name} steps at learning rate ${fmt(lr)}, ${lead}.`;
  }

  describe(k) {
    const { surface, paths, start } = this.data;
    const state = this.state;
    const pair = surface.views.length === 2;
    const [w0, b0] = start;
    const [ax, ay] = surface.views[0].axes;
    const at = (x, y) => `${ax} = ${fmt(x)}, ${ay} = ${fmt(y)}`;
    if (pair) {
      const [mse, ce] = paths;
      const wrong = Math.round((1 - ce.accuracy[0]) * this.points);
      if (k === 0) {
        const slope = (p) => Math.hypot(p.gradX[0], p.gradY[0]);
        const ratio = slope(ce) / slope(mse);
        this.caption.set(`Both balls start at ${at(w0, b0)}, where the model is wrong on ${wrong} of ${this.points} points and `
          + `cross-entropy's slope is ${fmt(ratio)} times MSE's: predict which loss reaches the higher accuracy, `
          + 'then press Run descent.');
      } else {
        const text = this.raceSentence();
        this.caption.set(`From ${at(w0, b0)}, ${text}`);
      }
    } else {
      const path = paths[0];
      this.caption.set(`${surface.about} ${k === 0 ? `Start: loss ${fmt(path.loss[0])}; press Run descent.`
        : `After ${k} steps: loss ${fmt(path.loss[0])} → ${fmt(path.loss[k])}.`}`);
    }
    surface.views.forEach((v, j) => {
      const { stats } = this.fields[j];
      const path = paths[j];
      const [ex0, ex1, ey0, ey1] = surface.extent;
      const grid = `${v.name} over ${ax} from ${fmt(ex0)} to ${fmt(ex1)} and ${ay} from ${fmt(ey0)} to ${fmt(ey1)}: `
        + `lowest ${fmt(stats.min)} at ${at(stats.xAtMin, stats.yAtMin)}, highest ${fmt(stats.max)}.`;
      const acc = pair && path.accuracy ? `, accuracy ${percent(path.accuracy[k])}` : '';
      const run = k === 0
        ? ` Start at ${at(path.x[0], path.y[0])}, loss ${fmt(path.loss[0])}${acc}.`
        : ` After ${k} ${state.optimizer} steps (learning rate ${fmt(state.lr)}) from ${at(path.x[0], path.y[0])} `
          + `(loss ${fmt(path.loss[0])}), the ball is at ${at(path.x[k], path.y[k])}, loss ${fmt(path.loss[k])}${acc}.`;
      const off = this.views[j].clamped && k > 0 ? ' The path leaves the grid; it is drawn clamped to the edge.' : '';
      this.views[j].summary.textContent = grid + run + off;
      this.views[j].map.describe(`Contour map of ${grid}${run}${off}`);
    });
  }

  setNumbers(state) {
    const { surface, paths } = this.data;
    const rows = [];
    surface.views.forEach((v, j) => {
      const path = paths[j];
      const last = state.steps;
      rows.push({ label: `${v.short}: loss at start`, value: path.loss[0] },
        { label: `${v.short}: loss at the last step`, value: path.loss[last] },
        { label: `${v.short}: w at the last step`, value: path.x[last] },
        { label: `${v.short}: b at the last step`, value: path.y[last] },
        { label: `${v.short}: grid minimum`, value: this.fields[j].stats.min },
        { label: `${v.short}: grid maximum`, value: this.fields[j].stats.max });
      if (path.accuracy) rows.push({ label: `${v.short}: accuracy at start`, value: path.accuracy[0] });
    });
    this.numbers.set(rows);
  }
}

customElements.define('loss-landscape', LossLandscape);
