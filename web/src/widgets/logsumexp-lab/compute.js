// The lab's numbers: log-sum-exp and softmax, naive and stable, in the chosen precision. `stable` is an option of
// the core call, not an input, so the four results are four calls (each on at most 12 numbers: microseconds).
// The naive path really runs in float32 when asked (the core casts the logits and does every exp/sum/log in
// float), so its Infinity and NaN are the real outcomes, not simulations.

// Format facts (not losses), so plain JS: e^x overflows once x > ln(largest finite value), and rounds to 0 once
// e^x < half the smallest positive (subnormal) value, i.e. x < ln(smallest subnormal) - ln 2.
const FLOAT32_MAX = 3.4028234663852886e38;
const FLOAT32_MIN_SUBNORMAL = 1.401298464324817e-45;
export const OVERFLOW_AT = { f32: Math.log(FLOAT32_MAX), f64: Math.log(Number.MAX_VALUE) }; // 88.72, 709.78
export const UNDERFLOW_AT = {
  f32: Math.log(FLOAT32_MIN_SUBNORMAL) - Math.LN2, // -103.97
  f64: Math.log(Number.MIN_VALUE) - Math.LN2, // -745.13
};
export const LARGEST = { f32: FLOAT32_MAX, f64: Number.MAX_VALUE };
export const SMALLEST = { f32: FLOAT32_MIN_SUBNORMAL, f64: Number.MIN_VALUE };

export function computeLogSumExp(core, { logits, precision }) {
  const x = Float64Array.from(logits);
  return {
    logits: x,
    precision,
    naive: core.logSumExp(x, { stable: false, precision }),
    stable: core.logSumExp(x, { stable: true, precision }),
    naiveSoftmax: core.softmax(x, { stable: false, precision }),
    stableSoftmax: core.softmax(x, { stable: true, precision }),
  };
}
