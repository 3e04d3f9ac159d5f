// <loss-decision-guide>: "Choose a Loss". A few native selects (the follow-ups appear only when they matter for
// the chosen task) and a result panel with the recommended loss, its PyTorch spelling and the reason. No numbers
// are computed, so it does not load the wasm core: it extends HTMLElement, not LossLabWidget, and only borrows
// the shared controls, state helpers and look.
import { readout, select } from '../shared/controls.js';
import { createUrlWriter, readState, withChanges } from '../shared/state.js';
import { createWidgetFrame } from '../shared/frame.js';
import './guide.css';
import { QUESTIONS, recommend, relevantQuestions, schema } from './rules.js';

export class LossDecisionGuide extends HTMLElement {
  static title = 'Choose a Loss';

  constructor() {
    super();
    this.instanceId = Math.random().toString(36).slice(2, 8);
    this.frame = 0;
  }

  connectedCallback() {
    if (this.body) return; // moved within the page: keep what was built
    this.state = readState(schema, this);
    this.body = createWidgetFrame(this, this.constructor.title);
    this.build(this.body);
    this.requestUpdate();
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  build(body) {
    this.questions = {};
    const questions = document.createElement('div');
    questions.className = 'll-controls ldg-questions';
    for (const [key, question] of Object.entries(QUESTIONS)) {
      const control = select(this, { name: key, label: question.label, value: this.state[key],
        options: question.choices.map(([value, text]) => ({ value, text })) });
      control.onChange((value) => this.setState({ [key]: value }));
      this.questions[key] = control;
      questions.append(control.element);
    }
    this.readouts = {
      loss: readout(this, { name: 'loss', label: 'Recommended loss' }),
      pytorch: readout(this, { name: 'pytorch', label: 'PyTorch class' }),
      why: readout(this, { name: 'why', label: 'Why' }),
    };
    const result = document.createElement('div');
    result.className = 'ldg-result';
    result.append(...Object.values(this.readouts).map((r) => r.element));
    this.readouts.loss.element.classList.add('ldg-loss');
    this.readouts.pytorch.element.classList.add('ldg-pytorch');
    this.readouts.why.element.classList.add('ldg-why');
    const note = document.createElement('p');
    note.className = 'll-note';
    note.textContent = 'A starting point, not a verdict: keep a metric that matches how the task is judged, and '
      + 'compare against the plain loss before adding weights or focal terms.';
    body.append(questions, result, note);
  }

  setState(changes) {
    this.state = withChanges(schema, this.state, changes);
    this.requestUpdate();
  }

  /** One render per animation frame, then 'll-rendered', as LossLabWidget does. */
  requestUpdate() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render(recommend(this.state), this.state);
      if (!this.hasAttribute('no-url-state')) (this.urlWriter ??= createUrlWriter(schema, this)).schedule(this.state);
      this.dispatchEvent(new CustomEvent('ll-rendered'));
    });
  }

  render(result, state) {
    const shown = new Set(relevantQuestions(state.task));
    for (const [key, control] of Object.entries(this.questions)) {
      control.set(state[key]);
      if (key !== 'task') control.element.hidden = !shown.has(key);
    }
    this.readouts.loss.set(result.loss, result.id);
    this.readouts.pytorch.set(result.pytorch, result.pytorch);
    this.readouts.why.set(result.why, result.why);
  }
}

customElements.define('loss-decision-guide', LossDecisionGuide);
