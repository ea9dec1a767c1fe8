// Every word the estimator page shows, in Chinese (the default) and English.
// Static labels are keyed by the `data-t` attribute of their element in
// index.html; the rest are called by app.js, some with arguments.
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const TEXT = {
  zh: {
    pageTitle: (place) => `养老金测算 · 按${place}规则计算`,
    heading: "城镇企业职工基本养老保险 · 养老金测算",
    subheading: "在您的浏览器里由 pension-rules 计算引擎（WebAssembly）计算，不向任何地方发送数据。",
    placeTitle: (place) => `（按${place}规则计算）`,
    rulesUsed: (place) => `按${place}规则计算`,
    rulesSet: "规则集",
    status_loading: "正在加载计算引擎…", status_ready: "就绪", status_pending: "正在测算…",
    status_done: "已算好", status_error: "未能测算", status_failed: "无法启动",
    province: "省份", city: "城市", cityAll: "全省（其他地区）", cannotLoad: "（无法加载）",
    birth: "出生年月", category: "类别",
    male: "男职工", female_55: "女职工（原法定退休年龄55岁，如管理岗位）", female_50: "女职工（原法定退休年龄50岁）",
    years: "已缴费年限（年）", deemed: "视同缴费年限（年）",
    index: "平均缴费指数", indexHint: "历年缴费工资 ÷ 当年社平工资的平均值，一般在 0.6 到 3 之间",
    balance: "个人账户余额（上年末，元）", asof: "测算日期",
    assumptionsLegend: "假设（不是法规：只用于规则里还没有数据的年份）",
    futureIndex: "今后缴费指数（从测算年份起）", averageWageGrowth: "社平工资年增长", pensionBaseGrowth: "计发基数年增长",
    interestRate: "记账利率", wageGrowth: "本人工资年增长（不填：指数不变）",
    priceGrowth: "物价年涨幅（只用于把将来的钱折算成今天的钱）",
    go: "测算", rulesLine: "规则：",
    retirementHeading: "退休时间", statutoryMonth: "法定退休年月", statutoryAge: "法定退休年龄",
    earliestMonth: "弹性提前，最早", latestMonth: "弹性延迟，最晚",
    pensionHeading: "按法定年龄退休时的月养老金", basic: "基础养老金", account: "个人账户养老金",
    transitional: "过渡性养老金", total: "合计（元/月）",
    optionsHeading: "个人账户与养老金：不同退休时间",
    pathHeading: "逐年测算（缴费基数、记账额、利息、余额）",
    pathNote: "未标注的数字来自规则；“假设”表示左侧所列的假设，“推算”表示按假设的增长率推算，“预发”表示暂定值。鼠标停在数字上可看来源。",
    explanationHeading: "计算过程与依据", auditInputs: "交给计算引擎的输入（供核对）",
    // values
    month: (y, m) => `${y}年${m}月`,
    age: (y, m) => (m ? `${y}岁${m}个月` : `${y}岁`),
    yes: "是", no: "否", shortBy: (n) => `否（差 ${n} 个月）`,
    months: (n) => `${n} 个月`,
    yearsMonths: (y, m) => `即 ${y} 年 ${m} 个月（${y * 12 + m} 个月）`,
    origin: { rules: "", provisional: " 预发", assumed: " 假设", projected: " 推算" },
    // facts
    originalAge: "原法定退休年龄", delayMonths: "延迟月数", divisorStatutory: "计发月数（法定退休年龄）",
    monthsAtRetirement: "到法定退休时的缴费月数", minimumMonths: "最低缴费月数", eligible: "可按月领取养老金",
    pensionBase: "计发基数", averageIndex: "平均缴费指数", yearsN: "缴费年限（年）",
    balanceAtRetirement: "退休时个人账户储存额", divisor: "计发月数", ageAtRetirement: "退休年龄",
    // today's money (a display conversion)
    today: (amount, rate, n) => `约合今天的 ${amount} 元（按物价每年上涨 ${rate}、折算 ${n} 年）`,
    // the plain sentence under the result
    summary: ({ month, age, total, parts, today }) =>
      `按您填写的情况，若在${month}（${age}）按法定年龄退休，每月约可领取 ${total} 元` +
      (parts.length ? `，其中${parts.join("、")}` : "") +
      (today ? `；按物价每年上涨 ${today.rate} 折算，约合今天的 ${today.amount} 元` : "") +
      "。这是按现行规则和所填假设的估算，实际金额以社保经办机构核定为准" +
      (today ? "；折成今天的钱是本页的显示换算，不是计算引擎的结果" : "") + "。",
    part: (name, amount) => `${name} ${amount} 元`,
    notEligible: (have, need, short) =>
      `注意：到法定退休年月累计缴费 ${have} 个月，少于最低的 ${need} 个月（差 ${short} 个月），还不能按月领取养老金；` +
      "可以延长缴费、一次性补缴到最低年限，或转入城乡居民基本养老保险。",
    // tables and chart
    thRetireIn: "退休年月", thAge: "退休年龄", thBalance: "账户余额", thDivisor: "计发月数", thPension: "月养老金（元）",
    thToday: "约合今天（元）", thNote: "说明",
    thYear: "年份", thMonths: "月数", thIndex: "缴费指数", thWage: "社平工资（年份）", thBase: "缴费基数",
    thCredits: "记账额", thRate: "记账利率", thInterest: "利息", thYearEndBalance: "年末余额",
    thStep: "项目", thValue: "值", thFormula: "公式与依据",
    notComputed: "无法测算（见上）",
    chartNone: "（没有测算结果，不画图）", chartLabel: "个人账户余额与月养老金",
    chartElastic: "弹性退休区间", chartStatutory: (m) => `法定 ${m}`,
    chartBalanceAxis: "账户余额 元", chartPensionAxis: "月养老金 元",
    chartBalance: "个人账户余额（年末，左轴）", chartPension: "在该月退休的月养老金（右轴）",
    assumptionsLine: ({ rules, awg, pbg, rate, index, from, wage, price }) =>
      `规则：${rules}。假设（不是法规，只用于规则里还没有数据的年份）：社平工资每年增长 ${awg}，计发基数每年增长 ${pbg}，` +
      `记账利率 ${rate}，从 ${from} 起缴费指数 ${index}` + (wage ? `，并随本人工资每年增长 ${wage} 变化` : "") +
      `，每月缴费直到退休。折算今天的钱：物价每年上涨 ${price}（仅用于显示）。`,
    assumedYears: (w, r, base) => `用到假设或推算的：${w} 年的社平工资，${r} 年的记账利率，计发基数（${base}）。`,
    none: "无", span: (a, b) => (a === b ? `${a}` : `${a}–${b}`),
    // errors
    fixFields: "请先改正上面标红的输入项，再点“测算”。",
    required: "请填写此项。",
    badNumber: (raw, example) => `“${raw}”不是数字。请只填数字，例如 ${example}。`,
    decimalComma: (raw, fixed) => `“${raw}”里的逗号意思不明确：小数请用小数点，写作 ${fixed}。`,
    negative: "不能是负数。",
    rateTooBig: (raw, fixed) => `“${raw}”太大了：增长率或利率请写成小数或百分数，例如 ${fixed} 或 ${raw}%。`,
    notWholeMonths: (raw) => `“${raw}”年折不成整月。请按月填写，例如 25.5（25 年 6 个月）或“25年7个月”。`,
    tooManyYears: "年限太长，请检查（不超过 60 年）。",
    badMonth: "年月无效，请重新选择。",
    mustBePositive: "必须大于 0。",
    asofAfterRetirement: "测算日期晚于退休年月：本页只测算尚未退休的情况。",
    engineRefused: "此项未被计算引擎接受，请检查后重试（鼠标停在这里可看引擎的原文）。",
    nothingToEstimate: "法定退休年月早于测算年份：没有要测算的。",
    engineFailed: (why) => `计算引擎加载失败：${why}`,
  },
  en: {
    pageTitle: (place) => `Pension estimator · rules of ${place}`,
    heading: "Basic old-age insurance for urban employees · pension estimator",
    subheading: "Computed in your browser by the pension-rules engine (WebAssembly) — nothing is sent anywhere.",
    placeTitle: (place) => `(rules of ${place})`,
    rulesUsed: (place) => `Computed with the rules of ${place}`,
    rulesSet: "rule set",
    status_loading: "loading the engine…", status_ready: "ready", status_pending: "computing…",
    status_done: "done", status_error: "not computed", status_failed: "could not start",
    province: "Province", city: "City", cityAll: "whole province (elsewhere)", cannotLoad: " (cannot load)",
    birth: "Birth month", category: "Category",
    male: "Man", female_55: "Woman, original retirement age 55 (e.g. cadre)", female_50: "Woman, original retirement age 50 (worker)",
    years: "Years paid", deemed: "Deemed years",
    index: "Average contribution index", indexHint: "contribution wage ÷ that year's average wage, averaged; usually 0.6 to 3",
    balance: "Account balance, end of last year (yuan)", asof: "As of",
    assumptionsLegend: "Assumptions (not law: used only for years the rules do not know)",
    futureIndex: "Contribution index from the as-of year", averageWageGrowth: "Average-wage growth a year",
    pensionBaseGrowth: "Pension-base growth a year", interestRate: "Account interest rate",
    wageGrowth: "Own wage growth a year (empty: index stays)",
    priceGrowth: "Price growth a year (only to show future amounts in today's money)",
    go: "Estimate", rulesLine: "Rules: ",
    retirementHeading: "Retirement", statutoryMonth: "Statutory retirement month", statutoryAge: "Statutory age",
    earliestMonth: "Earliest (elastic)", latestMonth: "Latest (elastic)",
    pensionHeading: "Monthly pension when retiring at the statutory age", basic: "Basic pension", account: "Account pension",
    transitional: "Transitional pension", total: "Total (yuan a month)",
    optionsHeading: "Account balance and pension by retirement month",
    pathHeading: "Year by year (base, credits, interest, balance)",
    pathNote: "Unmarked figures come from the rule set; “assumed” marks an assumption stated on the left, “projected” a figure grown by an assumed rate, “provisional” a provisional value. Hover a figure for its source.",
    explanationHeading: "How each figure was found, with its legal source", auditInputs: "Inputs sent to the engine (for audit)",
    month: (y, m) => `${MONTHS_EN[m - 1]} ${y}`,
    age: (y, m) => (m ? `${y} years ${m} month${m === 1 ? "" : "s"}` : `${y} years`),
    yes: "yes", no: "no", shortBy: (n) => `no (short by ${n} months)`,
    months: (n) => `${n} months`,
    yearsMonths: (y, m) => `that is ${y} years ${m} months (${y * 12 + m} months)`,
    origin: { rules: "", provisional: " provisional", assumed: " assumed", projected: " projected" },
    originalAge: "Original retirement age", delayMonths: "Delay (months)", divisorStatutory: "Divisor at the statutory age",
    monthsAtRetirement: "Months paid at the statutory month", minimumMonths: "Minimum months", eligible: "Monthly pension payable",
    pensionBase: "Pension base", averageIndex: "Average index", yearsN: "Years counted (N)",
    balanceAtRetirement: "Account balance at retirement", divisor: "Divisor (months)", ageAtRetirement: "Age at retirement",
    today: (amount, rate, n) => `about ${amount} yuan in today's money (prices rising ${rate} a year, ${n} years)`,
    summary: ({ month, age, total, parts, today }) =>
      `From what you entered: retiring at the statutory age in ${month} (aged ${age}), you would receive about ${total} yuan a month` +
      (parts.length ? ` (${parts.join(", ")})` : "") +
      (today ? `; with prices rising ${today.rate} a year, that is about ${today.amount} yuan in today's money` : "") +
      ". This is an estimate under the current rules and the assumptions entered; the social insurance agency decides the actual amount" +
      (today ? ". Today's money is this page's display conversion, not a figure of the engine" : "") + ".",
    part: (name, amount) => `${name.toLowerCase()} ${amount}`,
    notEligible: (have, need, short) =>
      `Note: at the statutory month you would have ${have} months paid, fewer than the minimum ${need} (short by ${short}), ` +
      "so no monthly pension yet: options are contributing longer, a lump-sum top-up to the minimum, or the residents' scheme.",
    thRetireIn: "Retire in", thAge: "Age", thBalance: "Balance", thDivisor: "Divisor", thPension: "Pension (yuan)",
    thToday: "In today's money", thNote: "Note",
    thYear: "Year", thMonths: "Months", thIndex: "Index", thWage: "Average wage (year)", thBase: "Base",
    thCredits: "Credits", thRate: "Interest rate", thInterest: "Interest", thYearEndBalance: "Balance at year end",
    thStep: "Step", thValue: "Value", thFormula: "Formula and source",
    notComputed: "not computed (see above)",
    chartNone: "(no projection to draw)", chartLabel: "account balance and pension",
    chartElastic: "elastic window", chartStatutory: (m) => `statutory ${m}`,
    chartBalanceAxis: "balance, yuan", chartPensionAxis: "pension, yuan",
    chartBalance: "projected account balance, year ends (left)", chartPension: "monthly pension if retiring then (right)",
    assumptionsLine: ({ rules, awg, pbg, rate, index, from, wage, price }) =>
      `Rules ${rules}. Assumptions (not law; only for years the rules do not know): average wage +${awg} a year, ` +
      `pension base +${pbg} a year, interest rate ${rate}, contribution index ${index} from ${from}` +
      (wage ? ` drifting with own wage growth ${wage}` : "") +
      `, paid every month until retirement. Today's money: prices +${price} a year (display only).`,
    assumedYears: (w, r, base) => `Assumed or projected: average wages of ${w}, interest rates of ${r}, pension base ${base}.`,
    none: "none", span: (a, b) => (a === b ? `${a}` : `${a}–${b}`),
    fixFields: "Please correct the fields marked in red above, then press Estimate.",
    required: "Please fill this in.",
    badNumber: (raw, example) => `“${raw}” is not a number. Write digits only, e.g. ${example}.`,
    decimalComma: (raw, fixed) => `The comma in “${raw}” is ambiguous: write decimals with a point, ${fixed}.`,
    negative: "Cannot be negative.",
    rateTooBig: (raw, fixed) => `“${raw}” is too large: write a rate as a decimal or a percentage, e.g. ${fixed} or ${raw}%.`,
    notWholeMonths: (raw) => `${raw} years is not a whole number of months. Write e.g. 25.5 (25 years 6 months) or “25年7个月”.`,
    tooManyYears: "Too many years: please check (60 at most).",
    badMonth: "Not a valid month: please choose again.",
    mustBePositive: "Must be above 0.",
    asofAfterRetirement: "The as-of date is after the retirement month: this page estimates for people not yet retired.",
    engineRefused: "The engine did not accept this field (hover here for its message).",
    nothingToEstimate: "The statutory month is before the as-of year: nothing to estimate.",
    engineFailed: (why) => `The engine failed to load: ${why}`,
  },
};
