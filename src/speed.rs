//! Variable cam speed: rpm piecewise linear in time, and the time-based kinematics it gives a
//! program by the chain rule.
//!
//! The cam angle is `theta(t) = 6 * integral_0^t rpm dt` degrees (time 0 = angle 0); rpm is
//! linear between the points and held constant before the first and after the last one. A
//! program's angle-based functions stay those of its own (reference) rpm; its time-based ones
//! (boundary conditions, solver tables) follow the chain rule exactly, with s', s'', s''' the
//! derivatives per radian (the program's velocity / w0, acceleration / w0^2, jerk / w0^3 at its
//! reference speed w0):
//!
//! - v = s' w, a = s'' w^2 + s' alpha, j = s''' w^3 + 3 s'' w alpha
//!   (w = dtheta/dt in rad/s, alpha = dw/dt; dalpha/dt is 0 between the points);
//! - in the program's own values, with rho = rpm(t) / rpm0 and q = (drpm/dt) / rpm0 (1/s):
//!   v = v0 rho, a = a0 rho^2 + v0 q, j = j0 rho^3 + 3 a0 rho q.
//!
//! At a point the angular acceleration jumps (and so does the acceleration wherever s' != 0): a
//! time exactly on a point takes the interval that starts there (the right-hand limit).
//!
//! Exactness far into a run: the turns at every point are accumulated in double-double
//! arithmetic (`double_double.rs`) as a whole number plus a fraction, and a time's turns are
//! that point's fraction plus the exact quadratic of the time since the point, also in
//! double-double; only the fraction of a turn is then rounded to degrees. The cam angle is thus
//! within [`crate::TIME_ANGLE_TOLERANCE_DEG`] of 360 * frac(exact turns), the exact integral
//! of the piecewise-linear rpm through the given (double) points, for every accepted time, as
//! for a constant speed (tests/speed.rs checks it against exact rational arithmetic).

use crate::double_double::Dd;
use crate::error::{Error, Num, Result};
use crate::kinematics::{BoundaryCondition, Kinematics};
use crate::program::{reduce_angle_fast, time_accepted, Program, MAX_RPM, MAX_TIME_S, REVOLUTION_DEG};
use std::sync::Arc;

/// Most points a speed profile may have.
pub const MAX_SPEED_POINTS: usize = 1_000_000;
/// Fastest change of cam speed a profile accepts, rpm per second (0 to 1e6 rpm in a
/// microsecond). With the rpm bound it keeps every time-based output finite.
pub const MAX_RPM_RATE: f64 = 1e12;

/// One point of the profile, with what the interval starting there needs.
#[derive(Clone, Copy, Debug)]
struct Knot {
    /// s.
    time: f64,
    /// rpm at `time`.
    rpm: f64,
    /// d(rpm)/dt on the interval starting here, rpm/s (0 after the last point).
    slope: f64,
    /// Revolutions per second at `time`, rpm / 60.
    turns_per_s: Dd,
    /// Half the rate of change of the revolutions per second on the interval starting here,
    /// slope / 120, turns/s^2 (0 after the last point).
    half_turn_rate: Dd,
    /// Turns of the cam from time 0 to `time`: a whole number ...
    whole_turns: f64,
    /// ... plus a fraction within half a turn.
    fraction: Dd,
}

/// A validated speed profile: rpm piecewise linear through (time, rpm) points. Build one with
/// [`Program::with_speed_profile`].
#[derive(Clone, Debug)]
pub struct SpeedProfile {
    knots: Vec<Knot>,
    /// The program's own rpm, which its angle-based values are at.
    reference_rpm: f64,
    inverse_reference_rpm: f64,
}

/// Where a time falls: the point its interval starts at, and whether rpm ramps there (false
/// before the first point and from the last one on).
#[derive(Clone, Copy, Debug)]
struct Place<'a> {
    knot: &'a Knot,
    ramp: bool,
}

