// Printing an embed gives the widget on one page: before printing, scale it (CSS zoom) so its height fits the
// printable height of an A4/Letter page in portrait (about 1000 CSS px at 96 dpi with 10 mm margins).
const PRINTABLE_HEIGHT = 1000;
const PRINTABLE_WIDTH = 690;

export function preparePrint(main) {
  const fit = () => {
    main.style.removeProperty('--ll-print-scale');
    const box = main.getBoundingClientRect();
    const scale = Math.min(1, PRINTABLE_HEIGHT / Math.max(1, box.height), PRINTABLE_WIDTH / Math.max(1, box.width));
    main.style.setProperty('--ll-print-scale', scale.toFixed(3));
  };
  window.addEventListener('beforeprint', fit);
  window.addEventListener('afterprint', () => main.style.removeProperty('--ll-print-scale'));
  const media = matchMedia('print');
  media.addEventListener?.('change', (event) => { if (event.matches) fit(); });
  return fit;
}
