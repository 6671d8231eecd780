#!/usr/bin/python3
"""Issue 25's four figures from one run (bench/scale_bench.sh writes them to
bench/results/<stamp>-scale/summary.json; bench/REPORT.md section 8 quotes one):
  (a) worker peak memory and input-load time vs league size (4, 8, 16, 32 seasons);
  (b) output bytes per stored value on the real data;
  (c) the side-by-side ratio against the project's Python baseline (full rerun at
      np=3 with mpirun; import plus full rerun);
  (d) a model of a 32-season rerun on 4, 16 and 64 nodes from measured per-unit
      costs (bench/projection.py).
Wall times come from this driver, the split from the program's timers."""
import json
import os
import shutil
import statistics
import sys

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import manifest, recorder, run_cmd, sh, start  # noqa: E402
from projection import project  # noqa: E402

args, B, W, log = start(5, "an older build (whole-store loading), for memory and load side by side")
record = recorder(log)
summary = {"machine": {"cores": os.cpu_count(), "uname": " ".join(os.uname())}}
here = os.path.dirname(os.path.abspath(__file__))


def stored_values(index_path):
    """Values in the index's datasets (a matrix cell counts as a value)."""
    n = 0
    with h5py.File(index_path, "r") as f:
        def visit(_, d):
            nonlocal n
            if isinstance(d, h5py.Dataset):
                n += int(d.size)
        f.visititems(visit)
    return n


def store_rows(path):
    """Phase 3 rows in an input store (every table)."""
    with h5py.File(path, "r") as f:
        return sum(int(f["tables"][t].attrs["rows"]) for t in f["tables"])


def shard_bytes(out):
    root = os.path.join(out, "shards")
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs)


# (c) and (b): the real data. C++ repetitions before and after the baseline, so
# both halves of the machine's drift are in the medians.
store, out = os.path.join(W, "real.h5"), os.path.join(W, "real-out")
imports, reruns, both = [], [], []


def cpp_reps(n):
    for _ in range(n):
        t_import = sh([B, "--quiet", "import", "--from", args.data, "--store", store])
        shutil.rmtree(out, ignore_errors=True)
        t_run = sh(run_cmd(B, 3, store, out))
        imports.append(t_import), reruns.append(t_run), both.append(t_import + t_run)
        record("real", t_run, config="np=3 full rerun", seconds_import=t_import, timers=manifest(out)["timers"])


cpp_reps(args.reps // 2 + 1)
t = sh(["/usr/bin/python3", os.path.join(here, "python_baseline.py"), args.data, os.path.join(W, "baseline.json")])
base = json.load(open(os.path.join(W, "baseline.json")))
record("python_baseline", t, **base)
cpp_reps(args.reps - args.reps // 2 - 1)
values = stored_values(os.path.join(out, "index.h5"))
summary["real"] = {
    "python_baseline_seconds": t, "python_baseline": base,
    "import_median": statistics.median(imports), "rerun_median": statistics.median(reruns),
    "import_plus_rerun_median": statistics.median(both),
    "reruns": [round(x, 3) for x in reruns], "import_plus_reruns": [round(x, 3) for x in both],
    "ratio_rerun": t / statistics.median(reruns), "ratio_import_plus_rerun": t / statistics.median(both),
    "shard_bytes": shard_bytes(out), "stored_values": values, "bytes_per_value": shard_bytes(out) / values,
    "timers": manifest(out)["timers"],
}
print("real:", {k: v for k, v in summary["real"].items() if not isinstance(v, (dict, list))}, flush=True)

# (a): synthetic leagues, np=3, the default partition; the older build beside it.
summary["leagues"] = []
for seasons in (4, 8, 16, 32):
    csv, lstore, lout = (os.path.join(W, f"syn-{seasons}{x}") for x in ("", ".h5", "-out"))
    sh([B, "--quiet", "synth", "--out", csv, "--seasons", str(seasons), "--store", lstore])
    entry = {"seasons": seasons, "store_bytes": os.path.getsize(lstore)}
    builds = [("this", B, lstore)]
    if args.compare_bin:
        older_store = os.path.join(W, f"syn-{seasons}-older.h5")
        sh([os.path.abspath(args.compare_bin), "--quiet", "import", "--from", csv, "--store", older_store])
        builds.append(("older", os.path.abspath(args.compare_bin), older_store))
    for label, binary, s in builds:
        shutil.rmtree(lout, ignore_errors=True)
        wall = sh(run_cmd(binary, 3, s, lout))
        m = manifest(lout)
        tm = m["timers"]
        loads = [u["seconds_load"] for u in m["units"] if "seconds_load" in u]
        entry[label] = {"wall": wall, "worker_peak_rss_kb": tm["worker_peak_rss_kb"],
                        "store_open_max": tm["seconds_load_max"], "slice_loads": len(loads),
                        "slice_load_mean": statistics.mean(loads) if loads else None,
                        "slice_load_max": max(loads) if loads else None,
                        "rows_loaded_mean": tm.get("rows_loaded", 0) / max(1, len(loads)),
                        "first_input_seconds": tm["seconds_load_max"] + (loads and max(loads) or 0),
                        "units_wall": tm["seconds_units_wall"], "timers": tm}
        record("league", wall, config=f"{seasons} seasons, {label} build", **entry[label])
    summary["leagues"].append(entry)
    shutil.rmtree(lout, ignore_errors=True)
    if seasons != 32:
        shutil.rmtree(csv, ignore_errors=True)

# (d): per-unit costs of a 32-season rerun at days:7, the partition `auto` picks
# for more than ~64 workers, then the model.
lstore, lout = os.path.join(W, "syn-32.h5"), os.path.join(W, "syn-32-days7")
shutil.rmtree(lout, ignore_errors=True)
wall = sh(run_cmd(B, 3, lstore, lout, "--partition", "days:7"))
m = manifest(lout)
record("projection_input", wall, config="32 seasons, days:7, np=3", timers=m["timers"])
summary["projection_input"] = {"wall": wall, "timers": m["timers"],
                               "units": [{k: u.get(k) for k in ("dates", "seconds_compute", "seconds_write", "seconds_load")}
                                         for u in m["units"]],
                               "shard_bytes": shard_bytes(lout), "store_bytes": os.path.getsize(lstore),
                               "store_rows": store_rows(lstore)}
summary["projection"] = project(summary["projection_input"], seasons=32)
json.dump(summary, open(os.path.join(args.out, "summary.json"), "w"), indent=1, default=lambda o: o.item())
print(json.dumps(summary["projection"], indent=1))
print("summary written", flush=True)
