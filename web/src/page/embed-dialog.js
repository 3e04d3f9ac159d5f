// "Embed" on every widget of the section page: a button in the widget's tools slot opens one shared native
// <dialog> with the code to paste into a course page (the widget's current state, its measured height, its title;
// iframe + the host script), a Copy button, and a link back to the section that opens scrolled to this widget in
// this state (index.html?<state>#<widget-id>). Also: on load, a link with such a #<widget-id> scrolls to the widget
// and keeps it in place while the page above it settles.
import { WIDGETS } from '../widgets/registry.js';
import { addDownloads } from './exports.js';
import '../embed/dialog.css';

const FRAME_PADDING = 16; // body.embed's padding (0.5rem top + bottom)
const TAGS = Object.keys(WIDGETS);

/** The `<tag>.<key>=value` parameters of the current address for this widget (what it wrote there). */
export function widgetState(tag, search = location.search) {
  const params = new URLSearchParams(search);
  const state = new URLSearchParams();
  for (const [key, value] of params) if (key.startsWith(`${tag}.`)) state.append(key, value);
  return state;
}

const escapeAttribute = (text) => String(text).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The README snippet for this widget as it is now. */
export function embedSnippet(element, { base = document.baseURI, title, height } = {}) {
  const tag = element.localName;
  const query = new URLSearchParams({ widget: tag });
  for (const [key, value] of widgetState(tag)) query.append(key, value);
  const src = new URL(`embed.html?${query}`, base).href;
  const hostScript = new URL('embed-host.js', base).href;
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" height="${height}"\n`
    + `        style="border:0;width:100%;max-width:720px" loading="lazy"></iframe>\n`
    + `<script src="${escapeAttribute(hostScript)}" async></script>`;
}

/** index.html?<this widget's state>#<its id>: the section, opened at this widget in this state. */
export function deepLink(element, base = document.baseURI) {
  const state = widgetState(element.localName).toString();
  return new URL(`index.html${state ? `?${state}` : ''}#${element.id}`, base).href;
}

function titleOf(element) {
  return element.querySelector('.ll-widget-title')?.textContent.trim() || element.localName;
}

/** The page's one Embed dialog, made on first use (found again in the document, so no module state). */
function theDialog() {
  const existing = document.querySelector('dialog.ll-embed-dialog');
  if (existing) return existing;
  const element = document.createElement('dialog');
  element.className = 'll-embed-dialog';
  element.setAttribute('aria-labelledby', 'll-embed-dialog-title');
  element.setAttribute('aria-describedby', 'll-embed-dialog-help');
  element.innerHTML = `
    <h2 id="ll-embed-dialog-title">Embed</h2>
    <p id="ll-embed-dialog-help">Paste this into a course page (an HTML block in Moodle or Canvas, or any web page).
      It shows the widget as it is set now; the script makes the frame as tall as its content.</p>
    <label for="ll-embed-code">Code to paste</label>
    <textarea id="ll-embed-code" readonly rows="6" spellcheck="false"></textarea>
    <div class="ll-embed-actions">
      <button type="button" class="ll-embed-copy">Copy</button>
      <output class="ll-embed-status" aria-live="polite"></output>
    </div>
    <p class="ll-embed-link-line">Link to this widget in the section: <a class="ll-embed-link"></a></p>
    <form method="dialog"><button class="ll-embed-close">Close</button></form>`;
  const code = element.querySelector('textarea');
  const status = element.querySelector('.ll-embed-status');
  element.querySelector('.ll-embed-copy').addEventListener('click', async () => {
    code.focus();
    code.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(code.value);
      copied = true;
    } catch {
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
    }
    status.textContent = copied ? 'Copied.' : 'Press Ctrl+C (or ⌘C) to copy the selected code.';
  });
  element.addEventListener('click', (event) => {
    if (event.target === element) element.close(); // a click on the backdrop
  });
  document.body.append(element);
  return element;
}

export function openEmbedDialog(element, opener) {
  const box = theDialog();
  const title = titleOf(element);
  const height = Math.ceil(element.getBoundingClientRect().height) + FRAME_PADDING;
  box.querySelector('h2').textContent = `Embed “${title}”`;
  box.querySelector('textarea').value = embedSnippet(element, { title, height });
  box.querySelector('.ll-embed-status').textContent = '';
  const link = box.querySelector('.ll-embed-link');
  link.href = deepLink(element);
  link.textContent = link.href;
  box.dataset.widget = element.localName;
  box.addEventListener('close', () => opener?.focus(), { once: true });
  box.showModal();
  box.querySelector('textarea').focus();
  box.querySelector('textarea').select();
}

/** Adds the Embed button (and the downloads) to one built widget; idempotent. */
export function addEmbedButton(element) {
  if (!TAGS.includes(element.localName) || 'embedTools' in element.dataset) return;
  const heading = element.querySelector('.ll-widget-title');
  if (!heading) return; // not built yet
  if (!element.id) element.id = document.getElementById(element.localName) ? `${element.localName}-${element.instanceId}` : element.localName;
  let tools = element.querySelector('.ll-widget-tools');
  if (!tools) {
    tools = document.createElement('div');
    tools.className = 'll-widget-tools';
    heading.after(tools);
  }
  element.dataset.embedTools = 'ready';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'll-embed-button';
  button.textContent = 'Embed';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-label', `Embed ${titleOf(element)}`);
  button.addEventListener('click', () => openEmbedDialog(element, button));
  tools.append(button);
  addDownloads(element, tools);
}

/** Keeps a linked widget (#<id>) in view while the page above it settles, until the reader scrolls. */
export function scrollToLinkedWidget(doc = document) {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const target = doc.getElementById(id) ?? (TAGS.includes(id) ? doc.querySelector(id) : null);
  if (!target || !TAGS.some((tag) => target.localName === tag)) return;
  if (!target.id) target.id = id;
  let active = true;
  const stop = () => { active = false; };
  for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown']) addEventListener(type, stop, { once: true, passive: true });
  const align = () => {
    if (!active) return;
    const top = target.getBoundingClientRect().top;
    if (Math.abs(top - 16) > 2) scrollTo({ top: scrollY + top - 16, behavior: 'instant' });
  };
  align();
  const observer = new ResizeObserver(align);
  observer.observe(doc.body);
  target.addEventListener('ll-rendered', align);
  setTimeout(() => {
    observer.disconnect();
    target.removeEventListener('ll-rendered', align);
    stop();
  }, 4000);
}

/** The page hook (main.js): Embed buttons on every widget as it builds, and the deep link. */
export function enhanceEmbedTools(doc = document) {
  doc.addEventListener('ll-rendered', (event) => addEmbedButton(event.target), true);
  const scan = () => TAGS.forEach((tag) => doc.querySelectorAll(tag).forEach(addEmbedButton));
  scan();
  Promise.all(TAGS.map((tag) => customElements.whenDefined(tag).catch(() => {}))).then(scan);
  for (const tag of TAGS) customElements.whenDefined(tag).then(scan);
  if (doc.readyState === 'complete') scrollToLinkedWidget(doc);
  else addEventListener('load', () => scrollToLinkedWidget(doc), { once: true });
}
