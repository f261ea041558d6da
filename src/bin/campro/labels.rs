//! The solvers' naming rules for the labels a table carries, checked before anything is written:
//! a name that broke them could end the keyword line early (a newline, `*STEP`) and inject
//! keywords into the deck. (The library gains the same check with its table writer; this one
//! is then replaced by it.)

/// The longest Abaqus (and CalculiX) name.
pub(crate) const ABAQUS_NAME_MAX_CHARS: usize = 80;
/// The largest LS-DYNA load curve id (8 digits).
pub(crate) const LSDYNA_CURVE_ID_MAX: u32 = 99_999_999;

/// An Abaqus amplitude name: a letter first, then letters, digits and underscores, at most 80.
pub(crate) fn abaqus_name(name: &str) -> Result<String, String> {
    let rule = "an Abaqus name is a letter followed by letters, digits and underscores, at most 80 characters";
    let Some(first) = name.chars().next() else {
        return Err(format!("empty ({rule})"));
    };
    if !first.is_ascii_alphabetic() {
        return Err(format!("starts with {first:?} ({rule})"));
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        return Err(format!("contains {bad:?} ({rule})"));
    }
    let length = name.chars().count();
    if length > ABAQUS_NAME_MAX_CHARS {
        return Err(format!("{length} characters ({rule})"));
    }
    Ok(name.to_string())
}

/// An LS-DYNA load curve id: 1 to 99 999 999.
pub(crate) fn lsdyna_curve_id(text: &str) -> Result<u32, String> {
    let rule = format!("an LS-DYNA curve id is a whole number from 1 to {LSDYNA_CURVE_ID_MAX}");
    match text.trim().parse::<u64>() {
        Ok(id) if (1..=u64::from(LSDYNA_CURVE_ID_MAX)).contains(&id) => Ok(id as u32),
        _ => Err(rule),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abaqus_names() {
        for good in ["CAM", "c", "Cam_2", &format!("A{}", "b".repeat(79))] {
            assert_eq!(abaqus_name(good).as_deref(), Ok(good), "{good}");
        }
        for (bad, why) in [
            ("", "empty"),
            ("2CAM", "starts with '2'"),
            ("_CAM", "starts with '_'"),
            ("CAM\n*STEP", "contains '\\n'"),
            ("CAM, DEFINITION=X", "contains ','"),
            ("CAM*STEP", "contains '*'"),
            ("NOCKENWELLE_Ä", "contains 'Ä'"),
            (&format!("A{}", "b".repeat(80)), "81 characters"),
        ] {
            let message = abaqus_name(bad).unwrap_err();
            assert!(message.starts_with(why), "{bad:?}: {message}");
        }
    }

    #[test]
    fn lsdyna_curve_ids() {
        assert_eq!(lsdyna_curve_id("1"), Ok(1));
        assert_eq!(lsdyna_curve_id("99999999"), Ok(99_999_999));
        for bad in ["0", "100000000", "-1", "1.5", "", "4294967297"] {
            assert!(lsdyna_curve_id(bad).is_err(), "{bad}");
        }
    }
}
