/* checks.js. Part 1 grades as checks/grading.py does (tests/test_parity.py); part 2 runs the
 * exercises of checks/sphinxext/html.py, or keeps answers where there is no key. One function:
 * nothing leaks into the page. */
(function () {
"use strict";

// Python's str.isspace() (and re's \s); JavaScript's \s differs.
const SP = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
const SPACES = new RegExp(SP, "g");
const LEAD = new RegExp("^" + SP);
const TRAIL = new RegExp(SP + "$");
// Python's str.isdigit() for a character that NFKC leaves alone.
const IS_DIGIT = /^[\p{Nd}\u1369-\u1371\u19da\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}]/u;
// As normalise._NUMBER; [^\n] because Python's "." matches \r and \u2028.
const NUMBER = /^([+-]?)([0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:[eE]([+-]?[0-9]{1,3}))?([^\n]*)$/;

const strip = (s) => s.replace(LEAD, "").replace(TRAIL, "");
const isMap = (v) => !!v && typeof v === "object" && !Array.isArray(v);
const hasOwn = (o, k) => isMap(o) && Object.hasOwn(o, k);
const isStrList = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
const idsFrom = (v, ids) => isStrList(v) && new Set(v).size === v.length && v.every((x) => ids.includes(x)); // distinct
const noneYet = (k, what) => (k ? k + (k > 1 ? " items have no " : " item has no ") + what + " yet." : "");

/** A short-text answer made comparable: NFKC, no accents, lower case, letters and digits. */
function normaliseText(text) {
  const t = text.normalize("NFKC").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return t.replace(/\p{Cf}/gu, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim(); // Cf: soft hyphens and the like
}

/** A unit written after a number: NFKC, lower case, spaces collapsed, a final "." dropped. */
function normaliseUnit(unit) {
  const u = strip(unit.normalize("NFKC").toLowerCase().replace(SPACES, " "));
  return /[.\u3002]$/.test(u) ? strip(u.slice(0, -1)) : u;
}

// As normalise.unit_key; /u counts code points, as Python's len.
const unitKey = (u) => u.replace(/ /g, "").replace(/(?<=..)s$/su, "");

// As normalise.written_otherwise: "500" of "1 500", "± 0.5" of "23.3 ± 0.5" is a number's rest, not a unit.
const otherwise = (w) =>
  /^(±|\+\/?-)/.test(w.replace(LEAD, "")) || IS_DIGIT.test(w.replace(LEAD, "").replace(/^[/\u2044\u00b7\u22c5\u2219*\u00d7+\u2010\u2012-\u2015~\u223c\u301c-]+/, "").replace(LEAD, ""));

/** "12,5 pp" gives [12.5, "pp"]; null if not a number. */
function parseNumber(text) {
  const t = strip(text.normalize("NFKC")).replace(/\u2212/g, "-");
  const m = NUMBER.exec(t);
  if (m === null) return null;
  let [, sign, digits, exponent, rest] = m;
  if (rest == "\u3002") rest = "."; // "40。" ends a sentence, as "40." does
  if (rest != "." && !LEAD.test(rest) && (IS_DIGIT.test(rest) || ".,:".includes(rest[0]))) return null;
  if (/^[1-9]\d?\d?,\d{3}$/.test(digits)) return null; // 1.5 or 1500?
  const value = Number(sign + digits.replace(",", ".") + (exponent ? "e" + exponent : ""));
  return Number.isFinite(value) ? [value, normaliseUnit(rest)] : null; // "1e900": not a number, as in Python
}

function patternMatches(pattern, text) {
  const source = "^(?:" + pattern + ")$";
  try {
    return new RegExp(source, "u").test(text);
  } catch {
    return new RegExp(source).test(text); // lone braces are literal, as in Python
  }
}

/** Length of the longest strictly increasing subsequence (patience sorting). */
function longestRun(positions) {
  const tails = [];
  for (const p of positions) {
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < p) lo = mid + 1; else hi = mid;
    }
    tails[lo] = p;
  }
  return tails.length;
}

function scored(d, score, parts, tags, extra) {
  const status = score >= d.points ? "correct" : score > 0 ? "partial" : "incorrect";
  return Object.assign({ score, max: d.points, status, parts, tags: tags || [], message: "" }, extra);
}

const invalid = (d, message) => ({ score: 0, max: d.points, status: "invalid", parts: [], tags: [], message });

const GRADERS = {
  single(d, r) {
    if (!d.options.includes(r)) return invalid(d, "Choose one of the options.");
    return scored(d, d.key.includes(r) ? d.points : 0, [r], hasOwn(d.tags, r) ? [d.tags[r]] : []);
  },
  multiple(d, r) {
    if (!idsFrom(r, d.options)) return invalid(d, "Choose options from the list.");
    const right = r.filter((x) => d.key.includes(x)).length, wrong = r.length - right, n = d.key.length;
    const score = wrong === 0 && right === n ? d.points : (d.points * Math.max(0, right - wrong)) / n;
    const parts = d.options.filter((o) => r.includes(o));
    return scored(d, score, parts, parts.filter((o) => hasOwn(d.tags, o)).map((o) => d.tags[o]));
  },
  truefalse(d, r) {
    if (typeof r !== "boolean") return invalid(d, "Choose True or False.");
    const right = r === d.answer;
    return scored(d, right ? d.points : 0, [String(r)], right ? [] : [d.tag]);
  },
  text(d, r) {
    if (typeof r !== "string") return invalid(d, "Type a word or phrase.");
    const answer = normaliseText(r);
    if (d.accept.includes(answer) || d.patterns.some((p) => patternMatches(p, answer))) {
      return scored(d, d.points, ["correct"]);
    }
    const i = d.wrong.findIndex((w) => w[0] === answer);
    return i >= 0 ? scored(d, 0, ["wrong-" + i], [d.wrong[i][1]]) : scored(d, 0, ["incorrect"]);
  },
  numeric(d, r) {
    const u = d.units, taken = u.length > 1 ? u.slice(0, -1).join(", ") + " or " + u.at(-1) : u[0];
    const expected = "Type a number, such as 12.5" + (taken ? ", optionally in " + taken : "") + ".";
    let n = r, unit = "";
    if (typeof r === "string") [n, unit] = parseNumber(r) || []; // not a number: refused below
    const refused = unit && !u.some((x) => unitKey(x) === unitKey(unit));
    if (!Number.isFinite(n) || (refused && otherwise(unit) && !u.some(otherwise))) return invalid(d, expected);
    const near = Math.abs(n - d.value) <= d.allowed + d.epsilon * Math.max(Math.abs(d.value), d.allowed);
    if (!refused && near) return scored(d, d.points, ["correct"]);
    const say = refused ? "The unit “" + unit + "” is not accepted here: " + (taken ? "answer in " + taken : "give the number alone") + "." : "";
    return scored(d, 0, ["incorrect"], d.tag && !near ? [d.tag] : [], { message: say });
  },
  ordering(d, r) {
    const order = d.order;
    if (!idsFrom(r, order)) return invalid(d, "Give each item a different place.");
    if (r.length === order.length && r.every((x, i) => x === order[i])) return scored(d, d.points, ["correct"]);
    const p = r.map((x) => order.indexOf(x)), run = longestRun(p);
    // The item to move: as grading.first_out_of_place, the first the others keep their longest run without.
    const first = p.findIndex((_, i) => longestRun(p.filter((_, j) => j != i)) == run);
    const extra = first >= 0 ? { outOfPlace: r[first] } : { unplaced: order.length - r.length };
    return scored(d, (d.points * Math.max(0, run - 1)) / (order.length - 1), ["incorrect"], [], extra);
  },
  matching(d, r) {
    if (!isMap(r) || !Object.keys(r).every((k) => hasOwn(d.stems, k) && d.options.includes(r[k]))) {
      return invalid(d, "Choose an option for each item.");
    }
    const stems = Object.keys(d.stems);
    const parts = stems.filter((s) => hasOwn(r, s));
    const right = parts.filter((s) => r[s] === d.stems[s]);
    const tags = parts.filter((s) => hasOwn(d.tags[s], r[s])).map((s) => d.tags[s][r[s]]);
    const score = right.length === stems.length ? d.points : (d.points * right.length) / stems.length;
    return scored(d, score, parts, tags, { right, message: noneYet(stems.length - parts.length, "match") });
  },
};

/** Grade any response to an exercise's data: {score, max, status, parts, tags, message}. */
function grade(data, response) {
  if (response == null) return { ...invalid(data, ""), status: "unanswered" };
  return hasOwn(GRADERS, data.kind) ? GRADERS[data.kind](data, response) : invalid(data, "Unknown kind of exercise.");
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { normaliseText, normaliseUnit, parseNumber, patternMatches, longestRun, grade };
}
if (typeof document === "undefined") return;

let PREFIX = "checks:v1:";
const exercises = [];
let summary;

const store = {
  get(key) {
    try {
      return JSON.parse(localStorage.getItem(key)); // null when missing
    } catch {
      return null; // storage blocked, or not our JSON
    }
  },
  set(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* storage full or blocked: the page works without memory */
    }
  },
};

