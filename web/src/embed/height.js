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
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(send);
  };
  const observer = new ResizeObserver(schedule);
  observer.observe(document.body);
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
    window.removeEventListener('message', onMessage);
    cancelAnimationFrame(frame);
  };
}
