// One training run: the core's trainer for the current knobs plus what the lab keeps of its records (every loss,
// the latest record, the first non-finite value). A change of knobs starts a fresh run; the C++ trainer of the
// old one is freed at once (it owns wasm memory).
export class TrainingRun {
  constructor() {
    this.trainer = null;
    this.key = '';
    this.clear();
  }

  clear() {
    this.losses = [];
    this.last = null;
    this.firstNonFinite = null;
  }

  /** Creates the trainer if there is none or the config changed (history cleared). Returns true if it did. */
  sync(core, config) {
    const key = JSON.stringify(config);
    if (this.trainer && key === this.key) return false;
    this.dispose();
    this.trainer = core.createTrainer(config);
    this.key = key;
    this.layers = this.trainer.info.layers;
    this.clear();
    return true;
  }

  /** k steps in ONE core call; keeps the losses and the first record that flags a non-finite value. */
  step(k) {
    const records = this.trainer.step(k);
    for (const record of records) {
      this.losses.push(record.loss);
      if (!this.firstNonFinite && record.nonFinite) this.firstNonFinite = { step: record.step, ...record.nonFinite };
    }
    this.last = records.at(-1);
  }

  get steps() {
    return this.losses.length;
  }

  dispose() {
    this.trainer?.dispose();
    this.trainer = null;
    this.key = '';
  }
}
