//! Cam programs: an ordered list of segments covering one revolution, validated once and then
//! turned into a table of analytic pieces with an O(1) angle lookup.

use crate::error::{Error, Num, Result};
use crate::kinematics::{BoundaryCondition, Kinematics};
use crate::law::Law;
use crate::piece::{push_segment, Piece, FIELDS};
use crate::trig::{Real, ROUNDING_MAGIC, VELTKAMP_SPLITTER};
// --- lift tables and variable speed (0.2) ---
use crate::speed::SpeedProfile;
use crate::spline::LiftTable;
use std::sync::Arc;

/// Degrees in one revolution.
pub const REVOLUTION_DEG: f64 = 360.0;
/// Most segments a program may have.
pub const MAX_SEGMENTS: usize = 4096;
/// How far the durations may sum from 360 degrees.
pub const DURATION_TOLERANCE_DEG: f64 = 1e-9;
/// How far a dwell's end lift, or the closing lift, may be from what it must be.
pub const LIFT_TOLERANCE_MM: f64 = 1e-12;

// The accepted region. Inside it every accepted program has finite displacement, velocity,
// acceleration and jerk at every finite angle and accepted time, with a wide margin: the largest
// coefficient (jerk, lift 1e6 mm over 1e-6 degrees at 1e6 rpm) is about 1e49 mm/s^3, so even
// the sums of squares over MAX_ANALYSIS_POINTS points stay below 1e110.

/// Slowest cam speed a program accepts, rpm (one turn in about 1.9 years).
pub const MIN_RPM: f64 = 1e-6;
/// Fastest cam speed a program accepts, rpm.
pub const MAX_RPM: f64 = 1e6;
/// Highest lift a program accepts, mm (every segment's end lift, and `max_lift`).
pub const MAX_LIFT_MM: f64 = 1e6;
/// Shortest segment (and rise, fall or non-zero dwell) a program accepts, degrees.
pub const MIN_SEGMENT_DURATION_DEG: f64 = 1e-6;
/// Largest base circle radius accepted, mm.
pub const MAX_BASE_CIRCLE_RADIUS_MM: f64 = 1e6;
/// Largest |time| (s) evaluated: up to it the cam angle of a time is exact to
/// [`TIME_ANGLE_TOLERANCE_DEG`] (at every accepted rpm); beyond it a time is rejected like a
/// non-finite input (NaN, [`crate::Error::NonFiniteInput`]). About 317 years.
pub const MAX_TIME_S: f64 = 1e10;
/// Bound on the error of the reduced cam angle computed from an accepted time, degrees: two
/// ulp of 360 degrees (about 1.1e-13), against the exact value 360 * frac(time_s * rpm / 60).
pub const TIME_ANGLE_TOLERANCE_DEG: f64 = 512.0 * f64::EPSILON;

/// One segment: a law taking the follower from the previous segment's end lift to `end_lift`
/// over `duration` degrees of cam rotation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// The motion law (a fall uses the rise law mirrored).
    pub law: Law,
    /// Degrees of cam rotation, > 0.
    pub duration: f64,
    /// Follower lift at the end of the segment, mm, >= 0.
    pub end_lift: f64,
}

/// Kinematic limits the analysis checks against (+infinity: no limit).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// mm/s.
    pub velocity: f64,
    /// mm/s^2.
    pub acceleration: f64,
    /// mm/s^3.
    pub jerk: f64,
}

impl Limits {
    /// No limits at all.
    pub const NONE: Limits = Limits { velocity: f64::INFINITY, acceleration: f64::INFINITY, jerk: f64::INFINITY };
}

/// A validated cam program at a fixed rpm. Immutable; share it freely between threads.
#[derive(Clone, Debug)]
pub struct Program {
    segments: Vec<Segment>,
    rpm: f64,
    limits: Limits,
    base_circle_radius: Option<f64>,
    deg_per_s: f64,
    /// Revolutions per second, exactly enough for [`Program::angle_at_time`].
    turns_per_s: TurnsPerSecond,
    pieces: Vec<Piece>,
    /// `starts[i]` = `pieces[i].start`, plus a sentinel above every reduced angle.
    starts: Vec<f64>,
    /// For each of `bins.len()` equal slices of the revolution: a piece at or before the one
    /// holding any angle of the slice (never after it).
    bins: Vec<u32>,
    bins_per_deg: f64,
    /// Most steps from `bins[bin]` to the piece of an angle in that bin: the lane kernels take
    /// exactly this many branch-free steps.
    bin_steps: u32,
    /// For programs of at most 16 pieces: each coefficient of the 16 (zero-padded) pieces, row
    /// by row, so SIMD kernels fetch a lane's coefficient with a register permute.
    lane_table: Vec<[f64; LANE_TABLE_PIECES]>,
    /// Bit i set: piece i (of a lane-table program) has no sine term ([`Piece::is_sine_free`]).
    sine_free: u32,
    degree: usize,
    // --- lift tables and variable speed (0.2) ---
    /// The measured points a lift-table program was fitted to (`spline/`): kept for reports and
    /// plots, never read by an evaluation.
    lift_table: Option<Arc<LiftTable>>,
    /// A time-varying speed (`speed.rs`); `None`: the constant `rpm`.
    speed: Option<Arc<SpeedProfile>>,

