//! Batch evaluation into caller-owned slices, on the calling thread (`*_batch`) or on the
//! library's pool (`*_parallel`). Nothing here allocates.
//!
//! The math exists once, generic over [`crate::trig::Real`] (reduction in `program.rs`, the
//! piece in `piece.rs`, sin/cos in `trig.rs`); the kernels only choose how lanes are fed:
//! - blocks of [`BLOCK`] points in passes (reduce, find pieces branch-free, evaluate into
//!   block-local arrays, copy out) that the compiler vectorizes, built for the baseline target,
//!   AVX2 and AVX-512 and picked at run time ([`simd_dispatch`]);
//! - on AVX-512 CPUs, for programs of at most 16 pieces (the CamProV5 cams have 10), explicit
//!   8-lane code that fetches each lane's coefficients with a register permute instead of a
//!   memory gather (the gathers were the bottleneck of the vectorized blocks).
//!
//! Every path performs, per point, the same IEEE operations in the same order as a scalar call
//! (Rust never fuses `a * b + c`), so scalar, batch and parallel results are bitwise identical
//! on every CPU; the unit tests below check it.

use crate::error::{Error, Result};
use crate::kinematics::{BoundaryCondition, Kinematics};
use crate::piece::with_degree;
use crate::pool::{self, Split};
use crate::program::{reduce_angle, reduce_angle_fast, time_accepted, Program, FAST_REDUCTION_LIMIT};

/// One of the four kinematic quantities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// mm.
    Displacement,
    /// mm/s.
    Velocity,
    /// mm/s^2.
    Acceleration,
    /// mm/s^3.
    Jerk,
}

impl Quantity {
    /// Every quantity, in derivative order.
    pub const ALL: [Quantity; 4] = [Quantity::Displacement, Quantity::Velocity, Quantity::Acceleration, Quantity::Jerk];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Displacement => "displacement",
            Quantity::Velocity => "velocity",
            Quantity::Acceleration => "acceleration",
            Quantity::Jerk => "jerk",
        }
    }

    /// Unit symbol.
    pub fn unit(self) -> &'static str {
        match self {
            Quantity::Displacement => "mm",
            Quantity::Velocity => "mm/s",
            Quantity::Acceleration => "mm/s^2",
            Quantity::Jerk => "mm/s^3",
        }
    }

    /// This quantity of `k`.
    #[inline(always)]
    pub fn of(self, k: &Kinematics) -> f64 {
        match self {
            Quantity::Displacement => k.displacement,
            Quantity::Velocity => k.velocity,
            Quantity::Acceleration => k.acceleration,
            Quantity::Jerk => k.jerk,
        }
    }
}

/// Output slices for the four quantities at once; any may be `None`.
#[derive(Debug, Default)]
pub struct KinematicsSlices<'a> {
    /// mm.
    pub displacement: Option<&'a mut [f64]>,
    /// mm/s.
    pub velocity: Option<&'a mut [f64]>,
    /// mm/s^2.
    pub acceleration: Option<&'a mut [f64]>,
    /// mm/s^3.
    pub jerk: Option<&'a mut [f64]>,
}

impl<'a> KinematicsSlices<'a> {
    /// All four outputs.
    pub fn all(
        displacement: &'a mut [f64],
        velocity: &'a mut [f64],
        acceleration: &'a mut [f64],
        jerk: &'a mut [f64],
    ) -> Self {
        KinematicsSlices {
            displacement: Some(displacement),
            velocity: Some(velocity),
            acceleration: Some(acceleration),
            jerk: Some(jerk),
        }
    }

    fn check_lengths(&self, n: usize) -> Result<()> {
        for (name, slice) in [
            ("displacement", &self.displacement),
            ("velocity", &self.velocity),
            ("acceleration", &self.acceleration),
            ("jerk", &self.jerk),
        ] {
            if let Some(slice) = slice {
                check_len(name, slice.len(), n)?;
            }
        }
        Ok(())
    }
}

impl Split for KinematicsSlices<'_> {
    fn split_at(self, mid: usize) -> (Self, Self) {
        fn cut(s: Option<&mut [f64]>, mid: usize) -> (Option<&mut [f64]>, Option<&mut [f64]>) {
            match s {
                Some(s) => {
                    let (a, b) = s.split_at_mut(mid);
                    (Some(a), Some(b))
                }
                None => (None, None),
            }
        }
        let (d0, d1) = cut(self.displacement, mid);
        let (v0, v1) = cut(self.velocity, mid);
        let (a0, a1) = cut(self.acceleration, mid);
        let (j0, j1) = cut(self.jerk, mid);
        (
            KinematicsSlices { displacement: d0, velocity: v0, acceleration: a0, jerk: j0 },
            KinematicsSlices { displacement: d1, velocity: v1, acceleration: a1, jerk: j1 },
        )
    }
}

fn check_len(name: &str, got: usize, want: usize) -> Result<()> {
    if got != want {
        return Err(Error::invalid(format!("{name}.len"), got, format!("must equal the input length {want}")));
    }
    Ok(())
}

