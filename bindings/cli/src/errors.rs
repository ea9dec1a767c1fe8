//! How errors are shown: the stable code first, then one field problem per
//! line (see docs/errors.md); in Chinese, the code's sentence from the
//! core table ([`pension_rules::error::message_zh`]) leads the detail.

use pension_rules::Error;

/// The language of messages (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

/// The language the environment asks for: zh when `LC_ALL` (else `LANG`)
/// starts with `zh`, else en.
pub(crate) fn env_lang() -> Lang {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    match var("LC_ALL").or_else(|| var("LANG")) {
        Some(v) if v.starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// A message `[code] detail` in `lang`: unchanged in English (the detail is
/// English already); in Chinese `[code] 句子：detail`, the sentence keyed by
/// the code, so the stable code still comes first.
pub(crate) fn localize(message: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    let Some((code, detail)) = message.strip_prefix('[').and_then(|m| m.split_once("] ")) else {
        return message.to_string();
    };
    let Some(sentence) = pension_rules::error::message_zh(code) else {
        return message.to_string();
    };
    let detail = detail.strip_prefix("invalid input:").unwrap_or(detail);
    let detail = detail.strip_prefix(' ').unwrap_or(detail);
    format!("[{code}] {sentence}：{detail}")
}

/// `--lang` as given on the command line (read before clap, for its own
/// usage errors), else the environment's.
fn args_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    for (i, a) in args.iter().enumerate() {
        let v = match a.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if a == "--lang" => args.get(i + 1).map(String::as_str),
            None => None,
        };
        match v {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    env_lang()
}

/// An error with its code; field paths as the input names them
/// (`history[2].base`).
pub(crate) fn describe(e: &Error) -> String {
    render(e, |p| p.to_string())
}

/// An error with its code; field paths as the command's flags (`--birth`),
/// for commands whose input comes from flags.
pub(crate) fn describe_flags(e: &Error) -> String {
    render(e, |p| format!("--{}", p.replace('_', "-")))
}

fn render(e: &Error, path: impl Fn(&str) -> String) -> String {
    let fields = e.fields();
    if fields.is_empty() {
        return format!("[{}] {e}", e.code());
    }
    let mut s = format!("[{}] invalid input:", e.code());
    for f in fields {
        s.push_str(&format!("\n  {}: {}", path(&f.path), f.message));
    }
    s
}

/// A file that cannot be read or written: `[io] PATH: message`.
pub(crate) fn io_error(path: &std::path::Path, e: &dyn std::fmt::Display) -> String {
    format!("[io] {}: {e}", path.display())
}

/// Input text that does not parse (JSON, CSV): `[invalid_input] PATH: …`.
pub(crate) fn bad_text(path: &std::path::Path, what: &str, e: &dyn std::fmt::Display) -> String {
    format!("[invalid_input] {}: not valid {what}: {e}", path.display())
}

/// A flag missing or in the wrong combination (what clap cannot check):
/// `[invalid_input] message`.
pub(crate) fn usage(message: impl std::fmt::Display) -> String {
    format!("[invalid_input] {message}")
}

/// A core error of an input file: `[code] PATH: message`.
pub(crate) fn in_file(path: &std::path::Path, e: &Error) -> String {
    let d = describe(e);
    match d.split_once("] ") {
        Some((code, rest)) => format!("{code}] {}: {rest}", path.display()),
        None => d,
    }
}

/// Every argument that takes a value, in every subcommand, takes a
/// negative number too (`--wage -0.0`, `--year -2147483648`): the value
/// reaches its own validation, which names what is wrong with it, instead
/// of being taken for an unknown flag.
fn negative_values(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|a| {
        if a.get_action().takes_values() {
            a.allow_negative_numbers(true)
        } else {
            a
        }
    })
    .mut_subcommands(negative_values)
}

/// Parse the command line; a usage error (an unknown flag, a missing
/// argument, a value that does not parse) is printed in the shape of every
/// other error, `error: [invalid_input] …`, exit 2. `--help` and
/// `--version` print as usual.
pub(crate) fn parse_args<P: clap::Parser>() -> P {
    let parsed = negative_values(P::command())
        .try_get_matches()
        .and_then(|m| P::from_arg_matches(&m));
    match parsed {
        Ok(p) => p,
        Err(e) if e.use_stderr() => {
            let text = e.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            let text = localize(&format!("[invalid_input] {text}"), args_lang());
            crate::pipe::write_stderr(format_args!("error: {text}"));
            std::process::exit(e.exit_code());
        }
        // `--help` and `--version` on a terminal: clap prints them, in colour.
        Err(e) if std::io::IsTerminal::is_terminal(&std::io::stdout()) => e.exit(),
        // Elsewhere checked as every other output: `--help > /dev/full` is
        // an `io` error, `--help | head -1` the quiet 141.
        Err(e) => {
            crate::pipe::emit(&e.render().to_string());
            let code = match crate::pipe::finish(Ok(std::process::ExitCode::SUCCESS)) {
                Ok(_) if crate::pipe::broken() => crate::pipe::BROKEN_PIPE_EXIT.into(),
                Ok(_) => e.exit_code(),
                Err(errors) => {
                    for m in errors {
                        crate::pipe::write_stderr(format_args!("error: {m}\n"));
                    }
                    2
                }
            };
            std::process::exit(code);
        }
    }
}
