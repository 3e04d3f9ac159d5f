// Auto-height: tells the parent window the embed's content height at load and whenever it changes (a plot
// appearing, a disclosure opening, the frame getting narrower and the layout wrapping). Measured as the document's
// content box, not the viewport, so a frame taller than its content reports the content and can shrink.
import { postToParent } from './protocol.js';

export function measureHeight(doc = document) {
  const body = doc.body;
  const style = getComputedStyle(body);
  // The body's border box plus its margins: stable whatever height the iframe itself has.
  return Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
}

/** Starts reporting; returns a function that stops it. */
export function reportHeight(widget) {
  let last = -1;
  let frame = 0;
  const send = () => {
    frame = 0;
    const height = measureHeight();
    if (height === last) return;
    last = height;
    document.documentElement.dataset.contentHeight = String(height);
    postToParent('height', widget, { height });
  };
  // Next frame, or 60 ms later if no frame comes: browsers pause animation frames (and resize observations) in
  // cross-origin iframes that are scrolled out of view, and the host should still learn the new height.
  let timer = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => { clearTimeout(timer); timer = 0; send(); });
    if (!timer) timer = setTimeout(() => { timer = 0; cancelAnimationFrame(frame); send(); }, 60);
  };
  const observer = new ResizeObserver(schedule);
  observer.observe(document.body);
  // DOM changes (a widget's lazy parts arriving, text changing) are seen even while rendering is paused.
  const mutations = new MutationObserver(schedule);
  mutations.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  document.addEventListener('toggle', schedule, true);
  window.addEventListener('load', schedule);
  // <details> toggles and late images/fonts resize the body, which the observer sees; a host that loads after the
  // first report can ask again with { source: 'losslab-host', type: 'request-height' }.
  const onMessage = (event) => {
    if (event.source === window.parent && event.data?.source === 'losslab-host' && event.data.type === 'request-height') {
      last = -1;
      schedule();
    }
  };
  window.addEventListener('message', onMessage);
  document.fonts?.ready.then(schedule);
  schedule();
  return () => {
    observer.disconnect();
    mutations.disconnect();
    clearTimeout(timer);
    window.removeEventListener('message', onMessage);
    cancelAnimationFrame(frame);
  };
}
