//! Numbers as the reports show them.

/// A number with about six significant digits: fixed for ordinary magnitudes, else scientific
/// (`4000`, `0.02`, `3.15827e9`).
pub(crate) fn six_digits(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let exponent = x.abs().log10().floor() as i32;
    if (-3..7).contains(&exponent) {
        let decimals = (5 - exponent).max(0) as usize;
        let s = format!("{x:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        let s = format!("{x:.5e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        format!("{m}e{e}")
    }
}

#[cfg(test)]
mod tests {
    use super::six_digits;

    #[test]
    fn numbers() {
        assert_eq!(six_digits(4000.0), "4000");
        assert_eq!(six_digits(2513274.1228), "2513274");
        assert_eq!(six_digits(3.1582734e9), "3.15827e9");
        assert_eq!(six_digits(0.02), "0.02");
        assert_eq!(six_digits(25.0), "25");
        assert_eq!(six_digits(-1.5e-5), "-1.5e-5");
    }
}
