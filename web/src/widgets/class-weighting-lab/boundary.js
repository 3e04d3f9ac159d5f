// One decision-boundary picture on a <canvas>: the trainer's predictGrid probabilities as coloured regions (hue =
// predicted class, strength = how sure), with the training points on top. Colours are the palette's class
// concepts (--ll-class-k), resolved at draw time so a light/dark switch only needs a redraw. Only draws.
import { resolveColor } from '../../plot/palette.js';

const SIZE = 360; // canvas pixels; CSS scales it to the column width

function parseColour(context, css) {
  // The canvas normalises any CSS colour to #rrggbb (opaque colours), which is then easy to split.
  context.fillStyle = '#000000';
  context.fillStyle = css.trim() || '#000000';
  const hex = context.fillStyle;
  if (!hex.startsWith('#')) return [0, 0, 0];
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

export function createBoundaryView(title) {
  const figure = document.createElement('figure');
  figure.className = 'll-plot cw-boundary';
  const heading = document.createElement('p');
  heading.className = 'cw-boundary-title';
  heading.textContent = title;
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  canvas.setAttribute('aria-hidden', 'true'); // the figcaption says what the picture shows
  const caption = document.createElement('figcaption');
  caption.className = 'll-visually-hidden';
  figure.append(heading, canvas, caption);
  const context = canvas.getContext('2d');
  const cells = document.createElement('canvas');

  let palette = null;
  return {
    element: figure,
    canvas,
    /** Forget the resolved colours (the theme changed). */
    resetColours() {
      palette = null;
    },
    setCaption(text, title) {
      caption.textContent = text;
      if (title && heading.textContent !== title) heading.textContent = title;
    },
    clear() {
      context.clearRect(0, 0, SIZE, SIZE);
    },
    /** grid: n x n x classes probabilities (row i = y, column j = x, as trainer.predictGrid); x: N x 2 points;
     *  minority: the class drawn larger. */
    draw({ grid, n, classes, extent, x, labels, minority }) {
      // Resolved once per theme (resolving forces a style recalculation; a training run draws 25 frames).
      palette ??= { surface: parseColour(context, resolveColor(figure, '--surface')), outline: resolveColor(figure, '--text'),
        classes: Array.from({ length: 4 }, (_, k) => parseColour(context, resolveColor(figure, `class-${k}`))) };
      const { surface, outline } = palette;
      const colours = palette.classes;

      cells.width = n;
      cells.height = n;
      const cellContext = cells.getContext('2d');
      const image = cellContext.createImageData(n, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const o = (i * n + j) * classes;
          let best = 0;
          for (let k = 1; k < classes; k++) if (grid[o + k] > grid[o + best]) best = k;
          // Strength 0.12 at a tie (max probability 1/C) up to 0.5 when certain: the boundary shows as a pale seam.
          const sure = (grid[o + best] - 1 / classes) / (1 - 1 / classes);
          const alpha = 0.12 + 0.38 * Math.min(1, Math.max(0, sure));
          const p = ((n - 1 - i) * n + j) * 4; // canvas rows run downwards, y upwards
          for (let c = 0; c < 3; c++) image.data[p + c] = Math.round(surface[c] * (1 - alpha) + colours[best][c] * alpha);
          image.data[p + 3] = 255;
        }
      }
      cellContext.putImageData(image, 0, 0);
      // Grid cell j sits at x = xMin + j (xMax - xMin) / (n - 1): centre each image pixel on its cell's point.
      const cell = SIZE / (n - 1);
      context.imageSmoothingEnabled = true;
      context.clearRect(0, 0, SIZE, SIZE);
      context.drawImage(cells, -cell / 2, -cell / 2, n * cell, n * cell);

      const [xMin, xMax, yMin, yMax] = extent;
      context.lineWidth = 1;
      context.strokeStyle = outline;
      // Blobs list the largest class first, so the rare points are drawn last, on top, and a little larger.
      for (let k = 0; k < classes; k++) {
        context.fillStyle = `rgb(${colours[k].join(',')})`;
        const radius = k === minority ? 4 : 3;
        for (let i = 0; i < labels.length; i++) {
          if (labels[i] !== k) continue;
          const px = ((x[2 * i] - xMin) / (xMax - xMin)) * SIZE;
          const py = SIZE - ((x[2 * i + 1] - yMin) / (yMax - yMin)) * SIZE;
          context.beginPath();
          context.arc(px, py, radius, 0, 2 * Math.PI);
          context.fill();
          context.stroke();
        }
      }
    },
  };
}
