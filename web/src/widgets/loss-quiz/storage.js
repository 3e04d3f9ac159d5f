// The quiz's saved answers in localStorage, under one key per quiz format version ('losslab.quiz.v1'). The record
// also carries a signature of the questions (ids, answer indices, choice counts), so answers saved for an edited
// quiz are dropped rather than shown against the wrong question. Anything unreadable, malformed or from another
// version is ignored and overwritten; a storage that throws (private mode, blocked cookies, sandboxed iframe)
// just means answers are not kept.

export function storageKey(version) {
  return `losslab.quiz.v${version}`;
}

/** FNV-1a (32 bit) of the question list, as 8 hex digits: short, stable, and changes when the quiz changes. */
export function quizSignature(questions) {
  const text = questions.map((q) => `${q.id}/${q.answer}/${q.choiceCount}`).join('|');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** localStorage, or null when merely touching it throws (Chromium does that when storage is blocked). */
export function openStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The saved answers as a Map id -> chosen index, keeping only entries that fit the current questions.
 *  `valid` is false when the stored record was present but unusable (so the caller overwrites it). */
export function loadAnswers(storage, { version, signature, questions }) {
  const answers = new Map();
  let raw = null;
  try {
    raw = storage?.getItem(storageKey(version)) ?? null;
  } catch {
    return { answers, valid: true }; // unreadable storage: nothing to restore, nothing to repair
  }
  if (raw === null) return { answers, valid: true };
  let record;
  try {
    record = JSON.parse(raw);
  } catch {
    return { answers, valid: false };
  }
  if (!record || typeof record !== 'object' || String(record.version) !== String(version)
    || record.signature !== signature || !record.answers || typeof record.answers !== 'object') {
    return { answers, valid: false };
  }
  const byId = new Map(questions.map((q) => [q.id, q]));
  let valid = true;
  for (const [id, choice] of Object.entries(record.answers)) {
    const question = byId.get(id);
    if (question && Number.isInteger(choice) && choice >= 0 && choice < question.choiceCount) answers.set(id, choice);
    else valid = false;
  }
  return { answers, valid };
}

/** Writes the answers; returns false when the storage refused (quota, blocked), which the quiz can live with. */
export function saveAnswers(storage, { version, signature }, answers) {
  if (!storage) return false;
  try {
    storage.setItem(storageKey(version), JSON.stringify({ version, signature, answers: Object.fromEntries(answers) }));
    return true;
  } catch {
    return false;
  }
}
