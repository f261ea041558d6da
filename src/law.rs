//! The motion-law catalogue. Each law is a normalized rise f(u), u in [0, 1], f(0) = 0, f(1) = 1
//! (the dwell is f = 0), written once as a few analytic pieces
//! `f(u) = sum_k c_k x^k + A sin(w x + phi)`, `x = u - u0`, whose derivatives are exact.
//!
//! The five trigonometric laws are Norton's sine-constant-cosine-acceleration (SCCA) family with
//! (b, c, d) = cycloidal (1/2, 0, 1/2), simple harmonic (0, 0, 1), modified trapezoidal
//! (1/4, 1/2, 1/4), modified sine (1/4, 0, 3/4) and constant acceleration (0, 1, 0); the two
//! polynomials are single pieces. Every evaluation in campro (scalar, batch, analysis, export)
//! goes through these pieces.

use crate::kinematics::Kinematics;
use crate::piece::{push_segment, Piece};
use std::f64::consts::{FRAC_PI_2, PI};
use std::sync::OnceLock;

/// Highest polynomial degree a law piece uses (4-5-6-7 polynomial).
pub const MAX_DEGREE: usize = 7;
/// Most pieces a law is made of (modified trapezoidal: six zones).
pub const MAX_LAW_PIECES: usize = 6;

/// A motion law. The numeric codes are the C ABI's `CAMPRO_LAW_*` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Law {
    /// Holds the lift: f = 0, the segment must end at the lift it starts at.
    Dwell,
    /// f = u - sin(2 pi u) / (2 pi).
    Cycloidal,
    /// f = (1 - cos(pi u)) / 2.
    SimpleHarmonic,
    /// SCCA (1/4, 1/2, 1/4).
    ModifiedTrapezoidal,
    /// SCCA (1/4, 0, 3/4).
    ModifiedSine,
    /// f = 10u^3 - 15u^4 + 6u^5.
    Polynomial345,
    /// f = 35u^4 - 84u^5 + 70u^6 - 20u^7.
    Polynomial4567,
    /// Parabolic: f = 2u^2, then 1 - 2(1-u)^2. Its jerk is zero between the acceleration steps
    /// (the steps themselves are Dirac impulses that no finite number can represent).
    ConstantAcceleration,
}

impl Law {
    /// Every law, in code order.
    pub const ALL: [Law; 8] = [
        Law::Dwell,
        Law::Cycloidal,
        Law::SimpleHarmonic,
        Law::ModifiedTrapezoidal,
        Law::ModifiedSine,
        Law::Polynomial345,
        Law::Polynomial4567,
        Law::ConstantAcceleration,
    ];

    /// The C ABI code (`CAMPRO_LAW_*`).
    pub fn code(self) -> i32 {
        match self {
            Law::Dwell => 0,
            Law::Cycloidal => 1,
            Law::SimpleHarmonic => 2,
            Law::ModifiedTrapezoidal => 3,
            Law::ModifiedSine => 4,
            Law::Polynomial345 => 5,
            Law::Polynomial4567 => 6,
            Law::ConstantAcceleration => 7,
        }
    }

    /// The law with that code, or `None`.
    pub fn from_code(code: i32) -> Option<Law> {
        Law::ALL.iter().copied().find(|law| law.code() == code)
    }

