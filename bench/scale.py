"""Scale (issues 8 and 20): N notices through the whole pipeline, every figure of issue 20's
targets table in one JSON line.

    python bench/scale.py --notices N --corpus sample|synthetic [--work DIR] [--baseline]
                          [--keep] [--baseline-timeout S] [--repo DIR]
    python bench/scale.py --notices N --corpus … --work DIR --validation-only   # a kept build

--repo measures another checkout of kgtools (e.g. ``git archive HEAD | tar -x -C DIR`` while
the working tree is mid-edit); its subprocesses run there and this process imports from
there. ``git`` in the JSON is the state of that folder's repository (empty when it is not one).

Corpus ``sample``: N copies of the real sample data/notices/dandong-kexie-2024.txt under
invented names (``dandong-kexie-2024-c000001.txt`` …; the notice id comes from the file
name). The copies' text is identical, byte for byte: only the names differ. Corpus
``synthetic``: N fictional notices from bench/synth.py (varied text, 5–60 findings).
Sources are written one at a time (no N texts in memory) into WORK/<corpus>-<N>/src.

Stages, each run as a user runs it (a subprocess, so its time includes imports, and its
peak memory is measured alone; the measured kgtools is compiled to bytecode first, as pip
installs it):

1. cold build: ``python -m kgtools build SRC --out OUT`` with default flags (the report
   included), under ``/usr/bin/time -v``;
2. disk: the output folder after the cold build, by top-level entry (generic: the build's
   layout is changing);
3. validation, cold cache: the validation cache deleted first (kgtools.validate.cache's
   CACHE_NAME, and any top-level ``validation-cache*``: .json before issue 20, .sqlite
   with its -wal/-shm after), then ``python -m kgtools validate
   OUT`` (engine auto, text report to a file) — the CLI, not the in-process function;
4. 1 % rebuild: 1 % of the sources (spread evenly) get a changed sentence, then the same
   build command; then the no-change rebuild; with --rebuilds K, K more 1 % rebuilds in a
   row (other notices each time), each one's seconds and the store's size after it;
5. library queries in-process (kgtools.query.query(name, OUT/store) in this process):
   median of 3 (once for a query over 10 s) for every query of the catalog;
6. CLI overhead: ``python -m kgtools query NAME --store OUT/store`` wall time minus the
   in-process time of the same query, median of 5 each (also ``kgtools --help``);
7. optional (--baseline): the naive baseline in a subprocess of this script: rdflib Graph in
   memory of every notice's triples + the ontology, then pySHACL on the whole graph; its
   seconds and its ratio to ours (cold build + cold validation).

Peak RSS of a subprocess stage: ``rss_max_mb`` is /usr/bin/time's maximum resident set
size (the largest single process of the tree, as RUSAGE_CHILDREN reports it);
``rss_tree_mb`` is the largest sum of RSS over the whole process tree, sampled every 0.5 s
from /proc (the workers included). In-process stages report this process's ru_maxrss.

Each stage's figures go to stderr as soon as it completes (``[scale] stage …``) and to
WORK/<corpus>-<N>/figures.partial.json, so a killed run still tells something; a heartbeat
every 60 s reports a running subprocess's time and memory. At the end one JSON line on
stdout. The build and sources are deleted at the end unless --keep (logs and the partial
figures stay). ``vs_today`` holds each figure divided by issue 20's "today" value.
See bench/exponents.py for the scaling exponents between runs at different N.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the kgtools measured: see --repo
sys.path.insert(0, str(Path(__file__).resolve().parent))

SAMPLE = ROOT / "data" / "notices" / "dandong-kexie-2024.txt"
# (sentence in every source of the corpus, its changed form) for the 1 % rebuild
CHANGES = {
    "sample": ("打造特色工作品牌。", "打造特色工作品牌，定期复查。"),
    "synthetic": ("持续巩固整改成果", "持续巩固整改成果并定期复查"),
}
# issue 20's "today" values (2-core machine): figure → today
TODAY = {
    "cold_notices_per_s": 11.5,
    "disk_per_notice_kb": 1870.0,
    "rebuild_1pct_s": 60.9,  # at 1 000 notices (the target is at 10 000)
    "cli_query_overhead_s": 1.15,  # the middle of 0.9–1.4 s
    "slowest_query_s": 0.59,  # at 10 000 notices
    "validation_notices_per_s": 90.0,  # the middle of 58–123 /s
}
HEARTBEAT_S = 60.0
SLOW_QUERY_S = 10.0

Figures = dict[str, Any]


def log(message: str) -> None:
    print(f"[scale {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- memory ---------------------------------------------------------------------------


def _children_table() -> dict[int, list[tuple[int, int]]]:
    """ppid → [(pid, rss pages)] of every process readable in /proc."""
    table: dict[int, list[tuple[int, int]]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after "pid (comm) "
        table.setdefault(int(fields[1]), []).append((int(entry), int(fields[21])))
    return table


def tree_rss_mb(root: int) -> float:
    """The summed RSS of ``root`` and all its descendants, in MB."""
    table = _children_table()
    total = sum(rss for kids in table.values() for pid, rss in kids if pid == root)
    stack = [root]
    while stack:
        for pid, rss in table.get(stack.pop(), []):
            total += rss
            stack.append(pid)
    return total * os.sysconf("SC_PAGE_SIZE") / 1e6


def self_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- running stages -------------------------------------------------------------------


def run_timed(cmd: list[str], *, name: str, logs: Path, ok: tuple[int, ...] = (0,),
              timeout: float | None = None) -> Figures:  # fmt: skip
    """Run ``cmd`` under /usr/bin/time -v; its wall seconds, CPU seconds (a figure that
    depends less on what else the machine runs), exit code and peak memory.

    stdout and stderr go to ``logs/<name>.out`` / ``.err``. The command runs in its own
    process group, killed (by its id) after ``timeout`` seconds.

    :raises RuntimeError: an exit code not in ``ok``, or the timeout reached.
    """
    logs.mkdir(parents=True, exist_ok=True)
    time_file = logs / f"{name}.time"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    with open(logs / f"{name}.out", "wb") as out, open(logs / f"{name}.err", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", str(time_file), *cmd],
                                stdout=out, stderr=err, cwd=ROOT, env=env,
                                start_new_session=True)  # fmt: skip
        peak_tree = 0.0
        last_beat = start
        while proc.poll() is None:
            peak_tree = max(peak_tree, tree_rss_mb(proc.pid))
            now = time.perf_counter()
            if timeout and now - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise RuntimeError(f"{name}: stopped after {timeout:.0f} s")
            if now - last_beat >= HEARTBEAT_S:
                log(f"{name}: running {now - start:.0f} s, tree RSS {peak_tree:.0f} MB (peak)")
                last_beat = now
            try:
                proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                pass
        wall = time.perf_counter() - start
    if proc.returncode not in ok:
        tail = (logs / f"{name}.err").read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"{name}: exit {proc.returncode}: {' '.join(cmd)}\n{tail}")
    timing = time_file.read_text()
    max_kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
    cpu = [float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", timing)]
    return {
        "s": round(wall, 2),
        "cpu_s": round(sum(cpu), 2),  # user and system, with the children it waited for
        "exit": proc.returncode,
        "rss_max_mb": round(int(max_kb.group(1)) / 1024, 1) if max_kb else None,
        "rss_tree_mb": round(peak_tree, 1),
    }


def median_time(fn: Callable[[], object], times: int) -> float:
    values = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return statistics.median(values)


def kgtools_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kgtools", *args]


# --- corpus ---------------------------------------------------------------------------


def write_sources(src: Path, n: int, corpus: str) -> list[str]:
    """Write the N sources, one at a time; their file names, in order."""
    from synth import notice

    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    sample = SAMPLE.read_bytes() if corpus == "sample" else b""
    names = []
    for i in range(n):
        if corpus == "sample":
            name = f"{SAMPLE.stem}-c{i + 1:06d}.txt"
            (src / name).write_bytes(sample)
        else:
            name, text = notice(i, 0)
            (src / name).write_text(text, encoding="utf-8")
        names.append(name)
        if (i + 1) % 10_000 == 0:
            log(f"sources: {i + 1}/{n}")
    return names


def change_sources(src: Path, names: list[str], corpus: str, series: int = 0) -> int:
    """Change one sentence in 1 % of the sources (at least one), spread evenly; how many.
    Each ``series`` (0, 1, …) takes the next source of each stride: other notices."""
    old, new = CHANGES[corpus]
    count = max(1, len(names) // 100)
    for k in range(count):
        path = src / names[(k * len(names) // count + series) % len(names)]
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise RuntimeError(f"{path}: no {old!r} to change")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return count


# --- figures --------------------------------------------------------------------------


def _size(path: Path) -> tuple[int, int]:
    """(apparent bytes, allocated bytes) of a file or a folder's files."""
    if path.is_file() or path.is_symlink():
        st = path.lstat()
        return st.st_size, st.st_blocks * 512
    size = blocks = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                st = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            size += st.st_size
            blocks += st.st_blocks * 512
    return size, blocks


