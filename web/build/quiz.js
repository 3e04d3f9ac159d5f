// quiz.json -> the quiz's question bank, compiled at build time (Markdown and math rendered to HTML) into a JS
// module that <loss-quiz> imports. The bank is never written into the page: the answer and the explanations reach
// the DOM only after the student checks an answer.
//
// quiz.json (version 2): { version: 2, questions: [{ id, part, question, hint, explanation,
//   choices: [{ text, correct?, why }], preset?: { widget, state: { key: value }, label } }] }
// `why` speaks to that choice; `explanation` follows for every choice; `preset` links to the widget, set up to show
// the idea (?<widget>.<key>=<value>#<widget>).
import { labelFallback, plainText } from './accessible-text.js';

export const OBJECTIVES = ['introduction', 'mse', 'cross-entropy', 'mse-vs-ce', 'landscape', 'stability', 'weighted',
  'contrastive', 'other-losses', 'calibration', 'debugging', 'pytorch', 'choosing'];

/** The id a widget gets on the section page: its tag, or "<tag>-widget" when a heading already has that id
 *  (mse-vs-ce is also a part's anchor). */
export function widgetAnchor(tag, takenIds = new Set()) {
  return takenIds.has(tag) ? `${tag}-widget` : tag;
}

export function presetHref({ widget, state = {} }, takenIds) {
  const query = Object.entries(state).map(([k, v]) => `${encodeURIComponent(`${widget}.${k}`)}=${encodeURIComponent(String(v))}`).join('&');
  return `${query ? `?${query}` : ''}#${widgetAnchor(widget, takenIds)}`;
}

export function compileQuizBank(quiz, md, { knownWidgets, takenIds } = {}) {
  if (quiz.version !== 2 || !Array.isArray(quiz.questions)) throw new Error('quiz.json: expected { version: 2, questions: [...] }');
  const ids = new Set();
  const questions = quiz.questions.map((q, n) => {
    const where = `quiz.json: question ${q.id ?? n + 1}`;
    if (!q.id || ids.has(q.id)) throw new Error(`quiz.json: question ${n + 1} needs a unique id`);
    ids.add(q.id);
    if (!OBJECTIVES.includes(q.part)) throw new Error(`${where}: part "${q.part}" is not an objective id`);
    if (!Array.isArray(q.choices) || q.choices.length < 2) throw new Error(`${where}: needs 2+ choices`);
    const answer = q.choices.findIndex((c) => c.correct);
    if (answer < 0 || q.choices.filter((c) => c.correct).length !== 1) throw new Error(`${where}: needs exactly one correct choice`);
    for (const c of q.choices) if (!c.text || !c.why) throw new Error(`${where}: every choice needs text and why`);
    if (!q.hint || !q.explanation) throw new Error(`${where}: needs a hint and an explanation`);
    if (q.preset && knownWidgets && !knownWidgets.includes(q.preset.widget)) throw new Error(`${where}: unknown widget ${q.preset.widget}`);
    return {
      id: q.id,
      part: q.part,
      prompt: md.render(String(q.question)),
      choices: q.choices.map((c) => md.renderInline(String(c.text))),
      // A label made only of math gets a text name (axe does not read MathML when it names a control).
      names: q.choices.map((c) => {
        const label = md.renderInline(String(c.text));
        return labelFallback(label) ? plainText(label) : null;
      }),
      why: q.choices.map((c) => md.renderInline(String(c.why))),
      answer,
      hint: md.renderInline(String(q.hint)),
      explanation: md.render(String(q.explanation)),
      preset: q.preset ? { href: presetHref(q.preset, takenIds), label: q.preset.label ?? q.preset.widget, widget: q.preset.widget } : null,
    };
  });
  return { version: quiz.version, questions };
}
