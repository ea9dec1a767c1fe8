// The estimator page: reads the form, asks the engine (WebAssembly build of
// pension-rules) for the retirement month and for the projection (the yearly
// path of base, credits, interest and balance, and the award) at the statutory
// month and across the elastic window, and shows every figure exactly as the
// engine returns it (decimal strings), with the explanation and legal sources.
// The page computes nothing of the law itself: the what-if assumptions for
// years the rule set does not know yet are form fields, passed to the engine as
// stated assumptions, and the engine marks each figure that rests on them. The
// one figure the page computes is a display conversion: future amounts in
// today's money, deflated exactly (BigInt fractions) by a stated price growth.
// The place (province, and a city where the rule data has a city layer) is
// picked from the engine's own list of rule sets (`rulesList`: id, GB/T 2260
// region, title); each choice builds the engine on that rule set.
// Words: Chinese by default, English one switch away (text.js; the choice is
// kept in the URL `?lang=` and in localStorage).
//
// A yearly value the chosen rule set lacks (its 社平工资 `award.average_wage` or
// 计发基数 `award.pension_base`: the engine's `rule_missing_year`, read from the
// error's structured details) is asked of the person in a field of its own next
// to the assumptions, never guessed: the value given goes to the engine as a
// stated assumption (`assumptions.average_wages` / `pension_bases`, that year;
// later years grown by the stated growth) and is kept in the URL.
//
// An input about the person that only some places' rules need (a separate
// 过渡性养老金 index, 青海's 待遇地区, 西藏's 在藏工作年限: the engine's InputError
// naming `transitional_index` or `attributes.*`) is asked likewise, next to the
// person's other fields, empty, with its local name and where to find it; the
// value goes to the engine as that field and is kept in the URL.
//
// The planner (退休与缴费规划) calls `engine.plan` once per run over every month
// of the elastic window × the bases chosen; the whole scenario (every field and
// planner choice) is kept in the URL's query, so a plan can be shared.
//
// Layout of this file: language → the scenario in the URL → places → reading the
// form (number parsing, field errors) → engine inputs and runs → rendering
// (retirement, pension and its plain sentence, planner, options and chart, path,
// explanation) → wiring.
import init, { Engine, standardAssumptions } from "./pkg/pension_rules_wasm.js";
import { TEXT } from "./text.js";

const DEFAULT_RULESET = "cn/shaanxi";
const LANG_KEY = "pension-estimator-lang";
const $ = (id) => document.getElementById(id);
let engine;
/** The rule set in use: its `rulesList` entry and the place name shown. */
let rules = { id: DEFAULT_RULESET, place: "陕西省" };
/** Every loadable provincial set, by region code, each with its city layers. */
let provinces = [];

// ---- language ----
let lang = pickLang();
function pickLang() {
  const q = new URLSearchParams(location.search).get("lang");
  if (q === "zh" || q === "en") return q;
  try {
    const s = localStorage.getItem(LANG_KEY);
    if (s === "zh" || s === "en") return s;
  } catch { /* storage may be off */ }
  return "zh";
}
/** The text of `key` in the chosen language (a function's result with `args`). */
const t = (key, ...args) => {
  const v = TEXT[lang][key] ?? TEXT.zh[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
};
function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  for (const b of document.querySelectorAll("#lang button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  labelAsked();
}
function setLang(next) {
  if (next === lang) return;
  lang = next;
  try { localStorage.setItem(LANG_KEY, lang); } catch { /* storage may be off */ }
  setParam("lang", lang);
  applyLang();
  if (!engine) return;
  fillProvinces();
  $("province").value = rules.provinceId;
  fillCities(provinces.find((p) => p.id === rules.provinceId) ?? { cities: [] });
  $("city").value = rules.cityId;
  showPlace();
  run();
}
function setParam(name, value) {
  const q = new URLSearchParams(location.search);
  if (value) q.set(name, value); else q.delete(name);
  writeQuery(q);
}

// ---- the scenario in the URL: every form field and planner choice ----
// Readable and stable: one query parameter per field, named as the field's id,
// in a fixed order after `place` and `lang`, with the values the engine was
// given (60,000 → 60000, 4% → 0.04); `bases` as percentages (60,100,300), `at`
// the month compared in the break-even chart. Opening such a URL fills the form
// and runs it: a plan can be shared, bookmarked and reopened offline.
const SCENARIO = ["birth", "category", "years", "deemed", "index", "balance", "asof", "future-index",
  "average-wage-growth", "pension-base-growth", "interest-rate", "wage-growth", "price-growth",
  "payer", "bases", "paid-to-date", "pension-growth", "money", "at"];
const PARAM_ORDER = ["place", "lang", ...SCENARIO];
/** The month compared in the break-even chart ("": the statutory month). */
let plannerAt = "";
/** The pension chart in today's money (`money=today`) instead of the engine's nominal yuan. */
let plannerReal = false;
/** Write `params` as the query, in PARAM_ORDER, leaving `/ , :` readable. */
function writeQuery(params) {
  const rank = (k) => (ASKED_RE.test(k) ? PARAM_ORDER.indexOf("price-growth") + 0.5
    : isNeedId(k) ? PARAM_ORDER.indexOf("asof") + 0.5 + needRank(k) / (2 * NEED_IDS.length + 2)
    : PARAM_ORDER.includes(k) ? PARAM_ORDER.indexOf(k) : PARAM_ORDER.length);
  const enc = (v) => encodeURIComponent(v).replace(/%2C/gi, ",").replace(/%2F/gi, "/").replace(/%3A/gi, ":");
  const u = new URL(location.href);
  u.search = [...params].sort(([a], [b]) => rank(a) - rank(b)).map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  history.replaceState(null, "", u);
}
/** The scenario's parameters from the form as read (`f`): empty optional fields left out. */
function scenarioParams(f) {
  const raw = (id) => normalise($(id).value);
  return [
    ["birth", f.birth], ["category", f.category], ["years", raw("years") || "0"], ["deemed", raw("deemed") || "0"],
    ["index", f.index], ["balance", f.balance], ["asof", $("asof").value],
    ...needed.map((n) => [n.id, f.needs[n.path] ?? ""]),
    ["future-index", f.futureIndex],
    ["average-wage-growth", f.averageWageGrowth], ["pension-base-growth", f.pensionBaseGrowth],
    ["interest-rate", f.interestRate], ["wage-growth", f.wageGrowth], ["price-growth", f.priceGrowth],
    ...asked.map((a) => [a.id, f.given[a.id] ?? ""]),
    ["payer", f.payer], ["bases", f.bases.map((b) => asPercent(b).slice(0, -1)).join(",")],
    ["paid-to-date", f.paidToDate], ["pension-growth", f.pensionGrowth], ["money", plannerReal ? "today" : ""],
    ["at", plannerAt],
  ];
}
function writeScenario(f) {
  const q = new URLSearchParams(location.search);
  for (const k of [...q.keys()]) if (SCENARIO.includes(k) || ASKED_RE.test(k) || isNeedId(k)) q.delete(k);
  for (const [k, v] of scenarioParams(f)) if (v) q.set(k, v);
  writeQuery(q);
}
/** A scenario in the URL into the form (a select keeps its value if the URL's is not one of its options). */
function readScenario() {
  const q = new URLSearchParams(location.search);
  for (const k of SCENARIO) {
    const v = q.get(k);
    if (v === null || k === "at" || k === "money") continue;
    const field = $(k);
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === v)) continue;
    field.value = v;
  }
  // The values asked of the person for this place (average-wage-2026=11000, pension-base-2026=…).
  for (const [k, v] of q) {
    const m = ASKED_RE.exec(k);
    if (m) addAsked(PARAM_OF[m[1]], Number(m[2]), v);
  }
  // The inputs about the person this place needs (transitional-index=1.2, region-class=xining, …).
  for (const spec of NEEDABLE) if (q.get(spec.id) !== null) addNeeded(spec, q.get(spec.id));
  for (const [k, v] of q) {
    const m = EXTRA_ID.exec(k);
    if (m) addNeeded(extraSpec(m[1]), v);
  }
  plannerAt = q.get("at") ?? "";
  plannerReal = q.get("money") === "today";
  $("planner-real").checked = plannerReal;
}
// ---- yearly values the rule set lacks, asked of the person ----
// The engine never guesses a missing yearly value: a projection refuses with
// `rule_missing_year`, its details naming the parameter and the year. For the
// two a person can look up (the local 社平工资 and 计发基数, published by the
// province's 人社 department) the page adds a field for that year, empty, with
// what to enter and where it is published. A value given is a stated
// assumption of the person (`assumptions.average_wages` / `pension_bases`),
// which the engine marks `assumed` (and the years grown from it `projected`).
// The engine reports one gap at a time: each run may add a field. The fields
// belong to the place: another province or city starts without them.
const ASKABLE = {
  "award.average_wage": { prefix: "average-wage", label: "askWage" },
  "award.pension_base": { prefix: "pension-base", label: "askBase" },
};
const PARAM_OF = { "average-wage": "award.average_wage", "pension-base": "award.pension_base" };
const ASKED_RE = /^(average-wage|pension-base)-(\d{4})$/;
/** The values asked for the place in use, in order (wages first, then by year): { param, year, id }. */
let asked = [];
/** The rule set the asked fields belong to. */
let askedPlace = "";

/** Add the field for `param` of `year` (if not there yet), with `value` (from a URL) or empty. */
function addAsked(param, year, value = "") {
  const spec = ASKABLE[param];
  if (!spec || !(year > 1900 && year < 2200)) return false;
  const id = `${spec.prefix}-${year}`;
  if (asked.some((a) => a.id === id)) return false;
  const input = el("input", { id, inputmode: "decimal", autocomplete: "off" });
  input.value = value;
  const box = el("div", { class: "field asked", "data-param": param, "data-year": String(year) },
    el("label", { for: id }), input,
    el("span", { class: "hint", id: `${id}-hint` }), el("span", { class: "field-error", id: `${id}-error`, role: "alert" }));
  asked.push({ param, year, id, box });
  asked.sort((a, b) => a.param.localeCompare(b.param) || a.year - b.year);
  $("asked-values").replaceChildren(...asked.map((a) => a.box));
  labelAsked();
  return true;
}
/** The asked fields' words in the page's language. */
function labelAsked() {
  for (const a of asked) {
    a.box.querySelector("label").textContent = t(ASKABLE[a.param].label, a.year);
    $(`${a.id}-hint`).textContent = t("askWhy", rules.place, a.param);
  }
  labelNeeded();
}
/** Another place: its own gaps (the values given for one place are not another's). */
function clearAsked() {
  asked = [];
  needed = [];
  $("asked-values").replaceChildren();
  $("person-asked").replaceChildren();
  const q = new URLSearchParams(location.search);
  const theirs = (k) => ASKED_RE.test(k) || isNeedId(k);
  if ([...q.keys()].some(theirs)) {
    for (const k of [...q.keys()]) if (theirs(k)) q.delete(k);
    writeQuery(q);
  }
}
/** The missing yearly value an engine error names, if it is one the page asks for. */
function missingValue(e) {
  const d = e?.details ?? {};
  return e?.code === "rule_missing_year" && ASKABLE[d.param] && Number(d.year) ? { param: d.param, year: Number(d.year) } : null;
}
/** After a run: the values the engine reported missing (the statutory projection,
 *  the plan, each month of the window), as { param: year }. Only the earliest year of
 *  each is asked: the engine grows later years from it by the stated growth (a
 *  year still missing after that is asked on the next run). */
