//! `campro`: analyse a cam, export solver tables, draw its SVAJ diagram. A thin client of the
//! library: every number comes from `campro::Program`.

use campro::{default_tolerance, Law, Parameters, Program, Quantity, Table, TableFormat, TableLabels};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod plot;

const MAIN_HELP: &str = "\
campro - cam-follower kinematics for FEA solvers

Usage:
  campro [analyze] [FILE] [--points N]
  campro table [FILE] [--format abaqus|lsdyna|csv] [--quantity displacement|velocity|acceleration]
               [--revolutions N | --t-start S --t-end S] [--tolerance T] [-o OUT]
  campro plot [FILE] [-o svaj.png] [--width W] [--height H]
  campro help [COMMAND] | --help | --version

FILE is a CamProV5 parameter file (.toml or .json: the export_parameters_for_fea parameter set,
or rpm plus a [[segment]] list). Without FILE the built-in default cam is used (the CamProV5
defaults: cycloidal rise 10 mm over 90 deg, dwell 45 deg, cycloidal fall 90 deg, 3000 rpm).

Commands:
  analyze   print the segments, peak and RMS kinematics and exceeded limits (the default)
  table     write an adaptively sampled solver table (Abaqus/CalculiX *AMPLITUDE,
            LS-DYNA *DEFINE_CURVE, or CSV)
  plot      draw the SVAJ diagram (displacement, velocity, acceleration, jerk) as a PNG

Run `campro COMMAND --help` for a command's options. Errors go to stderr, exit code 1
(2 for a usage error).
";

const ANALYZE_HELP: &str = "\
campro analyze [FILE] [--points N]

Prints the program's segments (law, start-end angle, lift from -> to), the cam speed, peak
velocity, acceleration and jerk, RMS acceleration and jerk (over N equally spaced angles of one
revolution, default 360000), and each kinematic limit with its value and whether it is exceeded.
Exit code 0 whether or not limits are exceeded.

Options:
  --points N   angles to analyse (default 360000)
  -h, --help   this help
";

const TABLE_HELP: &str = "\
campro table [FILE] [options]

Writes displacement, velocity or acceleration against time (time 0 = cam angle 0), sampled with
the fewest points such that linear interpolation (what solvers do) stays within the tolerance of
the exact curve everywhere; every segment boundary is a point. Prints the number of points and
the achieved maximum interpolation error to stderr.

Options:
  -f, --format F      abaqus (Abaqus/CalculiX *AMPLITUDE include file; also: calculix),
                      lsdyna (*DEFINE_CURVE keyword file), csv (header row with units)
                      default: from the OUT extension (.inp abaqus, .k/.key lsdyna, .csv csv),
                      else abaqus
  -q, --quantity Q    displacement (mm, default), velocity (mm/s), acceleration (mm/s^2)
  -n, --revolutions N span of N revolutions from time 0 (default 1; may be fractional)
  --t-start S         span start in seconds (with --t-end instead of --revolutions)
  --t-end S           span end in seconds
  -t, --tolerance T   max |interpolation - exact| in the quantity's unit
                      (default 1e-6 mm, 1e-3 mm/s, 1 mm/s^2)
  --name NAME         Abaqus amplitude name (default CAM)
  --curve-id ID       LS-DYNA load curve id (default 1)
  -o, --output OUT    output file (default: standard output)
  --progress          report progress on stderr (always on when stderr is a terminal)
  --quiet             no progress and no summary
  -h, --help          this help

Example (CalculiX / Abaqus):
  campro table cam.toml --format abaqus --revolutions 2 -o cam_amplitude.inp
  then in the deck: *INCLUDE, INPUT=cam_amplitude.inp
                    *BOUNDARY, AMPLITUDE=CAM
                    DRIVEN, 2, 2, 1.0
";

const PLOT_HELP: &str = "\
campro plot [FILE] [-o svaj.png] [--width W] [--height H]

Draws the SVAJ diagram of one revolution as a PNG: displacement, velocity, acceleration and jerk
in four stacked panels against cam angle, with units and the segment boundaries as dashed lines.
Text uses the DejaVu Sans font (/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf, Debian package
fonts-dejavu-core; set CAMPRO_FONT to use another TrueType font).

Options:
  -o, --output OUT   PNG file (default svaj.png)
  --width W          pixels (default 1200)
  --height H         pixels (default 1400)
  -h, --help         this help
";

/// A failure: the message and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), code: 2 }
    }
}

