//! `campro`: analyse a cam, export solver tables, draw its SVAJ diagram. A thin client of the
//! library: every number comes from `campro::Program`. One file per command; the arguments are
//! clap's (derive), each command taking only its own options.

mod analyze;
mod completions;
mod labels;
mod numbers;
mod output;
mod plot;
// --- cam geometry (0.2) ---
mod profile;
mod table;
// --- follower dynamics (0.2) ---
mod dynamics;
mod plot_dynamics;

use campro::{Parameters, Program};
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// campro - cam-follower kinematics for FEA solvers
///
/// FILE is a CamProV5 parameter file (.toml or .json: the export_parameters_for_fea parameter
/// set, or rpm plus a [[segment]] list). Without FILE the built-in default cam is used (the
/// CamProV5 defaults: cycloidal rise 10 mm over 90 deg, dwell 45 deg, cycloidal fall 90 deg,
/// 3000 rpm). Without a command, campro analyses FILE (`campro FILE` is `campro analyze FILE`).
#[derive(Parser)]
#[command(
    name = "campro",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Run `campro COMMAND --help` for a command's options. Errors go to stderr, exit code 1 (2 for a \
                  usage error)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// `campro [FILE] [--points N]`: analyze is the default command.
    #[command(flatten)]
    analyze: analyze::AnalyzeArgs,
}

#[derive(Subcommand)]
enum Command {
    Analyze(analyze::AnalyzeArgs),
    Table(table::TableArgs),
    Plot(plot::PlotArgs),
    Completions(completions::CompletionsArgs),
    // --- cam geometry (0.2) ---
    Profile(profile::ProfileArgs),
}

/// The cam every command works on.
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct CamFile {
    /// CamProV5 parameter file (.toml or .json); default: the built-in default cam
    #[arg(value_name = "FILE")]
    pub(crate) path: Option<PathBuf>,
}

impl CamFile {
    /// The program and how reports name it.
    pub(crate) fn load(&self) -> Result<(Program, String), Failure> {
        match &self.path {
            None => Ok((
                Program::from_parameters(&Parameters::default())?,
                "built-in default cam (CamProV5 defaults)".into(),
            )),
            Some(path) => Ok((Program::load(path)?, path.display().to_string())),
        }
    }
}

/// Why a command failed.
pub(crate) enum Failure {
    /// Bad command-line usage (exit code 2), formatted by clap.
    Usage(Box<clap::Error>),
    /// Anything else (exit code 1): the message.
    Failed(String),
}

impl From<campro::Error> for Failure {
    fn from(e: campro::Error) -> Failure {
        Failure::Failed(e.to_string())
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Failed(message)
    }
}

fn main() -> ExitCode {
    let outcome = match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(e) => shown_by_clap(e),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) => {
            let _ = e.print();
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            output::stderr(&format!("campro: error: {message}\n"));
            ExitCode::from(1)
        }
    }
}

/// Help and version text go to standard output (and may fail to be written like any other
/// output); everything else clap reports is a usage error.
fn shown_by_clap(e: clap::Error) -> Result<(), Failure> {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let text = e.render();
            output::stdout(&if std::io::stdout().is_terminal() { text.ansi().to_string() } else { text.to_string() })
        }
        _ => Err(Failure::Usage(Box::new(e))),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        None => {
            // `campro WORD`: a file to analyse, or a mistyped command.
            if let Some(path) = cli.analyze.file.path.as_ref().filter(|p| !p.exists()) {
                return Err(Failure::Usage(Box::new(Cli::command().error(
                    ErrorKind::InvalidSubcommand,
                    format!(
                        "unknown command or missing file `{}` (commands: analyze, table, plot, profile, completions)",
                        path.display()
                    ),
                ))));
            }
            analyze::run(&cli.analyze)
        }
        Some(Command::Analyze(args)) => analyze::run(&args),
        Some(Command::Table(args)) => table::run(&args),
        Some(Command::Plot(args)) => plot::run(&args),
        Some(Command::Completions(args)) => completions::run(&args, &mut Cli::command()),
        // --- cam geometry (0.2) ---
        Some(Command::Profile(args)) => profile::run(&args),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
