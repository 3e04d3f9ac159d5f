// <logsumexp-lab>: type logits, pick float32 or float64, and compare log-sum-exp and softmax computed naively
// (sum of e^x, then log) and stably (subtract the max first). Infinity and NaN in the naive readouts are the
// lesson: they are shown as the core returns them. "Subtract the max" animates the trick on the number line: the
// logits slide left by their maximum into the safe zone (reduced motion: they jump). Before running it, the reader
// can commit a prediction of whether the naive result overflows.
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, readout, select, textField } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { createPrediction } from '../shared/predict.js';
import { LossLabWidget, reducedMotion } from '../shared/widget-base.js';
import { computeLogSumExp, OVERFLOW_AT, UNDERFLOW_AT } from './compute.js';
import { explain } from './explain.js';
import { createNumberLine } from './number-line.js';
import { parseLogits, readLogitsText, schema, writeLogitsToUrl } from './state.js';
import './logsumexp-lab.css';

// Up to 12 entries: 4 significant digits keep a full vector short; data-value keeps every digit.
const formatVector = (v) => `[${Array.from(v, (x) => formatNumber(x, 4)).join(', ')}]`;
const SLIDE_MS = 900;
const NAME = { f32: 'float32', f64: 'float64' };
const exact = (v) => formatNumber(v).replace('-', '−'); // results in the caption keep 6 digits (1000.69, not 1000)

const PRESETS = [
  { name: '1000, 1000', logits: '1000, 1000' },
  { name: '-1000, -1001', logits: '-1000, -1001' },
  { name: '89, 90 (float32)', logits: '89, 90', precision: 'f32' },
  { name: 'Ordinary', logits: '1, 2, 3' },
];

export class LogSumExpLab extends LossLabWidget {
  static schema = schema;

  build(body) {
    const text = readLogitsText(this);
    this.logits = parseLogits(text).values;
    this.shift = 0;
    this.logitsField = textField(this, { name: 'logits', label: 'Logits', value: text });
    this.logitsField.element.classList.add('lse-field-wide');
    this.logitsField.onInput((value) => this.setLogits(value));
    this.precision = bind(this, 'precision', select(this, { name: 'precision', label: 'Precision', value: this.state.precision,
      options: [{ value: 'f32', text: 'float32' }, { value: 'f64', text: 'float64' }] }));
    this.precision.onChange(() => this.resetShift());
    this.trickButton = button('Subtract the max', () => this.runTrick(), { name: 'trick' });

    const presetsLabel = h('span', { class: 'lse-presets-label', id: `${this.localName}-${this.instanceId}-presets`, text: 'Presets:' });
    const presets = h('div', { class: 'll-buttons lse-presets', role: 'group', 'aria-labelledby': presetsLabel.id },
      presetsLabel, PRESETS.map((p) => button(p.name, () => this.applyPreset(p))));
    this.prediction = createPrediction(this, {
      objective: 'stability',
      question: 'Does the naive result overflow?',
      choices: [{ value: 'yes', text: 'Yes, it becomes Infinity' }, { value: 'no', text: 'No, it stays finite' }],
    });

    this.readouts = {
      naive: readout(this, { name: 'naive', label: 'Naive' }),
      stable: readout(this, { name: 'stable', label: 'Stable' }),
      naiveSoftmax: readout(this, { name: 'naive-softmax', label: 'Naive softmax' }),
      stableSoftmax: readout(this, { name: 'stable-softmax', label: 'Stable softmax' }),
    };
    this.readouts.naiveSoftmax.element.classList.add('lse-vector');
    this.readouts.stableSoftmax.element.classList.add('lse-vector');

    this.numberLine = createNumberLine({
      description: 'Number line of the logits on a symmetric log scale, with the exp overflow thresholds '
        + `ln(largest float32) ≈ ${OVERFLOW_AT.f32.toFixed(2)} and ln(largest float64) ≈ ${OVERFLOW_AT.f64.toFixed(2)}, `
        + 'the underflow thresholds on the negative side, and the safe zone x ≤ 0; "Subtract the max" slides the '
        + 'logits left by their maximum.',
      thresholds: { overflow: OVERFLOW_AT, underflow: UNDERFLOW_AT },
    });
    this.caption = caption(this);
    this.numbers = numbers(this);
    this.explanation = h('p', { class: 'lse-explanation', 'aria-live': 'polite' });
    const how = howItWorks([
      this.explanation,
      h('p', { text: 'Naive: log(Σ e^x). Stable: m + log(Σ e^(x − m)) with m the largest logit. Subtracting m changes '
        + 'nothing mathematically, since e^(x − m) = e^x / e^m and the m comes back after the log, but it puts every '
        + 'exponent at or below 0, so each e^(x − m) lies in (0, 1] and the sum lies between 1 and the number of logits.' }),
      h('p', { text: 'The softmax readouts are e^x / Σ e^x computed both ways. The naive path really runs in the chosen '
        + 'precision: its Infinity and NaN are what float32 or float64 give, not a simulation.' }),
    ]);
    body.append(
      this.numberLine.element,
      this.caption.element,
      h('div', { class: 'll-controls lse-controls' }, this.logitsField.element, this.precision.element,
        h('div', { class: 'll-buttons' }, this.trickButton)),
      presets,
      this.prediction.element,
      h('div', { class: 'll-readouts' }, Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      how,
    );
  }

  /** Validates typed logits: a message next to the field on bad input, the last valid logits stay shown. */
  setLogits(text) {
    const { values, error } = parseLogits(text);
    this.logitsField.setError(error);
    if (error) return;
    this.logits = values;
    this.resetShift();
    writeLogitsToUrl(this, text);
    this.requestUpdate();
  }

  applyPreset({ logits, precision }) {
    this.logitsField.input.value = logits;
    this.setLogits(logits);
    if (precision) this.setState({ precision });
  }

  resetShift() {
    cancelAnimationFrame(this.slide);
    this.slide = 0;
    this.shift = 0;
    this.numberLine.setShift(0);
    this.trickButton.textContent = 'Subtract the max';
  }

  /** The trick as motion: the logits slide left by their maximum (or back), then the prediction is revealed. */
  runTrick() {
    const from = this.shift;
    const to = from < 1 ? 1 : 0;
    cancelAnimationFrame(this.slide);
    const done = () => {
      this.shift = to;
      this.numberLine.setShift(to);
      this.trickButton.textContent = to === 1 ? 'Show the typed logits' : 'Subtract the max';
      this.requestUpdate();
      if (to === 1 && this.last) {
        const overflowed = this.last.naive === Infinity;
        this.prediction.reveal(overflowed ? 'yes' : 'no', overflowed
          ? `The naive sum is Infinity in ${NAME[this.last.precision]}; after subtracting m = ${exact(Math.max(...this.last.logits))} `
            + `the stable result is ${exact(this.last.stable)}.`
          : `The naive result is ${exact(this.last.naive)}, finite, and the stable one agrees: ${exact(this.last.stable)}.`);
      }
    };
    if (reducedMotion()) {
      done();
      return;
    }
    const start = performance.now();
    const tick = (now) => {
      const t = Math.min(1, (now - start) / SLIDE_MS);
      const eased = t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) ** 2;
      this.numberLine.setShift(from + (to - from) * eased);
      if (t < 1) this.slide = requestAnimationFrame(tick);
      else done();
    };
    this.slide = requestAnimationFrame(tick);
  }

