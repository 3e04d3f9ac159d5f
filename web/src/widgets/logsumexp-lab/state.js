// State of the Log-Sum-Exp lab: the precision lives in the schema (a choice, so the shared URL code handles it);
// the logits are free text, which the shared schema has no type for, so this file parses them and keeps them in
// the URL itself under the same `logsumexp-lab.logits` key convention.
export const MAX_LOGITS = 12;
// Beyond 1e4 the lesson would change (float32 cannot even store 1e39), so larger entries are refused.
export const LOGIT_LIMIT = 1e4;
export const DEFAULT_LOGITS = '1000, 1000';
const LOGITS_KEY = 'logits';

export const schema = {
  precision: { type: 'choice', values: ['f64', 'f32'], default: 'f64' },
};

// A plain decimal number: optional sign, digits with an optional fraction, optional exponent. Number() alone
// would also accept '', ' ', '0x1f' and 'Infinity'.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses comma-separated logits. Returns { values } or { error } with a message that names the bad entry.
 * Accepts the typographic minus (U+2212) that pasted maths often carries.
 */
export function parseLogits(text) {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter at least one number, e.g. 1, 2, 3.' };
  const entries = trimmed.split(',').map((s) => s.trim().replace(/\u2212/g, '-'));
  if (entries.length > MAX_LOGITS) return { error: `At most ${MAX_LOGITS} logits, got ${entries.length}.` };
  const values = [];
  for (const [i, entry] of entries.entries()) {
    const where = `Entry ${i + 1} ('${entry}')`;
    if (entry === '') return { error: `Entry ${i + 1} is empty: remove the extra comma.` };
    if (/^[+-]?(inf(inity)?|nan)$/i.test(entry)) return { error: `${where} is not a finite number.` };
    if (!DECIMAL.test(entry)) return { error: `${where} is not a number.` };
    const x = Number(entry);
    if (!Number.isFinite(x)) return { error: `${where} is not a finite number.` };
    if (Math.abs(x) > LOGIT_LIMIT) return { error: `${where} is outside [-${LOGIT_LIMIT}, ${LOGIT_LIMIT}].` };
    values.push(x);
  }
  return { values };
}

/** The initial logits text: URL parameter, then the element's `logits` attribute, then the default. */
export function readLogitsText(element, search = globalThis.location?.search ?? '') {
  const fromUrl = new URLSearchParams(search).get(`${element.localName}.${LOGITS_KEY}`);
  const text = fromUrl ?? element.getAttribute(LOGITS_KEY) ?? DEFAULT_LOGITS;
  return parseLogits(text).values ? text : DEFAULT_LOGITS;
}

/** Mirrors valid logits into the URL (dropped when they are the default), like writeStateToUrl does for the schema. */
export function writeLogitsToUrl(element, text) {
  if (!globalThis.history?.replaceState || element.hasAttribute('no-url-state')) return;
  const url = new URL(globalThis.location.href);
  const name = `${element.localName}.${LOGITS_KEY}`;
  if (text.trim() === DEFAULT_LOGITS) url.searchParams.delete(name);
  else url.searchParams.set(name, text.trim());
  globalThis.history.replaceState(globalThis.history.state, '', url);
}
