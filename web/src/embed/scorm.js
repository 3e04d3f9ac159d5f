// The quiz as a SCORM 1.2 SCO (embed.html?widget=loss-quiz&lms=scorm12, the launch page of the LMS package).
// It finds the LMS's API object by the standard walk up the parent windows (then the opener's), and maps the
// quiz's xAPI-shaped statements onto the SCORM 1.2 data model:
//   cmi.core.lesson_status   'incomplete' while answering; 'passed' / 'failed' when completed (against
//                            cmi.student_data.mastery_score when the LMS sets one, else the quiz's own success);
//   cmi.core.score.raw/min/max  the quiz score;
//   cmi.suspend_data         the quiz's getProgress() as JSON, restored with setProgress() on the next launch;
//   cmi.core.exit            'suspend' until completed; cmi.core.session_time at the end.
// The quiz never talks to SCORM itself; this module is the only SCORM code.
const SUSPEND_LIMIT = 4096; // SCORM 1.2's CMIString4096

/** The standard SCORM 1.2 API discovery: window, its parents (up to 500 levels), then the opener's chain. */
export function findApi(start = window) {
  const walk = (win) => {
    for (let tries = 0; win && tries < 500; tries += 1) {
      try {
        if (win.API) return win.API;
      } catch {
        // a cross-origin ancestor: keep walking, its parent may be the LMS frame
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  let api = walk(start);
  if (!api) {
    try {
      if (start.opener) api = walk(start.opener);
    } catch {
      api = null;
    }
  }
  return api;
}

function sessionTime(ms) {
  const total = Math.max(0, ms) / 1000;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  return `${String(hours).padStart(4, '0')}:${two(minutes)}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/**
 * Connects `quiz` (a <loss-quiz> with getProgress/setProgress, firing 'll-xapi') to the LMS. `say(text)` shows one
 * line of status in the page. Returns { api, state } (state is inspected by tests), or null when no LMS is found.
 */
export function connectScorm(quiz, say) {
  const api = findApi();
  if (!api) {
    say('No course system (SCORM API) was found, so this attempt is not reported to a gradebook.');
    return null;
  }
  const call = (name, ...args) => {
    try {
      return api[name](...args);
    } catch {
      return '';
    }
  };
  if (String(call('LMSInitialize', '')) !== 'true') {
    say('The course system did not start this attempt; answers are kept only while this page is open.');
    return null;
  }
  const started = Date.now();
  const state = { completed: false, finished: false, commits: 0 };
  const status = String(call('LMSGetValue', 'cmi.core.lesson_status'));
  state.completed = ['passed', 'failed', 'completed'].includes(status);
  const masteryText = String(call('LMSGetValue', 'cmi.student_data.mastery_score') ?? '');
  const mastery = masteryText === '' ? NaN : Number(masteryText);

  const restore = () => {
    const saved = String(call('LMSGetValue', 'cmi.suspend_data') || '');
    if (!saved) return false;
    try {
      const data = JSON.parse(saved);
      if (data && data.v === 1 && data.quiz && typeof quiz.setProgress === 'function') {
        quiz.setProgress(data.quiz);
        return true;
      }
    } catch {
      // unreadable suspend data (another version): start afresh rather than fail
    }
    return false;
  };
  const resumed = restore();
  if (status === 'not attempted' || status === '') call('LMSSetValue', 'cmi.core.lesson_status', 'incomplete');
  call('LMSCommit', '');
  say(resumed ? 'Connected to your course: your earlier answers are back, and your score goes to the gradebook.'
    : 'Connected to your course: your score goes to the gradebook.');

  const save = () => {
    if (typeof quiz.getProgress !== 'function') return;
    const data = JSON.stringify({ v: 1, quiz: quiz.getProgress() });
    if (data.length <= SUSPEND_LIMIT) call('LMSSetValue', 'cmi.suspend_data', data);
    else console.warn(`LossLab: quiz progress (${data.length} characters) exceeds SCORM 1.2's 4096; not saved`);
  };
  const setScore = (score) => {
    if (!score || !Number.isFinite(score.raw)) return;
    const max = Number.isFinite(score.max) ? score.max : 100;
    const min = Number.isFinite(score.min) ? score.min : 0;
    // SCORM 1.2 scores are decimals, conventionally 0..100: report the raw count with its own min and max.
    call('LMSSetValue', 'cmi.core.score.min', String(min));
    call('LMSSetValue', 'cmi.core.score.max', String(max));
    call('LMSSetValue', 'cmi.core.score.raw', String(score.raw));
  };
  const verbOf = (statement) => String(statement?.verb?.id ?? '').split('/').pop();

  quiz.addEventListener('ll-xapi', (event) => {
    const statement = event.detail ?? {};
    const result = statement.result ?? {};
    save();
    // The running quiz score after every answer (so the gradebook is right even if the student leaves early);
    // 'answered' statements score one question, so the total comes from the quiz itself.
    const total = typeof quiz.score === 'function' ? quiz.score() : null;
    if (total) setScore({ raw: total.raw, min: 0, max: total.max });
    if (verbOf(statement) === 'completed') {
      setScore(result.score);
      let passed = result.success;
      if (Number.isFinite(mastery) && mastery > 0 && result.score && Number.isFinite(result.score.scaled)) {
        passed = result.score.scaled * 100 >= mastery;
      }
      call('LMSSetValue', 'cmi.core.lesson_status', passed === undefined ? 'completed' : passed ? 'passed' : 'failed');
      state.completed = true;
    }
    if (String(call('LMSCommit', '')) === 'true') state.commits += 1;
  });

  const finish = () => {
    if (state.finished) return;
    state.finished = true;
    save();
    call('LMSSetValue', 'cmi.core.exit', state.completed ? '' : 'suspend');
    call('LMSSetValue', 'cmi.core.session_time', sessionTime(Date.now() - started));
    call('LMSCommit', '');
    call('LMSFinish', '');
  };
  window.addEventListener('pagehide', finish);
  window.losslabScorm = { api, state, finish };
  return { api, state, finish };
}
