//! One test row per validation rule: a small change to a valid scenario, and the exact
//! diagnostic it must raise (document path, message, hint, id), then the rules that
//! accept, warn, or behave specially.

use accord_model::{
    Diagnostic, Format, Judgement, LoadError, Loaded, Location, PointsDoc, Severity, ValuesDoc,
    load_doc, load_str, parse_doc,
};

/// A valid scenario that each case changes in one place.
const BASE: &str = r#"[scenario]
id = "t"
title = "Validation base"
as_of = "2025-11-20"

[[parties]]
id = "a"
name = "A"
role = "principal"
capability = 1.0

[[parties]]
id = "b"
name = "B"
role = "principal"
capability = 2.0

[[parties]]
id = "m"
name = "M"
role = "mediator"
capability = 0.5

[[issues]]
id = "price"
name = "Price"
options = ["low", "mid", "high"]
ordered = true

[[issues]]
id = "venue"
name = "Venue"
options = ["geneva", "riyadh"]

[[issues]]
id = "army"
name = "Army cap"
kind = "integer"
min = 0
max = 100
step = 10

[preferences.a]
reservation = 0.3
weights = { price = 0.5, venue = 0.3, army = 0.2 }
values.price = { low = 1.0, mid = 0.5, high = 0.0 }
values.venue = { geneva = 1.0, riyadh = 0.0 }
values.army = [[0, 1.0], [100, 0.0]]

[preferences.b]
reservation = 0.3
weights = { price = 0.5, venue = 0.3, army = 0.2 }
values.price = { low = 0.0, mid = 0.5, high = 1.0 }
values.venue = { geneva = 0.2, riyadh = 1.0 }
values.army = [[0, 0.0], [100, 1.0]]
# B-EXTRA

[[drafts]]
id = "d1"
title = "First draft"
author = "a"
date = "2025-11-18"
status = "proposed"
sources = ["s1"]

[[drafts.points]]
n = 1
text = "Mid price."
issue = "price"
option = "mid"

[[events]]
id = "e1"
date = "2025-11-18"
kind = "meeting"
participants = ["a", "b"]
summary = "First round."
drafts = ["d1"]
sources = ["s1"]

[[sources]]
id = "s1"
title = "A report"
date = "2025-11-19"
"#;

/// BASE with `old` (which must occur once) replaced by `new`.
fn with(old: &str, new: &str) -> String {
    assert_eq!(
        BASE.matches(old).count(),
        1,
        "`{old}` must occur once in BASE"
    );
    BASE.replacen(old, new, 1)
}

/// BASE with extra lines in `[preferences.b]`.
fn b_extra(lines: &str) -> String {
    with("# B-EXTRA\n", lines)
}

/// BASE with a second point in draft `d1`.
fn point2(body: &str) -> String {
    with(
        "option = \"mid\"\n",
        &format!("option = \"mid\"\n\n[[drafts.points]]\nn = 2\ntext = \"Second.\"\n{body}"),
    )
}

fn load(text: &str) -> Result<Loaded, LoadError> {
    load_str(text, "t.toml", Format::Toml)
}

fn diags(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics,
    }
}