fn non_finite(field: &'static str, input: &[f64], count: usize) -> Result<()> {
    rejected(field, input, count, f64::is_finite)
}

/// As `non_finite` for times: also those beyond the exact time range (`time_accepted`).
fn rejected_time(input: &[f64], count: usize) -> Result<()> {
    rejected("time_s", input, count, time_accepted)
}

fn rejected(field: &'static str, input: &[f64], count: usize, accepted: fn(f64) -> bool) -> Result<()> {
    if count == 0 {
        return Ok(());
    }
    let index = input.iter().position(|&x| !accepted(x)).unwrap_or(0);
    Err(Error::NonFiniteInput { field, index, value: input[index], count })
}

/// Points per block. The lane kernels run each pass over a whole block (fixed trip count, so
/// the compiler unrolls and vectorizes it) with the block's temporaries in L1.
pub(crate) const BLOCK: usize = 64;

/// Runs `$body` compiled three times: portable (the crate's baseline target), with AVX2, and
/// with AVX-512, picking the widest the CPU has. The source, and so the order of every
/// floating-point operation, is the same in all three (Rust never contracts `a * b + c` into an
/// FMA), so every tier, and the scalar path, gives the same bits.
macro_rules! simd_dispatch {
    ($vis:vis fn $name:ident<$lt:lifetime>($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $vis fn $name<$lt>($($arg: $ty),*) -> $ret {
            #[inline(always)]
            fn imp<$lt>($($arg: $ty),*) -> $ret $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2")]
                unsafe fn avx512<$lt>($($arg: $ty),*) -> $ret {
                    imp($($arg),*)
                }
                #[target_feature(enable = "avx2")]
                unsafe fn avx2<$lt>($($arg: $ty),*) -> $ret {
                    imp($($arg),*)
                }
                match crate::kernels::simd_level() {
                    // SAFETY: simd_level() reports only features the CPU has.
                    crate::kernels::SimdLevel::Avx512 => return unsafe { avx512($($arg),*) },
                    crate::kernels::SimdLevel::Avx2 => return unsafe { avx2($($arg),*) },
                    crate::kernels::SimdLevel::Portable => {}
                }
            }
            imp($($arg),*)
        }
    };
}
pub(crate) use simd_dispatch;

/// Instruction sets the batch kernels are compiled for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SimdLevel {
    /// The crate's compile-time target (SSE2 on x86-64).
    Portable,
    /// x86-64 AVX2.
    Avx2,
    /// x86-64 AVX-512 F/DQ/VL.
    Avx512,
}

/// The widest tier this CPU runs, capped by the `CAMPRO_SIMD` environment variable
/// (`portable`, `avx2` or `avx512`; read once), which exists to benchmark the tiers.
pub(crate) fn simd_level() -> SimdLevel {
    use std::sync::atomic::{AtomicU8, Ordering};
    static LEVEL: AtomicU8 = AtomicU8::new(u8::MAX);
    let code = LEVEL.load(Ordering::Relaxed);
    match code {
        0 => SimdLevel::Portable,
        1 => SimdLevel::Avx2,
        2 => SimdLevel::Avx512,
        _ => {
            let level = detect_simd_level();
            LEVEL.store(level as u8, Ordering::Relaxed);
            level
        }
    }
}

fn detect_simd_level() -> SimdLevel {
    #[allow(unused_mut)]
    let mut level = SimdLevel::Portable;
    // Miri interprets no SIMD intrinsics: it checks the portable kernels.
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    {
        if is_x86_feature_detected!("avx2") {
            level = SimdLevel::Avx2;
        }
        if is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512dq")
            && is_x86_feature_detected!("avx512vl")
        {
            level = SimdLevel::Avx512;
        }
    }
    let cap = match std::env::var("CAMPRO_SIMD").as_deref() {
        Ok("portable") => SimdLevel::Portable,
        Ok("avx2") => SimdLevel::Avx2,
        _ => SimdLevel::Avx512,
    };
    if (cap as u8) < (level as u8) {
        cap
    } else {
        level
    }
}

/// This quantity of `k`, chosen at compile time as a `WANT` bit (1 = displacement, 2 =
/// velocity, 4 = acceleration, 8 = jerk).
#[inline(always)]
fn quantity_of<const Q: u8>(k: &Kinematics) -> f64 {
    match Q {
        1 => k.displacement,
        2 => k.velocity,
        4 => k.acceleration,
        _ => k.jerk,
    }
}

