// The ten practice problem types. generate(type, seed, core) draws one problem from the seed: its inputs (a small
// table), the question, the answer computed by the core, the common mistakes (each answer also computed with the
// core, so a typed mistake is recognised), a hint, and a worked solution whose numbers all come from the core.
import { dice } from './random.js';

/** A number shown to 4 significant figures (inputs are shown as drawn). */
export function sig(x, digits = 4) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const s = Number(x.toPrecision(digits));
  return Math.abs(s) >= 1e6 || Math.abs(s) < 1e-4 ? s.toExponential(digits - 1) : String(s);
}
const LN2 = Math.LN2;
const cell = (value, text = String(value)) => ({ value, text });
const list = (xs, f = sig) => xs.map((x) => f(x)).join(', ');
const sigmoid = (core, z) => core.softmax([z, 0], { classes: 2 })[0];

function mse(core, seed) {
  const d = dice(seed);
  const n = d.int(3, 4);
  const yhat = Array.from({ length: n }, () => d.step(-3, 3));
  const y = yhat.map((v) => {
    let t = d.step(-3, 3);
    while (t === v) t = d.step(-3, 3);
    return t;
  });
  const ask = d.pick(['loss', 'grad']);
  const k = d.int(0, n - 1);
  const mean = core.mse(yhat, y);
  const sum = core.mse(yhat, y, { reduction: 'sum' });
  const errors = Array.from(core.mse(yhat, y, { reduction: 'none' }).grad).map((g) => g / 2); // d(e^2)/dŷ = 2e
  const squares = Array.from(core.mse(yhat, y, { reduction: 'none' }).loss);
  const rows = yhat.map((v, i) => [cell(i + 1), cell(v), cell(y[i])]);
  const common = {
    type: 'mse', title: 'Mean squared error', name: 'mean squared error',
    columns: ['i', 'prediction ŷᵢ', 'target yᵢ'], rows,
  };
  const stepsBase = [
    `Errors eᵢ = ŷᵢ − yᵢ: ${list(errors)}.`,
    `Squared errors eᵢ²: ${list(squares)}; their sum is ${sig(sum.loss)}.`,
  ];
  if (ask === 'loss') {
    return {
      ...common,
      question: `Compute the mean squared error L = (1/n) Σ (ŷᵢ − yᵢ)² of these ${n} predictions.`,
      answer: mean.loss,
      mistakes: [
        { id: 'sum', value: sum.loss, feedback: `That is the sum of the squared errors. The mean divides it by n = ${n}.` },
        { id: 'abs', value: core.l1(yhat, y).loss, feedback: 'That is the mean absolute error: square each error instead of taking its size.' },
      ],
      hint: 'Subtract each target from its prediction, square, add up, then divide by the number of predictions.',
      steps: [...stepsBase, `Divide by n = ${n}: L = ${sig(sum.loss)} / ${n} = ${sig(mean.loss)}.`],
    };
  }
  return {
    ...common,
    question: `Compute the gradient ∂L/∂ŷ${sub(k + 1)} of the mean squared error L = (1/n) Σ (ŷᵢ − yᵢ)² for prediction i = ${k + 1}.`,
    answer: mean.grad[k],
    mistakes: [
      { id: 'sum', value: sum.grad[k], feedback: `That is the gradient of the sum of squares. The mean brings a factor 1/n = 1/${n}.` },
      { id: 'sign', value: -mean.grad[k], feedback: 'Wrong sign: the gradient is 2(ŷᵢ − yᵢ)/n, positive when the prediction is above its target.' },
      { id: 'factor2', value: mean.grad[k] / 2, feedback: 'The derivative of e² is 2e: the factor 2 is missing.' },
    ],
    hint: 'Only the i-th term of the sum depends on ŷᵢ; differentiate (ŷᵢ − yᵢ)² and keep the 1/n.',
    steps: [stepsBase[0], `∂L/∂ŷᵢ = 2 eᵢ / n, so for i = ${k + 1}: 2 × ${sig(errors[k])} / ${n} = ${sig(mean.grad[k])}.`],
  };
}

function sub(k) {
  return String(k).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[c]);
}

