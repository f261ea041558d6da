//! Parameter files: the CamProV5 design layer's `export_parameters_for_fea` export (a flat TOML
//! or JSON object of the ten design parameters, plus optional `rise_law` / `fall_law` names), and
//! a richer form with `rpm` and an explicit `[[segment]]` list (law name, duration, end lift).
//!
//! The two parsers are small, strict and hand-written for exactly the subset these files use, so
//! that every error names the key, the line (where the format has one) and the value, and the C
//! library links no parser crate. Syntax errors, unknown keys, wrong types and missing keys are
//! [`Error::Parse`]; impossible values are [`Error::InvalidParameter`] whose field is prefixed
//! with `file:line: `.

use crate::error::{Error, Result};
use crate::law::Law;
use crate::params::Parameters;
use crate::program::{Limits, Program, Segment};
use std::path::Path;

/// The syntax of a parameter file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// The TOML subset: `key = value` lines (numbers, strings, booleans), `[[segment]]` tables
    /// and `#` comments.
    Toml,
    /// JSON: one object; numbers, strings, booleans, `null`, arrays and objects.
    Json,
}

impl FileFormat {
    /// The format a file name implies: `.json` is JSON, `.toml` TOML; otherwise `None`.
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(FileFormat::Json),
            "toml" => Some(FileFormat::Toml),
            _ => None,
        }
    }

    /// Guesses from the text: a first non-blank `{` is JSON, anything else TOML.
    pub fn sniff(text: &str) -> FileFormat {
        if text.trim_start().starts_with('{') {
            FileFormat::Json
        } else {
            FileFormat::Toml
        }
    }
}

/// What a parameter file describes, validated.
#[derive(Clone, Debug, PartialEq)]
pub enum ParameterFile {
    /// The flat CamProV5 parameter set.
    Parameters(Parameters),
    /// An explicit segment list.
    Segments {
        /// The segments, in order, covering 360 degrees.
        segments: Vec<Segment>,
        /// Revolutions per minute.
        rpm: f64,
        /// Optional `velocity_limit`, `acceleration_limit`, `jerk_limit` (+infinity when absent).
        limits: Limits,
        /// Optional `base_circle_radius`, mm.
        base_circle_radius: Option<f64>,
    },
}

/// Keys of the flat form besides the ten numeric parameters.
const LAW_KEYS: [&str; 2] = ["rise_law", "fall_law"];
/// Optional top-level keys of the segment form besides `rpm` and the segment list.
const SEGMENT_FORM_OPTIONAL: [&str; 4] = ["base_circle_radius", "velocity_limit", "acceleration_limit", "jerk_limit"];
/// Keys of one segment table.
const SEGMENT_KEYS: [&str; 3] = ["law", "duration", "end_lift"];

impl ParameterFile {
    /// Parses and validates `text` in `format`; `source_name` (usually the path) starts every
    /// error message.
    pub fn parse(text: &str, format: FileFormat, source_name: &str) -> Result<ParameterFile> {
        Ok(parse_program(text, format, source_name)?.0)
    }

    /// [`ParameterFile::parse`] of TOML text.
    pub fn from_toml_str(text: &str, source_name: &str) -> Result<ParameterFile> {
        ParameterFile::parse(text, FileFormat::Toml, source_name)
    }

    /// [`ParameterFile::parse`] of JSON text.
    pub fn from_json_str(text: &str, source_name: &str) -> Result<ParameterFile> {
        ParameterFile::parse(text, FileFormat::Json, source_name)
    }

    /// Reads and parses a file; the format follows the extension (`.toml`, `.json`), else the
    /// first character (`{`: JSON).
    pub fn load(path: &Path) -> Result<ParameterFile> {
        let (text, format) = read(path)?;
        ParameterFile::parse(&text, format, &path.display().to_string())
    }

    /// The program the file describes.
    pub fn program(&self) -> Result<Program> {
        match self {
            ParameterFile::Parameters(p) => p.program(),
            ParameterFile::Segments { segments, rpm, limits, base_circle_radius } => {
                let program = Program::from_segments(segments, *rpm)?.with_limits(*limits)?;
                Ok(match base_circle_radius {
                    Some(r) => program.with_base_circle_radius(*r),
                    None => program,
                })
            }
        }
    }
}

