#!/usr/bin/env node
// Writes the LMS package: dist/lms/losslab-quiz-scorm12.zip, a SCORM 1.2 content package whose one SCO is the quiz
// (embed.html?widget=loss-quiz&lms=scorm12; web/src/embed/scorm.js talks to the LMS). The zip holds
// imsmanifest.xml at its root and the built site beside it (pages, scripts, styles, fonts, wasm), so the section
// page is in the package too and the quiz's links into it work. Precompressed copies, the service worker and the
// single-file build are left out. Run after the web build: `node wasm-build/package-lms.mjs [dist]`.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2] ?? process.env.LOSSLAB_DIST ?? join(root, 'dist');
export const PACKAGE_NAME = 'losslab-quiz-scorm12.zip';
export const LAUNCH = 'embed.html?widget=loss-quiz&lms=scorm12';
const EXCLUDE = [/\.(br|gz)$/, /^sw\.js$/, /^workbox-[^/]+\.js$/, /^single\//, /^lms\//, /\.map$/];

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield relative(dist, path).split(sep).join('/');
  }
}

const xml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

export function manifest(paths, { version }) {
  const fileList = paths.map((p) => `      <file href="${xml(p)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="org.losslab.quiz" version="${xml(version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="losslab">
    <organization identifier="losslab">
      <title>LossLab: Loss Functions Quiz</title>
      <item identifier="quiz" identifierref="quiz-sco" isvisible="true">
        <title>Loss Functions Quiz</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="quiz-sco" type="webcontent" adlcp:scormtype="sco" href="${xml(LAUNCH)}">
${fileList}
    </resource>
  </resources>
</manifest>
`;
}

export function buildPackage() {
  const t0 = performance.now();
  const paths = [...files(dist)].filter((p) => !EXCLUDE.some((re) => re.test(p))).sort();
  if (!paths.includes('embed.html')) throw new Error(`package-lms: ${dist}/embed.html is missing; build the web first`);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entries = { 'imsmanifest.xml': [new TextEncoder().encode(manifest(paths, { version })), { level: 9 }] };
  for (const path of paths) {
    const data = readFileSync(join(dist, path));
    // Already-compressed formats are stored; text and wasm are deflated.
    entries[path] = [data, { level: /\.(woff2?|png|zip)$/.test(path) ? 0 : 9 }];
  }
  const zip = zipSync(entries, { mtime: new Date('2026-01-01T00:00:00Z') });
  mkdirSync(join(dist, 'lms'), { recursive: true });
  const out = join(dist, 'lms', PACKAGE_NAME);
  writeFileSync(out, zip);
  const raw = paths.reduce((sum, p) => sum + statSync(join(dist, p)).size, 0);
  console.log(`SCORM 1.2 package: ${relative(root, out)} (${paths.length + 1} files, ${(raw / 1024).toFixed(0)} KiB -> `
    + `${(zip.length / 1024).toFixed(0)} KiB zipped, ${Math.round(performance.now() - t0)} ms)`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildPackage();
