//! The committed C header is exactly what cbindgen generates from the current sources.

#[test]
fn committed_header_is_fresh() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/campro.h"));
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/include/campro.h"))
        .expect("include/campro.h exists");
    assert!(
        generated == committed,
        "include/campro.h is stale: regenerate it with `CAMPRO_UPDATE_HEADER=1 cargo build` and commit it"
    );
}

#[test]
fn header_declares_every_function_of_the_contract() {
    let header = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/campro.h"));
    for name in [
        "const char *campro_version(void);",
        "const char *campro_status_name(int32_t status);",
        "size_t campro_last_error_message(char *buffer, size_t capacity);",
        "void campro_parameters_default(struct CamproParameters *out);",
        "int32_t campro_motion_new(const struct CamproParameters *params, struct CamproMotion **out);",
        "int32_t campro_motion_from_segments(const struct CamproSegment *segments, size_t count, double rpm, struct CamproMotion **out);",
        "int32_t campro_motion_load(const char *path, struct CamproMotion **out);",
        "void campro_motion_free(struct CamproMotion *motion);",
        "double campro_displacement(const struct CamproMotion *motion, double theta_deg);",
        "double campro_velocity(const struct CamproMotion *motion, double theta_deg);",
        "double campro_acceleration(const struct CamproMotion *motion, double theta_deg);",
        "double campro_jerk(const struct CamproMotion *motion, double theta_deg);",
        "struct CamproKinematics campro_kinematics(const struct CamproMotion *motion, double theta_deg);",
        "int32_t campro_displacement_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_velocity_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_acceleration_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_jerk_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_displacement_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_velocity_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_acceleration_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_jerk_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_kinematics_parallel(const struct CamproMotion *motion, const double *theta_deg, size_t n, double *displacement, double *velocity, double *acceleration, double *jerk);",
        "struct CamproBoundaryCondition campro_boundary_condition_at_time(const struct CamproMotion *motion, double time_s);",
        "int32_t campro_boundary_conditions(const struct CamproMotion *motion, const double *time_s, size_t n, struct CamproBoundaryCondition *out);",
        "double campro_bc_displacement(double time_s, void *motion);",
        "double campro_bc_velocity(double time_s, void *motion);",
        "double campro_bc_acceleration(double time_s, void *motion);",
        "int32_t campro_analyze_kinematics(const struct CamproMotion *motion, size_t num_points, struct CamproAnalysis *out);",
        "int32_t campro_set_num_threads(size_t n);",
        "typedef double (*CamproTimeFunction)(double time_s, void *ctx);",
        // --- time integrals (0.2, issue 12) ---
        "int32_t campro_displacement_time_integrals(const struct CamproMotion *motion, double t0_s, double t1_s, double *integral, double *double_integral);",
    ] {
        assert!(header.contains(name), "the header lacks `{name}`");
    }
}

/// Every name the header declares: `#define`s, struct / enum / union tags, enumerators, typedef
/// names, functions and variables. Comments are skipped; parameter and member names are not
/// declarations at file scope and are left out.
fn declared_names(header: &str) -> Vec<String> {
    let code = strip_comments(header);
    let mut names = Vec::new();
    let mut body = String::new();
    for line in code.lines() {
        let trimmed = line.trim_start();
        if let Some(directive) = trimmed.strip_prefix('#') {
            let mut words = directive.split_whitespace();
            match words.next() {
                Some("define") => names.push(words.next().unwrap_or("").split('(').next().unwrap_or("").to_string()),
                Some("include") => names.push(format!("#include {}", words.next().unwrap_or(""))),
                Some("if" | "ifdef" | "ifndef" | "endif" | "else" | "elif") => {}
                other => names.push(format!("#{}", other.unwrap_or(""))),
            }
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    // The C++ linkage block is transparent.
    let body = body.replace("extern \"C\" {", " ");
    let tokens = tokenize(&body);
    // Split into file-scope declarations at `;` outside braces (the one unmatched `}` closes the
    // extern "C" block).
    let mut declaration: Vec<&str> = Vec::new();
    let mut depth = 0i32;
    for token in &tokens {
        match token.as_str() {
            "{" => depth += 1,
            "}" if depth == 0 => continue,
            "}" => depth -= 1,
            _ => {}
        }
        declaration.push(token);
        if token == ";" && depth == 0 {
            names.extend(names_of(&declaration));
            declaration.clear();
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
            out.push(' ');
        } else if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |end| &after[end..]);
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_alphanumeric() || **c == '_') {
                word.push(c);
                chars.next();
            }
            tokens.push(word);
        } else {
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
            chars.next();
        }
    }
    tokens
}

fn is_identifier(token: &str) -> bool {
    token.starts_with(|c: char| c.is_alphabetic() || c == '_')
}

