// A local helper until the shared frame does it: the frame writes each marker's value label beside its own dot and
// each series name at its line end, independently, so markers at (nearly) the same place -- four losses at one
// error, a marked point near a line end -- can print on top of each other. spreadLabels moves the text labels of
// one plot apart vertically, in place, after each update: a label that overlaps one already placed (their boxes
// intersect) moves below it, or above it when that would leave the plot. Labels are moved, never rebuilt.
const GAP = 15; // 13 px text plus 2 px
const CHAR_PX = 7.4; // average width of a 13 px label character

function box(t) {
  const x = Number(t.getAttribute('x'));
  const width = t.textContent.length * CHAR_PX;
  const anchor = t.getAttribute('text-anchor');
  const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
  return { t, left, right: left + width, y: Number(t.getAttribute('y')) };
}

const watched = new WeakSet(); // plots whose re-layout on resize already re-runs the helper

function afterResize(plot, run) {
  if (watched.has(plot)) return;
  watched.add(plot);
  plot.frame.onResize(run); // the plot's own redraw was registered first, so this runs after it
}

export function spreadLabels(plot, { gap = GAP } = {}) {
  afterResize(plot, () => spreadLabels(plot, { gap }));
  const { bounds, overlay } = plot.frame;
  const labels = [...overlay.querySelectorAll('text.ll-label')].map(box);
  // Groups of labels whose horizontal extents overlap (transitively): only they can collide.
  const groups = [];
  for (const label of labels) {
    const touching = groups.filter((g) => g.some((b) => label.left < b.right && b.left < label.right));
    const merged = [label, ...touching.flat()];
    for (const g of touching) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  for (const group of groups) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.y - b.y);
    const ys = group.map((b) => b.y);
    for (let i = 1; i < ys.length; i++) ys[i] = Math.max(ys[i], ys[i - 1] + gap);
    const floor = bounds.bottom - 2;
    if (ys.at(-1) > floor) {
      ys[ys.length - 1] = floor;
      for (let i = ys.length - 2; i >= 0; i--) ys[i] = Math.min(ys[i], ys[i + 1] - gap);
    }
    group.forEach((b, i) => {
      const y = Math.max(bounds.top + 11, ys[i]);
      if (y !== b.y) b.t.setAttribute('y', String(y));
    });
  }
}

/**
 * For bar charts: value labels of neighbouring bars collide when groups are narrow. Keeps the labels over the
 * emphasised bars (the true class) first, then every other label that does not overlap one already kept; the rest
 * are hidden (their values stay in the widget's Numbers table).
 */
export function thinBarLabels(chart) {
  afterResize(chart, () => thinBarLabels(chart));
  const { overlay, area } = chart.frame;
  const emphasis = [...area.querySelectorAll('rect.ll-bar.is-emphasis')].map((r) => {
    const x = Number(r.getAttribute('x'));
    return [x, x + Number(r.getAttribute('width'))];
  });
  const important = (b) => emphasis.some(([l, r]) => (b.left + b.right) / 2 >= l && (b.left + b.right) / 2 <= r);
  const labels = [...overlay.querySelectorAll('text.ll-bar-label')].map(box);
  labels.sort((a, b) => Number(important(b)) - Number(important(a)));
  const kept = [];
  for (const label of labels) {
    const clash = kept.some((b) => label.left - 2 < b.right && b.left - 2 < label.right && Math.abs(b.y - label.y) < GAP);
    label.t.style.visibility = clash ? 'hidden' : '';
    if (!clash) kept.push(label);
  }
}
