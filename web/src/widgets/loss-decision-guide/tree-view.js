// The decision tree as a nested list (readable by a screen reader, no SVG needed): every task, the question that
// picks its base loss with the loss each answer leads to, and the modifiers. The path the answers take is marked
// three ways: aria-current="step" on its nodes, a bold accent border, and the visible words "your answer".
// Every answer node is a button that sets that answer, so the tree is also a control. Only draws.
import { decisionTree, pathOf } from './tree.js';

const MODIFIER_EFFECT = {
  overconfident: 'adds label smoothing, smoothed targets or a fitted temperature',
  activation: 'pass logits instead: drop the final sigmoid or softmax',
};

function el(tag, className, ...children) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}

/** @param {(changes: object) => void} onChoose  called with { task } or { task, [key]: value } */
export function createTreeView(onChoose) {
  const nodes = new Map(); // path id -> { item, button }
  const mark = () => el('span', 'ldg-mark', 'your answer');
  const node = (id, changes, ...content) => {
    const button = el('button', 'ldg-node', ...content);
    button.type = 'button';
    button.addEventListener('click', () => onChoose(changes));
    const item = el('li', 'ldg-item', button);
    nodes.set(id, { item, button });
    return item;
  };

  const tree = decisionTree();
  const root = el('ul', 'ldg-tree');
  for (const { task, text, branch, modifiers } of tree) {
    const taskItem = node(`task:${task}`, { task }, el('span', 'ldg-answer', text));
    if (branch) {
      const question = el('p', 'ldg-question', branch.label);
      const options = el('ul', 'ldg-options', ...branch.options.map((o, k) => {
        const item = node(`${task}:${branch.key}=${o.value}`, { task, [branch.key]: o.value },
          el('span', 'ldg-answer', o.text), el('span', 'ldg-arrow', ' → '), el('strong', 'ldg-leaf', o.loss));
        // The compact view lists each loss once.
        if (branch.options.slice(0, k).some((p) => p.id === o.id)) item.classList.add('is-repeat');
        return item;
      }));
      taskItem.append(el('div', 'ldg-branch', question, options));
    }
    if (modifiers.length) {
      const list = el('ul', 'ldg-options ldg-modifiers', ...modifiers.map((m) => node(`${task}:${m.key}=${m.value}`,
        { task, [m.key]: m.value }, el('span', 'ldg-answer', `${m.text}?`), el('span', 'ldg-arrow', ' → '),
        el('span', 'ldg-leaf', MODIFIER_EFFECT[m.key]))));
      taskItem.append(el('div', 'ldg-branch ldg-then', el('p', 'ldg-question', 'Then, if it applies:'), list));
    }
    root.append(taskItem);
  }
  const figure = el('figure', 'll-plot ldg-figure');
  figure.append(el('div', 'ldg-tree-wrap', root));
  figure.querySelector('.ldg-tree-wrap').setAttribute('role', 'group');
  figure.querySelector('.ldg-tree-wrap').setAttribute('aria-label', 'The decision tree, your path marked');

  return {
    element: figure,
    /** @param {object} answers  the widget state */
    update(answers) {
      const path = pathOf(answers);
      for (const [id, { item, button }] of nodes) {
        const on = path.has(id);
        if (item.classList.contains('is-path') === on) continue; // only the nodes that changed
        item.classList.toggle('is-path', on);
        if (on) {
          item.setAttribute('aria-current', 'step');
          button.append(mark());
        } else {
          item.removeAttribute('aria-current');
          button.querySelector('.ldg-mark')?.remove();
        }
      }
      for (const { task } of tree) {
        nodes.get(`task:${task}`).item.classList.toggle('is-open', answers.task === task);
      }
    },
  };
}
