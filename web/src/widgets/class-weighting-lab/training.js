// The training comparison: two trainers on the same blobs (same data seed, same initial weights), one plain and one
// with class weights, stepped together one slice per advance(). Each advance returns a plain-data snapshot (both
// decision grids); the last adds both nets' predictions on the training points and frees the C++ trainers. The
// widget calls advance() once per rendered frame, so every slice is drawn and none waits for a second frame.
import { countLabels, majorityAndMinority, score, trainerConfig } from './compute.js';
import { TRAINING } from './state.js';

function snapshot(trainer, run, finished) {
  const result = { grid: trainer.predictGrid(TRAINING.grid, run.extent) };
  if (finished) {
    result.probs = trainer.predict(run.x);
    Object.assign(result, score(result.probs, run.labels, run.plan.classes, run.minority));
  }
  return result;
}

/**
 * A run for `plan` (compute.js trainingPlan). animate = false (reduced motion) takes every step in the first
 * advance. Returns { advance() -> run, cancel() }; advance() after the last slice returns the finished run.
 */
export function createTrainingRun(core, plan, { animate }) {
  const config = trainerConfig(plan);
  const trainers = [core.createTrainer(config)];
  const dispose = () => trainers.forEach((t) => t.dispose());
  let run;
  try {
    const { info } = trainers[0];
    const counts = countLabels(info.y, plan.classes);
    // Weights from the training set's own counts, by the chosen strategy: what one would do in practice.
    const weights = core.classWeights(counts, { strategy: plan.strategy, beta: plan.beta });
    trainers.push(core.createTrainer({ ...config, classWeights: Array.from(weights) }));
    run = {
      plan, counts, weights, minority: majorityAndMinority(counts).minority,
      x: info.x, labels: info.y, extent: info.extent, gridSize: TRAINING.grid,
      done: 0, steps: TRAINING.steps, finished: false, plain: null, weighted: null,
    };
  } catch (error) {
    dispose();
    throw error;
  }

  return {
    advance() {
      if (run.finished) return run;
      try {
        const n = animate ? Math.min(TRAINING.stepsPerFrame, run.steps - run.done) : run.steps - run.done;
        trainers[0].step(n);
        trainers[1].step(n);
        const done = run.done + n;
        const finished = done >= run.steps;
        run = { ...run, done, finished };
        run.plain = snapshot(trainers[0], run, finished);
        run.weighted = snapshot(trainers[1], run, finished);
        if (finished) dispose();
        return run;
      } catch (error) {
        dispose();
        throw error;
      }
    },
    cancel: dispose,
  };
}
