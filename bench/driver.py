#!/usr/bin/python3
"""Runs every benchmark of bench/run_bench.sh and writes measurements.jsonl and
summary.json into --out. Wall times come from this driver; the per-phase split
comes from the program's own timers (manifest.json "timers")."""
import json
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import manifest, recorder, run_cmd as run_cmd_of, sh, start  # noqa: E402

args, B, W, log = start(3, "an older build of nba-precompute, timed against this one (np=3, default units, interleaved)")
record = recorder(log)
summary = {}


def median_of(name, runs, **extra):
    med = statistics.median(r["seconds"] for r in runs)
    summary.setdefault(name, []).append({"median_seconds": med, "reps": len(runs),
                                         "all": [round(r["seconds"], 3) for r in runs], **extra})
    return med


def median_run(runs):
    """The run whose time is the median (the upper one of an even count)."""
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def run_cmd(np, store, out, *opts):
    return run_cmd_of(B, np, store, out, *opts)


def timers_of(out):
    return manifest(out)["timers"]


def du_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def compare_builds(name, csv_dir, this_store, older_store_name, reps, what):
    """The older build (--compare-bin) against this one at np=3, alternating so
    both see the same machine (its speed drifts by tens of percent within
    minutes). Each build reads a store it imported itself from csv_dir: the
    store format can differ between builds (format 2 changed the fingerprint
    hash)."""
    binaries = summary["compare_bins"]
    stores = {"this": this_store, "older": os.path.join(W, older_store_name)}
    sh([binaries["older"], "--quiet", "import", "--from", csv_dir, "--store", stores["older"]])
    out = os.path.join(W, "cmp")
    runs = {"older": [], "this": []}
    for k in range(reps):
        for label in ("older", "this"):
            shutil.rmtree(out, ignore_errors=True)
            cmd = run_cmd_of(binaries[label], 3, stores[label], out)
            runs[label].append(record(name, sh(cmd), config=f"{label} build np=3{what}", build=label, rep=k,
                                      timers=timers_of(out)))
    for label, rs in runs.items():
        median_of(name, rs, build=label)
    shutil.rmtree(out, ignore_errors=True)


FIRST_TOUCH = """
import mmap, time
n = 1 << 30
m = mmap.mmap(-1, n)
t0 = time.perf_counter()
for i in range(0, n, 4096):
    m[i] = 1
print(time.perf_counter() - t0)
"""


def first_touch_probe(when):
    """Seconds to write one byte into each 4 kB page of 1 GiB of fresh memory.
    On this project's VMs the cost of a page the process has not touched yet
    moves by 3x within an hour (freed memory goes back to the host), and every
    run here starts by filling its memory: the probe says what state the
    machine was in when the runs around it were timed. In a child process:
    Linux hands a process's peak RSS on to the children it forks and execs, so
    1 GiB touched here would show up as the peak memory of every np=1 run."""
    s = float(subprocess.run([sys.executable, "-c", FIRST_TOUCH], check=True, capture_output=True,
                             text=True).stdout)
    summary.setdefault("first_touch_1gib", []).append({"when": when, "seconds": s})
    record("first_touch_1gib", s, config=when)


print("machine:", os.cpu_count(), "cores", flush=True)
summary["machine"] = {"cores": os.cpu_count(), "uname": " ".join(os.uname())}
first_touch_probe("start")

# 1. Import of the real Phase 3 exports.
store = os.path.join(W, "real.h5")
runs = [record("import", sh([B, "--quiet", "import", "--from", args.data, "--store", store]), rep=k)
        for k in range(args.reps)]
median_of("import", runs)

# 2. Full rerun of all five processors: ranks x unit size.
#    "auto" is the default (decision 45: days:56 for one or two workers).
configs = [(1, "auto"), (2, "auto"), (3, "auto"), (3, "days:28"), (3, "days:14"), (3, "week"), (3, "season"), (3, "days:3")]
for np, part in configs:
    runs = []
    for k in range(args.reps):
        out = os.path.join(W, "full")
        shutil.rmtree(out, ignore_errors=True)
        s = sh(run_cmd(np, store, out, "--partition", part))
        runs.append(record("full_rerun", s, config=f"np={np} {part}", np=np, partition=part, rep=k,
                           timers=timers_of(out)))
    med = median_of("full_rerun", runs, np=np, partition=part, timers=median_run(runs)["timers"])
out_bytes = du_bytes(os.path.join(W, "full"))

# 2b. Before/after: an older build against this one, alternating so both see the
#     same machine (this machine's speed drifts by tens of percent within minutes).
if args.compare_bin:
    for label, binary in (("older", os.path.abspath(args.compare_bin)), ("this", B)):
        summary.setdefault("compare_bins", {})[label] = binary
    compare_builds("compare", args.data, store, "real-older.h5", args.reps, "")
summary["output_bytes"] = out_bytes

# 3. A one-week gap on a complete output (7 dates recomputed, index rebuilt).
full = os.path.join(W, "full")
shutil.rmtree(full, ignore_errors=True)
sh(run_cmd(3, store, full))
for np in (1, 3):
    runs = [record("week_gap", sh(run_cmd(np, store, full, "--start", "2024-01-08", "--end", "2024-01-14", "--force")),
                   config=f"np={np}", np=np, rep=k) for k in range(args.reps)]
    median_of("week_gap", runs, np=np)

