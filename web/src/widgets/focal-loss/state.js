// State of the focal-loss widget: the focusing exponent gamma, the constant weight alpha (the core's softmaxFocal
// semantics: loss = alpha * (1 - p_t)^gamma * CE, so alpha = 1 is no weighting), and the loss axis scale.
export const schema = {
  gamma: { type: 'number', min: 0, max: 5, default: 2 },
  alpha: { type: 'number', min: 0, max: 1, default: 1 },
  log: { type: 'bool', default: false },
};

// The two marked examples: a well-classified ("easy") sample and a badly classified ("hard") one.
export const EASY_PT = 0.9;
export const HARD_PT = 0.1;

// The imbalanced population: many easy negatives, few hard positives (a detector's background against objects).
export const POPULATION = Object.freeze({ easy: 990, hard: 10 });
