// State of the regression-losses widget: the error e = prediction - target, Huber's delta and Smooth L1's beta.
// The defaults keep delta and beta apart (and away from 1), so the Huber and Smooth L1 curves are both visible:
// at delta = beta = 1 they are the same curve.
export const ERROR_RANGE = [-4, 4];

export const schema = {
  e: { type: 'number', min: ERROR_RANGE[0], max: ERROR_RANGE[1], default: 2.5 },
  delta: { type: 'number', min: 0.1, max: 3, default: 2 },
  beta: { type: 'number', min: 0, max: 3, default: 0.5 },
};
