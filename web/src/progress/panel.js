// The progress panel (in the table-of-contents column) and the marks beside the table-of-contents entries, both
// drawn from the mastery record; plus export and import of progress as a JSON file.
import { h } from '../widgets/shared/dom.js';
import { OBJECTIVES, PROGRESS_VERSION, STATUS_TEXT, SOURCES, cleanObjectives, status } from './mastery.js';

const SOURCE_TEXT = { quickcheck: 'quick checks', practice: 'practice', quiz: 'quiz', predict: 'predictions' };
const MARK = { 'not-started': '○', practising: '◐', mastered: '●' };
export const EXPORT_FORMAT = 'losslab-progress';

/** Widgets load and build lazily: before reading or restoring the quiz's answers, make sure it is defined and built. */
async function quizReady(doc) {
  const quiz = doc.querySelector('loss-quiz');
  if (!quiz) return;
  if (!customElements.get('loss-quiz')) {
    const { WIDGETS } = await import('../widgets/registry.js');
    await WIDGETS['loss-quiz']();
  }
  await quiz.load?.();
}

/** What "Export progress" writes: the objectives and, when the page has the quiz, its answers. */
export function exportRecord(mastery, doc = document) {
  const quiz = doc.querySelector('loss-quiz');
  return {
    format: EXPORT_FORMAT,
    version: PROGRESS_VERSION,
    exported: new Date().toISOString(),
    objectives: mastery.data.objectives,
    quiz: typeof quiz?.getProgress === 'function' ? quiz.getProgress() : undefined,
  };
}

/** Applies an imported record; returns a sentence for the status line. */
export function importRecord(mastery, text, doc = document) {
  let record;
  try {
    record = JSON.parse(text);
  } catch {
    return { ok: false, message: 'That file is not LossLab progress (it is not JSON); nothing changed.' };
  }
  const objectives = record?.format === EXPORT_FORMAT && record.version === PROGRESS_VERSION ? cleanObjectives(record.objectives) : null;
  if (!objectives) return { ok: false, message: 'That file is not LossLab progress of this version; nothing changed.' };
  mastery.replace(objectives);
  const quiz = doc.querySelector('loss-quiz');
  if (record.quiz && typeof quiz?.setProgress === 'function') quiz.setProgress(record.quiz);
  const n = Object.keys(objectives).length;
  return { ok: true, message: `Progress imported: ${n} objective${n === 1 ? '' : 's'} with answers.` };
}

export function mountProgress(doc, mastery) {
  const panel = doc.querySelector('[data-progress-panel]');
  const titles = new Map([...doc.querySelectorAll('.toc li[data-part]')].map((li) => [li.dataset.part, li.querySelector('a')?.textContent ?? li.dataset.part]));
  const marks = new Map();
  for (const id of OBJECTIVES) {
    const li = doc.querySelector(`.toc li[data-part="${id}"]`);
    if (!li) continue;
    const mark = h('span', { class: 'toc-mark' });
    li.append(mark);
    marks.set(id, mark);
  }
  let summary, list, message;
  if (panel) {
    panel.hidden = false;
    summary = h('p', { class: 'progress-summary' });
    list = h('ul', { class: 'progress-list', role: 'list' });
    const details = h('details', { class: 'progress-details' }, h('summary', {}, 'By objective'), list);
    const exportButton = h('button', { type: 'button' }, 'Export progress');
    exportButton.addEventListener('click', async () => {
      await quizReady(doc);
      const blob = new Blob([JSON.stringify(exportRecord(mastery, doc), null, 2)], { type: 'application/json' });
      const a = h('a', { href: URL.createObjectURL(blob), download: 'losslab-progress.json' });
      doc.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      message.textContent = 'Progress exported as losslab-progress.json.';
    });
    const fileId = 'progress-import-file';
    const file = h('input', { type: 'file', id: fileId, accept: 'application/json,.json', class: 'progress-file' });
    file.addEventListener('change', async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      await quizReady(doc);
      message.textContent = importRecord(mastery, await chosen.text(), doc).message;
      file.value = '';
    });
    const importLabel = h('label', { for: fileId, class: 'progress-import' }, 'Import progress');
    const reset = h('button', { type: 'button' }, 'Reset progress');
    reset.addEventListener('click', () => {
      mastery.reset();
      message.textContent = 'Progress reset.';
    });
    message = h('p', { class: 'progress-message', role: 'status' });
    panel.append(summary, details, h('div', { class: 'progress-actions' }, exportButton, importLabel, file, reset), message);
  }
  const draw = (data) => {
    let mastered = 0;
    list?.replaceChildren();
    for (const id of OBJECTIVES) {
      const entry = data.objectives[id];
      const s = status(entry);
      if (s === 'mastered') mastered += 1;
      const mark = marks.get(id);
      if (mark) {
        mark.dataset.status = s;
        mark.replaceChildren(h('span', { 'aria-hidden': 'true' }, MARK[s]), h('span', { class: 'visually-hidden' }, ` ${STATUS_TEXT[s]}`));
      }
      if (list) {
        const detail = entry ? SOURCES.filter((k) => entry.sources[k]).map((k) => `${SOURCE_TEXT[k]} ${entry.sources[k][0]}/${entry.sources[k][1]}`).join(', ') : '';
        list.append(h('li', { 'data-objective': id, 'data-status': s },
          h('span', { class: 'toc-mark', 'data-status': s, 'aria-hidden': 'true' }, MARK[s]), ' ',
          h('a', { href: `#${id}` }, titles.get(id) ?? id), `: ${STATUS_TEXT[s]}`, detail ? ` (${detail})` : ''));
      }
    }
    if (summary) summary.textContent = `${mastered} of ${OBJECTIVES.length} objectives mastered.`;
  };
  draw(mastery.data);
  mastery.onChange(draw);
}
