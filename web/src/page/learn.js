// Self-study on the section page: practice blocks, mastery (from every 'll-objective' event: quick checks, practice,
// quiz, predict-then-reveal), the progress panel and table-of-contents marks, reference blocks that open when a
// link points into them, and the part styles (content-visibility). Loaded by index.html beside main.js.
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

/** content-visibility: auto on the parts that hold no widget or practice block, each held at its measured height (a
 *  guessed size would move every anchor below it). Parts with widgets stay rendered: in Chromium an
 *  IntersectionObserver target inside a skipped part is not reported when it scrolls into view, which would stop
 *  the widgets' lazy start, and a widget that grows after the measurement would make a skipped part's size wrong. */
export function skipOffscreenParts(doc = document) {
  const parts = [...doc.querySelectorAll('main > section.part')]
    .filter((part) => ![...part.querySelectorAll('*')].some((e) => e.localName.includes('-')));
  const heights = parts.map((part) => part.getBoundingClientRect().height);
  parts.forEach((part, i) => {
    part.style.containIntrinsicSize = `auto ${Math.ceil(heights[i])}px`;
    part.classList.add('ll-cv');
  });
  return parts.map((p) => p.dataset.part);
}
if (document.readyState === 'complete') requestAnimationFrame(() => skipOffscreenParts());
else window.addEventListener('load', () => requestAnimationFrame(() => skipOffscreenParts()), { once: true });

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
