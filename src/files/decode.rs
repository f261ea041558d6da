//! Reads a [`Document`] from text with the standard parsers (toml, serde_json) and turns their
//! errors into [`Error::Parse`] naming the file, the line and the key: syntax errors at the
//! parser's position, errors about a key (unknown, wrong type, missing, duplicate) at the line
//! where the key is written, with the value written there.

use super::locate::{KeyPath, Locator, Written};
use super::model::{Document, SEGMENT_LIST_KEYS};
use super::FileFormat;
use crate::error::{Error, Result};

/// Longest excerpt of a line a syntax error quotes.
const EXCERPT_CHARS: usize = 60;

/// Parses `text` as a parameter file in `format`; `source` names it in errors.
pub(super) fn document(text: &str, format: FileFormat, source: &str) -> Result<Document> {
    let locator = Locator::new(text, format, source);
    match format {
        FileFormat::Toml => {
            let deserializer =
                toml::de::Deserializer::parse(text).map_err(|e| toml_syntax_error(&e, &locator, text))?;
            serde_path_to_error::deserialize(deserializer).map_err(|e| {
                let line = e.inner().span().map(|span| locator.line_of(span.start));
                key_error(&locator, &KeyPath::from_serde(e.path()), e.inner().message(), line)
            })
        }
        FileFormat::Json => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let document = serde_path_to_error::deserialize(&mut deserializer)
                .map_err(|e| json_error(&locator, &KeyPath::from_serde(e.path()), e.inner()))?;
            // Only white space may follow the object.
            deserializer.end().map_err(|e| json_error(&locator, &KeyPath::default(), &e))?;
            Ok(document)
        }
    }
}

fn parse_error(locator: &Locator, line: Option<usize>, key: String, message: String) -> Error {
    Error::Parse { source_name: locator.source().to_string(), line, key, message }
}

/// A TOML syntax error: toml's message, the line, and that line as written.
fn toml_syntax_error(e: &toml::de::Error, locator: &Locator, text: &str) -> Error {
    let Some(span) = e.span() else {
        return parse_error(locator, None, String::new(), e.message().to_string());
    };
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let written = text[line_start..line_end].trim();
    let excerpt: String = written.chars().take(EXCERPT_CHARS).collect();
    let ellipsis = if written.chars().count() > EXCERPT_CHARS { "..." } else { "" };
    // A duplicate key's span is the key itself.
    let key = if e.message().starts_with("duplicate key") {
        text.get(span).unwrap_or("").trim().trim_matches(['"', '\'']).to_string()
    } else {
        String::new()
    };
    parse_error(locator, Some(locator.line_of(start)), key, format!("{}: `{excerpt}{ellipsis}`", e.message()))
}

/// A serde_json error: a syntax error at serde_json's line, anything else as a key error.
fn json_error(locator: &Locator, path: &KeyPath, e: &serde_json::Error) -> Error {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&position).unwrap_or(&full);
    let line = (e.line() > 0).then_some(e.line());
    if e.is_data() {
        key_error(locator, path, message, line)
    } else {
        let message = if e.column() > 0 { format!("{message} (column {})", e.column()) } else { message.to_string() };
        parse_error(locator, line, path.to_string(), message)
    }
}

/// What serde's derived code reports about a key (the wording of serde's `de::Error`
/// defaults, which toml and serde_json keep).
enum KeyProblem<'m> {
    Unknown { key: &'m str, expected: String },
    Missing { key: &'m str },
    Duplicate { key: &'m str },
    Other,
}

impl<'m> KeyProblem<'m> {
    fn of(message: &'m str) -> KeyProblem<'m> {
        let quoted = |prefix: &str| -> Option<(&'m str, &'m str)> {
            let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
            let end = rest.find('`')?;
            Some((&rest[..end], &rest[end + 1..]))
        };
        if let Some((key, rest)) = quoted("unknown field ") {
            let expected = match rest.strip_prefix(", expected ") {
                Some(list) => list.strip_prefix("one of ").unwrap_or(list).replace('`', ""),
                None => "none (this table takes no keys)".to_string(),
            };
            KeyProblem::Unknown { key, expected }
        } else if let Some((key, _)) = quoted("missing field ") {
            KeyProblem::Missing { key }
        } else if let Some((key, _)) = quoted("duplicate field ") {
            KeyProblem::Duplicate { key }
        } else {
            KeyProblem::Other
        }
    }
}

/// An error about the key at `path` (or, for unknown, missing and duplicate keys, about a key
/// of the table at `path`). `parser_line` is where the parser stopped, used when the key is not
/// found in the text.
fn key_error(locator: &Locator, path: &KeyPath, message: &str, parser_line: Option<usize>) -> Error {
    let (path, message, line) = match KeyProblem::of(message) {
        KeyProblem::Unknown { key, expected } => {
            let path = if path.last_key() == Some(key) { path.clone() } else { path.join(key) };
            let message = match locator.value(&path) {
                Some(Written::Table) => format!("unknown table; expected one of: {expected}"),
                Some(value) => format!("unknown key (value {value}); expected one of: {expected}"),
                None => format!("unknown key; expected one of: {expected}"),
            };
            let line = locator.exact_line(&path).or(parser_line);
            (path, message, line)
        }
        KeyProblem::Missing { key } => {
            let path = path.join(key);
            let line = locator.nearest_line(&path);
            (path, "missing required key".to_string(), line)
        }
        KeyProblem::Duplicate { key } => {
            let path = path.join(key);
            let message = if SEGMENT_LIST_KEYS.contains(&key) {
                format!("duplicate key (`{}` and `{}` name the same list)", SEGMENT_LIST_KEYS[0], SEGMENT_LIST_KEYS[1])
            } else {
                "duplicate key".to_string()
            };
            let line =
                parser_line.filter(|_| locator.format() == FileFormat::Json).or_else(|| locator.exact_line(&path));
            (path, message, line)
        }
        KeyProblem::Other => {
            let line = locator.exact_line(path).or(parser_line);
            (path.clone(), message.to_string(), line)
        }
    };
    parse_error(locator, line, path.to_string(), message)
}
