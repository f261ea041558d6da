//! The panic boundary, the thread-local error message, and the checked conversions from raw C
//! pointers to references and slices. Nothing else in the FFI dereferences a pointer.

use super::constants::*;
use super::types::CamproMotion;
use crate::{Error, Program};
use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// A failure on its way to C: a status code and the message recorded for it.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: i32,
    pub message: String,
}

// The constructors format a message: kept out of line so the success path stays small.
impl Failure {
    #[cold]
    #[inline(never)]
    pub fn null(name: &str) -> Failure {
        Failure { status: CAMPRO_ERROR_NULL_POINTER, message: format!("{name} is NULL") }
    }

    #[cold]
    #[inline(never)]
    pub fn non_finite(name: &str, value: f64) -> Failure {
        Failure { status: CAMPRO_ERROR_NON_FINITE_INPUT, message: format!("{name} = {value}: input must be finite") }
    }

    #[cold]
    #[inline(never)]
    pub fn time_out_of_range(value: f64) -> Failure {
        Failure {
            status: CAMPRO_ERROR_NON_FINITE_INPUT,
            message: format!(
                "time_s = {value:e}: beyond the time limit |time_s| <= {:e} s (CAMPRO_MAX_TIME_S)",
                crate::MAX_TIME_S
            ),
        }
    }

    #[cold]
    #[inline(never)]
    pub fn invalid(message: String) -> Failure {
        Failure { status: CAMPRO_ERROR_INVALID_PARAMETER, message }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        let status = match error {
            Error::InvalidParameter { .. } => CAMPRO_ERROR_INVALID_PARAMETER,
            Error::NonFiniteInput { .. } => CAMPRO_ERROR_NON_FINITE_INPUT,
            Error::Parse { .. } => CAMPRO_ERROR_PARSE,
            Error::Io { .. } => CAMPRO_ERROR_IO,
        };
        Failure { status, message: error.to_string() }
    }
}

/// Records `message` as this thread's last error.
pub(crate) fn record(message: &str) {
    LAST_ERROR.with(|last| {
        let mut last = last.borrow_mut();
        last.clear();
        last.push_str(message);
    });
}

/// Runs `f` with this thread's last message.
pub(crate) fn with_last_message<R>(f: impl FnOnce(&str) -> R) -> R {
    LAST_ERROR.with(|last| f(&last.borrow()))
}

/// What an entry point returns when it fails before or instead of computing.
pub(crate) trait Fallback {
    fn fallback() -> Self;
}

impl Fallback for i32 {
    fn fallback() -> Self {
        CAMPRO_ERROR_INTERNAL
    }
}

impl Fallback for f64 {
    fn fallback() -> Self {
        f64::NAN
    }
}

impl Fallback for usize {
    fn fallback() -> Self {
        0
    }
}

impl Fallback for () {
    fn fallback() -> Self {}
}

/// Runs an entry point's body: a caught panic is recorded and turned into `R::fallback()`.
/// The failure paths below are out of line (`#[cold]`): an entry point's success path then
/// keeps no registers or stack for them, which is most of a scalar call's fixed cost.
#[inline(always)]
pub(crate) fn boundary<R: Fallback>(body: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => caught(payload),
    }
}

/// Records a caught panic and returns the fallback.
#[cold]
#[inline(never)]
fn caught<R: Fallback>(payload: Box<dyn std::any::Any + Send>) -> R {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    record(&format!("internal error (please report): {what}"));
    R::fallback()
}

/// Records a failure's message and returns its status.
#[cold]
#[inline(never)]
fn failed(failure: Failure) -> i32 {
    record(&failure.message);
    failure.status
}

/// Status-returning entry points: `Ok(())` is `CAMPRO_OK`, a failure records its message.
pub(crate) fn status(body: impl FnOnce() -> Result<(), Failure>) -> i32 {
    boundary(|| match body() {
        Ok(()) => CAMPRO_OK,
        Err(failure) => failed(failure),
    })
}

/// Value-returning entry points: a failure records its message and returns `R::fallback()`.
#[inline(always)]
pub(crate) fn value<R: Fallback>(body: impl FnOnce() -> Result<R, Failure>) -> R {
    boundary(|| match body() {
        Ok(value) => value,
        Err(failure) => {
            failed(failure);
            R::fallback()
        }
    })
}

/// `value` if it is finite, else CAMPRO_ERROR_NON_FINITE_INPUT naming `name` and the value.
pub(crate) fn finite(value: f64, name: &str) -> Result<f64, Failure> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Failure::non_finite(name, value))
    }
}

/// `time_s` if it is finite and within CAMPRO_MAX_TIME_S, else CAMPRO_ERROR_NON_FINITE_INPUT.
#[inline(always)]
pub(crate) fn accepted_time(time_s: f64) -> Result<f64, Failure> {
    if time_s.abs() <= crate::MAX_TIME_S {
        Ok(time_s)
    } else if time_s.is_finite() {
        Err(Failure::time_out_of_range(time_s))
    } else {
        Err(Failure::non_finite("time_s", time_s))
    }
}

/// The program behind a handle.
///
/// # Safety
/// `motion` is NULL or a handle from `campro_motion_*` not yet freed.
#[inline(always)]
pub(crate) unsafe fn program<'a>(motion: *const CamproMotion) -> Result<&'a Program, Failure> {
    // SAFETY: a non-NULL `motion` points to a live CamproMotion (this function's contract).
    unsafe { motion.as_ref() }.map(|m| &m.program).ok_or_else(|| Failure::null("motion"))
}

