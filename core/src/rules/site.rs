//! The rules explorer (规则浏览): a static site generated from the rule
//! data — an index of every rule set, one page per rule set with its
//! parameters grouped and the value in force, and one page per parameter
//! with the value in force, the dated history (each value with its legal
//! source, where it was seen, confidence and 预发 flag), a chart of numeric
//! series (inline SVG, no script) and what the set's own layer overrides of
//! the set it extends (and, given a previous release, what changed since).
//!
//! Pure: it returns the files as (relative path, text); the caller writes
//! them (`pension-rules rules site OUT/`, the HTTP service at `/`). Every
//! link is relative, so the folder works from `file://` and from a web
//! server. Search is a small script over a generated index
//! (`assets/search-index.js`, also `search-index.json`), nothing external.
//!
//! ```
//! use pension_rules::rules::{RuleSet, site::{site, SiteSet}};
//! let rs = RuleSet::embedded("cn/national").unwrap();
//! let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
//! let set = SiteSet { id: rs.id().to_string(), origin: "embedded".into(),
//!     rules: Ok(rs.clone()), base: None, previous: None };
//! let pages = site(&[set], date);
//! assert!(pages.iter().any(|p| p.path == "sets/cn/national/index.html"));
//! assert_eq!(pages.iter().filter(|p| p.path.starts_with("sets/cn/national/") && p.path != "sets/cn/national/index.html").count(),
//!            rs.params().len());
//! ```

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use super::RuleSet;
use super::diff::{Change, RuleDiff, Status, diff};
use super::model::{Confidence, Entries, Param, Provenance};

/// One rule set to put on the site.
#[derive(Debug, Clone)]
pub struct SiteSet {
    /// Its id.
    pub id: String,
    /// Where it comes from (shipped with the library, or a rules directory).
    pub origin: String,
    /// The set, or why it does not load.
    pub rules: Result<RuleSet, String>,
    /// The set it extends (its layer below), to show what it overrides.
    pub base: Option<RuleSet>,
    /// The same set in a previous release, to show what changed since.
    pub previous: Option<RuleSet>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePage {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Its text (UTF-8).
    pub body: String,
}

/// One search-index entry (`search-index.json`).
#[derive(Debug, Clone, Serialize)]
pub struct SearchEntry {
    /// Rule-set id.
    pub set: String,
    /// Parameter path (`award.pension_base`); empty for the set itself.
    pub param: String,
    /// Chinese/English title.
    pub title: String,
    /// The page, relative to the site root.
    pub url: String,
}

/// The site for `sets`, values in force on `as_of`.
pub fn site(sets: &[SiteSet], as_of: NaiveDate) -> Vec<SitePage> {
    let mut pages = vec![];
    let mut index = vec![];
    for s in sets {
        let Ok(rs) = &s.rules else { continue };
        index.push(SearchEntry {
            set: s.id.clone(),
            param: String::new(),
            title: top_title(rs),
            url: set_url(&s.id),
        });
        let overrides = s.base.as_ref().map(|b| diff(b, rs));
        let since = s.previous.as_ref().map(|p| diff(p, rs));
        pages.push(SitePage {
            path: set_url(&s.id),
            body: set_page(s, rs, as_of, overrides.as_ref(), since.as_ref()),
        });
        for (name, p) in rs.params() {
            index.push(SearchEntry {
                set: s.id.clone(),
                param: name.clone(),
                title: p.title.clone().unwrap_or_default(),
                url: param_url(&s.id, name),
            });
            pages.push(SitePage {
                path: param_url(&s.id, name),
                body: param_page(s, rs, name, p, as_of, overrides.as_ref(), since.as_ref()),
            });
        }
    }
    pages.push(SitePage {
        path: "index.html".into(),
        body: index_page(sets, as_of),
    });
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "[]".into());
    pages.push(SitePage {
        path: "assets/search-index.js".into(),
        body: format!("window.PENSION_RULES_INDEX = {json};\n"),
    });
    pages.push(SitePage {
        path: "search-index.json".into(),
        body: json,
    });
    pages.push(SitePage {
        path: "assets/site.css".into(),
        body: CSS.into(),
    });
    pages.push(SitePage {
        path: "assets/search.js".into(),
        body: SEARCH_JS.into(),
    });
    pages
}

