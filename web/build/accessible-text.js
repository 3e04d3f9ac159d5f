// Plain text of rendered HTML for accessible names. Accessibility checkers (axe) do not read MathML when they
// compute a label's name, so a label made only of math would have no name: the text of its MathML tokens
// ("L = − log p") stands in for it. U+2061 and U+2062 (invisible function application and times) are dropped.
export function plainText(html) {
  return html
    .replace(/[\u2061\u2062]/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** ` aria-label="..."` when the rendered label has no text outside its math, else ''. */
export function labelFallback(html) {
  const outsideMath = html.replace(/<math[\s\S]*?<\/math>/g, '').replace(/<[^>]+>/g, '').trim();
  if (outsideMath) return '';
  const text = plainText(html).replace(/"/g, '&quot;');
  return text ? ` aria-label="${text}"` : '';
}
