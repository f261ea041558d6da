//! Follower kinds, their validation, and each kind's reference point (roller centre, or the
//! flat face's foot) with its exact derivatives by cam angle, in the fixed frame.

use crate::error::{Error, Result};
use crate::program::Program;
use std::f64::consts::PI;

/// Longest length a follower field may have, mm (1 km): with the core's bounded lifts every
/// profile quantity then stays finite.
pub const MAX_FOLLOWER_LENGTH_MM: f64 = 1.0e6;
/// Smallest positive length a follower field may have, mm (a nanometre of a micrometre):
/// the base circle, pivot distance and arm length are at least this.
pub const MIN_FOLLOWER_LENGTH_MM: f64 = 1.0e-6;

/// How the follower touches and moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FollowerKind {
    /// A roller (radius 0: a knife edge) whose centre moves on the line x = offset.
    TranslatingRoller,
    /// A flat face perpendicular to its line of motion (the y axis).
    TranslatingFlat,
    /// A roller on an arm swinging about the pivot (pivot_distance, 0).
    OscillatingRoller,
}

impl FollowerKind {
    /// Every kind, in code order.
    pub const ALL: [FollowerKind; 3] =
        [FollowerKind::TranslatingRoller, FollowerKind::TranslatingFlat, FollowerKind::OscillatingRoller];

    /// The C code (`CAMPRO_FOLLOWER_*`).
    pub fn code(self) -> i32 {
        match self {
            FollowerKind::TranslatingRoller => 0,
            FollowerKind::TranslatingFlat => 1,
            FollowerKind::OscillatingRoller => 2,
        }
    }

    /// The kind of a C code, if valid.
    pub fn from_code(code: i32) -> Option<FollowerKind> {
        FollowerKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The name parameter files use: `translating_roller`, `translating_flat`, `oscillating_roller`.
    pub fn name(self) -> &'static str {
        match self {
            FollowerKind::TranslatingRoller => "translating_roller",
            FollowerKind::TranslatingFlat => "translating_flat",
            FollowerKind::OscillatingRoller => "oscillating_roller",
        }
    }

    /// The kind of a name (case-insensitive; `-` or space for `_`).
    pub fn from_name(name: &str) -> Option<FollowerKind> {
        let name = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        FollowerKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Rollers (and knife edges) have a pitch curve offset from the surface by the roller radius.
    pub fn is_roller(self) -> bool {
        self != FollowerKind::TranslatingFlat
    }
}

/// The sense in which the cam turns, seen from the side the frames are drawn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rotation {
    /// `rotation = +1`.
    CounterClockwise,
    /// `rotation = -1`.
    Clockwise,
}

impl Rotation {
    /// +1 or -1, as the C struct holds it.
    pub fn sign(self) -> i32 {
        match self {
            Rotation::CounterClockwise => 1,
            Rotation::Clockwise => -1,
        }
    }

    /// The rotation of +1 or -1.
    pub fn from_sign(sign: i32) -> Option<Rotation> {
        match sign {
            1 => Some(Rotation::CounterClockwise),
            -1 => Some(Rotation::Clockwise),
            _ => None,
        }
    }
}

/// A follower and how it sits against the cam (lengths in mm). Build one with
/// [`Follower::translating_roller`], [`Follower::translating_flat`] or
/// [`Follower::oscillating_roller`]; [`Follower::validate`] says whether it is possible.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Follower {
    /// The kind.
    pub kind: FollowerKind,
    /// The sense the cam turns in.
    pub rotation: Rotation,
    /// Rb > 0: the cam surface's radius during lift 0, mm.
    pub base_circle_radius: f64,
    /// Rr >= 0 (rollers; 0 is a knife edge; ignored for flat), mm.
    pub roller_radius: f64,
    /// e (translating roller only): the roller centre moves on x = e, |e| < Rb + Rr, mm.
    pub offset: f64,
    /// d (oscillating only): the arm pivots at (d, 0), mm.
    pub pivot_distance: f64,
    /// L (oscillating only): pivot to roller centre, mm.
    pub arm_length: f64,
}