/// The page of rule set `id`, relative to the site root.
pub fn set_url(id: &str) -> String {
    format!("sets/{}/index.html", slug_path(id))
}

/// The page of parameter `name` of rule set `id`, relative to the site root.
pub fn param_url(id: &str, name: &str) -> String {
    format!("sets/{}/{}.html", slug_path(id), slug(name))
}

/// A path segment safe in a file name and a URL: ASCII letters, digits,
/// `.`, `_` and `-` kept, every other byte as `~XX`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-' {
            out.push(b as char);
        } else {
            let _ = write!(out, "~{b:02X}");
        }
    }
    out
}

fn slug_path(id: &str) -> String {
    id.split('/').map(slug).collect::<Vec<_>>().join("/")
}

/// `../` as many times as `path` is deep.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text with its web addresses made links: `http(s)://…`, and a bare
/// address of a `.cn`/`.com`/`.org`/`.net` host (`gov.cn/zhengce/…`, as
/// the rule data writes where a value was seen) as `https://…`.
fn linkify(s: &str) -> String {
    const DELIMS: &str = "()（），,;；\"'<>、】【》《";
    let mut out = String::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || DELIMS.contains(c) {
            out.push_str(&link_token(&s[start..i]));
            out.push_str(&esc(&c.to_string()));
            start = i + c.len_utf8();
        }
    }
    out.push_str(&link_token(&s[start..]));
    out
}

fn link_token(t: &str) -> String {
    let url = t.trim_end_matches(['.', '。', ':', '：']);
    let rest = &t[url.len()..];
    let href = if url.starts_with("http://") || url.starts_with("https://") {
        url.to_string()
    } else if looks_like_host(url) {
        format!("https://{url}")
    } else {
        return esc(t);
    };
    format!(
        "<a href=\"{}\" rel=\"noopener\">{}</a>{}",
        esc(&href),
        esc(url),
        esc(rest)
    )
}

fn looks_like_host(t: &str) -> bool {
    let host = t.split('/').next().unwrap_or("");
    host.contains('.')
        && host.starts_with(|c: char| c.is_ascii_alphanumeric())
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && [".cn", ".com", ".org", ".net"]
            .iter()
            .any(|tld| host.ends_with(tld))
}

fn top_title(rs: &RuleSet) -> String {
    rs.layers()
        .last()
        .and_then(|l| l.title.clone())
        .unwrap_or_default()
}

fn page(path: &str, title: &str, main: &str, as_of: NaiveDate) -> String {
    let root = root_of(path);
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t}</title>\n<link rel=\"stylesheet\" href=\"{root}assets/site.css\">\n</head>\n<body>\n\
         <header><a href=\"{root}index.html\">养老保险规则浏览 Rules explorer</a></header>\n\
         <main>\n{main}</main>\n<footer>生成自规则数据 Generated from the rule data · \
         现行值日期 values in force on {as_of} · pension-rules {v}</footer>\n</body>\n</html>\n",
        t = esc(title),
        v = env!("CARGO_PKG_VERSION"),
    )
}

