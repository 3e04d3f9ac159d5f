import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 375, height: 900 }, colorScheme: 'dark' });
page.on('console', (m) => console.log('console', m.type(), m.text()));
await page.goto('http://localhost:4307/', { waitUntil: 'networkidle' });
await page.locator('contrastive-lab').scrollIntoViewIfNeeded();
for (let i = 0; i < 6; i++) {
  await page.waitForTimeout(300);
  console.log(await page.evaluate(() => { const h = document.querySelector('contrastive-lab'); const b = h.getBoundingClientRect();
    const f = [...h.querySelectorAll('.cl-circle svg')].map((s) => s.getAttribute('width') + '/' + s.getBoundingClientRect().width.toFixed(1));
    return `${b.width.toFixed(1)}x${b.height.toFixed(1)} top ${b.top.toFixed(1)} ${f} sw ${document.documentElement.clientWidth}`; }));
}
await browser.close();
