// <ll-practice type="mse">: a practice block that never runs out. A problem is drawn from a seed (in the URL as
// ?practice.<type>=<seed>, so a teacher can hand out the same one), its inputs are shown in a table named by the
// problem, and the typed answer is checked against the core to 3 significant figures. A wrong answer that matches a
// common mistake (computed with the core too) gets that mistake's feedback. "Hint", "Show solution" (worked step by
// step, numbers from the core) and "New problem" (the next seed). Each check is reported as an 'll-objective' event.
import { h } from '../widgets/shared/dom.js';
import { createWidgetFrame } from '../widgets/shared/frame.js';
import { PROBLEM_TYPES, TITLES, generate, matches, sig } from './problems.js';
import './practice.css';

const MAX_SEED = 99999;

export function seedParam(type) {
  return `practice.${type}`;
}

function readSeed(type, element) {
  const raw = new URLSearchParams(globalThis.location?.search ?? '').get(seedParam(type)) ?? element.getAttribute('seed');
  const seed = Number(raw);
  return Number.isInteger(seed) && seed >= 1 && seed <= MAX_SEED ? seed : 1;
}

function writeSeed(type, seed) {
  if (!globalThis.history?.replaceState) return;
  const url = new URL(globalThis.location.href);
  url.searchParams.set(seedParam(type), String(seed));
  globalThis.history.replaceState(globalThis.history.state, '', url);
}

/** Parses what a student types: "0.25", "-1.5", ".5", "2e-3", "1,5" (decimal comma), with spaces around. */
export function parseAnswer(text) {
  const cleaned = String(text).trim().replace(/\u2212/g, '-').replace(/^(-?\d*),(\d+)$/, '$1.$2');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return NaN;
  return Number(cleaned);
}

