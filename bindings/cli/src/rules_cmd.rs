//! `pension-rules rules …`

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;
use pension_rules::rules::{Catalog, RuleSet};

use crate::Source;
use crate::pipe::{errln, outln};

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCmd {
    /// List the rule sets with version and hash.
    List,
    /// Show every parameter in force on a date, with its legal source.
    Show {
        /// Rule-set id, e.g. cn/shaanxi.
        id: String,
        /// Date the values are in force (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
        /// Only values published on or before this date (预发 vs final).
        #[arg(long, value_name = "YYYY-MM-DD")]
        known_on: Option<NaiveDate>,
        /// Overlay files (reform scenarios) layered on top, in order.
        #[arg(long, value_name = "FILE")]
        overlay: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: crate::common::Format,
        /// Same as --format json.
        #[arg(long, hide = true)]
        json: bool,
    },
    /// The values an input field takes from the rule set's lists, with their
    /// titles (选项): `deemed_index_locality` (广东's 1993 localities),
    /// `attributes.<name>` of a text attribute.
    Choices {
        /// Rule-set id, e.g. cn/guangdong.
        id: String,
        /// The input field, e.g. deemed_index_locality.
        field: String,
        /// Date the list is in force (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: crate::common::Format,
    },
    /// Validate a rules directory (a set, or a tree of sets): every problem
    /// with file, line and column.
    Validate {
        /// Directory holding ruleset.toml file(s).
        path: PathBuf,
    },
    /// What a reform changes: every parameter entry that differs between
    /// two rule sets (each with overlays), with values and sources.
    ///
    /// e.g. `rules diff cn/shaanxi cn/shaanxi --overlay-b examples/reform-divisor-2030.toml`
    Diff {
        /// The baseline rule-set id.
        a: String,
        /// The compared rule-set id (often the same id, with overlays).
        b: String,
        /// Overlay files layered on A, in order.
        #[arg(long, value_name = "FILE")]
        overlay_a: Vec<PathBuf>,
        /// Overlay files layered on B, in order.
        #[arg(long, value_name = "FILE")]
        overlay_b: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: crate::common::Format,
        /// Same as --format json.
        #[arg(long, hide = true)]
        json: bool,
    },
    /// What each provincial and city rule set covers, from the rule data:
    /// years of 计发基数, transitional formula, local extras, own rounding,
    /// lowest confidence (docs/provinces.md is this table).
    Coverage {
        /// Output format (table: Markdown).
        #[arg(long, value_enum, default_value = "table")]
        format: crate::common::Format,
    },
    /// Print id, version and content hash.
    Hash {
        /// Rule-set id.
        id: String,
        /// Overlay files layered on top.
        #[arg(long, value_name = "FILE")]
        overlay: Vec<PathBuf>,
    },
    /// Write the rules explorer, a static site (open OUT/index.html): every
    /// rule set, one page per parameter with its history, sources, chart
    /// and overrides, and a search.
    Site {
        /// Output directory (created; existing files of the site replaced).
        out: PathBuf,
        /// Date the values shown as in force apply on (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
        /// Rules directory of a previous release: each set's page shows
        /// what changed since.
        #[arg(long, value_name = "DIR")]
        previous: Option<PathBuf>,
    },
}

pub(crate) fn with_overlays(mut rs: RuleSet, overlays: &[PathBuf]) -> Result<RuleSet, String> {
    for path in overlays {
        let text = overlay_file(path, &rs)?;
        rs = rs
            .with_overlay(&path.display().to_string(), &text)
            .map_err(|e| crate::errors::describe(&e.into()))?;
    }
    Ok(rs)
}

