// The decision data of "Choose a Loss": the questions, when each follow-up applies, and the recommendation for an
// answer set. Pure data and functions (no DOM), so Node tests can check every combination
// (tests/wasm/decision-guide.test.js). The advice matches the section's "Choosing a loss" table.

/** Every question: its label, its choices ([value, text]) and, for follow-ups, the tasks it applies to. */
export const QUESTIONS = {
  task: {
    label: 'What are you predicting?',
    choices: [
      ['number', 'A number (regression)'],
      ['binary', 'One of two classes'],
      ['multiclass', 'One of many classes'],
      ['multilabel', 'Several labels at once'],
      ['embedding', 'An embedding for similarity'],
      ['segmentation', 'A segmentation mask'],
      ['boxes', 'Bounding boxes'],
    ],
  },
  outliers: {
    label: 'Are there outliers in the targets?',
    tasks: ['number'],
    choices: [
      ['no', 'No: errors look roughly Gaussian'],
      ['some', 'A few large errors'],
      ['heavy', 'Many: heavy tails (predict the median)'],
    ],
  },
  imbalance: {
    label: 'Are the classes imbalanced?',
    tasks: ['binary', 'multiclass', 'multilabel', 'segmentation', 'boxes'],
    choices: [
      ['no', 'No: roughly balanced'],
      ['mild', 'Somewhat (rarest about 1 in 10)'],
      ['severe', 'Severely (1 in 100 or rarer)'],
    ],
  },
  overconfident: {
    label: 'Is the model overconfident?',
    tasks: ['binary', 'multiclass', 'multilabel'],
    choices: [
      ['no', 'No, or not measured yet'],
      ['yes', 'Yes: confident mistakes'],
    ],
  },
  activation: {
    label: 'Do your model\'s outputs already pass through a sigmoid/softmax?',
    tasks: ['binary', 'multiclass', 'multilabel', 'segmentation'],
    choices: [
      ['no', 'No: raw logits'],
      ['yes', 'Yes: probabilities'],
    ],
  },
  pairing: {
    label: 'How are your training examples grouped?',
    tasks: ['embedding'],
    choices: [
      ['unsure', 'Not sure yet'],
      ['pairs', 'Matched pairs, large batches (image–caption)'],
      ['labels', 'Identity or class labels (triplets)'],
    ],
  },
};

/** The guide's state schema (web/src/widgets/shared/state.js): the first choice of each question is its default. */
export const schema = Object.fromEntries(Object.entries(QUESTIONS).map(([key, q]) => {
  const values = q.choices.map(([value]) => value);
  return [key, { type: 'choice', values, default: values[0] }];
}));

/** The follow-up questions shown for a task, in display order. */
export function relevantQuestions(task) {
  return Object.keys(QUESTIONS).filter((key) => key !== 'task' && QUESTIONS[key].tasks.includes(task));
}

const LOGITS_BCE = 'Remove the final sigmoid and pass logits: BCEWithLogitsLoss applies it inside with the stable '
  + 'formula, while nn.BCELoss on a saturated probability can only report its clamp of 100.';
const LOGITS_CE = 'Remove the final softmax: nn.CrossEntropyLoss applies log-softmax itself, and a second softmax '
  + 'squashes the probabilities and shrinks the gradients.';
const SMOOTH_TARGETS = 'BCEWithLogitsLoss has no label_smoothing argument, so smooth the targets to 0.05 and 0.95, '
  + 'or fit a temperature on held-out data after training.';

function regression({ outliers }) {
  if (outliers === 'some') {
    return { id: 'huber', loss: 'Huber loss', pytorch: 'nn.HuberLoss(delta=1.0)',
      why: ['Huber is quadratic for errors below delta and linear above, so a few large errors push with a '
        + 'gradient of at most delta each instead of dominating the batch; set delta to the largest error you '
        + 'still trust, in the target\'s units.'] };
  }
  if (outliers === 'heavy') {
    return { id: 'l1', loss: 'Mean absolute error (L1)', pytorch: 'nn.L1Loss()',
      why: ['L1 is minimised by the median, which heavy tails cannot drag, and every error pushes with the same '
        + 'gradient size (1/n); its kink at zero makes the last steps noisy, so decay the learning rate.'] };
  }
  return { id: 'mse', loss: 'Mean squared error', pytorch: 'nn.MSELoss()',
    why: ['With roughly Gaussian errors MSE is the maximum-likelihood choice and predicts the mean; its gradient '
      + '2(ŷ − y)/n shrinks smoothly as predictions approach their targets.'] };
}

