#!/usr/bin/env python3
"""accord vs NegMAS 0.16 on the same analysis: Pareto frontier + Nash point.

Two modes.

**Synthetic** (default): bilateral linear-additive domains with ``n`` issues of 10 values
each (10^n outcomes). For each size the same numbers go to both tools:

- an accord scenario (TOML) with every weight and value written by ``repr(float)`` (so it
  parses back to the same bits);
- NegMAS ``LinearAdditiveUtilityFunction`` objects built in a fresh worker process from
  the same generator (``random.Random`` with a fixed string seed, so the numbers are
  identical).

Every value table is shifted so that each issue has a value of exactly 0: each party's
minimum utility is then exactly 0 and its reserved value is 0, so NegMAS's ``nash_points``
disagreement point (reserved value if finite and >= the minimum, else the minimum) and
accord's (the reservation) are both 0, and NegMAS's rational-only filter keeps every
outcome.

NegMAS: ``pareto_frontier(ufuns, issues=...)`` + ``nash_points(ufuns, frontier,
outcome_space=...)`` timed in-process (best of R), peak RSS from ``getrusage``.
accord: ``crates/accord-analysis/examples/bench_pareto.rs`` (its own timing, best of R,
and the whole process timed from outside: start, load, analyse, print).

Answers are checked: frontier size, the set of frontier utility vectors (matched within
1e-9, scaled by max(1, |u|): NegMAS collapses only bit-identical vectors, accord merges
coordinates within 1e-12) and the Nash utilities.

**--genius**: real GENIUS folders loaded by both tools (NegMAS
``Scenario.from_genius_folder(path, ignore_discount=True)``; accord with NegMAS semantics),
then frontier + Nash. NegMAS's frontier keeps only outcomes at or above every reserved
value, so it is compared with accord's zone frontier (every party at least its
reservation); the Nash point is compared with accord's ``nash_negmas_rule`` (NegMAS's
disagreement rule). When the rational frontier is empty, NegMAS's whole-space frontier
(reserved values set to -inf, not timed) is compared with accord's whole frontier.

Run from the repository root:

    export CARGO_TARGET_DIR=/work/target-bench
    cargo build --release -p accord-analysis --example bench_pareto
    cargo build --release -p accord-cli            # optional, for the `accord analyze` column
    scripts/.venv/bin/python scripts/bench_negmas_analysis.py               # 10^4..10^6
    scripts/.venv/bin/python scripts/bench_negmas_analysis.py --with-1e7    # + 10^7 (~1 min, 3.4 GB)
    scripts/.venv/bin/python scripts/bench_negmas_analysis.py --genius

Options: ``--sizes 4,5,6`` (exponents; 7 needs ``--with-1e7`` or listing it),
``--modes opposed,independent``, ``--reps R`` (accord), ``--negmas-reps R``,
``--json-out FILE`` (everything measured), ``--from-json FILE`` (reprint the tables),
``--process-reps R``, ``--bin PATH``, ``--accord PATH``, ``--genius-root DIR``,
``--domains A,B``.

This script only calls NegMAS's public API; it contains no NegMAS code.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
VALUES_PER_ISSUE = 10
TOL = 1e-9
DEFAULT_GENIUS = [
    "EnergyGridAgentHp2",
    "Energy",
    "KillerRobot",
    "Travel",
    "SupermarketA",
    "Wholesaler",
    "Politics",
    "CarA",
]


# ----------------------------------------------------------------------------- domain


def make_domain(mode: str, n_issues: int, k: int, seed: int) -> dict:
    """Weights and values of two parties, deterministic from (mode, n, k, seed)."""
    rng = random.Random(f"accord-bench/{mode}/{n_issues}x{k}/{seed}")
    issues = [f"i{i}" for i in range(n_issues)]
    options = [f"v{j}" for j in range(k)]

    def weights() -> list[float]:
        raw = [rng.random() + 0.05 for _ in issues]
        s = sum(raw)
        return [x / s for x in raw]

    def shift(vs: list[float]) -> list[float]:
        m = min(vs)
        return [x - m for x in vs]  # one value exactly 0 per issue; all in [0, 1)

    w1, w2 = weights(), weights()
    v1 = [shift([rng.random() for _ in options]) for _ in issues]
    if mode == "independent":
        v2 = [shift([rng.random() for _ in options]) for _ in issues]
    elif mode == "opposed":
        v2 = [
            shift([min(1.0, max(0.0, 1.0 - x + 0.1 * (rng.random() - 0.5))) for x in row])
            for row in v1
        ]
    else:
        raise ValueError(f"unknown mode {mode}")
    return {
        "id": f"bench-{mode}-{n_issues}x{k}-s{seed}",
        "mode": mode,
        "issues": issues,
        "options": options,
        "parties": ["a", "b"],
        "weights": [w1, w2],
        "values": [v1, v2],
        "reserved": [0.0, 0.0],
    }


def accord_toml(d: dict) -> str:
    out = [
        "[scenario]",
        f'id = "{d["id"]}"',
        f'title = "Synthetic {d["mode"]} bilateral linear-additive domain ({len(d["issues"])} x {len(d["options"])})"',
        "",
    ]
    for p in d["parties"]:
        out += ["[[parties]]", f'id = "{p}"', f'name = "{p.upper()}"', 'role = "principal"', "capability = 1", ""]
    for i in d["issues"]:
        opts = ", ".join(f'"{o}"' for o in d["options"])
        out += ["[[issues]]", f'id = "{i}"', f'name = "{i}"', f"options = [{opts}]", ""]
    for pi, p in enumerate(d["parties"]):
        out.append(f"[preferences.{p}]")
        out.append(f"reservation = {d['reserved'][pi]!r}")
        ws = ", ".join(f"{i} = {w!r}" for i, w in zip(d["issues"], d["weights"][pi]))
        out.append(f"weights = {{ {ws} }}")
        for i, row in zip(d["issues"], d["values"][pi]):
            vs = ", ".join(f"{o} = {v!r}" for o, v in zip(d["options"], row))
            out.append(f"values.{i} = {{ {vs} }}")
        out.append("")
    return "\n".join(out)


# ----------------------------------------------------------------------------- workers


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def worker_synthetic(mode: str, n: int, k: int, seed: int, reps: int) -> dict:
    import warnings

    warnings.filterwarnings("ignore")
    t = time.perf_counter()
    from negmas.outcomes import make_issue, make_os
    from negmas.preferences import LinearAdditiveUtilityFunction, nash_points, pareto_frontier

    import_s = time.perf_counter() - t
    d = make_domain(mode, n, k, seed)
    issues = [make_issue(list(d["options"]), name=i) for i in d["issues"]]
    os_ = make_os(issues)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values={i: dict(zip(d["options"], row)) for i, row in zip(d["issues"], d["values"][p])},
            weights=dict(zip(d["issues"], d["weights"][p])),
            outcome_space=os_,
            reserved_value=d["reserved"][p],
        )
        for p in range(2)
    ]
    rss_before = current_rss_mb()
    best = math.inf
    cpu_best = math.inf
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        front, idx = pareto_frontier(ufuns, issues=issues)
        nash = nash_points(ufuns, front, outcome_space=os_)
        t1, c1 = time.perf_counter(), time.process_time()
        best = min(best, t1 - t0)
        cpu_best = min(cpu_best, c1 - c0)
        del idx
    return {
        "outcomes": k**n,
        "seconds": best,
        "cpu_seconds": cpu_best,
        "reps": reps,
        "import_seconds": import_s,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
        "frontier": [list(map(float, p)) for p in front],
        "nash": [list(map(float, u)) for u, _ in nash],
        "minmax": [list(u.minmax()) for u in ufuns],
    }


def worker_genius(path: str, reps: int, whole_check: bool) -> dict:
    import warnings

    warnings.filterwarnings("ignore")
    from negmas.inout import Scenario
    from negmas.preferences import nash_points, pareto_frontier

    best = {"load": math.inf, "analysis": math.inf, "total": math.inf}
    for _ in range(reps):
        t0 = time.perf_counter()
        sc = Scenario.from_genius_folder(path, ignore_discount=True)
        t1 = time.perf_counter()
        ufuns = list(sc.ufuns)
        issues = list(sc.outcome_space.issues)
        front, idx = pareto_frontier(ufuns, issues=issues)
        nash = nash_points(ufuns, front, outcome_space=sc.outcome_space)
        t2 = time.perf_counter()
        best["load"] = min(best["load"], t1 - t0)
        best["analysis"] = min(best["analysis"], t2 - t1)
        best["total"] = min(best["total"], t2 - t0)
    out = {
        "outcomes": int(sc.outcome_space.cardinality),
        "ufuns": [type(u).__name__ for u in ufuns],
        "reserved": [float(u.reserved_value) for u in ufuns],
        "minmax": [list(map(float, u.minmax())) for u in ufuns],
        "seconds_load": best["load"],
        "seconds_analysis": best["analysis"],
        "seconds_total": best["total"],
        "reps": reps,
        "peak_rss_mb": peak_rss_mb(),
        "frontier": [list(map(float, p)) for p in front],
        "nash": [list(map(float, u)) for u, _ in nash],
        "whole_frontier": None,
    }
    if whole_check and not front:
        # Not timed: the frontier of the whole space, every outcome counted as rational.
        for u in ufuns:
            u.reserved_value = float("-inf")
        wf, _ = pareto_frontier(ufuns, issues=issues)
        out["whole_frontier"] = [list(map(float, p)) for p in wf]
    return out


# ----------------------------------------------------------------------------- helpers


def run_child(cmd: list[str]) -> tuple[str, float, float, int]:
    """Runs a command; returns stdout, wall seconds, peak RSS MB (of that child) and rc."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        if p.returncode != 0:
            sys.stderr.write(err.read().decode())
        return text, wall, ru.ru_maxrss / 1024.0, p.returncode


