#!/usr/bin/env node
// Where the time goes: CDP tracing (Tracing domain, the Performance panel's categories) plus a V8 CPU profile of
//   (1) one mouse drag along a slider of each widget named on the command line (default: bce-explorer, mse-explorer)
//       on the section page, and
//   (2) the section page's load (navigation until the network is idle + 3 s),
// with main-thread time split into style, layout, paint/composite, script (by function: SVG building, axes, core,
// widget code), GC and other. Not part of `npm run bench` (it builds an unminified copy of the site so function
// names survive): node tests/bench/browser/profile.mjs [tag ...]
// Environment: LOSSLAB_PROFILE_CSS (CSS inserted into the page's head, to measure a candidate cure),
//   LOSSLAB_PROFILE_DIST (default /tmp/losslab-profile-dist; built with --minify false unless
// LOSSLAB_PROFILE_SKIP_BUILD=1), LOSSLAB_PROFILE_OUT (JSON; default build/bench/profile.json).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, VIEWPORT } from './chromium.mjs';
import { startServer } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dist = process.env.LOSSLAB_PROFILE_DIST || '/tmp/losslab-profile-dist';
const tags = process.argv.slice(2).length ? process.argv.slice(2) : ['bce-explorer', 'mse-explorer'];
const log = (...a) => console.error('[profile]', ...a);

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'v8.execute', 'blink.user_timing', 'loading', 'latencyInfo', 'toplevel'];

// Trace event names -> what they are.
const KIND = [
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|InvalidateLayout?)$/, 'style'],
  [/^(Layout|UpdateLayout|IntersectionObserverController::computeIntersections|ComputeIntersections)$/, 'layout'],
  [/^(PrePaint|Paint|PaintImage|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintSetup|RasterTask|Decode Image|Draw LazyPixelRef)$/, 'paint/composite'],
  [/^(HitTest)$/, 'hit test'],
  [/^(ParseHTML)$/, 'parse HTML'],
  [/GC|Gc|garbage/i, 'GC'],
  [/^(FunctionCall|EventDispatch|FireAnimationFrame|EvaluateScript|v8\.compile|v8\.compileModule|v8\.evaluateModule|v8\.callFunction|v8\.run|V8\.Execute|RunMicrotasks|TimerFire|FireIdleCallback|XHRReadyStateChange|v8\.produceCache|v8\.parseOnBackground|CompileScript|CompileCode|ProfileCall|wasm\..*|v8\.wasm\..*)$/, 'script'],
];
const kindOf = (name) => KIND.find(([re]) => re.test(name))?.[1] ?? 'other';

