// Slides and handouts: "Download PNG" and "Download SVG" for every 2D figure of a widget (the 3D view: PNG), and
// "Download CSV" for the data every plot registered (frame.setData, web/src/plot/exports.js). The SVG is a standalone file: the computed colours and
// fonts (palette variables resolved) are written onto each element, so it looks the same in slides.
import { figureData, toCsv } from '../plot/exports.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const STYLE_PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity',
  'stroke-linecap', 'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style',
  'text-anchor', 'dominant-baseline', 'paint-order', 'visibility', 'display'];
const NOT_INHERITED = { opacity: '1', display: 'inline' };

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function backgroundOf(element) {
  for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

/** A standalone copy of `svg` (an SVG element in the page) as text. */
export function standaloneSvg(svg) {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const copy = svg.cloneNode(true);
  const sources = [svg, ...svg.querySelectorAll('*')];
  const targets = [copy, ...copy.querySelectorAll('*')];
  // Computed values (palette variables resolved), written only where they differ from what the element would
  // inherit anyway, so the file stays small; presentation attributes holding var(...) are dropped.
  const computed = sources.map((source) => getComputedStyle(source));
  sources.forEach((source, i) => {
    const style = computed[i];
    const parent = i === 0 ? null : computed[sources.indexOf(source.parentElement)];
    const declarations = [];
    for (const name of STYLE_PROPERTIES) {
      const value = style.getPropertyValue(name);
      const keep = Object.hasOwn(NOT_INHERITED, name) ? value !== NOT_INHERITED[name] : !parent || parent.getPropertyValue(name) !== value;
      if (keep) declarations.push(`${name}:${value}`);
    }
    const target = targets[i];
    for (const attribute of [...target.attributes]) {
      if (attribute.value.includes('var(')) target.removeAttribute(attribute.name);
    }
    target.removeAttribute('class');
    if (declarations.length) target.setAttribute('style', declarations.join(';'));
    else target.removeAttribute('style');
  });
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  Object.entries({ x: 0, y: 0, width: '100%', height: '100%', fill: backgroundOf(svg) })
    .forEach(([k, v]) => background.setAttribute(k, String(v)));
  copy.insertBefore(background, copy.firstChild);
  for (const layer of underlays(svg)) {
    const image = document.createElementNS(SVG_NS, 'image');
    Object.entries({ href: layer.href, x: layer.x, y: layer.y, width: layer.width, height: layer.height, preserveAspectRatio: 'none' })
      .forEach(([k, v]) => image.setAttribute(k, String(v)));
    background.after(image);
  }
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`, width, height };
}

/** PNG of an SVG (drawn at twice its size, crisp on slides) or of a canvas. */
export async function pngOf(node, scale = 2) {
  if (node instanceof HTMLCanvasElement) {
    return new Promise((resolve, reject) => node.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('empty canvas'))), 'image/png'));
  }
  const { text, width, height } = standaloneSvg(node);
  const image = new Image();
  // A data: URL (the CSP allows img-src data:, not blob:).
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return pngOf(canvas);
}

/** The rows a figure registered with the plot frame (frame.setData), or null. */
export function rowsOf(figure) {
  try {
    const rows = figureData(figure);
    return Array.isArray(rows) && rows.length ? rows : null;
  } catch {
    return null;
  }
}

const slug = (text) => String(text).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'figure';

function figuresOf(element) {
  const found = [];
  for (const figure of element.querySelectorAll('figure')) {
    if (found.some((f) => f.figure.contains(figure) || figure.contains(f.figure))) continue;
    const svg = figure.querySelector('svg[role=img], svg');
    const canvas = svg ? null : figure.querySelector('canvas');
    if (svg || canvas) found.push({ figure, svg, canvas });
  }
  // A 3D view draws into a WebGL canvas outside any <figure>: PNG only.
  for (const canvas of element.querySelectorAll('canvas')) {
    if (found.some((f) => f.figure.contains(canvas)) || canvas.width < 200) continue;
    found.push({ figure: canvas.parentElement, svg: null, canvas, name: '3D view' });
  }
  return found;
}

/** Canvases layered under an SVG in the same figure (a heatmap raster), as PNG data URLs at their offsets. */
function underlays(svg) {
  const figure = svg.closest('figure');
  if (!figure) return [];
  const origin = svg.getBoundingClientRect();
  return [...figure.querySelectorAll('canvas')].map((canvas) => {
    const box = canvas.getBoundingClientRect();
    let href = '';
    try {
      href = canvas.toDataURL('image/png');
    } catch {
      return null;
    }
    return { href, x: box.left - origin.left, y: box.top - origin.top, width: box.width, height: box.height };
  }).filter((u) => u && u.width > 0 && u.height > 0);
}

function figureName(figure, svg, index) {
  return figure.getAttribute('aria-label') || figure.querySelector('figcaption')?.textContent.trim()
    || svg?.getAttribute('aria-label') || svg?.querySelector('title')?.textContent.trim()
    || figure.querySelector('canvas')?.getAttribute('aria-label') || `Figure ${index + 1}`;
}

/** A "Download" menu button in the tools slot (disclosure pattern: aria-expanded, Escape closes); its list is
 *  rebuilt each time it opens (figures may come and go). */
let menus = 0;
export function addDownloads(element, tools) {
  const menu = document.createElement('div');
  menu.className = 'll-downloads';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'll-downloads-toggle';
  const arrow = document.createElement('span');
  arrow.className = 'll-downloads-arrow';
  arrow.setAttribute('aria-hidden', 'true');
  arrow.textContent = '▾';
  toggle.append('Download ', arrow);
  toggle.setAttribute('aria-expanded', 'false');
  const list = document.createElement('ul');
  list.className = 'll-download-list';
  list.id = `ll-downloads-${(menus += 1)}`;
  list.hidden = true;
  toggle.setAttribute('aria-controls', list.id);
  menu.append(toggle, list);
  const tag = element.localName;
  const fill = () => {
    list.replaceChildren();
    figuresOf(element).forEach(({ figure, svg, canvas, name: given }, i) => {
      const name = given ?? figureName(figure, svg, i);
      const base = `${tag}-${i + 1}-${slug(name).slice(0, 40)}`;
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'll-download-name';
      label.textContent = name.length > 80 ? `${name.slice(0, 77)}…` : name;
      item.append(label);
      const add = (text, action) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = text;
        button.setAttribute('aria-label', `${text}: ${label.textContent}`);
        button.addEventListener('click', () => action().catch((error) => console.warn('LossLab: download failed', error)));
        item.append(button);
      };
      add('Download PNG', async () => download(`${base}.png`, await pngOf(svg ?? canvas)));
      if (svg) add('Download SVG', async () => download(`${base}.svg`, new Blob([standaloneSvg(svg).text], { type: 'image/svg+xml' })));
      if (rowsOf(figure)) {
        add('Download CSV', async () => download(`${base}.csv`, new Blob([toCsv(rowsOf(figure))], { type: 'text/csv' })));
      }
      list.append(item);
    });
    if (!list.childElementCount) {
      const none = document.createElement('li');
      none.textContent = 'This widget has no figure to download.';
      list.append(none);
    }
  };
  const setOpen = (open) => {
    if (open) fill();
    list.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    arrow.textContent = open ? '▴' : '▾';
  };
  toggle.addEventListener('click', () => setOpen(list.hidden));
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !list.hidden) {
      setOpen(false);
      toggle.focus();
    }
  });
  // A click elsewhere closes it, as menus do.
  document.addEventListener('click', (event) => {
    if (event.isTrusted && !list.hidden && !menu.contains(event.target)) setOpen(false); // not the download link's own click
  });
  tools.append(menu);
  return menu;
}