fn index_page(sets: &[SiteSet], as_of: NaiveDate) -> String {
    let mut m = String::new();
    m.push_str("<h1>规则集 Rule sets</h1>\n");
    m.push_str(
        "<div class=\"search\"><label for=\"q\">搜索参数 Search parameters</label> \
         <input id=\"q\" type=\"search\" autocomplete=\"off\" \
         placeholder=\"计发基数 shaanxi, award.pension_base …\">\
         <ol id=\"results\"></ol></div>\n",
    );
    m.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th>规则集 id</th><th>名称 title</th>\
         <th>版本 version</th><th>哈希 hash</th><th>地区 region</th><th>继承 extends</th>\
         <th>来源 origin</th></tr></thead>\n<tbody>\n",
    );
    for s in sets {
        match &s.rules {
            Ok(rs) => {
                let extends = rs
                    .layers()
                    .iter()
                    .rev()
                    .nth(1)
                    .map(|l| {
                        if sets.iter().any(|o| o.id == l.id && o.rules.is_ok()) {
                            format!("<a href=\"{}\">{}</a>", set_url(&l.id), esc(&l.id))
                        } else {
                            esc(&l.id)
                        }
                    })
                    .unwrap_or_else(|| "—".into());
                let region = rs.layers().last().and_then(|l| l.region.clone());
                let _ = writeln!(
                    m,
                    "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td>\
                     <td><code title=\"sha256:{h}\">{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    set_url(&s.id),
                    esc(&s.id),
                    esc(&top_title(rs)),
                    esc(rs.version()),
                    &rs.hash()[..12.min(rs.hash().len())],
                    esc(region.as_deref().unwrap_or("—")),
                    extends,
                    esc(&s.origin),
                    h = rs.hash(),
                );
            }
            Err(e) => {
                let _ = writeln!(
                    m,
                    "<tr class=\"bad\"><td>{}</td><td colspan=\"6\">无法加载 does not load: {}</td></tr>",
                    esc(&s.id),
                    esc(e)
                );
            }
        }
    }
    m.push_str("</tbody></table></div>\n");
    m.push_str(
        "<script src=\"assets/search-index.js\"></script>\n<script src=\"assets/search.js\"></script>\n",
    );
    page("index.html", "养老保险规则浏览 Rules explorer", &m, as_of)
}

/// The first segment of a parameter path (`award` of `award.pension_base`).
fn group(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

fn group_title(g: &str) -> &'static str {
    match g {
        "contribution" => "缴费 contribution",
        "account" => "个人账户 individual account",
        "award" => "待遇核定 award",
        "retirement" => "退休年龄 retirement",
        "adjustment" => "待遇调整 adjustment",
        "survivor" => "遗属待遇 survivor benefits",
        "transfer" => "关系转移 transfer",
        "rounding" => "舍入 rounding",
        "life" => "生命表 life tables",
        _ => "",
    }
}

/// The value in force on `as_of`, short: for yearly series the latest
/// year on or before it, for tables the number of rows.
fn in_force_short(rs: &RuleSet, name: &str, as_of: NaiveDate) -> String {
    let Some(p) = rs.param(name) else {
        return String::new();
    };
    let r = super::snapshot::resolve_param(name, p, as_of, None);
    match &p.entries {
        Entries::Yearly(_) => r
            .values
            .iter()
            .rev()
            .find(|v| {
                v.key
                    .as_deref()
                    .and_then(|k| k.parse::<i32>().ok())
                    .is_some_and(|y| y <= as_of.year())
            })
            .or(r.values.last())
            .map(|v| {
                format!(
                    "{}: {}{}",
                    v.key.as_deref().unwrap_or(""),
                    v.value,
                    if v.provenance.provisional {
                        " (预发)"
                    } else {
                        ""
                    }
                )
            })
            .unwrap_or_default(),
        Entries::Table(_) if r.values.len() > 1 => format!("{} 行 rows", r.values.len()),
        _ => r
            .values
            .first()
            .map(|v| match &v.key {
                Some(k) => format!("{k}: {}", v.value),
                None => v.value.clone(),
            })
            .unwrap_or_else(|| "—".into()),
    }
}

