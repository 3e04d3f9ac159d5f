// One core instance for every widget on a page. A const promise (never reassigned): importing any widget starts
// loading the wasm once; each widget awaits the same instance.
import { loadCore } from '../../core/index.js';

export const corePromise = loadCore();
