// quiz.json -> the quiz's questions as static HTML inside <loss-quiz>: each question a <fieldset> with radio
// choices and its explanation in a <details>, so the quiz reads (and the answers can be checked) without
// JavaScript; the <loss-quiz> element adds scoring, retry and saved answers.
import { labelFallback } from './accessible-text.js';

export function renderQuiz(quiz, md) {
  if (quiz.version !== 1 || !Array.isArray(quiz.questions)) throw new Error('quiz.json: expected { version: 1, questions: [...] }');
  const ids = new Set();
  const questions = quiz.questions.map((q, n) => {
    if (!q.id || ids.has(q.id)) throw new Error(`quiz.json: question ${n + 1} needs a unique id`);
    ids.add(q.id);
    if (!Array.isArray(q.choices) || !(q.answer >= 0 && q.answer < q.choices.length)) {
      throw new Error(`quiz.json: question ${q.id} has no valid answer index`);
    }
    const name = `quiz-${q.id}`;
    const choices = q.choices.map((c, i) => {
      const label = md.renderInline(String(c));
      return `
      <li class="quiz-choice"><input type="radio" name="${name}" id="${name}-${i}" value="${i}"${labelFallback(label)}>
        <label for="${name}-${i}">${label}</label></li>`;
    }).join('');
    return `<li class="quiz-question" data-id="${q.id}" data-answer="${q.answer}" data-part="${q.part ?? ''}">
    <fieldset>
      <legend>Question ${n + 1} of ${quiz.questions.length}</legend>
      <div class="quiz-prompt">${md.render(String(q.question))}</div>
      <ul class="quiz-choices" role="list">${choices}
      </ul>
      <p class="quiz-feedback" role="status"></p>
      <details class="quiz-explanation"><summary>Answer and explanation</summary>
        <p><strong>Answer:</strong> ${md.renderInline(String(q.choices[q.answer]))}</p>${md.render(String(q.explanation))}</details>
    </fieldset>
  </li>`;
  }).join('\n');
  return `<ol class="quiz-questions" data-version="${quiz.version}">\n${questions}\n</ol>`;
}
