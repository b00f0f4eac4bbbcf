//! `accord forecast`: EUM and KTAB SMP runs, and the Monte Carlo probability of a deal.

use std::fmt::Write as _;
use std::path::Path;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use accord_forecast::{
    EumOptions, EumResult, EumStopRule, EumVariant, MonteCarloOptions, MonteCarloResult,
    SmpOptions, SmpResult, choose_issue, eum_actors_from_scenario, read_eum_csv, read_smp_csv,
    run_eum, run_monte_carlo, run_smp, smp_input_from_scenario,
};

use crate::cli::{EumPreset, ForecastArgs, ForecastModel, OutputFormat};
use crate::input;
use crate::output::{CmdResult, Failure, json_string, print};

pub fn run(args: ForecastArgs) -> CmdResult {
    match args.model {
        Some(ForecastModel::Eum {
            input,
            issue,
            variant,
            rounds,
            format,
        }) => eum(input.as_deref(), issue.as_deref(), variant, rounds, format),
        Some(ForecastModel::Smp {
            input,
            issues,
            format,
        }) => smp(input.as_deref(), &issues, format),
        None => monte_carlo(
            args.scenario.file.as_deref(),
            args.samples,
            args.seed,
            args.format,
        ),
    }
}

fn is_csv(path: Option<&Path>) -> bool {
    path.and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| {
        Failure::BadInput(format!(
            "error: cannot read `{}`: {e}\n   = hint: check the path",
            path.display()
        ))
    })
}

