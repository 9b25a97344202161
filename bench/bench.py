#!/usr/bin/python3
"""Benchmarks acm against the targets of SPEC §7 and prints a table per scale.

    bench.py [--scale 0.1,1,3] [--runs 5] [--import-runs 3] [--instructions] [--acm build-release/acm] [--work DIR]

For each scale: generates the workspace's files (bench/generate.py), imports them
with acm's own imports into a fresh workspace, applies history.sql with sqlite3,
then times every command of COMMANDS several times and prints, per command, the
median and min/max wall time, the peak RSS, the target and the comparison figure
measured in the same run (sqlite3 for startup and for the import). With more than
one scale it ends with how each figure grew. Times come from this process
(fork/exec included), peak RSS from one extra run under /usr/bin/time. With
--instructions, each command (but the imports and the million-row listing) also runs
once under valgrind's callgrind, and the growth table shows how its instructions grew:
unlike time, that count is the same from one run and one machine to the next.
"""
import argparse
import datetime
import itertools
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import generate  # noqa: E402

KEY = "acct-000042"  # an account that exists at every scale >= 0.01

# (label, acm arguments, target in ms, target peak RSS in MB or None, and optionally SQL that
# sqlite3 runs before each run, untimed, or NEXT_DAY: each run a day later than the one
# before). Neither target: a figure shown for information.
NEXT_DAY = "next day"
COMMANDS = [
    ("acm --version", ["--version"], 10, None),
    ("contract list --account", ["contract", "list", "--account", KEY], 10, None),
    ("account contact list", ["account", "contact", "list", KEY], 10, None),
    # The first rows of a long listing: --limit stops the query, not only the printing.
    ("escalate list --limit 10", ["escalate", "list", "--limit", "10"], 10, None),
    ("account list", ["account", "list"], 50, None),
    # The first listing of a day: every account's kept figures moved forward to it (each run
    # is a day later than the one before).
    ("account list, first of a day", ["account", "list"], 100, None, NEXT_DAY),
    # After every account changed (a new version for each, as a bulk SQL change or a change
    # of [health]/[fx] makes): every figure computed from scratch. Not a target.
    ("account list, every account changed", ["account", "list"], None, None,
     "UPDATE account_versions SET version = version + 1"),
    ("account show", ["account", "show", KEY], 50, None),
    ("report portfolio", ["report", "portfolio"], 1000, None),
    ("report retention", ["report", "retention", "--period", "2026", "--by", "quarter"], 1000, None),
    ("report arr", ["report", "arr", "--period", "2026", "--by", "month"], 1000, None),
    ("report renewals", ["report", "renewals", "--period", "2026"], 1000, None),
    ("report feedback", ["report", "feedback", "--period", "2026", "--by", "month"], 1000, None),
    ("report escalations", ["report", "escalations", "--period", "2026"], 1000, None),
    ("report health", ["report", "health"], 1000, None),
    ("report health --at", ["report", "health", "--at", "-90d"], 1000, None),
    # Every account's health at the end of each of 12 months, and every renewal closed in
    # 2026 against its health 90 days before its due date.
    ("report health --trend, 12 months", ["report", "health", "--trend", "--from", "2025-12-01", "--to", "2026-11-22",
                                          "--by", "month"], 1000, None),
    ("report health-backtest", ["report", "health-backtest", "--period", "2026", "--lead", "90d"], 1000, None),
    ("report profitability", ["report", "profitability", "--period", "2026", "--by", "segment"], 1000, None),
    ("report pipeline", ["report", "pipeline"], 1000, None),
    ("report account", ["report", "account", KEY, "--period", "2026"], 1000, None),
    ("report briefing", ["report", "briefing", "--since", "7d"], 1000, None),
    # What one CSM runs first every morning; the generated owners have 50 accounts each.
    ("agenda --owner", ["agenda", "--owner", "owner000"], 100, None),
    # Every owner's agenda at once: a row per account for its follow-ups and cadence, most of
    # the generated accounts being past both. Not a target.
    ("agenda, every owner", ["agenda"], None, None),
    ("feedback list --csv", ["feedback", "list", "--csv"], None, 50),
]
# Too slow under valgrind (minutes at 1x): left out of --instructions.
NOT_COUNTED = {"feedback list --csv"}
STARTUP = {"acm --version", "contract list --account", "account contact list", "escalate list --limit 10"}


