//! The rules explorer (`rules::site`, `api::site`) for the shipped rule
//! sets: one page per rule set and per parameter, every relative link
//! resolving to a generated page, the search index naming every parameter,
//! and known values with their sources on their pages.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use pension_rules::api;
use pension_rules::rules::RuleSet;
use pension_rules::rules::site::{param_url, set_url};

/// The site of the shipped sets on 2026-01-01, generated once.
fn pages() -> &'static BTreeMap<String, String> {
    static PAGES: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| {
        let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        api::site(None, None, date)
            .into_iter()
            .map(|p| (p.path, p.body))
            .collect()
    })
}

#[test]
fn one_page_per_rule_set_and_per_parameter() {
    let pages = pages();
    let ids = RuleSet::embedded_ids();
    assert!(ids.len() >= 32, "31 provinces and the national set");
    let mut expected = BTreeSet::new();
    for id in &ids {
        let rs = RuleSet::embedded(id).unwrap();
        expected.insert(set_url(id));
        let set_page = &pages[&set_url(id)];
        assert!(set_page.contains(rs.version()), "{id}: version shown");
        assert!(set_page.contains(rs.hash()), "{id}: hash shown");
        for name in rs.params().keys() {
            let url = param_url(id, name);
            let page = pages.get(&url).unwrap_or_else(|| panic!("no page {url}"));
            assert!(
                page.contains(&format!("<code class=\"path\">{name}</code>")),
                "{url}"
            );
            expected.insert(url);
        }
    }
    let html: BTreeSet<String> = pages
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "index.html")
        .cloned()
        .collect();
    assert_eq!(html, expected, "exactly one page per set and per parameter");
    let index = &pages["index.html"];
    for id in &ids {
        assert!(
            index.contains(&format!("href=\"{}\"", set_url(id))),
            "{id} on the index"
        );
    }
}