# 4. Fixed costs: the MPI start-up floor (3 ranks of a program that only
#    initialises MPI, waits at a barrier and finalises, as nba-precompute
#    starts and ends), mpirun alone (3 ranks of /bin/true, no MPI library), and
#    a run with nothing to do.
floor_bin = os.path.join(os.path.dirname(B), "..", "bench", "mpi_floor")
runs = [record("mpi_floor", sh(["mpirun", "-np", "3", "--oversubscribe", floor_bin]), rep=k) for k in range(args.reps)]
median_of("mpi_floor", runs)
# The same without naming the ob1 layer (Open MPI's default: it probes UCX and libfabric first).
runs = [record("mpi_floor_default_pml", sh(["env", "-u", "OMPI_MCA_pml", "mpirun", "-np", "3", "--oversubscribe",
                                            floor_bin]), rep=k) for k in range(args.reps)]
median_of("mpi_floor_default_pml", runs)
runs = [record("mpirun_floor", sh(["mpirun", "-np", "3", "--oversubscribe", "true"]), rep=k) for k in range(args.reps)]
median_of("mpirun_floor", runs)
runs = [record("noop_run", sh(run_cmd(3, store, full)), config="np=3, everything fresh", rep=k) for k in range(args.reps)]
median_of("noop_run", runs)

# 5. Lower bound: read the input, write the same number of output bytes (fsync'd).
in_bytes = sum(os.path.getsize(os.path.join(args.data, f)) for f in os.listdir(args.data))
runs = []
for k in range(args.reps):
    target = os.path.join(W, "dd.out")
    t_read = sh(["sh", "-c", f"cat {args.data}/* {store} > /dev/null"])
    t_write = sh(["dd", "if=/dev/zero", f"of={target}", "bs=1M", f"count={max(1, out_bytes >> 20)}", "conv=fsync"])
    os.remove(target)
    runs.append(record("io_bound", t_read + t_write, read=t_read, write=t_write, rep=k))
median_of("io_bound", runs, input_bytes=in_bytes, output_bytes=out_bytes)

first_touch_probe("before the synthetic leagues")

# 6. Cost growth: synthetic leagues of 1, 4, 16, 32 seasons, and 4x the players per team.
for seasons, scale in ((1, 1), (4, 1), (16, 1), (32, 1), (4, 4)):
    syn = os.path.join(W, f"syn-{seasons}-{scale}")
    sh([B, "--quiet", "synth", "--out", syn, "--seasons", str(seasons), "--roster-scale", str(scale),
        "--store", syn + ".h5"])
    reps = args.reps if seasons <= 4 else 1
    runs = []
    for k in range(reps):
        out = syn + "-out"
        shutil.rmtree(out, ignore_errors=True)
        s = sh(run_cmd(3, syn + ".h5", out))
        runs.append(record("growth", s, config=f"{seasons} seasons x{scale} players", seasons=seasons,
                           roster_scale=scale, rep=k, timers=timers_of(out)))
    median_of("growth", runs, seasons=seasons, roster_scale=scale, timers=median_run(runs)["timers"])
    shutil.rmtree(syn + "-out", ignore_errors=True)

# 6b. The growth target (32 seasons within 9x of 4 seasons, fixed costs removed)
#     from adjacent runs: the 4- and 32-season leagues alternate, so both see the
#     same machine (one 32-season run took 9.8x a 4-season median taken minutes
#     earlier, and 7.7x the 4-season run next to it).
pairs = []
for k in range(args.reps):
    units = {}
    for seasons in (4, 32):
        syn = os.path.join(W, f"syn-{seasons}-1")
        out = syn + "-out"
        shutil.rmtree(out, ignore_errors=True)
        s = sh(run_cmd(3, syn + ".h5", out))
        t = timers_of(out)
        units[seasons] = t["seconds_units_wall"]
        record("growth_pair", s, config=f"{seasons} seasons, pair {k}", seasons=seasons, rep=k, timers=t)
        shutil.rmtree(out, ignore_errors=True)
    pairs.append(units[32] / units[4])
    print(f"  growth pair {k}: units phase 32/4 seasons = {pairs[-1]:.2f}x", flush=True)
summary["growth_pairs"] = {"units_ratio_32_over_4": pairs, "median": statistics.median(pairs)}

# 6c. Before/after on the 32-season league too (2.6 GB of shards, where the
#     page cache and the VM's memory weigh most), alternating, each build on a
#     store it imported itself from the same synthetic CSVs.
if args.compare_bin:
    syn = os.path.join(W, "syn-32-1")
    compare_builds("compare_32_seasons", syn, syn + ".h5", "syn-32-1-older.h5", max(1, args.reps - 2), ", 32 seasons")

# 7. Baseline: a straightforward Python implementation of the same five
#    processors (tests/reference), same inputs, compute only (no comparison).
here = os.path.dirname(os.path.abspath(__file__))
s = sh(["/usr/bin/python3", os.path.join(here, "python_baseline.py"), args.data, os.path.join(W, "baseline.json")])
base = json.load(open(os.path.join(W, "baseline.json")))
record("python_baseline", s, dates=base["dates"], seconds_compute=base["seconds_compute"])
summary["python_baseline"] = {"seconds_total": s, **base}

first_touch_probe("end")
json.dump(summary, open(os.path.join(args.out, "summary.json"), "w"), indent=1)
print("summary written", flush=True)
