// The estimator page: reads the form, asks the engine (WebAssembly build of
// pension-rules) for the retirement month and for the projection (the yearly
// path of base, credits, interest and balance, and the award) at the statutory
// month and across the elastic window, and shows every figure exactly as the
// engine returns it (decimal strings), with the explanation and legal sources.
// The page computes nothing itself: the what-if assumptions for years the rule
// set does not know yet are form fields, passed to the engine as stated
// assumptions, and the engine marks each figure that rests on them.
// The place (province, and a city where the rule data has a city layer) is
// picked from the engine's own list of rule sets (`rulesList`: id, GB/T 2260
// region, title); each choice builds the engine on that rule set.
import init, { Engine, standardAssumptions } from "./pkg/pension_rules_wasm.js";

const DEFAULT_RULESET = "cn/shaanxi";
const $ = (id) => document.getElementById(id);
let engine;
/** The rule set in use: its `rulesList` entry and the place name shown. */
let rules = { id: DEFAULT_RULESET, place: "陕西省" };
/** Every loadable provincial set, by region code, each with its city layers. */
let provinces = [];

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
    const o = el("option", { value: p.id }, p.error ? `${p.place}（无法加载）` : p.place);
    if (p.error) o.disabled = true;
    return o;
  }));
}

function fillCities(prov) {
  const all = el("option", { value: "" }, "全省（其他地区）");
  $("city").replaceChildren(all, ...prov.cities.map((c) => {
    const o = el("option", { value: c.id }, c.error ? `${c.short}（无法加载）` : c.short);
    if (c.error) o.disabled = true;
    return o;
  }));
  $("city").disabled = prov.cities.length === 0;
}

/** Build the engine on the chosen province or city layer. Retirement and the
 *  projection take no place: the city layer's own rule set is the place. */
function useRules() {
  const prov = provinces.find((p) => p.id === $("province").value);
  const city = prov?.cities.find((c) => c.id === $("city").value);
  const chosen = city ?? prov ?? { id: DEFAULT_RULESET, place: "陕西省" };
  engine = new Engine(chosen.id);
  rules = { ...chosen, place: chosen.place };
  const id = engine.identity;
  $("rules").textContent = `${rules.place} · ${id.id} ${id.version} · sha256 ${id.hash.slice(0, 12)}`;
  $("place-title").textContent = `（按${rules.place}规则计算）`;
  document.title = `养老金测算 · 按${rules.place}规则计算 · pension estimator (pension-rules, WebAssembly)`;
}

// ---- months "YYYY-MM" (input building only; the engine does the law) ----
const toIndex = (ym) => { const [y, m] = ym.split("-").map(Number); return y * 12 + m - 1; };
const fromIndex = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
const monthsFrom = (a, b) => toIndex(b) - toIndex(a);
const yearOf = (ym) => Number(ym.slice(0, 4));

