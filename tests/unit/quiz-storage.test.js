// web/src/widgets/loss-quiz/storage.js: saved answers round-trip, stale or malformed records are dropped, and a
// storage that throws is survived.
import { expect, test } from 'vitest';
import { loadAnswers, quizSignature, saveAnswers, storageKey } from '../../web/src/widgets/loss-quiz/storage.js';

const questions = [{ id: 'a', answer: 1, choiceCount: 3 }, { id: 'b', answer: 0, choiceCount: 2 }];
const meta = { version: 1, signature: quizSignature(questions), questions };

function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)), items };
}

test('answers round-trip under the versioned key', () => {
  const storage = memoryStorage();
  expect(saveAnswers(storage, meta, new Map([['a', 2], ['b', 0]]))).toBe(true);
  expect(storage.items.has(storageKey(1))).toBe(true);
  const { answers, valid } = loadAnswers(storage, meta);
  expect(valid).toBe(true);
  expect([...answers]).toEqual([['a', 2], ['b', 0]]);
});

test('the signature changes with the quiz, and a record for another quiz is dropped', () => {
  expect(quizSignature(questions)).toMatch(/^[0-9a-f]{8}$/);
  const edited = [{ ...questions[0], choiceCount: 4 }, questions[1]];
  expect(quizSignature(edited)).not.toBe(quizSignature(questions));
  const storage = memoryStorage();
  saveAnswers(storage, meta, new Map([['a', 2]]));
  const result = loadAnswers(storage, { ...meta, signature: quizSignature(edited), questions: edited });
  expect(result.valid).toBe(false);
  expect(result.answers.size).toBe(0);
});

test('malformed records and out-of-range choices are ignored; throwing storage is survived', () => {
  const storage = memoryStorage();
  storage.setItem(storageKey(1), '{not json');
  expect(loadAnswers(storage, meta).valid).toBe(false);
  storage.setItem(storageKey(1), JSON.stringify({ version: 1, signature: meta.signature, answers: { a: 5, b: 1, zz: 0 } }));
  const partial = loadAnswers(storage, meta);
  expect(partial.valid).toBe(false);
  expect([...partial.answers]).toEqual([['b', 1]]);
  const hostile = { getItem() { throw new Error('blocked'); }, setItem() { throw new Error('quota'); } };
  expect(loadAnswers(hostile, meta)).toEqual({ answers: new Map(), valid: true });
  expect(saveAnswers(hostile, meta, new Map())).toBe(false);
  expect(saveAnswers(null, meta, new Map())).toBe(false);
});