def negmas_worker(args: list[str]) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_worker", *args]
    text, wall, rss, rc = run_child(cmd)
    if rc != 0:
        raise RuntimeError(f"NegMAS worker failed: {' '.join(cmd)}")
    r = json.loads(text)
    r["process_wall_seconds"] = wall
    r["process_peak_rss_mb"] = rss
    return r


def accord_run(binary: Path, path: str, reps: int, process_reps: int) -> dict:
    text, _, _, rc = run_child([str(binary), path, "--reps", str(reps), "--frontier"])
    if rc != 0:
        raise RuntimeError(f"accord bench_pareto failed on {path}")
    r = json.loads(text)
    walls, rsss = [], []
    for _ in range(process_reps):
        _, wall, rss, rc = run_child([str(binary), path, "--reps", "1"])
        if rc != 0:
            raise RuntimeError(f"accord bench_pareto failed on {path}")
        walls.append(wall)
        rsss.append(rss)
    r["process_wall_seconds"] = min(walls)
    r["process_peak_rss_mb"] = max(rsss)
    return r


def accord_cli_run(accord: Path, path: str, process_reps: int) -> dict | None:
    if not accord.exists():
        return None
    walls = []
    out = None
    for _ in range(process_reps):
        text, wall, rss, rc = run_child(
            [str(accord), "analyze", path, "--semantics", "negmas", "--format", "json"]
        )
        if rc != 0:
            return {"error": f"exit {rc}"}
        walls.append(wall)
        out = text
    try:
        a = json.loads(out)
        pareto = a.get("pareto") or {}
    except (json.JSONDecodeError, AttributeError):
        pareto = {}
    return {
        "process_wall_seconds": min(walls),
        "pareto_size": pareto.get("size"),
        "nash_frontier": pareto.get("nash_frontier"),
    }


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def close_vec(a, b) -> bool:
    return a is not None and b is not None and len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))