function buildProfileSite() {
  if (process.env.LOSSLAB_PROFILE_SKIP_BUILD) return;
  log(`building an unminified copy of the site into ${dist}`);
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.js',
    '--minify', 'false', '--logLevel', 'warn'], { cwd: root, env: { ...process.env, LOSSLAB_DIST: dist }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr.slice(-800)}`);
}

/** Self time per trace event on the busiest renderer main thread, grouped by kind and by name. */
function summariseTrace(events, window = null) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const complete = [];
  const open = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) !== 'CrRendererMain') continue;
    if (e.ph === 'X' && e.dur !== undefined) complete.push({ key, name: e.name, ts: e.ts, dur: e.dur, tdur: e.tdur, args: e.args });
    else if (e.ph === 'B') (open.get(key + e.name) ?? open.set(key + e.name, []).get(key + e.name)).push(e);
    else if (e.ph === 'E') {
      const b = open.get(key + e.name)?.pop();
      if (b) complete.push({ key, name: e.name, ts: b.ts, dur: e.ts - b.ts, tdur: b.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : undefined, args: b.args });
    }
  }
  const busy = new Map();
  for (const e of complete) if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') busy.set(e.key, (busy.get(e.key) ?? 0) + e.dur);
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  let list = complete.filter((e) => e.key === main);
  if (window) list = list.filter((e) => e.ts >= window[0] && e.ts + e.dur <= window[1]);
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: a stack of enclosing events.
  // Wall time and, where the trace has it, thread (CPU) time: on a loaded machine the thread is often descheduled
  // inside an event, which inflates wall time but not thread time.
  const stack = [];
  for (const e of list) {
    e.self = e.dur;
    e.cpu = e.tdur ?? e.dur;
    e.selfCpu = e.cpu;
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && e.ts + e.dur <= parent.ts + parent.dur) {
      parent.self -= e.dur;
      parent.selfCpu -= e.cpu;
    }
    stack.push(e);
    e.parent = parent;
  }
  const round = (o) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
  const byKind = {}, byName = {}, cpuByKind = {};
  for (const e of list) {
    const k = isTask(e) ? 'other' : kindOf(e.name);
    byKind[k] = (byKind[k] ?? 0) + e.self / 1000;
    cpuByKind[k] = (cpuByKind[k] ?? 0) + Math.max(0, e.selfCpu) / 1000;
    byName[e.name] = (byName[e.name] ?? 0) + e.self / 1000;
  }
  // How much each layout touched (Layout events carry beginData.dirtyObjects / totalObjects / partialLayout).
  const layouts = list.filter((e) => e.name === 'Layout');
  const layoutStats = {
    count: layouts.length,
    meanMs: layouts.reduce((s, e) => s + e.dur, 0) / 1000 / Math.max(1, layouts.length),
    meanDirtyObjects: layouts.reduce((s, e) => s + (e.args?.beginData?.dirtyObjects ?? 0), 0) / Math.max(1, layouts.length),
    meanTotalObjects: layouts.reduce((s, e) => s + (e.args?.beginData?.totalObjects ?? 0), 0) / Math.max(1, layouts.length),
    partial: layouts.filter((e) => e.args?.beginData?.partialLayout).length,
  };
  const styles = list.filter((e) => e.name === 'UpdateLayoutTree');
  const styleStats = { count: styles.length, meanElements: styles.reduce((s, e) => s + (e.args?.elementCount ?? 0), 0) / Math.max(1, styles.length) };
  // Top-level tasks only (a RunTask inside a ThreadControllerImpl::RunTask is the same task).
  const tasks = list.filter((e) => isTask(e) && !e.parent);
  // Long tasks (> 50 ms) with the kinds inside them.
  const longTasks = tasks.filter((t) => t.dur > 50000).map((t) => {
    const inside = list.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e !== t);
    const kinds = {};
    for (const e of inside) if (!isTask(e)) kinds[kindOf(e.name)] = (kinds[kindOf(e.name)] ?? 0) + e.self / 1000;
    const biggest = inside.filter((e) => !isTask(e) && (e.parent === t || isTask(e.parent))).sort((a, b) => b.dur - a.dur).slice(0, 3)
      .map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.replace(/^.*\//, '')}` : ''}${e.args?.data?.type ? ` ${e.args.data.type}` : ''} ${(e.dur / 1000).toFixed(0)} ms`);
    return { startMs: t.ts / 1000, ms: t.dur / 1000, cpuMs: t.cpu / 1000, kinds: round(kinds), biggest };
  });
  const tbt = tasks.reduce((s, t) => s + Math.max(0, t.dur / 1000 - 50), 0);
  return { layoutStats, styleStats, byKind: round(byKind), cpuByKind: round(cpuByKind), byName: Object.fromEntries(Object.entries(round(byName)).slice(0, 25)), longTasks,
    taskMs: tasks.reduce((s, t) => s + t.dur / 1000, 0), taskCpuMs: tasks.reduce((s, t) => s + t.cpu / 1000, 0),
    blockingMs: tbt, blockingCpuMs: tasks.reduce((s, t) => s + Math.max(0, t.cpu / 1000 - 50), 0), tasks: tasks.length };
}

// What a script function is: the widget code, d3 axis generation, SVG building (d3-selection / d3-shape / DOM),
// the wasm core, or something else, by its name and file.
function scriptKind(fn, url) {
  const file = url.replace(/^.*\//, '');
  if (/\.wasm|^wasm-function|^\$/.test(url + fn) || /wasm/.test(fn)) return 'core (wasm)';
  if (/^axis|^ticks?$|tickFormat|^(axisBottom|axisLeft|axisTop|axisRight)$|^(linearish|tickIncrement|tickStep|nice)$/.test(fn)) return 'axes (d3-axis/scale ticks)';
  if (/^(setAttribute|appendChild|append|attr|selection_\w+|join|enter|exit|remove|insertBefore|replaceChildren|createElementNS|textContent|set textContent|style|select|selectAll|data|merge|order|each)$/.test(fn) || /d3-selection/.test(url)) return 'DOM / SVG building';
  if (/^(line|area|curve\w*|point|lineTo|moveTo|Path|path|toString|bezierCurveTo|closePath)$/.test(fn) || /d3-shape|d3-path/.test(url)) return 'SVG path strings (d3-shape)';
  if (/format|toFixed|toPrecision|toLocaleString|formatNumber/i.test(fn)) return 'number formatting';
  if (/^(compute|render|update|build|requestUpdate|setState|withChanges|writeStateToUrl|replaceState)$/.test(fn)) return `widget ${fn}`;
  if (/^\(garbage collector\)$/.test(fn)) return 'GC';
  if (/^\((program|idle|root)\)$/.test(fn)) return fn;
  return `other JS (${file || 'native'})`;
}

function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (dt[i + 1] ?? dt[i] ?? 0) / 1000);
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byFunction = new Map(), byKind = new Map(), inclusive = new Map();
  for (const [id, ms] of self) {
    const n = byId.get(id);
    const fn = n.callFrame.functionName || '(anonymous)';
    const url = n.callFrame.url || '';
    if (/^\((program|idle|root)\)$/.test(fn)) continue;
    const key = `${fn} ${url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const k = scriptKind(fn, url);
    byKind.set(k, (byKind.get(k) ?? 0) + ms);
    // Inclusive time of named frames (each counted once per sample even if recursive).
    const seen = new Set();
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const f = byId.get(p).callFrame;
      const name = `${f.functionName || '(anonymous)'} ${(f.url || '').replace(/^.*\//, '')}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, Math.round(v * 10) / 10]);
  return { byKind: Object.fromEntries(top(byKind, 20)), topSelf: top(byFunction, 20), topInclusive: top(inclusive, 25) };
}

async function traced(page, client, action) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  client.on('Tracing.dataCollected', onData);
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: 200 });
  await client.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  await client.send('Profiler.start');
  const info = await action();
  const { profile } = await client.send('Profiler.stop');
  const done = new Promise((resolve) => client.once('Tracing.tracingComplete', resolve));
  await client.send('Tracing.end');
  await done;
  client.off('Tracing.dataCollected', onData);
  return { events, profile, info };
}

async function dragSlider(page, tag) {
  const host = page.locator(tag).first();
  await host.scrollIntoViewIfNeeded();
  const slider = host.locator('input[type=range]').first();
  await slider.waitFor({ state: 'visible' });
  await slider.scrollIntoViewIfNeeded();
  await page.waitForFunction((t) => { const h = document.querySelector(t); return h && h.core && !h.hasAttribute('aria-busy'); }, tag, { timeout: 20000 });
  await page.waitForTimeout(800);
  const label = await slider.evaluate((el) => el.labels?.[0]?.textContent ?? el.id);
  return { slider, label };
}

// An experiment, not a fix: LOSSLAB_PROFILE_CSS (CSS text) is inserted into the section page's <head> (through a
// route, before anything renders) so a candidate cure (containment, content-visibility) is measured the same way.
async function withExperimentCss(context, url) {
  const css = process.env.LOSSLAB_PROFILE_CSS;
  if (!css) return;
  await context.route(url, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</head>', `<style>${css}</style></head>`);
    await route.fulfill({ response, body });
  });
}

async function main() {
  buildProfileSite();
  process.env.LOSSLAB_DIST = dist; // serve.mjs -> vite preview reads the outDir from web/vite.config.js
  const server = await startServer(root);
  const browser = await launch();
  const out = { date: new Date().toISOString(), chromium: browser.version(), dist, css: process.env.LOSSLAB_PROFILE_CSS ?? null, drags: {}, load: null };
  try {
    for (const tag of tags) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await withExperimentCss(context, server.url);
      const page = await context.newPage();
      await page.goto(server.url, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const { slider, label } = await dragSlider(page, tag);
      const box = await slider.boundingBox();
      const client = await context.newCDPSession(page);
      const y = box.y + box.height / 2;
      const { events, profile, info } = await traced(page, client, async () => {
        await page.evaluate((t) => {
          const h = document.querySelector(t);
          window.__llDrag = { inputs: 0, renders: 0, frames: 0, stop: false, t0: performance.now() };
          h.addEventListener('input', () => window.__llDrag.inputs++);
          h.addEventListener('ll-rendered', () => window.__llDrag.renders++);
          const tick = () => { if (!window.__llDrag.stop) { window.__llDrag.frames++; requestAnimationFrame(tick); } };
          requestAnimationFrame(tick);
        }, tag);
        await page.mouse.move(box.x + 4, y);
        await page.mouse.down();
        const moves = 40;
        for (let i = 1; i <= moves; i++) await page.mouse.move(box.x + 4 + ((box.width - 8) * i) / moves, y);
        await page.mouse.up();
        await page.waitForTimeout(300);
        return page.evaluate(() => { const d = window.__llDrag; d.stop = true; return { ...d, ms: performance.now() - d.t0 }; });
      });
      const trace = summariseTrace(events);
      const script = summariseProfile(profile);
      out.drags[tag] = { label, ...info, trace, script };
      log(`${tag} drag on "${label}": ${info.inputs} inputs, ${info.renders} renders, ${info.frames} frames in ${info.ms.toFixed(0)} ms`);
      log(`  main thread by kind, wall ms: ${JSON.stringify(trace.byKind)}`);
      log(`  main thread by kind, thread-CPU ms: ${JSON.stringify(trace.cpuByKind)}`);
      log(`  script by kind (ms): ${JSON.stringify(script.byKind)}`);
      log(`  layout: ${JSON.stringify(trace.layoutStats)}; style: ${JSON.stringify(trace.styleStats)}`);
      await context.close();
    }
    // The load.
    const context = await browser.newContext({ viewport: VIEWPORT });
    await withExperimentCss(context, server.url);
    const page = await context.newPage();
    const client = await context.newCDPSession(page);
    const { events, profile } = await traced(page, client, async () => {
      await page.goto(server.url, { waitUntil: 'networkidle' });
      await page.waitForTimeout(3000);
    });
    const dom = await page.evaluate(() => ({
      elements: document.getElementsByTagName('*').length,
      formulas: document.querySelectorAll('math').length,
      inMath: document.querySelectorAll('math *').length,
      inClosedDetails: [...document.querySelectorAll('details:not([open])')].reduce((s, d) => s + d.getElementsByTagName('*').length, 0),
      inWidgets: [...document.querySelectorAll('*')].filter((e) => e.localName.includes('-')).reduce((s, w) => s + w.getElementsByTagName('*').length, 0),
      inSvg: document.querySelectorAll('svg *').length,
      height: document.documentElement.scrollHeight,
    }));
    out.load = { trace: summariseTrace(events), script: summariseProfile(profile), dom };
    const lt = out.load.trace;
    log(`load, wall ms: ${JSON.stringify(lt.byKind)}; thread-CPU ms: ${JSON.stringify(lt.cpuByKind)}`);
    log(`  ${lt.longTasks.length} long tasks, ${lt.blockingMs.toFixed(0)} ms blocking (wall), ${lt.blockingCpuMs.toFixed(0)} ms (CPU)`);
    log(`  DOM: ${JSON.stringify(dom)}`);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  const file = process.env.LOSSLAB_PROFILE_OUT || join(root, 'build', 'bench', 'profile.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`written ${file}`);
}

await main();
