//! What `campro analyze` adds for 0.2's follower dynamics: the highest speed within the
//! kinematic limits (every file), and, for a file with a `[dynamics]` table, the dynamics check
//! and the spring sizing at the file's rpm (or `--overspeed`).

use crate::numbers::six_digits as num;
use crate::{CamFile, Failure};
use campro::{DynamicsReport, FollowerDynamics, LimitedBy, Parameters, Program, SpeedLimit};
use clap::Args;
use std::fmt::Write as _;

/// `campro analyze` options of the dynamics report.
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct DynamicsArgs {
    /// Size the spring for speeds up to RPM [default: the file's rpm] (files with [dynamics])
    #[arg(long, value_name = "RPM", value_parser = positive_number)]
    overspeed: Option<f64>,
    /// Safety factor S >= 1 of the spring sizing: spring force >= S times the force needed
    #[arg(long, value_name = "S", default_value_t = 1.0, value_parser = positive_number)]
    safety_factor: f64,
}

fn positive_number(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("`{text}` must be a finite number > 0")),
    }
}

/// The cam and the follower of its `[dynamics]` table (the built-in default cam has none).
pub(crate) fn load(file: &CamFile) -> Result<(Program, String, Option<FollowerDynamics>), Failure> {
    match &file.path {
        None => Ok((
            Program::from_parameters(&Parameters::default())?,
            "built-in default cam (CamProV5 defaults)".into(),
            None,
        )),
        Some(path) => {
            let (program, dynamics) = Program::load_with_dynamics(path)?;
            Ok((program, path.display().to_string(), dynamics))
        }
    }
}

/// The speed-limit lines: the highest rpm at which every given kinematic limit holds.
pub(crate) fn speed_limit_report(program: &Program, points: usize) -> Result<String, Failure> {
    let limits = program.limits();
    let mut out = String::new();
    if [limits.velocity, limits.acceleration, limits.jerk].iter().all(|l| l.is_infinite()) {
        return Ok(out);
    }
    let s: SpeedLimit = program.max_rpm_within_limits(limits, points)?;
    let _ = writeln!(out);
    if s.limited_by == LimitedBy::None {
        let _ = writeln!(out, "Speed within the limits: any (the follower never moves).");
        return Ok(out);
    }
    let alone: Vec<String> = ["velocity", "acceleration", "jerk"]
        .iter()
        .zip(s.rpm_by_limit)
        .filter(|(_, rpm)| rpm.is_finite())
        .map(|(name, rpm)| format!("{name} {} rpm", num(rpm)))
        .collect();
    let _ = writeln!(
        out,
        "Speed within the limits: up to {} rpm ({}-limited; each limit alone: {}).",
        num(s.max_rpm),
        s.limited_by.name(),
        alone.join(", ")
    );
    Ok(out)
}

/// The dynamics lines of a file with `[dynamics]`.
pub(crate) fn dynamics_report(
    program: &Program,
    follower: &FollowerDynamics,
    points: usize,
    args: &DynamicsArgs,
) -> Result<String, Failure> {
    let dynamics = program.dynamics(follower)?;
    let r: DynamicsReport = dynamics.check(points)?;
    let rpm = program.rpm();
    let mut out = String::new();
    let d = follower;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Follower dynamics (mass {} kg, spring {} N/mm, preload {} N, damping {} N*s/mm, external force {} N):",
        num(d.mass),
        num(d.spring_rate),
        num(d.spring_preload),
        num(d.damping),
        num(d.external_force)
    );
    let deg = |x: f64| format!("{x:.3} deg");
    let rows = [
        ("min contact force", format!("{} N at {}", num(r.min_contact_force), deg(r.min_contact_force_at))),
        ("max contact force", format!("{} N at {}", num(r.max_contact_force), deg(r.max_contact_force_at))),
        (
            "separation",
            if r.separation {
                format!("YES: the follower leaves the cam at {} rpm (contact force < 0)", num(rpm))
            } else {
                format!("no: the contact force stays >= 0 at {} rpm", num(rpm))
            },
        ),
        (
            "jump speed",
            if r.jump_rpm.is_infinite() {
                "none: the contact force stays >= 0 at every speed".to_string()
            } else if r.jump_rpm == 0.0 {
                "0 rpm: the spring does not hold the follower even at rest".to_string()
            } else {
                format!("{} rpm (contact first lost at {})", num(r.jump_rpm), deg(r.jump_at))
            },
        ),
        ("peak torque", format!("{} N*mm at {}", num(r.max_torque), deg(r.max_torque_at))),
        ("RMS torque", format!("{} N*mm", num(r.rms_torque))),
        ("max |v*a|", format!("{} mm^2/s^3", num(r.max_power_factor))),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "  {name:<18} {value}");
    }
    let overspeed = args.overspeed.unwrap_or(rpm);
    let s = args.safety_factor;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Spring sizing for every speed up to {} rpm (safety factor {}: spring force >= {} x the force needed):",
        num(overspeed),
        num(s),
        num(s)
    );
    let preload = dynamics.size_preload(overspeed, s, points)?;
    // Below a nanonewton the "need" is the rounding of a lift of 0 (1e-16 mm): none.
    let needed = if preload.spring_preload < 1e-9 {
        "0 N (none needed)".to_string()
    } else {
        format!(
            "{} N (binds at {}, {} rpm)",
            num(preload.spring_preload),
            deg(preload.critical_angle),
            num(preload.critical_rpm)
        )
    };
    let _ = writeln!(out, "  smallest preload for {} N/mm: {needed}", num(d.spring_rate));
    if d.spring_rate > 0.0 {
        let ratio = d.spring_preload / d.spring_rate;
        let line = match dynamics.size_spring(ratio, overspeed, s, points) {
            Ok(sized) => format!(
                "{} N/mm, preload {} N (binds at {}, {} rpm)",
                num(sized.spring_rate),
                num(sized.spring_preload),
                deg(sized.critical_angle),
                num(sized.critical_rpm)
            ),
            Err(e) => format!("none: {e}"),
        };
        let _ = writeln!(out, "  smallest spring with preload/rate {} mm: {line}", num(ratio));
    }
    Ok(out)
}
