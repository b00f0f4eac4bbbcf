//! Reader for KTAB's SMP CSV format.

use std::collections::HashMap;

use super::{SALIENCE_SUM_SLACK, SmpActor, SmpInput};
use crate::csv_util::{Row, rows};
use crate::error::CsvError;

const EXPECTED_SCENARIO: &str = "a scenario line `name,description,actors,dimensions`";

/// Reads an SMP scenario in KTAB's CSV format, as KTAB ships it.
///
/// * Line 1, the scenario: name, description, number of actors, number of dimensions.
/// * Line 2, a header: `Actor, Description, Power`, then a position and a salience column
///   per dimension (the position columns' names become the dimension names).
/// * Then one line per actor: name, description, power (capability), then the position
///   (0–100) and salience (0–100) on each dimension; an actor's saliences sum to at most
///   100.
///
/// Cells may be padded and quoted, lines may end in commas, and blank lines are skipped.
///
/// # Errors
///
/// A [`CsvError`] naming the line and column: an empty file, a missing, non-numeric or
/// out-of-range value, a header too short for the declared dimensions, an empty or repeated
/// actor name, saliences summing to more than 100, or a number of actor rows that differs
/// from the declared one.
///
/// ```
/// let text = "Demo,,2,1\nActor,Description,Power,Pos1,Sal1\nA,,10,20,80\nB,,5,70,50\n";
/// let input = accord_forecast::read_smp_csv(text)?;
/// assert_eq!(input.dimensions, ["Pos1"]);
/// assert!((input.actors[1].positions[0] - 70.0).abs() < 1e-12);
/// # Ok::<(), accord_forecast::CsvError>(())
/// ```
pub fn read_smp_csv(text: &str) -> Result<SmpInput, CsvError> {
    let rows = rows(text)?;
    let mut rows = rows.iter();
    let Some(scenario) = rows.next() else {
        return Err(CsvError::Empty {
            expected: EXPECTED_SCENARIO,
        });
    };
    let name = scenario.text(0, "scenario name")?.to_owned();
    let description = scenario.cell(1).unwrap_or_default().to_owned();
    let declared = count(scenario, 2, "number of actors")?;
    let d = count(scenario, 3, "number of dimensions")?;

    let Some(header) = rows.next() else {
        return Err(CsvError::MissingValue {
            line: scenario.line + 1,
            column: 1,
            name: "header line `Actor,Description,Power,...`".to_owned(),
        });
    };
    let needed = 3 + 2 * d;
    let found = header.len_without_trailing_empty();
    if found < needed {
        return Err(CsvError::ShortHeader {
            line: header.line,
            found,
            expected: needed,
            dimensions: d,
        });
    }
    let column_name = |index: usize, fallback: String| match header.cell(index) {
        Some(c) if !c.is_empty() => c.to_owned(),
        _ => fallback,
    };
    let dimensions: Vec<String> = (0..d)
        .map(|k| column_name(3 + 2 * k, format!("Dim{}", k + 1)))
        .collect();
    let power_name = column_name(2, "Power".to_owned());
    let salience_names: Vec<String> = (0..d)
        .map(|k| column_name(4 + 2 * k, format!("Sal{}", k + 1)))
        .collect();

    let mut actors = Vec::with_capacity(declared);
    let mut seen: HashMap<&str, u64> = HashMap::new();
    let mut last_line = header.line;
    for row in rows {
        if actors.len() == declared {
            return Err(CsvError::ActorCount {
                line: row.line,
                declared,
                found: actors.len() + 1,
            });
        }
        last_line = row.line;
        actors.push(read_actor(
            row,
            &mut seen,
            &power_name,
            &dimensions,
            &salience_names,
        )?);
    }
    if actors.len() != declared {
        return Err(CsvError::ActorCount {
            line: last_line,
            declared,
            found: actors.len(),
        });
    }
    Ok(SmpInput {
        name,
        description,
        dimensions,
        actors,
    })
}