/// The names one file-scope declaration introduces.
fn names_of(tokens: &[&str]) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut enum_body = false;
    for (i, &token) in tokens.iter().enumerate() {
        match token {
            "struct" | "enum" | "union" => {
                if let Some(tag) = tokens.get(i + 1).filter(|t| is_identifier(t)) {
                    names.push(tag.to_string());
                }
                enum_body = token == "enum" && tokens[i + 1..].iter().take(2).any(|t| *t == "{");
            }
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                enum_body = false;
            }
            // Enumerators: the identifiers that open each comma-separated item of an enum body.
            _ if enum_body && depth == 1 && is_identifier(token) && matches!(tokens[i - 1], "{" | ",") => {
                names.push(token.to_string())
            }
            _ => {}
        }
    }
    // Outside any braces: a function pointer typedef `(*name)`, a function `name(`, or else the
    // last identifier before `;` (typedef name or variable).
    let outer: Vec<&str> = {
        let mut depth = 0;
        tokens
            .iter()
            .filter(|t| {
                let inside = depth > 0;
                match **t {
                    "{" => depth += 1,
                    "}" => depth -= 1,
                    _ => {}
                }
                !inside && **t != "{" && **t != "}"
            })
            .copied()
            .collect()
    };
    if let Some(p) = outer.windows(2).position(|w| w == ["(", "*"]) {
        names.push(outer.get(p + 2).unwrap_or(&"").to_string());
    } else if let Some(p) = outer.iter().position(|t| *t == "(") {
        names.push(outer[..p].last().unwrap_or(&"").to_string());
    } else if let Some(last) = outer.iter().rev().find(|t| is_identifier(t)) {
        // `struct Tag { ... };` declares only its tag (counted above).
        let tag_only = outer.len() == 3 && matches!(outer[0], "struct" | "enum" | "union");
        if !tag_only {
            names.push(last.to_string());
        }
    }
    names
}

fn outside_campro_namespace(header: &str) -> Vec<String> {
    declared_names(header)
        .into_iter()
        .filter(|name| {
            let standard = matches!(name.as_str(), "#include <stdint.h>" | "#include <stddef.h>");
            let ours = ["campro_", "Campro", "CAMPRO_"].iter().any(|p| name.starts_with(p));
            !(standard || ours)
        })
        .collect()
}

/// issue 15: the header declared `Table_MAX_POINTS`, `Table_RAMP_FRACTION`,
/// `Table_MIN_RELATIVE_TOLERANCE` and `struct TableFormat` beside campro's own names.
#[test]
fn header_declares_only_campro_names() {
    let header = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/campro.h"));
    let names = declared_names(header);
    // The parser sees the whole surface (else an empty list would pass).
    for expected in [
        "CAMPRO_H",
        "CAMPRO_OK",
        "CamproMotion",
        "CamproParameters",
        "CamproTimeFunction",
        "campro_version",
        "campro_export_table_report",
        "#include <stdint.h>",
    ] {
        assert!(names.iter().any(|n| n == expected), "the parser missed {expected}: {names:?}");
    }
    let foreign = outside_campro_namespace(header);
    assert!(foreign.is_empty(), "include/campro.h declares names outside campro_/Campro/CAMPRO_: {foreign:?}");
}

/// The namespace check catches each kind of foreign declaration.
#[test]
fn namespace_check_catches_every_kind_of_declaration() {
    let header = r#"
#ifndef CAMPRO_H
#define CAMPRO_H
#include <stdint.h>
#include <stdio.h>
#define Table_MAX_POINTS 20000000 /* issue 15 */
#define CAMPRO_OK 0
typedef struct TableFormat TableFormat;
typedef struct CamproMotion CamproMotion;
typedef enum CamproLaw { CAMPRO_LAW_DWELL = 0, LAW_CYCLOIDAL = 1 } CamproLaw;
enum Colour { CAMPRO_RED, GREEN };
struct CamproPoint { double x, y; };
typedef double (*TimeFunction)(double time_s, void *ctx);
typedef double (*CamproTimeFunction)(double time_s, void *ctx);
typedef int32_t status_t;
#ifdef __cplusplus
extern "C" {
#endif
extern const double table_tolerance;
int32_t campro_version(void);
double evaluate(const struct CamproMotion *motion, struct Helper *h);
// double commented_out(void);
#ifdef __cplusplus
}
#endif
#endif
"#;
    let mut foreign = outside_campro_namespace(header);
    foreign.sort();
    let mut want = vec![
        "#include <stdio.h>",
        "Colour",
        "GREEN",
        "Helper",
        "LAW_CYCLOIDAL",
        "TableFormat",
        "TableFormat",
        "Table_MAX_POINTS",
        "TimeFunction",
        "evaluate",
        "status_t",
        "table_tolerance",
    ];
    want.sort();
    assert_eq!(foreign, want);
}
