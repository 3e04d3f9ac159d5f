// The training comparison: two trainers on the same blobs (same data seed, same initial weights), one plain and one
// with class weights, stepped together a slice per animation frame. Each frame yields a plain-data snapshot (both
// decision grids); the last adds both nets' predictions on the training points and frees the C++ trainers.
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
 * Starts a run for `plan` (compute.js trainingPlan). animate = false (reduced motion) takes every step in the first
 * frame. onFrame(run) after each slice; onError(error) if the core throws. Returns { cancel }.
 */
export function startTraining(core, plan, { animate, onFrame, onError }) {
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

  let frame = 0;
  const tick = () => {
    frame = 0;
    try {
      const n = animate ? Math.min(TRAINING.stepsPerFrame, run.steps - run.done) : run.steps - run.done;
      trainers[0].step(n);
      trainers[1].step(n);
      run = { ...run, done: run.done + n };
      run.finished = run.done >= run.steps;
      run.plain = snapshot(trainers[0], run, run.finished);
      run.weighted = snapshot(trainers[1], run, run.finished);
      if (run.finished) dispose();
      else frame = requestAnimationFrame(tick);
      onFrame(run);
    } catch (error) {
      dispose();
      onError(error);
    }
  };
  frame = requestAnimationFrame(tick);
  return {
    cancel() {
      cancelAnimationFrame(frame);
      dispose();
    },
  };
}
