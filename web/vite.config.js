// Vite builds web/ (the section page and the one-tag embed page) into dist/, plus dist/embed-host.js, the
// precompressed .br/.gz files and the offline service worker (dist/sw.js). The same config serves dist/ in
// `vite preview` (npm start, the e2e tests) with the hosting headers of wasm-build/hosting.mjs.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { hostingPlugin } from '../wasm-build/hosting.mjs';
import { CONTENT_SECURITY_POLICY, sectionPlugin } from './build/section-plugin.js';

const root = dirname(fileURLToPath(import.meta.url));
// LOSSLAB_PAGES=embed builds only the embed page (quicker while working on one widget); LOSSLAB_DIST moves dist/.
const pages = { index: join(root, 'index.html'), embed: join(root, 'embed.html') };
const selectedPages = process.env.LOSSLAB_PAGES
  ? Object.fromEntries(process.env.LOSSLAB_PAGES.split(',').map((name) => [name, pages[name]]))
  : pages;
const outDir = process.env.LOSSLAB_DIST || join(root, '..', 'dist');

export default defineConfig({
  root,
  base: './',
  publicDir: join(root, 'public'),
  plugins: [
    sectionPlugin({ root }),
    // Offline: after one visit every page, script, style, font and the wasm come from the cache. The query of
    // embed.html?widget=... is ignored when matching, so every embed reloads offline. Registered by
    // web/src/embed/pwa.js (no inline script: the CSP forbids it).
    VitePWA({
      injectRegister: false,
      manifest: false,
      registerType: 'autoUpdate',
      workbox: {
        globPatterns: ['**/*.{html,js,css,wasm,svg,woff2}'],
        globIgnores: ['single/**', 'embed-host.js', 'lms/**'],
        ignoreURLParametersMatching: [/.*/],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: null,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
    hostingPlugin({ hostScript: join(root, 'src', 'embed', 'host.js'), csp: CONTENT_SECURITY_POLICY }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Inlined data: URLs (KaTeX fonts) would be blocked by the CSP's default-src 'self'.
    assetsInlineLimit: 0,
    // three.js is one ~590 kB chunk, loaded only when the 3D landscape scrolls near; nothing else comes close.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: selectedPages,
    },
  },
  server: { fs: { allow: [join(root, '..')] } },
  preview: {
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Access-Control-Allow-Origin': '*' },
    cors: { origin: '*' },
  },
});