const fmt = (x) => String(Math.round(x * 100) / 100);
const points = (score, max) => fmt(score) + " of " + fmt(max) + (max === 1 ? " point" : " points");
const LABELS = { correct: "Correct", partial: "Partly correct", incorrect: "Incorrect" };
const NOW = " You can now show the answer.";
const el = (tag, cls, text) => Object.assign(document.createElement(tag), cls && { className: cls }, text && { textContent: text });
const textOf = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");
const qs = (node, sel) => node.querySelector(sel);
const find = (box, attr, value) => qs(box, "[" + attr + '="' + CSS.escape(value) + '"]');

// What each kind's data must hold to be trusted.
const L = isStrList, M = isMap, N = (v) => typeof v === "number";
const CHOICE = { options: L, key: L, tags: M };
const FIELDS = {
  single: CHOICE,
  multiple: CHOICE,
  truefalse: { answer: (v) => typeof v === "boolean" },
  text: { accept: L, patterns: L, wrong: (v) => Array.isArray(v) && v.every((w) => L(w) && w.length === 2) },
  numeric: { value: N, allowed: N, epsilon: N, units: L },
  ordering: { order: (v) => L(v) && v.length > 1 },
  matching: { options: L, stems: M, tags: M },
};

function readData(box, keyless) {
  let data;
  try {
    data = JSON.parse(qs(box, "script.checks-data").textContent);
  } catch {
    return null; // no data, or not JSON
  }
  const ok = isMap(data) && data.id === box.dataset.checksId && N(data.points) && hasOwn(FIELDS, data.kind);
  return ok && (keyless || Object.entries(FIELDS[data.kind]).every(([k, valid]) => valid(data[k]))) ? data : null;
}

