//! `GET /openapi.json`: the OpenAPI 3.1 document of the service, built from
//! the same JSON Schemas core generates for the bindings and docs/schema/
//! ([`pension_rules::schema`]): each schema's `$defs` are moved under
//! `components/schemas` (named `<Title>.<Def>`) and its references
//! rewritten, so every OpenAPI tool reads them. Each kind has a worked
//! example: the first computing case of its conformance vectors
//! (tests/vectors/KIND.json), kept in `examples.json` beside this file (a
//! test fails when the vectors change it; `UPDATE_EXAMPLES=1` rewrites it).

use pension_rules::api::Kind;
use pension_rules::schema;
use serde_json::{Map, Value, json};

/// The worked example of each kind: `{kind: {"ruleset": ID, "input": {…}}}`.
pub const EXAMPLES: &str = include_str!("examples.json");

/// Every status a computation may answer besides 200, with what it means.
const COMPUTE_ERRORS: &[(&str, &str)] = &[
    (
        "400",
        "Invalid input (`invalid_input`): every field problem with its path in `fields`; also a body that is not JSON",
    ),
    ("404", "Unknown rule set (`rules_invalid`)"),
    (
        "409",
        "A pinned rule set's hash does not match (`hash_mismatch`)",
    ),
    ("413", "Request body too large (`too_large`)"),
    (
        "422",
        "The rules do not cover the case (`rule_not_in_force`, `rule_missing_year`, `rule_missing_row`) or the law gives no result (`not_applicable`)",
    ),
    ("500", "A rule set that does not load (`rules_invalid`)"),
    (
        "503",
        "Overloaded (`overloaded`): retry after the `Retry-After` seconds",
    ),
    ("504", "The request took too long (`timeout`)"),
];