function bce(core, seed) {
  const d = dice(seed);
  let z = d.step(-4, 4);
  if (z === 0) z = 0.5;
  const y = d.int(0, 1);
  const ask = d.pick(['loss', 'grad']);
  const r = core.bceWithLogits([z], [y]);
  const p = sigmoid(core, z);
  const common = {
    type: 'bce', title: 'Binary cross-entropy from a logit', name: 'binary cross-entropy',
    columns: ['quantity', 'value'], rows: [[cell('logit z'), cell(z)], [cell('label y'), cell(y)]],
  };
  const stepSigma = `σ(z) = 1 / (1 + e^(−z)) = ${sig(p)}.`;
  if (ask === 'loss') {
    return {
      ...common,
      question: 'Compute the binary cross-entropy L = −[y ln σ(z) + (1 − y) ln(1 − σ(z))] for this logit and label.',
      answer: r.loss,
      mistakes: [
        { id: 'log2', value: r.loss / LN2, feedback: 'That is the loss in bits (log₂). PyTorch and this page use the natural log, ln.' },
        { id: 'label', value: core.bceWithLogits([z], [1 - y]).loss, feedback: `That is the loss for label ${1 - y}. With y = ${y} only the ${y ? 'ln σ(z)' : 'ln(1 − σ(z))'} term remains.` },
      ],
      hint: `With y = ${y} one of the two terms vanishes. Compute σ(z) first.`,
      steps: [stepSigma, y ? `With y = 1: L = −ln σ(z) = −ln ${sig(p)} = ${sig(r.loss)}.`
        : `With y = 0: L = −ln(1 − σ(z)) = −ln ${sig(1 - p)} = ${sig(r.loss)}.`],
    };
  }
  return {
    ...common,
    question: 'Compute the gradient ∂L/∂z of the binary cross-entropy with respect to the logit.',
    answer: r.grad[0],
    mistakes: [
      { id: 'sign', value: -r.grad[0], feedback: 'Wrong sign: ∂L/∂z = σ(z) − y (prediction minus target), not y − σ(z).' },
      ...(y === 1 ? [{ id: 'no-target', value: p, feedback: 'That is σ(z) alone: subtract the label y.' }] : []),
    ],
    hint: 'The sigmoid’s derivative cancels against the log: the result is prediction minus target.',
    steps: [stepSigma, `∂L/∂z = σ(z) − y = ${sig(p)} − ${y} = ${sig(r.grad[0])}.`],
  };
}

