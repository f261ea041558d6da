//! Parameter files: arbitrary TOML and JSON text through the public parse API. Never a panic;
//! an accepted file gives a program with finite kinematics everywhere (common::check_program).
#![no_main]

use campro::{FileFormat, ParameterFile};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // First byte: the format; the rest: the text.
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let format = if selector % 2 == 0 { FileFormat::Toml } else { FileFormat::Json };
    let Ok(file) = ParameterFile::parse(text, format, "fuzz") else { return };
    if let Ok(program) = file.program() {
        common::check_program(&program, &[]);
    }
});
