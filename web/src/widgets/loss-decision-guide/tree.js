// The whole decision tree of "Choose a Loss", derived from rules.js (never written twice): the first question
// (the task), then for each task the one question that picks the base loss, with the loss each answer leads to,
// then the modifiers that add to it (overconfidence, probabilities instead of logits). Pure data, no DOM.
import { QUESTIONS, recommend, relevantQuestions } from './rules.js';

// The follow-ups that only add to a recommendation; the remaining follow-up of a task picks its base loss.
export const MODIFIERS = ['overconfident', 'activation'];

/** The base answers: every follow-up at its first (default) choice. */
const defaults = () => Object.fromEntries(Object.entries(QUESTIONS).map(([key, q]) => [key, q.choices[0][0]]));

/**
 * @returns {{ task, text, branch: { key, label, options: { value, text, loss, id }[] } | null,
 *   modifiers: { key, label, value, text }[] }[]}  one entry per task, in the order of the task question
 */
export function decisionTree() {
  return QUESTIONS.task.choices.map(([task, text]) => {
    const followUps = relevantQuestions(task);
    const key = followUps.find((k) => !MODIFIERS.includes(k)) ?? null;
    const branch = key && {
      key,
      label: QUESTIONS[key].label,
      options: QUESTIONS[key].choices.map(([value, optionText]) => {
        const result = recommend({ ...defaults(), task, [key]: value });
        return { value, text: optionText, loss: result.loss, id: result.id };
      }),
    };
    const modifiers = followUps.filter((k) => MODIFIERS.includes(k)).map((k) => {
      // The answer that changes the recommendation is the one that is not the default.
      const [value, choiceText] = QUESTIONS[k].choices.find(([v]) => v !== QUESTIONS[k].choices[0][0]);
      return { key: k, label: QUESTIONS[k].label, value, text: choiceText };
    });
    return { task, text, branch, modifiers };
  });
}

/** The nodes on the path the answers take: 'task:<task>', '<task>:<key>=<value>' for each answer that applies. */
export function pathOf(answers) {
  const path = new Set([`task:${answers.task}`]);
  for (const key of relevantQuestions(answers.task)) path.add(`${answers.task}:${key}=${answers[key]}`);
  return path;
}
