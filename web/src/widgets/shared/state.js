// A widget's state is one plain object described by a schema, so it can be clamped, read from attributes or the
// URL (?<tag>.<key>=value, for embedding and sharing), and written back.
//
// Schema entry: { type: 'number', min, max, default } | { type: 'int', min, max, default }
//             | { type: 'choice', values: [...], default } | { type: 'bool', default }

function coerce(spec, raw) {
  // A bare boolean attribute (<x-widget log-scale>) reads as '' and means true.
  if (spec.type === 'bool' && raw === '') return true;
  if (raw === undefined || raw === null || raw === '') return spec.default;
  switch (spec.type) {
    case 'number':
    case 'int': {
      let x = Number(raw);
      if (!Number.isFinite(x)) return spec.default;
      if (spec.type === 'int') x = Math.round(x);
      return Math.min(spec.max, Math.max(spec.min, x));
    }
    case 'choice': {
      const match = spec.values.find((v) => String(v) === String(raw));
      return match === undefined ? spec.default : match;
    }
    case 'bool':
      return raw === true || raw === 'true' || raw === '1';
    default:
      throw new Error(`state: unknown type ${spec.type}`);
  }
}

/** Defaults, overridden by element attributes, overridden by URL parameters `${prefix}.${key}`. */
export function readState(schema, element, search = globalThis.location?.search ?? '') {
  const params = new URLSearchParams(search);
  const prefix = element.localName;
  const state = {};
  for (const [key, spec] of Object.entries(schema)) {
    const fromUrl = params.get(`${prefix}.${key}`);
    const fromAttribute = element.getAttribute(key);
    state[key] = coerce(spec, fromUrl ?? fromAttribute ?? undefined);
  }
  return state;
}

/** Returns a copy of `state` with `changes` applied and every value coerced into its schema's range. */
export function withChanges(schema, state, changes) {
  const next = { ...state };
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in schema)) throw new Error(`state: unknown key ${key}`);
    next[key] = coerce(schema[key], value);
  }
  return next;
}

/** The URL with this widget's non-default values written into `href`'s query (other parameters kept). */
export function urlWithState(schema, state, element, href = globalThis.location.href) {
  const url = new URL(href);
  for (const [key, spec] of Object.entries(schema)) {
    const name = `${element.localName}.${key}`;
    if (state[key] === spec.default) url.searchParams.delete(name);
    else url.searchParams.set(name, String(state[key]));
  }
  return url;
}

/**
 * A writer that keeps the address bar in step with a widget's state without flooding history.replaceState:
 * it writes only when the state changed, `quietMs` (250) after the last change, or at the latest `maxWaitMs` (1000)
 * after the first unwritten one while changes keep coming (a long drag, an animation). Each call costs ~10 ms on
 * this machine (a round trip to the browser process), so a drag writes about once a second, not 4 times, and the
 * write lands after the gesture rather than inside it. It never throws (Safari throws SecurityError after 100
 * replaceState calls in 30 s; a failed write is simply skipped, the widget goes on).
 */
export function createUrlWriter(schema, element, { quietMs = 250, maxWaitMs = 1000 } = {}) {
  let pending = null;
  let timer = 0;
  let firstPendingAt = 0;
  let written = '';
  const write = () => {
    timer = 0;
    firstPendingAt = 0;
    if (!pending || !globalThis.history?.replaceState) return;
    const url = urlWithState(schema, pending, element);
    pending = null;
    if (url.href === written || url.href === globalThis.location.href) return;
    try {
      globalThis.history.replaceState(globalThis.history.state, '', url);
      written = url.href;
    } catch {
      // Rate-limited or forbidden (sandboxed frame): the state stays in the widget; the next change tries again.
    }
  };
  return {
    schedule(state) {
      pending = state;
      const now = Date.now();
      firstPendingAt ||= now;
      clearTimeout(timer);
      timer = setTimeout(write, Math.max(0, Math.min(quietMs, firstPendingAt + maxWaitMs - now)));
    },
    cancel() {
      clearTimeout(timer);
      timer = 0;
      firstPendingAt = 0;
      pending = null;
    },
  };
}