impl Program {
    /// Loads a program from a parameter file (`.toml` or `.json`; see [`ParameterFile`]).
    /// A file that cannot be read is [`Error::Io`].
    pub fn load(path: &Path) -> Result<Program> {
        let (text, format) = read(path)?;
        Ok(parse_program(&text, format, &path.display().to_string())?.1)
    }

    /// The program of a TOML parameter text (errors name the source `<toml>`).
    pub fn from_toml_str(text: &str) -> Result<Program> {
        Ok(parse_program(text, FileFormat::Toml, "<toml>")?.1)
    }

    /// The program of a JSON parameter text (errors name the source `<json>`).
    pub fn from_json_str(text: &str) -> Result<Program> {
        Ok(parse_program(text, FileFormat::Json, "<json>")?.1)
    }
}

fn read(path: &Path) -> Result<(String, FileFormat)> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Parse {
        source_name: path.display().to_string(),
        line: None,
        key: String::new(),
        message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })?;
    let format = FileFormat::from_path(path).unwrap_or_else(|| FileFormat::sniff(&text));
    Ok((text, format))
}

fn parse_program(text: &str, format: FileFormat, source_name: &str) -> Result<(ParameterFile, Program)> {
    let members = match format {
        FileFormat::Toml => toml::parse(text, source_name)?,
        FileFormat::Json => json::parse(text, source_name)?,
    };
    Interpreter { source: source_name, lines: Vec::new() }.run(&members)
}

// ---------------------------------------------------------------------------------------------
// The document both parsers produce.

#[derive(Clone, Debug)]
enum Value {
    /// A number and its text as written.
    Number(f64, String),
    Str(String),
    Bool(bool),
    Null,
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Clone, Debug)]
struct Node {
    line: usize,
    value: Value,
}

#[derive(Clone, Debug)]
struct Member {
    key: String,
    line: usize,
    node: Node,
}

impl Value {
    /// The value as a message shows it.
    fn describe(&self) -> String {
        match self {
            Value::Number(_, raw) => raw.clone(),
            Value::Str(s) => format!("{s:?}"),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".into(),
            Value::Array(items) => format!("an array of {} item(s)", items.len()),
            Value::Object(_) => "a table".into(),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Value::Number(..) => "number",
            Value::Str(_) => "string",
            Value::Bool(_) => "boolean",
            Value::Null => "null",
            Value::Array(_) => "array",
            Value::Object(_) => "table",
        }
    }
}

fn parse_error(source: &str, line: Option<usize>, key: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Parse { source_name: source.to_string(), line, key: key.into(), message: message.into() }
}

// ---------------------------------------------------------------------------------------------
// From the document to parameters or segments.

struct Interpreter<'a> {
    source: &'a str,
    /// Field name (as the core's validation names it) -> line, for impossible-value messages.
    lines: Vec<(String, usize)>,
}

