//! The README's commands work as written (illustrative paths excepted).
#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn readme_commands_run() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut commands = vec![];
    let mut pending = String::new();
    for line in readme.lines() {
        let line = line.split(" # ").next().unwrap_or("").trim_end();
        // A command line, not a `pension-rules = "0.1"` dependency line.
        if pending.is_empty()
            && (!line.starts_with("pension-rules ") || line.starts_with("pension-rules = "))
        {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(head) => pending.push_str(head),
            None => {
                pending.push_str(line);
                commands.push(std::mem::take(&mut pending));
            }
        }
    }
    let commands: Vec<_> = commands
        .into_iter()
        // `serve` runs until stopped: bindings/cli/tests/serve_cli.rs drives it.
        .filter(|c| {
            !c.contains("my-rules")
                && !c.contains("path/to")
                && !c.starts_with("pension-rules serve")
        })
        .collect();
    assert!(
        commands.len() >= 15,
        "found only {} commands",
        commands.len()
    );
    for c in &commands {
        let words: Vec<String> = c.split_whitespace().skip(1).map(String::from).collect();
        let mut args = vec![];
        for w in words {
            if w.contains('*') {
                // Expand a glob like tests/vectors/*.json.
                let (dir, pat) = w.rsplit_once('/').unwrap();
                let suffix = pat.trim_start_matches('*');
                let mut found: Vec<String> = std::fs::read_dir(root.join(dir))
                    .unwrap()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(suffix))
                    .map(|n| format!("{dir}/{n}"))
                    .collect();
                found.sort();
                args.extend(found);
            } else {
                args.push(w);
            }
        }
        let o = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
            .args(&args)
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "README command failed: {c}\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}
