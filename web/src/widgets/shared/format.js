// Number formatting for readouts: 6 significant digits, plain notation for ordinary magnitudes and exponent
// notation for tiny or huge ones. ASCII '-' and the words NaN / Infinity (some labs show them on purpose), so a
// readout's text always parses back with Number().
export function formatNumber(x, digits = 6) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e7) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1);
}
