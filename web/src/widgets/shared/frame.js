// The frame every widget shares: a region named by its title. Kept apart from widget-base.js so widgets that do not
// need the core (quiz, decision guide) can use it without loading the wasm.
import { WIDGET_TITLES } from '../titles.js';
import './widget.css';

/**
 * Makes `element` a region named by a heading with its title (h3 inside the section, h2 when embedded alone:
 * heading-level="2"), and returns the empty body the widget builds into. Shared by every widget, including the
 * two that do not need the core (quiz, decision guide). The header holds the heading and a `.ll-widget-tools`
 * slot that the section page fills with its Embed and download buttons. The section page frames each widget before
 * its module loads (page/define-widgets.js), so the named region is there from the start; the widget keeps that header.
 */
export function createWidgetFrame(element, title = WIDGET_TITLES[element.localName] ?? element.localName) {
  element.setAttribute('role', 'region');
  let header = element.querySelector(':scope > .ll-widget-header');
  if (!header) {
    const heading = document.createElement(element.getAttribute('heading-level') === '2' ? 'h2' : 'h3');
    heading.className = 'll-widget-title';
    heading.id = `${element.localName}-${Math.random().toString(36).slice(2, 8)}-title`;
    heading.textContent = title;
    element.setAttribute('aria-labelledby', heading.id);
    // A slot for the page's per-widget tools (Embed, downloads); empty when embedded alone.
    const tools = document.createElement('div');
    tools.className = 'll-widget-tools';
    header = document.createElement('div');
    header.className = 'll-widget-header';
    header.append(heading, tools);
  }
  const body = document.createElement('div');
  body.className = 'll-widget-body';
  element.replaceChildren(header, body);
  return body;
}
