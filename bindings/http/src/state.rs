//! The service's state: the rule sets (swapped whole on SIGHUP), the
//! engines built on them, the load-shedding semaphore, the metrics and the
//! OpenAPI document.

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::{Arc, Mutex, RwLock};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pension_rules::Error;
use pension_rules::api::Engine;
use pension_rules::rules::Catalog;
use serde_json::Value;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::Config;
use crate::metrics::Metrics;
use crate::problem::Problem;

/// Rule sets as loaded at start or at the last good reload, and the
/// engines built on them (one per id, reused by every request).
#[derive(Debug)]
pub struct Rules {
    catalog: Option<Catalog>,
    pins: Vec<(String, String)>,
    engines: Mutex<HashMap<String, Arc<Engine>>>,
    /// The OpenAPI document for these rule sets (their ids as examples).
    pub openapi: Value,
    /// The rules explorer of these rule sets (path → page), built on the
    /// first request for it.
    site: std::sync::OnceLock<HashMap<String, String>>,
}

impl Rules {
    /// Load the `--rules-dir` catalog and every rule set in it: the first
    /// that fails is the error.
    pub fn load(config: &Config) -> Result<Rules, Error> {
        let catalog = match &config.rules_dir {
            Some(d) => Some(Catalog::from_dir(d)?.allowing_override(config.allow_override)),
            None => None,
        };
        let mut rules = Rules {
            catalog,
            pins: config.pins.clone(),
            engines: Mutex::new(HashMap::new()),
            openapi: Value::Null,
            site: std::sync::OnceLock::new(),
        };
        // Every set of the directory must load (a pinned set whose hash
        // does not match is refused per request, 409, as the CLI refuses it).
        let check: Vec<String> = rules
            .catalog
            .iter()
            .flat_map(|c| c.ids())
            .map(String::from)
            .collect();
        if let Some(c) = &rules.catalog
            && check.is_empty()
        {
            // Headers that do not parse leave no ids: loading reports them.
            c.load("")?;
        }
        for id in check
            .iter()
            .filter(|id| !rules.pins.iter().any(|(p, _)| p == *id))
        {
            rules.engine(id)?;
        }
        rules.openapi = crate::openapi::document(&rules.ids());
        Ok(rules)
    }

    /// The engine on rule set `id` (built once).
    pub fn engine(&self, id: &str) -> Result<Arc<Engine>, Error> {
        if let Some(e) = self.engines().get(id) {
            return Ok(e.clone());
        }
        let e = Arc::new(Engine::load_pinned(id, self.catalog.clone(), &self.pins)?);
        self.engines().insert(id.to_string(), e.clone());
        Ok(e)
    }

    fn engines(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Engine>>> {
        // A panic elsewhere cannot leave the map half-written: use it as is.
        self.engines.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Ids of every rule set, shipped first.
    pub fn ids(&self) -> Vec<String> {
        pension_rules::api::ids(self.catalog.as_ref())
    }

    /// A page of the rules explorer (`rules site`) of these rule sets, with
    /// the values in force today: `""` is the index.
    pub fn site_page(&self, path: &str) -> Option<&str> {
        let pages = self.site.get_or_init(|| {
            let today = chrono::Local::now().date_naive();
            pension_rules::api::site(self.catalog.as_ref(), None, today)
                .into_iter()
                .map(|p| (p.path, p.body))
                .collect()
        });
        let path = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        pages.get(&path).map(String::as_str)
    }

    /// An engine on the first shipped rule set, for listing (`Engine::list`
    /// resolves every id through its catalog and pins).
    pub fn lister(&self) -> Result<Arc<Engine>, Error> {
        let first = self.ids().into_iter().next().unwrap_or_default();
        self.engine(&first)
    }
}

/// Everything a request handler reaches.
#[derive(Debug)]
pub struct Inner {
    /// The flags the service runs with.
    pub config: Config,
    rules: RwLock<Arc<Rules>>,
    slots: Arc<Semaphore>,
    /// Request counts, latencies, requests in flight.
    pub metrics: Metrics,
}

/// The state shared by every request (cheap to clone).
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Load the rule sets of `config`.
    pub fn new(config: Config) -> Result<AppState, Error> {
        let rules = Rules::load(&config)?;
        Ok(AppState(Arc::new(Inner {
            slots: Arc::new(Semaphore::new(config.max_in_flight.max(1))),
            config,
            rules: RwLock::new(Arc::new(rules)),
            metrics: Metrics::default(),
        })))
    }

    /// The rule sets now in force (a request keeps the ones it started
    /// with, even across a reload).
    pub fn rules(&self) -> Arc<Rules> {
        self.rules.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Reload the rule sets from the configuration: swapped in whole when
    /// every one loads, else the old ones stay and the error is returned.
    pub fn reload(&self) -> Result<(), Error> {
        let new = Rules::load(&self.config)?;
        *self.rules.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(new);
        Ok(())
    }
}

/// A slot of the concurrency limit, held by a computation until it ends
/// (also when its request timed out and the work goes on).
#[derive(Debug, Clone)]
pub struct Slot(#[allow(dead_code)] pub Arc<OwnedSemaphorePermit>);

/// Load shedding: a computation takes a slot or is refused at once with
/// 503 and `Retry-After` (no queue builds up).
pub async fn shed(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    match state.slots.clone().try_acquire_owned() {
        Ok(permit) => {
            req.extensions_mut().insert(Slot(Arc::new(permit)));
            next.run(req).await
        }
        Err(_) => {
            state.metrics.shed();
            let mut r = Problem::service(
                503,
                "overloaded",
                "too many requests in flight; retry after a second",
            )
            .into_response();
            r.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("1"),
            );
            // The body is left unread, so the connection cannot carry
            // another request: say so, and the client opens a new one
            // instead of writing into a closing one.
            r.headers_mut().insert(
                axum::http::header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            r
        }
    }
}

/// Reload the rule sets on every SIGHUP; a failed reload is logged and
/// the rule sets in force stay.
pub async fn reload_on_sighup(state: AppState) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hup) = signal(SignalKind::hangup()) else {
            return;
        };
        while hup.recv().await.is_some() {
            let s = state.clone();
            let r = tokio::task::spawn_blocking(move || s.reload()).await;
            match r {
                Ok(Ok(())) => log_line(&serde_json::json!({"event": "reload", "ok": true})),
                Ok(Err(e)) => log_line(&serde_json::json!({
                    "event": "reload", "ok": false, "error": e.report()})),
                Err(e) => log_line(&serde_json::json!({
                    "event": "reload", "ok": false, "error": e.to_string()})),
            }
        }
    }
    #[cfg(not(unix))]
    let _ = state;
}

/// One JSON line on stderr (a closed stderr is ignored).
pub fn log_line(v: &Value) {
    log_text(&v.to_string());
}

/// One line of text on stderr (a closed stderr is ignored).
pub fn log_text(s: &str) {
    let mut e = std::io::stderr().lock();
    let _ = writeln!(e, "{s}");
}