    /// The canonical name, as used in parameter files and by the Python package.
    pub fn name(self) -> &'static str {
        match self {
            Law::Dwell => "dwell",
            Law::Cycloidal => "cycloidal",
            Law::SimpleHarmonic => "simple_harmonic",
            Law::ModifiedTrapezoidal => "modified_trapezoidal",
            Law::ModifiedSine => "modified_sine",
            Law::Polynomial345 => "polynomial_345",
            Law::Polynomial4567 => "polynomial_4567",
            Law::ConstantAcceleration => "constant_acceleration",
        }
    }

    /// The law with that name: canonical names, case-insensitive, `-` or space for `_`, and the
    /// common aliases `harmonic`, `345`, `3-4-5`, `4567`, `4-5-6-7`, `parabolic`.
    pub fn from_name(name: &str) -> Option<Law> {
        let key: String = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let law = match key.as_str() {
            "dwell" => Law::Dwell,
            "cycloidal" => Law::Cycloidal,
            "simple_harmonic" | "harmonic" => Law::SimpleHarmonic,
            "modified_trapezoidal" => Law::ModifiedTrapezoidal,
            "modified_sine" => Law::ModifiedSine,
            "polynomial_345" | "345" | "3_4_5" => Law::Polynomial345,
            "polynomial_4567" | "4567" | "4_5_6_7" => Law::Polynomial4567,
            "constant_acceleration" | "parabolic" => Law::ConstantAcceleration,
            _ => return None,
        };
        Some(law)
    }

    /// The analytic pieces of the normalized law, in order, covering [0, 1).
    pub fn pieces(self) -> LawPieces {
        match self {
            Law::Dwell => LawPieces::single(LawPiece::polynomial(0.0, 1.0, &[0.0])),
            Law::Cycloidal => scca(0.5, 0.0, 0.5),
            Law::SimpleHarmonic => scca(0.0, 0.0, 1.0),
            Law::ModifiedTrapezoidal => scca(0.25, 0.5, 0.25),
            Law::ModifiedSine => scca(0.25, 0.0, 0.75),
            Law::Polynomial345 => LawPieces::single(LawPiece::polynomial(0.0, 1.0, &[0.0, 0.0, 0.0, 10.0, -15.0, 6.0])),
            Law::Polynomial4567 => {
                LawPieces::single(LawPiece::polynomial(0.0, 1.0, &[0.0, 0.0, 0.0, 0.0, 35.0, -84.0, 70.0, -20.0]))
            }
            Law::ConstantAcceleration => scca(0.0, 1.0, 0.0),
        }
    }

    /// f, f', f'', f''' at u (clamped to [0, 1]), as `Kinematics` fields in that order; exact
    /// at the ends (f(0) = 0, f(1) = 1, and 0 for each derivative in
    /// [`Law::vanishing_derivatives_at_ends`]), as a program's segments are.
    /// For tests and tables, not hot loops.
    pub fn evaluate(self, u: f64) -> Kinematics {
        // Built (and pinned) once per law.
        static NORMALIZED: OnceLock<[Vec<Piece>; 8]> = OnceLock::new();
        let normalized = NORMALIZED.get_or_init(|| {
            Law::ALL.map(|law| {
                let mut pieces = Vec::with_capacity(MAX_LAW_PIECES);
                push_segment(&mut pieces, law, 0.0, 1.0, Some(1.0), 0.0, 1.0, 1.0);
                pieces
            })
        });
        let u = u.clamp(0.0, 1.0);
        let index = self.pieces().as_slice().iter().rposition(|p| p.u0 <= u).unwrap_or(0);
        normalized[self.code() as usize][index].evaluate(u)
    }

    /// Which of f', f'', f''' are exactly zero at both ends of the law (u = 0 and u = 1; the
    /// laws are point-symmetric, so one end decides both). A segment gives exactly 0 for these
    /// at its ends. The constant-acceleration law's jerk counts as 0 (see
    /// [`Law::ConstantAcceleration`]).
    pub fn vanishing_derivatives_at_ends(self) -> [bool; 3] {
        match self {
            Law::Dwell | Law::Polynomial4567 => [true, true, true],
            Law::Cycloidal | Law::ModifiedTrapezoidal | Law::ModifiedSine | Law::Polynomial345 => [true, true, false],
            Law::SimpleHarmonic | Law::ConstantAcceleration => [true, false, true],
        }
    }
}

impl std::fmt::Display for Law {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One analytic piece of a normalized law on [u0, u1):
/// `f(u) = sum_k poly[k] x^k + amp * sin(omega x + phase)` with `x = u - u0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LawPiece {
    /// Start of the piece in u.
    pub u0: f64,
    /// End of the piece in u.
    pub u1: f64,
    /// Polynomial coefficients, constant first.
    pub poly: [f64; MAX_DEGREE + 1],
    /// Amplitude of the sine term (0 for a pure polynomial).
    pub amp: f64,
    /// Angular frequency of the sine term, per unit of u.
    pub omega: f64,
    /// Phase of the sine term.
    pub phase: f64,
}