/** The response the controls hold: {response}, null when unanswered or when an ordering's places
 * or a matching's pairs are not an answer yet ({problem} says why, {places} keeps them, and
 * {partial} holds those given, an ordering's in order, for the answer sheet). The page checks
 * no half-done answer; the grader, shared with checks/grading.py, grades a sheet's as before. */
function readResponse(ex) {
  const box = ex.box, kind = ex.data.kind;
  const pick = (sel) => [...box.querySelectorAll(sel)];
  const chosen = pick(".checks-choices input:checked").map((i) => i.value);
  if (kind === "single") return { response: chosen[0] ?? null };
  if (kind === "truefalse") return { response: chosen.length ? chosen[0] === "true" : null };
  if (kind === "multiple") return { response: chosen.length ? chosen : null };
  if (kind === "text" || kind === "numeric") {
    const input = qs(box, ".checks-blank input");
    return { response: input && strip(input.value) ? input.value : null };
  }
  if (kind === "ordering") {
    const all = pick("select[data-item]"), placed = all.filter((s) => s.value), taken = placed.map((s) => s.value);
    if (!placed.length) return { response: null };
    const twice = taken.find((v, i) => taken.indexOf(v) !== i);
    const k = twice ? taken.filter((v) => v === twice).length : all.length - placed.length;
    const places = Object.fromEntries(placed.map((s) => [s.dataset.item, s.value]));
    const order = placed.sort((a, b) => a.value - b.value).map((s) => s.dataset.item);
    if (!k) return { response: order };
    const problem = twice ? (k === 2 ? "Two" : k) + " items share place " + twice + ": give each place once." : noneYet(k, "place");
    return { response: null, problem, places, partial: twice ? null : order };
  }
  const all = pick("select[data-stem]"), pairs = {};
  for (const s of all) if (s.value) pairs[s.dataset.stem] = s.value;
  const k = all.length - Object.keys(pairs).length;
  if (k === all.length) return { response: null };
  return k ? { response: null, problem: noneYet(k, "match"), places: pairs, partial: pairs } : { response: pairs };
}

