// mulberry32: a 32-bit seeded generator of numbers in [0, 1), the same sequence in every browser and in Node.
// Practice problems, quiz shuffles and the MSE explorer's data all draw from it, so a seed in a URL reproduces them.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
