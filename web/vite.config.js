// Vite builds web/ (the section page and the one-tag embed page) into dist/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY, sectionPlugin } from './build/section-plugin.js';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: join(root, 'public'),
  plugins: [sectionPlugin({ root })],
  build: {
    outDir: join(root, '..', 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Inlined data: URLs (KaTeX fonts) would be blocked by the CSP's default-src 'self'.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: join(root, 'index.html'), embed: join(root, 'embed.html') },
    },
  },
  server: { fs: { allow: [join(root, '..')] } },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
