//! `campro plot`: the SVAJ diagram — displacement, velocity, acceleration and jerk over one
//! revolution, four stacked panels sharing the cam-angle axis, segment boundaries as dashed
//! lines. Drawn in memory and written as a PNG whole or not at all.

use crate::{output, CamFile, Failure};
use campro::{Program, Quantity};
use clap::Args;
use plotters::backend::RGBPixel;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Draw the SVAJ diagram (displacement, velocity, acceleration, jerk) as a PNG
///
/// Draws the SVAJ diagram of one revolution as a PNG: displacement, velocity, acceleration and
/// jerk in four stacked panels against cam angle, with units and the segment boundaries as
/// dashed lines. Text uses the DejaVu Sans font (/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf,
/// Debian package fonts-dejavu-core; set CAMPRO_FONT to use another TrueType font). An existing
/// file is replaced only by a complete picture.
#[derive(Args)]
pub(crate) struct PlotArgs {
    #[command(flatten)]
    file: CamFile,
    /// PNG file [default: svaj.png, forces.png with --dynamics, cam_profile.png with --profile]
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Width in pixels
    #[arg(long, value_name = "W", default_value_t = 1200, value_parser = clap::value_parser!(u32).range(300..=10_000))]
    width: u32,
    /// Height in pixels
    #[arg(long, value_name = "H", default_value_t = 1400, value_parser = clap::value_parser!(u32).range(300..=10_000))]
    height: u32,
    // --- follower dynamics (0.2) ---
    /// Draw contact force and cam torque instead (FILE needs a [dynamics] table); the angles
    /// where the follower leaves the cam are shaded
    #[arg(long)]
    dynamics: bool,
    // --- cam geometry (0.2) ---
    /// Draw the cam instead: its surface, pitch curve and base circle, with the point of maximum
    /// pressure angle marked (needs a [follower] table in FILE)
    #[arg(long, conflicts_with = "dynamics")]
    profile: bool,
}

/// The font plotters draws with (registered at run time: no system font library).
const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
/// Samples over the revolution (0.05 deg apart).
const SAMPLES: usize = 7200;

pub(crate) fn register() -> Result<(), Failure> {
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
pub(crate) fn scale_of(peak: f64) -> i32 {
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

pub(crate) fn run(args: &PlotArgs) -> Result<(), Failure> {
    // --- follower dynamics (0.2) ---
    if args.dynamics {
        let out = args.output.clone().unwrap_or_else(|| PathBuf::from("forces.png"));
        return crate::plot_dynamics::run(&args.file, &out, (args.width, args.height));
    }
    // --- cam geometry (0.2) ---
    if args.profile {
        let out = args.output.clone().unwrap_or_else(|| PathBuf::from("cam_profile.png"));
        let (program, follower, source) = crate::profile::load(&args.file)?;
        register()?;
        let (width, height) = (args.width, args.height.min(args.width));
        let mut pixels = vec![0u8; 3 * width as usize * height as usize];
        crate::profile::draw(&program, &follower, &source, &out, &mut pixels, (width, height))?;
        campro::write_atomically(&out, |w| write_png(w, &pixels, (width, height)))?;
        output::stderr(&format!("campro plot: cam profile -> {}\n", out.display()));
        return Ok(());
    }
    let out = args.output.clone().unwrap_or_else(|| PathBuf::from("svaj.png"));
    let (program, source) = args.file.load()?;
    register()?;
    let (width, height) = (args.width, args.height);
    // RGB, 3 bytes a pixel (at most 10000 x 10000: 300 MB).
    let mut pixels = vec![0u8; 3 * width as usize * height as usize];
    draw(&program, &source, &out, &mut pixels, (width, height))?;
    campro::write_atomically(&out, |w| write_png(w, &pixels, (width, height)))?;
    // --- lift tables (0.2) ---
    let what = match program.lift_table() {
        Some(table) => format!("lift table of {} points drawn over the fitted curve", table.len()),
        None => format!("{} segments", program.segments().len()),
    };
    output::stderr(&format!("campro plot: SVAJ diagram of one revolution ({what}) -> {}\n", out.display()));
    Ok(())
}

/// Encodes RGB `pixels` as a PNG.
pub(crate) fn write_png(w: &mut dyn Write, pixels: &[u8], (width, height): (u32, u32)) -> io::Result<()> {
    let mut encoder = png::Encoder::new(w, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(io::Error::other)?;
    writer.write_image_data(pixels).map_err(io::Error::other)?;
    writer.finish().map_err(io::Error::other)
}

/// One chart of a stack of panels over one revolution: caption `name`, the y axis `axis` over
/// [lo, hi], the cam-angle axis labelled on the bottom panel only, a light grid over the shaded
/// `zones` (angle ranges), the segment `boundaries` dashed and the zero line.
#[allow(clippy::too_many_arguments)]
pub(crate) fn revolution_panel<'a, 'b>(
    panel: &'a DrawingArea<BitMapBackend<'b, RGBPixel>, plotters::coord::Shift>,
    name: &str,
    axis: &str,
    bottom: bool,
    (lo, hi): (f64, f64),
    boundaries: &[f64],
    zones: &[(f64, f64)],
    draw_error: &dyn Fn(&dyn std::fmt::Display) -> Failure,
) -> Result<
    ChartContext<
        'a,
        BitMapBackend<'b, RGBPixel>,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    Failure,
> {
    let mut chart = ChartBuilder::on(panel)
        .margin_left(12)
        .margin_right(24)
        .margin_top(8)
        .margin_bottom(4)
        .caption(name, ("sans-serif", 18))
        .x_label_area_size(if bottom { 44 } else { 26 })
        .y_label_area_size(86)
        .build_cartesian_2d(0f64..360f64, lo..hi)
        .map_err(|e| draw_error(&e))?;
    for &(from, to) in zones {
        chart
            .draw_series(std::iter::once(Rectangle::new([(from, lo), (to, hi)], SEPARATION.filled())))
            .map_err(|e| draw_error(&e))?;
    }
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(13)
        .y_labels(6)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc(axis)
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .light_line_style(RGBColor(235, 235, 235));
    if bottom {
        mesh.x_desc("cam angle [deg]");
    }
    mesh.draw().map_err(|e| draw_error(&e))?;
    for &b in boundaries {
        let dash = DashedLineSeries::new(vec![(b, lo), (b, hi)], 6, 4, RGBColor(120, 120, 120).stroke_width(1));
        chart.draw_series(dash).map_err(|e| draw_error(&e))?;
    }
    chart
        .draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (360.0, 0.0)], RGBColor(160, 160, 160))))
        .map_err(|e| draw_error(&e))?;
    Ok(chart)
}