function askMissing(x) {
  const errors = [x.main?.error, x.plan?.error, ...x.options.map((o) => o.error)];
  const missing = {};
  for (const e of errors) {
    const m = missingValue(e);
    if (m && !(missing[m.param] <= m.year)) missing[m.param] = m.year;
  }
  for (const [param, year] of Object.entries(missing)) addAsked(param, year);
  if (Object.keys(missing).length) {
    for (const a of asked) if ($(a.id).value.trim() === "") $(a.id).setAttribute("aria-invalid", "true");
  }
  // The inputs about the person the engine named (a field for each, once).
  const needs = errors.flatMap(needsOf);
  for (const spec of needs) addNeeded(spec);
  for (const n of lacking(needs)) $(n.id).setAttribute("aria-invalid", "true");
  return missing;
}
/** What an engine error lacks, as asked: the parameter and the year of its field. */
function askedFor(e, missing) {
  const m = missingValue(e);
  return m && { param: m.param, year: missing?.[m.param] ?? m.year };
}
/** The values the person gave, in a sentence stated beside the result ("" if none). */
function givenText(f) {
  const parts = asked.filter((a) => f.given[a.id]).map((a) => t("givenPart", a.param, a.year, grouped(f.given[a.id])));
  if (!parts.length) return "";
  const growth = [...new Set(asked.filter((a) => f.given[a.id]).map((a) => a.param))]
    .map((p) => t("givenGrowth", p, asPercent(p === "award.average_wage" ? f.averageWageGrowth : f.pensionBaseGrowth)));
  return t("givenLine", rules.place, parts, growth);
}

// ---- inputs about the person that a place's rules need, asked of the person ----
// Some rule sets need a figure about the person that most places do not: a
// separate index for the 过渡性养老金 (`award.transitional_index_rule = separate`:
// 江苏, 河南, 山西, 天津, 浙江), 青海's 待遇地区 (`attributes.region_class`), 西藏's
// 在藏工作年限 (`attributes.years_worked_in_xizang`). The engine refuses without
// them (InputError, `details.fields[].path`); the page then adds one field for
// each next to the person's other fields, empty (a select for a fixed set of
// values, with their Chinese names), with the local name and where to find it
// (text.js: needLabel, needHint). The value goes to the engine as that field of
// the projection and of the plan's person. Like the yearly values above they
// belong to the place. 上海's 视同缴费账户额 (notional_account) and 深圳's agency-computed
// transitional pension are asked likewise (figures of the agency's records, which
// the projection passes to the award as they are), and so are 广东's: the 1993
// locality whose 视同缴费指数 applies — a select of the place's own list, read from
// its rules (`engine.choices`, the rule data's titles) — the months paid before
// 1994 and the 1994–1998 index sum; and 北京's months paid 1992-10 … 1998-06 and
// their index (N实98, Z实). Months paid before the projection may lie in those
// windows, which only the records know: the engine asks rather than take 0.
const NEEDABLE = [
  { path: "transitional_index", id: "transitional-index", kind: "index", example: "1.0" },
  { path: "attributes.region_class", id: "region-class", options: ["xining", "other"] },
  { path: "attributes.years_worked_in_xizang", id: "years-in-xizang", kind: "index", example: "12", unit: "年" },
  // Figures from the agency's records that the projection passes to the award as they are.
  { path: "notional_account", id: "notional-account", kind: "money", example: "36000", unit: "元" },
  { path: "transitional_pension", id: "transitional-pension", kind: "money", example: "800", unit: "元" },
  // 广东 (粤府函〔2021〕294号): the locality's values are the rule set's list.
  { path: "deemed_index_locality", id: "deemed-locality", choices: "deemed_index_locality" },
  { path: "pre_window_months", id: "pre-window-months", kind: "count", example: "24", unit: "个月" },
  { path: "window_index_sum", id: "window-index-sum", kind: "index", example: "54" },
  // 北京 (京劳社养发〔2007〕21号): N实98 and Z实, the actual months 1992-10 … 1998-06 and their index.
  { path: "transitional_window_months", id: "window-months", kind: "count", example: "69", unit: "个月" },
  { path: "transitional_window_index", id: "window-index", kind: "index", example: "1.2" },
];
const NEED_IDS = NEEDABLE.map((n) => n.id);
// A local extra whose amount the place's rules do not hold (郑州过渡性补贴: its table
// was not found; the engine's `rule_missing_year` of kind `unknown_amount`, naming
// it and its title) is asked likewise: the amount the agency computed, sent as
// `extra_amounts.<name>` (field id `extra-<name>`, after the others).
const EXTRA_ID = /^extra-([a-z0-9_]+)$/;
/** The asked field of the extra `name` of unknown amount (its title, when the engine gave it). */
const extraSpec = (name, title = "") =>
  ({ path: `extra_amounts.${name}`, id: `extra-${name}`, kind: "money", example: "300", unit: "元", title });
/** Whether a URL key is one of the person's asked fields. */
const isNeedId = (k) => NEED_IDS.includes(k) || EXTRA_ID.test(k);
/** Where the person's asked field `id` goes among them (an extra's last). */
const needRank = (id) => (NEED_IDS.includes(id) ? NEED_IDS.indexOf(id) : NEED_IDS.length);
/** The person's inputs asked for the place in use, in NEEDABLE's order: { path, id, …, box }. */
let needed = [];

/** Add the field for `spec` (if not there yet), with `value` (from a URL) or empty. */
function addNeeded(spec, value = "") {
  if (needed.some((n) => n.id === spec.id)) return false;
  if (spec.choices) {
    // The place's own list (value, title), as its rules hold it on the as-of month.
    let list = [];
    try { list = engine.choices(spec.choices, `${$("asof").value || new Date().toISOString().slice(0, 7)}-01`).choices; } catch { /* none */ }
    spec = { ...spec, options: list.map((c) => c.value), titles: Object.fromEntries(list.map((c) => [c.value, c.title ?? c.value])) };
  }
  const { id } = spec;
  const input = spec.options
    ? el("select", { id }, el("option", { value: "" }), ...spec.options.map((v) => el("option", { value: v })))
    : el("input", { id, inputmode: "decimal", autocomplete: "off" });
  input.value = spec.options && !spec.options.includes(value) ? "" : value;
  const box = el("div", { class: "field asked need", "data-path": spec.path },
    el("label", { for: id }), input,
    el("span", { class: "hint", id: `${id}-hint` }), el("span", { class: "field-error", id: `${id}-error`, role: "alert" }));
  needed.push({ ...spec, box });
  needed.sort((a, b) => needRank(a.id) - needRank(b.id));
  $("person-asked").replaceChildren(...needed.map((n) => n.box));
  labelAsked();
  return true;
}
/** The person's fields' words in the page's language (the local name is the province's). */
function labelNeeded() {
  const prov = (rules.provinceId ?? rules.id ?? "").split("/")[1] ?? "";
  for (const n of needed) {
    n.box.querySelector("label").textContent = EXTRA_ID.test(n.id) ? t("extraLabel", n.title) : t("needLabel", n.id, prov);
    $(`${n.id}-hint`).textContent = EXTRA_ID.test(n.id) ? t("extraHint", n.title, rules.place) : t("needHint", n.id, prov);
    if (n.options) {
      for (const o of n.box.querySelectorAll("option")) {
        o.textContent = !o.value ? t("choose") : n.titles ? t("choiceTitle", n.titles[o.value]) : t("needOption", n.id, o.value);
      }
    }
  }
}
/** The person's inputs an engine error names that the page asks for. */
function needsOf(e) {
  const d = e?.details ?? {};
  if (e?.code === "rule_missing_year" && d.kind === "unknown_amount" && d.name) return [extraSpec(d.name, d.title)];
  const fields = e?.name === "InputError" ? d.fields ?? [] : [];
  return NEEDABLE.filter((spec) => fields.some((x) => fieldPath(x.path) === spec.path));
}
/** The fields of `specs` that are asked and still empty (the engine refused for want of them). */
function lacking(specs) {
  return specs.filter((s) => needed.some((n) => n.id === s.id) && $(s.id).value.trim() === "");
}
/** An engine error that only wants inputs about the person the page asks for and that
 *  are still empty: the names of those fields, else null. */
function wanted(e) {
  const fields = e?.name === "InputError" ? e.details?.fields ?? [] : [];
  const specs = needsOf(e), empty = lacking(specs);
  if (!empty.length || !fields.every((x) => NEEDABLE.some((s) => s.path === fieldPath(x.path)) || fieldId(x.path))) return null;
  const prov = (rules.provinceId ?? rules.id ?? "").split("/")[1] ?? "";
  return empty.map((s) => (EXTRA_ID.test(s.id) ? t("extraName", s.title) : t("needName", s.id, prov)));
}

function setStatus(state) {
  $("status").dataset.state = state;
  $("status").textContent = t(`status_${state}`);
}

// ---- places: the engine's rule-set list (the page only sorts and names them) ----
/** "四川省" from the title "四川省 城镇企业职工基本养老保险". */
const placeOf = (info) => (info.title ?? "").split(/\s/)[0] || info.id;
const byRegion = (a, b) => (a.region ?? "").localeCompare(b.region ?? "");