fn set_page(
    s: &SiteSet,
    rs: &RuleSet,
    as_of: NaiveDate,
    overrides: Option<&RuleDiff>,
    since: Option<&RuleDiff>,
) -> String {
    let path = set_url(&s.id);
    let mut m = String::new();
    let _ = writeln!(
        m,
        "<h1>{} <small>{}</small></h1>",
        esc(&s.id),
        esc(&top_title(rs))
    );
    let _ = writeln!(
        m,
        "<dl><dt>版本 version</dt><dd>{}</dd><dt>哈希 hash</dt><dd><code>sha256:{}</code></dd>\
         <dt>层 layers</dt><dd>{}</dd><dt>来源 origin</dt><dd>{}</dd></dl>",
        esc(rs.version()),
        rs.hash(),
        esc(&rs
            .layers()
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(" → ")),
        esc(&s.origin)
    );
    if let Some(d) = rs.layers().last().and_then(|l| l.description.clone()) {
        let _ = writeln!(m, "<p class=\"note\">{}</p>", linkify(&d));
    }
    if let Some(d) = overrides {
        let _ = writeln!(
            m,
            "<h2>本层覆盖 What this set overrides of {} ({} 个参数 parameters)</h2>",
            esc(&d.a.id),
            d.params.len()
        );
        diff_list(&mut m, &s.id, d);
    }
    if let Some(d) = since {
        let _ = writeln!(
            m,
            "<h2>版本变化 Changes since version {} ({} 个参数 parameters)</h2>",
            esc(&d.a.version),
            d.params.len()
        );
        diff_list(&mut m, &s.id, d);
    }
    let mut current = "";
    for (name, p) in rs.params() {
        let g = group(name);
        if g != current {
            if !current.is_empty() {
                m.push_str("</tbody></table></div>\n");
            }
            current = g;
            let _ = writeln!(
                m,
                "<h2 id=\"{g}\">{} <code>{}</code></h2>\n<div class=\"scroll\"><table>\
                 <thead><tr><th>参数 parameter</th><th>名称 title</th><th>现行值 in force</th></tr></thead><tbody>",
                group_title(g),
                esc(g)
            );
        }
        let own = overrides.is_some_and(|d| d.params.iter().any(|pd| &pd.name == name));
        let _ = writeln!(
            m,
            "<tr><td><a href=\"{}\">{}</a>{}</td><td>{}</td><td>{}{}</td></tr>",
            slug(name) + ".html",
            esc(name),
            if own {
                " <span class=\"tag\">本层 own</span>"
            } else {
                ""
            },
            esc(p.title.as_deref().unwrap_or("")),
            esc(&in_force_short(rs, name, as_of)),
            p.unit
                .as_deref()
                .map(|u| format!(" <small>{}</small>", esc(u)))
                .unwrap_or_default()
        );
    }
    if !current.is_empty() {
        m.push_str("</tbody></table></div>\n");
    }
    page(&path, &format!("{} {}", s.id, top_title(rs)), &m, as_of)
}

fn diff_list(m: &mut String, _id: &str, d: &RuleDiff) {
    if d.params.is_empty() {
        m.push_str("<p>无 none</p>\n");
        return;
    }
    m.push_str("<ul class=\"diff\">\n");
    for pd in &d.params {
        let _ = writeln!(
            m,
            "<li><a href=\"{}.html\">{}</a> {} — {} ({} 处 entries)</li>",
            slug(&pd.name),
            esc(&pd.name),
            esc(pd.title.as_deref().unwrap_or("")),
            status_label(pd.status),
            pd.changes.len()
        );
    }
    m.push_str("</ul>\n");
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Added => "新增 added",
        Status::Removed => "删除 removed",
        Status::Changed => "变更 changed",
    }
}

fn confidence(c: Option<Confidence>) -> &'static str {
    match c {
        Some(Confidence::H) => "H 高",
        Some(Confidence::M) => "M 中",
        Some(Confidence::L) => "L 低",
        None => "—",
    }
}

