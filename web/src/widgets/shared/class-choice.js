// The "Classes" and "True class" selects that the multi-class widgets share. Classes are numbered from 1 in the
// UI and the true class's option says its PyTorch index (k - 1). Changing the class count keeps the true class in
// range; `show` rebuilds the true-class options only when the count changed.
import { select } from './controls.js';

const trueClassOptions = (count) => Array.from({ length: count }, (_, i) => ({ value: i + 1, text: `Class ${i + 1} (index ${i})` }));

/**
 * @param owner the widget (ids, setState)
 * @param {number[]} choices the allowed class counts
 * @returns {{ classes, trueClass, show(count: number, trueIndex: number) }}
 */
export function classChoice(owner, choices) {
  const { classes: count, y } = owner.state;
  const classes = select(owner, { name: 'classes', label: 'Classes', value: count,
    options: choices.map((c) => ({ value: c, text: String(c) })) });
  classes.onChange((c) => {
    const next = Number(c);
    owner.setState({ classes: next, y: Math.min(owner.state.y, next) });
  });
  const trueClass = select(owner, { name: 'y', label: 'True class', value: Math.min(y, count),
    options: trueClassOptions(count) });
  trueClass.onChange((value) => owner.setState({ y: Number(value) }));
  return {
    classes,
    trueClass,
    show(classCount, trueIndex) {
      classes.set(classCount);
      if (trueClass.input.options.length !== classCount) {
        trueClass.input.replaceChildren(...trueClassOptions(classCount).map((o) => new Option(o.text, String(o.value))));
      }
      trueClass.set(trueIndex + 1);
    },
  };
}