function places(list) {
  const provs = list
    .filter((r) => r.id.split("/").length === 2 && /^\d\d0000$/.test(r.region ?? ""))
    .sort(byRegion);
  return provs.map((p) => ({
    ...p,
    place: placeOf(p),
    cities: list
      .filter((c) => c.id.startsWith(`${p.id}/`))
      .sort(byRegion)
      .map((c) => ({ ...c, place: placeOf(c), short: placeOf(c).replace(placeOf(p), "") || c.id })),
  }));
}

function fillProvinces() {
  $("province").replaceChildren(...provinces.map((p) => {
    const o = el("option", { value: p.id }, p.error ? `${p.place}${t("cannotLoad")}` : p.place);
    if (p.error) o.disabled = true;
    return o;
  }));
}

function fillCities(prov) {
  const all = el("option", { value: "" }, t("cityAll"));
  $("city").replaceChildren(all, ...prov.cities.map((c) => {
    const o = el("option", { value: c.id }, c.error ? `${c.short}${t("cannotLoad")}` : c.short);
    if (c.error) o.disabled = true;
    return o;
  }));
  $("city").disabled = prov.cities.length === 0;
}

/** The shipped rule sets (`rules/index.json`, written by bindings/wasm/build.sh):
 *  id, title, region, hash and the layers of each, bottom first. */
let rulesIndex = [];
/** Baked layers fetched so far, by id: the national layer is fetched once. */
const layerCache = new Map();

/** One baked layer (`rules/cn-shaanxi.cbor`), fetched once. */
function layer(id) {
  if (!layerCache.has(id)) {
    const url = `rules/${id.replaceAll("/", "-")}.cbor`;
    layerCache.set(id, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.arrayBuffer();
    }).then((b) => new Uint8Array(b)).catch((e) => { layerCache.delete(id); throw e; }));
  }
  return layerCache.get(id);
}

/** The engine on a place's rules: only its layers are fetched (the national one
 *  and the province's, a city's), checked and hashed by the engine; the hash
 *  must be the one the index lists. */
async function engineFor(id) {
  const entry = rulesIndex.find((r) => r.id === id);
  if (!entry) throw new Error(`no rule set ${id} in rules/index.json`);
  const e = Engine.fromBaked(await Promise.all(entry.layers.map(layer)));
  if (e.identity.hash !== entry.hash) {
    throw new Error(`the rules of ${id} have hash ${e.identity.hash}, but rules/index.json lists ${entry.hash}`);
  }
  return e;
}

/** Build the engine on the chosen province or city layer. Retirement and the
 *  projection take no place: the city layer's own rule set is the place. */
async function useRules() {
  const prov = provinces.find((p) => p.id === $("province").value);
  const city = prov?.cities.find((c) => c.id === $("city").value);
  const chosen = city ?? prov ?? { id: DEFAULT_RULESET, place: "陕西省" };
  engine = await engineFor(chosen.id);
  rules = { ...chosen, place: chosen.place, provinceId: prov?.id ?? DEFAULT_RULESET, cityId: city?.id ?? "" };
  // Another place drops the values given for the last (not on start: the URL's are this place's).
  if (askedPlace && askedPlace !== chosen.id) clearAsked();
  askedPlace = chosen.id;
  setParam("place", chosen.id === DEFAULT_RULESET ? "" : chosen.id);
  showPlace();
}
/** Every place the page names the rules in use: the header, the tab title, the rules line. */
function showPlace() {
  const id = engine.identity;
  $("rules").textContent = `${rules.place} · ${id.id} ${id.version} · sha256 ${id.hash.slice(0, 12)}`;
  $("place-title").textContent = t("placeTitle", rules.place);
  document.title = t("pageTitle", rules.place);
  showRulesUsed();
}

// ---- months "YYYY-MM" (input building only; the engine does the law) ----
const toIndex = (ym) => { const [y, m] = ym.split("-").map(Number); return y * 12 + m - 1; };
const fromIndex = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
const monthsFrom = (a, b) => toIndex(b) - toIndex(a);
const yearOf = (ym) => Number(ym.slice(0, 4));

// ---- reading the form: numbers as people write them ----
/** Full-width digits and punctuation (Chinese input methods) as ASCII; spaces out. */
function normalise(raw) {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".").replace(/，/g, ",").replace(/％/g, "%").replace(/[－−]/g, "-")
    .replace(/[\s\u00a0\u2009\u202f\u3000]/g, "");
}

/** A percentage as a decimal, exactly (the point moved two places): "2.5" → "0.025". */
function fromPercent(v) {
  const neg = v.startsWith("-");
  const [i, f = ""] = v.replace("-", "").split(".");
  const int = i.padStart(3, "0");
  const out = `${int.slice(0, -2)}.${int.slice(-2)}${f}`.replace(/^0+(?=\d)/, "").replace(/\.?0+$/, "");
  return (neg ? "-" : "") + (out || "0");
}
/** A decimal as a percentage for reading, exactly: "0.025" → "2.5%". */
function asPercent(v) {
  const neg = v.startsWith("-");
  const [i, f = ""] = v.replace("-", "").split(".");
  const frac = f.padEnd(2, "0");
  const int = `${i}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${rest ? `.${rest}` : ""}%`;
}

/**
 * A decimal as a person may type it, as the engine's decimal string, or the
 * reason it is refused (a text key and its arguments). `kind`: "money" (thousands
 * separators allowed: 60,000, 60，000), "index" (above nothing but zero), "rate"
 * (may be negative or a percentage: 3% = 0.03). Full-width digits are read as
 * digits. A comma that is not a thousands separator (0,8) is ambiguous: refused
 * with the number written with a point.
 */
