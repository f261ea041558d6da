//! Fork safety (issue 15): a process that ran a parallel call (so the pool's workers exist) and
//! then forks used to hang forever in the child's next parallel call big enough for the pool (the
//! child has a copy of the pool but none of its threads). Now the child starts a pool of its
//! own. The child does a parallel call of 100k points, checks every value bitwise against the
//! parent's, and exits 0; the parent waits with a timeout and kills the child on timeout, so a
//! regression fails instead of hanging. Runs without the libtest harness (Cargo.toml): the
//! process has no other test threads that could hold a lock at the fork.

use campro::{num_threads, set_num_threads, BoundaryCondition, Parameters, Program, PARALLEL_THRESHOLD};
use std::time::{Duration, Instant};

const POINTS: usize = 100_000;
const TIMEOUT: Duration = Duration::from_secs(60);

fn main() {
    const { assert!(POINTS > 4 * PARALLEL_THRESHOLD) };
    let program = Program::from_parameters(&Parameters::default()).unwrap();
    let theta: Vec<f64> = (0..POINTS).map(|i| i as f64 * 0.0731 - 1000.0).collect();
    let times: Vec<f64> = theta.iter().map(|a| a / 18_000.0 + 1e6).collect();
    let mut expected = vec![0.0; POINTS];
    program.displacement_batch(&theta, &mut expected).unwrap();
    let mut expected_bc = vec![BoundaryCondition::default(); POINTS];
    program.boundary_conditions_batch(&times, &mut expected_bc).unwrap();

    // The parent's pool starts here, with two workers at least.
    set_num_threads(3).unwrap();
    let mut out = vec![0.0; POINTS];
    program.velocity_parallel(&theta, &mut out).unwrap();
    assert_eq!(num_threads(), 3);

    let check = |threads: usize| -> bool {
        let mut out = vec![f64::NAN; POINTS];
        let mut bc = vec![BoundaryCondition::default(); POINTS];
        program.displacement_parallel(&theta, &mut out).is_ok()
            && program.boundary_conditions(&times, &mut bc).is_ok()
            && out.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits())
            && bc == expected_bc
            && program.analyze(200_000).is_ok()
            && num_threads() == threads
    };

    // A child, and a grandchild forked by the child after its own parallel calls. A forked
    // child is a new process: it may size its pool before its first parallel call, and a
    // grandchild starts with the size its parent asked for.
    let status = fork_and_wait(|| {
        if set_num_threads(2).is_err() || num_threads() != 2 || !check(2) {
            return 1;
        }
        fork_and_wait(|| if check(2) { 0 } else { 1 })
    });
    assert_eq!(status, 0, "the forked child failed (1, 2: panicked) or hung and was killed (-1)");
    // The parent's own pool still works, with its own size.
    assert!(check(3));
    println!("fork: 1 passed, 0 failed");
}

/// Forks; the child runs `child` and exits with its code (without running anything else of
/// this process). The parent waits up to TIMEOUT, then kills the child: returns the child's exit
/// code, or -1 if it was killed or died of a signal.
fn fork_and_wait(child: impl FnOnce() -> i32) -> i32 {
    // SAFETY: the child only runs `child` (Rust code that starts threads of its own) and then
    // `_exit`s; it never returns into the caller's frames or runs exit handlers.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(child)).unwrap_or(2);
        unsafe { libc::_exit(code) };
    }
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: waits for our own child.
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        assert!(done >= 0, "waitpid failed");
        if done == pid {
            return if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
        }
        if start.elapsed() > TIMEOUT {
            eprintln!("fork: the child hung for {TIMEOUT:?}; killing it");
            // SAFETY: our own child, still running.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut status, 0);
            }
            return -1;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
