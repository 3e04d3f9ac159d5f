// State of the Class Weighting lab: how many classes, their counts, the weighting strategy and the effective-number
// β. Training runs are not state (they are re-run on demand), so a shared URL reproduces the weights, not a run.
export const MAX_CLASSES = 4;
export const COUNT_RANGE = [1, 10000];

// The β slider moves on s = -log10(1 - β): s = 1 ... 4 covers β = 0.9 ... 0.9999 with equal room per decade,
// where a linear slider would squeeze 0.99 ... 0.9999 into its last 10 %.
export const BETA_POSITION_RANGE = [1, 4];
export const BETA_POSITION_STEP = 0.05;
export const betaFromPosition = (s) => 1 - 10 ** -s;
export const positionFromBeta = (beta) => -Math.log10(1 - beta);

export const STRATEGIES = [
  { value: 'inverse', text: 'Inverse frequency' },
  { value: 'inverse_sqrt', text: 'Inverse square root' },
  { value: 'effective', text: 'Effective number' },
];

const count = (value) => ({ type: 'int', min: COUNT_RANGE[0], max: COUNT_RANGE[1], default: value });

export const schema = {
  classes: { type: 'choice', values: [2, 3, 4], default: 2 },
  c1: count(900),
  c2: count(100),
  c3: count(30),
  c4: count(10),
  strategy: { type: 'choice', values: STRATEGIES.map((s) => s.value), default: 'inverse' },
  beta: { type: 'number', min: betaFromPosition(BETA_POSITION_RANGE[0]), max: betaFromPosition(BETA_POSITION_RANGE[1]),
    default: 0.999 },
};

/** The counts of the classes in use, in class order. */
export const countsOf = (state) => [state.c1, state.c2, state.c3, state.c4].slice(0, state.classes);

// The training comparison: two MLPs on the trainer's 'blobs' data, same data seed and same initial weights, one
// with class weights. Numbers picked by a sweep in Node: with noise 1.3 the blobs overlap enough that an
// unweighted net gives up minority points (900/100: minority recall 0.725, accuracy 0.958 after 300 steps) while
// inverse-frequency weights recover them (0.925) at some cost in accuracy (0.905). One hidden layer of 12 tanh units
// steps 400 points in ~0.25 ms (headless Chromium on a busy 2-core box: 2 nets x 20 steps + grids took ~18 ms a
// frame), so a frame takes 2 x 12 steps and two 64 x 64 grids, ~10 ms: 25 frames, under half a second.
export const TRAINING = {
  samples: 400,
  noise: 1.3,
  hidden: [12],
  learningRate: 0.02,
  seed: 1,
  steps: 300,
  stepsPerFrame: 12,
  grid: 64, // predictGrid side: 64 x 64 cells per net and frame
};

/** Reads a typed count: { value } (rounded and clamped, with a `note` when it was changed) or { error }. */
export function parseCount(text) {
  const [lo, hi] = COUNT_RANGE;
  const trimmed = text.trim();
  const x = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(x)) return { error: `Enter a whole number from ${lo} to ${hi}.` };
  const value = Math.min(hi, Math.max(lo, Math.round(x)));
  if (value !== x) return { value, note: `Using ${value}: counts are whole numbers from ${lo} to ${hi}.` };
  return { value };
}
