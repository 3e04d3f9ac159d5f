// The pattern every widget follows: state in one object (schema in state.js), a compute step that calls the core
// once, a render step that only draws. Updates are batched to one per animation frame, so dragging a slider costs
// one core call per frame however many input events arrive.
import { corePromise } from './core.js';
import { createWidgetFrame } from './frame.js';
import { readState, withChanges, writeStateToUrl } from './state.js';
import './widget.css';

export const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class LossLabWidget extends HTMLElement {
  /** Subclasses set: static title (the accessible name), static schema (state.js). */
  static title = '';
  static schema = {};

  constructor() {
    super();
    this.instanceId = Math.random().toString(36).slice(2, 8);
    this.core = null;
    this.frame = 0;
  }

  connectedCallback() {
    if (this.body) return; // moved within the page: keep what was built
    const { title, schema } = this.constructor;
    this.state = readState(schema, this);
    this.body = createWidgetFrame(this, title);
    this.build(this.body);
    this.setAttribute('aria-busy', 'true');
    corePromise.then(
      (core) => {
        this.core = core;
        this.removeAttribute('aria-busy');
        this.requestUpdate();
      },
      (error) => this.showFailure(error),
    );
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.stop?.();
  }

  /** Applies changes to the state (coerced into range) and schedules one compute + render. */
  setState(changes) {
    this.state = withChanges(this.constructor.schema, this.state, changes);
    this.requestUpdate();
  }

  requestUpdate() {
    if (this.frame || !this.core) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      try {
        this.render(this.compute(this.core, this.state), this.state);
        if (!this.hasAttribute('no-url-state')) writeStateToUrl(this.constructor.schema, this.state, this);
        this.dispatchEvent(new CustomEvent('ll-rendered'));
      } catch (error) {
        this.showFailure(error);
      }
    });
  }

  showFailure(error) {
    this.removeAttribute('aria-busy');
    const message = document.createElement('p');
    message.className = 'll-failure';
    message.setAttribute('role', 'alert');
    message.textContent = `This interactive could not run: ${error.message}`;
    this.body.replaceChildren(message);
  }

  /** Subclass hooks. build(body): create controls once. compute(core, state): one core call, plain data.
   *  render(data, state): draw only. */
  build() {}
  compute() {
    return null;
  }
  render() {}
}