impl From<campro::Error> for Failure {
    fn from(e: campro::Error) -> Failure {
        Failure { message: e.to_string(), code: 1 }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure { message, code: 1 }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("campro: error: {}", f.message);
            if f.code == 2 {
                eprintln!("(run `campro --help` for usage)");
            }
            ExitCode::from(f.code)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (command, rest) = match args.first().map(String::as_str) {
        None => ("analyze", args),
        Some("-h" | "--help") => {
            print!("{MAIN_HELP}");
            return Ok(());
        }
        Some("-V" | "--version") => {
            println!("campro {}", campro::VERSION);
            return Ok(());
        }
        Some("help") => {
            let text = match args.get(1).map(String::as_str) {
                None => MAIN_HELP,
                Some("analyze") => ANALYZE_HELP,
                Some("table") => TABLE_HELP,
                Some("plot") => PLOT_HELP,
                Some(other) => return Err(Failure::usage(format!("unknown command `{other}`"))),
            };
            print!("{text}");
            return Ok(());
        }
        Some(c @ ("analyze" | "table" | "plot")) => (c, &args[1..]),
        // `campro FILE` and `campro --points N` are `campro analyze ...`.
        Some(a) if a.starts_with('-') || Path::new(a).exists() => ("analyze", args),
        Some(other) => {
            return Err(Failure::usage(format!(
                "unknown command or missing file `{other}` (commands: analyze, table, plot)"
            )))
        }
    };
    let options = Options::parse(command, rest)?;
    if options.help {
        print!(
            "{}",
            match command {
                "analyze" => ANALYZE_HELP,
                "table" => TABLE_HELP,
                _ => PLOT_HELP,
            }
        );
        return Ok(());
    }
    let (program, source) = load(options.file.as_deref())?;
    match command {
        "analyze" => analyze(&program, &source, &options),
        "table" => table(&program, &options),
        _ => plot::svaj(&program, &source, &options),
    }
}

/// Command-line options of all commands (each command accepts its own).
#[derive(Default)]
pub(crate) struct Options {
    file: Option<PathBuf>,
    help: bool,
    points: Option<usize>,
    format: Option<TableFormat>,
    quantity: Option<Quantity>,
    revolutions: Option<f64>,
    t_start: Option<f64>,
    t_end: Option<f64>,
    tolerance: Option<f64>,
    name: Option<String>,
    curve_id: Option<u32>,
    pub(crate) output: Option<PathBuf>,
    progress: bool,
    quiet: bool,
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
}

fn number<T: std::str::FromStr>(option: &str, value: &str) -> Result<T, Failure> {
    value.parse().map_err(|_| Failure::usage(format!("{option} {value}: not a valid number")))
}

impl Options {
    fn parse(command: &str, args: &[String]) -> Result<Options, Failure> {
        let mut o = Options::default();
        let mut i = 0;
        while i < args.len() {
            let arg = args[i].as_str();
            // --option=value or --option value
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg, None),
            };
            let takes_value = matches!(
                (command, name),
                ("analyze", "--points")
                    | (
                        "table",
                        "-f" | "--format"
                            | "-q"
                            | "--quantity"
                            | "-n"
                            | "--revolutions"
                            | "--t-start"
                            | "--t-end"
                            | "-t"
                            | "--tolerance"
                            | "--name"
                            | "--curve-id"
                            | "-o"
                            | "--output"
                    )
                    | ("plot", "-o" | "--output" | "--width" | "--height")
            );
            let value = if takes_value {
                match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i).cloned().ok_or_else(|| Failure::usage(format!("{name} needs a value")))?
                    }
                }
            } else {
                String::new()
            };
            match name {
                "-h" | "--help" => o.help = true,
                "--points" => o.points = Some(number(name, &value)?),
                "-f" | "--format" => {
                    o.format = Some(TableFormat::from_name(&value).ok_or_else(|| {
                        Failure::usage(format!("--format {value}: unknown format (abaqus, lsdyna, csv)"))
                    })?)
                }
                "-q" | "--quantity" => {
                    o.quantity = Some(match value.to_ascii_lowercase().as_str() {
                        "displacement" | "d" | "s" | "lift" => Quantity::Displacement,
                        "velocity" | "v" => Quantity::Velocity,
                        "acceleration" | "a" => Quantity::Acceleration,
                        _ => {
                            return Err(Failure::usage(format!(
                                "--quantity {value}: unknown quantity (displacement, velocity, acceleration)"
                            )))
                        }
                    })
                }
                "-n" | "--revolutions" => o.revolutions = Some(number(name, &value)?),
                "--t-start" => o.t_start = Some(number(name, &value)?),
                "--t-end" => o.t_end = Some(number(name, &value)?),
                "-t" | "--tolerance" => o.tolerance = Some(number(name, &value)?),
                "--name" => o.name = Some(value),
                "--curve-id" => o.curve_id = Some(number(name, &value)?),
                "-o" | "--output" => o.output = Some(PathBuf::from(value)),
                "--width" => o.width = Some(number(name, &value)?),
                "--height" => o.height = Some(number(name, &value)?),
                "--progress" if command == "table" => o.progress = true,
                "--quiet" if command == "table" => o.quiet = true,
                _ if arg.starts_with('-') && arg != "-" => {
                    return Err(Failure::usage(format!("`{arg}` is not an option of `campro {command}`")))
                }
                _ => {
                    if o.file.is_some() {
                        return Err(Failure::usage(format!("more than one FILE given (`{arg}`)")));
                    }
                    o.file = Some(PathBuf::from(arg));
                }
            }
            i += 1;
        }
        Ok(o)
    }
}

