// The sentence under the readouts: why the naive path gave Infinity or NaN (or why it did not), worded from the
// core's results and the format thresholds in compute.js.
import { formatNumber } from '../shared/format.js';
import { LARGEST, OVERFLOW_AT, SMALLEST, UNDERFLOW_AT } from './compute.js';

const NAME = { f32: 'float32', f64: 'float64' };
const fmt = (x) => formatNumber(x, 5);

function stableReason(m, n) {
  return `The stable path subtracts the largest logit m = ${fmt(m)} first, so every exponent is ≤ 0, the sum of `
    + `exponentials lies between 1 and ${n}, and m is added back after the log.`;
}

export function explain({ logits, precision, naive, naiveSoftmax }) {
  const name = NAME[precision];
  const m = Math.max(...logits);
  const n = logits.length;
  if (naive === Infinity) {
    const over = logits.filter((x) => x > OVERFLOW_AT[precision]).length;
    if (over === 0) {
      // e.g. twelve logits of 88.5 in float32: each e^88.5 ~ 2.7e38 fits, their sum ~ 3.2e39 does not.
      return `Naive path: the sum overflowed. Each e^x fits in ${name} (every logit is below `
        + `${fmt(OVERFLOW_AT[precision])}), but their sum passes the largest finite value `
        + `(${formatNumber(LARGEST[precision], 3)}), so it is Infinity, its log is Infinity, and softmax divides each e^x by `
        + `Infinity, giving 0 for every entry. ${stableReason(m, n)}`;
    }
    const rest = over < n ? ` The other ${n - over === 1 ? 'entry gets' : `${n - over} entries get`} e^x / Infinity = 0.` : '';
    return `Naive path: exp overflowed. e^${fmt(m)} is larger than ${name}'s largest finite value `
      + `(${formatNumber(LARGEST[precision], 3)}), as e^x is for any x > ${fmt(OVERFLOW_AT[precision])}, so the sum `
      + `is Infinity and its log is Infinity. Softmax divides Infinity by Infinity, which is NaN, for `
      + `${over === n ? 'every entry' : over === 1 ? 'the entry that overflowed' : `the ${over} entries that overflowed`}.`
      + `${rest} `
      + stableReason(m, n);
  }
  if (naive === -Infinity) {
    return `Naive path: exp underflowed. Every e^x is smaller than half of ${name}'s smallest positive value `
      + `(${formatNumber(SMALLEST[precision], 3)}), as it is for any x < ${fmt(UNDERFLOW_AT[precision])}, so each `
      + `rounds to 0: the sum is 0, log 0 = -Infinity, and softmax computes 0 / 0 = NaN. ${stableReason(m, n)}`;
  }
  if (naiveSoftmax.some(Number.isNaN)) {
    return `Naive path: the softmax produced NaN (an Infinity / Infinity or 0 / 0 division). ${stableReason(m, n)}`;
  }
  return `No overflow: every logit is at most ${fmt(m)}, below ln(largest ${name}) ≈ ${fmt(OVERFLOW_AT[precision])}, `
    + `and the sum of exponentials does not round to 0, so both paths give finite answers. Try 1000, 1000.`;
}