/// The source cells of a history row: source, seen, confidence, 预发, origin.
fn provenance_cells(p: &Provenance) -> String {
    let mut src = linkify(&p.source);
    if let Some(n) = &p.note {
        let _ = write!(src, "<div class=\"note\">{}</div>", linkify(n));
    }
    for a in &p.alternatives {
        let _ = write!(
            src,
            "<div class=\"alt\">另一读法 alternative: {}{} — {}{}</div>",
            a.key.map(|k| format!("{k}: ")).unwrap_or_default(),
            esc(&a.value),
            linkify(&a.source),
            a.note
                .as_deref()
                .map(|n| format!(" ({})", linkify(n)))
                .unwrap_or_default()
        );
    }
    format!(
        "<td class=\"src\">{src}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}:{}</code></td>",
        p.seen.as_deref().map(linkify).unwrap_or_default(),
        confidence(p.confidence),
        if p.provisional {
            "<span class=\"tag prov\">预发 provisional</span>"
        } else {
            ""
        },
        p.published.map(|d| d.to_string()).unwrap_or_default(),
        esc(&p.origin.file),
        p.origin.line
    )
}

const HISTORY_HEAD: &str = "<th>来源 source</th><th>出处 seen</th><th>可信度 confidence</th>\
    <th>预发 provisional</th><th>公布 published</th><th>文件 file</th>";