/// The document, with `ids` (the rule sets the service resolves) as the
/// values of every `ruleset` parameter.
pub fn document(ids: &[String]) -> Value {
    let mut components = Map::new();
    let problem = problem_schema(&mut components);
    components.insert("Problem".into(), problem);
    let examples: Value = serde_json::from_str(EXAMPLES).unwrap_or(Value::Null);
    let mut paths = Map::new();
    for &kind in Kind::ALL {
        let name = kind.name();
        let input = hoist(schema::input(kind), &mut components);
        let output = hoist(schema::output(kind), &mut components);
        let example = &examples[name];
        paths.insert(
            format!("/v1/{name}"),
            compute_path(kind, input, output, example, ids),
        );
        paths.insert(format!("/v1/batch/{name}"), batch_path(kind, ids, example));
    }
    paths.insert("/v1/batch/simulate".into(), simulate_path(ids));
    let info = hoist(schema_file("rule-set-info.json"), &mut components);
    let info = json!({"type": "array", "items": info});
    paths.insert(
        "/v1/rulesets".into(),
        get_op(
            "rulesets",
            "Every rule set: id, version, hash, region, title (or why it does not load)",
            vec![],
            info,
            &[],
        ),
    );
    let id_param = |name: &str| {
        json!({"name": name, "in": "path", "required": true,
               "description": "Rule-set id; its slash may be sent as is or as %2F (cn%2Fshaanxi)",
               "schema": {"type": "string", "enum": ids}})
    };
    let date_params = vec![
        json!({"name": "date", "in": "query", "required": false,
               "description": "The date the values are in force on (default: today)",
               "schema": {"type": "string", "format": "date"}}),
        json!({"name": "known_on", "in": "query", "required": false,
               "description": "As known on this date: values published later are not seen",
               "schema": {"type": "string", "format": "date"}}),
    ];
    let show = hoist(schema_file("rules-show.json"), &mut components);
    let ruleset = json!({
        "type": "object",
        "required": ["id", "version", "hash", "layers", "parameters"],
        "properties": {
            "id": {"type": "string"}, "version": {"type": "string"},
            "hash": {"type": "string", "description": "sha256 of the canonical form"},
            "region": {"type": "string"}, "title": {"type": "string"},
            "layers": {"type": "array", "items": {"type": "object"}},
            "parameters": {"type": "array", "items": {"type": "string"},
                           "description": "Every parameter's name"},
            "show": show,
        }
    });
    let mut p = vec![id_param("id")];
    p.extend(date_params.clone());
    paths.insert(
        "/v1/rulesets/{id}".into(),
        get_op("ruleset", "A rule set's metadata, hash and parameter names; with `date`, every parameter in force then with its source (as `rules show --format json`)", p, ruleset, &["404", "409", "400"]),
    );
    let mut p = vec![
        id_param("id"),
        json!({"name": "path", "in": "path", "required": true,
               "description": "The parameter's name (`pension.base`)",
               "schema": {"type": "string"}, "example": "pension.base"}),
    ];
    p.extend(date_params.clone());
    paths.insert(
        "/v1/rulesets/{id}/parameters/{path}".into(),
        get_op(
            "parameter",
            "One parameter: the value in force on `date` with its source, and its dated history",
            p,
            hoist(schema::parameter(), &mut components),
            &["400", "404", "409"],
        ),
    );
    let choices = hoist(schema_file("choices.json"), &mut components);
    let mut p = vec![
        id_param("id"),
        json!({"name": "field", "in": "path", "required": true,
               "description": "An input field whose values the rule set lists: `deemed_index_locality`, `attributes.<name>` of a text attribute",
               "schema": {"type": "string"}, "example": "deemed_index_locality"}),
    ];
    p.extend(date_params.into_iter().take(1));
    paths.insert(
        "/v1/rulesets/{id}/choices/{field}".into(),
        get_op(
            "choices",
            "The values an input field takes from the rule set's lists on `date`, with their titles: what a form offers as a select",
            p,
            choices,
            &["400", "404", "409"],
        ),
    );
    paths.insert(
        "/v1/rulesets/{a}/diff/{b}".into(),
        get_op("diff", "Every parameter that differs between two rule sets, with both sides' sources (as `rules diff --format json`)", vec![id_param("a"), id_param("b")], hoist(schema::rules_diff(), &mut components), &["404", "409"]),
    );
    paths.insert(
        "/healthz".into(),
        get_op("healthz", "The process answers", vec![], json!({"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}), &[]),
    );
    paths.insert(
        "/readyz".into(),
        get_op("readyz", "Rule sets are loaded", vec![], json!({"type": "object", "required": ["status"], "properties": {"status": {"const": "ready"}, "rulesets": {"type": "integer"}, "default": {"type": "string"}}}), &["404", "500"]),
    );
    let mut metrics = get_op(
        "metrics",
        "Prometheus text: requests by route and status, latency histogram, requests in flight and shed",
        vec![],
        json!({}),
        &[],
    );
    metrics["get"]["responses"]["200"]["content"] =
        json!({"text/plain": {"schema": {"type": "string"}}});
    paths.insert("/metrics".into(), metrics);
    let mut openapi = get_op(
        "openapi",
        "This document",
        vec![],
        json!({"type": "object"}),
        &[],
    );
    openapi["get"]["responses"]["200"]["content"] =
        json!({"application/json": {"schema": {"type": "object"}}});
    paths.insert("/openapi.json".into(), openapi);
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": schema::DIALECT,
        "info": {
            "title": "pension-rules",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "China's basic old-age insurance for urban enterprise employees (城镇企业职工基本养老保险), from cited rule sets",
            "description": "Every computation of the pension-rules engine over HTTP: the body is the input `pension-rules compute KIND` reads, the answer what it prints. Amounts are decimal strings, never floats. Errors are RFC 9457 problem details carrying the stable error code (docs/errors.md) and the field paths. See docs/service.md.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "paths": paths,
        "components": {"schemas": components},
    })
}

fn problem_responses(codes: &[&str]) -> Map<String, Value> {
    let mut m = Map::new();
    for (code, what) in COMPUTE_ERRORS {
        if codes.is_empty() || codes.contains(code) {
            m.insert(
                (*code).into(),
                json!({"description": what,
                       "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}),
            );
        }
    }
    m
}

fn get_op(id: &str, summary: &str, params: Vec<Value>, schema: Value, errors: &[&str]) -> Value {
    let mut responses = Map::new();
    responses.insert(
        "200".into(),
        json!({"description": "OK", "content": {"application/json": {"schema": schema}}}),
    );
    if !errors.is_empty() {
        responses.extend(problem_responses(errors));
    }
    let mut op = json!({"operationId": id, "summary": summary, "responses": responses});
    if !params.is_empty() {
        op["parameters"] = Value::Array(params);
    }
    json!({ "get": op })
}

fn ruleset_param(ids: &[String], example: &Value) -> Value {
    let mut p = json!({"name": "ruleset", "in": "query", "required": false,
        "description": "Rule-set id (overrides a case's `ruleset`), e.g. cn/shaanxi; one of them is needed",
        "schema": {"type": "string", "enum": ids}});
    if let Some(r) = example["ruleset"].as_str() {
        p["example"] = json!(r);
    }
    p
}

fn compute_path(kind: Kind, input: Value, output: Value, example: &Value, ids: &[String]) -> Value {
    let name = kind.name();
    let mut params = vec![
        ruleset_param(ids, example),
        json!({"name": "explain", "in": "query", "required": false,
               "description": "Include the explanation (every step with its formula and sources) under `trace`",
               "schema": {"type": "boolean"}}),
    ];
    let mut ok = json!({"application/json": {"schema": output}});
    if kind == Kind::Award {
        params.push(json!({"name": "as_of", "in": "query", "required": false,
            "description": "The rules as known on this date: values published later (the final 计发基数) are not seen (`award --as-of`)",
            "schema": {"type": "string", "format": "date"}}));
        params.push(json!({"name": "format", "in": "query", "required": false,
            "description": "`json` (default), or the award as text: `table` (the 核定表), `zh` or `en` (the explanation in words)",
            "schema": {"type": "string", "enum": ["json", "table", "zh", "en"]}}));
        ok["text/plain"] = json!({"schema": {"type": "string"}});
    }
    let mut body = json!({"required": true, "content": {"application/json": {"schema": {
        "anyOf": [input.clone(), {"type": "object", "required": ["input"], "properties": {
            "ruleset": {"type": "string"}, "input": input}}]}}}});
    if let Some(i) = example.get("input") {
        body["content"]["application/json"]["example"] = i.clone();
    }
    let mut responses = Map::new();
    responses.insert("200".into(), json!({"description": format!("The {name} result, as `pension-rules compute {name}` prints it"), "content": ok}));
    responses.extend(problem_responses(&[]));
    json!({"post": {
        "operationId": name,
        "summary": format!("One {name} computation"),
        "parameters": params,
        "requestBody": body,
        "responses": responses,
    }})
}

fn batch_path(kind: Kind, ids: &[String], example: &Value) -> Value {
    let name = kind.name();
    let mut body = json!({"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}});
    if let Some(i) = example.get("input") {
        body["content"]["application/x-ndjson"]["example"] = json!(format!("{i}\n{i}\n"));
    }
    let mut responses = Map::new();
    responses.insert("200".into(), json!({"description": "One line per input line, in order: the result, or `{\"error\": report}`", "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}));
    responses.extend(problem_responses(&["400", "404", "413", "503", "504"]));
    json!({"post": {
        "operationId": format!("batch_{name}"),
        "summary": format!("Many {name} computations: NDJSON in, NDJSON out, streamed"),
        "parameters": [ruleset_param(ids, example),
            {"name": "explain", "in": "query", "required": false, "schema": {"type": "boolean"}}],
        "requestBody": body,
        "responses": responses,
    }})
}

fn simulate_path(ids: &[String]) -> Value {
    let mut responses = Map::new();
    responses.insert("200".into(), json!({"description": "The per-person CSV of `pension-rules simulate --out FILE.csv` (baseline only), streamed", "content": {"text/csv": {"schema": {"type": "string"}}}}));
    responses.extend(problem_responses(&[
        "400", "404", "409", "413", "503", "504",
    ]));
    json!({"post": {
        "operationId": "batch_simulate",
        "summary": "A population run (政策模拟): the population CSV in (docs/population.md), the per-person outcomes CSV out",
        "parameters": [
            {"name": "ruleset", "in": "query", "required": true, "description": "Rule-set id, e.g. cn/shaanxi", "schema": {"type": "string", "enum": ids}, "example": "cn/shaanxi"},
            {"name": "as_of", "in": "query", "required": false, "description": "The rules as known on this date", "schema": {"type": "string", "format": "date"}}],
        "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}}},
        "responses": responses,
    }})
}

/// The problem schema: RFC 9457 members and the error report's.
fn problem_schema(components: &mut Map<String, Value>) -> Value {
    let mut report = hoist(schema::error(), components);
    // Service errors carry codes of their own (docs/service.md).
    if let Some(p) = report.get_mut("properties") {
        p["code"] = json!({"type": "string", "description": "The stable code: an engine error's (docs/errors.md) or the service's (too_large, overloaded, timeout, not_found, method_not_allowed, unsupported_media_type, bad_request)"});
        p["class"] = json!({"type": "string", "description": "InputError, RulesError, LoadError, NotApplicableError or ServiceError"});
        p["type"] = json!({"type": "string"});
        p["title"] = json!({"type": "string"});
        p["status"] = json!({"type": "integer"});
        p["detail"] = json!({"type": "string"});
    }
    if let Some(r) = report.get_mut("required").and_then(Value::as_array_mut) {
        for k in ["type", "title", "status"] {
            r.push(json!(k));
        }
    }
    report["description"] = json!("An RFC 9457 problem with the error report of every front end");
    report
}

/// Move a schema's `$defs` to `components` (named `<Title>.<Def>`) and
/// rewrite its `#/$defs/` references; drop `$schema` and `$id`.
fn hoist(mut s: Value, components: &mut Map<String, Value>) -> Value {
    let title = s["title"]
        .as_str()
        .map(|t| t.replace(|c: char| !c.is_ascii_alphanumeric(), ""))
        .unwrap_or_else(|| "Schema".into());
    let prefix = format!("{title}.");
    if let Some(obj) = s.as_object_mut() {
        obj.remove("$schema");
        obj.remove("$id");
        if let Some(Value::Object(defs)) = obj.remove("$defs") {
            for (k, mut v) in defs {
                rewrite(&mut v, &prefix);
                components.insert(format!("{prefix}{k}"), v);
            }
        }
    }
    rewrite(&mut s, &prefix);
    s
}

fn rewrite(v: &mut Value, prefix: &str) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref")
                && let Some(name) = r.strip_prefix("#/$defs/")
            {
                *r = format!("#/components/schemas/{prefix}{name}");
            }
            for x in m.values_mut() {
                rewrite(x, prefix);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rewrite(x, prefix)),
        _ => {}
    }
}

/// The examples file from the conformance vectors: per kind, the first
/// case of tests/vectors/KIND.json that computes (`vectors(kind)` gives
/// that file's text).
pub fn examples_from(vectors: impl Fn(&str) -> Option<String>) -> Value {
    let mut out = Map::new();
    for &kind in Kind::ALL {
        let Some(text) = vectors(kind.name()) else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let cases = match v {
            Value::Array(a) => a,
            one => vec![one],
        };
        if let Some(c) = cases
            .iter()
            .find(|c| c["kind"] == kind.name() && c["expect"].get("error").is_none())
        {
            out.insert(
                kind.name().into(),
                json!({"id": c["id"], "ruleset": c["ruleset"], "input": c["input"]}),
            );
        }
    }
    Value::Object(out)
}

/// The schema that `docs/schema/<name>` holds (`schema::all`).
fn schema_file(name: &str) -> Value {
    schema::all()
        .into_iter()
        .find(|(n, _)| n == name)
        .map_or(Value::Null, |(_, s)| s)
}
