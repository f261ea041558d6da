//! Where a key is written: the line of a key path such as `segments[1].end_lift` in a file's
//! text, and the value written there. Used only when there is an error to report, so it parses
//! the text again rather than carrying positions through the model.

use super::model::SEGMENT_LIST_KEYS;
use super::FileFormat;
use crate::error::Error;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt;

/// One step of a key path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// A path to a key: `rpm`, `segments[1].end_lift`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct KeyPath(pub Vec<Step>);

impl KeyPath {
    /// The path serde_path_to_error recorded, up to the first step it could not name.
    pub(super) fn from_serde(path: &serde_path_to_error::Path) -> KeyPath {
        use serde_path_to_error::Segment;
        let mut steps = Vec::new();
        for segment in path.iter() {
            steps.push(match segment {
                Segment::Seq { index } => Step::Index(*index),
                Segment::Map { key } => Step::Key(key.clone()),
                Segment::Enum { variant } => Step::Key(variant.clone()),
                Segment::Unknown => break,
            });
        }
        KeyPath(steps)
    }

    /// Parses a field name as error messages write it (`rpm`, `segments[1].end_lift`);
    /// `None` for a name that is not a path (`rise_duration + dwell_duration`).
    pub(super) fn parse(field: &str) -> Option<KeyPath> {
        let mut steps = Vec::new();
        for part in field.split('.') {
            let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                return None;
            }
            steps.push(Step::Key(key.to_string()));
            while !rest.is_empty() {
                let close = rest.find(']')?;
                steps.push(Step::Index(rest.get(1..close)?.parse().ok()?));
                rest = &rest[close + 1..];
                if !rest.is_empty() && !rest.starts_with('[') {
                    return None;
                }
            }
        }
        Some(KeyPath(steps))
    }

    /// The path with one more key.
    pub(super) fn join(&self, key: &str) -> KeyPath {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_string()));
        KeyPath(steps)
    }

    /// The last step's key, if it is one.
    pub(super) fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Step::Key(k)) => Some(k),
            _ => None,
        }
    }
}

/// `segments[1].end_lift`: the segment list is `segments` however the file spells it.
impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    let indexed = matches!(self.0.get(i + 1), Some(Step::Index(_)));
                    f.write_str(if indexed && SEGMENT_LIST_KEYS.contains(&key.as_str()) { "segments" } else { key })?;
                }
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// The keys a step may be written as (the segment list has two spellings).
fn spellings(key: &str) -> Vec<&str> {
    if SEGMENT_LIST_KEYS.contains(&key) {
        SEGMENT_LIST_KEYS.to_vec()
    } else {
        vec![key]
    }
}

/// What a walk along a key path found.
#[derive(Debug, Default)]
struct Walk {
    /// The line of each step found, in order (stops at the first step not written).
    lines: Vec<usize>,
    /// The value at the last step found.
    value: Option<Written>,
    /// Every step was found.
    complete: bool,
}

/// A value as messages show it.
#[derive(Debug)]
pub(super) enum Written {
    /// A number, string or boolean exactly as written (strings with their quotes).
    Scalar(String),
    /// An array of this many items.
    Array(usize),
    /// A table.
    Table,
}

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Written::Scalar(text) => f.write_str(text),
            Written::Array(n) => write!(f, "an array of {n} item(s)"),
            Written::Table => f.write_str("a table"),
        }
    }
}