/** Put a stored response back into the controls, ignoring what does not fit. */
function writeResponse(ex, response) {
  const box = ex.box, kind = ex.data.kind;
  if (kind === "single" || kind === "truefalse" || kind === "multiple") {
    const wanted = Array.isArray(response) ? response : [response];
    for (const input of box.querySelectorAll(".checks-choices input")) {
      input.checked = wanted.some((w) => ["string", "boolean"].includes(typeof w) && String(w) === input.value);
    }
  } else if (kind === "text" || kind === "numeric") {
    const input = qs(box, ".checks-blank input");
    if (input && (typeof response === "string" || typeof response === "number")) input.value = String(response);
  } else if (isMap(response) || (kind === "ordering" && isStrList(response))) {
    // A matching's pairs, an ordering's places, or its response (the items in order).
    const pairs = isMap(response) ? Object.entries(response) : response.map((id, i) => [id, String(i + 1)]);
    for (const [id, value] of pairs) {
      const sel = find(box, kind === "ordering" ? "data-item" : "data-stem", id);
      if (sel && [...sel.options].some((o) => o.value === value)) sel.value = value;
    }
  }
}

function clearInputs(ex) {
  for (const c of ex.box.querySelectorAll(".checks-response :is(input, select)")) {
    if (/radio|checkbox/.test(c.type)) c.checked = false; else c.value = "";
  }
}

/** Feedback on a result's parts, each labelled; in a matching, whether each pair was right. */
function showFeedback(ex, result) {
  const matching = ex.data.kind === "matching";
  for (const fb of ex.box.querySelectorAll(".checks-feedback")) {
    const part = fb.dataset.part;
    const control = find(ex.box, matching ? "data-stem" : "value", part); // a stem's select or a choice's input
    const li = control && control.closest("li");
    fb.hidden = !result.parts.includes(part);
    if (fb.hidden || !li) continue;
    let p = qs(fb, ".checks-feedback-label");
    if (!p) {
      const n = [...li.parentNode.children].indexOf(li), text = textOf(control.labels[0]);
      p = el("p", "checks-feedback-label");
      p.append(el("strong", "", matching ? n + 1 + ". " + text : "Your choice (" + String.fromCharCode((ex.box.dataset.v ? 65 : 97) + n) + "): " + text));
      fb.prepend(p);
    }
    if (!matching) continue;
    const verdict = qs(p, ".checks-verdict") || p.appendChild(el("em", "checks-verdict"));
    verdict.textContent = " Your match is " + (result.right.includes(part) ? "right." : "not right.");
  }
}

// The result, then what `more` shows. Announced, they go back into the live region emptied and
// all come back at once, so that words said again are said again. Unannounced (a count of items
// left as a drop-down changes, a result restored on load) they are written just before the
// region, where they look the same and no screen reader is listening.
function setStatus(ex, text, announce, more) {
  const say = () => {
    ex.status.textContent = text;
    more?.();
  };
  clearTimeout(ex.timer);
  ex.status.textContent = "";
  if (announce) {
    ex.live.append(ex.outcome);
    ex.timer = setTimeout(say, 50);
  } else {
    ex.live.before(ex.outcome);
    say();
  }
}

function showSolution(ex, open) {
  if (ex.solution) ex.solution.hidden = !open;
  ex.show.textContent = open ? "Hide answer" : "Show answer";
  ex.show.setAttribute("aria-expanded", String(open));
  ex.open = open;
  if (open) qs(ex.status, ".checks-now")?.remove(); // silently: the result stays, unsaid
}

/** Forget the shown result (not the answer). */
function resetResult(ex) {
  ex.result = null;
  ex.graded = undefined;
  const d = ex.box.dataset;
  delete d.checksStatus;
  delete d.checksScore;
  for (const fb of ex.box.querySelectorAll(".checks-feedback")) fb.hidden = true;
  ex.note.textContent = "";
}

function render(ex, result, announce) {
  resetResult(ex);
  const graded = result.status in LABELS;
  ex.box.dataset.checksStatus = result.status;
  const moved = result.outOfPlace && find(ex.box, "data-item", result.outOfPlace);
  const note = moved ? "First item out of place: " + textOf(moved.labels[0]) + "." : graded ? result.message : "";
  const text = graded ? LABELS[result.status] + ": " + points(result.score, result.max) + "." : "Not checked. " + result.message;
  setStatus(ex, text, announce, () => {
    if (graded && result.status !== "correct" && !ex.open) ex.status.append(el("span", "checks-now", NOW));
    ex.note.textContent = note;
    showFeedback(ex, result);
  });
  if (graded) {
    ex.result = result;
    ex.box.dataset.checksScore = String(result.score);
    ex.tried = true;
    ex.show.disabled = false;
    if (result.status === "correct") showSolution(ex, true);
  }
}

