//! `crossroads`: serves the guide, the questionnaire and stored results.

use clap::Parser;
use crossroads_server::{config::Config, run};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    crossroads_server::telemetry::init(&config.log_level);
    match run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            // Start-up errors name the file (and line) at fault; print them plainly.
            eprintln!("crossroads: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