fn render(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| {
            format!(
                "  [{}] {} (hint: {:?}, id: {:?})",
                d.path, d.message, d.hint, d.id
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One rule: the text, the document path, a fragment of the message, and the id the
/// diagnostic must carry (when the rule sets one).
struct Rule {
    name: &'static str,
    text: String,
    path: &'static str,
    message: &'static str,
    id: Option<&'static str>,
}

fn rule(
    name: &'static str,
    text: String,
    path: &'static str,
    message: &'static str,
    id: Option<&'static str>,
) -> Rule {
    Rule {
        name,
        text,
        path,
        message,
        id,
    }
}

#[allow(clippy::too_many_lines)]
#[rustfmt::skip]
fn rules() -> Vec<Rule> {
    vec![
        // Scenario.
        rule("scenario id", with("id = \"t\"", "id = \"t t\""), "scenario.id", "scenario id `t t` is not a valid id", Some("t t")),
        rule("scenario id too long", with("id = \"t\"", &format!("id = \"{}\"", "x".repeat(65))), "scenario.id", "is not a valid id", None),
        rule("as_of", with("as_of = \"2025-11-20\"", "as_of = \"2025-11-31\""), "scenario.as_of", "the scenario has date `2025-11-31`, which is not a valid date", None),
        // Sources and events.
        rule("source date", with("date = \"2025-11-19\"", "date = \"19.11.2025\""), "sources[0].date", "source `s1` has date `19.11.2025`, which is not a valid date", None),
        rule("duplicate source", format!("{BASE}\n[[sources]]\nid = \"s1\"\ntitle = \"Again\"\n"), "sources[1].id", "duplicate source id `s1`", Some("s1")),
        rule("source id", format!("{BASE}\n[[sources]]\nid = \"s 2\"\ntitle = \"Bad id\"\n"), "sources[1].id", "source id `s 2` is not a valid id", Some("s 2")),
        rule("duplicate event", format!("{BASE}\n[[events]]\nid = \"e1\"\ndate = \"2025-11-19\"\nkind = \"call\"\nsummary = \"Again.\"\n"), "events[1].id", "duplicate event id `e1`", Some("e1")),
        rule("event date", with("date = \"2025-11-18\"\nkind", "date = \"2025-02-29\"\nkind"), "events[0].date", "event `e1` has date `2025-02-29`, which is not a valid date", None),
        rule("event participant", with("participants = [\"a\", \"b\"]", "participants = [\"a\", \"x\"]"), "events[0].participants[1]", "event `e1` names unknown participant `x`", Some("x")),
        rule("event draft", with("drafts = [\"d1\"]", "drafts = [\"d9\"]"), "events[0].drafts[0]", "event `e1` names unknown draft `d9`", Some("d9")),
        rule("event source", with("sources = [\"s1\"]\n\n[[sources]]", "sources = [\"s9\"]\n\n[[sources]]"), "events[0].sources[0]", "event `e1` cites unknown source `s9`", Some("s9")),
        // Parties.
        rule("no parties", "[scenario]\nid = \"t\"\ntitle = \"T\"\n\n[[issues]]\nid = \"x\"\nname = \"X\"\noptions = [\"a\", \"b\"]\n".into(), "parties", "the scenario has no parties", None),
        rule("duplicate party", with("id = \"m\"", "id = \"a\""), "parties[2].id", "duplicate party id `a`", Some("a")),
        rule("party id", with("id = \"m\"", "id = \"m!\""), "parties[2].id", "party id `m!` is not a valid id", Some("m!")),
        rule("capability zero", with("capability = 2.0", "capability = 0"), "parties[1].capability", "party `b` has capability 0; it must be > 0", Some("b")),
        rule("capability negative", with("capability = 2.0", "capability = -3"), "parties[1].capability", "party `b` has capability -3; it must be > 0", Some("b")),
        rule("capability nan", with("capability = 2.0", "capability = nan"), "parties[1].capability", "party `b` has capability NaN; it must be > 0", Some("b")),
        rule("capability range", with("capability = 2.0", "capability = { value = 3.0, range = [1.0, 2.0] }"), "parties[1].capability.range", "capability of `b` is 3 but its range is [1, 2]", None),
        rule("range reversed", with("capability = 2.0", "capability = { value = 2.0, range = [3.0, 1.0] }"), "parties[1].capability.range", "capability of `b` has range [3, 1], which is not an interval", None),
        rule("range not finite", with("capability = 2.0", "capability = { value = 2.0, range = [1.0, inf] }"), "parties[1].capability.range", "which is not an interval", None),
        rule("capability evidence", with("capability = 2.0", "capability = { value = 2.0, sources = [\"s1\", \"gossip\"] }"), "parties[1].capability.sources[1]", "evidence cites unknown source `gossip`", Some("gossip")),
        rule("principal without preferences", with("[preferences.b]", "[preferences.x]"), "parties[1].id", "party `b` has a veto but no preferences", Some("b")),
        rule("veto without preferences", with("role = \"mediator\"", "role = \"mediator\"\nveto = true"), "parties[2].id", "party `m` has a veto but no preferences", Some("m")),
        rule("preferences for unknown party", with("[preferences.b]", "[preferences.x]"), "preferences.x", "preferences for unknown party `x`", Some("x")),
        // Issues.
        rule("no issues", "[scenario]\nid = \"t\"\ntitle = \"T\"\n\n[[parties]]\nid = \"a\"\nname = \"A\"\nrole = \"observer\"\ncapability = 1\n".into(), "issues", "the scenario has no issues", None),
        rule("duplicate issue", with("id = \"venue\"", "id = \"price\""), "issues[1].id", "duplicate issue id `price`", Some("price")),
        rule("issue id", with("id = \"venue\"", "id = \"\""), "issues[1].id", "issue id `` is not a valid id", Some("")),
        rule("discrete with bounds", with("options = [\"geneva\", \"riyadh\"]", "options = [\"geneva\", \"riyadh\"]\nstep = 1"), "issues[1].step", "discrete issue `venue` has `min`/`max`/`step`", None),
        rule("no options", with("options = [\"geneva\", \"riyadh\"]", "options = []"), "issues[1].options", "issue `venue` has no options", Some("venue")),
        rule("option id", with("options = [\"geneva\", \"riyadh\"]", "options = [\"geneva\", \"riyadh\", \"new york\"]"), "issues[1].options[2]", "option id `new york` of issue `venue` is not a valid id", None),
        rule("duplicate option", with("options = [\"geneva\", \"riyadh\"]", "options = [\"geneva\", \"riyadh\", \"geneva\"]"), "issues[1].options[2]", "issue `venue` lists option `geneva` twice", Some("geneva")),
        rule("numeric with options", with("kind = \"integer\"", "kind = \"integer\"\noptions = [\"x\"]"), "issues[2].options", "numeric issue `army` lists options", None),
        rule("numeric without min", with("min = 0\n", ""), "issues[2]", "numeric issue `army` needs `min` and `max`", Some("army")),
        rule("min above max", with("max = 100", "max = -10"), "issues[2].max", "issue `army` has min 0 > max -10", None),
        rule("max not finite", with("max = 100", "max = inf"), "issues[2].max", "issue `army` has min 0 > max inf", None),
        rule("integer fractional", with("step = 10", "step = 2.5"), "issues[2]", "integer issue `army` has a non-integer bound or step", None),
        rule("step zero", with("step = 10", "step = 0"), "issues[2].step", "issue `army` has step 0; it must be > 0", None),
        rule("step negative", with("step = 10", "step = -10"), "issues[2].step", "issue `army` has step -10; it must be > 0", None),
        rule("too many levels", with("max = 100\nstep = 10", "max = 1000000\nstep = 1"), "issues[2].step", "issue `army` has 1000001 grid points; at most 100000 are supported", None),
        // Preferences: reservation and weights.
        rule("reservation above 1", with("reservation = 0.3\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0", "reservation = 1.5\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0"), "preferences.a.reservation", "reservation of `a` is 1.5, outside [0, 1]", None),
        rule("reservation nan", with("reservation = 0.3\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0", "reservation = nan\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0"), "preferences.a.reservation", "reservation of `a` is not a finite number", None),
        rule("reservation range", with("reservation = 0.3\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0", "reservation = { value = 0.3, range = [0.4, 0.5] }\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0"), "preferences.a.reservation.range", "reservation of `a` is 0.3 but its range is [0.4, 0.5]", None),
        rule("reservation evidence", with("reservation = 0.3\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0", "reservation = { value = 0.3, sources = [\"nope\"] }\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 1.0"), "preferences.a.reservation.sources[0]", "evidence cites unknown source `nope`", Some("nope")),
        rule("weight unknown issue", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "weights = { price = 0.5, venue = 0.3, army = 0.2, zone = 0 }\nvalues.price = { low = 0.0"), "preferences.b.weights.zone", "party `b` weighs unknown issue `zone`", Some("zone")),
        rule("negative weight", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "weights = { price = 0.9, venue = -0.1, army = 0.2 }\nvalues.price = { low = 0.0"), "preferences.b.weights.venue", "weight of `venue` for party `b` is -0.1; it must be >= 0", None),
        rule("weight nan", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "weights = { price = 0.5, venue = nan, army = 0.2 }\nvalues.price = { low = 0.0"), "preferences.b.weights.venue", "weight of `venue` for party `b` is NaN; it must be >= 0", None),
        rule("weight evidence", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "weights = { price = 0.5, venue = { value = 0.3, sources = [\"zz\"] }, army = 0.2 }\nvalues.price = { low = 0.0"), "preferences.b.weights.venue.sources[0]", "evidence cites unknown source `zz`", Some("zz")),
        rule("weight range", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "weights = { price = 0.5, venue = { value = 0.3, range = [0.0, 0.2] }, army = 0.2 }\nvalues.price = { low = 0.0"), "preferences.b.weights.venue.range", "weight of `venue` for `b` is 0.3 but its range is [0, 0.2]", None),
        rule("weights sum", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "weights = { price = 0.5, venue = 0.3, army = 0.3 }\nvalues.price = { low = 0.0"), "preferences.b.weights", "weights of party `b` sum to 1.1; they must sum to 1", Some("b")),
        rule("normalize nothing", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "normalize = true\nweights = { price = 0, venue = 0, army = 0 }\nvalues.price = { low = 0.0"), "preferences.b.weights", "weights of party `b` sum to 0; nothing to normalise", None),
        rule("no weights", with("weights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "values.price = { low = 0.0"), "preferences.b", "party `b` has no weights", None),
        // Preferences: values.
        rule("values unknown issue", b_extra("values.zone = { x = 1.0 }\n"), "preferences.b.values.zone", "party `b` gives values for unknown issue `zone`", Some("zone")),
        rule("value above 1", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = 0.2, riyadh = 1.01 }"), "preferences.b.values.venue.riyadh", "value of `venue.riyadh` for `b` is 1.01, outside [0, 1]", None),
        rule("value negative", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = -0.2, riyadh = 1.0 }"), "preferences.b.values.venue.geneva", "value of `venue.geneva` for `b` is -0.2, outside [0, 1]", None),
        rule("value inf", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = inf, riyadh = 1.0 }"), "preferences.b.values.venue.geneva", "value of `venue.geneva` for `b` is not a finite number", None),
        rule("value range", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = { value = 0.2, range = [0.3, 0.4] }, riyadh = 1.0 }"), "preferences.b.values.venue.geneva.range", "value of `venue.geneva` for `b` is 0.2 but its range is [0.3, 0.4]", None),
        rule("value evidence", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = { value = 0.2, sources = [\"zz\"] }, riyadh = 1.0 }"), "preferences.b.values.venue.geneva.sources[0]", "evidence cites unknown source `zz`", Some("zz")),
        rule("value unknown option", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = 0.2, riyadh = 1.0, doha = 0.5 }"), "preferences.b.values.venue.doha", "party `b`'s values names option `doha`, which issue `venue` does not have", Some("doha")),
        rule("value option of another issue", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = 0.2, riyadh = 1.0, mid = 0.5 }"), "preferences.b.values.venue.mid", "names option `mid`, which issue `venue` does not have", Some("mid")),
        rule("missing option values", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { riyadh = 1.0 }"), "preferences.b.values.venue", "party `b` gives no value to option(s) `geneva` of issue `venue`", None),
        rule("weighted issue without values", with("values.venue = { geneva = 0.2, riyadh = 1.0 }\n", ""), "preferences.b.weights.venue", "party `b` weighs issue `venue` but gives it no values", None),
        rule("empty value function", with("values.army = [[0, 0.0], [100, 1.0]]", "values.army = []"), "preferences.b.values.army", "value function of `army` for `b` has no points", None),
        rule("value function x decreasing", with("values.army = [[0, 0.0], [100, 1.0]]", "values.army = [[50, 0.0], [20, 1.0]]"), "preferences.b.values.army.points[1]", "value function of `army` for `b`: x values must increase (50 then 20)", None),
        rule("value function x not finite", with("values.army = [[0, 0.0], [100, 1.0]]", "values.army = [[0, 0.0], [nan, 1.0]]"), "preferences.b.values.army.points[1]", "value function of `army` for `b` has x = NaN, which is not a finite number", None),
        rule("value function value", with("values.army = [[0, 0.0], [100, 1.0]]", "values.army = [[0, 0.0], [100, 2.0]]"), "preferences.b.values.army.points[1]", "value at x = 100 of `army` for `b` is 2, outside [0, 1]", None),
        rule("value function evidence", with("values.army = [[0, 0.0], [100, 1.0]]", "values.army = { points = [[0, 0.0], [100, 1.0]], sources = [\"zz\"] }"), "preferences.b.values.army.sources[0]", "evidence cites unknown source `zz`", Some("zz")),
        rule("option values for a numeric issue", with("values.army = [[0, 0.0], [100, 1.0]]", "values.army = { low = 1.0 }"), "preferences.b.values.army", "numeric issue `army` is given option values by `b`", None),
        rule("value function for a discrete issue", with("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = [[0, 0.2], [1, 1.0]]"), "preferences.b.values.venue", "discrete issue `venue` is given a value function by `b`", None),
        rule("discount", b_extra("discount = 0\n"), "preferences.b.discount", "discount of `b` is 0; it must be in (0, 1]", None),
        // Red lines.
        rule("red line issue and when", b_extra("red_lines = [{ issue = \"price\", option = \"low\", when = { venue = \"geneva\" } }]\n"), "preferences.b.red_lines[0].when", "red line 1 of `b` has both `issue` and `when`", None),
        rule("red line without issue", b_extra("red_lines = [{ option = \"low\" }]\n"), "preferences.b.red_lines[0]", "red line 1 of `b` gives an option or bound but no `issue`", None),
        rule("red line mixes", b_extra("red_lines = [{ issue = \"price\", option = \"low\", at_most = 1 }]\n"), "preferences.b.red_lines[0]", "red line 1 of `b` mixes `option`, `options` and bounds", None),
        rule("red line probability", b_extra("red_lines = [{ issue = \"price\", option = \"low\", probability = 1.5 }]\n"), "preferences.b.red_lines[0].probability", "red line 1 of `b` has probability 1.5; it must be in [0, 1]", None),
        rule("red line probability negative", b_extra("red_lines = [{ issue = \"price\", option = \"low\", probability = -0.1 }]\n"), "preferences.b.red_lines[0].probability", "has probability -0.1; it must be in [0, 1]", None),
        rule("red line evidence", b_extra("red_lines = [{ issue = \"price\", option = \"low\", sources = [\"zz\"] }]\n"), "preferences.b.red_lines[0].sources[0]", "evidence cites unknown source `zz`", Some("zz")),
        rule("red line no forbidden option", b_extra("red_lines = [{ issue = \"price\" }]\n"), "preferences.b.red_lines[0]", "red line 1 of `b` names issue `price` but no forbidden option", None),
        rule("red line no condition", b_extra("red_lines = [{ id = \"empty\" }]\n"), "preferences.b.red_lines[0]", "red line 1 of `b` has no condition", None),
        rule("red line unknown issue", b_extra("red_lines = [{ issue = \"zone\", option = \"low\" }]\n"), "preferences.b.red_lines[0].issue", "red line 1 of `b` names unknown issue `zone`", Some("zone")),
        rule("red line unknown option", b_extra("red_lines = [{ issue = \"price\", option = \"free\" }]\n"), "preferences.b.red_lines[0].option", "red line 1 of `b` names option `free`, which issue `price` does not have", Some("free")),
        rule("red line unknown option in list", b_extra("red_lines = [{ issue = \"price\", options = [\"low\", \"free\"] }]\n"), "preferences.b.red_lines[0].options[1]", "red line 1 of `b` names option `free`", Some("free")),
        rule("red line when unknown issue", b_extra("red_lines = [{ when = { price = \"low\", zone = \"x\" } }]\n"), "preferences.b.red_lines[0].when.zone", "red line 1 of `b` names unknown issue `zone`", Some("zone")),
        rule("red line when option of another issue", b_extra("red_lines = [{ when = { price = \"geneva\" } }]\n"), "preferences.b.red_lines[0].when.price", "red line 1 of `b` names option `geneva`, which issue `price` does not have", Some("geneva")),
        rule("bound on unordered issue", b_extra("red_lines = [{ issue = \"venue\", at_least = 1 }]\n"), "preferences.b.red_lines[0]", "red line 1 of `b` uses a numeric bound on unordered issue `venue`", None),
        rule("bound on unordered issue in when", b_extra("red_lines = [{ when = { venue = { at_most = 0 } } }]\n"), "preferences.b.red_lines[0].when.venue", "uses a numeric bound on unordered issue `venue`", None),
        rule("interval without bounds", b_extra("red_lines = [{ when = { army = {} } }]\n"), "preferences.b.red_lines[0].when.army", "red line 1 of `b` gives neither `at_least` nor `at_most`", None),
        rule("bound not finite", b_extra("red_lines = [{ issue = \"army\", at_least = nan }]\n"), "preferences.b.red_lines[0]", "red line 1 of `b` has a bound that is not a finite number", None),
        // Interactions.
        rule("interaction value", b_extra("interactions = [{ when = { price = \"low\" }, value = inf }]\n"), "preferences.b.interactions[0].value", "interaction 1 of `b` has a value that is not a finite number", None),
        rule("interaction unknown issue", b_extra("interactions = [{ when = { zone = \"x\" }, value = 0.1 }]\n"), "preferences.b.interactions[0].when.zone", "interaction 1 of `b` names unknown issue `zone`", Some("zone")),
        rule("interaction unknown option", b_extra("interactions = [{ when = { price = \"free\" }, value = 0.1 }]\n"), "preferences.b.interactions[0].when.price", "interaction 1 of `b` names option `free`", Some("free")),
        rule("interaction no condition", b_extra("interactions = [{ when = {}, value = 0.1 }]\n"), "preferences.b.interactions[0]", "interaction 1 of `b` has no condition", None),
        // Drafts.
        rule("duplicate draft", format!("{BASE}\n[[drafts]]\nid = \"d1\"\ntitle = \"Again\"\nauthor = \"b\"\ndate = \"2025-11-19\"\nstatus = \"leaked\"\n"), "drafts[1].id", "duplicate draft id `d1`", Some("d1")),
        rule("draft author", with("author = \"a\"", "author = \"z\""), "drafts[0].author", "draft `d1` names unknown author `z`", Some("z")),
        rule("draft date", with("date = \"2025-11-18\"\nstatus", "date = \"2025-11\"\nstatus"), "drafts[0].date", "draft `d1` has date `2025-11`, which is not a valid date", None),
        rule("draft parent", with("status = \"proposed\"", "status = \"revised\"\nparent = \"d0\""), "drafts[0].parent", "draft `d1` names unknown parent `d0`", Some("d0")),
        rule("draft own parent", with("status = \"proposed\"", "status = \"revised\"\nparent = \"d1\""), "drafts[0].parent", "draft `d1` is its own ancestor (the parent chain forms a cycle)", Some("d1")),
        rule("draft cycle of three", with("status = \"proposed\"", "status = \"revised\"\nparent = \"d3\"") + "\n[[drafts]]\nid = \"d2\"\ntitle = \"2\"\nauthor = \"b\"\ndate = \"2025-11-19\"\nstatus = \"revised\"\nparent = \"d1\"\n\n[[drafts]]\nid = \"d3\"\ntitle = \"3\"\nauthor = \"b\"\ndate = \"2025-11-20\"\nstatus = \"revised\"\nparent = \"d2\"\n", "drafts[2].parent", "draft `d3` is its own ancestor", Some("d3")),
        rule("draft inherits without parent", with("status = \"proposed\"", "status = \"proposed\"\ninherits = true"), "drafts[0].inherits", "draft `d1` inherits but has no parent", None),
        rule("draft evidence", with("sources = [\"s1\"]\n\n[[drafts.points]]", "sources = [\"s0\"]\n\n[[drafts.points]]"), "drafts[0].sources[0]", "evidence cites unknown source `s0`", Some("s0")),
        // Points.
        rule("duplicate point number", point2("unmapped = true\n").replace("n = 2", "n = 1"), "drafts[0].points[1].n", "draft `d1` has two points numbered 1", None),
        rule("point option without issue", point2("option = \"high\"\n"), "drafts[0].points[1]", "point 2 of draft `d1` gives an option but no issue", None),
        rule("point not mapped", point2(""), "drafts[0].points[1]", "point 2 of draft `d1` is not mapped to an issue", None),
        rule("point mapped and unmapped", point2("issue = \"venue\"\noption = \"geneva\"\nunmapped = true\n"), "drafts[0].points[1].unmapped", "point 2 of draft `d1` is both mapped and `unmapped`", None),
        rule("point unknown issue", point2("issue = \"zone\"\noption = \"x\"\n"), "drafts[0].points[1].issue", "point 2 of draft `d1` names unknown issue `zone`", Some("zone")),
        rule("point also unknown issue", point2("issue = \"venue\"\noption = \"geneva\"\nalso = [{ issue = \"zone\", option = \"x\" }]\n"), "drafts[0].points[1].also[0].issue", "point 2 of draft `d1` names unknown issue `zone`", Some("zone")),
        rule("point unknown option", point2("issue = \"venue\"\noption = \"doha\"\n"), "drafts[0].points[1].option", "point 2 of draft `d1` names option `doha`, which issue `venue` does not have", Some("doha")),
        rule("point option of another issue", point2("issue = \"venue\"\noption = \"high\"\n"), "drafts[0].points[1].option", "names option `high`, which issue `venue` does not have", Some("high")),
        rule("point value off grid", point2("issue = \"army\"\nvalue = 15\n"), "drafts[0].points[1].value", "point 2 of draft `d1` sets `army` to 15, which is not on the issue's grid", None),
        rule("point value infinite", point2("issue = \"army\"\nvalue = inf\n"), "drafts[0].points[1].value", "point 2 of draft `d1` sets `army` to inf, which is not on the issue's grid", None),
        rule("point value outside range", point2("issue = \"army\"\nvalue = 110\n"), "drafts[0].points[1].value", "sets `army` to 110, which is not on the issue's grid", None),
        rule("point option for numeric", point2("issue = \"army\"\noption = \"big\"\n"), "drafts[0].points[1].option", "point 2 of draft `d1` gives an option for numeric issue `army`", None),
        rule("point value for discrete", point2("issue = \"venue\"\nvalue = 1\n"), "drafts[0].points[1].value", "point 2 of draft `d1` gives a number for discrete issue `venue`", None),
        rule("point settles twice", point2("issue = \"price\"\noption = \"high\"\n"), "drafts[0].points[1]", "draft `d1` settles `price` twice: `mid` in point 1 and `high` in point 2", None),
        rule("point also settles twice", point2("issue = \"venue\"\noption = \"geneva\"\nalso = [{ issue = \"price\", option = \"low\" }]\n"), "drafts[0].points[1].also[0]", "draft `d1` settles `price` twice: `mid` in point 1 and `low` in point 2", None),
        rule("point evidence", point2("unmapped = true\nsources = [\"zz\"]\n"), "drafts[0].points[1].sources[0]", "evidence cites unknown source `zz`", Some("zz")),
    ]
}

#[test]
fn the_base_is_valid_without_warnings() {
    let loaded = load(BASE).unwrap_or_else(|e| panic!("BASE does not load:\n{e}"));
    assert!(loaded.warnings.is_empty(), "{}", render(&loaded.warnings));
}

#[test]
fn every_rule_raises_its_diagnostic() {
    let rules = rules();
    let mut failures = Vec::new();
    for r in &rules {
        let ds = diags(&r.text);
        let found = ds
            .iter()
            .find(|d| d.path.to_string() == r.path && d.message.contains(r.message));
        let Some(d) = found else {
            failures.push(format!(
                "{}: no diagnostic at `{}` containing `{}`; got:\n{}",
                r.name,
                r.path,
                r.message,
                render(&ds)
            ));
            continue;
        };
        let mut bad = Vec::new();
        if d.severity != Severity::Error {
            bad.push("not an error".to_string());
        }
        if d.hint.as_deref().is_none_or(str::is_empty) {
            bad.push("no hint".into());
        }
        if let Some(id) = r.id
            && d.id.as_deref() != Some(id)
        {
            bad.push(format!("id {:?}, expected {id:?}", d.id));
        }
        if d.file.as_deref() != Some("t.toml") || d.location.is_none() {
            bad.push("not located in t.toml".into());
        }
        if !bad.is_empty() {
            failures.push(format!("{}: {}: {}", r.name, bad.join(", "), d.message));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rules fail:\n{}",
        failures.len(),
        rules.len(),
        failures.join("\n")
    );
}

#[test]
fn every_error_has_a_hint_and_a_location() {
    for r in rules() {
        for d in diags(&r.text) {
            assert!(d.location.is_some(), "{}: {d}", r.name);
            if d.is_error() {
                assert!(d.hint.is_some(), "{}: error without hint: {d}", r.name);
            }
        }
    }
}

#[test]
fn the_hint_names_the_issue_an_option_belongs_to() {
    let ds = diags(&with(
        "values.venue = { geneva = 0.2, riyadh = 1.0 }",
        "values.venue = { geneva = 0.2, riyadh = 1.0, mid = 0.5 }",
    ));
    let d = ds
        .iter()
        .find(|d| d.message.contains("`mid`"))
        .expect("diagnostic");
    assert_eq!(
        d.hint.as_deref(),
        Some("`mid` is an option of issue `price`; did you mean that issue?")
    );
    // An option of no issue: the hint lists the issue's options instead.
    let ds = diags(&with(
        "values.venue = { geneva = 0.2, riyadh = 1.0 }",
        "values.venue = { geneva = 0.2, riyadh = 1.0, doha = 0.5 }",
    ));
    let d = ds
        .iter()
        .find(|d| d.message.contains("`doha`"))
        .expect("diagnostic");
    assert_eq!(
        d.hint.as_deref(),
        Some("options of `venue`: `geneva`, `riyadh`")
    );
}

#[test]
fn validation_reports_every_problem_at_once() {
    let text =
        with("capability = 2.0", "capability = 0").replace("author = \"a\"", "author = \"z\"");
    let e = load(&text).expect_err("two errors");
    let errors: Vec<String> = e
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.to_string())
        .collect();
    assert_eq!(errors, ["parties[1].capability", "drafts[0].author"]);
    assert!(e.to_string().ends_with("2 errors found"), "{e}");
}

#[test]
fn locations_point_at_the_offending_value() {
    let text = with("capability = 2.0", "capability = 0");
    let e = load(&text).expect_err("error");
    let d = &e.diagnostics[0];
    let line = text
        .lines()
        .position(|l| l == "capability = 0")
        .expect("line")
        + 1;
    assert_eq!(d.location, Some(Location { line, column: 14 }));
    assert_eq!(d.snippet.as_deref(), Some("capability = 0"));
    let shown = d.to_string();
    assert!(shown.contains(&format!("--> t.toml:{line}:14")), "{shown}");
    assert!(shown.contains("= hint: "), "{shown}");
}

// ---- Warnings and accepted input ----

fn warnings(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(l) => l.warnings,
        Err(e) => panic!("expected a valid scenario:\n{e}"),
    }
}

#[test]
fn a_single_option_issue_is_a_warning() {
    let ws = warnings(
        &with(
            "options = [\"geneva\", \"riyadh\"]",
            "options = [\"geneva\"]",
        )
        .replace("geneva = 1.0, riyadh = 0.0", "geneva = 1.0")
        .replace("geneva = 0.2, riyadh = 1.0", "geneva = 0.2"),
    );
    assert_eq!(ws.len(), 1, "{}", render(&ws));
    assert_eq!(ws[0].severity, Severity::Warning);
    assert_eq!(ws[0].path.to_string(), "issues[1].options");
    assert!(ws[0].message.contains("has a single option"));
    assert!(ws[0].location.is_some());
}

#[test]
fn a_bound_matching_nothing_is_a_warning() {
    let ws = warnings(&b_extra(
        "red_lines = [{ issue = \"army\", at_least = 500 }]\n",
    ));
    assert_eq!(ws.len(), 1, "{}", render(&ws));
    assert!(ws[0].message.contains("matches no value"), "{}", ws[0]);
    assert_eq!(ws[0].path.to_string(), "preferences.b.red_lines[0]");
    assert!(ws[0].hint.is_some());
}

#[test]
fn an_event_named_like_a_source_is_a_warning() {
    let ws = warnings(&with("id = \"e1\"", "id = \"s1\""));
    assert_eq!(ws.len(), 1, "{}", render(&ws));
    assert!(ws[0].message.contains("event id `s1` is also a source id"));
    assert_eq!(ws[0].path.to_string(), "events[0].id");
    let text = with("id = \"e1\"", "id = \"s1\"");
    let line = text.lines().position(|l| l == "id = \"s1\"").expect("line") + 1;
    assert_eq!(
        ws[0].location.map(|l| l.line),
        Some(line),
        "at the event's id"
    );
}

#[test]
fn warnings_are_returned_with_errors() {
    let text = with(
        "options = [\"geneva\", \"riyadh\"]",
        "options = [\"geneva\"]",
    );
    let e = load(&text).expect_err("riyadh values now name an unknown option");
    assert!(
        e.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning)
    );
    assert!(e.diagnostics.iter().any(Diagnostic::is_error));
    assert!(
        e.to_string()
            .contains("warning: issue `venue` has a single option")
    );
}

/// `text` with `old` (which must occur once) replaced by `new`.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert_eq!(text.matches(old).count(), 1, "`{old}` must occur once");
    text.replacen(old, new, 1)
}

