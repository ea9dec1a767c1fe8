//! Files a command writes (`--out`, `--flows`, `--export-population`,
//! `schema --out-dir`): all of them or none (docs/errors.md, "CLI exit
//! codes").
//!
//! Each output is written to a temporary file beside its target (same
//! directory, so the rename cannot cross file systems), checked on every
//! write, flushed and synced; only when every output of the command is
//! complete are they renamed into place ([`commit`]). A failure before that
//! leaves no final file behind and replaces none: the temporary files are
//! removed when dropped. A special file (`/dev/stdout`, `/dev/full`, a
//! FIFO) cannot be renamed onto: it is written directly, every write still
//! checked. An output that is also an input, or two outputs that are one
//! file, are refused before anything runs ([`refuse_overlap`]).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::pipe::write_error;

/// Where the bytes go.
#[derive(Debug)]
enum Sink {
    /// A temporary file, renamed onto `target` by [`commit`].
    Temp {
        file: tempfile::NamedTempFile,
        target: PathBuf,
    },
    /// A special file, written in place.
    Direct(File),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = match self {
            Sink::Temp { file, .. } => file.write(buf),
            Sink::Direct(f) => f.write(buf),
        };
        r.inspect_err(crate::pipe::note)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = match self {
            Sink::Temp { file, .. } => file.flush(),
            Sink::Direct(f) => f.flush(),
        };
        r.inspect_err(crate::pipe::note)
    }
}

/// An output file being written (buffered). Dropped without
/// [`OutFile::finish`], it leaves nothing behind.
#[derive(Debug)]
pub(crate) struct OutFile {
    /// The path as the user gave it (for messages).
    path: PathBuf,
    sink: BufWriter<Sink>,
}

/// A complete output, waiting for [`commit`].
#[derive(Debug)]
pub(crate) struct Done {
    path: PathBuf,
    sink: Sink,
}

/// Whether `path` is a special file: written in place, never renamed onto.
fn is_special(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc") || {
        std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
    }
}

impl OutFile {
    /// Start the output `path`.
    pub(crate) fn create(path: &Path) -> Result<OutFile, String> {
        let fail = |e: &io::Error| write_error(path, e);
        // Found now, not when renaming: no output has replaced its target yet.
        if path.is_dir() {
            return Err(crate::errors::io_error(path, &"is a directory"));
        }
        let sink = if is_special(path) {
            Sink::Direct(File::create(path).map_err(|e| fail(&e))?)
        } else {
            // A symlink's target is replaced, not the link.
            let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            let dir = match target.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let prefix = format!(".{name}.");
            let mut b = tempfile::Builder::new();
            b.prefix(&prefix).suffix(".tmp");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                // As `File::create` would: 0666 less the umask.
                b.permissions(std::fs::Permissions::from_mode(0o666));
            }
            let file = b.tempfile_in(&dir).map_err(|e| fail(&e))?;
            Sink::Temp { file, target }
        };
        Ok(OutFile {
            path: path.to_path_buf(),
            sink: BufWriter::with_capacity(1 << 16, sink),
        })
    }

    /// The path as given.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Flush and sync: the output is complete.
    pub(crate) fn finish(self) -> Result<Done, String> {
        let path = self.path;
        let sink = self
            .sink
            .into_inner()
            .map_err(|e| write_error(&path, e.error()))?;
        if let Sink::Temp { file, .. } = &sink {
            file.as_file()
                .sync_all()
                .map_err(|e| write_error(&path, &e))?;
        }
        Ok(Done { path, sink })
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sink.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sink.flush()
    }
}

/// Rename every complete output into place (the last step of a command).
pub(crate) fn commit(done: Vec<Done>) -> Result<(), String> {
    for d in done {
        if let Sink::Temp { file, target } = d.sink {
            file.persist(&target)
                .map_err(|e| write_error(&d.path, &e.error))?;
        }
    }
    Ok(())
}

/// Whether `a` and `b` are one file: the same device and inode when both
/// exist (a hard link, a symlink, another spelling), the same resolved path
/// when neither does. Special files are never "the same" (`--out
/// /dev/stdout --flows /dev/stdout` both print).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => {
            if !x.is_file() || !y.is_file() {
                return false;
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt as _;
                x.dev() == y.dev() && x.ino() == y.ino()
            }
            #[cfg(not(unix))]
            {
                matches!(
                    (std::fs::canonicalize(a), std::fs::canonicalize(b)),
                    (Ok(p), Ok(q)) if p == q
                )
            }
        }
        (Err(_), Err(_)) => {
            let resolved = |p: &Path| -> Option<PathBuf> {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                Some(std::fs::canonicalize(dir).ok()?.join(p.file_name()?))
            };
            resolved(a).is_some_and(|p| Some(p) == resolved(b))
        }
        _ => false,
    }
}

/// Refuse, before anything runs, an output that is also an input or
/// another output: `[invalid_input]` naming both flags and the path.
/// `inputs` and `outputs` are (flag, path) pairs.
pub(crate) fn refuse_overlap(
    inputs: &[(&str, &Path)],
    outputs: &[(&str, &Path)],
) -> Result<(), String> {
    for (i, (out_flag, out)) in outputs.iter().enumerate() {
        for (in_flag, input) in inputs {
            if same_file(out, input) {
                return Err(crate::errors::usage(format!(
                    "{out_flag} {} is the input {in_flag} {}: an output may not overwrite an input",
                    out.display(),
                    input.display()
                )));
            }
        }
        for (other_flag, other) in &outputs[..i] {
            if same_file(out, other) {
                return Err(crate::errors::usage(format!(
                    "{out_flag} {} is also {other_flag} {}: give each output its own file",
                    out.display(),
                    other.display()
                )));
            }
        }
    }
    Ok(())
}