function read() {
  const v = (id) => $(id).value.trim();
  const asOfYear = Number(v("asof").slice(0, 4)) || new Date().getFullYear();
  return {
    birth: v("birth"),
    category: v("category"),
    paidMonths: Math.round(Number(v("years") || 0) * 12),
    deemedMonths: Math.round(Number(v("deemed") || 0) * 12),
    index: v("index") || "1",
    balance: v("balance") || "0",
    futureIndex: v("future-index") || "1",
    wageGrowth: v("wage-growth"),
    averageWageGrowth: v("average-wage-growth") || "0",
    pensionBaseGrowth: v("pension-base-growth") || "0",
    interestRate: v("interest-rate") || "0",
    asOfYear,
  };
}

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
  };
  return {
    category: f.category, birth: f.birth, from: `${f.asOfYear}-01`,
    contribution_months: f.paidMonths,
    ...(f.paidMonths > 0 ? { average_index: f.index } : {}),
    deemed_months: f.deemedMonths, account_balance: f.balance,
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
  const options = candidates.map((R) => ({ R, ...run({ ...person, retirement_month: R }) }));
  return { retirementInput, ret, person, main, options };
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

const origin = (fig) => ({ rules: "", provisional: " 预发", assumed: " 假设", projected: " 推算" })[fig.source] ?? ` ${fig.source}`;

function render(f, x) {
  const { ret, main, options } = x;
  showRulesUsed(main?.error ? "（养老金未能测算，见下）" : "");
  $("retirement-month").textContent = ret.statutory_month;
  $("statutory-age").textContent = ret.statutory_age;
  $("earliest-month").textContent = ret.elastic ? ret.elastic.earliest_month : "–";
  $("latest-month").textContent = ret.elastic ? ret.elastic.latest_month : "–";
  const e = ret.eligibility;
  facts($("retirement-facts"), [
    ["原退休年龄 original age", ret.original_age],
    ["延迟 delay (months)", ret.delay_months],
    ["计发月数 divisor at statutory age", ret.divisor ?? "–"],
    ["缴费月数 months at retirement", e ? e.contribution_months : "–"],
    ["最低缴费月数 minimum", e ? e.required_months : "–"],
    ["可按月领取 eligible", e ? (e.eligible ? "是 yes" : `否 no — short by ${e.short_by_months} months`) : "–"],
  ]);

  $("error").textContent = "";
  for (const id of ["basic-pension", "account-pension", "transitional-pension", "total-pension"]) $(id).textContent = "–";
  $("pension-facts").replaceChildren();
  $("path").replaceChildren();
  if (!main) {
    $("error").textContent = "The statutory month is before the as-of year: nothing to estimate.";
  } else if (main.error) {
    $("error").textContent = describe(main.error, true);
  } else {
    const p = main.p, a = p.award;
    $("basic-pension").textContent = a.basic_pension;
    $("account-pension").textContent = a.account_pension;
    $("transitional-pension").textContent = a.transitional_pension;
    $("total-pension").textContent = a.total;
    facts($("pension-facts"), [
      ["计发基数 pension base", `${p.pension_base.value}${origin(p.pension_base)}`],
      ["平均缴费指数 index", a.average_index],
      ["缴费年限 N (years)", a.years.length > 8 ? `${a.years.slice(0, 7)}…` : a.years],
      ["个人账户储存额 balance at retirement", p.account_balance],
      ["计发月数 divisor", a.divisor],
      ["退休年龄 age", a.age],
    ]);
    renderPath(p);
  }
  renderOptions(options);
  $("chart").replaceChildren(chart(main?.p, options, ret, f));
  renderExplanation(ret, main);
  $("engine-inputs").textContent = JSON.stringify(
    { ruleset: rules.id, region: rules.region, retirement: x.retirementInput, projection: x.person }, null, 2);
  const id = engine.identity;
  const sources = main?.p ? assumedYears(main.p) : "";
  $("assumptions").textContent =
    `Rules ${id.id} ${id.version} (sha256 ${id.hash.slice(0, 12)}). Assumptions (not law; only for years the rules ` +
    `do not know): average wage +${f.averageWageGrowth} a year, 计发基数 +${f.pensionBaseGrowth} a year, ` +
    `记账利率 ${f.interestRate}, contribution index ${f.futureIndex} from ${f.asOfYear}-01` +
    (f.wageGrowth ? ` drifting with own wage growth ${f.wageGrowth}` : "") +
    `, paid every month until retirement. ${sources}`;
}

/** Which years rest on assumptions, as the engine marks them. */
function assumedYears(p) {
  const list = (key) => p.years.filter((y) => y.months > 0 && y[key].source !== "rules" && y[key].source !== "provisional")
    .map((y) => (key === "average_wage" ? y.average_wage_year : y.year));
  const w = list("average_wage"), r = list("interest_rate");
  const span = (ys) => (ys.length ? `${ys[0]}–${ys[ys.length - 1]}` : "none");
  return `Assumed or projected: average wages of ${span(w)}, 记账利率 of ${span(r)}, 计发基数 ${p.pension_base.source}.`;
}

/** The banner over the results: which place's rules were used. */
function showRulesUsed(note = "") {
  const id = engine.identity;
  $("rules-used").replaceChildren(`按${rules.place}规则计算${note}`,
    el("span", { class: "src" }, `　规则集 ${id.id} ${id.version}`));
}

const PARAM_ZH = {
  "award.average_wage": "全口径城镇单位就业人员平均工资（社平工资）",
  "award.pension_base": "养老金计发基数",
  "account.interest_rate": "个人账户记账利率",
};
/** Inputs the form gives; an input error on any other field is something the
 *  chosen rule set needs that this page does not ask for. */
const FORM_FIELDS = /^(birth|category|from|contribution_months|average_index|deemed_months|account_balance|index|indexes|assumptions|retirement_month|input)\b/;

/** An engine error as the page shows it: the engine's Chinese sentence for the
 *  code first (the same table as the CLI's `--lang zh`), then the details. A
 *  gap of the chosen rule set (a year it lacks, an input only it needs) is said
 *  in plain Chinese, naming the place. */
function describe(e, pension = false) {
  const what = pension ? "养老金" : "";
  const d = e.details ?? {};
  if (e.code === "rule_missing_year" && d.param && d.year) {
    return `按${rules.place}规则无法测算${what}：该规则集（${d.ruleset ?? rules.id}）尚未收录 ${d.year} 年的` +
      `${PARAM_ZH[d.param] ?? d.param}（${d.param}）。请选择其他省份或城市，或等该年数据收录后再试。` +
      `（${e.messageZh ?? ""}，${e.code}）`;
  }
  if (e.name === "RulesError" || e.name === "LoadError") {
    return `按${rules.place}规则无法测算${what}：${e.messageZh ?? e.name}（${e.code}）。${e.remedy?.zh ? `${e.remedy.zh}。` : ""}${e.message}`;
  }
  const extra = (d.fields ?? []).filter((x) => !FORM_FIELDS.test(x.path));
  if (extra.length) {
    const named = extra.map((x) => (x.path.startsWith("attributes.") ? `人员条件 ${x.path.slice(11)}` : x.path));
    return `按${rules.place}规则无法测算${what}：该规则集还需要本页没有的输入项（${named.join("、")}），本页暂不能填写。` +
      `（${e.messageZh ?? ""}，${e.code}：` + extra.map((x) => x.message).join("；") + "）";
  }
  const head = e.messageZh ? `${e.messageZh}（${e.code}）` : `${e.name ?? "Error"}${e.code ? ` [${e.code}]` : ""}`;
  const fields = e.details?.fields;
  return fields?.length
    ? `${head}：` + fields.map((x) => `${x.path}: ${x.message}`).join("；")
    : `${head}：${e.message}`;
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
    el("tr", {}, el("th", {}, "年 year"), el("th", {}, "月数"), el("th", {}, "指数 index"), el("th", {}, "平均工资 X"),
      el("th", {}, "缴费基数 base"), el("th", {}, "记账额 credits"), el("th", {}, "记账利率 rate"), el("th", {}, "利息 interest"),
      el("th", {}, "余额 balance")),
    ...rows);
}

