//! `pension-rules serve`: the HTTP JSON service (crate pension-rules-http)
//! on the `--rules-dir` and `--pin` rule sets; docs/service.md.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Source;

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on; port 0 picks a free one (the bound address is
    /// printed on stderr: `listening on http://ADDR`).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    addr: SocketAddr,
    /// A static site to serve at `/`; without it `/` serves the rules
    /// explorer of the loaded rule sets (as `rules site` writes it).
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// Largest body of one computation, in bytes (413 past it).
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    max_body: usize,
    /// Largest body of a batch, in bytes (413 past it).
    #[arg(long, default_value_t = 256 << 20, value_name = "BYTES")]
    max_batch_body: usize,
    /// Seconds a request may take before it is answered 504.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    timeout: u64,
    /// Computations in flight at once; past it, 503 with `Retry-After`.
    #[arg(long, default_value_t = 64, value_name = "N")]
    max_in_flight: usize,
}

pub(crate) fn run(args: ServeArgs, source: &Source) -> Result<ExitCode, String> {
    if args.max_in_flight == 0 {
        return Err(crate::errors::usage("--max-in-flight must be at least 1"));
    }
    let config = pension_rules_http::Config {
        addr: args.addr,
        rules_dir: source.dir.clone(),
        pins: source.pins.clone(),
        site: args.site,
        allow_override: source.allow_override,
        max_body: args.max_body,
        max_batch_body: args.max_batch_body,
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        max_in_flight: args.max_in_flight,
    };
    pension_rules_http::run_blocking(config)?;
    Ok(ExitCode::SUCCESS)
}
