// Hosting LossLab's dist/: one Vite plugin that
//  - writes dist/embed-host.js (the host page's one script tag, from web/src/embed/host.js, unhashed);
//  - precompresses every text asset and the wasm at build time (name.br at brotli quality 11, name.gz at gzip -9,
//    only when that saves at least 5 %);
//  - in `vite preview` (npm start's server and the e2e server) serves dist/ itself: the precompressed variant with
//    Content-Encoding when the browser accepts it, Vary: Accept-Encoding, long-lived immutable Cache-Control for
//    the content-hashed files under assets/ (no-cache for pages and unhashed scripts), the strict CSP on pages, and
//    Access-Control-Allow-Origin: * so that a sandboxed iframe (origin 'null') can load the module scripts and the
//    wasm. What a static host must send instead is in notes/teach-readme.md ("Hosting").
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.png': 'image/png', '.ico': 'image/x-icon',
  '.zip': 'application/zip', '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.webmanifest', '.xml', '.txt', '.ttf', '.map']);
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

// Brotli at quality 11 is ~10 % smaller than 9 but ~8x slower; a content-addressed cache keeps rebuilds quick.
const CACHE = join(import.meta.dirname, '..', 'node_modules', '.cache', 'losslab-precompress');

async function cached(data, kind, make) {
  const file = join(CACHE, `${createHash('sha256').update(data).digest('hex').slice(0, 40)}.${kind}`);
  try {
    return await readFile(file);
  } catch {
    const out = await make(data);
    mkdirSync(CACHE, { recursive: true });
    await writeFile(file, out);
    return out;
  }
}

/** Writes .br and .gz beside every compressible file of `dir` (skipping `skip` subfolders); returns totals. */
export async function precompress(dir, { skip = [] } = {}) {
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  const files = [...walk(dir)].filter((file) => COMPRESSIBLE.has(extname(file))
    && !skip.some((folder) => relative(dir, file).split(sep)[0] === folder));
  for (const file of files) {
    const data = await readFile(file);
    if (data.length < 1024) continue;
    const [b, g] = await Promise.all([
      cached(data, 'br', (d) => brotli(d, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: d.length } })),
      cached(data, 'gz', (d) => gz(d, { level: 9 })),
    ]);
    totals.files += 1;
    totals.raw += data.length;
    if (b.length < data.length * 0.95) { await writeFile(`${file}.br`, b); totals.br += b.length; } else totals.br += data.length;
    if (g.length < data.length * 0.95) { await writeFile(`${file}.gz`, g); totals.gz += g.length; } else totals.gz += data.length;
  }
  return totals;
}

/** Cache-Control for a path under dist/: content-hashed build output is immutable, everything else revalidates. */
export function cacheControl(pathname) {
  return /(^|\/)assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(pathname) ? IMMUTABLE : REVALIDATE;
}

/** A connect middleware serving `distDir` with the headers above; unknown paths fall through to `next`. */
export function serveDist(distDir, { csp }) {
  const root = normalize(distDir);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return next();
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = normalize(join(root, pathname));
    if (!file.startsWith(root + sep)) return next();
    const type = TYPES[extname(file)];
    let stats;
    try {
      stats = statSync(file);
    } catch {
      return next();
    }
    if (!type || !stats.isFile()) return next();
    const accept = String(req.headers['accept-encoding'] ?? '');
    let encoding = null;
    let served = file;
    if (/\bbr\b/.test(accept) && existsSync(`${file}.br`)) [encoding, served] = ['br', `${file}.br`];
    else if (/\bgzip\b/.test(accept) && existsSync(`${file}.gz`)) [encoding, served] = ['gzip', `${file}.gz`];
    const size = encoding ? statSync(served).size : stats.size;
    const etag = `W/"${stats.size.toString(36)}-${Math.round(stats.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', cacheControl(relative(root, file).split(sep).join('/')));
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (extname(file) === '.html') res.setHeader('Content-Security-Policy', csp);
    if (encoding) res.setHeader('Content-Encoding', encoding);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return res.end();
    }
    res.setHeader('Content-Length', String(size));
    if (req.method === 'HEAD') return res.end();
    createReadStream(served).pipe(res);
  };
}

/** The Vite plugin (build: host script + precompression; preview: serveDist). */
export function hostingPlugin({ hostScript, csp }) {
  let outDir = null;
  let isBuild = false;
  return {
    name: 'losslab-hosting',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
      isBuild = config.command === 'build';
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed-host.js', source: readFileSync(hostScript, 'utf8') });
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (!isBuild || process.env.LOSSLAB_NO_COMPRESS) return;
        const t0 = performance.now();
        const totals = await precompress(outDir, { skip: ['single'] });
        const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
        console.log(`precompressed ${totals.files} files: ${kib(totals.raw)} -> brotli ${kib(totals.br)}, gzip ${kib(totals.gz)} `
          + `(${Math.round(performance.now() - t0)} ms)`);
      },
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveDist(server.config.build.outDir, { csp }));
    },
  };
}