function parseDecimal(raw, kind, example) {
  const shown = raw.trim();
  let s = normalise(raw);
  if (s === "") return { empty: true };
  let pct = false;
  if (kind === "rate" && s.endsWith("%")) { pct = true; s = s.slice(0, -1); }
  const neg = s.startsWith("-");
  if (neg) s = s.slice(1);
  if (s.includes(",")) {
    if (kind === "money" && /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
    else if (/^\d+,\d+$/.test(s)) return { error: ["decimalComma", shown, s.replace(",", ".")] };
    else return { error: ["badNumber", shown, example] };
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) return { error: ["badNumber", shown, example] };
  s = s.replace(/^\./, "0.").replace(/\.$/, "");
  if (neg && kind !== "rate") return { error: ["negative"] };
  let value = (neg ? "-" : "") + s;
  if (pct) value = fromPercent(value);
  if (kind === "rate" && !pct && Math.abs(Number(value)) >= 1) return { error: ["rateTooBig", s, fromPercent(s)] };
  return { value };
}

/**
 * Years as months: 25, 25.5 (= 306 months), "25年6个月", "25年", "306个月". The
 * engine counts whole months, so a decimal that is not a whole number of months
 * (25.1) is refused with how to write it.
 */
function parseYears(raw) {
  const shown = raw.trim();
  const s = normalise(raw);
  if (s === "") return { months: 0 };
  let m, months;
  if ((m = /^(\d+)年(?:(\d+)个?月)?$/.exec(s))) months = Number(m[1]) * 12 + Number(m[2] ?? 0);
  else if ((m = /^(\d+)个?月$/.exec(s))) months = Number(m[1]);
  else {
    const d = parseDecimal(s.replace(/年$/, ""), "index", "25.5");
    if (d.error) return { error: d.error[0] === "badNumber" ? ["badNumber", shown, "25.5"] : d.error };
    const [i, f = ""] = d.value.split(".");
    const twelfths = BigInt(i + f) * 12n, scale = 10n ** BigInt(f.length);
    if (twelfths % scale !== 0n) return { error: ["notWholeMonths", shown] };
    months = Number(twelfths / scale);
  }
  if (months > 720) return { error: ["tooManyYears"] };
  return { months, plain: /^\d+年?$/.test(s) };
}

/** The form's number fields: the kind of number and an example for the messages. */
const NUMBER_FIELDS = {
  index: ["index", "0.8"], balance: ["money", "60000"], "future-index": ["index", "1.0"],
  "average-wage-growth": ["rate", "0.04"], "pension-base-growth": ["rate", "0.03"],
  "interest-rate": ["rate", "0.03"], "wage-growth": ["rate", "0.05"], "price-growth": ["rate", "0.025"],
  "paid-to-date": ["money", "38000"], "pension-growth": ["rate", "0.02"],
};

/**
 * The bases to compare, as people write them: percentages of the average wage
 * separated by commas (or 、 or spaces), a % sign allowed: "60, 100, 300" →
 * the engine's indexes ["0.6", "1", "3"] (the point moved exactly), in the order
 * given, repeats dropped; at most 8.
 */
function parseBases(raw) {
  const parts = raw.split(/[\s,，、;；]+/).filter(Boolean);
  if (!parts.length) return { error: ["required"] };
  const out = [];
  for (const part of parts) {
    const d = parseDecimal(part.replace(/[%％]$/, ""), "index", "100");
    if (d.error || !(Number(d.value) > 0)) return { error: ["badBases", part] };
    const index = fromPercent(d.value);
    if (!out.some((x) => Number(x) === Number(index))) out.push(index);
  }
  if (out.length > 8) return { error: ["tooManyBases"] };
  return { value: out };
}

/** The form as the engine's inputs, or the problems by field id (each a text key and arguments). */
function read() {
  const problems = {};
  const v = (id) => $(id).value.trim();
  const num = (id, fallback) => {
    const [kind, example] = NUMBER_FIELDS[id];
    const d = parseDecimal($(id).value, kind, example);
    if (d.error) problems[id] = d.error;
    return d.value ?? fallback;
  };
  const yearsField = (id) => {
    const y = parseYears($(id).value);
    if (y.error) { problems[id] = y.error; return 0; }
    $(`${id}-hint`).textContent = y.plain ? "" : t("yearsMonths", Math.floor(y.months / 12), y.months % 12);
    return y.months;
  };
  if (!v("birth")) problems.birth = ["required"];
  const asOfYear = Number(v("asof").slice(0, 4)) || new Date().getFullYear();
  const f = {
    birth: v("birth"),
    category: v("category"),
    paidMonths: yearsField("years"),
    deemedMonths: yearsField("deemed"),
    index: num("index", "1"),
    balance: num("balance", "0"),
    futureIndex: num("future-index", "1"),
    wageGrowth: num("wage-growth", ""),
    averageWageGrowth: num("average-wage-growth", "0"),
    pensionBaseGrowth: num("pension-base-growth", "0"),
    interestRate: num("interest-rate", "0"),
    priceGrowth: num("price-growth", "0"),
    asOfYear,
    // the planner's choices
    payer: v("payer") || "employee",
    bases: (() => {
      const b = parseBases($("bases").value);
      if (b.error) problems.bases = b.error;
      return b.value ?? [];
    })(),
    paidToDate: num("paid-to-date", ""),
    pensionGrowth: num("pension-growth", ""),
    // the yearly values asked of the person (monthly yuan), by field id and by year
    given: {}, averageWages: {}, pensionBases: {},
    // the inputs about the person this place needs, by engine path ("transitional_index": "1.2")
    needs: {},
  };
  for (const n of needed) {
    if (n.options) {
      if (n.options.includes($(n.id).value)) f.needs[n.path] = $(n.id).value;
      continue;
    }
    const raw = $(n.id).value.trim();
    const d = parseDecimal(n.unit && raw.endsWith(n.unit) ? raw.slice(0, -n.unit.length) : raw, n.kind, n.example);
    if (d.error) problems[n.id] = d.error;
    // a count of months is a whole number, sent as one
    else if (d.value !== undefined && n.kind === "count" && !/^\d+$/.test(d.value)) problems[n.id] = ["badNumber", raw, n.example];
    else if (d.value !== undefined) f.needs[n.path] = n.kind === "count" ? Number(d.value) : d.value;
  }
  for (const a of asked) {
    const d = parseDecimal($(a.id).value, "money", "11000");
    if (d.error) problems[a.id] = d.error;
    else if (d.value !== undefined && !(Number(d.value) > 0)) problems[a.id] = ["mustBePositive"];
    else if (d.value !== undefined) {
      f.given[a.id] = d.value;
      (a.param === "award.average_wage" ? f.averageWages : f.pensionBases)[a.year] = d.value;
    }
  }
  return { f, problems };
}

/** Each problem in a sentence next to its field (and nowhere else); the first field focused. */
function showFieldErrors(problems, titles = {}) {
  for (const e of document.querySelectorAll(".field-error")) { e.textContent = ""; e.removeAttribute("title"); }
  for (const i of document.querySelectorAll("#form [aria-invalid]")) i.removeAttribute("aria-invalid");
  const ids = Object.keys(problems);
  for (const id of ids) {
    const [key, ...args] = problems[id];
    $(`${id}-error`).textContent = t(key, ...args);
    if (titles[id]) $(`${id}-error`).title = titles[id];
    $(id).setAttribute("aria-invalid", "true");
  }
  return ids.length > 0;
}

/** The engine's field paths that are fields of this form. */
const FIELD_OF = {
  birth: "birth", category: "category", contribution_months: "years", deemed_months: "deemed",
  average_index: "index", account_balance: "balance", from: "asof", index: "future-index",
  "assumptions.average_wage_growth": "average-wage-growth", "assumptions.pension_base_growth": "pension-base-growth",
  "assumptions.interest_rate": "interest-rate", "assumptions.wage_growth": "wage-growth",
  // the plan's own fields (its person's are the projection's, under `person.`)
  bases: "bases", payer: "payer", paid_to_date: "paid-to-date", pension_growth: "pension-growth",
};
/** An engine field path as FIELD_OF names it: `person.birth` → birth, `bases[2]` → bases. */
const fieldPath = (path) => path.replace(/^person\./, "").replace(/\[\d+\]$/, "");
/** The form field of an engine field path, asked values included (`assumptions.average_wages.2026` → average-wage-2026). */
function fieldId(path) {
  const m = /^assumptions\.(average_wages|pension_bases)\.(\d+)$/.exec(fieldPath(path));
  if (m) {
    const id = `${m[1] === "average_wages" ? "average-wage" : "pension-base"}-${m[2]}`;
    return asked.some((a) => a.id === id) ? id : undefined;
  }
  const need = needed.find((n) => n.path === fieldPath(path));
  if (need) return need.id;
  return FIELD_OF[fieldPath(path)];
}
/** An engine field message, said plainly (the original stays in the title). */
function fieldText(message, id) {
  if (/expected a decimal/.test(message)) return ["badNumber", message.match(/got "(.*)"$/)?.[1] ?? "", "1.0"];
  if (/must be above 0/.test(message)) return ["mustBePositive"];
  if (/must not be negative|cannot be negative/.test(message)) return ["negative"];
  if (/not valid: expected YYYY-MM/.test(message)) return ["badMonth"];
  if (/is after the retirement month/.test(message)) return ["asofAfterRetirement"];
  const range = /allows a contribution index from ([\d.]+) to ([\d.]+)/.exec(message);
  if (range && id === "transitional-index") return ["needOutOfRange", range[1], range[2]];
  if (range) return ["indexOutOfRange", asPercent(range[1]), asPercent(range[2])];
  return ["engineRefused"];
}
/** An engine InputError whose every field is on the form: shown next to those fields. */
function engineFieldErrors(e) {
  const fields = e?.name === "InputError" ? e.details?.fields ?? [] : [];
  if (!fields.length || !fields.every((x) => fieldId(x.path))) return false;
  const problems = {}, titles = {};
  for (const x of fields) {
    const id = fieldId(x.path);
    problems[id] ??= fieldText(x.message, id);
    titles[id] = x.message;
  }
  return showFieldErrors(problems, titles);
}

// ---- engine inputs and runs ----
/** The engine's projection input for the form: the past as the statement shows it
 *  (balance at the end of last year), then contributions from January of the as-of
 *  year at the chosen index until the month before retirement, under the stated
 *  assumptions. The engine does every computation; this only names the fields. */
function projectionInput(f) {
  const assumptions = {
    average_wage_growth: f.averageWageGrowth,
    pension_base_growth: f.pensionBaseGrowth,
    interest_rate: f.interestRate,
    ...(f.wageGrowth ? { wage_growth: f.wageGrowth } : {}),
    // values the rule set lacks, given by the person for the years the engine named
    ...(Object.keys(f.averageWages).length ? { average_wages: f.averageWages } : {}),
    ...(Object.keys(f.pensionBases).length ? { pension_bases: f.pensionBases } : {}),
  };
  // inputs about the person only this place's rules need, as the engine's fields
  const attributes = {}, extraAmounts = {};
  for (const [path, v] of Object.entries(f.needs)) {
    if (path.startsWith("attributes.")) attributes[path.slice(11)] = v;
    if (path.startsWith("extra_amounts.")) extraAmounts[path.slice(14)] = v;
  }
  return {
    category: f.category, birth: f.birth, from: `${f.asOfYear}-01`,
    contribution_months: f.paidMonths,
    ...(f.paidMonths > 0 ? { average_index: f.index } : {}),
    // the person's own figures the place needs (not attributes), as top-level fields
    ...Object.fromEntries(Object.entries(f.needs).filter(([path]) => !/^(attributes|extra_amounts)\./.test(path))),
    deemed_months: f.deemedMonths, account_balance: f.balance,
    ...(Object.keys(attributes).length ? { attributes } : {}),
    ...(Object.keys(extraAmounts).length ? { extra_amounts: extraAmounts } : {}),
    index: f.futureIndex, assumptions,
  };
}

function estimate(f) {
  const start = `${f.asOfYear}-01`;
  const paidAt = (R) => f.paidMonths + Math.max(0, monthsFrom(start, R));
  const plain = engine.retirement({ birth: f.birth, category: f.category });
  const retirementInput = {
    birth: f.birth, category: f.category,
    contribution_months: paidAt(plain.statutory_month) + f.deemedMonths,
  };
  const ret = engine.retirement(retirementInput);

  // Candidate months: the elastic window year by year, with the statutory month.
  const months = new Set([ret.statutory_month]);
  if (ret.elastic) {
    for (let i = toIndex(ret.elastic.earliest_month); i <= toIndex(ret.elastic.latest_month); i += 12) months.add(fromIndex(i));
    months.add(ret.elastic.latest_month);
  }
  const candidates = [...months].filter((R) => R >= start).sort();

  const person = projectionInput(f);
  // The statutory projection with its explanation; the window's months without (faster).
  const run = (input, trace = false) => {
    try {
      return { input, p: trace ? engine.projection(input) : engine.compute("projection", input, false) };
    } catch (e) {
      return { input, error: e };
    }
  };
  // The statutory month: the engine's default when no month is given.
  const main = ret.statutory_month >= start ? { R: ret.statutory_month, ...run(person, true) } : null;
  // An input the engine refuses is refused for every month: no need to ask again.
  const options = main?.error?.name === "InputError" ? [] : candidates.map((R) => ({ R, ...run({ ...person, retirement_month: R }) }));

  // The planner: one engine.plan over every month of the window × the chosen bases.
  let plan = null;
  if (main) {
    const input = planInput(f, ret, start);
    try {
      plan = { input, result: engine.compute("plan", input, false) };
    } catch (e) {
      plan = { input, error: e };
    }
  }
  return { retirementInput, ret, person, main, options, plan };
}

/** The engine's plan input for the form: the person and assumptions of the
 *  projection, the bases, who pays, and the optional paid-to-date and pension
 *  growth. The months are the engine's default (every month of the elastic
 *  window); only when the window opens before the as-of year are its months
 *  from January of that year named instead (earlier months are past). */
function planInput(f, ret, start) {
  const { assumptions, ...person } = projectionInput(f);
  const input = { person, assumptions, bases: f.bases, payer: f.payer };
  if (f.paidToDate) input.paid_to_date = f.paidToDate;
  if (f.pensionGrowth) input.pension_growth = f.pensionGrowth;
  if (ret.elastic && ret.elastic.earliest_month < start) {
    input.retirement_months = [];
    for (let i = toIndex(start); i <= toIndex(ret.elastic.latest_month); i++) input.retirement_months.push(fromIndex(i));
  }
  return input;
}

// ---- today's money: a display conversion, exact ----
/** A decimal string as a fraction of BigInts. */
function fraction(s) {
  const neg = s.startsWith("-");
  const [i, f = ""] = s.replace("-", "").split(".");
  const n = BigInt(i + f) * (neg ? -1n : 1n);
  return [n, 10n ** BigInt(f.length)];
}
/** Whole yuan with thousands separators: "60000" → "60,000" (the digits kept). */
const grouped = (s) => {
  const [i, f] = s.split(".");
  return i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f !== undefined ? `.${f}` : "");
};
/**
 * `amount` (yuan, a decimal string) of `years` years from now in today's money:
 * amount ÷ (1 + growth)^years, rounded half up to the yuan, computed exactly with
 * BigInt fractions. Only for display: the engine's figures are the nominal ones.
 */