/// Finds keys in one file's text.
pub(super) struct Locator<'a> {
    text: &'a str,
    format: FileFormat,
    source: &'a str,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str, format: FileFormat, source: &'a str) -> Locator<'a> {
        Locator { text, format, source }
    }

    /// The name of the file (or source) in messages.
    pub(super) fn source(&self) -> &str {
        self.source
    }

    /// The file's syntax.
    pub(super) fn format(&self) -> FileFormat {
        self.format
    }

    /// The line of byte `offset`.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
    }

    fn walk(&self, path: &KeyPath) -> Walk {
        let mut walk = Walk::default();
        let found = match self.format {
            FileFormat::Toml => self.walk_toml(path, &mut walk),
            FileFormat::Json => self.walk_json(path, &mut walk),
        };
        walk.complete = found.is_some();
        walk
    }

    /// The line where `path` is written; `None` if it is not.
    pub(super) fn exact_line(&self, path: &KeyPath) -> Option<usize> {
        let walk = self.walk(path);
        if walk.complete {
            walk.lines.last().copied()
        } else {
            None
        }
    }

    /// The line where `path` is written or, for a key that is not, where the nearest table or
    /// list that should hold it starts; `None` when not even its first key is written.
    pub(super) fn nearest_line(&self, path: &KeyPath) -> Option<usize> {
        self.walk(path).lines.last().copied()
    }

    /// The value written at `path`.
    pub(super) fn value(&self, path: &KeyPath) -> Option<Written> {
        let walk = self.walk(path);
        if walk.complete {
            walk.value
        } else {
            None
        }
    }

    /// Gives an error from checking the file's values the line of its key: a parse error
    /// without a line gets the nearest line of its key; an impossible value's field becomes
    /// `file:line: field`.
    pub(super) fn locate(&self, error: Error) -> Error {
        match error {
            Error::Parse { source_name, line: None, key, message } => {
                let line = KeyPath::parse(&key).and_then(|path| self.nearest_line(&path));
                Error::Parse { source_name, line, key, message }
            }
            Error::InvalidParameter { field, value, reason } => {
                let field = match KeyPath::parse(&field).and_then(|path| self.nearest_line(&path)) {
                    Some(line) => format!("{}:{line}: {field}", self.source),
                    None => format!("{}: {field}", self.source),
                };
                Error::InvalidParameter { field, value, reason }
            }
            other => other,
        }
    }

    /// Follows `path` through the TOML text, recording into `walk`; `None` at the first step
    /// that is not written.
    fn walk_toml(&self, path: &KeyPath, walk: &mut Walk) -> Option<()> {
        use toml::de::{DeTable, DeValue};
        let root = DeTable::parse(self.text).ok()?;
        let mut current: Option<&toml::Spanned<DeValue>> = None;
        for step in &path.0 {
            let next = match step {
                Step::Key(key) => {
                    let table = match current {
                        None => root.get_ref(),
                        Some(value) => value.get_ref().as_table()?,
                    };
                    let names = spellings(key);
                    let (name, value) = table.iter().find(|(name, _)| names.contains(&name.get_ref().as_ref()))?;
                    walk.lines.push(self.line_of(name.span().start));
                    value
                }
                Step::Index(index) => {
                    let item = current?.get_ref().as_array()?.get(*index)?;
                    walk.lines.push(self.line_of(item.span().start));
                    item
                }
            };
            current = Some(next);
            walk.value = Some(match next.get_ref() {
                DeValue::Table(_) => Written::Table,
                DeValue::Array(items) => Written::Array(items.len()),
                _ => Written::Scalar(self.text.get(next.span()).unwrap_or("").trim().to_string()),
            });
        }
        Some(())
    }

    /// Follows `path` through the JSON text, like [`Locator::walk_toml`].
    fn walk_json(&self, path: &KeyPath, walk: &mut Walk) -> Option<()> {
        let mut current: &'a str = self.text;
        for step in &path.0 {
            let raw: &'a RawValue = match step {
                Step::Key(key) => {
                    let members: BTreeMap<String, &'a RawValue> = serde_json::from_str(current).ok()?;
                    let value = spellings(key).iter().find_map(|name| members.get(*name).copied())?;
                    walk.lines.push(self.line_of(self.json_key_offset(value)));
                    value
                }
                Step::Index(index) => {
                    let items: Vec<&'a RawValue> = serde_json::from_str(current).ok()?;
                    let item = *items.get(*index)?;
                    walk.lines.push(self.line_of(self.offset_in_text(item.get())));
                    item
                }
            };
            current = raw.get();
            walk.value = Some(match current.as_bytes().first() {
                Some(b'{') => Written::Table,
                Some(b'[') => Written::Array(serde_json::from_str::<Vec<&RawValue>>(current).map_or(0, |v| v.len())),
                _ => Written::Scalar(current.to_string()),
            });
        }
        Some(())
    }

    /// Where `part`, a slice of the text, starts in it.
    fn offset_in_text(&self, part: &str) -> usize {
        (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// The closing quote of the key written before a member's value (`"key" : value`), or the
    /// value itself if something else precedes it.
    fn json_key_offset(&self, value: &RawValue) -> usize {
        let start = self.offset_in_text(value.get());
        let before = self.text[..start].trim_end_matches([' ', '\t', '\n', '\r']);
        match before.strip_suffix(':') {
            Some(rest) => {
                let rest = rest.trim_end_matches([' ', '\t', '\n', '\r']);
                if rest.ends_with('"') {
                    rest.len() - 1
                } else {
                    start
                }
            }
            None => start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(field: &str) -> KeyPath {
        KeyPath::parse(field).unwrap()
    }

    #[test]
    fn paths_parse_and_print() {
        assert_eq!(path("rpm").0, [Step::Key("rpm".into())]);
        assert_eq!(
            path("segments[12].end_lift").0,
            [Step::Key("segments".into()), Step::Index(12), Step::Key("end_lift".into())]
        );
        assert_eq!(path("segment[1]").to_string(), "segments[1]");
        assert_eq!(path("segment").to_string(), "segment");
        assert_eq!(path("segments.count").to_string(), "segments.count");
        for bad in ["a + b", "", "a..b", "a[x]", "a[1]b", "a[1"] {
            assert!(KeyPath::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn toml_lines_and_values() {
        let text = "rpm = 600 # speed\n\n[[segment]]\nlaw = 'cycloidal'\nduration = 1_80\n\
                    [[segment]]\nlaw = \"dwell\"\n\n[extra]\nlist = [1, 2, 3]\n";
        let l = Locator::new(text, FileFormat::Toml, "t");
        assert_eq!(l.exact_line(&path("rpm")), Some(1));
        assert_eq!(l.value(&path("rpm")).unwrap().to_string(), "600");
        assert_eq!(l.exact_line(&path("segments[0].duration")), Some(5));
        assert_eq!(l.value(&path("segments[0].duration")).unwrap().to_string(), "1_80");
        assert_eq!(l.value(&path("segment[0].law")).unwrap().to_string(), "'cycloidal'");
        assert_eq!(l.exact_line(&path("segments[1]")), Some(6));
        assert_eq!(l.exact_line(&path("segments[1].end_lift")), None);
        assert_eq!(l.nearest_line(&path("segments[1].end_lift")), Some(6));
        assert_eq!(l.nearest_line(&path("fall_duration")), None);
        assert!(matches!(l.value(&path("extra")), Some(Written::Table)));
        assert_eq!(l.value(&path("extra.list")).unwrap().to_string(), "an array of 3 item(s)");
    }

    #[test]
    fn json_lines_are_the_keys_lines() {
        let text = "{\"rpm\": 600,\n \"max_lift\":\n  [10],\n \"segment\": [\n  {\"law\": \"dwell\",\n   \"end_lift\"\n :\n 0}]}";
        let l = Locator::new(text, FileFormat::Json, "j");
        assert_eq!(l.exact_line(&path("rpm")), Some(1));
        assert_eq!(l.exact_line(&path("max_lift")), Some(2));
        assert_eq!(l.value(&path("max_lift")).unwrap().to_string(), "an array of 1 item(s)");
        assert_eq!(l.exact_line(&path("segments[0]")), Some(5));
        assert_eq!(l.value(&path("segments[0].law")).unwrap().to_string(), "\"dwell\"");
        assert_eq!(l.exact_line(&path("segments[0].end_lift")), Some(6));
        assert_eq!(l.nearest_line(&path("segments[0].duration")), Some(5));
        assert_eq!(l.exact_line(&path("segments[3]")), None);
    }
}
