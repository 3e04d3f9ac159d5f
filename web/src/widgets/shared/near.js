// Lazy start: a long page should not build sixteen widgets (and the quiz's 32 questions) at load.

/** Calls `start` once, when `element` comes within one viewport height of the screen (or before printing). */
export function whenNear(element, start) {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    globalThis.removeEventListener('beforeprint', once);
    start();
  };
  const observer = globalThis.IntersectionObserver
    ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && once(), { rootMargin: '100% 0px' })
    : null;
  if (observer) observer.observe(element);
  else queueMicrotask(once);
  globalThis.addEventListener('beforeprint', once);
  return once;
}
