// web/src/progress/store.js: the one versioned store behind the quiz's answers and the mastery record. Records
// round-trip; another version, malformed JSON or data the caller rejects are ignored; a storage that throws is
// survived in memory.
import { expect, test } from 'vitest';
import { openStore } from '../../web/src/progress/store.js';

function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k), items };
}

const options = (backend) => ({
  version: 2,
  empty: () => ({ answers: {} }),
  validate: (record) => (record.answers && typeof record.answers === 'object' ? { answers: record.answers } : null),
  backend,
});

test('a record round-trips under its key with its version', () => {
  const backend = memoryStorage();
  const store = openStore('losslab.test.v2', options(backend));
  expect(store.persistent).toBe(true);
  store.write({ answers: { a: 1 } });
  expect(JSON.parse(backend.items.get('losslab.test.v2'))).toEqual({ answers: { a: 1 }, version: 2 });
  expect(openStore('losslab.test.v2', options(backend)).read()).toEqual({ data: { answers: { a: 1 } }, valid: true });
});

test('nothing stored reads as empty and valid; bad records read as empty and invalid', () => {
  const backend = memoryStorage();
  const store = openStore('k', options(backend));
  expect(store.read()).toEqual({ data: { answers: {} }, valid: true });
  for (const bad of ['{not json', '[]', '"text"', JSON.stringify({ version: 1, answers: {} }),
    JSON.stringify({ version: 2, answers: 5 })]) {
    backend.setItem('k', bad);
    expect(store.read()).toEqual({ data: { answers: {} }, valid: false });
  }
});

test('a storage that throws: the store goes on in memory and says it is not persistent', () => {
  const hostile = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('QuotaExceeded'); } };
  const store = openStore('k', options(hostile));
  store.write({ answers: { b: 2 } }); // setItem throws: remembered in memory
  expect(store.persistent).toBe(false);
  expect(store.read()).toEqual({ data: { answers: { b: 2 } }, valid: true });
  const none = openStore('k', options(null)); // no storage at all
  expect(none.persistent).toBe(false);
  none.write({ answers: { c: 3 } });
  expect(none.read().data).toEqual({ answers: { c: 3 } });
});
