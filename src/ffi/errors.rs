//! Version, status names and the thread-local error message.

use super::constants::*;
use super::guard::{boundary, slice_mut, with_last_message};
use std::ffi::{c_char, CStr};

const VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
    Ok(version) => version,
    Err(_) => panic!("the crate version contains a NUL byte"),
};

/// The library version, e.g. "0.1.0": a static NUL-terminated string (do not free).
/// Thread-safe; never fails.
#[no_mangle]
pub extern "C" fn campro_version() -> *const c_char {
    VERSION.as_ptr()
}

/// The name of a status code, e.g. "CAMPRO_ERROR_NULL_POINTER" for 1, or
/// "CAMPRO_UNKNOWN_STATUS": a static NUL-terminated string (do not free). Thread-safe.
#[no_mangle]
pub extern "C" fn campro_status_name(status: i32) -> *const c_char {
    let name: &CStr = match status {
        CAMPRO_OK => c"CAMPRO_OK",
        CAMPRO_ERROR_NULL_POINTER => c"CAMPRO_ERROR_NULL_POINTER",
        CAMPRO_ERROR_INVALID_PARAMETER => c"CAMPRO_ERROR_INVALID_PARAMETER",
        CAMPRO_ERROR_NON_FINITE_INPUT => c"CAMPRO_ERROR_NON_FINITE_INPUT",
        CAMPRO_ERROR_PARSE => c"CAMPRO_ERROR_PARSE",
        CAMPRO_ERROR_IO => c"CAMPRO_ERROR_IO",
        CAMPRO_ERROR_BUFFER_TOO_SMALL => c"CAMPRO_ERROR_BUFFER_TOO_SMALL",
        CAMPRO_ERROR_INTERNAL => c"CAMPRO_ERROR_INTERNAL",
        _ => c"CAMPRO_UNKNOWN_STATUS",
    };
    name.as_ptr()
}

/// Copies the calling thread's last error message (UTF-8) into `buffer`, NUL-terminated and
/// truncated to `capacity - 1` bytes; returns the message's full length in bytes (without the
/// NUL), so a return value >= `capacity` means it was truncated. `buffer` may be NULL (or
/// `capacity` 0) to ask for the length only. The message stays until the next failing call on
/// this thread ("" before any). Thread-safe: each thread has its own message.
///
/// # Safety
/// `buffer` is NULL or points to at least `capacity` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn campro_last_error_message(buffer: *mut c_char, capacity: usize) -> usize {
    boundary(|| {
        with_last_message(|message| {
            let bytes = message.as_bytes();
            if !buffer.is_null() && capacity > 0 {
                let copied = bytes.len().min(capacity - 1);
                // The caller provides `capacity` writable bytes and `copied + 1 <= capacity`; a
                // non-NULL byte pointer passes every check, so the `Err` arm is never taken.
                // SAFETY: `buffer` holds `capacity` writable bytes (this function's contract).
                if let Ok(out) = unsafe { slice_mut(buffer.cast::<u8>(), copied + 1, "buffer") } {
                    out[..copied].copy_from_slice(&bytes[..copied]);
                    out[copied] = 0;
                }
            }
            bytes.len()
        })
    })
}
