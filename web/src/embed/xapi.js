// Forwards the quiz's xAPI-shaped statements (bubbling 'll-xapi' events, detail = the statement) to the parent
// window as { source: 'losslab', version: 1, type: 'xapi', widget, statement }. The statement is passed on as the
// quiz made it, after a JSON round trip so only plain data crosses (no DOM nodes, no functions).
import { postToParent } from './protocol.js';

export function forwardStatements(root, widget) {
  const listener = (event) => {
    let statement;
    try {
      statement = JSON.parse(JSON.stringify(event.detail));
    } catch {
      return;
    }
    postToParent('xapi', widget, { statement });
  };
  root.addEventListener('ll-xapi', listener);
  return () => root.removeEventListener('ll-xapi', listener);
}
