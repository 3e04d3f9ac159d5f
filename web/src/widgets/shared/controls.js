// Native, labelled controls for widgets. Every control has a visible <label> tied by `for`, so it is reachable by
// its label (screen readers, keyboard, and tests using getByLabel). Readouts are <output> elements, announced
// politely when they change.

import { formatNumber } from './format.js';

function uid(owner, name) {
  return `${owner.localName}-${owner.instanceId}-${name}`;
}

function field(name, label, control, hint) {
  const wrapper = document.createElement('div');
  wrapper.className = 'll-field';
  wrapper.dataset.control = name; // teachers hide controls by this name (embed parameter hide=)
  wrapper.append(label, control);
  if (hint) wrapper.append(hint);
  return wrapper;
}

function labelFor(id, text) {
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = text;
  return label;
}

/** <input type=range> with a label and a live value shown beside it (aria-hidden: the slider announces itself). */
export function slider(owner, { name, label, min, max, step, value, format = String }) {
  const id = uid(owner, name);
  const input = document.createElement('input');
  Object.assign(input, { type: 'range', id, min: String(min), max: String(max), step: String(step) });
  input.value = String(value);
  const shown = document.createElement('span');
  shown.className = 'll-slider-value';
  shown.setAttribute('aria-hidden', 'true');
  const setShown = (v) => {
    shown.textContent = format(v);
    input.setAttribute('aria-valuetext', format(v));
  };
  setShown(value);
  return {
    element: field(name, labelFor(id, label), input, shown),
    input,
    /** Moves the thumb and the shown value without firing events (for state set by code, e.g. descent). */
    set(v) {
      input.value = String(v);
      setShown(v);
    },
    onInput(handler) {
      input.addEventListener('input', () => {
        const v = Number(input.value);
        setShown(v);
        handler(v);
      });
    },
  };
}

/** <select> with a label; options are [{ value, text }]. */
export function select(owner, { name, label, options, value }) {
  const id = uid(owner, name);
  const element = document.createElement('select');
  element.id = id;
  for (const option of options) element.add(new Option(option.text, String(option.value)));
  element.value = String(value);
  return {
    element: field(name, labelFor(id, label), element),
    input: element,
    set(v) {
      element.value = String(v);
    },
    onChange(handler) {
      element.addEventListener('change', () => handler(element.value));
    },
  };
}

/** A checkbox with its label after it. */
export function checkbox(owner, { name, label, checked }) {
  const id = uid(owner, name);
  const input = document.createElement('input');
  Object.assign(input, { type: 'checkbox', id, checked });
  const wrapper = document.createElement('div');
  wrapper.className = 'll-field ll-check';
  wrapper.dataset.control = name;
  wrapper.append(input, labelFor(id, label));
  return {
    element: wrapper,
    input,
    set(v) {
      input.checked = Boolean(v);
    },
    onChange(handler) {
      input.addEventListener('change', () => handler(input.checked));
    },
  };
}

/** A number or text field with a message area for invalid input (aria-describedby, aria-invalid). */
export function textField(owner, { name, label, value, inputMode = 'text' }) {
  const id = uid(owner, name);
  const input = document.createElement('input');
  Object.assign(input, { type: 'text', id, value, inputMode, spellcheck: false, autocomplete: 'off' });
  const message = document.createElement('p');
  message.className = 'll-field-message';
  message.id = `${id}-message`;
  message.setAttribute('aria-live', 'polite');
  input.setAttribute('aria-describedby', message.id);
  return {
    element: field(name, labelFor(id, label), input, message),
    input,
    setError(text) {
      message.textContent = text ?? '';
      input.toggleAttribute('aria-invalid', Boolean(text));
    },
    onInput(handler) {
      input.addEventListener('input', () => handler(input.value));
    },
  };
}

export function button(text, onClick, { pressed, name } = {}) {
  const element = document.createElement('button');
  element.type = 'button';
  if (name) element.dataset.control = name;
  element.textContent = text;
  if (pressed !== undefined) element.setAttribute('aria-pressed', String(pressed));
  element.addEventListener('click', onClick);
  return element;
}

/** A labelled, politely announced readout: <label for> + <output>. */
export function readout(owner, { name, label }) {
  const id = uid(owner, name);
  const output = document.createElement('output');
  output.id = id;
  output.setAttribute('aria-live', 'polite');
  const wrapper = document.createElement('div');
  wrapper.className = 'll-readout';
  wrapper.dataset.readout = name;
  wrapper.append(labelFor(id, label), output);
  return {
    element: wrapper,
    output,
    set(text, value) {
      if (output.textContent !== text) output.textContent = text;
      if (value !== undefined) output.dataset.value = String(value);
    },
    /** The usual case: show `value` rounded (formatNumber) and keep it exact in data-value. */
    showNumber(value) {
      this.set(formatNumber(value), value);
    },
  };
}
