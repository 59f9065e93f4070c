//! How long an answer takes to be on disk: `Store::save` of a realistic
//! profile (an example city, 24 KB), written to a temporary file, synced,
//! renamed, the folder synced; 500 saves, each changing one answer, as the
//! interface does. Reports p50, p95, p99 and the maximum.
//!
//! Run: `cargo bench --bench save`. Figures in the README.

use std::time::{Duration, Instant};

use citydx::core::examples::EXAMPLES;
use citydx::core::profile::{AnswerValue, Profile};
use citydx::store::{LockOutcome, Store};

const SAVES: usize = 500;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // next to the build, on the disk a user's profiles would be on (not a
    // memory-backed /tmp)
    let base = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tempfile::tempdir_in(base).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, text) = EXAMPLES.iter().find(|(id, _)| *id == "pinghu").unwrap();
    let mut profile = Profile::from_json(text).unwrap();
    let LockOutcome::Acquired { lock, .. } = store.lock(&profile.id).unwrap() else {
        panic!("lock");
    };
    let ids: Vec<String> = profile.assessments[0].answers.keys().cloned().collect();
    let values = [AnswerValue::Met, AnswerValue::Partly, AnswerValue::NotMet];
    let mut times: Vec<Duration> = Vec::with_capacity(SAVES);
    for i in 0..SAVES {
        let answer = profile.assessments[0]
            .answers
            .get_mut(&ids[i % ids.len()])
            .unwrap();
        answer.value = values[i % 3];
        let start = Instant::now();
        store.save(&profile, &lock).unwrap();
        times.push(start.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{SAVES} durable saves of a {} KB profile: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        profile.to_json().len() / 1024,
        ms(at(0.50)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(*times.last().unwrap())
    );
}