    // --- time integrals (0.2, issue 12) ---
    /// Cumulative integrals of the displacement per piece and per revolution (src/integral.rs).
    cumulative: crate::integral::Cumulative,
}

/// Most pieces the permute-based SIMD kernels handle.
pub(crate) const LANE_TABLE_PIECES: usize = 16;

impl Program {
    /// Validates `segments` (see the crate docs for the rules) and builds the program at `rpm`.
    pub fn from_segments(segments: &[Segment], rpm: f64) -> Result<Program> {
        validate_rpm(rpm)?;
        validate_segments(segments)?;
        Ok(Program::build(segments.to_vec(), rpm))
    }

    /// The same program with kinematic limits for the analysis.
    pub fn with_limits(mut self, limits: Limits) -> Result<Program> {
        for (name, value) in [
            ("velocity_limit", limits.velocity),
            ("acceleration_limit", limits.acceleration),
            ("jerk_limit", limits.jerk),
        ] {
            if value.is_nan() || value <= 0.0 {
                return Err(Error::invalid(name, Num(value), "must be > 0 (infinity: no limit)"));
            }
        }
        self.limits = limits;
        Ok(self)
    }

    /// Records the base circle radius (mm) the program was designed for.
    pub(crate) fn with_base_circle_radius(mut self, radius: f64) -> Program {
        self.base_circle_radius = Some(radius);
        self
    }

    /// Builds a program from segments that passed validation (tests also build unchecked ones).
    pub(crate) fn build(segments: Vec<Segment>, rpm: f64) -> Program {
        let deg_per_s = rpm * 6.0;
        let mut pieces = Vec::new();
        let mut start = 0.0;
        let mut lift = 0.0;
        for (i, segment) in segments.iter().enumerate() {
            let rate = deg_per_s / segment.duration;
            let next = start + segment.duration;
            // Only the last segment's end is evaluated by the segment itself, at 360: a reduced
            // angle a hair below a whole turn.
            let end = (i + 1 == segments.len()).then_some(REVOLUTION_DEG);
            push_segment(&mut pieces, segment.law, start, segment.duration, end, lift, segment.end_lift, rate);
            start = next;
            lift = segment.end_lift;
        }
        Program::assemble(segments, rpm, pieces)
    }

    /// The program of ready-made `pieces` (ordered; the first one holds angle 0, the last one
    /// angle 360) at `rpm`: the lookup tables over them.
    pub(crate) fn assemble(segments: Vec<Segment>, rpm: f64, pieces: Vec<Piece>) -> Program {
        let deg_per_s = rpm * 6.0;
        // Rounding may make a tiny piece's start equal its neighbour's: the lookup steps past it.
        // The running max keeps the list sorted whatever the rounding, so "the last piece whose
        // start is <= angle" is one well-defined index for every lookup method.
        let mut starts: Vec<f64> = pieces.iter().map(Piece::start).collect();
        for i in 1..starts.len() {
            starts[i] = starts[i].max(starts[i - 1]);
        }
        starts.push(f64::INFINITY);
        let last_at_or_below = |angle: f64| starts[1..].partition_point(|&s| s <= angle);

        let bin_count = (4 * pieces.len()).next_power_of_two().clamp(256, 1 << 16);
        let bins_per_deg = bin_count as f64 / REVOLUTION_DEG;
        let mut bins = Vec::with_capacity(bin_count);
        let mut bin_steps = 0;
        for bin in 0..bin_count {
            // Two ways reach a bin (see `bin_of` and `bin_of_turn`): the floor of a reduced
            // angle, or the nearest bin boundary of an unreduced one, modulo the revolution, with
            // rounding slop far below a bin. A full bin of margin below and half a bin above
            // cover both. Bin 0's margin reaches below 0, so it starts at the first piece: it also
            // holds angles a hair below a whole turn, which walk forward from there.
            let first = last_at_or_below((bin as f64 - 1.0) / bins_per_deg);
            let last = last_at_or_below((bin as f64 + 1.5) / bins_per_deg);
            bins.push(first as u32);
            bin_steps = bin_steps.max((last - first) as u32);
        }
        let degree = pieces.iter().map(Piece::degree).max().unwrap_or(0);
        let lane_table = if pieces.len() <= LANE_TABLE_PIECES {
            (0..FIELDS)
                .map(|f| {
                    let mut row = [0.0; LANE_TABLE_PIECES];
                    for (slot, piece) in row.iter_mut().zip(&pieces) {
                        *slot = piece.row[f];
                    }
                    row
                })
                .collect()
        } else {
            Vec::new()
        };
        // --- time integrals (0.2, issue 12) ---
        let cumulative = crate::integral::Cumulative::new(&pieces, deg_per_s, 60.0 / rpm);
        let sine_free = sine_free_bits(&pieces, &lane_table);
        Program {
            segments,
            rpm,
            limits: Limits::NONE,
            base_circle_radius: None,
            deg_per_s,
            turns_per_s: TurnsPerSecond::new(rpm),
            pieces,
            starts,
            bins,
            bins_per_deg,
            bin_steps,
            lane_table,
            sine_free,
            degree,
            lift_table: None,
            speed: None,

            cumulative,
        }
    }

