//! `campro completions SHELL`: the shell completion script (clap_complete) on standard output.

use crate::{output, Failure};
use clap::Args;
use clap_complete::Shell;

/// Print a shell completion script
///
/// For bash: `campro completions bash > ~/.local/share/bash-completion/completions/campro`;
/// zsh: into a directory of your $fpath as `_campro`; fish: `~/.config/fish/completions/campro.fish`.
#[derive(Args)]
pub(crate) struct CompletionsArgs {
    /// The shell
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

pub(crate) fn run(args: &CompletionsArgs, command: &mut clap::Command) -> Result<(), Failure> {
    // Into memory first: clap_complete panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, command, "campro", &mut script);
    output::stdout(&String::from_utf8_lossy(&script))
}