impl Follower {
    /// A translating roller follower (roller radius 0: a knife edge) on the line x = `offset`,
    /// the cam turning counter-clockwise.
    pub fn translating_roller(base_circle_radius: f64, roller_radius: f64, offset: f64) -> Follower {
        Follower {
            kind: FollowerKind::TranslatingRoller,
            rotation: Rotation::CounterClockwise,
            base_circle_radius,
            roller_radius,
            offset,
            pivot_distance: 0.0,
            arm_length: 0.0,
        }
    }

    /// A translating flat-faced follower, the cam turning counter-clockwise.
    pub fn translating_flat(base_circle_radius: f64) -> Follower {
        Follower {
            kind: FollowerKind::TranslatingFlat,
            rotation: Rotation::CounterClockwise,
            base_circle_radius,
            roller_radius: 0.0,
            offset: 0.0,
            pivot_distance: 0.0,
            arm_length: 0.0,
        }
    }

    /// An oscillating roller follower: arm of `arm_length` pivoting at (`pivot_distance`, 0),
    /// the cam turning counter-clockwise.
    pub fn oscillating_roller(
        base_circle_radius: f64,
        roller_radius: f64,
        pivot_distance: f64,
        arm_length: f64,
    ) -> Follower {
        Follower {
            kind: FollowerKind::OscillatingRoller,
            rotation: Rotation::CounterClockwise,
            base_circle_radius,
            roller_radius,
            offset: 0.0,
            pivot_distance,
            arm_length,
        }
    }

    /// The same follower with the cam turning the other way round.
    pub fn with_rotation(mut self, rotation: Rotation) -> Follower {
        self.rotation = rotation;
        self
    }

    /// The same follower with another base circle radius.
    pub fn with_base_circle_radius(mut self, base_circle_radius: f64) -> Follower {
        self.base_circle_radius = base_circle_radius;
        self
    }