impl Interpreter<'_> {
    fn run(mut self, members: &[Member]) -> Result<(ParameterFile, Program)> {
        self.check_duplicates(members, "")?;
        let segment_list = members.iter().find(|m| m.key == "segment" || m.key == "segments");
        let file = match segment_list {
            Some(list) => self.segment_form(members, list)?,
            None => self.flat_form(members)?,
        };
        let program = file.program().map_err(|e| self.locate(e))?;
        Ok((file, program))
    }

    fn check_duplicates(&self, members: &[Member], prefix: &str) -> Result<()> {
        for (i, m) in members.iter().enumerate() {
            let same = |other: &Member| {
                other.key == m.key
                    || (matches!(m.key.as_str(), "segment" | "segments")
                        && matches!(other.key.as_str(), "segment" | "segments"))
            };
            if let Some(first) = members[..i].iter().find(|other| same(other)) {
                return Err(parse_error(
                    self.source,
                    Some(m.line),
                    format!("{prefix}{}", m.key),
                    format!("duplicate key (value {}; first given at line {})", m.node.value.describe(), first.line),
                ));
            }
        }
        Ok(())
    }

    /// Adds a `file:line: ` prefix to the field of an impossible-value error.
    fn locate(&self, error: Error) -> Error {
        match error {
            Error::InvalidParameter { field, value, reason } => {
                let field = match self.lines.iter().find(|(name, _)| *name == field) {
                    Some((_, line)) => format!("{}:{line}: {field}", self.source),
                    None => format!("{}: {field}", self.source),
                };
                Error::InvalidParameter { field, value, reason }
            }
            other => other,
        }
    }

    fn unknown_key(&self, m: &Member, prefix: &str, expected: &[&str]) -> Error {
        parse_error(
            self.source,
            Some(m.line),
            format!("{prefix}{}", m.key),
            format!("unknown key (value {}); expected one of: {}", m.node.value.describe(), expected.join(", ")),
        )
    }

    fn number(&mut self, m: &Member, field: &str) -> Result<f64> {
        match &m.node.value {
            Value::Number(x, _) => {
                self.lines.push((field.to_string(), m.line));
                Ok(*x)
            }
            other => Err(parse_error(
                self.source,
                Some(m.line),
                field,
                format!("expected a number, found {} {}", other.type_name(), other.describe()),
            )),
        }
    }

    fn law(&mut self, m: &Member, field: &str) -> Result<Law> {
        match &m.node.value {
            Value::Str(name) => {
                self.lines.push((field.to_string(), m.line));
                Law::from_name(name).ok_or_else(|| {
                    let valid: Vec<&str> = Law::ALL.iter().map(|l| l.name()).collect();
                    Error::invalid(
                        format!("{}:{}: {field}", self.source, m.line),
                        format!("{name:?}"),
                        format!("unknown motion law (valid: {})", valid.join(", ")),
                    )
                })
            }
            other => Err(parse_error(
                self.source,
                Some(m.line),
                field,
                format!("expected a law name (string), found {} {}", other.type_name(), other.describe()),
            )),
        }
    }

    fn flat_form(&mut self, members: &[Member]) -> Result<ParameterFile> {
        let mut p = Parameters::default();
        let mut expected: Vec<&str> = Parameters::NUMERIC_FIELDS.to_vec();
        expected.extend(LAW_KEYS);
        for m in members {
            match m.key.as_str() {
                "rise_law" => p.rise_law = self.law(m, "rise_law")?,
                "fall_law" => p.fall_law = self.law(m, "fall_law")?,
                key if Parameters::NUMERIC_FIELDS.contains(&key) => {
                    let value = self.number(m, key)?;
                    *p.numeric_field_mut(key).expect("a numeric field") = value;
                }
                _ => return Err(self.unknown_key(m, "", &expected)),
            }
        }
        for key in Parameters::NUMERIC_FIELDS {
            if !members.iter().any(|m| m.key == key) {
                return Err(parse_error(
                    self.source,
                    None,
                    key,
                    "missing required key (a CamProV5 parameter file gives all of: ".to_string()
                        + &Parameters::NUMERIC_FIELDS.join(", ")
                        + "; or use rpm and a [[segment]] list)",
                ));
            }
        }
        Ok(ParameterFile::Parameters(p))
    }

    fn segment_form(&mut self, members: &[Member], list: &Member) -> Result<ParameterFile> {
        let mut expected = vec!["rpm", "segment"];
        expected.extend(SEGMENT_FORM_OPTIONAL);
        let mut rpm = None;
        let mut limits = Limits::NONE;
        let mut base_circle_radius = None;
        for m in members {
            match m.key.as_str() {
                "segment" | "segments" => {}
                "rpm" => rpm = Some(self.number(m, "rpm")?),
                "base_circle_radius" => base_circle_radius = Some(self.number(m, "base_circle_radius")?),
                "velocity_limit" => limits.velocity = self.number(m, "velocity_limit")?,
                "acceleration_limit" => limits.acceleration = self.number(m, "acceleration_limit")?,
                "jerk_limit" => limits.jerk = self.number(m, "jerk_limit")?,
                _ => {
                    let mut message = self.unknown_key(m, "", &expected);
                    if Parameters::NUMERIC_FIELDS.contains(&m.key.as_str()) || LAW_KEYS.contains(&m.key.as_str()) {
                        if let Error::Parse { message: text, .. } = &mut message {
                            text.push_str(" (a file with a [[segment]] list takes no rise/dwell/fall parameters)");
                        }
                    }
                    return Err(message);
                }
            }
        }
        let rpm = rpm.ok_or_else(|| {
            parse_error(self.source, None, "rpm", "missing required key (a [[segment]] list needs the cam speed rpm)")
        })?;
        if let Some(r) = base_circle_radius {
            if !r.is_finite() || r <= 0.0 {
                return Err(self.locate(Error::invalid("base_circle_radius", r, "must be finite and > 0")));
            }
        }
        let items = match &list.node.value {
            Value::Array(items) => items,
            other => {
                return Err(parse_error(
                    self.source,
                    Some(list.line),
                    list.key.as_str(),
                    format!("expected a list of segment tables, found {} {}", other.type_name(), other.describe()),
                ))
            }
        };
        if items.is_empty() {
            return Err(parse_error(self.source, Some(list.line), list.key.as_str(), "the segment list is empty"));
        }
        let mut segments = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let prefix = format!("segments[{i}].");
            let table = match &item.value {
                Value::Object(table) => table,
                other => {
                    return Err(parse_error(
                        self.source,
                        Some(item.line),
                        format!("segments[{i}]"),
                        format!("expected a segment table, found {} {}", other.type_name(), other.describe()),
                    ))
                }
            };
            self.check_duplicates(table, &prefix)?;
            let (mut law, mut duration, mut end_lift) = (None, None, None);
            for m in table {
                let field = format!("{prefix}{}", m.key);
                match m.key.as_str() {
                    "law" => law = Some(self.law(m, &field)?),
                    "duration" => duration = Some(self.number(m, &field)?),
                    "end_lift" => end_lift = Some(self.number(m, &field)?),
                    _ => return Err(self.unknown_key(m, &prefix, &SEGMENT_KEYS)),
                }
            }
            let missing = |key: &str| {
                parse_error(
                    self.source,
                    Some(item.line),
                    format!("{prefix}{key}"),
                    format!("missing required key in the segment starting at line {} (a segment gives law, duration, end_lift)", item.line),
                )
            };
            segments.push(Segment {
                law: law.ok_or_else(|| missing("law"))?,
                duration: duration.ok_or_else(|| missing("duration"))?,
                end_lift: end_lift.ok_or_else(|| missing("end_lift"))?,
            });
        }
        Ok(ParameterFile::Segments { segments, rpm, limits, base_circle_radius })
    }
}

