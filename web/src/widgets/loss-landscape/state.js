// State of the 3D loss landscape: which surface (the default "Same model, two losses" pair, or one of the single
// surfaces), the optimiser and its settings, the shared start point, the height scale, and whether the descent has
// been run. The start range covers the widest extent ([-8, 8]); compute.js clamps it into the chosen surface's own.
export const START_RANGE = [-8, 8];
export const MAX_STEPS = 500;

// The "Confidently wrong start" preset: the logistic model σ(w·x + b) at w = -6, b = 3 says "class 1" with
// confidence for negative x and "class 0" for positive x, the reverse of the data (true slope 3, intercept -1), so
// it is wrong on 28 of the 32 points, most of them with p beyond 0.9 on the wrong side. The race's defaults (SGD,
// learning rate 1, 50 steps) belong to the preset: the lesson is told at those settings.
export const PRESET = { w: -6, b: 3, optimizer: 'sgd', lr: 1, steps: 50 };

// A view: one surface drawn in 3D and as a contour map. core = the core's surface kind; concept = palette colour;
// name = the view's accessible name and heading; short = the name in readouts and sentences.
const binary = (core, extra) => ({ core, axes: ['w', 'b'], ...extra });
export const SURFACES = {
  pair: {
    text: 'Same model, two losses',
    extent: [-8, 8, -8, 8],
    views: [
      binary('mseSigmoid', { id: 'mse', concept: 'mse', short: 'MSE', name: 'MSE on σ(w·x + b)' }),
      binary('bceWithLogits', { id: 'ce', concept: 'ce', short: 'Cross-entropy',
        name: 'Binary cross-entropy of σ(w·x + b)' }),
    ],
    about: 'One logistic model p = σ(w·x + b) on seeded labelled points, scored two ways over the same (w, b) '
      + 'grid: left the mean squared error of p, right the binary cross-entropy (with logits).',
  },
  crossEntropy: {
    text: 'Cross-entropy over two logits',
    extent: [-8, 8, -8, 8],
    views: [{ id: 'ce', core: 'crossEntropy', concept: 'ce', short: 'Cross-entropy', axes: ['z₁', 'z₂'],
      name: 'Cross-entropy over two logits' }],
    about: 'One sample with three logits (z₁, z₂, z₃ = 0) whose true class is the first: the floor is where z₁ '
      + 'beats z₂, the cliff where the wrong logit z₂ wins.',
  },
  mse: {
    text: 'MSE over (w, b) of a line',
    extent: [-5, 5, -5, 5],
    views: [{ id: 'mse', core: 'mse', concept: 'mse', short: 'MSE', axes: ['w', 'b'], name: 'MSE of the line w·x + b' }],
    about: 'The mean squared error of the line w·x + b on seeded noisy points (true slope 2, intercept −1): one '
      + 'smooth bowl, steeper the further the line is off.',
  },
  l1: {
    text: 'L1 over (w, b) of a line',
    extent: [-5, 5, -5, 5],
    views: [{ id: 'l1', core: 'l1', concept: 'l1', short: 'L1', axes: ['w', 'b'], name: 'L1 loss of the line w·x + b' }],
    about: 'The mean absolute error of the same line on the same points: a cone with straight sides, the same '
      + 'slope near the bottom as far away.',
  },
  huber: {
    text: 'Huber (δ = 1) over (w, b) of a line',
    extent: [-5, 5, -5, 5],
    views: [{ id: 'huber', core: 'huber', concept: 'huber', short: 'Huber', axes: ['w', 'b'],
      name: 'Huber loss (δ = 1) of the line w·x + b' }],
    about: 'The Huber loss (δ = 1) of the same line: a bowl near the bottom, straight sides beyond it.',
  },
};

export const OPTIMIZERS = [
  { value: 'sgd', text: 'SGD' },
  { value: 'momentum', text: 'Momentum (0.9)' },
  { value: 'adam', text: 'Adam' },
];

export const schema = {
  surface: { type: 'choice', values: Object.keys(SURFACES), default: 'pair' },
  optimizer: { type: 'choice', values: OPTIMIZERS.map((o) => o.value), default: PRESET.optimizer },
  lr: { type: 'number', min: 0.01, max: 4, default: PRESET.lr },
  w: { type: 'number', min: START_RANGE[0], max: START_RANGE[1], default: PRESET.w },
  b: { type: 'number', min: START_RANGE[0], max: START_RANGE[1], default: PRESET.b },
  steps: { type: 'int', min: 1, max: MAX_STEPS, default: PRESET.steps },
  log: { type: 'bool', default: false },
  descent: { type: 'bool', default: false },
};