fn read_actor<'r>(
    row: &'r Row,
    seen: &mut HashMap<&'r str, u64>,
    power_name: &str,
    dimensions: &[String],
    salience_names: &[String],
) -> Result<SmpActor, CsvError> {
    let name = row.cell(0).unwrap_or_default();
    if name.is_empty() {
        return Err(CsvError::EmptyName {
            line: row.line,
            column: 1,
        });
    }
    if let Some(&first_line) = seen.get(name) {
        return Err(CsvError::DuplicateActor {
            line: row.line,
            column: 1,
            name: name.to_owned(),
            first_line,
        });
    }
    seen.insert(name, row.line);
    let capability = row.number(2, power_name)?;
    if capability < 0.0 {
        return Err(row.out_of_range(2, power_name, capability, "≥ 0"));
    }
    let mut positions = Vec::with_capacity(dimensions.len());
    let mut saliences = Vec::with_capacity(dimensions.len());
    for (k, (dim, sal)) in dimensions.iter().zip(salience_names).enumerate() {
        let range = "between 0 and 100";
        positions.push(row.number_in(3 + 2 * k, dim, 0.0, 100.0, range)?);
        saliences.push(row.number_in(4 + 2 * k, sal, 0.0, 100.0, range)?);
    }
    let sum: f64 = saliences.iter().sum();
    if sum > 100.0 + SALIENCE_SUM_SLACK {
        return Err(CsvError::SalienceSum {
            line: row.line,
            actor: name.to_owned(),
            sum,
        });
    }
    Ok(SmpActor {
        name: name.to_owned(),
        description: row.cell(1).unwrap_or_default().to_owned(),
        capability,
        positions,
        saliences,
    })
}

