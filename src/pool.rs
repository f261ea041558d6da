//! The library's own rayon pool (never the global one, so campro cannot fight a host that uses
//! rayon too), and the deterministic split-and-join driver every parallel call goes through.

use crate::error::{Error, Result};
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Work below this many points runs on the calling thread: waking the pool costs more.
pub const PARALLEL_THRESHOLD: usize = 16 * 1024;
/// Smallest piece of work handed to one task.
const MIN_TASK_LEN: usize = 4 * 1024;
/// Environment variable read when the pool starts, unless `set_num_threads` chose a size.
pub const NUM_THREADS_ENV: &str = "CAMPRO_NUM_THREADS";

static REQUESTED_THREADS: AtomicUsize = AtomicUsize::new(usize::MAX);
static POOL: OnceLock<ThreadPool> = OnceLock::new();

fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn resolve(requested: usize) -> usize {
    if requested == 0 {
        available_cores()
    } else {
        requested
    }
}

/// Sets the pool size (0 = one thread per core). Takes effect if called before the first parallel
/// call; afterwards it succeeds only when `n` resolves to the size the pool already has.
pub fn set_num_threads(n: usize) -> Result<()> {
    if let Some(pool) = POOL.get() {
        if resolve(n) == pool.current_num_threads() {
            return Ok(());
        }
        return Err(Error::invalid(
            "num_threads",
            n,
            format!(
                "the thread pool already runs {} threads; set the size before the first parallel call",
                pool.current_num_threads()
            ),
        ));
    }
    REQUESTED_THREADS.store(n, Ordering::SeqCst);
    Ok(())
}

/// Threads the pool has (or will have when it starts).
pub fn num_threads() -> usize {
    match POOL.get() {
        Some(pool) => pool.current_num_threads(),
        None => threads_to_start(),
    }
}

fn threads_to_start() -> usize {
    match REQUESTED_THREADS.load(Ordering::SeqCst) {
        usize::MAX => {
            let from_env = std::env::var(NUM_THREADS_ENV).ok().and_then(|v| v.trim().parse::<usize>().ok());
            resolve(from_env.unwrap_or(0))
        }
        n => resolve(n),
    }
}

fn pool() -> &'static ThreadPool {
    POOL.get_or_init(|| {
        ThreadPoolBuilder::new()
            .num_threads(threads_to_start())
            .thread_name(|i| format!("campro-{i}"))
            .build()
            .or_else(|_| ThreadPoolBuilder::new().num_threads(1).build())
            .expect("a one-thread pool can always be built")
    })
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

/// Runs `work(offset, part)` over `len` items split into halves recursively, on the pool when
/// `len` reaches [`PARALLEL_THRESHOLD`], and adds up what the parts return. Each item is computed
/// by the same code whatever the split, so results are bitwise those of one serial pass.
pub(crate) fn run<S, F>(len: usize, data: S, work: F) -> usize
where
    S: Split,
    F: Fn(usize, S) -> usize + Sync,
{
    run_weighted(len, 1, data, work)
}

/// As [`run`] for items that each stand for `points_per_item` points of work.
pub(crate) fn run_weighted<S, F>(len: usize, points_per_item: usize, data: S, work: F) -> usize
where
    S: Split,
    F: Fn(usize, S) -> usize + Sync,
{
    let points_per_item = points_per_item.max(1);
    if len.saturating_mul(points_per_item) < PARALLEL_THRESHOLD || len < 2 {
        return work(0, data);
    }
    let pool = pool();
    let tasks = (pool.current_num_threads() * 4).max(1);
    let task_len = len.div_ceil(tasks).max(MIN_TASK_LEN.div_ceil(points_per_item));
    pool.install(|| split_join(0, len, data, task_len, &work))
}

fn split_join<S, F>(offset: usize, len: usize, data: S, task_len: usize, work: &F) -> usize
where
    S: Split,
    F: Fn(usize, S) -> usize + Sync,
{
    if len <= task_len {
        return work(offset, data);
    }
    let mid = len / 2;
    let (left, right) = data.split_at(mid);
    let (a, b) = rayon::join(
        || split_join(offset, mid, left, task_len, work),
        || split_join(offset + mid, len - mid, right, task_len, work),
    );
    a + b
}
