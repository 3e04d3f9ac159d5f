// Compiles web/content/ into HTML at build time: the numbers from the core ({{name}} -> values.js), the Markdown
// parts with their math, the table of contents, the quiz's question bank, and the two reading times (main path and
// reference).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdown, renderChecked } from './markdown.js';
import { compileQuizBank } from './quiz.js';

// Reading-time method (README): prose at 230 words per minute (adult silent reading of non-fiction), plus half a
// minute for each widget on the path (a look and one change). Math, code listings, and the text inside widgets,
// quick checks, practice blocks and the quiz are not counted: practice is self-paced and comes on top. Reference
// blocks (::: reference) are timed the same way, separately.
export const READING = { wordsPerMinute: 230, widgetMinutes: 0.5, practiceMinutes: 0, quickCheckMinutes: 0 };

export function substituteValues(text, values, where) {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`${where}: unknown value {{${name}}} (add it to web/content/values.js)`);
    return values[name];
  });
}

/** Words of prose in rendered HTML: math (MathML), code listings and quick checks are not counted. */
export function countWords(html) {
  return (html.replace(/<math[\s\S]*?<\/math>/g, ' ')
    .replace(/<pre[\s\S]*?<\/pre>/g, ' ').replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<fieldset class="quick-check"[\s\S]*?<\/fieldset>/g, ' ').replace(/<template[\s\S]*?<\/template>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .match(/[A-Za-z0-9']+/g) ?? []).length;
}

// "::: reference Title" ... ":::" in a part's Markdown -> a collapsed <details class="reference"> block. Reference
// blocks stay where they are (so every anchor inside them still works) but are off the main reading path.
const REFERENCE_END = '<!--/reference-->';
export function expandReferenceBlocks(source, where) {
  let open = false;
  const lines = source.split('\n').map((line) => {
    const start = line.match(/^:::\s*reference\s+(.+?)\s*$/);
    if (start) {
      if (open) throw new Error(`${where}: reference blocks do not nest`);
      open = true;
      return `<details class="reference" data-reference>\n<summary><span class="reference-tag">Reference</span> ${start[1]}</summary>\n`;
    }
    if (/^:::\s*$/.test(line) && open) {
      open = false;
      return `\n</details>${REFERENCE_END}\n`;
    }
    return line;
  });
  if (open) throw new Error(`${where}: a reference block is not closed with :::`);
  return lines.join('\n');
}

/** Splits rendered HTML into main-path and reference HTML (reference blocks, or the whole part if it is one). */
export function splitReference(html) {
  let main = '';
  let reference = '';
  let rest = html;
  for (;;) {
    const start = rest.indexOf('<details class="reference"');
    if (start < 0) break;
    const end = rest.indexOf(REFERENCE_END, start);
    main += rest.slice(0, start);
    reference += rest.slice(start, end);
    rest = rest.slice(end + REFERENCE_END.length);
  }
  return { main: main + rest, reference };
}

function countTags(html, pattern) {
  return (html.match(pattern) ?? []).length;
}

export function readingMinutes(html) {
  const widgets = countTags(html, /<(?!ll-practice)[a-z]+-[a-z-]+[\s>]/g);
  const practice = countTags(html, /<ll-practice[\s>]/g);
  const checks = countTags(html, /<fieldset class="quick-check"/g);
  const words = countWords(html);
  const minutes = words / READING.wordsPerMinute + Math.max(0, widgets) * READING.widgetMinutes
    + practice * READING.practiceMinutes + checks * READING.quickCheckMinutes;
  return { words, widgets: Math.max(0, widgets), practice, checks, minutes };
}

// A part's rendered height at the 1,280 px layout, in px per item: fitted on 2026-12-01 to the measured parts
// (within about 20 %). Parts skip rendering while off screen (content-visibility: auto) and hold this height until
// first rendered; after that the browser remembers the real one. Closed reference blocks show only their summary.
const PART_HEIGHT = {
  base: 150, perWord: 3, widget: 1200, practice: 400, quickCheck: 300, displayMath: 90, listingLine: 24, reference: 60,
};

/** From a part's main-path HTML, its reference HTML and the main path's counts (readingMinutes). */
export function estimatePartHeight(main, reference, m) {
  const h = PART_HEIGHT;
  const listingLines = countTags(main.match(/<pre[\s\S]*?<\/pre>/g)?.join('') ?? '', /\n/g);
  return Math.round(h.base + m.words * h.perWord + m.widgets * h.widget + m.practice * h.practice
    + m.checks * h.quickCheck + countTags(main, /class="math-display"/g) * h.displayMath + listingLines * h.listingLine
    + countTags(reference, /<details class="reference"/g) * h.reference);
}

/** @returns {{ objectives, parts: {id, title, html, quickChecks, height}[], reading, quizBank, values, headingIds }} */
export async function compileSection(contentDir, core) {
  const { computeValues } = await import(join(contentDir, 'values.js'));
  const values = computeValues(core);
  const files = readdirSync(contentDir).filter((f) => /^\d\d-[\w-]+\.md$/.test(f)).sort();
  const usedIds = new Set();
  const parts = [];
  let objectives = '';
  const reading = { main: { words: 0, minutes: 0 }, reference: { words: 0, minutes: 0 }, parts: [] };
  for (const file of files) {
    const partId = file.replace(/^\d\d-/, '').replace(/\.md$/, '');
    const context = { file, partId, usedIds, quickChecks: 0, listings: 0, partTitle: undefined };
    const source = expandReferenceBlocks(substituteValues(readFileSync(join(contentDir, file), 'utf8'), values, file), file);
    const html = renderChecked(createMarkdown(context), source, file);
    const { main, reference } = splitReference(html);
    const m = readingMinutes(main);
    const r = readingMinutes(reference);
    reading.main.words += m.words;
    reading.main.minutes += m.minutes;
    reading.reference.words += r.words;
    reading.reference.minutes += r.minutes;
    reading.parts.push({ part: partId, main: m, reference: r });
    if (partId === 'objectives') {
      objectives = html;
      continue;
    }
    parts.push({ id: partId, title: context.partTitle ?? partId, html, quickChecks: context.quickChecks,
      height: estimatePartHeight(main, reference, m) });
  }
  const quizSource = substituteValues(readFileSync(join(contentDir, 'quiz.json'), 'utf8'), values, 'quiz.json');
  const quizBank = compileQuizBank(JSON.parse(quizSource), createMarkdown({ file: 'quiz.json', usedIds: new Set(), quickChecks: 0, listings: 0 }),
    { takenIds: usedIds });
  quizBank.parts = Object.fromEntries(parts.filter((p) => quizBank.questions.some((q) => q.part === p.id)).map((p) => [p.id, p.title]));
  return { objectives, parts, reading, quizBank, values, headingIds: usedIds };
}
