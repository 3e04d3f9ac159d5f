// Vite builds web/ (the section page and the one-tag embed page) into dist/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
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
  plugins: [sectionPlugin({ root })],
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
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