// ---------------------------------------------------------------------------------------------
// The TOML subset.

mod toml {
    use super::{parse_error, Member, Node, Value};
    use crate::error::Result;

    /// One line being read: the text and a cursor.
    struct Cursor<'a> {
        text: &'a str,
        pos: usize,
        line: usize,
        source: &'a str,
    }

    impl<'a> Cursor<'a> {
        fn rest(&self) -> &'a str {
            &self.text[self.pos..]
        }

        fn skip_blanks(&mut self) {
            let rest = self.rest();
            self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
        }

        fn error(&self, key: &str, message: impl Into<String>) -> crate::error::Error {
            parse_error(self.source, Some(self.line), key, message)
        }

        /// After a value or header: only blanks and a comment may follow.
        fn expect_end(&mut self, key: &str) -> Result<()> {
            self.skip_blanks();
            let rest = self.rest();
            if rest.is_empty() || rest.starts_with('#') {
                Ok(())
            } else {
                Err(self.error(key, format!("unexpected text after the value: `{}`", rest.trim_end())))
            }
        }

        fn key(&mut self) -> Result<String> {
            let rest = self.rest();
            if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let key = if quote == '"' { self.basic_string("")? } else { self.literal_string("")? };
                return Ok(key);
            }
            let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
            if len == 0 {
                return Err(self.error("", format!("expected `key = value`, found `{}`", rest.trim_end())));
            }
            self.pos += len;
            Ok(rest[..len].to_string())
        }

        fn basic_string(&mut self, key: &str) -> Result<String> {
            let rest = self.rest();
            if rest.starts_with("\"\"\"") {
                return Err(self.error(key, "multi-line strings are not supported"));
            }
            let mut out = String::new();
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        self.pos += i + 1;
                        return Ok(out);
                    }
                    '\\' => {
                        let (_, e) = chars.next().ok_or_else(|| self.error(key, "unterminated string"))?;
                        match e {
                            'b' => out.push('\u{8}'),
                            't' => out.push('\t'),
                            'n' => out.push('\n'),
                            'f' => out.push('\u{c}'),
                            'r' => out.push('\r'),
                            '"' => out.push('"'),
                            '\\' => out.push('\\'),
                            'u' | 'U' => {
                                let n = if e == 'u' { 4 } else { 8 };
                                let hex: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
                                let c = u32::from_str_radix(&hex, 16)
                                    .ok()
                                    .filter(|_| hex.len() == n)
                                    .and_then(char::from_u32)
                                    .ok_or_else(|| self.error(key, format!("invalid escape \\{e}{hex}")))?;
                                out.push(c);
                            }
                            other => return Err(self.error(key, format!("invalid escape \\{other}"))),
                        }
                    }
                    c if (c as u32) < 0x20 && c != '\t' => return Err(self.error(key, "control character in a string")),
                    c => out.push(c),
                }
            }
            Err(self.error(key, "unterminated string"))
        }

        fn literal_string(&mut self, key: &str) -> Result<String> {
            let rest = self.rest();
            if rest.starts_with("'''") {
                return Err(self.error(key, "multi-line strings are not supported"));
            }
            match rest[1..].find('\'') {
                Some(end) => {
                    self.pos += end + 2;
                    Ok(rest[1..end + 1].to_string())
                }
                None => Err(self.error(key, "unterminated string")),
            }
        }

        fn value(&mut self, key: &str) -> Result<Value> {
            let rest = self.rest();
            match rest.chars().next() {
                None | Some('#') => Err(self.error(key, "missing value after `=`")),
                Some('"') => Ok(Value::Str(self.basic_string(key)?)),
                Some('\'') => Ok(Value::Str(self.literal_string(key)?)),
                Some('[') | Some('{') => Err(self.error(
                    key,
                    format!(
                        "arrays and inline tables are not supported here (value `{}`)",
                        rest.split('#').next().unwrap_or("").trim()
                    ),
                )),
                Some(_) => {
                    let len = rest.find([' ', '\t', '#']).unwrap_or(rest.len());
                    let word = &rest[..len];
                    self.pos += len;
                    match word {
                        "true" => Ok(Value::Bool(true)),
                        "false" => Ok(Value::Bool(false)),
                        _ => match number(word) {
                            Some(x) => Ok(Value::Number(x, word.to_string())),
                            None => Err(self
                                .error(key, format!("invalid value `{word}` (expected a number or a quoted string)"))),
                        },
                    }
                }
            }
        }
    }

    /// A TOML integer or float (decimal only), `inf` and `nan` with an optional sign.
    fn number(word: &str) -> Option<f64> {
        let unsigned = word.strip_prefix(['+', '-']).unwrap_or(word);
        let negative = word.starts_with('-');
        match unsigned {
            "inf" => return Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY }),
            "nan" => return Some(f64::NAN),
            _ => {}
        }
        // digits with single underscores between digits
        fn digits(s: &str) -> bool {
            !s.is_empty()
                && !s.starts_with('_')
                && !s.ends_with('_')
                && !s.contains("__")
                && s.chars().all(|c| c.is_ascii_digit() || c == '_')
        }
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
            None => (unsigned, None),
        };
        let (int, frac) = match mantissa.find('.') {
            Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
            None => (mantissa, None),
        };
        let int_ok = digits(int) && (int == "0" || !int.starts_with('0'));
        let frac_ok = frac.is_none_or(digits);
        let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
        if !(int_ok && frac_ok && exp_ok) {
            return None;
        }
        word.replace('_', "").parse::<f64>().ok()
    }

    /// Parses the subset: top-level `key = value` lines, then `[[segment]]` tables.
    pub(super) fn parse(text: &str, source: &str) -> Result<Vec<Member>> {
        let mut top: Vec<Member> = Vec::new();
        let mut tables: Vec<(String, usize, Vec<Member>)> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
            let mut c = Cursor { text: raw, pos: 0, line, source };
            c.skip_blanks();
            let rest = c.rest();
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            if let Some(header) = rest.strip_prefix("[[") {
                let close = header.find("]]").ok_or_else(|| c.error("", "unterminated table header `[[`"))?;
                let name = header[..close].trim();
                if name != "segment" && name != "segments" {
                    return Err(c.error(name, "unknown table (the only table is [[segment]])"));
                }
                c.pos += 2 + close + 2;
                c.expect_end(name)?;
                tables.push((name.to_string(), line, Vec::new()));
                continue;
            }
            if rest.starts_with('[') {
                let name = rest.trim_start_matches('[').split(']').next().unwrap_or("").trim();
                return Err(c.error(name, "unknown table (the only table is [[segment]], an array of tables)"));
            }
            let key = c.key()?;
            c.skip_blanks();
            if c.rest().starts_with('.') {
                return Err(c.error(&key, "dotted keys are not supported"));
            }
            if !c.rest().starts_with('=') {
                return Err(c.error(&key, format!("expected `=` after the key, found `{}`", c.rest().trim_end())));
            }
            c.pos += 1;
            c.skip_blanks();
            let value = c.value(&key)?;
            c.expect_end(&key)?;
            let member = Member { key, line, node: Node { line, value } };
            match tables.last_mut() {
                Some((_, _, table)) => table.push(member),
                None => top.push(member),
            }
        }
        if let Some((name, first_line, _)) = tables.first() {
            if let Some(m) = top.iter().find(|m| m.key == "segment" || m.key == "segments") {
                return Err(parse_error(
                    source,
                    Some(m.line),
                    m.key.as_str(),
                    format!("defined both as a key (value {}) and as [[{name}]] tables", m.node.value.describe()),
                ));
            }
            let items = tables
                .iter()
                .map(|(_, line, table)| Node { line: *line, value: Value::Object(table.clone()) })
                .collect();
            top.push(Member {
                key: name.clone(),
                line: *first_line,
                node: Node { line: *first_line, value: Value::Array(items) },
            });
        }
        Ok(top)
    }
}

