//! `campro analyze`: the program's segments, cam speed, peak and RMS kinematics, and each
//! kinematic limit with its verdict.

use crate::numbers::six_digits as num;
use crate::{output, CamFile, Failure};
use campro::{Analysis, Law, Program};
use clap::Args;
use std::fmt::Write as _;

/// Print the segments, peak and RMS kinematics and exceeded limits (the default command)
///
/// Prints the program's segments (law, start-end angle, lift from -> to), the cam speed, peak
/// velocity, acceleration and jerk, RMS acceleration and jerk (over N equally spaced angles of
/// one revolution), and each kinematic limit with its value and whether it is exceeded, and the
/// highest rpm at which all the limits hold. For a file with a [dynamics] table (mass_kg,
/// spring_rate_n_per_mm, spring_preload_n, damping_n_s_per_mm, external_force_n) it adds the
/// follower dynamics: min and max contact force and where, separation at the cam's rpm, the jump
/// speed, peak and RMS camshaft torque, and the smallest spring preload (and rate) that keep
/// the follower on the cam up to the rpm (or --overspeed). Exit code 0 whether or not limits
/// are exceeded or the follower jumps; 1 if the kinematics are not finite numbers.
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct AnalyzeArgs {
    #[command(flatten)]
    pub(crate) file: CamFile,
    /// Angles to analyse over one revolution [default: 360000]
    #[arg(long, value_name = "N")]
    points: Option<usize>,
    // --- follower dynamics (0.2) ---
    #[command(flatten)]
    dynamics: crate::dynamics::DynamicsArgs,
}

pub(crate) fn run(args: &AnalyzeArgs) -> Result<(), Failure> {
    // --- follower dynamics (0.2): the file's [dynamics] table is read with the cam ---
    let (program, source, follower) = crate::dynamics::load(&args.file)?;
    let points = args.points.unwrap_or(360_000);
    let analysis = program.analyze(points)?;
    finite(&analysis)?;
    let mut text = report(&program, &source, points, &analysis);
    // --- follower dynamics (0.2) ---
    text += &crate::dynamics::speed_limit_report(&program, points)?;
    if let Some(follower) = &follower {
        text += &crate::dynamics::dynamics_report(&program, follower, points, &args.dynamics)?;
    }
    output::stdout(&text)?;
    // --- cam geometry (0.2) ---: the geometry checks when the file names a follower.
    if let Some(path) = &args.file.path {
        if let (_, Some(follower)) = Program::load_with_follower(path)? {
            output::stdout(&crate::profile::report(&program, &follower)?)?;
        }
    }
    Ok(())
}

/// Refuses an analysis with a non-finite value: NaN would print as a peak of 0 with every
/// limit "ok".
fn finite(a: &Analysis) -> Result<(), String> {
    for (name, value) in [
        ("peak velocity", a.max_velocity),
        ("peak acceleration", a.max_acceleration),
        ("peak jerk", a.max_jerk),
        ("RMS acceleration", a.rms_acceleration),
        ("RMS jerk", a.rms_jerk),
    ] {
        if !value.is_finite() {
            return Err(format!(
                "analysis: {name} = {value}: not a finite number (the cam's kinematics overflow; check rpm, lift and \
                 durations)"
            ));
        }
    }
    Ok(())
}

