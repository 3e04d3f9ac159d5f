// web/src/widgets/shared/format.js: readouts that always parse back with Number().
import { expect, test } from 'vitest';
import { formatNumber } from '../../web/src/widgets/shared/format.js';

test('six significant digits in plain notation for ordinary magnitudes', () => {
  expect(formatNumber(0.4170300162778335)).toBe('0.41703');
  expect(formatNumber(-1234.56789)).toBe('-1234.57');
  expect(formatNumber(2)).toBe('2');
  expect(formatNumber(0)).toBe('0');
  expect(formatNumber(-0)).toBe('0');
  expect(formatNumber(0.123456789, 3)).toBe('0.123');
});

test('exponent notation for tiny and huge magnitudes', () => {
  expect(formatNumber(1.23456789e-7)).toBe('1.23457e-7');
  expect(formatNumber(9.87654321e12)).toBe('9.87654e+12');
  expect(formatNumber(1e7)).toBe('1.00000e+7');
});

test('NaN and the infinities as words, and every result parses back', () => {
  expect(formatNumber(NaN)).toBe('NaN');
  expect(formatNumber(Infinity)).toBe('Infinity');
  expect(formatNumber(-Infinity)).toBe('-Infinity');
  for (const x of [Math.PI, -Math.E * 1e-9, 1e300, -5e-324, 123456.7, NaN, Infinity]) {
    const back = Number(formatNumber(x));
    if (Number.isNaN(x)) expect(back).toBeNaN();
    else if (!Number.isFinite(x)) expect(back).toBe(x);
    else expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.abs(x) * 1e-5);
  }
});
