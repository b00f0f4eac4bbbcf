#!/usr/bin/env python3
"""NegMAS 0.16 reference values for accord's GENIUS / GeniusWeb importer.

For every shared domain folder NegMAS can load, writes ``tests/fixtures/negmas/DOMAIN.json``
with:

- the issues (names, NegMAS issue type, values or bounds) in NegMAS's order;
- one entry per profile (file, NegMAS ufun name and class, reserved value);
- ``samples``: about 200 packages drawn with a fixed seed, written as value strings (real
  issues are sampled on accord's 101-point grid), and each profile's utility for each;
- ``pareto`` / ``nash``: the frontier NegMAS computes and its Nash point(s), for domains
  small enough to enumerate, together with the exact calls made (functions and arguments).

Folders NegMAS cannot load are listed, with the error, in ``_index.json``.

Run (from the repository root):

    python3 -m venv scripts/.venv
    scripts/.venv/bin/pip install -r scripts/requirements-negmas.txt
    scripts/.venv/bin/python scripts/negmas_reference.py

Options: ``--domains DIR`` (default ``../shared/domains``), ``--out DIR`` (default
``tests/fixtures/negmas``), ``--samples N`` (default 200).

This script only calls NegMAS's public API; it contains no NegMAS code.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import warnings
import zlib
from pathlib import Path

SEED = 20251123
MAX_ENUMERATE = 400_000  # outcomes; larger domains get samples only
MAX_FRONTIER_UTILITIES = 1000  # frontier points written with their utilities
MAX_FRONTIER_OUTCOMES = 300  # ... and with their outcomes
REAL_GRID_INTERVALS = 100  # accord analyses real issues on lo + k * (hi - lo) / 100


def value_string(v) -> str:
    """A value as accord matches it: strings as is, integers in decimal, floats by repr."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def number(x):
    """A float for JSON (None for NaN / infinities)."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def real_grid(lo: float, hi: float) -> list[float]:
    """accord's grid for a real issue without a step (same arithmetic, same bits)."""
    if hi <= lo:
        return [lo]
    step = (hi - lo) / REAL_GRID_INTERVALS
    n = math.floor((hi - lo) / step + 1e-9) + 1
    out = []
    for k in range(n):
        x = lo + step * k
        out.append(hi if abs(x - hi) < step * 1e-9 else x)
    return out


def describe_issue(issue) -> tuple[dict, list]:
    """JSON description of an issue and the list of values to sample from."""
    cls = type(issue).__name__
    if issue.is_continuous():
        lo, hi = float(issue.min_value), float(issue.max_value)
        return {"name": issue.name, "type": cls, "min": lo, "max": hi, "sampled_on": "accord 101-point grid"}, real_grid(lo, hi)
    values = list(issue.all)
    if cls == "ContiguousIssue":
        return {"name": issue.name, "type": cls, "min": int(issue.min_value), "max": int(issue.max_value)}, values
    return {"name": issue.name, "type": cls, "values": [value_string(v) for v in values]}, values


def load(folder: Path, kind: str):
    from negmas.inout import Scenario

    if kind == "genius":
        call = {"function": "negmas.inout.Scenario.from_genius_folder", "args": {"path": folder.name, "ignore_discount": True}}
        return Scenario.from_genius_folder(folder, ignore_discount=True), call
    call = {"function": "negmas.inout.Scenario.from_geniusweb_folder", "args": {"path": folder.name, "ignore_discount": True}}
    return Scenario.from_geniusweb_folder(folder, ignore_discount=True), call


