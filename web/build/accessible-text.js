// Plain text of rendered HTML for accessible names. Accessibility checkers (axe) do not read MathML when they
// compute a label's name, so a label made only of math would have no name: its TeX source stands in for it.
export function plainText(html) {
  return html
    .replace(/<span class="katex-html"[\s\S]*?<\/span><\/span><\/span>/g, ' ')
    .replace(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g, ' $1 ')
    .replace(/<math[\s\S]*?<semantics>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** ` aria-label="..."` when the rendered label has no text outside its math, else ''. */
export function labelFallback(html) {
  const outsideMath = html.replace(/<eq>[\s\S]*?<\/eq>/g, '').replace(/<[^>]+>/g, '').trim();
  if (outsideMath) return '';
  const text = plainText(html).replace(/"/g, '&quot;');
  return text ? ` aria-label="${text}"` : '';
}
