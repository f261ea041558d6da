//! The library's own thread pool and the deterministic driver every parallel call goes through.
//!
//! A call cuts its work into parts; the calling thread and the pool's persistent workers claim
//! parts in order from an atomic counter until none is left. Nothing is allocated per call (the
//! parts wait on the caller's stack; workers poll briefly for the next call, then sleep on a
//! condition variable), unlike a rayon `install` from outside the pool, whose job queue
//! allocates a block every 63 calls. Every point is computed by the same code whatever part it
//! falls in, so results are bitwise those of one serial pass. A call made while another owns
//! the workers runs on its own thread.

use crate::error::{Error, Result};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Parallel calls (`*_parallel`, `kinematics_parallel`, `boundary_conditions`, the analysis)
/// below this many points run on the calling thread. Measured on the 2-core development
/// machine (issue 16), 10,000 points: random angles take 19 us on one core and 10 us on two
/// once the workers poll, the analysis 10.8 and 6.4 us. With a busy loop on the second core
/// the two-thread calls took 23.5 and 16.3 us (a part can wait for a preempted worker; the
/// rayon baseline took 420 and 255 us); `CAMPRO_NUM_THREADS=1` keeps every call on the
/// calling thread.
pub const PARALLEL_THRESHOLD: usize = 8 * 1024;
/// Smallest piece of work handed to one task (parts are cut equal, at least this long).
const MIN_TASK_LEN: usize = 2 * 1024;
/// Environment variable read when the pool starts, unless `set_num_threads` chose a size.
/// Values that are not a whole number in 0..=[`MAX_THREADS`] are ignored (one thread per core).
pub const NUM_THREADS_ENV: &str = "CAMPRO_NUM_THREADS";
/// Largest pool [`set_num_threads`] accepts (one per core is also capped at it).
pub const MAX_THREADS: usize = 1024;

/// The size `set_num_threads` asked for; `UNSET` (out of range for any request) if none.
static REQUESTED_THREADS: AtomicUsize = AtomicUsize::new(UNSET);
const UNSET: usize = usize::MAX;
/// The running pool (leaked: it lives as long as the process), or NULL before the first
/// parallel call. A pool belongs to the process that started it: after `fork()` the child has a
/// copy of the pointer but none of the worker threads, so it starts a pool of its own.
static POOL: AtomicPtr<Pool> = AtomicPtr::new(std::ptr::null_mut());
/// The id of the process one of whose threads is starting a pool, or 0. A value left by the
/// process this one was forked from means nothing here (that thread does not exist here).
static STARTING: AtomicU32 = AtomicU32::new(0);

fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn resolve(requested: usize) -> usize {
    if requested == 0 {
        available_cores().min(MAX_THREADS)
    } else {
        requested
    }
}

/// Sets the pool size (0 = one thread per core, at most [`MAX_THREADS`]). Takes effect if
/// called before the first parallel call (of this process: a child forked after it starts its
/// own pool); afterwards it succeeds only when `n` resolves to the size the pool already has.
pub fn set_num_threads(n: usize) -> Result<()> {
    if n > MAX_THREADS {
        return Err(Error::invalid(
            "num_threads",
            n,
            format!("must be within 0..={MAX_THREADS} (MAX_THREADS; 0 = one per core)"),
        ));
    }
    if let Some(pool) = running_pool() {
        if resolve(n) == pool.threads {
            return Ok(());
        }
        return Err(Error::invalid(
            "num_threads",
            n,
            format!(
                "the thread pool already runs {} threads; set the size before the first parallel call",
                pool.threads
            ),
        ));
    }
    REQUESTED_THREADS.store(n, Ordering::SeqCst);
    Ok(())
}

/// Threads the pool has (or will have when it starts).
pub fn num_threads() -> usize {
    match running_pool() {
        Some(pool) => pool.threads,
        None => threads_to_start(),
    }
}

fn threads_to_start() -> usize {
    match REQUESTED_THREADS.load(Ordering::SeqCst) {
        UNSET => {
            let from_env = std::env::var(NUM_THREADS_ENV)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|&n| n <= MAX_THREADS);
            resolve(from_env.unwrap_or(0))
        }
        n => resolve(n),
    }
}

/// The persistent worker threads (the calling thread is the pool's other member).
struct Pool {
    threads: usize,
    /// The process whose threads these are.
    pid: u32,
    shared: Arc<Shared>,
}

/// How long a worker keeps polling for the next job after its last one before it sleeps on
/// the condition variable: back-to-back calls (a time history, a solver's steps) then find
/// it awake instead of paying a futex wake-up each. The idle CPU this costs is bounded: at
/// most this long per worker after each parallel call, none while no calls are made.
const SPIN: Duration = Duration::from_micros(50);

