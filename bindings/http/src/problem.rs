//! Errors as RFC 9457 problem details (`application/problem+json`): the
//! members `type`, `title`, `status` and `detail`, then the error report
//! every front end gives (the CLI's `--format json`, a batch row's
//! `error`): the stable `code`, the `class`, `message`, `message_zh`, the
//! field problems with their paths (`fields`), the missing rule value, the
//! rule-file diagnostics. Errors of the service itself (a body too large,
//! overload, a timeout, an unknown route) carry their own codes, listed in
//! docs/service.md, with the class `ServiceError`.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pension_rules::Error;
use pension_rules::rules::DiagnosticCode;
use serde_json::{Map, Value, json};

/// The media type of a problem.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem response.
#[derive(Debug, Clone)]
pub struct Problem {
    /// HTTP status.
    pub status: u16,
    /// The body.
    pub body: Map<String, Value>,
}

/// The HTTP status of an engine error: bad input 400 (an unknown rule set
/// 404, a pin that does not match 409), rules that do not cover the case
/// and cases the law gives no result for 422, rule files that do not load
/// 500.
pub fn status_of(e: &Error) -> u16 {
    match e {
        Error::Input(_) => 400,
        Error::Rules(_) | Error::NotApplicable(_) => 422,
        Error::Load(l)
            if l.diagnostics
                .iter()
                .any(|d| d.code == DiagnosticCode::HashMismatch) =>
        {
            409
        }
        Error::Load(l)
            if l.diagnostics
                .iter()
                .all(|d| d.code == DiagnosticCode::MissingRuleSet) =>
        {
            404
        }
        Error::Load(_) => 500,
    }
}

fn title(status: u16) -> &'static str {
    StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error")
}

impl Problem {
    /// An engine error as a problem: its report under the RFC 9457 members.
    pub fn from_error(e: &Error) -> Problem {
        Problem::with_status(e, status_of(e))
    }

    /// An engine error with the status chosen by the caller (an unknown
    /// kind or parameter in the path is a 404).
    pub fn with_status(e: &Error, status: u16) -> Problem {
        let report = e.report();
        let mut body = Map::new();
        body.insert(
            "type".into(),
            json!(format!(
                "https://pension-rules.invalid/errors/{}",
                report.code
            )),
        );
        body.insert("title".into(), json!(title(status)));
        body.insert("status".into(), json!(status));
        body.insert("detail".into(), json!(detail(e)));
        if let Ok(Value::Object(m)) = serde_json::to_value(&report) {
            body.extend(m);
        }
        Problem { status, body }
    }

    /// An error of the service itself (`too_large`, `overloaded`,
    /// `timeout`, `not_found`, `method_not_allowed`, `bad_request`).
    pub fn service(status: u16, code: &str, detail: &str) -> Problem {
        let body = json!({
            "type": format!("https://pension-rules.invalid/errors/{code}"),
            "title": title(status),
            "status": status,
            "detail": detail,
            "code": code,
            "class": "ServiceError",
            "message": detail,
            "message_zh": zh(code),
            "fields": [],
        });
        Problem {
            status,
            body: body.as_object().cloned().unwrap_or_default(),
        }
    }
}

/// The error as the CLI prints it: `[code] detail`, field problems one per
/// line (`path: message`).
pub fn describe(e: &Error) -> String {
    let fields = e.fields();
    if fields.is_empty() {
        return format!("[{}] {e}", e.code());
    }
    let mut s = format!("[{}] invalid input:", e.code());
    for f in fields {
        s.push_str(&format!("\n  {}: {}", f.path, f.message));
    }
    s
}

fn detail(e: &Error) -> String {
    let fields = e.fields();
    if fields.is_empty() {
        return e.to_string();
    }
    fields
        .iter()
        .map(|f| format!("{}: {}", f.path, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

fn zh(code: &str) -> &'static str {
    match code {
        "too_large" => "请求体过大",
        "overloaded" => "服务繁忙，请稍后重试",
        "timeout" => "请求超时",
        "not_found" => "未找到",
        "method_not_allowed" => "不支持的请求方法",
        "unsupported_media_type" => "不支持的内容类型",
        _ => "请求有误",
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = Value::Object(self.body).to_string();
        let mut r = (status, body).into_response();
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        r
    }
}

/// Every error response that is not a problem yet (a body too large, a
/// timeout, an unknown route or method, an extractor's refusal) becomes
/// one with the service's code for it.
pub async fn as_problem(req: Request, next: Next) -> Response {
    let r = next.run(req).await;
    let status = r.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return r;
    }
    let is_problem = r
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return r;
    }
    let (code, detail) = match status.as_u16() {
        413 => (
            "too_large",
            "the request body is larger than the service accepts",
        ),
        504 | 408 => ("timeout", "the request took longer than the service allows"),
        404 => ("not_found", "no such resource"),
        405 => (
            "method_not_allowed",
            "this resource does not take that method",
        ),
        415 => (
            "unsupported_media_type",
            "send the body as application/json",
        ),
        503 => (
            "overloaded",
            "too many requests in flight; retry after a second",
        ),
        _ => ("bad_request", "the request cannot be read"),
    };
    let s = if status.as_u16() == 408 {
        504
    } else {
        status.as_u16()
    };
    let mut p = Problem::service(s, code, detail).into_response();
    if let Some(v) = r.headers().get(header::RETRY_AFTER) {
        p.headers_mut().insert(header::RETRY_AFTER, v.clone());
    }
    if let Some(v) = r.headers().get(header::ALLOW) {
        p.headers_mut().insert(header::ALLOW, v.clone());
    }
    p
}
