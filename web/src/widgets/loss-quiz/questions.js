// Reads the quiz questions that web/build/quiz.js rendered into the page, and marks one question as checked or
// clears it. The markup stays the page's: this file only adds a Check button, toggles attributes and writes the
// feedback, so the quiz reads the same without JavaScript.

/** The questions inside the built <ol class="quiz-questions">; items missing a part the quiz needs are left as
 *  plain (static) markup. */
export function readQuestions(list) {
  const questions = [];
  for (const item of list.querySelectorAll(':scope > li.quiz-question')) {
    const fieldset = item.querySelector('fieldset');
    const radios = fieldset ? [...fieldset.querySelectorAll('input[type=radio]')] : [];
    const answer = Number(item.dataset.answer);
    const feedback = fieldset?.querySelector('.quiz-feedback');
    const explanation = fieldset?.querySelector('details.quiz-explanation');
    if (!item.dataset.id || !Number.isInteger(answer) || answer < 0 || answer >= radios.length || !feedback || !explanation) {
      continue;
    }
    questions.push({ id: item.dataset.id, answer, choiceCount: radios.length, item, fieldset, radios, feedback, explanation });
  }
  return questions;
}

/** Adds the question's Check button after its choices; `onCheck(question)` runs on click. */
export function addCheckButton(question, onCheck) {
  const actions = document.createElement('p');
  actions.className = 'quiz-actions';
  const check = document.createElement('button');
  check.type = 'button';
  check.className = 'quiz-check';
  check.textContent = 'Check';
  check.addEventListener('click', () => onCheck(question));
  actions.append(check);
  question.feedback.before(actions); // after the choices, before the verdict
  question.check = check;
}

export function chosenIndex(question) {
  const index = question.radios.findIndex((radio) => radio.checked);
  return index < 0 ? null : index;
}

function tag(text, kind) {
  const span = document.createElement('span');
  span.className = `quiz-tag quiz-tag-${kind}`;
  span.textContent = text;
  return span;
}

/** Shows the verdict for `choice`, opens the explanation and locks the question. */
export function showResult(question, choice) {
  const correct = choice === question.answer;
  question.item.dataset.result = correct ? 'correct' : 'incorrect';
  question.radios.forEach((radio, i) => {
    radio.checked = i === choice;
    radio.disabled = true;
    const item = radio.closest('li');
    item.querySelector('.quiz-tag')?.remove();
    item.classList.toggle('is-chosen', i === choice); // disabled radios are faint, so the chosen text is bold
    // Text as well as colour: "Your answer" / "Correct answer" beside the choices that matter.
    if (i === choice) item.append(tag(correct ? 'Your answer: correct' : 'Your answer', correct ? 'correct' : 'wrong'));
    else if (i === question.answer) item.append(tag('Correct answer', 'correct'));
  });
  if (correct) {
    question.feedback.textContent = 'Correct.';
  } else {
    // The right choice's own markup (it may hold rendered math), so the status reads the answer in full.
    const answerLabel = question.fieldset.querySelector(`label[for="${CSS.escape(question.radios[question.answer].id)}"]`);
    const answer = document.createElement('span');
    answer.append(...[...answerLabel?.childNodes ?? []].map((node) => node.cloneNode(true)));
    question.feedback.replaceChildren('Not quite. The answer is: ', answer);
  }
  question.check.hidden = true;
  question.explanation.open = true;
}

/** Back to unanswered: choices enabled and cleared, no verdict, explanation closed. */
export function clearResult(question) {
  delete question.item.dataset.result;
  for (const radio of question.radios) {
    radio.checked = false;
    radio.disabled = false;
    const item = radio.closest('li');
    item.classList.remove('is-chosen');
    item.querySelector('.quiz-tag')?.remove();
  }
  question.feedback.textContent = '';
  question.check.hidden = false;
  question.explanation.open = false;
}