def _near(points: list, keys: list, p) -> list[int]:
    """Indices of the points (sorted, `keys` their first coordinates) within TOL of p."""
    w = 2 * TOL * max(1.0, abs(p[0]))
    lo = bisect.bisect_left(keys, p[0] - w)
    out = []
    for j in range(lo, len(points)):
        if points[j][0] > p[0] + w:
            break
        if close_vec(p, points[j]):
            out.append(j)
    return out


def distinct(points: list) -> int:
    """Number of points left after merging points within TOL of an earlier one."""
    pts = sorted(points)
    keys = [p[0] for p in pts]
    kept = [False] * len(pts)
    n = 0
    for i, p in enumerate(pts):
        if not any(kept[j] for j in _near(pts, keys, p) if j < i):
            kept[i] = True
            n += 1
    return n


def compare_sets(negmas: list, accord: list) -> dict:
    """Compares two frontiers as sets of utility vectors, equal within TOL.

    NegMAS collapses only bit-identical vectors, so float noise (e.g. 4.33 against
    4.330000000000001 from a different order of additions or a rescaled weight) can leave
    two copies of one point in its frontier; accord merges coordinates within 1e-12.
    `identical` means every NegMAS point has an accord point within TOL and vice versa;
    `negmas_distinct` counts NegMAS's points after merging such copies.
    """
    acc, neg = sorted(accord), sorted(negmas)
    ka, kn = [p[0] for p in acc], [p[0] for p in neg]
    unmatched_negmas = [p for p in neg if not _near(acc, ka, p)]
    unmatched_accord = [p for p in acc if not _near(neg, kn, p)]
    nd = distinct(neg)

    def dominated_within_tol(p) -> bool:
        return any(all(x >= y - TOL * max(1.0, abs(y)) for x, y in zip(q, p)) for q in acc)

    noise = [p for p in unmatched_negmas if dominated_within_tol(p)]
    return {
        "negmas_size": len(negmas),
        "negmas_distinct": nd,
        "accord_size": len(accord),
        "unmatched_negmas": unmatched_negmas[:10],
        "unmatched_negmas_count": len(unmatched_negmas),
        "unmatched_accord": unmatched_accord[:10],
        "unmatched_accord_count": len(unmatched_accord),
        # NegMAS points that are not on accord's frontier but are dominated by one of its
        # points within TOL: dominated in exact arithmetic, kept by NegMAS through float
        # noise (e.g. 4.330000000000001 against 4.33).
        "unmatched_negmas_dominated_within_tol": len(noise),
        "identical": not unmatched_negmas and not unmatched_accord and nd == len(accord),
        "equivalent": len(noise) == len(unmatched_negmas) and not unmatched_accord,
    }


