// <loss-quiz>: "Loss Functions Quiz". The question bank (web/content/quiz.json, compiled at build time into the
// module 'virtual:losslab/quiz-bank') is imported when the quiz starts; no answer or explanation is in the page
// until the student checks an answer. Options are shuffled with a seed; a wrong first answer gets feedback on that
// choice, a hint and one more try; after the final answer the explanation speaks to the chosen option and links to
// the widget preset that shows the idea. A part filter, a score, and a summary per objective (part).
//
// Teacher settings (attributes, or URL parameters of the page): questions=<id,id,...> (a subset, in that order),
// shuffle=1 (question order shuffled too), seed=<n> (the shuffles' seed, default 1), part=<part id> (initial filter).
// Events (bubbling): 'll-objective' { objective, correct, source: 'quiz' } on each first answer; 'll-xapi' with an
// xAPI-shaped statement: verb 'answered' after each final answer, 'completed' when every question is answered.
// getProgress() / setProgress(obj) read and restore the answers (the SCORM wrapper keeps them in suspend_data).
// The quiz builds when it comes near the viewport; `ready` resolves once it is built, and load() builds it now.
import { h } from '../shared/dom.js';
import { createWidgetFrame } from '../shared/frame.js';
import { whenNear } from '../shared/near.js';
import { openStore } from '../../progress/store.js';
import { hashString, shuffled } from './shuffle.js';
import './quiz.css';

export const PROGRESS_VERSION = 2;
export const STORAGE_KEY = 'losslab.quiz.v2';
export const PASSING_SCALED = 0.7;
export const XAPI = {
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  objective: 'https://losslab.dev/xapi/objective',
  objectives: 'https://losslab.dev/xapi/objectives',
  attempts: 'https://losslab.dev/xapi/attempts',
  activity: 'https://losslab.dev/activities/loss-quiz',
};
const loadBank = () => import('virtual:losslab/quiz-bank').then((m) => m.default);

/** An element holding build-time HTML from the quiz bank (rendered Markdown and MathML). */
function html(tag, markup, attributes = {}) {
  const node = h(tag, attributes);
  node.innerHTML = markup;
  return node;
}

/** Teacher settings from the element's attributes, overridden by the page's URL parameters. */
export function readSettings(element, search = globalThis.location?.search ?? '') {
  const params = new URLSearchParams(search);
  const get = (name) => params.get(`loss-quiz.${name}`) ?? params.get(name) ?? element.getAttribute(name);
  const seed = Number(get('seed'));
  const ids = (get('questions') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    ids,
    shuffle: ['1', 'true', ''].includes(get('shuffle') ?? 'no'),
    seed: Number.isInteger(seed) && seed > 0 ? seed : 1,
    part: get('part') ?? '',
  };
}

export class LossQuiz extends HTMLElement {
  constructor() {
    super();
    this.instanceId = Math.random().toString(36).slice(2, 8);
    this.frame = 0;
    this.answers = new Map(); // id -> { attempts: [original choice index, ...] }
  }

  connectedCallback() {
    if (this.body) return; // moved within the page: keep what was built
    this.body = createWidgetFrame(this);
    this.setAttribute('aria-busy', 'true');
    // Built when near the viewport (32 questions are ~1,400 elements), or at once when load() is called.
    let near;
    this.ready = new Promise((resolve) => { near = resolve; }).then(loadBank).then((bank) => {
      this.removeAttribute('aria-busy');
      this.build(bank);
    }, (error) => {
      this.removeAttribute('aria-busy');
      this.body.replaceChildren(h('p', { class: 'll-failure', role: 'alert' }, `The quiz could not load: ${error.message}`));
    });
    this.startNow = whenNear(this, near);
  }

