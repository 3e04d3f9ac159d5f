// Compiles web/content/ into HTML at build time: the numbers from the core ({{name}} -> values.js), the Markdown
// parts with their math, the table of contents, the quiz, and the reading time.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdown, renderChecked } from './markdown.js';
import { renderQuiz } from './quiz.js';

const WORDS_PER_MINUTE = 200; // a careful technical reading pace

export function substituteValues(text, values, where) {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`${where}: unknown value {{${name}}} (add it to web/content/values.js)`);
    return values[name];
  });
}

function countWords(html) {
  // Prose only: MathML duplicates of the math and code listings are skimmed, not read word by word.
  return (html.replace(/<span class="katex-mathml">[\s\S]*?<\/span>/g, ' ').replace(/<pre[\s\S]*?<\/pre>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .match(/[A-Za-z0-9']+/g) ?? []).length;
}

/** @returns {{ objectives: string, parts: {id, title, html}[], readingMinutes: number, quiz: string }} */
export async function compileSection(contentDir, core) {
  const { computeValues } = await import(join(contentDir, 'values.js'));
  const values = computeValues(core);
  const files = readdirSync(contentDir).filter((f) => /^\d\d-[\w-]+\.md$/.test(f)).sort();
  const usedIds = new Set();
  const parts = [];
  let objectives = '';
  let words = 0;
  for (const file of files) {
    const partId = file.replace(/^\d\d-/, '').replace(/\.md$/, '');
    const context = { file, partId, usedIds, quickChecks: 0, listings: 0, partTitle: undefined };
    const source = substituteValues(readFileSync(join(contentDir, file), 'utf8'), values, file);
    const html = renderChecked(createMarkdown(context), source, file);
    words += countWords(html);
    if (partId === 'objectives') {
      objectives = html;
      continue;
    }
    parts.push({ id: partId, title: context.partTitle ?? partId, html, quickChecks: context.quickChecks });
  }
  const quizSource = substituteValues(readFileSync(join(contentDir, 'quiz.json'), 'utf8'), values, 'quiz.json');
  const quiz = renderQuiz(JSON.parse(quizSource), createMarkdown({ file: 'quiz.json', usedIds, quickChecks: 0, listings: 0 }));
  return { objectives, parts, readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)), quiz, values };
}
