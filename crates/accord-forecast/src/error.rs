//! The two error types: [`CsvError`] for reading input files, [`InputError`] for running a
//! model on input that does not make sense.

use thiserror::Error;

/// Why a forecasting CSV file could not be read.
///
/// Lines and columns are 1-based; a column is a comma-separated field, so column 3 is the
/// third cell of the line whatever its padding. Every message ends with what to change.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CsvError {
    /// The text has no non-blank line at all.
    #[error("line 1: the file is empty; expected {expected}")]
    Empty {
        /// What the first line should have held.
        expected: &'static str,
    },
    /// A line could not be split into fields.
    #[error("line {line}: {message}")]
    Malformed {
        /// The line the problem was found on.
        line: u64,
        /// What the CSV parser reported.
        message: String,
    },
    /// The header lacks a required column.
    #[error(
        "line {line}: no `{column}` column (found {found}); the header needs {required} in any order"
    )]
    MissingColumn {
        /// The header line.
        line: u64,
        /// The column that is missing.
        column: &'static str,
        /// The header cells that were found, quoted and comma-separated.
        found: String,
        /// The full list of required columns.
        required: &'static str,
    },
    /// The header names one required column twice.
    #[error(
        "line {line}, column {column}: `{name}` appears twice in the header (first in column {first}); keep one"
    )]
    DuplicateColumn {
        /// The header line.
        line: u64,
        /// The column of the second occurrence.
        column: usize,
        /// The column of the first occurrence.
        first: usize,
        /// The repeated name.
        name: String,
    },
    /// The header has fewer cells than the declared number of dimensions needs.
    #[error(
        "line {line}: the header has {found} cells but {dimensions} dimension(s) need {expected} (name, description, power, then a position and a salience per dimension)"
    )]
    ShortHeader {
        /// The header line.
        line: u64,
        /// Number of non-empty cells found.
        found: usize,
        /// Cells needed.
        expected: usize,
        /// Declared number of dimensions.
        dimensions: usize,
    },
    /// A line ends before a required cell.
    #[error("line {line}, column {column} (`{name}`): the value is missing; add it")]
    MissingValue {
        /// The line.
        line: u64,
        /// The column that should hold the value.
        column: usize,
        /// What the column holds.
        name: String,
    },
    /// A cell that must hold a number holds something else.
    #[error("line {line}, column {column} (`{name}`): expected a number, found `{found}`")]
    NotANumber {
        /// The line.
        line: u64,
        /// The column.
        column: usize,
        /// What the column holds.
        name: String,
        /// The cell's text.
        found: String,
    },
    /// A number lies outside its allowed range.
    #[error(
        "line {line}, column {column} (`{name}`): {value} is out of range; it must be {expected}"
    )]
    OutOfRange {
        /// The line.
        line: u64,
        /// The column.
        column: usize,
        /// What the column holds.
        name: String,
        /// The value found.
        value: f64,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// An actor's name cell is empty.
    #[error("line {line}, column {column}: the actor name is empty; give every actor a name")]
    EmptyName {
        /// The line.
        line: u64,
        /// The column of the name.
        column: usize,
    },
    /// Two rows name the same actor.
    #[error(
        "line {line}, column {column}: actor `{name}` already appeared on line {first_line}; actor names must be unique"
    )]
    DuplicateActor {
        /// The line of the second row.
        line: u64,
        /// The column of the name.
        column: usize,
        /// The repeated name.
        name: String,
        /// The line of the first row.
        first_line: u64,
    },
    /// The file has a header but no actor rows.
    #[error("line {line}: no actor rows after the header; add one line per actor")]
    NoActors {
        /// The line after which actor rows were expected.
        line: u64,
    },
    /// A KTAB actor's saliences add up to more than 100.
    #[error(
        "line {line}: the saliences of actor `{actor}` sum to {sum}; they must sum to at most 100"
    )]
    SalienceSum {
        /// The actor's line.
        line: u64,
        /// The actor.
        actor: String,
        /// The sum found.
        sum: f64,
    },
    /// The number of actor rows differs from the number the scenario line declares.
    #[error(
        "line {line}: the scenario line declares {declared} actor(s) but the file has {found}; fix the count in column 3 of line 1 or the rows"
    )]
    ActorCount {
        /// The line where the mismatch shows (the first extra row, or the last line read).
        line: u64,
        /// Actors declared on the scenario line.
        declared: usize,
        /// Actor rows found.
        found: usize,
    },
}

/// Why a model cannot run on the input it was given (input built by hand, not read by this
/// crate's CSV readers, which check the same rules).
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum InputError {
    /// There are no actors.
    #[error("no actors; a forecast needs at least one actor")]
    NoActors,
    /// An actor's field holds an impossible value.
    #[error("actor {index} (`{actor}`): {field} is {value}; it must be {expected}")]
    InvalidValue {
        /// 0-based index of the actor.
        index: usize,
        /// The actor's name.
        actor: String,
        /// The field.
        field: &'static str,
        /// The value found.
        value: f64,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// Every actor has zero weight (capability × salience), so no forecast is defined.
    #[error(
        "every actor has zero capability × salience; give at least one actor a positive capability and salience"
    )]
    ZeroWeight,
    /// An SMP actor has the wrong number of positions or saliences.
    #[error(
        "actor {index} (`{actor}`): {found} {what} for {expected} dimension(s); give one per dimension"
    )]
    DimensionMismatch {
        /// 0-based index of the actor.
        index: usize,
        /// The actor's name.
        actor: String,
        /// `positions` or `saliences`.
        what: &'static str,
        /// How many were given.
        found: usize,
        /// How many dimensions the input declares.
        expected: usize,
    },
    /// An SMP input has no dimensions.
    #[error("no dimensions; an SMP input needs at least one")]
    NoDimensions,
    /// An SMP actor's saliences add up to more than 100.
    #[error("actor {index} (`{actor}`): saliences sum to {sum}; they must sum to at most 100")]
    SalienceSum {
        /// 0-based index of the actor.
        index: usize,
        /// The actor's name.
        actor: String,
        /// The sum.
        sum: f64,
    },
    /// An option holds an impossible value.
    #[error("option `{option}` is {value}; it must be {expected}")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// The value found.
        value: f64,
        /// The allowed range, in words.
        expected: &'static str,
    },
}