fn history(m: &mut String, p: &Param) {
    m.push_str("<div class=\"scroll\"><table class=\"history\">\n<thead><tr>");
    match &p.entries {
        Entries::Dated(v) => {
            let _ = write!(
                m,
                "<th>起 from</th><th>止 until</th><th>值 value</th>{HISTORY_HEAD}</tr></thead><tbody>"
            );
            for e in v {
                let _ = writeln!(
                    m,
                    "<tr><td>{}</td><td>{}</td><td class=\"v\">{}</td>{}</tr>",
                    e.from,
                    e.until.map(|u| u.to_string()).unwrap_or_default(),
                    esc(&e.value.to_string()),
                    provenance_cells(&e.provenance)
                );
            }
        }
        Entries::Yearly(v) => {
            let _ = write!(
                m,
                "<th>年 year</th><th>值 value</th>{HISTORY_HEAD}</tr></thead><tbody>"
            );
            for e in v {
                let _ = writeln!(
                    m,
                    "<tr><td>{}</td><td class=\"v\">{}</td>{}</tr>",
                    e.year,
                    esc(&e.value.to_string()),
                    provenance_cells(&e.provenance)
                );
            }
        }
        Entries::Table(v) => {
            let _ = write!(
                m,
                "<th>起 from</th><th>止 until</th><th>行 rows</th>{HISTORY_HEAD}</tr></thead><tbody>"
            );
            for t in v {
                let rows: Vec<String> = t
                    .rows
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", esc(&v.to_string())))
                    .collect();
                let _ = writeln!(
                    m,
                    "<tr><td>{}</td><td>{}</td><td class=\"v rows\">{}</td>{}</tr>",
                    t.from,
                    t.until.map(|u| u.to_string()).unwrap_or_default(),
                    rows.join("<br>"),
                    provenance_cells(&t.provenance)
                );
            }
        }
        Entries::Schedule(v) => {
            let _ = write!(
                m,
                "<th>起 from</th><th>止 until</th><th>原年龄 original age · 延迟 rise</th>{HISTORY_HEAD}</tr></thead><tbody>"
            );
            for s in v {
                let rise = s
                    .rise
                    .map(|r| {
                        format!(
                            "; 自 from birth {}: +1 月 month per {} 月 months, up to +{} → {}",
                            r.start_birth, r.step_months, r.max_delay_months, r.final_age
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    m,
                    "<tr><td>{}</td><td>{}</td><td class=\"v\">{}{}</td>{}</tr>",
                    s.from,
                    s.until.map(|u| u.to_string()).unwrap_or_default(),
                    s.original_age,
                    esc(&rise),
                    provenance_cells(&s.provenance)
                );
            }
        }
    }
    m.push_str("</tbody></table></div>\n");
}

/// A point of a chart: position on the time axis (years), value, label,
/// and whether it is a provisional (预发) value.
struct Point {
    x: Decimal,
    y: Decimal,
    label: String,
    provisional: bool,
}

fn points(p: &Param) -> Vec<Point> {
    match &p.entries {
        Entries::Yearly(v) => v
            .iter()
            .filter_map(|e| {
                Some(Point {
                    x: Decimal::from(e.year),
                    y: e.value.as_decimal()?,
                    label: format!("{}: {}", e.year, e.value),
                    provisional: e.provenance.provisional,
                })
            })
            .collect(),
        Entries::Dated(v) => v
            .iter()
            .filter_map(|e| {
                Some(Point {
                    x: Decimal::from(e.from.year())
                        + Decimal::from(e.from.ordinal0()) / Decimal::from(366),
                    y: e.value.as_decimal()?,
                    label: format!("{}: {}", e.from, e.value),
                    provisional: e.provenance.provisional,
                })
            })
            .collect(),
        _ => vec![],
    }
}

/// A line chart of a numeric series (inline SVG; provisional values as
/// hollow points), or nothing for fewer than two points.
fn chart(p: &Param, title: &str) -> String {
    let pts = points(p);
    if pts.len() < 2 {
        return String::new();
    }
    let (w, h, pad) = (Decimal::from(640), Decimal::from(240), Decimal::from(40));
    let min_x = pts.iter().map(|p| p.x).min().unwrap_or_default();
    let max_x = pts.iter().map(|p| p.x).max().unwrap_or_default();
    let min_y = pts.iter().map(|p| p.y).min().unwrap_or_default();
    let max_y = pts.iter().map(|p| p.y).max().unwrap_or_default();
    let span = |a: Decimal, b: Decimal| if b > a { b - a } else { Decimal::ONE };
    let sx = |x: Decimal| {
        (pad + (x - min_x) / span(min_x, max_x) * (w - pad * Decimal::TWO)).round_dp(1)
    };
    let sy = |y: Decimal| {
        (h - pad - (y - min_y) / span(min_y, max_y) * (h - pad * Decimal::TWO)).round_dp(1)
    };
    let mut s = format!(
        "<figure class=\"chart\"><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        esc(title)
    );
    let _ = writeln!(
        s,
        "<line x1=\"{pad}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" class=\"axis\"/><line x1=\"{pad}\" y1=\"{pad}\" x2=\"{pad}\" y2=\"{b}\" class=\"axis\"/>",
        b = h - pad,
        r = w - pad
    );
    let line: Vec<String> = pts
        .iter()
        .filter(|p| !p.provisional)
        .map(|p| format!("{},{}", sx(p.x), sy(p.y)))
        .collect();
    let _ = writeln!(
        s,
        "<polyline points=\"{}\" class=\"line\"/>",
        line.join(" ")
    );
    for p in &pts {
        let _ = writeln!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" class=\"{}\"><title>{}{}</title></circle>",
            sx(p.x),
            sy(p.y),
            if p.provisional { "pt prov" } else { "pt" },
            esc(&p.label),
            if p.provisional { " (预发)" } else { "" }
        );
    }
    let first = pts
        .iter()
        .min_by_key(|p| p.x)
        .map(|p| p.x.trunc())
        .unwrap_or_default();
    let last = pts
        .iter()
        .max_by_key(|p| p.x)
        .map(|p| p.x.trunc())
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "<text x=\"{pad}\" y=\"{}\" class=\"lbl\">{first}</text><text x=\"{}\" y=\"{}\" class=\"lbl\" text-anchor=\"end\">{last}</text>\
         <text x=\"{}\" y=\"{}\" class=\"lbl\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{}\" class=\"lbl\" text-anchor=\"end\">{}</text>",
        h - pad + Decimal::from(16),
        w - pad,
        h - pad + Decimal::from(16),
        pad - Decimal::from(4),
        sy(min_y),
        min_y.normalize(),
        pad - Decimal::from(4),
        sy(max_y) + Decimal::from(4),
        max_y.normalize(),
    );
    s.push_str("</svg><figcaption>空心点为预发值 hollow points: provisional (预发) values</figcaption></figure>\n");
    s
}

