// Self-study on the section page: practice blocks, mastery (from every 'll-objective' event: quick checks, practice,
// quiz, predict-then-reveal), the progress panel and table-of-contents marks, reference blocks that open when a
// link points into them, and the part styles (content-visibility, page-parts.css). Loaded by index.html beside main.js.
import '../practice/practice.js';
import { createMastery } from '../progress/mastery.js';
import { mountProgress } from '../progress/panel.js';
import './page-parts.css';

const mastery = createMastery();
document.addEventListener('ll-objective', (event) => {
  const detail = event.detail ?? {};
  mastery.record({ objective: detail.objective, correct: Boolean(detail.correct), source: detail.source });
});
mountProgress(document, mastery);

/** A link to an anchor inside a closed reference block (or any <details>) opens it and scrolls there. */
function revealTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  let opened = false;
  for (let node = target.parentElement; node; node = node.parentElement) {
    if (node.localName === 'details' && !node.open) {
      node.open = true;
      opened = true;
    }
  }
  if (opened || target.closest('section.part')) requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }));
}
window.addEventListener('hashchange', revealTarget);
if (location.hash) {
  revealTarget();
  // Widgets above the target grow as they start; keep the target in view until the reader scrolls themselves.
  let userScrolled = false;
  const stop = () => { userScrolled = true; };
  for (const type of ['wheel', 'keydown', 'touchstart', 'pointerdown']) window.addEventListener(type, stop, { once: true, passive: true });
  const follow = () => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!userScrolled && target) target.scrollIntoView({ block: 'start' });
  };
  document.addEventListener('ll-rendered', follow, true); // capture: the event does not bubble
  setTimeout(() => document.removeEventListener('ll-rendered', follow, true), 6000);
}

// Reference blocks print open.
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details.reference:not([open])')) {
    d.open = true;
    d.dataset.printOpened = '';
  }
});
window.addEventListener('afterprint', () => {
  for (const d of document.querySelectorAll('details[data-print-opened]')) {
    d.open = false;
    delete d.dataset.printOpened;
  }
});
