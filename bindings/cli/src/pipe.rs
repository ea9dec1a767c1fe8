//! `pension-rules … | head` must not panic: Rust ignores SIGPIPE, so the
//! first `println!` after the reader has gone panics with "failed printing
//! to stdout: Broken pipe". The reader left on purpose; exit quietly with
//! the shell's code for SIGPIPE (128 + 13) instead of a panic message.

/// Install the hook (before any output).
pub(crate) fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}
