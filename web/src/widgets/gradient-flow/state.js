// State of the gradient-flow lab: the hidden activation, the number of hidden layers and the example whose gradients
// the diagrams show (-1 = the whole batch, else a point index). The trainers' progress (steps taken) is not state:
// a shared link starts both networks from their common initial weights.
import { SAMPLES } from './compute.js';

export const ACTIVATIONS = [
  { value: 'sigmoid', text: 'sigmoid' },
  { value: 'tanh', text: 'tanh' },
  { value: 'relu', text: 'ReLU' },
];
export const DEPTHS = [1, 2, 3, 4, 5, 6];

export const schema = {
  activation: { type: 'choice', values: ACTIVATIONS.map((a) => a.value), default: 'sigmoid' },
  depth: { type: 'choice', values: DEPTHS, default: 3 },
  example: { type: 'int', min: -1, max: SAMPLES - 1, default: -1 },
};