function inTodaysMoney(amount, growth, years) {
  const [an, ad] = fraction(amount);
  const [gn, gd] = fraction(growth);
  const k = BigInt(years);
  const num = an * gd ** k, den = ad * (gd + gn) ** k;
  if (den <= 0n || num < 0n) return null;
  return grouped(String((2n * num + den) / (2n * den)));
}
/** Today's money for a pension starting in `month`, or null when it is this year's money. */
function today(f, amount, month) {
  const years = yearOf(month) - f.asOfYear;
  if (years <= 0 || Number(f.priceGrowth) === 0) return null;
  const v = inTodaysMoney(amount, f.priceGrowth, years);
  return v && { amount: v, years, rate: asPercent(f.priceGrowth) };
}

// ---- rendering ----
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
};
const facts = (dl, pairs) => {
  dl.replaceChildren(...pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))]));
};
/** "2033-06" → 2033年6月 / June 2033. */
const monthText = (ym) => (ym ? t("month", Number(ym.slice(0, 4)), Number(ym.slice(5, 7))) : "–");
/** The engine's ages ("60y11m") → 60岁11个月 / 60 years 11 months. */
const ageText = (age) => {
  const m = /^(\d+)y(?:(\d+)m)?$/.exec(age ?? "");
  return m ? t("age", Number(m[1]), Number(m[2] ?? 0)) : (age ?? "–");
};
const origin = (fig) => t("origin")[fig.source] ?? ` ${fig.source}`;

function render(f, x) {
  const { ret, main, options } = x;
  // An input about the person this place needs, still empty: its field is next to the person's (askMissing).
  const want = main?.error && wanted(main.error);
  const fieldErrors = main?.error && !want && engineFieldErrors(main.error);
  showRulesUsed(main?.error && !fieldErrors ? "pensionFailed" : "");
  $("retirement-month").textContent = monthText(ret.statutory_month);
  $("statutory-age").textContent = ageText(ret.statutory_age);
  $("earliest-month").textContent = ret.elastic ? monthText(ret.elastic.earliest_month) : "–";
  $("latest-month").textContent = ret.elastic ? monthText(ret.elastic.latest_month) : "–";
  const e = ret.eligibility;
  facts($("retirement-facts"), [
    [t("originalAge"), ageText(ret.original_age)],
    [t("delayMonths"), ret.delay_months],
    [t("divisorStatutory"), ret.divisor ?? "–"],
    [t("monthsAtRetirement"), e ? e.contribution_months : "–"],
    [t("minimumMonths"), e ? e.required_months : "–"],
    [t("eligible"), e ? (e.eligible ? t("yes") : t("shortBy", e.short_by_months)) : "–"],
  ]);

  if (!main) {
    $("error").textContent = t("nothingToEstimate");
  } else if (want) {
    $("error").textContent = t("needError", rules.place, want, main.error.code);
    $("error").title = main.error.message ?? "";
  } else if (fieldErrors) {
    $("error").textContent = t("fixFields");
  } else if (main.error?.code === "not_applicable" && e && !e.eligible) {
    // Too few months for a monthly pension: said plainly, with what can be done.
    $("error").textContent = t("notEligible", e.contribution_months, e.required_months, e.short_by_months);
    $("error").title = main.error.message ?? "";
  } else if (missingValue(main.error)) {
    // A value the rule set lacks: its field is next to the assumptions (askMissing).
    const m = askedFor(main.error, x.missing);
    $("error").textContent = t("askError", rules.place, m.param, m.year, main.error.code);
    $("error").title = main.error.message ?? "";
  } else if (main.error) {
    $("error").textContent = describe(main.error, true);
    $("error").title = main.error.message ?? "";
  } else {
    const p = main.p, a = p.award;
    $("basic-pension").textContent = a.basic_pension;
    $("account-pension").textContent = a.account_pension;
    $("transitional-pension").textContent = a.transitional_pension;
    $("total-pension").textContent = a.total;
    const now = today(f, a.total, p.retirement_month);
    $("total-today").textContent = now ? t("today", now.amount, now.rate, now.years) : "";
    summary(f, ret, p, now);
    facts($("pension-facts"), [
      [t("pensionBase"), `${p.pension_base.value}${origin(p.pension_base)}`],
      // A place whose flat half has a base of its own (郑州: the province's 计发基数).
      ...(p.flat_part_base ? [[t("flatPartBase"), `${p.flat_part_base.value}${origin(p.flat_part_base)}`]] : []),
      [t("averageIndex"), a.average_index],
      [t("yearsN"), a.years.length > 8 ? `${a.years.slice(0, 7)}…` : a.years],
      [t("balanceAtRetirement"), p.account_balance],
      [t("divisor"), a.divisor],
      [t("ageAtRetirement"), ageText(a.age)],
    ]);
    renderPath(p);
  }
  renderPlanner(f, x);
  renderOptions(f, options, main);
  $("chart").replaceChildren(chart(main?.p, options, ret, f));
  renderExplanation(ret, main);
  $("engine-inputs").textContent = JSON.stringify(
    { ruleset: rules.id, region: rules.region, retirement: x.retirementInput, projection: x.person, plan: x.plan?.input }, null, 2);
  const id = engine.identity;
  $("assumptions").textContent = t("assumptionsLine", {
    rules: `${id.id} ${id.version} (sha256 ${id.hash.slice(0, 12)})`,
    awg: asPercent(f.averageWageGrowth), pbg: asPercent(f.pensionBaseGrowth), rate: asPercent(f.interestRate),
    index: f.futureIndex, from: monthText(`${f.asOfYear}-01`), wage: f.wageGrowth ? asPercent(f.wageGrowth) : "",
    price: asPercent(f.priceGrowth),
  }) + (main?.p ? ` ${assumedYears(main.p)}` : "") + (givenText(f) ? ` ${givenText(f)}` : "");
}

/** One plain sentence on what the result means (and whether it is payable at all). */
function summary(f, ret, p, now) {
  const a = p.award;
  const parts = [["basic", a.basic_pension], ["account", a.account_pension], ["transitional", a.transitional_pension]]
    .filter(([, v]) => Number(v) !== 0)
    .map(([k, v]) => t("part", t(k), grouped(v)));
  const text = [t("summary", {
    month: monthText(p.retirement_month), age: ageText(a.age), total: grouped(a.total), parts,
    today: now,
  })];
  const e = ret.eligibility;
  if (e && !e.eligible) text.push(t("notEligible", e.contribution_months, e.required_months, e.short_by_months));
  $("summary").textContent = text.join(" ");
}

/** Which years rest on assumptions, as the engine marks them. */
function assumedYears(p) {
  const list = (key) => p.years.filter((y) => y.months > 0 && y[key].source !== "rules" && y[key].source !== "provisional")
    .map((y) => (key === "average_wage" ? y.average_wage_year : y.year));
  const w = list("average_wage"), r = list("interest_rate");
  const span = (ys) => (ys.length ? t("span", ys[0], ys[ys.length - 1]) : t("none"));
  return t("assumedYears", span(w), span(r), `${p.pension_base.value}${origin(p.pension_base) || " ✓"}`);
}

/** The banner over the results: which place's rules were used. */
function showRulesUsed(note = "") {
  const id = engine.identity;
  const notes = { zh: { pensionFailed: "（养老金未能测算，见下）", failed: "（未能测算，见下）" },
    en: { pensionFailed: " (pension not computed, see below)", failed: " (not computed, see below)" } };
  $("rules-used").replaceChildren(`${t("rulesUsed", rules.place)}${note ? notes[lang][note] : ""}`,
    el("span", { class: "src" }, `　${t("rulesSet")} ${id.id} ${id.version}`));
}

const PARAM_ZH = {
  "award.average_wage": "全口径城镇单位就业人员平均工资（社平工资）",
  "award.pension_base": "养老金计发基数",
  "award.flat_part_base": "基础养老金平均部分基数（全省计发基数）",
  "account.interest_rate": "个人账户记账利率",
};
/** Inputs the form gives; an input error on any other field is something the
 *  chosen rule set needs that this page does not ask for. */
const FORM_FIELDS = /^(person\.)?(birth|category|from|contribution_months|average_index|deemed_months|account_balance|index|indexes|assumptions|retirement_month|retirement_months|bases|payer|paid_to_date|pension_growth|input)\b/;

/** Inputs only the local agency's records hold, which the projection input has no field for
 *  (so the page cannot estimate there), by engine path: their local names. */
const AGENCY_FIGURES = {
  pre_window_months: ["1993年底前实际缴费月数", "actual contribution months up to 1993-12"],
  deemed_index_locality: ["视同缴费指数所属地区（1993年工作地，粤府函〔2021〕294号附表）", "the place whose 视同缴费指数 applies (place of work in 1993)"],
  window_index_sum: ["1994年1月至1998年6月月缴费指数之和", "the sum of the monthly indices 1994-01 to 1998-06"],
  notional_account: ["视同缴费账户额（虚账实记总额）", "the notional account, 虚账实记 / 视同缴费账户额"],
  transitional_pension: ["经办机构核定的过渡性养老金", "the transitional pension the agency computed"],
  old_transitional_pension: ["经办机构按老办法核定的过渡性养老金", "the transitional pension by the old method, as the agency computed it"],
};
/** The local names of the agency's figures an error names (null if it names none). */
function agencyFigures(fields) {
  const known = fields.map((x) => AGENCY_FIGURES[fieldPath(x.path)]).filter(Boolean);
  return known.length ? { zh: known.map((k) => k[0]), en: known.map((k) => k[1]) } : null;
}

/** An engine error as the page shows it (one sentence, once). A gap of the chosen
 *  rule set (a year it lacks, an input only it needs) is said plainly, naming the
 *  place, with the engine's code; an input error on the form's fields is shown
 *  next to those fields instead (engineFieldErrors). */