fn report(program: &Program, source: &str, points: usize, a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "campro {}: {source}", campro::VERSION);
    let _ = write!(
        out,
        "cam speed {} rpm ({} deg/s, period {} s)",
        num(program.rpm()),
        num(program.degrees_per_second()),
        num(program.period())
    );
    if let Some(r) = program.base_circle_radius() {
        let _ = write!(out, ", base circle radius {} mm", num(r));
    }
    let _ = writeln!(out, ", max lift {} mm", num(program.max_lift()));
    let _ = writeln!(out);
    // --- lift tables and variable speed (0.2) ---
    lift_table_and_speed(&mut out, program);
    if program.lift_table().is_none() {
        let _ = writeln!(out, "Segments ({}):", program.segments().len());
        let _ = writeln!(
            out,
            "  {:>3}  {:<27} {:>9} {:>9}   {:>9}    {:>9}",
            "#", "law", "start deg", "end deg", "lift from", "to mm"
        );
        let mut lift = 0.0;
        for (i, (segment, start)) in program.segments().iter().zip(program.segment_starts()).enumerate() {
            let kind = match segment.law {
                Law::Dwell => "dwell".to_string(),
                law if segment.end_lift >= lift => format!("{} rise", law.name()),
                law => format!("{} fall", law.name()),
            };
            let _ = writeln!(
                out,
                "  {:>3}  {:<27} {:>9.3} {:>9.3}   {:>9.4} -> {:>9.4}",
                i + 1,
                kind,
                start,
                start + segment.duration,
                lift,
                segment.end_lift
            );
            lift = segment.end_lift;
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Kinematics over one revolution ({points} angles):");
    let rows = [
        ("peak velocity", a.max_velocity, "mm/s"),
        ("peak acceleration", a.max_acceleration, "mm/s^2"),
        ("peak jerk", a.max_jerk, "mm/s^3"),
        ("RMS acceleration", a.rms_acceleration, "mm/s^2"),
        ("RMS jerk", a.rms_jerk, "mm/s^3"),
    ];
    for (name, value, unit) in rows {
        let _ = writeln!(out, "  {name:<18} {:>14} {unit}", num(value));
    }
    let _ = writeln!(out);
    let limits = program.limits();
    let checks = [
        ("velocity", a.max_velocity, limits.velocity, "mm/s", a.velocity_violation),
        ("acceleration", a.max_acceleration, limits.acceleration, "mm/s^2", a.acceleration_violation),
        ("jerk", a.max_jerk, limits.jerk, "mm/s^3", a.jerk_violation),
    ];
    if checks.iter().all(|c| c.2.is_infinite()) {
        let _ = writeln!(
            out,
            "Limits: none given (a [[segment]] file may set velocity_limit, acceleration_limit, jerk_limit)."
        );
    } else {
        let _ = writeln!(out, "Limits:");
        let mut exceeded = 0;
        for (name, value, limit, unit, violated) in checks {
            if limit.is_infinite() {
                let _ = writeln!(out, "  {name:<13} no limit");
                continue;
            }
            let verdict = if violated {
                exceeded += 1;
                format!(
                    "EXCEEDED: {} {unit} > limit {} {unit} ({}x the limit)",
                    num(value),
                    num(limit),
                    num(value / limit)
                )
            } else {
                format!("ok: {} {unit} <= limit {} {unit}", num(value), num(limit))
            };
            let _ = writeln!(out, "  {name:<13} {verdict}");
        }
        let given = checks.iter().filter(|c| c.2.is_finite()).count();
        let _ = writeln!(out, "{exceeded} of {given} limits exceeded.");
    }
    out
}

// --- lift tables and variable speed (0.2) ---

/// What a lift-table cam was fitted to, and a speed profile's points.
fn lift_table_and_speed(out: &mut String, program: &Program) {
    if let Some(t) = program.lift_table() {
        let theta = t.theta_deg();
        let _ = writeln!(
            out,
            "Lift table: {} points ({} to {} deg), smoothing {} mm, RMS deviation {} mm, max deviation {} mm at {} deg",
            t.len(),
            num(theta[0]),
            num(theta[theta.len() - 1]),
            num(t.smoothing()),
            num(t.rms_deviation()),
            num(t.max_deviation()),
            num(t.max_deviation_at())
        );
        let _ = writeln!(
            out,
            "  fitted curve: periodic quintic spline{}, lift {} to {} mm",
            if t.is_constant() { " (smoothed to the constant mean)" } else { "" },
            num(t.min_lift()),
            num(t.max_lift())
        );
    }
    if let Some(profile) = program.speed_profile() {
        let points: Vec<(f64, f64)> = profile.points().collect();
        let (first, last) = (points[0], points[points.len() - 1]);
        let _ = writeln!(
            out,
            "Speed profile: {} points, {} rpm at {} s to {} rpm at {} s, linear between, held outside (the \
             analysis below is at the reference {} rpm)",
            points.len(),
            num(first.1),
            num(first.0),
            num(last.1),
            num(last.0),
            num(program.rpm())
        );
    }
    if program.lift_table().is_none() && program.speed_profile().is_some() {
        let _ = writeln!(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_finite_analysis_is_an_error_naming_the_quantity() {
        let ok = Analysis {
            max_velocity: 4000.0,
            max_acceleration: 2.5e6,
            max_jerk: 3.2e9,
            rms_acceleration: 1.3e6,
            rms_jerk: 1.8e9,
            velocity_violation: false,
            acceleration_violation: false,
            jerk_violation: false,
        };
        assert!(finite(&ok).is_ok());
        let message = finite(&Analysis { max_jerk: f64::INFINITY, ..ok }).unwrap_err();
        assert!(message.starts_with("analysis: peak jerk = inf: not a finite number"), "{message}");
        let message = finite(&Analysis { rms_acceleration: f64::NAN, ..ok }).unwrap_err();
        assert!(message.starts_with("analysis: RMS acceleration = NaN"), "{message}");
    }
}