def machine() -> dict:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GB"
    except OSError:
        pass
    versions = {}
    try:
        out = subprocess.run(
            [sys.executable, "-c", "import negmas, numpy; print(negmas.__version__, numpy.__version__)"],
            capture_output=True,
            text=True,
        ).stdout.split()
        versions = {"negmas": out[0], "numpy": out[1]}
    except (IndexError, OSError):
        pass
    try:
        versions["rustc"] = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        **versions,
        "loadavg_start": os.getloadavg(),
    }


def fmt_s(x: float) -> str:
    if x is None:
        return "—"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 0.1:
        return f"{x:.2f}"
    if x >= 1e-3:
        return f"{x * 1e3:.2f} ms"
    return f"{x * 1e6:.0f} µs"


def fmt_ratio(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}×"
    return f"{x:.1f}×"


# ----------------------------------------------------------------------------- modes


def run_synthetic(a, binary: Path) -> list[dict]:
    rows = []
    workdir = Path(tempfile.mkdtemp(prefix="accord-bench-"))
    sizes = sorted(set(a.sizes + ([7] if a.with_1e7 else [])))
    for mode in a.modes:
        for n in sizes:
            if n >= 7 and not (a.with_1e7 or 7 in a.sizes):
                continue
            d = make_domain(mode, n, VALUES_PER_ISSUE, a.seed)
            f = workdir / f"{d['id']}.toml"
            f.write_text(accord_toml(d))
            load0 = os.getloadavg()[0]
            nreps = a.negmas_reps if n < 7 else 1
            print(f"[{mode} {n}x{VALUES_PER_ISSUE}] NegMAS ({nreps} rep)...", file=sys.stderr, flush=True)
            neg = negmas_worker(["synthetic", mode, str(n), str(VALUES_PER_ISSUE), str(a.seed), str(nreps)])
            print(f"[{mode} {n}x{VALUES_PER_ISSUE}] accord...", file=sys.stderr, flush=True)
            acc = accord_run(binary, str(f), a.reps, a.process_reps)
            load1 = os.getloadavg()[0]
            cmp = compare_sets(neg["frontier"], acc["zone_frontier"])
            whole = compare_sets(neg["frontier"], acc["frontier"])
            nash_same = any(close_vec(acc["nash"], u) for u in neg["nash"])
            nash_rule_same = any(close_vec(acc["nash_negmas_rule"], u) for u in neg["nash"])
            row = {
                "mode": mode,
                "shape": f"{n}x{VALUES_PER_ISSUE}",
                "outcomes": VALUES_PER_ISSUE**n,
                "toml": str(f),
                "negmas": {k: v for k, v in neg.items() if k != "frontier"},
                "accord": {k: v for k, v in acc.items() if k not in ("frontier", "zone_frontier")},
                "frontier_check": cmp,
                "whole_frontier_check": whole,
                "nash_identical": nash_same,
                "nash_negmas_rule_identical": nash_rule_same,
                "identical": cmp["identical"]
                and whole["identical"]
                and acc["pareto_size"] == cmp["negmas_distinct"]
                and nash_same
                and nash_rule_same,
                "verdict": verdict(cmp, whole, nash_same and nash_rule_same),
                "ratio_internal": neg["seconds"] / acc["seconds_analysis"],
                "ratio_process": neg["seconds"] / acc["process_wall_seconds"],
                "loadavg_1min": [load0, load1],
            }
            rows.append(row)
            print(json.dumps({k: row[k] for k in ("mode", "shape", "identical", "ratio_internal")}), file=sys.stderr)
    return rows