function softmaxCe(core, seed) {
  const d = dice(seed);
  const C = d.int(3, 4);
  const z = Array.from({ length: C }, () => d.step(-3, 3));
  const k = d.int(0, C - 1);
  const ask = d.pick(['prob', 'loss', 'smooth']);
  const p = Array.from(core.softmax(z, { classes: C }));
  const ce = core.crossEntropy(z, [k], { classes: C }).loss;
  const common = {
    type: 'softmax-ce', title: 'Softmax and cross-entropy', name: 'softmax and cross-entropy',
    columns: ['class', 'logit zᵢ'], rows: z.map((v, i) => [cell(i), cell(v)]),
  };
  const stepSoftmax = `Softmax pᵢ = e^(zᵢ) / Σⱼ e^(zⱼ) (subtract the largest logit first for safety): ${list(p)}.`;
  if (ask === 'prob') {
    return {
      ...common,
      question: `Compute the softmax probability p${sub(k)} of class ${k} from these logits.`,
      answer: p[k],
      mistakes: [
        { id: 'log', value: core.logSoftmax(z, { classes: C })[k], feedback: 'That is the log-probability ln pₖ (log-softmax). Exponentiate it.' },
        { id: 'no-exp', value: z[k] / z.reduce((a, b) => a + b, 0), feedback: 'Softmax exponentiates first: divide e^(zₖ) by the sum of e^(zⱼ), not zₖ by the sum of logits.' },
      ],
      hint: 'Exponentiate every logit, then divide the one for this class by their sum.',
      steps: [stepSoftmax, `p${sub(k)} = ${sig(p[k])}.`],
    };
  }
  if (ask === 'loss') {
    const top = p.indexOf(Math.max(...p));
    return {
      ...common,
      question: `The true class is ${k}. Compute the cross-entropy loss L = −ln p${sub(k)}.`,
      answer: ce,
      mistakes: [
        { id: 'log2', value: ce / LN2, feedback: 'That is log₂ (bits). Cross-entropy in PyTorch uses the natural log, ln.' },
        ...(top !== k ? [{ id: 'top', value: -Math.log(p[top]), feedback: `That is −ln of the largest probability (class ${top}); the loss uses the true class ${k}.` }] : []),
      ],
      hint: 'Softmax the logits, then take minus the natural log of the true class’s probability.',
      steps: [stepSoftmax, `L = −ln p${sub(k)} = −ln ${sig(p[k])} = ${sig(ce)}.`],
    };
  }
  const eps = d.pick([0.1, 0.2]);
  const smooth = core.crossEntropy(z, [k], { classes: C, labelSmoothing: eps }).loss;
  const wrongTarget = Array.from({ length: C }, (_, i) => (i === k ? 1 - eps : eps / (C - 1)));
  const logp = Array.from(core.logSoftmax(z, { classes: C }));
  const meanNll = -logp.reduce((a, b) => a + b, 0) / C;
  return {
    ...common,
    rows: [...common.rows, [cell('ε'), cell(eps)]],
    question: `The true class is ${k}. Compute the cross-entropy with label smoothing ε = ${eps} (PyTorch’s label_smoothing): L = (1 − ε)(−ln p${sub(k)}) + ε · (1/C) Σᵢ (−ln pᵢ).`,
    answer: smooth,
    mistakes: [
      { id: 'eps-c-1', value: core.crossEntropy(z, wrongTarget, { classes: C }).loss, feedback: `That spreads ε/(C−1) over the other classes only. PyTorch spreads ε/C over all C = ${C} classes, the true one included.` },
      { id: 'class-mean', value: (1 - eps) * ce + eps * meanNll * C, feedback: `The smoothing term is a mean over the classes: divide the sum of −ln pᵢ by C = ${C}.` },
      { id: 'unsmoothed', value: ce, feedback: 'That is the loss without smoothing.' },
    ],
    hint: 'The target is (1 − ε) on the true class plus ε/C on every class. Cross-entropy is −Σ target × ln p.',
    steps: [stepSoftmax, `−ln pᵢ: ${list(logp.map((v) => -v))}; their mean over the ${C} classes is ${sig(meanNll)}.`,
      `L = (1 − ${eps}) × ${sig(ce)} + ${eps} × ${sig(meanNll)} = ${sig(smooth)}.`],
  };
}

/** The largest x whose naive exp(x) is finite in this precision, found by bisection on the core's naive LSE. */
export function overflowThreshold(core, precision) {
  let lo = 0;
  let hi = 2000;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (Number.isFinite(core.logSumExp([mid], { stable: false, precision }))) lo = mid;
    else hi = mid;
  }
  return lo;
}

function logsumexp(core, seed) {
  const d = dice(seed);
  const ask = d.pick(['lse', 'lse', 'f32', 'f64']);
  const m = d.int(90, 800);
  const z = [m, m - d.step(0.2, 3), m - d.step(0.2, 3)];
  const common = {
    type: 'logsumexp', title: 'Log-sum-exp of large logits', name: 'log-sum-exp',
    columns: ['i', 'logit zᵢ'], rows: z.map((v, i) => [cell(i + 1), cell(v)]),
  };
  if (ask === 'lse') {
    const lse = core.logSumExp(z);
    const shifted = core.logSumExp(z.map((v) => v - m));
    return {
      ...common,
      question: 'Compute log-sum-exp, LSE(z) = ln Σᵢ e^(zᵢ), of these logits (a naive float32 exp would overflow). Answer to 2 decimal places.',
      answer: lse,
      decimals: 2,
      mistakes: [
        { id: 'max', value: m, feedback: 'That is only the largest logit. LSE adds ln Σ e^(zᵢ − max), which is positive.' },
        { id: 'log2', value: m + shifted / LN2, feedback: 'That uses log₂ for the correction term. LSE uses the natural log.' },
      ],
      hint: 'Factor out the largest logit: LSE(z) = max + ln Σ e^(zᵢ − max). The shifted exponents are small.',
      steps: [`max = ${sig(m, 6)}; shifted logits zᵢ − max: ${list(z.map((v) => v - m))}.`,
        `ln Σ e^(zᵢ − max) = ${sig(shifted)}.`, `LSE = ${sig(m, 6)} + ${sig(shifted)} = ${sig(lse, 6)}.`],
    };
  }
  const t32 = overflowThreshold(core, 'f32');
  const t64 = overflowThreshold(core, 'f64');
  const mine = ask === 'f32' ? t32 : t64;
  const other = ask === 'f32' ? t64 : t32;
  const name = ask === 'f32' ? 'float32' : 'float64';
  const max = ask === 'f32' ? '3.403 × 10³⁸' : '1.798 × 10³⁰⁸';
  return {
    ...common,
    question: `A naive log-sum-exp computes e^(zᵢ) directly. In ${name}, what is the largest logit x for which e^x is still finite?`,
    answer: mine,
    mistakes: [
      { id: 'log2', value: ask === 'f32' ? 128 : 1024, feedback: `That is log₂ of the largest ${name}. e^x overflows at x = ln(largest ${name}).` },
      { id: 'other', value: other, feedback: `That is the ${ask === 'f32' ? 'float64' : 'float32'} threshold.` },
    ],
    hint: `e^x overflows once it passes the largest finite ${name}, ${max}. Take its natural log.`,
    steps: [`The largest finite ${name} is ${max}.`, `e^x stays finite while x ≤ ln(${max}) = ${sig(mine, 6)}.`,
      `The largest logit here is ${m}, so the naive ${name} sum ${m > mine ? 'overflows' : 'does not overflow'}; the shifted form never does.`],
  };
}

