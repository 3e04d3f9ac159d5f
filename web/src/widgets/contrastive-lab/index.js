// <contrastive-lab>: two contrastive losses on 2-D embeddings. Triplet: move an anchor, a positive and a negative
// around the unit circle (angle sliders, or drag the points) and read the core's p-norm distances, PyTorch's
// triplet margin loss and FaceNet's squared-distance variant. InfoNCE: a seeded batch of four pairs, its cosine
// similarity matrix, the softmax of each row at temperature tau, and the symmetric and one-way InfoNCE losses.
import '../../plot/plot.css';
import { resolveColor } from '../../plot/palette.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { createBatchPicture } from './batch-picture.js';
import { computeInfoNce, computeTriplet } from './compute.js';
import { createHeatmap } from './heatmap.js';
import { BATCH, PRESETS, TAU_RANGE, schema, wrapDegrees } from './state.js';
import { createTripletPicture } from './triplet-picture.js';
import './contrastive-lab.css';

// The temperature slider moves log10(tau) in steps of 0.01 (2.3 % per step): -1.7 and 0.3 round to 0.02 and 2.
const LOG_TAU = [-1.7, 0.3];
const THEME_TOKENS = { surface: '--surface', positive: '--series-0', negative: '--series-1', text: '--text', bg: '--bg' };
const darkScheme = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

const roundTau = (position) => Number((10 ** position).toPrecision(3));
const fixed3 = (v) => {
  const s = v.toFixed(3);
  return s === '-0.000' ? '0.000' : s;
};
// Probabilities to 3 digits; the extremes low temperatures produce (1e-20, 1 - 1e-9) as bounds, not as 0 and 1.
const probability = (v) => {
  if (v > 0 && v < 1e-3) return '<0.001';
  if (v > 0.9995 && v < 1) return '>0.999';
  return formatNumber(v, 3);
};

function section(level, title) {
  const element = document.createElement('section');
  element.className = 'cl-section';
  const heading = document.createElement(`h${level}`);
  heading.className = 'cl-section-title';
  heading.textContent = title;
  element.append(heading);
  return element;
}

function group(className, children) {
  const element = document.createElement('div');
  element.className = className;
  element.append(...children);
  return element;
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'll-note';
  p.textContent = text;
  return p;
}

export class ContrastiveLab extends LossLabWidget {
  static title = 'Contrastive Losses';
  static schema = schema;

