//! The HTTP JSON service of pension-rules (`pension-rules serve`): the same
//! [`Engine`] every front end calls, behind axum on tokio with tower-http
//! layers, for agency back ends in Java, .NET or Go (docs/service.md).
//!
//! - `POST /v1/{kind}`: one computation; the body is the input the CLI's
//!   `compute` reads (or a vector case), the answer what it prints;
//!   `?format=table` gives the award's 核定表 text.
//! - `POST /v1/batch/{kind}`: NDJSON in and out, one result or error per
//!   line in order, streamed; `POST /v1/batch/simulate`: a population
//!   run, CSV in and out.
//! - `GET /v1/rulesets`, `/v1/rulesets/{id}`, `/v1/rulesets/{id}/parameters/{path}`,
//!   `/v1/rulesets/{a}/diff/{b}`: the rule data.
//! - `GET /openapi.json` (OpenAPI 3.1 from core's JSON Schemas), `/healthz`,
//!   `/readyz`, `/metrics` (Prometheus text).
//!
//! Errors are RFC 9457 `application/problem+json` with the core's stable
//! error code, class and field paths ([`problem`]). A request-size limit
//! (413), a per-request timeout (504), and a concurrency limit past which a
//! request is refused at once with 503 and `Retry-After` (load shedding, no
//! queue). One JSON access-log line per request on stderr. SIGTERM/SIGINT
//! end the service gracefully; SIGHUP reloads the rule sets atomically (a
//! reload that fails leaves the old ones serving and is logged).
#![forbid(unsafe_code)]

mod handlers;
mod metrics;
pub mod openapi;
pub mod problem;
mod simulate;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use state::{AppState, Rules};

/// How the service runs (the flags of `pension-rules serve`).
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port (the bound address
    /// is printed on stderr as `listening on http://ADDR`).
    pub addr: SocketAddr,
    /// Rule sets from this directory before the shipped ones (reloaded on
    /// SIGHUP).
    pub rules_dir: Option<PathBuf>,
    /// `(id, hash)`: rule sets refused unless their hash matches.
    pub pins: Vec<(String, String)>,
    /// A static site served at `/`; without it `/` serves the rules
    /// explorer of the loaded rule sets (`rules site`), built on the first
    /// request for it.
    pub site: Option<PathBuf>,
    /// Let a `rules_dir` set replace a shipped set of the same id and
    /// version (else `ruleset_conflict`, and the service does not start).
    pub allow_override: bool,
    /// Largest request body of one computation, in bytes (413 past it).
    pub max_body: usize,
    /// Largest request body of a batch, in bytes (413 past it).
    pub max_batch_body: usize,
    /// Time one request may take before it is answered 504.
    pub timeout: Duration,
    /// Computations in flight at once; past it, 503 with `Retry-After`.
    pub max_in_flight: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            rules_dir: None,
            pins: vec![],
            site: None,
            allow_override: false,
            max_body: 1 << 20,
            max_batch_body: 256 << 20,
            timeout: Duration::from_secs(30),
            max_in_flight: 64,
        }
    }
}

/// The service's routes on `state`, with every layer (limits, timeout,
/// load shedding, metrics, access log, problem responses).
pub fn router(state: AppState) -> Router {
    let cfg = state.config.clone();
    let compute = Router::new()
        .route("/v1/{kind}", post(handlers::compute))
        .layer(RequestBodyLimitLayer::new(cfg.max_body));
    let batch = Router::new()
        .route("/v1/batch/{kind}", post(handlers::batch))
        .layer(RequestBodyLimitLayer::new(cfg.max_batch_body));
    let limited = compute
        .merge(batch)
        .layer(DefaultBodyLimit::disable())
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            state::shed,
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::GATEWAY_TIMEOUT,
            cfg.timeout,
        ));
    let mut app = Router::new()
        .route("/v1/rulesets", get(handlers::rulesets))
        .route("/v1/rulesets/{*rest}", get(handlers::ruleset_path))
        .route("/openapi.json", get(handlers::openapi))
        .route("/healthz", get(handlers::healthz))
        .route("/readyz", get(handlers::readyz))
        .route("/metrics", get(handlers::metrics))
        .merge(limited);
    app = match &cfg.site {
        Some(dir) => app.fallback_service(tower_http::services::ServeDir::new(dir)),
        None => app.fallback(handlers::site),
    };
    app.layer(axum::middleware::from_fn(problem::as_problem))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::observe,
        ))
        .with_state(state)
}

/// Run the service until SIGTERM or SIGINT (requests in flight finish);
/// SIGHUP reloads the rule sets.
pub async fn serve(config: Config) -> Result<(), String> {
    let state = AppState::new(config.clone()).map_err(|e| problem::describe(&e))?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("[io] cannot listen on {}: {e}", config.addr))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("[io] {}: {e}", config.addr))?;
    state::log_line(&serde_json::json!({"event": "listening", "addr": addr.to_string()}));
    state::log_text(&format!("listening on http://{addr}"));
    tokio::spawn(state::reload_on_sighup(state.clone()));
    let app = router(state.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("[io] {e}"))?;
    state::log_line(&serde_json::json!({"event": "stopped"}));
    Ok(())
}

/// The future that completes on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    state::log_line(&serde_json::json!({"event": "shutdown"}));
}

/// Run [`serve`] on a multi-threaded runtime (for the CLI, which has none).
pub fn run_blocking(config: Config) -> Result<(), String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("[io] cannot start the runtime: {e}"))?
        .block_on(serve(config))
}
