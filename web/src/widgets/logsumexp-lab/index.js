// <logsumexp-lab>: type logits, pick float32 or float64, and compare log-sum-exp and softmax computed naively
// (sum of e^x, then log) and stably (subtract the max first). Infinity and NaN in the naive readouts are the
// lesson: they are shown as the core returns them, with a sentence saying why they happened.
import { button, readout, select, textField } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeLogSumExp, OVERFLOW_AT, UNDERFLOW_AT } from './compute.js';
import { explain } from './explain.js';
import { createNumberLine } from './number-line.js';
import { parseLogits, readLogitsText, schema, writeLogitsToUrl } from './state.js';
import './logsumexp-lab.css';

// Up to 12 entries: 4 significant digits keep a full vector on one or two lines; data-value keeps every digit.
const formatVector = (v) => `[${Array.from(v, (x) => formatNumber(x, 4)).join(', ')}]`;

const PRESETS = [
  { name: '1000, 1000', logits: '1000, 1000' },
  { name: '-1000, -1001', logits: '-1000, -1001' },
  { name: '89, 90 (float32)', logits: '89, 90', precision: 'f32' },
  { name: 'Ordinary', logits: '1, 2, 3' },
];

export class LogSumExpLab extends LossLabWidget {
  static title = 'Log-Sum-Exp';
  static schema = schema;

  build(body) {
    const text = readLogitsText(this);
    this.logits = parseLogits(text).values;
    this.logitsField = textField(this, { name: 'logits', label: 'Logits', value: text });
    this.logitsField.element.classList.add('lse-field-wide');
    this.logitsField.onInput((value) => this.setLogits(value));
    this.precision = select(this, { name: 'precision', label: 'Precision', value: this.state.precision,
      options: [{ value: 'f32', text: 'float32' }, { value: 'f64', text: 'float64' }] });
    this.precision.onChange((precision) => this.setState({ precision }));

    const presets = document.createElement('div');
    presets.className = 'll-buttons lse-presets';
    presets.setAttribute('role', 'group');
    const presetsLabel = document.createElement('span');
    presetsLabel.className = 'lse-presets-label';
    presetsLabel.id = `${this.localName}-${this.instanceId}-presets`;
    presetsLabel.textContent = 'Presets:';
    presets.setAttribute('aria-labelledby', presetsLabel.id);
    presets.append(presetsLabel, ...PRESETS.map((p) => button(p.name, () => this.applyPreset(p))));

    this.readouts = {
      naive: readout(this, { name: 'naive', label: 'Naive' }),
      stable: readout(this, { name: 'stable', label: 'Stable' }),
      naiveSoftmax: readout(this, { name: 'naive-softmax', label: 'Naive softmax' }),
      stableSoftmax: readout(this, { name: 'stable-softmax', label: 'Stable softmax' }),
    };
    this.explanation = document.createElement('p');
    this.explanation.className = 'lse-explanation';
    this.explanation.setAttribute('aria-live', 'polite');

    this.numberLine = createNumberLine({
      description: 'Number line of the logits on a symmetric log scale, with the exp overflow thresholds '
        + `ln(largest float32) ≈ ${OVERFLOW_AT.f32.toFixed(2)} and ln(largest float64) ≈ ${OVERFLOW_AT.f64.toFixed(2)}, `
        + 'and the underflow thresholds on the negative side; the current precision is highlighted.',
      thresholds: { overflow: OVERFLOW_AT, underflow: UNDERFLOW_AT },
    });

    const controls = document.createElement('div');
    controls.className = 'll-controls lse-controls';
    controls.append(this.logitsField.element, this.precision.element);
    const readouts = document.createElement('div');
    readouts.className = 'll-readouts';
    readouts.append(...Object.values(this.readouts).map((r) => r.element));
    this.readouts.naiveSoftmax.element.classList.add('lse-vector');
    this.readouts.stableSoftmax.element.classList.add('lse-vector');
    const note = document.createElement('p');
    note.className = 'll-note';
    note.textContent = 'Naive: log(Σ e^x). Stable: m + log(Σ e^(x − m)) with m the largest logit. '
      + 'The softmax readouts are e^x / Σ e^x computed both ways.';
    body.append(controls, presets, readouts, this.explanation, this.numberLine.element, note);
  }

  /** Validates typed logits: a message next to the field on bad input, the last valid logits stay shown. */
  setLogits(text) {
    const { values, error } = parseLogits(text);
    this.logitsField.setError(error);
    if (error) return;
    this.logits = values;
    writeLogitsToUrl(this, text);
    this.requestUpdate();
  }

  applyPreset({ logits, precision }) {
    this.logitsField.input.value = logits;
    this.setLogits(logits);
    if (precision) this.setState({ precision });
  }

  compute(core, state) {
    return computeLogSumExp(core, { logits: this.logits, precision: state.precision });
  }

  render(data, state) {
    this.precision.set(state.precision);
    const { naive, stable, naiveSoftmax, stableSoftmax } = this.readouts;
    naive.showNumber(data.naive);
    stable.showNumber(data.stable);
    naiveSoftmax.set(formatVector(data.naiveSoftmax), Array.from(data.naiveSoftmax).join(','));
    stableSoftmax.set(formatVector(data.stableSoftmax), Array.from(data.stableSoftmax).join(','));
    const broken = !Number.isFinite(data.naive) || data.naiveSoftmax.some(Number.isNaN);
    this.explanation.textContent = explain(data);
    this.explanation.toggleAttribute('data-broken', broken);
    this.numberLine.update(data);
  }
}

customElements.define('logsumexp-lab', LogSumExpLab);
