// The one-widget page: <iframe src=".../embed.html?widget=bce-explorer"> plus, on the host page, the one script
// tag of embed-host.js. The query names the widget; `<tag>.<key>=value` parameters set its state, and the teacher
// parameters (theme, hide, lock, caption, title; questions, shuffle, seed for the quiz) adjust it (embed/params.js).
// The page reports its height and forwards quiz statements to the parent window (embed/protocol.js).
import './styles/page.css';
import './embed/embed.css';
import { reportHeight } from './embed/height.js';
import { applyTheme, applyWidgetSettings, parseTeacherParams } from './embed/params.js';
import { preparePrint } from './embed/print.js';
import { registerServiceWorker } from './embed/pwa.js';
import { showStorageNotice, storageWorks } from './embed/storage-notice.js';
import { forwardStatements } from './embed/xapi.js';
import { WIDGETS } from './widgets/registry.js';

const main = document.getElementById('embed');
// A single-file page is built with one widget in its registry (wasm-build/build-single.mjs): that one by default.
const only = Object.keys(WIDGETS).length === 1 ? Object.keys(WIDGETS)[0] : null;
const tag = new URLSearchParams(location.search).get('widget') ?? only;

function boot() {
  if (!tag || !Object.hasOwn(WIDGETS, tag)) {
    const message = document.createElement('p');
    message.textContent = `Unknown widget "${tag ?? ''}". Available: ${Object.keys(WIDGETS).join(', ')}.`;
    main.replaceChildren(message);
    reportHeight(tag ?? '');
    return;
  }
  const { settings, problems } = parseTeacherParams(location.search, tag);
  applyTheme(settings.theme);
  const element = document.createElement(tag);
  element.setAttribute('heading-level', '2');
  element.id = tag;
  // Quiz options pass through as attributes, read by <loss-quiz> when it builds.
  if (settings.quiz.questions) element.setAttribute('questions', settings.quiz.questions);
  if (settings.quiz.shuffle) element.setAttribute('shuffle', '');
  if (settings.quiz.seed !== undefined) element.setAttribute('seed', String(settings.quiz.seed));
  if (settings.lms) element.setAttribute('lms', settings.lms);
  main.replaceChildren(element);
  applyWidgetSettings(element, settings, (late) => {
    const all = [...problems, ...late];
    if (all.length) console.warn(`LossLab embed: ignored ${all.join('; ')}.`);
  });
  forwardStatements(main, tag);
  reportHeight(tag);
  preparePrint(main);
  WIDGETS[tag]().then(async () => {
    await customElements.whenDefined(tag);
    if (!settings.title) document.title = `${customElements.get(tag).title || tag} · LossLab`;
    if (tag !== 'loss-quiz') return;
    if (settings.lms === 'scorm12') {
      const { connectScorm } = await import('./embed/scorm.js');
      const line = document.createElement('p');
      line.className = 'll-lms-status';
      // Inside an LMS the answers live in cmi.suspend_data, so this line stands in for the "progress will not be
      // kept" notice (the progress store shows that notice only when no element has this id).
      line.id = 'll-storage-notice';
      line.setAttribute('role', 'status');
      main.prepend(line);
      connectScorm(element, (text) => { line.textContent = text; });
    } else if (!storageWorks()) {
      await element.ready; // the quiz's own store may have said it already
      showStorageNotice(main, 'This browser does not let this embedded quiz keep data, so your answers last only '
        + 'until you leave or reload the page.');
    }
  }, (error) => console.warn('LossLab: the widget failed to load', error));
}

boot();
registerServiceWorker();
