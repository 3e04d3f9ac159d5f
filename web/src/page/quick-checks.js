// Quick checks: choose an answer, press "Check answer" (or Enter on a choice) to see whether it is right, the
// feedback for that choice (once, in the status line, with its math rendered), and the explanation. Works entirely
// by keyboard; results are announced politely. Each first answer is reported as an 'll-objective' event.
export function enhanceQuickChecks(doc) {
  for (const fieldset of doc.querySelectorAll('fieldset.quick-check')) {
    const submit = fieldset.querySelector('.qc-submit');
    const result = fieldset.querySelector('.qc-result');
    const explanation = fieldset.querySelector('.qc-explanation');
    submit.hidden = false;
    let reported = false;
    const check = () => {
      const chosen = fieldset.querySelector('input[type=radio]:checked');
      if (!chosen) {
        result.textContent = 'Choose an answer first.';
        return;
      }
      const correct = chosen.hasAttribute('data-correct');
      const feedback = fieldset.querySelector(`#${CSS.escape(chosen.id)}-feedback`);
      fieldset.dataset.result = correct ? 'correct' : 'incorrect';
      const verdict = document.createElement('strong');
      verdict.textContent = correct ? 'Correct.' : 'Not quite.';
      const body = feedback?.content ? feedback.content.cloneNode(true) : document.createTextNode(feedback?.textContent ?? '');
      result.replaceChildren(verdict, ' ', body);
      explanation.open = true;
      if (!reported) {
        reported = true;
        fieldset.dispatchEvent(new CustomEvent('ll-objective', { bubbles: true,
          detail: { objective: fieldset.dataset.objective, correct, source: 'quickcheck', item: fieldset.id } }));
      }
    };
    submit.addEventListener('click', check);
    fieldset.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target.matches('input[type=radio]')) {
        event.preventDefault();
        check();
      }
    });
    fieldset.addEventListener('change', () => {
      delete fieldset.dataset.result;
      result.textContent = '';
    });
  }
}
