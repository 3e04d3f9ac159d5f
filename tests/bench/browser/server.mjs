// Starts `npm start`'s server (wasm-build/serve.mjs, serving dist/) on a free port as a child process whose PID is
// the server itself, waits until it answers, and returns { url, stop }. Works whatever serve.mjs does inside
// (Vite preview, compression, headers), as long as it honours $PORT and $HOST.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer(root, { timeoutMs = 30000 } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'wasm-build', 'serve.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const fallback = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  let url = null;
  while (Date.now() < deadline && exited === null) {
    const printed = output.match(/https?:\/\/[^\s]+\//)?.[0];
    const candidate = printed ? printed.replace('localhost', '127.0.0.1') : fallback;
    try {
      const response = await fetch(candidate);
      if (response.ok) { url = candidate; break; }
    } catch { /* not up yet */ }
    await sleep(200);
  }
  const stop = () => new Promise((resolve) => {
    if (exited !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => { if (exited === null) child.kill('SIGKILL'); }, 3000).unref();
  });
  if (!url) {
    await stop();
    throw new Error(`serve.mjs did not answer on port ${port}: ${output.trim().slice(-400)}`);
  }
  return { url, port, pid: child.pid, stop };
}