  compute(core, state) {
    return computeLogSumExp(core, { logits: this.logits, precision: state.precision });
  }

  render(data, state) {
    this.last = data;
    const { naive, stable, naiveSoftmax, stableSoftmax } = this.readouts;
    naive.showNumber(data.naive);
    stable.showNumber(data.stable);
    naiveSoftmax.set(formatVector(data.naiveSoftmax), Array.from(data.naiveSoftmax).join(','));
    stableSoftmax.set(formatVector(data.stableSoftmax), Array.from(data.stableSoftmax).join(','));
    const broken = !Number.isFinite(data.naive) || data.naiveSoftmax.some(Number.isNaN);
    this.explanation.textContent = explain(data);
    this.explanation.toggleAttribute('data-broken', broken);
    if (!this.slide) this.numberLine.setShift(this.shift);
    this.numberLine.update(data);

    const m = Math.max(...data.logits);
    const name = NAME[state.precision];
    this.caption.set(this.shift === 1
      ? `After subtracting m = ${exact(m)} every logit is at most 0, so each e^(x − m) is at most 1 and `
        + `log-sum-exp = m + log Σ e^(x − m) = ${exact(data.stable)} in ${name}.`
      : `In ${name} the naive log Σ e^x gives ${exact(data.naive)} and the stable path ${exact(data.stable)}`
        + (broken ? `: e^x leaves ${name}'s range, so press "Subtract the max" to see the trick.` : '; both stay in range.'));
    this.numbers.set([
      { label: 'Largest logit m', value: m },
      { label: 'Naive log-sum-exp', value: data.naive },
      { label: 'Stable log-sum-exp', value: data.stable },
      ...Array.from(data.stableSoftmax, (v, i) => ({ label: `Stable softmax[${i + 1}]`, value: v })),
      ...Array.from(data.naiveSoftmax, (v, i) => ({ label: `Naive softmax[${i + 1}]`, value: v })),
      { label: `Overflow threshold ln(largest ${name})`, value: OVERFLOW_AT[state.precision] },
      { label: `Underflow threshold (${name})`, value: UNDERFLOW_AT[state.precision] },
    ]);
  }

  stop() {
    cancelAnimationFrame(this.slide);
    this.slide = 0;
  }
}

customElements.define('logsumexp-lab', LogSumExpLab);