function check(ex, announce) {
  const read = readResponse(ex);
  if (read.response === null) {
    const message = read.problem || "Answer the question first, then press Check.";
    render(ex, { status: read.problem ? "invalid" : "unanswered", parts: [], message }, announce);
  } else {
    render(ex, grade(ex.data, read.response), announce);
    ex.graded = JSON.stringify(read.response);
    save(ex);
  }
  updateSummary();
}

function save(ex) {
  const read = readResponse(ex), kept = read.response !== null || read.places || ex.tried;
  store.set(PREFIX + ex.data.id, kept ? { response: read.response, places: read.places, checked: !!ex.result, tried: ex.tried } : null);
}

function clear(ex) {
  clearInputs(ex);
  resetResult(ex);
  ex.tried = false;
  ex.show.disabled = !ex.fixed;
  showSolution(ex, ex.fixed);
  setStatus(ex, "", false);
  store.set(PREFIX + ex.data.id, null);
  updateSummary();
}

function restore(ex) {
  const saved = store.get(PREFIX + ex.data.id);
  if (!isMap(saved) || !hasOwn(saved, "response")) return;
  try {
    writeResponse(ex, saved.places || saved.response);
  } catch {
    clearInputs(ex);
    return;
  }
  ex.tried = saved.tried === true;
  ex.show.disabled = !ex.tried && !ex.fixed;
  const read = readResponse(ex);
  if (read.problem) setStatus(ex, read.problem, false);
  else if (saved.checked === true && !ex.keyless && read.response !== null) check(ex, false);
}

function setUp(box) {
  const controls = qs(box, ".checks-controls");
  const buttons = controls ? ["check", "show", "clear"].map((b) => qs(controls, ".checks-" + b)) : [];
  const keyless = !!buttons[2] && !buttons[0];
  const data = readData(box, keyless), status = qs(box, ".checks-status"), note = qs(box, ".checks-note");
  const live = status?.closest(".checks-result[aria-live]");
  if (!data || !live || !note || !buttons[2] || (!keyless && !buttons[1])) return null;
  // The region's status, note and feedback, in one box that moves in and out of it (setStatus).
  const outcome = el("div", "checks-outcome");
  outcome.append(...live.childNodes);
  live.append(outcome);
  if (keyless) buttons[1] = el("button"); // never shown: there is no answer to show
  const solution = qs(box, ".checks-solution");
  const fixed = !!solution && !solution.hidden; // printed open (instructor edition); Clear leaves it so
  const ex = { box, data, keyless, status, note, live, outcome, solution, show: buttons[1],
    result: null, tried: false, fixed, open: fixed };
  controls.hidden = false;
  if (!keyless) buttons[0].addEventListener("click", () => check(ex, true));
  buttons[1].addEventListener("click", () => {
    showSolution(ex, !!solution && solution.hidden);
    if (ex.open) solution.focus(); // past the feedback
  });
  buttons[2].addEventListener("click", () => clear(ex));
  const response = qs(box, ".checks-response");
  const changed = () => {
    // A result stays until the answer changes (a text field also says "change" on leaving it).
    const read = readResponse(ex);
    if (JSON.stringify(read.response) !== ex.graded) {
      resetResult(ex);
      setStatus(ex, read.problem || "", false);
    }
    save(ex);
    updateSummary();
  };
  if (response) {
    for (const type of ["change", "input"]) response.addEventListener(type, changed);
    response.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !keyless && e.target.matches("input[type=text]")) {
        e.preventDefault();
        check(ex, true);
      }
    });
  }
  return ex;
}

const slug = (s) => s.replace(/[^\p{L}\p{N}_.-]+/gu, "-").slice(0, 80);
const pageName = () => slug((location.pathname.split("/").filter(Boolean).pop() || "index").replace(/\.html?$/, ""));

// What the sheet holds: the response, or a half-done one's pairs or places.
const handedIn = (ex) => {
  const read = readResponse(ex);
  return read.response ?? read.partial ?? null;
};

