// The 3D landscape's orbit rate: animation frames per second while the mouse drags across its WebGL canvas.
// A rAF counter runs in the page during the drag; the mouse moves along a smooth loop at 60 Hz for `seconds`;
// the rate is frames / elapsed page time (counted until the last queued move was handled). Median of `repeats`.
import { VIEWPORT } from './chromium.mjs';
import { median } from './lighthouse.mjs';

async function findCanvas(page, tag, timeoutMs) {
  const host = page.locator(tag).first();
  if (await host.count() === 0) return { error: `no <${tag}> on the page` };
  await host.scrollIntoViewIfNeeded();
  // three.js marks its canvas with data-engine="three.js rNNN"; it is loaded lazily once the widget is near.
  const canvas = host.locator('canvas[data-engine^="three"]');
  try {
    await canvas.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    return { error: 'no three.js canvas appeared (WebGL unavailable or 3D not loaded)' };
  }
  await canvas.first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  return locateTarget(page, tag);
}

// Where to drag: the canvas itself, or, when one canvas is laid over several view boxes and lets pointer events
// through (pointer-events: none), the boxes under it that take the drag (role=application / focusable). Scrolls
// the first one to the middle of the viewport and checks that a press at its centre lands inside it.
async function locateTarget(page, tag) {
  const targets = await page.evaluate((t) => {
    const host = document.querySelector(t);
    const canvases = [...host.querySelectorAll('canvas[data-engine^="three"]')];
    const first = canvases[0];
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
    let views, through;
    if (getComputedStyle(first).pointerEvents !== 'none') {
      views = canvases;
      through = false;
    } else {
      const c = first.getBoundingClientRect();
      views = [...host.querySelectorAll('[role=application], [tabindex]')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 50 && r.height > 50 && r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top
          && !el.hidden && !el.querySelector('[role=application]');
      });
      through = true;
    }
    if (!views.length) return { boxes: [] };
    views[0].scrollIntoView({ block: 'center', behavior: 'instant' });
    const b = box(views[0]);
    const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    const hits = !!hit && (hit === views[0] || views[0].contains(hit));
    return { boxes: views.map(box), through, hits, hit: hit ? `${hit.localName}.${hit.className}` : null };
  }, tag);
  if (!targets.boxes.length) return { error: 'no view box to drag on under the 3D canvas' };
  return { box: targets.boxes[0], panels: targets.boxes.length, through: targets.through, hits: targets.hits, hit: targets.hit };
}

async function dragOnce(page, box, seconds) {
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  const rx = Math.min(box.width * 0.3, 150), ry = Math.min(box.height * 0.15, 40);
  await page.mouse.move(cx, cy);
  await page.evaluate(() => {
    const c = { frames: 0, start: performance.now(), stop: false, longest: 0, last: performance.now(), pointermoves: 0 };
    window.__llOrbit = c;
    c.onMove = () => { c.pointermoves++; };
    document.addEventListener('pointermove', c.onMove, { capture: true });
    const tick = (now) => {
      if (c.stop) return;
      c.frames++;
      c.longest = Math.max(c.longest, now - c.last);
      c.last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Mouse events go straight through CDP every 16 ms without waiting for each acknowledgement, as a real mouse
  // reports at 60 Hz whatever the page's frame rate (Chromium coalesces moves the page has no time for).
  const client = await page.context().newCDPSession(page);
  const send = (type, x, y) => client.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: type === 'mouseMoved' ? 0 : 1 });
  await send('mousePressed', cx, cy);
  const t0 = Date.now();
  const pending = [];
  let moves = 0;
  while (Date.now() - t0 < seconds * 1000) {
    const phase = ((Date.now() - t0) / 1500) * 2 * Math.PI;
    pending.push(send('mouseMoved', cx + rx * Math.sin(phase), cy + ry * Math.sin(2 * phase)));
    moves++;
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
  await Promise.all(pending);
  const r = await page.evaluate(() => {
    const c = window.__llOrbit;
    c.stop = true;
    document.removeEventListener('pointermove', c.onMove, { capture: true });
    return { frames: c.frames, ms: performance.now() - c.start, longest: c.longest, pointermoves: c.pointermoves };
  });
  await send('mouseReleased', cx, cy);
  await client.detach();
  await page.waitForTimeout(300);
  // pointermoves: the moves the page received (Chromium coalesces to at most one per frame).
  return { fps: (r.frames / r.ms) * 1000, longestFrameMs: r.longest, moves, pointermoves: r.pointermoves };
}

export async function measureOrbit(browser, baseUrl, { path = '', tag = 'loss-landscape', seconds = 2.5, repeats = 3 } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
    const found = await findCanvas(page, tag, 30000);
    if (found.error) return { error: found.error };
    let { box } = found;
    const clipOf = (b) => ({ x: Math.max(0, b.x), y: Math.max(0, b.y), width: Math.min(b.width, 1280), height: Math.min(b.height, 900) });
    const before = await page.screenshot({ clip: clipOf(box) });
    const drags = [];
    let moved = null;
    for (let i = 0; i < repeats; i++) {
      if (i > 0) {
        // The page may have moved (widgets above start lazily and grow): find the view again before each drag.
        const again = await locateTarget(page, tag);
        if (again.error) return { error: again.error };
        box = again.box;
      }
      const drag = await dragOnce(page, box, seconds);
      if (i === 0) {
        await page.waitForTimeout(500);
        moved = !before.equals(await page.screenshot({ clip: clipOf(box) }));
      }
      drags.push(drag);
    }
    // A drag counts only if the page received its moves (a press that lands on a link or text starts a native
    // drag instead, and the rAF rate of an idle page means nothing).
    const valid = drags.filter((d) => d.pointermoves >= Math.max(5, d.moves * 0.2));
    if (!valid.length) return { error: `the page received no pointer moves (${drags.map((d) => d.pointermoves).join(', ')} of ${drags.map((d) => d.moves).join(', ')})` };
    return { fps: median(valid.map((d) => d.fps)), longestFrameMs: median(valid.map((d) => d.longestFrameMs)),
      validDrags: valid.length, hits: found.hits, hit: found.hit, panels: found.panels, drags, moved, canvas: `${Math.round(box.width)}x${Math.round(box.height)}` };
  } finally {
    await context.close();
  }
}
