// <calibration-lab>: a synthetic 4-class model that is calibrated at overconfidence 1; scale its logits to make
// it over- or underconfident, read the ECE and a reliability diagram (core.ece), then divide the logits by a
// temperature T (by hand or fitted with core.fitTemperature) and watch the ECE and NLL fall while the accuracy
// stays exactly where it was. The NLL-versus-T curve shows where the fit lands; a prediction comes first.
import { createLinePlot } from '../../plot/line-plot.js';
import { caption, howItWorks, numbers } from '../shared/anatomy.js';
import { button, readout, select, slider } from '../shared/controls.js';
import { bind, h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import { createPrediction } from '../shared/predict.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeCalibration, fitTemperature } from './compute.js';
import { CLASSES } from './data.js';
import { createReliabilityDiagram } from './reliability.js';
import { OVERCONFIDENCE_RANGE, schema, SEED_MAX, TEMPERATURE_RANGE } from './state.js';
import './calibration-lab.css';

const s3 = (v) => formatNumber(v, 3);
const ABOUT_ONE = 0.1; // |T - 1| <= 0.1 counts as "about 1" for the prediction

/** Where a temperature lies for the prediction: below 1, about 1 or above 1. */
export const side = (t) => (Math.abs(t - 1) <= ABOUT_ONE ? 'about' : t < 1 ? 'below' : 'above');

export class CalibrationLab extends LossLabWidget {
  static schema = schema;

  build(body) {
    this.cache = {}; // the last synthetic set, before-scaling results and NLL curve (compute.js), per instance
    this.fit = null;

    this.overconfidence = bind(this, 'overconfidence', slider(this, { name: 'overconfidence', label: 'Overconfidence',
      min: OVERCONFIDENCE_RANGE[0], max: OVERCONFIDENCE_RANGE[1], step: 0.05, value: this.state.overconfidence,
      format: (v) => `× ${s3(v)}` }));
    this.temperature = bind(this, 'temperature', slider(this, { name: 'temperature', label: 'Temperature T',
      min: TEMPERATURE_RANGE[0], max: TEMPERATURE_RANGE[1], step: 0.01, value: this.state.temperature, format: s3 }));
    const choice = (key, label) => bind(this, key, select(this, { name: key, label, value: this.state[key],
      options: schema[key].values.map((v) => ({ value: v, text: String(v) })) }), { parse: Number });
    this.bins = choice('bins', 'Bins');
    this.samples = choice('samples', 'Samples');
    const resample = button('New sample', () => this.setState({ seed: (this.state.seed % SEED_MAX) + 1 }), { name: 'resample' });
    const fit = button('Fit temperature', () => this.fitTemperature(), { name: 'fit' });

    this.readouts = {
      ece: readout(this, { name: 'ece', label: 'ECE' }),
      eceAfter: readout(this, { name: 'ece-after', label: 'ECE after scaling' }),
      nllAfter: readout(this, { name: 'nll-after', label: 'NLL after' }),
      fitted: readout(this, { name: 'fitted', label: 'Fitted temperature' }),
    };
    this.numbers = numbers(this);
    this.caption = caption(this);
    this.prediction = createPrediction(this, { objective: 'calibration',
      question: 'Where will the fitted temperature land?',
      choices: [{ value: 'below', text: 'Below 1' }, { value: 'about', text: 'About 1' }, { value: 'above', text: 'Above 1' }] });

    const describe = (which) => `Reliability diagram ${which}: for each equal-width confidence bin, a bar as high as `
      + 'the fraction of its predictions that are right, against the diagonal where accuracy equals confidence, with '
      + 'the gap to the bin\'s mean confidence shaded.';
    this.before = createReliabilityDiagram({ description: describe('before temperature scaling (T = 1)'), title: '' });
    this.after = createReliabilityDiagram({ description: describe('after dividing the logits by T'), title: '' });
    this.curve = createLinePlot({ description: 'Mean NLL of the logits divided by T, for T from 0.25 to 5 on a log '
      + 'axis, with the current T and the fitted T marked.', xLabel: 'temperature T (log scale)', yLabel: 'mean NLL',
    xDomain: TEMPERATURE_RANGE, yDomain: [0, 2], xScale: 'log', height: 230, xTicks: 6,
    xFormat: (v) => ([0.3, 0.5, 1, 2, 5].includes(Number(v.toPrecision(2))) ? String(Number(v.toPrecision(2))) : ''),
    series: [{ id: 'nll', label: 'NLL', concept: 'ce' }] });
    this.curve.frame.onResize(() => this.requestUpdate()); // the fit mark is drawn by this widget: redraw it too
    this.curveTitle = h('p', { class: 'cal-diagram-title' }, 'NLL against T');
    const legend = h('ul', { class: 'll-legend cal-legend' }, [
      ['cal-swatch-bar', 'accuracy in the bin'],
      ['cal-swatch-over', 'gap: overconfident (confidence above accuracy)'],
      ['cal-swatch-under', 'gap: underconfident (accuracy above confidence)'],
      ['cal-swatch-diagonal', 'perfect calibration'],
    ].map(([swatch, text]) => h('li', {}, h('span', { class: `ll-swatch ${swatch}`, 'aria-hidden': 'true' }), text)));

    body.append(
      h('div', { class: 'll-figures cal-figures' }, this.before.element, this.after.element,
        h('div', { class: 'cal-diagram' }, this.curveTitle, this.curve.element)),
      legend,
      this.caption.element,
      h('div', { class: 'll-controls' }, this.overconfidence.element, this.temperature.element, this.bins.element,
        this.samples.element, h('div', { class: 'll-buttons' }, fit, resample)),
      this.prediction.element,
      h('div', { class: 'll-readouts' }, ...Object.values(this.readouts).map((r) => r.element)),
      this.numbers.element,
      howItWorks([
        h('p', {}, `The ${CLASSES}-class model's labels are drawn from the softmax of its clean logits, so at `
          + 'overconfidence × 1 it is calibrated by construction. × s multiplies every logit by s: every softmax '
          + 'sharpens (s > 1) or flattens (s < 1), and not one prediction changes, so the accuracy stays put.'),
        h('p', {}, 'Temperature scaling divides the logits by one number T. The fitted T is the one with the lowest '
          + 'mean NLL (the bottom of the curve); dividing by T = s would undo the scaling exactly, so the fit lands '
          + 'close to s. ECE is the count-weighted mean gap between each bin\'s accuracy and its mean confidence.'),
      ]),
    );
  }

  compute(core, state) {
    return computeCalibration(core, state, this.cache, TEMPERATURE_RANGE);
  }

  render(data, state) {
    const { before, after, curve } = data;
    const r = this.readouts;
    r.ece.showNumber(before.ece);
    r.eceAfter.showNumber(after.ece);
    r.nllAfter.showNumber(after.nll);
    // A fit belongs to the logits it was fitted on: changing the sample or the overconfidence clears it.
    const fit = this.fit?.key === data.logitsKey ? this.fit : null;
    if (fit) r.fitted.showNumber(fit.temperature);
    else {
      r.fitted.set('—');
      delete r.fitted.output.dataset.value;
    }
    this.numbers.set([
      { label: 'ECE before (T = 1)', value: before.ece },
      { label: 'ECE after scaling', value: after.ece },
      { label: 'NLL before', value: before.nll },
      { label: 'NLL after', value: after.nll },
      { label: 'Accuracy', value: before.accuracy },
      { label: 'Accuracy after scaling', value: after.accuracy },
      { label: 'Mean confidence before', value: before.meanConfidence },
      { label: 'Mean confidence after', value: after.meanConfidence },
      { label: 'Temperature T', value: state.temperature },
      { label: 'Fitted temperature', value: fit ? fit.temperature : '—' },
      { label: 'Predictions', value: data.set.labels.length },
    ]);

    if (this.drawnBefore !== before) { // cached until the set, overconfidence or bins change: not redrawn while T moves
      this.drawnBefore = before;
      this.before.update({ bins: before.bins, title: `Before (T = 1): ECE ${s3(before.ece)}` });
    }
    this.after.update({ bins: after.bins, title: `After ÷ T = ${s3(state.temperature)}: ECE ${s3(after.ece)}` });
    // The curve: its y range from the data (the lowest NLL near the bottom), the current T and the fit marked.
    const finite = curve.y.filter(Number.isFinite);
    const lowest = curve.x[curve.y.indexOf(Math.min(...finite))];
    const top = Math.min(Math.max(...finite), 3 * Math.min(...finite));
    // The current T on the curve (the line's colour); the fit as its own green mark, or one mark when T sits on it.
    const onFit = fit && Math.abs(state.temperature - fit.temperature) < 0.01;
    this.curve.update({ lines: { nll: curve }, yDomain: [0, top * 1.05], points: onFit ? [] : [{ series: 'nll',
      x: state.temperature, y: after.nll, label: `T = ${s3(state.temperature)}: ${s3(after.nll)}` }] });
    this.curve.frame.markers('fit', fit ? [{ x: fit.temperature, y: fit.nllAfter, concept: 'good', radius: 7,
      label: onFit ? `fit T = ${s3(fit.temperature)}: ${s3(fit.nllAfter)}` : `fit ${s3(fit.temperature)}` }] : []);
    this.curveTitle.textContent = fit ? `NLL against T: lowest at the fitted T = ${s3(fit.temperature)}`
      : `NLL against T: lowest near T = ${s3(lowest)}`;

    const same = s3(after.ece) === s3(before.ece);
    const moved = same ? 'stays at' : after.ece < before.ece ? 'falls to' : 'rises to';
    this.caption.set([`At overconfidence × ${s3(state.overconfidence)} the ECE is `, h('strong', {}, s3(before.ece)),
      `; dividing the logits by T = ${s3(state.temperature)} it ${moved} `, h('strong', {}, s3(after.ece)),
      ` and the NLL ${same ? 'stays at' : `goes from ${s3(before.nll)} to`} ${s3(after.nll)}, while the accuracy `
        + 'stays at ', h('strong', {}, s3(after.accuracy)), '.']);
    if (fit && this.revealPending) { // the render right after a fit (a no-op if nothing was committed)
      this.revealPending = false;
      this.prediction.reveal(side(fit.temperature), `The fit landed at T = ${s3(fit.temperature)}; the logits had `
        + `been scaled by × ${s3(state.overconfidence)}.`);
    }
  }

  fitTemperature() {
    if (!this.core) return;
    try {
      const data = computeCalibration(this.core, this.state, this.cache, TEMPERATURE_RANGE);
      this.fit = { key: data.logitsKey, ...fitTemperature(this.core, data) };
      this.revealPending = true;
      this.setState({ temperature: Math.min(TEMPERATURE_RANGE[1], Math.max(TEMPERATURE_RANGE[0], this.fit.temperature)) });
    } catch (error) {
      this.showFailure(error);
    }
  }
}

customElements.define('calibration-lab', CalibrationLab);
