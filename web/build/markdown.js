// The Markdown renderer for the section: markdown-it with KaTeX math ($...$, $$...$$) rendered at build time,
// heading ids, and the section's own fenced blocks (quick checks, annotated listings, program output).
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import texmath from 'markdown-it-texmath';
import { renderListing, renderOutput } from './listing.js';
import { renderQuickCheck } from './quick-check.js';

// MathML only (no KaTeX HTML twin): a formula is a few MathML elements instead of dozens of spans, Chromium renders
// MathML Core natively, and screen readers read the MathML.
export const MATH_OUTPUT = 'mathml';
const KATEX_OPTIONS = { throwOnError: true, strict: 'error', output: MATH_OUTPUT };
// Display formulas of this many tokens (mi, mo, mn, mtext) or more overflow a 375 px screen: measured 2026-12-01,
// 7 of the 9 such formulas overflow there and none with fewer tokens does.
const WIDE_FORMULA_TOKENS = 33;
// KaTeX's MathML output for one formula; group 1 is the body inside <semantics>, before the TeX annotation.
const KATEX_MATHML = new RegExp('^<span class="katex"><math xmlns="[^"]+"(?: display="block")?><semantics>([\\s\\S]*)'
  + '<annotation encoding="application/x-tex">[\\s\\S]*</annotation></semantics></math></span>$');

/** `<mrow>…</mrow>` that wraps the whole of `body` is redundant directly under <math>: returns what it holds. */
function unwrapOuterRow(body) {
  if (!body.startsWith('<mrow>') || !body.endsWith('</mrow>')) return body;
  let depth = 0;
  for (const tag of body.matchAll(/<(\/?)mrow>/g)) {
    depth += tag[1] ? -1 : 1;
    if (depth === 0) return tag.index + tag[0].length === body.length ? body.slice(6, -7) : body;
  }
  return body;
}

/**
 * One formula as the fewest elements that render and read the same: KaTeX writes
 * <eq><span class="katex"><math xmlns=…><semantics><mrow>…</mrow><annotation>TeX</annotation></semantics></math>
 * per formula (five wrappers; 533 formulas made half the page's DOM). Here an inline formula is a bare <math>, a
 * display formula a <span class="math-display"> (the box that scrolls sideways on a phone) around <math display>.
 */
export function renderMath(tex, display) {
  const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
  const parts = html.match(KATEX_MATHML);
  if (!parts) throw new Error(`renderMath: unexpected KaTeX output for "${tex}"`);
  const body = unwrapOuterRow(parts[1]);
  if (!display) return `<math>${body}</math>`;
  // A wide formula scrolls sideways on a phone, so it starts as a tab stop; page/scrollables.js corrects this from
  // the real width once its part is rendered (off-screen parts are not laid out, so they cannot be measured).
  const wide = (body.match(/<(?:mi|mo|mn|mtext)[\s>]/g) ?? []).length >= WIDE_FORMULA_TOKENS;
  return `<span class="math-display"${wide ? ' tabindex="0"' : ''}><math display="block">${body}</math></span>`;
}

export function slugify(text) {
  return text.toLowerCase().normalize('NFKD').replace(/<[^>]+>/g, '').replace(/[^\w\s-]/g, '')
    .trim().replace(/[\s_]+/g, '-').replace(/-+/g, '-');
}

/** A fresh renderer per document part: ids and counters live in `context`, not in module state. */
export function createMarkdown(context) {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: true });
  md.use(texmath, { engine: katex, delimiters: 'dollars', katexOptions: KATEX_OPTIONS });
  // texmath finds the formulas; renderMath writes them (without texmath's <eq>/<section><eqn> wrappers).
  const math = (display) => (tokens, idx) => renderMath(tokens[idx].content, display);
  md.renderer.rules.math_inline = math(false);
  md.renderer.rules.math_inline_double = math(true);
  md.renderer.rules.math_block = math(true);
  md.renderer.rules.math_block_eqno = math(true);

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
