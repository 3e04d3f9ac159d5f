// Seeded random numbers for practice problems: the same seed gives the same problem on every machine, so a seed in
// the URL (?practice.<type>=<seed>) hands every student the same problem.
import { mulberry32 } from '../widgets/shared/random.js';
export const seededRandom = (seed) => mulberry32((Number(seed) >>> 0) ^ 0x9e3779b9);

/** Helpers over one generator: integers, one-decimal numbers, picks. */
export function dice(seed) {
  const random = seededRandom(seed);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  return {
    random,
    int,
    /** A number in [lo, hi] with `decimals` decimals (exactly representable as typed). */
    step(lo, hi, decimals = 1) {
      const k = 10 ** decimals;
      return int(Math.round(lo * k), Math.round(hi * k)) / k;
    },
    pick: (items) => items[int(0, items.length - 1)],
  };
}
