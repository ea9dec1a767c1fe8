//! Everything the CLI prints goes through here, and every write is checked
//! (docs/errors.md, "CLI exit codes").
//!
//! Rust ignores SIGPIPE, so a write to a reader that has gone away (`… |
//! head`) fails with `BrokenPipe`: the reader left on purpose, and the
//! command ends quietly with the shell's code for SIGPIPE (128 + 13 = 141),
//! whether the write was to stdout or to an output file such as
//! `--out /dev/stdout`. Any other failure (`> /dev/full`, a disk that
//! fills) is an `io` error naming the path, exit 2.
//!
//! Stdout is written line by line as `println!` would (so warnings on
//! stderr keep their place), but a failed write is kept instead of a panic:
//! the first failure is remembered, later output is skipped, and [`finish`]
//! flushes stdout and turns the failure into the command's exit.

use std::io::{self, Write as _};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Exit code of a command whose reader went away (128 + SIGPIPE).
pub(crate) const BROKEN_PIPE_EXIT: u8 = 141;

/// Some write met a closed pipe.
static BROKEN: AtomicBool = AtomicBool::new(false);
/// The first write to stdout that failed otherwise: `[io] stdout: …`.
static FAILED: Mutex<Option<String>> = Mutex::new(None);

/// Print to stdout, checked (see the module doc).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::pipe::write_stdout(format_args!($($arg)*))
    };
}

/// Print a line to stdout, checked (see the module doc).
macro_rules! outln {
    () => {
        $crate::pipe::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::pipe::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// A line to stderr (warnings, the error of a failed command). Stderr is
/// where failures are reported: when it cannot be written there is no one
/// to tell, and the exit code still says what happened.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::pipe::write_stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {errln, out, outln};

/// Whether stdout has already failed (nothing more is written to it).
fn stdout_failed() -> bool {
    BROKEN.load(Ordering::Relaxed)
        || match FAILED.lock() {
            Ok(f) => f.is_some(),
            Err(_) => true,
        }
}

/// Write to stdout; a failure is kept for [`finish`].
pub(crate) fn write_stdout(args: std::fmt::Arguments<'_>) {
    if stdout_failed() {
        return;
    }
    if let Err(e) = io::stdout().lock().write_fmt(args) {
        stdout_error(&e);
    }
}

/// Write text to stdout at once; a failure is kept for [`finish`].
pub(crate) fn emit(text: &str) {
    write_stdout(format_args!("{text}"));
}

/// Write to stderr, a failure ignored (see [`errln!`]). After a broken
/// pipe nothing more is said: the command stops quietly, as if SIGPIPE had
/// ended it.
pub(crate) fn write_stderr(args: std::fmt::Arguments<'_>) {
    if BROKEN.load(Ordering::Relaxed) {
        return;
    }
    let _ = io::stderr().lock().write_fmt(args);
}

fn stdout_error(e: &io::Error) {
    let message = write_error(std::path::Path::new("stdout"), e);
    if let Ok(mut f) = FAILED.lock() {
        f.get_or_insert(message);
    }
}

/// The message of a failed write to `path` (`[io] PATH: …`); a broken pipe
/// is remembered, so that the command ends with the quiet exit 141 whatever
/// message its failure carries.
pub(crate) fn write_error(path: &std::path::Path, e: &io::Error) -> String {
    note(e);
    crate::errors::io_error(path, e)
}

/// Whether some write met a closed pipe.
pub(crate) fn broken() -> bool {
    BROKEN.load(Ordering::Relaxed)
}

/// Remember a broken pipe met by any write.
pub(crate) fn note(e: &io::Error) {
    if e.kind() == io::ErrorKind::BrokenPipe {
        BROKEN.store(true, Ordering::Relaxed);
    }
}

/// Flush stdout now: `Err` when it has failed (a broken pipe included),
/// for a command that commits its output files only after its summary.
/// The failure stays for [`finish`], which reports it once.
pub(crate) fn flush_stdout() -> Result<(), String> {
    if !stdout_failed()
        && let Err(e) = io::stdout().lock().flush()
    {
        stdout_error(&e);
    }
    if BROKEN.load(Ordering::Relaxed) {
        return Err("[io] stdout: broken pipe".into());
    }
    match FAILED.lock() {
        Ok(f) => f.clone().map_or(Ok(()), Err),
        Err(_) => Err("[io] stdout: write failed".into()),
    }
}

/// The end of every command: flush stdout, then the exit. A broken pipe
/// anywhere is the quiet 141, whatever the command returned; else the
/// command's own error (exit 2), then a failed write to stdout (exit 2),
/// else the command's exit code.
pub(crate) fn finish(result: Result<ExitCode, String>) -> Result<ExitCode, Vec<String>> {
    if !stdout_failed()
        && let Err(e) = io::stdout().lock().flush()
    {
        stdout_error(&e);
    }
    if BROKEN.load(Ordering::Relaxed) {
        return Ok(ExitCode::from(BROKEN_PIPE_EXIT));
    }
    let stdout = FAILED.lock().ok().and_then(|mut f| f.take());
    match (result, stdout) {
        (Ok(code), None) => Ok(code),
        (Ok(_), Some(s)) => Err(vec![s]),
        (Err(e), None) => Err(vec![e]),
        // The command's error is the stdout failure ([`flush_stdout`]): once.
        (Err(e), Some(s)) if e == s => Err(vec![s]),
        (Err(e), Some(s)) => Err(vec![e, s]),
    }
}
