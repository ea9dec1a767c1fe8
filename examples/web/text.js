// Every word the estimator page shows, in Chinese (the default) and English.
// Static labels are keyed by the `data-t` attribute of their element in
// index.html; the rest are called by app.js, some with arguments.
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// The separate index of the 过渡性养老金 (award.transitional_index_rule = separate), as
// each province's rule file names it: the local name, what it is (zh, en).
const TRANSITIONAL_NAME = {
  jiangsu: ["过渡性养老金指数", "江苏按1995年底前的平均缴费指数计算", "Jiangsu: the average index up to 1995-12"],
  henan: ["过渡性养老金平均缴费指数", "", ""],
  shanxi: ["过渡平均缴费指数", "", ""],
  tianjin: ["全部平均工资指数", "天津按包括1998年前各年在内的整个工作期间计算", "Tianjin: over the whole working life, years before 1998 included"],
  zhejiang: ["1997年底前平均缴费指数", "", "Zhejiang: the average index up to the end of 1997"],
};

// Figures of the agency's records a place's transitional pension needs, asked of the
// person: name, label, hint (zh), then name, label, hint (en), by field id.
const RECORD_NAME = {
  "notional-account": ["视同缴费账户额", "视同缴费账户额（虚账实记总额，元）",
    "上海的过渡性养老金加上视同缴费账户额（虚账实记）除以 120（沪人社规〔2021〕27号）；这个数见社保经办机构的个人权益记录或视同缴费核定结果，不清楚可向社保经办机构查询。",
    "notional account (视同缴费账户额)", "Notional account (视同缴费账户额, 虚账实记 total, yuan)",
    "Shanghai's transitional pension adds the notional account over 120; the figure is on your record at the social insurance agency (个人权益记录), or ask the agency."],
  "transitional-pension": ["经办机构核定的过渡性养老金", "过渡性养老金（经办机构核定，元/月）",
    "深圳的过渡性养老金按本市老办法由社保经办机构核定，本计算器不推算；请填社保经办机构核定或预估的月额，不清楚可向社保经办机构查询。",
    "transitional pension as the agency computes it (过渡性养老金)", "Transitional pension as the agency computes it (过渡性养老金, yuan a month)",
    "Shenzhen's transitional pension is set by the social insurance agency under the city's old method, which this calculator does not model; enter the monthly amount the agency gives, or ask the agency."],
  // 广东 (粤府函〔2021〕294号): the weighted years of the transitional pension.
  "deemed-locality": ["视同缴费指数所属地区", "视同缴费指数所属地区（1993年底工作地）",
    "广东的过渡性养老金按1993年底工作所在地的视同缴费指数计算（粤府函〔2021〕294号附表）；请选您1993年底的工作地，见社保经办机构的视同缴费核定结果，不清楚可向社保经办机构查询。",
    "the place of work at the end of 1993 (视同缴费指数所属地区)", "Place of work at the end of 1993 (视同缴费指数所属地区)",
    "Guangdong's transitional pension uses the 视同缴费指数 of your place of work at the end of 1993 (粤府函〔2021〕294号, its tables); choose that place, as the agency's ruling on your deemed years says, or ask the agency."],
  "pre-window-months": ["1993年底前实际缴费月数", "1993年底前实际缴费月数（个月）",
    "广东把1993年底前实际缴费的月数与视同缴费月数一样按视同缴费指数计入过渡性养老金（粤府函〔2021〕294号）；见社保经办机构的个人权益记录，没有就填 0。",
    "months actually paid up to the end of 1993", "Months actually paid up to the end of 1993",
    "Guangdong counts the months actually paid before 1994 like deemed months, at the 视同缴费指数 (粤府函〔2021〕294号); see your record at the social insurance agency (个人权益记录); 0 if none."],
  "window-index-sum": ["1994年1月至1998年6月月缴费指数之和", "1994年1月至1998年6月各月缴费指数之和",
    "广东的过渡性养老金加上1994年1月至1998年6月每个月缴费指数相加的和（粤府函〔2021〕294号）；见社保经办机构的个人权益记录，这段时间没有缴费就填 0。",
    "the sum of the monthly indices 1994-01 to 1998-06", "Sum of the monthly contribution indices, 1994-01 to 1998-06",
    "Guangdong's transitional pension adds the sum of each month's contribution index from 1994-01 to 1998-06 (粤府函〔2021〕294号); see your record at the social insurance agency (个人权益记录); 0 if you paid nothing then."],
  // 北京 (京劳社养发〔2007〕21号): G实, the actual years 1992-10 … 1998-06 at their own index.
  "window-months": ["1992年10月至1998年6月实际缴费月数", "1992年10月至1998年6月实际缴费月数（个月）",
    "北京的过渡性养老金另按1992年10月至1998年6月的实际缴费年限及其平均缴费指数计算一部分（京劳社养发〔2007〕21号）；见社保经办机构的个人权益记录，这段时间没有缴费就填 0。",
    "months actually paid 1992-10 to 1998-06", "Months actually paid, 1992-10 to 1998-06",
    "Beijing's transitional pension has a part for the years actually paid from 1992-10 to 1998-06 at their own average index (京劳社养发〔2007〕21号); see your record at the social insurance agency (个人权益记录); 0 if you paid nothing then."],
  "window-index": ["1992年10月至1998年6月平均缴费指数", "1992年10月至1998年6月平均缴费指数",
    "上一项那段时间各月缴费指数的平均值（京劳社养发〔2007〕21号的 Z实）；见社保经办机构的个人权益记录，没有缴费可不填。",
    "average index 1992-10 to 1998-06 (Z实)", "Average contribution index, 1992-10 to 1998-06 (Z实)",
    "The average contribution index of those months (Z实 of 京劳社养发〔2007〕21号); see your record at the social insurance agency (个人权益记录); leave empty if you paid nothing then."],
};

