// The synthetic classifier: "clean" logits for N samples and C = 4 classes that are calibrated by construction,
// because each label is DRAWN from softmax(clean logits). Scaling those logits by a factor s > 1 then gives an
// overconfident model with the same predictions, and the temperature that undoes it is about s (a Node sweep over
// seeds: s = 2 -> fitted T 2.01 ... 2.04, s = 3 -> 3.01 ... 3.06 at N = 1000).
export const CLASSES = 4;
// Each sample favours one random class by +2 on top of N(0, 1) logits: accuracy ~0.67 and confidences spread over
// 0.3 ... 1, so every bin from 0.3 up has predictions at s = 1.
const FAVOURED_BOOST = 2;

/** mulberry32: a small seeded generator, so a seed in the URL reproduces the same set everywhere. */
function randomSource(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random) {
  const u = 1 - random(); // (0, 1]: log(u) stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** { logits (N x C clean), labels (N), classes }: one core.softmax call to draw the labels. */
export function syntheticSet(core, { samples, seed }) {
  const random = randomSource(seed);
  const logits = new Float64Array(samples * CLASSES);
  for (let i = 0; i < samples; i++) {
    const favoured = Math.floor(random() * CLASSES);
    for (let k = 0; k < CLASSES; k++) logits[i * CLASSES + k] = gaussian(random) + (k === favoured ? FAVOURED_BOOST : 0);
  }
  const probs = core.softmax(logits, { classes: CLASSES });
  const labels = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const u = random();
    let k = 0;
    for (let cumulative = probs[i * CLASSES]; k < CLASSES - 1 && u >= cumulative; cumulative += probs[i * CLASSES + k]) k++;
    labels[i] = k;
  }
  return { logits, labels, classes: CLASSES };
}
