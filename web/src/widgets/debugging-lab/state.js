// State of the Debugging Lab: the knobs of a small MLP trained on two moons. The network, data, optimiser and seed
// are fixed (NETWORK) so each knob's effect is seen alone; a scenario is just a preset of the knobs.
export const LR_RANGE = [1e-4, 10];
export const INIT_RANGE = [0.1, 1000];
export const CLIP_RANGE = [0.1, 10];

// Four hidden layers of 32: deep enough for gradients to shrink layer by layer with sigmoid, wide enough that
// plain SGD at learning rate 10 overflows to Infinity within ~10 steps (a 16-wide net only dies instead).
export const NETWORK = { dataset: 'moons', samples: 200, hidden: [32, 32, 32, 32], optimizer: 'sgd', batchSize: 0, seed: 1 };
export const LAYERS = NETWORK.hidden.length + 1; // hidden layers + the output layer

export const schema = {
  lr: { type: 'number', min: LR_RANGE[0], max: LR_RANGE[1], default: 0.1 },
  activation: { type: 'choice', values: ['relu', 'tanh', 'sigmoid'], default: 'relu' },
  initScale: { type: 'number', min: INIT_RANGE[0], max: INIT_RANGE[1], default: 1 },
  clip: { type: 'bool', default: false },
  clipNorm: { type: 'number', min: CLIP_RANGE[0], max: CLIP_RANGE[1], default: 1 },
};

// Measured with this network (seed 1, full batch of 200, SGD; the core's init revives units dead at step 0):
// 'healthy' falls below 0.05 at step 288; 'high' overflows in the forward pass of layer 3 (index 2) at step 7;
// 'low' moves the loss by about 1.2 % per 20 steps; 'saturated' (init x 15) puts 64 % of layer 3's activations on
// the sigmoid's flat tails from step 1, with a loss of 3.13 at step 1 falling to 1.21 at step 20 and the accuracy at
// 0.60 (init x 300 saturated harder but started at a loss of 176); 'dead' freezes the loss at 0.693 from step ~40.
export const SCENARIOS = [
  { id: 'healthy', text: 'Healthy', knobs: { lr: 0.1, activation: 'relu', initScale: 1, clip: false } },
  { id: 'high', text: 'Learning rate too high (explodes to NaN)', knobs: { lr: 10, activation: 'relu', initScale: 1, clip: false } },
  { id: 'low', text: 'Learning rate too low (plateau)', knobs: { lr: 1e-4, activation: 'relu', initScale: 1, clip: false } },
  { id: 'saturated', text: 'Saturated sigmoid (large init)', knobs: { lr: 0.01, activation: 'sigmoid', initScale: 15, clip: false } },
  { id: 'dead', text: 'Dead ReLUs', knobs: { lr: 1.5, activation: 'relu', initScale: 1, clip: false } },
];
export const CUSTOM = { id: 'custom', text: 'Custom (knobs changed)' };

/** The scenario whose knobs the state matches (clip norm only counts when clipping is on), else CUSTOM. */
export function scenarioOf(state) {
  const match = SCENARIOS.find(({ knobs }) => Object.entries(knobs).every(([k, v]) => state[k] === v));
  return match ?? CUSTOM;
}

/** The trainer's config for this state. */
export function trainerConfig(state) {
  return { ...NETWORK, hidden: [...NETWORK.hidden], activation: state.activation, initScale: state.initScale,
    learningRate: state.lr, clipNorm: state.clip ? state.clipNorm : 0 };
}
