// The decision data behind <loss-decision-guide> (web/src/widgets/loss-decision-guide/rules.js), checked in Node:
// the follow-ups each task asks, the recommendation for the section's table rows, and properties over every
// combination of answers (answers to questions a task does not ask never change its result).
import { describe, expect, test } from 'vitest';
import { QUESTIONS, recommend, relevantQuestions, schema } from '../../web/src/widgets/loss-decision-guide/rules.js';

const TASKS = QUESTIONS.task.choices.map(([value]) => value);

/** Every answer set: the cartesian product of all questions' choices (7 * 3 * 3 * 2 * 2 * 3 = 756). */
function allAnswerSets() {
  let sets = [{}];
  for (const [key, question] of Object.entries(QUESTIONS)) {
    sets = sets.flatMap((set) => question.choices.map(([value]) => ({ ...set, [key]: value })));
  }
  return sets;
}

describe('decision guide rules', () => {
  test('each task asks only the follow-ups that matter to it', () => {
    expect(relevantQuestions('number')).toEqual(['outliers']);
    expect(relevantQuestions('binary')).toEqual(['imbalance', 'overconfident', 'activation']);
    expect(relevantQuestions('multiclass')).toEqual(['imbalance', 'overconfident', 'activation']);
    expect(relevantQuestions('multilabel')).toEqual(['imbalance', 'overconfident', 'activation']);
    expect(relevantQuestions('embedding')).toEqual(['pairing']);
    expect(relevantQuestions('segmentation')).toEqual(['imbalance', 'activation']);
    expect(relevantQuestions('boxes')).toEqual(['imbalance']);
  });

  test('the schema defaults to each question\'s first choice', () => {
    expect(Object.keys(schema)).toEqual(Object.keys(QUESTIONS));
    for (const [key, question] of Object.entries(QUESTIONS)) {
      expect(schema[key]).toEqual({ type: 'choice', values: question.choices.map(([v]) => v), default: question.choices[0][0] });
    }
  });

  test('regression: MSE, Huber with outliers, L1 for heavy tails', () => {
    expect(recommend({ task: 'number', outliers: 'no' })).toMatchObject({ id: 'mse', pytorch: 'nn.MSELoss()' });
    expect(recommend({ task: 'number', outliers: 'some' })).toMatchObject({ id: 'huber', pytorch: 'nn.HuberLoss(delta=1.0)' });
    expect(recommend({ task: 'number', outliers: 'heavy' })).toMatchObject({ id: 'l1', pytorch: 'nn.L1Loss()' });
  });

  test('binary and multi-label: BCE on logits, pos_weight, focal, smoothing and logits advice', () => {
    expect(recommend({ task: 'binary' })).toMatchObject({ id: 'bce-logits', pytorch: 'nn.BCEWithLogitsLoss()' });
    expect(recommend({ task: 'binary', imbalance: 'mild' }).pytorch).toBe('nn.BCEWithLogitsLoss(pos_weight=torch.tensor([n_neg / n_pos]))');
    expect(recommend({ task: 'multilabel', imbalance: 'mild' }).pytorch).toContain('pos_weight=n_neg / n_pos');
    expect(recommend({ task: 'binary', imbalance: 'severe' }).pytorch).toMatch(/^torchvision\.ops\.sigmoid_focal_loss\(/);
    expect(recommend({ task: 'multilabel' }).loss).toBe('Binary cross-entropy per label');
    const both = recommend({ task: 'binary', overconfident: 'yes', activation: 'yes' });
    expect(both.id).toBe('bce-logits+smoothing+logits');
    expect(both.why).toContain('no label_smoothing argument');
    expect(both.why).toContain('Remove the final sigmoid');
  });

  test('multi-class: cross-entropy with weight and label_smoothing, softmax focal for severe imbalance', () => {
    expect(recommend({ task: 'multiclass' })).toMatchObject({ id: 'ce', pytorch: 'nn.CrossEntropyLoss()' });
    expect(recommend({ task: 'multiclass', overconfident: 'yes' }).pytorch).toBe('nn.CrossEntropyLoss(label_smoothing=0.1)');
    expect(recommend({ task: 'multiclass', imbalance: 'mild', overconfident: 'yes' }))
      .toMatchObject({ id: 'ce-weighted+smoothing', pytorch: 'nn.CrossEntropyLoss(weight=class_weights, label_smoothing=0.1)' });
    expect(recommend({ task: 'multiclass', imbalance: 'severe' }).id).toBe('softmax-focal');
    expect(recommend({ task: 'multiclass', activation: 'yes' }).why).toContain('Remove the final softmax');
  });

  test('embeddings, segmentation and boxes', () => {
    expect(recommend({ task: 'embedding' }).pytorch).toContain('nn.TripletMarginLoss');
    expect(recommend({ task: 'embedding', pairing: 'pairs' }).id).toBe('infonce');
    expect(recommend({ task: 'embedding', pairing: 'labels' }).pytorch).toBe('nn.TripletMarginLoss(margin=1.0, p=2)');
    expect(recommend({ task: 'segmentation' })).toMatchObject({ id: 'dice-bce', loss: 'Dice + BCE' });
    expect(recommend({ task: 'segmentation', imbalance: 'severe' }).id).toBe('focal-tversky-bce');
    expect(recommend({ task: 'boxes' }).pytorch).toContain('torchvision.ops.generalized_box_iou_loss');
    expect(recommend({ task: 'boxes', imbalance: 'severe' }).pytorch).toContain('torchvision.ops.sigmoid_focal_loss');
  });

  test('unknown or missing answers fall back to the defaults', () => {
    expect(recommend({})).toEqual(recommend({ task: 'number', outliers: 'no' }));
    expect(recommend(undefined)).toEqual(recommend({ task: 'number' }));
    expect(recommend({ task: 'poetry', outliers: 7 })).toEqual(recommend({ task: 'number' }));
  });

  test('every combination gives a complete answer, and unasked questions never change it', () => {
    const sets = allAnswerSets();
    expect(sets.length).toBe(756);
    const byAskedAnswers = new Map();
    for (const answers of sets) {
      const result = recommend(answers);
      expect(result.id).toMatch(/^[a-z0-9+-]+$/);
      for (const field of ['loss', 'pytorch', 'why']) expect(result[field].length, field).toBeGreaterThan(5);
      // One to three sentences: a reason, plus at most one note per modifier.
      const sentences = result.why.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences).toBeGreaterThanOrEqual(1);
      expect(sentences).toBeLessThanOrEqual(3);
      const asked = ['task', ...relevantQuestions(answers.task)].map((key) => answers[key]).join('/');
      if (byAskedAnswers.has(asked)) expect(result).toEqual(byAskedAnswers.get(asked));
      else byAskedAnswers.set(asked, result);
    }
    expect(new Set(TASKS)).toEqual(new Set(['number', 'binary', 'multiclass', 'multilabel', 'embedding', 'segmentation', 'boxes']));
  });
});
