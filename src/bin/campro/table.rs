//! `campro table`: an adaptively sampled solver table (Abaqus/CalculiX `*AMPLITUDE`, LS-DYNA
//! `*DEFINE_CURVE`, CSV), written whole or not at all.

use crate::numbers::six_digits as num;
use crate::{labels, output, CamFile, Failure};
use campro::{default_tolerance, Program, Quantity, Table, TableFormat, TableLabels};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Write an adaptively sampled solver table (Abaqus/CalculiX *AMPLITUDE, LS-DYNA *DEFINE_CURVE, or CSV)
///
/// Writes displacement, velocity or acceleration against time (time 0 = cam angle 0), sampled
/// with the fewest points such that linear interpolation (what solvers do) stays within the
/// tolerance of the exact curve everywhere; every segment boundary is a point. Prints the number
/// of points and the achieved maximum interpolation error to stderr. A file is replaced only
/// when the whole table is written.
#[derive(Args)]
#[command(after_help = "Example (CalculiX / Abaqus):
  campro table cam.toml --format abaqus --revolutions 2 -o cam_amplitude.inp
  then in the deck: *INCLUDE, INPUT=cam_amplitude.inp
                    *BOUNDARY, AMPLITUDE=CAM
                    DRIVEN, 2, 2, 1.0")]
pub(crate) struct TableArgs {
    #[command(flatten)]
    file: CamFile,
    /// Table format [default: from the OUT extension (.inp abaqus, .k/.key/.dyn lsdyna, .csv
    /// csv), else abaqus]
    #[arg(short, long, value_enum, value_name = "F", ignore_case = true)]
    format: Option<FormatArg>,
    /// Quantity: displacement (mm), velocity (mm/s), acceleration (mm/s^2)
    #[arg(short, long, value_enum, value_name = "Q", ignore_case = true, default_value = "displacement")]
    quantity: QuantityArg,
    /// Span of N revolutions (at the reference rpm) from time 0 (may be fractional) [default: 1;
    /// with a [[speed]] profile: 0 s to its last point]
    #[arg(short = 'n', long, value_name = "N", value_parser = positive, conflicts_with_all = ["t_start", "t_end"])]
    revolutions: Option<f64>,
    /// Span start in seconds (with --t-end, instead of --revolutions) [default: 0]
    #[arg(long, value_name = "S", allow_negative_numbers = true, requires = "t_end")]
    t_start: Option<f64>,
    /// Span end in seconds
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    t_end: Option<f64>,
    /// Max |interpolation - exact| in the quantity's unit [default: 1e-6 mm, 1e-3 mm/s, 1 mm/s^2]
    #[arg(short, long, value_name = "T", allow_negative_numbers = true)]
    tolerance: Option<f64>,
    /// Abaqus amplitude name: a letter, then letters, digits, underscores (at most 80)
    #[arg(long, value_name = "NAME", value_parser = labels::abaqus_name, default_value = "CAM")]
    name: String,
    /// LS-DYNA load curve id, 1 to 99999999
    #[arg(long, value_name = "ID", value_parser = labels::lsdyna_curve_id, default_value = "1", allow_negative_numbers = true)]
    curve_id: u32,
    /// Output file (`-`: standard output) [default: standard output]
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Report progress on stderr (always on when stderr is a terminal)
    #[arg(long)]
    progress: bool,
    /// No progress and no summary
    #[arg(long)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Abaqus/CalculiX *AMPLITUDE include file
    #[value(alias = "calculix", alias = "ccx", alias = "amplitude")]
    Abaqus,
    /// LS-DYNA *DEFINE_CURVE keyword file
    #[value(alias = "ls-dyna", alias = "dyna", alias = "curve")]
    Lsdyna,
    /// Comma-separated values with a header row with units
    Csv,
    // --- smooth periodic amplitudes (0.2, issue 12) ---
    /// Abaqus *AMPLITUDE, DEFINITION=PERIODIC: a Fourier series with the fewest terms within the
    /// tolerance, smooth and exactly periodic (Abaqus only: CalculiX has no PERIODIC amplitude)
    #[value(name = "abaqus-periodic", alias = "periodic")]
    AbaqusPeriodic,
}

