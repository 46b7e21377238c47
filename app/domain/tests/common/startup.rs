// Shared by the engine tests and the server's integration tests (`include!`d by both).

/// A start-up with limited resources racing to market with variable traffic:
/// an answer to every question, the base most tests vary.
pub const STARTUP: &[(&str, &str)] = &[
    ("stage", "new"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
    ("teams", "one"), ("team_size", "small"), ("ops", "none"), ("experience", "none"), ("tech_diversity", "one_stack"),
    ("load_shape", "variable"), ("scaling_differences", "alike"), ("latency", "tolerant"), ("availability", "tolerant"), ("state", "stateless"),
    ("deployment", "together"), ("budget", "tight"), ("cost_model", "usage"), ("lock_in", "comfortable"),
    ("compliance", "none"), ("runtime", "mainstream"), ("legacy", "none"), ("time_to_market", "urgent"),
    ("control", "hands_off"), ("ecosystem", "important"), ("tech_debt", "simplicity"), ("risk", "moderate"),
];
