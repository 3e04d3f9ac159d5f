#!/usr/bin/env node
// The single-file build: dist/single/index.html (the whole section) and dist/single/<tag>.html (one per widget),
// each one self-contained HTML file (scripts, styles, KaTeX fonts and the wasm inlined), so it opens from file://
// (a double-click, a USB stick, an LMS that only takes files). Still under a strict CSP: the inlined scripts are
// allowed by their SHA-256 hashes (no 'unsafe-inline', no eval); data: is allowed for the inlined fonts and wasm.
// Run after the wasm build: `node wasm-build/build-single.mjs [tag ...]` (no tags: the section and all widgets).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { sectionPlugin } from '../web/build/section-plugin.js';
import { WIDGETS } from '../web/src/widgets/registry.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const outRoot = join(process.env.LOSSLAB_DIST || join(root, 'dist'), 'single');

/** Replaces the page's CSP meta with one that allows exactly the inlined scripts (by hash) and data: assets. */
export function hashPolicy(html) {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\bsrc=/.test(m[0].slice(0, m[0].indexOf('>'))) && m[1].length)
    .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  const policy = `default-src 'self'; script-src ${hashes.join(' ')} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; `
    + "img-src 'self' data:; font-src 'self' data:; connect-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'";
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const replaced = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, meta);
  return replaced === html ? html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    ${meta}`) : replaced;
}

/** A registry with one widget (so only its code is bundled), for a widget's own file. */
function oneWidgetRegistry(tag) {
  return {
    name: 'losslab-one-widget',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && source.endsWith('widgets/registry.js') && importer.endsWith(join('src', 'embed.js'))) return '\0losslab-registry';
      return null;
    },
    load(id) {
      if (id !== '\0losslab-registry') return null;
      const module = JSON.stringify(join(web, 'src', 'widgets', tag, 'index.js'));
      return `export const WIDGETS = { ${JSON.stringify(tag)}: () => import(${module}) };\n`
        + 'export function defineWidgetsIn() { return Promise.all(Object.values(WIDGETS).map((load) => load())); }\n';
    },
  };
}

/** The Emscripten glue's fallback `new URL("losslab.wasm", import.meta.url)` is never used (loadCore passes
 *  locateFile), but Vite would inline a second copy of the wasm for it: make it a plain string. */
const noSecondWasm = {
  name: 'losslab-no-second-wasm',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith('losslab.mjs') || !code.includes('new URL("losslab.wasm",import.meta.url)')) return null;
    return { code: code.replaceAll('new URL("losslab.wasm",import.meta.url)', '"losslab.wasm"'), map: null };
  },
};

async function buildOne(name, entry, extraPlugins) {
  const outDir = join(outRoot, `.${name}`);
  await build({
    configFile: false,
    root: web,
    base: './',
    publicDir: false,
    logLevel: 'error', // singlefile warns that the page's CSP forbids inline scripts: hashPolicy() fixes exactly that
    plugins: [noSecondWasm, ...extraPlugins, sectionPlugin({ root: web }), viteSingleFile({ removeViteModuleLoader: true })],
    build: { outDir, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 100 * 1024 * 1024,
      chunkSizeWarningLimit: 100_000, rollupOptions: { input: join(web, entry) } },
  });
  // The favicon too (a file:// page would look for /favicon.svg at the root of the disk).
  const icon = `data:image/svg+xml;base64,${readFileSync(join(web, 'public', 'favicon.svg')).toString('base64')}`;
  const html = hashPolicy(readFileSync(join(outDir, entry), 'utf8'))
    .replace(/<link rel="icon" href="[^"]*"/, `<link rel="icon" href="${icon}"`);
  const file = join(outRoot, `${name}.html`);
  writeFileSync(file, html);
  rmSync(outDir, { recursive: true, force: true });
  return statSync(file).size;
}

const only = process.argv.slice(2);
const tags = only.length ? only.filter((t) => t !== 'index') : Object.keys(WIDGETS);
mkdirSync(outRoot, { recursive: true });
const t0 = performance.now();
const sizes = [];
if (!only.length || only.includes('index')) sizes.push(['index', await buildOne('index', 'index.html', [])]);
for (const tag of tags) {
  if (!Object.hasOwn(WIDGETS, tag)) throw new Error(`build-single: unknown widget ${tag}`);
  sizes.push([tag, await buildOne(tag, 'embed.html', [oneWidgetRegistry(tag)])]);
}
console.log(`single-file build in ${relativeOut()}: ${sizes.map(([n, s]) => `${n} ${(s / 1024).toFixed(0)} KiB`).join(', ')} `
  + `(${((performance.now() - t0) / 1000).toFixed(1)} s)`);

function relativeOut() {
  return outRoot.startsWith(root) ? outRoot.slice(root.length + 1) : outRoot;
}