impl SpeedProfile {
    /// Validates the points: 1..=[`MAX_SPEED_POINTS`] of them, times finite, within
    /// |t| <= [`MAX_TIME_S`] and strictly increasing, rpms finite with |rpm| <= [`MAX_RPM`] (0
    /// and negative speeds are allowed), and no interval changing the speed faster than
    /// [`MAX_RPM_RATE`]. Every error names the index and value.
    fn new(time_s: &[f64], rpm: &[f64], reference_rpm: f64) -> Result<SpeedProfile> {
        if time_s.len() != rpm.len() {
            return Err(Error::invalid(
                "rpm.len",
                rpm.len(),
                format!("must equal the number of times ({})", time_s.len()),
            ));
        }
        let n = time_s.len();
        if n == 0 {
            return Err(Error::invalid("n", 0, "a speed profile needs at least one (time, rpm) point"));
        }
        if n > MAX_SPEED_POINTS {
            return Err(Error::invalid("n", n, format!("above the maximum {MAX_SPEED_POINTS} (MAX_SPEED_POINTS)")));
        }
        for (i, (&t, &r)) in time_s.iter().zip(rpm).enumerate() {
            if !t.is_finite() {
                return Err(Error::invalid(format!("time_s[{i}]"), Num(t), "must be finite (seconds)"));
            }
            if t.abs() > MAX_TIME_S {
                return Err(Error::invalid(
                    format!("time_s[{i}]"),
                    Num(t),
                    format!("beyond the time limit |time_s| <= {} s (MAX_TIME_S)", Num(MAX_TIME_S)),
                ));
            }
            if i > 0 && t <= time_s[i - 1] {
                return Err(Error::invalid(
                    format!("time_s[{i}]"),
                    Num(t),
                    format!("the times must increase strictly (time_s[{}] = {})", i - 1, Num(time_s[i - 1])),
                ));
            }
            if !r.is_finite() {
                return Err(Error::invalid(format!("rpm[{i}]"), Num(r), "must be finite"));
            }
            if r.abs() > MAX_RPM {
                return Err(Error::invalid(
                    format!("rpm[{i}]"),
                    Num(r),
                    format!("|rpm| above the maximum {} rpm (MAX_RPM)", Num(MAX_RPM)),
                ));
            }
        }
        let mut knots = Vec::with_capacity(n);
        for i in 0..n {
            let (slope, half_turn_rate) = if i + 1 < n {
                let dt = time_s[i + 1] - time_s[i];
                let slope = (rpm[i + 1] - rpm[i]) / dt;
                if slope.is_nan() || slope.abs() > MAX_RPM_RATE {
                    return Err(Error::invalid(
                        format!("rpm[{}]", i + 1),
                        Num(rpm[i + 1]),
                        format!(
                            "from rpm[{i}] = {} over {} s (time_s[{i}] = {} to time_s[{}] = {}) the speed changes \
                             by {} rpm/s, faster than MAX_RPM_RATE = {} rpm/s",
                            Num(rpm[i]),
                            Num(dt),
                            Num(time_s[i]),
                            i + 1,
                            Num(time_s[i + 1]),
                            Num(slope),
                            Num(MAX_RPM_RATE)
                        ),
                    ));
                }
                let exact_dt = Dd::difference(time_s[i + 1], time_s[i]);
                let exact_drpm = Dd::difference(rpm[i + 1], rpm[i]);
                (slope, exact_drpm.div(exact_dt.mul(Dd::from(120.0))))
            } else {
                (0.0, Dd::default())
            };
            knots.push(Knot {
                time: time_s[i],
                rpm: rpm[i],
                slope,
                turns_per_s: Dd::from(rpm[i]).div(Dd::from(60.0)),
                half_turn_rate,
                whole_turns: 0.0,
                fraction: Dd::default(),
            });
        }
        // Turns at each point from the first one, then shifted so that time 0 is turn 0.
        for i in 1..n {
            let previous = knots[i - 1];
            let (whole, fraction) = previous.turns_after(knots[i].time, true);
            knots[i].whole_turns = whole;
            knots[i].fraction = fraction;
        }
        let mut profile = SpeedProfile { knots, reference_rpm, inverse_reference_rpm: 1.0 / reference_rpm };
        let (whole0, fraction0) = profile.turns_at(0.0);
        for knot in &mut profile.knots {
            let (whole, fraction) = knot.fraction.sub(fraction0).split_whole();
            knot.whole_turns = (knot.whole_turns - whole0) + whole;
            knot.fraction = fraction;
        }
        Ok(profile)
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.knots.len()
    }

    /// Never true: a profile has at least one point.
    pub fn is_empty(&self) -> bool {
        self.knots.is_empty()
    }

