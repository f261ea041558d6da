//! The dynamics calls allocate nothing: scalar contact force and torque, their batches, the
//! check, spring sizing and the speed limit, through the Rust API and the C ABI. Runs without the
//! libtest harness (`harness = false`), so only this thread allocates, as in tests/zero_alloc.rs.

use campro::ffi::*;
use campro::{FollowerDynamics, Parameters, Program};
#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::count;

fn main() {
    let program = Program::from_parameters(&Parameters::default()).unwrap();
    let follower = FollowerDynamics {
        mass: 0.0657,
        spring_rate: 20.0,
        spring_preload: 250.0,
        damping: 0.0036,
        external_force: 1.0,
    };
    let c = CamproFollowerDynamics {
        mass: follower.mass,
        spring_rate: follower.spring_rate,
        spring_preload: follower.spring_preload,
        damping: follower.damping,
        external_force: follower.external_force,
    };
    let motion = unsafe {
        let mut params = std::mem::MaybeUninit::<CamproParameters>::uninit();
        campro_parameters_default(params.as_mut_ptr());
        let mut m = std::ptr::null_mut();
        assert_eq!(campro_motion_new(params.as_ptr(), &mut m), CAMPRO_OK);
        m
    };
    let theta: Vec<f64> = (0..5000).map(|i| i as f64 * 0.37 - 300.0).collect();
    let mut out = vec![0.0; theta.len()];
    let mut report = std::mem::MaybeUninit::<CamproDynamicsReport>::uninit();
    let mut sizing = std::mem::MaybeUninit::<CamproSpringSizing>::uninit();
    let mut limit = std::mem::MaybeUninit::<CamproSpeedLimit>::uninit();
    let mut run = || {
        let d = program.dynamics(&follower).unwrap();
        let mut sink = 0.0;
        for &t in theta.iter().take(100) {
            sink += d.contact_force(t) + d.cam_torque(t);
            unsafe { sink += campro_contact_force(motion, &c, t) + campro_cam_torque(motion, &c, t) };
        }
        std::hint::black_box(sink);
        d.contact_force_batch(&theta, &mut out).unwrap();
        d.cam_torque_batch(&theta, &mut out).unwrap();
        std::hint::black_box(d.check(36_000).unwrap());
        std::hint::black_box(d.size_spring(12.5, 6000.0, 1.2, 3600).unwrap());
        std::hint::black_box(d.size_preload(6000.0, 1.2, 3600).unwrap());
        std::hint::black_box(program.max_rpm_within_limits(program.limits(), 3600).unwrap());
        unsafe {
            let n = theta.len();
            assert_eq!(campro_contact_force_batch(motion, &c, theta.as_ptr(), out.as_mut_ptr(), n), CAMPRO_OK);
            assert_eq!(campro_cam_torque_batch(motion, &c, theta.as_ptr(), out.as_mut_ptr(), n), CAMPRO_OK);
            assert_eq!(campro_dynamics_check(motion, &c, 3600, report.as_mut_ptr()), CAMPRO_OK);
            assert_eq!(campro_size_spring(motion, &c, 12.5, 6000.0, 1.0, 3600, sizing.as_mut_ptr()), CAMPRO_OK);
            assert_eq!(campro_size_preload(motion, &c, 6000.0, 1.0, 3600, sizing.as_mut_ptr()), CAMPRO_OK);
            assert_eq!(campro_max_rpm_within_limits(motion, 100.0, 500.0, 1000.0, 3600, limit.as_mut_ptr()), CAMPRO_OK);
        }
    };
    run(); // warm up (thread-locals, lazy statics)
    let (allocations, bytes) = count(run);
    assert_eq!((allocations, bytes), (0, 0), "the dynamics calls allocated");
    unsafe { campro_motion_free(motion) };
    println!("dynamics_alloc: 1 passed, 0 failed");
}
