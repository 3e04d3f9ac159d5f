// The section page as a teacher uses it: every widget has "Embed" (a native dialog with the code for the widget as
// it is set now, a Copy button, and a link that reopens the section at this widget in this state) and "Download"
// (PNG/SVG per figure, CSV per registered dataset).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, baseUrl, launchBrowser, openPage, widget } from './browser.js';

let browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('Embed dialog', () => {
  test('opens by keyboard, shows the snippet for the current state, copies it, closes back to its button', async () => {
    const { context, page, problems } = await openPage(browser, 'index.html', { permissions: ['clipboard-read', 'clipboard-write'] });
    const region = await widget(page, 'Binary Cross-Entropy Explorer');
    const slider = region.getByLabel('Logit z', { exact: true });
    await slider.focus();
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight'); // z: -2 -> -1.5
    await expect.poll(() => page.evaluate(() => location.search)).toContain('bce-explorer.z=-1.5');
    const button = region.getByRole('button', { name: 'Embed Binary Cross-Entropy Explorer' });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Embed .Binary Cross-Entropy Explorer./ });
    expect(await dialog.isVisible()).toBe(true);
    const code = await dialog.getByLabel('Code to paste').inputValue();
    expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?widget=bce-explorer&amp;bce-explorer\.z=-1\.5"/);
    expect(code).toContain('title="Binary Cross-Entropy Explorer"');
    const height = Number(code.match(/height="(\d+)"/)[1]);
    const box = await region.boundingBox();
    expect(Math.abs(height - Math.ceil(box.height) - 16)).toBeLessThanOrEqual(2);
    expect(code).toMatch(/<script src="http:\/\/127\.0\.0\.1:\d+\/embed-host\.js" async><\/script>$/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    expect(await dialog.locator('output').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    const link = dialog.getByRole('link');
    expect(await link.getAttribute('href')).toMatch(/\/index\.html\?bce-explorer\.z=-1\.5#bce-explorer$/);
    expect(await axeViolations(page, '.ll-embed-dialog')).toEqual([]);
    await page.screenshot({ path: '/tmp/shots-teach/dialog.png' });
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(await button.evaluate((b) => document.activeElement === b)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('every widget of the section has an Embed button', async () => {
    const { context, page, problems } = await openPage(browser, 'index.html');
    // Every registered widget tag that the section uses (widgets are defined lazily, so ask the registry).
    const { WIDGETS } = await import('../../web/src/widgets/registry.js');
    const tags = [];
    for (const tag of Object.keys(WIDGETS)) if (await page.locator(tag).count()) tags.push(tag);
    const missing = [];
    for (const tag of tags) {
      const element = page.locator(tag).first();
      await element.scrollIntoViewIfNeeded();
      const embed = element.locator('.ll-widget-tools .ll-embed-button');
      await embed.waitFor({ timeout: 15_000 }).catch(() => missing.push(tag));
    }
    expect(tags.length).toBeGreaterThanOrEqual(16);
    expect(missing).toEqual([]);
    // SwiftShader's note on reading WebGL pixels (the 3D view) is a driver message, not a page problem.
    expect(problems.filter((p) => !p.includes('GL Driver Message'))).toEqual([]);
    await context.close();
  }, 120_000);

  test('the deep link opens the section scrolled to the widget, in the shared state', async () => {
    const { context, page, problems } = await openPage(browser, 'index.html?bce-explorer.z=1.5&bce-explorer.y=0#bce-explorer');
    const region = page.getByRole('region', { name: 'Binary Cross-Entropy Explorer', exact: true });
    await region.locator('output[data-value]').first().waitFor();
    await page.waitForTimeout(1500); // the page above settles (fonts, lazy widgets); the link keeps its place
    const top = await region.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    expect(await region.getByLabel('Logit z', { exact: true }).inputValue()).toBe('1.5');
    expect(await region.getByLabel('Target y', { exact: true }).inputValue()).toBe('0');
    console.log(`deep link: widget top at ${Math.round(top)} px, page scrolled to ${await page.evaluate(() => Math.round(scrollY))} px`);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('the 3D view: Download PNG gives the rendered scene, not a blank canvas', async () => {
    const { context, page, problems } = await openPage(browser, 'index.html#loss-landscape', { acceptDownloads: true });
    const region = page.getByRole('region', { name: '3D Loss Landscape', exact: true });
    await region.scrollIntoViewIfNeeded();
    await expect.poll(() => region.locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(2000);
    await region.getByRole('button', { name: 'Download', exact: true }).click();
    const button = region.getByRole('button', { name: 'Download PNG: 3D view' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const png = await readFile(await download.path());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.length).toBeGreaterThan(8000); // a blank canvas of this size compresses to ~2 KB
    console.log(`3D view PNG: ${png.length} bytes`);
    expect(problems.filter((p) => !p.includes('GL Driver'))).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('Downloads for slides', () => {
  test('Download SVG gives a standalone SVG with resolved colours, Download PNG a PNG', async () => {
    const { context, page, problems } = await openPage(browser, 'index.html', { acceptDownloads: true });
    const region = await widget(page, 'Binary Cross-Entropy Explorer');
    await region.getByRole('button', { name: 'Download', exact: true }).click();
    expect(await region.getByRole('button', { name: 'Download', exact: true }).getAttribute('aria-expanded')).toBe('true');
    const svgButton = region.getByRole('button', { name: /^Download SVG/ }).first();
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), svgButton.click()]);
    const svg = await readFile(await svgDownload.path(), 'utf8');
    expect(svgDownload.suggestedFilename()).toMatch(/^bce-explorer-1-.*\.svg$/);
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).not.toContain('var(--');
    expect(svg).toMatch(/<path[^>]+stroke:\s*rgb/);
    await page.screenshot({ path: '/tmp/shots-teach/downloads-menu.png' });
    const toggle = region.getByRole('button', { name: 'Download', exact: true });
    expect(await page.locator(`#${await toggle.getAttribute('aria-controls')}`).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const pngButton = region.getByRole('button', { name: /^Download PNG/ }).first();
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), pngButton.click()]);
    const png = await readFile(await pngDownload.path());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const csvButton = region.getByRole('button', { name: /^Download CSV/ }).first();
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
    const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split('\n');
    expect(csv[0].split(',').length).toBeGreaterThanOrEqual(2);
    expect(csv.length).toBeGreaterThan(10);
    expect(csv[1].split(',').some((cell) => Number.isFinite(Number(cell)) && cell !== '')).toBe(true);
    console.log(`bce-explorer figure 1: SVG ${svg.length} bytes, PNG ${png.length} bytes (2x), CSV ${csv.length - 1} rows of ${csv[0]}`);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