/// The gate's fields: the job's generation above `GATE_GENERATION_SHIFT`, the closed flag, and
/// the count of workers inside the job below it.
const GATE_GENERATION_SHIFT: u32 = 16;
const GATE_CLOSED: u64 = 1 << 15;
const GATE_COUNT: u64 = GATE_CLOSED - 1;
const _: () = assert!(MAX_THREADS as u64 <= GATE_COUNT);

struct Shared {
    /// `generation << 16 | closed << 15 | workers inside`. A call publishes its job by opening
    /// the next generation; a worker runs it only after counting itself in while that
    /// generation is open, and the caller closes it when its parts are all claimed, then waits
    /// only for the workers inside (never for one that has not woken up yet). The 48-bit
    /// generation would take years of back-to-back calls to wrap.
    gate: AtomicU64,
    /// The current job (a pointer to the caller's `JobRef`), valid while its gate is open or
    /// any worker is inside it.
    job: AtomicPtr<JobRef>,
    /// A worker's job panicked (the caller re-raises it).
    panicked: AtomicBool,
    /// Workers asleep (or about to sleep) on `wake`.
    sleeping: AtomicUsize,
    /// Guards the sleep on `wake` (its predicate reads `gate`).
    sleep: Mutex<()>,
    /// Sleeping workers wait here for the next generation.
    wake: Condvar,
    /// Held by the one call that currently owns the workers.
    busy: AtomicBool,
    /// Workers that have started running their loop.
    started: AtomicUsize,
}

/// The caller's work loop, its lifetime erased: the caller does not return (or unwind) before
/// it has closed the job's gate and every worker inside has left, which keeps it valid.
#[derive(Clone, Copy)]
struct JobRef(*const (dyn Fn() + Sync));
// SAFETY: the pointee is Sync and outlives every use (see above).
unsafe impl Send for JobRef {}

/// The pool this process started, if any. One atomic load and a `getpid` per parallel call.
fn running_pool() -> Option<&'static Pool> {
    // SAFETY: POOL is NULL or a leaked, never freed, never mutated `Pool`.
    let pool = unsafe { POOL.load(Ordering::Acquire).as_ref() }?;
    (pool.pid == std::process::id()).then_some(pool)
}

fn pool() -> &'static Pool {
    running_pool().unwrap_or_else(start_pool)
}

/// Starts this process's pool (once; racing callers wait for the first). No lock a forked
/// child could inherit held: the start is claimed with this process's id (see `STARTING`).
#[cold]
#[inline(never)]
fn start_pool() -> &'static Pool {
    let pid = std::process::id();
    loop {
        if let Some(pool) = running_pool() {
            return pool;
        }
        let holder = STARTING.load(Ordering::Acquire);
        if holder == pid {
            // Another thread of this process is starting it: spawning takes microseconds.
            std::thread::yield_now();
        } else if STARTING.compare_exchange(holder, pid, Ordering::AcqRel, Ordering::Acquire).is_ok() {
            break;
        }
    }
    /// Releases the claim however the start ends.
    struct Release;
    impl Drop for Release {
        fn drop(&mut self) {
            STARTING.store(0, Ordering::Release);
        }
    }
    let _release = Release;
    if let Some(pool) = running_pool() {
        return pool;
    }
    let pool: &'static Pool = Box::leak(Box::new(Pool::start(threads_to_start().max(1), pid)));
    POOL.store(std::ptr::from_ref(pool).cast_mut(), Ordering::Release);
    pool
}

impl Pool {
    fn start(threads: usize, pid: u32) -> Pool {
        let shared = Arc::new(Shared {
            gate: AtomicU64::new(GATE_CLOSED),
            job: AtomicPtr::new(std::ptr::null_mut()),
            panicked: AtomicBool::new(false),
            sleeping: AtomicUsize::new(0),
            sleep: Mutex::new(()),
            wake: Condvar::new(),
            busy: AtomicBool::new(false),
            started: AtomicUsize::new(0),
        });
        let mut spawned = 0;
        for i in 1..threads {
            let shared = Arc::clone(&shared);
            if std::thread::Builder::new().name(format!("campro-{i}")).spawn(move || worker(&shared)).is_ok() {
                spawned += 1;
            }
        }
        // Once: wait until every worker runs. A new thread's start-up allocates (the standard
        // library records its name for the stack-overflow handler); waited for here, it
        // cannot land in a later call, which then allocates nothing on any thread.
        while shared.started.load(Ordering::Acquire) < spawned {
            std::thread::yield_now();
        }
        Pool { threads: spawned + 1, pid, shared }
    }
}