/// Evaluates one block: the input (angles, or times when `TIME`) is turned into reduced angles,
/// then piece indices, then the pieces are evaluated, each pass over all lanes. `emit(lane, k)`
/// receives NaNs for a non-finite input. Returns how many inputs were not finite. Per lane
/// this is exactly [`Program::kinematics`] (same reduction, same piece, same sums).
#[inline(always)]
pub(crate) fn eval_block<const M: usize, const TIME: bool, const WANT: u8>(
    program: &Program,
    input: &[f64; BLOCK],
    mut emit: impl FnMut(usize, Kinematics),
) -> usize {
    let mut angles = [0.0; BLOCK];
    let mut slow = false;
    for (a, &x) in angles.iter_mut().zip(input) {
        let theta = if TIME { program.turn_angle_at_time(x) } else { x };
        // Written so that NaN counts as slow too.
        slow |= theta.abs() >= FAST_REDUCTION_LIMIT || theta.is_nan();
        *a = reduce_angle_fast(theta);
    }
    if slow {
        // Rare: huge or non-finite angles take the exact remainder.
        for (a, &x) in angles.iter_mut().zip(input) {
            *a = reduce_angle(if TIME { program.turn_angle_at_time(x) } else { x });
        }
    }
    let index = program.piece_indices(&angles);
    // Results go to block-local arrays first: the compiler can then prove the gathered piece
    // loads never alias the stores, and vectorizes this pass. Only the quantities `WANT`
    // selects are stored, so only they are computed.
    let mut k = [[0.0; BLOCK]; 4];
    for lane in 0..BLOCK {
        let v = program.piece(index[lane] as usize).evaluate_degree::<M>(angles[lane]);
        if WANT & 1 != 0 {
            k[0][lane] = v.displacement;
        }
        if WANT & 2 != 0 {
            k[1][lane] = v.velocity;
        }
        if WANT & 4 != 0 {
            k[2][lane] = v.acceleration;
        }
        if WANT & 8 != 0 {
            k[3][lane] = v.jerk;
        }
    }
    let mut bad = 0usize;
    for lane in 0..BLOCK {
        let finite = if TIME { time_accepted(input[lane]) } else { input[lane].is_finite() };
        let nan_or = |x: f64| if finite { x } else { f64::NAN };
        emit(
            lane,
            Kinematics {
                displacement: nan_or(k[0][lane]),
                velocity: nan_or(k[1][lane]),
                acceleration: nan_or(k[2][lane]),
                jerk: nan_or(k[3][lane]),
            },
        );
        bad += usize::from(!finite);
    }
    bad
}

/// `WANT` bits: which quantities a kernel stores.
const WANT_ALL: u8 = 15;
const WANT_BOUNDARY: u8 = 7;

/// Applies `eval_block` over `input`, handing each point's result to `put` with its output slot.
/// The last partial block is padded (with finite zeros, which count as nothing) and copied back.
#[inline(always)]
fn drive<const M: usize, const TIME: bool, const WANT: u8, T: Copy + Default>(
    program: &Program,
    input: &[f64],
    out: &mut [T],
    put: impl Fn(&mut T, &Kinematics) + Copy,
) -> usize {
    let mut bad = 0usize;
    let mut inputs = input.chunks_exact(BLOCK);
    let mut outputs = out.chunks_exact_mut(BLOCK);
    for (i, o) in (&mut inputs).zip(&mut outputs) {
        let i: &[f64; BLOCK] = i.try_into().expect("a whole block");
        let o: &mut [T; BLOCK] = o.try_into().expect("a whole block");
        bad += eval_block::<M, TIME, WANT>(program, i, |lane, k| put(&mut o[lane], &k));
    }
    let rest = inputs.remainder();
    if !rest.is_empty() {
        let mut padded = [0.0; BLOCK];
        padded[..rest.len()].copy_from_slice(rest);
        let mut staged = [T::default(); BLOCK];
        bad += eval_block::<M, TIME, WANT>(program, &padded, |lane, k| put(&mut staged[lane], &k));
        outputs.into_remainder().copy_from_slice(&staged[..rest.len()]);
    }
    bad
}

fn quantity_serial(program: &Program, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(bad) = avx512::quantity(program, quantity, theta, out) {
        return bad;
    }
    quantity_lanes(program, quantity, theta, out)
}

fn kinematics_serial(program: &Program, theta: &[f64], mut out: KinematicsSlices<'_>) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(bad) = avx512::kinematics(program, theta, &mut out) {
        return bad;
    }
    kinematics_lanes(program, theta, out)
}

fn boundary_serial(program: &Program, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(bad) = avx512::boundary(program, times, out) {
        return bad;
    }
    boundary_lanes(program, times, out)
}

simd_dispatch! {
    fn quantity_lanes<'a>(program: &'a Program, quantity: Quantity, theta: &'a [f64], out: &'a mut [f64]) -> usize {
        #[inline(always)]
        fn run<const M: usize, const Q: u8>(program: &Program, theta: &[f64], out: &mut [f64]) -> usize {
            drive::<M, false, Q, f64>(program, theta, out, |o, k| *o = quantity_of::<Q>(k))
        }
        with_degree!(program.degree(), M => match quantity {
            Quantity::Displacement => run::<M, 1>(program, theta, out),
            Quantity::Velocity => run::<M, 2>(program, theta, out),
            Quantity::Acceleration => run::<M, 4>(program, theta, out),
            Quantity::Jerk => run::<M, 8>(program, theta, out),
        })
    }
}

