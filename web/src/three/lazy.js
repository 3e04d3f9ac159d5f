// Helpers for loading a 3D view late, without importing three.js: a WebGL 2 probe (three.js r163+ needs WebGL 2)
// and a trigger that fires once when an element comes near the viewport or the reader first interacts with it.

/** True when this browser can create a WebGL 2 context (false with WebGL disabled or blocklisted). */
export function webgl2Available() {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    // Release the probe context at once: browsers cap live contexts (~16) and would drop the oldest.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return Boolean(gl);
  } catch {
    return false;
  }
}

/**
 * Calls `load` once: when `element` is within `margin` of the viewport (IntersectionObserver), or on the first
 * pointerdown / focusin / keydown inside it, whichever comes first. Returns a cancel function.
 * @param {HTMLElement} element
 * @param {() => void} load
 * @param {string} [margin]  IntersectionObserver rootMargin; 400 px is about half a screen of scrolling ahead
 */
export function whenNear(element, load, margin = '400px 0px') {
  const events = ['pointerdown', 'focusin', 'keydown'];
  let done = false;
  const observer = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && fire(), { rootMargin: margin })
    : null;
  function cancel() {
    observer?.disconnect();
    for (const type of events) element.removeEventListener(type, fire, true);
  }
  function fire() {
    if (done) return;
    done = true;
    cancel();
    load();
  }
  for (const type of events) element.addEventListener(type, fire, true);
  if (observer) observer.observe(element);
  else fire(); // no IntersectionObserver: load now rather than never
  return () => {
    done = true;
    cancel();
  };
}
