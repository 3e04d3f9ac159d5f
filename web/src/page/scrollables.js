// Display equations and code blocks scroll sideways when they are wider than a phone screen. A region that scrolls
// must be reachable by keyboard, so a block that overflows becomes a tab stop (and stops being one when it fits);
// the many blocks that fit stay out of the tab order. Each block is checked when its size changes, from a
// ResizeObserver, which runs after layout: reading scrollWidth at load instead forced a layout of the whole page.
export function makeOverflowingBlocksFocusable(doc) {
  const blocks = doc.querySelectorAll('main .math-display, main pre');
  if (!('ResizeObserver' in globalThis)) return;
  const observer = new ResizeObserver((entries) => {
    const overflowing = entries.map(({ target }) => [target, target.scrollWidth > target.clientWidth + 1]);
    for (const [block, overflows] of overflowing) {
      if (overflows && !block.hasAttribute('tabindex')) block.setAttribute('tabindex', '0');
      else if (!overflows && block.getAttribute('tabindex') === '0') block.removeAttribute('tabindex');
    }
  });
  blocks.forEach((block) => observer.observe(block));
}
