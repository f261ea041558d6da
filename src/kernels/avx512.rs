//! The explicit AVX-512 kernels for programs of at most 16 pieces: the same generic math as
//! every other path (`piece::evaluate`, `trig::sin_cos_quarter`, `program::reduce_angle_fast`), on
//! eight lanes, with each lane's coefficients fetched by a two-register permute (`vpermt2pd`)
//! from the program's lane table instead of a memory gather. Eight lanes whose angles need the
//! exact remainder (huge or non-finite input) and the last few points take the scalar path, so
//! every point has the bits of a scalar call.
// The AVX-512 intrinsics are stable since Rust 1.89 (Cargo.toml's rust-version).

use super::block::{quantity_of, BLOCK};
use super::dispatch::{simd_level, SimdLevel};
use super::KinematicsSlices;
use crate::geometry::ProfilePoint;
use crate::kinematics::{BoundaryCondition, Kinematics, Quantity};
use crate::piece::{evaluate, evaluate_sine_free, with_degree};
use crate::program::{
    reduce_angle_fast, reduce_within_turn, time_accepted, Program, FAST_REDUCTION_LIMIT, LANE_TABLE_PIECES, MAX_TIME_S,
    MIN_FUSED_TIME_S,
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
    #[inline(always)]
    fn product_error(a: F64x8, b: f64, _: f64, _: f64, p: F64x8) -> F64x8 {
        // One rounding of the exact a * b - p, which is representable: the exact value itself,
        // as Dekker's product gives it (the lanes with times below MIN_FUSED_TIME_S, where
        // Dekker's partial products could underflow, take the scalar path).
        // SAFETY: as above (the kernels enable FMA with AVX-512).
        F64x8(unsafe { _mm512_fmsub_pd(a.0, _mm512_set1_pd(b), p.0) })
    }
}

/// What the explicit kernels need of a program: its lane table and lookup starts.
#[derive(Clone, Copy)]
struct Lanes<'a> {
    program: &'a Program,
    table: &'a [[f64; LANE_TABLE_PIECES]],
    starts: &'a [f64],
    /// Bit i: piece i has no sine term.
    sine_free: u32,
}

/// The program's lanes, when this CPU and program take this path.
#[inline(always)]
fn usable(program: &Program) -> Option<Lanes<'_>> {
    if simd_level() != SimdLevel::Avx512 {
        return None;
    }
    Some(Lanes {
        program,
        table: program.lane_table()?,
        starts: program.inner_starts(),
        sine_free: program.sine_free_pieces(),
    })
}

/// All four quantities of eight inputs (angles, or times when `TIME`), or `None` when one
/// of them is huge or not finite (the caller then takes the scalar path for the eight).
///
/// # Safety
/// The CPU has AVX-512 F/DQ/VL: only the `*_avx512` kernels below call this (and the other
/// `unsafe fn`s of this module), after [`usable`] checked it.
#[inline(always)]
unsafe fn lanes<const M: usize, const TIME: bool>(
    l: Lanes<'_>,
    input: __m512d,
    guess: &mut usize,
) -> Option<[F64x8; 4]> {
    let theta = if TIME { l.program.turn_angle_at_time(F64x8(input)) } else { F64x8(input) };
    // SAFETY: AVX-512 F is available (this function's contract).
    let slow = unsafe {
        // Not below the limit, NaN included (unordered compare); times beyond MAX_TIME_S too.
        _mm512_cmp_pd_mask::<_CMP_NLT_UQ>(_mm512_abs_pd(theta.0), _mm512_set1_pd(FAST_REDUCTION_LIMIT))
            | if TIME {
                // Beyond MAX_TIME_S (or NaN), or below MIN_FUSED_TIME_S (see `product_error`).
                let t = _mm512_abs_pd(input);
                _mm512_cmp_pd_mask::<_CMP_NLE_UQ>(t, _mm512_set1_pd(MAX_TIME_S))
                    | _mm512_cmp_pd_mask::<_CMP_LT_OQ>(t, _mm512_set1_pd(MIN_FUSED_TIME_S))
            } else {
                0
            }
    };
    // Angles from times lie within a turn of 0: the shorter reduction, with the same bits.
    let angle = if TIME { reduce_within_turn(theta) } else { reduce_angle_fast(theta) };
    // SAFETY: as above.
    (slow == 0).then(|| unsafe { fast_lanes::<M>(l, angle, guess) })
}

