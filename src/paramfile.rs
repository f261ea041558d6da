//! Parameter files (interim: being written).

use crate::error::{Error, Result};
use crate::program::Program;
use std::path::Path;

impl Program {
    /// Loads a program from a CamProV5 parameter file (`.toml` or `.json`).
    pub fn load(path: &Path) -> Result<Program> {
        let _text = std::fs::read_to_string(path)
            .map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })?;
        Err(Error::Parse {
            source_name: path.display().to_string(),
            line: None,
            key: String::new(),
            message: "parameter files are not supported yet".into(),
        })
    }
}