    // --- lift tables and variable speed (0.2) ---

    /// The points this program was fitted to, when it came from a lift table.
    pub fn lift_table(&self) -> Option<&LiftTable> {
        self.lift_table.as_deref()
    }

    pub(crate) fn with_lift_table(mut self, table: LiftTable) -> Program {
        self.lift_table = Some(Arc::new(table));
        self
    }

    /// The time-varying speed, if the program has one ([`Program::with_speed_profile`]).
    #[inline(always)]
    pub fn speed_profile(&self) -> Option<&SpeedProfile> {
        self.speed.as_deref()
    }

    pub(crate) fn with_speed(mut self, speed: Option<Arc<SpeedProfile>>) -> Program {
        self.speed = speed;
        self
    }

    /// Overwrites coefficient `field` of every piece (and its lane-table row): a program no
    /// validation would let through, for testing what the evaluation does with one.
    #[cfg(test)]
    pub(crate) fn overwrite_coefficient_for_test(&mut self, field: usize, value: f64) {
        for piece in &mut self.pieces {
            piece.row[field] = value;
        }
        if let Some(row) = self.lane_table.get_mut(field) {
            row[..self.pieces.len()].fill(value);
        }
        self.sine_free = sine_free_bits(&self.pieces, &self.lane_table);
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Cam speed, revolutions per minute.
    pub fn rpm(&self) -> f64 {
        self.rpm
    }

    /// Cam speed, degrees per second.
    pub fn degrees_per_second(&self) -> f64 {
        self.deg_per_s
    }

    /// Seconds per revolution.
    pub fn period(&self) -> f64 {
        60.0 / self.rpm
    }

    /// The limits the analysis checks.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The base circle radius (mm), when the program came from a CamProV5 parameter set.
    pub fn base_circle_radius(&self) -> Option<f64> {
        self.base_circle_radius
    }

    /// Highest lift of the program, mm (of a lift table's fitted curve: [`LiftTable::max_lift`]).
    pub fn max_lift(&self) -> f64 {
        if let Some(table) = self.lift_table() {
            return table.max_lift();
        }
        self.segments.iter().map(|s| s.end_lift).fold(0.0, f64::max)
    }

    /// Angles (degrees) where segments start, beginning with 0.
    pub fn segment_starts(&self) -> impl Iterator<Item = f64> + '_ {
        self.segments.iter().scan(0.0, |angle, s| {
            let start = *angle;
            *angle += s.duration;
            Some(start)
        })
    }

    /// Highest polynomial degree among the pieces (selects the kernel width).
    pub(crate) fn degree(&self) -> usize {
        self.degree
    }

    /// The cam angle at `time_s` seconds, reduced into one revolution [0, 360] degrees (time 0
    /// is angle 0): 360 * frac(time_s * rpm / 60), within [`TIME_ANGLE_TOLERANCE_DEG`] of the
    /// exact value for |time_s| <= [`MAX_TIME_S`]; NaN beyond that or for a non-finite time.
    /// Under a speed profile: 6 * integral_0^t rpm dt, reduced, within the same bound.
    #[inline(always)]
    pub fn angle_at_time(&self, time_s: f64) -> f64 {
        if let Some(profile) = self.speed_profile() {
            return profile.angle_at(time_s);
        }
        if time_accepted(time_s) {
            reduce_angle_fast(self.turn_angle_at_time(time_s))
        } else {
            f64::NAN
        }
    }

