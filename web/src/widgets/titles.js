// Each widget's title: the name of its region and its heading, on the page and in an embed. Kept apart from the
// widget modules so the page can name a widget's region before its module loads (registry.js).
export const WIDGET_TITLES = {
  'bce-explorer': 'Binary Cross-Entropy Explorer',
  'calibration-lab': 'Calibration',
  'class-weighting-lab': 'Class Weighting',
  'contrastive-lab': 'Contrastive Losses',
  'cross-entropy-explorer': 'Cross-Entropy Explorer',
  'debugging-lab': 'Debugging Lab',
  'focal-loss': 'Focal Loss',
  'gradient-flow': 'Gradient Flow',
  'label-smoothing': 'Label Smoothing',
  'logsumexp-lab': 'Log-Sum-Exp',
  'loss-decision-guide': 'Choose a Loss',
  'loss-landscape': '3D Loss Landscape',
  'loss-quiz': 'Loss Functions Quiz',
  'mse-explorer': 'MSE Explorer',
  'mse-vs-ce': 'MSE vs Cross-Entropy',
  'regression-losses': 'Regression Losses',
};
