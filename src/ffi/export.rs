//! Solver tables written to a file: Abaqus / CalculiX `*AMPLITUDE`, LS-DYNA `*DEFINE_CURVE`, CSV.

use super::guard::{self, finite, reference_mut, status, Failure};
use super::types::CamproMotion;
use crate::{default_tolerance, Quantity, TableFormat, TableLabels};
use std::ffi::c_char;
use std::path::Path;

/// CSV: a header row `time_s,<quantity>_<unit>` (e.g. `time_s,displacement_mm`), then one
/// `time,value` row per point, numbers in shortest round-trip form.
pub const CAMPRO_FORMAT_CSV: i32 = 0;
/// Abaqus / CalculiX include file: `*AMPLITUDE, NAME=CAM, DEFINITION=TABULAR, TIME=TOTAL TIME,
/// SMOOTH=0.0` with three (time, value) pairs a line; use it with `*BOUNDARY, AMPLITUDE=CAM` and
/// magnitude 1. SMOOTH=0.0 keeps Abaqus' interpolation linear, as the tolerance assumes
/// (Abaqus/Standard smooths by 0.25 by default); CalculiX warns that it does not know SMOOTH and
/// ignores it (its tables are linear).
pub const CAMPRO_FORMAT_ABAQUS_AMPLITUDE: i32 = 1;
/// LS-DYNA keyword file: `*KEYWORD`, `*DEFINE_CURVE` with LCID 1 (10-character card 1 whose
/// 8th field LCINT is the number of points, so no rediscretization coarsens the curve; then
/// 2 x 20-character point fields), `*END`.
pub const CAMPRO_FORMAT_LSDYNA_CURVE: i32 = 2;

// --- smooth periodic amplitudes (0.2, issue 12) ---
/// Abaqus include file: `*AMPLITUDE, NAME=CAM, DEFINITION=PERIODIC, TIME=TOTAL TIME`, a Fourier
/// series `A0 + sum_n [A_n cos(n w t) + B_n sin(n w t)]` (first data line `N, w, t0 = 0, A0`, then
/// A_1, B_1, ... eight a line) with the fewest terms N that stay within the tolerance of the exact
/// quantity at every time: smooth and exactly periodic. The span [t_start, t_end] is only checked
/// (finite, t_end > t_start): the series covers every time >= 0. Abaqus reads it (Standard and
/// Explicit); CalculiX has no DEFINITION=PERIODIC. A quantity whose series needs more than 8192
/// terms (one that jumps, like the simple harmonic law's acceleration) is refused.
pub const CAMPRO_FORMAT_ABAQUS_PERIODIC: i32 = 3;

/// Table of follower displacement, mm (default tolerance 1e-6 mm).
pub const CAMPRO_QUANTITY_DISPLACEMENT: i32 = 0;
/// Table of follower velocity, mm/s (default tolerance 1e-3 mm/s).
pub const CAMPRO_QUANTITY_VELOCITY: i32 = 1;
/// Table of follower acceleration, mm/s^2 (default tolerance 1 mm/s^2).
pub const CAMPRO_QUANTITY_ACCELERATION: i32 = 2;

fn quantity_from_code(code: i32) -> Result<Quantity, Failure> {
    match code {
        CAMPRO_QUANTITY_DISPLACEMENT => Ok(Quantity::Displacement),
        CAMPRO_QUANTITY_VELOCITY => Ok(Quantity::Velocity),
        CAMPRO_QUANTITY_ACCELERATION => Ok(Quantity::Acceleration),
        _ => {
            Err(Failure::invalid(format!("quantity = {code}: unknown quantity (valid codes 0..2: CAMPRO_QUANTITY_*)")))
        }
    }
}

unsafe fn export(
    motion: *const CamproMotion,
    format: i32,
    quantity: i32,
    t_start: f64,
    t_end: f64,
    tolerance: f64,
    path: *const c_char,
) -> Result<(usize, f64), Failure> {
    // SAFETY: `motion` is NULL or a live handle (the callers' contract).
    let program = unsafe { guard::program(motion) }?;
    // --- smooth periodic amplitudes (0.2, issue 12) ---
    if format == CAMPRO_FORMAT_ABAQUS_PERIODIC {
        // SAFETY: `path` is NULL or a NUL-terminated string (the callers' contract).
        return unsafe { export_periodic(program, quantity, t_start, t_end, tolerance, path) };
    }
    let format = TableFormat::from_code(format).ok_or_else(|| {
        Failure::invalid(format!("format = {format}: unknown format (valid codes 0..3: CAMPRO_FORMAT_*)"))
    })?;
    let quantity = quantity_from_code(quantity)?;
    // SAFETY: `path` is NULL or a NUL-terminated string (the callers' contract).
    let path = unsafe { guard::c_str(path, "path") }?;
    finite(t_start, "t_start")?;
    finite(t_end, "t_end")?;
    let tolerance = if tolerance == 0.0 { default_tolerance(quantity) } else { tolerance };
    let table = program.table(quantity, t_start, t_end, tolerance)?;
    table.write_file(Path::new(path), format, &TableLabels::default())?;
    Ok((table.len(), table.max_error))
}

