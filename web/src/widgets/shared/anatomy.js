// The parts of a widget around its figures (DESIGN.md "Widget anatomy"): a one-sentence caption with the live
// numbers, a closed "Numbers" table with every exact value, and a closed "How this works" with the longer text.
// Teachers hide the caption and the explanation with caption=0 (they carry .ll-caption / .ll-how).
import { h } from './dom.js';
import { formatNumber } from './format.js';
import { WIDGET_TITLES } from '../titles.js';

/** The figure's caption: what to notice, with the live numbers. Announced politely when it changes. */
export function caption() {
  const element = h('p', { class: 'll-caption', 'aria-live': 'polite' });
  return {
    element,
    /** Text, or an array of strings and nodes (e.g. <strong> for the numbers). */
    set(content) {
      const parts = Array.isArray(content) ? content : [content];
      const text = parts.map((p) => (typeof p === 'string' ? p : p.textContent)).join('');
      if (element.textContent !== text) element.replaceChildren(...parts);
    },
  };
}

/**
 * A closed <details> "Numbers": one row per value, shown to `digits` significant figures (6 by default) with the
 * full-precision value in data-value. Rows with the same labels are updated in place (no DOM rebuild per frame).
 */
export function numbers(owner, { summary = 'Numbers' } = {}) {
  const body = h('tbody');
  const table = h('table', { class: 'll-numbers-table' },
    h('caption', { class: 'll-visually-hidden', text: `${WIDGET_TITLES[owner.localName] ?? owner.localName}: exact values` }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Quantity' }), h('th', { scope: 'col', text: 'Value' }))),
    body);
  const element = h('details', { class: 'll-numbers' }, h('summary', { text: summary }),
    h('div', { class: 'll-numbers-scroll', role: 'region', tabindex: '0', 'aria-label': `${summary} table` }, table));
  let labels = '';
  return {
    element,
    /** rows: [{ label, value (number or text), digits? }] */
    set(rows) {
      const key = rows.map((r) => r.label).join('\u0000');
      if (key !== labels) {
        labels = key;
        body.replaceChildren(...rows.map((r) => h('tr', {}, h('th', { scope: 'row', text: r.label }), h('td'))));
      }
      rows.forEach((row, i) => {
        const cell = body.rows[i].cells[1];
        const text = typeof row.value === 'number' ? formatNumber(row.value, row.digits ?? 6) : String(row.value);
        if (cell.textContent !== text) cell.textContent = text;
        if (typeof row.value === 'number') cell.dataset.value = String(row.value);
      });
    },
  };
}

/** A closed <details> "How this works" holding the longer explanation (HTML string from our own code, or nodes). */
export function howItWorks(content, { summary = 'How this works' } = {}) {
  const inner = h('div', { class: 'll-how-body' });
  if (typeof content === 'string') inner.innerHTML = content;
  else inner.append(...[content].flat());
  return h('details', { class: 'll-how' }, h('summary', { text: summary }), inner);
}