function sigmoidFamily({ task, imbalance, overconfident, activation }) {
  const perLabel = task === 'multilabel';
  let result;
  if (imbalance === 'severe') {
    result = { id: 'sigmoid-focal', loss: 'Sigmoid focal loss',
      pytorch: 'torchvision.ops.sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2, reduction="mean")',
      why: ['The factor (1 − p_t)^γ shrinks the loss of the many easy negatives, so the rare hard examples '
        + 'dominate the gradient; alpha = 0.25 is the RetinaNet default and worth tuning.'] };
  } else if (imbalance === 'mild') {
    result = { id: 'bce-pos-weight', loss: 'Weighted binary cross-entropy on logits',
      pytorch: perLabel ? 'nn.BCEWithLogitsLoss(pos_weight=n_neg / n_pos)  # one weight per label'
        : 'nn.BCEWithLogitsLoss(pos_weight=torch.tensor([n_neg / n_pos]))',
      why: [`pos_weight multiplies the positive term${perLabel ? ' of each label' : ''}, so with n_neg / n_pos the `
        + 'rare positives carry as much total weight as the negatives.'] };
  } else if (perLabel) {
    result = { id: 'bce-logits', loss: 'Binary cross-entropy per label', pytorch: 'nn.BCEWithLogitsLoss()',
      why: ['Each label is its own yes-or-no question with its own sigmoid, so any number of labels can be on at '
        + 'once, where a softmax would make them compete.'] };
  } else {
    result = { id: 'bce-logits', loss: 'Binary cross-entropy on logits', pytorch: 'nn.BCEWithLogitsLoss()',
      why: ['One logit per example and its negative log-likelihood: the gradient is σ(z) − y, which stays near ±1 '
        + 'while a prediction is confidently wrong instead of vanishing.'] };
  }
  if (overconfident === 'yes') {
    result.id += '+smoothing';
    result.why.push(result.id.startsWith('sigmoid-focal')
      ? 'Focal loss already tempers confidence; if calibration is still poor, fit a temperature on held-out data.'
      : SMOOTH_TARGETS);
  }
  if (activation === 'yes') {
    result.id += '+logits';
    result.why.push(result.id.startsWith('sigmoid-focal')
      ? 'Remove the final sigmoid: sigmoid_focal_loss takes logits and computes its cross-entropy stably.'
      : LOGITS_BCE);
  }
  return result;
}

function softmaxFamily({ imbalance, overconfident, activation }) {
  const smoothing = overconfident === 'yes';
  let result;
  if (imbalance === 'severe') {
    result = { id: 'softmax-focal', loss: 'Softmax focal loss',
      pytorch: 'ce = F.cross_entropy(logits, y, reduction="none"); loss = ((1 - torch.exp(-ce)) ** 2 * ce).mean()',
      why: ['PyTorch has no softmax focal class, but it is two lines: p_t = exp(−CE), and the factor (1 − p_t)² '
        + 'mutes the easy majority-class examples so the rare classes drive the gradient.'] };
  } else if (imbalance === 'mild') {
    result = { id: 'ce-weighted', loss: 'Weighted cross-entropy',
      pytorch: `nn.CrossEntropyLoss(weight=class_weights${smoothing ? ', label_smoothing=0.1' : ''})`,
      why: ['Weights such as n / (C · n_c) make every class count equally; PyTorch divides by the total weight of '
        + 'the batch\'s targets, so the loss keeps its scale.'] };
  } else {
    result = { id: 'ce', loss: 'Cross-entropy',
      pytorch: `nn.CrossEntropyLoss(${smoothing ? 'label_smoothing=0.1' : ''})`,
      why: ['One softmax over the class logits and the negative log-probability of the true class: the gradient '
        + 'softmax(z) − one-hot(y) stays large while the prediction is wrong.'] };
  }
  if (smoothing) {
    result.id += '+smoothing';
    if (result.id.startsWith('softmax-focal')) {
      result.why.push('Focal loss already tempers confidence; if calibration is still poor, fit a temperature on '
        + 'held-out data.');
    } else {
      result.loss += ' with label smoothing';
      result.why.push('Label smoothing of 0.1 mixes 10% of a uniform distribution into every target, so the best logits '
        + 'are finite and stop growing once the true class is clearly ahead.');
    }
  }
  if (activation === 'yes') {
    result.id += '+logits';
    result.why.push(LOGITS_CE);
  }
  return result;
}