fn changes_table(m: &mut String, changes: &[Change]) {
    m.push_str(
        "<div class=\"scroll\"><table class=\"diff\"><thead><tr><th>条目 entry</th><th>状态 status</th>\
         <th>之前 before</th><th>之后 after</th></tr></thead><tbody>\n",
    );
    for c in changes {
        let side = |s: &Option<super::diff::Side>| {
            s.as_ref()
                .map(|s| {
                    format!(
                        "<span class=\"v\">{}</span>{}<div class=\"src\">{}</div>",
                        esc(&s.value),
                        if s.provenance.provisional {
                            " <span class=\"tag prov\">预发</span>"
                        } else {
                            ""
                        },
                        linkify(&s.provenance.source)
                    )
                })
                .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            m,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.key),
            status_label(c.status),
            side(&c.before),
            side(&c.after)
        );
    }
    m.push_str("</tbody></table></div>\n");
}

fn param_page(
    s: &SiteSet,
    rs: &RuleSet,
    name: &str,
    p: &Param,
    as_of: NaiveDate,
    overrides: Option<&RuleDiff>,
    since: Option<&RuleDiff>,
) -> String {
    let path = param_url(&s.id, name);
    let title = p.title.clone().unwrap_or_default();
    let mut m = String::new();
    let _ = writeln!(
        m,
        "<nav><a href=\"index.html\">{} {}</a> › <code>{}</code></nav>",
        esc(&s.id),
        esc(&top_title(rs)),
        esc(name)
    );
    let _ = writeln!(
        m,
        "<h1>{}</h1>\n<p><code class=\"path\">{}</code>{}</p>",
        esc(if title.is_empty() { name } else { &title }),
        esc(name),
        p.unit
            .as_deref()
            .map(|u| format!(" · 单位 unit: {}", esc(u)))
            .unwrap_or_default()
    );
    if let Some(n) = &p.note {
        let _ = writeln!(m, "<p class=\"note\">{}</p>", linkify(n));
    }
    let own = overrides.and_then(|d| d.params.iter().find(|pd| pd.name == name));
    if let Some(d) = overrides {
        let _ = writeln!(
            m,
            "<p class=\"layer\">{}</p>",
            if own.is_some() {
                format!(
                    "本层设定 Set or changed by this rule set (over {})",
                    esc(&d.a.id)
                )
            } else {
                format!("继承自 Inherited from {} unchanged", esc(&d.a.id))
            }
        );
    }
    // The value in force.
    let _ = writeln!(m, "<h2>现行值 Value in force on {as_of}</h2>");
    let r = super::snapshot::resolve_param(name, p, as_of, None);
    if r.values.is_empty() {
        m.push_str("<p>无现行值 no value in force</p>\n");
    } else {
        m.push_str("<div class=\"scroll\"><table class=\"inforce\"><thead><tr><th>键 key</th><th>值 value</th><th>起 from</th>");
        m.push_str(HISTORY_HEAD);
        m.push_str("</tr></thead><tbody>\n");
        for v in &r.values {
            let _ = writeln!(
                m,
                "<tr><td>{}</td><td class=\"v\">{}</td><td>{}</td>{}</tr>",
                esc(v.key.as_deref().unwrap_or("")),
                esc(&v.value),
                v.from.map(|f| f.to_string()).unwrap_or_default(),
                provenance_cells(&v.provenance)
            );
        }
        m.push_str("</tbody></table></div>\n");
    }
    let c = chart(p, &title);
    if !c.is_empty() {
        m.push_str("<h2>走势 Chart</h2>\n");
        m.push_str(&c);
    }
    m.push_str("<h2>历史 History</h2>\n");
    history(&mut m, p);
    if let (Some(d), Some(pd)) = (overrides, own) {
        let _ = writeln!(
            m,
            "<h2>与 {} 的差异 Differences from {} — {}</h2>",
            esc(&d.a.id),
            esc(&d.a.id),
            status_label(pd.status)
        );
        changes_table(&mut m, &pd.changes);
    }
    if let Some(d) = since {
        let _ = writeln!(
            m,
            "<h2>自版本 {} 的变化 Changes since version {}</h2>",
            esc(&d.a.version),
            esc(&d.a.version)
        );
        match d.params.iter().find(|pd| pd.name == name) {
            Some(pd) => changes_table(&mut m, &pd.changes),
            None => m.push_str("<p>无 none</p>\n"),
        }
    }
    page(&path, &format!("{title} {name} — {}", s.id), &m, as_of)
}

