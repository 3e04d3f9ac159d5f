// Hosting anywhere, tested as a teacher would meet it: a sandboxed iframe (sandbox="allow-scripts", origin
// 'null'), blocked storage and its notice, an offline reload after one visit, the server's compression, caching
// and CORS headers, the single-file build from file://, and printing an embed on one page.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launchBrowser, openPage } from './browser.js';
import { snippet, startHostServer } from './host-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hostPage = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title>
<link rel="icon" href="data:,"></head><body style="margin:0;padding:8px"><div style="width:720px">${body}</div></body></html>`;

let browser;
let host;
beforeAll(async () => {
  browser = await launchBrowser();
  host = await startHostServer();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

async function openHost(path, html, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(host.page(path, html));
  return { context, page, problems };
}

function head(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sandboxed iframes and blocked storage', () => {
  test('sandbox="allow-scripts": the widget renders, computes and reports its height', async () => {
    const body = snippet(baseUrl(), { widget: 'bce-explorer', title: 'BCE', sandbox: 'allow-scripts' });
    const { context, page, problems } = await openHost('/sandbox.html', hostPage(body));
    const frame = page.frameLocator('iframe');
    const loss = frame.getByLabel('Loss', { exact: true });
    await loss.waitFor({ timeout: 20_000 });
    await expect.poll(() => loss.getAttribute('data-value'), { timeout: 20_000 }).not.toBeNull();
    expect(await frame.locator('body').evaluate(() => String(window.origin))).toBe('null');
    await expect.poll(() => page.locator('iframe').getAttribute('data-losslab-height')).not.toBeNull();
    const height = Number(await page.locator('iframe').getAttribute('data-losslab-height'));
    expect(height).toBeGreaterThan(500);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('the quiz in a sandbox: storage throws, one notice in the page, the quiz still answers', async () => {
    const body = snippet(baseUrl(), { widget: 'loss-quiz', title: 'Quiz', sandbox: 'allow-scripts' });
    const { context, page, problems } = await openHost('/sandbox-quiz.html', hostPage(body));
    const frame = page.frameLocator('iframe');
    const question = frame.locator('li.quiz-question').first();
    await question.waitFor({ timeout: 20_000 });
    await expect.poll(() => frame.locator('.ll-storage-notice').count()).toBe(1);
    expect(await frame.locator('.ll-storage-notice').textContent()).toMatch(/not|only until/i);
    await question.locator('input[type=radio]').first().check();
    await question.getByRole('button', { name: /^Check/ }).click();
    await expect.poll(() => question.getAttribute('data-result')).toMatch(/correct|incorrect|retry/);
    expect(await frame.locator('.ll-storage-notice').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('a third-party frame whose localStorage throws SecurityError: the same single notice', async () => {
    const body = snippet(baseUrl(), { widget: 'loss-quiz', title: 'Quiz' });
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    // Storage blocked for the LossLab origin only (as a browser blocking third-party storage does).
    await context.addInitScript((origin) => {
      if (location.origin !== origin) return;
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    }, new URL(baseUrl()).origin);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(host.page('/blocked.html', hostPage(body)));
    const frame = page.frameLocator('iframe');
    await frame.locator('li.quiz-question').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => frame.locator('.ll-storage-notice').count()).toBe(1);
    await page.waitForTimeout(500);
    expect(await frame.locator('.ll-storage-notice').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('the server and the offline copy', () => {
  test('precompressed files with Content-Encoding, immutable hashed assets, CORS, CSP on pages', async () => {
    const assets = readdirSync(join(root, 'dist', 'assets'));
    const wasm = assets.find((f) => f.endsWith('.wasm'));
    const br = await head(new URL(`assets/${wasm}`, baseUrl()), { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('application/wasm');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['access-control-allow-origin']).toBe('*');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    const gz = await head(new URL(`assets/${wasm}`, baseUrl()), { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await head(new URL(`assets/${wasm}`, baseUrl()), {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const page = await head(new URL('embed.html?widget=mse-explorer', baseUrl()), { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    const hostScript = await head(new URL('embed-host.js', baseUrl()), {});
    expect(hostScript.status).toBe(200);
    expect(hostScript.headers['cache-control']).toBe('no-cache');
    console.log(`wasm: ${plain.headers['content-length']} bytes, brotli ${br.headers['content-length']}, gzip ${gz.headers['content-length']}`);
  });

  test('after one visit, an embed and the section reload offline (service worker)', async () => {
    const { context, page, problems } = await openPage(browser, 'embed.html?widget=mse-explorer');
    await page.locator('output[data-value]').first().waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).length), { timeout: 30_000 }).toBeGreaterThan(0);
    await context.setOffline(true);
    await page.goto(new URL('embed.html?widget=bce-explorer&bce-explorer.z=1', baseUrl()).href);
    const loss = page.getByRole('region', { name: 'Binary Cross-Entropy Explorer' }).getByLabel('Loss', { exact: true });
    await expect.poll(() => loss.getAttribute('data-value'), { timeout: 20_000 }).not.toBeNull();
    await page.goto(new URL('index.html', baseUrl()).href);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(problems.filter((p) => !p.includes('GL Driver'))).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('the single-file build and print', () => {
  const single = join(root, 'dist', 'single');
  test('dist/single: the section and every widget as one file each, working from file://', async () => {
    // `npm run build` writes dist/single after the web build; after a web-only build, make it here.
    if (!existsSync(join(single, 'index.html')) || statSync(join(single, 'index.html')).mtimeMs < statSync(join(root, 'dist', 'index.html')).mtimeMs) {
      execFileSync(process.execPath, [join(root, 'wasm-build', 'build-single.mjs')], { cwd: root, stdio: 'inherit' });
    }
    const files = readdirSync(single).filter((f) => f.endsWith('.html'));
    expect(files.length).toBe(17);
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    for (const file of ['bce-explorer.html', 'loss-quiz.html', 'index.html']) {
      const page = await context.newPage();
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`file://${join(single, file)}`);
      // On the section, widgets build as they come near: scroll to the first one.
      if (file === 'index.html') await page.locator('mse-explorer').scrollIntoViewIfNeeded();
      if (file === 'loss-quiz.html') await page.locator('li.quiz-question').first().waitFor({ timeout: 20_000 });
      else await page.locator('output[data-value]').first().waitFor({ timeout: 20_000 });
      const external = await page.evaluate(() => [...document.querySelectorAll('script[src], link[rel=stylesheet]')].length);
      expect(external).toBe(0);
      expect(problems, file).toEqual([]);
      await page.close();
    }
    await context.close();
  }, 300_000);

  test('printing an embed gives the widget on one page (the tallest widget too)', async () => {
    for (const widget of ['contrastive-lab', 'bce-explorer']) {
      const { context, page, problems } = await openPage(browser, `embed.html?widget=${widget}`, { viewport: { width: 720, height: 900 } });
      await page.locator('output[data-value]').first().waitFor();
      const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      console.log(`print ${widget}: ${Math.round(height)} px tall at 720 px -> ${pages} A4 page(s)`);
      expect(pages).toBe(1);
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 60_000);
});