    /// [`Program::angle_at_time`] before the final wrap (the angle lies within half a turn and
    /// a hair of 0; every evaluation path reduces it with [`reduce_angle_fast`] anyway), for a
    /// scalar or for SIMD lanes: the one time-to-angle conversion, so every path computes the
    /// same bits. Plain IEEE operations only (no FMA, no libm), branch-free. Valid for accepted
    /// times only ([`time_accepted`]): callers give NaN for the others.
    ///
    /// turns = t * rpm / 60 with rpm / 60 held as `hi + lo` (a double-double, error ~2^-105):
    /// t * hi is split exactly into `p + e` (Dekker's product with Veltkamp's splitting, `hi`
    /// pre-split), the nearest whole number of turns `n` is taken from `p` (exactly: |p| < 2^51
    /// for every accepted rpm and time), and the fraction `(p - n) + (e + t * lo)`, within
    /// half a turn and a hair, is scaled to degrees. Its error is below 2^-54 turns plus the
    /// roundings of the scaling and of the wrap into [0, 360]: under two ulp of 360.
    #[inline(always)]
    pub(crate) fn turn_angle_at_time<R: Real>(&self, time_s: R) -> R {
        let k = R::splat;
        let s = &self.turns_per_s;
        // p + e = t * hi exactly (Dekker's product, or one fused multiply-subtract in lanes that
        // have it: the same exact value, see `Real::product_error`).
        let p = time_s * k(s.hi);
        let e = R::product_error(time_s, s.hi, s.hi_big, s.hi_small, p);
        self.turn_angle_from_product(time_s, p, e)
    }

    /// The end of [`Program::turn_angle_at_time`] from `t * hi = p + e` exactly.
    #[inline(always)]
    fn turn_angle_from_product<R: Real>(&self, time_s: R, p: R, e: R) -> R {
        let k = R::splat;
        let whole = (p + k(ROUNDING_MAGIC)) - k(ROUNDING_MAGIC);
        ((p - whole) + (e + time_s * k(self.turns_per_s.lo))) * k(REVOLUTION_DEG)
    }