def run(argv, env=None, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, rss=False):
    """Runs argv; returns (seconds, peak RSS in MB or None, CPU seconds). Fails loudly on a
    non-zero exit.

    The time is this process's wall clock around fork/exec/wait; the CPU time (user and
    system, every thread) is what the child used, from getrusage(RUSAGE_CHILDREN) before and
    after. On a shared VM the wall clock also counts time the host gave to others (steal);
    the CPU time does not, which makes its growth between scales the steadier figure. Peak
    RSS (rss=True) goes through /usr/bin/time: a child forked from Python inherits Python's
    RSS high-water mark across exec, so wait4() here would report at least Python's ~15 MB;
    /usr/bin/time is a small C program that forks from its own small image."""
    if rss:
        fd, report = tempfile.mkstemp(prefix="acm-bench-rss.")
        os.close(fd)
        argv = ["/usr/bin/time", "-o", report, "-f", "%M", *argv]
    used_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.run(argv, env=env, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (used.ru_utime - used_before.ru_utime) + (used.ru_stime - used_before.ru_stime)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} failed ({process.returncode}): {process.stderr.decode(errors='replace')}")
    peak = None
    if rss:
        with open(report) as f:
            peak = int(f.read().split()[-1]) / 1024
        os.remove(report)
    return seconds, peak, cpu


def instructions(argv, env):
    """The instructions argv executes (callgrind's "I refs"), acm and the libraries it calls."""
    process = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv], env=env,
                             stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", process.stderr)
    if process.returncode != 0 or not found:
        sys.exit(f"bench: valgrind {' '.join(argv)} failed ({process.returncode}): {process.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def summary(samples):
    """Times of the runs without /usr/bin/time when there are such runs (it adds an exec)."""
    timed = [s for s in samples if s[1] is None] or samples
    times = [s[0] * 1000 for s in timed]
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times),
            "cpu_ms": statistics.median(s[2] * 1000 for s in timed),
            "rss_mb": max(s[1] for s in samples if s[1] is not None), "runs": len(timed)}


def copy_workspace(source, target):
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
        if os.path.exists(source + suffix):
            shutil.copyfile(source + suffix, target + suffix)