#[test]
fn parties_without_a_veto_need_no_preferences() {
    // A principal with `veto = false`, a mediator (no veto by default) and an observer.
    let text = with(
        "role = \"principal\"\ncapability = 2.0",
        "role = \"principal\"\nveto = false\ncapability = 2.0",
    );
    let text = edit(&text, "[preferences.b]", "[preferences.m]");
    let text = edit(
        &text,
        "[[issues]]\nid = \"price\"",
        "[[parties]]\nid = \"o\"\nname = \"O\"\nrole = \"observer\"\ncapability = 0.1\n\n[[issues]]\nid = \"price\"",
    );
    let loaded = load(&text).unwrap_or_else(|e| panic!("{e}"));
    let s = &loaded.scenario;
    let idx = |id: &str| s.party_index(id).expect("party");
    assert!(!s.parties[idx("b")].veto);
    assert!(s.parties[idx("b")].preferences.is_none());
    assert!(
        !s.parties[idx("m")].veto,
        "a mediator has no veto by default"
    );
    assert!(s.parties[idx("m")].preferences.is_some());
    assert!(s.parties[idx("o")].preferences.is_none());
    assert!(
        s.parties[idx("a")].veto,
        "a principal has a veto by default"
    );
    assert_eq!(s.veto_parties(), vec![idx("a")]);
    assert_eq!(s.parties_with_preferences(), vec![idx("a"), idx("m")]);
}