/// [`lanes`] for eight finite angles below the fast-reduction limit, reduced into [0, 360].
///
/// When the eight lanes share one piece (one compare: every run of points in a piece, as a
/// time history or an analysis has them), its coefficients are broadcast from the piece's row
/// instead of permuted lane by lane, and a piece without a sine term skips the sine and cosine
/// ([`evaluate_sine_free`]); either way each lane gets the bits of the general evaluation.
///
/// # Safety
/// As [`lanes`].
#[inline(always)]
unsafe fn fast_lanes<const M: usize>(l: Lanes<'_>, angle: F64x8, guess: &mut usize) -> [F64x8; 4] {
    // First the guess (the previous eight's piece, as sorted inputs have it): the eight lanes
    // are all in piece p exactly when each angle is at or above p's start and below the next
    // (the count of starts at or below it is then p): two compares instead of one per start.
    let p = *guess;
    let low = if p == 0 { f64::NEG_INFINITY } else { l.starts[p - 1] };
    let high = l.starts.get(p).copied().unwrap_or(f64::INFINITY);
    if angle.ge(F64x8::splat(low)) & angle.lt(F64x8::splat(high)) == 0xFF {
        // SAFETY: AVX-512 is available (this function's contract).
        return unsafe { evaluate_piece::<M>(l, angle, p) };
    }
    // SAFETY: as above.
    unsafe {
        let index = lane_pieces(l, angle);
        *guess =
            _mm_cvtsi128_si64(_mm512_castsi512_si128(_mm512_permutexvar_epi64(_mm512_set1_epi64(7), index))) as usize;
        evaluate_lanes::<M>(l, angle, index)
    }
}

/// Each lane's piece index: the count of piece starts at or below its reduced angle (< 16).
///
/// # Safety
/// As [`lanes`].
#[inline(always)]
unsafe fn lane_pieces(l: Lanes<'_>, angle: F64x8) -> __m512i {
    // SAFETY: AVX-512 F is available (this function's contract).
    unsafe {
        let mut index = _mm512_setzero_si512();
        let one = _mm512_set1_epi64(1);
        for &start in l.starts {
            let at_or_above = angle.ge(F64x8::splat(start));
            index = _mm512_mask_add_epi64(index, at_or_above, index, one);
        }
        index
    }
}

/// The piece all eight lanes share, if they do (one compare).
///
/// # Safety
/// As [`lanes`].
#[inline(always)]
unsafe fn shared_piece(index: __m512i) -> Option<usize> {
    // SAFETY: AVX-512 F is available (this function's contract).
    unsafe {
        let first = _mm_cvtsi128_si64(_mm512_castsi512_si128(index)) as usize;
        (_mm512_cmpeq_epi64_mask(index, _mm512_set1_epi64(first as i64)) == 0xFF).then_some(first)
    }
}

/// Eight reduced angles all in piece `piece`: its coefficients broadcast from its row, and a
/// piece without a sine term skips the sine and cosine ([`evaluate_sine_free`]); either way
/// each lane gets the bits of the general evaluation.
///
/// # Safety
/// As [`lanes`].
#[inline(always)]
unsafe fn evaluate_piece<const M: usize>(l: Lanes<'_>, angle: F64x8, piece: usize) -> [F64x8; 4] {
    let row = &l.program.piece(piece).row;
    let coefficient = |field: usize| F64x8::splat(row[field]);
    if l.sine_free & (1 << piece) != 0 {
        evaluate_sine_free::<M, F64x8>(angle, coefficient)
    } else {
        evaluate::<M, F64x8>(angle, coefficient)
    }
}

