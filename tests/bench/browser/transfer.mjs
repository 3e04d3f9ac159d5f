// What the server really sends for the first load's files: each URL fetched raw with
// "Accept-Encoding: br, gzip" (as Chromium asks), its Content-Encoding and wire size, and what brotli (q11; q9 above 400 KB) and
// gzip (-9) would make of the same body, so the gap between what is sent and what could be is measured too.
import { request } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

function rawGet(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': 'br, gzip' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, wire: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(encoding, wire) {
  if (encoding === 'br') return brotliDecompressSync(wire);
  if (encoding === 'gzip') return gunzipSync(wire);
  return wire;
}

export async function checkTransfer(urls, baseUrl) {
  const origin = new URL(baseUrl).origin;
  const files = [];
  for (const url of [...new Set(urls)].filter((u) => u.startsWith(origin))) {
    let r;
    try {
      r = await rawGet(url);
    } catch {
      try { r = await rawGet(url); } catch (error) { files.push({ url: url.slice(origin.length), error: error.message }); continue; }
    }
    const encoding = (r.headers['content-encoding'] || 'identity').toLowerCase();
    const body = decode(encoding, r.wire);
    files.push({
      url: url.slice(origin.length), status: r.status, encoding, wire: r.wire.length, body: body.length,
      cacheControl: r.headers['cache-control'] || '',
      // q11 (what a precompressing build would use) costs ~10 s per MB on a loaded 2-core machine: q9 above 400 KB.
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: body.length > 400e3 ? 9 : 11 } }).length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
  }
  const failed = files.filter((f) => f.error);
  files.splice(0, files.length, ...files.filter((f) => !f.error));
  const sum = (k, f = () => true) => files.filter(f).reduce((s, x) => s + x[k], 0);
  const isWasm = (f) => /\.wasm(\?|$)/.test(f.url);
  return {
    files,
    failed,
    compressed: files.filter((f) => f.encoding !== 'identity').length,
    wire: sum('wire'), body: sum('body'), brotli: sum('brotli'), gzip: sum('gzip'),
    wasm: { wire: sum('wire', isWasm), body: sum('body', isWasm), brotli: sum('brotli', isWasm), gzip: sum('gzip', isWasm),
      encoding: files.find(isWasm)?.encoding ?? 'none' },
  };
}
