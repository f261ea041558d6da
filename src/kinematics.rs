//! Plain result records: the kinematics at one instant, a boundary condition, and the names of
//! the four quantities.

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

/// One of the four kinematic quantities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// mm.
    Displacement,
    /// mm/s.
    Velocity,
    /// mm/s^2.
    Acceleration,
    /// mm/s^3.
    Jerk,
}

impl Quantity {
    /// Every quantity, in derivative order.
    pub const ALL: [Quantity; 4] = [Quantity::Displacement, Quantity::Velocity, Quantity::Acceleration, Quantity::Jerk];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Displacement => "displacement",
            Quantity::Velocity => "velocity",
            Quantity::Acceleration => "acceleration",
            Quantity::Jerk => "jerk",
        }
    }

    /// Unit symbol.
    pub fn unit(self) -> &'static str {
        match self {
            Quantity::Displacement => "mm",
            Quantity::Velocity => "mm/s",
            Quantity::Acceleration => "mm/s^2",
            Quantity::Jerk => "mm/s^3",
        }
    }

    /// This quantity of `k`.
    #[inline(always)]
    pub fn of(self, k: &Kinematics) -> f64 {
        match self {
            Quantity::Displacement => k.displacement,
            Quantity::Velocity => k.velocity,
            Quantity::Acceleration => k.acceleration,
            Quantity::Jerk => k.jerk,
        }
    }
}
