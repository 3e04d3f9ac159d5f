// Marks the table-of-contents entry of the part being read with aria-current="location".
export function trackTableOfContents(doc) {
  const links = new Map([...doc.querySelectorAll('.toc a[href^="#"]')].map((a) => [a.hash.slice(1), a]));
  const parts = [...doc.querySelectorAll('section.part')];
  if (!links.size || !parts.length || !('IntersectionObserver' in globalThis)) return;
  const visible = new Set();
  const mark = () => {
    const current = parts.find((p) => visible.has(p));
    for (const a of links.values()) a.removeAttribute('aria-current');
    const id = current?.dataset.part;
    links.get(id)?.setAttribute('aria-current', 'location');
  };
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) (e.isIntersecting ? visible.add(e.target) : visible.delete(e.target));
    mark();
  }, { rootMargin: '-20% 0px -70% 0px' });
  for (const p of parts) observer.observe(p);
}
