//! `POST /v1/batch/simulate?ruleset=ID&as_of=DATE`: a population run (政策模拟,
//! [`pension_rules::population`]) over HTTP: the population CSV in (the
//! columns of docs/population.md), the per-person CSV out (the columns of
//! `pension-rules simulate --out FILE.csv`, [`OUTPUT_COLUMNS`]), under the
//! rule set alone (no reform) and the CLI's default assumptions.
//!
//! The run streams both ways in bounded memory, as `simulate` does in the
//! CLI: the body is read a chunk of rows at a time ([`CsvChunks`]) while it
//! arrives, each chunk is computed ([`Run::push`]) and its rows are sent
//! before the next chunk is read. A header problem, or an unknown rule set,
//! is answered as a problem before any row; a body that fails later (cut
//! off, or past `--max-batch-body`) ends the output early with an error.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use pension_rules::Error;
use pension_rules::population::synthetic::Config;
use pension_rules::population::{CsvChunks, OUTPUT_COLUMNS, Options, Run};
use tokio::sync::mpsc;

use crate::problem::Problem;
use crate::state::{AppState, Slot};

/// Rows read and computed at a time: memory holds one chunk's persons and
/// outcomes, whatever the body's size.
const CHUNK_ROWS: usize = 1 << 14;

/// Rows computed (and sent) at a time within a chunk.
const BLOCK_ROWS: usize = 4096;

/// Body frames queued between the connection and the reader.
const FRAMES_QUEUED: usize = 8;

/// The request body as a blocking reader (on a blocking thread), fed frame
/// by frame from the connection.
struct BodyReader {
    frames: mpsc::Receiver<Result<Bytes, std::io::Error>>,
    current: Bytes,
}

impl std::io::Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.current.is_empty() {
            match self.frames.blocking_recv() {
                Some(frame) => self.current = frame?,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// Whether a body error is the body limit's (`--max-batch-body`).
fn past_the_limit(e: &axum::Error) -> bool {
    std::error::Error::source(e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
}

/// Run the population of `body` on rule set `ruleset` as of `as_of`.
pub async fn run(
    state: AppState,
    ruleset: Option<String>,
    as_of: Option<chrono::NaiveDate>,
    slot: Option<Slot>,
    body: Body,
) -> Response {
    let Some(id) = ruleset else {
        return Problem::from_error(&Error::field(
            "ruleset",
            "no rule set: pass ?ruleset= (e.g. cn/shaanxi)",
        ))
        .into_response();
    };
    // The connection's frames to the reader, as they come.
    let (frames_tx, frames) = mpsc::channel(FRAMES_QUEUED);
    let too_large = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = too_large.clone();
    tokio::spawn(async move {
        let mut stream = body.into_data_stream();
        while let Some(frame) = stream.next().await {
            let frame = frame.map_err(|e| {
                if past_the_limit(&e) {
                    flag.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                std::io::Error::other(e.to_string())
            });
            let failed = frame.is_err();
            if frames_tx.send(frame).await.is_err() || failed {
                return;
            }
        }
    });
    let reader = BodyReader {
        frames,
        current: Bytes::new(),
    };
    let prepared = tokio::task::spawn_blocking(move || -> Result<_, Error> {
        let engine = state.rules().engine(&id)?;
        let chunks = CsvChunks::new(reader, CHUNK_ROWS)?;
        Ok((engine, chunks))
    })
    .await;
    let (engine, mut chunks) = match prepared {
        Ok(Ok(p)) => p,
        Ok(Err(_)) if too_large.load(std::sync::atomic::Ordering::Relaxed) => {
            return Problem::service(413, "too_large", "the body is past --max-batch-body")
                .into_response();
        }
        Ok(Err(e)) => return Problem::from_error(&e).into_response(),
        Err(e) => return Problem::service(500, "internal", &e.to_string()).into_response(),
    };
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let fail = |e: &Error| {
            let _ = tx.blocking_send(Err(std::io::Error::other(crate::problem::describe(e))));
        };
        let snaps = [pension_rules::population::snapshot(engine.rules(), as_of)];
        let assumptions = Config::shaanxi_assumptions();
        let options = Options {
            block: Some(BLOCK_ROWS),
            ..Options::default()
        };
        let mut run = match Run::new(&snaps, &assumptions, &options) {
            Ok(r) => r,
            Err(e) => return fail(&e),
        };
        let mut header = csv::Writer::from_writer(vec![]);
        let _ = header.write_record(OUTPUT_COLUMNS.iter().map(|c| c.name));
        let header = Bytes::from(header.into_inner().unwrap_or_default());
        if tx.blocking_send(Ok(header)).is_err() {
            return;
        }
        loop {
            let population = match chunks.next_chunk() {
                Ok(Some(p)) => p,
                Ok(None) => return,
                Err(e) => return fail(&e),
            };
            let first = run.rows();
            let ids: Vec<String> = (0..population.rows.len())
                .map(|i| population.label(i, first).into_owned())
                .collect();
            let mut gone = false;
            run.push(&population, |start, block| {
                if gone {
                    return;
                }
                let mut w = csv::Writer::from_writer(vec![]);
                for (j, r) in block[0].iter().enumerate() {
                    let _ = w.write_record(
                        OUTPUT_COLUMNS
                            .iter()
                            .map(|c| c.value("baseline", &ids[start - first + j], r).to_text()),
                    );
                }
                let rows = Bytes::from(w.into_inner().unwrap_or_default());
                gone = tx.blocking_send(Ok(rows)).is_err();
            });
            if gone {
                // The client went away: stop reading and computing.
                return;
            }
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