    /// Displacement (mm) at cam angle `theta_deg` (any finite angle; NaN for non-finite).
    #[inline]
    pub fn displacement(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).displacement
    }

    /// Velocity (mm/s) at cam angle `theta_deg`.
    #[inline]
    pub fn velocity(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).velocity
    }

    /// Acceleration (mm/s^2) at cam angle `theta_deg`.
    #[inline]
    pub fn acceleration(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).acceleration
    }

    /// Jerk (mm/s^3) at cam angle `theta_deg`.
    #[inline]
    pub fn jerk(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).jerk
    }

    /// All four at cam angle `theta_deg`.
    #[inline(always)]
    pub fn kinematics(&self, theta_deg: f64) -> Kinematics {
        // The same Horner length as the batch kernels, so both give the same bits.
        crate::piece::with_degree!(self.degree, M => self.kinematics_degree::<M>(theta_deg))
    }

    /// As [`Program::kinematics`] with Horner sums of `M` terms (`M` > `self.degree()`).
    #[inline(always)]
    pub(crate) fn kinematics_degree<const M: usize>(&self, theta_deg: f64) -> Kinematics {
        // The bin comes straight from the unreduced angle, in parallel with the exact reduction
        // rather than after it: a scalar call's latency is this chain.
        let (angle, bin) = if theta_deg.abs() < FAST_REDUCTION_LIMIT {
            (reduce_angle_fast(theta_deg), self.bin_of_turn(theta_deg))
        } else {
            let angle = reduce_angle_huge(theta_deg);
            (angle, self.bin_of_turn(angle))
        };
        self.piece(self.walk(bin, angle)).evaluate_degree::<M>(angle)
    }

    /// A bin whose entry is at or before the piece of `theta_deg` (any angle with |theta| below
    /// [`FAST_REDUCTION_LIMIT`], or NaN): the nearest bin boundary modulo the revolution, read
    /// from the low mantissa bits of the 1.5 * 2^52 rounding (the bin count is a power of two).
    #[inline(always)]
    fn bin_of_turn(&self, theta_deg: f64) -> usize {
        let rounded = theta_deg * self.bins_per_deg + ROUNDING_MAGIC;
        (rounded.to_bits() as usize) & (self.bins.len() - 1)
    }

    /// The permute table (see the field), when the program has at most 16 pieces.
    pub(crate) fn lane_table(&self) -> Option<&[[f64; LANE_TABLE_PIECES]]> {
        (!self.lane_table.is_empty()).then_some(&self.lane_table[..])
    }

    /// For lane-table programs: bit i set when piece i has no sine term.
    pub(crate) fn sine_free_pieces(&self) -> u32 {
        self.sine_free
    }

    /// Piece starts but the first: a reduced angle's piece index is how many of these are <= it.
    pub(crate) fn inner_starts(&self) -> &[f64] {
        &self.starts[1..self.pieces.len()]
    }

    /// The piece at `index` (< number of pieces).
    #[inline(always)]
    pub(crate) fn piece(&self, index: usize) -> &Piece {
        debug_assert!(index < self.pieces.len());
        // Every lookup below returns an index < pieces.len() (`starts` has one entry per piece
        // plus the +infinity sentinel that no angle, or NaN, reaches). `get` with a fallback
        // rather than `[]` keeps the scalar path free of a panic edge; the fallback is never taken.
        self.pieces.get(index).unwrap_or(&Piece::NAN)
    }

    /// Piece indices of reduced angles, lane by lane, branch-free: the same index as
    /// `piece_index` gives for each angle (the last piece whose start is <= the angle).
    #[inline(always)]
    pub(crate) fn piece_indices<const L: usize>(&self, angles: &[f64; L]) -> [u32; L] {
        let mut index = [0u32; L];
        let count = self.pieces.len();
        if count <= LINEAR_LOOKUP_MAX {
            // Few pieces: count the starts at or below each angle (no gathers).
            for &start in &self.starts[1..count] {
                for (i, &a) in index.iter_mut().zip(angles) {
                    *i += u32::from(a >= start);
                }
            }
        } else {
            // Both tables are non-empty, so the clamped indices below are provably in bounds:
            // the compiler drops the bounds checks and the loops stay branch-free. The clamps
            // never bind for starts (*i < pieces.len(), so *i + 1 indexes pieces + sentinel).
            let (bins, starts) = (&self.bins[..], &self.starts[..]);
            assert!(!bins.is_empty() && !starts.is_empty());
            let (last_bin, last_start) = (bins.len() - 1, starts.len() - 1);
            for (i, &a) in index.iter_mut().zip(angles) {
                *i = bins[bin_of(a, self.bins_per_deg).min(last_bin)];
            }
            for _ in 0..self.bin_steps {
                for (i, &a) in index.iter_mut().zip(angles) {
                    *i += u32::from(a >= starts[(*i as usize + 1).min(last_start)]);
                }
            }
        }
        index
    }

    /// Displacement, velocity and acceleration at `time_s` seconds (under a speed profile, by
    /// the chain rule: see `speed.rs`).
    #[inline]
    pub fn boundary_condition_at_time(&self, time_s: f64) -> BoundaryCondition {
        if let Some(profile) = self.speed_profile() {
            return self.varying_speed_boundary_condition(profile, time_s);
        }
        if !time_accepted(time_s) {
            return Kinematics::NAN.boundary_condition();
        }
        #[cfg(target_arch = "x86_64")]
        if crate::kernels::scalar_fma() && time_s.abs() >= MIN_FUSED_TIME_S {
            // SAFETY: scalar_fma() reports FMA only when this CPU has it.
            return unsafe { self.boundary_condition_fused(time_s) };
        }
        let theta = self.turn_angle_at_time(time_s);
        crate::piece::with_degree!(self.degree, M => self.kinematics_within_turn::<M>(theta)).boundary_condition()
    }

    /// [`Program::boundary_condition_at_time`] for an accepted time of at least
    /// [`MIN_FUSED_TIME_S`], with the exact product's error term `t * hi - p` as one fused
    /// multiply-subtract instead of Dekker's seven operations: the same exact value there (see
    /// `Real::product_error`), so the same bits.
    ///
    /// # Safety
    /// The CPU has FMA.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "fma")]
    unsafe fn boundary_condition_fused(&self, time_s: f64) -> BoundaryCondition {
        let hi = self.turns_per_s.hi;
        let p = time_s * hi;
        let theta = self.turn_angle_from_product(time_s, p, time_s.mul_add(hi, -p));
        crate::piece::with_degree!(self.degree, M => self.kinematics_within_turn::<M>(theta)).boundary_condition()
    }

    /// [`Program::kinematics_degree`] for an angle within a turn of 0 (|theta| < 360), as
    /// [`Program::turn_angle_at_time`] gives: reduced by [`reduce_within_turn`], the same bits
    /// as [`reduce_angle_fast`] in fewer steps.
    #[inline(always)]
    fn kinematics_within_turn<const M: usize>(&self, theta_deg: f64) -> Kinematics {
        let angle = reduce_within_turn(theta_deg);
        self.piece(self.walk(self.bin_of_turn(theta_deg), angle)).evaluate_degree::<M>(angle)
    }

    /// Index of the piece holding the reduced `angle` (a valid index for NaN), starting from
    /// the entry of a bin at or before it.
    #[inline(always)]
    fn walk(&self, bin: usize, angle: f64) -> usize {
        // `get` rather than `[]`: no panic path, so a scalar call compiles to straight-line code
        // with no unwinding edge (the fallback is never taken: `bin` is masked to the table, and
        // the +infinity sentinel stops the walk).
        let mut index = self.bins.get(bin).map_or(0, |&i| i as usize);
        // A bin rarely holds a piece boundary; when it does, step past it.
        while self.starts.get(index + 1).is_some_and(|&next| angle >= next) {
            index += 1;
        }
        index
    }

    // --- time integrals (0.2, issue 12) ---
    /// Number of pieces.
    pub(crate) fn piece_count(&self) -> usize {
        self.pieces.len()
    }

    /// The cumulative integral tables (src/integral.rs).
    pub(crate) fn cumulative(&self) -> &crate::integral::Cumulative {
        &self.cumulative
    }

    /// For an accepted time: the whole turns before it (as a double, exact), the piece holding
    /// its angle and the angle reduced into [0, 360), by the same error-free product as
    /// [`Program::turn_angle_at_time`].
    pub(crate) fn whole_turns_piece_and_angle(&self, time_s: f64) -> (f64, usize, f64) {
        let s = &self.turns_per_s;
        let c = time_s * VELTKAMP_SPLITTER;
        let t_big = c - (c - time_s);
        let t_small = time_s - t_big;
        let p = time_s * s.hi;
        let e = t_small * s.hi_small - (((p - t_big * s.hi_big) - t_small * s.hi_big) - t_big * s.hi_small);
        let mut whole = (p + ROUNDING_MAGIC) - ROUNDING_MAGIC;
        let mut angle = ((p - whole) + (e + time_s * s.lo)) * REVOLUTION_DEG;
        if angle < 0.0 {
            angle += REVOLUTION_DEG;
            whole -= 1.0;
        }
        if angle >= REVOLUTION_DEG {
            angle -= REVOLUTION_DEG;
            whole += 1.0;
        }
        let angle = angle.max(0.0);
        (whole, self.walk(self.bin_of_turn(angle), angle), angle)
    }
}

