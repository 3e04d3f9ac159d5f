// One small versioned store over localStorage. A record is JSON { version, ...data } under one key; anything
// unreadable, from another version or failing the caller's validation is ignored (and replaced on the next write).
// When storage is unavailable or throws (private mode, a sandboxed or third-party iframe, a full quota), the store
// keeps its data in memory and the page says so once (showStorageNotice).

function storage() {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    const probe = '__losslab_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

const NOTICE_ID = 'll-storage-notice';
export const STORAGE_NOTICE = 'This browser does not let the page save your progress (storage is blocked or full). '
  + 'Answers and progress work as usual but are kept only until you leave or reload the page.';

/** Shows, once per document, that progress will not be kept. `near` is where it goes when the page has no main. */
export function showStorageNotice(near) {
  const doc = globalThis.document;
  if (!doc || doc.getElementById(NOTICE_ID)) return;
  const notice = doc.createElement('p');
  notice.id = NOTICE_ID;
  notice.className = 'll-storage-notice';
  notice.setAttribute('role', 'status');
  notice.textContent = STORAGE_NOTICE;
  const main = doc.querySelector('main');
  if (main) main.prepend(notice);
  else if (near) near.prepend(notice);
  else doc.body?.prepend(notice);
}

/**
 * @param {string} key localStorage key, e.g. 'losslab.progress.v1'
 * @param {{ version: number, empty: () => object, validate: (record) => object|null, near?: Element,
 *   backend?: Storage | null }} options   validate returns the cleaned data or null (ignore the record);
 *   backend defaults to localStorage when it works (tests pass their own).
 */
export function openStore(key, { version, empty, validate, near, backend: given }) {
  let backend = given === undefined ? storage() : given;
  let remembered = null; // the last record written, for when the backend is gone
  let warned = false;
  const fail = () => {
    backend = null;
    if (!warned) {
      warned = true;
      showStorageNotice(near);
    }
  };
  if (!backend) fail();
  return {
    get persistent() {
      return backend !== null;
    },
    read() {
      let text = null;
      try {
        text = backend ? backend.getItem(key) : remembered;
      } catch {
        fail();
        text = remembered;
      }
      if (text === null) return { data: empty(), valid: true };
      try {
        const record = JSON.parse(text);
        if (!record || typeof record !== 'object' || Array.isArray(record) || record.version !== version) return { data: empty(), valid: false };
        const data = validate(record);
        return data ? { data, valid: true } : { data: empty(), valid: false };
      } catch {
        return { data: empty(), valid: false };
      }
    },
    write(data) {
      const text = JSON.stringify({ ...data, version });
      remembered = text;
      if (!backend) return;
      try {
        backend.setItem(key, text);
      } catch {
        fail();
      }
    },
  };
}
