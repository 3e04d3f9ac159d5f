// Two core trainers with the same data, seed, architecture and initial weights, differing only in the loss on their
// single output: cross-entropy (the binary head, BCE with logits) and MSE on the sigmoid of the same logit. Each
// frame steps each trainer ONCE (trainer.step(n) runs n updates in one call and returns their records) and keeps
// the last record: per-layer gradient norms, loss and accuracy.

export const WIDTH = 8; // units per hidden layer: 2-8-...-8-1
// Plain full-batch SGD, so each update is the learning rate times the gradient and the bars are what moves the
// weights (Adam would rescale every parameter's step and hide the difference). 0.5 trains two moons in a few
// hundred steps with tanh. initScale 2 doubles the initial weights (Xavier; He for ReLU, the core's "auto") so the
// output starts confident, and for about half the points confidently wrong: where MSE's sigmoid factor p (1 - p)
// is smallest (tanh, 3 hidden layers: first-layer gradient 1.39 under cross-entropy, 0.089 under MSE at step 0).
export const TRAINING = { dataset: 'moons', samples: 200, optimizer: 'sgd', learningRate: 0.5, initScale: 2, seed: 1 };

export const LOSSES = [
  { id: 'ce', name: 'cross-entropy', config: { head: 'binary' } },
  // binaryLoss 'mseSigmoid' = mse(sigma(z), y) with dL/dz = 2 (p - y) p (1 - p) / B: a trainer option the core
  // may not have yet (supportsMseSigmoid tells); without it this side stays empty rather than show a stand-in.
  { id: 'mse', name: 'MSE', config: { head: 'binary', binaryLoss: 'mseSigmoid' } },
];

export function trainerConfig({ activation, depth }, loss) {
  return { ...TRAINING, hidden: Array.from({ length: depth }, () => WIDTH), activation, ...loss.config };
}

/** Whether this core's trainer accepts binaryLoss: 'mseSigmoid' (an unknown option is an Error naming it). */
export function supportsMseSigmoid(core) {
  try {
    core.createTrainer({ samples: 4, hidden: [1], head: 'binary', binaryLoss: 'mseSigmoid' }).dispose();
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the trainers for `state` (one per available loss). The first step(1) call of each gives the gradient at
 * the initial weights (a record holds the loss and gradients BEFORE its update).
 */
export function createTrainers(core, state, losses) {
  return losses.map((loss) => ({ loss, trainer: core.createTrainer(trainerConfig(state, loss)) }));
}

/**
 * One call per trainer: n updates, keeping the last record. `shown` = the updates applied before the gradient that
 * record reports, i.e. record.step - 1: what the picture shows is the network after `shown` steps.
 */
export function stepTrainers(trainers, n) {
  const records = {};
  for (const { loss, trainer } of trainers) records[loss.id] = trainer.step(n).at(-1);
  const first = Object.values(records)[0];
  return { records, shown: first.step - 1 };
}
