//! Segment lists: arbitrary f64 durations, lifts and rpm and arbitrary law codes through
//! Program::from_segments. Never a panic; accepted => finite kinematics everywhere. Half of the
//! inputs are first made plausible (durations scaled to 360 degrees, lifts and rpm folded to up
//! to twice their bounds, dwells holding their lift, the last segment closing at 0) so that many
//! reach the evaluation.
#![no_main]

use arbitrary::Arbitrary;
use campro::{Law, Program, Segment};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
struct Input {
    rpm: f64,
    normalize: bool,
    segments: Vec<(u8, f64, f64)>,
    extra: Vec<f64>,
}

fuzz_target!(|input: Input| {
    let mut segments: Vec<Segment> = input
        .segments
        .iter()
        .take(64)
        .map(|&(code, duration, end_lift)| Segment { law: Law::ALL[usize::from(code) % 8], duration, end_lift })
        .collect();
    if input.normalize && !segments.is_empty() {
        let total: f64 = segments.iter().map(|s| s.duration.abs()).sum();
        let mut lift = 0.0;
        let last = segments.len() - 1;
        for (i, s) in segments.iter_mut().enumerate() {
            if total > 0.0 && total.is_finite() {
                s.duration = s.duration.abs() * (360.0 / total);
            }
            // Lifts up to twice MAX_LIFT_MM: both sides of the bound.
            s.end_lift = s.end_lift.abs() % 2e6;
            if s.law == Law::Dwell || i == last {
                s.end_lift = if i == last { 0.0 } else { lift };
            }
            lift = s.end_lift;
        }
    }
    // rpm up to twice MAX_RPM when normalizing (both sides of the bound), as given otherwise.
    let rpm = if input.normalize { input.rpm.abs() % 2e6 } else { input.rpm };
    if let Ok(program) = Program::from_segments(&segments, rpm) {
        common::check_program(&program, &input.extra);
    }
});