simd_dispatch! {
    fn kinematics_lanes<'a>(program: &'a Program, theta: &'a [f64], out: KinematicsSlices<'a>) -> usize {
        #[inline(always)]
        fn run<const M: usize>(program: &Program, theta: &[f64], mut out: KinematicsSlices<'_>) -> usize {
            if let KinematicsSlices { displacement: Some(d), velocity: Some(v), acceleration: Some(a), jerk: Some(j) } = &mut out {
                return all_four::<M>(program, theta, d, v, a, j);
            }
            // Some outputs skipped: stage each block, copy out the wanted ones.
            let mut bad = 0usize;
            for (b, t) in theta.chunks(BLOCK).enumerate() {
                let (staged, block_bad) = staged::<M>(program, t);
                bad += block_bad;
                let range = b * BLOCK..b * BLOCK + t.len();
                for (slot, values) in [&mut out.displacement, &mut out.velocity, &mut out.acceleration, &mut out.jerk]
                    .into_iter()
                    .zip(&staged)
                {
                    if let Some(slot) = slot {
                        slot[range.clone()].copy_from_slice(&values[..t.len()]);
                    }
                }
            }
            bad
        }
        /// Up to one block of angles, zero-padded, evaluated into block-local arrays (d, v, a, j),
        /// and how many were not finite.
        #[inline(always)]
        fn staged<const M: usize>(program: &Program, theta: &[f64]) -> ([[f64; BLOCK]; 4], usize) {
            let mut padded = [0.0; BLOCK];
            padded[..theta.len()].copy_from_slice(theta);
            let mut staged = [[0.0; BLOCK]; 4];
            let bad = eval_block::<M, false, WANT_ALL>(program, &padded, |lane, k| {
                staged[0][lane] = k.displacement;
                staged[1][lane] = k.velocity;
                staged[2][lane] = k.acceleration;
                staged[3][lane] = k.jerk;
            });
            (staged, bad)
        }
        #[inline(always)]
        fn all_four<const M: usize>(program: &Program, theta: &[f64], d: &mut [f64], v: &mut [f64], a: &mut [f64], j: &mut [f64]) -> usize {
            let mut bad = 0usize;
            let whole = theta.len() / BLOCK * BLOCK;
            for b in (0..whole).step_by(BLOCK) {
                let t: &[f64; BLOCK] = theta[b..b + BLOCK].try_into().expect("a whole block");
                let (d, v, a, j) = (&mut d[b..b + BLOCK], &mut v[b..b + BLOCK], &mut a[b..b + BLOCK], &mut j[b..b + BLOCK]);
                let (d, v, a, j): (&mut [f64; BLOCK], &mut [f64; BLOCK], &mut [f64; BLOCK], &mut [f64; BLOCK]) =
                    (d.try_into().expect("block"), v.try_into().expect("block"), a.try_into().expect("block"), j.try_into().expect("block"));
                bad += eval_block::<M, false, WANT_ALL>(program, t, |lane, k| {
                    d[lane] = k.displacement;
                    v[lane] = k.velocity;
                    a[lane] = k.acceleration;
                    j[lane] = k.jerk;
                });
            }
            let rest = &theta[whole..];
            if !rest.is_empty() {
                let (staged, rest_bad) = staged::<M>(program, rest);
                bad += rest_bad;
                let n = rest.len();
                d[whole..].copy_from_slice(&staged[0][..n]);
                v[whole..].copy_from_slice(&staged[1][..n]);
                a[whole..].copy_from_slice(&staged[2][..n]);
                j[whole..].copy_from_slice(&staged[3][..n]);
            }
            bad
        }
        with_degree!(program.degree(), M => run::<M>(program, theta, out))
    }
}

simd_dispatch! {
    fn boundary_lanes<'a>(program: &'a Program, times: &'a [f64], out: &'a mut [BoundaryCondition]) -> usize {
        with_degree!(program.degree(), M => drive::<M, true, WANT_BOUNDARY, BoundaryCondition>(program, times, out, |o, k| *o = k.boundary_condition()))
    }
}

