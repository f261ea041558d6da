//! Reading a parameter file (or a lift table's CSV file) from disk, bounded: only a regular file is opened (a FIFO, device
//! or directory is refused before anything could block), and at most
//! [`MAX_PARAMETER_FILE_BYTES`] are read (`/dev/zero` or a runaway file is refused, not
//! read until memory runs out).

use super::MAX_PARAMETER_FILE_BYTES;
use crate::error::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// What a file read here is, as its error messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    /// A `.toml` or `.json` parameter file.
    Parameters,
    /// A lift table's `.csv` file.
    LiftTable,
}

impl FileKind {
    fn noun(self) -> &'static str {
        match self {
            FileKind::Parameters => "a parameter file",
            FileKind::LiftTable => "a lift table",
        }
    }

    fn form(self) -> &'static str {
        match self {
            FileKind::Parameters => "a regular .toml or .json file",
            FileKind::LiftTable => "a regular .csv file",
        }
    }
}

/// The text of the file at `path` (a leading byte-order mark removed), a file of `kind`.
pub(super) fn text(path: &Path, kind: FileKind) -> Result<String> {
    let io = |message: String| Error::Io { path: path.display().to_string(), message };
    let limit = MAX_PARAMETER_FILE_BYTES;
    let too_large = |size: u64| {
        io(format!("{size} bytes: larger than {} may be ({limit} bytes, {} MiB)", kind.noun(), limit >> 20))
    };
    let metadata = fs::metadata(path).map_err(|e| io(e.to_string()))?;
    check_regular(&metadata, kind).map_err(io)?;
    if metadata.len() > limit {
        return Err(too_large(metadata.len()));
    }
    // The path may have been replaced since: the opened file is checked again, and the open
    // itself does not wait for a FIFO's writer.
    let file = open_without_blocking(path).map_err(|e| io(e.to_string()))?;
    check_regular(&file.metadata().map_err(|e| io(e.to_string()))?, kind).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::Parse {
        source_name: path.display().to_string(),
        line: None,
        key: String::new(),
        message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

fn check_regular(metadata: &fs::Metadata, kind: FileKind) -> std::result::Result<(), String> {
    if metadata.is_file() {
        return Ok(());
    }
    let found = file_kind(metadata);
    Err(format!("not a regular file ({found}); {} must be {}", kind.noun(), kind.form()))
}

#[cfg(unix)]
fn file_kind(metadata: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = metadata.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a plain file"
    }
}

#[cfg(not(unix))]
fn file_kind(metadata: &fs::Metadata) -> &'static str {
    if metadata.is_dir() {
        "a directory"
    } else {
        "not a plain file"
    }
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// The path checked as a regular file may be swapped for a FIFO before it is opened: the
    /// open must then return at once, and the opened file's own check refuse it.
    #[test]
    fn a_fifo_opens_without_waiting_and_is_refused() {
        let dir = std::env::temp_dir().join(format!("campro-read-fifo-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("swapped.toml");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let (send, receive) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let metadata = open_without_blocking(&path).and_then(|f| f.metadata());
            let _ = send.send(metadata);
        });
        // A hang guard, not a timing assertion: a blocking open never returns without a writer.
        let metadata = receive.recv_timeout(std::time::Duration::from_secs(120)).expect("open blocked").unwrap();
        let message = check_regular(&metadata, FileKind::Parameters).unwrap_err();
        assert!(message.starts_with("not a regular file (a FIFO)"), "{message}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