def disk_figures(out: Path, n: int) -> Figures:
    """The output folder's size: total, per notice and by top-level entry."""
    parts: dict[str, float] = {}
    total = allocated = 0
    for entry in sorted(out.iterdir()):
        size, blocks = _size(entry)
        total += size
        allocated += blocks
        parts[entry.name + ("/" if entry.is_dir() else "")] = round(size / 1e6, 2)
    return {
        "disk_mb": round(total / 1e6, 1),
        "disk_allocated_mb": round(allocated / 1e6, 1),
        "disk_per_notice_kb": round(total / n / 1e3, 1),
        "disk_by_part_mb": dict(sorted(parts.items(), key=lambda kv: -kv[1])),
    }


def build_counts(stdout: str) -> dict[str, int]:
    """extracted/unchanged/removed from the build command's last summary line, if found."""
    found = re.search(r"(\d+) extracted, (\d+) unchanged, (\d+) removed", stdout)
    if not found:
        return {}
    return dict(zip(("extracted", "unchanged", "removed"), map(int, found.groups()), strict=True))


def validation_cache_paths(out: Path) -> list[Path]:
    """Where the validation cache of a build lives (kgtools/validate/cache.py)."""
    try:
        from kgtools.validate.cache import CACHE_NAME
    except ImportError:
        CACHE_NAME = "validation-cache.json"  # noqa: N806 (the name as cache.py spells it)
    paths = {out / CACHE_NAME, *out.glob("validation-cache*")}
    return [p for p in paths if p.exists()]


