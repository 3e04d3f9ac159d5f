// State of the gradient-flow lab: the hidden activation and the number of hidden layers. The trainers' progress
// (steps taken) is not state: a shared link starts both networks from their common initial weights.
export const ACTIVATIONS = [
  { value: 'sigmoid', text: 'sigmoid' },
  { value: 'tanh', text: 'tanh' },
  { value: 'relu', text: 'ReLU' },
];
export const DEPTHS = [2, 3, 4, 5, 6];

export const schema = {
  activation: { type: 'choice', values: ACTIVATIONS.map((a) => a.value), default: 'sigmoid' },
  depth: { type: 'choice', values: DEPTHS, default: 3 },
};