const CSS: &str = r#"* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #1b1b1b; background: #fff; }
header { background: #0b4f6c; padding: .6rem 1rem; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { color: #666; font-size: .8rem; padding: 1rem; border-top: 1px solid #ddd; }
h1 small { color: #555; font-weight: 400; font-size: .7em; }
a { color: #0b5cad; }
code { font-size: .9em; word-break: break-all; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f6f8; font-weight: 600; white-space: nowrap; }
td.v { font-variant-numeric: tabular-nums; white-space: nowrap; font-weight: 600; }
td.rows { white-space: normal; max-width: 14rem; }
td.src { min-width: 16rem; }
.note, .alt { color: #444; font-size: .9em; }
.tag { display: inline-block; padding: 0 .3rem; border-radius: 3px; background: #e7eef3; font-size: .8em; }
.tag.prov { background: #fff0c2; }
tr.bad td { background: #fde8e8; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; word-break: break-all; }
.search input { width: 100%; max-width: 32rem; padding: .4rem; font-size: 1rem; }
.search ol { padding-left: 1.4rem; }
figure.chart { margin: 0 0 1rem; max-width: 44rem; }
figure.chart svg { width: 100%; height: auto; }
.axis { stroke: #999; }
.line { fill: none; stroke: #0b5cad; stroke-width: 2; }
.pt { fill: #0b5cad; }
.pt.prov { fill: #fff; stroke: #c47f00; stroke-width: 2; }
.lbl { font-size: 11px; fill: #555; }
figcaption { font-size: .8rem; color: #666; }
@media (max-width: 600px) { main { padding: .5rem; } th, td { padding: .2rem .3rem; } }
"#;

const SEARCH_JS: &str = r#"// Search over the generated index (assets/search-index.js): every word
// typed must appear in the rule-set id, the parameter path or its title.
(function () {
  "use strict";
  var index = window.PENSION_RULES_INDEX || [];
  var q = document.getElementById("q");
  var out = document.getElementById("results");
  if (!q || !out) return;
  function run() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    out.textContent = "";
    if (!words.length) return;
    var hits = index.filter(function (e) {
      var text = (e.set + " " + e.param + " " + e.title).toLowerCase();
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    hits.slice(0, 50).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.url;
      a.textContent = e.set + (e.param ? " · " + e.param : "");
      li.appendChild(a);
      if (e.title) li.appendChild(document.createTextNode(" " + e.title));
      out.appendChild(li);
    });
    if (hits.length > 50) {
      var more = document.createElement("li");
      more.textContent = "… " + (hits.length - 50) + " more / 更多";
      out.appendChild(more);
    }
    if (!hits.length) {
      var none = document.createElement("li");
      none.textContent = "无结果 no match";
      out.appendChild(none);
    }
  }
  q.addEventListener("input", run);
  run();
})();
"#;
