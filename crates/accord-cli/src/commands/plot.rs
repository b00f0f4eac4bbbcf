//! `accord plot`: one chart of the report, alone, as SVG or PNG.

use std::path::PathBuf;

use accord_analysis::Analyzer;
use accord_report::{Chart, DraftsChart, Heatmap, ReportError, Timeline, UtilitySpace};
use clap::ValueEnum;

use super::report::{chart_failure, space_options};
use crate::cli::ScenarioArg;
use crate::input;
use crate::output::{CmdResult, Failure, print, write_file_atomic};

const AFTER_HELP: &str = "\
Examples:
  accord plot utility-space -o space.svg
  accord plot utility-space --parties ua,ru -o space.png   PNG at twice the size, for slides
  accord plot drafts talks.toml -o drafts.png
  accord plot heatmap -o values.svg
  accord plot timeline -o - > timeline.svg

SVG charts carry tooltips (hover over a marker); PNGs use an embedded font (DejaVu Sans),
so they look the same on every machine.";

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlotKind {
    /// Two parties' utilities over every package (or a sample), with the Pareto frontier,
    /// reservations, drafts and bargaining solutions.
    UtilitySpace,
    /// Every party's utility in every draft.
    Drafts,
    /// How much each party values each option, and each issue's weight.
    Heatmap,
    /// Events and drafts over time, one lane per party.
    Timeline,
}

/// Image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    /// Scalable vector graphics, with tooltips.
    Svg,
    /// A bitmap at twice the SVG size.
    Png,
}

/// Draw one chart (utility space, drafts, heatmap, timeline) as SVG or PNG.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct PlotArgs {
    /// The chart.
    #[arg(value_enum, value_name = "KIND")]
    pub kind: PlotKind,
    #[command(flatten)]
    pub scenario: ScenarioArg,
    /// Output file, `.svg` or `.png` (`-` writes SVG to stdout).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Image format (default: from the extension of OUT).
    #[arg(long, value_enum)]
    pub format: Option<ImageFormat>,
    /// utility-space: the two parties, x then y (comma-separated ids; default: the two
    /// parties with a veto whose utilities are least correlated).
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub parties: Option<Vec<String>>,
    /// utility-space: packages sampled when the outcome space has more than a million.
    #[arg(long, default_value_t = 20_000, value_name = "N")]
    pub samples: usize,
    /// utility-space: seed of that sample.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
}

fn format_of(args: &PlotArgs) -> Result<ImageFormat, Failure> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    if args.output.as_os_str() == "-" {
        return Ok(ImageFormat::Svg);
    }
    match args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Ok(ImageFormat::Svg),
        Some("png") => Ok(ImageFormat::Png),
        _ => Err(Failure::BadInput(format!(
            "error: cannot tell the image format of `{}`\n   = hint: name the file `.svg` or `.png`, or pass `--format svg|png`",
            args.output.display()
        ))),
    }
}

pub fn run(args: PlotArgs) -> CmdResult {
    let format = format_of(&args)?;
    if format == ImageFormat::Png && args.output.as_os_str() == "-" {
        return Err(Failure::BadInput(
            "error: a PNG cannot go to stdout\n   = hint: give a file with `-o chart.png`, or use `--format svg`".to_string(),
        ));
    }
    if args.parties.is_some() && args.kind != PlotKind::UtilitySpace {
        return Err(Failure::BadInput(
            "error: `--parties` applies to `utility-space` only".to_string(),
        ));
    }
    let space = space_options(args.parties.clone(), args.samples, args.seed)?;
    let loaded = input::load(args.scenario.file.as_deref())?;
    let s = &loaded.scenario;
    let chart = match args.kind {
        PlotKind::Heatmap => Heatmap::build(s).map(Chart::Heatmap),
        PlotKind::Timeline => Timeline::build(s).map(Chart::Timeline),
        kind => {
            let analyzer =
                Analyzer::new(s).map_err(|e| Failure::BadInput(format!("error: {e}")))?;
            if kind == PlotKind::Drafts {
                DraftsChart::build(s, &analyzer.drafts()).map(Chart::Drafts)
            } else {
                let a = analyzer.analyze();
                UtilitySpace::build(s, &a, &space).map(Chart::UtilitySpace)
            }
        }
    }
    .map_err(|e| match e {
        ReportError::Unavailable(why) => Failure::BadInput(format!(
            "error: cannot draw `{}`: {why}",
            args.kind
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_string())
        )),
        e => chart_failure(e),
    })?;
    let bytes = match format {
        ImageFormat::Svg => chart.svg().map_err(chart_failure)?.into_bytes(),
        ImageFormat::Png => chart.png().map_err(chart_failure)?,
    };
    if args.output.as_os_str() == "-" {
        return print(&String::from_utf8_lossy(&bytes));
    }
    write_file_atomic(&args.output, &bytes)
}