fn eum(
    file: Option<&Path>,
    issue: Option<&str>,
    preset: EumPreset,
    rounds: Option<usize>,
    format: OutputFormat,
) -> CmdResult {
    let (actors, axis) = if let (true, Some(path)) = (is_csv(file), file) {
        if issue.is_some() {
            return Err(Failure::BadInput(
                "error: `--issue` applies to scenarios, not to EUM CSV files\n   = hint: drop `--issue`".into(),
            ));
        }
        let actors = read_eum_csv(&read_text(path)?)
            .map_err(|e| Failure::BadInput(format!("error: {}: {e}", path.display())))?;
        (actors, None)
    } else {
        let loaded = input::load(file)?;
        let s = &loaded.scenario;
        let i = choose_issue(s, issue).map_err(|e| {
            Failure::BadInput(format!(
                "error: {e}\n   = hint: ordered issues: {}",
                accord_forecast::axis_issues(s)
                    .iter()
                    .map(|&i| format!("`{}`", s.issues[i].id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let actors =
            eum_actors_from_scenario(s, i).map_err(|e| Failure::BadInput(format!("error: {e}")))?;
        let labels: Vec<String> = s.issues[i].levels.iter().map(|l| l.label.clone()).collect();
        (actors, Some((s.issues[i].id.clone(), labels)))
    };
    let mut options = match preset {
        EumPreset::Scholz => EumOptions::scholz(),
        EumPreset::Textbook => EumOptions {
            variant: EumVariant::textbook(),
            ..EumOptions::default()
        },
    };
    if let Some(r) = rounds {
        options.stop = EumStopRule::fixed(r);
    }
    let result =
        run_eum(&actors, &options).map_err(|e| Failure::BadInput(format!("error: {e}")))?;
    match format {
        OutputFormat::Json => print(&json_string(&result)?),
        OutputFormat::Text => print(&render_eum(&result, axis.as_ref())),
    }
}

fn render_eum(r: &EumResult, axis: Option<&(String, Vec<String>)>) -> String {
    let mut o = String::new();
    if let Some((id, labels)) = axis {
        let _ = writeln!(
            o,
            "EUM forecast on issue `{id}` (axis: {})",
            labels
                .iter()
                .enumerate()
                .map(|(k, l)| format!("{k} = {l}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    } else {
        let _ = writeln!(o, "EUM forecast");
    }
    let names: Vec<&str> = r.actors.iter().map(String::as_str).collect();
    let mut header = format!("{:>5} {:>9} {:>9} ", "round", "median", "mean");
    for n in &names {
        let _ = write!(header, " {:>9}", truncate(n, 9));
    }
    let _ = writeln!(o, "{header}");
    for round in &r.rounds {
        let mut line = format!(
            "{:>5} {:>9.3} {:>9.3} ",
            round.round, round.weighted_median, round.weighted_mean
        );
        for x in &round.positions {
            let _ = write!(line, " {x:>9.3}");
        }
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(o, "stopped: {:?}", r.stop);
    let osc = &r.oscillation;
    if let Some(c) = osc.state_cycle {
        let _ = writeln!(
            o,
            "cycle: the positions of round {} recur every {} rounds",
            c.first_round, c.period
        );
    }
    if osc.median_reversals > 0 {
        let _ = writeln!(
            o,
            "oscillation: the median changed direction {} times, between {:.3} and {:.3}{}",
            osc.median_reversals,
            osc.median_min,
            osc.median_max,
            osc.median_mean_period.map_or(String::new(), |p| format!(
                ", peaks every {p:.1} rounds on average"
            ))
        );
    }
    if let Some(first) = r.rounds.first() {
        let moves: Vec<String> = first.moves.iter().take(8).map(|m| r.describe(m)).collect();
        if !moves.is_empty() {
            let _ = writeln!(o, "first-round moves: {}", moves.join("; "));
        }
    }
    o
}

fn smp(file: Option<&Path>, issues: &[String], format: OutputFormat) -> CmdResult {
    let input = if let (true, Some(path)) = (is_csv(file), file) {
        read_smp_csv(&read_text(path)?)
            .map_err(|e| Failure::BadInput(format!("error: {}: {e}", path.display())))?
    } else {
        let loaded = input::load(file)?;
        let s = &loaded.scenario;
        let mut dims = Vec::new();
        for id in issues {
            dims.push(
                choose_issue(s, Some(id)).map_err(|e| Failure::BadInput(format!("error: {e}")))?,
            );
        }
        smp_input_from_scenario(s, &dims).map_err(|e| Failure::BadInput(format!("error: {e}")))?
    };
    let result = run_smp(&input, &SmpOptions::default())
        .map_err(|e| Failure::BadInput(format!("error: {e}")))?;
    match format {
        OutputFormat::Json => print(&json_string(&result)?),
        OutputFormat::Text => print(&render_smp(&result)),
    }
}

fn render_smp(r: &SmpResult) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "KTAB SMP: {} actors, dimensions: {}",
        r.actors.len(),
        r.dimensions.join(", ")
    );
    let (Some(first), Some(last)) = (r.states.first(), r.states.last()) else {
        return o;
    };
    let _ = writeln!(o, "{} states; stopped: {:?}", r.states.len(), r.stop);
    let _ = writeln!(
        o,
        "\n{:<14} {:>12}  positions (0-100): first -> last",
        "actor", "P(prevails)"
    );
    for (a, name) in r.actors.iter().enumerate() {
        let fmt = |v: &[f64]| {
            v.iter()
                .map(|x| format!("{x:5.1}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(
            o,
            "{:<14} {:>12.4}  {} -> {}",
            truncate(name, 14),
            last.winning_probabilities.get(a).copied().unwrap_or(0.0),
            fmt(&first.positions[a]),
            fmt(&last.positions[a])
        );
    }
    o
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn monte_carlo(file: Option<&Path>, samples: usize, seed: u64, format: OutputFormat) -> CmdResult {
    if samples == 0 {
        return Err(Failure::BadInput(
            "error: `--samples` must be at least 1".into(),
        ));
    }
    let loaded = input::load(file)?;
    let s = &loaded.scenario;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // A second Ctrl-C (or a handler already set) falls back to the default behaviour.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(samples as u64),
        indicatif::ProgressDrawTarget::stderr_with_hz(5),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} sampling scenarios {bar:30} {pos}/{len} ({eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let opts = MonteCarloOptions { samples, seed };
    let result = run_monte_carlo(s, &opts, &stop, &|n| bar.set_position(n as u64));
    bar.finish_and_clear();
    if result.interrupted {
        eprintln!(
            "interrupted: reporting the {} samples finished",
            result.samples
        );
    }
    match format {
        OutputFormat::Json => print(&json_string(&result)?),
        OutputFormat::Text => print(&render_mc(s, &result)),
    }
}

fn render_mc(s: &accord_model::Scenario, r: &MonteCarloResult) -> String {
    let mut o = String::new();
    let p = r.p_deal;
    let _ = writeln!(
        o,
        "Probability that a deal exists: {:.1}% (standard error {:.1} points; {} sampled scenarios, seed {})",
        100.0 * p.p,
        100.0 * p.standard_error,
        r.samples,
        r.seed
    );
    let _ = writeln!(
        o,
        "As written (every judgement at its value, every red line held): {}.",
        if r.deal_at_nominal {
            "a deal exists"
        } else {
            "no deal"
        }
    );
    let _ = writeln!(
        o,
        "Deal = a package acceptable to {}. {} judgements are uncertain in the scenario.",
        r.parties.join(", "),
        r.judgements.len()
    );
    if r.failed_samples > 0 {
        let _ = writeln!(
            o,
            "warning: {} samples could not be analysed and count as no deal",
            r.failed_samples
        );
    }
    let _ = writeln!(
        o,
        "\nWHAT IT HINGES ON (P(deal) with the judgement low / high; red lines: dropped / held)"
    );
    for sv in r.sensitivity.iter().take(12) {
        let _ = writeln!(
            o,
            "  {:<44} {:>6.1}% -> {:>6.1}%   effect {:>+6.1} points",
            truncate(&sv.judgement, 44),
            100.0 * sv.p_deal_low,
            100.0 * sv.p_deal_high,
            100.0 * sv.effect
        );
    }
    if p.p > 0.0 {
        let _ = writeln!(
            o,
            "\nNASH PACKAGE WHEN A DEAL EXISTS (most frequent option per issue)"
        );
        for d in &r.nash_distribution {
            if let Some((opt, share)) = d.options.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
                let _ = writeln!(
                    o,
                    "  {:<20} {:<28} {:>5.1}%",
                    d.issue,
                    truncate(opt, 28),
                    100.0 * share
                );
            }
        }
    }
    if !r.drafts.is_empty() {
        let _ = writeln!(
            o,
            "\nDRAFTS: probability each party accepts (every completion acceptable)"
        );
        let parties: Vec<usize> = s.parties_with_preferences();
        let mut header = format!("  {:<14}", "draft");
        for &pi in &parties {
            let _ = write!(header, " {:>8}", s.parties[pi].id);
        }
        let _ = writeln!(o, "{header}");
        for d in &s.drafts {
            let mut line = format!("  {:<14}", truncate(&d.id, 14));
            for &pi in &parties {
                let id = &s.parties[pi].id;
                if let Some(a) = r.drafts.iter().find(|a| a.draft == d.id && &a.party == id) {
                    let dep = if a.depends.p > 0.0 { "*" } else { " " };
                    let _ = write!(line, " {:>7.1}%{dep}", 100.0 * a.acceptable.p);
                }
            }
            let _ = writeln!(o, "{line}");
        }
        let _ = writeln!(
            o,
            "  (* = for some samples acceptability depends on the draft's open issues)"
        );
    }
    o
}
