// <loss-decision-guide>: "Choose a Loss". The whole decision tree is the figure (every task, the question that
// picks its loss, the modifiers), with the path the answers take marked; a caption names where it leads; the
// questions are native selects (follow-ups appear only when they matter) and the tree's nodes are buttons too;
// three readouts give the recommended loss, its PyTorch spelling and the reason. No numbers are computed, so it
// does not load the wasm core: it extends HTMLElement, not LossLabWidget, and borrows the shared frame and look.
import { caption, howItWorks } from '../shared/anatomy.js';
import { readout, select } from '../shared/controls.js';
import { h } from '../shared/dom.js';
import { createWidgetFrame } from '../shared/frame.js';
import { createUrlWriter, readState, withChanges } from '../shared/state.js';
import './guide.css';
import { QUESTIONS, recommend, relevantQuestions, schema } from './rules.js';
import { createTreeView } from './tree-view.js';

const choiceText = (key, value) => QUESTIONS[key].choices.find(([v]) => v === value)?.[1] ?? value;

export class LossDecisionGuide extends HTMLElement {
  constructor() {
    super();
    this.instanceId = Math.random().toString(36).slice(2, 8);
    this.frame = 0;
  }

  connectedCallback() {
    if (this.body) return; // moved within the page: keep what was built
    this.state = readState(schema, this);
    this.body = createWidgetFrame(this);
    this.build(this.body);
    this.removeAttribute('aria-busy'); // set by the page while the module loaded
    this.requestUpdate();
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  build(body) {
    this.tree = createTreeView((changes) => this.setState(changes));
    this.caption = caption(this);
    this.questions = {};
    for (const [key, question] of Object.entries(QUESTIONS)) {
      const control = select(this, { name: key, label: question.label, value: this.state[key],
        options: question.choices.map(([value, text]) => ({ value, text })) });
      control.onChange((value) => this.setState({ [key]: value }));
      this.questions[key] = control;
    }
    this.readouts = {
      loss: readout(this, { name: 'loss', label: 'Recommended loss' }),
      pytorch: readout(this, { name: 'pytorch', label: 'PyTorch class' }),
      why: readout(this, { name: 'why', label: 'Why' }),
    };
    // Text readouts (a name, code, a reason) wrap as prose; the one-line rule is for numbers.
    this.readouts.loss.element.classList.add('ldg-loss', 'll-text-readout');
    this.readouts.pytorch.element.classList.add('ldg-pytorch', 'll-text-readout');
    this.readouts.why.element.classList.add('ldg-why', 'll-text-readout');
    const how = howItWorks([
      h('p', {}, 'The first question picks a family of losses; one follow-up per task picks the base loss (the '
        + 'bold leaves of the tree); overconfidence and probabilities-instead-of-logits only add to it. Every node '
        + 'of the tree is a button: pressing one answers that question.'),
      h('p', {}, 'A starting point, not a verdict: keep a metric that matches how the task is judged, and compare '
        + 'against the plain loss before adding weights or focal terms.'),
    ]);
    body.append(
      h('div', { class: 'll-figures' }, this.tree.element),
      this.caption.element,
      h('div', { class: 'll-controls ldg-questions' }, ...Object.values(this.questions).map((q) => q.element)),
      h('div', { class: 'll-readouts ldg-result' }, ...Object.values(this.readouts).map((r) => r.element)),
      how,
    );
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
    const relevant = relevantQuestions(state.task);
    const shown = new Set(relevant);
    for (const [key, control] of Object.entries(this.questions)) {
      control.set(state[key]);
      if (key !== 'task') control.element.hidden = !shown.has(key);
    }
    this.tree.update(state);
    const steps = [choiceText('task', state.task), ...relevant.map((key) => choiceText(key, state[key]))];
    this.caption.set(`Your ${steps.length} answers (${steps.join(' → ')}) lead to ${result.loss}; the other `
      + 'branches show what a different answer would give.');
    this.readouts.loss.set(result.loss, result.id);
    this.readouts.pytorch.set(result.pytorch, result.pytorch);
    this.readouts.why.set(result.why, result.why);
  }
}

customElements.define('loss-decision-guide', LossDecisionGuide);
