//! # campro — cam-follower kinematics for FEA solvers
//!
//! Data flows one way: **parameters or segments → a validated [`Program`] → evaluation → C,
//! files, CLI**.
//!
//! - [`Law`]: the motion-law catalogue (cycloidal, simple harmonic, modified trapezoidal,
//!   modified sine, 3-4-5 and 4-5-6-7 polynomials, constant acceleration, dwell), each a
//!   normalized rise with exact closed-form derivatives.
//! - [`Program`]: ordered [`Segment`]s covering exactly 360 degrees, from lift 0 back to lift 0,
//!   built from a segment list or from the CamProV5 [`Parameters`].
//! - Evaluation by cam angle in degrees (any finite angle, reduced exactly into one revolution)
//!   and by time in seconds (time 0 = angle 0): scalar, batch into caller slices, and parallel
//!   on the library's own thread pool (persistent workers, nothing allocated per call).
//! - [`Program::analyze`]: peaks, RMS values and limit violations over one revolution.
//!
//! Bounds: programs accept rpm in [[`MIN_RPM`], [`MAX_RPM`]] (1e-6..1e6), lifts up to
//! [`MAX_LIFT_MM`] (1e6 mm), segments (rise, fall, non-zero dwells) of at least
//! [`MIN_SEGMENT_DURATION_DEG`] (1e-6 degrees), base circles up to
//! [`MAX_BASE_CIRCLE_RADIUS_MM`] (1e6 mm) and any positive limits; inside these every
//! displacement, velocity, acceleration and jerk is finite at every finite angle and accepted
//! time. Times are accepted up to |t| <= [`MAX_TIME_S`] (1e10 s), where the cam angle is
//! within [`TIME_ANGLE_TOLERANCE_DEG`] (two ulp of 360 degrees) of the exact
//! 360 * frac(t * rpm / 60); beyond it a time is rejected like a non-finite one.
//!
//! Units: degrees, seconds, mm, mm/s, mm/s^2, mm/s^3. Velocity, acceleration and jerk are time
//! derivatives at the program's rpm.
//!
//! ```
//! use campro::{Parameters, Program};
//! let program = Program::from_parameters(&Parameters::default()).unwrap();
//! assert!((program.displacement(45.0) - 5.0).abs() < 1e-12);
//! assert!((program.velocity(45.0) - 4000.0).abs() < 1e-9);
//! ```
#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

mod analysis;
mod atomic;
mod error;
mod files;
// --- cam geometry (0.2) ---
mod geometry;

mod integral;
mod kernels;
mod kinematics;
mod law;
mod params;
mod piece;
mod pool;
mod program;
mod table;
mod trig;
// --- follower dynamics (0.2) ---
mod dynamics;

// --- lift tables and variable speed (0.2) ---
mod double_double;
mod speed;
mod spline;

pub mod ffi;

pub use analysis::{Analysis, MAX_ANALYSIS_POINTS};
pub use atomic::{write_atomically, AtomicFile};
pub use error::{Error, Result};
// --- cam geometry (0.2) ---
pub use files::{FileFormat, ParameterFile, MAX_PARAMETER_FILE_BYTES};
pub use geometry::{
    Follower, FollowerKind, GeometryReport, ProfileExport, ProfileFormat, ProfilePoint, Rotation, DEFAULT_CHECK_POINTS,
    MAX_CHECK_POINTS, MAX_FOLLOWER_LENGTH_MM, MAX_PROFILE_POINTS, MAX_STEP_DEG, MIN_CHECK_POINTS,
    MIN_FOLLOWER_LENGTH_MM, MIN_PROFILE_TOLERANCE_MM, SIZING_CHECK_POINTS,
};

pub use integral::TimeIntegrals;
pub use kernels::KinematicsSlices;
pub use kinematics::{BoundaryCondition, Kinematics, Quantity};
pub use law::{Law, LawPiece, LawPieces, MAX_DEGREE, MAX_LAW_PIECES};
pub use params::Parameters;
pub use pool::{num_threads, set_num_threads, MAX_THREADS, NUM_THREADS_ENV, PARALLEL_THRESHOLD};
pub use program::{
    reduce_angle, Limits, Program, Segment, DURATION_TOLERANCE_DEG, LIFT_TOLERANCE_MM, MAX_BASE_CIRCLE_RADIUS_MM,
    MAX_LIFT_MM, MAX_RPM, MAX_SEGMENTS, MAX_TIME_S, MIN_RPM, MIN_SEGMENT_DURATION_DEG, REVOLUTION_DEG,
    TIME_ANGLE_TOLERANCE_DEG,
};
pub use table::{default_tolerance, format_e12, Table, TableFormat, TableLabels};
// --- follower dynamics (0.2) ---
pub use dynamics::{
    Dynamics, DynamicsReport, FollowerDynamics, LimitedBy, SpeedLimit, SpringSizing, MAX_DAMPING_N_S_PER_MM,
    MAX_FORCE_N, MAX_MASS_KG, MAX_OVERSPEED_RPM, MAX_PRELOAD_PER_RATE_MM, MAX_SAFETY_FACTOR, MAX_SPRING_RATE_N_PER_MM,
    SIZING_MARGIN,
};

// --- lift tables and variable speed (0.2) ---
pub use speed::{SpeedProfile, MAX_RPM_RATE, MAX_SPEED_POINTS};
pub use spline::{LiftTable, MAX_LIFT_TABLE_POINTS, MIN_LIFT_TABLE_POINTS};

// --- smooth periodic amplitudes (0.2, issue 12) ---
pub use table::{PeriodicAmplitude, MAX_PERIODIC_TERMS};

/// The crate version, as `campro_version` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