/// The explicit AVX-512 kernels for programs of at most 16 pieces: the same generic math as
/// every other path (`piece::evaluate`, `trig::sin_cos_quarter`, `program::reduce_angle_fast`), on
/// eight lanes, with each lane's coefficients fetched by a two-register permute (`vpermt2pd`)
/// from the program's lane table instead of a memory gather. Eight lanes whose angles need the
/// exact remainder (huge or non-finite input) and the last few points take the scalar path, so
/// every point has the bits of a scalar call.
// The AVX-512 intrinsics are stable since Rust 1.89 (Cargo.toml's rust-version).
#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512 {
    use super::{quantity_of, with_degree, SimdLevel, BLOCK};
    use crate::kernels::{simd_level, KinematicsSlices, Quantity};
    use crate::kinematics::{BoundaryCondition, Kinematics};
    use crate::piece::evaluate;
    use crate::program::{
        reduce_angle_fast, time_accepted, Program, FAST_REDUCTION_LIMIT, LANE_TABLE_PIECES, MAX_TIME_S,
    };
    use crate::trig::Real;
    use std::arch::x86_64::*;
    use std::ops::{Add, Mul, Sub};

    /// Eight f64 lanes. Only used inside `#[target_feature(enable = "avx512f,...")]` functions,
    /// into which every method is inlined.
    #[derive(Clone, Copy)]
    pub(crate) struct F64x8(__m512d);

    macro_rules! lane_op {
        ($op:ident, $method:ident, $intrinsic:ident) => {
            impl $op for F64x8 {
                type Output = F64x8;
                #[inline(always)]
                fn $method(self, other: F64x8) -> F64x8 {
                    // SAFETY: only reached from AVX-512 functions (see the type).
                    F64x8(unsafe { $intrinsic(self.0, other.0) })
                }
            }
        };
    }
    lane_op!(Add, add, _mm512_add_pd);
    lane_op!(Sub, sub, _mm512_sub_pd);
    lane_op!(Mul, mul, _mm512_mul_pd);

    impl Real for F64x8 {
        type Mask = __mmask8;
        #[inline(always)]
        fn splat(x: f64) -> F64x8 {
            // SAFETY: as above.
            F64x8(unsafe { _mm512_set1_pd(x) })
        }
        #[inline(always)]
        fn lt(self, other: F64x8) -> __mmask8 {
            // SAFETY: as above. Ordered, quiet: false for NaN, like `<` on f64.
            unsafe { _mm512_cmp_pd_mask::<_CMP_LT_OQ>(self.0, other.0) }
        }
        #[inline(always)]
        fn ge(self, other: F64x8) -> __mmask8 {
            // SAFETY: as above.
            unsafe { _mm512_cmp_pd_mask::<_CMP_GE_OQ>(self.0, other.0) }
        }
        #[inline(always)]
        fn select(mask: __mmask8, yes: F64x8, no: F64x8) -> F64x8 {
            // SAFETY: as above.
            F64x8(unsafe { _mm512_mask_blend_pd(mask, no.0, yes.0) })
        }
    }

    /// What the explicit kernels need of a program: its lane table and lookup starts.
    #[derive(Clone, Copy)]
    struct Lanes<'a> {
        program: &'a Program,
        table: &'a [[f64; LANE_TABLE_PIECES]],
        starts: &'a [f64],
    }

    /// The program's lanes, when this CPU and program take this path.
    #[inline(always)]
    fn usable(program: &Program) -> Option<Lanes<'_>> {
        if simd_level() != SimdLevel::Avx512 {
            return None;
        }
        Some(Lanes { program, table: program.lane_table()?, starts: program.inner_starts() })
    }

    /// All four quantities of eight inputs (angles, or times when `TIME`), or `None` when one
    /// of them is huge or not finite (the caller then takes the scalar path for the eight).
    #[inline(always)]
    unsafe fn lanes<const M: usize, const TIME: bool>(l: Lanes<'_>, input: __m512d) -> Option<[F64x8; 4]> {
        let theta = if TIME { l.program.turn_angle_at_time(F64x8(input)) } else { F64x8(input) };
        // Not below the limit, NaN included (unordered compare); times beyond MAX_TIME_S too.
        let slow = _mm512_cmp_pd_mask::<_CMP_NLT_UQ>(_mm512_abs_pd(theta.0), _mm512_set1_pd(FAST_REDUCTION_LIMIT))
            | if TIME {
                _mm512_cmp_pd_mask::<_CMP_NLE_UQ>(_mm512_abs_pd(input), _mm512_set1_pd(MAX_TIME_S))
            } else {
                0
            };
        (slow == 0).then(|| fast_lanes::<M>(l, theta))
    }

    /// [`lanes`] for eight finite angles below the fast-reduction limit.
    #[inline(always)]
    unsafe fn fast_lanes<const M: usize>(l: Lanes<'_>, theta: F64x8) -> [F64x8; 4] {
        let angle = reduce_angle_fast(theta);
        let mut index = _mm512_setzero_si512();
        let one = _mm512_set1_epi64(1);
        for &start in l.starts {
            let at_or_above = angle.ge(F64x8::splat(start));
            index = _mm512_mask_add_epi64(index, at_or_above, index, one);
        }
        let coefficient = |field: usize| {
            let row = &l.table[field];
            F64x8(_mm512_permutex2var_pd(_mm512_loadu_pd(row.as_ptr()), index, _mm512_loadu_pd(row.as_ptr().add(8))))
        };
        evaluate::<M, F64x8>(angle, coefficient)
    }

    /// The scalar path for one input, as the batch kernels define it.
    #[inline(always)]
    fn scalar<const M: usize, const TIME: bool>(program: &Program, x: f64) -> (Kinematics, usize) {
        if if TIME { time_accepted(x) } else { x.is_finite() } {
            let theta = if TIME { program.turn_angle_at_time(x) } else { x };
            (program.kinematics_degree::<M>(theta), 0)
        } else {
            (Kinematics::NAN, 1)
        }
    }

    /// Runs `lanes` over `input` eight at a time, `put(i, k)` for the eight-lane results at i
    /// (`Ok`) or one scalar result (`Err`) per point.
    #[inline(always)]
    unsafe fn drive<const M: usize, const TIME: bool>(
        l: Lanes<'_>,
        input: &[f64],
        mut put: impl FnMut(usize, Result<[F64x8; 4], Kinematics>),
    ) -> usize {
        let mut bad = 0;
        let whole = input.len() / 8 * 8;
        let mut i = 0;
        while i < whole {
            match lanes::<M, TIME>(l, _mm512_loadu_pd(input.as_ptr().add(i))) {
                Some(k) => put(i, Ok(k)),
                None => {
                    for (j, &x) in input.iter().enumerate().skip(i).take(8) {
                        let (k, b) = scalar::<M, TIME>(l.program, x);
                        bad += b;
                        put(j, Err(k));
                    }
                }
            }
            i += 8;
        }
        for (j, &x) in input.iter().enumerate().skip(whole) {
            let (k, b) = scalar::<M, TIME>(l.program, x);
            bad += b;
            put(j, Err(k));
        }
        bad
    }

    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2")]
    unsafe fn quantity_avx512(l: Lanes<'_>, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> usize {
        #[inline(always)]
        unsafe fn run<const M: usize, const Q: u8>(l: Lanes<'_>, theta: &[f64], out: &mut [f64]) -> usize {
            let q = match Q {
                1 => 0,
                2 => 1,
                4 => 2,
                _ => 3,
            };
            let out = &mut out[..theta.len()];
            let base = out.as_mut_ptr();
            drive::<M, false>(l, theta, |i, k| match k {
                Ok(k) => _mm512_storeu_pd(base.add(i), k[q].0),
                Err(k) => *base.add(i) = quantity_of::<Q>(&k),
            })
        }
        with_degree!(l.program.degree(), M => match quantity {
            Quantity::Displacement => run::<M, 1>(l, theta, out),
            Quantity::Velocity => run::<M, 2>(l, theta, out),
            Quantity::Acceleration => run::<M, 4>(l, theta, out),
            Quantity::Jerk => run::<M, 8>(l, theta, out),
        })
    }

    /// `quantity` at `theta` into `out` (same length), or `None` if this path does not apply.
    pub(crate) fn quantity(program: &Program, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> Option<usize> {
        let l = usable(program)?;
        // SAFETY: usable() checked that the CPU has AVX-512 F/DQ/VL.
        Some(unsafe { quantity_avx512(l, quantity, theta, out) })
    }

    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2")]
    unsafe fn kinematics_avx512(l: Lanes<'_>, theta: &[f64], out: &mut KinematicsSlices<'_>) -> usize {
        #[inline(always)]
        unsafe fn run<const M: usize>(l: Lanes<'_>, theta: &[f64], out: &mut KinematicsSlices<'_>) -> usize {
            let n = theta.len();
            let ptr = |s: &mut Option<&mut [f64]>| s.as_deref_mut().map(|s| s[..n].as_mut_ptr());
            let outputs =
                [ptr(&mut out.displacement), ptr(&mut out.velocity), ptr(&mut out.acceleration), ptr(&mut out.jerk)];
            drive::<M, false>(l, theta, |i, k| match k {
                Ok(k) => {
                    for (o, v) in outputs.iter().zip(k) {
                        if let Some(o) = o {
                            _mm512_storeu_pd(o.add(i), v.0);
                        }
                    }
                }
                Err(k) => {
                    let values = [k.displacement, k.velocity, k.acceleration, k.jerk];
                    for (o, v) in outputs.iter().zip(values) {
                        if let Some(o) = o {
                            *o.add(i) = v;
                        }
                    }
                }
            })
        }
        with_degree!(l.program.degree(), M => run::<M>(l, theta, out))
    }

    /// All four quantities into the given outputs (each `None` or as long as `theta`).
    pub(crate) fn kinematics(program: &Program, theta: &[f64], out: &mut KinematicsSlices<'_>) -> Option<usize> {
        let l = usable(program)?;
        // SAFETY: usable() checked the CPU.
        Some(unsafe { kinematics_avx512(l, theta, out) })
    }

    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2")]
    unsafe fn boundary_avx512(l: Lanes<'_>, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
        #[inline(always)]
        unsafe fn run<const M: usize>(l: Lanes<'_>, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
            let out = &mut out[..times.len()];
            drive::<M, true>(l, times, |i, k| match k {
                Ok(k) => {
                    let mut lanes = [[0.0; 8]; 3];
                    for (l, v) in lanes.iter_mut().zip(k) {
                        _mm512_storeu_pd(l.as_mut_ptr(), v.0);
                    }
                    for (j, o) in out[i..i + 8].iter_mut().enumerate() {
                        *o = BoundaryCondition {
                            displacement: lanes[0][j],
                            velocity: lanes[1][j],
                            acceleration: lanes[2][j],
                        };
                    }
                }
                Err(k) => out[i] = k.boundary_condition(),
            })
        }
        with_degree!(l.program.degree(), M => run::<M>(l, times, out))
    }

    /// Boundary conditions at `times` into `out` (same length).
    pub(crate) fn boundary(program: &Program, times: &[f64], out: &mut [BoundaryCondition]) -> Option<usize> {
        let l = usable(program)?;
        // SAFETY: usable() checked the CPU.
        Some(unsafe { boundary_avx512(l, times, out) })
    }

    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2")]
    unsafe fn analyze_avx512(l: Lanes<'_>, begin: usize, end: usize, step: f64, acc: &mut [[f64; BLOCK]; 5]) {
        #[inline(always)]
        unsafe fn run<const M: usize>(
            l: Lanes<'_>,
            (begin, end, step): (usize, usize, f64),
            acc: &mut [[f64; BLOCK]; 5],
        ) {
            let lane_offsets = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
            let mut first = begin;
            while first < end {
                for group in 0..BLOCK / 8 {
                    let at = first + group * 8;
                    let keep: [f64; 8] = std::array::from_fn(|l| if at + l < end { 1.0 } else { 0.0 });
                    let keep = F64x8(_mm512_loadu_pd(keep.as_ptr()));
                    let index = _mm512_add_epi64(_mm512_set1_epi64(at as i64), lane_offsets);
                    let angles = F64x8(_mm512_cvtepi64_pd(index)) * F64x8::splat(step);
                    // The analysed angles, i * step with step = 360 / n, are finite and below
                    // 360: always the fast path.
                    let k = fast_lanes::<M>(l, angles);
                    let slot = |a: &mut [f64; BLOCK]| a.as_mut_ptr().add(group * 8);
                    let abs = |x: F64x8| F64x8(_mm512_abs_pd(x.0));
                    let update_max = |a: &mut [f64; BLOCK], x: F64x8| {
                        let p = slot(a);
                        // max(old, new): `new` where it is greater, as f64::max for non-NaN values.
                        _mm512_storeu_pd(p, _mm512_max_pd(x.0, _mm512_loadu_pd(p)));
                    };
                    let add = |a: &mut [f64; BLOCK], x: F64x8| {
                        let p = slot(a);
                        _mm512_storeu_pd(p, (F64x8(_mm512_loadu_pd(p)) + x).0);
                    };
                    update_max(&mut acc[0], abs(k[1]) * keep);
                    update_max(&mut acc[1], abs(k[2]) * keep);
                    update_max(&mut acc[2], abs(k[3]) * keep);
                    add(&mut acc[3], k[2] * k[2] * keep + k[1] * F64x8::splat(0.0));
                    add(&mut acc[4], k[3] * k[3] * keep);
                }
                first += BLOCK;
            }
        }
        with_degree!(l.program.degree(), M => run::<M>(l, (begin, end, step), acc))
    }

    /// Accumulates |v|, |a|, |j| peaks and a^2, j^2 sums of the angles `begin..end` times
    /// `step` into per-lane slots (lane = position in its block of `BLOCK`), exactly as the
    /// portable analysis loop does. `false` if this path does not apply.
    pub(crate) fn analyze(program: &Program, begin: usize, end: usize, step: f64, acc: &mut [[f64; BLOCK]; 5]) -> bool {
        let Some(l) = usable(program) else {
            return false;
        };
        // SAFETY: usable() checked the CPU.
        unsafe { analyze_avx512(l, begin, end, step, acc) };
        true
    }
}

