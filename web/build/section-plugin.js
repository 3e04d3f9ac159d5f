// Vite plugin: fills index.html's placeholders with the section compiled at build time (web/build/content.js),
// so prose, math, tables and code are plain HTML that reads without JavaScript. The numbers in the prose are
// computed by the wasm core, loaded here in Node. The quiz's question bank is not put in the page: it is served as
// the virtual module 'virtual:losslab/quiz-bank', which <loss-quiz> imports when it starts.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileSection } from './content.js';
import { widgetAnchor } from './quiz.js';

export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
  + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'";

export const QUIZ_BANK_ID = 'virtual:losslab/quiz-bank';
const RESOLVED_QUIZ_BANK_ID = `\0${QUIZ_BANK_ID}`;

function tableOfContents(parts) {
  const items = parts.map((p) => `<li data-part="${p.id}"><a href="#${p.id}">${p.title}</a></li>`).join('\n');
  return `<ol>\n${items}\n</ol>`;
}

/** Each widget on the page gets an id (its tag, or <tag>-widget when a heading has that id; the first of a kind),
 *  so a link ?<tag>.<key>=<value>#<id> opens the page scrolled to that widget with that state. */
export function giveWidgetsIds(html, takenIds = new Set()) {
  const seen = new Set();
  return html.replace(/<([a-z][a-z0-9]*-[a-z0-9-]+)((?:\s[^>]*)?)><\/\1>/g, (whole, tag, attributes) => {
    if (/\sid=/.test(attributes) || seen.has(tag) || tag === 'll-practice') return whole;
    seen.add(tag);
    return `<${tag} id="${widgetAnchor(tag, takenIds)}"${attributes}></${tag}>`;
  });
}

function minutes(x) {
  return String(Math.max(1, Math.round(x)));
}

export function sectionPlugin({ root }) {
  const contentDir = join(root, 'content');
  let isBuild = false;
  let sectionPromise = null;
  const section = () => {
    sectionPromise ??= (async () => {
      // A dynamic import keeps Vite from bundling the core into the config (its wasm URL must stay relative).
      const { loadCore } = await import(pathToFileURL(join(root, 'src', 'core', 'index.js')).href);
      return compileSection(contentDir, await loadCore());
    })();
    return sectionPromise;
  };
  return {
    name: 'losslab-section',
    configResolved(config) {
      isBuild = config.command === 'build';
    },
    configureServer(server) {
      server.watcher.add(contentDir); // editing prose reloads the dev page
      server.watcher.on('change', (file) => {
        if (!file.startsWith(contentDir)) return;
        sectionPromise = null;
        const bank = server.moduleGraph.getModuleById(RESOLVED_QUIZ_BANK_ID);
        if (bank) server.moduleGraph.invalidateModule(bank);
        server.ws.send({ type: 'full-reload' });
      });
    },
    resolveId(id) {
      return id === QUIZ_BANK_ID ? RESOLVED_QUIZ_BANK_ID : null;
    },
    async load(id) {
      if (id !== RESOLVED_QUIZ_BANK_ID) return null;
      const { quizBank } = await section();
      return `export default ${JSON.stringify(quizBank)};\n`;
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        let out = html;
        if (ctx.filename.endsWith('index.html') && out.includes('<!--losslab:parts-->')) {
          const compiled = await section();
          // Parts are plain sections (found by their headings), not named regions: 18 region landmarks would
          // bury the widgets, which are the page's named regions.
          const parts = giveWidgetsIds(compiled.parts
            .map((p) => `<section class="part" id="section-${p.id}" data-part="${p.id}" style="contain-intrinsic-size: auto ${p.height}px">\n${p.html}</section>`).join('\n'), compiled.headingIds);
          const { main, reference } = compiled.reading;
          out = out.replace('<!--losslab:toc-->', tableOfContents(compiled.parts))
            .replace('<!--losslab:objectives-->', compiled.objectives)
            .replace('<!--losslab:reading-time-->', minutes(main.minutes))
            .replace('<!--losslab:reference-time-->', minutes(reference.minutes))
            .replace('<!--losslab:reading-words-->', `${main.words}`)
            .replace('<!--losslab:reference-words-->', `${reference.words}`)
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
