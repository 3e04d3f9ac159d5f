// State of the MSE-vs-cross-entropy comparison: the predicted probability p and the binary target y.
export const P_RANGE = [0.001, 0.999];
export const CONFIDENTLY_WRONG = Object.freeze({ p: 0.05, y: 1 }); // the textbook case: BCE's gradient −20, MSE's −1.9

export const schema = {
  p: { type: 'number', min: P_RANGE[0], max: P_RANGE[1], default: 0.3 },
  y: { type: 'choice', values: [0, 1], default: 1 },
};
