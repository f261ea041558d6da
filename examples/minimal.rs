//! minimal.rs - the smallest useful campro program in Rust (README.md):
//! `cargo run --release --example minimal`.

use campro::{Parameters, Program};

fn main() -> campro::Result<()> {
    let cam = Program::from_parameters(&Parameters::default())?; // 10 mm cycloidal rise over 90 deg, 3000 rpm
    let bc = cam.boundary_condition_at_time(0.00125); // 22.5 deg at 3000 rpm: mm, mm/s, mm/s^2
    println!("u = {:.6} mm, v = {:.3} mm/s, a = {:.4e} mm/s^2", bc.displacement, bc.velocity, bc.acceleration);
    Ok(())
}
