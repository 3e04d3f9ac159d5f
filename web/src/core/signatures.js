// Every function the core exports, with the names of its array arguments (the options object always comes last).
export const SIGNATURES = {
  mse: ['input', 'target'],
  l1: ['input', 'target'],
  huber: ['input', 'target'],
  smoothL1: ['input', 'target'],
  bce: ['probs', 'target'],
  bceWithLogits: ['logits', 'target'],
  crossEntropy: ['logits', 'target'],
  nll: ['logProbs', 'target'],
  klDiv: ['logProbs', 'target'],
  sigmoidFocal: ['logits', 'target'],
  softmaxFocal: ['logits', 'target'],
  logSumExp: ['x'],
  softmax: ['x'],
  logSoftmax: ['x'],
};