def bench_scale(scale, args, env):
    folder = os.path.join(args.work, f"scale-{scale:g}")
    os.makedirs(folder, exist_ok=True)
    print(f"\n== scale {scale:g}: generating in {folder}", file=sys.stderr)
    counts = generate.generate(scale, folder, args.seed)
    files = {name: os.path.join(folder, name) for name in os.listdir(folder)}
    acm = lambda *a: [args.acm, "-q", *a]
    results = {"scale": scale, "counts": counts, "rows": sum(counts.values()), "commands": {}}

    # The workspace without feedback: accounts, contracts, usage imported once each.
    base = os.path.join(folder, "base.db")
    copy_workspace("/nonexistent", base)
    run(acm("init", base), env)
    for label, argv in [("account import", ["account", "import", files["accounts.csv"]]),
                        ("contract import", ["contract", "import", files["contracts.csv"]]),
                        ("usage import", ["account", "usage", "import", files["usage.csv"]])]:
        print(f"   {label}", file=sys.stderr)
        results["commands"][label] = summary([run(acm("-w", base, *argv), env, rss=True)])
    # history.sql names contracts by id: they must be 1..n in file order.
    check = subprocess.run(["sqlite3", base, "SELECT count(*), min(id), max(id) FROM contracts"],
                           capture_output=True, text=True, check=True).stdout.strip()
    if check != f"{counts['contracts']}|1|{counts['contracts']}":
        sys.exit(f"bench: contract ids are not 1..{counts['contracts']} ({check}); history.sql would not fit")
    print("   history.sql", file=sys.stderr)
    with open(files["history.sql"]) as sql:
        results["commands"]["sqlite3 < history.sql"] = summary([run(["sqlite3", "-bail", base], env, stdin=sql, rss=True)])

    # feedback import into a copy of that workspace, against sqlite3's .import of the same
    # file into a bare table of a fresh database; the runs alternate so that both see the
    # same load. The wide file fills the workspace the commands below run on; the narrow
    # one (account, date, nps, text) goes into a copy that is removed after.
    workspace = os.path.join(folder, "workspace.db")
    bare = os.path.join(folder, "bare.db")

    def import_feedback(name, target, ours_label, theirs_label):
        ours, theirs = [], []
        for i in range(args.import_runs):
            print(f"   {ours_label}, run {i + 1}", file=sys.stderr)
            copy_workspace(base, target)
            ours.append(run(acm("-w", target, "feedback", "import", files[name]), env, rss=True))
            copy_workspace("/nonexistent", bare)
            theirs.append(run(["sqlite3", bare, f".import --csv {files[name]} feedback"], env, rss=True))
        results["commands"][ours_label] = summary(ours)
        results["commands"][theirs_label] = summary(theirs)

    import_feedback("feedback.csv", workspace, "feedback import", "sqlite3 .import")
    narrow = os.path.join(folder, "narrow.db")
    import_feedback("feedback-narrow.csv", narrow, "feedback import, narrow file", "sqlite3 .import, narrow file")
    for path in (narrow, bare):
        copy_workspace("/nonexistent", path)  # removes it and its -wal and -shm
    # acm undo of that import, on a copy (the workspace goes on to the commands below).
    undone = os.path.join(folder, "undone.db")
    print("   undo of the feedback import", file=sys.stderr)
    copy_workspace(workspace, undone)
    results["commands"]["undo of feedback import"] = summary([run(acm("-w", undone, "undo"), env, rss=True)])
    def feedback_rows(path):
        return subprocess.run(["sqlite3", path, "SELECT count(*) FROM feedback"], capture_output=True, text=True,
                              check=True).stdout.strip()
    if feedback_rows(undone) != feedback_rows(base):
        sys.exit(f"bench: undoing the feedback import left {feedback_rows(undone)} rows, not {feedback_rows(base)}")
    os.remove(undone)
    # The whole workspace keeps its foreign keys (history.sql and the imports).
    violations = subprocess.run(["sqlite3", workspace, "PRAGMA foreign_key_check"], capture_output=True,
                                text=True, check=True).stdout
    if violations:
        sys.exit(f"bench: foreign key violations in {workspace}:\n{violations[:2000]}")

    # sqlite3's own start-up and trivial query: the yardstick for acm's.
    yardstick = ["sqlite3", ":memory:", "select 1"]
    results["commands"]["sqlite3 :memory: select 1"] = summary(
        [run(yardstick, env, rss=True)] + [run(yardstick, env) for _ in range(args.runs)])
    days = itertools.count(1)

    def set_up(before):
        """The command's untimed SQL, if it has any (COMMANDS), and its environment: with
        NEXT_DAY, today is a day later than at the run before."""
        if before and before[0] == NEXT_DAY:
            today = datetime.date.fromisoformat(env["ACM_TODAY"]) + datetime.timedelta(days=next(days))
            return dict(env, ACM_TODAY=today.isoformat())
        if before:
            run(["sqlite3", workspace, before[0]], env)
        return env

    for label, argv, _, _, *before in COMMANDS:
        print(f"   {label}", file=sys.stderr)

        def timed(rss=False):
            command_env = set_up(before)
            return run(acm("-w", workspace, *argv), command_env, rss=rss)

        # One run through /usr/bin/time for the peak RSS, which also warms the page cache;
        # then the timed runs.
        results["commands"][label] = summary([timed(rss=True)] + [timed() for _ in range(args.runs)])
    # Counted after every command was timed, so that valgrind's runs disturb no timing.
    for label, argv, _, _, *before in COMMANDS if args.instructions else []:
        if label in NOT_COUNTED:
            continue
        print(f"   {label}, instructions", file=sys.stderr)
        command_env = set_up(before)
        results["commands"][label]["instructions"] = instructions(acm("-w", workspace, *argv), command_env)
    with tempfile.TemporaryFile() as out:
        run(acm("-w", workspace, "feedback", "list", "--csv"), env, stdout=out)
        out.seek(0)
        results["feedback list rows"] = sum(1 for _ in out) - 1
    return results