    /// The (time s, rpm) points, in order.
    pub fn points(&self) -> impl ExactSizeIterator<Item = (f64, f64)> + '_ {
        self.knots.iter().map(|k| (k.time, k.rpm))
    }

    /// The times of the points, s.
    pub fn times(&self) -> impl ExactSizeIterator<Item = f64> + '_ {
        self.knots.iter().map(|k| k.time)
    }

    /// The rpm the program's angle-based values are at.
    pub fn reference_rpm(&self) -> f64 {
        self.reference_rpm
    }

    /// The interval of `time_s` (accepted, not NaN).
    #[inline]
    fn place(&self, time_s: f64) -> Place<'_> {
        let after = self.knots.partition_point(|k| k.time <= time_s);
        let last = self.knots.len() - 1;
        match after {
            0 => Place { knot: &self.knots[0], ramp: false },
            k if k > last => Place { knot: &self.knots[last], ramp: false },
            k => Place { knot: &self.knots[k - 1], ramp: true },
        }
    }

    /// Cam speed at `time_s`, rpm (NaN for a non-finite time).
    pub fn rpm_at(&self, time_s: f64) -> f64 {
        if time_s.is_nan() {
            return f64::NAN;
        }
        let place = self.place(time_s);
        if place.ramp {
            place.knot.rpm + place.knot.slope * (time_s - place.knot.time)
        } else {
            place.knot.rpm
        }
    }

    /// rpm at `time_s` and its rate of change (rpm/s) on the interval from `time_s` on.
    pub(crate) fn rpm_and_slope_after(&self, time_s: f64) -> (f64, f64) {
        let place = self.place(time_s);
        if place.ramp {
            (place.knot.rpm + place.knot.slope * (time_s - place.knot.time), place.knot.slope)
        } else {
            (place.knot.rpm, 0.0)
        }
    }

    /// Turns of the cam from time 0 to `time_s`, as a whole number plus a fraction within
    /// half a turn (|time_s| <= [`MAX_TIME_S`]).
    pub(crate) fn turns_at(&self, time_s: f64) -> (f64, Dd) {
        let place = self.place(time_s);
        place.knot.turns_after(time_s, place.ramp)
    }

    /// The total turns from time 0 to `time_s` rounded to a double (for locating angles; the
    /// exact angle is [`SpeedProfile::angle_at`]).
    pub fn turns(&self, time_s: f64) -> f64 {
        let (whole, fraction) = self.turns_at(time_s);
        whole + fraction.value()
    }

    /// The cam angle at `time_s` (accepted), degrees, within half a turn and a hair of 0 (each
    /// evaluation reduces it into [0, 360)).
    #[inline]
    fn turn_angle_at(&self, time_s: f64) -> f64 {
        self.turns_at(time_s).1.value() * REVOLUTION_DEG
    }

    /// The cam angle at `time_s`, reduced into [0, 360]; NaN for a time that is not accepted.
    pub fn angle_at(&self, time_s: f64) -> f64 {
        if time_accepted(time_s) {
            reduce_angle_fast(self.turn_angle_at(time_s))
        } else {
            f64::NAN
        }
    }

    /// Displacement, velocity, acceleration and jerk of `program` (whose speed profile this is)
    /// at `time_s` (accepted), by the chain rule (see the module docs).
    #[inline]
    fn kinematics(&self, program: &Program, time_s: f64) -> Kinematics {
        let place = self.place(time_s);
        let k = place.knot;
        let (_, fraction) = k.turns_after(time_s, place.ramp);
        let at_reference = program.kinematics(fraction.value() * REVOLUTION_DEG);
        let (rpm, slope) = if place.ramp { (k.rpm + k.slope * (time_s - k.time), k.slope) } else { (k.rpm, 0.0) };
        let rho = rpm * self.inverse_reference_rpm;
        let q = slope * self.inverse_reference_rpm;
        let (v0, a0, j0) = (at_reference.velocity, at_reference.acceleration, at_reference.jerk);
        Kinematics {
            displacement: at_reference.displacement,
            velocity: v0 * rho,
            acceleration: a0 * (rho * rho) + v0 * q,
            jerk: j0 * (rho * rho * rho) + 3.0 * a0 * rho * q,
        }
    }
}

impl Knot {
    /// Turns from time 0 to `time_s`, from this point on (`ramp`: the rpm ramps towards the
    /// next point; otherwise it is held).
    #[inline]
    fn turns_after(&self, time_s: f64, ramp: bool) -> (f64, Dd) {
        let dt = Dd::difference(time_s, self.time);
        let rate = if ramp { self.turns_per_s.add(self.half_turn_rate.mul(dt)) } else { self.turns_per_s };
        let (whole, fraction) = self.fraction.add(dt.mul(rate)).split_whole();
        (self.whole_turns + whole, fraction)
    }
}

impl Program {
    /// The same cam driven by a time-varying speed: rpm piecewise linear through the points
    /// (`time_s` strictly increasing, seconds; `rpm` at each, any finite value within
    /// |rpm| <= [`MAX_RPM`], 0 and negative included; held constant before the first and after
    /// the last point); see [`SpeedProfile`] for the bounds. Time 0 is cam angle 0. The new
    /// program's time-based outputs (boundary conditions, tables) follow the chain rule; its
    /// angle-based outputs, [`Program::rpm`], [`Program::period`] and analysis stay this
    /// program's (its reference speed). A profile this program already has is replaced.
    pub fn with_speed_profile(&self, time_s: &[f64], rpm: &[f64]) -> Result<Program> {
        let profile = SpeedProfile::new(time_s, rpm, self.rpm())?;
        Ok(self.clone().with_speed(Some(Arc::new(profile))))
    }

    /// The same cam at its constant (reference) speed, without a speed profile.
    pub fn at_constant_speed(&self) -> Program {
        self.clone().with_speed(None)
    }

