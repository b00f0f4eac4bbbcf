//! Reader for the published-replication EUM format: `Actor,Capability,Position,Salience`.

use std::collections::HashMap;

use super::EumActor;
use crate::csv_util::{Row, quoted_list, rows};
use crate::error::CsvError;

const EXPECTED_HEADER: &str = "a header line `Actor,Capability,Position,Salience`";
const REQUIRED: &str = "`Actor`, `Capability`, `Position` and `Salience`";
const COLUMNS: [&str; 4] = ["Actor", "Capability", "Position", "Salience"];

/// Reads EUM actors from CSV text in the format of the published replications.
///
/// The first non-blank line is a header naming the columns `Actor`, `Capability`,
/// `Position` and `Salience` in any case and any order (other columns are ignored); then
/// one line per actor. Cells may be padded or quoted. Saliences are on a 0–1 scale, or on a
/// 0–100 scale when any of them exceeds 1, in which case all are divided by 100.
///
/// # Errors
///
/// A [`CsvError`] naming the line and column: an empty file, a missing or repeated
/// column, a missing or non-numeric value, a negative capability, a salience outside
/// 0–100, an empty or repeated actor name, or no actor rows.
///
/// ```
/// let actors = accord_forecast::read_eum_csv(
///     "Actor,Capability,Position,Salience\nA,1,4,80\nB,2,10,60\n",
/// )?;
/// assert_eq!(actors[1].name, "B");
/// assert!((actors[0].salience - 0.8).abs() < 1e-12);
/// # Ok::<(), accord_forecast::CsvError>(())
/// ```
pub fn read_eum_csv(text: &str) -> Result<Vec<EumActor>, CsvError> {
    let rows = rows(text)?;
    let Some((header, body)) = rows.split_first() else {
        return Err(CsvError::Empty {
            expected: EXPECTED_HEADER,
        });
    };
    let columns = find_columns(header)?;
    let [name_col, cap_col, pos_col, sal_col] = columns;
    if body.is_empty() {
        return Err(CsvError::NoActors { line: header.line });
    }

    let mut actors = Vec::with_capacity(body.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in body {
        let name = row.cell(name_col).unwrap_or_default();
        if name.is_empty() {
            return Err(CsvError::EmptyName {
                line: row.line,
                column: name_col + 1,
            });
        }
        if let Some(&first_line) = seen.get(name) {
            return Err(CsvError::DuplicateActor {
                line: row.line,
                column: name_col + 1,
                name: name.to_owned(),
                first_line,
            });
        }
        seen.insert(name.to_owned(), row.line);
        let capability = row.number(cap_col, &header_name(header, cap_col))?;
        if capability < 0.0 {
            return Err(row.out_of_range(
                cap_col,
                &header_name(header, cap_col),
                capability,
                "≥ 0",
            ));
        }
        let position = row.number(pos_col, &header_name(header, pos_col))?;
        let salience = row.number_in(
            sal_col,
            &header_name(header, sal_col),
            0.0,
            100.0,
            "between 0 and 1, or between 0 and 100 for the whole column",
        )?;
        actors.push(EumActor::new(name, capability, position, salience));
    }

    if actors.iter().any(|a| a.salience > 1.0) {
        for a in &mut actors {
            a.salience /= 100.0;
        }
    }
    if actors.iter().all(|a| a.capability * a.salience <= 0.0) {
        // Every row has zero weight; point at the first one.
        return Err(body[0].out_of_range(
            cap_col,
            &header_name(header, cap_col),
            actors[0].capability,
            "positive for at least one actor with a positive salience (every actor has zero capability × salience)",
        ));
    }
    Ok(actors)
}

fn header_name(header: &Row, column: usize) -> String {
    header.cell(column).unwrap_or_default().to_owned()
}

/// The 0-based columns of Actor, Capability, Position and Salience.
fn find_columns(header: &Row) -> Result<[usize; 4], CsvError> {
    let mut found: [Option<usize>; 4] = [None; 4];
    for (index, cell) in header.cells.iter().enumerate() {
        let Some(which) = COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(cell)) else {
            continue;
        };
        if let Some(first) = found[which] {
            return Err(CsvError::DuplicateColumn {
                line: header.line,
                column: index + 1,
                first: first + 1,
                name: cell.clone(),
            });
        }
        found[which] = Some(index);
    }
    let mut out = [0; 4];
    for (which, slot) in found.iter().enumerate() {
        match slot {
            Some(index) => out[which] = *index,
            None => {
                return Err(CsvError::MissingColumn {
                    line: header.line,
                    column: COLUMNS[which],
                    found: quoted_list(&header.cells),
                    required: REQUIRED,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    #[test]
    fn reads_any_case_and_column_order_with_padding() {
        let text = "salience , POSITION,actor,Capability, notes\n 0.8, 4 ,Netherlands,0.08, x\n0.4,7,\"Belgium\",0.08,\n";
        let actors = read_eum_csv(text).expect("valid file");
        assert_eq!(actors.len(), 2);
        assert_eq!(actors[0].name, "Netherlands");
        assert!((actors[0].capability - 0.08).abs() < EPS);
        assert!((actors[0].position - 4.0).abs() < EPS);
        assert!((actors[0].salience - 0.8).abs() < EPS);
        assert_eq!(actors[1].name, "Belgium");
        assert!((actors[1].salience - 0.4).abs() < EPS);
    }

    #[test]
    fn percent_saliences_are_scaled() {
        let text = "Actor,Capability,Position,Salience\nA,1,0,80\nB,1,1,1\n";
        let actors = read_eum_csv(text).expect("valid file");
        assert!((actors[0].salience - 0.8).abs() < EPS);
        assert!((actors[1].salience - 0.01).abs() < EPS);
    }

    #[test]
    fn empty_file() {
        for text in ["", "\n\n", " , ,\n"] {
            let err = read_eum_csv(text).expect_err("empty");
            assert!(matches!(err, CsvError::Empty { .. }), "{err:?}");
            assert!(err.to_string().starts_with("line 1: the file is empty"));
        }
    }

    #[test]
    fn header_only() {
        let err = read_eum_csv("Actor,Capability,Position,Salience\n").expect_err("no rows");
        assert_eq!(err, CsvError::NoActors { line: 1 });
    }

    #[test]
    fn missing_column_names_the_column_and_what_was_found() {
        let err = read_eum_csv("Actor,Capabilty,Position,Salience\nA,1,2,0.5\n")
            .expect_err("typo in header");
        assert!(matches!(
            err,
            CsvError::MissingColumn {
                line: 1,
                column: "Capability",
                ..
            }
        ));
        let msg = err.to_string();
        assert!(msg.contains("`Capabilty`"), "{msg}");
        assert!(msg.contains("no `Capability` column"), "{msg}");
    }

    #[test]
    fn duplicate_column() {
        let err = read_eum_csv("Actor,Position,Capability,position,Salience\n")
            .expect_err("two position columns");
        assert_eq!(
            err,
            CsvError::DuplicateColumn {
                line: 1,
                column: 4,
                first: 2,
                name: "position".into()
            }
        );
    }

    #[test]
    fn non_number_names_line_and_column() {
        let text = "Actor,Capability,Position,Salience\n\nA,1,2,0.5\nB,lots,3,0.5\n";
        let err = read_eum_csv(text).expect_err("not a number");
        assert_eq!(
            err,
            CsvError::NotANumber {
                line: 4,
                column: 2,
                name: "Capability".into(),
                found: "lots".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "line 4, column 2 (`Capability`): expected a number, found `lots`"
        );
    }

    #[test]
    fn nan_and_infinity_are_not_numbers() {
        for bad in ["NaN", "inf", "-infinity"] {
            let text = format!("Actor,Capability,Position,Salience\nA,1,{bad},0.5\n");
            let err = read_eum_csv(&text).expect_err("not finite");
            assert!(
                matches!(
                    err,
                    CsvError::NotANumber {
                        line: 2,
                        column: 3,
                        ..
                    }
                ),
                "{err:?}"
            );
        }
    }

    #[test]
    fn short_row_is_a_missing_value() {
        let err =
            read_eum_csv("Actor,Capability,Position,Salience\nA,1,2\n").expect_err("short row");
        assert_eq!(
            err,
            CsvError::MissingValue {
                line: 2,
                column: 4,
                name: "Salience".into()
            }
        );
    }

    #[test]
    fn out_of_range_values() {
        let err = read_eum_csv("Actor,Capability,Position,Salience\nA,-1,2,0.5\n")
            .expect_err("negative capability");
        assert!(
            matches!(
                err,
                CsvError::OutOfRange {
                    line: 2,
                    column: 2,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read_eum_csv("Actor,Capability,Position,Salience\nA,1,2,101\n")
            .expect_err("salience above 100");
        assert!(
            matches!(
                err,
                CsvError::OutOfRange {
                    line: 2,
                    column: 4,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read_eum_csv("Actor,Capability,Position,Salience\nA,0,2,0.5\n")
            .expect_err("zero weight");
        assert!(
            matches!(
                err,
                CsvError::OutOfRange {
                    line: 2,
                    column: 2,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn names_must_be_present_and_unique() {
        let err =
            read_eum_csv("Actor,Capability,Position,Salience\n,1,2,0.5\n").expect_err("empty name");
        assert_eq!(err, CsvError::EmptyName { line: 2, column: 1 });
        let err = read_eum_csv("Actor,Capability,Position,Salience\nA,1,2,0.5\nA,1,3,0.5\n")
            .expect_err("same name twice");
        assert!(matches!(
            err,
            CsvError::DuplicateActor {
                line: 3,
                first_line: 2,
                ..
            }
        ));
    }
}
