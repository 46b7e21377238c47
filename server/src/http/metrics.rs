//! Prometheus metrics at `/metrics`: requests and latency by route, results
//! created, errors. Kept in memory per process.

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Latency histogram bucket bounds, in seconds.
const BUCKETS: [f64; 10] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0];

#[derive(Default)]
struct RouteStats {
    /// Count per status code.
    statuses: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    sum_seconds: f64,
    count: u64,
}

#[derive(Clone, Default)]
pub struct Metrics {
    routes: Arc<Mutex<BTreeMap<(String, String), RouteStats>>>,
    results_created: Arc<AtomicU64>,
    decisions_created: Arc<AtomicU64>,
}

impl Metrics {
    pub fn result_created(&self) {
        self.results_created.fetch_add(1, Ordering::Relaxed);
    }

    pub fn decision_created(&self) {
        self.decisions_created.fetch_add(1, Ordering::Relaxed);
    }

    fn observe(&self, route: String, method: String, status: u16, seconds: f64) {
        let mut routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let stats = routes.entry((route, method)).or_default();
        *stats.statuses.entry(status).or_default() += 1;
        for (bucket, bound) in stats.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
        stats.sum_seconds += seconds;
        stats.count += 1;
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        out.push_str("# HELP crossroads_http_requests_total HTTP requests by route, method and status.\n");
        out.push_str("# TYPE crossroads_http_requests_total counter\n");
        for ((route, method), stats) in routes.iter() {
            for (status, n) in &stats.statuses {
                let _ = writeln!(out, "crossroads_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}");
            }
        }
        out.push_str("# HELP crossroads_http_errors_total Responses with a 5xx status, by route.\n");
        out.push_str("# TYPE crossroads_http_errors_total counter\n");
        for ((route, method), stats) in routes.iter() {
            let errors: u64 = stats.statuses.iter().filter(|(s, _)| **s >= 500).map(|(_, n)| n).sum();
            let _ = writeln!(out, "crossroads_http_errors_total{{route=\"{route}\",method=\"{method}\"}} {errors}");
        }
        out.push_str("# HELP crossroads_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE crossroads_http_request_duration_seconds histogram\n");
        for ((route, method), stats) in routes.iter() {
            for (bound, n) in BUCKETS.iter().zip(stats.buckets) {
                let _ = writeln!(out, "crossroads_http_request_duration_seconds_bucket{{route=\"{route}\",method=\"{method}\",le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "crossroads_http_request_duration_seconds_bucket{{route=\"{route}\",method=\"{method}\",le=\"+Inf\"}} {}", stats.count);
            let _ = writeln!(out, "crossroads_http_request_duration_seconds_sum{{route=\"{route}\",method=\"{method}\"}} {}", stats.sum_seconds);
            let _ = writeln!(out, "crossroads_http_request_duration_seconds_count{{route=\"{route}\",method=\"{method}\"}} {}", stats.count);
        }
        out.push_str("# HELP crossroads_results_created_total Results stored by this process.\n# TYPE crossroads_results_created_total counter\n");
        let _ = writeln!(out, "crossroads_results_created_total {}", self.results_created.load(Ordering::Relaxed));
        out.push_str("# HELP crossroads_decisions_created_total Team decisions created by this process.\n# TYPE crossroads_decisions_created_total counter\n");
        let _ = writeln!(out, "crossroads_decisions_created_total {}", self.decisions_created.load(Ordering::Relaxed));
        out
    }
}

/// Records every request under its route pattern (never the raw path, so ids do
/// not explode the number of series).
pub async fn track(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    // A fixed set: a client inventing methods must not create series.
    let method = match *request.method() {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        _ => "OTHER",
    }
    .to_string();
    let start = Instant::now();
    let response = next.run(request).await;
    metrics.observe(route, method, response.status().as_u16(), start.elapsed().as_secs_f64());
    response
}
