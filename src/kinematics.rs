//! Plain result records.

/// Displacement (mm), velocity (mm/s), acceleration (mm/s^2) and jerk (mm/s^3) at one instant.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Kinematics {
    /// Follower lift, mm.
    pub displacement: f64,
    /// mm/s.
    pub velocity: f64,
    /// mm/s^2.
    pub acceleration: f64,
    /// mm/s^3.
    pub jerk: f64,
}

/// The prescribed motion a solver applies at a node: displacement (mm), velocity (mm/s),
/// acceleration (mm/s^2). The layout is three consecutive `f64` so a batch of them is an
/// `n x 3` row-major array for every consumer.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BoundaryCondition {
    /// mm.
    pub displacement: f64,
    /// mm/s.
    pub velocity: f64,
    /// mm/s^2.
    pub acceleration: f64,
}

impl Kinematics {
    /// All four NaN: what a non-finite input gives.
    pub const NAN: Kinematics =
        Kinematics { displacement: f64::NAN, velocity: f64::NAN, acceleration: f64::NAN, jerk: f64::NAN };

    /// The first three, as a boundary condition.
    pub fn boundary_condition(&self) -> BoundaryCondition {
        BoundaryCondition { displacement: self.displacement, velocity: self.velocity, acceleration: self.acceleration }
    }
}