def tail(path: Path, size: int = 4096) -> str:
    """The last ``size`` bytes of a file as text ("" when missing): a report's verdict
    without reading a report of a million lines."""
    if not path.exists():
        return ""
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - size))
        return f.read().decode("utf-8", "replace")


def git_state() -> Figures:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    dirty = [
        line for line in git("status", "--porcelain", "--untracked-files=no").splitlines() if line
    ]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "dirty": bool(dirty),
            "dirty_files": len(dirty)}  # fmt: skip


# --- the baseline ---------------------------------------------------------------------


def baseline(src: Path) -> float:
    """rdflib Graph in memory + pySHACL on the whole graph: extract, emit, validate."""
    import pyshacl
    from rdflib import Graph

    from kgtools import extract_file, record_graph
    from kgtools.resources import load_ontology
    from kgtools.validate import load_shapes

    start = time.perf_counter()
    graph = Graph()
    for i, path in enumerate(sorted(src.glob("*.txt")), 1):
        for triple in record_graph(extract_file(path)):
            graph.add(triple)
        if i % 1000 == 0:
            log(f"baseline: {i} notices in memory, {len(graph)} triples")
    for triple in load_ontology():
        graph.add(triple)
    log(f"baseline: pySHACL on {len(graph)} triples")
    pyshacl.validate(graph, shacl_graph=load_shapes().graph, inference="none", allow_warnings=True)
    return time.perf_counter() - start


# --- the run --------------------------------------------------------------------------


