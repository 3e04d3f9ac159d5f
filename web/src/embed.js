// The one-tag embed: <iframe src=".../embed.html?widget=bce-explorer" title="..."></iframe>. The query names the
// widget; any other parameters (bce-explorer.z=1.5 ...) set its initial state.
import './styles/page.css';
import { WIDGETS } from './widgets/registry.js';

const main = document.getElementById('embed');
const tag = new URLSearchParams(location.search).get('widget');
if (tag && Object.hasOwn(WIDGETS, tag)) {
  const element = document.createElement(tag);
  element.setAttribute('heading-level', '2');
  main.replaceChildren(element);
  WIDGETS[tag]();
  document.title = `${tag} · LossLab`;
} else {
  const message = document.createElement('p');
  message.textContent = `Unknown widget "${tag ?? ''}". Available: ${Object.keys(WIDGETS).join(', ')}.`;
  main.replaceChildren(message);
}
