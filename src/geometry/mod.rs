//! The cam itself: the follower that rides on it, the cam surface (profile) that moves the
//! follower as the program says, design checks on that surface, base-circle sizing and profile
//! files.
//!
//! - `follower.rs`: [`Follower`] (kind, sense of rotation, radii, offset, arm), its validation,
//!   and each kind's reference point with its exact derivatives by cam angle.
//! - `profile.rs`: the one generic routine that turns a reference point into a profile point
//!   (pitch point, contact point, pressure angle, radius of curvature), lane by lane over blocks
//!   of angles, and the scalar call that is the same code.
//! - `angle.rs`, `arctan.rs`: libm-free, branch-free sin/cos (degrees and radians) and atan.
//! - `check.rs` + `refine.rs`: [`GeometryReport`], extremes refined off the sampling grid.
//! - `sizing.rs`: the smallest base circle meeting the design limits.
//! - `export.rs`: adaptive chords of the surface written as CSV, DXF or an Abaqus surface.
//!
//! Frames (the C contract's): the fixed frame has its origin on the cam axis; the cam frame
//! coincides with it at cam angle 0 and turns with the cam (counter-clockwise for
//! [`Rotation::CounterClockwise`]). Every profile coordinate is in the cam frame, mm.
//! Derivatives of the lift by cam angle are per radian: the program's velocity / w,
//! acceleration / w^2 and jerk / w^3 at its own rpm (w in rad/s), never finite differences.

mod angle;
mod arctan;
mod check;
mod export;
mod follower;
mod profile;
mod refine;
mod sizing;

pub use check::{GeometryReport, DEFAULT_CHECK_POINTS, MAX_CHECK_POINTS, MIN_CHECK_POINTS};
pub use export::{ProfileExport, ProfileFormat, MAX_PROFILE_POINTS, MAX_STEP_DEG, MIN_PROFILE_TOLERANCE_MM};
pub use follower::{Follower, FollowerKind, Rotation, MAX_FOLLOWER_LENGTH_MM, MIN_FOLLOWER_LENGTH_MM};
pub use profile::ProfilePoint;
pub use sizing::SIZING_CHECK_POINTS;