    /// Cam speed at `time_s`, rpm: the profile's, or the constant rpm.
    pub fn rpm_at_time(&self, time_s: f64) -> f64 {
        match self.speed_profile() {
            Some(profile) => profile.rpm_at(time_s),
            None if time_s.is_nan() => f64::NAN,
            None => self.rpm(),
        }
    }

    /// Displacement, velocity, acceleration and jerk at `time_s` seconds: time derivatives at
    /// the speed of that instant (the chain rule under a speed profile). All NaN for a time
    /// that is not finite or beyond [`MAX_TIME_S`].
    #[inline]
    pub fn kinematics_at_time(&self, time_s: f64) -> Kinematics {
        if !time_accepted(time_s) {
            return Kinematics::NAN;
        }
        match self.speed_profile() {
            None => self.kinematics(self.turn_angle_at_time(time_s)),
            Some(profile) => profile.kinematics(self, time_s),
        }
    }

    /// [`Program::boundary_condition_at_time`] under a speed profile.
    #[inline]
    pub(crate) fn varying_speed_boundary_condition(&self, profile: &SpeedProfile, time_s: f64) -> BoundaryCondition {
        if !time_accepted(time_s) {
            return Kinematics::NAN.boundary_condition();
        }
        profile.kinematics(self, time_s).boundary_condition()
    }

    /// Boundary conditions under a speed profile, point by point on the calling thread (the
    /// batch and parallel calls run this on each stretch). Returns how many times were rejected.
    pub(crate) fn varying_speed_boundary_conditions(
        &self,
        profile: &SpeedProfile,
        time_s: &[f64],
        out: &mut [BoundaryCondition],
    ) -> usize {
        let mut rejected = 0;
        for (&t, slot) in time_s.iter().zip(out.iter_mut()) {
            rejected += usize::from(!time_accepted(t));
            *slot = self.varying_speed_boundary_condition(profile, t);
        }
        rejected
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Parameters;

    fn cam() -> Program {
        Program::from_parameters(&Parameters::default()).unwrap()
    }

    #[test]
    fn a_single_point_is_a_constant_speed() {
        let p = cam();
        let same = p.with_speed_profile(&[5.0], &[3000.0]).unwrap();
        for t in [-1.0, 0.0, 1e-4, 0.00125, 0.37, 123.456] {
            let (a, b) = (p.kinematics_at_time(t), same.kinematics_at_time(t));
            assert!((a.displacement - b.displacement).abs() <= 1e-12, "t = {t}");
            assert!((a.velocity - b.velocity).abs() <= 1e-9 * 4000.0, "t = {t}");
            assert!((a.acceleration - b.acceleration).abs() <= 1e-9 * 2.6e6, "t = {t}");
        }
        assert_eq!(same.rpm_at_time(-3.0), 3000.0);
    }

    #[test]
    fn time_zero_is_angle_zero_wherever_the_points_are() {
        let p = cam();
        for (times, rpms) in [
            (vec![1.0, 2.0], vec![1000.0, 2000.0]),
            (vec![-3.0, -1.0, 0.5], vec![100.0, -200.0, 4000.0]),
            (vec![0.0, 0.3], vec![0.0, 6000.0]),
        ] {
            let q = p.with_speed_profile(&times, &rpms).unwrap();
            assert_eq!(q.angle_at_time(0.0), 0.0, "{times:?}");
            assert_eq!(q.speed_profile().unwrap().turns(0.0), 0.0);
        }
    }

    #[test]
    fn bad_points_are_named() {
        let p = cam();
        let message = |t: &[f64], r: &[f64]| p.with_speed_profile(t, r).unwrap_err().to_string();
        assert!(message(&[], &[]).starts_with("n = 0:"));
        assert!(message(&[0.0, 1.0], &[1.0]).starts_with("rpm.len = 1:"));
        assert!(message(&[0.0, 0.0], &[1.0, 2.0]).starts_with("time_s[1] = 0: the times must increase strictly"));
        assert!(message(&[0.0, f64::NAN], &[1.0, 2.0]).starts_with("time_s[1] = NaN: must be finite"));
        assert!(message(&[0.0, 2e10], &[1.0, 2.0]).starts_with("time_s[1] = 20000000000: beyond the time limit"));
        assert!(message(&[0.0, 1.0], &[1.0, f64::INFINITY]).starts_with("rpm[1] = inf: must be finite"));
        assert!(message(&[0.0, 1.0], &[-2e6, 1.0]).starts_with("rpm[0] = -2000000: |rpm| above the maximum"));
        let steep = message(&[0.0, 1e-9], &[0.0, 6000.0]);
        assert!(steep.starts_with("rpm[1] = 6000: from rpm[0] = 0 over 1e-9 s"), "{steep}");
        assert!(steep.contains("faster than MAX_RPM_RATE"), "{steep}");
    }
}
