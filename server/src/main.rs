//! `crossroads`: serves the guide, the questionnaire and stored results, and
//! runs the maintenance commands (`crossroads --help`).

use clap::Parser;
use crossroads_server::cli::{run_command, Cli};
use crossroads_server::run;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let Cli { config, command } = Cli::parse();
    crossroads_server::telemetry::init(&config.log_level);
    let outcome = match command {
        // Nothing to say prints nothing, so a cron job mails only when there is news.
        Some(command) => run_command(&config, command).await.map(|message| {
            if !message.is_empty() {
                println!("{message}")
            }
        }),
        None => run(config).await.map_err(|err| err.to_string()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Errors name the setting, file and line at fault; print them plainly.
            eprintln!("crossroads: {message}");
            ExitCode::FAILURE
        }
    }
}
