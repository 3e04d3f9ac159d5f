// The pattern every widget follows: state in one object (schema in state.js), a compute step that calls the core
// once, a render step that only draws. Updates are batched to one per animation frame, so dragging a slider costs
// one core call per frame however many input events arrive. A widget builds and computes only when it comes within
// about one screen of the viewport, so a long page does not start sixteen widgets at load.
import { corePromise } from './core.js';
import { createWidgetFrame } from './frame.js';
import { whenNear } from './near.js';
import { createUrlWriter, readState, withChanges } from './state.js';
import './widget.css';

export const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class LossLabWidget extends HTMLElement {
  /** Subclasses set: static schema (state.js). The title (the region's name) is in ../titles.js. */
  static schema = {};

  constructor() {
    super();
    this.instanceId = Math.random().toString(36).slice(2, 8);
    this.core = null;
    this.frame = 0;
    this.started = false;
    this.bindings = [];
  }

  connectedCallback() {
    if (this.body) return; // moved within the page: keep what was built
    const { schema } = this.constructor;
    this.state = readState(schema, this);
    this.urlWriter = this.hasAttribute('no-url-state') ? null : createUrlWriter(schema, this);
    this.body = createWidgetFrame(this);
    this.setAttribute('aria-busy', 'true');
    whenNear(this, () => this.start());
  }

  /** Builds the controls and starts computing (called once, when the widget is near the viewport). */
  start() {
    if (this.started || !this.isConnected) return;
    this.started = true;
    this.build(this.body);
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
    this.urlWriter?.cancel();
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
        for (const sync of this.bindings) sync();
        this.urlWriter?.schedule(this.state);
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
