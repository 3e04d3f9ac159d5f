// Vite plugin: fills index.html's placeholders with the section compiled at build time (web/build/content.js),
// so prose, math, tables, code and quiz questions are plain HTML that reads without JavaScript. The numbers in the
// prose are computed by the wasm core, loaded here in Node.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileSection } from './content.js';

export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
  + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'";

function tableOfContents(parts) {
  const items = parts.map((p) => `<li><a href="#${p.id}">${p.title}</a></li>`).join('\n');
  return `<ol>\n${items}\n</ol>`;
}

export function sectionPlugin({ root }) {
  const contentDir = join(root, 'content');
  let isBuild = false;
  return {
    name: 'losslab-section',
    configResolved(config) {
      isBuild = config.command === 'build';
    },
    configureServer(server) {
      server.watcher.add(contentDir); // editing prose reloads the dev page
      server.watcher.on('change', (file) => {
        if (file.startsWith(contentDir)) server.ws.send({ type: 'full-reload' });
      });
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        let out = html;
        if (ctx.filename.endsWith('index.html') && out.includes('<!--losslab:parts-->')) {
          // A dynamic import keeps Vite from bundling the core into the config (its wasm URL must stay relative).
          const { loadCore } = await import(pathToFileURL(join(root, 'src', 'core', 'index.js')).href);
          const section = await compileSection(contentDir, await loadCore());
          // Parts are plain sections (found by their headings), not named regions: 18 region landmarks would
          // bury the widgets, which are the page's named regions.
          const parts = section.parts.map((p) => `<section class="part" id="section-${p.id}" data-part="${p.id}">\n${p.html}</section>`)
            .join('\n').replace('<loss-quiz></loss-quiz>', `<loss-quiz>${section.quiz}</loss-quiz>`);
          out = out.replace('<!--losslab:toc-->', tableOfContents(section.parts))
            .replace('<!--losslab:objectives-->', section.objectives)
            .replace('<!--losslab:reading-time-->', String(section.readingMinutes))
            .replace('<!--losslab:parts-->', parts);
        }
        if (isBuild) {
          // The built site carries its policy in the page too, so any static host serves it under the strict CSP.
          out = out.replace('<meta charset="utf-8">',
            `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
        }
        return out;
      },
    },
  };
}
