// ```quickcheck blocks -> a <fieldset> named "Quick check: <title>" with radio choices. Without JavaScript the
// question and a <details> explanation are readable; web/src/page/quick-checks.js adds checking and feedback.
// The choices are shuffled at build time with a seed taken from the title (the same order on every build), so the
// right answer is not where the author happened to write it.
import { hashString, shuffled } from '../src/widgets/loss-quiz/shuffle.js';
import { labelFallback } from './accessible-text.js';

function inline(md, text) {
  return md.renderInline(String(text));
}

export function renderQuickCheck(json, context, md) {
  let spec;
  try {
    spec = JSON.parse(json);
  } catch (error) {
    throw new Error(`${context.file}: quick check is not valid JSON (${error.message})`);
  }
  const { title, question, choices, explanation } = spec;
  if (!title || !question || !Array.isArray(choices) || choices.length < 2 || !explanation) {
    throw new Error(`${context.file}: quick check needs title, question, choices (2+) and explanation`);
  }
  if (choices.filter((c) => c.correct).length !== 1) {
    throw new Error(`${context.file}: quick check "${title}" needs exactly one correct choice`);
  }
  context.quickChecks += 1;
  const id = `qc-${context.partId}-${context.quickChecks}`;
  const seed = hashString(`${context.partId}/${title}`);
  let order = shuffled(choices, seed);
  // A shuffle still puts the right answer first one time in n; move it unless the seed says to keep it (1 in 5).
  const right = order.findIndex((c) => c.correct);
  if (right === 0 && seed % 5 !== 0) {
    const to = 1 + (seed % (order.length - 1));
    order = [...order];
    [order[0], order[to]] = [order[to], order[0]];
  }
  const items = order.map((choice, i) => {
    const label = inline(md, choice.text);
    return `
    <li class="qc-choice">
      <input type="radio" name="${id}" id="${id}-${i}" value="${i}"${choice.correct ? ' data-correct=""' : ''}${labelFallback(label)}>
      <label for="${id}-${i}">${label}</label>
      <template class="qc-feedback" id="${id}-${i}-feedback">${inline(md, choice.feedback ?? '')}</template>
    </li>`;
  }).join('');
  return `<fieldset class="quick-check" id="${id}" data-objective="${context.partId}">
  <legend>Quick check: ${inline(md, title)}</legend>
  <div class="qc-question">${md.render(String(question))}</div>
  <ul class="qc-choices" role="list">${items}
  </ul>
  <p class="qc-actions"><button type="button" class="qc-submit" hidden>Check answer</button></p>
  <p class="qc-result" role="status"></p>
  <details class="qc-explanation"><summary>Explanation</summary>${md.render(String(explanation))}</details>
</fieldset>\n`;
}