impl LawPiece {
    fn polynomial(u0: f64, u1: f64, coefficients: &[f64]) -> Self {
        let mut poly = [0.0; MAX_DEGREE + 1];
        poly[..coefficients.len()].copy_from_slice(coefficients);
        LawPiece { u0, u1, poly, amp: 0.0, omega: 0.0, phase: 0.0 }
    }

    fn with_sine(mut self, amp: f64, omega: f64, phase: f64) -> Self {
        self.amp = amp;
        self.omega = omega;
        self.phase = phase;
        self
    }

    /// The point reflection `1 - f(1 - u)` of this piece, which is where an anti-symmetric law
    /// takes it in its second half.
    fn reflected(&self) -> Self {
        let width = self.u1 - self.u0;
        // 1 - P(width - x), expanded in x by the binomial theorem.
        let mut poly = [0.0; MAX_DEGREE + 1];
        for (k, &c) in self.poly.iter().enumerate() {
            let mut binomial = 1.0;
            for (j, slot) in poly.iter_mut().enumerate().take(k + 1) {
                let sign = if j % 2 == 0 { 1.0 } else { -1.0 };
                *slot -= c * binomial * width.powi((k - j) as i32) * sign;
                binomial = binomial * (k - j) as f64 / (j + 1) as f64;
            }
        }
        poly[0] += 1.0;
        // -A sin(w (width - x) + phi) = A sin(w x - w width - phi)
        LawPiece {
            u0: 1.0 - self.u1,
            u1: 1.0 - self.u0,
            poly,
            amp: self.amp,
            omega: self.omega,
            phase: -self.omega * width - self.phase,
        }
    }
}

/// The pieces of one law (a fixed-size list, so building programs allocates only the program).
#[derive(Clone, Copy, Debug)]
pub struct LawPieces {
    items: [LawPiece; MAX_LAW_PIECES],
    len: usize,
}

impl LawPieces {
    fn single(piece: LawPiece) -> Self {
        let mut pieces = LawPieces { items: [piece; MAX_LAW_PIECES], len: 0 };
        pieces.push(piece);
        pieces
    }

    fn push(&mut self, piece: LawPiece) {
        self.items[self.len] = piece;
        self.len += 1;
    }

    /// The pieces in order of u.
    pub fn as_slice(&self) -> &[LawPiece] {
        &self.items[..self.len]
    }
}

/// Norton's SCCA law with fractions (b, c, d), b + c + d = 1, built from its first half and the
/// law's point symmetry about u = 1/2. The peak acceleration Ca is set so that f(1/2) = 1/2.
fn scca(b: f64, c: f64, d: f64) -> LawPieces {
    // Unscaled (Ca = 1) values at the zone ends.
    let s1 = b * b * (0.5 / PI - 1.0 / (PI * PI));
    let v1 = b / PI;
    let s2 = s1 + v1 * c / 2.0 + c * c / 8.0;
    let v2 = v1 + c / 2.0;
    let k = (d / PI) * (d / PI);
    let s_half = s2 + v2 * d / 2.0 + k;
    let ca = 0.5 / s_half;

    let mut first_half = [LawPiece::polynomial(0.0, 0.0, &[]); 3];
    let mut count = 0;
    let zone_ends = [0.0, b / 2.0, (1.0 - d) / 2.0, 0.5];
    if b > 0.0 {
        first_half[count] = LawPiece::polynomial(zone_ends[0], zone_ends[1], &[0.0, ca * b / PI]).with_sine(
            -ca * (b / PI) * (b / PI),
            PI / b,
            0.0,
        );
        count += 1;
    }
    if c > 0.0 {
        first_half[count] = LawPiece::polynomial(zone_ends[1], zone_ends[2], &[ca * s1, ca * v1, ca / 2.0]);
        count += 1;
    }
    if d > 0.0 {
        first_half[count] = LawPiece::polynomial(zone_ends[2], zone_ends[3], &[ca * (s2 + k), ca * v2]).with_sine(
            -ca * k,
            PI / d,
            FRAC_PI_2,
        );
        count += 1;
    }

    let mut pieces = LawPieces::single(first_half[0]);
    for piece in &first_half[1..count] {
        pieces.push(*piece);
    }
    for piece in first_half[..count].iter().rev() {
        pieces.push(piece.reflected());
    }
    pieces
}
