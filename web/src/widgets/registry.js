// Every widget's tag and the module that defines it. Each module is its own chunk, loaded on demand.
export const WIDGETS = {
  'bce-explorer': () => import('./bce-explorer/index.js'),
};

/** Defines every widget used under `root` (each module loads once; the browser caches it). */
export function defineWidgetsIn(root) {
  const loads = [];
  for (const [tag, load] of Object.entries(WIDGETS)) {
    if (root.querySelector(tag) && !customElements.get(tag)) loads.push(load());
  }
  return Promise.all(loads);
}
