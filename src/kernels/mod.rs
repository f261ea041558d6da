//! Batch evaluation into caller-owned slices, on the calling thread (`*_batch`) or on the
//! library's pool (`*_parallel`). Nothing here allocates.
//!
//! The math exists once, generic over [`crate::trig::Real`] (reduction in `program.rs`, the
//! piece in `piece.rs`, sin/cos in `trig.rs`); the kernels only choose how lanes are fed:
//! - `block.rs`: blocks of [`BLOCK`] points in passes (reduce, find pieces branch-free, evaluate
//!   into block-local arrays, copy out) that the compiler vectorizes, built for the baseline
//!   target, AVX2 and AVX-512 and picked at run time (`dispatch.rs`, [`simd_dispatch`]);
//! - `avx512.rs`: on AVX-512 CPUs, for programs of at most 16 pieces (the CamProV5 cams have
//!   10), explicit 8-lane code that fetches each lane's coefficients with a register permute
//!   instead of a memory gather (the gathers were the bottleneck of the vectorized blocks);
//! - `api.rs`: the public `Program::*_batch` / `*_parallel` methods and [`KinematicsSlices`],
//!   which check lengths, split the work over the pool and report non-finite inputs.
//!
//! Every path performs, per point, the same IEEE operations in the same order as a scalar call
//! (Rust never fuses `a * b + c`), so scalar, batch and parallel results are bitwise identical
//! on every CPU; the unit tests in `block.rs` check it.

mod api;
#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512;
mod block;
mod dispatch;

pub use api::KinematicsSlices;
pub(crate) use block::{eval_block, BLOCK};
pub(crate) use dispatch::{scalar_fma, simd_dispatch, simd_level, SimdLevel};
