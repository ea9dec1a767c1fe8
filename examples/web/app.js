// The estimator page: reads the form, asks the engine (WebAssembly build of
// pension-rules) for the retirement month, the account balance and the award,
// and shows every figure exactly as the engine returns it (decimal strings),
// with the explanation and legal sources. The only things this page decides
// are the what-if assumptions for years the rule set does not know yet; they
// are listed on the page.
import init, { Engine } from "./pkg/pension_rules_wasm.js";

const RULESET = "cn/shaanxi";
const $ = (id) => document.getElementById(id);
let engine;

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
    wage: v("wage"),
    asOfYear,
  };
}

/** The last value of a yearly series of the rule set, with its year. */
function latest(show, name) {
  const p = show.params.find((x) => x.name === name);
  const last = p.values[p.values.length - 1];
  return { year: Number(last.key), value: last.value, source: last.provenance.source };
}

/** The monthly account credit for `wage`, from the contribution rules of
 *  the as-of year (or the latest earlier year that has base limits). */
function monthlyCredit(wage, year) {
  for (let y = year; y > year - 5; y--) {
    try {
      const c = engine.contribution({ month: `${y}-01`, wage, employment: "employee" });
      return { credit: c.account_credit, month: `${y}-01`, base: c.base };
    } catch (e) {
      if (e.name !== "RulesError") throw e;
    }
  }
  throw new Error("no contribution base limits in the rule set for the last five years");
}