/// A caller's NUL-terminated UTF-8 string (a path).
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays unchanged during the call.
pub(crate) unsafe fn c_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: `ptr` is not NULL, so it points to a NUL-terminated string (this function's contract).
    unsafe { CStr::from_ptr(ptr) }.to_str().map_err(|_| Failure::invalid(format!("{name}: not valid UTF-8")))
}

/// A reference to a caller's struct.
///
/// # Safety
/// `ptr` is NULL or points to a valid, aligned `T`.
pub(crate) unsafe fn reference<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, Failure> {
    check_alignment(ptr, name)?;
    // SAFETY: a non-NULL `ptr` is aligned (checked above) and points to a valid `T` (this
    // function's contract).
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// A mutable reference to a caller's struct.
///
/// # Safety
/// `ptr` is NULL or points to a valid, aligned, writable `T` nothing else references.
pub(crate) unsafe fn reference_mut<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T, Failure> {
    check_alignment(ptr, name)?;
    // SAFETY: a non-NULL `ptr` is aligned (checked above) and points to a writable `T` nothing
    // else references (this function's contract).
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(name))
}

fn check_alignment<T>(ptr: *const T, name: &str) -> Result<(), Failure> {
    if !(ptr as usize).is_multiple_of(std::mem::align_of::<T>()) {
        return Err(Failure::invalid(format!("{name} = {ptr:p}: misaligned for its type")));
    }
    Ok(())
}

fn check_extent<T>(ptr: *const T, n: usize, name: &str) -> Result<(), Failure> {
    if n > 0 && ptr.is_null() {
        return Err(Failure { status: CAMPRO_ERROR_NULL_POINTER, message: format!("{name} is NULL with n = {n}") });
    }
    check_alignment(ptr, name)?;
    let bytes = n.checked_mul(std::mem::size_of::<T>());
    if bytes.is_none_or(|bytes| bytes > isize::MAX as usize || (ptr as usize).checked_add(bytes).is_none()) {
        return Err(Failure::invalid(format!("n = {n}: too many elements for {name}")));
    }
    Ok(())
}

/// A caller's input array of `n` elements (`n == 0` allows NULL).
///
/// # Safety
/// `ptr` is NULL or points to `n` initialised, aligned `T`s that stay unchanged during the call.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, n: usize, name: &str) -> Result<&'a [T], Failure> {
    check_extent(ptr, n, name)?;
    // SAFETY: for n > 0, `ptr` is non-NULL and aligned with n * size_of::<T>() <= isize::MAX
    // (check_extent) and points to `n` initialised `T`s (this function's contract).
    Ok(if n == 0 { &[] } else { unsafe { std::slice::from_raw_parts(ptr, n) } })
}

/// A caller's output array of `n` elements (`n == 0` allows NULL).
///
/// # Safety
/// `ptr` is NULL or points to `n` writable, aligned `T`s nothing else accesses during the call.
pub(crate) unsafe fn slice_mut<'a, T>(ptr: *mut T, n: usize, name: &str) -> Result<&'a mut [T], Failure> {
    check_extent(ptr, n, name)?;
    // SAFETY: for n > 0, `ptr` is non-NULL and aligned with n * size_of::<T>() <= isize::MAX
    // (check_extent) and points to `n` writable `T`s nothing else accesses (this function's
    // contract).
    Ok(if n == 0 { &mut [] } else { unsafe { std::slice::from_raw_parts_mut(ptr, n) } })
}

/// Rejects buffers that share memory: Rust may not read an input while writing it. Checked
/// arithmetic throughout (no `n`, SIZE_MAX included, overflows): a NULL buffer, or one that would
/// run past the end of the address space, overlaps nothing here; [`slice`] and [`slice_mut`]
/// then reject it.
pub(crate) fn check_disjoint(buffers: &[Extent<'_>]) -> Result<(), Failure> {
    for (i, a) in buffers.iter().enumerate() {
        let Some(end_a) = a.end() else { continue };
        for b in &buffers[i + 1..] {
            let Some(end_b) = b.end() else { continue };
            if a.start < end_b && b.start < end_a {
                return Err(Failure::invalid(format!(
                    "{} and {}: the buffers overlap; use separate arrays",
                    a.name, b.name
                )));
            }
        }
    }
    Ok(())
}

/// A caller buffer's name, address and byte length (None: it overflows).
pub(crate) struct Extent<'a> {
    name: &'a str,
    start: usize,
    bytes: Option<usize>,
}

impl Extent<'_> {
    /// One past the last byte of a non-empty, non-NULL buffer that fits in the address space.
    fn end(&self) -> Option<usize> {
        let bytes = self.bytes.filter(|&b| b > 0 && self.start != 0)?;
        self.start.checked_add(bytes)
    }
}

/// The extent of a caller buffer of `n` elements of `T` at `ptr`, for [`check_disjoint`].
pub(crate) fn extent<T>(name: &str, ptr: *const T, n: usize) -> Extent<'_> {
    Extent { name, start: ptr as usize, bytes: n.checked_mul(std::mem::size_of::<T>()) }
}
