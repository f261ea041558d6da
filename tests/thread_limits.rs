//! The pool size is bounded (issue 15: `campro_set_num_threads(100000)` started tens of
//! thousands of threads and SIZE_MAX was silently ignored). Out-of-range requests are errors
//! naming num_threads and the value; out-of-range CAMPRO_NUM_THREADS values are ignored (one
//! thread per core, capped at MAX_THREADS). The environment is read when the pool starts, so
//! each case runs in a fresh process: this binary re-runs itself (no libtest harness).

use campro::{num_threads, set_num_threads, MAX_THREADS, NUM_THREADS_ENV};
use std::process::Command;

const CHILD: &str = "CAMPRO_THREAD_LIMITS_CHILD";

fn main() {
    if std::env::var_os(CHILD).is_some() {
        // Before and after a parallel call (the pool starts with that size).
        let before = num_threads();
        let program = campro::Program::from_parameters(&campro::Parameters::default()).unwrap();
        let theta = vec![1.0; 50_000];
        let mut out = vec![0.0; 50_000];
        program.displacement_parallel(&theta, &mut out).unwrap();
        println!("{before} {}", num_threads());
        return;
    }
    requests_above_the_maximum_are_rejected();
    environment_values_out_of_range_are_ignored();
    println!("thread_limits: 2 passed, 0 failed");
}

fn requests_above_the_maximum_are_rejected() {
    assert_eq!(MAX_THREADS, 1024);
    let before = num_threads();
    for n in [usize::MAX, 100_000, MAX_THREADS + 1] {
        let message = set_num_threads(n).unwrap_err().to_string();
        assert_eq!(message, format!("num_threads = {n}: must be within 0..=1024 (MAX_THREADS; 0 = one per core)"));
        assert_eq!(num_threads(), before, "a rejected request changes nothing");
    }
    set_num_threads(MAX_THREADS).unwrap();
    assert_eq!(num_threads(), MAX_THREADS);
    set_num_threads(0).unwrap();
    assert_eq!(num_threads(), before);
}

fn environment_values_out_of_range_are_ignored() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
    let cases = [
        ("100000", cores),
        ("18446744073709551615", cores),
        ("1025", cores),
        ("-3", cores),
        ("many", cores),
        ("0", cores),
        ("3", 3),
        (" 2 ", 2),
    ];
    for (value, want) in cases {
        let output = Command::new(std::env::current_exe().unwrap())
            .env(CHILD, "1")
            .env(NUM_THREADS_ENV, value)
            .output()
            .unwrap();
        assert!(output.status.success(), "{value}: {}", String::from_utf8_lossy(&output.stderr));
        let got = String::from_utf8(output.stdout).unwrap();
        assert_eq!(got.trim(), format!("{want} {want}"), "CAMPRO_NUM_THREADS={value:?}");
    }
}