function download() {
  const student = strip(qs(summary, "#checks-student").value).slice(0, 200) || "anonymous";
  const answers = {};
  for (const ex of exercises) {
    const response = handedIn(ex);
    if (response !== null) answers[ex.data.id] = response;
  }
  let chapters = [...new Set(exercises.map((ex) => ex.box.dataset.checksChapter))];
  if (chapters.includes(undefined)) chapters = undefined; // an older build's page: the whole book
  const sheet = { student, submitted: new Date().toISOString(), chapters, answers };
  const blob = new Blob([JSON.stringify(sheet, null, 2) + "\n"], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  Object.assign(el("a"), { href: url, download: "answers-" + slug(student) + "-" + pageName() + ".json" }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function buildSummary(who) {
  const box = el("section", "checks-summary");
  box.setAttribute("aria-labelledby", "checks-summary-title");
  box.innerHTML =
    '<p class="checks-summary-title" id="checks-summary-title">Your progress on this page</p><p class="checks-summary-text"></p>' +
    '<p class="checks-summary-save"><label for="checks-student">Name or student id for the answer sheet</label> ' +
    '<input type="text" id="checks-student" maxlength="200" autocomplete="off" placeholder="anonymous" spellcheck="false"> ' +
    '<button type="button" class="checks-download">Download my answers</button></p>' +
    '<p class="checks-summary-note">Your answers are kept only in this browser; download them to keep a copy or hand them in.</p>';
  const input = qs(box, "input"), key = PREFIX + "student", saved = store.get(key) ?? who;
  if (typeof saved === "string") input.value = saved;
  input.addEventListener("input", () => store.set(key, input.value));
  qs(box, "button").addEventListener("click", download);
  exercises.at(-1).box.after(box); // where a student ends, so that a reader meets the text first
  return box;
}

function updateSummary() {
  if (!summary) return;
  const done = exercises.filter((ex) => ex.result);
  const score = done.reduce((sum, ex) => sum + ex.result.score, 0);
  const max = exercises.reduce((sum, ex) => sum + ex.data.points, 0);
  const n = exercises.length, of = " of " + n + (n === 1 ? " exercise" : " exercises");
  qs(summary, ".checks-summary-text").textContent = exercises[0].keyless
    ? exercises.filter((ex) => handedIn(ex) !== null).length + of + " answered"
    : done.length + of + " checked, " + fmt(score) + " of " + fmt(max) + " points";
}

// ?student=…&seed=…: that student's option order, as checks/variants.py makes it.
function fnv(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}
function variant(box, who, seed) {
  let a = fnv(seed + ":" + who + ":" + box.dataset.checksId);
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const list = qs(box, ".checks-options, .checks-order-items, .checks-match-options");
  if (!list || box.dataset.checksKind == "truefalse") return; // True, False: as the sheet, unlettered
  const items = [...list.children].sort((x, y) => (x.dataset.id < y.dataset.id ? -1 : 1));
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  list.type = box.dataset.v = "A";
  list.append(...items);
  // Feedback on several choices follows the list's order.
  for (const li of items) {
    const f = find(box, "data-part", li.dataset.id);
    if (f) f.parentNode.append(f);
  }
  // A matching's drop-downs, lettered as the list ("a. bone"), follow it.
  for (const s of box.querySelectorAll("[data-stem]")) {
    items.forEach((li, i) => {
      const o = find(s, "value", li.dataset.id);
      o.text = String.fromCharCode(65 + i) + o.text.slice(1);
      s.append(o);
    });
  }
}

// Links to the book's other pages carry the student's variant on, so that "Next" keeps their order and answers.
// The query as it stands, so that a link within the page stays one.
function keepVariant() {
  for (const a of document.querySelectorAll("a[href]")) {
    try {
      const u = new URL(a.getAttribute("href"), location);
      if (u.origin == location.origin && !u.search && u.pathname.endsWith(".html")) {
        u.search = location.search;
        a.href = u;
      }
    } catch {
      /* an address no URL can be made of: left as it is */
    }
  }
}

// Printing opens closed hints and closes them after (CSS has no ::details-content).
function printHints() {
  let closed = [];
  addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll(".checks-hint:not([open])")];
    for (const hint of closed) hint.open = true;
  });
  addEventListener("afterprint", () => closed.forEach((hint) => (hint.open = false)));
}

function start() {
  printHints();
  const q = new URLSearchParams(location.search), who = q.get("student"), v = who && q.get("seed") && [who, q.get("seed")];
  for (const box of document.querySelectorAll(".checks-exercise[data-checks-id]")) {
    if (v) variant(box, ...v);
    try {
      const ex = setUp(box);
      if (ex) exercises.push(ex);
    } catch {
      /* leave this exercise as static text */
    }
  }
  if (v) keepVariant();
  if (!exercises.length) return;
  if (exercises[0].keyless) PREFIX += "keyless:"; // a class's answers, apart from the reader's self-checks
  if (v) PREFIX += JSON.stringify(v) + ":"; // each student's answers and name apart
  summary = buildSummary(v && who);
  for (const ex of exercises) restore(ex);
  updateSummary();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
