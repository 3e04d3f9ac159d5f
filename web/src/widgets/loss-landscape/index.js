// <loss-landscape>: a loss surface over two parameters as a 3D mesh, with a descent path from SGD, momentum or Adam
// drawn on it. Every height, colour and path point comes from the core: one 128 x 128 grid per surface change
// (core.createSurface) and one descentPath per input. three.js is loaded only when the widget comes near the
// viewport or is first used; until then (and without WebGL) a 2D heatmap with the same colours shows the surface,
// and the controls and readouts work from the start.
import { createLut, cssGradient } from '../../three/colormap.js';
import { resolveColor } from '../../plot/palette.js';
import { webgl2Available, whenNear } from '../../three/lazy.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { clampStart, computeLandscape, GRID, heightScale, pathToUnit } from './compute.js';
import { createHeatmap } from './heatmap.js';
import { KINDS, MAX_STEPS, OPTIMIZERS, schema } from './state.js';
import './loss-landscape.css';

// The path grows over 24 ms per step, between 0.5 s and 2.5 s in all: long enough to follow the first big steps.
const ANIMATION_MS_PER_STEP = 24;
const ANIMATION_MS = [500, 2500];
const fmt = (v) => formatNumber(v, 6);

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export class LossLandscape extends LossLabWidget {
  static title = '3D Loss Landscape';
  static schema = schema;

  build(body) {
    this.lut = createLut();
    this.unitPath = new Float32Array(3 * (MAX_STEPS + 1));
    this.fieldKind = null; // the surface kind the grid holds
    this.mode = 'pending'; // 'pending' (3D not loaded yet) | '3d' | '2d' (no WebGL)
    this.scene = null;
    this.surface = null;
    this.animation = 0;
    const axisName = (index) => KINDS[this.state.loss].axes[index];

    this.lossSelect = select(this, { name: 'loss', label: 'Loss', value: this.state.loss,
      options: Object.entries(KINDS).map(([value, kind]) => ({ value, text: kind.text })) });
    this.lossSelect.onChange((loss) => {
      const [x, y] = clampStart(KINDS[loss], this.state);
      this.setState({ loss, x, y });
    });
    this.optimizerSelect = select(this, { name: 'optimizer', label: 'Optimizer', value: this.state.optimizer,
      options: OPTIMIZERS });
    this.optimizerSelect.onChange((optimizer) => this.setState({ optimizer }));
    this.rateSlider = slider(this, { name: 'lr', label: 'Learning rate', min: schema.lr.min, max: schema.lr.max,
      step: 0.01, value: this.state.lr, format: (v) => formatNumber(v, 3) });
    this.rateSlider.onInput((lr) => this.setState({ lr }));
    const [x0, x1, y0, y1] = KINDS[this.state.loss].extent;
    this.startX = slider(this, { name: 'x', label: 'Start x', min: x0, max: x1, step: 0.1, value: this.state.x,
      format: (v) => `${axisName(0)} = ${formatNumber(v, 4)}` });
    this.startX.onInput((x) => this.setState({ x }));
    this.startY = slider(this, { name: 'y', label: 'Start y', min: y0, max: y1, step: 0.1, value: this.state.y,
      format: (v) => `${axisName(1)} = ${formatNumber(v, 4)}` });
    this.startY.onInput((y) => this.setState({ y }));
    this.stepsSlider = slider(this, { name: 'steps', label: 'Steps', min: 1, max: MAX_STEPS, step: 1,
      value: this.state.steps });
    this.stepsSlider.onInput((steps) => this.setState({ steps }));

    this.runButton = button('Run descent', () => {
      this.animateNext = true;
      this.setState({ descent: true });
    });
    this.resetButton = button('Reset view', () => this.scene?.resetView());

    this.readouts = {
      start: readout(this, { name: 'start-loss', label: 'Loss at start' }),
      end: readout(this, { name: 'end-loss', label: 'Loss at end' }),
      min: readout(this, { name: 'grid-min', label: 'Minimum on grid' }),
    };

    const controls = element('div', 'll-controls');
    controls.append(this.lossSelect.element, this.optimizerSelect.element, this.rateSlider.element,
      this.startX.element, this.startY.element, this.stepsSlider.element);
    const buttons = element('div', 'll-buttons');
    buttons.append(this.runButton, this.resetButton);
    const readouts = element('div', 'll-readouts');
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    this.about = element('p', 'll-note');
    this.where = element('p', 'll-note ll-landscape-where');

    // The view: focusable (arrow keys rotate the 3D scene), named by the visible instructions, described by the
    // visually hidden summary that carries the numbers in text.
    const id = (name) => `${this.localName}-${this.instanceId}-${name}`;
    this.instructions = element('p', 'll-note ll-landscape-instructions');
    this.instructions.id = id('instructions');
    this.summary = element('p', 'll-visually-hidden');
    this.summary.id = id('summary');
    this.stage = element('div', 'll-landscape-stage');
    this.stage.tabIndex = 0;
    this.stage.setAttribute('role', 'application');
    this.stage.setAttribute('aria-roledescription', '3D view');
    this.stage.setAttribute('aria-labelledby', this.instructions.id);
    this.stage.setAttribute('aria-describedby', this.summary.id);
    this.stage.addEventListener('keydown', (event) => {
      if (this.mode === '3d' && !event.altKey && this.scene.handleKey(event)) event.preventDefault();
    });
    this.heatmap = createHeatmap(GRID);
    this.stage.append(this.heatmap.element);

    this.legendMin = element('span', 'll-landscape-legend-value');
    this.legendMax = element('span', 'll-landscape-legend-value');
    const bar = element('span', 'll-landscape-legend-bar');
    bar.style.background = cssGradient();
    this.legendScale = element('span', 'll-landscape-legend-scale');
    const legend = element('div', 'll-landscape-legend');
    legend.setAttribute('aria-hidden', 'true'); // the same numbers are in the readouts and the summary
    const marks = element('span', 'll-landscape-legend-marks');
    marks.innerHTML = '<span class="ll-landscape-key ll-landscape-key-path"></span> path '
      + '<span class="ll-landscape-key ll-landscape-key-start"></span> start '
      + '<span class="ll-landscape-key ll-landscape-key-end"></span> end';
    const scale = element('span', 'll-landscape-legend-group');
    scale.append(this.legendScale, this.legendMin, bar, this.legendMax);
    legend.append(scale, marks);

    const view = element('div', 'll-landscape-view');
    view.append(this.stage, legend, this.instructions, this.summary);
    body.append(controls, buttons, readouts, view, this.where, this.about);
    this.showInstructions();

    this.themeQuery = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    this.onTheme = () => {
      this.scene?.setTheme(this.readTheme());
      this.scene?.render();
    };
    this.watch();
  }

  /** Starts the lazy 3D trigger and the theme listener (again after a disconnect). */
  watch() {
    this.cancelNear = whenNear(this, () => this.load3d());
    this.themeQuery?.addEventListener('change', this.onTheme);
  }

  connectedCallback() {
    const reconnected = Boolean(this.body);
    super.connectedCallback();
    if (reconnected && this.released) {
      // Moved in the page: the base class keeps the DOM; rebuild what disconnect released.
      this.released = false;
      this.fieldKind = null;
      this.watch();
      this.requestUpdate();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback(); // cancels the pending frame and calls stop()
    this.cancelNear?.();
    this.themeQuery?.removeEventListener('change', this.onTheme);
    // Free the GPU resources and the core's grid buffer; connectedCallback recreates them if the element returns.
    this.scene?.dispose();
    this.scene = null;
    if (this.mode !== '2d') this.mode = 'pending';
    this.stage.classList.remove('is-3d');
    this.surface?.dispose();
    this.surface = null;
    this.released = true;
  }

  stop() {
    cancelAnimationFrame(this.animation);
    this.animation = 0;
  }

  readTheme() {
    const token = (name) => resolveColor(this, name);
    return { background: token('--surface'), text: token('--text'), muted: token('--muted'), end: token('--series-1') };
  }

  load3d() {
    if (this.mode !== 'pending') return;
    if (!webgl2Available()) {
      this.fallBack('WebGL is not available in this browser');
      return;
    }
    this.mode = 'loading';
    import('../../three/three-scene.js').then(
      ({ createHeightFieldScene }) => {
        if (!this.isConnected || this.mode !== 'loading') return;
        try {
          this.scene = createHeightFieldScene({ container: this.stage, gridSize: GRID, maxPathPoints: MAX_STEPS + 1,
            theme: this.readTheme() });
        } catch (error) {
          this.fallBack(`the 3D view could not start (${error.message})`);
          return;
        }
        this.mode = '3d';
        this.stage.classList.add('is-3d');
        this.showInstructions();
        if (this.lastKind && this.surface) {
          this.drawField(this.surface.view(), this.lastKind);
          this.drawPath();
          this.scene.render();
        }
        this.dispatchEvent(new CustomEvent('ll-3d-ready'));
      },
      (error) => this.fallBack(`the 3D view could not load (${error.message})`),
    );
  }

  fallBack(reason) {
    this.mode = '2d';
    this.fallbackReason = reason;
    this.stage.removeAttribute('tabindex');
    this.stage.removeAttribute('role');
    this.stage.removeAttribute('aria-roledescription');
    this.stage.classList.remove('is-3d');
    this.showInstructions();
  }

  showInstructions() {
    const text = {
      pending: '3D view of the surface (loading). Until it arrives, a top-down heatmap shows the same values.',
      loading: '3D view of the surface (loading). Until it arrives, a top-down heatmap shows the same values.',
      '3d': '3D view of the surface: drag to rotate. When the view has focus (click it or Tab to it), the arrow keys '
        + 'rotate, + and − zoom (as does the mouse wheel) and Home resets.',
      '2d': `Top-down heatmap of the surface: ${this.fallbackReason}, so the 3D view is replaced by this map with `
        + 'the same colours.',
    };
    this.instructions.textContent = text[this.mode];
  }

  compute(core, state) {
    if (!this.surface) {
      this.surface = core.createSurface(GRID);
      this.fieldKind = null;
    }
    const data = computeLandscape(core, this.surface, state, this.fieldKind);
    this.fieldKind = state.loss;
    return data;
  }

  render(data, state) {
    const { kind, path } = data;
    if (data.stats) this.stats = data.stats;
    const { stats } = this;
    this.stop(); // a new frame shows the whole path; only Run descent animates
    this.syncControls(state, kind);

    const last = path.loss.length - 1;
    this.readouts.start.set(fmt(path.loss[0]), path.loss[0]);
    this.readouts.end.set(fmt(path.loss[last]), path.loss[last]);
    this.readouts.min.set(fmt(stats.min), stats.min);

    if (data.values) {
      this.toUnit = heightScale(kind, stats);
      this.drawField(data.values, kind);
      this.legendMin.textContent = fmt(stats.min);
      this.legendMax.textContent = fmt(stats.max);
      this.legendScale.textContent = kind.logHeight ? 'ln(1 + loss), log scale:' : 'loss:';
    }
    this.lastKind = kind;
    this.path = path;
    this.clamped = pathToUnit(path, kind, this.toUnit, this.unitPath);
    this.drawPath();
    if (this.animateNext) {
      this.animateNext = false;
      if (!reducedMotion() && last > 0) this.animate(last + 1);
    }
    this.scene?.render();
    this.describe(state, kind, path, stats);
  }

  syncControls(state, kind) {
    this.lossSelect.set(state.loss);
    this.optimizerSelect.set(state.optimizer);
    this.rateSlider.set(state.lr);
    const [x0, x1, y0, y1] = kind.extent;
    Object.assign(this.startX.input, { min: String(x0), max: String(x1) });
    Object.assign(this.startY.input, { min: String(y0), max: String(y1) });
    this.startX.set(state.x);
    this.startY.set(state.y);
    this.stepsSlider.set(state.steps);
    this.about.textContent = `${kind.about} Colour and height show ${kind.logHeight
      ? 'ln(1 + loss), a log scale, so the flat floor near 0 and the cliff up to 16 both fit'
      : 'the loss on a linear scale'}.`;
  }

  /** Heights and colours of the grid, into the 3D mesh (in place) or the heatmap; `values` is read, not kept. */
  drawField(values, kind) {
    const [x0, x1, y0, y1] = kind.extent;
    if (this.mode === '3d') {
      this.scene.setField(values, this.toUnit, this.lut);
      this.scene.setAxes({ x: kind.axes[0], y: kind.axes[1], z: kind.logHeight ? 'ln(1 + loss)' : 'loss',
        xTicks: [fmt(x0), fmt(x1)], yTicks: [fmt(y0), fmt(y1)] });
    } else {
      this.heatmap.setField(values, this.toUnit, this.lut, kind.extent, kind.axes);
    }
  }

  drawPath() {
    const count = this.path.loss.length;
    if (this.mode === '3d') this.scene.setPath(this.unitPath, count);
    else this.heatmap.setPath(this.path, this.lastKind.extent);
  }

  showPathPart(count) {
    if (this.mode === '3d') {
      this.scene.showPath(count);
      this.scene.render();
    } else {
      this.heatmap.showPath(count);
    }
  }

  /** Grows the path point by point over ~24 ms a step (never called under reduced motion). */
  animate(count) {
    const duration = Math.min(ANIMATION_MS[1], Math.max(ANIMATION_MS[0], count * ANIMATION_MS_PER_STEP));
    const t0 = performance.now();
    const tick = (now) => {
      const f = Math.min(1, (now - t0) / duration);
      this.showPathPart(Math.max(1, Math.ceil(f * count)));
      this.animation = f < 1 ? requestAnimationFrame(tick) : 0;
    };
    this.showPathPart(1);
    this.animation = requestAnimationFrame(tick);
  }

  describe(state, kind, path, stats) {
    const [ax, ay] = kind.axes;
    const [x0, x1, y0, y1] = kind.extent;
    const last = path.loss.length - 1;
    const at = (x, y) => `${ax} = ${fmt(x)}, ${ay} = ${fmt(y)}`;
    const optimizer = OPTIMIZERS.find((o) => o.value === state.optimizer).text;
    const grid = `${kind.text}. A ${GRID} × ${GRID} grid over ${ax} from ${fmt(x0)} to ${fmt(x1)} and ${ay} from `
      + `${fmt(y0)} to ${fmt(y1)}: lowest value ${fmt(stats.min)} at ${at(stats.xAtMin, stats.yAtMin)}, highest `
      + `${fmt(stats.max)}.`;
    const descent = state.descent
      ? ` Descent with ${optimizer}, learning rate ${fmt(state.lr)}, ${last} steps: from ${at(path.x[0], path.y[0])} `
        + `(loss ${fmt(path.loss[0])}) to ${at(path.x[last], path.y[last])} (loss ${fmt(path.loss[last])}).`
      : ` Start at ${at(path.x[0], path.y[0])} (loss ${fmt(path.loss[0])}); press Run descent to draw the path.`;
    const off = this.clamped ? ' The path leaves the grid; it is drawn clamped to the edge.' : '';
    this.summary.textContent = grid + descent + off;
    this.heatmap.describe(`Heatmap seen from above. ${grid}${descent}`);
    this.where.textContent = `Grid minimum at ${at(stats.xAtMin, stats.yAtMin)}. `
      + (state.descent ? `Path end at ${at(path.x[last], path.y[last])}.` : 'Run descent to draw the path.') + off;
  }
}

customElements.define('loss-landscape', LossLandscape);