function estimate(f) {
  const show = engine.rulesShow(`${f.asOfYear}-01-01`);
  const base = latest(show, "award.pension_base");
  const rate = latest(show, "account.interest_rate");
  const start = `${f.asOfYear}-01`; // the balance stands at the end of the year before
  const credit = f.wage ? monthlyCredit(f.wage, f.asOfYear) : null;
  const paidAt = (R) => f.paidMonths + (credit ? Math.max(0, monthsFrom(start, R)) : 0);

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

  const accountInput = (R) => {
    const rates = {};
    for (let y = rate.year + 1; y <= yearOf(R); y++) rates[String(y)] = rate.value;
    const credits = [];
    if (credit) for (let i = toIndex(start); i < toIndex(R); i++) credits.push({ month: fromIndex(i), amount: credit.credit });
    return { opening_balance: f.balance, opening_year: f.asOfYear - 1, credits, rates, close: { event: "retirement", month: R } };
  };
  const awardInput = (R, balance) => ({
    category: f.category, birth: f.birth, retirement_month: R,
    contribution_months: paidAt(R), deemed_months: f.deemedMonths,
    average_index: f.index, account_balance: balance,
    ...(yearOf(R) > base.year ? { pension_base: base.value } : {}),
  });

  const options = candidates.map((R) => {
    const ai = accountInput(R);
    const statement = engine.account(ai);
    const wi = awardInput(R, statement.balance);
    try {
      return { R, ai, statement, wi, award: engine.award(wi) };
    } catch (e) {
      return { R, ai, statement, wi, error: e };
    }
  });
  return { show, base, rate, credit, retirementInput, ret, options };
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

function render(f, x) {
  const { ret, options } = x;
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

  const main = options.find((o) => o.R === ret.statutory_month) ?? options[0];
  $("error").textContent = "";
  for (const id of ["basic-pension", "account-pension", "transitional-pension", "total-pension"]) $(id).textContent = "–";
  if (!main) {
    $("error").textContent = "The statutory month is before the as-of year: nothing to estimate.";
  } else if (main.error) {
    $("error").textContent = `${main.error.name} [${main.error.code}]: ${main.error.message}`;
  } else {
    const a = main.award;
    $("basic-pension").textContent = a.basic_pension;
    $("account-pension").textContent = a.account_pension;
    $("transitional-pension").textContent = a.transitional_pension;
    $("total-pension").textContent = a.total;
    facts($("pension-facts"), [
      ["计发基数 pension base", `${a.pension_base}${a.pension_base_provisional ? " (预发)" : ""}`],
      ["平均缴费指数 index", a.average_index],
      ["缴费年限 N (years)", a.years.length > 8 ? `${a.years.slice(0, 7)}…` : a.years],
      ["个人账户储存额 balance at retirement", a.account_balance],
      ["计发月数 divisor", a.divisor],
      ["退休年龄 age", a.age],
    ]);
  }
  renderOptions(options);
  $("chart").replaceChildren(chart(options, ret));
  renderExplanation(ret, main);
  $("engine-inputs").textContent = JSON.stringify(
    { ruleset: RULESET, retirement: x.retirementInput, account: main?.ai ?? null, award: main?.wi ?? null }, null, 2);
  const id = engine.identity;
  $("assumptions").textContent =
    `Rules ${id.id} ${id.version} (sha256 ${id.hash.slice(0, 12)}). Assumptions for years the rules do not know yet: ` +
    `计发基数 stays at the ${x.base.year} value ${x.base.value}, the 记账利率 at the ${x.rate.year} rate ${x.rate.value} ` +
    `(today's money). ` +
    (x.credit
      ? `Contributions continue every month until retirement, crediting ${x.credit.credit} 元 a month to the account ` +
        `(wage ${f.wage}, base ${x.credit.base}, rules of ${x.credit.month}); years paid count on.`
      : "No further contributions.");
}

function renderOptions(options) {
  const rows = options.map((o) =>
    el("tr", {},
      el("td", {}, o.R),
      el("td", { class: "num" }, o.statement.balance),
      el("td", { class: "num" }, o.award ? o.award.divisor : "–"),
      el("td", { class: "num" }, o.award ? o.award.total : "–"),
      el("td", { class: "src" }, o.error ? `${o.error.code}: ${o.error.message}` : o.award.age)));
  $("options").replaceChildren(
    el("tr", {}, el("th", {}, "退休 retire in"), el("th", {}, "账户余额 balance"), el("th", {}, "计发月数"),
      el("th", {}, "月养老金 pension"), el("th", {}, "age / note")),
    ...rows);
}

function renderExplanation(ret, main) {
  const steps = [...ret.trace.steps, ...(main?.award ? main.award.trace.steps : [])];
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

function chart(options, ret) {
  const W = 820, H = 310, L = 70, R = 70, T = 34, B = 36;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": "account balance and pension" });
  if (!options.length) return svg;
  const last = options[options.length - 1].statement;
  const points = [[toIndex(`${last.opening_year}-12`), Number(last.opening_balance)]];
  for (const y of last.years) {
    y.month_end.forEach((b, i) => points.push([toIndex(`${y.year}-01`) + i, Number(b)]));
  }
  const x0 = points[0][0], x1 = Math.max(points[points.length - 1][0], toIndex(options[options.length - 1].R)) + 1;
  const bMax = Math.max(...points.map((p) => p[1])) * 1.1 || 1;
  const pens = options.filter((o) => o.award).map((o) => [toIndex(o.R), Number(o.award.total)]);
  const pMax = Math.max(1, ...pens.map((p) => p[1])) * 1.2;
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
  legend.append(s("text", { x: 24, y: 4 }, "个人账户余额 account balance (left)"));
  legend.append(s("rect", { x: 4, y: 10, width: 10, height: 10, fill: "#c2410c", opacity: 0.8 }));
  legend.append(s("text", { x: 24, y: 19 }, "月养老金 if retiring then (right)"));
  svg.append(legend);
  return svg;
}

// ---- wiring ----
function run(ev) {
  ev?.preventDefault();
  const f = read();
  try {
    render(f, estimate(f));
    $("status").textContent = "done";
  } catch (e) {
    $("error").textContent = `${e.name ?? "Error"}${e.code ? ` [${e.code}]` : ""}: ${e.message}` +
      (e.details?.fields ? " — " + e.details.fields.map((x) => `${x.path}: ${x.message}`).join("; ") : "");
    $("status").textContent = "error";
  }
}

await init();
engine = new Engine(RULESET);
const id = engine.identity;
$("rules").textContent = `${id.id} ${id.version} · sha256 ${id.hash.slice(0, 12)}`;
if (!$("asof").value) $("asof").value = new Date().toISOString().slice(0, 7);
$("form").addEventListener("submit", run);
$("status").textContent = "ready";
run();