impl FormatArg {
    /// The sampled-table format, or None for the periodic series.
    fn table_format(self) -> Option<TableFormat> {
        match self {
            FormatArg::Abaqus => Some(TableFormat::AbaqusAmplitude),
            FormatArg::Lsdyna => Some(TableFormat::LsDynaCurve),
            FormatArg::Csv => Some(TableFormat::Csv),
            FormatArg::AbaqusPeriodic => None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum QuantityArg {
    /// mm
    #[value(alias = "d", alias = "s", alias = "lift")]
    Displacement,
    /// mm/s
    #[value(alias = "v")]
    Velocity,
    /// mm/s^2
    #[value(alias = "a")]
    Acceleration,
}

impl From<QuantityArg> for Quantity {
    fn from(q: QuantityArg) -> Quantity {
        match q {
            QuantityArg::Displacement => Quantity::Displacement,
            QuantityArg::Velocity => Quantity::Velocity,
            QuantityArg::Acceleration => Quantity::Acceleration,
        }
    }
}

/// A finite number > 0.
fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("must be a finite number > 0".into()),
    }
}

/// The format the output file's extension implies (abaqus when none does).
fn format_of(output: Option<&PathBuf>) -> TableFormat {
    let extension = output.and_then(|p| p.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => TableFormat::Csv,
        Some("k" | "key" | "dyn") => TableFormat::LsDynaCurve,
        _ => TableFormat::AbaqusAmplitude,
    }
}

pub(crate) fn run(args: &TableArgs) -> Result<(), Failure> {
    let (program, _) = args.file.load()?;
    let quantity = Quantity::from(args.quantity);
    let output = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let format = match args.format.map(FormatArg::table_format) {
        None => format_of(output),
        Some(Some(format)) => format,
        // --- smooth periodic amplitudes (0.2, issue 12) ---
        Some(None) => return run_periodic(args, &program, quantity, output),
    };
    let (t_start, t_end) = match (args.revolutions, args.t_end) {
        (Some(n), _) => (0.0, n * program.period()),
        (None, Some(end)) => (args.t_start.unwrap_or(0.0), end),
        (None, None) => default_span(&program),
    };
    let tolerance = args.tolerance.unwrap_or_else(|| default_tolerance(quantity));
    let terminal = std::io::stderr().is_terminal();
    let show = !args.quiet && (args.progress || terminal);
    let mut last = -1i32;
    let mut progress = |fraction: f64| {
        if !show {
            return;
        }
        let percent = (fraction * 100.0).floor() as i32;
        if percent == last || (!terminal && percent % 10 != 0) {
            return;
        }
        last = percent;
        if terminal {
            let end = if percent >= 100 { "\n" } else { "" };
            output::stderr(&format!("\rcampro table: sampling {percent:3}%{end}"));
        } else {
            output::stderr(&format!("campro table: sampling {percent}%\n"));
        }
    };
    let table: Table = program.table_with_progress(quantity, t_start, t_end, tolerance, &mut progress)?;
    let labels = TableLabels { amplitude_name: args.name.clone(), curve_id: args.curve_id };
    match output {
        Some(path) => table.write_file(path, format, &labels)?,
        None => {
            let mut text = Vec::new();
            table.write_labeled(format, &labels, &mut text).map_err(|e| format!("table: {e}"))?;
            let mut out = std::io::stdout().lock();
            out.write_all(&text).and_then(|()| out.flush()).map_err(|e| format!("standard output: {e}"))?;
        }
    }
    if !args.quiet {
        let unit = quantity.unit();
        let revolutions = revolutions_between(&program, t_start, t_end);
        let target = output.map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
        output::stderr(&format!(
            "campro table: {} {} table, {} s to {} s ({} revolution{}): {} points, {} segment boundaries, tolerance {} {unit}, achieved max interpolation error {:.3e} {unit}{} -> {target}\n",
            format.name(),
            quantity.name(),
            t_start,
            t_end,
            num(revolutions),
            if revolutions == 1.0 { "" } else { "s" },
            table.len(),
            table.segment_boundaries.len(),
            num(tolerance),
            table.max_error,
            if table.jumps.is_empty() { String::new() } else { format!(", {} jump(s) drawn as ramps", table.jumps.len()) },
        ));
    }
    Ok(())
}

// --- variable speed (0.2) ---

/// The span without --revolutions or --t-end: one revolution, or under a `[[speed]]` profile
/// from time 0 to its last point (the whole run-up), when that is after 0.
fn default_span(program: &Program) -> (f64, f64) {
    match program.speed_profile().and_then(|p| p.times().last()) {
        Some(last) if last > 0.0 => (0.0, last),
        _ => (0.0, program.period()),
    }
}

/// Revolutions of the cam from `t_start` to `t_end` s (under a speed profile, as it turns).
fn revolutions_between(program: &Program, t_start: f64, t_end: f64) -> f64 {
    match program.speed_profile() {
        Some(profile) => profile.turns(t_end) - profile.turns(t_start),
        None => (t_end - t_start) / program.period(),
    }
}

// --- smooth periodic amplitudes (0.2, issue 12) ---
/// `--format abaqus-periodic`: the Fourier series with the fewest terms within the tolerance (the
/// span options do not apply: the series covers every time >= 0).
fn run_periodic(
    args: &TableArgs,
    program: &campro::Program,
    quantity: Quantity,
    output: Option<&PathBuf>,
) -> Result<(), Failure> {
    let tolerance = args.tolerance.unwrap_or_else(|| default_tolerance(quantity));
    let amplitude = program.periodic_amplitude(quantity, tolerance)?;
    let text = amplitude.text(&args.name);
    match output {
        Some(path) => campro::write_atomically(path, |out| out.write_all(text.as_bytes()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(|e| format!("standard output: {e}"))?;
        }
    }
    if !args.quiet {
        let unit = quantity.unit();
        let target = output.map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
        output::stderr(&format!(
            "campro table: abaqus-periodic {} series: {} terms, tolerance {} {unit}, achieved max error {:.3e} {unit} -> {target}\n",
            quantity.name(),
            amplitude.terms(),
            num(tolerance),
            amplitude.max_error,
        ));
    }
    Ok(())
}
