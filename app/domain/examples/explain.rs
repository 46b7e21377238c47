//! Scores an answer file and prints the assessment as JSON:
//! `cargo run -p crossroads-domain --example explain -- content/questionnaire.toml answers.json`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(qpath), Some(apath)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: explain QUESTIONNAIRE.toml ANSWERS.json");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(qpath).expect("questionnaire readable");
    let q = crossroads_domain::Questionnaire::from_toml(&source, qpath).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let answers: crossroads_domain::Answers =
        serde_json::from_str(&std::fs::read_to_string(apath).expect("answers readable")).expect("answers are JSON");
    match crossroads_domain::assess(&q, &answers) {
        Ok(a) => println!("{}", serde_json::to_string_pretty(&a).unwrap()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}