/// Bit i set when piece i has no sine term, for programs with a lane table (else 0).
fn sine_free_bits(pieces: &[Piece], lane_table: &[[f64; LANE_TABLE_PIECES]]) -> u32 {
    if lane_table.is_empty() {
        return 0;
    }
    pieces.iter().enumerate().filter(|(_, p)| p.is_sine_free()).fold(0, |bits, (i, _)| bits | 1 << i)
}

/// Whether [`Program::angle_at_time`] accepts `time_s` (|time_s| <= [`MAX_TIME_S`]; not NaN).
#[inline(always)]
pub(crate) fn time_accepted(time_s: f64) -> bool {
    time_s.abs() <= MAX_TIME_S
}

/// Below this |time| (s), 2^-900, the lane kernels send a time to the scalar path: from it up,
/// every partial product of Dekker's product `t * hi` is exact (no underflow: each is a multiple
/// of 2^(-900 - 26 - 104), far above 2^-1074, since hi >= MIN_RPM / 60 > 2^-26), so a fused
/// multiply-subtract gives the very same error term (see `Real::product_error`).
pub(crate) const MIN_FUSED_TIME_S: f64 = f64::from_bits((1023 - 900) << 52);

/// Revolutions per second, rpm / 60, as an unevaluated sum `hi + lo` (|lo| <= ulp(hi) / 2),
/// with `hi` split in halves for Dekker's exact product.
#[derive(Clone, Copy, Debug)]
struct TurnsPerSecond {
    hi: f64,
    lo: f64,
    hi_big: f64,
    hi_small: f64,
}

impl TurnsPerSecond {
    fn new(rpm: f64) -> TurnsPerSecond {
        let hi = rpm / 60.0;
        let (hi_big, hi_small) = split(hi);
        // rpm - 60 hi exactly: 60 hi = q + r (Dekker), and rpm - q is exact (Sterbenz: q is
        // within a rounding of rpm). The division then rounds once: |lo| error ~ 2^-53 |lo|.
        let (sixty_big, sixty_small) = split(60.0);
        let q = 60.0 * hi;
        let r = sixty_small * hi_small - (((q - sixty_big * hi_big) - sixty_small * hi_big) - sixty_big * hi_small);
        let lo = ((rpm - q) - r) / 60.0;
        TurnsPerSecond { hi, lo, hi_big, hi_small }
    }
}

/// Veltkamp's split of `x` into `big + small` exactly, each with at most 26 significant bits.
fn split(x: f64) -> (f64, f64) {
    let c = x * VELTKAMP_SPLITTER;
    let big = c - (c - x);
    (big, x - big)
}

