// The Contrastive Losses lab's core calls. Triplet: one tripletMargin call. InfoNCE: one cosineEmbedding call for
// the 4 x 4 similarity matrix, one softmax over its scaled rows, and infoNCE twice (symmetric and one-way: the
// option differs, so they cannot share a call). Five small calls per frame, none per point.
import { BATCH, EPS, batchOf, onCircle } from './state.js';

/**
 * Triplet margin loss on 2-D points, with the two distances taken from the core as well. Rows 1 and 2 use a
 * negative at distance exactly 0 (n = a + eps, so a - n + eps = 0 up to one rounding, < 1e-16): their hinge is
 * always active and returns d(a, x) + margin, so d(a, x) = loss - margin is the core's own p-norm distance.
 */
export function computeTriplet(core, { anchor, positive, negative, margin, p }) {
  const a = onCircle(anchor);
  const pos = onCircle(positive);
  const neg = onCircle(negative);
  const zero = [a[0] + EPS, a[1] + EPS];
  const { loss, grad } = core.tripletMargin([...a, ...a, ...a], [...pos, ...pos, ...neg], [...neg, ...zero, ...zero],
    { dim: 2, margin, p, eps: EPS, reduction: 'none' });
  const distancePositive = loss[1] - margin;
  const distanceNegative = loss[2] - margin;
  // FaceNet (Schroff et al., 2015): max(0, ||a - p||^2 - ||a - n||^2 + alpha), here from the core's distances.
  const squaredLoss = Math.max(0, distancePositive ** 2 - distanceNegative ** 2 + margin);
  return {
    points: { anchor: a, positive: pos, negative: neg },
    loss: loss[0],
    anchorGradient: [grad[0], grad[1]], // d loss / d anchor for row 0 only (rows are independent)
    distancePositive,
    distanceNegative,
    squaredLoss,
  };
}

/** The InfoNCE batch: similarity matrix, row softmax of similarity / tau, and both losses. */
export function computeInfoNce(core, state) {
  const { tau } = state;
  const angles = batchOf(state);
  const anchors = angles.anchors.flatMap(onCircle);
  const positives = angles.positives.flatMap(onCircle);
  // All 16 (anchor i, positive j) pairs as rows; with y = 1 the loss is 1 - cos(a_i, b_j).
  const left = new Float64Array(2 * BATCH * BATCH);
  const right = new Float64Array(2 * BATCH * BATCH);
  for (let i = 0; i < BATCH; i++) {
    for (let j = 0; j < BATCH; j++) {
      const row = i * BATCH + j;
      left.set(anchors.slice(2 * i, 2 * i + 2), 2 * row);
      right.set(positives.slice(2 * j, 2 * j + 2), 2 * row);
    }
  }
  const cosine = core.cosineEmbedding(left, right, new Float64Array(BATCH * BATCH).fill(1),
    { dim: 2, reduction: 'none' });
  const similarity = cosine.loss.map((l) => 1 - l);
  const probabilities = core.softmax(similarity.map((s) => s / tau), { classes: BATCH });
  const symmetric = core.infoNCE(anchors, positives, { dim: 2, temperature: tau, symmetric: true });
  const oneWay = core.infoNCE(anchors, positives, { dim: 2, temperature: tau, symmetric: false });
  return { angles, similarity, probabilities, loss: symmetric.loss, oneWayLoss: oneWay.loss };
}
