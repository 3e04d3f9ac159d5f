// State of the regression-losses widget: the error e = prediction - target, Huber's delta and Smooth L1's beta.
export const ERROR_RANGE = [-4, 4];

export const schema = {
  e: { type: 'number', min: ERROR_RANGE[0], max: ERROR_RANGE[1], default: 1.5 },
  delta: { type: 'number', min: 0.1, max: 3, default: 1 },
  beta: { type: 'number', min: 0, max: 3, default: 1 },
};