#[test]
fn raw_utility_scale_accepts_values_outside_0_1() {
    let text = with("as_of = \"2025-11-20\"", "as_of = \"2025-11-20\"\nutility_scale = \"raw\"")
        .replace("values.venue = { geneva = 0.2, riyadh = 1.0 }", "values.venue = { geneva = -4, riyadh = 12.5 }")
        .replace("reservation = 0.3\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0", "reservation = 3\nweights = { price = 0.5, venue = 0.3, army = 0.2 }\nvalues.price = { low = 0.0");
    let loaded = load(&text).unwrap_or_else(|e| panic!("{e}"));
    let s = &loaded.scenario;
    let b = s.prefs(s.party_index("b").expect("b"));
    assert!((b.reservation - 3.0).abs() < 1e-12);
    assert!((b.values[1][1] - 12.5).abs() < 1e-12);
    // Non-finite numbers stay errors on the raw scale.
    let e = load(&text.replace("riyadh = 12.5", "riyadh = inf")).expect_err("inf");
    assert!(e.diagnostics[0].message.contains("is not a finite number"));
}

#[test]
fn numeric_grids() {
    let s = load(BASE).expect("valid").scenario;
    let army = &s.issues[2];
    let ids: Vec<&str> = army.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100"
        ]
    );
    assert!(army.ordered, "numeric issues are ordered");
    // A real issue without a step is analysed on 101 points; the last is exactly max.
    let real = load(&with(
        "kind = \"integer\"\nmin = 0\nmax = 100\nstep = 10",
        "kind = \"real\"\nmin = 0\nmax = 0.3\nunit = \"km\"",
    ))
    .unwrap_or_else(|e| panic!("{e}"))
    .scenario;
    let levels = &real.issues[2].levels;
    assert_eq!(levels.len(), 101);
    assert_eq!(levels[100].x.map(f64::to_bits), Some(0.3f64.to_bits()));
    assert_eq!(levels[1].label, "0.003 km");
    // A step that does not divide the range stops below max.
    let odd = load(&with("step = 10", "step = 30"))
        .expect("valid")
        .scenario;
    let ids: Vec<&str> = odd.issues[2].levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["0", "30", "60", "90"]);
    // min = max: a single level.
    let one = load(
        &with("max = 100", "max = 0")
            .replace("[[0, 1.0], [100, 0.0]]", "[[0, 1.0]]")
            .replace("[[0, 0.0], [100, 1.0]]", "[[0, 0.0]]"),
    )
    .expect("valid");
    assert_eq!(one.scenario.issues[2].len(), 1);
}

