//! The cam surface as a closed polygon of chords, each within a tolerance of the true surface,
//! and its files: CSV, DXF (one closed LWPOLYLINE on layer CAM, written with the `dxf` crate) and
//! an Abaqus `*SURFACE, TYPE=SEGMENTS` analytic rigid surface.
//!
//! Sampling is greedy: from each point the next is the farthest cam angle whose chord stays
//! within the tolerance of the surface between them (the chord's deviation measured at interior
//! points of the exact surface; the first guess scales the previous step by the sagitta law
//! deviation ~ step^2, which the exact curvature sets). A dense check then measures every chord
//! again at more points and splits any chord that exceeds the tolerance; the largest deviation
//! it finds is reported.

use super::check::{check, DEFAULT_CHECK_POINTS};
use super::follower::{Follower, Setup};
use super::profile::point_at;
use crate::atomic::write_atomically;
use crate::error::{Error, Result};
use crate::program::{Program, REVOLUTION_DEG};
use crate::table::format_e12;
use std::io::{self, Write};
use std::path::Path;

/// Smallest tolerance an export accepts, mm.
pub const MIN_PROFILE_TOLERANCE_MM: f64 = 1e-9;
/// Most points a profile export writes.
pub const MAX_PROFILE_POINTS: usize = 10_000_000;
/// Longest step between two points, degrees of cam angle (so the chord check's samples never
/// stride over a feature).
pub const MAX_STEP_DEG: f64 = 10.0;

/// Interior points at which a chord's deviation is measured while sampling, and in the dense
/// check afterwards.
const SAMPLING_PROBES: usize = 16;
const CHECK_PROBES: usize = 64;

/// A profile file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileFormat {
    /// `x_mm,y_mm` header, one row per point, the first point repeated at the end.
    Csv,
    /// One closed LWPOLYLINE on layer CAM, mm (DXF R2000).
    Dxf,
    /// Abaqus `*SURFACE, TYPE=SEGMENTS, NAME=CAM`: START, then one LINE per chord.
    AbaqusSurface,
}

impl ProfileFormat {
    /// Every format, in code order.
    pub const ALL: [ProfileFormat; 3] = [ProfileFormat::Csv, ProfileFormat::Dxf, ProfileFormat::AbaqusSurface];

    /// The C code (`CAMPRO_PROFILE_*`).
    pub fn code(self) -> i32 {
        match self {
            ProfileFormat::Csv => 0,
            ProfileFormat::Dxf => 1,
            ProfileFormat::AbaqusSurface => 2,
        }
    }

    /// The format of a C code, if valid.
    pub fn from_code(code: i32) -> Option<ProfileFormat> {
        ProfileFormat::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The format a file name implies: `.csv`, `.dxf`, `.inp`.
    pub fn from_path(path: &Path) -> Option<ProfileFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(ProfileFormat::Csv),
            "dxf" => Some(ProfileFormat::Dxf),
            "inp" => Some(ProfileFormat::AbaqusSurface),
            _ => None,
        }
    }
}

/// The cam surface as a closed polygon (cam frame, mm).
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileExport {
    /// The points, clockwise around the cam (the cam on the right of each chord), starting at
    /// the contact point of cam angle 0; the polygon closes from the last back to the first.
    pub points: Vec<(f64, f64)>,
    /// The cam angle (degrees) of each point.
    pub angles: Vec<f64>,
    /// The tolerance asked for, mm.
    pub tolerance: f64,
    /// The largest distance between a chord and the surface the dense check found, mm.
    pub max_error: f64,
}

