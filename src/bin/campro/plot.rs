//! The SVAJ diagram: displacement, velocity, acceleration and jerk over one revolution, four
//! stacked panels sharing the cam-angle axis, segment boundaries as dashed lines.

use super::{Failure, Options};
use campro::{Program, Quantity};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};
use std::path::PathBuf;

/// The font plotters draws with (registered at run time: no system font library).
const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
/// Samples over the revolution (0.05 deg apart).
const SAMPLES: usize = 7200;

fn register() -> Result<(), Failure> {
    let path = std::env::var_os("CAMPRO_FONT").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEFAULT_FONT));
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "plot: cannot read the font {} ({e}); install the Debian package fonts-dejavu-core or set CAMPRO_FONT to a TrueType font",
            path.display()
        )
    })?;
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    register_font("sans-serif", FontStyle::Normal, bytes)
        .map_err(|_| format!("plot: {} is not a usable TrueType font", path.display()))?;
    Ok(())
}

/// A power of 1000 that brings `peak` into [1, 1000), for the axis unit.
fn scale_of(peak: f64) -> i32 {
    if peak <= 0.0 || !peak.is_finite() {
        return 0;
    }
    let e = peak.log10().floor() as i32;
    if e < 4 {
        0
    } else {
        3 * (e / 3)
    }
}

pub(crate) fn svaj(program: &Program, source: &str, o: &Options) -> Result<(), Failure> {
    register()?;
    let output = o.output.clone().unwrap_or_else(|| PathBuf::from("svaj.png"));
    let width = o.width.unwrap_or(1200).clamp(300, 10_000);
    let height = o.height.unwrap_or(1400).clamp(300, 10_000);
    let draw_error = |e: &dyn std::fmt::Display| Failure::from(format!("plot: {}: {e}", output.display()));

    let angles: Vec<f64> = (0..=SAMPLES).map(|i| 360.0 * i as f64 / SAMPLES as f64).collect();
    // 360 deg itself is the next revolution's 0: draw the left limit there instead.
    let kinematics: Vec<_> =
        angles.iter().map(|&a| program.kinematics(if a >= 360.0 { 360.0 - 1e-9 } else { a })).collect();
    let boundaries: Vec<f64> = program.segment_starts().skip(1).collect();

    let root = BitMapBackend::new(&output, (width, height)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| draw_error(&e))?;
    let title = format!("SVAJ diagram: {source}, {} rpm (one revolution = {} s)", program.rpm(), program.period());
    let root = root.titled(&title, ("sans-serif", 22)).map_err(|e| draw_error(&e))?;
    let panels = root.split_evenly((4, 1));
    let specs = [
        (Quantity::Displacement, "displacement", "s", "mm", RGBColor(0, 90, 180)),
        (Quantity::Velocity, "velocity", "v", "mm/s", RGBColor(0, 140, 70)),
        (Quantity::Acceleration, "acceleration", "a", "mm/s²", RGBColor(200, 90, 0)),
        (Quantity::Jerk, "jerk", "j", "mm/s³", RGBColor(170, 0, 60)),
    ];
    for (index, (panel, (quantity, name, symbol, unit, color))) in panels.iter().zip(specs).enumerate() {
        let values: Vec<f64> = kinematics.iter().map(|k| quantity.of(k)).collect();
        let peak = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let power = scale_of(peak);
        let factor = 10f64.powi(-power);
        let (lo, hi) = values.iter().fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v * factor), hi.max(v * factor)));
        let pad = if index == 0 { 0.16 } else { 0.08 } * (hi - lo).max(1e-9);
        let (lo, hi) = (lo - 0.08 * (hi - lo).max(1e-9), hi + pad);
        let axis = if power == 0 { format!("{symbol} [{unit}]") } else { format!("{symbol} [10^{power} {unit}]") };
        let mut chart = ChartBuilder::on(panel)
            .margin_left(12)
            .margin_right(24)
            .margin_top(8)
            .margin_bottom(4)
            .caption(name, ("sans-serif", 18))
            .x_label_area_size(if index == 3 { 44 } else { 26 })
            .y_label_area_size(86)
            .build_cartesian_2d(0f64..360f64, lo..hi)
            .map_err(|e| draw_error(&e))?;
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(13)
            .y_labels(6)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_desc(axis.as_str())
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .light_line_style(RGBColor(235, 235, 235));
        if index == 3 {
            mesh.x_desc("cam angle [deg]");
        }
        mesh.draw().map_err(|e| draw_error(&e))?;
        for &b in &boundaries {
            let dash = DashedLineSeries::new(vec![(b, lo), (b, hi)], 6, 4, RGBColor(120, 120, 120).stroke_width(1));
            chart.draw_series(dash).map_err(|e| draw_error(&e))?;
        }
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (360.0, 0.0)], RGBColor(160, 160, 160))))
            .map_err(|e| draw_error(&e))?;
        if index == 0 {
            // Each segment's law, centred over it near the top of the displacement panel.
            let mut lift = 0.0;
            for (segment, start) in program.segments().iter().zip(program.segment_starts()) {
                let label = match segment.law {
                    campro::Law::Dwell => "dwell".to_string(),
                    law if segment.end_lift >= lift => format!("{} rise", law.name().replace('_', " ")),
                    law => format!("{} fall", law.name().replace('_', " ")),
                };
                lift = segment.end_lift;
                let style =
                    ("sans-serif", 13).into_font().color(&RGBColor(80, 80, 80)).pos(Pos::new(HPos::Center, VPos::Top));
                let x = start + 0.5 * segment.duration;
                chart
                    .draw_series(std::iter::once(Text::new(label, (x, hi - 0.02 * (hi - lo)), style)))
                    .map_err(|e| draw_error(&e))?;
            }
        }
        chart
            .draw_series(LineSeries::new(
                angles.iter().zip(&values).map(|(a, v)| (*a, v * factor)),
                color.stroke_width(2),
            ))
            .map_err(|e| draw_error(&e))?;
    }
    root.present().map_err(|e| draw_error(&e))?;
    eprintln!(
        "campro plot: SVAJ diagram of one revolution ({} segments) -> {}",
        program.segments().len(),
        output.display()
    );
    Ok(())
}
