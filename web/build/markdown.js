// The Markdown renderer for the section: markdown-it with KaTeX math ($...$, $$...$$) rendered at build time,
// heading ids, and the section's own fenced blocks (quick checks, annotated listings, program output).
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import texmath from 'markdown-it-texmath';
import { renderListing, renderOutput } from './listing.js';
import { renderQuickCheck } from './quick-check.js';

// MathML only (no KaTeX HTML twin): a formula is a few MathML elements instead of dozens of spans, Chromium renders
// MathML Core natively, and screen readers read the MathML (the TeX source stays in its annotation).
export const MATH_OUTPUT = 'mathml';

export function slugify(text) {
  return text.toLowerCase().normalize('NFKD').replace(/<[^>]+>/g, '').replace(/[^\w\s-]/g, '')
    .trim().replace(/[\s_]+/g, '-').replace(/-+/g, '-');
}

/** A fresh renderer per document part: ids and counters live in `context`, not in module state. */
export function createMarkdown(context) {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: true });
  md.use(texmath, { engine: katex, delimiters: 'dollars', katexOptions: { throwOnError: true, strict: 'error', output: MATH_OUTPUT } });

  md.core.ruler.push('heading_ids', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'heading_open') continue;
      const text = tokens[i + 1].children.filter((t) => t.type === 'text' || t.type === 'code_inline')
        .map((t) => t.content).join('');
      const level = Number(tokens[i].tag.slice(1));
      let id = level === 2 && context.partId ? context.partId : slugify(text);
      while (context.usedIds.has(id)) id = `${id}-${context.usedIds.size}`;
      context.usedIds.add(id);
      tokens[i].attrSet('id', id);
      if (level === 2) context.partTitle = context.partTitle ?? text;
    }
  });

  const defaultFence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const [kind, ...rest] = token.info.trim().split(/\s+/);
    if (kind === 'quickcheck') return renderQuickCheck(token.content, context, md);
    if (kind === 'python' && rest[0] === 'listing') return renderListing(token.content, rest[1] ?? 'listing.py', context, md);
    if (kind === 'text' && rest[0] === 'output') return renderOutput(token.content, rest[1] ?? '');
    return defaultFence(tokens, idx, options, env, self);
  };

  // Tables scroll sideways on narrow screens instead of overflowing the page.
  md.renderer.rules.table_open = () => '<div class="table-scroll" tabindex="0" role="group" aria-label="Table, scrolls sideways"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  return md;
}

/** Renders Markdown and fails loudly on a KaTeX error (texmath would otherwise print it into the page). */
export function renderChecked(md, source, where) {
  // markdown-it treats a custom element alone on a line as inline HTML and wraps it in <p>; a widget's controls
  // and headings may not live inside a paragraph, so unwrap it.
  const html = md.render(source).replace(/<p>\s*(<([a-z][a-z0-9]*-[a-z0-9-]+)(?:\s[^>]*)?><\/\2>)\s*<\/p>/g, '$1');
  const error = html.match(/(?:KaTeX )?parse error[^<]*/i);
  if (error) throw new Error(`${where}: ${error[0]}`);
  return html;
}
