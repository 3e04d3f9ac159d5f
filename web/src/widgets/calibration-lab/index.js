// <calibration-lab>: a synthetic 4-class model that is calibrated at overconfidence 1; scale its logits to make
// it over- or underconfident, read the ECE and a reliability diagram (core.ece), then divide the logits by a
// temperature T (by hand or fitted with core.fitTemperature) and watch the ECE and NLL fall while the accuracy
// stays exactly where it was.
import { button, readout, select, slider } from '../shared/controls.js';
import { formatNumber } from '../shared/format.js';
import { LossLabWidget } from '../shared/widget-base.js';
import { computeCalibration, fitTemperature } from './compute.js';
import { CLASSES } from './data.js';
import { createReliabilityDiagram } from './reliability.js';
import { OVERCONFIDENCE_RANGE, schema, SEED_MAX, TEMPERATURE_RANGE } from './state.js';
import './calibration-lab.css';

const short = (v) => formatNumber(v, 4);

export class CalibrationLab extends LossLabWidget {
  static title = 'Calibration';
  static schema = schema;

  build(body) {
    this.cache = {}; // the last synthetic set and before-scaling results (compute.js), per instance
    this.fit = null;

    this.overconfidence = slider(this, { name: 'overconfidence', label: 'Overconfidence', min: OVERCONFIDENCE_RANGE[0],
      max: OVERCONFIDENCE_RANGE[1], step: 0.05, value: this.state.overconfidence, format: (v) => `× ${short(v)}` });
    this.overconfidence.onInput((overconfidence) => this.setState({ overconfidence }));
    this.bins = select(this, { name: 'bins', label: 'Bins', value: this.state.bins,
      options: schema.bins.values.map((v) => ({ value: v, text: String(v) })) });
    this.bins.onChange((bins) => this.setState({ bins: Number(bins) }));
    this.samples = select(this, { name: 'samples', label: 'Samples', value: this.state.samples,
      options: schema.samples.values.map((v) => ({ value: v, text: String(v) })) });
    this.samples.onChange((samples) => this.setState({ samples: Number(samples) }));
    const resample = button('New sample', () => this.setState({ seed: (this.state.seed % SEED_MAX) + 1 }));

    this.temperature = slider(this, { name: 'temperature', label: 'Temperature T', min: TEMPERATURE_RANGE[0],
      max: TEMPERATURE_RANGE[1], step: 0.01, value: this.state.temperature, format: short });
    this.temperature.onInput((temperature) => this.setState({ temperature }));
    const fit = button('Fit temperature', () => this.fitTemperature());

    this.readouts = {
      ece: readout(this, { name: 'ece', label: 'ECE' }),
      nllBefore: readout(this, { name: 'nll-before', label: 'NLL before' }),
      accuracy: readout(this, { name: 'accuracy', label: 'Accuracy' }),
      eceAfter: readout(this, { name: 'ece-after', label: 'ECE after scaling' }),
      nllAfter: readout(this, { name: 'nll-after', label: 'NLL after' }),
      accuracyAfter: readout(this, { name: 'accuracy-after', label: 'Accuracy after scaling' }),
      fitted: readout(this, { name: 'fitted', label: 'Fitted temperature' }),
    };

    const controls = document.createElement('div');
    controls.className = 'll-controls';
    controls.append(this.overconfidence.element, this.bins.element, this.samples.element, resample);
    const scaling = document.createElement('div');
    scaling.className = 'll-controls';
    scaling.append(this.temperature.element, fit);
    // Two rows, read across: before (T = 1) and after dividing by T, each ECE, NLL, accuracy.
    const group = (title, keys) => {
      const box = document.createElement('div');
      box.className = 'cal-group';
      const heading = document.createElement('p');
      heading.className = 'cal-group-title';
      heading.textContent = title;
      const row = document.createElement('div');
      row.className = 'll-readouts';
      row.append(...keys.map((k) => this.readouts[k].element));
      box.append(heading, row);
      return box;
    };
    const readouts = document.createElement('div');
    readouts.className = 'cal-groups';
    readouts.append(group('Before scaling (T = 1)', ['ece', 'nllBefore', 'accuracy']),
      group('After dividing the logits by T', ['eceAfter', 'nllAfter', 'accuracyAfter', 'fitted']));
    this.status = document.createElement('p');
    this.status.className = 'll-note';
    this.status.setAttribute('aria-live', 'polite');

    const describe = (which) => `Reliability diagram ${which}: for each equal-width confidence bin, a bar as high as `
      + 'the fraction of its predictions that are right, drawn against the diagonal where accuracy equals '
      + 'confidence; a shaded box marks the gap to the bin\'s mean confidence, and a strip beneath counts the '
      + 'predictions in each bin.';
    this.before = createReliabilityDiagram({ description: describe('before temperature scaling (T = 1)') });
    this.after = createReliabilityDiagram({ description: describe('after dividing the logits by the temperature T') });
    const plots = document.createElement('div');
    plots.className = 'll-plots cal-plots';
    plots.append(this.before.element, this.after.element);
    const legend = document.createElement('ul');
    legend.className = 'll-legend';
    for (const [swatch, text] of [['cal-swatch-bar', 'accuracy in the bin'],
      ['cal-swatch-gap', 'gap to the bin\'s mean confidence'], ['cal-swatch-diagonal', 'perfect calibration'],
      ['cal-swatch-count', 'predictions per bin']]) {
      const item = document.createElement('li');
      const mark = document.createElement('span');
      mark.className = `ll-swatch ${swatch}`;
      mark.setAttribute('aria-hidden', 'true');
      item.append(mark, text);
      legend.append(item);
    }
    const note = document.createElement('p');
    note.className = 'll-note';
    note.textContent = `The ${CLASSES}-class model's labels are drawn from the softmax of its clean logits, so at `
      + 'overconfidence × 1 it is calibrated by construction; × s multiplies every logit by s, which sharpens '
      + 'every softmax (s > 1) without changing a single prediction. Dividing the logits by T = s would undo it '
      + 'exactly; the fitted T (the one minimising the mean NLL) lands close to s. NLL is the mean cross-entropy of the '
      + 'logits ÷ T; accuracy counts argmax = label from the ECE bins.';
    body.append(controls, scaling, readouts, this.status, plots, legend, note);
  }

