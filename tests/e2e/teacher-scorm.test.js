// The SCORM 1.2 package, end to end against scorm-again (a real LMS-side SCORM runtime): a course page on
// another origin provides window.API and opens the unzipped package's launch page (from imsmanifest.xml) in an
// iframe, as an LMS does. The score and status reach the runtime's cmi; a second launch with the saved
// suspend_data (and empty browser storage) resumes the answers.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.js';
import { startHostServer } from './host-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const zipPath = join(root, 'dist', 'lms', 'losslab-quiz-scorm12.zip');

const lmsPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="/scorm-again/scorm12.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (window.__resume) window.API.loadFromJSON(window.__resume);
  window.commits = 0;
  window.API.on('LMSCommit', () => { window.commits += 1; });
</script></head>
<body><h1>Course</h1><iframe id="sco" title="Quiz" style="width:760px;height:1400px;border:0"></iframe>
<script>document.getElementById('sco').src = '/package/' + new URLSearchParams(location.search).get('launch');</script>
</body></html>`;

let browser;
let host;
let unzipped;
let launch;
beforeAll(async () => {
  browser = await launchBrowser();
  // `npm run build` writes the package after the web build; a web-only build (node wasm-build/build.mjs web)
  // does not, so make it here from that dist/ if it is missing or older than the pages.
  if (!existsSync(zipPath) || statSync(zipPath).mtimeMs < statSync(join(root, 'dist', 'embed.html')).mtimeMs) {
    const { buildPackage } = await import('../../wasm-build/package-lms.mjs');
    buildPackage();
  }
  unzipped = mkdtempSync(join(tmpdir(), 'losslab-scorm-'));
  const entries = unzipSync(readFileSync(zipPath));
  for (const [name, data] of Object.entries(entries)) {
    mkdirSync(dirname(join(unzipped, name)), { recursive: true });
    writeFileSync(join(unzipped, name), data);
  }
  const manifest = new TextDecoder().decode(entries['imsmanifest.xml']);
  launch = manifest.match(/adlcp:scormtype="sco" href="([^"]+)"/)[1].replaceAll('&amp;', '&');
  host = await startHostServer({
    pages: { '/course.html': lmsPage },
    dirs: { '/package/': unzipped, '/scorm-again/': join(root, 'node_modules', 'scorm-again', 'dist') },
  });
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (unzipped) rmSync(unzipped, { recursive: true, force: true });
});

async function launchSco(resume) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  if (resume) await page.addInitScript((json) => { window.__resume = json; }, resume);
  await page.goto(`${host.url}course.html?launch=${encodeURIComponent(launch)}`);
  const frame = page.frameLocator('#sco');
  const quiz = frame.getByRole('region', { name: 'Loss Functions Quiz', exact: true });
  await quiz.locator('li.quiz-question').first().waitFor({ timeout: 20_000 });
  await expect.poll(() => frame.locator('.ll-lms-status').textContent()).toMatch(/Connected to your course/);
  // All parts at once, so every question is visible.
  const part = quiz.getByLabel('Part', { exact: true });
  if (await part.count()) await part.selectOption('');
  return { context, page, frame, quiz, problems };
}

/** Answers the question by trying its choices in order until it is done (correct, or two tries). */
async function answer(question) {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const radio = question.locator('input[type=radio]:not([disabled])').first();
    await radio.check();
    await question.getByRole('button', { name: /^Check/ }).click();
    if (await question.getAttribute('data-result').then((r) => r === 'correct' || r === 'incorrect')) return;
  }
}

const cmi = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.API.cmi)));

describe('SCORM 1.2 package in scorm-again', () => {
  test('the zip has a SCORM 1.2 manifest with one SCO whose files are all in the package', () => {
    const manifest = readFileSync(join(unzipped, 'imsmanifest.xml'), 'utf8');
    expect(manifest).toContain('<schemaversion>1.2</schemaversion>');
    expect(manifest.match(/adlcp:scormtype="sco"/g)).toHaveLength(1);
    expect(launch).toBe('embed.html?widget=loss-quiz&lms=scorm12');
    const files = [...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]);
    expect(files).toContain('embed.html');
    expect(files.filter((f) => !existsSync(join(unzipped, f)))).toEqual([]);
    expect(files.some((f) => f.endsWith('.wasm'))).toBe(true);
  });

  test('score and status reach cmi; a second launch resumes from suspend_data', async () => {
    const first = await launchSco(null);
    const questions = first.quiz.locator('li.quiz-question');
    const total = await questions.count();
    expect(total).toBeGreaterThan(2);
    await answer(questions.nth(0));
    await answer(questions.nth(1));
    const score = Number(await first.quiz.getByLabel('Score', { exact: true }).getAttribute('data-value'));
    let data = await cmi(first.page);
    expect(data.core.lesson_status).toBe('incomplete');
    expect(Number(data.core.score.raw)).toBe(score);
    expect(Number(data.core.score.max)).toBe(total);
    expect(Number(data.core.score.min)).toBe(0);
    const saved = JSON.parse(data.suspend_data);
    expect(Object.keys(saved.quiz.answers)).toHaveLength(2);
    expect(await first.page.evaluate(() => window.commits)).toBeGreaterThanOrEqual(2);
    // Leaving the SCO (the LMS closes the frame): exit is 'suspend', the session is finished.
    await first.page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
    await expect.poll(async () => (await cmi(first.page)).core.exit).toBe('suspend');
    data = await cmi(first.page);
    expect(data.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/); // scorm-again keeps HH:MM:SS.SS
    expect(first.problems).toEqual([]);
    await first.context.close();

    // Second launch: a fresh browser profile (no localStorage), the LMS hands back what it stored.
    const second = await launchSco({ core: { entry: 'resume', lesson_status: data.core.lesson_status,
      score: data.core.score }, suspend_data: data.suspend_data });
    const again = second.quiz.locator('li.quiz-question');
    await expect.poll(() => second.quiz.locator('li.quiz-question[data-result=correct], li.quiz-question[data-result=incorrect]').count()).toBe(2);
    expect(await second.frame.locator('.ll-lms-status').textContent()).toMatch(/earlier answers are back/);
    for (let i = 0; i < total; i += 1) {
      const question = again.nth(i);
      if (!['correct', 'incorrect'].includes(await question.getAttribute('data-result'))) await answer(question);
    }
    const finalScore = Number(await second.quiz.getByLabel('Score', { exact: true }).getAttribute('data-value'));
    data = await cmi(second.page);
    expect(['passed', 'failed']).toContain(data.core.lesson_status);
    expect(Number(data.core.score.raw)).toBe(finalScore);
    expect(Number(data.core.score.max)).toBe(total);
    console.log(`SCORM: ${total} questions, first launch ${score}/${total} after 2 answers (incomplete), resumed, `
      + `final ${finalScore}/${total} ${data.core.lesson_status}; suspend_data ${data.suspend_data.length} characters`);
    await second.page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
    await expect.poll(async () => (await cmi(second.page)).core.exit).toBe('');
    expect(second.problems).toEqual([]);
    await second.context.close();
  }, 120_000);
});
