//! The table labels as command-line values, checked by the library's rules
//! ([`TableLabels::validate_amplitude_name`], [`TableLabels::validate_curve_id`]) before anything
//! is sampled or written: a name that broke them could end the keyword line early (a newline,
//! `*STEP`) and inject keywords into the deck.

use campro::TableLabels;

/// An Abaqus amplitude name, as `--name` takes it.
pub(crate) fn abaqus_name(name: &str) -> Result<String, String> {
    let labels = TableLabels { amplitude_name: name.to_string(), ..TableLabels::default() };
    labels.validate_amplitude_name().map_err(|e| e.to_string())?;
    Ok(labels.amplitude_name)
}

/// An LS-DYNA load curve id, as `--curve-id` takes it.
pub(crate) fn lsdyna_curve_id(text: &str) -> Result<u32, String> {
    let rule = format!("an LS-DYNA load curve id is a whole number within 1..={}", TableLabels::MAX_CURVE_ID);
    let id: u32 = text.trim().parse().map_err(|_| format!("curve_id = {text:?}: {rule}"))?;
    TableLabels { curve_id: id, ..TableLabels::default() }.validate_curve_id().map_err(|e| e.to_string())?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abaqus_names() {
        for good in ["CAM", "c", "Cam_2", &format!("A{}", "b".repeat(79))] {
            assert_eq!(abaqus_name(good).as_deref(), Ok(good), "{good}");
        }
        for bad in ["", "2CAM", "_CAM", "CAM\n*STEP", "CAM, DEFINITION=X", "CAM*STEP", "NOCKENWELLE_Ä"] {
            let message = abaqus_name(bad).unwrap_err();
            assert!(
                message.starts_with("amplitude_name = ") && message.contains("an Abaqus name"),
                "{bad:?}: {message}"
            );
        }
        let long = abaqus_name(&format!("A{}", "b".repeat(80))).unwrap_err();
        assert!(long.contains("81 characters"), "{long}");
    }

    #[test]
    fn lsdyna_curve_ids() {
        assert_eq!(lsdyna_curve_id("1"), Ok(1));
        assert_eq!(lsdyna_curve_id("99999999"), Ok(99_999_999));
        for bad in ["0", "100000000", "-1", "1.5", "", "4294967297"] {
            let message = lsdyna_curve_id(bad).unwrap_err();
            assert!(message.starts_with("curve_id = ") && message.contains("LS-DYNA"), "{bad}: {message}");
        }
    }
}