def verdict(cmp: dict, whole: dict | None, nash_same: bool) -> str:
    """`yes`, `yes, up to float noise (...)` or `NO (...)`."""
    checks = [c for c in (cmp, whole) if c is not None]
    if all(c["identical"] for c in checks) and nash_same:
        return "yes"
    if all(c["equivalent"] for c in checks) and nash_same:
        k = sum(c["unmatched_negmas_dominated_within_tol"] for c in checks)
        return f"yes, up to float noise ({k} extra NegMAS point{'s' if k != 1 else ''} dominated within 1e-9)"
    why = []
    for c in checks:
        if c["unmatched_accord_count"]:
            why.append(f"{c['unmatched_accord_count']} accord points not in NegMAS")
        n = c["unmatched_negmas_count"] - c["unmatched_negmas_dominated_within_tol"]
        if n:
            why.append(f"{n} NegMAS points not in accord")
    if not nash_same:
        why.append("Nash differs")
    return "NO (" + "; ".join(why) + ")"


def front_sizes(c: dict, accord_size) -> str:
    """`NegMAS raw (distinct within 1e-9) / accord`."""
    neg = str(c["negmas_size"])
    if c["negmas_distinct"] != c["negmas_size"]:
        neg += f" ({c['negmas_distinct']})"
    return f"{neg} / {accord_size if accord_size is not None else '—'}"


