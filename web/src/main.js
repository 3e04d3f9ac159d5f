// The section page: styles, the table of contents that follows the reader, quick checks, code listings, and the
// widgets (each module loads when its widget comes near the viewport; 3D scenes load when scrolled near).
import './styles/page.css';
import { enhanceListings } from './page/listings.js';
import { enhanceQuickChecks } from './page/quick-checks.js';
import { makeOverflowingBlocksFocusable } from './page/scrollables.js';
import { trackTableOfContents } from './page/toc.js';
import { defineWidgetsIn } from './page/define-widgets.js';

trackTableOfContents(document);
enhanceQuickChecks(document);
enhanceListings(document);
makeOverflowingBlocksFocusable(document);
defineWidgetsIn(document).catch((error) => console.warn('LossLab: a widget failed to load', error));
// Teacher tools (teach): an Embed button and downloads on every widget, and #<widget-id> deep links.
import('./page/embed-dialog.js').then(({ enhanceEmbedTools }) => enhanceEmbedTools(document));
import('./embed/pwa.js').then(({ registerServiceWorker }) => registerServiceWorker());
