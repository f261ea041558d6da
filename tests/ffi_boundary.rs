//! Every exported C function runs inside the panic boundary, and the header declares exactly the
//! exported functions.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Functions that only return a static string: nothing in them can panic.
const NO_GUARD_NEEDED: [&str; 2] = ["campro_version", "campro_status_name"];
/// Calls that enter the boundary (`guard::boundary`, or `status`/`value` which wrap it).
const GUARDS: [&str; 5] = ["status(", "value(", "boundary(", "guard::value(", "guard::boundary("];

struct Function {
    name: String,
    exported: bool,
    body: String,
}

fn functions(source: &str) -> Vec<Function> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("fn ") {
        let before = &rest[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let signature_line = &rest[line_start..];
        let name: String = rest[at + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let exported = signature_line.starts_with("pub unsafe extern \"C\" fn")
            || signature_line.starts_with("pub extern \"C\" fn");
        let Some(open) = rest[at..].find('{') else { break };
        let mut depth = 0;
        let mut end = at + open;
        for (i, c) in rest[at + open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push(Function { name, exported, body: rest[at + open..=end].to_string() });
        rest = &rest[end + 1..];
    }
    found
}

fn ffi_sources() -> Vec<Function> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ffi");
    let mut all = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            // Comments may mention `fn`: scan the code only.
            let code: String = fs::read_to_string(path)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            all.extend(functions(&code));
        }
    }
    all
}

#[test]
fn every_export_goes_through_the_panic_boundary() {
    let all = ffi_sources();
    // Local helpers that themselves enter the boundary.
    let guarded_helpers: BTreeSet<String> = all
        .iter()
        .filter(|f| !f.exported && GUARDS.iter().any(|g| f.body.contains(g)))
        .map(|f| format!("{}(", f.name))
        .collect();
    let exported: Vec<&Function> = all.iter().filter(|f| f.exported).collect();
    assert!(exported.len() >= 29, "found only {} exported functions", exported.len());
    for f in exported {
        if NO_GUARD_NEEDED.contains(&f.name.as_str()) {
            assert!(!f.body.contains("unwrap") && !f.body.contains("format!"), "{} must stay trivial", f.name);
            continue;
        }
        let guarded =
            GUARDS.iter().any(|g| f.body.contains(g)) || guarded_helpers.iter().any(|h| f.body.contains(h.as_str()));
        assert!(guarded, "{} does not enter the panic boundary", f.name);
    }
}

#[test]
fn header_declares_exactly_the_exported_functions() {
    let header = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/campro.h"));
    let declared: BTreeSet<String> = header
        .lines()
        .filter(|l| {
            !l.starts_with(' ')
                && !l.starts_with('#')
                && !l.starts_with("typedef")
                && l.contains("campro_")
                && l.contains('(')
        })
        .map(|l| {
            let open = l.find('(').unwrap();
            l[..open].rsplit([' ', '*']).next().unwrap().to_string()
        })
        .collect();
    let exported: BTreeSet<String> = ffi_sources().into_iter().filter(|f| f.exported).map(|f| f.name).collect();
    assert_eq!(declared, exported);
}

#[test]
fn last_error_message_truncates_and_reports_full_length() {
    use campro::ffi::*;
    let mut out: *mut CamproMotion = std::ptr::null_mut();
    let mut params = std::mem::MaybeUninit::<CamproParameters>::uninit();
    unsafe {
        campro_parameters_default(params.as_mut_ptr());
        let mut params = params.assume_init();
        params.rise_law = 99;
        assert_eq!(campro_motion_new(&params, &mut out), CAMPRO_ERROR_INVALID_PARAMETER);
        assert!(out.is_null());
        let expected = "rise_law = 99: unknown motion law (valid codes 0..7)";
        assert_eq!(campro_last_error_message(std::ptr::null_mut(), 0), expected.len());
        let mut small = [0x7f_u8 as std::ffi::c_char; 9];
        assert_eq!(campro_last_error_message(small.as_mut_ptr(), small.len()), expected.len());
        let text: Vec<u8> = small.iter().map(|&c| c as u8).collect();
        assert_eq!(&text, b"rise_law\0");
        assert!(campro_displacement(std::ptr::null(), 1.0).is_nan());
        let mut msg = [0 as std::ffi::c_char; 64];
        campro_last_error_message(msg.as_mut_ptr(), 64);
        let msg = std::ffi::CStr::from_ptr(msg.as_ptr()).to_str().unwrap();
        assert_eq!(msg, "motion is NULL");
    }
}
