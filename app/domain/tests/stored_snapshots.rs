//! Snapshots are stored as JSON forever: every snapshot written before results
//! could hold several workloads must still read, and write back byte for byte.
//! The fixtures were serialised by the engine before that change.

use crossroads_domain::ResultSnapshot;

const STORED: &[(&str, &str)] = &[
    ("startup", include_str!("fixtures/snapshot-2026.11.2-startup.json")),
    ("on premises", include_str!("fixtures/snapshot-2026.11.2-on-premises.json")),
];

#[test]
fn snapshots_stored_before_workloads_round_trip_byte_for_byte() {
    for (name, json) in STORED {
        let snapshot: ResultSnapshot = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&serde_json::to_string(&snapshot).unwrap(), json, "{name}");
    }
}