/// Every relative `href`/`src` of every page names a generated file.
#[test]
fn every_relative_link_resolves() {
    let pages = pages();
    let mut checked = 0;
    for (path, body) in pages {
        if !path.ends_with(".html") {
            continue;
        }
        let dir: Vec<&str> = path.split('/').collect();
        let dir = &dir[..dir.len() - 1];
        for attr in ["href=\"", "src=\""] {
            for piece in body.split(attr).skip(1) {
                let target = &piece[..piece.find('"').unwrap()];
                if target.starts_with("http") || target.starts_with('#') {
                    continue;
                }
                let mut parts: Vec<&str> = dir.to_vec();
                for seg in target.split('/') {
                    match seg {
                        ".." => {
                            assert!(parts.pop().is_some(), "{path}: {target} leaves the site");
                        }
                        s => parts.push(s),
                    }
                }
                let resolved = parts.join("/");
                assert!(
                    pages.contains_key(&resolved),
                    "{path}: {target} → {resolved} missing"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5000, "{checked} links checked");
}

#[test]
fn shaanxi_pension_base_page_shows_the_2025_base_with_its_source_and_the_provisional_value() {
    let pages = pages();
    let page = &pages[&param_url("cn/shaanxi", "award.pension_base")];
    assert!(page.contains("<h1>养老金计发基数 pension base (monthly)"));
    // The final 2025 base and its source (rules/cn/shaanxi/award.toml).
    assert!(page.contains("<td>2025</td><td class=\"v\">7881</td>"));
    assert!(page.contains("陕西省人社厅 2025年企业职工基本养老金计发基数"));
    // The 预发 value paid before it, flagged, with its approval-sheet source.
    assert!(
        page.contains(
            "<td>2025</td><td class=\"v\">7727</td><td class=\"src\">预发: the 2025 base"
        )
    );
    assert!(page.contains("<span class=\"tag prov\">预发 provisional</span>"));
    // Confidence of the 2024 value (H), the chart, the override of cn/national.
    assert!(page.contains("<td>2024</td><td class=\"v\">7727</td>"));
    assert!(page.contains("H 高"));
    assert!(page.contains("<svg viewBox"));
    assert!(page.contains(
        "<circle cx=\"600\" cy=\"102.9\" r=\"4\" class=\"pt prov\"><title>2025: 7727 (预发)</title>"
    ));
    assert!(page.contains("Differences from cn/national"));
    assert!(page.contains("rules/cn/shaanxi/award.toml:"));
}

#[test]
fn national_credit_rate_page_cites_the_document_number_and_links_where_it_was_seen() {
    let pages = pages();
    let page = &pages[&param_url("cn/national", "account.credit_rate")];
    // In force on 2026-01-01: 8 % since 2006 (国发〔2005〕38号), 11 % before.
    let in_force = &page[page.find("Value in force").unwrap()..page.find("History").unwrap()];
    assert!(in_force.contains("<td class=\"v\">0.08</td><td>2006-01-01</td>"));
    assert!(in_force.contains("国发〔2005〕38号 第四条"));
    assert!(page.contains("<td>1998-01-01</td><td></td><td class=\"v\">0.11</td>"));
    assert!(page.contains("国发〔1997〕26号 第四条"));
    assert!(page.contains(
        "<a href=\"https://gov.cn/zhengce/zhengceku/2008-03/28/content_7376.htm\" rel=\"noopener\">"
    ));
    // A set extending the national one marks the parameter as inherited.
    let sx = &pages[&param_url("cn/shaanxi", "account.credit_rate")];
    assert!(sx.contains("继承自 Inherited from cn/national unchanged"));
}

#[test]
fn search_index_names_every_parameter_with_its_title() {
    let pages = pages();
    let index: Vec<serde_json::Value> = serde_json::from_str(&pages["search-index.json"]).unwrap();
    let hit = index
        .iter()
        .find(|e| e["set"] == "cn/shaanxi" && e["param"] == "award.pension_base")
        .unwrap();
    assert!(hit["title"].as_str().unwrap().contains("计发基数"));
    assert_eq!(hit["url"], "sets/cn/shaanxi/award.pension_base.html");
    let params: usize = RuleSet::embedded_ids()
        .iter()
        .map(|id| RuleSet::embedded(id).unwrap().params().len() + 1)
        .sum();
    assert_eq!(index.len(), params);
    assert!(pages["assets/search-index.js"].starts_with("window.PENSION_RULES_INDEX = ["));
}

/// With a previous release's rules, a set's pages show what changed since.
#[test]
fn changes_since_a_previous_release() {
    use std::sync::Arc;
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let text = "id = \"my/set\"\nversion = \"1.0.0\"\nextends = \"cn/shaanxi\"\n";
    let old = pension_rules::rules::Catalog::from_files(
        "old/",
        [("my/set/ruleset.toml".to_string(), Arc::from(text))],
    );
    let new_rate = "[contribution.employer_rate]\n[[contribution.employer_rate.values]]\n\
        from = 2030-01-01\nvalue = \"0.15\"\nsource = \"scenario: 2030 rate\"\n";
    let new = pension_rules::rules::Catalog::from_files(
        "new/",
        [
            (
                "my/set/ruleset.toml".to_string(),
                Arc::from(text.replace("1.0.0", "1.1.0").as_str()),
            ),
            ("my/set/contribution.toml".to_string(), Arc::from(new_rate)),
        ],
    );
    let pages: BTreeMap<String, String> = api::site(Some(&new), Some(&old), date)
        .into_iter()
        .map(|p| (p.path, p.body))
        .collect();
    let set = &pages[&set_url("my/set")];
    assert!(set.contains("Changes since version 1.0.0 (1 个参数 parameters)"));
    assert!(set.contains("规则目录 rules directory"));
    let p = &pages[&param_url("my/set", "contribution.employer_rate")];
    assert!(
        p.contains("<td>from 2030-01-01</td><td>新增 added</td><td><span class=\"v\">0.16</span>")
    );
    assert!(p.contains("scenario: 2030 rate"));
}
