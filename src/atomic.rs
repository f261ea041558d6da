//! Files written whole or not at all: every file campro writes (tables, profiles, plots) goes to
//! a temporary file in the target's folder, is flushed to disk, and only then renamed over the
//! target. A failure part-way (disk full, quota, a bad value found while writing) leaves the
//! previous file untouched and no partial file behind.

use crate::error::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Temporary names tried before giving up (another process may hold one).
const NAME_ATTEMPTS: u32 = 64;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A file being written in place of `target`: a temporary file in the same folder, renamed over
/// the target by [`AtomicFile::commit`]. Dropped without a commit, it removes the temporary file.
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    /// Creates the temporary file `.<name>.tmp-<pid>-<n>` beside `target`. If `target` exists,
    /// the new file takes its permissions.
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let name = target
            .file_name()
            .ok_or_else(|| Error::Io { path: target.display().to_string(), message: "not a file name".into() })?;
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut last = None;
        for _ in 0..NAME_ATTEMPTS {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(".tmp-{}-{n}", std::process::id()));
            let temp = folder.join(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => {
                    if let Ok(meta) = fs::metadata(target) {
                        if meta.is_file() {
                            let _ = file.set_permissions(meta.permissions());
                        }
                    }
                    return Ok(AtomicFile { target: target.to_path_buf(), temp, file: Some(file) });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(io_error(target, &e)),
            }
        }
        Err(io_error(target, &last.unwrap_or_else(|| io::Error::other("no free temporary name"))))
    }

    /// The temporary file's path (for writers that open the file themselves).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// The file the target's path will name.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The open temporary file.
    pub fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("the file stays open until commit")
    }

    /// Flushes the temporary file to disk and renames it over the target.
    pub fn commit(mut self) -> Result<()> {
        let file = self.file.take().expect("commit runs once");
        file.sync_all().map_err(|e| io_error(&self.target, &e))?;
        drop(file);
        fs::rename(&self.temp, &self.target).map_err(|e| io_error(&self.target, &e))?;
        // The rename itself reaches the disk with the folder's metadata (best effort).
        if let Some(folder) = self.target.parent() {
            let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
            if let Ok(dir) = File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        self.temp = PathBuf::new();
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            self.file.take();
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes `target` atomically: `write` fills a buffered temporary file, which replaces the target
/// only if `write` and the flush succeed. An error of `write` is reported against `target`.
pub fn write_atomically(target: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut atomic = AtomicFile::create(target)?;
    {
        let mut out = BufWriter::new(atomic.file());
        write(&mut out).map_err(|e| io_error(target, &e))?;
        out.flush().map_err(|e| io_error(target, &e))?;
    }
    atomic.commit()
}

fn io_error(path: &Path, e: &io::Error) -> Error {
    Error::Io { path: path.display().to_string(), message: e.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("campro-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_keeps_the_previous_file_and_leaves_nothing() {
        let dir = folder("fail");
        let target = dir.join("table.inp");
        fs::write(&target, "previous\n").unwrap();
        let err = write_atomically(&target, |w| {
            w.write_all(b"partial line\n")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("table.inp") && err.to_string().contains("no space"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "previous\n");
        assert_eq!(entries(&dir), ["table.inp"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_successful_write_replaces_the_file() {
        let dir = folder("ok");
        let target = dir.join("table.inp");
        fs::write(&target, "previous\n").unwrap();
        write_atomically(&target, |w| w.write_all(b"new\n")).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(entries(&dir), ["table.inp"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_is_an_io_error_naming_the_target() {
        let err = write_atomically(Path::new("/nonexistent-campro-folder/x.csv"), |_| Ok(())).unwrap_err();
        assert!(matches!(err, Error::Io { ref path, .. } if path.contains("x.csv")), "{err}");
    }
}