function renderOptions(options) {
  const rows = options.map((o) =>
    el("tr", {},
      el("td", {}, o.R),
      el("td", { class: "num" }, o.p ? o.p.account_balance : "–"),
      el("td", { class: "num" }, o.p ? o.p.award.divisor : "–"),
      el("td", { class: "num" }, o.p ? o.p.award.total : "–"),
      el("td", { class: "src", title: o.error?.message ?? "" }, o.error ? `${o.error.messageZh ?? o.error.name}（${o.error.code}）` : o.p.award.age)));
  $("options").replaceChildren(
    el("tr", {}, el("th", {}, "退休 retire in"), el("th", {}, "账户余额 balance"), el("th", {}, "计发月数"),
      el("th", {}, "月养老金 pension"), el("th", {}, "age / note")),
    ...rows);
}

function renderExplanation(ret, main) {
  const steps = [...ret.trace.steps, ...(main?.p ? main.p.trace.steps : [])];
  const rows = steps.map((s) => {
    const srcs = (s.params ?? []).map((p) => `${p.param}${p.key ? `[${p.key}]` : ""} = ${p.value}: ${p.provenance.source}`);
    return el("tr", {},
      el("td", {}, s.label, el("div", { class: "src" }, s.name)),
      el("td", { class: "num" }, s.value.length > 24 ? s.value.slice(0, 24) + "…" : s.value),
      el("td", {}, s.formula, ...srcs.map((t) => el("div", { class: "src" }, t))));
  });
  $("explanation").replaceChildren(
    el("tr", {}, el("th", {}, "项目 step"), el("th", {}, "值 value"), el("th", {}, "公式与依据 formula and source")), ...rows);
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
  if (!p) return el("p", { class: "src" }, "（没有测算结果，不画图 no projection to draw）");
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": "account balance and pension" });
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
    svg.append(s("text", { x: a + 4, y: T + 12 }, "弹性退休 elastic window"));
  }
  const st = X(toIndex(ret.statutory_month));
  svg.append(s("line", { x1: st, x2: st, y1: T, y2: H - B, stroke: "#c2410c", "stroke-dasharray": "4 3" }));
  svg.append(s("text", { x: st + 4, y: T + 26 }, `法定 statutory ${ret.statutory_month}`));
  // axes and ticks
  svg.append(s("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#9aa5b1" }));
  for (let y = Math.ceil(x0 / 12); y * 12 <= x1; y += Math.max(1, Math.ceil((x1 - x0) / 12 / 10))) {
    svg.append(s("text", { x: X(y * 12), y: H - B + 16, "text-anchor": "middle" }, String(y)));
  }
  for (let k = 0; k <= 4; k++) {
    const v = (bMax / 4) * k, p = (pMax / 4) * k;
    svg.append(s("line", { x1: L, x2: W - R, y1: YB(v), y2: YB(v), stroke: "#eef1f4" }));
    svg.append(s("text", { x: L - 6, y: YB(v) + 4, "text-anchor": "end" }, Math.round(v).toLocaleString("en")));
    svg.append(s("text", { x: W - R + 6, y: YP(p) + 4 }, Math.round(p).toLocaleString("en")));
  }
  svg.append(s("text", { x: L - 6, y: 14, "text-anchor": "end" }, "账户余额 元"));
  svg.append(s("text", { x: W - R + 6, y: 14 }, "月养老金 元"));
  // pension bars at each retirement month
  for (const [i, v] of pens) {
    svg.append(s("rect", { x: X(i) - 5, y: YP(v), width: 10, height: H - B - YP(v), fill: "#c2410c", opacity: 0.8 }));
  }
  // balance line
  svg.append(s("polyline", { points: points.map(([i, v]) => `${X(i)},${YB(v)}`).join(" "), fill: "none", stroke: "#1f6feb", "stroke-width": 2 }));
  const legend = s("g", { transform: `translate(${L + 10},${T + 44})` });
  legend.append(s("line", { x1: 0, x2: 18, y1: 0, y2: 0, stroke: "#1f6feb", "stroke-width": 2 }));
  legend.append(s("text", { x: 24, y: 4 }, "个人账户余额 projected balance, year ends (left)"));
  legend.append(s("rect", { x: 4, y: 10, width: 10, height: 10, fill: "#c2410c", opacity: 0.8 }));
  legend.append(s("text", { x: 24, y: 19 }, "月养老金 if retiring then (right)"));
  svg.append(legend);
  return svg;
}