/// Programs with at most this many pieces find them by counting starts (see `piece_indices`).
const LINEAR_LOOKUP_MAX: usize = 16;

/// The bin of a reduced angle; NaN gives 0 (`as` saturates), so does anything negative.
#[inline(always)]
fn bin_of(angle: f64, bins_per_deg: f64) -> usize {
    // Through i32: the conversion vectorizes on every SIMD width (bins are < 2^17).
    (angle * bins_per_deg) as i32 as usize
}

/// Below this magnitude [`reduce_angle`] takes the branch-free path the lane kernels vectorize.
pub(crate) const FAST_REDUCTION_LIMIT: f64 = 1.0e12;

/// Reduces any finite angle into one revolution, [0, 360], exactly: for |theta| below
/// [`FAST_REDUCTION_LIMIT`] the product and difference below are exact, beyond it the remainder
/// operator (exact fmod) is used. The only rounding is the final `+ 360` for a negative
/// remainder: one a hair below a whole turn (|r| < 2.9e-14 degrees) rounds to 360 itself, which
/// every lookup treats as the end of the last segment (the limit of the angle from below).
#[inline(always)]
pub fn reduce_angle(theta_deg: f64) -> f64 {
    if theta_deg.abs() < FAST_REDUCTION_LIMIT {
        reduce_angle_fast(theta_deg)
    } else {
        reduce_angle_huge(theta_deg)
    }
}

/// [`reduce_angle`] for |theta| >= [`FAST_REDUCTION_LIMIT`]: out of line, it is never hot.
#[cold]
#[inline(never)]
pub(crate) fn reduce_angle_huge(theta_deg: f64) -> f64 {
    wrap::<f64>(theta_deg % REVOLUTION_DEG)
}

/// [`reduce_angle`] for |theta| < [`FAST_REDUCTION_LIMIT`]: plain arithmetic only (no libm
/// `floor`, no branch), so a scalar call and a SIMD lane compute the same bits.
#[inline(always)]
pub(crate) fn reduce_angle_fast<R: Real>(theta_deg: R) -> R {
    let k = R::splat;
    // The nearest whole number of turns, by the 1.5 * 2^52 trick (exact for |turns| < 2^51).
    let turns = (theta_deg * k(1.0 / REVOLUTION_DEG) + k(ROUNDING_MAGIC)) - k(ROUNDING_MAGIC);
    // Exact: 360 * turns is an integer below 2^53, and the difference (within 180 degrees and a
    // hair, since the quotient is rounded) is a multiple of theta's ulp no larger than theta.
    // `+ 0.0` turns theta = -0.0 into +0.0.
    let r = (theta_deg + k(0.0)) - k(REVOLUTION_DEG) * turns;
    R::select(r.lt(k(0.0)), r + k(REVOLUTION_DEG), r)
}

/// [`reduce_angle_fast`] for |theta| < 360 (angles from [`Program::turn_angle_at_time`], within
/// half a turn and a hair of 0), with the same bits: there the rounded turn count is -1, 0 or
/// 1, and each case comes to `theta + 360` for a negative theta and theta itself otherwise:
/// -360 < theta <= -180 gives theta + 360 exactly (Sterbenz) with no wrap; -180 < theta < 0 gives
/// theta, wrapped by the same rounded `+ 360`; 180 <= theta < 360 gives (theta - 360) + 360,
/// both steps exact, which is theta. `+ 0.0` turns -0.0 into +0.0 as there.
#[inline(always)]
pub(crate) fn reduce_within_turn<R: Real>(theta_deg: R) -> R {
    let k = R::splat;
    let r = theta_deg + k(0.0);
    R::select(r.lt(k(0.0)), r + k(REVOLUTION_DEG), r)
}

#[inline(always)]
fn wrap<R: Real>(r: R) -> R {
    let k = R::splat;
    let r = R::select(r.lt(k(0.0)), r + k(REVOLUTION_DEG), r);
    R::select(r.ge(k(REVOLUTION_DEG)), r - k(REVOLUTION_DEG), r)
}

pub(crate) fn validate_rpm(rpm: f64) -> Result<()> {
    if !rpm.is_finite() || rpm <= 0.0 {
        return Err(Error::invalid("rpm", Num(rpm), "must be finite and > 0"));
    }
    at_least("rpm", rpm, MIN_RPM, "MIN_RPM", "rpm")?;
    at_most("rpm", rpm, MAX_RPM, "MAX_RPM", "rpm")
}