// ---------------------------------------------------------------------------------------------
// JSON.

mod json {
    use super::{parse_error, Member, Node, Value};
    use crate::error::{Error, Result};

    struct Parser<'a> {
        bytes: &'a [u8],
        text: &'a str,
        pos: usize,
        line: usize,
        source: &'a str,
    }

    /// How deep arrays and objects may nest (a parameter file needs 3).
    const MAX_DEPTH: usize = 64;

    impl Parser<'_> {
        fn error(&self, message: impl Into<String>) -> Error {
            parse_error(self.source, Some(self.line), "", message)
        }

        fn skip_ws(&mut self) {
            while let Some(&b) = self.bytes.get(self.pos) {
                match b {
                    b'\n' => self.line += 1,
                    b' ' | b'\t' | b'\r' => {}
                    _ => break,
                }
                self.pos += 1;
            }
        }

        fn found(&self) -> String {
            match self.text[self.pos..].chars().next() {
                None => "the end of the file".into(),
                Some(c) => format!("`{c}`"),
            }
        }

        fn expect(&mut self, b: u8) -> Result<()> {
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b) {
                self.pos += 1;
                Ok(())
            } else {
                Err(self.error(format!("expected `{}`, found {}", b as char, self.found())))
            }
        }

        fn value(&mut self, depth: usize) -> Result<Node> {
            self.skip_ws();
            if depth > MAX_DEPTH {
                return Err(self.error("nested too deeply"));
            }
            let line = self.line;
            let value = match self.bytes.get(self.pos) {
                Some(b'{') => Value::Object(self.object(depth)?),
                Some(b'[') => {
                    self.pos += 1;
                    let mut items = Vec::new();
                    self.skip_ws();
                    if self.bytes.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                    } else {
                        loop {
                            items.push(self.value(depth + 1)?);
                            self.skip_ws();
                            match self.bytes.get(self.pos) {
                                Some(b',') => self.pos += 1,
                                Some(b']') => {
                                    self.pos += 1;
                                    break;
                                }
                                _ => {
                                    return Err(
                                        self.error(format!("expected `,` or `]` in an array, found {}", self.found()))
                                    )
                                }
                            }
                        }
                    }
                    Value::Array(items)
                }
                Some(b'"') => Value::Str(self.string()?),
                Some(b't') if self.text[self.pos..].starts_with("true") => {
                    self.pos += 4;
                    Value::Bool(true)
                }
                Some(b'f') if self.text[self.pos..].starts_with("false") => {
                    self.pos += 5;
                    Value::Bool(false)
                }
                Some(b'n') if self.text[self.pos..].starts_with("null") => {
                    self.pos += 4;
                    Value::Null
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return Err(self.error(format!("expected a value, found {}", self.found()))),
            };
            Ok(Node { line, value })
        }

        fn object(&mut self, depth: usize) -> Result<Vec<Member>> {
            self.expect(b'{')?;
            let mut members = Vec::new();
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b'}') {
                self.pos += 1;
                return Ok(members);
            }
            loop {
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b'"') {
                    return Err(self.error(format!("expected a quoted key, found {}", self.found())));
                }
                let line = self.line;
                let key = self.string()?;
                self.expect(b':').map_err(|e| self.with_key(e, &key))?;
                let node = self.value(depth + 1).map_err(|e| self.with_key(e, &key))?;
                members.push(Member { key, line, node });
                self.skip_ws();
                match self.bytes.get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        return Ok(members);
                    }
                    _ => return Err(self.error(format!("expected `,` or `}}` in an object, found {}", self.found()))),
                }
            }
        }

        fn with_key(&self, error: Error, key: &str) -> Error {
            match error {
                Error::Parse { source_name, line, key: k, message } if k.is_empty() => {
                    Error::Parse { source_name, line, key: key.to_string(), message }
                }
                other => other,
            }
        }

        fn string(&mut self) -> Result<String> {
            self.pos += 1; // the opening quote
            let mut out = String::new();
            loop {
                let c = self.text[self.pos..].chars().next().ok_or_else(|| self.error("unterminated string"))?;
                self.pos += c.len_utf8();
                match c {
                    '"' => return Ok(out),
                    '\\' => {
                        let e =
                            self.text[self.pos..].chars().next().ok_or_else(|| self.error("unterminated string"))?;
                        self.pos += e.len_utf8();
                        match e {
                            '"' => out.push('"'),
                            '\\' => out.push('\\'),
                            '/' => out.push('/'),
                            'b' => out.push('\u{8}'),
                            'f' => out.push('\u{c}'),
                            'n' => out.push('\n'),
                            'r' => out.push('\r'),
                            't' => out.push('\t'),
                            'u' => {
                                let unit = self.hex4()?;
                                let c = if (0xD800..0xDC00).contains(&unit) {
                                    if !self.text[self.pos..].starts_with("\\u") {
                                        return Err(self.error("unpaired surrogate in \\u escape"));
                                    }
                                    self.pos += 2;
                                    let low = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&low) {
                                        return Err(self.error("unpaired surrogate in \\u escape"));
                                    }
                                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                                } else {
                                    char::from_u32(unit)
                                };
                                out.push(c.ok_or_else(|| self.error("invalid \\u escape"))?);
                            }
                            other => return Err(self.error(format!("invalid escape \\{other}"))),
                        }
                    }
                    c if (c as u32) < 0x20 => return Err(self.error("control character in a string")),
                    c => out.push(c),
                }
            }
        }

        fn hex4(&mut self) -> Result<u32> {
            let hex = self.text.get(self.pos..self.pos + 4).ok_or_else(|| self.error("invalid \\u escape"))?;
            let unit = u32::from_str_radix(hex, 16).map_err(|_| self.error(format!("invalid \\u escape \\u{hex}")))?;
            self.pos += 4;
            Ok(unit)
        }

        fn number(&mut self) -> Result<Value> {
            let start = self.pos;
            let digits = |p: &mut Self| {
                let from = p.pos;
                while p.bytes.get(p.pos).is_some_and(u8::is_ascii_digit) {
                    p.pos += 1;
                }
                p.pos - from
            };
            if self.bytes[self.pos] == b'-' {
                self.pos += 1;
            }
            let int_start = self.pos;
            let n = digits(self);
            let mut ok = n > 0 && !(n > 1 && self.bytes[int_start] == b'0');
            if self.bytes.get(self.pos) == Some(&b'.') {
                self.pos += 1;
                ok &= digits(self) > 0;
            }
            if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
                self.pos += 1;
                if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                    self.pos += 1;
                }
                ok &= digits(self) > 0;
            }
            // A number runs up to a delimiter; anything else glued to it is malformed.
            while self.bytes.get(self.pos).is_some_and(|b| !b" \t\r\n,]}".contains(b)) {
                self.pos += 1;
                ok = false;
            }
            let raw = &self.text[start..self.pos];
            match raw.parse::<f64>() {
                Ok(x) if ok => Ok(Value::Number(x, raw.to_string())),
                _ => Err(self.error(format!("invalid number `{raw}`"))),
            }
        }
    }

    /// Parses one JSON object (the whole text) into its members.
    pub(super) fn parse(text: &str, source: &str) -> Result<Vec<Member>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut p = Parser { bytes: text.as_bytes(), text, pos: 0, line: 1, source };
        p.skip_ws();
        if p.bytes.get(p.pos) != Some(&b'{') {
            return Err(p.error(format!("a parameter file is one JSON object; found {}", p.found())));
        }
        let members = p.object(0)?;
        p.skip_ws();
        if p.pos < p.bytes.len() {
            return Err(p.error(format!("unexpected text after the object: {}", p.found())));
        }
        Ok(members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_numbers() {
        let file = "rpm = 1_500.5e0\n[[segment]]\nlaw = 'cycloidal'\nduration = 180 # rise\nend_lift = +5\n\
                    [[segment]]\nlaw = \"cycloidal\"\nduration = 180.0\nend_lift = 0\n";
        match ParameterFile::from_toml_str(file, "t").unwrap() {
            ParameterFile::Segments { segments, rpm, .. } => {
                assert_eq!(rpm, 1500.5);
                assert_eq!(segments.len(), 2);
                assert_eq!(segments[0].end_lift, 5.0);
            }
            other => panic!("{other:?}"),
        }
        for bad in ["01", "1__0", "_1", "1.", ".5", "0x10", "1e", "1979-05-27"] {
            assert!(toml::parse(&format!("rpm = {bad}\n"), "t").is_err(), "{bad}");
        }
    }

    #[test]
    fn json_syntax_errors_have_lines() {
        let err = ParameterFile::from_json_str("{\n  \"rpm\": 3000,\n  \"max_lift\": 1.2.3\n}", "j").unwrap_err();
        assert!(matches!(err, Error::Parse { line: Some(3), .. }), "{err}");
        let err = ParameterFile::from_json_str("{\n \"rpm\": 3000,\n}", "j").unwrap_err();
        assert!(matches!(err, Error::Parse { line: Some(3), .. }), "{err}");
        let err = ParameterFile::from_json_str("{\"a\": 1} x", "j").unwrap_err();
        assert!(err.to_string().contains("unexpected text"), "{err}");
    }
}
