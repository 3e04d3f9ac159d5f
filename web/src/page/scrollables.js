// Display equations and code blocks scroll sideways when they are wider than a phone screen. A region that scrolls
// must be reachable by keyboard, so a block that overflows becomes a tab stop (and stops being one when it fits);
// the many blocks that fit stay out of the tab order.
export function makeOverflowingBlocksFocusable(doc) {
  const blocks = [...doc.querySelectorAll('main eqn, main .katex-display, main pre')];
  const update = () => {
    for (const block of blocks) {
      const overflows = block.scrollWidth > block.clientWidth + 1;
      if (overflows && !block.hasAttribute('tabindex')) block.setAttribute('tabindex', '0');
      else if (!overflows && block.getAttribute('tabindex') === '0') block.removeAttribute('tabindex');
    }
  };
  update();
  if ('ResizeObserver' in globalThis) new ResizeObserver(update).observe(doc.documentElement);
}