/// An overlay file as TOML text: a `.toml` overlay as it is, a `.json` one
/// (the overlay as JSON, or a reform in one line:
/// `{"contribution.employer_rate": {"2030-01": "0.15"}}`) written as TOML,
/// the file's stem naming the reform.
pub(crate) fn overlay_file(path: &std::path::Path, base: &RuleSet) -> Result<String, String> {
    let text = crate::common::read(path)?;
    if path.extension().is_none_or(|e| e != "json") {
        return Ok(text);
    }
    let data = pension_rules::json_text::from_str(&text)
        .map_err(|e| crate::errors::bad_text(path, "JSON", &e))?;
    let label = path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    pension_rules::api::overlay_text(&label, &data, Some(base))
        .map_err(|e| format!("{}: {}", path.display(), crate::errors::describe(&e)))
}

/// Whether `--format` (or the hidden `--json`) asks for JSON; csv has no
/// rows to fit here.
fn json_format(format: crate::common::Format, json: bool) -> Result<bool, String> {
    match format.or_json(json) {
        crate::common::Format::Csv => Err(crate::common::no_csv("results with rows")),
        f => Ok(f == crate::common::Format::Json),
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn run(cmd: RulesCmd, source: &Source) -> Result<ExitCode, String> {
    match cmd {
        RulesCmd::List => {
            outln!(
                "{:<16} {:<12} {:<10} {:<14} {:<10} title",
                "id",
                "version",
                "region",
                "hash",
                "origin"
            );
            for id in source.ids() {
                match source.load(&id) {
                    Ok(rs) => {
                        let top = rs.layers().last();
                        let identity = rs.identity();
                        let replaces = identity
                            .overrides
                            .as_ref()
                            .map(|r| format!(" (replaces the shipped {r})"))
                            .unwrap_or_default();
                        outln!(
                            "{:<16} {:<12} {:<10} {:<14} {:<10} {}{replaces}",
                            id,
                            rs.version(),
                            top.and_then(|l| l.region.clone())
                                .unwrap_or_else(|| "-".into()),
                            &rs.hash()[..12],
                            identity.origin,
                            top.and_then(|l| l.title.clone()).unwrap_or_default()
                        );
                    }
                    Err(e) => outln!("{id:<16} INVALID: {e}"),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Show {
            id,
            as_of,
            known_on,
            overlay,
            format,
            json,
        } => {
            let json = json_format(format, json)?;
            let mut engine = source.engine(&id)?;
            for path in &overlay {
                let text = overlay_file(path, engine.rules())?;
                engine = engine
                    .with_overlay_toml(&path.display().to_string(), &text)
                    .map_err(|e| crate::errors::describe(&e))?;
            }
            let date = as_of.unwrap_or_else(today);
            if json {
                crate::common::print_json(&engine.show(date, known_on))?;
                return Ok(ExitCode::SUCCESS);
            }
            let rs = engine.rules();
            let resolved = rs.resolve(date, known_on);
            outln!("{} {}  sha256:{}", rs.id(), rs.version(), rs.hash());
            let layers: Vec<String> = rs.layers().iter().map(|l| l.id.clone()).collect();
            outln!(
                "layers: {}   as of {date}{}",
                layers.join(" → "),
                known_on
                    .map(|k| format!(", as known on {k}"))
                    .unwrap_or_default()
            );
            for p in resolved {
                outln!();
                outln!(
                    "{}  {}{}",
                    p.name,
                    p.title.unwrap_or_default(),
                    p.unit.map(|u| format!(" [{u}]")).unwrap_or_default()
                );
                if p.values.is_empty() {
                    outln!("    (no value in force)");
                }
                let mut last_source: Option<String> = None;
                for v in &p.values {
                    let key = v.key.as_ref().map(|k| format!("{k}: ")).unwrap_or_default();
                    let from = v
                        .from
                        .filter(|_| v.key.is_none())
                        .map(|f| format!("  (from {f})"))
                        .unwrap_or_default();
                    let status = if v.provenance.provisional {
                        "  provisional 预发"
                    } else {
                        ""
                    };
                    let conf = v
                        .provenance
                        .confidence
                        .map(|c| format!("  [{c:?}]"))
                        .unwrap_or_default();
                    outln!("    {key}{}{from}{status}{conf}", v.value);
                    let src = format!(
                        "{} — {}:{}",
                        v.provenance.source, v.provenance.origin.file, v.provenance.origin.line
                    );
                    if last_source.as_deref() != Some(v.provenance.source.as_str())
                        || v.key.is_none()
                    {
                        outln!("        source: {src}");
                        for a in &v.provenance.alternatives {
                            let k = a.key.map(|k| format!("{k}: ")).unwrap_or_default();
                            outln!("        alternative: {k}{} — {}", a.value, a.source);
                        }
                    }
                    last_source = Some(v.provenance.source.clone());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Choices {
            id,
            field,
            as_of,
            format,
        } => {
            let json = json_format(format, false)?;
            let engine = source.engine(&id)?;
            let c = engine
                .choices(&field, as_of.unwrap_or_else(today))
                .map_err(|e| crate::errors::describe(&e))?;
            if json {
                crate::common::print_json(&c)?;
            } else {
                for ch in &c.choices {
                    outln!("{:<24} {}", ch.value, ch.title.as_deref().unwrap_or(""));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Validate { path } => {
            // A set replacing a shipped one is a problem unless --allow-override.
            let cat = Catalog::from_dir(&path)
                .map_err(|e| crate::errors::describe(&pension_rules::Error::from(e)))?
                .allowing_override(source.allow_override);
            let mut bad = false;
            if cat.ids().is_empty() {
                // Headers that failed to parse leave no ids: load reports them.
                let err = cat
                    .load("")
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                errln!("{err}");
                return Ok(ExitCode::from(1));
            }
            for id in cat.ids() {
                match cat.load(id) {
                    Ok(rs) => outln!(
                        "{id}: ok ({} parameters, version {}, sha256:{}){}",
                        rs.params().len(),
                        rs.version(),
                        rs.hash(),
                        rs.identity()
                            .overrides
                            .as_ref()
                            .map(|r| format!("; replaces the shipped {r} (--allow-override)"))
                            .unwrap_or_default()
                    ),
                    Err(e) => {
                        bad = true;
                        errln!("{id}: {e}");
                    }
                }
            }
            Ok(if bad {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        RulesCmd::Diff {
            a,
            b,
            overlay_a,
            overlay_b,
            format,
            json,
        } => {
            let json = json_format(format, json)?;
            let ra = with_overlays(
                source.load(&a).map_err(|e| crate::errors::describe(&e))?,
                &overlay_a,
            )?;
            let rb = with_overlays(
                source.load(&b).map_err(|e| crate::errors::describe(&e))?,
                &overlay_b,
            )?;
            crate::rules_diff::print(&pension_rules::rules::diff::diff(&ra, &rb), json)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Coverage { format } => {
            let rows = source.coverage();
            if json_format(format, false)? {
                crate::common::print_json(&rows)?;
            } else {
                crate::common::emit(&pension_rules::rules::coverage::markdown(&rows));
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Hash { id, overlay } => {
            let rs = with_overlays(
                source.load(&id).map_err(|e| crate::errors::describe(&e))?,
                &overlay,
            )?;
            outln!("{} {} sha256:{}", rs.id(), rs.version(), rs.hash());
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Site {
            out,
            as_of,
            previous,
        } => {
            let previous = match previous {
                Some(d) => Some(
                    Catalog::from_dir(&d)
                        .map_err(|e| crate::errors::describe(&pension_rules::Error::from(e)))?,
                ),
                None => None,
            };
            let pages = pension_rules::api::site(
                source.catalog(),
                previous.as_ref(),
                as_of.unwrap_or_else(today),
            );
            for p in &pages {
                let path = out.join(&p.path);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| crate::errors::io_error(dir, &e))?;
                }
                std::fs::write(&path, &p.body).map_err(|e| crate::errors::io_error(&path, &e))?;
            }
            outln!(
                "{}: {} files ({} rule sets); open {}",
                out.display(),
                pages.len(),
                source.ids().len(),
                out.join("index.html").display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