export class LossLabPractice extends HTMLElement {
  connectedCallback() {
    if (this.body) return;
    this.type = this.getAttribute('type');
    if (!PROBLEM_TYPES[this.type]) {
      console.warn(`ll-practice: unknown type "${this.type}"`);
      return;
    }
    this.instanceId = Math.random().toString(36).slice(2, 8);
    this.objective = this.getAttribute('objective') || this.closest('[data-part]')?.dataset.part || this.type;
    this.body = createWidgetFrame(this, `Practice: ${TITLES[this.type]}`);
    this.classList.add('ll-practice');
    this.setAttribute('aria-busy', 'true');
    // The core (and its wasm) is imported only when a block or widget first comes near, not with the page.
    const start = () => import('../widgets/shared/core.js').then(({ corePromise }) => corePromise).then((core) => {
      this.core = core;
      this.removeAttribute('aria-busy');
      this.show(readSeed(this.type, this));
    }, (error) => {
      this.body.replaceChildren(h('p', { class: 'll-failure', role: 'alert' }, `This practice block could not run: ${error.message}`));
    });
    // Built when it comes within a screen of the viewport, like the widgets.
    if ('IntersectionObserver' in globalThis) {
      const observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        start();
      }, { rootMargin: '100% 0px' });
      observer.observe(this);
    } else start();
  }

  show(seed) {
    this.problem = generate(this.type, seed, this.core);
    this.checked = false;
    const p = this.problem;
    this.querySelector('.ll-widget-title').textContent = `Practice: ${p.title}`;
    const id = (name) => `practice-${this.type}-${this.instanceId}-${name}`;

    const head = h('tr', {}, ...p.columns.map((c) => h('th', { scope: 'col' }, c)));
    const rows = p.rows.map((row) => h('tr', {}, ...row.map((c, i) => {
      const cell = h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, c.text);
      if (typeof c.value === 'number') cell.dataset.value = String(c.value);
      return cell;
    })));
    const table = h('table', { class: 'practice-inputs' },
      h('caption', {}, `Inputs: ${p.name}, problem ${seed}`), h('thead', {}, head), h('tbody', {}, ...rows));

    this.input = h('input', { id: id('answer'), type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.check();
      }
    });
    this.feedback = h('p', { class: 'practice-feedback', role: 'status', id: id('feedback') });
    this.hint = h('p', { class: 'practice-hint', id: id('hint'), hidden: '' });
    this.solution = h('div', { class: 'practice-solution', id: id('solution'), hidden: '' });
    const hintButton = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': id('hint') }, 'Hint');
    hintButton.addEventListener('click', () => this.toggleHint(hintButton));
    const solutionButton = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': id('solution') }, 'Show solution');
    solutionButton.addEventListener('click', () => this.toggleSolution(solutionButton));
    const next = h('button', { type: 'button', class: 'practice-new' }, 'New problem');
    next.addEventListener('click', () => {
      const seedNext = (this.problem.seed % MAX_SEED) + 1;
      writeSeed(this.type, seedNext);
      this.show(seedNext);
      this.input.focus();
    });
    const tolerance = p.decimals !== undefined ? `${p.decimals} decimal places` : '3 significant figures';
    this.body.replaceChildren(
      h('p', { class: 'practice-question' }, p.question),
      h('div', { class: 'table-scroll practice-table', tabindex: '0', role: 'group', 'aria-label': 'Inputs table, scrolls sideways' }, table),
      h('div', { class: 'practice-answer' },
        h('label', { for: id('answer') }, 'Your answer'), this.input,
        h('button', { type: 'button', class: 'practice-check', onclick: () => this.check() }, 'Check'),
        h('span', { class: 'practice-tolerance' }, `checked to ${tolerance}`)),
      this.feedback,
      h('div', { class: 'practice-buttons' }, hintButton, solutionButton, next),
      this.hint,
      this.solution,
    );
    this.dataset.seed = String(seed);
    this.dispatchEvent(new CustomEvent('ll-rendered'));
  }

  check() {
    const p = this.problem;
    const typed = parseAnswer(this.input.value);
    delete this.dataset.result;
    if (!Number.isFinite(typed)) {
      this.feedback.textContent = 'Type a number, for example 0.25 or -1.5.';
      return;
    }
    const correct = matches(typed, p.answer, p.decimals);
    const mistake = correct ? null : p.mistakes.find((m) => matches(typed, m.value, p.decimals));
    this.dataset.result = correct ? 'correct' : 'incorrect';
    this.feedback.dataset.mistake = mistake?.id ?? '';
    if (correct) this.feedback.textContent = `Correct: the answer is ${sig(p.answer)}.`;
    else if (mistake) this.feedback.textContent = `Not quite. ${mistake.feedback}`;
    else this.feedback.textContent = 'Not quite. Check each step, or open the hint.';
    // The first check of a problem counts toward mastery (a second try after seeing the feedback is practice).
    if (!this.checked || correct) {
      this.dispatchEvent(new CustomEvent('ll-objective', { bubbles: true, detail: { objective: this.objective, correct, source: 'practice', item: `${this.type}:${p.seed}` } }));
    }
    this.checked = true;
  }

  toggleHint(button) {
    const open = this.hint.hidden;
    if (open && !this.hint.textContent) this.hint.textContent = `Hint: ${this.problem.hint}`;
    this.hint.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  }

  toggleSolution(button) {
    const open = this.solution.hidden;
    if (open && !this.solution.firstChild) {
      // Written only on request, so the answer is not in the page before the student asks.
      const p = this.problem;
      const final = p.decimals !== undefined ? p.answer.toFixed(p.decimals) : sig(p.answer);
      this.solution.append(
        h('h4', {}, 'Worked solution'),
        h('ol', {}, ...p.steps.map((s) => h('li', {}, s))),
        h('p', { class: 'practice-final', 'data-value': String(p.answer) }, `Answer: ${final}`),
      );
    }
    this.solution.hidden = !open;
    button.textContent = open ? 'Hide solution' : 'Show solution';
    button.setAttribute('aria-expanded', String(open));
  }
}

if (!customElements.get('ll-practice')) customElements.define('ll-practice', LossLabPractice);