fn worker(shared: &Shared) {
    shared.started.fetch_add(1, Ordering::Release);
    let mut seen = 0u64;
    loop {
        let gate = next_generation(shared, seen);
        seen = gate >> GATE_GENERATION_SHIFT;
        if !enter(shared, gate) {
            continue;
        }
        let job = shared.job.load(Ordering::Acquire);
        // SAFETY: this worker is counted inside the open generation whose job `job` points
        // to; the caller keeps it alive until every worker inside has left (below).
        let ok = catch_unwind(AssertUnwindSafe(|| unsafe { (*(*job).0)() })).is_ok();
        if !ok {
            shared.panicked.store(true, Ordering::Relaxed);
        }
        shared.gate.fetch_sub(1, Ordering::Release);
    }
}

/// The gate once its generation differs from `seen`: polled for [`SPIN`], then asleep.
fn next_generation(shared: &Shared, seen: u64) -> u64 {
    let started = Instant::now();
    let mut polls = 0u32;
    loop {
        let gate = shared.gate.load(Ordering::Acquire);
        if gate >> GATE_GENERATION_SHIFT != seen {
            return gate;
        }
        polls = polls.wrapping_add(1);
        if polls.is_multiple_of(64) && started.elapsed() >= SPIN {
            break;
        }
        std::hint::spin_loop();
    }
    let mut guard = shared.sleep.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // Counted before the check (both SeqCst, as the caller's open and read): either this check
    // sees the new generation or the caller sees a sleeper and notifies under the lock.
    shared.sleeping.fetch_add(1, Ordering::SeqCst);
    loop {
        let gate = shared.gate.load(Ordering::SeqCst);
        if gate >> GATE_GENERATION_SHIFT != seen {
            shared.sleeping.fetch_sub(1, Ordering::SeqCst);
            return gate;
        }
        guard = shared.wake.wait(guard).unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

/// Counts this worker into the generation of `gate` if it is still open.
fn enter(shared: &Shared, mut gate: u64) -> bool {
    let generation = gate >> GATE_GENERATION_SHIFT;
    loop {
        if gate >> GATE_GENERATION_SHIFT != generation || gate & GATE_CLOSED != 0 {
            return false;
        }
        match shared.gate.compare_exchange_weak(gate, gate + 1, Ordering::Acquire, Ordering::Acquire) {
            Ok(_) => return true,
            Err(now) => gate = now,
        }
    }
}

/// Runs `job` on the calling thread and on every worker that wakes up while it runs, returning
/// when the caller's share is done and no worker is inside it any more (a worker that wakes
/// later finds the job closed: the caller never waits for a sleeping worker to wake up).
/// Returns false (and runs nothing) if another call owns the workers.
fn broadcast(pool: &Pool, job: &(dyn Fn() + Sync)) -> bool {
    let shared = &*pool.shared;
    if shared.busy.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
        return false;
    }
    /// Closes the job and waits for the workers inside, even if the caller's share panics:
    /// they still use `job`.
    struct Join<'a>(&'a Shared);
    impl Drop for Join<'_> {
        fn drop(&mut self) {
            let shared = self.0;
            let mut gate = shared.gate.fetch_or(GATE_CLOSED, Ordering::AcqRel) | GATE_CLOSED;
            let mut polls = 0u32;
            // The workers inside are running parts (or finding none left): short waits.
            while gate & GATE_COUNT != 0 {
                polls = polls.wrapping_add(1);
                if polls.is_multiple_of(256) {
                    std::thread::yield_now();
                } else {
                    std::hint::spin_loop();
                }
                gate = shared.gate.load(Ordering::Acquire);
            }
            shared.job.store(std::ptr::null_mut(), Ordering::Relaxed);
            let panicked = shared.panicked.swap(false, Ordering::Relaxed);
            shared.busy.store(false, Ordering::Release);
            if panicked && !std::thread::panicking() {
                panic!("a campro worker thread panicked");
            }
        }
    }
    // SAFETY: lifetime erasure; `Join` below closes the job and waits until no worker is
    // inside it before this function returns or unwinds.
    let erased: &'static (dyn Fn() + Sync) = unsafe { std::mem::transmute(job) };
    let job_ref = JobRef(erased);
    shared.job.store(std::ptr::from_ref(&job_ref).cast_mut(), Ordering::Release);
    // Only this call changes the generation (it owns `busy`); the gate is closed and empty.
    let generation = (shared.gate.load(Ordering::Acquire) >> GATE_GENERATION_SHIFT).wrapping_add(1);
    shared.gate.store(generation << GATE_GENERATION_SHIFT, Ordering::SeqCst);
    let join = Join(shared);
    if shared.sleeping.load(Ordering::SeqCst) > 0 {
        // Taking the lock orders this after any sleeper's check of the gate (see `next_generation`).
        drop(shared.sleep.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        shared.wake.notify_all();
    }
    job();
    drop(join);
    true
}