  compute(core, state) {
    return computeCalibration(core, state, this.cache);
  }

  render(data, state) {
    const { before, after } = data;
    this.overconfidence.set(state.overconfidence);
    this.bins.set(state.bins);
    this.samples.set(state.samples);
    this.temperature.set(state.temperature);
    const r = this.readouts;
    r.ece.showNumber(before.ece);
    r.nllBefore.showNumber(before.nll);
    r.accuracy.showNumber(before.accuracy);
    r.eceAfter.showNumber(after.ece);
    r.nllAfter.showNumber(after.nll);
    r.accuracyAfter.showNumber(after.accuracy);
    // A fit belongs to the logits it was fitted on: changing the sample or the overconfidence clears it.
    const fit = this.fit?.key === data.logitsKey ? this.fit : null;
    if (fit) r.fitted.showNumber(fit.temperature);
    else {
      r.fitted.set('—');
      delete r.fitted.output.dataset.value;
    }
    const [lo, hi] = TEMPERATURE_RANGE;
    const outside = fit && (fit.temperature < lo || fit.temperature > hi)
      ? ` The fitted T = ${short(fit.temperature)} lies outside the slider's ${lo} to ${hi}, so T stopped at the end.`
      : '';
    this.status.textContent = `${data.set.labels.length} predictions, mean confidence ${short(before.meanConfidence)} `
      + `before and ${short(after.meanConfidence)} after scaling, accuracy ${short(before.accuracy)} both times.${outside}`;
    this.before.update({ bins: before.bins, caption: `Before scaling (T = 1): ECE ${short(before.ece)}` });
    this.after.update({ bins: after.bins, caption: `After scaling (T = ${short(state.temperature)}): ECE ${short(after.ece)}` });
  }

  fitTemperature() {
    if (!this.core) return;
    try {
      const data = computeCalibration(this.core, this.state, this.cache);
      this.fit = { key: data.logitsKey, ...fitTemperature(this.core, data) };
      this.setState({ temperature: this.fit.temperature });
    } catch (error) {
      this.showFailure(error);
    }
  }
}

customElements.define('calibration-lab', CalibrationLab);
