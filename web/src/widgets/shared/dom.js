// Small DOM helpers that every widget's build() and the page use instead of createElement / className / append
// triples, attribute writes that repeat unchanged values, and hand-written control sync lines.

const SVG_TAGS = new Set(['svg', 'g', 'path', 'line', 'circle', 'rect', 'text', 'tspan', 'title', 'polygon',
  'polyline', 'defs', 'marker', 'clipPath', 'ellipse', 'linearGradient', 'stop', 'desc']);
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('div', { class: 'x', id: 'y', onclick: fn, dataset: { a: 1 }, style: 'color:red' }, child, 'text', [more])
 * Creates an HTML element, or an SVG element for SVG tag names. Props: `class`, `text`, `on<event>` handlers,
 * `dataset`, anything else as an attribute (false / null / undefined leave it out; true sets it empty).
 * Children: nodes, strings, numbers, arrays of those; null / false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = SVG_TAGS.has(tag) ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'text') element.textContent = String(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Sets attributes that differ from what the node has (undefined / null removes one): an unchanged value is not
 *  written, so it invalidates nothing. */
export function setAttributes(node, attributes) {
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null) {
      if (node.hasAttribute(k)) node.removeAttribute(k);
    } else if (node.getAttribute(k) !== String(v)) node.setAttribute(k, v);
  }
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Keeps a control (slider / select / checkbox from controls.js) and widget.state[key] in step: user input goes
 * through widget.setState (which clamps to the schema), and every render moves the control to the state (for state
 * set by code: presets, animation, the URL). A slider's min / max default to the schema's. Returns the control.
 */
export function bind(widget, key, control, { parse } = {}) {
  const spec = widget.constructor.schema[key];
  if (!spec) throw new Error(`bind: ${widget.localName} has no state key "${key}"`);
  const read = parse ?? (spec.type === 'number' || spec.type === 'int' ? Number : (v) => v);
  if (control.input.type === 'range' && 'min' in spec) {
    control.input.min = String(spec.min);
    control.input.max = String(spec.max);
    control.set(widget.state[key]);
  }
  const toState = (v) => widget.setState({ [key]: read(v) });
  if (control.onInput) control.onInput(toState);
  else control.onChange(toState);
  widget.bindings ??= [];
  widget.bindings.push(() => {
    const value = widget.state[key];
    const shown = control.input.type === 'checkbox' ? control.input.checked : control.input.value;
    if (String(shown) !== String(value)) control.set(value);
  });
  return control;
}
