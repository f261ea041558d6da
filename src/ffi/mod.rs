//! The C ABI, and nothing else: every `extern "C"` function converts and checks its arguments,
//! calls the Rust core, and maps the outcome to a status code and a thread-local message. All of
//! campro's `unsafe` lives in this module; every entry point runs inside [`guard::boundary`] so a
//! panic becomes `CAMPRO_ERROR_INTERNAL` (or NaN) instead of unwinding into C.
//!
//! The header `include/campro.h` is generated from these items by cbindgen (see `build.rs`).

mod analysis;
mod constants;
mod errors;
mod evaluation;
mod export;
mod guard;
mod motion;
mod time;
mod types;

pub use analysis::*;
pub use constants::*;
pub use errors::*;
pub use evaluation::*;
pub use export::*;
pub use motion::*;
pub use time::*;
pub use types::*;
