// Stand-ins for the shared figure system (COORDINATION.md contract names) until main's "Figure system" commit is
// merged: the same names and signatures, so switching is a change of import path.
import { readout } from '../shared/controls.js';

/** h(tag, props, ...children): props with on* functions become listeners, class -> className, others attributes. */
export function h(tag, props = {}, ...children) {
  const svg = ['svg', 'g', 'path', 'circle', 'line', 'text', 'title', 'rect', 'desc', 'clipPath'].includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

const FALLBACK = { mse: '#c2410c', ce: '#1d4ed8', path: '#ffffff' };
/** The computed '#rrggbb' of a concept colour (--ll-<concept>), for canvas and three.js. */
export function resolveColor(element, concept) {
  const value = getComputedStyle(element).getPropertyValue(`--ll-${concept}`).trim();
  return value || FALLBACK[concept] || '#888888';
}

export function caption() {
  const element = h('p', { class: 'll-caption' });
  return { element, set(text) { if (element.textContent !== text) element.textContent = text; } };
}

export function numbers(owner) {
  const body = h('div', { class: 'll-numbers-body' });
  const element = h('details', { class: 'll-numbers' }, h('summary', {}, 'Numbers'), body);
  const cards = new Map();
  return {
    element,
    set(rows) {
      for (const [i, row] of rows.entries()) {
        let card = cards.get(row.label);
        if (!card) {
          card = readout(owner, { name: `number-${i}`, label: row.label });
          cards.set(row.label, card);
          body.append(card.element);
        }
        const v = row.value;
        if (typeof v === 'number') card.set(Number.isFinite(v) ? String(Number(v.toPrecision(row.digits ?? 6))) : String(v), v);
        else card.set(String(v));
      }
    },
  };
}

export function howItWorks(owner, content) {
  const body = h('div', { class: 'll-how-body' });
  if (typeof content === 'string') body.innerHTML = content;
  else body.append(...[content].flat());
  return { element: h('details', { class: 'll-how' }, h('summary', {}, 'How this works'), body) };
}

export function createPrediction(owner, { objective, question, choices }) {
  const name = `${owner.localName}-${owner.instanceId}-predict`;
  let committed = false;
  let value = null;
  const result = h('p', { class: 'll-predict-result', 'aria-live': 'polite' });
  const commit = h('button', { type: 'button', disabled: true }, 'Commit prediction');
  const inputs = choices.map((c) => {
    const input = h('input', { type: 'radio', name, value: c.value, id: `${name}-${c.value}` });
    input.addEventListener('change', () => { value = c.value; commit.disabled = committed; });
    return h('div', { class: 'll-predict-choice' }, input, h('label', { for: `${name}-${c.value}` }, c.text));
  });
  commit.addEventListener('click', () => {
    if (value === null) return;
    committed = true;
    commit.disabled = true;
    for (const c of inputs) c.querySelector('input').disabled = true;
    result.textContent = 'Prediction committed. Run the experiment to see.';
  });
  const element = h('fieldset', { class: 'll-predict' }, h('legend', {}, question), ...inputs, commit, result);
  return {
    element,
    get value() { return value; },
    get committed() { return committed; },
    reveal(actual, text) {
      if (!committed) return;
      const correct = actual === value;
      result.textContent = `${correct ? 'Right' : 'Not quite'}: ${text}`;
      owner.dispatchEvent(new CustomEvent('ll-objective', { bubbles: true, detail: { objective, correct, source: owner.localName } }));
    },
    reset() {
      committed = false;
      value = null;
      commit.disabled = true;
      for (const c of inputs) Object.assign(c.querySelector('input'), { disabled: false, checked: false });
      result.textContent = '';
    },
  };
}
