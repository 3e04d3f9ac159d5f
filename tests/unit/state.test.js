// web/src/widgets/shared/state.js: schema coercion from attributes and the URL, changes, the URL a state writes,
// and the debounced writer that survives a replaceState that throws.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createUrlWriter, readState, urlWithState, withChanges } from '../../web/src/widgets/shared/state.js';

const schema = {
  z: { type: 'number', min: -10, max: 10, default: 1.5 },
  n: { type: 'int', min: 1, max: 9, default: 3 },
  kind: { type: 'choice', values: ['mse', 'ce', 2], default: 'mse' },
  log: { type: 'bool', default: false },
};

const element = (attributes = {}) => ({ localName: 'bce-explorer', getAttribute: (k) => attributes[k] ?? null });

describe('readState', () => {
  test('defaults, then attributes, then the URL', () => {
    expect(readState(schema, element(), '')).toEqual({ z: 1.5, n: 3, kind: 'mse', log: false });
    expect(readState(schema, element({ z: '2', kind: 'ce' }), '')).toMatchObject({ z: 2, kind: 'ce' });
    expect(readState(schema, element({ z: '2' }), '?bce-explorer.z=-3&other.z=4')).toMatchObject({ z: -3 });
  });
  test('numbers are clamped and ints rounded; junk falls back to the default', () => {
    expect(readState(schema, element({ z: '99', n: '4.6' }), '')).toMatchObject({ z: 10, n: 5 });
    expect(readState(schema, element({ z: 'abc', n: 'Infinity' }), '')).toMatchObject({ z: 1.5, n: 3 });
  });
  test('choices match by their text, including numbers', () => {
    expect(readState(schema, element({ kind: '2' }), '').kind).toBe(2);
    expect(readState(schema, element({ kind: 'huber' }), '').kind).toBe('mse');
  });
  test('a bare boolean attribute means true; "false" and "0" mean false', () => {
    expect(readState(schema, element({ log: '' }), '').log).toBe(true);
    expect(readState(schema, element({ log: 'true' }), '').log).toBe(true);
    expect(readState(schema, element({ log: '1' }), '').log).toBe(true);
    expect(readState(schema, element({ log: 'false' }), '').log).toBe(false);
    expect(readState(schema, element({ log: '0' }), '').log).toBe(false);
  });
});

describe('withChanges and urlWithState', () => {
  test('changes are coerced; unknown keys throw', () => {
    const s = readState(schema, element(), '');
    expect(withChanges(schema, s, { z: 50, n: 0 })).toMatchObject({ z: 10, n: 1 });
    expect(s.z).toBe(1.5);
    expect(() => withChanges(schema, s, { zz: 1 })).toThrow('state: unknown key zz');
  });
  test('only non-default values are written, other parameters kept', () => {
    const s = withChanges(schema, readState(schema, element(), ''), { z: 2, log: true });
    const url = urlWithState(schema, s, element(), 'https://x.test/page?keep=1&bce-explorer.n=7');
    expect(url.searchParams.get('keep')).toBe('1');
    expect(url.searchParams.get('bce-explorer.z')).toBe('2');
    expect(url.searchParams.get('bce-explorer.log')).toBe('true');
    expect(url.searchParams.has('bce-explorer.n')).toBe(false);
    expect(readState(schema, element(), url.search)).toEqual(s);
  });
});

describe('createUrlWriter', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  test('writes after the gesture, at most once a second during one, only on change; a throwing replaceState is survived', () => {
    vi.useFakeTimers();
    let href = 'https://x.test/';
    let calls = 0;
    vi.stubGlobal('location', { get href() { return href; }, search: '' });
    vi.stubGlobal('history', {
      state: null,
      replaceState(_state, _title, url) {
        calls += 1;
        if (calls > 2) throw new Error('SecurityError: too many calls');
        href = String(url);
      },
    });
    const writer = createUrlWriter(schema, element());
    let state = readState(schema, element(), '');
    for (let frame = 0; frame < 120; frame++) {
      state = withChanges(schema, state, { z: (frame % 10) - 5 });
      writer.schedule(state);
      vi.advanceTimersByTime(16);
    }
    // A 1,920 ms drag: one write (at the 1 s cap), not 120 and not one per 250 ms.
    expect(calls).toBe(1);
    vi.advanceTimersByTime(300); // the gesture ended: its last state is written 250 ms later
    expect(calls).toBe(2);
    expect(href).toContain('z=');
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(2); // nothing changed, nothing written
    writer.schedule(withChanges(schema, state, { z: 4.5 }));
    expect(() => vi.advanceTimersByTime(300)).not.toThrow(); // the third call throws inside the writer
    expect(calls).toBe(3);
    writer.cancel();
  });
});