/// The CAMPRO_FORMAT_ABAQUS_PERIODIC path of `export`: (number of terms, achieved max error).
///
/// # Safety
/// `path` is NULL or a NUL-terminated string.
unsafe fn export_periodic(
    program: &crate::Program,
    quantity: i32,
    t_start: f64,
    t_end: f64,
    tolerance: f64,
    path: *const c_char,
) -> Result<(usize, f64), Failure> {
    let quantity = quantity_from_code(quantity)?;
    // SAFETY: `path` is NULL or a NUL-terminated string (this function's contract).
    let path = unsafe { guard::c_str(path, "path") }?;
    finite(t_start, "t_start")?;
    finite(t_end, "t_end")?;
    if t_end <= t_start {
        return Err(Failure::invalid(format!("t_end = {t_end}: must be > t_start = {t_start}")));
    }
    let tolerance = if tolerance == 0.0 { default_tolerance(quantity) } else { tolerance };
    let amplitude = program.periodic_amplitude(quantity, tolerance)?;
    let text = amplitude.text(&TableLabels::default().amplitude_name);
    crate::write_atomically(Path::new(path), |out| std::io::Write::write_all(out, text.as_bytes()))?;
    Ok((amplitude.terms(), amplitude.max_error))
}

/// Writes a table of `quantity` (CAMPRO_QUANTITY_*: displacement mm, velocity mm/s,
/// acceleration mm/s^2) against time in seconds over [t_start, t_end] to the file `path`
/// (NUL-terminated UTF-8; created or replaced) in `format` (CAMPRO_FORMAT_*).
/// Time 0 is cam angle 0; use t_end = t_start + k * 60 / rpm for k revolutions.
/// Sampling is adaptive: the fewest points such that linear interpolation between them (what
/// solvers do) stays within `tolerance` (in the quantity's unit; 0 selects the default 1e-6 mm,
/// 1e-3 mm/s or 1 mm/s^2) of the exact curve everywhere, every segment boundary being a point.
/// A jump of the quantity (the acceleration of the simple harmonic and constant acceleration
/// laws) is drawn as a ramp over 1e-7 of a period. The file's comment lines (Abaqus, LS-DYNA)
/// give the number of points and the achieved maximum error; see campro_export_table_report.
/// Every time is a 13-significant-digit number, written exactly, and the achieved error is
/// measured on the table as a solver reads it. The file is written whole or not at all: on any
/// failure the previous file at `path` is untouched and no partial file is left.
/// Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL handle or path;
/// CAMPRO_ERROR_INVALID_PARAMETER for an unknown format (CAMPRO_FORMAT_*: 0..3) or quantity code, t_end <= t_start, a
/// negative or NaN tolerance, one too small for double precision (below 1e-12 of the quantity's
/// peak), a table over 20 million points, a span so far into a run that its 13-digit times
/// cannot keep the tolerance (the message names t_start: start the table earlier, e.g. at a step
/// time), or a non-finite value of the quantity; CAMPRO_ERROR_NON_FINITE_INPUT for a non-finite
/// time; CAMPRO_ERROR_IO if the file cannot be written. Thread-safe (distinct paths).
///
/// # Safety
/// `motion` is NULL or a live handle; `path` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn campro_export_table(
    motion: *const CamproMotion,
    format: i32,
    quantity: i32,
    t_start: f64,
    t_end: f64,
    tolerance: f64,
    path: *const c_char,
) -> i32 {
    // SAFETY: this function's contract is `export`'s.
    status(|| unsafe { export(motion, format, quantity, t_start, t_end, tolerance, path) }.map(|_| ()))
}

/// As campro_export_table, and reports the table: `*num_points` = number of (time, value)
/// points written, `*max_error` = the largest |linear interpolation - exact| found by a dense
/// check after sampling (in the quantity's unit; ramps over jumps excluded); for
/// CAMPRO_FORMAT_ABAQUS_PERIODIC, `*num_points` = the number of Fourier terms N. Either output may be
/// NULL; they are written only on CAMPRO_OK. Thread-safe (distinct paths).
///
/// # Safety
/// As campro_export_table; `num_points` and `max_error` are NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn campro_export_table_report(
    motion: *const CamproMotion,
    format: i32,
    quantity: i32,
    t_start: f64,
    t_end: f64,
    tolerance: f64,
    path: *const c_char,
    num_points: *mut usize,
    max_error: *mut f64,
) -> i32 {
    status(|| {
        let num_points = match num_points.is_null() {
            true => None,
            // SAFETY: a non-NULL `num_points` is writable (this function's contract).
            false => Some(unsafe { reference_mut(num_points, "num_points") }?),
        };
        let max_error = match max_error.is_null() {
            true => None,
            // SAFETY: a non-NULL `max_error` is writable (this function's contract).
            false => Some(unsafe { reference_mut(max_error, "max_error") }?),
        };
        // SAFETY: this function's contract is `export`'s.
        let (n, e) = unsafe { export(motion, format, quantity, t_start, t_end, tolerance, path) }?;
        if let Some(slot) = num_points {
            *slot = n;
        }
        if let Some(slot) = max_error {
            *slot = e;
        }
        Ok(())
    })
}