/** The Chinese name in a rule data title ("郑州过渡性补贴 Zhengzhou transitional subsidy (…)" → 郑州过渡性补贴). */
const zhTitle = (title) => (title ?? "").split(/\s+(?=[A-Za-z(])/)[0].replace(/\s*[（(][^）)]*[A-Za-z][^）)]*[）)]/g, "") || "当地另发待遇";

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
    pensionBase: "计发基数", flatPartBase: "基础养老金均值部分基数（全省计发基数）", averageIndex: "平均缴费指数", yearsN: "缴费年限（年）",
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
    // the planner (退休与缴费规划)
    plannerLegend: "退休与缴费规划（比较不同的退休时间和缴费基数）",
    payer: "今后谁来缴费", payerEmployee: "用人单位职工（单位和个人共同缴费）", payerFlexible: "灵活就业（个人缴全部费用）",
    bases: "比较的缴费基数（社平工资的百分之几）",
    basesHint: "用逗号隔开，例如 60, 100, 300（灵活就业一般可选 60% 到 300%）",
    paidToDate: "已缴个人缴费（元，可不填）", pensionGrowth: "退休后养老金年增长（可不填）",
    plannerHeading: "退休与缴费规划：什么时候退休、按多少基数缴费",
    plannerPensionChart: "不同退休年月的月养老金（每条线一个缴费基数）",
    plannerBreakEvenChart: "回本年龄（领取的养老金累计达到本人缴费的年龄）",
    plannerReal: "按今天的钱画（用上面的物价年涨幅折算）", chartPensionAxisToday: "月养老金 元（折合今天）",
    plannerAt: "按此月退休比较：", plannerTableHeading: "关键月份对比", plannerStatementsHeading: "这些数字的前提",
    atOption: (month, label) => `${month}${label ? `（${label}）` : ""}`,
    atEarliest: "最早", atStatutory: "法定", atLatest: "最晚",
    baseLabel: (pct) => `${pct} 基数`,
    thBaseShare: "缴费基数", thOwnToCome: "个人缴费（今后，元）", thBreakEven: "回本年龄", thLifetime: "预期领取总额（元）",
    thTodayPlan: "月养老金约合今天（元）",
    shortMakeUp: (n, cost) => `否（差 ${n} 个月，补缴约 ${cost} 元）`,
    shortOnly: (n) => `否（差 ${n} 个月）`,
    noBreakEven: "100年内不回本",
    chartPlanLabel: "不同退休年月、不同缴费基数的月养老金",
    chartBreakEvenLabel: (m) => `在${m}退休时，不同缴费基数的回本年龄`,
    chartBreakEvenAt: (age, month) => `${age}（${month}）`,
    plannerLater: ({ later, months, base, more, today }) =>
      `${months === 12 ? "晚退休一年" : `晚退休 ${months} 个月`}（到${later}），按 ${base} 基数每月多领约 ${more} 元` +
      (today ? `（约合今天的 ${today} 元）` : ""),
    plannerLaterShort: ({ later, months, base, short }) =>
      `${months === 12 ? "晚退休一年" : `晚退休 ${months} 个月`}（到${later}），按 ${base} 基数仍差 ${short} 个月，不能按月领取`,
    plannerStatShort: ({ at, base, short, cost }) => `在${at}退休，按 ${base} 基数还差 ${short} 个月，不能按月领取（补缴约 ${cost} 元）`,
    plannerFirstEligible: ({ month, base, total }) => `按 ${base} 基数最早在${month}退休才能按月领取，每月约 ${total} 元`,
    plannerBreakEven: ({ base, age, at }) => `在${at}退休、按 ${base} 基数缴费，约${age}回本`,
    plannerNoBreakEven: ({ base, at }) => `在${at}退休、按 ${base} 基数缴费，100年内不回本`,
    plannerNotEligibleAt: ({ base, at, short }) => `在${at}退休、按 ${base} 基数缴费还差 ${short} 个月，不能按月领取，谈不上回本`,
    plannerSentenceEnd: "。这是按现行规则和所列前提的估算。",
    plannerToday: (rate, year) => `“约合今天”：按物价每年上涨 ${rate} 把退休那年的金额折算到 ${year} 年（本页的显示换算，不是计算引擎的结果）。`,
    plannerNone: "法定退休年月早于测算年份：没有可规划的退休月份。",
    plannerSkipped: "养老金未能测算（见上），规划也无法计算。",
    badBases: (raw) => `“${raw}”不是基数。请填社平工资的百分数，用逗号隔开，例如 60, 100, 300。`,
    tooManyBases: "最多比较 8 个基数。",
    indexOutOfRange: (lo, hi) => `超出本地规则允许的范围：缴费基数只能在社平工资的 ${lo} 到 ${hi} 之间。`,
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
    // a yearly value the rule set lacks, asked of the person (award.average_wage, award.pension_base)
    askWage: (year) => `本地 ${year} 年月平均工资（社平工资，元/月）`,
    askBase: (year) => `本地 ${year} 年养老金计发基数（计发基数，元/月）`,
    askWhy: (place, param) => `本计算器未收录 ${place} 的这一数据。请按当地人社部门公布的数字填写（` +
      (param === "award.average_wage" ? "常见于“社保缴费基数上下限”通知" : "常见于公布“基本养老金计发基数”的通知") + "）。",
    askError: (place, param, year, code) => `按${place}规则测算还缺 ${year} 年的${param === "award.average_wage" ? "社平工资" : "计发基数"}：` +
      `请在“假设”里新出现的一栏填写，再点“测算”。（${code}）`,
    askPlanner: (place, param, year, code) => `按${place}规则无法测算：还缺 ${year} 年的${param === "award.average_wage" ? "社平工资" : "计发基数"}，见上。（${code}）`,
    givenPart: (param, year, value) => `${year} 年${param === "award.average_wage" ? "社平工资" : "计发基数"} ${value} 元/月`,
    givenGrowth: (param, rate) => `${param === "award.average_wage" ? "社平工资" : "计发基数"}每年增长 ${rate}`,
    givenLine: (place, parts, growth) => `您自己填写的${place}数据（本计算器未收录，计算中作为假设）：${parts.join("，")}；` +
      `此后各年按${growth.join("、")} 推算。`,
    // an input about the person only some places' rules need, asked of the person
    needName: (id, prov) => (id === "transitional-index" ? TRANSITIONAL_NAME[prov]?.[0] ?? "过渡性养老金指数"
      : RECORD_NAME[id]?.[0] ?? (id === "region-class" ? "待遇地区" : "在藏工作年限")),
    needLabel: (id, prov) => (id === "transitional-index"
      ? ((name) => (name.includes("过渡") ? name : `${name}（过渡性养老金用）`))(TRANSITIONAL_NAME[prov]?.[0] ?? "过渡性养老金指数")
      : RECORD_NAME[id]?.[1] ?? (id === "region-class" ? "待遇地区（青海）" : "在藏工作年限（年）")),
    needHint: (id, prov) => (id === "transitional-index"
      ? `过渡性养老金使用的指数${TRANSITIONAL_NAME[prov]?.[1] ? `（${TRANSITIONAL_NAME[prov][1]}）` : ""}，不是上面的平均缴费指数；` +
        "见当地社保机构的个人权益记录或视同缴费核定结果，不清楚可向社保经办机构查询。"
      : RECORD_NAME[id]?.[2] ?? (id === "region-class"
        ? "青海省按地区每月增发：西宁地区（含大通、湟中、湟源）12 元，其他地区 13 元（青劳社厅发〔2004〕27号）。请选择您所在的地区。"
        : "西藏的高原补贴按在藏工作年限：满 10 年、15 年、20 年分别按本人指数化月平均缴费工资的 5%、10%、15%（藏劳社办〔2007〕6号）。请填社保经办机构认定的年数。")),
    needOption: (id, value) => ({ xining: "西宁地区（含大通、湟中、湟源）", other: "青海省其他地区" })[value] ?? value,
    // a value of the place's own list by its title in the rule data, Chinese only (广州市 平均)
    choiceTitle: (title) => title.replace(/\s*视同缴费指数.*$/, "").replace(/\s*\([^)]*[A-Za-z][^)]*\)/g, ""),
    choose: "请选择",
    // a local extra whose amount the rules do not hold, asked as the agency computed it
    extraName: (title) => zhTitle(title),
    extraLabel: (title) => `${zhTitle(title)}（经办机构核定，元/月）`,
    extraHint: (title, place) => `${place}对您这种情况另发“${zhTitle(title)}”，但它的计算表本计算器没有找到出处，不作估算；` +
      "请填社保经办机构核定或预估的月额，不清楚可向社保经办机构查询。",
    needError: (place, names, code) => `按${place}规则测算还需要您的${names.join("、")}：请在上面新出现的一栏填写，再点“测算”。（${code}）`,
    needPlanner: (place, names, code) => `按${place}规则无法测算：还需要您的${names.join("、")}，见上。（${code}）`,
    needOutOfRange: (lo, hi) => `超出本地规则允许的范围：指数只能在 ${lo} 到 ${hi} 之间。`,
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
    pensionBase: "Pension base", flatPartBase: "Base of the basic pension's flat half (the province's base)", averageIndex: "Average index", yearsN: "Years counted (N)",
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
    plannerLegend: "Planner (compare retirement months and contribution bases)",
    payer: "Who pays from now on", payerEmployee: "Employee (employer and employee pay)", payerFlexible: "Flexible worker (pays it all)",
    bases: "Bases to compare (% of the average wage)",
    basesHint: "separated by commas, e.g. 60, 100, 300 (flexible workers usually choose 60% to 300%)",
    paidToDate: "Own contributions paid so far (yuan, optional)", pensionGrowth: "Pension growth a year after retirement (optional)",
    plannerHeading: "Planner: when to retire, which base to pay",
    plannerPensionChart: "Monthly pension by retirement month (one line per base)",
    plannerBreakEvenChart: "Break-even age (when the pension received reaches your own contributions)",
    plannerReal: "Draw in today's money (deflated by the price growth above)", chartPensionAxisToday: "pension, yuan of today",
    plannerAt: "Retiring in: ", plannerTableHeading: "Key months compared", plannerStatementsHeading: "What these figures assume",
    atOption: (month, label) => `${month}${label ? ` (${label})` : ""}`,
    atEarliest: "earliest", atStatutory: "statutory", atLatest: "latest",
    baseLabel: (pct) => `${pct} base`,
    thBaseShare: "Base", thOwnToCome: "Own contributions to come (yuan)", thBreakEven: "Break-even age", thLifetime: "Expected total received (yuan)",
    thTodayPlan: "Pension in today's money",
    shortMakeUp: (n, cost) => `no (short by ${n} months; making them up costs about ${cost} yuan)`,
    shortOnly: (n) => `no (short by ${n} months)`,
    noBreakEven: "not within 100 years",
    chartPlanLabel: "monthly pension by retirement month and base",
    chartBreakEvenLabel: (m) => `break-even age by base when retiring in ${m}`,
    chartBreakEvenAt: (age, month) => `${age} (${month})`,
    plannerLater: ({ later, months, base, more, today }) =>
      `Retiring ${months === 12 ? "a year" : `${months} months`} later (in ${later}) at a ${base} base pays about ${more} yuan a month more` +
      (today ? ` (about ${today} in today's money)` : ""),
    plannerLaterShort: ({ later, months, base, short }) =>
      `Retiring ${months === 12 ? "a year" : `${months} months`} later (in ${later}) at a ${base} base is still ${short} months short: no monthly pension`,
    plannerStatShort: ({ at, base, short, cost }) => `Retiring in ${at} at a ${base} base is ${short} months short: no monthly pension (making them up costs about ${cost} yuan)`,
    plannerFirstEligible: ({ month, base, total }) => `at a ${base} base the first month with a monthly pension is ${month}, about ${total} yuan a month`,
    plannerBreakEven: ({ base, age, at }) => `retiring in ${at} and paying at a ${base} base, you break even at about ${age}`,
    plannerNoBreakEven: ({ base, at }) => `retiring in ${at} at a ${base} base, you do not break even within 100 years`,
    plannerNotEligibleAt: ({ base, at, short }) => `retiring in ${at} at a ${base} base is ${short} months short, so there is no break-even`,
    plannerSentenceEnd: ". An estimate under the current rules and the assumptions listed.",
    plannerToday: (rate, year) => `“Today's money”: the amount of the retirement year deflated to ${year} with prices rising ${rate} a year (this page's display conversion, not a figure of the engine).`,
    plannerNone: "The statutory month is before the as-of year: no retirement month to plan.",
    plannerSkipped: "The pension could not be computed (see above), so neither can the plan.",
    badBases: (raw) => `“${raw}” is not a base. Write percentages of the average wage separated by commas, e.g. 60, 100, 300.`,
    tooManyBases: "Compare at most 8 bases.",
    indexOutOfRange: (lo, hi) => `Outside the range the rules allow: a base from ${lo} to ${hi} of the average wage.`,
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
    // a yearly value the rule set lacks, asked of the person (award.average_wage, award.pension_base)
    askWage: (year) => `Local average monthly wage for ${year} (社平工资, yuan a month)`,
    askBase: (year) => `Local pension base for ${year} (计发基数, yuan a month)`,
    askWhy: (place, param) => `This calculator does not hold this figure for ${place}. Enter the number published by the local ` +
      "human resources and social security department (" +
      (param === "award.average_wage" ? "usually in the notice of the contribution base limits, 社保缴费基数上下限" : "usually in the notice of the 基本养老金计发基数") + ").",
    askError: (place, param, year, code) => `The rules of ${place} lack the ${param === "award.average_wage" ? "average wage" : "pension base"} ` +
      `for ${year}: enter it in the new field under the assumptions, then press Estimate. (${code})`,
    askPlanner: (place, param, year, code) => `Cannot compute with the rules of ${place}: the ${param === "award.average_wage" ? "average wage" : "pension base"} ` +
      `for ${year} is missing, see above. (${code})`,
    givenPart: (param, year, value) => `${param === "award.average_wage" ? "average wage" : "pension base"} ${value} yuan a month in ${year}`,
    givenGrowth: (param, rate) => `the ${param === "award.average_wage" ? "average wage" : "pension base"} growing ${rate} a year`,
    givenLine: (place, parts, growth) => `Figures you entered for ${place} (not in this calculator's data; used as assumptions): ${parts.join(", ")}; ` +
      `later years grown with ${growth.join(" and ")}.`,
    // an input about the person only some places' rules need, asked of the person
    needName: (id, prov) => (id === "transitional-index" ? `transitional index (${TRANSITIONAL_NAME[prov]?.[0] ?? "过渡性养老金指数"})`
      : RECORD_NAME[id]?.[3] ?? (id === "region-class" ? "area (待遇地区)" : "years worked in Tibet (在藏工作年限)")),
    needLabel: (id, prov) => (id === "transitional-index" ? `Transitional pension index (${TRANSITIONAL_NAME[prov]?.[0] ?? "过渡性养老金指数"})`
      : RECORD_NAME[id]?.[4] ?? (id === "region-class" ? "Area in Qinghai (待遇地区)" : "Years worked in Tibet (在藏工作年限)")),
    needHint: (id, prov) => (id === "transitional-index"
      ? `The index this place's transitional pension uses${TRANSITIONAL_NAME[prov]?.[2] ? ` (${TRANSITIONAL_NAME[prov][2]})` : ""}, not the ` +
        "average index above; see your record at the local social insurance agency (个人权益记录) or its ruling on your deemed years, or ask the agency."
      : RECORD_NAME[id]?.[5] ?? (id === "region-class"
        ? "Qinghai adds a monthly amount by area: 12 yuan in the Xining area (with Datong, Huangzhong, Huangyuan), 13 yuan elsewhere (青劳社厅发〔2004〕27号). Choose your area."
        : "Tibet's plateau subsidy depends on the years worked in Tibet: 5 %, 10 %, 15 % of the indexed wage after 10, 15, 20 years (藏劳社办〔2007〕6号). Enter the years the agency counts.")),
    needOption: (id, value) => ({ xining: "Xining area (with Datong, Huangzhong, Huangyuan)", other: "elsewhere in Qinghai" })[value] ?? value,
    choiceTitle: (title) => title.replace(/\s*视同缴费指数.*$/, ""),
    choose: "Choose",
    extraName: (title) => `the local extra ${title || "of unknown amount"}`,
    extraLabel: (title) => `${title || "Local extra"} (as the agency computes it, yuan a month)`,
    extraHint: (title, place) => `${place} pays this extra in your case, but its table has no source this calculator found, so it is not estimated; ` +
      "enter the monthly amount the social insurance agency gives, or ask the agency.",
    needError: (place, names, code) => `The rules of ${place} also need your ${names.join(" and ")}: enter it in the new field above, then press Estimate. (${code})`,
    needPlanner: (place, names, code) => `Cannot compute with the rules of ${place}: your ${names.join(" and ")} is needed, see above. (${code})`,
    needOutOfRange: (lo, hi) => `Outside the range the rules allow: an index from ${lo} to ${hi}.`,
    nothingToEstimate: "The statutory month is before the as-of year: nothing to estimate.",
    engineFailed: (why) => `The engine failed to load: ${why}`,
  },
};
