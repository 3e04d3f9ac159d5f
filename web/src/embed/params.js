// Teacher parameters, read from the embed URL beside the widget state:
//   theme=light|dark|auto   forces the palette (auto, the default, follows the system)
//   hide=a,b                the controls named a and b are not shown (names: data-control on each field)
//   lock=1                  controls stay visible but are disabled (a fixed preset)
//   caption=0               no explanatory text (the caption and "How this works")
//   title=Text              the widget's heading (and its accessible name)
//   questions=id,id  shuffle=1  seed=N  part=<part id>   quiz only (read by <loss-quiz>)
// Anything unknown or malformed is ignored; all problems are reported in ONE console warning, never an error.

const BOOLEAN = { 1: true, true: true, yes: true, 0: false, false: false, no: false };
const NAME = /^[a-z0-9][a-z0-9_-]*$/i;
export const KNOWN = ['widget', 'theme', 'hide', 'lock', 'caption', 'title', 'questions', 'shuffle', 'seed', 'part', 'lms'];

/** Parses the query into { settings, problems } without touching the page. */
export function parseTeacherParams(search, tag) {
  const params = new URLSearchParams(search);
  const problems = [];
  const settings = { theme: 'auto', hide: [], lock: false, caption: true, title: null, quiz: {}, lms: null };
  const flag = (key, fallback) => {
    if (!params.has(key)) return fallback;
    const value = BOOLEAN[params.get(key).trim().toLowerCase()];
    if (value === undefined) {
      problems.push(`${key}=${params.get(key)} (use 1 or 0)`);
      return fallback;
    }
    return value;
  };
  if (params.has('theme')) {
    const theme = params.get('theme').trim().toLowerCase();
    if (['light', 'dark', 'auto'].includes(theme)) settings.theme = theme;
    else problems.push(`theme=${params.get('theme')} (use light, dark or auto)`);
  }
  if (params.has('hide')) {
    for (const name of params.get('hide').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (NAME.test(name)) settings.hide.push(name);
      else problems.push(`hide: "${name}" is not a control name`);
    }
  }
  settings.lock = flag('lock', false);
  settings.caption = flag('caption', true);
  if (params.has('title')) {
    const title = params.get('title').replace(/\s+/g, ' ').trim();
    if (title && title.length <= 120) settings.title = title;
    else problems.push(title ? 'title= is longer than 120 characters' : 'title= is empty');
  }
  if (params.has('questions')) {
    const ids = params.get('questions').split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length && ids.every((id) => NAME.test(id))) settings.quiz.questions = ids.join(',');
    else problems.push(`questions=${params.get('questions')} (use question ids separated by commas)`);
  }
  if (params.has('shuffle')) {
    const shuffle = flag('shuffle', false);
    if (shuffle) settings.quiz.shuffle = true;
  }
  if (params.has('seed')) {
    const seed = Number(params.get('seed'));
    if (Number.isInteger(seed) && seed >= 1 && seed < 2 ** 32) settings.quiz.seed = seed;
    else problems.push(`seed=${params.get('seed')} (use a whole number from 1)`);
  }
  if (params.has('lms')) {
    if (params.get('lms') === 'scorm12') settings.lms = 'scorm12';
    else problems.push(`lms=${params.get('lms')} (only scorm12)`);
  }
  if ((settings.quiz.questions || settings.quiz.shuffle || settings.quiz.seed !== undefined) && tag !== 'loss-quiz') {
    problems.push('questions=, shuffle= and seed= apply only to widget=loss-quiz');
    settings.quiz = {};
  }
  for (const key of new Set(params.keys())) {
    if (!KNOWN.includes(key) && !key.startsWith(`${tag}.`)) problems.push(`unknown parameter ${key}`);
  }
  return { settings, problems };
}

/** The theme applies to the whole embed page at once (before the widget paints). */
export function applyTheme(theme, root = document.documentElement) {
  if (theme === 'light' || theme === 'dark') {
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  } else {
    delete root.dataset.theme;
    root.style.colorScheme = '';
  }
}

/** The controls a field-name refers to: [data-control=name], or (older widgets) a field whose control id ends
 *  in -name (controls.js ids are <tag>-<instance>-<name>). */
function fieldsNamed(element, name) {
  const marked = [...element.querySelectorAll(`[data-control="${CSS.escape(name)}"]`)];
  if (marked.length) return marked;
  return [...element.querySelectorAll('.ll-field')].filter((field) =>
    [...field.querySelectorAll('[id]')].some((node) => node.id.endsWith(`-${name}`) && node.id.startsWith(element.localName)));
}

const LOCKABLE = 'input, select, textarea, button';
// lock=1 fixes a widget's preset; a quiz's questions are not a preset, so answering them stays open (its part
// filter is locked like any control).
const NEVER_LOCKED = '.ll-widget-tools, .ll-numbers, .ll-how, .ll-embed-notice, .quiz-questions';

/**
 * Applies hide/lock/caption/title to the widget element now and whenever it rebuilds part of itself (a
 * MutationObserver; every change is idempotent). `report(problems)` is called once, after the first render, with
 * the hide= names that matched nothing.
 */
export function applyWidgetSettings(element, settings, report) {
  const unmatched = new Set(settings.hide);
  const apply = () => {
    for (const name of settings.hide) {
      const fields = fieldsNamed(element, name);
      if (fields.length) unmatched.delete(name);
      for (const field of fields) {
        if (!field.hidden) field.hidden = true;
        field.dataset.teacherHidden = '';
      }
    }
    if (settings.lock) {
      for (const control of element.querySelectorAll(LOCKABLE)) {
        if (control.closest(NEVER_LOCKED) || control.disabled) continue;
        control.disabled = true;
        control.dataset.teacherLocked = '';
      }
    }
    if (!settings.caption) {
      for (const node of element.querySelectorAll('.ll-caption, .ll-how')) if (!node.hidden) node.hidden = true;
    }
    if (settings.title) {
      const heading = element.querySelector('.ll-widget-title');
      if (heading && heading.textContent !== settings.title) heading.textContent = settings.title;
    }
  };
  if (settings.lock) element.dataset.locked = '';
  if (!settings.caption) element.dataset.noCaption = '';
  if (settings.title) document.title = `${settings.title} · LossLab`;
  const observer = new MutationObserver(apply);
  observer.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
  apply();
  let reported = false;
  const finish = () => {
    if (reported) return;
    reported = true;
    apply();
    report([...unmatched].map((name) => `hide: no control named "${name}"`));
  };
  element.addEventListener('ll-rendered', finish, { once: true });
  setTimeout(finish, 8000); // a widget that never renders still gets its one warning
  return () => observer.disconnect();
}