function describe(e, pension = false) {
  const d = e.details ?? {};
  const extra = (d.fields ?? []).filter((x) => !FORM_FIELDS.test(x.path));
  if (lang === "en") {
    const what = pension ? "the pension" : "this";
    if (e.code === "rule_missing_year" && d.param && d.year) {
      return `Cannot compute ${what} with the rules of ${rules.place}: the rule set (${d.ruleset ?? rules.id}) has no ` +
        `${d.param} for ${d.year} yet. Choose another province or city, or try again once that year is published. (${e.code})`;
    }
    const records = agencyFigures(extra);
    if (records) {
      return `Cannot compute ${what} with the rules of ${rules.place}: its transitional pension needs figures from the local ` +
        `social insurance agency's records (${records.en.join("; ")}), which this page does not ask for. ` +
        `Ask the local agency for them. (${e.code})`;
    }
    if (extra.length) {
      return `Cannot compute ${what} with the rules of ${rules.place}: the rule set also needs inputs this page does not ask for ` +
        `(${extra.map((x) => x.path).join(", ")}). (${e.code}: ${extra.map((x) => x.message).join("; ")})`;
    }
    return `${e.message ?? String(e)}${e.remedy?.en ? ` — ${e.remedy.en}` : ""}${e.code ? ` (${e.code})` : ""}`;
  }
  const what = pension ? "养老金" : "";
  if (e.code === "rule_missing_year" && d.kind === "unknown_amount" && d.param) {
    // A local extra the rules know applies, whose amount or table has no source yet: never guessed.
    return `按${rules.place}规则无法测算${what}：当地规定对这种情况另有一项待遇（${d.param}），按您的退休时间适用，` +
      `但它的金额或计算表还没有找到出处，本计算器不作猜测，所以算不出。（${e.code}）`;
  }
  if (e.code === "rule_missing_year" && d.param && d.year) {
    return `按${rules.place}规则无法测算${what}：该规则集（${d.ruleset ?? rules.id}）尚未收录 ${d.year} 年的` +
      `${PARAM_ZH[d.param] ?? d.param}（${d.param}）。请选择其他省份或城市，或等该年数据收录后再试。` +
      `（${e.messageZh ?? ""}，${e.code}）`;
  }
  if (e.name === "RulesError" || e.name === "LoadError") {
    return `按${rules.place}规则无法测算${what}：${e.messageZh ?? e.name}（${e.code}）。${e.remedy?.zh ? `${e.remedy.zh}。` : ""}`;
  }
  const records = agencyFigures(extra);
  if (records) {
    return `按${rules.place}规则无法测算${what}：这里的过渡性养老金要用当地社保经办机构记录里的数字（${records.zh.join("、")}），` +
      `本页不填写这些数字，所以算不出。可向当地社保经办机构查询。（${e.code}）`;
  }
  if (extra.length) {
    const named = extra.map((x) => x.path.replace(/^person\./, ""))
      .map((x) => (x.startsWith("attributes.") ? `人员条件 ${x.slice(11)}` : x));
    return `按${rules.place}规则无法测算${what}：该规则集还需要本页没有的输入项（${named.join("、")}），本页暂不能填写。` +
      `（${e.messageZh ?? ""}，${e.code}：` + extra.map((x) => x.message).join("；") + "）";
  }
  if (e.messageZh) return `${e.messageZh}（${e.code}）。${e.remedy?.zh ? `${e.remedy.zh}。` : ""}`;
  return `出错了：${e.message ?? String(e)}`;
}

// ---- planner (退休与缴费规划): engine.plan over the window's months × the bases ----
// Every figure is the engine's (its decimal strings), except two display
// conversions said so on the page: today's money (as above), and the
// difference of two of the engine's monthly pensions in the plain sentence.
const PALETTE = ["#1f6feb", "#c2410c", "#15803d", "#7c3aed", "#0e7490", "#be185d", "#b45309", "#4b5563"];
/** The last planner shown, to redraw it when another month is chosen (no new engine run). */
let lastPlanner = null;
const PLANNER_TEXT = ["planner-summary", "planner-error", "planner-today", "planner-given"];
const PLANNER_NODES = ["planner-pension-chart", "planner-break-even-chart", "planner-table", "planner-statements", "planner-at"];
function clearPlanner() {
  for (const id of PLANNER_TEXT) $(id).textContent = "";
  for (const id of PLANNER_NODES) $(id).replaceChildren();
  $("planner-error").removeAttribute("title");
}

/** a − b of two decimal strings, exactly. */
function minus(a, b) {
  const [an, ad] = fraction(a), [bn, bd] = fraction(b);
  const d = ad > bd ? ad : bd, scale = String(d).length - 1;
  const n = an * (d / ad) - bn * (d / bd);
  const digits = String(n < 0n ? -n : n).padStart(scale + 1, "0");
  return (n < 0n ? "-" : "") + (scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits);
}
/** "64y6m" → months (for drawing only). */
const ageMonths = (age) => {
  const m = /^(\d+)y(?:(\d+)m)?$/.exec(age ?? "");
  return m ? Number(m[1]) * 12 + Number(m[2] ?? 0) : null;
};
/** A base index as people say it: "0.6" → 60%. */
const baseText = (index) => asPercent(index);
/** The Chinese or the English half of an engine statement ("中文 (English)"). */
function statementText(s) {
  const m = /^(.*?)\s?\(([A-Za-z_].*)\)$/s.exec(s);
  return m ? (lang === "zh" ? m[1].trim() : m[2]) : s;
}
/** Months shown in the table and offered for the break-even chart: the earliest,
 *  the statutory and the latest month, and each whole year from the statutory month. */
function keyMonths(months, S) {
  const first = months[0], last = months[months.length - 1];
  const keys = new Set([first, last]);
  if (months.includes(S)) {
    for (let i = toIndex(S); i >= toIndex(first); i -= 12) keys.add(fromIndex(i));
    for (let i = toIndex(S) + 12; i <= toIndex(last); i += 12) keys.add(fromIndex(i));
  }
  return [...keys].sort();
}
/** The month's label in the select and the table: 最早, 法定, 最晚. */
function monthLabel(m, months, S) {
  const tag = m === S ? t("atStatutory") : m === months[0] ? t("atEarliest") : m === months[months.length - 1] ? t("atLatest") : "";
  return t("atOption", monthText(m), tag);
}
/** The cost of the months still needed at the scenario's own base (the engine's make_up). */
const makeUpCost = (sc) => (sc.make_up ?? []).find((u) => u.index === sc.index)?.total;
const shortText = (sc) => {
  const cost = makeUpCost(sc);
  return cost ? t("shortMakeUp", sc.short_by_months, grouped(cost)) : t("shortOnly", sc.short_by_months);
};

function renderPlanner(f, x) {
  lastPlanner = { f, x };
  clearPlanner();
  const pl = x.plan;
  if (!pl) {
    $("planner-error").textContent = t("plannerNone");
    return;
  }
  if (pl.error) {
    const m = askedFor(pl.error, x.missing), want = wanted(pl.error);
    $("planner-error").textContent = m ? t("askPlanner", rules.place, m.param, m.year, pl.error.code)
      : want ? t("needPlanner", rules.place, want, pl.error.code)
      : engineFieldErrors(pl.error) ? t("fixFields") : describe(pl.error);
    $("planner-error").title = pl.error.message ?? "";
    return;
  }
  const plan = pl.result;
  const byKey = new Map(plan.scenarios.map((sc) => [`${sc.retirement_month}|${sc.index}`, sc]));
  const get = (m, b) => byKey.get(`${m}|${b}`);
  const bases = [...new Set(plan.scenarios.map((sc) => sc.index))];
  const months = [...new Set(plan.scenarios.map((sc) => sc.retirement_month))].sort();
  if (!months.length) {
    $("planner-error").textContent = t("plannerNone");
    return;
  }
  const S = months.includes(plan.statutory_month) ? plan.statutory_month : months[0];
  const keys = keyMonths(months, S);
  const at = keys.includes(plannerAt) ? plannerAt : S;
  $("planner-at").replaceChildren(...keys.map((m) => {
    const o = el("option", { value: m }, monthLabel(m, months, S));
    if (m === at) o.selected = true;
    return o;
  }));
  $("planner-summary").textContent = plannerSentence(f, get, bases, months, S, at);
  // In today's money: the page's display conversion of each of the engine's figures.
  const value = plannerReal && Number(f.priceGrowth)
    ? (sc) => Number((today(f, sc.total, sc.retirement_month)?.amount ?? sc.total).replace(/,/g, ""))
    : (sc) => Number(sc.total);
  $("planner-pension-chart").replaceChildren(pensionChart(get, bases, months, S, value, plannerReal && Number(f.priceGrowth)));
  $("planner-break-even-chart").replaceChildren(breakEvenChart(get, bases, at));
  renderPlannerTable(f, get, bases, keys, months, S);
  $("planner-today").textContent = Number(f.priceGrowth) ? t("plannerToday", asPercent(f.priceGrowth), f.asOfYear) : "";
  $("planner-statements").replaceChildren(...plan.assumptions.statements.map((st) => el("li", {}, statementText(st))));
  // The values the person gave for years the rule set lacks: their assumption, said beside the engine's.
  $("planner-given").textContent = givenText(f);
}

/** Another month for the break-even chart, or the pension chart in today's money:
 *  redrawn from the plan shown, and kept in the URL. */
function chooseMonth() {
  plannerAt = $("planner-at").value;
  plannerReal = $("planner-real").checked;
  if (!lastPlanner) return;
  renderPlanner(lastPlanner.f, lastPlanner.x);
  writeScenario(lastPlanner.f);
}

/** One plain sentence: what a year later brings at 100 % (or the first base), and
 *  when the lowest base breaks even at the month compared. */
function plannerSentence(f, get, bases, months, S, at) {
  const parts = [];
  const ref = bases.find((b) => Number(b) === 1) ?? bases[0];
  const yearLater = fromIndex(toIndex(S) + 12);
  const later = months.includes(yearLater) ? yearLater : months[months.length - 1];
  const a = get(S, ref), b = get(later, ref);
  if (a && !a.eligible) {
    // Short at the statutory month: by how much, at what cost, and the first month that is not.
    parts.push(t("plannerStatShort", { at: monthText(S), base: baseText(ref), short: a.short_by_months,
      cost: grouped(makeUpCost(a) ?? "0") }));
    const first = months.map((m) => get(m, ref)).find((sc) => sc?.eligible);
    if (first) parts.push(t("plannerFirstEligible", { month: monthText(first.retirement_month), base: baseText(ref), total: grouped(first.total) }));
  } else if (later > S && a && b) {
    const n = monthsFrom(S, later);
    if (b.eligible) {
      const more = minus(b.total, a.total);
      parts.push(t("plannerLater", { later: monthText(later), months: n, base: baseText(ref), more: grouped(more),
        today: today(f, more, later)?.amount }));
    } else {
      parts.push(t("plannerLaterShort", { later: monthText(later), months: n, base: baseText(ref), short: b.short_by_months }));
    }
  }
  const low = bases.reduce((m, b) => (Number(b) < Number(m) ? b : m), bases[0]);
  // Not payable at the month compared: the break-even of the first month that is.
  const c = get(at, low)?.eligible ? get(at, low)
    : months.filter((m) => m > at).map((m) => get(m, low)).find((sc) => sc?.eligible) ?? get(at, low);
  const args = { base: baseText(low), at: monthText(c?.retirement_month ?? at) };
  if (c && !c.eligible) parts.push(t("plannerNotEligibleAt", { ...args, short: c.short_by_months }));
  else if (c?.break_even_age) parts.push(t("plannerBreakEven", { ...args, age: ageText(c.break_even_age) }));
  else if (c) parts.push(t("plannerNoBreakEven", args));
  const text = parts.join(lang === "zh" ? "；" : "; ");
  return text.charAt(0).toUpperCase() + text.slice(1) + t("plannerSentenceEnd");
}