// ---- wiring ----
/** Nothing shown from an earlier place or input survives a new run. */
function clear() {
  for (const id of ["retirement-month", "statutory-age", "earliest-month", "latest-month",
    "basic-pension", "account-pension", "transitional-pension", "total-pension"]) $(id).textContent = "–";
  for (const id of ["retirement-facts", "pension-facts", "path", "options", "explanation", "chart"]) $(id).replaceChildren();
  for (const id of ["error", "engine-inputs", "assumptions"]) $(id).textContent = "";
}

function run(ev) {
  ev?.preventDefault();
  const f = read();
  clear();
  try {
    render(f, estimate(f));
    $("status").textContent = "done";
  } catch (e) {
    showRulesUsed("（未能测算，见下）");
    $("error").textContent = describe(e);
    $("status").textContent = "error";
  }
}

/** A new place: rebuild the engine, then estimate again. */
function choose(ev) {
  if (ev?.target === $("province")) fillCities(provinces.find((p) => p.id === $("province").value) ?? { cities: [] });
  $("status").textContent = "loading…";
  try {
    useRules();
  } catch (e) {
    $("error").textContent = describe(e);
    $("status").textContent = "error";
    return;
  }
  run();
}

await init();
engine = new Engine(DEFAULT_RULESET);
provinces = places(engine.rulesList());
fillProvinces();
$("province").value = DEFAULT_RULESET;
fillCities(provinces.find((p) => p.id === DEFAULT_RULESET) ?? { cities: [] });
useRules();
// The form starts from the engine's standard assumptions, the one default of
// every front end (the CLI's simulate, Python, the JS package).
{
  const a = standardAssumptions();
  $("average-wage-growth").value = a.average_wage_growth;
  $("pension-base-growth").value = a.pension_base_growth;
  $("interest-rate").value = a.interest_rate;
}
if (!$("asof").value) $("asof").value = new Date().toISOString().slice(0, 7);
$("form").addEventListener("submit", run);
$("province").addEventListener("change", choose);
$("city").addEventListener("change", choose);
$("status").textContent = "ready";
run();
