//! The block kernels: [`eval_block`] evaluates [`BLOCK`] points in passes the compiler
//! vectorizes, `drive` feeds it a slice, and the `*_lanes` kernels (built per SIMD tier by
//! [`simd_dispatch`]) and `*_serial` drivers (the explicit AVX-512 lanes when they apply, else
//! the blocks) are what the batch API runs on each thread.

use super::api::KinematicsSlices;
use super::dispatch::simd_dispatch;
use crate::kinematics::{BoundaryCondition, Kinematics, Quantity};
use crate::piece::with_degree;
use crate::program::{
    reduce_angle, reduce_angle_fast, reduce_within_turn, time_accepted, Program, FAST_REDUCTION_LIMIT,
};

/// Points per block. The lane kernels run each pass over a whole block (fixed trip count, so
/// the compiler unrolls and vectorizes it) with the block's temporaries in L1.
pub(crate) const BLOCK: usize = 64;

/// This quantity of `k`, chosen at compile time as a `WANT` bit (1 = displacement, 2 =
/// velocity, 4 = acceleration, 8 = jerk).
#[inline(always)]
pub(crate) fn quantity_of<const Q: u8>(k: &Kinematics) -> f64 {
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
        // Angles from times lie within a turn of 0: the shorter reduction, with the same bits.
        *a = if TIME { reduce_within_turn(theta) } else { reduce_angle_fast(theta) };
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

pub(super) fn quantity_serial(program: &Program, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(bad) = super::avx512::quantity(program, quantity, theta, out) {
        return bad;
    }
    quantity_lanes(program, quantity, theta, out)
}

pub(super) fn kinematics_serial(program: &Program, theta: &[f64], mut out: KinematicsSlices<'_>) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(bad) = super::avx512::kinematics(program, theta, &mut out) {
        return bad;
    }
    kinematics_lanes(program, theta, out)
}

pub(super) fn boundary_serial(program: &Program, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(bad) = super::avx512::boundary(program, times, out) {
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
            // Polynomial laws rising and falling: pieces without a sine term, whose weights
            // are -0.0 on the fall.
            Program::from_parameters(&Parameters {
                rise_law: Law::Polynomial4567,
                fall_law: Law::Polynomial345,
                ..Parameters::default()
            })
            .unwrap(),
            Program::from_parameters(&Parameters {
                rise_law: Law::ConstantAcceleration,
                fall_law: Law::Polynomial4567,
                rpm: 1234.5,
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
        // Sorted runs (a time history, an analysis): most eight-lane groups share a piece, which
        // the AVX-512 lanes evaluate with broadcast coefficients, skipping the sine where the
        // piece has none; the runs cross every piece boundary, at several spacings.
        for start in [-400.0, 0.0, 89.9, 90.0, 134.99, 135.0, 200.0, 224.999, 225.0, 359.9] {
            for step in [0.37, 0.25, 0.011, 1e-4] {
                x.extend((0..1000).map(|i| start + i as f64 * step));
            }
        }
        x.extend((0..1500).map(|i| 1e9 + i as f64 * 0.25));
        x
    }

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    /// Times of every magnitude, from subnormal to beyond MAX_TIME_S (log-uniform, both signs,
    /// plus the edges of the lanes' fused range, MIN_FUSED_TIME_S): every batch path gives the
    /// scalar call's bits. The AVX-512 lanes compute the time's exact product with a fused
    /// multiply-subtract, the scalar call with Dekker's product: the same exact value.
    #[test]
    fn times_of_every_magnitude_give_the_scalar_bits() {
        use crate::program::{MAX_TIME_S, MIN_FUSED_TIME_S};
        let mut state = 0x1234_5678_9ABC_DEF1u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut times: Vec<f64> = (0..40_000)
            .map(|_| {
                let r = next();
                let exponent = (r % 1110) as i32 - 1075;
                let mantissa = 1.0 + (r >> 11) as f64 / (1u64 << 53) as f64;
                let t = mantissa * 2f64.powi(exponent.max(-1074)) * if r & 1 == 0 { 1.0 } else { -1.0 };
                if t.abs() > 2.0 * MAX_TIME_S {
                    t * 1e-20
                } else {
                    t
                }
            })
            .collect();
        for edge in [MIN_FUSED_TIME_S, MAX_TIME_S] {
            for m in [-1.0, 1.0] {
                let e = edge * m;
                times.extend([e, e.next_up(), e.next_down(), e * 0.75, e * 1.25]);
            }
        }
        // Sorted runs too (a time history), around whole turns and far into a run.
        times.extend((0..4096).map(|i| i as f64 * 1.37e-5));
        times.extend((0..4096).map(|i| 3.6e6 + i as f64 * 1.37e-5));
        for program in programs() {
            let n = times.len();
            let mut bc = vec![BoundaryCondition::default(); n];
            let mut bc2 = vec![BoundaryCondition::default(); n];
            let rejected = times.iter().filter(|&&t| !time_accepted(t)).count();
            assert!(rejected > 0);
            assert_eq!(boundary_serial(&program, &times, &mut bc), rejected);
            assert_eq!(boundary_lanes(&program, &times, &mut bc2), rejected);
            for i in 0..n {
                let want = program.boundary_condition_at_time(times[i]);
                for got in [bc[i], bc2[i]] {
                    assert!(
                        same(got.displacement, want.displacement)
                            && same(got.velocity, want.velocity)
                            && same(got.acceleration, want.acceleration),
                        "time {:e}: {got:?} vs {want:?}",
                        times[i]
                    );
                }
            }
        }
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
