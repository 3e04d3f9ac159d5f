// State of the Calibration lab: the synthetic model's overconfidence factor, the number of ECE bins, the sample
// (size and seed) and the temperature T applied to the logits.
export const OVERCONFIDENCE_RANGE = [0.5, 4];
export const TEMPERATURE_RANGE = [0.25, 5];
export const SEED_MAX = 1_000_000;

export const schema = {
  overconfidence: { type: 'number', min: OVERCONFIDENCE_RANGE[0], max: OVERCONFIDENCE_RANGE[1], default: 2.5 },
  bins: { type: 'choice', values: [5, 10, 15, 20], default: 10 },
  temperature: { type: 'number', min: TEMPERATURE_RANGE[0], max: TEMPERATURE_RANGE[1], default: 1 },
  samples: { type: 'choice', values: [300, 1000, 3000], default: 1000 },
  seed: { type: 'int', min: 1, max: SEED_MAX, default: 1 },
};
