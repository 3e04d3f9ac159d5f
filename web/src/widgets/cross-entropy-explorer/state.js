// State of the Cross-Entropy explorer: how many classes, one logit per class (up to 6), the true class (numbered
// from 1 as the reader sees it; PyTorch's index is one less), the label-smoothing ε, and the double-softmax toggle.
export const MAX_CLASSES = 6;
export const CLASS_CHOICES = [3, 4, 5, 6];
export const LOGIT_RANGE = [-6, 6];
export const EPSILON_RANGE = [0, 0.5];
const DEFAULT_LOGITS = [2, 0.5, -1, 1, -0.5, 0];

export const logitKey = (k) => `z${k}`; // k = 1..MAX_CLASSES

export const schema = {
  classes: { type: 'choice', values: CLASS_CHOICES, default: 4 },
  ...Object.fromEntries(DEFAULT_LOGITS.map((z, i) => [logitKey(i + 1), { type: 'number', min: LOGIT_RANGE[0],
    max: LOGIT_RANGE[1], default: z }])),
  y: { type: 'int', min: 1, max: MAX_CLASSES, default: 1 },
  eps: { type: 'number', min: EPSILON_RANGE[0], max: EPSILON_RANGE[1], default: 0.1 },
  double: { type: 'bool', default: false },
};

/** The first C logits, in class order. */
export function logitsOf(state) {
  return Array.from({ length: state.classes }, (_, i) => state[logitKey(i + 1)]);
}

/** The true class as a 0-based index (PyTorch's), kept inside the current number of classes. */
export function trueIndexOf(state) {
  return Math.min(state.y, state.classes) - 1;
}
