//! Issue 10.8: `campro_profile` over 1e6 angles against `campro_kinematics_batch` over the same
//! angles, both through the C ABI on the calling thread, in one criterion group
//! (`geometry/1000000`), then the ratio of their mean times (the goal: at most 3). Three
//! followers: translating roller, flat face, oscillating roller (the arm angle's sin/cos too).

mod common;

use campro::ffi::{
    campro_kinematics_batch, campro_motion_free, campro_motion_new, campro_parameters_default, campro_profile,
    CamproFollower, CamproMotion, CamproParameters, CamproProfilePoint, CAMPRO_FOLLOWER_OSCILLATING_ROLLER,
    CAMPRO_FOLLOWER_TRANSLATING_FLAT, CAMPRO_FOLLOWER_TRANSLATING_ROLLER, CAMPRO_OK,
};
use common::angles;
use criterion::{BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;

const N: usize = 1_000_000;

fn followers() -> [(&'static str, CamproFollower); 3] {
    let base = CamproFollower {
        kind: CAMPRO_FOLLOWER_TRANSLATING_ROLLER,
        rotation: 1,
        base_circle_radius: 30.0,
        roller_radius: 6.0,
        offset: 5.0,
        pivot_distance: 0.0,
        arm_length: 0.0,
    };
    [
        ("profile_translating_roller", base),
        ("profile_translating_flat", CamproFollower { kind: CAMPRO_FOLLOWER_TRANSLATING_FLAT, ..base }),
        (
            "profile_oscillating_roller",
            CamproFollower {
                kind: CAMPRO_FOLLOWER_OSCILLATING_ROLLER,
                offset: 0.0,
                pivot_distance: 60.0,
                arm_length: 45.0,
                ..base
            },
        ),
    ]
}

fn mean_ns(id: &str) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let path = target.join(format!("criterion/geometry/{id}/{N}/new/estimates.json"));
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let params = unsafe_default();
    let mut motion: *mut CamproMotion = std::ptr::null_mut();
    // SAFETY: valid pointers to a local struct and a local handle slot.
    assert_eq!(unsafe { campro_motion_new(&params, &mut motion) }, CAMPRO_OK);
    let theta = angles(N);
    let (mut d, mut v, mut a, mut j) = (vec![0.0; N], vec![0.0; N], vec![0.0; N], vec![0.0; N]);
    let mut out = vec![
        CamproProfilePoint {
            x: 0.0,
            y: 0.0,
            pitch_x: 0.0,
            pitch_y: 0.0,
            pressure_angle: 0.0,
            radius_of_curvature: 0.0
        };
        N
    ];
    let mut g = c.benchmark_group("geometry");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(20);
    g.bench_function(BenchmarkId::new("kinematics_batch", N), |b| {
        b.iter(|| {
            // SAFETY: live handle, arrays of N elements.
            unsafe {
                campro_kinematics_batch(
                    motion,
                    theta.as_ptr(),
                    N,
                    d.as_mut_ptr(),
                    v.as_mut_ptr(),
                    a.as_mut_ptr(),
                    j.as_mut_ptr(),
                )
            }
        })
    });
    for (name, f) in followers() {
        g.bench_function(BenchmarkId::new(name, N), |b| {
            // SAFETY: live handle, a valid follower, arrays of N elements.
            b.iter(|| unsafe { campro_profile(motion, &f, theta.as_ptr(), N, out.as_mut_ptr()) })
        });
    }
    g.finish();
    c.final_summary();
    // SAFETY: the handle came from campro_motion_new.
    unsafe { campro_motion_free(motion) };
    if let Some(base) = mean_ns("kinematics_batch") {
        println!("\ncampro_profile / campro_kinematics_batch over {N} angles (goal: at most 3):");
        for (name, _) in followers() {
            if let Some(t) = mean_ns(name) {
                println!("  {name:<28} {:>8.2} ms vs {:>8.2} ms: ratio {:.2}", t / 1e6, base / 1e6, t / base);
            }
        }
    }
}

fn unsafe_default() -> CamproParameters {
    let mut p = std::mem::MaybeUninit::<CamproParameters>::uninit();
    // SAFETY: campro_parameters_default fills every field of the struct it is given.
    unsafe {
        campro_parameters_default(p.as_mut_ptr());
        p.assume_init()
    }
}