function classWeights(core, seed) {
  const d = dice(seed);
  const C = d.int(3, 4);
  const counts = Array.from({ length: C }, (_, i) => (i === 0 ? d.int(50, 200) * 10 : d.int(2, 60) * 10));
  const strategy = d.pick(['inverse', 'inverse_sqrt', 'effective']);
  const beta = d.pick([0.9, 0.99, 0.999]);
  const k = d.int(1, C - 1);
  const options = strategy === 'effective' ? { strategy, beta } : { strategy };
  const w = Array.from(core.classWeights(counts, options));
  const inverse = Array.from(core.classWeights(counts, { strategy: 'inverse' }));
  const n = counts.reduce((a, b) => a + b, 0);
  const rows = counts.map((c, i) => [cell(i), cell(c)]);
  const names = { inverse: 'inverse frequency', inverse_sqrt: 'inverse square root', effective: 'effective number' };
  const common = { type: 'class-weights', title: 'Class weights', name: 'class weights', columns: ['class', 'count nᵢ'], rows };
  if (strategy === 'inverse') {
    return {
      ...common,
      question: `Compute the inverse-frequency weight w${sub(k)} = n / (C · n${sub(k)}) of class ${k}, with n the total count and C = ${C} classes.`,
      answer: w[k],
      mistakes: [
        { id: 'class-mean', value: w[k] * C, feedback: `That is n / n${sub(k)}. Divide by the number of classes too (C = ${C}), so a balanced set gets weights of 1.` },
        { id: 'frequency', value: counts[k] / n, feedback: 'That is the class’s frequency. The weight is its inverse (divided by C).' },
      ],
      hint: 'Add the counts to get n; a rare class gets a weight above 1.',
      steps: [`n = ${counts.join(' + ')} = ${n}.`, `w${sub(k)} = ${n} / (${C} × ${counts[k]}) = ${sig(w[k])}.`],
    };
  }
  if (strategy === 'inverse_sqrt') {
    return {
      ...common,
      question: `Compute the inverse-square-root weight w${sub(k)} = √(n / (C · n${sub(k)})) of class ${k} (n the total count, C = ${C}).`,
      answer: w[k],
      mistakes: [
        { id: 'inverse', value: inverse[k], feedback: 'That is the plain inverse-frequency weight: take its square root.' },
        { id: 'class-mean', value: Math.sqrt(inverse[k] * C), feedback: `Divide by the number of classes (C = ${C}) inside the root.` },
      ],
      hint: 'Compute the inverse-frequency weight n / (C · nₖ) first, then take the square root.',
      steps: [`n = ${counts.join(' + ')} = ${n}.`, `n / (C · n${sub(k)}) = ${sig(inverse[k])}.`, `w${sub(k)} = √${sig(inverse[k])} = ${sig(w[k])}.`],
    };
  }
  const effective = counts.map((c) => (1 - beta ** c) / (1 - beta));
  const raw = effective.map((e) => 1 / e);
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    ...common,
    rows: [...rows, [cell('β'), cell(beta)]],
    question: `Compute the effective-number weight of class ${k} (Cui et al. 2019): Eᵢ = (1 − βⁿⁱ) / (1 − β), wᵢ ∝ 1/Eᵢ, scaled so the ${C} weights add up to C.`,
    answer: w[k],
    mistakes: [
      { id: 'unnormalised', value: raw[k], feedback: `That is 1/E${sub(k)} before scaling: multiply by C / Σᵢ(1/Eᵢ) so the weights add up to ${C}.` },
      { id: 'effective', value: effective[k], feedback: 'That is the effective number itself; the weight is proportional to its inverse.' },
    ],
    hint: 'Compute every Eᵢ; for large counts Eᵢ approaches 1/(1 − β).',
    steps: [`Eᵢ = (1 − ${beta}^nᵢ) / (1 − ${beta}): ${list(effective)}.`, `1/Eᵢ: ${list(raw)}; their sum is ${sig(total)}.`,
      `w${sub(k)} = ${C} × ${sig(raw[k])} / ${sig(total)} = ${sig(w[k])}.`],
  };
}

