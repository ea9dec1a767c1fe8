//! How errors are shown: the stable code first, then one field problem per
//! line (see docs/errors.md).

use pension_rules::Error;

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
