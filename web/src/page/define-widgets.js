// The section page's widgets: each module loads when its widget comes near the viewport.
import { WIDGETS } from '../widgets/registry.js';
import { createWidgetFrame } from '../widgets/shared/frame.js';

/**
 * Defines the widgets used under `root` as they come within 1.5 screens of the viewport (and all of them before
 * printing), so the first load fetches and runs only the modules of the widgets on screen. Each module loads once.
 * Until then each widget is already its named region with its heading (the frame), so a reader, a screen reader
 * or a test finds it by name at once. The widgets themselves start computing only when within one screen
 * (widget-base). Resolves when every widget under `root` is defined.
 */
export function defineWidgetsIn(root) {
  const tags = Object.keys(WIDGETS).filter((tag) => root.querySelector(tag) && !customElements.get(tag));
  const loads = new Map();
  const load = (tag) => {
    if (!loads.has(tag)) {
      loads.set(tag, WIDGETS[tag]().catch((error) => console.warn(`LossLab: ${tag} failed to load`, error)));
    }
    return loads.get(tag);
  };
  const near = globalThis.IntersectionObserver ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      near.unobserve(entry.target);
      load(entry.target.localName);
    }
  }, { rootMargin: '150% 0px' }) : null;
  for (const tag of tags) {
    root.querySelectorAll(tag).forEach((element) => {
      createWidgetFrame(element);
      element.setAttribute('aria-busy', 'true');
      if (near) near.observe(element);
      else load(tag);
    });
  }
  globalThis.addEventListener?.('beforeprint', () => tags.forEach(load), { once: true });
  return Promise.all(tags.map((tag) => customElements.whenDefined(tag))).finally(() => near?.disconnect());
}
