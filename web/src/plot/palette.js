// The figure palette in JS: concept names -> the CSS custom properties of styles/palette.css. SVG uses the var()
// strings directly (they follow the theme by themselves); canvas and three.js need concrete colours, which
// resolveColor reads from the live cascade, and onThemeChange says when to read them again.
import '../styles/palette.css';

/** Every concept that has a colour. cross-entropy and BCE are one concept, 'ce'. */
export const CONCEPTS = Object.freeze(['mse', 'ce', 'l1', 'huber', 'smoothl1', 'focal', 'target', 'prediction', 'path',
  'class-0', 'class-1', 'class-2', 'class-3', 'neutral', 'warn', 'good']);

const ALIASES = { bce: 'ce', crossEntropy: 'ce', bceWithLogits: 'ce', smoothL1: 'smoothl1', mseSigmoid: 'mse' };

function conceptName(concept) {
  const name = ALIASES[concept] ?? concept;
  if (!CONCEPTS.includes(name)) throw new Error(`palette: unknown concept "${concept}"`);
  return name;
}

/** 'var(--ll-mse)' for 'mse': for SVG fill / stroke and CSS. */
export function conceptColor(concept) {
  return `var(--ll-${conceptName(concept)})`;
}

/**
 * The concrete colour ('rgb(r, g, b)') of a concept or of any CSS colour token ('--surface', '--text') as the
 * cascade resolves it at `element` now (light-dark() included). For canvas and WebGL.
 */
export function resolveColor(element, conceptOrToken) {
  const value = conceptOrToken.startsWith('--') ? `var(${conceptOrToken})` : conceptColor(conceptOrToken);
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;color:${value}`;
  (element.isConnected ? element : document.body).append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/** [r, g, b] in 0 ... 1 from resolveColor's 'rgb(...)' string (for three.js Color.setRGB). */
export function rgbUnit(colour) {
  const [r, g, b] = colour.match(/[\d.]+/g).map(Number);
  return [r / 255, g / 255, b / 255];
}

/** Calls `callback` when the theme changes (system scheme or <html data-theme>); returns the unsubscribe. */
export function onThemeChange(callback) {
  const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  query?.addEventListener('change', callback);
  const observer = new MutationObserver(callback);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    query?.removeEventListener('change', callback);
    observer.disconnect();
  };
}
