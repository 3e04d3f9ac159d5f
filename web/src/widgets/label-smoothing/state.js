// State of the Label Smoothing widget: ε, the number of classes, the true class (numbered from 1), and the scale s
// applied to a fixed example logit vector (the same shape, s times as confident).
export const EPSILON_RANGE = [0, 0.5];
export const CLASS_CHOICES = [2, 3, 4, 5, 6, 7, 8, 9, 10];
export const SCALE_RANGE = [0, 4];
/** The example's logits before scaling; the first C are used. Class 1 leads, the rest are spread out. */
export const BASE_LOGITS = Object.freeze([2.5, 1, 0.2, -0.5, 0.6, -1, 1.4, -0.2, 0.3, -0.8]);

export const schema = {
  eps: { type: 'number', min: EPSILON_RANGE[0], max: EPSILON_RANGE[1], default: 0.1 },
  classes: { type: 'choice', values: CLASS_CHOICES, default: 5 },
  y: { type: 'int', min: 1, max: CLASS_CHOICES.at(-1), default: 1 },
  scale: { type: 'number', min: SCALE_RANGE[0], max: SCALE_RANGE[1], default: 1 },
};

export const trueIndexOf = (state) => Math.min(state.y, state.classes) - 1;
export const exampleLogits = (state) => BASE_LOGITS.slice(0, state.classes).map((z) => z * state.scale);
