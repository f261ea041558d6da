//! Run-time choice of the instruction set the batch kernels run with: [`simd_dispatch`]
//! compiles a kernel for the baseline target, AVX2 and AVX-512, and [`simd_level`] picks the
//! widest this CPU has (capped by `CAMPRO_SIMD`).

/// Runs `$body` compiled three times: portable (the crate's baseline target), with AVX2, and
/// with AVX-512, picking the widest the CPU has. The source, and so the order of every
/// floating-point operation, is the same in all three (Rust never contracts `a * b + c` into an
/// FMA), so every tier, and the scalar path, gives the same bits.
macro_rules! simd_dispatch {
    ($vis:vis fn $name:ident<$lt:lifetime>($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $vis fn $name<$lt>($($arg: $ty),*) -> $ret {
            #[inline(always)]
            fn imp<$lt>($($arg: $ty),*) -> $ret $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2")]
                unsafe fn avx512<$lt>($($arg: $ty),*) -> $ret {
                    imp($($arg),*)
                }
                #[target_feature(enable = "avx2")]
                unsafe fn avx2<$lt>($($arg: $ty),*) -> $ret {
                    imp($($arg),*)
                }
                match crate::kernels::simd_level() {
                    // SAFETY: simd_level() reports only features the CPU has.
                    crate::kernels::SimdLevel::Avx512 => return unsafe { avx512($($arg),*) },
                    // SAFETY: as above.
                    crate::kernels::SimdLevel::Avx2 => return unsafe { avx2($($arg),*) },
                    crate::kernels::SimdLevel::Portable => {}
                }
            }
            imp($($arg),*)
        }
    };
}
pub(crate) use simd_dispatch;

/// Instruction sets the batch kernels are compiled for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SimdLevel {
    /// The crate's compile-time target (SSE2 on x86-64).
    Portable,
    /// x86-64 AVX2.
    Avx2,
    /// x86-64 AVX-512 F/DQ/VL (with FMA).
    Avx512,
}

/// The widest tier this CPU runs, capped by the `CAMPRO_SIMD` environment variable
/// (`portable`, `avx2` or `avx512`; read once), which exists to benchmark the tiers.
pub(crate) fn simd_level() -> SimdLevel {
    use std::sync::atomic::{AtomicU8, Ordering};
    static LEVEL: AtomicU8 = AtomicU8::new(u8::MAX);
    let code = LEVEL.load(Ordering::Relaxed);
    match code {
        0 => SimdLevel::Portable,
        1 => SimdLevel::Avx2,
        2 => SimdLevel::Avx512,
        _ => {
            let level = detect_simd_level();
            LEVEL.store(level as u8, Ordering::Relaxed);
            level
        }
    }
}

/// Whether scalar calls may use the CPU's fused multiply-add (which gives the same bits as
/// the plain operations it replaces where the callers use it): when the kernels run AVX2 or
/// AVX-512 (so `CAMPRO_SIMD=portable` checks the plain path) and the CPU has FMA.
pub(crate) fn scalar_fma() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static FMA: AtomicU8 = AtomicU8::new(u8::MAX);
    match FMA.load(Ordering::Relaxed) {
        0 => false,
        1 => true,
        _ => {
            let level = simd_level();
            #[allow(unused_mut)]
            let mut fma = level == SimdLevel::Avx512;
            #[cfg(all(target_arch = "x86_64", not(miri)))]
            {
                fma |= level == SimdLevel::Avx2 && is_x86_feature_detected!("fma");
            }
            FMA.store(u8::from(fma), Ordering::Relaxed);
            fma
        }
    }
}

fn detect_simd_level() -> SimdLevel {
    #[allow(unused_mut)]
    let mut level = SimdLevel::Portable;
    // Miri interprets no SIMD intrinsics: it checks the portable kernels.
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    {
        if is_x86_feature_detected!("avx2") {
            level = SimdLevel::Avx2;
        }
        // The AVX-512 kernels also use FMA (every AVX-512 CPU has it), for exact products.
        if is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512dq")
            && is_x86_feature_detected!("avx512vl")
            && is_x86_feature_detected!("fma")
        {
            level = SimdLevel::Avx512;
        }
    }
    let cap = match std::env::var("CAMPRO_SIMD").as_deref() {
        Ok("portable") => SimdLevel::Portable,
        Ok("avx2") => SimdLevel::Avx2,
        _ => SimdLevel::Avx512,
    };
    if (cap as u8) < (level as u8) {
        cap
    } else {
        level
    }
}
