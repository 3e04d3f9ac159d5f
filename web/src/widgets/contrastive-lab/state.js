// State of the Contrastive Losses lab: three points on the unit circle for the triplet (angles in whole degrees),
// the margin and the norm p; the InfoNCE batch's temperature and the seed that places its four pairs.
export const TAU_RANGE = [0.02, 2];
export const PRESETS = [
  { label: 'CLIP 0.07', tau: 0.07 }, // CLIP's learned temperature starts at 0.07 (Radford et al., 2021)
  { label: 'SimCLR 0.1', tau: 0.1 }, // SimCLR's NT-Xent default (Chen et al., 2020)
];
export const BATCH = 4;
// PyTorch's pairwise_distance adds eps to the difference: d(x, y) = ||x - y + eps||_p.
export const EPS = 1e-6;

export const schema = {
  anchor: { type: 'int', min: 0, max: 359, default: 30 },
  positive: { type: 'int', min: 0, max: 359, default: 75 },
  negative: { type: 'int', min: 0, max: 359, default: 140 },
  margin: { type: 'number', min: 0, max: 2, default: 1 },
  p: { type: 'choice', values: [1, 2, 3], default: 2 },
  tau: { type: 'number', min: TAU_RANGE[0], max: TAU_RANGE[1], default: 0.5 },
  seed: { type: 'int', min: 1, max: 9999, default: 1 },
};

/** A point on the unit circle at `degrees` (counter-clockwise from the x axis). */
export function onCircle(degrees) {
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

/** Wraps any angle into [0, 360) and rounds it to whole degrees (the sliders' step). */
export function wrapDegrees(degrees) {
  return ((Math.round(degrees) % 360) + 360) % 360;
}

// mulberry32: a 32-bit seeded generator, so a seed in the URL gives the same batch everywhere.
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The InfoNCE batch: anchor i near 90·i degrees (± 35, plus a common rotation) and its positive within ± 25 degrees
 * of it, so the true pairs are similar but a neighbouring pair can be a hard negative.
 * Returns { anchors: degrees[], positives: degrees[] }.
 */
export function batchAngles(seed) {
  const random = generator(seed * 2654435761);
  const turn = random() * 360;
  const anchors = [];
  const positives = [];
  for (let i = 0; i < BATCH; i++) {
    const a = turn + 90 * i + (random() - 0.5) * 70;
    anchors.push(a);
    positives.push(a + (random() - 0.5) * 50);
  }
  return { anchors, positives };
}
