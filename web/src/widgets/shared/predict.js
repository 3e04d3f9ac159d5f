// Predict, then reveal: before running an experiment the student commits to what will happen; the widget then
// reveals the result beside the prediction and reports it to mastery as an `ll-objective` event.
import { h } from './dom.js';

/**
 * @param {HTMLElement} owner  the widget (the event bubbles from it)
 * @param {{ objective: string, question: string, choices: { value: string, text: string }[] }} o
 * @returns {{ element, readonly value, readonly committed, reveal(actual, resultText), reset() }}
 */
export function createPrediction(owner, { objective, question, choices }) {
  const name = `${owner.localName}-${owner.instanceId}-predict-${objective}`;
  const radios = choices.map((c) => h('input', { type: 'radio', name, value: c.value, id: `${name}-${c.value}` }));
  const commit = h('button', { type: 'button', class: 'll-predict-commit', disabled: true }, 'Commit prediction');
  const result = h('p', { class: 'll-predict-result', 'aria-live': 'polite', tabindex: '-1' });
  const legend = h('legend', { text: `Predict: ${question}` });
  const list = h('div', { class: 'll-predict-choices' }, choices.map((c, i) =>
    h('div', { class: 'll-check' }, radios[i], h('label', { for: radios[i].id, text: c.text }))));
  const element = h('fieldset', { class: 'll-predict' }, legend, list, commit, result);
  let committed = null;

  for (const radio of radios) radio.addEventListener('change', () => { commit.disabled = committed !== null; });
  commit.addEventListener('click', () => {
    const chosen = radios.find((r) => r.checked);
    if (!chosen) return;
    committed = chosen.value;
    for (const r of radios) r.disabled = true;
    commit.disabled = true;
    commit.hidden = true; // the choice is made; the result line takes its place
    element.dataset.state = 'committed';
    result.textContent = `Your prediction: ${choices.find((c) => c.value === committed).text}. Now run it.`;
    result.focus(); // keyboard focus stays in the box the button left
  });

  return {
    element,
    get value() {
      return committed;
    },
    get committed() {
      return committed !== null;
    },
    /** Shows the outcome next to the committed prediction; does nothing if nothing was committed. */
    reveal(actual, resultText = '') {
      if (committed === null || element.dataset.state === 'revealed') return;
      const correct = String(actual) === committed;
      element.dataset.state = 'revealed';
      element.dataset.correct = String(correct);
      const picked = choices.find((c) => c.value === committed).text;
      result.textContent = `${correct ? 'Right' : 'Not this time'}: you predicted "${picked}". ${resultText}`.trim();
      owner.dispatchEvent(new CustomEvent('ll-objective', { bubbles: true, composed: true,
        detail: { objective, correct, source: `predict:${owner.localName}` } }));
    },
    reset() {
      committed = null;
      delete element.dataset.state;
      delete element.dataset.correct;
      for (const r of radios) { r.disabled = false; r.checked = false; }
      commit.disabled = true;
      commit.hidden = false;
      result.textContent = '';
    },
  };
}