fn load(file: Option<&Path>) -> Result<(Program, String), Failure> {
    match file {
        None => {
            Ok((Program::from_parameters(&Parameters::default())?, "built-in default cam (CamProV5 defaults)".into()))
        }
        Some(path) => Ok((Program::load(path)?, path.display().to_string())),
    }
}

/// A number with about six significant digits: fixed for ordinary magnitudes, else scientific.
fn num(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let exponent = x.abs().log10().floor() as i32;
    if (-3..7).contains(&exponent) {
        let decimals = (5 - exponent).max(0) as usize;
        let s = format!("{x:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        let s = format!("{x:.5e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        format!("{m}e{e}")
    }
}

fn analyze(program: &Program, source: &str, o: &Options) -> Result<(), Failure> {
    let points = o.points.unwrap_or(360_000);
    let a = program.analyze(points)?;
    let mut out = String::new();
    use std::fmt::Write as _;
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
    print!("{out}");
    Ok(())
}

fn table(program: &Program, o: &Options) -> Result<(), Failure> {
    let quantity = o.quantity.unwrap_or(Quantity::Displacement);
    let format = o.format.unwrap_or_else(|| {
        match o
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("csv") => TableFormat::Csv,
            Some("k" | "key" | "dyn") => TableFormat::LsDynaCurve,
            _ => TableFormat::AbaqusAmplitude,
        }
    });
    let (t_start, t_end) = match (o.revolutions, o.t_start, o.t_end) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(Failure::usage("give either --revolutions or --t-start/--t-end, not both"))
        }
        (None, None, None) => (0.0, program.period()),
        (Some(n), None, None) => {
            if !(n.is_finite() && n > 0.0) {
                return Err(Failure::usage(format!("--revolutions {n}: must be > 0")));
            }
            (0.0, n * program.period())
        }
        (None, start, Some(end)) => (start.unwrap_or(0.0), end),
        (None, Some(_), None) => return Err(Failure::usage("--t-start needs --t-end")),
    };
    let tolerance = o.tolerance.unwrap_or_else(|| default_tolerance(quantity));
    let terminal = std::io::stderr().is_terminal();
    let show = !o.quiet && (o.progress || terminal);
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
        let mut err = std::io::stderr().lock();
        if terminal {
            let _ = write!(err, "\rcampro table: sampling {percent:3}%");
            if percent >= 100 {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "campro table: sampling {percent}%");
        }
    };
    let table: Table = program.table_with_progress(quantity, t_start, t_end, tolerance, &mut progress)?;
    let labels = TableLabels {
        amplitude_name: o.name.clone().unwrap_or_else(|| "CAM".into()),
        curve_id: o.curve_id.unwrap_or(1),
    };
    match &o.output {
        Some(path) if path.as_os_str() != "-" => table.save(format, &labels, path)?,
        _ => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            table
                .write_labeled(format, &labels, &mut lock)
                .and_then(|_| lock.flush())
                .map_err(|e| format!("standard output: {e}"))?;
        }
    }
    if !o.quiet {
        let unit = quantity.unit();
        let revolutions = (t_end - t_start) / program.period();
        let target = match &o.output {
            Some(p) if p.as_os_str() != "-" => p.display().to_string(),
            _ => "standard output".into(),
        };
        eprintln!(
            "campro table: {} {} table, {} s to {} s ({} revolution{}): {} points, {} segment boundaries, tolerance {} {unit}, achieved max interpolation error {:.3e} {unit}{} -> {target}",
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
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers() {
        assert_eq!(num(4000.0), "4000");
        assert_eq!(num(2513274.1228), "2513274");
        assert_eq!(num(3.1582734e9), "3.15827e9");
        assert_eq!(num(0.02), "0.02");
        assert_eq!(num(25.0), "25");
    }
}