def print_synthetic(rows: list[dict]) -> None:
    print(
        "| domain (n issues × 10 values) | outcomes | NegMAS s | NegMAS peak RSS "
        "| accord s (in-process) | accord s (whole process) | accord peak RSS "
        "| ratio (in-process) | ratio (whole process) | frontier size NegMAS / accord "
        "| Nash (u₁, u₂) | same answers | load avg |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for r in rows:
        n, a = r["negmas"], r["accord"]
        nash = a["nash"]
        print(
            f"| {r['mode']} {r['shape'].replace('x', ' × ')} | {r['outcomes']:,} | {fmt_s(n['seconds'])} "
            f"| {n['peak_rss_mb']:,.0f} MB | {fmt_s(a['seconds_analysis'])} | {fmt_s(a['process_wall_seconds'])} "
            f"| {a['process_peak_rss_mb']:.0f} MB | {fmt_ratio(r['ratio_internal'])} | {fmt_ratio(r['ratio_process'])} "
            f"| {front_sizes(r['frontier_check'], a['pareto_size'])} "
            f"| ({nash[0]:.6f}, {nash[1]:.6f}) | {r['verdict']} "
            f"| {r['loadavg_1min'][0]:.1f}–{r['loadavg_1min'][1]:.1f} |"
        )


def run_genius(a, binary: Path, accord_cli: Path) -> list[dict]:
    rows = []
    root = Path(a.genius_root)
    for name in a.domains:
        path = root / name
        if not path.is_dir():
            print(f"skip {name}: not a folder", file=sys.stderr)
            continue
        load0 = os.getloadavg()[0]
        print(f"[genius {name}] NegMAS...", file=sys.stderr, flush=True)
        try:
            neg = negmas_worker(["genius", str(path), str(a.negmas_reps), "1"])
        except RuntimeError as e:
            print(f"skip {name}: {e}", file=sys.stderr)
            continue
        print(f"[genius {name}] accord...", file=sys.stderr, flush=True)
        acc = accord_run(binary, str(path), a.reps, a.process_reps)
        cli = accord_cli_run(accord_cli, str(path), a.process_reps)
        load1 = os.getloadavg()[0]
        cmp = compare_sets(neg["frontier"], acc["zone_frontier"])
        whole = compare_sets(neg["whole_frontier"], acc["frontier"]) if neg["whole_frontier"] is not None else None
        nash_rule_same = (not neg["nash"] and acc["nash_negmas_rule"] is None) or any(
            close_vec(acc["nash_negmas_rule"], u) for u in neg["nash"]
        )
        nash_plain_same = any(close_vec(acc["nash"], u) for u in neg["nash"])
        row = {
            "domain": name,
            "outcomes": neg["outcomes"],
            "parties": len(neg["ufuns"]),
            "negmas": {k: v for k, v in neg.items() if k not in ("frontier", "whole_frontier")},
            "accord": {k: v for k, v in acc.items() if k not in ("frontier", "zone_frontier")},
            "accord_cli": cli,
            "frontier_check": cmp,
            "whole_frontier_check": whole,
            "nash_negmas_rule_identical": nash_rule_same,
            "nash_accord_rule_identical": nash_plain_same,
            "identical": cmp["identical"] and nash_rule_same and (whole is None or whole["identical"]),
            "verdict": verdict(cmp, whole, nash_rule_same),
            "ratio_total_internal": neg["seconds_total"] / (acc["seconds_load"] + acc["seconds_analysis"]),
            "ratio_total_process": neg["seconds_total"] / acc["process_wall_seconds"],
            "loadavg_1min": [load0, load1],
        }
        rows.append(row)
        print(json.dumps({k: row[k] for k in ("domain", "identical", "ratio_total_process")}), file=sys.stderr)
    return rows


def print_genius(rows: list[dict]) -> None:
    print(
        "| domain | outcomes | parties | NegMAS load | NegMAS frontier + Nash | NegMAS peak RSS "
        "| accord load | accord frontier + Nash | accord whole process | `accord analyze` whole process "
        "| ratio (in-process) | ratio (accord whole process) | frontier size NegMAS / accord "
        "| same answers | load avg |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for r in rows:
        n, a, c = r["negmas"], r["accord"], r["accord_cli"]
        cli = fmt_s(c["process_wall_seconds"]) if c and "process_wall_seconds" in c else "—"
        fc, wf = r["frontier_check"], r["whole_frontier_check"]
        if a["points_kind"] != "exact":
            fs = f"{fc['negmas_size']:,} / sample of {fc['accord_size']}"
        else:
            fs = front_sizes(fc, a["zone_size"])
            if wf is not None:
                fs += f" (whole space: {front_sizes(wf, a['pareto_size'])})"
        print(
            f"| {r['domain']} | {r['outcomes']:,} | {r['parties']} | {fmt_s(n['seconds_load'])} "
            f"| {fmt_s(n['seconds_analysis'])} | {n['peak_rss_mb']:,.0f} MB | {fmt_s(a['seconds_load'])} "
            f"| {fmt_s(a['seconds_analysis'])} | {fmt_s(a['process_wall_seconds'])} | {cli} "
            f"| {fmt_ratio(r['ratio_total_internal'])} | {fmt_ratio(r['ratio_total_process'])} | {fs} "
            f"| {r['verdict']} | {r['loadavg_1min'][0]:.1f}–{r['loadavg_1min'][1]:.1f} |"
        )


def print_report(m: dict, rows: list[dict], genius: bool) -> None:
    print(
        f"\n{m['date']} · {m['cpu']} · {m['cores']} cores · {m['memory']} · Python {m['python']} · "
        f"NegMAS {m.get('negmas')} · numpy {m.get('numpy')} · {m.get('rustc')} · "
        f"load avg (1/5/15 min) at start {tuple(round(x, 2) for x in m['loadavg_start'])}, "
        f"at end {tuple(round(x, 2) for x in m['loadavg_end'])}\n"
    )
    if genius:
        print_genius(rows)
    else:
        print_synthetic(rows)
    for r in rows:
        if r["verdict"] != "yes":
            name = r.get("domain") or (r["mode"] + " " + r["shape"])
            detail = {k: r[k] for k in r if k.endswith("check") or k.startswith("nash")}
            print(f"\nDIFFERENCE in {name}: " + json.dumps(detail))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--_worker":
        kind, rest = sys.argv[2], sys.argv[3:]
        if kind == "synthetic":
            mode, n, k, seed, reps = rest
            r = worker_synthetic(mode, int(n), int(k), int(seed), int(reps))
        else:
            path, reps, whole = rest
            r = worker_genius(path, int(reps), whole == "1")
        print(json.dumps(r))
        return

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="4,5,6", help="exponents n (10^n outcomes), e.g. 4,5,6,7")
    ap.add_argument("--with-1e7", action="store_true", help="add 10^7 outcomes (NegMAS ~1 min, 3.4 GB)")
    ap.add_argument("--modes", default="opposed,independent")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reps", type=int, default=5, help="accord repetitions inside the process (best of)")
    ap.add_argument("--process-reps", type=int, default=3, help="accord whole-process runs (best of)")
    ap.add_argument("--negmas-reps", type=int, default=3, help="NegMAS repetitions (best of; 1 at 10^7)")
    ap.add_argument("--genius", action="store_true", help="GENIUS folders instead of synthetic domains")
    ap.add_argument("--genius-root", default=str(ROOT.parent / "shared" / "domains" / "genius"))
    ap.add_argument("--domains", default=",".join(DEFAULT_GENIUS))
    ap.add_argument("--bin", default=str(TARGET / "release" / "examples" / "bench_pareto"))
    ap.add_argument("--accord", default=str(TARGET / "release" / "accord"))
    ap.add_argument("--json-out", default=None, help="write every measurement and check as JSON")
    ap.add_argument("--from-json", default=None, help="print the tables of a saved --json-out file")
    a = ap.parse_args()
    a.sizes = [int(x) for x in a.sizes.split(",") if x]
    a.modes = [x for x in a.modes.split(",") if x]
    a.domains = [x for x in a.domains.split(",") if x]
    if a.from_json:
        saved = json.loads(Path(a.from_json).read_text())
        rows = saved["rows"]
        print_report(saved["machine"], rows, bool(rows) and "domain" in rows[0])
        return
    binary = Path(a.bin)
    if not binary.exists():
        sys.exit(
            f"{binary} not found: build it with `cargo build --release -p accord-analysis --example bench_pareto`"
        )
    if 7 in a.sizes:
        a.with_1e7 = True
    m = machine()
    if a.genius:
        rows = run_genius(a, binary, Path(a.accord))
    else:
        rows = run_synthetic(a, binary)
    m["loadavg_end"] = os.getloadavg()
    print_report(m, rows, a.genius)
    if a.json_out:
        Path(a.json_out).write_text(json.dumps({"machine": m, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
