// TEMPORARY stand-in for the core's trainer.gradients({ sample }) until the "Kernels for issue 9" commit of the
// core branch is merged: the same backward pass in JS from trainer.parameters() and trainer.info. Removed then.
const ACT = {
  sigmoid: [(z) => 1 / (1 + Math.exp(-z)), (a) => a * (1 - a)],
  tanh: [Math.tanh, (a) => 1 - a * a],
  relu: [(z) => Math.max(0, z), (a, z) => (z > 0 ? 1 : 0)],
};

export function fallbackGradients(trainer, { activation, binaryLoss }, { sample } = {}) {
  const params = trainer.parameters();
  const { x, y, inputs } = trainer.info;
  const [f, df] = ACT[activation];
  const grads = params.map((l) => ({ weight: new Float64Array(l.weight.length), bias: new Float64Array(l.bias.length) }));
  const rows = sample === undefined ? [...Array(y.length).keys()] : [sample];
  const B = rows.length;
  for (const i of rows) {
    const as = [Array.from(x.subarray(i * inputs, (i + 1) * inputs))];
    const zs = [];
    params.forEach((l, li) => {
      const a = as.at(-1);
      const z = Array.from({ length: l.outputs }, (_, o) => {
        let s = l.bias[o];
        for (let k = 0; k < l.inputs; k++) s += l.weight[o * l.inputs + k] * a[k];
        return s;
      });
      zs.push(z);
      as.push(li === params.length - 1 ? z : z.map(f));
    });
    const z = zs.at(-1)[0];
    const p = 1 / (1 + Math.exp(-z));
    let delta = [binaryLoss === 'mseSigmoid' ? (2 * (p - y[i]) * p * (1 - p)) / B : (p - y[i]) / B];
    for (let li = params.length - 1; li >= 0; li--) {
      const l = params[li];
      const a = as[li];
      for (let o = 0; o < l.outputs; o++) {
        grads[li].bias[o] += delta[o];
        for (let k = 0; k < l.inputs; k++) grads[li].weight[o * l.inputs + k] += delta[o] * a[k];
      }
      if (li === 0) break;
      delta = Array.from({ length: l.inputs }, (_, k) => {
        let s = 0;
        for (let o = 0; o < l.outputs; o++) s += l.weight[o * l.inputs + k] * delta[o];
        return s * df(as[li][k], zs[li - 1][k]);
      });
    }
  }
  return grads;
}
