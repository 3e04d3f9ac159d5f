// The postMessage protocol between an embedded LossLab page (embed.html) and the page that holds its iframe.
// Every message the embed sends is a plain object { source: 'losslab', version: 1, type, widget, ... }:
//   type 'height'  { height }     the content height in CSS pixels, sent at load and whenever it changes
//   type 'xapi'    { statement }  one xAPI-shaped statement from the quiz ('answered', 'completed')
// The host script (embed-host.js) applies 'height' to the iframe that sent it (matched by event.source, so it also
// works for sandboxed frames whose origin is 'null') and re-dispatches 'xapi' on that iframe as a bubbling
// 'losslab:xapi' CustomEvent. Hosts that do not load the script can listen for 'message' themselves.
export const SOURCE = 'losslab';
export const VERSION = 1;

/** Sends one protocol message to the parent window (no-op when the page is not framed). */
export function postToParent(type, widget, payload) {
  if (window.parent === window) return;
  try {
    // '*': the embed does not know its host's origin, and nothing it sends is private (a height, quiz results the
    // student just produced in this frame).
    window.parent.postMessage({ source: SOURCE, version: VERSION, type, widget, ...payload }, '*');
  } catch {
    // A structured-clone failure must not break the widget; the statement is simply not forwarded.
  }
}