function renderPlannerTable(f, get, bases, keys, months, S) {
  const head = el("tr", {}, ...["thRetireIn", "thBaseShare", "thPension", "thTodayPlan", "thOwnToCome", "thBreakEven", "thLifetime"]
    .map((k) => el("th", {}, t(k))));
  const rows = keys.flatMap((m) => bases.map((b, i) => {
    const sc = get(m, b);
    const tr = el("tr", { "data-month": m, "data-base": b, class: i === 0 ? "key-first" : "" });
    if (i === 0) {
      const tag = m === S ? t("atStatutory") : m === months[0] ? t("atEarliest") : m === months[months.length - 1] ? t("atLatest") : "";
      tr.append(el("td", { rowspan: String(bases.length), class: "month" }, monthText(m),
        el("div", { class: "src" }, [tag, ageText(sc?.age)].filter(Boolean).join(" · "))));
    }
    tr.append(el("td", {}, baseText(b)));
    if (!sc) tr.append(el("td", { colspan: "5" }, "–"));
    else if (!sc.eligible) tr.append(el("td", { colspan: "5", class: "no" }, shortText(sc)));
    else {
      tr.append(
        el("td", { class: "num" }, sc.total),
        el("td", { class: "num" }, today(f, sc.total, m)?.amount ?? "–"),
        el("td", { class: "num" }, sc.own_to_come ?? "–"),
        el("td", { class: "num" }, sc.break_even_age ? ageText(sc.break_even_age) : t("noBreakEven")),
        el("td", { class: "num" }, sc.lifetime_value ?? "–"));
    }
    return tr;
  }));
  $("planner-table").replaceChildren(head, ...rows);
}

/** The width to draw a chart at: its box (so its words stay legible on a phone), 320–820 px. */
const chartWidth = (id) => Math.max(320, Math.min(820, Math.round($(id).clientWidth || 640)));

/** Chart 1: the monthly pension by retirement month, one line per base; an ineligible
 *  month has no point (the line breaks); the statutory month marked. */