/// Something that can be cut in two at an index: the output side of a parallel call.
pub(crate) trait Split: Send + Sized {
    fn split_at(self, mid: usize) -> (Self, Self);
}

impl<T: Send> Split for &mut [T] {
    fn split_at(self, mid: usize) -> (Self, Self) {
        self.split_at_mut(mid)
    }
}

impl<T: Sync> Split for &[T] {
    fn split_at(self, mid: usize) -> (Self, Self) {
        <[T]>::split_at(self, mid)
    }
}

impl<A: Split, B: Split> Split for (A, B) {
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (a0, a1) = self.0.split_at(mid);
        let (b0, b1) = self.1.split_at(mid);
        ((a0, b0), (a1, b1))
    }
}

/// Runs `work(offset, part)` over `len` items cut into equal parts, on the pool when `len`
/// reaches [`PARALLEL_THRESHOLD`], and adds up what the parts return. Each item is computed
/// by the same code whatever the split, so results are bitwise those of one serial pass.
pub(crate) fn run<S, F>(len: usize, data: S, work: F) -> usize
where
    S: Split,
    F: Fn(usize, S) -> usize + Sync,
{
    run_weighted(len, 1, data, work)
}

/// Most parts one call is cut into (the parts wait on the caller's stack).
const MAX_PARTS: usize = 64;

/// As [`run`] for items that each stand for `points_per_item` points of work.
pub(crate) fn run_weighted<S, F>(len: usize, points_per_item: usize, data: S, work: F) -> usize
where
    S: Split,
    F: Fn(usize, S) -> usize + Sync,
{
    let points_per_item = points_per_item.max(1);
    let points = len.saturating_mul(points_per_item);
    if points < PARALLEL_THRESHOLD || len < 2 {
        return work(0, data);
    }
    let pool = pool();
    if pool.threads < 2 {
        return work(0, data);
    }
    // Several parts per thread, claimed in order by whoever is free: a thread slowed by
    // another process does not hold the others up. Parts never change the results.
    // Equal parts (a 10,000-point call: four of 2,500), so the two threads finish together.
    let wanted = (pool.threads * 4).min(points / MIN_TASK_LEN).clamp(2, MAX_PARTS.min(len));
    let part_len = len.div_ceil(wanted);
    let parts_count = len.div_ceil(part_len);
    let parts: [Mutex<Option<(usize, S)>>; MAX_PARTS] = std::array::from_fn(|_| Mutex::new(None));
    let mut rest = Some(data);
    for (i, slot) in parts.iter().enumerate().take(parts_count) {
        let offset = i * part_len;
        let data = rest.take().expect("parts are cut in order");
        let part = if offset + part_len < len {
            let (head, tail) = data.split_at(part_len);
            rest = Some(tail);
            head
        } else {
            data
        };
        *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some((offset, part));
    }
    let next = AtomicUsize::new(0);
    let total = AtomicUsize::new(0);
    let job = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= parts_count {
            break;
        }
        let taken = parts[i].lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some((offset, part)) = taken {
            total.fetch_add(work(offset, part), Ordering::Relaxed);
        }
    };
    if !broadcast(pool, &job) {
        // Another thread's call owns the workers: do it all here rather than wait.
        job();
    }
    total.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item is processed exactly once by one part, whichever thread claims it, and the
    /// parts' counts add up. Miri runs this too (tests/miri/run.sh), checking the pool's
    /// lifetime-erased job pointer and the hand-off of the parts between threads.
    #[test]
    fn parallel_run_covers_every_item_once() {
        let len = PARALLEL_THRESHOLD + 1234;
        let input: Vec<u64> = (0..len as u64).collect();
        let mut output = vec![0u64; len];
        let counted = run(len, (&input[..], &mut output[..]), |offset, (i, o): (&[u64], &mut [u64])| {
            for (k, (x, y)) in i.iter().zip(o.iter_mut()).enumerate() {
                assert_eq!(*x, (offset + k) as u64);
                *y += 2 * x + 1;
            }
            i.len()
        });
        assert_eq!(counted, len);
        assert!(output.iter().enumerate().all(|(k, &y)| y == 2 * k as u64 + 1));
        let pool = running_pool().expect("the pool runs");
        assert_eq!(pool.threads, num_threads());
        // Every worker had started when the first call began: none can allocate later.
        assert_eq!(pool.shared.started.load(Ordering::Acquire), pool.threads - 1);
    }
}
