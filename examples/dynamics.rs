//! dynamics.rs - will the follower stay on the cam? (README.md, "Follower dynamics"):
//! `cargo run --release --example dynamics`.

use campro::Program;
use std::path::Path;

fn main() -> campro::Result<()> {
    let (cam, follower) = Program::load_with_dynamics(Path::new("examples/params/valve_dynamics.toml"))?;
    let d = cam.dynamics(&follower.expect("the file has a [dynamics] table"))?;
    println!(
        "contact force at 67.5 deg: {:.3} N, cam torque at 30 deg: {:.2} N*mm",
        d.contact_force(67.5),
        d.cam_torque(30.0)
    );
    let r = d.check(3600)?;
    let separation = if r.separation { "yes" } else { "no" };
    println!(
        "min contact force {:.3} N at {:.1} deg; jump speed {:.1} rpm; separation at 3000 rpm: {separation}",
        r.min_contact_force, r.min_contact_force_at, r.jump_rpm
    );
    let s = d.size_spring(12.5, 6000.0, 1.2, 3600)?;
    println!(
        "spring for 6000 rpm (preload/rate 12.5 mm, safety 1.2): {:.3} N/mm, preload {:.3} N",
        s.spring_rate, s.spring_preload
    );
    Ok(())
}
