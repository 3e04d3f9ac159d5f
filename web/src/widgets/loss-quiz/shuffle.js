// Seeded, reproducible shuffles (shared by the quiz at run time and the quick checks at build time).
import { mulberry32 as seededRandom } from '../shared/random.js';

/** FNV-1a (32 bit) of a string. */
export function hashString(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export { seededRandom };

/** Fisher-Yates with the seeded generator: the same seed gives the same order everywhere. */
export function shuffled(items, seed) {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
