// An explicit lookup table for colouring a scalar field: value -> t = (value - min) / (max - min) in [0, 1] ->
// one of `size` precomputed colours. Shared by the WebGL surface (vertex colours) and the 2D heatmap fallback, so
// both views use the same colours for the same numbers. No three.js here: the 2D path must not pull it in.

// Viridis (matplotlib's default; perceptually uniform, readable in greyscale and by most colour-blind readers),
// sampled at 9 evenly spaced stops; the table interpolates linearly between them in sRGB.
export const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

function hexToRgb(hex) {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

// sRGB transfer function inverse (IEC 61966-2-1): WebGL blends and lights in linear light, so the 3D view gets the
// linear values and three.js converts back to sRGB on output; the 2D canvas takes the sRGB bytes as they are.
function srgbToLinear(c) {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/**
 * @param {string[]} stops  hex colours, evenly spaced over [0, 1]
 * @param {number} size     table entries (256: steps of 0.4 % of the range, finer than the eye separates)
 * @returns {{ size: number, srgb: Uint8ClampedArray, linear: Float32Array, index(t: number): number }}
 *   srgb / linear hold `size` RGB triples; index(t) clamps t to [0, 1] (NaN -> the top colour, like a cliff).
 */
export function createLut(stops = VIRIDIS, size = 256) {
  const rgb = stops.map(hexToRgb);
  const srgb = new Uint8ClampedArray(size * 3);
  const linear = new Float32Array(size * 3);
  for (let k = 0; k < size; k++) {
    const s = (k / (size - 1)) * (rgb.length - 1);
    const i = Math.min(rgb.length - 2, Math.floor(s));
    const f = s - i;
    for (let c = 0; c < 3; c++) {
      const v = rgb[i][c] + (rgb[i + 1][c] - rgb[i][c]) * f;
      srgb[3 * k + c] = Math.round(v);
      linear[3 * k + c] = srgbToLinear(v / 255);
    }
  }
  return {
    size,
    srgb,
    linear,
    index(t) {
      if (!(t >= 0)) return Number.isNaN(t) ? size - 1 : 0;
      return t >= 1 ? size - 1 : Math.floor(t * (size - 1) + 0.5);
    },
  };
}

/** CSS gradient text for a legend bar drawn with the same stops. */
export function cssGradient(stops = VIRIDIS, direction = 'to right') {
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}
