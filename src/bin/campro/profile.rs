//! `campro profile`: the cam surface for the file's `[follower]` as CSV, DXF or an Abaqus
//! analytic rigid surface; also the geometry report `campro analyze` prints and the picture
//! `campro plot --profile` draws.

use crate::numbers::six_digits as num;
use crate::{output, CamFile, Failure};
use campro::{Follower, FollowerKind, GeometryReport, ProfileFormat, Program, DEFAULT_CHECK_POINTS};
use clap::Args;
use plotters::backend::RGBPixel;
use plotters::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Write the cam surface for the file's [follower] (CSV, DXF or Abaqus *SURFACE)
///
/// Writes the cam surface the file's [follower] table rides on, in the cam frame (mm): the
/// fewest points such that every chord stays within the tolerance of the true surface. The
/// format follows the extension: .csv (x_mm,y_mm rows, closed), .dxf (one closed LWPOLYLINE on
/// layer CAM) or .inp (Abaqus *SURFACE, TYPE=SEGMENTS, NAME=CAM). An undercut cam is refused.
/// The file is written whole or not at all.
#[derive(Args)]
pub(crate) struct ProfileArgs {
    #[command(flatten)]
    file: CamFile,
    /// Output file: cam.csv, cam.dxf or cam_surface.inp
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    /// Largest distance between a chord and the surface, mm
    #[arg(long, value_name = "MM", default_value_t = 0.01)]
    tolerance: f64,
}

/// The program and the follower of a file that must have a `[follower]` table.
pub(crate) fn load(file: &CamFile) -> Result<(Program, Follower, String), Failure> {
    let Some(path) = &file.path else {
        return Err("no FILE: the cam profile needs a parameter file with a [follower] table".to_string().into());
    };
    match Program::load_with_follower(path)? {
        (program, Some(follower)) => Ok((program, follower, path.display().to_string())),
        (_, None) => Err(format!(
            "{}: no [follower] table (kind, rotation, base_circle_radius, roller_radius, offset, pivot_distance, \
             arm_length): the cam profile needs one",
            path.display()
        )
        .into()),
    }
}

pub(crate) fn run(args: &ProfileArgs) -> Result<(), Failure> {
    let format = ProfileFormat::from_path(&args.output).ok_or_else(|| {
        format!("{}: unknown profile format: use a .csv, .dxf or .inp file name", args.output.display())
    })?;
    let (program, follower, _) = load(&args.file)?;
    let polygon = program.export_profile(&follower, format, args.tolerance, &args.output)?;
    output::stderr(&format!(
        "campro profile: {} points, every chord within {} mm (largest found {} mm) -> {}\n",
        polygon.points.len(),
        args.tolerance,
        num(polygon.max_error),
        args.output.display()
    ));
    Ok(())
}

/// The geometry checks as `campro analyze` prints them.
pub(crate) fn report(program: &Program, follower: &Follower) -> Result<String, Failure> {
    let r = program.geometry_check(follower, DEFAULT_CHECK_POINTS)?;
    let mut out = String::new();
    let kind = follower.kind.name().replace('_', " ");
    let _ = write!(out, "\ncam geometry ({kind}, base circle {} mm", num(follower.base_circle_radius));
    if follower.kind.is_roller() {
        let _ = write!(out, ", roller {} mm", num(follower.roller_radius));
    }
    match follower.kind {
        FollowerKind::TranslatingRoller => {
            let _ = write!(out, ", offset {} mm", num(follower.offset));
        }
        FollowerKind::OscillatingRoller => {
            let _ = write!(out, ", pivot {} mm, arm {} mm", num(follower.pivot_distance), num(follower.arm_length));
        }
        FollowerKind::TranslatingFlat => {}
    }
    let sense = if follower.rotation.sign() > 0 { "counter-clockwise" } else { "clockwise" };
    let _ = writeln!(out, ", cam turning {sense}):");
    let at = |a: f64| if a.is_nan() { "-".to_string() } else { format!("{} deg", num(a)) };
    let _ = writeln!(
        out,
        "  max pressure angle    {:>14} deg at {}",
        num(r.max_pressure_angle),
        at(r.max_pressure_angle_at)
    );
    let _ =
        writeln!(out, "  min convex radius     {:>14} mm  at {}", num(r.min_convex_radius), at(r.min_convex_radius_at));
    let _ = writeln!(
        out,
        "  min concave radius    {:>14} mm  at {}",
        num(r.min_concave_radius),
        at(r.min_concave_radius_at)
    );
    if follower.kind == FollowerKind::TranslatingFlat {
        let _ = writeln!(out, "  face width            {:>14} mm", num(r.face_width));
    }
    let undercut = if r.undercut { format!("YES, from {}", at(r.undercut_at)) } else { "no".to_string() };
    let _ = writeln!(out, "  undercut              {undercut}");
    Ok(out)
}