function embedding({ pairing }) {
  if (pairing === 'pairs') {
    return { id: 'infonce', loss: 'InfoNCE (contrastive, as in CLIP)',
      pytorch: 'F.cross_entropy(F.normalize(a) @ F.normalize(b).T / 0.07, torch.arange(len(a)))',
      why: ['Every other item in the batch is a negative, so a large batch gives many negatives for free; the '
        + 'temperature (0.07 in CLIP) sets how strongly the hardest negatives count.'] };
  }
  if (pairing === 'labels') {
    return { id: 'triplet', loss: 'Triplet margin loss', pytorch: 'nn.TripletMarginLoss(margin=1.0, p=2)',
      why: ['It pulls each anchor closer to a same-label positive than to a different-label negative by a margin; '
        + 'mine semi-hard negatives, because random triplets soon satisfy the margin and give zero gradient.'] };
  }
  return { id: 'triplet-or-infonce', loss: 'Triplet margin loss or InfoNCE',
    pytorch: 'nn.TripletMarginLoss(margin=1.0) / InfoNCE: F.cross_entropy on a similarity matrix',
    why: ['Both shape distances rather than labels: triplets suit identity labels with mined negatives, InfoNCE '
      + 'suits matched pairs in large batches.'] };
}

function segmentation({ imbalance, activation }) {
  const result = imbalance === 'severe'
    ? { id: 'focal-tversky-bce', loss: 'Focal Tversky + BCE',
      pytorch: 'nn.BCEWithLogitsLoss() + (1 - tversky(torch.sigmoid(logits), mask, alpha=0.3, beta=0.7)) ** 0.75',
      why: ['With beta > alpha the Tversky index punishes missed foreground pixels more than false alarms, which '
        + 'suits tiny structures, and the exponent 0.75 (Abraham and Khan, 2019) stresses the hard images.'] }
    : { id: 'dice-bce', loss: 'Dice + BCE', pytorch: 'nn.BCEWithLogitsLoss() + dice_loss(torch.sigmoid(logits), mask)',
      why: ['Per-pixel BCE gives smooth gradients from the first step, and the Dice term scores the overlap of the '
        + 'whole mask, so a small object counts as much as the background.'] };
  if (activation === 'yes') {
    result.id += '+logits';
    result.why.push('Remove the final sigmoid: give the logits to BCEWithLogitsLoss and apply torch.sigmoid only '
      + 'for the overlap term.');
  }
  return result;
}

function boxes({ imbalance }) {
  if (imbalance === 'no') {
    return { id: 'giou', loss: 'Generalized IoU loss (+ L1)',
      pytorch: 'torchvision.ops.generalized_box_iou_loss(pred_boxes, boxes) + nn.L1Loss()',
      why: ['GIoU scores the overlap itself, is scale-invariant, and unlike plain IoU still has a gradient when '
        + 'the boxes do not overlap; DETR adds an L1 term on the coordinates (weight 2 for GIoU, 5 for L1).'] };
  }
  return { id: 'giou+focal', loss: 'GIoU for the boxes, focal loss for the class scores',
    pytorch: 'torchvision.ops.generalized_box_iou_loss(pred_boxes, boxes) + torchvision.ops.sigmoid_focal_loss(scores, labels, reduction="sum") / num_objects',
    why: ['GIoU scores the overlap and still has a gradient when boxes do not overlap; the focal term keeps the '
      + 'thousands of easy background anchors from swamping the few objects (RetinaNet).'] };
}

/** The recommendation for a state (answers outside their choices fall back to the defaults).
 *  @returns {{ id: string, loss: string, pytorch: string, why: string }} */
export function recommend(answers) {
  const state = {};
  for (const [key, spec] of Object.entries(schema)) {
    state[key] = spec.values.includes(answers?.[key]) ? answers[key] : spec.default;
  }
  let result;
  switch (state.task) {
    case 'binary':
    case 'multilabel':
      result = sigmoidFamily(state);
      break;
    case 'multiclass':
      result = softmaxFamily(state);
      break;
    case 'embedding':
      result = embedding(state);
      break;
    case 'segmentation':
      result = segmentation(state);
      break;
    case 'boxes':
      result = boxes(state);
      break;
    default:
      result = regression(state);
  }
  return { ...result, why: result.why.join(' ') };
}
