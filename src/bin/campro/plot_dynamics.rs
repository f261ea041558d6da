//! `campro plot --dynamics`: contact force and camshaft torque over one revolution, two stacked
//! panels sharing the cam-angle axis, the angles where the follower leaves the cam (contact
//! force < 0) shaded in both. Drawn in memory and written as a PNG whole or not at all, like the
//! SVAJ diagram (plot.rs).

use crate::plot::{register, revolution_panel, scale_of, write_png};
use crate::{output, CamFile, Failure};
use campro::{Dynamics, FollowerDynamics, Program};
use plotters::backend::RGBPixel;
use plotters::prelude::*;
use std::path::Path;

/// Samples over the revolution (0.05 deg apart).
const SAMPLES: usize = 7200;

pub(crate) fn run(file: &CamFile, out: &Path, (width, height): (u32, u32)) -> Result<(), Failure> {
    let (program, source, follower) = crate::dynamics::load(file)?;
    let Some(follower) = follower else {
        return Err(Failure::from(format!(
            "plot --dynamics: {source} has no [dynamics] table (mass_kg, spring_rate_n_per_mm, spring_preload_n, \
             damping_n_s_per_mm, external_force_n)"
        )));
    };
    let dynamics = program.dynamics(&follower)?;
    let report = dynamics.check(SAMPLES)?;
    register()?;
    // RGB, 3 bytes a pixel (at most 10000 x 10000: 300 MB).
    let mut pixels = vec![0u8; 3 * width as usize * height as usize];
    let title = title(&program, &follower, &source, report.min_contact_force, report.jump_rpm);
    draw(&dynamics, &title, out, &mut pixels, (width, height))?;
    campro::write_atomically(out, |w| write_png(w, &pixels, (width, height)))?;
    let verdict = if report.separation { "the follower leaves the cam (shaded)" } else { "contact everywhere" };
    output::stderr(&format!(
        "campro plot: contact force and cam torque of one revolution, {verdict} -> {}\n",
        out.display()
    ));
    Ok(())
}

fn title(program: &Program, d: &FollowerDynamics, source: &str, min_force: f64, jump_rpm: f64) -> String {
    let jump = if jump_rpm.is_finite() { format!("{jump_rpm:.0} rpm") } else { "none".into() };
    format!(
        "{source}, {} rpm: m = {} kg, k = {} N/mm, F0 = {} N; min contact force {min_force:.1} N, jump speed {jump}",
        program.rpm(),
        d.mass,
        d.spring_rate,
        d.spring_preload
    )
}

/// The stretches [from, to] (deg) where the sampled contact force is negative.
fn separation_zones(angles: &[f64], forces: &[f64]) -> Vec<(f64, f64)> {
    let mut zones = Vec::new();
    let mut start = None;
    for (i, (&a, &f)) in angles.iter().zip(forces).enumerate() {
        match (f < 0.0, start) {
            (true, None) => start = Some(if i == 0 { a } else { 0.5 * (angles[i - 1] + a) }),
            (false, Some(s)) => {
                zones.push((s, 0.5 * (angles[i - 1] + a)));
                start = None;
            }
            _ => {}
        }
    }
    if let (Some(s), Some(&last)) = (start, angles.last()) {
        zones.push((s, last));
    }
    zones
}

fn draw(dynamics: &Dynamics<'_>, title: &str, out: &Path, pixels: &mut [u8], size: (u32, u32)) -> Result<(), Failure> {
    let draw_error = |e: &dyn std::fmt::Display| Failure::from(format!("plot: {}: {e}", out.display()));
    let program = dynamics.program();
    let angles: Vec<f64> = (0..=SAMPLES).map(|i| 360.0 * i as f64 / SAMPLES as f64).collect();
    // 360 deg itself is the next revolution's 0: draw the left limit there instead.
    let at = |a: f64| if a >= 360.0 { 360.0 - 1e-9 } else { a };
    let forces: Vec<f64> = angles.iter().map(|&a| dynamics.contact_force(at(a))).collect();
    let torques: Vec<f64> = angles.iter().map(|&a| dynamics.cam_torque(at(a))).collect();
    let zones = separation_zones(&angles, &forces);
    let boundaries: Vec<f64> = program.segment_starts().skip(1).collect();

    let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(pixels, size).map_err(|e| draw_error(&e))?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| draw_error(&e))?;
    let root = root.titled(title, ("sans-serif", 18)).map_err(|e| draw_error(&e))?;
    let panels = root.split_evenly((2, 1));
    let specs = [
        ("contact force (shaded: the follower leaves the cam)", "F", "N", &forces, RGBColor(0, 90, 180)),
        ("camshaft torque (power balance, frictionless)", "T", "N*mm", &torques, RGBColor(200, 90, 0)),
    ];
    for (index, (panel, (name, symbol, unit, values, color))) in panels.iter().zip(specs).enumerate() {
        let peak = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let power = scale_of(peak);
        let factor = 10f64.powi(-power);
        let (lo, hi) = values.iter().fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v * factor), hi.max(v * factor)));
        let pad = 0.08 * (hi - lo).max(1e-9);
        let (lo, hi) = (lo - pad, hi + pad);
        let axis = if power == 0 { format!("{symbol} [{unit}]") } else { format!("{symbol} [10^{power} {unit}]") };
        let mut chart = revolution_panel(panel, name, &axis, index == 1, (lo, hi), &boundaries, &zones, &draw_error)?;
        chart
            .draw_series(LineSeries::new(
                angles.iter().zip(values.iter()).map(|(a, v)| (*a, v * factor)),
                color.stroke_width(2),
            ))
            .map_err(|e| draw_error(&e))?;
    }
    root.present().map_err(|e| draw_error(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::separation_zones;

    #[test]
    fn zones_are_the_negative_stretches() {
        let angles = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(separation_zones(&angles, &[1.0, -1.0, -2.0, 1.0, 1.0, -1.0]), vec![(0.5, 2.5), (4.5, 5.0)]);
        assert_eq!(separation_zones(&angles, &[-1.0, 1.0, 1.0, 1.0, 1.0, 1.0]), vec![(0.0, 0.5)]);
        assert!(separation_zones(&angles, &[1.0; 6]).is_empty());
    }
}