/// The shade of the angles where the follower leaves the cam (campro plot --dynamics).
pub(crate) const SEPARATION: RGBColor = RGBColor(255, 205, 205);

/// Draws the diagram into `pixels` (RGB, `width` x `height`).
fn draw(program: &Program, source: &str, output: &Path, pixels: &mut [u8], size: (u32, u32)) -> Result<(), Failure> {
    let draw_error = |e: &dyn std::fmt::Display| Failure::from(format!("plot: {}: {e}", output.display()));

    let angles: Vec<f64> = (0..=SAMPLES).map(|i| 360.0 * i as f64 / SAMPLES as f64).collect();
    // 360 deg itself is the next revolution's 0: draw the left limit there instead.
    let kinematics: Vec<_> =
        angles.iter().map(|&a| program.kinematics(if a >= 360.0 { 360.0 - 1e-9 } else { a })).collect();
    let boundaries: Vec<f64> = program.segment_starts().skip(1).collect();

    let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(pixels, size).map_err(|e| draw_error(&e))?;
    let root = backend.into_drawing_area();
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
        let mut chart = revolution_panel(panel, name, &axis, index == 3, (lo, hi), &boundaries, &[], &draw_error)?;
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
        // --- lift tables (0.2): the table's points over the fitted displacement curve.
        if let (0, Some(table)) = (index, program.lift_table()) {
            let points = table_points(table.theta_deg(), table.lift_mm(), factor);
            let dot = |(x, y): (f64, f64)| Circle::new((x, y), 2, RGBColor(20, 20, 20).filled());
            chart.draw_series(points.into_iter().map(dot)).map_err(|e| draw_error(&e))?;
        }
    }
    root.present().map_err(|e| draw_error(&e))?;
    Ok(())
}

// --- lift tables (0.2) ---

/// A lift table's points as the displacement panel draws them: angles reduced into [0, 360),
/// lifts scaled by `factor`.
fn table_points(theta_deg: &[f64], lift_mm: &[f64], factor: f64) -> Vec<(f64, f64)> {
    theta_deg.iter().zip(lift_mm).map(|(&t, &s)| (t.rem_euclid(360.0).min(360.0), s * factor)).collect()
}