/// Draws the cam (surface, pitch curve, base circle, the point of largest pressure angle) into
/// `pixels` (RGB, `size`).
pub(crate) fn draw(
    program: &Program,
    follower: &Follower,
    source: &str,
    output: &Path,
    pixels: &mut [u8],
    size: (u32, u32),
) -> Result<(), Failure> {
    let draw_error = |e: &dyn std::fmt::Display| Failure::from(format!("plot: {}: {e}", output.display()));
    let report: GeometryReport = program.geometry_check(follower, DEFAULT_CHECK_POINTS)?;
    let angles: Vec<f64> = (0..=1440).map(|i| i as f64 * 0.25).collect();
    let mut points = vec![campro::ProfilePoint::default(); angles.len()];
    program.profile(follower, &angles, &mut points)?;
    let reach = points.iter().map(|p| p.pitch_x.hypot(p.pitch_y).max(p.x.hypot(p.y))).fold(0.0, f64::max) * 1.12;

    let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(pixels, size).map_err(|e| draw_error(&e))?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| draw_error(&e))?;
    let kind = follower.kind.name().replace('_', " ");
    let title = format!("cam profile: {source} ({kind})");
    let root = root.titled(&title, ("sans-serif", 22)).map_err(|e| draw_error(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(-reach..reach, -reach..reach)
        .map_err(|e| draw_error(&e))?;
    chart
        .configure_mesh()
        .x_desc("x [mm] (cam frame)")
        .y_desc("y [mm]")
        .label_style(("sans-serif", 14))
        .light_line_style(RGBColor(238, 238, 238))
        .draw()
        .map_err(|e| draw_error(&e))?;
    let circle: Vec<(f64, f64)> = angles
        .iter()
        .map(|a| {
            (follower.base_circle_radius * a.to_radians().cos(), follower.base_circle_radius * a.to_radians().sin())
        })
        .collect();
    chart
        .draw_series(std::iter::once(Polygon::new(
            points.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>(),
            RGBColor(200, 220, 240).filled(),
        )))
        .map_err(|e| draw_error(&e))?;
    chart
        .draw_series(DashedLineSeries::new(circle, 6, 5, RGBColor(120, 120, 120).stroke_width(1)))
        .map_err(|e| draw_error(&e))?
        .label(format!("base circle R{}", num(follower.base_circle_radius)))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RGBColor(120, 120, 120)));
    chart
        .draw_series(LineSeries::new(points.iter().map(|p| (p.x, p.y)), RGBColor(0, 70, 160).stroke_width(3)))
        .map_err(|e| draw_error(&e))?
        .label("cam surface")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RGBColor(0, 70, 160).stroke_width(3)));
    if follower.kind.is_roller() {
        chart
            .draw_series(DashedLineSeries::new(
                points.iter().map(|p| (p.pitch_x, p.pitch_y)),
                8,
                4,
                RGBColor(0, 140, 70).stroke_width(2),
            ))
            .map_err(|e| draw_error(&e))?
            .label("pitch curve (roller centre)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RGBColor(0, 140, 70).stroke_width(2)));
    }
    if follower.kind.is_roller() {
        let p = program.profile_point(follower, report.max_pressure_angle_at)?;
        let red = RGBColor(210, 20, 20);
        chart
            .draw_series([Circle::new((p.x, p.y), 7, red.filled())])
            .map_err(|e| draw_error(&e))?
            .label(format!(
                "max pressure angle {} deg at cam angle {} deg",
                num(report.max_pressure_angle),
                num(report.max_pressure_angle_at)
            ))
            .legend(move |(x, y)| Circle::new((x + 10, y), 5, red.filled()));
        if follower.roller_radius > 0.0 {
            let roller: Vec<(f64, f64)> = angles
                .iter()
                .map(|a| {
                    let t = a.to_radians();
                    (p.pitch_x + follower.roller_radius * t.cos(), p.pitch_y + follower.roller_radius * t.sin())
                })
                .collect();
            chart.draw_series(LineSeries::new(roller, red.stroke_width(1))).map_err(|e| draw_error(&e))?;
        }
    }
    chart.draw_series([Circle::new((0.0, 0.0), 3, BLACK.filled())]).map_err(|e| draw_error(&e))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 15))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(180, 180, 180))
        .draw()
        .map_err(|e| draw_error(&e))?;
    root.present().map_err(|e| draw_error(&e))?;
    Ok(())
}