function pensionChart(get, bases, months, S, value, real) {
  const W = chartWidth("planner-pension-chart"), H = 280, L = 52, R = 12, T = 22;
  const legendRows = Math.ceil(bases.length / Math.max(1, Math.floor((W - L) / 86)));
  const B = 30 + legendRows * 18;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H + legendRows * 18}`, width: W, role: "img", "aria-label": t("chartPlanLabel") });
  const h = H + legendRows * 18;
  const x0 = toIndex(months[0]), x1 = Math.max(toIndex(months[months.length - 1]), x0 + 1);
  const totals = months.flatMap((m) => bases.map((b) => get(m, b))).filter((sc) => sc?.eligible).map(value);
  const yMax = Math.max(1, ...totals) * 1.15;
  const X = (i) => L + ((i - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v) => h - B - (v / yMax) * (h - T - B);
  for (let k = 0; k <= 4; k++) {
    const v = (yMax / 4) * k;
    svg.append(s("line", { x1: L, x2: W - R, y1: Y(v), y2: Y(v), stroke: "#eef1f4" }));
    svg.append(s("text", { x: L - 4, y: Y(v) + 4, "text-anchor": "end" }, Math.round(v).toLocaleString("en")));
  }
  svg.append(s("text", { x: 2, y: 12 }, t(real ? "chartPensionAxisToday" : "chartPensionAxis")));
  svg.append(s("line", { x1: L, x2: W - R, y1: h - B, y2: h - B, stroke: "#9aa5b1" }));
  const years = [];
  for (let y = Math.ceil(x0 / 12); y * 12 <= x1; y++) years.push(y);
  const step = Math.max(1, Math.ceil(years.length / Math.max(1, Math.floor((W - L - R) / 44))));
  years.filter((_, i) => i % step === 0).forEach((y) =>
    svg.append(s("text", { x: X(y * 12), y: h - B + 14, "text-anchor": "middle" }, String(y))));
  const st = X(toIndex(S));
  svg.append(s("line", { class: "statutory", x1: st, x2: st, y1: T, y2: h - B, stroke: "#c2410c", "stroke-dasharray": "4 3" }));
  svg.append(s("text", { x: Math.min(st + 4, W - 120), y: T - 6 }, t("chartStatutory", monthText(S))));
  bases.forEach((b, k) => {
    const color = PALETTE[k % PALETTE.length];
    const g = s("g", { class: "series", "data-base": b });
    g.append(s("title", {}, t("baseLabel", baseText(b))));
    // Runs of consecutive eligible months, each a line (a lone month a dot).
    let run = [];
    const flush = () => {
      if (run.length > 1) g.append(s("polyline", { points: run.map(([i, v]) => `${X(i)},${Y(v)}`).join(" "), fill: "none", stroke: color, "stroke-width": 2 }));
      else if (run.length === 1) g.append(s("circle", { cx: X(run[0][0]), cy: Y(run[0][1]), r: 2.5, fill: color }));
      run = [];
    };
    let prev = null;
    for (const m of months) {
      const sc = get(m, b);
      if (!sc?.eligible || (prev !== null && toIndex(m) !== prev + 1)) flush();
      if (sc?.eligible) run.push([toIndex(m), value(sc)]);
      prev = toIndex(m);
    }
    flush();
    const drawn = months.map((m) => get(m, b)).filter((sc) => sc?.eligible);
    g.dataset.points = String(drawn.length);
    g.dataset.values = drawn.map((sc) => `${sc.retirement_month}=${value(sc)}`).join(" ");
    svg.append(g);
    const perRow = Math.max(1, Math.floor((W - L) / 86));
    const lx = L + (k % perRow) * 86, ly = h - B + 30 + Math.floor(k / perRow) * 18;
    svg.append(s("line", { x1: lx, x2: lx + 16, y1: ly - 4, y2: ly - 4, stroke: color, "stroke-width": 3 }));
    svg.append(s("text", { x: lx + 20, y: ly }, t("baseLabel", baseText(b))));
  });
  return svg;
}

/** Chart 2: the age at break-even by base, retiring in `at`, as bars from the
 *  retirement age; a base without a pension then says how many months it is short. */
function breakEvenChart(get, bases, at) {
  const W = chartWidth("planner-break-even-chart"), L = 74, R = W < 480 ? 118 : 160, T = 8, row = 26;
  const H = T + bases.length * row + 28;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: W, role: "img", "aria-label": t("chartBreakEvenLabel", monthText(at)) });
  const scs = bases.map((b) => get(at, b));
  const ages = scs.filter((sc) => sc?.eligible && sc.break_even_age).map((sc) => ageMonths(sc.break_even_age));
  const start = Math.floor((ageMonths(scs.find(Boolean)?.age) ?? 600) / 12) * 12;
  const end = Math.max(start + 12, Math.ceil((Math.max(start, ...ages) + 1) / 12) * 12);
  const X = (a) => L + ((a - start) / (end - start)) * (W - L - R);
  const ticks = Math.max(1, Math.ceil((end - start) / 12 / 6));
  for (let y = start / 12; y <= end / 12; y += ticks) {
    svg.append(s("line", { x1: X(y * 12), x2: X(y * 12), y1: T, y2: H - 24, stroke: "#eef1f4" }));
    svg.append(s("text", { x: X(y * 12), y: H - 10, "text-anchor": "middle" }, t("age", y, 0)));
  }
  bases.forEach((b, k) => {
    const sc = scs[k], y = T + k * row;
    const g = s("g", { class: "series", "data-base": b });
    g.append(s("text", { x: L - 6, y: y + 15, "text-anchor": "end" }, t("baseLabel", baseText(b))));
    if (sc?.eligible && sc.break_even_age) {
      const a = ageMonths(sc.break_even_age);
      g.append(s("rect", { class: "bar", "data-age": sc.break_even_age, x: L, y: y + 4, width: Math.max(2, X(a) - L), height: row - 8,
        fill: PALETTE[k % PALETTE.length], opacity: 0.85 }));
      g.append(s("text", { x: X(a) + 4, y: y + 15 }, t("chartBreakEvenAt", ageText(sc.break_even_age), monthText(sc.break_even_month))));
    } else if (sc) {
      g.append(s("text", { x: L + 4, y: y + 15, fill: "#b42318", style: "fill: #b42318" },
        sc.eligible ? t("noBreakEven") : t("shortOnly", sc.short_by_months)));
    }
    svg.append(g);
  });
  return svg;
}

function renderPath(p) {
  const rows = p.years.map((y) =>
    el("tr", {},
      el("td", {}, String(y.year)),
      el("td", { class: "num" }, String(y.months)),
      el("td", { class: "num" }, y.months ? y.index : "–"),
      el("td", { class: "num", title: y.average_wage.basis ?? "" }, y.months ? `${y.average_wage.value}${origin(y.average_wage)} (${y.average_wage_year})` : "–"),
      el("td", { class: "num" }, y.months ? y.base : "–"),
      el("td", { class: "num" }, y.credits),
      el("td", { class: "num", title: y.interest_rate.basis ?? "" }, `${y.interest_rate.value}${origin(y.interest_rate)}`),
      el("td", { class: "num" }, y.interest),
      el("td", { class: "num" }, y.balance)));
  $("path").replaceChildren(
    el("tr", {}, ...["thYear", "thMonths", "thIndex", "thWage", "thBase", "thCredits", "thRate", "thInterest", "thYearEndBalance"]
      .map((k) => el("th", {}, t(k)))),
    ...rows);
}

function renderOptions(f, options, main) {
  const rows = options.map((o) => {
    const now = o.p && today(f, o.p.award.total, o.R);
    return el("tr", {},
      el("td", {}, monthText(o.R)),
      el("td", {}, o.p ? ageText(o.p.award.age) : "–"),
      el("td", { class: "num" }, o.p ? o.p.account_balance : "–"),
      el("td", { class: "num" }, o.p ? o.p.award.divisor : "–"),
      el("td", { class: "num" }, o.p ? o.p.award.total : "–"),
      el("td", { class: "num" }, now ? now.amount : "–"),
      // An error the statutory month has too is said once, above.
      el("td", { class: "src", title: o.error?.message ?? "" },
        !o.error ? "" : main?.error?.code === o.error.code ? t("notComputed") : describe(o.error, true)));
  });
  $("options").replaceChildren(
    el("tr", {}, ...["thRetireIn", "thAge", "thBalance", "thDivisor", "thPension", "thToday", "thNote"].map((k) => el("th", {}, t(k)))),
    ...rows);
}

function renderExplanation(ret, main) {
  const steps = [...ret.trace.steps, ...(main?.p ? main.p.trace.steps : [])];
  const rows = steps.map((s) => {
    const srcs = (s.params ?? []).map((p) => `${p.param}${p.key ? `[${p.key}]` : ""} = ${p.value}: ${p.provenance.source}`);
    return el("tr", {},
      el("td", {}, s.label, el("div", { class: "src" }, s.name)),
      el("td", { class: "num" }, s.value.length > 24 ? s.value.slice(0, 24) + "…" : s.value),
      el("td", {}, s.formula, ...srcs.map((x) => el("div", { class: "src" }, x))));
  });
  $("explanation").replaceChildren(
    el("tr", {}, el("th", {}, t("thStep")), el("th", {}, t("thValue")), el("th", {}, t("thFormula"))), ...rows);
}

// ---- chart: account balance (line, left axis) and monthly pension by retirement month (bars, right axis) ----
const SVG = "http://www.w3.org/2000/svg";
const s = (tag, attrs = {}, text) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

function chart(p, options, ret, f) {
  const W = 820, H = 310, L = 70, R = 70, T = 34, B = 36;
  if (!p) return el("p", { class: "src" }, t("chartNone"));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": t("chartLabel") });
  // The projected balance at each year end (at retirement in its year), from the engine's
  // path to the latest month of the window (the same years as the statutory path before).
  const longest = options.filter((o) => o.p).at(-1)?.p ?? p;
  const points = [[toIndex(`${f.asOfYear - 1}-12`), Number(f.balance)]];
  for (const y of longest.years) {
    const end = y.year === yearOf(longest.retirement_month) ? toIndex(longest.retirement_month) : toIndex(`${y.year}-12`);
    points.push([end, Number(y.balance)]);
  }
  const lastR = options.length ? options[options.length - 1].R : p.retirement_month;
  const x0 = points[0][0], x1 = Math.max(points[points.length - 1][0], toIndex(lastR)) + 1;
  const bMax = Math.max(...points.map((q) => q[1])) * 1.1 || 1;
  const pens = options.filter((o) => o.p).map((o) => [toIndex(o.R), Number(o.p.award.total)]);
  const pMax = Math.max(1, ...pens.map((q) => q[1])) * 1.2;
  const X = (i) => L + ((i - x0) / (x1 - x0)) * (W - L - R);
  const YB = (v) => H - B - (v / bMax) * (H - T - B);
  const YP = (v) => H - B - (v / pMax) * (H - T - B);

  if (ret.elastic) {
    const a = X(toIndex(ret.elastic.earliest_month)), b = X(toIndex(ret.elastic.latest_month));
    svg.append(s("rect", { x: a, y: T, width: Math.max(1, b - a), height: H - T - B, fill: "#fff4e5" }));
    svg.append(s("text", { x: a + 4, y: T + 12 }, t("chartElastic")));
  }
  const st = X(toIndex(ret.statutory_month));
  svg.append(s("line", { x1: st, x2: st, y1: T, y2: H - B, stroke: "#c2410c", "stroke-dasharray": "4 3" }));
  svg.append(s("text", { x: st + 4, y: T + 26 }, t("chartStatutory", monthText(ret.statutory_month))));
  // axes and ticks
  svg.append(s("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#9aa5b1" }));
  for (let y = Math.ceil(x0 / 12); y * 12 <= x1; y += Math.max(1, Math.ceil((x1 - x0) / 12 / 10))) {
    svg.append(s("text", { x: X(y * 12), y: H - B + 16, "text-anchor": "middle" }, String(y)));
  }
  for (let k = 0; k <= 4; k++) {
    const v = (bMax / 4) * k, q = (pMax / 4) * k;
    svg.append(s("line", { x1: L, x2: W - R, y1: YB(v), y2: YB(v), stroke: "#eef1f4" }));
    svg.append(s("text", { x: L - 6, y: YB(v) + 4, "text-anchor": "end" }, Math.round(v).toLocaleString("en")));
    svg.append(s("text", { x: W - R + 6, y: YP(q) + 4 }, Math.round(q).toLocaleString("en")));
  }
  svg.append(s("text", { x: L - 6, y: 14, "text-anchor": "end" }, t("chartBalanceAxis")));
  svg.append(s("text", { x: W - R + 6, y: 14 }, t("chartPensionAxis")));
  // pension bars at each retirement month
  for (const [i, v] of pens) {
    svg.append(s("rect", { x: X(i) - 5, y: YP(v), width: 10, height: H - B - YP(v), fill: "#c2410c", opacity: 0.8 }));
  }
  // balance line
  svg.append(s("polyline", { points: points.map(([i, v]) => `${X(i)},${YB(v)}`).join(" "), fill: "none", stroke: "#1f6feb", "stroke-width": 2 }));
  const legend = s("g", { transform: `translate(${L + 10},${T + 44})` });
  legend.append(s("line", { x1: 0, x2: 18, y1: 0, y2: 0, stroke: "#1f6feb", "stroke-width": 2 }));
  legend.append(s("text", { x: 24, y: 4 }, t("chartBalance")));
  legend.append(s("rect", { x: 4, y: 10, width: 10, height: 10, fill: "#c2410c", opacity: 0.8 }));
  legend.append(s("text", { x: 24, y: 19 }, t("chartPension")));
  svg.append(legend);
  return svg;
}

// ---- wiring ----
/** Nothing shown from an earlier place or input survives a new run. */
function clear() {
  for (const id of ["retirement-month", "statutory-age", "earliest-month", "latest-month",
    "basic-pension", "account-pension", "transitional-pension", "total-pension"]) $(id).textContent = "–";
  for (const id of ["retirement-facts", "pension-facts", "path", "options", "explanation", "chart"]) $(id).replaceChildren();
  for (const id of ["error", "engine-inputs", "assumptions", "summary", "total-today", "years-hint", "deemed-hint"]) $(id).textContent = "";
  $("error").removeAttribute("title");
  clearPlanner();
}

function run(ev) {
  ev?.preventDefault();
  clear();
  const { f, problems } = read();
  if (showFieldErrors(problems)) {
    showRulesUsed("failed");
    $("error").textContent = t("fixFields");
    $(Object.keys(problems)[0]).focus();
    setStatus("error");
    return;
  }
  writeScenario(f);
  try {
    const x = estimate(f);
    x.missing = askMissing(x);
    render(f, x);
    setStatus(x.main && !x.main.error ? "done" : "error");
    // The field to fill in next, if a value is asked.
    const empty = [...needed, ...asked].find((a) => $(a.id).getAttribute("aria-invalid") && $(a.id).value.trim() === "");
    if (empty) $(empty.id).focus();
    // On a phone the results are below the form: show them after a press of 测算.
    if (ev && matchMedia("(max-width: 700px)").matches && !x.main?.error) $("results").scrollIntoView();
  } catch (e) {
    showRulesUsed("failed");
    $("error").textContent = engineFieldErrors(e) ? t("fixFields") : describe(e);
    $("error").title = e.message ?? "";
    setStatus("error");
  }
}

/** A new place: rebuild the engine, then estimate again. */
async function choose(ev) {
  if (ev?.target === $("province")) fillCities(provinces.find((p) => p.id === $("province").value) ?? { cities: [] });
  setStatus("loading");
  try {
    await useRules();
  } catch (e) {
    $("error").textContent = describe(e);
    setStatus("error");
    return;
  }
  run();
}

/** Start: the engine, the place (from `?place=` if given), the standard assumptions. */
async function start() {
  applyLang();
  setStatus("loading");
  try {
    await init();
  } catch (e) {
    window.loadProblem?.(String(e?.message ?? e));
    return;
  }
  try {
    const r = await fetch("rules/index.json");
    if (!r.ok) throw new Error(`rules/index.json: HTTP ${r.status}`);
    rulesIndex = await r.json();
  } catch (e) {
    window.loadProblem?.(String(e?.message ?? e));
    return;
  }
  provinces = places(rulesIndex);
  fillProvinces();
  const wanted = new URLSearchParams(location.search).get("place") ?? DEFAULT_RULESET;
  const prov = provinces.find((p) => wanted === p.id || wanted.startsWith(`${p.id}/`)) ??
    provinces.find((p) => p.id === DEFAULT_RULESET);
  $("province").value = prov?.id ?? DEFAULT_RULESET;
  fillCities(prov ?? { cities: [] });
  if (prov?.cities.some((c) => c.id === wanted)) $("city").value = wanted;
  try {
    await useRules();
  } catch (e) {
    window.loadProblem?.(String(e?.message ?? e));
    return;
  }
  // The form starts from the engine's standard assumptions, the one default of
  // every front end (the CLI's simulate, Python, the JS package).
  const a = standardAssumptions();
  $("average-wage-growth").value = a.average_wage_growth;
  $("pension-base-growth").value = a.pension_base_growth;
  $("interest-rate").value = a.interest_rate;
  if (!$("asof").value) $("asof").value = new Date().toISOString().slice(0, 7);
  // A shared scenario (the form and the planner's choices in the URL) fills the form.
  readScenario();
  $("form").addEventListener("submit", run);
  $("planner-at").addEventListener("change", chooseMonth);
  $("planner-real").addEventListener("change", chooseMonth);
  $("province").addEventListener("change", choose);
  $("city").addEventListener("change", choose);
  setStatus("ready");
  run();
}

for (const b of document.querySelectorAll("#lang button")) b.addEventListener("click", () => setLang(b.dataset.lang));
await start();