def ms(value):
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def print_table(results):
    c = results["commands"]
    counts = results["counts"]
    print(f"\nscale {results['scale']:g}: {counts['accounts']:,} accounts, {counts['contracts']:,} contracts, "
          f"{counts['feedback']:,} feedback, {counts['usage']:,} usage, {counts['escalations']:,} escalations "
          f"({results['rows']:,} rows in all)")
    rows = [("command", "median ms", "min-max ms", "CPU ms", "peak RSS MB", "target", "comparison", "met",
             "instructions")]

    def add(label, target, comparison, met):
        r = c[label]
        counted = f"{r['instructions'] / 1e6:,.0f} M" if "instructions" in r else ""
        rows.append((label, ms(r["median_ms"]), f"{ms(r['min_ms'])}-{ms(r['max_ms'])}", ms(r["cpu_ms"]),
                     f"{r['rss_mb']:.1f}", target, comparison, met, counted))

    for label in ["account import", "contract import", "usage import", "sqlite3 < history.sql"]:
        add(label, "", "", "")
    for ours, theirs in [("feedback import", "sqlite3 .import"),
                         ("feedback import, narrow file", "sqlite3 .import, narrow file")]:
        ratio = c[ours]["median_ms"] / c[theirs]["median_ms"]
        add(ours, "<= 2x sqlite3", f"{ratio:.2f}x sqlite3 .import", "yes" if ratio <= 2 else "NO")
        add(theirs, "", "", "")
    add("undo of feedback import", "", "", "")
    baseline = c["sqlite3 :memory: select 1"]["median_ms"]
    add("sqlite3 :memory: select 1", "", "", "")
    for label, _, target_ms, target_mb, *_ in COMMANDS:
        r = c[label]
        if target_ms is None and target_mb is None:
            add(label, "", "", "")
            continue
        if target_mb is not None:
            met = r["rss_mb"] < target_mb
            add(label, f"< {target_mb} MB", f"{results['feedback list rows']:,} rows", "yes" if met else "NO")
            continue
        met = r["median_ms"] < target_ms
        comparison = f"{r['median_ms'] / baseline:.1f}x sqlite3" if label in STARTUP else \
            f"{r['median_ms'] / target_ms:.2f} of target"
        add(label, f"< {target_ms} ms", comparison, "yes" if met else "NO")
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) if i in (0, 5, 6, 7) else cell.rjust(widths[i])
                        for i, cell in enumerate(row)).rstrip())


def print_growth(all_results):
    """How each median grew from one scale to the next, against n log n of the rows."""
    print("\ngrowth of the median time (of its CPU time, instructions with --instructions, and peak RSS) "
          "between scales; n log n bound in brackets")
    pairs = list(zip(all_results, all_results[1:]))
    header = ["command"] + [f"{a['scale']:g}x" for a in all_results] + \
        [f"{a['scale']:g}->{b['scale']:g}x" for a, b in pairs]
    rows = [header]
    labels = [label for label in all_results[0]["commands"]]
    for label in labels:
        row = [label] + [ms(r["commands"][label]["median_ms"]) + " ms" for r in all_results]
        for a, b in pairs:
            n, m = a["rows"], b["rows"]
            bound = (m * math.log(m)) / (n * math.log(n))
            t = b["commands"][label]["median_ms"] / a["commands"][label]["median_ms"]
            cpu = b["commands"][label]["cpu_ms"] / max(a["commands"][label]["cpu_ms"], 0.1)
            rss = b["commands"][label]["rss_mb"] / a["commands"][label]["rss_mb"]
            counted = ""
            if "instructions" in a["commands"][label] and "instructions" in b["commands"][label]:
                counted = f", instr {b['commands'][label]['instructions'] / a['commands'][label]['instructions']:.2f}x"
            row.append(f"{t:.1f}x (cpu {cpu:.1f}x{counted}, rss {rss:.1f}x) [{bound:.2f}x]")
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="1", help="comma-separated scales; 1 = SPEC §7 (default 1)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--import-runs", type=int, default=3, help="timed feedback imports (default 3)")
    parser.add_argument("--acm", default=os.path.join(ROOT, "build-release", "acm"))
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "acm-bench"),
                        help="folder for the generated files and workspaces")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's instructions with valgrind (callgrind; slow)")
    args = parser.parse_args()
    if args.instructions and not shutil.which("valgrind"):
        sys.exit("bench: --instructions needs valgrind (apt-get install valgrind)")
    args.acm = os.path.abspath(args.acm)
    scratch = tempfile.mkdtemp(prefix="acm-bench-home.")
    env = dict(os.environ, ACM_TODAY="2026-11-22", ACM_CONFIG=os.path.join(HERE, "config.toml"), TZ="UTC",
               HOME=scratch, XDG_CONFIG_HOME=scratch, XDG_DATA_HOME=scratch, XDG_CACHE_HOME=scratch,
               LC_ALL="C.UTF-8")
    for name in ["ACM_WORKSPACE", "NO_COLOR", "CLICOLOR_FORCE", "COLUMNS"]:
        env.pop(name, None)
    all_results = []
    try:
        for scale in [float(s) for s in args.scale.split(",")]:
            all_results.append(bench_scale(scale, args, env))
            print_table(all_results[-1])
            sys.stdout.flush()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if len(all_results) > 1:
        print_growth(all_results)
    print(f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end; acm {args.acm}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(all_results, f, indent=1)


if __name__ == "__main__":
    main()
