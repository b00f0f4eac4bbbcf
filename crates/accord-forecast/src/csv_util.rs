//! Shared pieces of the two CSV readers: splitting text into trimmed records that know their
//! line, and reading numbers out of cells with errors that name line and column.

use crate::error::CsvError;

/// One non-blank CSV record: its 1-based line and its trimmed, unquoted cells.
#[derive(Debug)]
pub(crate) struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in 0-based field `index`, or `None` when the line ends before it.
    pub fn cell(&self, index: usize) -> Option<&str> {
        self.cells.get(index).map(String::as_str)
    }

    /// The number of cells up to the last non-empty one (trailing commas dropped).
    pub fn len_without_trailing_empty(&self) -> usize {
        self.cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1)
    }

    /// The cell in 0-based field `index` as text; an absent or empty cell is an error.
    pub fn text(&self, index: usize, name: &str) -> Result<&str, CsvError> {
        match self.cell(index) {
            Some(c) if !c.is_empty() => Ok(c),
            _ => Err(CsvError::MissingValue {
                line: self.line,
                column: index + 1,
                name: name.to_owned(),
            }),
        }
    }

    /// The cell in 0-based field `index` as a finite number.
    pub fn number(&self, index: usize, name: &str) -> Result<f64, CsvError> {
        let text = self.text(index, name)?;
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(CsvError::NotANumber {
                line: self.line,
                column: index + 1,
                name: name.to_owned(),
                found: text.to_owned(),
            }),
        }
    }

    /// The cell in 0-based field `index` as a finite number within `[lo, hi]`.
    pub fn number_in(
        &self,
        index: usize,
        name: &str,
        lo: f64,
        hi: f64,
        expected: &'static str,
    ) -> Result<f64, CsvError> {
        let v = self.number(index, name)?;
        if v < lo || v > hi {
            return Err(self.out_of_range(index, name, v, expected));
        }
        Ok(v)
    }

    /// An out-of-range error for the cell in 0-based field `index`.
    pub fn out_of_range(
        &self,
        index: usize,
        name: &str,
        value: f64,
        expected: &'static str,
    ) -> CsvError {
        CsvError::OutOfRange {
            line: self.line,
            column: index + 1,
            name: name.to_owned(),
            value,
            expected,
        }
    }
}

/// Splits `text` into records. Cells are trimmed, a surrounding pair of double quotes is
/// removed even when the quote follows padding, blank lines and lines of empty cells are
/// skipped, and a leading byte-order mark is ignored. A quoted cell that contains a comma
/// must start with its quote (standard CSV): after padding, the quote is plain text.
pub(crate) fn rows(text: &str) -> Result<Vec<Row>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line_before = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line_before, csv::Position::line);
                let cells: Vec<String> = record.iter().map(unquote).collect();
                if cells.iter().all(String::is_empty) {
                    continue;
                }
                out.push(Row { line, cells });
            }
            Err(e) => {
                let line = e.position().map_or(line_before, csv::Position::line);
                return Err(CsvError::Malformed {
                    line,
                    message: e.to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// Removes one pair of surrounding double quotes (and the padding inside them), undoing
/// doubled quotes, for cells the CSV parser did not treat as quoted because of padding.
fn unquote(cell: &str) -> String {
    let cell = cell.trim();
    match cell
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => inner.replace("\"\"", "\"").trim().to_owned(),
        None => cell.to_owned(),
    }
}

/// Formats header cells as `` `a`, `b` `` for error messages.
pub(crate) fn quoted_list(cells: &[String]) -> String {
    if cells.iter().all(String::is_empty) {
        return "no named columns".to_owned();
    }
    cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_blank_lines_and_keep_line_numbers() {
        let rows = rows("a,b\n\n,,\n c ,\"d, e\" , \"f\" \n").expect("valid csv");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 1);
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].cells, ["c", "d, e", "f"]);
    }

    #[test]
    fn padded_quotes_are_removed() {
        assert_eq!(unquote("  \"x \"\"y\"\"\" "), "x \"y\"");
        assert_eq!(unquote("\"\""), "");
        assert_eq!(unquote("\""), "\"");
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let rows = rows("\u{feff}Actor,x\n").expect("valid csv");
        assert_eq!(rows[0].cells[0], "Actor");
    }

    #[test]
    fn trailing_empty_cells_are_not_counted() {
        let rows = rows("a,b,,\n").expect("valid csv");
        assert_eq!(rows[0].len_without_trailing_empty(), 2);
    }
}
