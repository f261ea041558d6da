//! Reading a lift table's CSV file (`lift_table = "valve_lift.csv"` in a parameter file): rows of
//! `theta_deg,lift_mm` (cam angle in degrees, lift in mm), read with the `csv` crate. An optional
//! header row `theta_deg,lift_mm` comes first; lines starting with `#` are comments; spaces
//! around a value are ignored. The file is read bounded like a parameter file (a regular file of
//! at most [`super::MAX_PARAMETER_FILE_BYTES`]). Every bad row is named by file, line and value;
//! what the numbers must satisfy (increasing angles, ...) is the core's check, whose errors
//! [`CsvTable::name_row`] turns into file and line.

use crate::error::{Error, Result};
use std::path::Path;

/// The points of a lift-table file, and the line each came from.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct CsvTable {
    pub theta_deg: Vec<f64>,
    pub lift_mm: Vec<f64>,
    /// 1-based line of each point.
    pub lines: Vec<usize>,
}

/// The columns, in order (the optional header names them so).
const COLUMNS: [&str; 2] = ["theta_deg", "lift_mm"];

/// Reads the lift table at `path` (`shown`: the path as error messages show it).
pub(super) fn read(path: &Path, shown: &str) -> Result<CsvTable> {
    let text = super::read::text(path, super::read::FileKind::LiftTable)?;
    parse(&text, shown)
}

fn parse_error(source: &str, line: usize, key: &str, message: String) -> Error {
    Error::Parse { source_name: source.to_string(), line: Some(line), key: key.to_string(), message }
}

/// Parses the text of a lift-table file named `source`.
pub(super) fn parse(text: &str, source: &str) -> Result<CsvTable> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut table = CsvTable { theta_deg: Vec::new(), lift_mm: Vec::new(), lines: Vec::new() };
    let mut first = true;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(text, p.byte() as usize));
            parse_error(source, line, "", format!("not a CSV row: {e}"))
        })?;
        // From the byte offset (the reader's own line count skips blank lines).
        let line = record.position().map_or(0, |p| line_at(text, p.byte() as usize));
        if record.iter().all(str::is_empty) {
            continue;
        }
        if first {
            first = false;
            let header: Vec<String> = record.iter().map(str::to_ascii_lowercase).collect();
            if header == COLUMNS {
                continue;
            }
        }
        if record.len() != 2 {
            return Err(parse_error(
                source,
                line,
                "",
                format!(
                    "{} columns ({:?}): a lift table row is theta_deg,lift_mm (an optional header row names them so)",
                    record.len(),
                    record.iter().collect::<Vec<_>>().join(",")
                ),
            ));
        }
        for (column, value) in COLUMNS.iter().zip(record.iter()) {
            let number: f64 = value
                .parse()
                .map_err(|_| parse_error(source, line, column, format!("expected a number, found {value:?}")))?;
            if column == &COLUMNS[0] {
                table.theta_deg.push(number)
            } else {
                table.lift_mm.push(number)
            }
        }
        table.lines.push(line);
    }
    Ok(table)
}

/// The 1-based line of the first non-blank byte at or after `offset` of `text` (a record's
/// position may be that of the blank lines the reader skipped before it).
fn line_at(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = offset.min(bytes.len());
    while start < bytes.len() && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1
}

impl CsvTable {
    /// An error of the core's table check (`theta_deg[i]`, `lift_mm[i]`, `n`) with the file and
    /// line of that row: `valve_lift.csv:14: theta_deg (row 12)`.
    pub(super) fn name_row(&self, error: Error, source: &str) -> Error {
        let Error::InvalidParameter { field, value, reason } = error else { return error };
        let row = field.split_once('[').and_then(|(column, rest)| {
            let index: usize = rest.strip_suffix(']')?.parse().ok()?;
            Some((column.to_string(), index))
        });
        let field = match row {
            Some((column, index)) if index < self.lines.len() => {
                format!("{source}:{}: {column} (row {index})", self.lines[index])
            }
            _ if field == "n" => format!("{source}: number of rows"),
            _ => format!("{source}: {field}"),
        };
        Error::InvalidParameter { field, value, reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_comments_and_spaces() {
        let t = parse("# measured 2026\ntheta_deg, lift_mm\n0, 0.5\n\n 10 ,1.25\n", "v.csv").unwrap();
        assert_eq!(t.theta_deg, [0.0, 10.0]);
        assert_eq!(t.lift_mm, [0.5, 1.25]);
        assert_eq!(t.lines, [3, 5]);
        let t = parse("0,1\n2,3\n", "v.csv").unwrap();
        assert_eq!((t.theta_deg, t.lines), (vec![0.0, 2.0], vec![1, 2]));
    }

    #[test]
    fn bad_rows_are_named_by_file_line_and_value() {
        let e = parse("theta_deg,lift_mm\n0,1\n2,abc\n", "v.csv").unwrap_err().to_string();
        assert_eq!(e, "v.csv:3: key `lift_mm`: expected a number, found \"abc\"");
        let e = parse("0,1\n2,3,4\n", "v.csv").unwrap_err().to_string();
        assert!(e.starts_with("v.csv:2: 3 columns (\"2,3,4\")"), "{e}");
        let e = parse("angle,lift\n0,1\n", "v.csv").unwrap_err().to_string();
        assert_eq!(e, "v.csv:1: key `theta_deg`: expected a number, found \"angle\"");
        let t = parse("0,1\n1,1\n1,2\n", "v.csv").unwrap();
        let core = crate::Program::from_lift_table(&t.theta_deg, &t.lift_mm, 3000.0, 0.0).unwrap_err();
        assert!(t.name_row(core, "v.csv").to_string().starts_with("v.csv: number of rows = 3"));
    }
}