/// [`fast_lanes`] from the reduced angles and their pieces ([`lane_pieces`]).
///
/// # Safety
/// As [`lanes`]; `index` is [`lane_pieces`] of `angle`.
#[inline(always)]
unsafe fn evaluate_lanes<const M: usize>(l: Lanes<'_>, angle: F64x8, index: __m512i) -> [F64x8; 4] {
    // SAFETY: AVX-512 F is available (this function's contract); the two loads read the first
    // and last eight of a row's LANE_TABLE_PIECES = 16 entries, and every lane's index is a
    // count of starts below the angle, < 16 (at most 16 pieces), as the permute requires.
    unsafe {
        if let Some(first) = shared_piece(index) {
            return evaluate_piece::<M>(l, angle, first);
        }
        let coefficient = |field: usize| {
            let row = &l.table[field];
            F64x8(_mm512_permutex2var_pd(_mm512_loadu_pd(row.as_ptr()), index, _mm512_loadu_pd(row.as_ptr().add(8))))
        };
        evaluate::<M, F64x8>(angle, coefficient)
    }
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
/// (`Ok`) or one scalar result (`Err`) per point: a lane result at `i` covers `i..i + 8`, all
/// below `input.len()`; a scalar one covers `i < input.len()`.
///
/// # Safety
/// As [`lanes`].
#[inline(always)]
unsafe fn drive<const M: usize, const TIME: bool>(
    l: Lanes<'_>,
    input: &[f64],
    mut put: impl FnMut(usize, Result<[F64x8; 4], Kinematics>),
) -> usize {
    let mut bad = 0;
    let whole = input.len() / 8 * 8;
    let mut i = 0;
    // The piece the last eight lanes ended in (see `fast_lanes`).
    let mut guess = 0;
    while i < whole {
        // SAFETY: i + 8 <= whole <= input.len(), so the load reads eight elements of `input`;
        // AVX-512 is available (this function's contract).
        match unsafe { lanes::<M, TIME>(l, _mm512_loadu_pd(input.as_ptr().add(i)), &mut guess) } {
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

#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
unsafe fn quantity_avx512(l: Lanes<'_>, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> usize {
    #[inline(always)]
    /// # Safety
    /// As [`lanes`].
    unsafe fn run<const M: usize, const Q: u8>(l: Lanes<'_>, theta: &[f64], out: &mut [f64]) -> usize {
        let q = match Q {
            1 => 0,
            2 => 1,
            4 => 2,
            _ => 3,
        };
        let out = &mut out[..theta.len()];
        let base = out.as_mut_ptr();
        // SAFETY: `drive` hands out indices within `theta.len()` = `out.len()` (eight from a lane
        // result's index); AVX-512 is available (this function's contract).
        unsafe {
            drive::<M, false>(
                l,
                theta,
                #[inline(always)]
                |i, k| match k {
                    Ok(k) => _mm512_storeu_pd(base.add(i), k[q].0),
                    Err(k) => *base.add(i) = quantity_of::<Q>(&k),
                },
            )
        }
    }
    // SAFETY: this kernel runs with AVX-512 enabled (its target features, checked by usable()).
    unsafe {
        with_degree!(l.program.degree(), M => match quantity {
            Quantity::Displacement => run::<M, 1>(l, theta, out),
            Quantity::Velocity => run::<M, 2>(l, theta, out),
            Quantity::Acceleration => run::<M, 4>(l, theta, out),
            Quantity::Jerk => run::<M, 8>(l, theta, out),
        })
    }
}

/// `quantity` at `theta` into `out` (same length), or `None` if this path does not apply.
pub(crate) fn quantity(program: &Program, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> Option<usize> {
    let l = usable(program)?;
    // SAFETY: usable() checked that the CPU has AVX-512 F/DQ/VL, which the kernel requires.
    Some(unsafe { quantity_avx512(l, quantity, theta, out) })
}

#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
unsafe fn kinematics_avx512(l: Lanes<'_>, theta: &[f64], out: &mut KinematicsSlices<'_>) -> usize {
    #[inline(always)]
    /// # Safety
    /// As [`lanes`].
    unsafe fn run<const M: usize>(l: Lanes<'_>, theta: &[f64], out: &mut KinematicsSlices<'_>) -> usize {
        let n = theta.len();
        let ptr = |s: &mut Option<&mut [f64]>| s.as_deref_mut().map(|s| s[..n].as_mut_ptr());
        let outputs =
            [ptr(&mut out.displacement), ptr(&mut out.velocity), ptr(&mut out.acceleration), ptr(&mut out.jerk)];
        // SAFETY: every output pointer starts a slice of n = theta.len() elements, and `drive`
        // hands out indices within n (eight from a lane result's index); AVX-512 is available
        // (this function's contract).
        unsafe {
            drive::<M, false>(
                l,
                theta,
                #[inline(always)]
                |i, k| match k {
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
                },
            )
        }
    }
    // SAFETY: this kernel runs with AVX-512 enabled (its target features, checked by usable()).
    unsafe { with_degree!(l.program.degree(), M => run::<M>(l, theta, out)) }
}

/// All four quantities into the given outputs (each `None` or as long as `theta`).
pub(crate) fn kinematics(program: &Program, theta: &[f64], out: &mut KinematicsSlices<'_>) -> Option<usize> {
    let l = usable(program)?;
    // SAFETY: usable() checked that the CPU has AVX-512 F/DQ/VL, which the kernel requires.
    Some(unsafe { kinematics_avx512(l, theta, out) })
}

#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
unsafe fn boundary_avx512(l: Lanes<'_>, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
    #[inline(always)]
    /// # Safety
    /// As [`lanes`].
    unsafe fn run<const M: usize>(l: Lanes<'_>, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
        let out = &mut out[..times.len()];
        // `BoundaryCondition` is `repr(C)`, three f64: the slice is 3 * len f64 in a row.
        let base = out.as_mut_ptr().cast::<f64>();
        // SAFETY: `drive` hands out indices within `times.len()` = `out.len()` (eight from a
        // lane result's index), so the 24 f64 at 3 * i are inside `out`; AVX-512 is available
        // (this function's contract).
        unsafe {
            drive::<M, true>(
                l,
                times,
                #[inline(always)]
                |i, k| match k {
                    Ok([d, v, a, _]) => store_interleaved(base.add(3 * i), d, v, a),
                    Err(k) => out[i] = k.boundary_condition(),
                },
            )
        }
    }
    // SAFETY: this kernel runs with AVX-512 enabled (its target features, checked by usable()).
    unsafe { with_degree!(l.program.degree(), M => run::<M>(l, times, out)) }
}

/// Stores eight (d, v, a) triples, lane by lane, as 24 consecutive f64 at `out`: three
/// two-source permutes of d and v, each completed by a masked permute of a.
///
/// # Safety
/// As [`lanes`]; `out` is valid for writing 24 f64.
#[inline(always)]
unsafe fn store_interleaved(out: *mut f64, d: F64x8, v: F64x8, a: F64x8) {
    // Output register r holds f64 number 8 r + lane of the triples: triple (8 r + lane) / 3,
    // quantity (8 r + lane) % 3. Indices 0..8 pick d, 8..16 pick v (the two-source permute);
    // lanes of a are masked in afterwards.
    const fn indices(r: usize) -> ([i64; 8], [i64; 8], u8) {
        let (mut dv, mut from_a, mut mask) = ([0i64; 8], [0i64; 8], 0u8);
        let mut lane = 0;
        while lane < 8 {
            let (triple, quantity) = ((8 * r + lane) / 3, (8 * r + lane) % 3);
            match quantity {
                0 => dv[lane] = triple as i64,
                1 => dv[lane] = 8 + triple as i64,
                _ => {
                    from_a[lane] = triple as i64;
                    mask |= 1 << lane;
                }
            }
            lane += 1;
        }
        (dv, from_a, mask)
    }
    const INDICES: [([i64; 8], [i64; 8], u8); 3] = [indices(0), indices(1), indices(2)];
    for (r, (dv, from_a, mask)) in INDICES.iter().enumerate() {
        // SAFETY: AVX-512 F is available; the index loads read eight i64 of a constant, and the
        // store writes out[8 r .. 8 r + 8], inside the 24 this function's contract grants.
        unsafe {
            let dv = _mm512_permutex2var_pd(d.0, _mm512_loadu_si512(dv.as_ptr().cast()), v.0);
            let all = _mm512_mask_permutexvar_pd(dv, *mask, _mm512_loadu_si512(from_a.as_ptr().cast()), a.0);
            _mm512_storeu_pd(out.add(8 * r), all);
        }
    }
}

/// Boundary conditions at `times` into `out` (same length).
pub(crate) fn boundary(program: &Program, times: &[f64], out: &mut [BoundaryCondition]) -> Option<usize> {
    let l = usable(program)?;
    // SAFETY: usable() checked that the CPU has AVX-512 F/DQ/VL, which the kernel requires.
    Some(unsafe { boundary_avx512(l, times, out) })
}

#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
unsafe fn analyze_avx512(l: Lanes<'_>, begin: usize, end: usize, step: f64, acc: &mut [[f64; BLOCK]; 5]) {
    // Bit i: piece i is still (a dwell: no velocity, acceleration or jerk at all).
    let still = (0..LANE_TABLE_PIECES)
        .filter(|&i| l.sine_free & (1 << i) != 0 && l.program.piece(i).is_still())
        .fold(0u32, |bits, i| bits | 1 << i);
    #[inline(always)]
    /// # Safety
    /// As [`lanes`].
    unsafe fn run<const M: usize>(
        l: Lanes<'_>,
        still: u32,
        (begin, end, step): (usize, usize, f64),
        acc: &mut [[f64; BLOCK]; 5],
    ) {
        // SAFETY: AVX-512 is available (this function's contract); every load and store reads or
        // writes eight entries: of the local `keep`, or of an accumulator row of BLOCK entries
        // at group * 8 with group < BLOCK / 8.
        unsafe {
            let lane_offsets = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
            let starts = l.starts;
            // Starts at or below the current group's first angle: the angles only grow.
            let mut piece = 0usize;
            let mut first = begin;
            while first < end {
                for group in 0..BLOCK / 8 {
                    let at = first + group * 8;
                    let index = _mm512_add_epi64(_mm512_set1_epi64(at as i64), lane_offsets);
                    let angles = F64x8(_mm512_cvtepi64_pd(index)) * F64x8::splat(step);
                    // The analysed angles, i * step with step = 360 / n, are finite and below
                    // 360: always the fast path. There the reduction gives each angle back
                    // (it rounds angle / 360 to 0 or 1 turns and, for 1, adds back the 360 it
                    // took, both exact), so the eight lanes' angles ascend from lane 0 to 7.
                    let angle = reduce_angle_fast(angles);
                    let full = at + 8 <= end;
                    let k = if full {
                        // Lane 0's and lane 7's angles, computed as the lanes compute them; every
                        // lane's piece (the count of starts at or below its angle) lies between
                        // theirs, so two equal counts mean one piece for all eight.
                        let (low, high) = (at as f64 * step, (at + 7) as f64 * step);
                        while piece < starts.len() && low >= starts[piece] {
                            piece += 1;
                        }
                        if piece == starts.len() || high < starts[piece] {
                            if still & (1 << piece) != 0 {
                                // Eight points of a still piece: velocity, acceleration and jerk
                                // +-0, which leave every peak and sum as it is (they start at +0
                                // and stay >= +0; max(+0, old) is old; old + +0 is old), so
                                // skipping them gives the bits of evaluating them.
                                continue;
                            }
                            evaluate_piece::<M>(l, angle, piece)
                        } else {
                            evaluate_lanes::<M>(l, angle, lane_pieces(l, angle))
                        }
                    } else {
                        evaluate_lanes::<M>(l, angle, lane_pieces(l, angle))
                    };
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
                    // Lanes past `end` (last group only) count for nothing: times 0. A full
                    // group skips the times 1, which changes no bits (NaN stays NaN).
                    let keep = |x: F64x8| {
                        if full {
                            x
                        } else {
                            let keep: [f64; 8] = std::array::from_fn(|l| if at + l < end { 1.0 } else { 0.0 });
                            x * F64x8(_mm512_loadu_pd(keep.as_ptr()))
                        }
                    };
                    update_max(&mut acc[0], keep(abs(k[1])));
                    update_max(&mut acc[1], keep(abs(k[2])));
                    update_max(&mut acc[2], keep(abs(k[3])));
                    add(&mut acc[3], keep(k[2] * k[2]) + k[1] * F64x8::splat(0.0));
                    add(&mut acc[4], keep(k[3] * k[3]));
                }
                first += BLOCK;
            }
        }
    }
    // SAFETY: this kernel runs with AVX-512 enabled (its target features, checked by usable()).
    unsafe { with_degree!(l.program.degree(), M => run::<M>(l, still, (begin, end, step), acc)) }
}

/// Accumulates |v|, |a|, |j| peaks and a^2, j^2 sums of the angles `begin..end` times
/// `step` into per-lane slots (lane = position in its block of `BLOCK`), exactly as the
/// portable analysis loop does. `false` if this path does not apply.
pub(crate) fn analyze(program: &Program, begin: usize, end: usize, step: f64, acc: &mut [[f64; BLOCK]; 5]) -> bool {
    let Some(l) = usable(program) else {
        return false;
    };
    // SAFETY: usable() checked that the CPU has AVX-512 F/DQ/VL, which the kernel requires.
    unsafe { analyze_avx512(l, begin, end, step, acc) };
    true
}

/// Copies `src` into `dst` (same length) with non-temporal stores for every whole 64-byte line
/// of `dst` (plain copies for the unaligned head and the tail), or returns `false` having copied
/// nothing when this CPU lacks AVX-512 or `dst` is not 8-byte aligned within a line (a
/// `ProfilePoint` is six f64s, so its fields are). Large outputs written once (a profile over
/// millions of angles) then cost one memory write per line instead of a read for ownership plus
/// a write. The caller runs [`store_fence`] before handing the results to anyone.
pub(crate) fn stream_points(src: &[ProfilePoint], dst: &mut [ProfilePoint]) -> bool {
    assert_eq!(src.len(), dst.len(), "stream_points lengths");
    if simd_level() != SimdLevel::Avx512 {
        return false;
    }
    let len = 6 * dst.len();
    /// # Safety
    /// AVX-512 F is available; `src` and `dst` are valid for `len` f64s and do not overlap.
    #[target_feature(enable = "avx512f")]
    unsafe fn run(src: *const f64, dst: *mut f64, len: usize) {
        // align_offset in f64s; dst is f64-aligned, so a line boundary is reachable.
        let head = dst.align_offset(64).min(len);
        // SAFETY: the function's contract; every range below lies within 0..len, and
        // dst + i is 64-byte aligned in the loop (head aligned it, 8 f64s keep it).
        unsafe {
            std::ptr::copy_nonoverlapping(src, dst, head);
            let mut i = head;
            while i + 8 <= len {
                _mm512_stream_pd(dst.add(i), _mm512_loadu_pd(src.add(i)));
                i += 8;
            }
            std::ptr::copy_nonoverlapping(src.add(i), dst.add(i), len - i);
        }
    }
    // SAFETY: simd_level() reports only features the CPU has; a ProfilePoint is #[repr(C)] of
    // six f64s (no padding), so both slices are len f64s; `&` and `&mut` never overlap.
    unsafe { run(src.as_ptr().cast(), dst.as_mut_ptr().cast(), len) };
    true
}

/// Orders every earlier non-temporal store of this thread before what follows (`sfence`).
pub(crate) fn store_fence() {
    // SAFETY: SSE is part of the x86-64 baseline.
    unsafe { _mm_sfence() };
}
