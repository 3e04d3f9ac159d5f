// Which data each figure shows, for "Download CSV": a plot gives its <figure> a function that returns its rows (kept
// on the element itself, so no registry outlives the figure); the page's export tools ask the figure.

/** getRows() -> [{ column: value, ... }], the data the figure shows now. */
export function registerFigureData(figure, getRows) {
  figure.llFigureData = getRows;
}

/** The figure's rows, or null when it registered none. */
export function figureData(figure) {
  return figure.llFigureData?.() ?? null;
}

/** Rows -> CSV text (RFC 4180 quoting; numbers at full precision). */
export function toCsv(rows) {
  if (!rows?.length) return '';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v) => {
    const text = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
