// Quick checks: choose an answer, press "Check answer" (or Enter on a choice) to see whether it is right, the
// feedback for that choice, and the explanation. Works entirely by keyboard; results are announced politely.
export function enhanceQuickChecks(doc) {
  for (const fieldset of doc.querySelectorAll('fieldset.quick-check')) {
    const submit = fieldset.querySelector('.qc-submit');
    const result = fieldset.querySelector('.qc-result');
    const explanation = fieldset.querySelector('.qc-explanation');
    submit.hidden = false;
    const check = () => {
      const chosen = fieldset.querySelector('input[type=radio]:checked');
      for (const fb of fieldset.querySelectorAll('.qc-feedback')) fb.hidden = true;
      if (!chosen) {
        result.textContent = 'Choose an answer first.';
        return;
      }
      const correct = chosen.hasAttribute('data-correct');
      const feedback = fieldset.querySelector(`#${CSS.escape(chosen.id)}-feedback`);
      feedback.hidden = false;
      fieldset.dataset.result = correct ? 'correct' : 'incorrect';
      result.textContent = `${correct ? 'Correct.' : 'Not quite.'} ${feedback.textContent}`;
      explanation.open = true;
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
