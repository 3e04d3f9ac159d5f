// Every widget's tag and the module that defines it. Each module is its own chunk, loaded on demand.
export const WIDGETS = {
  'bce-explorer': () => import('./bce-explorer/index.js'),
  'loss-quiz': () => import('./loss-quiz/index.js'),
  'loss-decision-guide': () => import('./loss-decision-guide/index.js'),
  'logsumexp-lab': () => import('./logsumexp-lab/index.js'),
  'regression-losses': () => import('./regression-losses/index.js'),
  'focal-loss': () => import('./focal-loss/index.js'),
  'mse-explorer': () => import('./mse-explorer/index.js'),
  'cross-entropy-explorer': () => import('./cross-entropy-explorer/index.js'),
  'loss-landscape': () => import('./loss-landscape/index.js'),
  'gradient-flow': () => import('./gradient-flow/index.js'),
  'mse-vs-ce': () => import('./mse-vs-ce/index.js'),
  'label-smoothing': () => import('./label-smoothing/index.js'),
  'class-weighting-lab': () => import('./class-weighting-lab/index.js'),
  'calibration-lab': () => import('./calibration-lab/index.js'),
  'contrastive-lab': () => import('./contrastive-lab/index.js'),
  'debugging-lab': () => import('./debugging-lab/index.js'),
};

/**
 * Defines every widget used under `root`, without one long task at load: the modules of widgets near the viewport
 * (within 1.5 screens) load at once, the rest one at a time when the browser is idle, and all before printing.
 * Each module loads once (the browser caches it); the widgets themselves start computing only when near (widget-base).
 * Resolves when every widget under `root` is defined.
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
    for (const entry of entries) if (entry.isIntersecting) load(entry.target.localName);
  }, { rootMargin: '150% 0px' }) : null;
  for (const tag of tags) root.querySelectorAll(tag).forEach((element) => near?.observe(element));
  const idle = globalThis.requestIdleCallback ?? ((callback) => setTimeout(callback, 50));
  const loadRestWhenIdle = (queue) => {
    if (!queue.length) return;
    idle(() => load(queue[0]).finally(() => loadRestWhenIdle(queue.slice(1))), { timeout: 2000 });
  };
  loadRestWhenIdle(tags);
  globalThis.addEventListener?.('beforeprint', () => tags.forEach(load), { once: true });
  return Promise.all(tags.map((tag) => customElements.whenDefined(tag))).finally(() => near?.disconnect());
}
