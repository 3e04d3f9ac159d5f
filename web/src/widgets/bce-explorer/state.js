// State of the Binary Cross-Entropy explorer: the logit, the target, and the descent's learning rate.
export const LOGIT_RANGE = [-8, 8];

export const schema = {
  z: { type: 'number', min: LOGIT_RANGE[0], max: LOGIT_RANGE[1], default: -2 },
  y: { type: 'choice', values: [0, 1], default: 1 },
  lr: { type: 'choice', values: [0.1, 0.5, 1, 2, 4], default: 1 },
};
