// Annotated listings: selecting, focusing or hovering a line with a note shows that note beside the code. The
// full list of notes stays below the code, so nothing depends on a pointer.
export function enhanceListings(doc) {
  for (const listing of doc.querySelectorAll('[data-listing]')) {
    const panel = listing.querySelector('.listing-active-note');
    const show = (line) => {
      for (const l of listing.querySelectorAll('.listing-line.is-active')) l.classList.remove('is-active');
      if (!line) return;
      const note = listing.querySelector(`#${CSS.escape(line.getAttribute('aria-describedby'))}`);
      line.classList.add('is-active');
      panel.hidden = false;
      panel.innerHTML = note.innerHTML;
    };
    listing.addEventListener('focusin', (e) => show(e.target.closest('.listing-line.has-note')));
    listing.addEventListener('click', (e) => {
      const line = e.target.closest('.listing-line.has-note');
      if (line) line.focus();
    });
    listing.addEventListener('pointerover', (e) => {
      const line = e.target.closest('.listing-line.has-note');
      if (line) show(line);
    });
  }
}