    /// Checks every field the kind uses: finite, within [`MIN_FOLLOWER_LENGTH_MM`] and
    /// [`MAX_FOLLOWER_LENGTH_MM`], `|e| < Rb + Rr` (translating roller) and
    /// `|d - L| < Rb + Rr < d + L` (oscillating). The error names the field and its value.
    pub fn validate(&self) -> Result<()> {
        let max = MAX_FOLLOWER_LENGTH_MM;
        let rb = self.base_circle_radius;
        length("base_circle_radius", rb, MIN_FOLLOWER_LENGTH_MM)?;
        let rr = if self.kind.is_roller() {
            length("roller_radius", self.roller_radius, 0.0)?;
            self.roller_radius
        } else {
            0.0
        };
        let prime = rb + rr;
        match self.kind {
            FollowerKind::TranslatingRoller => {
                let e = self.offset;
                if !e.is_finite() || e.abs() > max {
                    return Err(Error::invalid("offset", e, format!("must be finite with |offset| <= {max:e} mm")));
                }
                if e.abs() >= prime {
                    return Err(Error::invalid(
                        "offset",
                        e,
                        format!("|offset| must be < base_circle_radius + roller_radius = {prime} mm"),
                    ));
                }
            }
            FollowerKind::TranslatingFlat => {}
            FollowerKind::OscillatingRoller => {
                let d = self.pivot_distance;
                let l = self.arm_length;
                length("pivot_distance", d, MIN_FOLLOWER_LENGTH_MM)?;
                length("arm_length", l, MIN_FOLLOWER_LENGTH_MM)?;
                if prime <= (d - l).abs() || prime >= d + l {
                    return Err(Error::invalid(
                        "base_circle_radius",
                        rb,
                        format!(
                            "with roller_radius {rr} mm the arm cannot reach the base circle: need |pivot_distance - \
                             arm_length| = {} < base_circle_radius + roller_radius = {prime} < pivot_distance + \
                             arm_length = {} mm",
                            (d - l).abs(),
                            d + l
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// [`Follower::validate`], and what `program` asks of it: an oscillating arm must not swing
    /// past pointing straight away from the cam axis (psi0 + max_lift / L < pi).
    pub fn validate_for(&self, program: &Program) -> Result<()> {
        self.validate()?;
        if self.kind == FollowerKind::OscillatingRoller {
            let swing = initial_arm_angle(self) + program.max_lift() / self.arm_length;
            if swing.is_nan() || swing >= PI {
                return Err(Error::invalid(
                    "arm_length",
                    self.arm_length,
                    format!(
                        "the arm would swing to {:.6} deg, past 180 deg (the roller's farthest point from the cam \
                         axis), at the program's max lift {} mm: use a longer arm",
                        swing.to_degrees(),
                        program.max_lift()
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn length(name: &str, value: f64, min: f64) -> Result<f64> {
    let max = MAX_FOLLOWER_LENGTH_MM;
    if !value.is_finite() || value < min || value > max || (min > 0.0 && value == 0.0) {
        let lower = if min > 0.0 { format!(">= {min:e}") } else { ">= 0".to_string() };
        return Err(Error::invalid(name, value, format!("must be finite, {lower} and <= {max:e} mm")));
    }
    Ok(value)
}

/// psi0, the arm angle at lift 0 (radians, in (0, pi)): the law of cosines in the triangle cam
/// axis, pivot, roller centre.
pub(super) fn initial_arm_angle(f: &Follower) -> f64 {
    let (d, l, prime) = (f.pivot_distance, f.arm_length, f.base_circle_radius + f.roller_radius);
    ((d * d + l * l - prime * prime) / (2.0 * d * l)).clamp(-1.0, 1.0).acos()
}

/// A validated follower with the program-derived constants the hot loop needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Setup {
    pub kind: FollowerKind,
    /// +1 or -1.
    pub sigma: f64,
    pub rb: f64,
    /// Roller radius (0 for flat).
    pub rr: f64,
    /// Translating roller: the line of motion x = e and the centre's height at lift 0.
    pub e: f64,
    pub y0: f64,
    /// Oscillating: pivot distance, arm length, 1 / arm length, arm angle at lift 0.
    pub d: f64,
    pub l: f64,
    pub inv_l: f64,
    pub psi0: f64,
    /// sin psi0 and cos psi0 (libm, for the arm angle's angle addition).
    pub sin_psi0: f64,
    pub cos_psi0: f64,
    /// Cam angle rate w (rad/s) as 1/w, 1/w^2, 1/w^3: per-radian derivatives from time ones.
    pub inv_w: f64,
    pub inv_w2: f64,
    pub inv_w3: f64,
}

impl Setup {
    pub fn new(follower: &Follower, program: &Program) -> Result<Setup> {
        follower.validate_for(program)?;
        let f = follower;
        let prime = f.base_circle_radius + if f.kind.is_roller() { f.roller_radius } else { 0.0 };
        let w = program.rpm() * (2.0 * PI / 60.0);
        let inv_w = 1.0 / w;
        let oscillating = f.kind == FollowerKind::OscillatingRoller;
        let psi0 = if oscillating { initial_arm_angle(f) } else { 0.0 };
        Ok(Setup {
            kind: f.kind,
            sigma: f64::from(f.rotation.sign()),
            rb: f.base_circle_radius,
            rr: if f.kind.is_roller() { f.roller_radius } else { 0.0 },
            e: if f.kind == FollowerKind::TranslatingRoller { f.offset } else { 0.0 },
            y0: if f.kind == FollowerKind::TranslatingRoller {
                ((prime - f.offset) * (prime + f.offset)).sqrt()
            } else {
                prime
            },
            d: f.pivot_distance,
            l: f.arm_length,
            inv_l: if oscillating { 1.0 / f.arm_length } else { 0.0 },
            psi0,
            sin_psi0: psi0.sin(),
            cos_psi0: psi0.cos(),
            inv_w,
            inv_w2: inv_w * inv_w,
            inv_w3: inv_w * inv_w * inv_w,
        })
    }
}

/// A 2-D vector.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct V2 {
    pub x: f64,
    pub y: f64,
}

impl V2 {
    #[inline(always)]
    pub fn new(x: f64, y: f64) -> V2 {
        V2 { x, y }
    }
    #[inline(always)]
    pub fn dot(self, o: V2) -> f64 {
        self.x * o.x + self.y * o.y
    }
    #[inline(always)]
    pub fn cross(self, o: V2) -> f64 {
        self.x * o.y - self.y * o.x
    }
    /// Rotated 90 degrees counter-clockwise (J v).
    #[inline(always)]
    pub fn perp(self) -> V2 {
        V2 { x: -self.y, y: self.x }
    }
    #[inline(always)]
    pub fn scale(self, k: f64) -> V2 {
        V2 { x: self.x * k, y: self.y * k }
    }
    #[inline(always)]
    pub fn add(self, o: V2) -> V2 {
        V2 { x: self.x + o.x, y: self.y + o.y }
    }
    #[inline(always)]
    pub fn sub(self, o: V2) -> V2 {
        V2 { x: self.x - o.x, y: self.y - o.y }
    }
}

/// The lift and its derivatives by cam angle (per radian).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lift {
    pub s: f64,
    pub s1: f64,
    pub s2: f64,
    pub s3: f64,
}

impl Lift {
    /// From the program's time derivatives at its rpm.
    #[inline(always)]
    pub fn from_time(setup: &Setup, s: f64, v: f64, a: f64, j: f64) -> Lift {
        Lift { s, s1: v * setup.inv_w, s2: a * setup.inv_w2, s3: j * setup.inv_w3 }
    }
}

/// A kind's reference point P (roller centre; flat: the face's foot (0, Rb + s)) and its
/// derivatives by cam angle, in the fixed frame, with the unit direction m the follower point
/// moves in and dm/dtheta.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Reference {
    pub p: V2,
    pub p1: V2,
    pub p2: V2,
    pub p3: V2,
    pub m: V2,
    pub m1: V2,
}

/// Translating follower (roller or flat): P = (e, y0 + s), moving along +y.
#[inline(always)]
pub(crate) fn translating(setup: &Setup, k: &Lift) -> Reference {
    Reference {
        p: V2::new(setup.e, setup.y0 + k.s),
        p1: V2::new(0.0, k.s1),
        p2: V2::new(0.0, k.s2),
        p3: V2::new(0.0, k.s3),
        m: V2::new(0.0, 1.0),
        m1: V2::new(0.0, 0.0),
    }
}

/// Oscillating roller: P = (d - L cos psi, L sin psi), psi = psi0 + s / L, moving along
/// m = (sin psi, cos psi) (perpendicular to the arm); `sin_cos` is (sin psi, cos psi).
#[inline(always)]
pub(crate) fn oscillating(setup: &Setup, k: &Lift, (sin_psi, cos_psi): (f64, f64)) -> Reference {
    let m = V2::new(sin_psi, cos_psi);
    // n = dm/dpsi: along the arm, away from... (cos psi, -sin psi).
    let n = V2::new(cos_psi, -sin_psi);
    let inv_l = setup.inv_l;
    let psi1 = k.s1 * inv_l;
    let s1_sq_l = k.s1 * psi1;
    Reference {
        p: V2::new(setup.d - setup.l * cos_psi, setup.l * sin_psi),
        p1: m.scale(k.s1),
        p2: m.scale(k.s2).add(n.scale(s1_sq_l)),
        p3: m.scale(k.s3 - s1_sq_l * psi1).add(n.scale(3.0 * k.s2 * psi1)),
        m,
        m1: n.scale(psi1),
    }
}
