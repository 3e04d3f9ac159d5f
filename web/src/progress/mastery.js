// Mastery of the learning objectives (the section parts). Every 'll-objective' event on the page counts: quick
// checks, practice blocks, the quiz, and the widgets' predict-then-reveal. Kept in one versioned record
// ('losslab.progress.v1'). An objective is mastered after three right answers with the last two right.
import { openStore } from './store.js';

export const OBJECTIVES = ['introduction', 'mse', 'cross-entropy', 'mse-vs-ce', 'landscape', 'stability', 'weighted',
  'contrastive', 'other-losses', 'calibration', 'debugging', 'pytorch', 'choosing'];
export const SOURCES = ['quickcheck', 'practice', 'quiz', 'predict'];
export const PROGRESS_KEY = 'losslab.progress.v1';
export const PROGRESS_VERSION = 1;
const MASTERED_RIGHT = 3;

const count = (x) => Number.isInteger(x) && x >= 0;

export function cleanObjectives(objectives) {
  if (!objectives || typeof objectives !== 'object' || Array.isArray(objectives)) return null;
  const out = {};
  for (const [id, entry] of Object.entries(objectives)) {
    if (!OBJECTIVES.includes(id) || !entry || typeof entry !== 'object') continue;
    const { tries, right, streak } = entry;
    if (!count(tries) || !count(right) || !count(streak) || right > tries || streak > tries) continue;
    const sources = {};
    for (const s of SOURCES) {
      const pair = entry.sources?.[s];
      if (Array.isArray(pair) && pair.length === 2 && count(pair[0]) && count(pair[1]) && pair[0] <= pair[1]) sources[s] = pair;
    }
    out[id] = { tries, right, streak, sources };
  }
  return out;
}

export function status(entry) {
  if (!entry || entry.tries === 0) return 'not-started';
  return entry.right >= MASTERED_RIGHT && entry.streak >= 2 ? 'mastered' : 'practising';
}
export const STATUS_TEXT = { 'not-started': 'not started', practising: 'in progress', mastered: 'mastered' };

export function createMastery({ near } = {}) {
  const store = openStore(PROGRESS_KEY, {
    version: PROGRESS_VERSION,
    empty: () => ({ objectives: {} }),
    validate: (record) => {
      const objectives = cleanObjectives(record.objectives);
      return objectives ? { objectives } : null;
    },
    near,
  });
  let { data } = store.read();
  const listeners = new Set();
  const changed = () => {
    store.write(data);
    for (const f of listeners) f(data);
  };
  return {
    store,
    get data() {
      return data;
    },
    onChange(f) {
      listeners.add(f);
    },
    record({ objective, correct, source }) {
      if (!OBJECTIVES.includes(objective)) return false;
      const entry = data.objectives[objective] ??= { tries: 0, right: 0, streak: 0, sources: {} };
      entry.tries += 1;
      if (correct) {
        entry.right += 1;
        entry.streak += 1;
      } else entry.streak = 0;
      const key = SOURCES.includes(source) ? source : 'predict';
      const pair = entry.sources[key] ?? [0, 0];
      entry.sources[key] = [pair[0] + (correct ? 1 : 0), pair[1] + 1];
      changed();
      return true;
    },
    replace(objectives) {
      data = { objectives };
      changed();
    },
    reset() {
      data = { objectives: {} };
      changed();
    },
  };
}