def reference(folder: Path, kind: str, n_samples: int) -> dict:
    import negmas
    from negmas.preferences import nash_points, pareto_frontier

    scenario, load_call = load(folder, kind)
    if scenario is None:
        raise RuntimeError("NegMAS returned no scenario")
    issues = list(scenario.outcome_space.issues)
    described = [describe_issue(i) for i in issues]
    ufuns = list(scenario.ufuns)

    rng = random.Random(SEED + zlib.crc32(folder.name.encode()))
    samples = []
    for _ in range(n_samples):
        outcome = tuple(rng.choice(vals) for _, vals in described)
        samples.append(outcome)
    utilities = [[number(u(o)) for o in samples] for u in ufuns]

    profiles = []
    for u in ufuns:
        path = getattr(u, "path", None)
        profiles.append(
            {
                "file": Path(path).name if path else None,
                "ufun_name": u.name,
                "ufun_class": type(u).__name__,
                "reserved_value": number(u.reserved_value),
            }
        )

    out = {
        "domain": folder.name,
        "format": kind,
        "negmas_version": negmas.__version__,
        "seed": SEED + zlib.crc32(folder.name.encode()),
        "calls": [load_call, {"function": "UtilityFunction.__call__", "args": {"outcome": "each sampled package (a tuple in issue order)"}}],
        "issues": [d for d, _ in described],
        "profiles": profiles,
        "samples": {
            "packages": [[value_string(v) for v in o] for o in samples],
            "utilities": utilities,
        },
    }

    n_outcomes = scenario.outcome_space.cardinality
    enumerable = all(not i.is_continuous() for i in issues) and n_outcomes <= MAX_ENUMERATE
    if not enumerable:
        out["pareto"] = {"skipped": f"{n_outcomes} outcomes (continuous issue or more than {MAX_ENUMERATE})"}
        return out
    outcomes = list(scenario.outcome_space.enumerate())
    frontier, indices = pareto_frontier(ufuns, outcomes=outcomes, sort_by_welfare=True)
    nash = nash_points(ufuns, frontier, outcome_space=scenario.outcome_space)
    out["calls"] += [
        {
            "function": "negmas.preferences.pareto_frontier",
            "args": {"ufuns": "all profiles, in `profiles` order", "outcomes": "list(outcome_space.enumerate()) (mixed radix, first issue most significant)", "sort_by_welfare": True},
            "notes": "keeps only rational outcomes (u >= reserved value for every ufun) and collapses duplicate utility vectors",
        },
        {
            "function": "negmas.preferences.nash_points",
            "args": {"ufuns": "all profiles", "frontier": "the frontier utilities above", "outcome_space": "the scenario's outcome space"},
            "notes": "argmax over the frontier of prod(u_i - d_i), d_i = reserved value if finite and >= the ufun minimum, else the minimum",
        },
    ]
    out["pareto"] = {
        "size": len(frontier),
        "max_welfare": number(max(sum(p) for p in frontier)) if frontier else None,
    }
    if len(frontier) <= MAX_FRONTIER_UTILITIES:
        out["pareto"]["utilities"] = [[number(x) for x in p] for p in frontier]
    if len(frontier) <= MAX_FRONTIER_OUTCOMES:
        out["pareto"]["outcomes"] = [[value_string(v) for v in outcomes[i]] for i in indices]
    out["nash"] = [
        {"utilities": [number(x) for x in utils], "outcome": [value_string(v) for v in outcomes[indices[k]]]}
        for utils, k in nash
    ]
    return out


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--domains", type=Path, default=here.parent / "shared" / "domains")
    ap.add_argument("--out", type=Path, default=here / "tests" / "fixtures" / "negmas")
    ap.add_argument("--samples", type=int, default=200)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    args.out.mkdir(parents=True, exist_ok=True)
    index = {"negmas_version": None, "written": [], "failed": {}}
    for kind in ("genius", "geniusweb"):
        root = args.domains / kind
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            try:
                ref = reference(folder, kind, args.samples)
            except Exception as e:  # noqa: BLE001 - record every loader failure
                index["failed"][f"{kind}/{folder.name}"] = f"{type(e).__name__}: {e}"
                print(f"{kind}/{folder.name}: NegMAS fails: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            index["negmas_version"] = ref["negmas_version"]
            name = folder.name if kind == "genius" else f"geniusweb-{folder.name}"
            text = json.dumps(ref, separators=(",", ":"), ensure_ascii=False)
            # One package / utility row per line keeps diffs readable.
            text = text.replace("],[", "],\n[")
            (args.out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
            index["written"].append(f"{name}.json")
            print(f"{kind}/{folder.name}: {len(ref['profiles'])} profiles, pareto {ref['pareto'].get('size', 'skipped')}")
    (args.out / "_index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
