// Storage that fails safely: in a third-party or sandboxed iframe, localStorage is missing or throws
// (SecurityError). The quiz then keeps its answers in memory; this says so once, in the page, above the widget.
export function storageWorks() {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return false;
    const key = 'losslab:probe';
    storage.setItem(key, '1');
    storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** Shows the notice once per page (unless the progress store already showed its own). */
export function showStorageNotice(container, text) {
  if (document.querySelector('.ll-storage-notice, #ll-storage-notice')) return null;
  const notice = document.createElement('p');
  notice.id = 'll-storage-notice';
  notice.className = 'll-storage-notice ll-embed-notice';
  notice.setAttribute('role', 'status');
  notice.textContent = text;
  container.prepend(notice);
  return notice;
}
