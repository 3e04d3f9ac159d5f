/*! LossLab embed host script (dist/embed-host.js). Load it once on a page that holds LossLab iframes:
 *    <script src="https://YOUR-HOST/losslab/embed-host.js" async></script>
 *  It sizes every LossLab iframe to its content (no inner scrollbar) and re-dispatches quiz statements on the
 *  iframe as a bubbling 'losslab:xapi' event (event.detail = { widget, statement }). Messages are matched to
 *  their iframe by event.source, so sandboxed frames (origin 'null') work too. No dependencies, no globals
 *  except window.LossLabEmbeds (for hosts that add iframes later: LossLabEmbeds.refresh()). */
(function () {
  'use strict';
  if (window.LossLabEmbeds) return;
  var SOURCE = 'losslab';

  function frameFor(source) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.source !== SOURCE || data.version !== 1) return;
    var frame = frameFor(event.source);
    if (!frame) return;
    if (data.type === 'height') {
      var height = Number(data.height);
      if (!(height > 0) || height > 100000) return;
      frame.style.height = Math.ceil(height) + 'px';
      frame.setAttribute('data-losslab-height', String(Math.ceil(height)));
      if (frame.getAttribute('scrolling') === null) frame.setAttribute('scrolling', 'no');
    } else if (data.type === 'xapi') {
      frame.dispatchEvent(new CustomEvent('losslab:xapi', {
        bubbles: true, detail: { widget: String(data.widget || ''), statement: data.statement },
      }));
    }
  });

  // Frames that reported before this script ran are asked again.
  function refresh() {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      try {
        frames[i].contentWindow.postMessage({ source: 'losslab-host', type: 'request-height' }, '*');
      } catch (e) { /* a frame without a window yet */ }
    }
  }
  window.LossLabEmbeds = { refresh: refresh };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', refresh);
  else refresh();
}());