  build(body) {
    const level = Number(this.querySelector('.ll-widget-title').localName.slice(1)) + 1;
    const degrees = (v) => `${v}°`;
    this.angles = ['anchor', 'positive', 'negative'].map((key) => {
      const control = slider(this, { name: key, label: `${key[0].toUpperCase()}${key.slice(1)} angle`, min: 0, max: 359,
        step: 1, value: this.state[key], format: degrees });
      control.onInput((v) => this.setState({ [key]: v }));
      return { key, control };
    });
    this.margin = slider(this, { name: 'margin', label: 'Margin', min: 0, max: 2, step: 0.05, value: this.state.margin,
      format: (v) => formatNumber(v, 3) });
    this.margin.onInput((margin) => this.setState({ margin }));
    this.norm = select(this, { name: 'p', label: 'Norm p', value: this.state.p, options: [
      { value: 1, text: '1 (Manhattan)' }, { value: 2, text: '2 (Euclidean)' }, { value: 3, text: '3' }] });
    this.norm.onChange((p) => this.setState({ p: Number(p) }));
    this.tripletPicture = createTripletPicture((key, angle) => this.setState({ [key]: wrapDegrees(angle) }));
    this.tripletReadouts = {
      distancePositive: readout(this, { name: 'd-ap', label: 'Distance anchor–positive' }),
      distanceNegative: readout(this, { name: 'd-an', label: 'Distance anchor–negative' }),
      loss: readout(this, { name: 'triplet', label: 'Triplet loss' }),
      squaredLoss: readout(this, { name: 'triplet-sq', label: 'Triplet loss (squared distances)' }),
    };

    this.tau = slider(this, { name: 'tau', label: 'Temperature τ', min: LOG_TAU[0], max: LOG_TAU[1], step: 0.01,
      value: Math.log10(this.state.tau), format: (v) => formatNumber(roundTau(v), 3) });
    this.tau.onInput((position) => this.setState({ tau: roundTau(position) }));
    this.presets = PRESETS.map((preset) => ({ preset,
      element: button(preset.label, () => this.setState({ tau: preset.tau }), { pressed: false }) }));
    this.newBatch = button('New batch', () => this.setState({ seed: (this.state.seed % schema.seed.max) + 1 }));
    this.batchPicture = createBatchPicture();
    this.similarity = createHeatmap({ className: 'cl-similarity', size: BATCH,
      caption: 'Cosine similarity of anchor i (row) and positive j (column)',
      rowLabel: (i) => `anchor ${i + 1}`, columnLabel: (j) => `pos. ${j + 1}`,
      domain: [-1, 0, 1], range: (t) => [t.negative, t.surface, t.positive], format: fixed3 });
    this.softmax = createHeatmap({ className: 'cl-softmax', size: BATCH, caption: '',
      rowLabel: (i) => `anchor ${i + 1}`, columnLabel: (j) => `pos. ${j + 1}`,
      domain: [0, 1], range: (t) => [t.surface, t.positive], format: probability });
    this.nceReadouts = {
      loss: readout(this, { name: 'infonce', label: 'InfoNCE loss' }),
      oneWayLoss: readout(this, { name: 'infonce-1', label: 'InfoNCE loss (one-way)' }),
    };

    const triplet = section(level, 'Triplet margin loss');
    triplet.append(
      group('ll-controls', [...this.angles.map((a) => a.control.element), this.margin.element, this.norm.element]),
      group('cl-row', [this.tripletPicture.element,
        group('ll-readouts cl-readouts', Object.values(this.tripletReadouts).map((r) => r.element))]),
      note('Drag a point, or use the angle sliders. Triplet loss is PyTorch’s TripletMarginLoss: max(0, d(a, p) − '
        + 'd(a, n) + margin) with d(x, y) = ‖x − y + ε‖ₚ and ε = 10⁻⁶: plain p-norm distances, not squared. FaceNet '
        + '(Schroff et al., 2015) writes the loss with squared Euclidean distances, ‖a − p‖² − ‖a − n‖² + margin; the '
        + 'squared readout applies that formula to the two distances the core returned. On the unit circle a '
        + 'Euclidean distance lies in [0, 2] and its square in [0, 4], so the same margin asks for a different '
        + 'separation in the two versions. The arrow on the anchor is minus the core’s gradient: where gradient '
        + 'descent would move it.'),
    );
    const infoNce = section(level, 'InfoNCE over a batch of four pairs');
    infoNce.append(
      group('ll-controls', [this.tau.element]),
      group('ll-buttons', [...this.presets.map((p) => p.element), this.newBatch]),
      group('cl-row cl-nce', [this.batchPicture.element, this.similarity.element, this.softmax.element]),
      group('ll-readouts', Object.values(this.nceReadouts).map((r) => r.element)),
      note('Each anchor should pick out its own positive from the batch. Every row of the similarity matrix is divided '
        + 'by τ and passed through softmax; the one-way loss is the mean of −log of the diagonal, cross-entropy with '
        + 'the true pair as the class. InfoNCE loss is CLIP’s symmetric form: the mean of that loss over rows '
        + '(anchors choosing positives) and over columns (positives choosing anchors). Lowering τ sharpens the rows: '
        + 'dividing by τ = 0.07 turns a similarity gap of 0.1 into a factor e^(0.1/0.07) ≈ 4.2 in probability, so '
        + 'each row tends to one-hot and the loss is dominated by the hardest negative; at τ = 2 the rows are '
        + 'nearly uniform (about 0.25 each) and the loss approaches log 4 ≈ 1.386 whatever the embeddings.'),
    );
    body.append(triplet, infoNce);

    this.onScheme = () => this.requestUpdate();
    darkScheme()?.addEventListener('change', this.onScheme);
  }

  compute(core, state) {
    return { triplet: computeTriplet(core, state), nce: computeInfoNce(core, state) };
  }

  /** Theme colours as the page resolves them now (light or dark). */
  theme() {
    return Object.fromEntries(Object.entries(THEME_TOKENS).map(([k, token]) => [k, resolveColor(this, token)]));
  }

  render({ triplet, nce }, state) {
    for (const { key, control } of this.angles) control.set(state[key]);
    this.margin.set(state.margin);
    this.norm.set(state.p);
    this.tau.set(Math.log10(state.tau));
    for (const { preset, element } of this.presets) element.setAttribute('aria-pressed', String(preset.tau === state.tau));

    for (const [key, r] of Object.entries(this.tripletReadouts)) r.showNumber(triplet[key]);
    this.tripletPicture.update({ ...triplet, margin: state.margin, p: state.p });

    const theme = this.theme();
    this.batchPicture.update(nce.angles);
    this.similarity.update(nce.similarity, theme);
    this.softmax.setCaption(`Softmax of each row of similarity / τ (τ = ${formatNumber(state.tau, 3)})`);
    this.softmax.update(nce.probabilities, theme);
    for (const [key, r] of Object.entries(this.nceReadouts)) r.showNumber(nce[key]);
  }

  stop() {
    darkScheme()?.removeEventListener('change', this.onScheme);
  }
}

customElements.define('contrastive-lab', ContrastiveLab);