impl Program {
    /// `out[i]` = `quantity` at `theta_deg[i]`, on the calling thread. A non-finite angle gives
    /// NaN there and, after the whole slice is written, [`Error::NonFiniteInput`].
    pub fn evaluate_batch(&self, quantity: Quantity, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        check_len("out", out.len(), theta_deg.len())?;
        non_finite("theta_deg", theta_deg, quantity_serial(self, quantity, theta_deg, out))
    }

    /// As [`Program::evaluate_batch`], on the library's thread pool for large inputs.
    pub fn evaluate_parallel(&self, quantity: Quantity, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        check_len("out", out.len(), theta_deg.len())?;
        let bad = pool::run(theta_deg.len(), (theta_deg, out), |_, (t, o)| quantity_serial(self, quantity, t, o));
        non_finite("theta_deg", theta_deg, bad)
    }

    /// Displacements (mm) at `theta_deg` into `out`, on the calling thread.
    pub fn displacement_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Displacement, theta_deg, out)
    }

    /// Velocities (mm/s) at `theta_deg` into `out`, on the calling thread.
    pub fn velocity_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Velocity, theta_deg, out)
    }

    /// Accelerations (mm/s^2) at `theta_deg` into `out`, on the calling thread.
    pub fn acceleration_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Acceleration, theta_deg, out)
    }

    /// Jerks (mm/s^3) at `theta_deg` into `out`, on the calling thread.
    pub fn jerk_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Jerk, theta_deg, out)
    }

    /// Displacements on the pool.
    pub fn displacement_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Displacement, theta_deg, out)
    }

    /// Velocities on the pool.
    pub fn velocity_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Velocity, theta_deg, out)
    }

    /// Accelerations on the pool.
    pub fn acceleration_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Acceleration, theta_deg, out)
    }

    /// Jerks on the pool.
    pub fn jerk_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Jerk, theta_deg, out)
    }

    /// All four quantities at once into the given slices (any may be `None`), calling thread.
    pub fn kinematics_batch(&self, theta_deg: &[f64], out: KinematicsSlices<'_>) -> Result<()> {
        out.check_lengths(theta_deg.len())?;
        non_finite("theta_deg", theta_deg, kinematics_serial(self, theta_deg, out))
    }

    /// All four quantities at once, on the pool.
    pub fn kinematics_parallel(&self, theta_deg: &[f64], out: KinematicsSlices<'_>) -> Result<()> {
        out.check_lengths(theta_deg.len())?;
        let bad = pool::run(theta_deg.len(), (theta_deg, out), |_, (t, o)| kinematics_serial(self, t, o));
        non_finite("theta_deg", theta_deg, bad)
    }

    /// Boundary conditions at `time_s` (seconds) into `out`, on the calling thread.
    pub fn boundary_conditions_batch(&self, time_s: &[f64], out: &mut [BoundaryCondition]) -> Result<()> {
        check_len("out", out.len(), time_s.len())?;
        rejected_time(time_s, boundary_serial(self, time_s, out))
    }

    /// Boundary conditions at `time_s` (seconds) into `out`, on the pool.
    pub fn boundary_conditions(&self, time_s: &[f64], out: &mut [BoundaryCondition]) -> Result<()> {
        check_len("out", out.len(), time_s.len())?;
        let bad = pool::run(time_s.len(), (time_s, out), |_, (t, o)| boundary_serial(self, t, o));
        rejected_time(time_s, bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::Law;
    use crate::program::Segment;
    use crate::Parameters;

    fn programs() -> Vec<Program> {
        let many: Vec<Segment> = (0..8)
            .flat_map(|i| {
                let law =
                    [Law::ModifiedTrapezoidal, Law::ModifiedSine, Law::Polynomial4567, Law::SimpleHarmonic][i % 4];
                [
                    Segment { law, duration: 20.0, end_lift: 3.0 + i as f64 },
                    Segment { law, duration: 25.0, end_lift: 0.0 },
                ]
            })
            .collect();
        vec![
            Program::from_parameters(&Parameters::default()).unwrap(),
            Program::from_parameters(&Parameters {
                rise_law: Law::Polynomial345,
                rpm: 6000.0,
                ..Parameters::default()
            })
            .unwrap(),
            // 8 * (6 + 6) pieces: more than the permute table holds, so the gather path runs.
            Program::from_segments(&many, 1500.0).unwrap(),
        ]
    }

    fn inputs() -> Vec<f64> {
        let mut x: Vec<f64> = (0..5000).map(|i| (i as f64 * 0.731).sin() * 1500.0 + (i % 7) as f64 * 0.01).collect();
        x.extend([0.0, -0.0, 90.0, 135.0, 225.0, 360.0, -360.0, 1e-300, -1e-20, 1e13, -3e15, 359.999_999_999_999_9]);
        x.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 12.5]);
        x
    }

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[test]
    fn every_path_gives_the_scalar_bits() {
        for program in programs() {
            for offset in 0..3 {
                // Offsets shift the 8-lane groups and the remainder.
                let theta = &inputs()[offset..];
                let scalar: Vec<Kinematics> = theta
                    .iter()
                    .map(|&t| if t.is_finite() { program.kinematics(t) } else { Kinematics::NAN })
                    .collect();
                for q in Quantity::ALL {
                    let mut a = vec![0.0; theta.len()];
                    let mut b = vec![0.0; theta.len()];
                    let bad = quantity_serial(&program, q, theta, &mut a);
                    assert_eq!(bad, 3);
                    assert_eq!(quantity_lanes(&program, q, theta, &mut b), 3);
                    for i in 0..theta.len() {
                        let want = q.of(&scalar[i]);
                        assert!(
                            same(a[i], want) && same(b[i], want),
                            "{q:?} at {}: {} {} {want}",
                            theta[i],
                            a[i],
                            b[i]
                        );
                    }
                }
                let n = theta.len();
                let (mut d, mut v, mut ac, mut j) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
                let out = KinematicsSlices::all(&mut d, &mut v, &mut ac, &mut j);
                assert_eq!(kinematics_serial(&program, theta, out), 3);
                for i in 0..n {
                    let k = &scalar[i];
                    assert!(same(d[i], k.displacement) && same(v[i], k.velocity));
                    assert!(same(ac[i], k.acceleration) && same(j[i], k.jerk));
                }
                let times: Vec<f64> = theta.iter().map(|t| t / program.degrees_per_second()).collect();
                let mut bc = vec![BoundaryCondition::default(); n];
                let mut bc2 = vec![BoundaryCondition::default(); n];
                // The non-finite times, and those beyond the exact time range (-3e15 degrees).
                let rejected = times.iter().filter(|&&t| !time_accepted(t)).count();
                assert!(rejected > 3);
                assert_eq!(boundary_serial(&program, &times, &mut bc), rejected);
                assert_eq!(boundary_lanes(&program, &times, &mut bc2), rejected);
                for i in 0..n {
                    let want = if times[i].is_finite() {
                        program.boundary_condition_at_time(times[i])
                    } else {
                        Kinematics::NAN.boundary_condition()
                    };
                    for (got, want) in [(bc[i], want), (bc2[i], want)] {
                        assert!(same(got.displacement, want.displacement) && same(got.velocity, want.velocity));
                        assert!(same(got.acceleration, want.acceleration));
                    }
                }
            }
        }
    }
}
