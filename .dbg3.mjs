import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const [scheme, width] of [['light', 1280], ['dark', 375]]) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  // Calibration after predicting and fitting.
  await page.goto('http://localhost:4307/embed.html?widget=calibration-lab', { waitUntil: 'load' });
  const cal = page.getByRole('region', { name: 'Calibration', exact: true });
  await cal.locator('output[data-value]').first().waitFor();
  await cal.getByLabel('About 1', { exact: true }).check();
  await cal.getByRole('button', { name: 'Commit prediction' }).click();
  await cal.getByRole('button', { name: 'Fit temperature' }).click();
  await page.waitForTimeout(800);
  await page.locator('calibration-lab').screenshot({ path: `/tmp/shots-figb/after-cal-${scheme}-${width}.png` });
  // Debugging lab after the explosion.
  await page.goto('http://localhost:4307/embed.html?widget=debugging-lab&debugging-lab.lr=10', { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  await page.locator('debugging-lab').screenshot({ path: `/tmp/shots-figb/after-dbg-nan-${scheme}-${width}.png` });
  await page.goto('http://localhost:4307/embed.html?widget=debugging-lab&debugging-lab.lr=0.01&debugging-lab.activation=sigmoid&debugging-lab.initScale=15', { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  await page.locator('debugging-lab').screenshot({ path: `/tmp/shots-figb/after-dbg-sat-${scheme}-${width}.png` });
  // Contrastive: hard negative presets.
  await page.goto('http://localhost:4307/embed.html?widget=contrastive-lab', { waitUntil: 'load' });
  const cl = page.getByRole('region', { name: 'Contrastive Losses', exact: true });
  await cl.locator('output[data-value]').first().waitFor();
  await cl.getByRole('button', { name: 'Hard negative', exact: true }).click();
  await cl.getByRole('button', { name: 'Hard negative in the batch' }).click();
  await cl.getByLabel('Norm p', { exact: true }).selectOption('1');
  await cl.getByLabel('Margin', { exact: true }).fill('2');
  await page.waitForTimeout(500);
  await page.locator('contrastive-lab').screenshot({ path: `/tmp/shots-figb/after-cl-${scheme}-${width}.png` });
  await page.close();
}
await browser.close();
