//! What the benches share: the default CamProV5 cam, the inputs, and the two reference points
//! every group measures next to campro (the plain per-point loop a user writes by hand, and
//! the streaming floor: reading the input and writing the outputs with no math).
#![allow(dead_code)]

use campro::{Parameters, Program};
use std::f64::consts::PI;
use std::hint::black_box;

/// The sizes of the guide's parallel table (plus 1,000,000).
pub const SIZES: [usize; 5] = [100, 1_000, 10_000, 100_000, 1_000_000];
/// The guide's two speeds.
pub const RPMS: [f64; 2] = [3000.0, 6000.0];

/// The default CamProV5 cam (cycloidal rise 90, dwell 45, cycloidal fall 90, 10 mm) at `rpm`.
pub fn program(rpm: f64) -> Program {
    Program::from_parameters(&Parameters { rpm, ..Parameters::default() }).expect("the default cam is valid")
}

/// `n` angles in random order over several turns (-720 .. 1080 degrees), the same every run.
pub fn angles(n: usize) -> Vec<f64> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            -720.0 + 1800.0 * ((state >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect()
}

/// `n` times (s) in random order over the same turns at `rpm`.
pub fn times(n: usize, rpm: f64) -> Vec<f64> {
    angles(n).into_iter().map(|a| a / (rpm * 6.0)).collect()
}

/// The plain loop's view of the default cam: what a user writes by hand.
#[derive(Clone, Copy)]
pub struct Plain {
    lift: f64,
    rise: f64,
    dwell: f64,
    fall: f64,
    deg_per_s: f64,
}

impl Plain {
    pub fn new(rpm: f64) -> Plain {
        let p = Parameters::default();
        Plain {
            lift: p.max_lift,
            rise: p.rise_duration,
            dwell: p.dwell_duration,
            fall: p.fall_duration,
            deg_per_s: rpm * 6.0,
        }
    }

    /// fmod into one revolution, branch on the segment, libm sin.
    #[inline]
    pub fn displacement(&self, theta: f64) -> f64 {
        let mut a = theta % 360.0;
        if a < 0.0 {
            a += 360.0;
        }
        if a < self.rise {
            let u = a / self.rise;
            self.lift * (u - (2.0 * PI * u).sin() / (2.0 * PI))
        } else if a < self.rise + self.dwell {
            self.lift
        } else if a < self.rise + self.dwell + self.fall {
            let u = (a - self.rise - self.dwell) / self.fall;
            self.lift * (1.0 - (u - (2.0 * PI * u).sin() / (2.0 * PI)))
        } else {
            0.0
        }
    }

    /// Displacement, velocity, acceleration and jerk: the same, with libm sin and cos.
    #[inline]
    pub fn kinematics(&self, theta: f64) -> [f64; 4] {
        let mut a = theta % 360.0;
        if a < 0.0 {
            a += 360.0;
        }
        let (u, width, sign, base) = if a < self.rise {
            (a / self.rise, self.rise, 1.0, 0.0)
        } else if a < self.rise + self.dwell {
            return [self.lift, 0.0, 0.0, 0.0];
        } else if a < self.rise + self.dwell + self.fall {
            ((a - self.rise - self.dwell) / self.fall, self.fall, -1.0, self.lift)
        } else {
            return [0.0; 4];
        };
        let w = 2.0 * PI * u;
        let (s, c) = (w.sin(), w.cos());
        let h = sign * self.lift;
        let rate = self.deg_per_s / width;
        [
            base + h * (u - s / (2.0 * PI)),
            h * rate * (1.0 - c),
            h * rate * rate * 2.0 * PI * s,
            h * rate * rate * rate * 4.0 * PI * PI * c,
        ]
    }

    #[inline(never)]
    pub fn displacement_loop(&self, theta: &[f64], out: &mut [f64]) {
        for (o, &t) in out.iter_mut().zip(theta) {
            *o = self.displacement(t);
        }
    }

    #[inline(never)]
    pub fn kinematics_loop(&self, theta: &[f64], d: &mut [f64], v: &mut [f64], a: &mut [f64], j: &mut [f64]) {
        for (i, &t) in theta.iter().enumerate() {
            let k = self.kinematics(t);
            d[i] = k[0];
            v[i] = k[1];
            a[i] = k[2];
            j[i] = k[3];
        }
    }
}

impl Plain {
    /// Peaks and RMS over `n` equally spaced angles, as a user would compute them by hand.
    #[inline(never)]
    pub fn analyze(&self, n: usize) -> [f64; 5] {
        let step = 360.0 / n as f64;
        let mut r = [0.0f64; 5];
        for i in 0..n {
            let k = self.kinematics(i as f64 * step);
            r[0] = r[0].max(k[1].abs());
            r[1] = r[1].max(k[2].abs());
            r[2] = r[2].max(k[3].abs());
            r[3] += k[2] * k[2];
            r[4] += k[3] * k[3];
        }
        r
    }
}

/// The streaming floor for one output: out[i] = in[i] * c, nothing else.
#[inline(never)]
pub fn stream(input: &[f64], out: &mut [f64]) {
    let c = black_box(1.000_000_1);
    for (o, &x) in out.iter_mut().zip(input) {
        *o = x * c;
    }
}

/// The streaming floor for four outputs.
#[inline(never)]
pub fn stream4(input: &[f64], d: &mut [f64], v: &mut [f64], a: &mut [f64], j: &mut [f64]) {
    let c = black_box(1.000_000_1);
    for i in 0..input.len().min(d.len()).min(v.len()).min(a.len()).min(j.len()) {
        let x = input[i] * c;
        d[i] = x;
        v[i] = x;
        a[i] = x;
        j[i] = x;
    }
}
