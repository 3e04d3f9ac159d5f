// State of the 3D loss landscape: which surface, the optimiser and its settings, the start point, and whether the
// descent path is shown. The start range covers the widest surface (cross-entropy's [-8, 8]); compute.js clamps it
// into the chosen surface's own extent.
export const START_RANGE = [-8, 8];
export const MAX_STEPS = 500;

// Each entry: the core's surface kind, the select text, its extent [xMin, xMax, yMin, yMax] (the core's default
// for that kind), the axis names, whether heights are log-scaled, and what the two parameters are.
export const KINDS = {
  crossEntropy: {
    core: 'crossEntropy', text: 'Cross-entropy over two logits', extent: [-8, 8, -8, 8], axes: ['z₁', 'z₂'],
    // 0 ... 16 on this grid with a floor near 3e-4: ln(1 + loss) keeps the floor's shape and the cliff on screen.
    logHeight: true,
    about: 'One sample with three logits (z₁, z₂, z₃ = 0) whose true class is the first: x is z₁, the true class\'s '
      + 'logit; y is z₂, a wrong class\'s logit.',
  },
  mse: {
    core: 'mse', text: 'MSE over (w, b)', extent: [-5, 5, -5, 5], axes: ['w', 'b'], logHeight: false,
    about: 'The mean squared error of the line w·x + b on 32 seeded points (true slope 2, intercept −1, noise 0.3): '
      + 'x is the slope w, y the intercept b.',
  },
  bce: {
    core: 'bceWithLogits', text: 'BCE over (w, b)', extent: [-5, 5, -5, 5], axes: ['w', 'b'], logHeight: false,
    about: 'Binary cross-entropy of the logistic model σ(w·x + b) on 32 seeded labelled points (true slope 3, '
      + 'intercept −1), in the stable with-logits form: x is w, y is b.',
  },
  l1: {
    core: 'l1', text: 'L1 over (w, b)', extent: [-5, 5, -5, 5], axes: ['w', 'b'], logHeight: false,
    about: 'The mean absolute error of the line w·x + b on the same 32 points as MSE: x is w, y is b.',
  },
  huber: {
    core: 'huber', text: 'Huber (δ = 1) over (w, b)', extent: [-5, 5, -5, 5], axes: ['w', 'b'], logHeight: false,
    about: 'The Huber loss (δ = 1) of the line w·x + b on the same 32 points as MSE: x is w, y is b.',
  },
};

export const OPTIMIZERS = [
  { value: 'sgd', text: 'SGD' },
  { value: 'momentum', text: 'Momentum (0.9)' },
  { value: 'adam', text: 'Adam' },
];

export const schema = {
  loss: { type: 'choice', values: Object.keys(KINDS), default: 'crossEntropy' },
  optimizer: { type: 'choice', values: OPTIMIZERS.map((o) => o.value), default: 'sgd' },
  lr: { type: 'number', min: 0.01, max: 4, default: 0.5 },
  x: { type: 'number', min: START_RANGE[0], max: START_RANGE[1], default: -4 },
  y: { type: 'number', min: START_RANGE[0], max: START_RANGE[1], default: 4 },
  steps: { type: 'int', min: 1, max: MAX_STEPS, default: 50 },
  descent: { type: 'bool', default: false },
};