function focal(core, seed) {
  const d = dice(seed);
  const pt = d.step(0.05, 0.95, 2);
  const gamma = d.pick([0.5, 1, 2, 3, 5]);
  const logit = Math.log(pt / (1 - pt));
  const loss = core.sigmoidFocal([logit], [1], { alpha: -1, gamma }).loss;
  const ce = core.sigmoidFocal([logit], [1], { alpha: -1, gamma: 0 }).loss;
  const factor = loss / ce;
  return {
    type: 'focal', title: 'Focal loss', name: 'focal loss',
    columns: ['quantity', 'value'], rows: [[cell('p_t (probability of the true class)'), cell(pt)], [cell('γ'), cell(gamma)]],
    question: 'Compute the focal loss FL = −(1 − p_t)^γ ln p_t (no α weighting).',
    answer: loss,
    mistakes: [
      { id: 'no-factor', value: ce, feedback: 'That is plain cross-entropy −ln p_t. The focal factor (1 − p_t)^γ multiplies it.' },
      { id: 'log2', value: loss / LN2, feedback: 'That uses log₂. The loss uses the natural log.' },
      { id: 'pt-factor', value: -(pt ** gamma) * Math.log(pt), feedback: 'The factor is (1 − p_t)^γ, small for easy examples, not p_t^γ.' },
    ],
    hint: 'Cross-entropy is −ln p_t; focal loss scales it down by (1 − p_t)^γ.',
    steps: [`Cross-entropy −ln p_t = −ln ${pt} = ${sig(ce)}.`, `Focal factor (1 − p_t)^γ = ${sig(1 - pt)}^${gamma} = ${sig(factor)}.`,
      `FL = ${sig(factor)} × ${sig(ce)} = ${sig(loss)}.`],
  };
}

function huber(core, seed) {
  const d = dice(seed);
  let e = d.step(-4, 4);
  if (e === 0) e = 1.3;
  const t = d.pick([0.5, 1, 1.5, 2]);
  const ask = d.pick(['huber', 'smoothl1']);
  const h = core.huber([e], [0], { delta: t }).loss;
  const s = core.smoothL1([e], [0], { beta: t }).loss;
  const quad = core.mse([e], [0]).loss / 2;
  const linear = Math.abs(e) > t;
  const isHuber = ask === 'huber';
  const answer = isHuber ? h : s;
  const mistakes = [
    { id: 'other', value: isHuber ? s : h, feedback: isHuber ? `That is Smooth L1 with β = ${t}. Huber is δ times Smooth L1: δ(|e| − δ/2) in the linear part.`
      : `That is Huber with δ = ${t}. Smooth L1 is Huber divided by β.` },
  ];
  if (linear) mistakes.push({ id: 'quadratic', value: quad, feedback: `|e| = ${Math.abs(e)} is above ${t}, so the linear branch applies, not ½e².` });
  const symbol = isHuber ? 'δ' : 'β';
  return {
    type: 'huber', title: 'Huber and Smooth L1', name: isHuber ? 'Huber loss' : 'Smooth L1 loss',
    columns: ['quantity', 'value'], rows: [[cell('error e = ŷ − y'), cell(e)], [cell(symbol), cell(t)]],
    question: isHuber ? `Compute the Huber loss of this error with δ = ${t}: ½e² if |e| ≤ δ, else δ(|e| − ½δ).`
      : `Compute the Smooth L1 loss of this error with β = ${t}: ½e²/β if |e| < β, else |e| − ½β.`,
    answer,
    mistakes,
    hint: `Compare |e| with ${symbol} to pick the branch first.`,
    steps: [`|e| = ${Math.abs(e)} ${linear ? '>' : '≤'} ${symbol} = ${t}, so the ${linear ? 'linear' : 'quadratic'} branch applies.`,
      isHuber ? (linear ? `Huber = ${t} × (${Math.abs(e)} − ${t / 2}) = ${sig(h)}.` : `Huber = ½ × ${e}² = ${sig(h)}.`)
        : (linear ? `Smooth L1 = ${Math.abs(e)} − ${t / 2} = ${sig(s)}.` : `Smooth L1 = ½ × ${e}² / ${t} = ${sig(s)}.`)],
  };
}

