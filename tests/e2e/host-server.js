// A second web server for the teacher tests: a course page on ANOTHER origin (http://localhost:<port>, while the
// LossLab build is served at http://127.0.0.1:<port>), so every embed is cross-origin and cross-site, as on a
// real LMS. Routes are fixed strings or files; `dirs` maps a URL prefix to a folder served as is.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { TYPES } from '../../wasm-build/hosting.mjs';

export async function startHostServer({ pages = {}, dirs = {} } = {}) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (Object.hasOwn(pages, pathname)) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(pages[pathname]);
    }
    for (const [prefix, dir] of Object.entries(dirs)) {
      if (!pathname.startsWith(prefix)) continue;
      const file = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html'));
      if (!file.startsWith(normalize(dir) + sep) && file !== normalize(dir)) break;
      try {
        if (!statSync(file).isFile()) break;
      } catch {
        break;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      return createReadStream(file).pipe(res);
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  const url = `http://localhost:${server.address().port}/`;
  return {
    url,
    /** Replaces or adds a page while the server runs. */
    page(path, html) {
      pages[path] = html;
      return new URL(path, url).href;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The README's snippet for one widget (one iframe + the host script), as a teacher pastes it. */
export function snippet(base, { widget, title, height = 760, query = '', sandbox = null }) {
  const src = new URL(`embed.html?widget=${widget}${query ? `&${query}` : ''}`, base).href;
  const sandboxAttribute = sandbox === null ? '' : ` sandbox="${sandbox}"`;
  return `<iframe src="${src.replaceAll('&', '&amp;')}" title="${title}" height="${height}"${sandboxAttribute}
  style="border:0;width:100%;max-width:720px" loading="lazy"></iframe>
<script src="${new URL('embed-host.js', base).href}" async></script>`;
}