#[test]
fn load_doc_validates_documents_built_in_code() {
    let mut doc = parse_doc(BASE, "t.toml", Format::Toml).expect("parses");
    assert!(load_doc(doc.clone(), "importer").is_ok());
    doc.parties[1].capability = Judgement::plain(f64::NAN);
    doc.preferences.shift_remove("a");
    let e = load_doc(doc, "importer").expect_err("invalid");
    let paths: Vec<String> = e.diagnostics.iter().map(|d| d.path.to_string()).collect();
    assert!(
        paths.contains(&"parties[1].capability".to_string()),
        "{paths:?}"
    );
    assert!(paths.contains(&"parties[0].id".to_string()), "{paths:?}");
    for d in &e.diagnostics {
        assert_eq!(d.file.as_deref(), Some("importer"));
        assert_eq!(d.location, None, "documents built in code have no lines");
    }
}

#[test]
fn json_diagnostics_are_located_too() {
    let doc = parse_doc(BASE, "t.toml", Format::Toml).expect("parses");
    let json = accord_model::to_json(&doc).expect("json");
    let bad = json.replacen("\"capability\": 2.0", "\"capability\": -2.0", 1);
    let e = load_str(&bad, "t.json", Format::Json).expect_err("invalid");
    let d = &e.diagnostics[0];
    let line = bad
        .lines()
        .position(|l| l.contains("\"capability\": -2.0"))
        .expect("line")
        + 1;
    assert_eq!(d.location.map(|l| l.line), Some(line));
    assert_eq!(d.path.to_string(), "parties[1].capability");
    // A JSON value function in the bare form is located at the offending point.
    let mut doc = doc;
    let army = doc
        .preferences
        .get_mut("b")
        .and_then(|p| p.values.get_mut("army"))
        .expect("values.army of b");
    *army = ValuesDoc::Points(PointsDoc {
        points: vec![[0.0, 0.0], [50.0, 0.5], [100.0, 7.0]],
        ..PointsDoc::default()
    });
    let bad = accord_model::to_json(&doc).expect("json");
    let e = load_str(&bad, "t.json", Format::Json).expect_err("invalid");
    let d = &e.diagnostics[0];
    assert_eq!(d.path.to_string(), "preferences.b.values.army.points[2]");
    let line = bad.lines().position(|l| l.trim() == "7.0").expect("line") + 1;
    assert_eq!(
        d.location.map(|l| l.line),
        Some(line - 2),
        "at the `[` of the point"
    );
}
