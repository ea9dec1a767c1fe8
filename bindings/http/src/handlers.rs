//! The endpoints. Each computation runs on the blocking pool (the engine
//! is synchronous and CPU-bound), holding its slot of the concurrency
//! limit until it ends.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use futures_util::StreamExt as _;
use pension_rules::Error;
use pension_rules::api::award_view::{AwardOptions, TextFormat};
use pension_rules::api::{Engine, Kind, split_case};
use serde_json::{Value, json};

use crate::problem::Problem;
use crate::state::{AppState, Slot};

type Query_ = Query<HashMap<String, String>>;

fn json_response(status: StatusCode, v: &Value) -> Response {
    let mut r = (status, v.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

fn ok_json<T: serde::Serialize>(v: &T) -> Response {
    match serde_json::to_value(v) {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(e) => Problem::from_error(&Error::NotApplicable(format!(
            "result not serializable: {e}"
        )))
        .into_response(),
    }
}

/// A kind in the path: unknown is a 404 with the core's error (field
/// `kind`).
fn kind_of(name: &str) -> Result<Kind, Response> {
    name.parse::<Kind>()
        .map_err(|e| Problem::with_status(&e, 404).into_response())
}

/// `true`/`false` (also `1`/`0`) of a query flag; else an input error at
/// the flag's name.
fn flag(
    q: &HashMap<String, String>,
    name: &str,
    errs: &mut Vec<pension_rules::error::FieldError>,
) -> bool {
    match q.get(name).map(String::as_str) {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") | Some("") => true,
        Some(other) => {
            errs.push(pension_rules::error::FieldError {
                path: name.into(),
                message: format!("expected true or false, got {other:?}"),
            });
            false
        }
    }
}

fn date(
    q: &HashMap<String, String>,
    name: &str,
    errs: &mut Vec<pension_rules::error::FieldError>,
) -> Option<NaiveDate> {
    let s = q.get(name)?;
    match s.trim().parse::<NaiveDate>() {
        Ok(d) => Some(d),
        Err(_) => {
            errs.push(pension_rules::error::FieldError {
                path: name.into(),
                message: format!("expected a date YYYY-MM-DD, got {s:?}"),
            });
            None
        }
    }
}

fn input_errors(errs: Vec<pension_rules::error::FieldError>) -> Response {
    Problem::from_error(&Error::Input(pension_rules::error::InputErrors(errs))).into_response()
}

/// What one computation asks for, read from the query.
#[derive(Debug, Clone)]
struct Ask {
    kind: Kind,
    ruleset: Option<String>,
    as_of: Option<NaiveDate>,
    explain: bool,
    text: Option<TextFormat>,
}

fn ask(kind: Kind, q: &HashMap<String, String>) -> Result<Ask, Response> {
    let mut errs = vec![];
    let explain = flag(q, "explain", &mut errs);
    let as_of = date(q, "as_of", &mut errs);
    let text = match q.get("format").map(String::as_str) {
        None | Some("json") => None,
        Some(f) => match f.parse::<TextFormat>() {
            Ok(t) if kind == Kind::Award => Some(t),
            Ok(_) => {
                errs.push(pension_rules::error::FieldError {
                    path: "format".into(),
                    message: format!("the {f} text is the award's; {kind} answers json"),
                });
                None
            }
            Err(e) => {
                errs.extend(e.fields().iter().cloned());
                None
            }
        },
    };
    if as_of.is_some() && kind != Kind::Award {
        errs.push(pension_rules::error::FieldError {
            path: "as_of".into(),
            message: format!("applies to award (the rules as known on a date); not to {kind}"),
        });
    }
    if !errs.is_empty() {
        return Err(input_errors(errs));
    }
    Ok(Ask {
        kind,
        ruleset: q.get("ruleset").cloned(),
        as_of,
        explain,
        text,
    })
}

/// One computation's answer: the JSON `pension-rules compute KIND --format
/// json` prints (with `as_of`, what `award --as-of` prints), or the award's
/// text.
enum Answer {
    Json(Value),
    Text(String),
}

fn run(engine: &Engine, a: &Ask, input: &Value) -> Result<Answer, Error> {
    if let Some(t) = a.text {
        let opts = AwardOptions {
            known_on: a.as_of,
            ..AwardOptions::default()
        };
        return engine.award_text(input, &opts, t).map(Answer::Text);
    }
    if a.as_of.is_some() {
        let opts = AwardOptions {
            known_on: a.as_of,
            ..AwardOptions::default()
        };
        return engine.award_with(input, &opts, a.explain).map(Answer::Json);
    }
    engine.compute(a.kind, input, a.explain).map(Answer::Json)
}

/// The input and engine of a case: `?ruleset=` first, else the case's.
fn case(state: &AppState, a: &Ask, v: Value) -> Result<(Value, Arc<Engine>), Error> {
    let (input, case_ruleset) = split_case(v);
    let id = a.ruleset.clone().or(case_ruleset).ok_or_else(|| {
        Error::field(
            "ruleset",
            "no rule set: pass ?ruleset= (e.g. cn/shaanxi) or send a case with \"ruleset\"",
        )
    })?;
    Ok((input, state.rules().engine(&id)?))
}

fn bad_json(e: &serde_json::Error) -> Error {
    Error::field("body", format!("not valid JSON: {e}"))
}

/// `POST /v1/{kind}`.
pub async fn compute(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    Query(q): Query_,
    slot: Option<Extension<Slot>>,
    body: Bytes,
) -> Response {
    let kind = match kind_of(&kind) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let a = match ask(kind, &q) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let work = move || {
        let _slot = slot;
        let body = body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&body);
        let v: Value = serde_json::from_slice(body).map_err(|e| bad_json(&e))?;
        let (input, engine) = case(&state, &a, v)?;
        run(&engine, &a, &input)
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(Answer::Json(v))) => json_response(StatusCode::OK, &v),
        Ok(Ok(Answer::Text(t))) => {
            let mut r = (StatusCode::OK, format!("{t}\n")).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            r
        }
        Ok(Err(e)) => Problem::from_error(&e).into_response(),
        Err(e) => Problem::service(500, "internal", &format!("the computation failed: {e}"))
            .into_response(),
    }
}

