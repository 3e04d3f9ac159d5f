// State of the focal-loss widget: the focusing exponent gamma and the constant weight alpha (the core's
// softmaxFocal semantics: loss = alpha * (1 - p_t)^gamma * CE, so alpha = 1 is no weighting).
export const schema = {
  gamma: { type: 'number', min: 0, max: 5, default: 2 },
  alpha: { type: 'number', min: 0, max: 1, default: 1 },
};

// The two marked examples: a well-classified ("easy") sample and a badly classified ("hard") one.
export const EASY_PT = 0.9;
export const HARD_PT = 0.1;