function triplet(core, seed) {
  const d = dice(seed);
  const point = () => [d.step(-2, 2), d.step(-2, 2)];
  const a = point();
  const p = point();
  const n = point();
  const margin = d.pick([0.2, 0.5, 1]);
  const loss = core.tripletMargin(a, p, n, { dim: 2, margin }).loss;
  const sq = (u, v) => core.mse(u, v, { reduction: 'sum' }).loss;
  const dap = Math.sqrt(sq(a, p));
  const dan = Math.sqrt(sq(a, n));
  const raw = dap - dan + margin;
  const mistakes = [
    { id: 'squared', value: Math.max(0, sq(a, p) - sq(a, n) + margin), feedback: 'That uses squared distances. PyTorch’s triplet_margin_loss uses the plain Euclidean distance (p = 2).' },
  ];
  if (raw < 0) mistakes.push({ id: 'hinge', value: raw, feedback: 'The loss cannot be negative: it is max(0, d(a,p) − d(a,n) + margin).' });
  mistakes.push({ id: 'swapped', value: Math.max(0, dan - dap + margin), feedback: 'The positive’s distance comes first: d(a,p) − d(a,n) + margin.' });
  return {
    type: 'triplet', title: 'Triplet loss', name: 'triplet loss',
    columns: ['point', 'x', 'y'], rows: [[cell('anchor a'), cell(a[0]), cell(a[1])], [cell('positive p'), cell(p[0]), cell(p[1])],
      [cell('negative n'), cell(n[0]), cell(n[1])], [cell('margin'), cell(margin), cell('')]],
    question: `Compute the triplet loss max(0, ‖a − p‖ − ‖a − n‖ + margin) with margin ${margin} (Euclidean distances).`,
    answer: loss,
    mistakes,
    hint: 'Compute the two distances from the anchor, subtract, add the margin, and clip at zero.',
    steps: [`‖a − p‖ = √${sig(sq(a, p))} = ${sig(dap)}.`, `‖a − n‖ = √${sig(sq(a, n))} = ${sig(dan)}.`,
      `${sig(dap)} − ${sig(dan)} + ${margin} = ${sig(raw)}; max(0, ·) = ${sig(loss)}.`],
  };
}

function ece(core, seed) {
  const d = dice(seed);
  const N = d.int(5, 6);
  const conf = [];
  while (conf.length < N) {
    const c = d.step(0.51, 0.99, 2);
    if (Math.abs(c - 0.6) > 0.005 && Math.abs(c - 0.8) > 0.005) conf.push(c);
  }
  const correct = conf.map((c) => (d.random() < c ? 1 : 0));
  const probs = conf.flatMap((c) => [c, 1 - c]);
  const labels = correct.map((ok) => (ok ? 0 : 1));
  const r = core.ece(probs, labels, { classes: 2, bins: 5 });
  const used = r.bins.filter((b) => b.count > 0);
  const unweighted = used.reduce((s, b) => s + Math.abs(b.accuracy - b.confidence), 0) / used.length;
  const perSample = conf.reduce((s, c, i) => s + Math.abs(c - correct[i]), 0) / N;
  const mistakes = [
    { id: 'unweighted', value: unweighted, feedback: 'That averages the bins equally. ECE weights each bin’s gap by its share of the samples, n_b / N.' },
    { id: 'per-sample', value: perSample, feedback: 'That compares each confidence with 0 or 1 one sample at a time. ECE compares averages within each bin.' },
  ];
  return {
    type: 'ece', title: 'Expected calibration error', name: 'expected calibration error',
    columns: ['sample', 'confidence', 'correct?'], rows: conf.map((c, i) => [cell(i + 1), cell(c), cell(correct[i], correct[i] ? 'yes' : 'no')]),
    question: 'Compute the expected calibration error ECE = Σ_b (n_b / N) |accuracy_b − confidence_b| with 5 equal-width bins of the confidence.',
    answer: r.ece,
    mistakes,
    hint: 'The bins are [0, 0.2), [0.2, 0.4), …, [0.8, 1]. Only the bins that hold samples contribute.',
    steps: [...used.map((b) => `Bin [${sig(b.lo)}, ${sig(b.hi)}]: ${b.count} sample${b.count > 1 ? 's' : ''}, mean confidence ${sig(b.confidence)}, accuracy ${sig(b.accuracy)}, gap ${sig(Math.abs(b.accuracy - b.confidence))}.`),
      `ECE = ${used.map((b) => `${b.count}/${N} × ${sig(Math.abs(b.accuracy - b.confidence))}`).join(' + ')} = ${sig(r.ece)}.`],
  };
}