  /** Builds the quiz now if it is not built yet (progress export and import need its answers); resolves when built. */
  load() {
    this.startNow?.();
    return this.ready;
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  build(bank) {
    const settings = readSettings(this);
    this.settings = settings;
    this.partTitles = bank.parts ?? {};
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const unknown = settings.ids.filter((id) => !byId.has(id));
    if (unknown.length) console.warn(`loss-quiz: unknown question ids ignored: ${unknown.join(', ')}`);
    let questions = settings.ids.length ? settings.ids.filter((id) => byId.has(id)).map((id) => byId.get(id)) : bank.questions;
    if (!questions.length) questions = bank.questions;
    if (settings.shuffle) questions = shuffled(questions, hashString(`${settings.seed}/questions`));
    this.bank = questions;
    this.signature = hashString(questions.map((q) => `${q.id}/${q.answer}/${q.choices.length}`).join('|')).toString(16).padStart(8, '0');

    this.store = openStore(STORAGE_KEY, {
      version: PROGRESS_VERSION,
      empty: () => ({ signature: this.signature, answers: {} }),
      validate: (record) => (record.signature === this.signature && record.answers && typeof record.answers === 'object'
        && !Array.isArray(record.answers) ? { signature: this.signature, answers: record.answers } : null),
      near: this.body,
    });

    const parts = [...new Set(questions.map((q) => q.part))];
    this.partSelect = h('select', { id: `loss-quiz-${this.instanceId}-part` },
      h('option', { value: '' }, `All parts (${questions.length} questions)`),
      ...parts.map((p) => h('option', { value: p }, `${this.partTitles[p] ?? p} (${questions.filter((q) => q.part === p).length})`)));
    // A short set at a time: the first part's questions unless the teacher's settings say otherwise.
    if (parts.includes(settings.part)) this.partSelect.value = settings.part;
    else if (settings.part !== 'all' && questions.length > 8) this.partSelect.value = parts[0];
    this.partSelect.addEventListener('change', () => this.update());
    this.parts = parts;
    this.nextPart = h('button', { type: 'button', class: 'quiz-next-part', hidden: '' });
    this.nextPart.addEventListener('click', () => {
      const next = this.parts[this.parts.indexOf(this.partSelect.value) + 1];
      if (!next) return;
      this.partSelect.value = next;
      this.update();
      this.list.querySelector('li.quiz-question:not([hidden]) input[type=radio]')?.focus();
    });
    this.missed = h('input', { type: 'checkbox', id: `loss-quiz-${this.instanceId}-missed` });
    this.missed.addEventListener('change', () => this.update());
    this.scoreOutput = h('output', { id: `loss-quiz-${this.instanceId}-score`, 'aria-live': 'polite' });
    const startOver = h('button', { type: 'button', class: 'quiz-start-over' }, 'Start over');
    startOver.addEventListener('click', () => this.startOver());
    const toolbar = h('div', { class: 'quiz-toolbar' },
      h('div', { class: 'quiz-field' }, h('label', { for: this.partSelect.id }, 'Part'), this.partSelect),
      h('div', { class: 'quiz-field' }, h('label', { for: this.scoreOutput.id }, 'Score'), this.scoreOutput),
      h('div', { class: 'quiz-field quiz-missed' }, this.missed, h('label', { for: this.missed.id }, 'Show only missed')),
      startOver);
    this.filterNote = h('p', { class: 'll-note', hidden: '' }, 'No missed questions to show.');
    this.list = h('ol', { class: 'quiz-questions' });
    this.items = questions.map((q, n) => this.buildQuestion(q, n, questions.length));
    this.list.append(...this.items.map((item) => item.li));
    this.summary = h('section', { class: 'quiz-summary', 'aria-labelledby': `loss-quiz-${this.instanceId}-summary`, hidden: '' });
    this.doneNote = h('p', { class: 'quiz-done', hidden: '' });
    this.body.replaceChildren(toolbar, this.filterNote, this.list, h('p', { class: 'quiz-next' }, this.nextPart), this.doneNote, this.summary);

    this.list.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || !event.target.matches('input[type=radio]')) return;
      const item = this.items.find((i) => i.radios.includes(event.target));
      if (!item) return;
      event.preventDefault(); // Enter on a choice checks it, as in the section's quick checks
      this.check(item);
    });

    const { data, valid } = this.store.read();
    this.restore(data.answers);
    if (!valid) this.save();
    this.update();
  }

  buildQuestion(q, n, total) {
    const name = `quiz-${this.instanceId}-${q.id}`;
    const order = shuffled(q.choices.map((_, i) => i), hashString(`${this.settings.seed}/${q.id}`));
    const radios = [];
    const choiceItems = order.map((original, position) => {
      const radio = h('input', { type: 'radio', name, id: `${name}-${position}`, value: String(original) });
      radios.push(radio);
      const label = html('label', q.choices[original], { for: radio.id });
      if (q.names?.[original]) radio.setAttribute('aria-label', q.names[original]);
      return h('li', { class: 'quiz-choice' }, radio, label);
    });
    const check = h('button', { type: 'button', class: 'quiz-check' }, 'Check');
    const feedback = h('div', { class: 'quiz-feedback', role: 'status' });
    const explanation = h('div', { class: 'quiz-explanation' });
    const fieldset = h('fieldset', {}, h('legend', {}, `Question ${n + 1} of ${total}`),
      html('div', q.prompt, { class: 'quiz-prompt' }),
      h('ul', { class: 'quiz-choices', role: 'list' }, ...choiceItems),
      h('p', { class: 'quiz-actions' }, check), feedback, explanation);
    const li = h('li', { class: 'quiz-question', 'data-id': q.id, 'data-part': q.part }, fieldset);
    const item = { q, li, radios, order, check, feedback, explanation };
    check.addEventListener('click', () => this.check(item));
    return item;
  }

  chosen(item) {
    const radio = item.radios.find((r) => r.checked);
    return radio ? Number(radio.value) : null;
  }

  check(item) {
    const { q } = item;
    const state = this.answers.get(q.id) ?? { attempts: [] };
    if (this.isDone(q, state)) return;
    const choice = this.chosen(item);
    if (choice === null) {
      item.feedback.textContent = 'Choose an answer first.';
      return;
    }
    if (state.attempts.includes(choice)) {
      item.feedback.replaceChildren('You tried that one already; choose another answer.');
      return;
    }
    state.attempts.push(choice);
    this.answers.set(q.id, state);
    if (state.attempts.length === 1) {
      this.dispatchEvent(new CustomEvent('ll-objective', { bubbles: true, detail: { objective: q.part, correct: choice === q.answer, source: 'quiz', item: q.id } }));
    }
    this.show(item, state);
    this.save();
    if (this.isDone(q, state)) {
      this.emitAnswered(q, state);
      item.explanation.querySelector('a, [tabindex]')?.focus?.();
      if (this.bank.every((b) => this.isDone(b, this.answers.get(b.id)))) this.emitCompleted();
    } else {
      item.radios.find((r) => !r.disabled)?.focus();
    }
    this.update();
  }

  isDone(q, state) {
    return Boolean(state) && (state.attempts.includes(q.answer) || state.attempts.length >= 2);
  }

  isCorrect(q, state) {
    return Boolean(state) && state.attempts.at(-1) === q.answer;
  }

  /** Draws a question's state: nothing, a first wrong try (feedback + hint, one more try), or the final answer. */
  show(item, state) {
    const { q } = item;
    const attempts = state?.attempts ?? [];
    const done = this.isDone(q, state);
    const correct = this.isCorrect(q, state);
    for (const radio of item.radios) {
      const original = Number(radio.value);
      radio.checked = done ? original === attempts.at(-1) : false;
      radio.disabled = done || attempts.includes(original);
      const li = radio.closest('li');
      li.querySelector('.quiz-tag')?.remove();
      li.classList.toggle('is-chosen', attempts.includes(original));
      if (!attempts.length) continue;
      if (original === q.answer && done) li.append(h('span', { class: 'quiz-tag quiz-tag-correct' }, attempts.at(-1) === original ? 'Your answer: correct' : 'Correct answer'));
      else if (attempts.includes(original)) li.append(h('span', { class: 'quiz-tag quiz-tag-wrong' }, attempts.length > 1 && original === attempts[0] ? 'First try' : 'Your answer'));
    }
    if (!attempts.length) {
      delete item.li.dataset.result;
      item.feedback.replaceChildren();
      item.explanation.replaceChildren();
      item.check.hidden = false;
      item.check.textContent = 'Check';
      return;
    }
    item.check.hidden = done;
    if (!done) {
      item.li.dataset.result = 'retry';
      item.check.textContent = 'Check again';
      item.feedback.replaceChildren(h('strong', {}, 'Not quite.'), ' ', html('span', q.why[attempts[0]]),
        h('span', { class: 'quiz-hint' }, ' ', h('strong', {}, 'Hint:'), ' ', html('span', q.hint)), ' You have one more try.');
      item.explanation.replaceChildren();
      return;
    }
    item.li.dataset.result = correct ? 'correct' : 'incorrect';
    const last = attempts.at(-1);
    item.feedback.replaceChildren(h('strong', {}, correct ? (attempts.length > 1 ? 'Correct on the second try.' : 'Correct.') : 'Not quite.'),
      ...(correct ? [] : [' The answer is: ', html('span', q.choices[q.answer])]));
    const parts = [h('p', { class: 'quiz-why' }, h('strong', {}, 'Your answer: '), html('span', q.why[last]))];
    if (!correct) parts.push(h('p', { class: 'quiz-why' }, h('strong', {}, 'The answer: '), html('span', q.why[q.answer])));
    parts.push(html('div', q.explanation, { class: 'quiz-general' }));
    if (q.preset) {
      const onSection = Boolean(document.querySelector('section.part'));
      const link = h('a', { href: onSection ? q.preset.href : `index.html${q.preset.href}`, class: 'quiz-preset' }, `See it in the ${q.preset.label} widget`);
      if (!onSection) link.target = '_blank';
      parts.push(h('p', {}, link));
    }
    item.explanation.replaceChildren(h('p', { class: 'quiz-explanation-title' }, h('strong', {}, 'Explanation')), ...parts);
  }

  restore(answers) {
    this.answers.clear();
    for (const item of this.items) {
      const saved = answers?.[item.q.id];
      const attempts = Array.isArray(saved?.attempts) ? saved.attempts : null;
      const fits = attempts && attempts.length >= 1 && attempts.length <= 2 && new Set(attempts).size === attempts.length
        && attempts.every((a) => Number.isInteger(a) && a >= 0 && a < item.q.choices.length)
        && !(attempts.length === 2 && attempts[0] === item.q.answer);
      if (fits) this.answers.set(item.q.id, { attempts: [...attempts] });
      this.show(item, this.answers.get(item.q.id));
    }
  }

  save() {
    this.store.write({ signature: this.signature, answers: this.getProgress().answers });
  }

  startOver() {
    this.answers.clear();
    for (const item of this.items) this.show(item, null);
    this.missed.checked = false;
    this.completedSent = false;
    this.save();
    this.update();
  }

  /** JSON-serialisable answers: { version, signature, seed, answers: { id: { attempts: [choice index, ...] } } }. */
  getProgress() {
    return {
      version: PROGRESS_VERSION,
      signature: this.signature,
      seed: this.settings?.seed ?? 1,
      answers: Object.fromEntries([...this.answers].map(([id, s]) => [id, { attempts: [...s.attempts] }])),
    };
  }

  /** Restores answers from getProgress() output; entries that do not fit the questions are ignored. */
  setProgress(progress) {
    if (!this.items) {
      this.ready?.then(() => this.setProgress(progress));
      return;
    }
    const answers = progress && typeof progress === 'object' && progress.answers && typeof progress.answers === 'object' ? progress.answers : {};
    this.restore(answers);
    this.save();
    this.update();
  }

  score() {
    const done = this.bank.filter((q) => this.isDone(q, this.answers.get(q.id)));
    return { raw: done.filter((q) => this.isCorrect(q, this.answers.get(q.id))).length, answered: done.length, max: this.bank.length };
  }

  statement(verb, object, result, objective, extra = {}) {
    return {
      verb: { id: XAPI[verb], display: { 'en-US': verb } },
      object: { objectType: 'Activity', ...object },
      result,
      context: { contextActivities: { parent: [{ id: XAPI.activity }] }, extensions: { [XAPI.objective]: objective, ...extra } },
      timestamp: new Date().toISOString(),
    };
  }

  emitAnswered(q, state) {
    const success = this.isCorrect(q, state);
    const raw = success ? 1 : 0;
    const detail = this.statement('answered', {
      id: `${XAPI.activity}/${q.id}`,
      definition: { type: XAPI.interaction, interactionType: 'choice', name: { 'en-US': `Loss Functions Quiz: ${q.id}` },
        correctResponsesPattern: [String(q.answer)] },
    }, {
      success, response: String(state.attempts.at(-1)), score: { raw, min: 0, max: 1, scaled: raw },
      extensions: { [XAPI.attempts]: state.attempts.length },
    }, q.part);
    this.dispatchEvent(new CustomEvent('ll-xapi', { bubbles: true, composed: true, detail }));
  }

  emitCompleted() {
    if (this.completedSent) return;
    this.completedSent = true;
    const { raw, max } = this.score();
    const scaled = max ? raw / max : 0;
    const detail = this.statement('completed', {
      id: XAPI.activity,
      definition: { type: XAPI.assessment, name: { 'en-US': 'Loss Functions Quiz' } },
    }, { success: scaled >= PASSING_SCALED, completion: true, score: { raw, min: 0, max, scaled } },
    [...new Set(this.bank.map((q) => q.part))].join(','), { [XAPI.objectives]: this.byPart() });
    this.dispatchEvent(new CustomEvent('ll-xapi', { bubbles: true, composed: true, detail }));
  }

  byPart() {
    const out = {};
    for (const q of this.bank) {
      const s = this.answers.get(q.id);
      const row = out[q.part] ??= { raw: 0, answered: 0, max: 0 };
      row.max += 1;
      if (this.isDone(q, s)) row.answered += 1;
      if (this.isDone(q, s) && this.isCorrect(q, s)) row.raw += 1;
    }
    return out;
  }

  /** Score, filter, summary per objective and the closing note; then 'll-rendered' at the next frame. */
  update() {
    const { raw, answered, max } = this.score();
    this.scoreOutput.textContent = `${raw} of ${max}`;
    this.scoreOutput.dataset.value = String(raw);
    this.scoreOutput.dataset.answered = String(answered);
    const part = this.partSelect.value;
    const missedOnly = this.missed.checked;
    let shown = 0;
    for (const item of this.items) {
      const state = this.answers.get(item.q.id);
      const wrong = this.isDone(item.q, state) && !this.isCorrect(item.q, state);
      item.li.hidden = (part && item.q.part !== part) || (missedOnly && !wrong);
      if (!item.li.hidden) shown += 1;
    }
    this.filterNote.hidden = !(missedOnly && shown === 0);
    const next = part ? this.parts[this.parts.indexOf(part) + 1] : undefined;
    this.nextPart.hidden = !next;
    if (next) this.nextPart.textContent = `Next part: ${this.partTitles[next] ?? next}`;
    this.doneNote.hidden = answered < max || max === 0;
    this.doneNote.textContent = `All ${max} questions answered: ${raw} correct. “Start over” clears the answers.`;
    const rows = Object.entries(this.byPart()).filter(([, r]) => r.answered > 0);
    this.summary.hidden = rows.length === 0;
    if (rows.length) {
      const id = `loss-quiz-${this.instanceId}-summary`;
      const level = this.getAttribute('heading-level') === '2' ? 3 : 4; // one below the quiz's own heading
      this.summary.replaceChildren(h(`h${level}`, { id }, 'Summary by objective'),
        h('div', { class: 'table-scroll', tabindex: '0', role: 'group', 'aria-label': 'Summary table, scrolls sideways' },
          h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Objective (part)'), h('th', { scope: 'col' }, 'Correct'),
            h('th', { scope: 'col' }, 'Answered'), h('th', { scope: 'col' }, 'Questions'))),
          h('tbody', {}, ...rows.map(([p, r]) => h('tr', { 'data-part': p }, h('th', { scope: 'row' }, this.partTitles[p] ?? p),
            h('td', {}, String(r.raw)), h('td', {}, String(r.answered)), h('td', {}, String(r.max))))))));
    }
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.dispatchEvent(new CustomEvent('ll-rendered'));
    });
  }
}

if (!customElements.get('loss-quiz')) customElements.define('loss-quiz', LossQuiz);
