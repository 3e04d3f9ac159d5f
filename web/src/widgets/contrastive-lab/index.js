// <contrastive-lab>: two contrastive losses on 2-D embeddings. Triplet: move an anchor, a positive and a negative
// around the unit circle (angle sliders, presets, or drag the points) and read the core's p-norm distances on the
// picture, PyTorch's triplet margin loss and FaceNet's squared-distance variant. InfoNCE: a batch of four pairs
// (drag any point, or use the keyboard), its cosine similarity matrix, the softmax of each row at temperature tau,
// and the symmetric and one-way InfoNCE losses. Every sentence on the widget is built from the numbers it shows.
import { onThemeChange, resolveColor } from '../../plot/palette.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { createBatchPicture } from './batch-picture.js';
import { computeInfoNce, computeTriplet } from './compute.js';
import { createHeatmap } from './heatmap.js';
import {
  BATCH, batchAngles, batchKeys, batchOf, batchState, hardNegativeBatch, PRESETS, schema, TRIPLET_PRESETS, wrapDegrees,
} from './state.js';
import { createTripletPicture } from './triplet-picture.js';
import './contrastive-lab.css';

// The temperature slider moves log10(tau) in steps of 0.01 (2.3 % per step): -1.7 and 0.3 round to 0.02 and 2.
const LOG_TAU = [-1.7, 0.3];
const THEME_TOKENS = { surface: '--surface', positive: 'good', negative: 'warn', probability: 'ce', text: '--text', bg: '--bg' };

const roundTau = (position) => Number((10 ** position).toPrecision(3));
const s3 = (v) => formatNumber(v, 3);
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

/** Remembers the last result per key: compute only what changed (a drag of the batch leaves the triplet alone). */
function memo() {
  let key = null;
  let value = null;
  return (k, make) => {
    if (k !== key) {
      key = k;
      value = make();
    }
    return value;
  };
}

export class ContrastiveLab extends LossLabWidget {
  static schema = schema;