function temperature(core, seed) {
  const d = dice(seed);
  const z = [d.step(-2, 3), d.step(-2, 3), d.step(-2, 3)];
  const T = d.pick([0.5, 2, 3, 5]);
  const k = d.int(0, 2);
  const scaled = z.map((v) => v / T);
  const p = Array.from(core.softmax(scaled, { classes: 3 }));
  const plain = Array.from(core.softmax(z, { classes: 3 }));
  const times = Array.from(core.softmax(z.map((v) => v * T), { classes: 3 }));
  const mistakes = [
    { id: 'times', value: times[k], feedback: 'That multiplies the logits by T. Temperature divides them: softmax(z / T).' },
    { id: 'no-temperature', value: plain[k], feedback: 'That is the softmax without the temperature.' },
  ];
  return {
    type: 'temperature', title: 'Temperature and softmax', name: 'softmax temperature',
    columns: ['class', 'logit zᵢ'], rows: [...z.map((v, i) => [cell(i), cell(v)]), [cell('T'), cell(T)]],
    question: `Compute p${sub(k)} = softmax(z / T)${sub(k)} at temperature T = ${T}.`,
    answer: p[k],
    mistakes,
    hint: `Divide every logit by T = ${T}, then take the softmax. T > 1 flattens the distribution, T < 1 sharpens it.`,
    steps: [`z / T: ${list(scaled)}.`, `softmax(z / T): ${list(p)} (at T = 1 it would be ${list(plain)}).`, `p${sub(k)} = ${sig(p[k])}.`],
  };
}

/** Block titles, known before a problem is drawn (each block's region is named by its title from the start). */
export const TITLES = {
  mse: 'Mean squared error', bce: 'Binary cross-entropy from a logit', 'softmax-ce': 'Softmax and cross-entropy',
  logsumexp: 'Log-sum-exp of large logits', 'class-weights': 'Class weights', focal: 'Focal loss', huber: 'Huber and Smooth L1',
  triplet: 'Triplet loss', ece: 'Expected calibration error', temperature: 'Temperature and softmax',
};

export const PROBLEM_TYPES = {
  mse, bce, 'softmax-ce': softmaxCe, logsumexp, 'class-weights': classWeights, focal, huber, triplet, ece, temperature,
};

export function generate(type, seed, core) {
  const make = PROBLEM_TYPES[type];
  if (!make) throw new Error(`practice: unknown problem type "${type}"`);
  const problem = make(core, seed);
  // A mistake that gives the right answer (at the checking tolerance) is not a mistake for this problem.
  problem.mistakes = problem.mistakes.filter((m) => Number.isFinite(m.value) && !matches(m.value, problem.answer, problem.decimals));
  return { ...problem, seed };
}

/** True when `typed` equals `exact` to 3 significant figures (half a unit in the third figure; near 0, 5e-4), or to
 *  `decimals` decimal places when the problem asks for those. */
export function matches(typed, exact, decimals) {
  if (!Number.isFinite(typed)) return false;
  if (decimals !== undefined) return Math.abs(typed - exact) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
  if (Math.abs(exact) < 5e-4) return Math.abs(typed - exact) <= 5e-4;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(exact))) - 2);
  return Math.abs(typed - exact) <= 0.5 * unit * (1 + 1e-9) + 1e-12;
}
