// ```python listing name.py -> an annotated code listing. A note follows "#!" at the end of a line; it is removed
// from the code shown. Every annotated line is focusable and described by its note, and all notes are also listed
// under the code, so they read without a pointer (and without JavaScript). Highlighting is highlight.js at build
// time, one line at a time (listings avoid multi-line strings for this reason).
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';

hljs.registerLanguage('python', python);

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function splitNote(line) {
  const at = line.indexOf('#!');
  if (at < 0) return { code: line, note: '' };
  return { code: line.slice(0, at).replace(/\s+$/, ''), note: line.slice(at + 2).trim() };
}

export function renderListing(source, name, context, md) {
  const lines = source.replace(/\n$/, '').split('\n').map(splitNote);
  const base = `listing-${name.replace(/[^\w-]/g, '-')}`;
  const rows = lines.map(({ code, note }, i) => {
    const number = i + 1;
    const highlighted = code ? hljs.highlight(code, { language: 'python', ignoreIllegals: true }).value : '';
    const attributes = note
      ? ` class="listing-line has-note" tabindex="0" data-line="${number}" aria-describedby="${base}-note-${number}"`
      : ` class="listing-line" data-line="${number}"`;
    return `<span${attributes}><span class="listing-number" aria-hidden="true">${number}</span><code>${highlighted || ' '}</code></span>`;
  }).join('\n');
  const notes = lines.map(({ note }, i) => note && `<li id="${base}-note-${i + 1}" data-line="${i + 1}" value="${i + 1}">`
    + `<span class="listing-note-line">Line ${i + 1}</span> ${md.renderInline(note)}</li>`).filter(Boolean).join('\n');
  context.listings += 1;
  return `<figure class="listing" id="${base}" data-listing>
  <figcaption><span class="listing-file">${escapeHtml(name)}</span> <span class="listing-hint">Select or focus a highlighted line to read its note; all notes are listed below the code.</span></figcaption>
  <pre class="listing-code hljs">${rows}</pre>
  <div class="listing-active-note" aria-live="polite" hidden></div>
  <details class="listing-notes" open><summary>Line notes for ${escapeHtml(name)}</summary><ol>${notes}</ol></details>
</figure>\n`;
}

export function renderOutput(text, name) {
  return `<figure class="listing-output"><figcaption>Output${name ? ` of ${escapeHtml(name)}` : ''}</figcaption><pre><samp>${escapeHtml(text.replace(/\n$/, ''))}</samp></pre></figure>\n`;
}
