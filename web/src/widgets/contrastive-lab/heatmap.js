// A small heat map as an HTML table (so screen readers can walk rows and columns): each cell's background comes
// from a d3 colour scale between theme colours, and its text takes whichever of the theme's text and background
// colours contrasts more. If neither reaches 4.5:1 (WCAG AA for normal text; a mid-tone background can fall short
// for both), the cell's colour is moved toward the nearer end of the scale until one does.
import { scaleLinear } from 'd3-scale';

const AA = 4.5;

function channels(colour) {
  const text = colour.trim();
  if (text.startsWith('#')) {
    const hex = text.length === 4 ? text.slice(1).replace(/./g, '$&$&') : text.slice(1, 7);
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
  return (text.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
}

function luminance(colour) {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/** Background and text colour for value v on `scale` (d3, colour range), text from `inks`, AA where possible. */
function cellColours(scale, inks, v) {
  const [lo, hi] = [scale.domain()[0], scale.domain().at(-1)];
  const nearerEnd = Math.abs(v - lo) < Math.abs(v - hi) ? lo : hi;
  let value = Math.min(hi, Math.max(lo, v));
  let best;
  for (let k = 0; k <= 20; k++) {
    const background = scale(value);
    best = inks.map((ink) => ({ background, ink, ratio: contrast(background, ink) }))
      .sort((p, q) => q.ratio - p.ratio)[0];
    if (best.ratio >= AA) break;
    value += (nearerEnd - value) * 0.25;
  }
  return best;
}

/**
 * @param {object} o
 * @param {string} o.className
 * @param {(i: number) => string} o.rowLabel, o.columnLabel
 * @param {number} o.size  rows = columns
 * @param {number[]} o.domain  the scale's domain (2 or 3 stops)
 * @param {(theme: object) => string[]} o.range  colours for the domain stops, from the theme
 * @param {(v: number) => string} o.format
 */
export function createHeatmap({ className, caption, rowLabel, columnLabel, size, domain, range, format }) {
  const wrapper = document.createElement('div');
  wrapper.className = `cl-heatmap-wrap ${className}`;
  // The table may scroll sideways on a phone; a scrolling region must be reachable by keyboard.
  wrapper.tabIndex = 0;
  wrapper.setAttribute('role', 'region');
  wrapper.dataset.scrollRegion = '';
  wrapper.setAttribute('aria-label', caption || 'Softmax of each row');
  const table = document.createElement('table');
  table.className = 'cl-heatmap';
  const captionElement = document.createElement('caption');
  captionElement.textContent = caption;
  const head = document.createElement('tr');
  head.append(document.createElement('td'));
  for (let j = 0; j < size; j++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = columnLabel(j);
    head.append(th);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  const cells = [];
  for (let i = 0; i < size; i++) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = rowLabel(i);
    tr.append(th);
    for (let j = 0; j < size; j++) {
      const td = document.createElement('td');
      if (i === j) td.className = 'is-diagonal';
      tr.append(td);
      cells.push(td);
    }
    tbody.append(tr);
  }
  table.append(captionElement, thead, tbody);
  wrapper.append(table);
  const scale = scaleLinear().domain(domain).clamp(true);

  return {
    element: wrapper,
    setCaption(text) {
      captionElement.textContent = text;
    },
    /** @param {ArrayLike<number>} values  row-major, size x size; @param {object} theme  colours by token name */
    update(values, theme) {
      scale.range(range(theme));
      const inks = [theme.text, theme.bg];
      cells.forEach((td, k) => {
        const v = values[k];
        const { background, ink } = cellColours(scale, inks, v);
        td.style.backgroundColor = background;
        td.style.color = ink;
        const text = format(v);
        if (td.textContent !== text) td.textContent = text;
        td.dataset.value = String(v);
      });
    },
  };
}
