// <loss-quiz>: "Loss Functions Quiz". The questions are built into the page (web/build/quiz.js) and read
// without JavaScript; this element enhances that markup in place: a Check button per question (or Enter on a
// choice) shows the verdict, opens the explanation and locks the question, a Score readout counts the correct
// answers, Retry clears them, "Show only missed" filters, and the answers survive a reload (storage.js).
// It needs no numbers from the core, so it extends HTMLElement (LossLabWidget would load the wasm and replace
// the children); it keeps the widgets' accessible-name pattern: role=region labelled by a heading with the title.
import { button, checkbox, readout } from '../shared/controls.js';
import { createWidgetFrame } from '../shared/frame.js';
import { addCheckButton, chosenIndex, clearResult, readQuestions, showResult } from './questions.js';
import './quiz.css';
import { loadAnswers, openStorage, quizSignature, saveAnswers } from './storage.js';

const SECTION_QUIZ_URL = 'index.html#quiz'; // where the section page (beside embed.html) keeps the quiz

export class LossQuiz extends HTMLElement {
  static title = 'Loss Functions Quiz';

  constructor() {
    super();
    this.instanceId = Math.random().toString(36).slice(2, 8);
    this.frame = 0;
  }

  connectedCallback() {
    if (this.body) return; // moved within the page: keep what was built
    if (!this.findList() && document.readyState === 'loading') {
      // Defined before the parser reached the questions: enhance once they are there.
      document.addEventListener('DOMContentLoaded', () => this.isConnected && this.connectedCallback(), { once: true });
      return;
    }
    const list = this.findList();
    // Only the built list moves into the body (so the questions keep their nodes, ids and any selection).
    this.body = createWidgetFrame(this, this.constructor.title);
    if (list) this.build(this.body, list);
    else this.buildPointer(this.body);
  }

  /** The built question list: inside this element, or just after the paragraph holding it. Markdown wraps the
   *  <loss-quiz> tag in a <p>, and the HTML parser closes that <p> at <ol>, which moves the list (not the element)
   *  out to follow the paragraph. */
  findList() {
    const inside = this.querySelector('ol.quiz-questions');
    if (inside) return inside;
    const holder = this.parentElement;
    const next = holder?.localName === 'p' && holder.childElementCount === 1 ? holder.nextElementSibling : null;
    return next?.matches('ol.quiz-questions') ? next : null;
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Empty element (the embed page): the questions live in the section, so point there instead of fetching. */
  buildPointer(body) {
    this.classList.add('quiz-empty');
    const message = document.createElement('p');
    const link = document.createElement('a');
    link.href = SECTION_QUIZ_URL;
    link.target = '_top'; // out of an embedding iframe
    link.textContent = 'the quiz in the Loss Functions section';
    message.append('This quiz’s questions are part of the section page. Answer them in ', link, '.');
    body.append(message);
  }

  build(body, list) {
    this.questions = readQuestions(list);
    this.quiz = { version: list.dataset.version ?? '1', signature: quizSignature(this.questions), questions: this.questions };
    this.storage = openStorage();

    this.score = readout(this, { name: 'score', label: 'Score' });
    this.retry = button('Retry', () => this.retryAll());
    this.missedOnly = checkbox(this, { name: 'missed', label: 'Show only missed', checked: false });
    this.missedOnly.onChange(() => this.update());
    const toolbar = document.createElement('div');
    toolbar.className = 'quiz-toolbar';
    toolbar.append(this.score.element, this.missedOnly.element, this.retry);
    this.filterNote = document.createElement('p');
    this.filterNote.className = 'll-note';
    this.filterNote.hidden = true;
    this.filterNote.textContent = 'No missed questions to show.';
    this.doneNote = document.createElement('p');
    this.doneNote.className = 'quiz-done';
    this.doneNote.hidden = true;
    body.append(toolbar, this.filterNote, list, this.doneNote);

    for (const question of this.questions) addCheckButton(question, (q) => this.check(q));
    list.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || !event.target.matches('input[type=radio]')) return;
      const question = this.questions.find((q) => q.radios.includes(event.target));
      if (!question) return;
      event.preventDefault(); // Enter on a choice checks it, as in the section's quick checks
      this.check(question);
    });
    list.addEventListener('change', (event) => {
      const question = this.questions.find((q) => q.radios.includes(event.target));
      if (question && !question.item.dataset.result) question.feedback.textContent = '';
    });

    const { answers, valid } = loadAnswers(this.storage, this.quiz);
    this.answers = answers;
    for (const question of this.questions) {
      if (answers.has(question.id)) showResult(question, answers.get(question.id));
    }
    if (!valid) saveAnswers(this.storage, this.quiz, this.answers); // replace what could not be used
    this.update();
  }

  check(question) {
    if (question.item.dataset.result) return; // locked until Retry
    const choice = chosenIndex(question);
    if (choice === null) {
      question.feedback.textContent = 'Choose an answer first.';
      return;
    }
    this.answers.set(question.id, choice);
    showResult(question, choice);
    // The radios are now disabled, so focus moves to the explanation that just opened instead of being lost.
    question.explanation.querySelector('summary')?.focus();
    saveAnswers(this.storage, this.quiz, this.answers);
    this.update();
  }

  retryAll() {
    this.answers.clear();
    for (const question of this.questions) clearResult(question);
    this.missedOnly.set(false);
    saveAnswers(this.storage, this.quiz, this.answers);
    this.update();
  }

  /** Score, filter and the closing note from the current answers; then 'll-rendered' at the next frame. */
  update() {
    const total = this.questions.length;
    const correct = this.questions.filter((q) => this.answers.get(q.id) === q.answer).length;
    const answered = this.questions.filter((q) => this.answers.has(q.id)).length;
    this.score.set(`${correct} of ${total}`, correct);
    this.score.output.dataset.answered = String(answered);
    const missedOnly = this.missedOnly.input.checked;
    let shown = 0;
    for (const question of this.questions) {
      question.item.hidden = missedOnly && question.item.dataset.result !== 'incorrect';
      if (!question.item.hidden) shown += 1;
    }
    this.filterNote.hidden = !(missedOnly && shown === 0);
    this.doneNote.hidden = answered < total || total === 0;
    this.doneNote.textContent = `All ${total} questions answered: ${correct} correct. Retry clears the answers.`;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.dispatchEvent(new CustomEvent('ll-rendered'));
    });
  }
}

customElements.define('loss-quiz', LossQuiz);