/// Distance from `p` to the segment [a, b].
fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (px, py) = (p.0 - a.0, p.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { ((px * dx + py * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (ex, ey) = (px - t * dx, py - t * dy);
    (ex * ex + ey * ey).sqrt()
}

struct Surface<'a> {
    program: &'a Program,
    setup: Setup,
}

impl Surface<'_> {
    fn at(&self, theta: f64) -> (f64, f64) {
        let p = point_at(self.program, &self.setup, theta);
        (p.x, p.y)
    }

    /// The largest distance between the chord from `a` to `b` (cam angles) and the surface
    /// between them, at `probes` interior points.
    fn deviation(&self, a: f64, b: f64, probes: usize) -> f64 {
        let (pa, pb) = (self.at(a), self.at(b));
        (1..=probes)
            .map(|k| distance_to_segment(self.at(a + (b - a) * k as f64 / (probes + 1) as f64), pa, pb))
            .fold(0.0, f64::max)
    }

    /// The farthest step from `a` (at most `cap`) whose chord is within `tol`, starting from
    /// the guess `h`.
    fn step(&self, a: f64, mut h: f64, cap: f64, tol: f64) -> f64 {
        h = h.min(cap);
        // Shrink until the chord fits (deviation ~ h^2: the sagitta law).
        let mut dev = self.deviation(a, a + h, SAMPLING_PROBES);
        let mut bad = f64::INFINITY;
        while dev > tol {
            bad = h;
            h *= (0.9 * (tol / dev).sqrt()).clamp(0.05, 0.9);
            dev = self.deviation(a, a + h, SAMPLING_PROBES);
            if h < 1e-12 {
                return h;
            }
        }
        // Grow while it still fits.
        while bad.is_infinite() && h < cap {
            let next = (h * (0.98 * (tol / dev.max(tol * 1e-6)).sqrt()).clamp(1.05, 4.0)).min(cap);
            let d = self.deviation(a, a + next, SAMPLING_PROBES);
            if d > tol {
                bad = next;
            } else {
                h = next;
                dev = d;
            }
        }
        // Bisect between the longest that fits and the shortest that does not.
        if bad.is_finite() {
            for _ in 0..8 {
                let mid = 0.5 * (h + bad);
                if self.deviation(a, a + mid, SAMPLING_PROBES) > tol {
                    bad = mid;
                } else {
                    h = mid;
                }
            }
        }
        h
    }
}

impl Program {
    /// The cam surface `follower` rides on as the fewest points (greedy, farthest step first)
    /// whose chords all stay within `tolerance_mm` of it ([`MIN_PROFILE_TOLERANCE_MM`] or more).
    /// An undercut cam (whose surface crosses itself) is [`Error::InvalidParameter`], as is a
    /// tolerance so fine the polygon would exceed [`MAX_PROFILE_POINTS`].
    pub fn profile_polygon(&self, follower: &Follower, tolerance_mm: f64) -> Result<ProfileExport> {
        let tol = tolerance_mm;
        if !(tol.is_finite() && tol >= MIN_PROFILE_TOLERANCE_MM) {
            return Err(Error::invalid(
                "tolerance_mm",
                tol,
                format!("must be finite and >= {MIN_PROFILE_TOLERANCE_MM:e} mm"),
            ));
        }
        let setup = Setup::new(follower, self)?;
        let report = check(self, &setup, DEFAULT_CHECK_POINTS);
        if report.undercut {
            return Err(Error::invalid(
                "base_circle_radius",
                follower.base_circle_radius,
                format!(
                    "the cam is undercut from {} deg (its surface has a cusp or crosses itself): no profile can be \
                     made; enlarge the base circle (see min_base_circle) or reduce the roller radius",
                    report.undercut_at
                ),
            ));
        }
        let surface = Surface { program: self, setup };
        let mut angles = vec![0.0];
        let mut h: f64 = 1.0;
        let mut a = 0.0;
        while a < REVOLUTION_DEG {
            let cap = MAX_STEP_DEG.min(REVOLUTION_DEG - a);
            h = surface.step(a, h, cap, tol);
            // Within a hair of the end: close there.
            let b = if REVOLUTION_DEG - (a + h) < 1e-9 { REVOLUTION_DEG } else { a + h };
            if b <= a {
                return Err(Error::invalid(
                    "tolerance_mm",
                    tol,
                    format!("too fine for double precision near cam angle {a} deg"),
                ));
            }
            angles.push(b);
            if angles.len() > MAX_PROFILE_POINTS + 1 {
                return Err(Error::invalid(
                    "tolerance_mm",
                    tol,
                    format!("would need more than {MAX_PROFILE_POINTS} points: use a larger tolerance"),
                ));
            }
            a = b;
        }
        // The dense check: every chord again at more points; split any that exceeds.
        let mut max_error: f64 = 0.0;
        let mut i = 0;
        while i + 1 < angles.len() {
            let dev = surface.deviation(angles[i], angles[i + 1], CHECK_PROBES);
            if dev > tol && angles[i + 1] - angles[i] > 1e-9 {
                angles.insert(i + 1, 0.5 * (angles[i] + angles[i + 1]));
                continue;
            }
            max_error = max_error.max(dev);
            i += 1;
        }
        // The last angle is 360: the first point again.
        angles.pop();
        let mut points: Vec<(f64, f64)> = angles.iter().map(|&t| surface.at(t)).collect();
        // Clockwise: the shoelace area is negative.
        let area: f64 = (0..points.len())
            .map(|i| {
                let (p, q) = (points[i], points[(i + 1) % points.len()]);
                p.0 * q.1 - q.0 * p.1
            })
            .sum();
        if area > 0.0 {
            points[1..].reverse();
            angles[1..].reverse();
        }
        Ok(ProfileExport { points, angles, tolerance: tol, max_error })
    }

    /// [`Program::profile_polygon`] written to `path` in `format`, whole or not at all.
    pub fn export_profile(
        &self,
        follower: &Follower,
        format: ProfileFormat,
        tolerance_mm: f64,
        path: &Path,
    ) -> Result<ProfileExport> {
        let polygon = self.profile_polygon(follower, tolerance_mm)?;
        polygon.write_file(path, format)?;
        Ok(polygon)
    }
}

impl ProfileExport {
    /// Writes the polygon in `format`.
    pub fn write(&self, out: &mut dyn Write, format: ProfileFormat) -> io::Result<()> {
        match format {
            ProfileFormat::Csv => {
                writeln!(out, "x_mm,y_mm")?;
                for &(x, y) in self.points.iter().chain(self.points.first()) {
                    writeln!(out, "{x},{y}")?;
                }
                Ok(())
            }
            ProfileFormat::Dxf => self.write_dxf(out),
            ProfileFormat::AbaqusSurface => {
                writeln!(
                    out,
                    "** campro cam surface: {} segments, cam frame, mm; every chord within {} mm of the surface \
                     (largest found {} mm)",
                    self.points.len(),
                    self.tolerance,
                    self.max_error
                )?;
                writeln!(out, "** points run clockwise: the outward normal (the segment direction turned 90 deg")?;
                writeln!(out, "** counter-clockwise) points away from the cam, towards the follower")?;
                writeln!(out, "*SURFACE, TYPE=SEGMENTS, NAME=CAM")?;
                let Some(&(x0, y0)) = self.points.first() else { return Ok(()) };
                writeln!(out, "START, {}, {}", format_e12(x0), format_e12(y0))?;
                for &(x, y) in self.points[1..].iter().chain(self.points.first()) {
                    writeln!(out, "LINE, {}, {}", format_e12(x), format_e12(y))?;
                }
                Ok(())
            }
        }
    }

    fn write_dxf(&self, out: &mut dyn Write) -> io::Result<()> {
        use dxf::entities::{Entity, EntityType, LwPolyline};
        use dxf::enums::{AcadVersion, Units};
        use dxf::tables::Layer;
        use dxf::{Drawing, LwPolylineVertex};
        let mut drawing = Drawing::new();
        drawing.header.version = AcadVersion::R2000;
        drawing.header.default_drawing_units = Units::Millimeters;
        drawing.add_layer(Layer { name: "CAM".to_string(), ..Default::default() });
        let mut polyline = LwPolyline::default();
        polyline.set_is_closed(true);
        polyline.vertices = self.points.iter().map(|&(x, y)| LwPolylineVertex { x, y, ..Default::default() }).collect();
        let mut entity = Entity::new(EntityType::LwPolyline(polyline));
        entity.common.layer = "CAM".to_string();
        drawing.add_entity(entity);
        let mut buffer = Vec::new();
        drawing.save(&mut buffer).map_err(|e| io::Error::other(format!("DXF: {e}")))?;
        out.write_all(&buffer)
    }

    /// Writes the polygon to `path` in `format`, whole or not at all (the previous file stays
    /// untouched on any failure).
    pub fn write_file(&self, path: &Path, format: ProfileFormat) -> Result<()> {
        write_atomically(path, |out| self.write(out, format))
    }
}
