//! `POST /v1/batch/simulate?ruleset=ID&as_of=DATE`: a population run (政策模拟,
//! [`pension_rules::population`]) over HTTP: the population CSV in (the
//! columns of docs/population.md), the per-person CSV out (the columns of
//! `pension-rules simulate --out FILE.csv`, [`OUTPUT_COLUMNS`]), under the
//! rule set alone (no reform) and the CLI's default assumptions.
//!
//! The CSV body is read whole (within `--max-batch-body`), then the run
//! streams its output block by block as the engine hands blocks over.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use pension_rules::Error;
use pension_rules::population::synthetic::Config;
use pension_rules::population::{OUTPUT_COLUMNS, Options, Population, simulate};

use crate::problem::Problem;
use crate::state::{AppState, Slot};

/// Run the population of `body` on rule set `ruleset` as of `as_of`.
pub async fn run(
    state: AppState,
    ruleset: Option<String>,
    as_of: Option<chrono::NaiveDate>,
    slot: Option<Slot>,
    body: Bytes,
) -> Response {
    let Some(id) = ruleset else {
        return Problem::from_error(&Error::field(
            "ruleset",
            "no rule set: pass ?ruleset= (e.g. cn/shaanxi)",
        ))
        .into_response();
    };
    let prepared = tokio::task::spawn_blocking(move || -> Result<_, Error> {
        let engine = state.rules().engine(&id)?;
        let body = body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&body);
        let population = Population::read_csv(body)?;
        Ok((engine, population))
    })
    .await;
    let (engine, population) = match prepared {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => return Problem::from_error(&e).into_response(),
        Err(e) => return Problem::service(500, "internal", &e.to_string()).into_response(),
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let snaps = [pension_rules::population::snapshot(engine.rules(), as_of)];
        let ids: Vec<String> = (0..population.rows.len())
            .map(|i| population.label(i, 0).into_owned())
            .collect();
        let mut header = csv::Writer::from_writer(vec![]);
        let _ = header.write_record(OUTPUT_COLUMNS.iter().map(|c| c.name));
        if tx
            .blocking_send(Ok(Bytes::from(header.into_inner().unwrap_or_default())))
            .is_err()
        {
            return;
        }
        let options = Options {
            last_year: None,
            block: Some(4096),
            single_path_only: false,
            progress: None,
        };
        let r = simulate(
            &population,
            &snaps,
            &Config::shaanxi_assumptions(),
            &options,
            |start, block| {
                let mut w = csv::Writer::from_writer(vec![]);
                for (j, r) in block[0].iter().enumerate() {
                    let _ = w.write_record(
                        OUTPUT_COLUMNS
                            .iter()
                            .map(|c| c.value("baseline", &ids[start + j], r).to_text()),
                    );
                }
                let _ = tx.blocking_send(Ok(Bytes::from(w.into_inner().unwrap_or_default())));
            },
        );
        if let Err(e) = r {
            // Refused before any row (the assumptions): the stream ends with the error.
            let _ = tx.blocking_send(Err(std::io::Error::other(crate::problem::describe(&e))));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut r = Response::new(Body::from_stream(stream));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    r
}