  build(body) {
    const level = Number(this.querySelector('.ll-widget-title').localName.slice(1)) + 1;
    const degrees = (v) => `${v}°`;
    this.tripletMemo = memo();
    this.nceMemo = memo();
    this.angleControls = ['anchor', 'positive', 'negative'].map((key) => bind(this, key, slider(this, { name: key,
      label: `${key[0].toUpperCase()}${key.slice(1)} angle`, min: 0, max: 359, step: 1, value: this.state[key],
      format: degrees })).element);
    this.margin = bind(this, 'margin', slider(this, { name: 'margin', label: 'Margin', min: 0, max: 2, step: 0.05,
      value: this.state.margin, format: s3 }));
    this.norm = bind(this, 'p', select(this, { name: 'p', label: 'Norm p', value: this.state.p, options: [
      { value: 1, text: '1 (Manhattan)' }, { value: 2, text: '2 (Euclidean)' }, { value: 3, text: '3' }] }), { parse: Number });
    this.tripletPresets = TRIPLET_PRESETS.map((preset) => ({ preset, element: button(preset.label,
      () => this.setState({ ...preset.angles, margin: 1, p: 2 }), { pressed: false, name: `triplet-${preset.id}` }) }));
    this.tripletPicture = createTripletPicture((key, angle) => this.setState({ [key]: wrapDegrees(angle) }));
    this.tripletCaption = caption(this);

    this.tau = slider(this, { name: 'tau', label: 'Temperature τ', min: LOG_TAU[0], max: LOG_TAU[1], step: 0.01,
      value: Math.log10(this.state.tau), format: (v) => s3(roundTau(v)) });
    this.tau.onInput((position) => this.setState({ tau: roundTau(position) }));
    this.presets = PRESETS.map((preset) => ({ preset,
      element: button(preset.label, () => this.setState({ tau: preset.tau }), { pressed: false, name: 'tau-preset' }) }));
    this.hardNegative = button('Hard negative in the batch',
      () => this.setState(batchState(hardNegativeBatch(batchOf(this.state)))), { name: 'hard-negative' });
    this.newBatch = button('New batch', () => {
      const seed = (this.state.seed % schema.seed.max) + 1;
      this.setState({ seed, ...batchState(batchAngles(seed)) });
    }, { name: 'new-batch' });
    this.batchPicture = createBatchPicture((i, role, angle) => this.setState({ [batchKeys(i)[role]]: angle }),
      (i, role) => this.state[batchKeys(i)[role]]);
    this.similarity = createHeatmap({ className: 'cl-similarity', size: BATCH,
      caption: 'Cosine similarity of anchor i (row a) and positive j (column p)',
      rowLabel: (i) => `a${i + 1}`, columnLabel: (j) => `p${j + 1}`,
      domain: [-1, 0, 1], range: (t) => [t.negative, t.surface, t.positive], format: fixed3 });
    this.softmax = createHeatmap({ className: 'cl-softmax', size: BATCH, caption: '',
      rowLabel: (i) => `a${i + 1}`, columnLabel: (j) => `p${j + 1}`,
      domain: [0, 1], range: (t) => [t.surface, t.probability], format: probability });
    this.nceCaption = caption(this);

    this.readouts = {
      loss: readout(this, { name: 'triplet', label: 'Triplet loss' }),
      squaredLoss: readout(this, { name: 'triplet-sq', label: 'Triplet loss (squared distances)' }),
      nce: readout(this, { name: 'infonce', label: 'InfoNCE loss' }),
      oneWay: readout(this, { name: 'infonce-1', label: 'InfoNCE loss (one-way)' }),
    };
    this.numbers = numbers(this);

    const heading = (text) => h(`h${level}`, { class: 'cl-section-title', text });
    body.append(
      h('section', { class: 'cl-section cl-triplet-section' }, heading('Triplet margin loss'),
        h('div', { class: 'll-figures' }, this.tripletPicture.element),
        this.tripletCaption.element,
        h('div', { class: 'll-controls' }, ...this.angleControls, this.margin.element, this.norm.element),
        h('div', { class: 'll-buttons' }, ...this.tripletPresets.map((p) => p.element))),
      h('section', { class: 'cl-section' }, heading('InfoNCE over a batch of four pairs'),
        h('div', { class: 'll-figures cl-nce' }, this.batchPicture.element,
          h('div', { class: 'cl-tables' }, this.similarity.element, this.softmax.element)),
        this.nceCaption.element,
        h('div', { class: 'll-controls' }, this.tau.element),
        h('div', { class: 'll-buttons' }, ...this.presets.map((p) => p.element), this.hardNegative, this.newBatch)),
      h('div', { class: 'll-readouts' }, ...Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      howItWorks([
        h('p', {}, 'Triplet loss is PyTorch\'s TripletMarginLoss: max(0, d(a, p) − d(a, n) + margin) with plain '
          + 'p-norm distances d(x, y) = ‖x − y + ε‖ₚ, ε = 10⁻⁶. FaceNet (Schroff et al., 2015) squares the '
          + 'Euclidean distances instead; the squared readout applies that formula to the same two distances, so '
          + 'one margin asks for different separations in the two versions. The arrow on the anchor is minus the '
          + 'core\'s gradient. Drag a point or use the angle sliders.'),
        h('p', {}, 'InfoNCE divides every row of the similarity matrix by τ and applies softmax: the one-way loss is '
          + 'the mean of −log of the diagonal, cross-entropy with the true pair as the class; CLIP\'s symmetric form '
          + 'averages it over rows and columns. Dividing by a small τ multiplies every similarity gap before the '
          + 'exponential, which sharpens the rows. Drag any point of the batch, or focus it and use the arrow keys.'),
      ]),
    );

    this.palette = null;
    this.offTheme = onThemeChange(() => {
      this.palette = null;
      this.requestUpdate();
    });
  }

  compute(core, state) {
    const batch = batchOf(state);
    return {
      triplet: this.tripletMemo([state.anchor, state.positive, state.negative, state.margin, state.p].join(),
        () => computeTriplet(core, state)),
      nce: this.nceMemo([state.tau, ...batch.anchors, ...batch.positives].join(), () => computeInfoNce(core, state)),
    };
  }

  /** Theme colours as the page resolves them (light or dark), resolved once per theme. */
  theme() {
    this.palette ??= Object.fromEntries(Object.entries(THEME_TOKENS).map(([k, token]) => [k, resolveColor(this, token)]));
    return this.palette;
  }

  render({ triplet, nce }, state) {
    this.tau.set(Math.log10(state.tau));
    for (const { preset, element } of this.presets) element.setAttribute('aria-pressed', String(preset.tau === state.tau));
    for (const { preset, element } of this.tripletPresets) {
      const on = Object.entries(preset.angles).every(([k, v]) => state[k] === v) && state.margin === 1 && state.p === 2;
      element.setAttribute('aria-pressed', String(on));
    }

    const r = this.readouts;
    r.loss.showNumber(triplet.loss);
    r.squaredLoss.showNumber(triplet.squaredLoss);
    r.nce.showNumber(nce.loss);
    r.oneWay.showNumber(nce.oneWayLoss);
    if (this.drawnTriplet !== triplet) {
      this.drawnTriplet = triplet;
      this.tripletPicture.update({ ...triplet, margin: state.margin, p: state.p });
      this.tripletCaption.set(this.tripletSentence(triplet, state));
    }
    if (this.drawnNce !== nce || this.drawnPalette !== this.palette) {
      this.drawnNce = nce;
      const theme = this.theme();
      this.drawnPalette = theme;
      this.batchPicture.update(nce.angles);
      this.similarity.update(nce.similarity, theme);
      this.softmax.setCaption(`Softmax of each row of similarity ÷ τ (τ = ${s3(state.tau)})`);
      this.softmax.update(nce.probabilities, theme);
      this.nceCaption.set(this.nceSentence(nce, state));
    }
    const diagonal = Array.from({ length: BATCH }, (_, i) => nce.probabilities[i * BATCH + i]);
    this.numbers.set([
      { label: 'Distance anchor–positive', value: triplet.distancePositive },
      { label: 'Distance anchor–negative', value: triplet.distanceNegative },
      { label: 'Triplet loss', value: triplet.loss },
      { label: 'Triplet loss (squared distances)', value: triplet.squaredLoss },
      { label: 'InfoNCE loss', value: nce.loss },
      { label: 'InfoNCE loss (one-way)', value: nce.oneWayLoss },
      ...diagonal.map((v, i) => ({ label: `Softmax of the true pair, row ${i + 1}`, value: v })),
      { label: 'log 4 (a uniform row)', value: Math.log(BATCH) },
    ]);
  }

  /** The triplet's case, read off the distances the core returned (FaceNet's easy / semi-hard / hard). */
  tripletSentence({ distancePositive: dp, distanceNegative: dn, loss }, { margin }) {
    const kind = dn > dp + margin ? 'an easy negative: it lies beyond d(a, p) + margin, so the loss is 0'
      : dn > dp ? `a semi-hard negative: farther than the positive but inside d(a, p) + margin = ${s3(dp + margin)}`
        : 'a hard negative: closer to the anchor than the positive';
    return [`d(a, n) = ${s3(dn)} against d(a, p) = ${s3(dp)}: ${kind}`,
      loss > 0 ? ['; triplet loss ', h('strong', {}, s3(loss)), '.'] : '.'].flat();
  }

  /** What the softmax rows show now, from their own numbers: the diagonal's range and any row won by a negative. */
  nceSentence(nce, { tau }) {
    const p = nce.probabilities;
    const diagonal = Array.from({ length: BATCH }, (_, i) => p[i * BATCH + i]);
    const lost = [];
    for (let i = 0; i < BATCH; i++) {
      let best = i;
      for (let j = 0; j < BATCH; j++) if (p[i * BATCH + j] > p[i * BATCH + best]) best = j;
      if (best !== i) lost.push(`anchor ${i + 1} gives positive ${best + 1} ${s3(p[i * BATCH + best])} and its own ${s3(diagonal[i])}`);
    }
    const [lo, hi] = [Math.min(...diagonal), Math.max(...diagonal)];
    const range = s3(lo) === s3(hi) ? s3(lo) : `${s3(lo)} to ${s3(hi)}`;
    const compare = nce.loss < Math.log(BATCH) ? 'below' : 'above';
    return [`At τ = ${s3(tau)} the true pairs take ${range} of their rows (a uniform row gives each 0.25) and InfoNCE is `,
      h('strong', {}, s3(nce.loss)), `, ${compare} log 4 = ${s3(Math.log(BATCH))}`,
      lost.length ? `; hard negative: ${lost.join('; ')}.` : '.'];
  }

  stop() {
    this.offTheme?.();
  }
}

customElements.define('contrastive-lab', ContrastiveLab);
