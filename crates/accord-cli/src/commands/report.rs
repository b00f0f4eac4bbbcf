//! `accord report`: one self-contained HTML page with the whole analysis and its charts.

use std::path::PathBuf;

use accord_analysis::Analyzer;
use accord_report::{ReportOptions, SpaceOptions, render_report};

use crate::cli::ScenarioArg;
use crate::input;
use crate::output::{CmdResult, Failure, print, write_file_atomic};

const AFTER_HELP: &str = "\
Examples:
  accord report -o report.html                  the embedded default scenario
  accord report talks.toml -o talks.html
  accord report --parties ua,ru -o report.html  choose the utility-space chart's two parties
  accord report -o - > report.html
  accord report --forecast -o report.html       add the probability of a deal (Monte Carlo)

The page has the verdict first, then the parties and their red lines, what each party
values, every draft scored point by point, what changed between drafts, the zone of
possible agreement and what blocks it, the bargaining solutions, the timeline and the
sources; `--forecast` adds how likely a deal is. It loads nothing from the network (charts
are inline SVG) and prints well.";

/// Write a self-contained HTML report: verdict, red lines, values, drafts, zone, solutions, timeline.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct ReportArgs {
    #[command(flatten)]
    pub scenario: ScenarioArg,
    /// Output file (`-` for stdout).
    #[arg(short, long, value_name = "OUT", default_value = "report.html")]
    pub output: PathBuf,
    /// The two parties of the utility-space chart, x then y (comma-separated ids; default:
    /// the two parties with a veto whose utilities are least correlated).
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub parties: Option<Vec<String>>,
    /// Packages sampled for the utility-space chart when the outcome space has more than a
    /// million packages (smaller spaces are drawn whole).
    #[arg(long, default_value_t = 20_000, value_name = "N")]
    pub samples: usize,
    /// Seed of the samples (same seed, same report).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
    /// Add "How likely is a deal?": a Monte Carlo run over the scenario's uncertain
    /// judgements (as `accord forecast`), with a tornado chart of what moves the probability
    /// of a deal and the chance each party accepts each draft.
    #[arg(long)]
    pub forecast: bool,
    /// Scenarios sampled by `--forecast`.
    #[arg(
        long,
        default_value_t = 10_000,
        value_name = "N",
        requires = "forecast"
    )]
    pub forecast_samples: usize,
}

/// Checks `--parties` and builds the utility-space options shared with `accord plot`.
pub fn space_options(
    parties: Option<Vec<String>>,
    samples: usize,
    seed: u64,
) -> Result<SpaceOptions, Failure> {
    let parties = match parties {
        None => None,
        Some(v) if v.len() == 2 => Some([v[0].clone(), v[1].clone()]),
        Some(v) => {
            return Err(Failure::BadInput(format!(
                "error: `--parties` takes exactly two party ids, got {}\n   = hint: e.g. `--parties ua,ru` (x axis, then y axis)",
                v.len()
            )));
        }
    };
    if samples == 0 {
        return Err(Failure::BadInput(
            "error: `--samples` must be at least 1".to_string(),
        ));
    }
    Ok(SpaceOptions {
        parties,
        samples,
        seed,
        ..SpaceOptions::default()
    })
}

/// Maps a chart error to a failure with the CLI's voice.
pub fn chart_failure(e: accord_report::ReportError) -> Failure {
    match e {
        accord_report::ReportError::Drawing(_) => Failure::Runtime(format!("error: {e}")),
        accord_report::ReportError::UnknownParty { .. } => Failure::BadInput(format!(
            "error: {e}\n   = hint: `accord show` lists the parties"
        )),
        _ => Failure::BadInput(format!("error: {e}")),
    }
}

pub fn run(args: ReportArgs) -> CmdResult {
    let space = space_options(args.parties, args.samples, args.seed)?;
    let loaded = input::load(args.scenario.file.as_deref())?;
    let s = &loaded.scenario;
    let analysis = Analyzer::new(s)
        .map_err(|e| Failure::BadInput(format!("error: {e}")))?
        .analyze();
    // Check the chosen pair up front, so that a typo is an error rather than a note in
    // the page.
    if space.parties.is_some() {
        accord_report::UtilitySpace::build(s, &analysis, &space).map_err(chart_failure)?;
    }
    let mut extra_sections = Vec::new();
    if args.forecast {
        if args.forecast_samples == 0 {
            return Err(Failure::BadInput(
                "error: `--forecast-samples` must be at least 1".to_string(),
            ));
        }
        let mc = accord_forecast::run_monte_carlo(
            s,
            &accord_forecast::MonteCarloOptions {
                samples: args.forecast_samples,
                seed: args.seed,
            },
            &std::sync::atomic::AtomicBool::new(false),
            &|_| {},
        );
        extra_sections.push(accord_report::forecast_section(s, &mc));
    }
    let opts = ReportOptions {
        space,
        extra_sections,
        generator: format!("accord {}", env!("CARGO_PKG_VERSION")),
    };
    let html = render_report(s, &analysis, &opts);
    if args.output.as_os_str() == "-" {
        return print(&html);
    }
    write_file_atomic(&args.output, html.as_bytes())?;
    print(&format!(
        "wrote {} ({} KB): the report on `{}`\n",
        args.output.display(),
        html.len().div_ceil(1024),
        s.doc.scenario.id
    ))
}
