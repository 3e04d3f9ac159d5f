// Every widget's tag and the module that defines it. Each module is its own chunk, loaded on demand (the section
// page: page/define-widgets.js; an embed: embed.js). Plain data, so build scripts and tests can read it in Node.
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
