// Offline reloads: registers the Workbox service worker that vite-plugin-pwa writes (dist/sw.js) once the page
// has loaded. Sandboxed or storage-less frames cannot register one; that is expected and stays quiet.
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  // Not inside an LMS package (the LMS serves it; a worker there could outlive the course's own caching).
  if (new URLSearchParams(location.search).has('lms')) return;
  const register = () => {
    try {
      navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' }).catch(() => {});
    } catch {
      // SecurityError in an opaque-origin (sandboxed) document
    }
  };
  // A little after load, so the first paint and the widgets' first computations do not share the network and
  // the main thread with precaching (about 2.4 MB, once).
  const later = () => setTimeout(register, 1500);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