class Run:
    """The figures of one run, each stage's written out as soon as it completes."""

    def __init__(self, work: Path, figures: Figures) -> None:
        self.work = work
        self.figures = figures
        self.partial = work / "figures.partial.json"

    def stage(self, name: str, values: Figures) -> None:
        self.figures.update(values)
        log(f"stage {name}: {json.dumps(values, ensure_ascii=False)}")
        self.partial.write_text(
            json.dumps(self.figures, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def queries_in_process(store: Path, repeat: int) -> dict[str, float]:
    from kgtools.query import catalog, query

    medians = {}
    for info in catalog():
        start = time.perf_counter()
        query(info.name, store)
        first = time.perf_counter() - start
        times = [first]
        if first < SLOW_QUERY_S:
            times += [
                median_time(lambda n=info.name: query(n, store), 1) for _ in range(repeat - 1)
            ]
        medians[info.name] = round(statistics.median(times), 3)
        log(f"query {info.name}: {medians[info.name]} s")
    return medians


def cli_overhead(store: Path, name: str, times: int) -> Figures:
    from kgtools.query import query

    rows = len(query(name, store).rows)
    inside = median_time(lambda: query(name, store), times)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def cli(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run(kgtools_cmd(*args), cwd=ROOT, env=env, check=True,
                                      stdout=subprocess.DEVNULL)  # fmt: skip

    wall = median_time(cli("query", name, "--store", str(store)), times)
    return {
        "cli_query": name,
        "cli_query_rows": rows,
        "cli_query_wall_s": round(wall, 3),
        "cli_query_in_process_s": round(inside, 3),
        "cli_query_overhead_s": round(wall - inside, 3),
        "cli_help_s": round(median_time(cli("--help"), times), 3),
    }


def header(args: argparse.Namespace) -> Figures:
    """What a run measured, where and when: the first figures of its JSON line."""
    return {"notices": args.notices, "corpus": args.corpus, "cpus": os.cpu_count(),
            "repo": str(ROOT), "git": git_state(), "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine_ms": machine_ms()}  # fmt: skip


def machine_ms() -> float:
    """The machine's speed now: milliseconds of a fixed CPU workload (hashing, JSON and a
    regular expression over the sample's text), the median of 5. It does not depend on
    kgtools, so two runs' figures compare code only when their ``machine_ms`` (taken at the
    start, and again at the end as ``machine_ms_end``) agree: this machine's speed drifted
    by a third within an hour (issue 20's session 12)."""
    import hashlib

    text = SAMPLE.read_text(encoding="utf-8")
    pattern = re.compile(r"[（(][一二三四五六七八九十]+[）)]|\d+[人项件个次]")

    def work() -> None:
        for _ in range(300):
            hashlib.sha256(text.encode("utf-8")).hexdigest()
            json.loads(json.dumps([text[i : i + 50] for i in range(0, len(text), 50)]))
            pattern.findall(text)

    return round(median_time(work, 5) * 1000, 1)


def run(args: argparse.Namespace) -> Figures:
    """The whole run; a stage that fails ends it with ``error`` among the figures."""
    n, corpus = args.notices, args.corpus
    work = args.work / f"{corpus}-{n}"
    src, out, logs = work / "src", work / "build", work / "logs"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    r = Run(work, {**header(args), "build_args": args.build_args})
    start = time.perf_counter()
    try:
        stages(r, args, src, out, logs)
    except Exception as exc:  # the figures so far, and why the rest is missing
        r.stage("error", {"error": f"{type(exc).__name__}: {exc}".splitlines()[0],
                          "error_detail": str(exc)[-1500:]})  # fmt: skip
    r.figures["vs_today"] = {k: round(r.figures[k] / today, 3) for k, today in TODAY.items()
                             if isinstance(r.figures.get(k), int | float)}  # fmt: skip
    rss = [v for k, v in r.figures.items() if "rss" in k and isinstance(v, int | float)]
    r.figures["peak_rss_mb"] = max(rss, default=None)
    r.figures["total_s"] = round(time.perf_counter() - start, 1)
    r.figures["machine_ms_end"] = machine_ms()
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(src, ignore_errors=True)
    return r.figures


def validation_only(args: argparse.Namespace) -> Figures:
    """The validation stage alone, on a kept build (e.g. a 100 000 run's, measured apart)."""
    work = args.work / f"{args.corpus}-{args.notices}"
    out = work / "build"
    if not (out / "store").is_dir():
        sys.exit(f"--validation-only: no build at {out}; run once with --keep first")
    logs = work / "logs-validation"
    shutil.rmtree(logs, ignore_errors=True)
    r = Run(work, {**header(args), "stages": "validation only"})
    r.partial = work / "figures.validation.json"
    try:
        validation_stage(r, out, args.notices, logs)
    except Exception as exc:
        r.stage("error", {"error": f"{type(exc).__name__}: {exc}".splitlines()[0]})
    if isinstance(rate := r.figures.get("validation_notices_per_s"), int | float):
        r.figures["vs_today"] = {
            "validation_notices_per_s": round(rate / TODAY["validation_notices_per_s"], 3)
        }
    r.figures["machine_ms_end"] = machine_ms()
    return r.figures


def validation_stage(r: Run, out: Path, n: int, logs: Path) -> None:
    """``kgtools validate OUT`` with the validation cache deleted first."""
    removed = validation_cache_paths(out)
    for path in removed:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    report = logs / "validation-report.txt"
    validation = run_timed(kgtools_cmd("validate", str(out), "--out", str(report)),
                           name="validate-cold", logs=logs, ok=(0, 1))  # fmt: skip
    err = (logs / "validate-cold.err").read_text(encoding="utf-8", errors="replace")
    cached = re.search(r"(\d+) unchanged \(results from", err)
    summary = re.search(r"(\d+) notice\(s\): (\d+) violation\(s\), (\d+) warning\(s\)",
                        tail(report))  # fmt: skip
    r.stage("validation, cold cache", {
        "validation_how": "python -m kgtools validate OUT (subprocess, engine auto)",
        "validation_cache_deleted": [p.name for p in removed],
        "validation_from_cache": int(cached.group(1)) if cached else 0,
        "validation_cache_after": [p.name for p in validation_cache_paths(out)],
        "validation_s": validation["s"],
        "validation_notices_per_s": round(n / validation["s"], 2),
        "validation_rss_max_mb": validation["rss_max_mb"],
        "validation_rss_tree_mb": validation["rss_tree_mb"],
        "violations": int(summary.group(2)) if summary else None,
        "warnings": int(summary.group(3)) if summary else None,
    })  # fmt: skip


def repeated_rebuilds(build: list[str], src: Path, out: Path, names: list[str],
                      args: argparse.Namespace, logs: Path) -> dict[str, Any]:  # fmt: skip
    """--rebuilds K: K more 1 % rebuilds one after the other, each of other notices, as a
    user's daily builds go: each one's seconds and the store's size after it (the store's
    background compaction, which each build's end waits for, comes and goes)."""
    seconds, cpu, store_mb = [], [], []
    for k in range(1, args.rebuilds + 1):
        change_sources(src, names, args.corpus, series=k)
        timed = run_timed(build, name=f"build-1pct-{k}", logs=logs)
        seconds.append(timed["s"])
        cpu.append(timed["cpu_s"])
        store_mb.append(round(_size(out / "store")[0] / 1e6, 1))
        log(f"rebuild {k}: {seconds[-1]} s, store {store_mb[-1]} MB")
    disk = disk_figures(out, args.notices)
    return {
        "rebuilds_s": seconds,
        "rebuilds_median_s": statistics.median(seconds),
        "rebuilds_cpu_s": cpu,
        "rebuilds_store_mb": store_mb,
        "rebuilds_disk_per_notice_kb": disk["disk_per_notice_kb"],
    }


def stages(r: Run, args: argparse.Namespace, src: Path, out: Path, logs: Path) -> None:
    """Every stage, in order, each one's figures recorded as it completes."""
    n, corpus = args.notices, args.corpus
    start = time.perf_counter()
    names = write_sources(src, n, corpus)
    src_bytes = _size(src)[0]
    r.stage("sources", {"sources_s": round(time.perf_counter() - start, 1),
                        "source_kb_per_notice": round(src_bytes / n / 1e3, 2)})  # fmt: skip

    build = kgtools_cmd("build", str(src), "--out", str(out), *args.build_args.split())
    cold = run_timed(build, name="build-cold", logs=logs)
    r.stage("cold build", {
        "cold_build_s": cold["s"],
        "cold_build_cpu_s": cold["cpu_s"],
        "cold_notices_per_s": round(n / cold["s"], 2),
        "cold_build_rss_max_mb": cold["rss_max_mb"],
        "cold_build_rss_tree_mb": cold["rss_tree_mb"],
        **{f"cold_{k}": v for k, v in build_counts((logs / "build-cold.out").read_text()).items()},
    })  # fmt: skip
    disk = disk_figures(out, n)
    if n <= args.quads_max:
        from kgtools.build.store import open_read_only

        disk["quads_per_notice"] = round(len(open_read_only(out / "store")) / n, 1)
    r.stage("disk", disk)

    if not args.skip_validation:
        validation_stage(r, out, n, logs)
    changed = change_sources(src, names, corpus)
    rebuild = run_timed(build, name="build-1pct", logs=logs)
    r.stage("1 % rebuild", {
        "rebuild_1pct_changed": changed,
        "rebuild_1pct_s": rebuild["s"],
        "rebuild_1pct_cpu_s": rebuild["cpu_s"],
        "rebuild_1pct_rss_max_mb": rebuild["rss_max_mb"],
        "rebuild_1pct_rss_tree_mb": rebuild["rss_tree_mb"],
        **{f"rebuild_1pct_{k}": v for k, v in build_counts((logs / "build-1pct.out").read_text()).items()},
    })  # fmt: skip
    same = run_timed(build, name="build-nochange", logs=logs)
    r.stage("no-change rebuild", {
        "rebuild_nochange_s": same["s"],
        "rebuild_nochange_rss_max_mb": same["rss_max_mb"],
        "rebuild_nochange_rss_tree_mb": same["rss_tree_mb"],
    })  # fmt: skip
    if args.rebuilds:
        r.stage("repeated 1 % rebuilds", repeated_rebuilds(build, src, out, names, args, logs))

    medians = queries_in_process(out / "store", args.repeat)
    slowest = max(medians, key=lambda k: medians[k])
    r.stage("queries", {
        "query_s": medians,
        "slowest_query": slowest,
        "slowest_query_s": medians[slowest],
        "queries_rss_mb": self_rss_mb(),
    })  # fmt: skip
    r.stage("cli overhead", cli_overhead(out / "store", args.cli_query, 5))

    if args.baseline:
        base = [sys.executable, str(Path(__file__).resolve()), "--repo", str(ROOT),
                "--baseline-only", str(src)]  # fmt: skip
        try:
            timed = run_timed(base, name="baseline", logs=logs,
                              timeout=args.baseline_timeout or None)  # fmt: skip
            seconds = json.loads((logs / "baseline.out").read_text())["baseline_s"]
            ours = r.figures["cold_build_s"] + r.figures["validation_s"]
            r.stage("baseline", {
                "baseline_s": round(seconds, 2),
                "baseline_wall_s": timed["s"],
                "baseline_rss_max_mb": timed["rss_max_mb"],
                "ours_build_plus_validation_s": round(ours, 2),
                "baseline_over_ours": round(seconds / ours, 2),
            })  # fmt: skip
        except RuntimeError as exc:
            r.stage("baseline", {"baseline_error": str(exc).splitlines()[0]})


def measure(repo: Path) -> None:
    """Measure the kgtools of ``repo``: subprocesses run there, imports come from there."""
    global ROOT
    ROOT = repo.resolve()
    sys.path.insert(0, str(ROOT))
    # An installed kgtools has its bytecode: pip compiles it. A checkout run where
    # PYTHONDONTWRITEBYTECODE is set (this machine sets it) would compile every module at
    # each command's start, 0.1-0.15 s of each.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kgtools")], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--corpus", choices=["sample", "synthetic"], default="sample")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgtools-scale"))
    parser.add_argument("--baseline", action="store_true", help="also run the naive baseline")
    parser.add_argument("--baseline-timeout", type=float, default=0,
                        help="give the baseline up after this many seconds (0: no limit)")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the sources and the build")
    parser.add_argument("--skip-validation", action="store_true",
                        help="no cold-cache validation stage (it takes ~25 min at 100 000)")  # fmt: skip
    parser.add_argument("--build-args", default="",
                        help="more arguments for every `kgtools build`, e.g. --no-report")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs per in-process query")
    parser.add_argument("--rebuilds", type=int, default=0,
                        help="after the no-change rebuild, this many more 1 %% rebuilds in a "
                             "row, each of other notices (up to 99)")  # fmt: skip
    parser.add_argument("--cli-query", default="notices", help="the query of the CLI overhead")
    parser.add_argument("--quads-max", type=int, default=10_000,
                        help="count the store's quads up to this many notices")  # fmt: skip
    parser.add_argument("--repo", type=Path, default=None,
                        help="the kgtools checkout to measure (default: this one), e.g. a "
                             "`git archive` of a commit while the working tree is mid-edit")  # fmt: skip
    parser.add_argument("--validation-only", action="store_true",
                        help="only the cold-cache validation of the build an earlier --keep run "
                             "left at the same --work, --corpus and --notices")  # fmt: skip
    parser.add_argument("--baseline-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repo and not (args.repo / "kgtools" / "__init__.py").is_file():
        parser.error(f"--repo {args.repo}: no kgtools/__init__.py there")
    if not 0 <= args.rebuilds <= 99:
        parser.error("--rebuilds: from 0 to 99 (each takes the next source of every 100)")
    measure(args.repo or ROOT)
    if args.baseline_only:
        print(json.dumps({"baseline_s": baseline(args.baseline_only)}))
        return
    figures = validation_only(args) if args.validation_only else run(args)
    print(json.dumps(figures, ensure_ascii=False), flush=True)
    if "error" in figures:
        sys.exit(1)


if __name__ == "__main__":
    main()