/// `POST /v1/batch/{kind}`: NDJSON in, NDJSON out — each input line (an
/// input object or a vector case) gives one line, its result or
/// `{"error": report}`, in order; blank lines are skipped. The output is
/// streamed as lines come in.
pub async fn batch(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    Query(q): Query_,
    slot: Option<Extension<Slot>>,
    body: Body,
) -> Response {
    if kind == "simulate" {
        let mut errs = vec![];
        let as_of = date(&q, "as_of", &mut errs);
        if !errs.is_empty() {
            return input_errors(errs);
        }
        return crate::simulate::run(
            state,
            q.get("ruleset").cloned(),
            as_of,
            slot.map(|s| s.0),
            body,
        )
        .await;
    }
    let kind = match kind_of(&kind) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let a = match ask(kind, &q) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if a.text.is_some() || a.as_of.is_some() {
        return input_errors(vec![pension_rules::error::FieldError {
            path: if a.text.is_some() { "format" } else { "as_of" }.into(),
            message: "a batch answers NDJSON results".into(),
        }]);
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(16);
    tokio::spawn(async move {
        let _slot = slot;
        let mut stream = body.into_data_stream();
        let mut pending: Vec<u8> = vec![];
        let mut done = false;
        while !done {
            let lines = match stream.next().await {
                Some(Ok(chunk)) => {
                    pending.extend_from_slice(&chunk);
                    match pending.iter().rposition(|b| *b == b'\n') {
                        Some(end) => {
                            let rest = pending.split_off(end + 1);
                            std::mem::replace(&mut pending, rest)
                        }
                        None => continue,
                    }
                }
                Some(Err(e)) => {
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                    return;
                }
                None => {
                    done = true;
                    std::mem::take(&mut pending)
                }
            };
            let (st, a) = (state.clone(), a.clone());
            let out = tokio::task::spawn_blocking(move || batch_lines(&st, &a, &lines)).await;
            let out = match out {
                Ok(b) => b,
                Err(e) => {
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                    return;
                }
            };
            if !out.is_empty() && tx.send(Ok(Bytes::from(out))).await.is_err() {
                return;
            }
        }
    });
    let stream = tokio_stream_from(rx);
    let mut r = Response::new(Body::from_stream(stream));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    r
}

fn tokio_stream_from(
    rx: tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
}

/// The output lines of complete input lines.
fn batch_lines(state: &AppState, a: &Ask, lines: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    for line in lines.split(|b| *b == b'\n') {
        let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let r = serde_json::from_slice::<Value>(line)
            .map_err(|e| bad_json(&e))
            .and_then(|v| case(state, a, v))
            .and_then(|(input, engine)| run(&engine, a, &input));
        let v = match r {
            Ok(Answer::Json(v)) => v,
            Ok(Answer::Text(t)) => Value::String(t),
            Err(e) => json!({ "error": e.report() }),
        };
        out.extend_from_slice(v.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

/// `GET /v1/rulesets`: every rule set, or why it does not load.
pub async fn rulesets(State(state): State<AppState>) -> Response {
    let rules = state.rules();
    match rules.lister() {
        Ok(e) => ok_json(&e.list()),
        Err(e) => Problem::from_error(&e).into_response(),
    }
}

/// `GET /v1/rulesets/{id}`, `/v1/rulesets/{id}/parameters/{path}` and
/// `/v1/rulesets/{a}/diff/{b}` (rule-set ids hold slashes: `cn/shaanxi`).
pub async fn ruleset_path(
    State(state): State<AppState>,
    Path(rest): Path<String>,
    Query(q): Query_,
) -> Response {
    let rules = state.rules();
    let r = tokio::task::spawn_blocking(move || -> Result<Response, Error> {
        let mut errs = vec![];
        let date = date(&q, "date", &mut errs);
        let known_on = date_known(&q, &mut errs);
        if !errs.is_empty() {
            return Ok(input_errors(errs));
        }
        if let Some((a, b)) = rest.split_once("/diff/") {
            let (ea, eb) = (rules.engine(a)?, rules.engine(b)?);
            return Ok(ok_json(&pension_rules::rules::diff::diff(
                ea.rules(),
                eb.rules(),
            )));
        }
        if let Some((id, name)) = rest.split_once("/parameters/") {
            let e = rules.engine(id)?;
            let date = date.unwrap_or_else(today);
            return match e.parameter(name, date, known_on) {
                Ok(p) => Ok(ok_json(&p)),
                Err(err) => Ok(Problem::with_status(&err, 404).into_response()),
            };
        }
        if let Some((id, field)) = rest.split_once("/choices/") {
            let e = rules.engine(id)?;
            return Ok(match e.choices(field, date.unwrap_or_else(today)) {
                Ok(c) => ok_json(&c),
                Err(err) => Problem::from_error(&err).into_response(),
            });
        }
        let e = rules.engine(&rest)?;
        let rs = e.rules();
        let top = rs.layers().last();
        let mut v = json!({
            "id": rs.id(),
            "version": rs.version(),
            "hash": rs.hash(),
            "layers": rs.layers(),
            "parameters": rs.params().keys().collect::<Vec<_>>(),
        });
        if let Some(r) = top.and_then(|l| l.region.clone()) {
            v["region"] = json!(r);
        }
        if let Some(t) = top.and_then(|l| l.title.clone()) {
            v["title"] = json!(t);
        }
        if let Some(d) = date {
            v["show"] = serde_json::to_value(e.show(d, known_on)).unwrap_or(Value::Null);
        }
        Ok(json_response(StatusCode::OK, &v))
    })
    .await;
    match r {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => Problem::from_error(&e).into_response(),
        Err(e) => Problem::service(500, "internal", &e.to_string()).into_response(),
    }
}

fn date_known(
    q: &HashMap<String, String>,
    errs: &mut Vec<pension_rules::error::FieldError>,
) -> Option<NaiveDate> {
    date(q, "known_on", errs)
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// `GET /openapi.json`.
pub async fn openapi(State(state): State<AppState>) -> Response {
    json_response(StatusCode::OK, &state.rules().openapi)
}

/// `GET /healthz`: the process answers.
pub async fn healthz() -> Response {
    json_response(StatusCode::OK, &json!({"status": "ok"}))
}

/// `GET /readyz`: rule sets are loaded and a computation slot is free.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let rules = state.rules();
    match rules.lister() {
        Ok(e) => json_response(
            StatusCode::OK,
            &json!({"status": "ready", "rulesets": rules.ids().len(), "default": e.rules().id()}),
        ),
        Err(e) => Problem::from_error(&e).into_response(),
    }
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut r = (StatusCode::OK, state.metrics.render()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

/// Any other path (no site given): 404.
/// `GET /…` outside the API: a page of the rules explorer, else 404.
pub async fn site(
    State(state): State<AppState>,
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> Response {
    if method != axum::http::Method::GET && method != axum::http::Method::HEAD {
        return not_found().await;
    }
    let path = uri.path().trim_start_matches('/').to_string();
    let rules = state.rules();
    let page = tokio::task::spawn_blocking(move || rules.site_page(&path).map(String::from))
        .await
        .ok()
        .flatten();
    let Some(page) = page else {
        return not_found().await;
    };
    let ctype = match uri.path().rsplit('.').next() {
        Some("json") => "application/json",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "text/html; charset=utf-8",
    };
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(ctype))],
        page,
    )
        .into_response()
}

/// 404 as a problem.
pub async fn not_found() -> Response {
    Problem::service(404, "not_found", "no such resource").into_response()
}