/// A whole number ≥ 1 in the scenario line.
fn count(row: &Row, index: usize, name: &str) -> Result<usize, CsvError> {
    let v = row.number(index, name)?;
    if v < 1.0 || v.fract().abs() > 0.0 || v > f64::from(u32::MAX) {
        return Err(row.out_of_range(index, name, v, "a whole number ≥ 1"));
    }
    // A whole number in 1..=u32::MAX: the conversion is exact.
    Ok(v as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    #[test]
    fn reads_ktab_dummy_data() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/reference/ktab_dummyData_3Dim.csv");
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("skipping: {} not found", path.display());
            return;
        };
        let input = read_smp_csv(&text).expect("KTAB's own file");
        assert_eq!(input.name, "DummyData_3Dim");
        assert_eq!(input.description, "Dummy scenario to test reading format");
        assert_eq!(input.dimensions, ["Pstn1", "Pstn2", "Pstn3"]);
        assert_eq!(input.actors.len(), 7);
        let a = &input.actors[2];
        assert_eq!(a.name, "SActor-02");
        assert_eq!(a.description, "Random Spatial Actor");
        assert!((a.capability - 129.643).abs() < EPS);
        let expected_pos = [82.45, 90.89, 0.07];
        let expected_sal = [48.47, 13.55, 34.62];
        for k in 0..3 {
            assert!((a.positions[k] - expected_pos[k]).abs() < EPS);
            assert!((a.saliences[k] - expected_sal[k]).abs() < EPS);
        }
    }

    #[test]
    fn ktab_habits_trailing_commas_padding_quotes() {
        let text = "Two_Dim ,\"A test, with a comma\",2,2,\n\
                    Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,\n\
                    A-00, Random Spatial Actor, 102.5, 75.79, 49.53,  6.37,  5.91,\n\
                    A-01, Random Spatial Actor,  53.393, 82.72, 30.33, 73.50, 21.22,\n";
        let input = read_smp_csv(text).expect("KTAB-style file");
        assert_eq!(input.name, "Two_Dim");
        assert_eq!(input.description, "A test, with a comma");
        assert_eq!(input.dimensions, ["Pstn1", "Pstn2"]);
        assert_eq!(input.actors[1].name, "A-01");
        assert!((input.actors[1].capability - 53.393).abs() < EPS);
        assert!((input.actors[0].positions[1] - 6.37).abs() < EPS);
        assert!((input.actors[0].saliences[1] - 5.91).abs() < EPS);
    }

    #[test]
    fn padded_quoted_cells_and_crlf() {
        let text =
            "S,\"a, b\" ,1,1\r\nActor,Description,Power,P,S\r\n\"X\" , \"d\" , 3 , 10 , 20 ,,\r\n";
        let input = read_smp_csv(text).expect("valid");
        assert_eq!(input.description, "a, b");
        assert_eq!(input.actors[0].name, "X");
        assert_eq!(input.actors[0].description, "d");
    }

    #[test]
    fn empty_file() {
        let err = read_smp_csv("").expect_err("empty");
        assert!(
            err.to_string().starts_with("line 1: the file is empty"),
            "{err}"
        );
    }

    #[test]
    fn bad_scenario_counts() {
        let err = read_smp_csv("S,d,seven,3\n").expect_err("not a number");
        assert!(
            matches!(
                err,
                CsvError::NotANumber {
                    line: 1,
                    column: 3,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read_smp_csv("S,d,2.5,3\n").expect_err("not whole");
        assert!(
            matches!(
                err,
                CsvError::OutOfRange {
                    line: 1,
                    column: 3,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read_smp_csv("S,d,2\n").expect_err("no dimension count");
        assert!(
            matches!(
                err,
                CsvError::MissingValue {
                    line: 1,
                    column: 4,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn missing_header_and_short_header() {
        let err = read_smp_csv("S,d,1,1\n").expect_err("no header");
        assert!(
            matches!(
                err,
                CsvError::MissingValue {
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read_smp_csv("S,d,1,2\nActor,Description,Power,P1,S1,\n")
            .expect_err("header for one dimension");
        assert_eq!(
            err,
            CsvError::ShortHeader {
                line: 2,
                found: 5,
                expected: 7,
                dimensions: 2
            }
        );
    }

    #[test]
    fn bad_actor_cells_name_line_and_column() {
        let head = "S,d,2,2\nActor,Description,Power,P1,S1,P2,S2\n";
        let err = read_smp_csv(&format!("{head}A,,1,10,20,30,40\nB,,1,10,20,x,40\n"))
            .expect_err("not a number");
        assert_eq!(
            err,
            CsvError::NotANumber {
                line: 4,
                column: 6,
                name: "P2".into(),
                found: "x".into()
            }
        );
        let err = read_smp_csv(&format!("{head}A,,1,10,20,30\n")).expect_err("short row");
        assert!(
            matches!(
                err,
                CsvError::MissingValue {
                    line: 3,
                    column: 7,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read_smp_csv(&format!("{head}A,,1,10,20,130,40\n")).expect_err("range");
        assert!(
            matches!(
                err,
                CsvError::OutOfRange {
                    line: 3,
                    column: 6,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read_smp_csv(&format!("{head}A,,1,10,70,30,40\n")).expect_err("sum");
        assert!(
            matches!(err, CsvError::SalienceSum { line: 3, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("at most 100"));
    }

    #[test]
    fn actor_count_must_match() {
        let head = "S,d,2,1\nActor,Description,Power,P1,S1\n";
        let err = read_smp_csv(&format!("{head}A,,1,10,20\n")).expect_err("too few");
        assert_eq!(
            err,
            CsvError::ActorCount {
                line: 3,
                declared: 2,
                found: 1
            }
        );
        let err = read_smp_csv(&format!("{head}A,,1,10,20\nB,,1,10,20\nC,,1,10,20\n"))
            .expect_err("too many");
        assert_eq!(
            err,
            CsvError::ActorCount {
                line: 5,
                declared: 2,
                found: 3
            }
        );
        let err = read_smp_csv(&format!("{head}A,,1,10,20\nA,,1,10,20\n")).expect_err("twice");
        assert!(matches!(
            err,
            CsvError::DuplicateActor {
                line: 4,
                first_line: 3,
                ..
            }
        ));
    }
}