/// Checks a base circle radius (mm): finite, > 0 and at most [`MAX_BASE_CIRCLE_RADIUS_MM`].
pub(crate) fn validate_base_circle_radius(radius: f64) -> Result<()> {
    if !radius.is_finite() || radius <= 0.0 {
        return Err(Error::invalid("base_circle_radius", Num(radius), "must be finite and > 0"));
    }
    at_most("base_circle_radius", radius, MAX_BASE_CIRCLE_RADIUS_MM, "MAX_BASE_CIRCLE_RADIUS_MM", "mm")
}

/// `value` (already known finite) is at least `min`; the error names the bound.
pub(crate) fn at_least(field: &str, value: f64, min: f64, min_name: &str, unit: &str) -> Result<()> {
    if value < min {
        return Err(Error::invalid(field, Num(value), format!("below the minimum {} {unit} ({min_name})", Num(min))));
    }
    Ok(())
}

/// `value` (already known finite) is at most `max`; the error names the bound.
pub(crate) fn at_most(field: &str, value: f64, max: f64, max_name: &str, unit: &str) -> Result<()> {
    if value > max {
        return Err(Error::invalid(field, Num(value), format!("above the maximum {} {unit} ({max_name})", Num(max))));
    }
    Ok(())
}

fn validate_segments(segments: &[Segment]) -> Result<()> {
    if segments.is_empty() {
        return Err(Error::invalid("segments.count", 0, "a program needs at least one segment"));
    }
    if segments.len() > MAX_SEGMENTS {
        return Err(Error::invalid("segments.count", segments.len(), format!("at most {MAX_SEGMENTS} segments")));
    }
    let mut lift = 0.0;
    let mut total = 0.0;
    for (i, segment) in segments.iter().enumerate() {
        let duration = segment.duration;
        if !duration.is_finite() || duration <= 0.0 {
            return Err(Error::invalid(
                format!("segments[{i}].duration"),
                Num(duration),
                "must be finite and > 0 degrees",
            ));
        }
        if duration > REVOLUTION_DEG + DURATION_TOLERANCE_DEG {
            return Err(Error::invalid(
                format!("segments[{i}].duration"),
                Num(duration),
                "exceeds one revolution (360 degrees)",
            ));
        }
        at_least(
            &format!("segments[{i}].duration"),
            duration,
            MIN_SEGMENT_DURATION_DEG,
            "MIN_SEGMENT_DURATION_DEG",
            "degrees",
        )?;
        let end = segment.end_lift;
        if !end.is_finite() || end < 0.0 {
            return Err(Error::invalid(format!("segments[{i}].end_lift"), Num(end), "must be finite and >= 0 mm"));
        }
        at_most(&format!("segments[{i}].end_lift"), end, MAX_LIFT_MM, "MAX_LIFT_MM", "mm")?;
        if segment.law == Law::Dwell && (end - lift).abs() > LIFT_TOLERANCE_MM {
            return Err(Error::invalid(
                format!("segments[{i}].end_lift"),
                end,
                format!("a dwell must hold the lift it starts at ({lift} mm)"),
            ));
        }
        total += duration;
        lift = end;
    }
    if (total - REVOLUTION_DEG).abs() > DURATION_TOLERANCE_DEG {
        return Err(Error::invalid("segments.total_duration", total, "the durations must sum to 360 degrees"));
    }
    if lift.abs() > LIFT_TOLERANCE_MM {
        return Err(Error::invalid(
            format!("segments[{}].end_lift", segments.len() - 1),
            lift,
            "the last segment must return the follower to lift 0",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shorter reduction of angles within a turn gives `reduce_angle_fast`'s bits: around
    /// every case boundary (0, +-180, +-360, where the rounded turn count changes and the final
    /// `+ 360` rounds) and on random angles, both signs.
    #[test]
    fn reduce_within_turn_gives_reduce_angle_fast_bits() {
        let mut angles = vec![0.0, -0.0, f64::MIN_POSITIVE, -f64::MIN_POSITIVE, 1e-300, -1e-300, 1e-14, -1e-14];
        for edge in [180.0f64, -180.0, 360.0, -360.0, 90.0, -90.0, 1e-12, -1e-12] {
            let (mut up, mut down) = (edge, edge);
            for _ in 0..2000 {
                up = up.next_up();
                down = down.next_down();
                angles.extend([up, down]);
            }
        }
        let mut state = 0x0DDB_1A5E_5BAD_5EEDu64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            angles.push(-360.0 + 720.0 * ((state >> 11) as f64 / (1u64 << 53) as f64));
        }
        let mut checked = 0;
        for &a in angles.iter().filter(|a| a.abs() < REVOLUTION_DEG) {
            let (want, got) = (reduce_angle_fast(a), reduce_within_turn(a));
            assert_eq!(got.to_bits(), want.to_bits(), "angle {a:e}: {got:e} vs {want:e}");
            checked += 1;
        }
        assert!(checked > 200_000);
    }
}
