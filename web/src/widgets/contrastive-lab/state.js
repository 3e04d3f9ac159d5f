// State of the Contrastive Losses lab: three points on the unit circle for the triplet (angles in whole degrees),
// the margin and the norm p; the InfoNCE batch's temperature and the seed that places its four pairs.
import { mulberry32 } from '../shared/random.js';
export const TAU_RANGE = [0.02, 2];
export const PRESETS = [
  { label: 'CLIP 0.07', tau: 0.07 }, // CLIP's learned temperature starts at 0.07 (Radford et al., 2021)
  { label: 'SimCLR 0.1', tau: 0.1 }, // SimCLR's NT-Xent default (Chen et al., 2020)
];
export const BATCH = 4;
// PyTorch's pairwise_distance adds eps to the difference: d(x, y) = ||x - y + eps||_p.
export const EPS = 1e-6;

const angle = (value) => ({ type: 'int', min: 0, max: 359, default: value });

// The triplet presets of FaceNet's mining vocabulary (Schroff et al., 2015), at margin 1 and p = 2 with the anchor
// at 30 and the positive at 75 degrees (d(a, p) = 0.765): an easy negative lies beyond d(a, p) + margin (zero
// loss), a semi-hard one between d(a, p) and d(a, p) + margin, a hard one closer to the anchor than the positive.
export const TRIPLET_PRESETS = [
  { id: 'easy', label: 'Easy negative', angles: { anchor: 30, positive: 75, negative: 210 } },
  { id: 'semi-hard', label: 'Semi-hard negative', angles: { anchor: 30, positive: 75, negative: 120 } },
  { id: 'hard', label: 'Hard negative', angles: { anchor: 30, positive: 75, negative: 10 } },
];

/** A point on the unit circle at `degrees` (counter-clockwise from the x axis). */
export function onCircle(degrees) {
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

/** Wraps any angle into [0, 360) and rounds it to whole degrees (the sliders' step). */
export function wrapDegrees(degrees) {
  return ((Math.round(degrees) % 360) + 360) % 360;
}

/**
 * The InfoNCE batch in whole degrees (the drag step): anchor i near 90·i degrees (± 35, plus a common rotation) and its positive within ± 25 degrees
 * of it, so the true pairs are similar but a neighbouring pair can be a hard negative.
 * Returns { anchors: degrees[], positives: degrees[] }.
 */
export function batchAngles(seed) {
  const random = mulberry32(seed * 2654435761);
  const turn = random() * 360;
  const anchors = [];
  const positives = [];
  for (let i = 0; i < BATCH; i++) {
    const a = turn + 90 * i + (random() - 0.5) * 70;
    anchors.push(wrapDegrees(a));
    positives.push(wrapDegrees(a + (random() - 0.5) * 50));
  }
  return { anchors, positives };
}

/** State keys of the batch: a1..a4 (anchors) and b1..b4 (their positives). */
export const batchKeys = (i) => ({ anchor: `a${i + 1}`, positive: `b${i + 1}` });

/** The batch angles as state changes: { a1, ..., a4, b1, ..., b4 }. */
export function batchState({ anchors, positives }) {
  const changes = {};
  for (let i = 0; i < BATCH; i++) {
    changes[batchKeys(i).anchor] = anchors[i];
    changes[batchKeys(i).positive] = positives[i];
  }
  return changes;
}

/** The batch the state holds (dragged or from its seed). */
export function batchOf(state) {
  const anchors = [];
  const positives = [];
  for (let i = 0; i < BATCH; i++) {
    anchors.push(state[batchKeys(i).anchor]);
    positives.push(state[batchKeys(i).positive]);
  }
  return { anchors, positives };
}

/** "Hard negative in the batch": positive 2 moves next to anchor 1, on the far side from anchor 1's own positive and
 *  at half its angular distance (at least 1 degree), so anchor 1 is more similar to positive 2 than to its own. */
export function hardNegativeBatch(batch) {
  const positives = [...batch.positives];
  const offset = ((positives[0] - batch.anchors[0] + 540) % 360) - 180; // signed, in (-180, 180]
  const step = Math.max(1, Math.round(Math.abs(offset) / 2));
  positives[1] = wrapDegrees(batch.anchors[0] - (offset >= 0 ? step : -step));
  return { anchors: [...batch.anchors], positives };
}

const defaults = batchState(batchAngles(1));
export const schema = {
  anchor: angle(30),
  positive: angle(75),
  negative: angle(140),
  margin: { type: 'number', min: 0, max: 2, default: 1 },
  p: { type: 'choice', values: [1, 2, 3], default: 2 },
  tau: { type: 'number', min: TAU_RANGE[0], max: TAU_RANGE[1], default: 0.5 },
  seed: { type: 'int', min: 1, max: 9999, default: 1 },
  ...Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, angle(v)])),
};
